// SpillStore: records read back equal to what was appended, whether held in
// memory, spilled to the file, or split between the two; from several
// threads at once; and misuse is an error, not a crash.
#include "src/base/spill_store.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

namespace concord {
namespace {

std::vector<std::string> Records(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) {
    std::string r(rng() % 9000, '\0');  // some empty, some > a buffer's worth
    for (char& c : r) c = static_cast<char>(rng());
    out.push_back(std::move(r));
  }
  return out;
}

void ExpectRoundTrip(uint64_t budget, size_t n) {
  const std::vector<std::string> records = Records(n, 7);
  SpillStore store(budget, "");
  for (const std::string& r : records) ASSERT_TRUE(store.Append(r).ok());
  ASSERT_TRUE(store.Seal().ok());
  ASSERT_EQ(store.size(), records.size());
  std::string got;
  for (size_t i = records.size(); i-- > 0;) {  // backwards: random access
    ASSERT_TRUE(store.Read(i, &got).ok());
    ASSERT_EQ(got, records[i]) << "record " << i;
  }
  // View: the same bytes, from memory or (spilled) through the scratch.
  std::string scratch;
  std::string_view view;
  for (size_t i = 0; i < records.size(); ++i) {
    ASSERT_TRUE(store.View(i, &scratch, &view).ok());
    ASSERT_EQ(view, records[i]) << "record " << i;
  }
}

TEST(SpillStoreTest, AllInMemoryUnderTheBudget) {
  SpillStore store(64 << 20, "");
  ASSERT_TRUE(store.Append("hello").ok());
  ASSERT_TRUE(store.Seal().ok());
  EXPECT_EQ(store.spilled_bytes(), 0u);
  std::string got;
  ASSERT_TRUE(store.Read(0, &got).ok());
  EXPECT_EQ(got, "hello");
  ExpectRoundTrip(64 << 20, 2000);
}

TEST(SpillStoreTest, EverythingSpilledWithNoBudget) {
  SpillStore store(0, "");
  const std::vector<std::string> records = Records(500, 3);
  for (const std::string& r : records) ASSERT_TRUE(store.Append(r).ok());
  ASSERT_TRUE(store.Seal().ok());
  EXPECT_EQ(store.memory_bytes(), 0u);
  uint64_t total = 0;
  for (const std::string& r : records) total += r.size();
  EXPECT_EQ(store.spilled_bytes(), total);
  ExpectRoundTrip(0, 500);
}

TEST(SpillStoreTest, SplitBetweenMemoryAndFile) {
  // 2,000 records of ~4.5 KB: the first 4 MiB chunk fits, the rest spills.
  SpillStore store(5 << 20, "");
  const std::vector<std::string> records = Records(2000, 7);
  for (const std::string& r : records) ASSERT_TRUE(store.Append(r).ok());
  ASSERT_TRUE(store.Seal().ok());
  EXPECT_GT(store.memory_bytes(), 0u);
  EXPECT_LE(store.memory_bytes(), uint64_t{5} << 20);
  EXPECT_GT(store.spilled_bytes(), 0u);
  ExpectRoundTrip(5 << 20, 2000);
}

TEST(SpillStoreTest, ConcurrentReadsSeeTheirOwnRecords) {
  const std::vector<std::string> records = Records(3000, 11);
  SpillStore store(1 << 20, "");
  for (const std::string& r : records) ASSERT_TRUE(store.Append(r).ok());
  ASSERT_TRUE(store.Seal().ok());
  std::vector<int> bad(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::string got;
      for (size_t i = t; i < records.size(); i += 3) {
        if (!store.Read(i, &got).ok() || got != records[i]) ++bad[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(bad[t], 0) << "thread " << t;
}

TEST(SpillStoreTest, ViewOfARecordInMemoryIsNotACopy) {
  SpillStore store(64 << 20, "");
  ASSERT_TRUE(store.Append("first").ok());
  ASSERT_TRUE(store.Append("second").ok());
  ASSERT_TRUE(store.Seal().ok());
  std::string scratch;
  std::string_view a, b;
  ASSERT_TRUE(store.View(0, &scratch, &a).ok());
  ASSERT_TRUE(store.View(1, &scratch, &b).ok());
  EXPECT_EQ(a, "first");  // still valid after the second view
  EXPECT_EQ(b, "second");
  EXPECT_TRUE(scratch.empty());
  EXPECT_FALSE(store.View(2, &scratch, &a).ok());
}

TEST(SpillStoreTest, MisuseIsAnError) {
  SpillStore store(0, "");
  ASSERT_TRUE(store.Append("x").ok());
  std::string got;
  EXPECT_FALSE(store.Read(0, &got).ok());  // before Seal
  ASSERT_TRUE(store.Seal().ok());
  EXPECT_FALSE(store.Read(1, &got).ok());  // past the end
  EXPECT_FALSE(store.Append("y").ok());    // after Seal
}

TEST(SpillStoreTest, UnwritableDirectoryIsAnErrorNamingIt) {
  SpillStore store(0, "/nonexistent/concord-spill-dir");
  const Status s = store.Append("x");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nonexistent/concord-spill-dir"),
            std::string::npos);
}

}  // namespace
}  // namespace concord
