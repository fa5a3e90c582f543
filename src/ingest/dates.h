// ISO 8601 date and date-time parsing for the `published` field.
//
// ParseIsoDateTime turns the date forms found in news feeds into seconds
// since the Unix epoch, UTC. It accepts exactly this grammar (surrounding
// ASCII whitespace is ignored):
//
//   date      = YYYY "-" MM "-" DD
//   date-time = date ("T" | "t" | " ") hh ":" mm [":" ss [("." | ",") 1*digit]]
//               [zone]
//   zone      = "Z" | "z" | ("+" | "-") hh [[":"] mm]
//
// A date alone means its midnight UTC; a time without zone is taken as UTC.
// Fractional seconds are dropped (the result is the whole second that
// contains the instant). A leap second (ss = 60) counts as the next minute's
// first second. Years 0000-9999 (proleptic Gregorian), hours 00-23, zone
// offsets up to 23:59.
//
// Anything else is nullopt: a malformed string, a field out of range (month
// 13, Feb 30, Feb 29 in a common year, hour 24, minute 60), trailing text.
// Golden table: src/ingest/dates_test.cc.
//
// Thread safety: pure function. Cost: one pass over `s`, no allocation.
#ifndef CONCORD_INGEST_DATES_H_
#define CONCORD_INGEST_DATES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace concord::ingest {

std::optional<int64_t> ParseIsoDateTime(std::string_view s);

// RFC 822 / RFC 1123 / RFC 2822 dates, as RSS pubDate uses them, rewritten
// as ISO 8601:
//   "Sun, 30 Nov 2025 08:15:00 GMT"   -> "2025-11-30T08:15:00Z"
//   "30 Nov 2025 10:15 +0200"         -> "2025-11-30T10:15:00+02:00"
//   "Sun, 30 Nov 25 03:15:00 EST"     -> "2025-11-30T03:15:00-05:00"
// Grammar (ASCII case ignored, runs of spaces and tabs as one space):
//   [day-name [","]] D[D] month (YY | YYYY) h[h]:mm[:ss] [zone] [(comment)]
// with day, month and year also separated by "-" ("30-Nov-2025"). Month:
// the English name or its first three letters ("Sept" too). A two-digit
// year is 20YY below 50, else 19YY (RFC 2822 section 4.3). Zones: GMT, UT,
// UTC, Z and -0000 (all UTC), +hhmm / -hhmm (also "+hh:mm"), the US zones
// EST EDT CST CDT MST MDT PST PDT, and CET CEST EET EEST WET WEST JST; no
// zone means UTC. Ambiguous abbreviations (IST, BST, ...) and military
// letters other than Z are rejected. The day name is not checked against
// the date. Fields are range-checked as in ParseIsoDateTime (seconds may be
// 60). Anything else: nullopt. Golden table: dates_test.cc.
std::optional<std::string> Rfc822ToIso8601(std::string_view s);

// A feed's date (RFC 822 or ISO 8601) as ISO 8601: RFC 822 rewritten as
// above, ISO 8601 that ParseIsoDateTime accepts returned trimmed, anything
// else "".
std::string FeedDateToIso8601(std::string_view s);

// Days from 1970-01-01 to the given proleptic Gregorian date (negative
// before). REQUIRES: 1 <= month <= 12, 1 <= day <= days in that month.
int64_t DaysFromCivil(int64_t year, int month, int day);

}  // namespace concord::ingest

#endif  // CONCORD_INGEST_DATES_H_
