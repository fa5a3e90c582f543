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
#include <string_view>

namespace concord::ingest {

std::optional<int64_t> ParseIsoDateTime(std::string_view s);

// Days from 1970-01-01 to the given proleptic Gregorian date (negative
// before). REQUIRES: 1 <= month <= 12, 1 <= day <= days in that month.
int64_t DaysFromCivil(int64_t year, int month, int day);

}  // namespace concord::ingest

#endif  // CONCORD_INGEST_DATES_H_
