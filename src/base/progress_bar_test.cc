// ProgressBar: the line for known and unknown totals (golden rows), and
// nothing drawn when disabled.
#include "src/base/progress_bar.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace concord {
namespace {

TEST(ProgressBarTest, Lines) {
  struct Row {
    const char* stage;
    const char* unit;
    uint64_t done, total, bytes;
    double seconds;
    const char* want;
  };
  const Row rows[] = {
      {"read", "articles", 0, 0, 0, 0.0, "[read] 0 articles"},
      {"read", "articles", 412000, 0, 58200000, 1.0,
       "[read] 412,000 articles  412,000/s  58.2 MB/s"},
      {"reuse", "stories", 500, 1000, 0, 10.0,
       "[reuse] 500 / 1,000 stories  50%  50/s  0:10 left"},
      {"cluster", "articles", 1000, 1000, 0, 2.0,
       "[cluster] 1,000 / 1,000 articles  100%  500/s"},
      {"reuse", "stories", 10, 100000, 0, 0.1,  // too early for a rate
       "[reuse] 10 / 100,000 stories  0%"},
      {"reuse", "stories", 1000, 61000, 0, 10.0,
       "[reuse] 1,000 / 61,000 stories  1%  100/s  10:00 left"},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(ProgressBar::Format(r.stage, r.unit, r.done, r.total, r.bytes,
                                  r.seconds),
              r.want);
  }
}

TEST(ProgressBarTest, DisabledDrawsNothing) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    ProgressBar bar(f, false);
    bar.Update("read", "articles", 10, 0, 0);
    bar.Finish();
  }
  EXPECT_EQ(std::ftell(f), 0L);
  {
    ProgressBar bar(f, true);
    bar.Update("read", "articles", 10, 0, 0);
  }  // the destructor clears the line
  EXPECT_GT(std::ftell(f), 0L);
  std::fclose(f);
}

}  // namespace
}  // namespace concord
