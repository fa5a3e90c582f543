// End to end: `concord compare` shows the evidence behind a relation (the
// part of a source a short text draws on, the shared words' order), and
// `compare --pairs` reads which text is the source from its field names.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/test_util.h"

namespace concord {
namespace {

using nlohmann::json;
using testing::ExamplePath;
using testing::MakeTempDir;
using testing::ReadFile;
using testing::RunConcord;
using testing::WriteFile;

const std::string kExamples = ExamplePath("articles/");

TEST(CompareE2eTest, SummaryShowsThePartItDrawsOnAndTheOrder) {
  const std::string wire = kExamples + "tram-01-wire.txt";
  const std::string summary = kExamples + "tram-04-summary.txt";
  auto text = RunConcord("compare " + wire + " " + summary + " --color never");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("relation: summary"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("B draws on "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("used in the same order by both"), std::string::npos)
      << text.out;

  auto js = RunConcord("compare " + wire + " " + summary + " --format json");
  ASSERT_EQ(js.exit_code, 0) << js.err;
  const json j = json::parse(js.out);
  EXPECT_EQ(j["relation"], "summary");
  EXPECT_GT(j["drawn_words"].get<int>(), j["b_words"].get<int>());
  EXPECT_LE(j["drawn_words"].get<int>(), j["a_words"].get<int>());
  EXPECT_GT(j["shared_stems"].get<int>(), 8);
  EXPECT_GT(j["stems_in_order"].get<int>(), 0);
  EXPECT_LE(j["stems_in_order"].get<int>(), j["shared_stems"].get<int>());
}

TEST(CompareE2eTest, BFromAFlagTellsAnExpansionFromASummary) {
  const std::string wire = kExamples + "tram-01-wire.txt";
  const std::string summary = kExamples + "tram-04-summary.txt";
  auto plain = RunConcord("compare " + summary + " " + wire + " --format json");
  auto directed = RunConcord("compare " + summary + " " + wire +
                             " --b-from-a --format json");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  ASSERT_EQ(directed.exit_code, 0) << directed.err;
  EXPECT_EQ(json::parse(plain.out)["relation"], "summary");
  EXPECT_EQ(json::parse(directed.out)["relation"], "rewrite");
}

// The same two texts as a/b and as source/derived with the short one the
// source: undirected it may be the other's summary; known to be the
// source, the longer text expands it.
TEST(CompareE2eTest, PairsFieldsSayWhichTextIsTheSource) {
  const std::string dir = MakeTempDir("compare_direction");
  const std::string wire = ReadFile(kExamples + "tram-01-wire.txt");
  const std::string summary = ReadFile(kExamples + "tram-04-summary.txt");
  ASSERT_FALSE(wire.empty() || summary.empty());
  WriteFile(dir + "/pairs.jsonl",
            json{{"id", "ab"}, {"a", summary}, {"b", wire}}.dump() +
                "\n" +
                json{{"id", "sd"},
                     {"source", summary},
                     {"derived", wire}}
                    .dump() +
                "\n" +
                json{{"id", "oa"},
                     {"original", wire},
                     {"altered", summary}}
                    .dump() +
                "\n");
  auto r = RunConcord("compare --pairs " + dir + "/pairs.jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string ab, sd, oa;
  std::getline(lines, ab);
  std::getline(lines, sd);
  std::getline(lines, oa);
  EXPECT_EQ(json::parse(ab)["relation"], "summary") << ab;
  EXPECT_EQ(json::parse(sd)["relation"], "rewrite") << sd;
  EXPECT_EQ(json::parse(oa)["relation"], "summary") << oa;

  // --b-from-a reads the a/b pair as source and derived too.
  auto all = RunConcord("compare --pairs " + dir + "/pairs.jsonl --b-from-a");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  std::istringstream all_lines(all.out);
  std::getline(all_lines, ab);
  EXPECT_EQ(json::parse(ab)["relation"], "rewrite") << ab;
}

// `eval derived` counts the pairs per relation, and its JSON names the
// file as a proper string whatever characters the path has.
TEST(CompareE2eTest, EvalDerivedCountsRelationsAndQuotesItsPath) {
  const std::string dir = MakeTempDir("eval_derived") + "/say \"when\"";
  std::filesystem::create_directories(dir);
  const std::string file = dir + "/pairs.jsonl";
  const std::string wire = ReadFile(kExamples + "tram-01-wire.txt");
  const std::string other = ReadFile(kExamples + "flood-04-independent.txt");
  WriteFile(file, json{{"source", wire}, {"derived", wire}}.dump() +
                      "\n" +
                      json{{"a", wire}, {"b", other}}.dump() +
                      "\n");
  auto r = RunConcord("eval derived '" + file + "' --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["file"], file);
  EXPECT_EQ(j["pairs"], 2);
  EXPECT_EQ(j["relations"]["duplicate"], 1) << r.out;
  EXPECT_EQ(j["relations"]["independent"], 1) << r.out;
  auto text = RunConcord("eval derived '" + file + "'");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("duplicate 1"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace concord
