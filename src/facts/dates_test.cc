// Golden table for FindDates: invented news sentences, published on Monday
// 24 November 2025 at 09:30 UTC unless a row says "no date", and every date
// mention they must yield, formatted as
//   "<raw text> = <kind> <granularity> <first>..<last>[ @HH:MM[ zone]]".
#include "src/facts/dates.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "src/facts/lexicon.h"

namespace concord::facts {
namespace {

constexpr int64_t kMonday24Nov2025 = 1763976600;  // 09:30 UTC

std::string Format(const DateMention& d) {
  static const char* kKinds[] = {"abs", "weekday", "rel", "time"};
  static const char* kGrans[] = {"time",  "day",  "night", "week",
                                 "month", "year", "decade"};
  std::string s = d.text + " = " + kKinds[static_cast<int>(d.kind)] + " " +
                  kGrans[static_cast<int>(d.granularity)] + " " + d.first +
                  ".." + d.last;
  if (d.minute_of_day >= 0) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), " @%02d:%02d", d.minute_of_day / 60,
                  d.minute_of_day % 60);
    s += buf;
    if (!d.zone.empty()) s += " " + d.zone;
  }
  return s;
}

struct Row {
  const char* text;
  bool published;  // resolve against kMonday24Nov2025
  std::vector<std::string> expected;
};

const Row kRows[] = {
    // Absolute dates.
    {"The ministry announced on December 3, 2023, that talks resumed.",
     true,
     {"December 3, 2023 = abs day 2023-12-03..2023-12-03"}},
    {"The summit opens on Dec. 3 in Ankara.",
     true,
     {"Dec. 3 = abs day 2025-12-03..2025-12-03"}},
    {"Voting ended on 3 December 2023 without incident.",
     true,
     {"3 December 2023 = abs day 2023-12-03..2023-12-03"}},
    {"The decree is dated 2023-12-03 and was published later.",
     true,
     {"2023-12-03 = abs day 2023-12-03..2023-12-03"}},
    {"21-05-2016 Army breaks the siege of the power plant.",
     true,
     {"21-05-2016 = abs day 2016-05-21..2016-05-21"}},
    {"The contract expires on 12/25/2023, officials said.",
     true,
     {"12/25/2023 = abs day 2023-12-25..2023-12-25"}},
    {"The offensive began in November 2025 near the river.",
     true,
     {"November 2025 = abs month 2025-11-01..2025-11-30"}},
    {"Elections were held in May under heavy security.",
     true,
     {"May = abs month 2025-05-01..2025-05-31"}},
    {"Fighting flared again in mid-May along the border.",
     true,
     {"May = abs month 2025-05-01..2025-05-31"}},
    {"The accords were signed in 2022 in Istanbul.",
     true,
     {"2022 = abs year 2022-01-01..2022-12-31"}},
    {"The 2022 election was disputed.",
     true,
     {"2022 = abs year 2022-01-01..2022-12-31"}},
    {"The region was devastated in the 1990s by floods.",
     true,
     {"1990s = abs decade 1990-01-01..1999-12-31"}},
    {"Sunday, May 25, 2014: ten people were killed in the city.",
     true,
     {"Sunday, May 25, 2014 = abs day 2014-05-25..2014-05-25"}},
    {"Governor AFP Sunday 25 May 2014 a car exploded.",
     true,
     {"Sunday 25 May 2014 = abs day 2014-05-25..2014-05-25"}},
    {"Sun 01 Feb 2015 Explosion rocks the capital.",
     true,
     {"Sun 01 Feb 2015 = abs day 2015-02-01..2015-02-01"}},
    // Weekdays: the latest such day on or before publication.
    {"President Volodymyr Zelensky said Sunday that talks would resume.",
     true,
     {"Sunday = weekday day 2025-11-23..2025-11-23"}},
    {"The strike hit the port on Tuesday night.",
     true,
     {"Tuesday night = weekday day 2025-11-18..2025-11-18"}},
    {"The council met on Monday to discuss the budget.",
     true,
     {"Monday = weekday day 2025-11-24..2025-11-24"}},
    {"The convoy left last Friday under escort.",
     true,
     {"last Friday = weekday day 2025-11-21..2025-11-21"}},
    // Relative dates.
    {"Officials said yesterday that the dam had held.",
     true,
     {"yesterday = rel day 2025-11-23..2025-11-23"}},
    {"The minister will travel to Warsaw tomorrow.",
     true,
     {"tomorrow = rel day 2025-11-25..2025-11-25"}},
    {"Russia fired 176 drones overnight, the air force said.",
     true,
     {"overnight = rel night 2025-11-23..2025-11-24"}},
    {"Sirens sounded across the city last night.",
     true,
     {"last night = rel night 2025-11-23..2025-11-24"}},
    {"Negotiators met last week in Geneva.",
     true,
     {"last week = rel week 2025-11-17..2025-11-23"}},
    {"Prices have doubled this month, traders said.",
     true,
     {"this month = rel month 2025-11-01..2025-11-30"}},
    {"The ceasefire collapsed earlier this month.",
     true,
     {"earlier this month = rel month 2025-11-01..2025-11-24"}},
    {"Exports fell sharply last month.",
     true,
     {"last month = rel month 2025-10-01..2025-10-31"}},
    {"Parliament will vote on the plan next year.",
     true,
     {"next year = rel year 2026-01-01..2026-12-31"}},
    {"The bridge was destroyed two days ago.",
     true,
     {"two days ago = rel day 2025-11-22..2025-11-22"}},
    {"The village fell three weeks ago.",
     true,
     {"three weeks ago = rel week 2025-11-03..2025-11-09"}},
    {"Protests are planned for this weekend.",
     true,
     {"this weekend = rel week 2025-11-29..2025-11-30"}},
    {"Officials said yesterday that the dam had held.",
     false,
     {"yesterday = rel day .."}},
    // Times.
    {"The curfew starts at 3pm in the capital.",
     true,
     {"3pm = time time .. @15:00"}},
    {"The first missile struck at 08:15 GMT.",
     true,
     {"08:15 GMT = time time .. @08:15 gmt"}},
    {"Trading halted at 3 p.m. on the exchange.",
     true,
     {"3 p.m. = time time .. @15:00"}},
    {"The deadline expires at midnight.",
     true,
     {"midnight = time time .. @00:00"}},
    // Negatives.
    {"Residents may return once the area is cleared.", true, {}},
    {"May I add that the decision is final?", true, {}},
    {"The Sunday Times reported the leak first.", true, {}},
    {"Thousands joined a march through the capital.", true, {}},
    {"The agency said 2,000 people and 2000 soldiers were moved.", true, {}},
    {"The front line is nearly 1,250 kilometers long.", true, {}},
};

