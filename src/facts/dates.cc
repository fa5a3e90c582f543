// Date and time extraction: a hand-written scanner over the tokens.
//
// The idea. Dates in news come in a dozen shapes, each anchored on one kind
// of token: a month name ("December 3, 2023", "Dec. 3", "November 2025"), a
// day number before a month ("3 December 2023"), digits with separators
// ("2023-12-03", "21-05-2016"), a weekday ("on Tuesday night"), a four-digit
// year, a deictic word ("yesterday", "overnight", "last week") or a clock
// time ("3pm", "08:15 GMT"). The scanner walks the anchors once (the
// Document lists them: its date_starts()) and, at each anchor, tries the
// shapes that start there, longest first; a match consumes
// its tokens, so mentions never overlap. Words that are also ordinary words
// ("May", "March", "Sunday" in "the Sunday Times") need a cue: a day number
// or year beside them, or a preposition before them.
//
// Resolution turns the mention into a day range with the civil-date
// arithmetic of document.h (Hinnant's algorithms, proleptic Gregorian).
// Relative mentions and dates without a year need the publication time; see
// dates.h for the conventions.
//
// Cost: one pass over the anchors with constant look-ahead (at most eight
// tokens). No regular expressions. Tests: dates_test.cc (a golden table).
#include "src/facts/dates.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <string>

#include "src/facts/lexicon.h"
#include "src/text/numbers.h"

namespace concord::facts {
namespace {

// The words RelativeWord can match at (its first token), and the times of
// day read after a preposition: the one list of each, which the Document's
// date_starts() also takes (DateStartWords, below).
constexpr std::array<std::string_view, 12> kRelativeStarters = {
    "today", "tonight", "yesterday", "tomorrow", "overnight", "last",
    "past",  "next",    "coming",    "this",     "earlier",   "later",
};
constexpr std::array<std::string_view, 3> kTimesOfDay = {"noon", "midday",
                                                         "midnight"};

template <size_t N>
constexpr bool OneOf(const std::array<std::string_view, N>& words,
                     std::string_view w) {
  for (const std::string_view x : words) {
    if (w == x) return true;
  }
  return false;
}

constexpr int64_t kSecondsPerDay = 86400;

// Value of a token whose norm is 1-4 plain ASCII digits, else -1.
int PlainInt(const Document& doc, size_t i) {
  if (!doc.IsNumber(i)) return -1;
  const std::string_view n = doc.Norm(i);
  if (n.empty() || n.size() > 4) return -1;
  int v = 0;
  for (char c : n) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Day of month from "3", "03", "3rd", "21st"; -1 otherwise.
int DayNumber(const Document& doc, size_t i) {
  if (!doc.IsNumber(i)) return -1;
  std::string_view n = doc.Norm(i);
  if (n.size() > 2 && (n.ends_with("st") || n.ends_with("nd") ||
                       n.ends_with("rd") || n.ends_with("th"))) {
    n.remove_suffix(2);
  }
  if (n.empty() || n.size() > 2) return -1;
  int v = 0;
  for (char c : n) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v >= 1 && v <= 31 ? v : -1;
}

int YearNumber(const Document& doc, size_t i) {
  if (!doc.IsNumber(i) || doc.Norm(i).size() != 4) return -1;
  const int v = PlainInt(doc, i);
  return v >= 1000 && v <= 2999 ? v : -1;
}

bool ValidDate(int y, int m, int d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y == 0 ? 2000 : y, m);
}

// Words that make a bare month name ("in May") a date.
bool MonthCue(std::string_view w) {
  return w == "in" || w == "since" || w == "until" || w == "till" ||
         w == "by" || w == "from" || w == "during" || w == "early" ||
         w == "late" || w == "mid" || w == "last" || w == "next" ||
         w == "this" || w == "of" || w == "before" || w == "after" ||
         w == "through" || w == "throughout" || w == "to";
}

// Capitalised words after a weekday that make it part of a name.
bool WeekdayNameFollower(std::string_view w) {
  return w == "times" || w == "telegraph" || w == "mirror" || w == "express" ||
         w == "post" || w == "herald" || w == "mail" || w == "independent" ||
         w == "star" || w == "observer" || w == "people" || w == "sport" ||
         w == "world" || w == "review" || w == "magazine" || w == "tribune" ||
         w == "service" || w == "school" || w == "league" || w == "best" ||
         w == "night" || w == "morning" || w == "afternoon" || w == "evening";
}

bool PartOfDay(std::string_view w) {
  return w == "night" || w == "morning" || w == "afternoon" || w == "evening";
}

bool ZoneWord(std::string_view w) {
  return w == "gmt" || w == "utc" || w == "cet" || w == "cest" || w == "eet" ||
         w == "eest" || w == "est" || w == "edt" || w == "pst" || w == "pdt" ||
         w == "bst" || w == "msk" || w == "z";
}

// "am"/"pm"/"a.m."/"p.m." -> 0 / 12; -1 otherwise.
int Meridiem(std::string_view w) {
  if (w == "am" || w == "a.m." || w == "a.m") return 0;
  if (w == "pm" || w == "p.m." || w == "p.m") return 12;
  return -1;
}

int UnitWordValue(std::string_view w) {
  static constexpr std::array<std::string_view, 13> kWords = {
      "zero",  "one",   "two",  "three", "four",   "five",  "six",
      "seven", "eight", "nine", "ten",   "eleven", "twelve"};
  for (size_t k = 0; k < kWords.size(); ++k) {
    if (kWords[k] == w) return static_cast<int>(k);
  }
  if (w == "a" || w == "an") return 1;
  return -1;
}

// *out = IsoDate(days), memoised per thread: the days a text resolves to
// are few and recur (the publication day, its neighbours, the first and
// last of a year), and IsoDate is a pure function of the day (the memo
// changes no answer). A small table indexed by the day's low bits holds
// the ten bytes in place: a hit is a compare and a copy, with no civil
// calendar arithmetic and no string built.
void AssignIsoDate(int64_t days, std::string* out) {
  struct Entry {
    int64_t days = 0;
    uint8_t size = 0;  // 0: empty
    char text[15];
  };
  constexpr size_t kSlots = 256;  // a power of two
  thread_local std::array<Entry, kSlots> memo;
  Entry& e = memo[static_cast<uint64_t>(days) & (kSlots - 1)];
  if (e.size == 0 || e.days != days) {
    const std::string iso = IsoDate(days);
    if (iso.empty() || iso.size() > sizeof(Entry::text)) {
      *out = iso;  // not kept (a year beyond 9999 or before 0)
      return;
    }
    e.days = days;
    e.size = static_cast<uint8_t>(iso.size());
    std::memcpy(e.text, iso.data(), iso.size());
  }
  out->assign(e.text, e.size);
}

class Scanner {
 public:
  Scanner(const Document& doc, std::optional<int64_t> published,
          const DateOptions& options)
      : doc_(doc), options_(options) {
    if (published) {
      int64_t s = *published;
      pub_days_ = s >= 0 ? s / kSecondsPerDay
                         : -((-s + kSecondsPerDay - 1) / kSecondsPerDay);
      has_pub_ = true;
    }
  }

