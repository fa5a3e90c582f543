#include "src/facts/conflicts.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace concord::facts {
namespace {

// The distinct kinds found, sorted and comma-joined ("" for none).
std::string Kinds(std::string_view a, std::string_view b) {
  std::set<std::string> kinds;
  for (const Conflict& c : FindConflicts(a, b)) {
    kinds.insert(std::string(ConflictKindName(c.kind)));
  }
  std::string out;
  for (const std::string& k : kinds) out += (out.empty() ? "" : ",") + k;
  return out;
}

struct Row {
  const char* a;
  const char* b;
  const char* kinds;
};

// Pairs of invented news sentences: the first text, the second, and the
// conflict kinds expected between them.
constexpr Row kGolden[] = {
    // Dates.
    {"Police said the fire started at the warehouse on Tuesday and spread "
     "quickly through the district.",
     "Police said the fire started at the warehouse on Thursday and spread "
     "quickly through the district.",
     "date"},
    {"The old bridge collapsed on 12 March 2019, according to the regional "
     "transport office.",
     "The old bridge collapsed on 14 March 2019, according to the regional "
     "transport office.",
     "date"},
    {"The factory was built in 1998 and employed hundreds of workers from "
     "the valley.",
     "The factory was built in 2004 and employed hundreds of workers from "
     "the valley.",
     "date"},
    {"Elections were held in March and the new council met for the first "
     "time after that.",
     "Elections were held in June and the new council met for the first "
     "time after that.",
     "date"},
    {"The flooding began on Sunday 25 May 2014 and the river rose for three "
     "more days.",
     "The flooding began on May 25, 2014 and the river rose for three more "
     "days.",
     ""},
    {"The flooding began on Sunday, May 25, 2014 and the river rose for "
     "three more days.",
     "The flooding began on Sunday and the river rose for three more days.",
     ""},
    {"The strike ended yesterday after workers accepted the offer from the "
     "port authority.",
     "The strike ended on Monday after workers accepted the offer from the "
     "port authority.",
     ""},
    // Numbers.
    {"Twelve people were killed when the bus overturned near the northern "
     "highway exit.",
     "Fifteen people were killed when the bus overturned near the northern "
     "highway exit.",
     "number"},
    {"Ten people were killed when the bus overturned near the northern "
     "highway exit.",
     "10 people were killed when the bus overturned near the northern "
     "highway exit.",
     ""},
    {"Officials said nearly 1,250 residents were evacuated from the valley "
     "after the storm.",
     "Officials said 1,250 residents were evacuated from the valley after "
     "the storm.",
     ""},
    {"Inspectors said about 300 homes were damaged by the earthquake in the "
     "hills.",
     "Inspectors said 312 homes were damaged by the earthquake in the "
     "hills.",
     ""},
    {"Rescuers said at least 50 miners were trapped underground after the "
     "tunnel flooded.",
     "Rescuers said more than 50 miners were trapped underground after the "
     "tunnel flooded.",
     ""},
    {"Doctors said between 10 and 20 patients were treated for smoke at the "
     "clinic.",
     "Doctors said 15 patients were treated for smoke at the clinic.", ""},
    {"Turnout rose to 62 percent in the capital, the electoral commission "
     "said on Sunday.",
     "Turnout rose to 48 percent in the capital, the electoral commission "
     "said on Sunday.",
     "number"},
    {"The council approved $5 million for the new library and the park.",
     "The council approved 5 million dollars for the new library and the "
     "park.",
     ""},
    // Places and actors.
    {"The protest took place in Lyon on Saturday afternoon, organisers said "
     "in a statement.",
     "The protest took place in Marseille on Saturday afternoon, organisers "
     "said in a statement.",
     "place"},
    {"Police arrested Maria Keller after the robbery at the jewellery shop, "
     "officials said.",
     "Police arrested Thomas Brandt after the robbery at the jewellery shop, "
     "officials said.",
     "actor"},
    {"President Zelenskyy met the delegation in Kyiv on Wednesday to discuss "
     "aid.",
     "President Zelensky met the delegation in Kiev on Wednesday to discuss "
     "aid.",
     ""},
    {"The United Nations said the convoy reached the camp late in the "
     "evening.",
     "The UN said the convoy reached the camp late in the evening.", ""},
    {"House members voted on the budget bill late at night in the capital.",
     "House Republicans voted on the budget bill late at night in the "
     "capital.",
     ""},
    {"Two people died when a fire broke out in the town on Saturday night, "
     "firefighters said.",
     "Two people died when a fire broke out in Hartsville on Saturday "
     "night, firefighters said.",
     "place"},
    // Causes.
    {"Nine soldiers died in a roadside bomb attack near the checkpoint on "
     "Monday morning.",
     "Nine soldiers died in a sniper attack near the checkpoint on Monday "
     "morning.",
     "cause"},
    {"Witnesses said four people were killed by shelling in the old quarter "
     "of the city.",
     "Witnesses said four people were killed by airstrikes in the old "
     "quarter of the city.",
     "cause"},
    {"Witnesses said four people were killed in an airstrike on the old "
     "quarter of the city.",
     "Witnesses said four people were killed in airstrikes on the old "
     "quarter of the city.",
     ""},
    {"A car bomb went off outside the station and four people were killed, "
     "police said.",
     "An explosion went off outside the station and four people were "
     "killed, police said.",
     ""},
    // Rewording that changes no fact.
    {"The minister said the new law would help farmers across the country "
     "next year.",
     "The minister stated the new law would assist farmers across the nation "
     "next year.",
     ""},
    {"Residents were angry about the decision to close the only hospital in "
     "town.",
     "Residents were furious about the choice to close the only hospital in "
     "town.",
     ""},
    {"After the storm passed, workers repaired the power lines in Dover on "
     "Friday.",
     "Workers repaired the power lines in Dover on Friday, after the storm "
     "passed.",
     ""},
    {"The museum reopened on Monday with 40 new paintings from the "
     "collection of Anna Weber.",
     "The museum reopened on Monday with new paintings from the collection.",
     ""},
    {"The museum reopened on Monday with new paintings from the collection.",
     "The museum reopened on Monday with 40 new paintings from the "
     "collection of Anna Weber.",
     ""},
    // Rewrites without shared wording: the slots.
    {"A car bomb killed 14 people in the market town of Almora on Sunday, "
     "police said.",
     "Police reported that fourteen people died when a vehicle packed with "
     "explosives blew up at Almora's market.",
     ""},
    {"A car bomb killed 14 people in the market town of Almora on Sunday, "
     "police said.",
     "Police reported that 20 people were killed when a vehicle packed with "
     "explosives blew up at Almora's market.",
     "number"},
    {"Gunmen shot dead six farmers in a village near the border on Friday "
     "night.",
     "According to local officials, a village near the border lost six "
     "farmers in a night attack by gunmen on Wednesday, March 4.",
     "date"},
    {"", "", ""},
    {"Short.", "Another short text.", ""},
};

TEST(ConflictsTest, GoldenTable) {
  for (const Row& row : kGolden) {
    EXPECT_EQ(Kinds(row.a, row.b), row.kinds)
        << "A: " << row.a << "\nB: " << row.b;
  }
}

TEST(ConflictsTest, ValuesOffsetsAndEvidence) {
  const std::string a =
      "Police said the fire started at the warehouse on Tuesday and spread "
      "quickly through the district.";
  const std::string b =
      "Police said the fire started at the warehouse on Thursday and spread "
      "quickly through the district.";
  const std::vector<Conflict> found = FindConflicts(a, b);
  ASSERT_EQ(found.size(), 1u);
  const Conflict& c = found[0];
  EXPECT_EQ(c.kind, ConflictKind::kDate);
  EXPECT_EQ(c.a_value, "Tuesday");
  EXPECT_EQ(c.b_value, "Thursday");
  EXPECT_EQ(a.substr(c.a_begin, c.a_end - c.a_begin), "Tuesday");
  EXPECT_EQ(b.substr(c.b_begin, c.b_end - c.b_begin), "Thursday");
  EXPECT_GT(c.confidence, 0.5f);
  EXPECT_NE(c.evidence.find("aligned passage"), std::string::npos)
      << c.evidence;
}

TEST(ConflictsTest, SymmetricInKind) {
  for (const Row& row : kGolden) {
    EXPECT_EQ(Kinds(row.b, row.a), row.kinds)
        << "A: " << row.b << "\nB: " << row.a;
  }
}

TEST(ConflictsTest, SlotsCanBeTurnedOff) {
  const char* a =
      "A car bomb killed 14 people in the market town of Almora on Sunday, "
      "police said.";
  const char* b =
      "Police reported that 20 people were killed when a vehicle packed "
      "with explosives blew up at Almora's market.";
  EXPECT_FALSE(FindConflicts(a, b).empty());
  EXPECT_TRUE(FindConflicts(a, b, {.slots = false}).empty());
}

TEST(ConflictsTest, InvalidUtf8AndLongInputDoNotBreak) {
  std::string a = "The bridge \xff\xfe collapsed on Tuesday near the port ";
  std::string b = "The bridge \xc3 collapsed on Friday near the port ";
  for (int i = 0; i < 200; ++i) {
    a += "and traffic was diverted through the old town centre ";
    b += "and traffic was diverted through the old town centre ";
  }
  const std::vector<Conflict> found = FindConflicts(a, b);
  ASSERT_FALSE(found.empty());
  for (const Conflict& c : found) {
    EXPECT_LE(c.a_end, a.size());
    EXPECT_LE(c.b_end, b.size());
    EXPECT_LE(c.a_begin, c.a_end);
  }
}

TEST(ConflictsTest, CauseLexicon) {
  EXPECT_TRUE(IsCauseTerm("airstrike"));
  EXPECT_TRUE(IsCauseTerm("sniper"));
  EXPECT_FALSE(IsCauseTerm("car"));  // only before "bomb", "attack", ...
  EXPECT_FALSE(IsCauseTerm("meeting"));
}

}  // namespace
}  // namespace concord::facts
