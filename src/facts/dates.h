// Dates and times in English news text, resolved against the publication
// date when it is known.
//
// What is found (each mention with byte offsets and its raw text):
//   absolute   "December 3, 2023"  "Dec. 3"  "3 December 2023"  "3rd of
//              December"  "2023-12-03"  "21-05-2016"  "03/12/2023"  "in
//              November 2025"  "in May"  "2022"  "the 1990s" (a decade)
//   weekday    "Sunday"  "on Tuesday night"  "last Friday"  "Sunday, May 25,
//              2014" (one mention: the absolute date wins)
//   relative   "today"  "yesterday"  "tomorrow"  "tonight"  "overnight"
//              "last night"  "this morning"  "last week"  "this month"
//              "next year"  "earlier this month"  "two days ago"
//   time       "at 3pm"  "3 p.m."  "08:15 GMT"  "15:30 local time"  "noon"
//              "midnight"
// Not dates: "May" the verb ("may" lower case, or "May" without a date cue),
// "March" the noun, "the Sunday Times", "2,000 people" and "2000 people"
// (a year must not be followed by a plural noun or a unit), "1,250".
//
// Resolution. With the publication time P (seconds since the epoch, UTC),
// each mention gets a day range [first, last] as ISO dates: a weekday is the
// most recent such day on or before P (news convention: "said Sunday" in a
// Monday paper is yesterday); "overnight" and "last night" are the night
// before P, [P-1, P]; "last week" is the calendar week (Monday to Sunday)
// before P's; a day without a year takes the year that puts it nearest to
// P, and a month without a year is the latest such month up to P's ("in
// May" in a November article is that year's May). Absolute dates with a
// year resolve without P. Times alone resolve to nothing (a time has no
// day); "at 3pm on Sunday" gives two mentions.
//
// Thread safety: pure functions, safe from any thread.
// Cost: linear in the tokens of the text; a few small string allocations
// per mention.
#ifndef CONCORD_FACTS_DATES_H_
#define CONCORD_FACTS_DATES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/facts/document.h"

namespace concord::facts {

enum class DateKind : uint8_t {
  kAbsolute,  // the text names the calendar date, month or year
  kWeekday,   // "Sunday", "last Friday"
  kRelative,  // "yesterday", "last week", "two days ago", "overnight"
  kTime,      // "3pm", "08:15 GMT"
};

enum class DateGranularity : uint8_t {
  kTime,   // a clock time
  kDay,    // one day (a part of a day, "Sunday night", is a day too)
  kNight,  // the night between two days: "overnight", "last night"
  kWeek,
  kMonth,
  kYear,
  kDecade,
};

struct DateMention {
  uint32_t begin = 0, end = 0;  // byte offsets of the mention
  std::string text;             // the raw text of the mention
  DateKind kind = DateKind::kAbsolute;
  DateGranularity granularity = DateGranularity::kDay;
  // What the text itself says; 0 (or -1) where it says nothing.
  int year = 0, month = 0, day = 0;
  int weekday = -1;         // 0 = Monday .. 6 = Sunday
  int minute_of_day = -1;   // for times: 15:30 -> 930
  std::string zone;         // "gmt", "utc", "local" (folded), or empty
  std::string part_of_day;  // "night", "morning", "afternoon", "evening"
  // The resolved day range as ISO dates ("2023-12-03"); both empty when the
  // mention cannot be resolved (a time, or a relative date without P).
  std::string first, last;
};

struct DateOptions {
  // Accept a bare four-digit year ("in 2022", "the 2022 election"). Default
  // true; a year directly before a plural noun or a unit is never one.
  bool bare_years = true;
  // Keep clock times ("3pm", "08:15 GMT"). Default true.
  bool times = true;
};

// All date and time mentions of a document, in text order, non-overlapping.
// `published` is the article's publication time in seconds since the epoch
// (UTC), if known.
std::vector<DateMention> FindDates(const Document& doc,
                                   std::optional<int64_t> published,
                                   const DateOptions& options = {});

// The same for a bare text (tokenised here).
std::vector<DateMention> FindDates(std::string_view text,
                                   std::optional<int64_t> published,
                                   const DateOptions& options = {});

// Whether a four-digit number token at index i of `doc` reads as a year
// rather than a count: 1800..2100, no separators, no currency or hedge
// before it, no plural noun or unit after it. Shared with quantities.cc.
bool LooksLikeYear(const Document& doc, size_t i);

}  // namespace concord::facts

#endif  // CONCORD_FACTS_DATES_H_