  std::vector<DateMention> Run() {
    // The mentions are found into a per-thread vector whose room is reused
    // from one document to the next, then moved into a result of their
    // number: no growth of a vector of five-string mentions per document.
    thread_local std::vector<DateMention> found;
    std::vector<DateMention>& out = found;
    out.clear();
    // The attempts write into the mention at the end of `out`, kept there
    // when it is one (no move of its five strings into the vector), and
    // reused across the attempts that find nothing (most of them): a failed
    // attempt writes no string, only the plain fields that ClearPlainFields
    // resets, so the mention is as new at every attempt. The spare one is
    // dropped at the end.
    out.emplace_back();
    // Only the tokens where a date may start are tried (Document's
    // date_starts(): TryAt finds nothing elsewhere), those inside the last
    // mention found skipped.
    size_t i = 0;  // no mention starts before it
    for (const uint32_t start : doc_.date_starts()) {
      if (start < i) continue;
      i = start;
      DateMention& m = out.back();
      const size_t next = TryAt(i, &m);
      if (next > i) {
        m.begin = doc_.tokens()[i].begin;
        m.end = doc_.tokens()[next - 1].end;
        m.text.assign(doc_.text().substr(m.begin, m.end - m.begin));
        Resolve(&m);
        if (m.kind != DateKind::kTime || options_.times) {
          out.emplace_back();  // m is kept
        } else {
          m = DateMention{};
        }
        i = next;
      } else {
        ClearPlainFields(&m);
      }
    }
    out.pop_back();
    return std::vector<DateMention>(std::make_move_iterator(out.begin()),
                                    std::make_move_iterator(out.end()));
  }

