#include "src/fetch/rate_limiter.h"

#include <gtest/gtest.h>

#include <vector>

namespace concord::fetch {
namespace {

// Time moves only when someone sleeps.
class FakeClock final : public Clock {
 public:
  double NowSeconds() override { return now; }
  void SleepFor(double seconds) override {
    sleeps.push_back(seconds);
    now += seconds;
  }
  double now = 100;
  std::vector<double> sleeps;
};

TEST(HostRateLimiterTest, FirstRequestToAHostDoesNotWait) {
  FakeClock clock;
  HostRateLimiter limiter(1.0, &clock);
  limiter.Acquire("a.example");
  limiter.Acquire("b.example");
  EXPECT_TRUE(clock.sleeps.empty());
}

TEST(HostRateLimiterTest, SpacesRequestsToTheSameHost) {
  FakeClock clock;
  HostRateLimiter limiter(1.0, &clock);
  limiter.Acquire("a.example");
  clock.now += 0.25;
  EXPECT_DOUBLE_EQ(limiter.ReadyAt("a.example"), 101.0);
  limiter.Acquire("a.example");
  ASSERT_EQ(clock.sleeps.size(), 1u);
  EXPECT_DOUBLE_EQ(clock.sleeps[0], 0.75);
  EXPECT_DOUBLE_EQ(clock.now, 101.0);
  // Time spent elsewhere counts toward the interval.
  clock.now += 5;
  limiter.Acquire("a.example");
  EXPECT_EQ(clock.sleeps.size(), 1u);
}

TEST(HostRateLimiterTest, CrawlDelayRaisesButNeverLowers) {
  FakeClock clock;
  HostRateLimiter limiter(1.0, &clock);
  limiter.RaiseInterval("a.example", 3.0);
  limiter.RaiseInterval("a.example", 0.5);
  EXPECT_DOUBLE_EQ(limiter.IntervalFor("a.example"), 3.0);
  EXPECT_DOUBLE_EQ(limiter.IntervalFor("b.example"), 1.0);
  limiter.Acquire("a.example");
  limiter.Acquire("a.example");
  ASSERT_EQ(clock.sleeps.size(), 1u);
  EXPECT_DOUBLE_EQ(clock.sleeps[0], 3.0);
}

TEST(HostRateLimiterTest, ZeroIntervalNeverSleeps) {
  FakeClock clock;
  HostRateLimiter limiter(0.0, &clock);
  for (int i = 0; i < 5; ++i) limiter.Acquire("a.example");
  EXPECT_TRUE(clock.sleeps.empty());
}

}  // namespace
}  // namespace concord::fetch
