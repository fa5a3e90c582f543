// ProgressBar (see progress_bar.h): rate over the stage so far, time left
// by linear extrapolation, redrawn at most every 100 ms with "\r" and an
// erase-to-end-of-line escape.
#include "src/base/progress_bar.h"

namespace concord {
namespace {

std::string Thousands(uint64_t v) {
  std::string digits = std::to_string(v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string ProgressBar::Format(const std::string& stage, const char* unit,
                                uint64_t done, uint64_t total, uint64_t bytes,
                                double seconds) {
  std::string line = "[" + stage + "] " + Thousands(done);
  if (total > 0) line += " / " + Thousands(total);
  line += " ";
  line += unit;
  char buf[96];
  if (total > 0) {
    std::snprintf(buf, sizeof buf, "  %d%%",
                  static_cast<int>(100.0 * static_cast<double>(done) /
                                   static_cast<double>(total)));
    line += buf;
  }
  if (seconds > 0.2 && done > 0) {
    const double rate = static_cast<double>(done) / seconds;
    line += "  " + Thousands(static_cast<uint64_t>(rate)) + "/s";
    if (bytes > 0) {
      std::snprintf(buf, sizeof buf, "  %.1f MB/s",
                    static_cast<double>(bytes) / 1e6 / seconds);
      line += buf;
    }
    if (total > done) {
      const auto left =
          static_cast<uint64_t>(static_cast<double>(total - done) / rate);
      std::snprintf(buf, sizeof buf, "  %llu:%02llu left",
                    static_cast<unsigned long long>(left / 60),
                    static_cast<unsigned long long>(left % 60));
      line += buf;
    }
  }
  return line;
}

void ProgressBar::Update(const std::string& stage, const char* unit,
                         uint64_t done, uint64_t total, uint64_t bytes) {
  if (!enabled_) return;
  const Clock::time_point now = Clock::now();
  if (stage != stage_) {
    stage_ = stage;
    stage_start_ = now;
  } else if (now - last_draw_ < std::chrono::milliseconds(100) &&
             done != total) {
    return;
  }
  last_draw_ = now;
  const double seconds =
      std::chrono::duration<double>(now - stage_start_).count();
  const std::string line = Format(stage, unit, done, total, bytes, seconds);
  std::fprintf(out_, "\r%s\x1b[K", line.c_str());
  std::fflush(out_);
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (!drawn_) return;
  std::fprintf(out_, "\r\x1b[K");
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace concord