 private:
  // Tries every shape at token i; returns one past the last token of the
  // match, or i when nothing matches.
  size_t TryAt(size_t i, DateMention* m) {
    if (doc_.IsNumber(i)) {
      // A shape pre-check that turns away what no shape below can take:
      // each needs 1-4 plain digits ("2023", "3"), or a letter at the end
      // ("3rd", "3pm", "1990s"), or two periods ("12.03.2024"). "1,200"
      // and "2.5" (a third of the numbers) fail here rather than six times.
      const int plain = PlainInt(doc_, i);
      if (plain < 0) {
        const std::string_view n = doc_.Norm(i);
        if ((n.empty() || n.back() < 'a' || n.back() > 'z') &&
            std::count(n.begin(), n.end(), '.') < 2) {
          return i;
        }
      }
      if (size_t e = NumericDate(i, m); e > i) return e;
      // The shapes below that plain digits cannot take are not tried for
      // them: a day number is 1-31 in at most two digits (else "3rd"), an
      // hour at most 24 (else "3pm"), a decade ends in "s", and a bare
      // year is plain digits.
      const bool two_digits = plain >= 0 && doc_.Norm(i).size() <= 2;
      if (plain < 0 || (two_digits && plain <= 31)) {
        if (size_t e = DayMonth(i, m); e > i) return e;
      }
      if (plain <= 24) {
        if (size_t e = ClockTime(i, m); e > i) return e;
      }
      if (size_t e = Ago(i, m); e > i) return e;
      if (plain < 0) {
        if (size_t e = Decade(i, m); e > i) return e;
      } else if (size_t e = BareYear(i, m); e > i) {
        return e;
      }
      return i;
    }
    if (!doc_.IsWord(i)) return i;
    const std::string_view w = doc_.Norm(i);
    // No word is both a month and a weekday name (lexicon's two tables),
    // so a month name is not looked up again as a weekday.
    if (doc_.Capitalized(i)) {
      if (lexicon::Month(w) > 0) {
        if (size_t e = MonthFirst(i, m); e > i) return e;
      } else if (const int wd = lexicon::Weekday(w); wd >= 0) {
        if (size_t e = WeekdayAt(i, i, 0, wd, m); e > i) return e;
      }
    }
    if (OneOf(kTimesOfDay, w)) {
      // "at noon", "by midnight": only after a preposition, so that "the
      // midday sun" stays out.
      if (i > 0 &&
          (doc_.IsWord(i - 1, "at") || doc_.IsWord(i - 1, "by") ||
           doc_.IsWord(i - 1, "until") || doc_.IsWord(i - 1, "after") ||
           doc_.IsWord(i - 1, "before") || doc_.IsWord(i - 1, "around"))) {
        m->kind = DateKind::kTime;
        m->granularity = DateGranularity::kTime;
        m->minute_of_day = w == "midnight" ? 0 : 720;
        return i + 1;
      }
      return i;
    }
    // The words RelativeWord can match at: what it writes to *m before
    // failing is overwritten by Ago or cleared.
    if (RelativeStarter(w)) {
      if (size_t e = RelativeWord(i, m); e > i) return e;
    }
    if (size_t e = Ago(i, m); e > i) return e;
    return i;
  }

  // Resets what a failed attempt may have written to the defaults of
  // dates.h (the fields that are not strings: no attempt writes a string
  // before it succeeds).
  static void ClearPlainFields(DateMention* m) {
    m->begin = m->end = 0;
    m->kind = DateKind::kAbsolute;
    m->granularity = DateGranularity::kDay;
    m->year = m->month = m->day = 0;
    m->weekday = -1;
    m->minute_of_day = -1;
  }

  // The words RelativeWord can match at (its first token).
  static bool RelativeStarter(std::string_view w) {
    return OneOf(kRelativeStarters, w);
  }

  // After a complete date, an optional ", 2023" or " 2023" year.
  size_t OptionalYear(size_t j, int* year) const {
    if (doc_.IsPunct(j, ",") && YearNumber(doc_, j + 1) > 0) {
      *year = YearNumber(doc_, j + 1);
      return j + 2;
    }
    if (YearNumber(doc_, j) > 0 && doc_.Spaced(j - 1, j)) {
      *year = YearNumber(doc_, j);
      return j + 1;
    }
    return j;
  }

