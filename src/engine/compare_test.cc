// Comparer on sentence pairs: the paraphrase model's features (named, in the
// model's order) and its verdict on pairs whose answer is not in doubt.
#include "concord/compare.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace concord {
namespace {

std::map<std::string, double> Features(const Comparison& c) {
  return {c.paraphrase_features.begin(), c.paraphrase_features.end()};
}

TEST(CompareParaphraseTest, FeaturesAreTheModelsSevenInOrder) {
  const Comparer comparer;
  const Comparison c =
      comparer.Compare("The storm closed 12 schools on Monday.",
                       "On Monday the storm shut 12 schools.");
  std::vector<std::string> names;
  for (const auto& [name, value] : c.paraphrase_features) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "sp1_min", "p3_min", "lcs_min", "unmatched_min",
                       "unmatched_info_min", "numbers_differ",
                       "negation_differs"}));
}

TEST(CompareParaphraseTest, IdenticalSentencesScoreFullOverlap) {
  const Comparer comparer;
  const std::string s =
      "Shares of the carmaker rose 4 percent after the company raised its "
      "forecast for the year.";
  const Comparison c = comparer.Compare(s, s);
  const auto f = Features(c);
  EXPECT_DOUBLE_EQ(f.at("sp1_min"), 1.0);
  EXPECT_DOUBLE_EQ(f.at("p3_min"), 1.0);
  EXPECT_DOUBLE_EQ(f.at("lcs_min"), 1.0);
  EXPECT_DOUBLE_EQ(f.at("unmatched_min"), 0.0);
  EXPECT_DOUBLE_EQ(f.at("unmatched_info_min"), 0.0);
  EXPECT_DOUBLE_EQ(f.at("numbers_differ"), 0.0);
  EXPECT_DOUBLE_EQ(f.at("negation_differs"), 0.0);
  EXPECT_TRUE(c.paraphrase);
  EXPECT_GT(c.paraphrase_probability, 0.8);
}

TEST(CompareParaphraseTest, NegationAndNumbersOnOneSideLowerTheProbability) {
  const Comparer comparer;
  const std::string a =
      "The council said it would approve the new budget of 40 million "
      "dollars next week.";
  const Comparison same = comparer.Compare(a, a);
  const Comparison negated = comparer.Compare(
      a,
      "The council said it would not approve the new budget of 40 million "
      "dollars next week.");
  const Comparison renumbered = comparer.Compare(
      a,
      "The council said it would approve the new budget of 45 million "
      "dollars next week.");
  EXPECT_DOUBLE_EQ(Features(negated).at("negation_differs"), 1.0);
  EXPECT_DOUBLE_EQ(Features(negated).at("numbers_differ"), 0.0);
  EXPECT_DOUBLE_EQ(Features(renumbered).at("numbers_differ"), 1.0);
  EXPECT_DOUBLE_EQ(Features(renumbered).at("negation_differs"), 0.0);
  EXPECT_LT(negated.paraphrase_probability, same.paraphrase_probability);
  EXPECT_LT(renumbered.paraphrase_probability, same.paraphrase_probability);
}

TEST(CompareParaphraseTest, UnrelatedSentencesAreNotParaphrases) {
  const Comparer comparer;
  const Comparison c = comparer.Compare(
      "The museum will reopen its west wing after two years of repairs.",
      "Heavy rain flooded several roads in the north of the country.");
  EXPECT_FALSE(c.paraphrase);
  EXPECT_LT(c.paraphrase_probability, 0.2);
  EXPECT_GE(Features(c).at("unmatched_min"), 5.0);
}

TEST(CompareParaphraseTest, WordNetSynonymsCountAsMatches) {
  const Comparer comparer;
  if (!comparer.wordnet_status().ok()) GTEST_SKIP() << "no WordNet";
  const auto f = Features(comparer.Compare(
      "The car hit the wall.", "The automobile hit the wall."));
  EXPECT_DOUBLE_EQ(f.at("sp1_min"), 1.0);
  EXPECT_DOUBLE_EQ(f.at("unmatched_min"), 0.0);
}

TEST(CompareParaphraseTest, AnUnmatchedRareWordWeighsMoreThanACommonOne) {
  const Comparer comparer;
  if (!comparer.wordnet_status().ok()) GTEST_SKIP() << "no WordNet";
  const auto common = Features(
      comparer.Compare("The mayor visited the school on Monday.",
                       "The mayor visited the house on Monday."));
  const auto rare = Features(
      comparer.Compare("The mayor visited the gazebo on Monday.",
                       "The mayor visited the aqueduct on Monday."));
  EXPECT_DOUBLE_EQ(common.at("unmatched_min"), 1.0);
  EXPECT_DOUBLE_EQ(rare.at("unmatched_min"), 1.0);
  EXPECT_GT(rare.at("unmatched_info_min"), common.at("unmatched_info_min"));
  EXPECT_GT(common.at("unmatched_info_min"), 0.0);
}

// source/derived and original/altered pairs say which text came first;
// a/b pairs do not. A derived text over twice its source's length is a
// rewrite of it, never the source's "summary".
TEST(CompareRelationTest, LabelledDirectionTellsAnExpansionFromASummary) {
  const std::string dir = std::string(CONCORD_SOURCE_DIR) + "/examples/articles/";
  Result<std::string> wire = ReadArticleBody(dir + "tram-01-wire.txt");
  Result<std::string> summary =
      ReadArticleBody(dir + "tram-04-summary.txt");
  ASSERT_TRUE(wire.ok() && summary.ok());
  const Comparer comparer;
  EXPECT_EQ(comparer.Compare(*wire, *summary).relation, "summary");
  EXPECT_EQ(comparer.Compare(*summary, *wire).relation, "summary");
  EXPECT_EQ(comparer.Compare(*wire, *summary, true).relation, "summary");
  EXPECT_EQ(comparer.Compare(*summary, *wire, true).relation, "rewrite");

  const std::string pairs = ::testing::TempDir() + "/directed_pairs.jsonl";
  {
    std::ofstream out(pairs, std::ios::binary);
    out << R"({"id":"ab","a":"x","b":"y"})" << "\n"
        << R"({"id":"sd","source":"x","derived":"y"})" << "\n"
        << R"({"id":"oa","original":"x","altered":"y"})" << "\n";
  }
  std::vector<Status> errors;
  const std::vector<TextPair> read = ReadPairs(pairs, &errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(read.size(), 3u);
  EXPECT_FALSE(read[0].directed);
  EXPECT_TRUE(read[1].directed);
  EXPECT_TRUE(read[2].directed);
}

}  // namespace
}  // namespace concord
