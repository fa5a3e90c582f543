// Golden table for FindQuantities: one invented news sentence per row, and
// every quantity it must yield, formatted as
//   "<raw text> = <value>[..<high>] <kind> <unit> [mod=<modifier>] [<approx>]
//   [vague]".
#include "src/facts/quantities.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace concord::facts {
namespace {

std::string Format(const Quantity& q) {
  char value[64];
  if (q.is_range) {
    std::snprintf(value, sizeof(value), "%g..%g", q.low, q.high);
  } else {
    std::snprintf(value, sizeof(value), "%g", q.value);
  }
  std::string s = q.text + " = " + value + " " +
                  std::string(QuantityKindName(q.kind)) + " " + q.unit;
  if (!q.modifier.empty()) s += " mod=" + q.modifier;
  if (q.approximation != Approximation::kExact) {
    s += " " + std::string(ApproximationName(q.approximation));
  }
  if (q.vague) s += " vague";
  return s;
}

struct Row {
  const char* text;
  std::vector<std::string> expected;
};

const Row kRows[] = {
    // Counts with modifiers and singular heads.
    {"Kyiv hopes to bring home 1,200 Ukrainian prisoners before winter.",
     {"1,200 Ukrainian prisoners = 1200 count prisoner mod=ukrainian"}},
    {"The navy said it downed 176 drones and one missile overnight.",
     {"176 drones = 176 count drone", "one missile = 1 count missile"}},
    {"Air defences neutralised 139 drones over the capital.",
     {"139 drones = 139 count drone"}},
    {"Rescuers found twelve bodies in the rubble.",
     {"twelve bodies = 12 count body"}},
    {"Officials counted two hundred casualties after the blast.",
     {"two hundred casualties = 200 count casualty"}},
    {"A dozen children were evacuated from the school.",
     {"A dozen children = 12 count child"}},
    {"The army said 1.2 million people had fled the region.",
     {"1.2 million people = 1.2e+06 count people"}},
    {"Police detained 57 protesters and three journalists.",
     {"57 protesters = 57 count protester",
      "three journalists = 3 count journalist"}},
    {"About 300 Syrian refugees crossed the border on foot.",
     {"About 300 Syrian refugees = 300 count refugee mod=syrian approximate"}},
    {"The convoy carried 40 armoured vehicles.",
     {"40 armoured vehicles = 40 count vehicle mod=armoured"}},
    {"The rebels seized two more villages in the south.",
     {"two more villages = 2 count village mod=more"}},
    // Hedges.
    {"The front line is nearly 1,250 kilometers long.",
     {"nearly 1,250 kilometers = 1250 distance km approximate"}},
    {"More than 500 homes lost power in the storm.",
     {"More than 500 homes = 500 count home at_least"}},
    {"Up to 80 soldiers may have been captured.",
     {"Up to 80 soldiers = 80 count soldier at_most"}},
    {"At least 12 people were killed in the shelling.",
     {"At least 12 people = 12 count people at_least"}},
    {"125 fighters at least were killed in the clashes.",
     {"125 fighters at least = 125 count fighter at_least"}},
    {"The two sides have exchanged thousands of prisoners since 2022.",
     {"two sides = 2 count side",
      "thousands of prisoners = 1000 count prisoner at_least vague"}},
    {"Russia and Ukraine have traded 1000's of prisoners.",
     {"1000's of prisoners = 1000 count prisoner at_least vague"}},
    {"Tens of thousands of residents left the city.",
     {"Tens of thousands of residents = 10000 count resident at_least vague"}},
    // Money, percent, measures.
    {"The fund pledged $5bn for reconstruction.", {"$5bn = 5e+09 money usd"}},
    {"Brussels approved €3 million in emergency aid.",
     {"€3 million = 3e+06 money eur"}},
    {"The company paid 20 million dollars in fines.",
     {"20 million dollars = 2e+07 money usd"}},
    {"Turnout rose to 40% in the capital.", {"40% = 40 percent percent"}},
    {"Prices climbed 12.5 percent last year.",
     {"12.5 percent = 12.5 percent percent"}},
    {"Inflation reached 9 per cent in March.",
     {"9 per cent = 9 percent percent"}},
    {"The fire destroyed 300 hectares of forest.",
     {"300 hectares = 300 area ha"}},
    {"The blast left a crater near a 10km stretch of road.",
     {"10km = 10 distance km"}},
    {"A 35-year-old man was arrested at the scene.",
     {"35-year-old = 35 age year"}},
    {"The siege lasted three years.", {"three years = 3 duration year"}},
    {"Rhys Gannet, 67, has lived on the street for forty years.",
     {"67 = 67 age year", "forty years = 40 duration year"}},
    {"Rain reached 96 millimetres in two days.",
     {"96 millimetres = 96 distance mm", "two days = 2 duration day"}},
    // Ranges.
    {"Between 10 and 20 civilians were wounded.",
     {"Between 10 and 20 civilians = 10..20 count civilian"}},
    {"Witnesses said 30-40 tanks crossed the river.",
     {"30-40 tanks = 30..40 count tank"}},
    // Negatives: years, dates, times, ordinals, identifiers, pronoun "one".
    {"The agreements were signed in 2022 and renewed in 2024.", {}},
    {"The talks began on December 3, 2023 in Geneva.", {}},
    {"Shelling resumed at 08:15 GMT and stopped at 3pm.", {}},
    {"Fighting in the 1990s displaced the families.", {}},
    {"It was the fifth attack on the 21st floor.", {}},
    {"Pilots trained on F-16 jets while COVID-19 spread.", {}},
    {"No one was hurt, and one of the guards fled.", {}},
    {"The 2022 election was disputed by 2000 voters.",
     {"2000 voters = 2000 count voter"}},
};

TEST(QuantitiesGolden, EachRow) {
  for (const Row& row : kRows) {
    std::vector<std::string> got;
    for (const Quantity& q : FindQuantities(row.text)) got.push_back(Format(q));
    EXPECT_EQ(got, row.expected) << "input: " << row.text;
  }
}

TEST(Quantities, OffsetsCoverTheRawText) {
  const std::string text = "Officials said nearly 1,250 kilometers of front.";
  const std::vector<Quantity> qs = FindQuantities(text);
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(text.substr(qs[0].begin, qs[0].end - qs[0].begin), qs[0].text);
  EXPECT_EQ(qs[0].hedge, "nearly");
}

TEST(Quantities, EmptyAndPunctuationOnlyInputs) {
  EXPECT_TRUE(FindQuantities("").empty());
  EXPECT_TRUE(FindQuantities("... --- !!!").empty());
  // Invalid UTF-8 is read as U+FFFD; the bare count survives.
  const std::vector<Quantity> qs = FindQuantities("\xff\xfe 12");
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(qs[0].value, 12);
  EXPECT_EQ(qs[0].unit, "");
}

// The per-thread memos of parsed words and of singulars are small tables
// whose entries are replaced on collision: answers must not depend on what was asked before.
TEST(Quantities, AnswersDoNotDependOnEarlierWords) {
  const std::string text =
      "Nearly 1,200 Ukrainian prisoners and more than two dozen drones; some "
      "forty-five soldiers, about 300 civilians and up to ten thousand people.";
  std::vector<std::string> first;
  for (const Quantity& q : FindQuantities(text)) first.push_back(Format(q));
  ASSERT_FALSE(first.empty());
  // Many distinct words before and after numbers fill (and overwrite) the
  // memos.
  std::string noise;
  for (int k = 0; k < 600; ++k) {
    noise += "w" + std::to_string(k) + "x 12 boxe" + std::to_string(k) +
             "s, ";
  }
  EXPECT_EQ(FindQuantities(noise).size(), 600u);
  std::vector<std::string> again;
  for (const Quantity& q : FindQuantities(text)) again.push_back(Format(q));
  EXPECT_EQ(again, first);
}

}  // namespace
}  // namespace concord::facts