  // "December 3, 2023", "Dec. 3", "December 3rd", "November 2025", "in May".
  size_t MonthFirst(size_t i, DateMention* m) const {
    const std::string_view w = doc_.Norm(i);
    const int month = lexicon::Month(w);
    if (!doc_.Capitalized(i)) return i;
    const bool full = w.size() >= 5 || w == "may" || w == "june" ||
                      w == "july" || w == "march" || w == "april";
    size_t j = i + 1;
    if (!full) {
      // Abbreviations need their period or a number right after.
      if (doc_.IsPunct(j, ".") && doc_.Adjacent(i, j)) ++j;
    } else if (doc_.IsPunct(j, ".") && doc_.Adjacent(i, j) &&
               DayNumber(doc_, j + 1) > 0) {
      ++j;
    }
    if (const int day = DayNumber(doc_, j);
        day > 0 && !doc_.IsPunct(j + 1, ":")) {
      int year = 0;
      size_t e = OptionalYear(j + 1, &year);
      if (!ValidDate(year, month, day)) return i;
      m->kind = DateKind::kAbsolute;
      m->granularity = DateGranularity::kDay;
      m->year = year;
      m->month = month;
      m->day = day;
      return e;
    }
    if (const int year = YearNumber(doc_, j); year > 0) {
      m->kind = DateKind::kAbsolute;
      m->granularity = DateGranularity::kMonth;
      m->year = year;
      m->month = month;
      return j + 1;
    }
    if (!full) return i;
    // A bare month: needs a preposition or "early/late/mid" before it, and
    // must not start its sentence ("May I ...").
    if (i == 0 || doc_.SentenceInitial(i)) return i;
    size_t p = i - 1;
    if (doc_.IsPunct(p, "-") && p > 0) --p;  // "mid-May"
    if (!doc_.IsWord(p) || !MonthCue(doc_.Norm(p))) return i;
    m->kind = DateKind::kAbsolute;
    m->granularity = DateGranularity::kMonth;
    m->month = month;
    return i + 1;
  }

  // "3 December 2023", "25 May 2014", "3rd of December".
  size_t DayMonth(size_t i, DateMention* m) const {
    const int day = DayNumber(doc_, i);
    if (day <= 0) return i;
    size_t j = i + 1;
    if (doc_.IsWord(j, "of")) ++j;
    if (!doc_.IsWord(j) || !doc_.Capitalized(j)) return i;
    const int month = lexicon::Month(doc_.Norm(j));
    if (month <= 0) return i;
    size_t e = j + 1;
    if (doc_.Norm(j).size() <= 4 && doc_.IsPunct(e, ".") &&
        doc_.Adjacent(j, e)) {
      ++e;
    }
    int year = 0;
    e = OptionalYear(e, &year);
    if (!ValidDate(year, month, day)) return i;
    m->kind = DateKind::kAbsolute;
    m->granularity = DateGranularity::kDay;
    m->year = year;
    m->month = month;
    m->day = day;
    return e;
  }

  // "2023-12-03", "21-05-2016", "03/12/2023", "12.03.2024" (one token or
  // several adjacent ones).
  size_t NumericDate(size_t i, DateMention* m) const {
    int parts[3];
    int widths[3];
    size_t e = i;
    char sep = 0;
    if (const std::string_view n = doc_.Norm(i);
        n.find('.') != std::string_view::npos && n.find('.') != n.rfind('.')) {
      // One token "12.03.2024".
      int k = 0;
      size_t start = 0;
      for (size_t p = 0; p <= n.size() && k < 3; ++p) {
        if (p == n.size() || n[p] == '.') {
          const std::string_view part = n.substr(start, p - start);
          if (part.empty() || part.size() > 4) return i;
          for (char c : part) {
            if (c < '0' || c > '9') return i;
          }
          parts[k] = std::atoi(std::string(part).c_str());
          widths[k] = static_cast<int>(part.size());
          ++k;
          start = p + 1;
        }
      }
      if (k != 3 || start <= n.size()) {
        if (k != 3) return i;
      }
      e = i + 1;
      sep = '.';
    } else {
      for (int k = 0; k < 3; ++k) {
        const size_t t = i + 2 * k;
        const int v = PlainInt(doc_, t);
        if (v < 0) return i;
        parts[k] = v;
        widths[k] = static_cast<int>(doc_.Norm(t).size());
        if (k < 2) {
          const size_t s = t + 1;
          if (!doc_.Adjacent(t, s) || !doc_.Adjacent(s, s + 1)) return i;
          const std::string_view sp = doc_.Norm(s);
          if (sp != "-" && sp != "/") return i;
          if (sep != 0 && sp[0] != sep) return i;
          sep = sp[0];
        }
      }
      e = i + 5;
      if (doc_.Adjacent(e - 1, e) && (doc_.IsNumber(e) || doc_.IsWord(e))) {
        return i;  // part of a longer code
      }
    }
    int y, mo, d;
    if (widths[0] == 4) {
      y = parts[0], mo = parts[1], d = parts[2];
    } else if (widths[2] == 4) {
      y = parts[2];
      d = parts[0], mo = parts[1];
      if (mo > 12 && d <= 12) std::swap(d, mo);  // US order "12/25/2023"
    } else {
      return i;
    }
    if (y < 1000 || y > 2999 || !ValidDate(y, mo, d)) return i;
    m->kind = DateKind::kAbsolute;
    m->granularity = DateGranularity::kDay;
    m->year = y;
    m->month = mo;
    m->day = d;
    return e;
  }

