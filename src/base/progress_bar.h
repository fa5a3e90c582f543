// ProgressBar: one self-rewriting status line on a terminal.
//
//   [extract] 412,000 articles  3,120/s  58.2 MB/s
//   [reuse]    61,204 / 125,000 stories  49%  2,010/s  0:32 left
//
// The engine reports (stage, done, total, bytes) as it goes; the bar redraws
// at most ten times a second, so calling Update per article costs a clock
// read. Rate is over the current stage; time left is shown when the stage's
// total is known. Draws only when enabled (the CLI enables it when stderr is
// a terminal and --quiet is not given); Finish() clears the line.
//
// Thread safety: none; call from one thread (the engine calls it from the
// thread that runs Engine::Run).
#ifndef CONCORD_BASE_PROGRESS_BAR_H_
#define CONCORD_BASE_PROGRESS_BAR_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace concord {

class ProgressBar {
 public:
  ProgressBar(std::FILE* out, bool enabled) : out_(out), enabled_(enabled) {}
  ~ProgressBar() { Finish(); }

  // `unit` names what is counted ("articles", "stories"); total 0 means
  // unknown. A new `stage` restarts the rate.
  void Update(const std::string& stage, const char* unit, uint64_t done,
              uint64_t total, uint64_t bytes);
  // Clears the line (if anything was drawn).
  void Finish();

  // The line for a state, without drawing (for tests).
  static std::string Format(const std::string& stage, const char* unit,
                            uint64_t done, uint64_t total, uint64_t bytes,
                            double seconds);

 private:
  using Clock = std::chrono::steady_clock;
  std::FILE* out_;
  bool enabled_;
  bool drawn_ = false;
  std::string stage_;
  Clock::time_point stage_start_;
  Clock::time_point last_draw_;
};

}  // namespace concord

#endif  // CONCORD_BASE_PROGRESS_BAR_H_
