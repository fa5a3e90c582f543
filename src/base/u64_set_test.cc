#include "src/base/u64_set.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace concord {
namespace {

// Against std::set on keys that collide in their low and high bits, with
// key 0, across several growths and a Clear().
TEST(U64SetTest, InsertsLikeAStdSet) {
  std::mt19937_64 rng(7);
  U64Set set;
  std::set<uint64_t> ref;
  for (int round = 0; round < 2; ++round) {
    for (int k = 0; k < 20000; ++k) {
      const uint64_t r = rng();
      const uint64_t key = r % 3 == 0   ? r % 5000          // small
                           : r % 3 == 1 ? (r % 5000) << 40  // high bits
                                        : r;
      ASSERT_EQ(set.Insert(key), ref.insert(key).second) << key;
      ASSERT_EQ(set.size(), ref.size());
    }
    EXPECT_TRUE(set.Insert(0) == ref.insert(0).second);
    EXPECT_FALSE(set.Insert(0));
    EXPECT_EQ(set.size(), ref.size());
    const uint64_t bytes = set.MemoryBytes();
    EXPECT_GE(bytes, 2 * (set.size() - 1) * sizeof(uint64_t));  // 0 apart
    set.Clear();
    ref.clear();
    EXPECT_EQ(set.size(), 0u);
    EXPECT_EQ(set.MemoryBytes(), bytes);  // slots kept
    EXPECT_TRUE(set.Insert(12345));
    EXPECT_FALSE(set.Insert(12345));
    ref.insert(12345);
  }
}

}  // namespace
}  // namespace concord