  // "3pm", "3 p.m.", "08:15", "08:15 GMT", "15:30 local time".
  size_t ClockTime(size_t i, DateMention* m) const {
    const std::string_view n = doc_.Norm(i);
    int hour = -1, minute = 0;
    size_t e = i + 1;
    // Glued "3pm", "11am".
    if (n.size() >= 3 && (n.ends_with("am") || n.ends_with("pm"))) {
      const std::string_view digits = n.substr(0, n.size() - 2);
      if (digits.empty() || digits.size() > 2) return i;
      hour = 0;
      for (char c : digits) {
        if (c < '0' || c > '9') return i;
        hour = hour * 10 + (c - '0');
      }
      if (hour < 1 || hour > 12) return i;
      hour = hour % 12 + Meridiem(n.substr(n.size() - 2));
    } else {
      const int h = PlainInt(doc_, i);
      if (h < 0 || h > 24) return i;
      if (doc_.IsPunct(e, ":") && doc_.Adjacent(i, e) &&
          doc_.Adjacent(e, e + 1)) {
        const int mi = PlainInt(doc_, e + 1);
        if (mi < 0 || mi > 59 || doc_.Norm(e + 1).size() != 2) return i;
        hour = h;
        minute = mi;
        e += 2;
        // Seconds.
        if (doc_.IsPunct(e, ":") && doc_.Adjacent(e - 1, e) &&
            PlainInt(doc_, e + 1) >= 0) {
          e += 2;
        }
      }
      // "3 pm", "3 p.m.", "10:30 a.m."
      if (doc_.IsWord(e) && Meridiem(doc_.Norm(e)) >= 0) {
        const int base = hour >= 0 ? hour : h;
        if (base < 1 || base > 12) return i;
        hour = base % 12 + Meridiem(doc_.Norm(e));
        ++e;
        if (doc_.Norm(e - 1).back() != '.' && doc_.IsPunct(e, ".") &&
            doc_.Adjacent(e - 1, e) &&
            doc_.Norm(e - 1).find('.') != std::string_view::npos) {
          ++e;
        }
      }
      if (hour < 0) return i;
    }
    m->kind = DateKind::kTime;
    m->granularity = DateGranularity::kTime;
    m->minute_of_day = hour * 60 + minute;
    if (doc_.IsWord(e) && ZoneWord(doc_.Norm(e))) {
      m->zone.assign(doc_.Norm(e));
      ++e;
    } else if (doc_.IsWord(e, "local") && doc_.IsWord(e + 1, "time")) {
      m->zone = "local";
      e += 2;
    }
    return e;
  }

  // "Sunday", "Sunday night", "last Friday", "Sunday, May 25, 2014". `start`
  // is the first token of the mention ("last"), `i` the weekday, `wd` its
  // lexicon::Weekday() (which the caller has looked up already).
  size_t WeekdayAt(size_t start, size_t i, int shift, int wd,
                   DateMention* m) {
    const std::string_view w = doc_.Norm(i);
    if (!doc_.Capitalized(i)) return start;
    // Abbreviations ("Sun", "Tue.") only before a full date: "Sun 01 Feb
    // 2015"; alone they are too often other words.
    const bool abbreviated = w.size() < 6;
    // "the Sunday Times", "Sunday Telegraph".
    if (doc_.IsWord(i + 1) && doc_.Capitalized(i + 1) &&
        !doc_.LineBreakBetween(i, i + 1)) {
      const std::string_view nw = doc_.Norm(i + 1);
      const bool month_next = lexicon::Month(nw) > 0;
      const bool det_before =
          i > 0 && (doc_.IsWord(i - 1, "the") || doc_.IsWord(i - 1, "a"));
      if (!month_next && !PartOfDay(nw) &&
          (WeekdayNameFollower(nw) || det_before)) {
        return start;
      }
    }
    size_t e = i + 1;
    // "Sunday, May 25, 2014" / "Sunday 25 May 2014": the absolute date.
    {
      size_t j = e;
      if (abbreviated && doc_.IsPunct(j, ".") && doc_.Adjacent(i, j)) ++j;
      if (doc_.IsPunct(j, ",")) ++j;
      DateMention abs;
      size_t end = j;
      if (doc_.IsWord(j) && lexicon::Month(doc_.Norm(j)) > 0) {
        end = MonthFirst(j, &abs);
      } else if (doc_.IsNumber(j)) {
        end = DayMonth(j, &abs);
      }
      if (end > j && abs.granularity == DateGranularity::kDay) {
        *m = std::move(abs);
        m->weekday = wd;
        return end;
      }
    }
    if (abbreviated) return start;
    m->kind = DateKind::kWeekday;
    m->granularity = DateGranularity::kDay;
    m->weekday = wd;
    m->day = 0;
    shift_ = shift;
    if (doc_.IsWord(e) && PartOfDay(doc_.Norm(e))) {
      m->part_of_day.assign(doc_.Norm(e));
      ++e;
    }
    return e;
  }

