#include "src/ingest/dates.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace concord::ingest {
namespace {

constexpr int64_t kNov23 = 1763856000;  // 2025-11-23T00:00:00Z

struct DateCase {
  std::string_view input;
  std::optional<int64_t> expected;
};

// Expected values cross-checked with Python's calendar.timegm.
constexpr DateCase kDateCases[] = {
    // Valid forms.
    {"2025-11-23", kNov23},
    {"2025-11-23T10:15:00Z", kNov23 + 36900},
    {"2025-11-23t10:15:00z", kNov23 + 36900},
    {"2025-11-23T10:15:00+02:00", kNov23 + 36900 - 7200},
    {"2025-11-23T10:15:00+0200", kNov23 + 36900 - 7200},
    {"2025-11-23T10:15:00+02", kNov23 + 36900 - 7200},
    {"2025-11-23T10:15:00-05:30", kNov23 + 36900 + 19800},
    {"2025-11-23T00:15:00+00:30", 1763855100},  // the day before, UTC
    {"2025-11-23 10:15", kNov23 + 36900},
    {"2025-11-23T10:15", kNov23 + 36900},
    {"2025-11-23T10:15Z", kNov23 + 36900},
    {"2025-11-23T10:15:00.123Z", kNov23 + 36900},
    {"2025-11-23T10:15:59.999999999+00:00", kNov23 + 36959},
    {"2025-11-23T10:15:00,5Z", kNov23 + 36900},
    {"2025-11-23T10:15:60Z", 1763892960},  // leap second
    {"  2025-11-23  ", kNov23},
    {"2024-02-29", 1709164800},
    {"2000-03-01", 951868800},
    {"1970-01-01T00:00:00Z", 0},
    {"1969-12-31T23:59:59Z", -1},
    {"1900-02-28T12:00:00Z", -2203934400},
    {"0001-01-01", -62135596800},
    {"9999-12-31T23:59:59Z", 253402300799},
    // Malformed or out of range.
    {"", std::nullopt},
    {"2025", std::nullopt},
    {"2025-11", std::nullopt},
    {"2025-13-01", std::nullopt},
    {"2025-00-10", std::nullopt},
    {"2025-02-30", std::nullopt},
    {"2025-02-29", std::nullopt},  // not a leap year
    {"1900-02-29", std::nullopt},  // century, not a leap year
    {"2025-04-31", std::nullopt},
    {"2025-11-00", std::nullopt},
    {"2025-11-23T24:00:00Z", std::nullopt},
    {"2025-11-23T10:60:00Z", std::nullopt},
    {"2025-11-23T10:15:61Z", std::nullopt},
    {"2025-11-23T10Z", std::nullopt},
    {"2025-11-23T", std::nullopt},
    {"2025-11-23T10:15:00.Z", std::nullopt},
    {"2025-11-23T10:15:00+24:00", std::nullopt},
    {"2025-11-23T10:15:00+02:", std::nullopt},
    {"2025-11-23T10:15:00 +02:00", std::nullopt},
    {"2025-11-23X", std::nullopt},
    {"2025-11-23T10:15:00Zjunk", std::nullopt},
    {"25-11-23", std::nullopt},
    {"2025/11/23", std::nullopt},
    {"2025-1-5", std::nullopt},
    {"23 November 2025", std::nullopt},
    {"Sun, 23 Nov 2025 10:15:00 GMT", std::nullopt},
    {"+2025-11-23", std::nullopt},
};

TEST(ParseIsoDateTimeTest, GoldenTable) {
  for (const DateCase& c : kDateCases) {
    EXPECT_EQ(ParseIsoDateTime(c.input), c.expected) << "input: " << c.input;
  }
}

// Differential check of the day count against a slow, obviously correct
// walk: one day at a time from 1970, across leap and century years.
TEST(DaysFromCivilTest, MatchesDayByDayWalk) {
  const int kDaysInMonth[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int64_t expected = 0;
  for (int year = 1970; year <= 2410; ++year) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    for (int month = 1; month <= 12; ++month) {
      const int days = kDaysInMonth[month - 1] + (month == 2 && leap ? 1 : 0);
      for (int day = 1; day <= days; ++day) {
        ASSERT_EQ(DaysFromCivil(year, month, day), expected)
            << year << "-" << month << "-" << day;
        ++expected;
      }
    }
  }
}

}  // namespace
}  // namespace concord::ingest
