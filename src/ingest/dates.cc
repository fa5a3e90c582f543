// ISO 8601 parsing by hand: a cursor walks the string once, reading fixed
// width digit fields, and every field is range-checked before the date is
// turned into a day count with Howard Hinnant's days_from_civil algorithm
// (http://howardhinnant.github.io/date_algorithms.html), which is exact for
// the proleptic Gregorian calendar and needs no tables and no time zone
// database. We avoid strptime/timegm: they depend on the C locale and TZ,
// accept out-of-range fields silently (Feb 30 becomes Mar 2), and differ
// between libcs. RFC 822 dates are read by a small tokenizer (words,
// numbers, signs) and written back as ISO 8601 with their own offset, so
// that the local time the feed gave is kept. Tested by the golden tables in
// dates_test.cc.
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

namespace {

char LowerAscii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool EqualsLower(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (LowerAscii(word[i]) != lower[i]) return false;
  }
  return true;
}

// 1-12, or 0 when `word` names no month.
int MonthFromName(std::string_view word) {
  static constexpr std::string_view kMonths[12] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (word.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    const std::string_view full = kMonths[m];
    if (word.size() > full.size()) continue;
    bool prefix = true;
    for (size_t i = 0; i < word.size() && prefix; ++i) {
      prefix = LowerAscii(word[i]) == full[i];
    }
    if (!prefix) continue;
    if (word.size() == 3 || word.size() == full.size() ||
        (m == 8 && word.size() == 4)) {  // "Sept"
      return m + 1;
    }
  }
  return 0;
}

// Offset in minutes east of UTC for a zone name; nullopt when unknown.
std::optional<int> ZoneFromName(std::string_view word) {
  struct Zone {
    std::string_view name;
    int minutes;
  };
  static constexpr Zone kZones[] = {
      {"gmt", 0},     {"ut", 0},       {"utc", 0},     {"z", 0},
      {"est", -300},  {"edt", -240},   {"cst", -360},  {"cdt", -300},
      {"mst", -420},  {"mdt", -360},   {"pst", -480},  {"pdt", -420},
      {"cet", 60},    {"cest", 120},   {"eet", 120},   {"eest", 180},
      {"wet", 0},     {"west", 60},    {"jst", 540},
  };
  for (const Zone& z : kZones) {
    if (EqualsLower(word, z.name)) return z.minutes;
  }
  return std::nullopt;
}

void AppendTwoDigits(int v, std::string* out) {
  out->push_back(static_cast<char>('0' + v / 10));
  out->push_back(static_cast<char>('0' + v % 10));
}

// Splits an RFC 822 date into words: runs of letters, runs of digits, and
// single punctuation characters; spaces separate.
class Tokens {
 public:
  explicit Tokens(std::string_view s) : s_(s) {}

  std::string_view Next() {
    while (pos_ < s_.size() && IsSpace(s_[pos_])) ++pos_;
    if (pos_ >= s_.size()) return {};
    const size_t start = pos_;
    if (IsAlpha(s_[pos_])) {
      while (pos_ < s_.size() && IsAlpha(s_[pos_])) ++pos_;
    } else if (IsDigit(s_[pos_])) {
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    } else {
      ++pos_;
    }
    return s_.substr(start, pos_ - start);
  }
  std::string_view Peek() {
    const size_t saved = pos_;
    const std::string_view t = Next();
    pos_ = saved;
    return t;
  }
  std::string_view Rest() const { return Trim(s_.substr(pos_)); }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

std::optional<int> Number(std::string_view t, size_t min_digits,
                          size_t max_digits) {
  if (t.size() < min_digits || t.size() > max_digits || !IsDigit(t[0])) {
    return std::nullopt;
  }
  int v = 0;
  for (const char c : t) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::optional<std::string> Rfc822ToIso8601(std::string_view s) {
  Tokens t(Trim(s));
  std::string_view tok = t.Next();
  if (!tok.empty() && IsAlpha(tok[0])) {  // day name
    if (tok.size() < 3) return std::nullopt;
    if (t.Peek() == ",") t.Next();
    tok = t.Next();
  }
  const std::optional<int> day = Number(tok, 1, 2);
  if (!day) return std::nullopt;
  tok = t.Next();
  if (tok == "-") tok = t.Next();
  const int month = MonthFromName(tok);
  if (month == 0) return std::nullopt;
  tok = t.Next();
  if (tok == "-") tok = t.Next();
  std::optional<int> year = Number(tok, 2, 4);
  if (!year || tok.size() == 3) return std::nullopt;
  if (tok.size() == 2) *year += *year < 50 ? 2000 : 1900;
  if (*day < 1 || *day > DaysInMonth(*year, month)) return std::nullopt;

  const std::optional<int> hour = Number(t.Next(), 1, 2);
  if (!hour || *hour > 23 || t.Next() != ":") return std::nullopt;
  const std::optional<int> minute = Number(t.Next(), 2, 2);
  if (!minute || *minute > 59) return std::nullopt;
  int second = 0;
  if (t.Peek() == ":") {
    t.Next();
    const std::optional<int> sec = Number(t.Next(), 2, 2);
    if (!sec || *sec > 60) return std::nullopt;
    second = *sec;
  }

  int offset = 0;  // minutes east of UTC
  tok = t.Next();
  if (tok == "+" || tok == "-") {
    const int sign = tok == "+" ? 1 : -1;
    std::string_view digits = t.Next();
    int hh = 0;
    int mm = 0;
    if (digits.size() == 4) {
      hh = (digits[0] - '0') * 10 + (digits[1] - '0');
      mm = (digits[2] - '0') * 10 + (digits[3] - '0');
      if (!Number(digits, 4, 4)) return std::nullopt;
    } else if (digits.size() == 2 && t.Peek() == ":") {
      t.Next();
      const std::optional<int> h = Number(digits, 2, 2);
      const std::optional<int> m = Number(t.Next(), 2, 2);
      if (!h || !m) return std::nullopt;
      hh = *h;
      mm = *m;
    } else {
      return std::nullopt;
    }
    if (hh > 23 || mm > 59) return std::nullopt;
    offset = sign * (hh * 60 + mm);
    tok = t.Next();
  } else if (!tok.empty() && IsAlpha(tok[0])) {
    const std::optional<int> zone = ZoneFromName(tok);
    if (!zone) return std::nullopt;
    offset = *zone;
    tok = t.Next();
  }
  if (!tok.empty()) {  // only a trailing comment may follow
    const std::string_view rest = t.Rest();
    if (tok != "(" || rest.empty() || rest.back() != ')') return std::nullopt;
  }

  std::string out;
  out.reserve(25);
  out += std::to_string(*year);
  while (out.size() < 4) out.insert(out.begin(), '0');
  out += '-';
  AppendTwoDigits(month, &out);
  out += '-';
  AppendTwoDigits(*day, &out);
  out += 'T';
  AppendTwoDigits(*hour, &out);
  out += ':';
  AppendTwoDigits(*minute, &out);
  out += ':';
  AppendTwoDigits(second, &out);
  if (offset == 0) {
    out += 'Z';
  } else {
    out += offset > 0 ? '+' : '-';
    const int a = offset > 0 ? offset : -offset;
    AppendTwoDigits(a / 60, &out);
    out += ':';
    AppendTwoDigits(a % 60, &out);
  }
  return out;
}

std::string FeedDateToIso8601(std::string_view s) {
  if (std::optional<std::string> iso = Rfc822ToIso8601(s)) return *iso;
  if (ParseIsoDateTime(s)) return std::string(Trim(s));
  return {};
}

}  // namespace concord::ingest