  // today, yesterday, tomorrow, tonight, overnight, last night, this
  // morning, last/this/next week|month|year|weekend, earlier/later this
  // week|month|year, last Friday, earlier today.
  size_t RelativeWord(size_t i, DateMention* m) {
    const std::string_view w = doc_.Norm(i);
    m->kind = DateKind::kRelative;
    m->granularity = DateGranularity::kDay;
    if (w == "today" || w == "tonight") {
      rel_days_ = 0;
      if (w == "tonight") m->part_of_day = "night";
      return i + 1;
    }
    if (w == "yesterday") {
      rel_days_ = -1;
      return i + 1;
    }
    if (w == "tomorrow") {
      rel_days_ = 1;
      return i + 1;
    }
    if (w == "overnight") {
      m->granularity = DateGranularity::kNight;
      m->part_of_day = "night";
      rel_days_ = -1;
      return i + 1;
    }
    const bool last = w == "last" || w == "past";
    const bool next = w == "next" || w == "coming";
    const bool thisw = w == "this";
    if (w == "earlier" || w == "later") {
      const std::string_view a = doc_.Norm(i + 1);
      if (doc_.IsWord(i + 1, "today")) {
        rel_days_ = 0;
        return i + 2;
      }
      if (a == "this" && doc_.IsWord(i + 2)) {
        const std::string_view u = doc_.Norm(i + 2);
        if (u == "week" || u == "month" || u == "year") {
          m->granularity = u == "week"    ? DateGranularity::kWeek
                           : u == "month" ? DateGranularity::kMonth
                                          : DateGranularity::kYear;
          rel_span_ = 0;
          rel_part_ = w == "earlier" ? -1 : 1;
          return i + 3;
        }
      }
      return i;
    }
    if (!(last || next || thisw) || !doc_.IsWord(i + 1)) return i;
    const std::string_view u = doc_.Norm(i + 1);
    const int shift = last ? -1 : next ? 1 : 0;
    if (u == "night" && (last || thisw)) {
      m->granularity = last ? DateGranularity::kNight : DateGranularity::kDay;
      m->part_of_day = "night";
      rel_days_ = last ? -1 : 0;
      return i + 2;
    }
    if (thisw && PartOfDay(u)) {
      m->part_of_day.assign(u);
      rel_days_ = 0;
      return i + 2;
    }
    if (u == "week" || u == "month" || u == "year" || u == "weekend") {
      if (w == "past" || w == "coming") return i;  // "the past year": a span
      m->granularity = u == "month"  ? DateGranularity::kMonth
                       : u == "year" ? DateGranularity::kYear
                                     : DateGranularity::kWeek;
      if (u == "weekend") weekend_ = true;
      rel_span_ = shift;
      return i + 2;
    }
    if (const int wd = lexicon::Weekday(u);
        wd >= 0 && w != "past" && w != "coming") {
      const size_t e = WeekdayAt(i, i + 1, shift, wd, m);
      if (e > i) return e;
    }
    return i;
  }

  // "two days ago", "3 weeks ago", "a year ago".
  size_t Ago(size_t i, DateMention* m) {
    if (!doc_.IsWord(i + 2, "ago")) return i;
    int n = -1;
    if (doc_.IsNumber(i)) {
      n = PlainInt(doc_, i);
    } else if (doc_.IsWord(i)) {
      n = UnitWordValue(doc_.Norm(i));
    }
    if (n < 0 || !doc_.IsWord(i + 1) || !doc_.IsWord(i + 2, "ago")) return i;
    const std::string_view u = doc_.Norm(i + 1);
    m->kind = DateKind::kRelative;
    if (u == "day" || u == "days") {
      m->granularity = DateGranularity::kDay;
      rel_days_ = -n;
    } else if (u == "week" || u == "weeks") {
      m->granularity = DateGranularity::kWeek;
      rel_span_ = -n;
    } else if (u == "month" || u == "months") {
      m->granularity = DateGranularity::kMonth;
      rel_span_ = -n;
    } else if (u == "year" || u == "years") {
      m->granularity = DateGranularity::kYear;
      rel_span_ = -n;
    } else {
      return i;
    }
    return i + 3;
  }

