// End to end: conflicts in `concord compare` (text, JSON, --pairs) and
// `concord eval conflicts` on small invented files, bad labels included.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/test_util.h"

namespace concord {
namespace {

using nlohmann::json;
using testing::MakeTempDir;
using testing::RunConcord;
using testing::WriteFile;

constexpr const char* kA =
    "Police said the fire started at the old grain warehouse on Tuesday and "
    "spread quickly through the harbour district. Twelve people were killed "
    "and dozens of families lost their homes, the city council said.";
constexpr const char* kB =
    "Police said the fire started at the old grain warehouse on Thursday and "
    "spread quickly through the harbour district. Twelve people were killed "
    "and dozens of families lost their homes, the city council said.";

TEST(ConflictsE2eTest, CompareTextAndJsonListConflicts) {
  const std::string dir = MakeTempDir("conflicts_compare");
  WriteFile(dir + "/a.txt", kA);
  WriteFile(dir + "/b.txt", kB);
  auto text =
      RunConcord("compare " + dir + "/a.txt " + dir + "/b.txt --color never");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("conflicts:"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("date: \"Tuesday\" vs \"Thursday\""),
            std::string::npos)
      << text.out;

  auto js =
      RunConcord("compare " + dir + "/a.txt " + dir + "/b.txt --format json");
  ASSERT_EQ(js.exit_code, 0) << js.err;
  const json j = json::parse(js.out);
  ASSERT_EQ(j["conflicts"].size(), 1u) << js.out;
  const json& c = j["conflicts"][0];
  EXPECT_EQ(c["kind"], "date");
  EXPECT_EQ(c["a"], "Tuesday");
  EXPECT_EQ(c["b"], "Thursday");
  EXPECT_EQ(c["a_span"].size(), 2u);
  EXPECT_FALSE(c["evidence"].get<std::string>().empty());
}

TEST(ConflictsE2eTest, PairsAndEval) {
  const std::string dir = MakeTempDir("conflicts_eval");
  json changed = {{"id", "x1"},
                  {"original", kA},
                  {"altered", kB},
                  {"changed", {"Date of death"}}};
  json same = {{"id", "x2"},
               {"original", kA},
               {"altered", kA},
               {"changed", json::array()},
               {"style", "neutral"}};
  WriteFile(dir + "/pairs.jsonl", changed.dump() + "\n" + same.dump() + "\n");

  auto pairs = RunConcord("compare --pairs " + dir + "/pairs.jsonl");
  ASSERT_EQ(pairs.exit_code, 0) << pairs.err;
  std::istringstream lines(pairs.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  const json p1 = json::parse(first), p2 = json::parse(second);
  ASSERT_EQ(p1["conflicts"].size(), 1u) << first;
  EXPECT_EQ(p1["conflicts"][0],
            json({{"kind", "date"}, {"a", "Tuesday"}, {"b", "Thursday"}}));
  EXPECT_TRUE(p2["conflicts"].empty()) << second;

  auto eval =
      RunConcord("eval conflicts " + dir + "/pairs.jsonl --format json");
  ASSERT_EQ(eval.exit_code, 0) << eval.err;
  const json e = json::parse(eval.out);
  EXPECT_EQ(e["altered_pairs"], 1);
  EXPECT_EQ(e["recall"], 1.0);
  EXPECT_EQ(e["right_kind"], 1.0);
  EXPECT_EQ(e["unchanged_pairs"], 1);
  EXPECT_EQ(e["false_alarm_rate"], 0.0);
  EXPECT_EQ(e["per_style"]["neutral"]["pairs"], 1);
  EXPECT_EQ(e["per_kind"]["date of death"]["found"], 1.0);
}

TEST(ConflictsE2eTest, BadChangedFieldIsReportedWithItsLine) {
  const std::string dir = MakeTempDir("conflicts_bad");
  json good = {{"original", kA}, {"altered", kB}, {"changed", {"Actor"}}};
  json bad = {{"original", kA}, {"altered", kB}, {"changed", "Actor"}};
  WriteFile(dir + "/bad.jsonl", good.dump() + "\n" + bad.dump() + "\n");
  auto r = RunConcord("eval conflicts " + dir + "/bad.jsonl");
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.err.find("bad.jsonl:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("changed"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("altered pairs 1"), std::string::npos) << r.out;

  WriteFile(dir + "/unlabelled.jsonl",
            json({{"a", kA}, {"b", kB}}).dump() + "\n");
  auto u = RunConcord("eval conflicts " + dir + "/unlabelled.jsonl");
  EXPECT_EQ(u.exit_code, 2);
  EXPECT_NE(u.err.find("no pair with a `changed` list"), std::string::npos)
      << u.err;
}

}  // namespace
}  // namespace concord
