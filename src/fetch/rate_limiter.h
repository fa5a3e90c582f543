// Per-host politeness: the minimum time between the starts of two requests
// to the same host, behind a clock that tests can replace.
//
// HostRateLimiter remembers, per host, when the last request started and the
// interval the host asks for (the default, or longer after a robots.txt
// Crawl-delay). Acquire(host) sleeps until that interval has passed since
// the last start, then records now as the new start. ReadyAt(host) says when
// Acquire would return without sleeping, so that a scheduler can serve
// another host in the meantime.
//
// Thread safety: NOT thread-safe; one limiter per fetching thread (the
// fetcher is single-threaded). Cost: one hash lookup per call; memory grows
// with the number of distinct hosts.
// Tests: rate_limiter_test.cc (fake clock) and fetcher_test.cc (spacing
// measured on the server side).
#ifndef CONCORD_FETCH_RATE_LIMITER_H_
#define CONCORD_FETCH_RATE_LIMITER_H_

#include <string>
#include <string_view>
#include <unordered_map>

namespace concord::fetch {

// Monotonic seconds and sleeping, so that tests can run time forward.
class Clock {
 public:
  virtual ~Clock() = default;
  // The process-wide real clock (std::chrono::steady_clock).
  static Clock* Real();
  virtual double NowSeconds() = 0;
  virtual void SleepFor(double seconds) = 0;
};

class HostRateLimiter {
 public:
  // REQUIRES: default_interval_seconds >= 0. `clock` must outlive this.
  HostRateLimiter(double default_interval_seconds, Clock* clock);

  // Raises `host`'s interval to `seconds` when that is longer than what it
  // has; never lowers it.
  void RaiseInterval(std::string_view host, double seconds);
  double IntervalFor(std::string_view host) const;
  // The clock time at which a request to `host` may start.
  double ReadyAt(std::string_view host) const;
  // Waits until a request to `host` may start and records that it does.
  void Acquire(std::string_view host);

 private:
  struct HostState {
    double last_start = 0;
    bool started = false;
    double interval = 0;
  };
  const HostState* Find(std::string_view host) const;

  double default_interval_;
  Clock* clock_;
  std::unordered_map<std::string, HostState> hosts_;
};

}  // namespace concord::fetch

#endif  // CONCORD_FETCH_RATE_LIMITER_H_