  // "1990s", "1990's": a decade.
  size_t Decade(size_t i, DateMention* m) const {
    std::string_view n = doc_.Norm(i);
    if (n.ends_with("'s")) {
      n.remove_suffix(2);
    } else if (n.ends_with("s")) {
      n.remove_suffix(1);
    } else {
      return i;
    }
    if (n.size() != 4) return i;
    int v = 0;
    for (char c : n) {
      if (c < '0' || c > '9') return i;
      v = v * 10 + (c - '0');
    }
    if (v < 1800 || v > 2090 || v % 10 != 0) return i;
    m->kind = DateKind::kAbsolute;
    m->granularity = DateGranularity::kDecade;
    m->year = v;
    return i + 1;
  }

  size_t BareYear(size_t i, DateMention* m) const {
    if (!options_.bare_years || !LooksLikeYear(doc_, i)) return i;
    m->kind = DateKind::kAbsolute;
    m->granularity = DateGranularity::kYear;
    m->year = PlainInt(doc_, i);
    return i + 1;
  }

  void SetRange(DateMention* m, int64_t first, int64_t last) const {
    AssignIsoDate(first, &m->first);
    if (last == first) {
      m->last = m->first;  // one day (most ranges): no second conversion
    } else {
      AssignIsoDate(last, &m->last);
    }
  }

  // The year that puts (month, day) nearest to the publication day.
  int NearestYear(int month, int day) const {
    const CivilDay p = CivilFromDays(pub_days_);
    int best = p.year;
    int64_t best_dist = -1;
    for (int y = p.year - 1; y <= p.year + 1; ++y) {
      const int d = std::min(day, DaysInMonth(y, month));
      const int64_t dist = std::llabs(DaysFromCivil(y, month, d) - pub_days_);
      if (best_dist < 0 || dist < best_dist) {
        best = y;
        best_dist = dist;
      }
    }
    return best;
  }

  void Resolve(DateMention* m) {
    const int rel_days = rel_days_, rel_span = rel_span_, rel_part = rel_part_;
    const int shift = shift_;
    const bool weekend = weekend_;
    rel_days_ = 0;
    rel_span_ = 0;
    rel_part_ = 0;
    shift_ = 0;
    weekend_ = false;
    switch (m->kind) {
      case DateKind::kTime:
        return;
      case DateKind::kAbsolute: {
        if (m->granularity == DateGranularity::kDecade) {
          SetRange(m, DaysFromCivil(m->year, 1, 1),
                   DaysFromCivil(m->year + 9, 12, 31));
          return;
        }
        if (m->granularity == DateGranularity::kYear) {
          SetRange(m, DaysFromCivil(m->year, 1, 1),
                   DaysFromCivil(m->year, 12, 31));
          return;
        }
        int year = m->year;
        if (year == 0) {
          if (!has_pub_) return;
          if (m->granularity == DateGranularity::kMonth) {
            // A bare month is the latest one up to P's month ("in May"
            // written in November is this year's May).
            const CivilDay p = CivilFromDays(pub_days_);
            year = m->month <= p.month ? p.year : p.year - 1;
          } else {
            year = NearestYear(m->month, m->day);
          }
        }
        if (m->granularity == DateGranularity::kMonth) {
          SetRange(m, DaysFromCivil(year, m->month, 1),
                   DaysFromCivil(year, m->month, DaysInMonth(year, m->month)));
        } else {
          const int64_t d = DaysFromCivil(year, m->month, m->day);
          SetRange(m, d, d);
        }
        return;
      }
      case DateKind::kWeekday: {
        if (!has_pub_) return;
        const int pw = WeekdayOfDays(pub_days_);
        int64_t back = (pw - m->weekday + 7) % 7;  // on or before P
        int64_t d = pub_days_ - back;
        if (shift < 0 && back == 0) d -= 7;  // "last Sunday" on a Sunday
        if (shift > 0)
          d = pub_days_ +
              ((m->weekday - pw + 7) % 7 == 0 ? 7 : (m->weekday - pw + 7) % 7);
        SetRange(m, d, d);
        return;
      }
      case DateKind::kRelative: {
        if (!has_pub_) return;
        const CivilDay p = CivilFromDays(pub_days_);
        switch (m->granularity) {
          case DateGranularity::kDay:
            SetRange(m, pub_days_ + rel_days, pub_days_ + rel_days);
            return;
          case DateGranularity::kNight:
            SetRange(m, pub_days_ - 1, pub_days_);
            return;
          case DateGranularity::kWeek: {
            const int64_t monday = pub_days_ - WeekdayOfDays(pub_days_) +
                                   7 * static_cast<int64_t>(rel_span);
            int64_t first = monday, last = monday + 6;
            if (weekend) first = monday + 5;
            if (rel_part < 0) last = pub_days_;
            if (rel_part > 0) first = pub_days_;
            SetRange(m, first, last);
            return;
          }
          case DateGranularity::kMonth: {
            int y = p.year, mo = p.month + rel_span;
            while (mo < 1) {
              mo += 12;
              --y;
            }
            while (mo > 12) {
              mo -= 12;
              ++y;
            }
            int64_t first = DaysFromCivil(y, mo, 1);
            int64_t last = DaysFromCivil(y, mo, DaysInMonth(y, mo));
            if (rel_part < 0) last = pub_days_;
            if (rel_part > 0) first = pub_days_;
            SetRange(m, first, last);
            return;
          }
          case DateGranularity::kYear: {
            const int y = p.year + rel_span;
            int64_t first = DaysFromCivil(y, 1, 1);
            int64_t last = DaysFromCivil(y, 12, 31);
            if (rel_part < 0) last = pub_days_;
            if (rel_part > 0) first = pub_days_;
            SetRange(m, first, last);
            return;
          }
          default:
            return;
        }
      }
    }
  }

