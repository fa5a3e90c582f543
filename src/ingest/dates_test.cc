#include "src/ingest/dates.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
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

struct Rfc822Case {
  std::string_view input;
  std::optional<std::string_view> expected;
};

constexpr Rfc822Case kRfc822Cases[] = {
    {"Sun, 30 Nov 2025 08:15:00 GMT", "2025-11-30T08:15:00Z"},
    {"Sun, 30 Nov 2025 08:15:00 +0000", "2025-11-30T08:15:00Z"},
    {"Sun, 30 Nov 2025 08:15:00 -0000", "2025-11-30T08:15:00Z"},
    {"Sun, 30 Nov 2025 10:15:00 +0200", "2025-11-30T10:15:00+02:00"},
    {"Sun, 30 Nov 2025 03:15:00 EST", "2025-11-30T03:15:00-05:00"},
    {"Sun, 30 Nov 2025 01:15:00 PDT", "2025-11-30T01:15:00-07:00"},
    {"Sun, 30 Nov 2025 09:15:00 CET", "2025-11-30T09:15:00+01:00"},
    {"Sun, 30 Nov 2025 13:45:00 +0530", "2025-11-30T13:45:00+05:30"},
    {"Sun, 30 Nov 2025 13:45:00 +05:30", "2025-11-30T13:45:00+05:30"},
    {"30 Nov 2025 08:15 UT", "2025-11-30T08:15:00Z"},
    {"sun,30 nov 2025 8:15:00 gmt", "2025-11-30T08:15:00Z"},
    {"Sunday, 30 November 2025 08:15:00 Z", "2025-11-30T08:15:00Z"},
    {"Tue, 2 Sept 2025 08:15:00 GMT", "2025-09-02T08:15:00Z"},
    {"Sun, 30 Nov 25 08:15:00 GMT", "2025-11-30T08:15:00Z"},
    {"Thu, 01 Jan 70 00:00:00 GMT", "1970-01-01T00:00:00Z"},
    {"Wed, 31 Dec 49 23:59:59 GMT", "2049-12-31T23:59:59Z"},
    {"30-Nov-2025 08:15:00 GMT", "2025-11-30T08:15:00Z"},
    {"Sun, 30 Nov 2025 08:15:00", "2025-11-30T08:15:00Z"},  // no zone: UTC
    {"Sun, 30 Nov 2025 08:15:00 +0000 (UTC)", "2025-11-30T08:15:00Z"},
    {"Thu, 29 Feb 2024 12:00:00 GMT", "2024-02-29T12:00:00Z"},
    {"Wed, 31 Dec 2025 23:59:60 GMT", "2025-12-31T23:59:60Z"},
    // Rejected.
    {"", std::nullopt},
    {"Sun, 30 Nov 2025", std::nullopt},                  // no time
    {"Sat, 29 Feb 2025 12:00:00 GMT", std::nullopt},     // not a leap year
    {"Sun, 31 Nov 2025 08:15:00 GMT", std::nullopt},     // November has 30
    {"Sun, 30 Foo 2025 08:15:00 GMT", std::nullopt},     // no such month
    {"Sun, 30 Nov 2025 24:00:00 GMT", std::nullopt},     // hour 24
    {"Sun, 30 Nov 2025 08:60:00 GMT", std::nullopt},     // minute 60
    {"Sun, 30 Nov 2025 08:15:00 IST", std::nullopt},     // ambiguous zone
    {"Sun, 30 Nov 2025 08:15:00 +2", std::nullopt},      // short offset
    {"Sun, 30 Nov 2025 08:15:00 GMT extra", std::nullopt},
    {"Sun, 30 Nov 202 08:15:00 GMT", std::nullopt},      // 3-digit year
    {"2025-11-30T08:15:00Z", std::nullopt},              // ISO is not RFC 822
};

TEST(Rfc822ToIso8601Test, GoldenTable) {
  for (const Rfc822Case& c : kRfc822Cases) {
    const std::optional<std::string> got = Rfc822ToIso8601(c.input);
    if (!c.expected) {
      EXPECT_EQ(got, std::nullopt) << "input: \"" << c.input << "\"";
      continue;
    }
    ASSERT_TRUE(got.has_value()) << "input: \"" << c.input << "\"";
    EXPECT_EQ(*got, *c.expected) << "input: \"" << c.input << "\"";
    // Every output is ISO 8601 that ParseIsoDateTime reads.
    EXPECT_TRUE(ParseIsoDateTime(*got).has_value()) << *got;
  }
}

TEST(Rfc822ToIso8601Test, OffsetsGiveTheSameInstant) {
  EXPECT_EQ(ParseIsoDateTime(*Rfc822ToIso8601("Sun, 30 Nov 2025 03:15:00 EST")),
            ParseIsoDateTime(*Rfc822ToIso8601("Sun, 30 Nov 2025 08:15:00 GMT")));
  EXPECT_EQ(
      ParseIsoDateTime(*Rfc822ToIso8601("Sun, 30 Nov 2025 10:15:00 +0200")),
      ParseIsoDateTime("2025-11-30T08:15:00Z"));
}

TEST(FeedDateToIso8601Test, EitherFormOrEmpty) {
  EXPECT_EQ(FeedDateToIso8601("Sun, 30 Nov 2025 08:15:00 GMT"),
            "2025-11-30T08:15:00Z");
  EXPECT_EQ(FeedDateToIso8601(" 2025-11-30T08:15:00+01:00 "),
            "2025-11-30T08:15:00+01:00");
  EXPECT_EQ(FeedDateToIso8601("2025-11-30"), "2025-11-30");
  EXPECT_EQ(FeedDateToIso8601("yesterday"), "");
}

}  // namespace
}  // namespace concord::ingest