TEST(DatesGolden, EachRow) {
  for (const Row& row : kRows) {
    std::vector<std::string> got;
    const std::optional<int64_t> pub =
        row.published ? std::optional<int64_t>(kMonday24Nov2025) : std::nullopt;
    for (const DateMention& d : FindDates(row.text, pub))
      got.push_back(Format(d));
    EXPECT_EQ(got, row.expected) << "input: " << row.text;
  }
}

TEST(Dates, WeekdayOnPublicationDayIsThatDay) {
  // Published on a Sunday: "Sunday" is the same day, "last Sunday" a week
  // earlier.
  const int64_t sunday = kMonday24Nov2025 - 86400;
  const auto d = FindDates("He spoke Sunday, not last Sunday.", sunday);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].first, "2025-11-23");
  EXPECT_EQ(d[1].first, "2025-11-16");
}

TEST(Dates, CivilDayArithmeticRoundTrips) {
  for (int64_t days = -800000; days <= 800000; days += 997) {
    const CivilDay c = CivilFromDays(days);
    EXPECT_EQ(DaysFromCivil(c.year, c.month, c.day), days);
  }
  EXPECT_EQ(IsoDate(DaysFromCivil(2024, 2, 29)), "2024-02-29");
  EXPECT_EQ(WeekdayOfDays(DaysFromCivil(2025, 11, 24)), 0);  // a Monday
}

TEST(Dates, InvalidCalendarDatesAreNotDates) {
  EXPECT_TRUE(
      FindDates("The file 2023-02-30 and 31-04-2020 were wrong.", std::nullopt)
          .empty());
}

TEST(Dates, NumbersWithCommasStartNoDate) {
  // Each would be a day, a year, a time, a decade or a count of days ago
  // without its comma.
  EXPECT_TRUE(FindDates("On 1,3 May, 2,023 people, 1,990s fans, at 1,3pm, "
                        "1,2 days ago and 20,23-12-03 nothing happened.",
                        std::nullopt)
                  .empty());
}

// TryAt turns number tokens away early unless they are plain digits, end in
// a letter or hold two periods: the shapes each of those leads to still
// match, and the rest ("2.5", "1,200") start nothing.
TEST(Dates, NumberShapesPassThePreCheck) {
  std::vector<std::string> got;
  for (const DateMention& d :
       FindDates("On 12.03.2024 at 3pm, on 3rd December, in the 1990s and "
                 "in 2019, 2.5 and 1,200 people came, at 24:00 and on 31 "
                 "May, then.",
                 kMonday24Nov2025)) {
    got.push_back(Format(d));
  }
  EXPECT_EQ(got, (std::vector<std::string>{
                     "12.03.2024 = abs day 2024-03-12..2024-03-12",
                     "3pm = time time .. @15:00",
                     "3rd December = abs day 2025-12-03..2025-12-03",
                     "1990s = abs decade 1990-01-01..1999-12-31",
                     "2019 = abs year 2019-01-01..2019-12-31",
                     "24:00 = time time .. @24:00",
                     "31 May = abs day 2025-05-31..2025-05-31"}));
}

// The per-thread memo of ISO day strings is a small table whose entries are
// replaced on collision: answers must not depend on the days asked before.
TEST(Dates, IsoDaysDoNotDependOnEarlierDays) {
  const std::string text =
      "On 3 May 2014, on Sunday, in 1999 and last week it rained.";
  std::vector<std::string> first;
  for (const DateMention& d : FindDates(text, kMonday24Nov2025)) {
    first.push_back(Format(d));
  }
  ASSERT_EQ(first.size(), 4u);
  std::string years;
  for (int y = 1800; y < 2100; ++y) years += "in " + std::to_string(y) + ", ";
  for (int d = 1; d <= 28; ++d) {
    years += "on " + std::to_string(d) + " March 2001, ";
  }
  EXPECT_EQ(FindDates(years, kMonday24Nov2025).size(), 300u + 28u);
  std::vector<std::string> again;
  for (const DateMention& d : FindDates(text, kMonday24Nov2025)) {
    again.push_back(Format(d));
  }
  EXPECT_EQ(again, first);
}

}  // namespace
}  // namespace concord::facts
