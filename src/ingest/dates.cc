// ISO 8601 parsing by hand: a cursor walks the string once, reading fixed
// width digit fields, and every field is range-checked before the date is
// turned into a day count with Howard Hinnant's days_from_civil algorithm
// (http://howardhinnant.github.io/date_algorithms.html), which is exact for
// the proleptic Gregorian calendar and needs no tables and no time zone
// database. We avoid strptime/timegm: they depend on the C locale and TZ,
// accept out-of-range fields silently (Feb 30 becomes Mar 2), and differ
// between libcs. Tested by the golden table in dates_test.cc.
#include "src/ingest/dates.h"

namespace concord::ingest {
namespace {

bool IsLeapYear(int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Reads a string left to right; every Read* either consumes and succeeds or
// leaves the cursor where it was.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  bool AtEnd() const { return pos_ == s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[pos_]; }

  // Exactly `width` ASCII digits.
  bool ReadDigits(int width, int* value) {
    if (s_.size() - pos_ < static_cast<size_t>(width)) return false;
    int v = 0;
    for (int i = 0; i < width; ++i) {
      const char c = s_[pos_ + i];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    pos_ += width;
    *value = v;
    return true;
  }

  bool ReadChar(char c) {
    if (Peek() != c || AtEnd()) return false;
    ++pos_;
    return true;
  }

  // One or more digits, values ignored. Returns how many were consumed.
  size_t SkipDigits() {
    const size_t start = pos_;
    while (!AtEnd() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    return pos_ - start;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Reads the optional zone designator; sets `offset_seconds` (east of UTC is
// positive). Returns false when a zone is present but malformed.
bool ReadZone(Cursor* c, int64_t* offset_seconds) {
  *offset_seconds = 0;
  if (c->AtEnd()) return true;
  if (c->ReadChar('Z') || c->ReadChar('z')) return true;
  int sign = 0;
  if (c->ReadChar('+')) {
    sign = 1;
  } else if (c->ReadChar('-')) {
    sign = -1;
  } else {
    return false;
  }
  int hours = 0;
  int minutes = 0;
  if (!c->ReadDigits(2, &hours) || hours > 23) return false;
  if (!c->AtEnd()) {
    c->ReadChar(':');  // optional: "+02:00" and "+0200" are both fine
    if (!c->ReadDigits(2, &minutes) || minutes > 59) return false;
  }
  *offset_seconds = sign * (hours * 3600 + minutes * 60);
  return true;
}

}  // namespace

int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;  // [0, 399]
  const int64_t month_from_march = month > 2 ? month - 3 : month + 9;
  const int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

std::optional<int64_t> ParseIsoDateTime(std::string_view s) {
  Cursor c(Trim(s));
  int year = 0;
  int month = 0;
  int day = 0;
  if (!c.ReadDigits(4, &year) || !c.ReadChar('-') || !c.ReadDigits(2, &month) ||
      !c.ReadChar('-') || !c.ReadDigits(2, &day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  const int64_t midnight = DaysFromCivil(year, month, day) * 86400;
  if (c.AtEnd()) return midnight;

  if (!c.ReadChar('T') && !c.ReadChar('t') && !c.ReadChar(' ')) {
    return std::nullopt;
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!c.ReadDigits(2, &hour) || hour > 23) return std::nullopt;
  if (!c.ReadChar(':')) return std::nullopt;
  if (!c.ReadDigits(2, &minute) || minute > 59) return std::nullopt;
  if (c.ReadChar(':')) {
    if (!c.ReadDigits(2, &second) || second > 60) return std::nullopt;
    if (c.ReadChar('.') || c.ReadChar(',')) {
      if (c.SkipDigits() == 0) return std::nullopt;
    }
  }
  int64_t offset_seconds = 0;
  if (!ReadZone(&c, &offset_seconds) || !c.AtEnd()) return std::nullopt;
  return midnight + hour * 3600 + minute * 60 + second - offset_seconds;
}

}  // namespace concord::ingest
