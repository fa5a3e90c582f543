#include "src/fetch/rate_limiter.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace concord::fetch {
namespace {

class RealClock final : public Clock {
 public:
  double NowSeconds() override {
    return std::chrono::duration<double>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  void SleepFor(double seconds) override {
    if (seconds > 0) {
      std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    }
  }
};

}  // namespace

Clock* Clock::Real() {
  static RealClock clock;
  return &clock;
}

HostRateLimiter::HostRateLimiter(double default_interval_seconds, Clock* clock)
    : default_interval_(std::max(0.0, default_interval_seconds)),
      clock_(clock) {}

const HostRateLimiter::HostState* HostRateLimiter::Find(
    std::string_view host) const {
  const auto it = hosts_.find(std::string(host));
  return it == hosts_.end() ? nullptr : &it->second;
}

void HostRateLimiter::RaiseInterval(std::string_view host, double seconds) {
  auto [it, inserted] = hosts_.try_emplace(std::string(host));
  if (inserted) it->second.interval = default_interval_;
  it->second.interval = std::max(it->second.interval, seconds);
}

double HostRateLimiter::IntervalFor(std::string_view host) const {
  const HostState* s = Find(host);
  return s == nullptr ? default_interval_ : s->interval;
}

double HostRateLimiter::ReadyAt(std::string_view host) const {
  const HostState* s = Find(host);
  if (s == nullptr || !s->started) return clock_->NowSeconds();
  return s->last_start + s->interval;
}

void HostRateLimiter::Acquire(std::string_view host) {
  auto [it, inserted] = hosts_.try_emplace(std::string(host));
  HostState& s = it->second;
  if (inserted) s.interval = default_interval_;
  if (s.started) {
    const double wait = s.last_start + s.interval - clock_->NowSeconds();
    if (wait > 0) clock_->SleepFor(wait);
  }
  s.last_start = clock_->NowSeconds();
  s.started = true;
}

}  // namespace concord::fetch
