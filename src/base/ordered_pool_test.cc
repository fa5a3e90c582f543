// OrderedPool: results are committed in submission order whatever the
// threads' speeds, every job runs exactly once, the in-flight bound holds,
// and one thread runs everything inline.
#include "src/base/ordered_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace concord {
namespace {

TEST(OrderedPoolTest, CommitsInSubmissionOrder) {
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    std::vector<int> committed;
    {
      OrderedPool<int> pool(threads, 5,
                            [&](int&& v) { committed.push_back(v); });
      for (int i = 0; i < 500; ++i) {
        pool.Submit([i](unsigned) {
          // Later jobs are often faster: results arrive out of order.
          if (i % 7 == 0) {
            std::this_thread::sleep_for(std::chrono::microseconds(200));
          }
          return i * 3;
        });
      }
      pool.Finish();
    }
    ASSERT_EQ(committed.size(), 500u) << threads << " threads";
    for (int i = 0; i < 500; ++i) ASSERT_EQ(committed[i], i * 3);
  }
}

TEST(OrderedPoolTest, BoundsJobsInFlight) {
  std::atomic<int> started{0};
  int committed = 0;
  int max_gap = 0;
  OrderedPool<int> pool(3, 4, [&](int&&) { ++committed; });
  for (int i = 0; i < 200; ++i) {
    pool.Submit([&](unsigned) {
      ++started;
      return 0;
    });
    // Submitted but not committed never exceeds the bound.
    max_gap = std::max(max_gap, i + 1 - committed);
  }
  pool.Finish();
  EXPECT_EQ(started.load(), 200);
  EXPECT_EQ(committed, 200);
  EXPECT_LE(max_gap, 4);
}

TEST(OrderedPoolTest, WorkerIndexesAreInRangeAndOneThreadIsInline) {
  std::vector<std::atomic<int>> per_worker(3);
  OrderedPool<int> pool(3, 16, [](int&&) {});
  for (int i = 0; i < 300; ++i) {
    pool.Submit([&](unsigned w) {
      EXPECT_LT(w, 3u);
      if (w < 3) ++per_worker[w];
      return 0;
    });
  }
  pool.Finish();
  EXPECT_EQ(per_worker[0] + per_worker[1] + per_worker[2], 300);

  const std::thread::id me = std::this_thread::get_id();
  bool inline_run = false;
  OrderedPool<int> one(1, 1, [](int&&) {});
  one.Submit([&](unsigned w) {
    inline_run = std::this_thread::get_id() == me && w == 0;
    return 0;
  });
  EXPECT_TRUE(inline_run);
}

TEST(OrderedPoolTest, ResolveThreadsMapsZeroToTheCores) {
  EXPECT_GE(ResolveThreads(0), 1u);
  EXPECT_EQ(ResolveThreads(3), 3u);
}

}  // namespace
}  // namespace concord