  const Document& doc_;
  const DateOptions& options_;
  int64_t pub_days_ = 0;
  bool has_pub_ = false;
  // Set by the matchers for Resolve(), reset after each mention.
  int rel_days_ = 0;  // day offset for kDay/kNight relatives
  int rel_span_ = 0;  // week/month/year offset
  int rel_part_ = 0;  // -1 "earlier this", +1 "later this"
  int shift_ = 0;     // weekday: -1 "last", +1 "next"
  bool weekend_ = false;
};

}  // namespace

bool LooksLikeYear(const Document& doc, size_t i) {
  if (YearNumber(doc, i) < 0) return false;
  const int v = PlainInt(doc, i);
  if (v < 1800 || v > 2100) return false;
  // Glued to something ("2022-23" is fine, "2022km" is not a token here).
  if (i > 0 && doc.Adjacent(i - 1, i)) {
    const std::string_view p = doc.Norm(i - 1);
    if (p == "$" || p == "€" || p == "£" || p == "-" || p == "+") {
      if (p != "-" || i < 2 || YearNumber(doc, i - 2) < 0) return false;
    }
  }
  if (i > 0 && doc.IsWord(i - 1)) {
    const std::string_view p = doc.Norm(i - 1);
    if (p == "nearly" || p == "about" || p == "some" || p == "around" ||
        p == "approximately" || p == "roughly" || p == "almost" ||
        p == "than" || p == "least" || p == "to" || p == "number" ||
        p == "no") {
      // "more than 2000 people", "up to 2000" are counts unless a cue below
      // says otherwise; "to 2022" is a year range only after a year.
      if (!(p == "to" && i >= 2 && doc.IsNumber(i - 2))) return false;
    }
  }
  if (doc.IsPunct(i + 1, "%")) return false;
  // Glued to more digits: only a year range ("2022-23", "2014-2016") is
  // still a year; "2023-02-30" is a broken date.
  if ((doc.IsPunct(i + 1, "-") || doc.IsPunct(i + 1, "/")) &&
      doc.Adjacent(i, i + 1) && doc.Adjacent(i + 1, i + 2) &&
      doc.IsNumber(i + 2)) {
    const int next = PlainInt(doc, i + 2);
    const bool range = (doc.Norm(i + 2).size() == 2 && next > v % 100) ||
                       (YearNumber(doc, i + 2) > v);
    if (!range) return false;
  }
  size_t j = i + 1;
  while (doc.IsWord(j) && (doc.Norm(j) == "more" || doc.Norm(j) == "new")) ++j;
  if (doc.IsWord(j) && !doc.Capitalized(j)) {
    const std::string_view nw = doc.Norm(j);
    if (LooksPlural(nw) ||
        lexicon::FindUnit(nw).kind != lexicon::UnitKind::kNone) {
      return false;
    }
  }
  return true;
}

std::vector<DateMention> FindDates(const Document& doc,
                                   std::optional<int64_t> published,
                                   const DateOptions& options) {
  Scanner scanner(doc, published, options);
  return scanner.Run();
}

std::vector<DateMention> FindDates(std::string_view text,
                                   std::optional<int64_t> published,
                                   const DateOptions& options) {
  const Document doc(text);
  return FindDates(doc, published, options);
}

const std::vector<std::string_view>& DateStartWords() {
  static const std::vector<std::string_view> kWords = [] {
    std::vector<std::string_view> v(kTimesOfDay.begin(), kTimesOfDay.end());
    v.insert(v.end(), kRelativeStarters.begin(), kRelativeStarters.end());
    return v;
  }();
  return kWords;
}

}  // namespace concord::facts
