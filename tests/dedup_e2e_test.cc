// End to end: `concord dedup` on the bundled examples and on generated
// folders (exact copies, near copies, bad inputs, the exhaustive reference).
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace concord {
namespace {

using nlohmann::json;
using testing::ExamplePath;
using testing::MakeTempDir;
using testing::RunConcord;
using testing::WriteFile;

std::string Examples() { return ExamplePath("articles"); }

// One JSON object per line of `out`.
std::vector<json> Lines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(json::parse(line));
  }
  return lines;
}

// The group holding `id`, or null.
json GroupOf(const std::vector<json>& groups, const std::string& id) {
  for (const json& g : groups) {
    for (const json& a : g["articles"]) {
      if (a == id) return g;
    }
  }
  return nullptr;
}

// Kind and members of each group: the partition, without min_jaccard (the
// weakest link among the pairs compared, which depends on which pairs the
// LSH index proposed).
std::vector<json> Partition(const std::string& out) {
  std::vector<json> groups = Lines(out);
  for (json& g : groups) g.erase("min_jaccard");
  return groups;
}

bool InGroup(const json& group, const std::string& id) {
  if (group.is_null()) return false;
  for (const json& a : group["articles"]) {
    if (a == id) return true;
  }
  return false;
}

TEST(DedupE2eTest, ExampleVerbatimCopiesAreGroupedWithTheirWire) {
  const auto r = RunConcord("dedup " + Examples());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<json> groups = Lines(r.out);
  ASSERT_FALSE(groups.empty()) << r.out;
  for (const char* event : {"flood", "launch"}) {
    const std::string wire = std::string(event) + "-01-wire";
    const std::string copy = std::string(event) + "-02-verbatim-copy";
    const json g = GroupOf(groups, wire);
    ASSERT_FALSE(g.is_null()) << wire << " in no group:\n" << r.out;
    EXPECT_TRUE(InGroup(g, copy)) << g.dump();
    const std::string kind = g["kind"];
    EXPECT_TRUE(kind == "duplicate" || kind == "near-duplicate") << kind;
    EXPECT_GE(g["min_jaccard"].get<double>(), 0.5);
  }
  // Independent reports of an event are in no group with its wire story.
  for (const char* independent :
       {"flood-04-independent", "launch-05-independent",
        "strike-04-independent-caption-twice", "tram-03-independent",
        "wildfire-04-independent-caption-twice", "wildfire-05-independent"}) {
    const std::string id = independent;
    const std::string wire = id.substr(0, id.find('-')) + "-01-wire";
    EXPECT_FALSE(InGroup(GroupOf(groups, id), wire)) << id << "\n" << r.out;
  }
}

TEST(DedupE2eTest, OutputIsOneNumberedObjectPerGroupInInputOrder) {
  const auto r = RunConcord("dedup " + Examples());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<json> groups = Lines(r.out);
  std::string previous_first;
  for (size_t i = 0; i < groups.size(); ++i) {
    const json& g = groups[i];
    ASSERT_EQ(g.size(), 4u) << g.dump();
    EXPECT_EQ(g["group"], i);
    ASSERT_GE(g["articles"].size(), 2u);
    // Text files are read in sorted path order, so input order is sorted.
    std::vector<std::string> ids = g["articles"];
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end())) << g.dump();
    EXPECT_LT(previous_first, ids[0]);
    previous_first = ids[0];
    const double j = g["min_jaccard"];
    EXPECT_GE(j, 0.5);
    EXPECT_LE(j, 1.0);
  }
  // The first key is "group": the documented line shape.
  EXPECT_EQ(r.out.rfind("{\"group\":0,\"kind\":", 0), 0u) << r.out;
}

TEST(DedupE2eTest, LshAgreesWithExhaustiveComparisonOnExamples) {
  const auto lsh = RunConcord("dedup " + Examples());
  const auto all = RunConcord("dedup --exhaustive " + Examples());
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(Partition(lsh.out), Partition(all.out));
}

TEST(DedupE2eTest, CopyDifferingInCasePunctuationAndSpacingIsDuplicate) {
  const std::string dir = MakeTempDir("dedup-exact");
  WriteFile(dir + "/a.txt",
            "Dam gate jams above Brennick\n\n"
            "Authorities ordered about 4,200 residents of Brennick to leave "
            "their homes on Tuesday after a spillway gate jammed.\n\n"
            "\"We are not waiting,\" said Tamsin Varey, the emergency "
            "coordinator.\n");
  WriteFile(dir + "/b.txt",
            "BRENNICK: 4,200 MUST GO\n\n"
            "authorities ordered about 4,200 residents of brennick to leave "
            "their homes on tuesday -- after a spillway gate jammed!\n\n"
            "We are not waiting said   Tamsin Varey; the Emergency "
            "Coordinator.\n");
  WriteFile(dir + "/c.txt",
            "Tram services resume\n\n"
            "Trams returned to the eastern line on Monday morning after "
            "engineers replaced a damaged overhead cable near the depot.\n");
  const auto r = RunConcord("dedup " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<json> groups = Lines(r.out);
  ASSERT_EQ(groups.size(), 1u) << r.out;
  EXPECT_EQ(groups[0]["kind"], "duplicate");
  EXPECT_EQ(groups[0]["articles"], json({"a", "b"}));
  EXPECT_EQ(groups[0]["min_jaccard"], 1.0);
}

// A 300-word article of generated words, as paragraphs of 60 words.
std::string GeneratedArticle(std::mt19937& rng,
                             std::vector<std::string>* words) {
  words->clear();
  for (int i = 0; i < 300; ++i) {
    words->push_back("w" + std::to_string(rng() % 5000));
  }
  std::string text = "Generated headline " + std::to_string(rng()) + "\n\n";
  for (int i = 0; i < 300; ++i) {
    text += (*words)[i];
    text += (i % 60 == 59) ? ".\n\n" : " ";
  }
  return text;
}

TEST(DedupE2eTest, LightEditIsNearDuplicateAndExactCopyJoinsItsGroup) {
  const std::string dir = MakeTempDir("dedup-near");
  std::mt19937 rng(5);
  std::vector<std::string> words;
  const std::string original = GeneratedArticle(rng, &words);
  WriteFile(dir + "/1-original.txt", original);
  // Five words replaced, one paragraph trimmed: J ≈ 0.75.
  std::string edited = original;
  for (const int at : {10, 70, 130, 190, 250}) {
    const size_t pos = edited.find(" " + words[at] + " ");
    if (pos != std::string::npos)
      edited.replace(pos + 1, words[at].size(), "x");
  }
  edited.resize(edited.rfind("\n\n", edited.size() - 3));
  WriteFile(dir + "/2-edited.txt", edited);
  WriteFile(dir + "/3-other.txt", GeneratedArticle(rng, &words));
  WriteFile(
      dir + "/4-copy.txt",
      "Another headline\n\n" + original.substr(original.find("\n\n") + 2));
  const auto r = RunConcord("dedup " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<json> groups = Lines(r.out);
  ASSERT_EQ(groups.size(), 1u) << r.out;
  EXPECT_EQ(groups[0]["kind"], "near-duplicate");
  EXPECT_EQ(groups[0]["articles"], json({"1-original", "2-edited", "4-copy"}));
  EXPECT_GT(groups[0]["min_jaccard"].get<double>(), 0.55);
  EXPECT_LT(groups[0]["min_jaccard"].get<double>(), 0.95);

  // A stricter threshold separates the edit; the exact copy stays.
  const auto strict = RunConcord("dedup --threshold 0.95 " + dir);
  ASSERT_EQ(strict.exit_code, 0) << strict.err;
  const std::vector<json> strict_groups = Lines(strict.out);
  ASSERT_EQ(strict_groups.size(), 1u) << strict.out;
  EXPECT_EQ(strict_groups[0]["kind"], "duplicate");
  EXPECT_EQ(strict_groups[0]["articles"], json({"1-original", "4-copy"}));
}

// Many generated families through the CLI: the LSH path must find the same
// groups as comparing every pair.
TEST(DedupE2eTest, LshAgreesWithExhaustiveOnGeneratedFamilies) {
  const std::string dir = MakeTempDir("dedup-families");
  std::mt19937 rng(9);
  std::vector<std::string> words;
  for (int f = 0; f < 40; ++f) {
    const std::string base = GeneratedArticle(rng, &words);
    WriteFile(dir + "/f" + std::to_string(f) + "-0.txt", base);
    for (int c = 1; c <= static_cast<int>(rng() % 3); ++c) {
      std::string copy = base;
      // Replace ~4% of words: J ≈ 0.7.
      for (int k = 0; k < 12; ++k) {
        const std::string& w = words[rng() % words.size()];
        const size_t pos = copy.find(" " + w + " ");
        if (pos != std::string::npos) copy.replace(pos + 1, w.size(), "y");
      }
      WriteFile(
          dir + "/f" + std::to_string(f) + "-" + std::to_string(c) + ".txt",
          copy);
    }
  }
  const auto lsh = RunConcord("dedup " + dir);
  const auto all = RunConcord("dedup --exhaustive " + dir);
  ASSERT_EQ(lsh.exit_code, 0) << lsh.err;
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(Partition(lsh.out), Partition(all.out));
  EXPECT_GE(Lines(lsh.out).size(), 15u);
}

TEST(DedupE2eTest, ShingleOptionChangesWindowSize) {
  const auto r = RunConcord("dedup --shingle 3 " + Examples());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(Lines(r.out).empty());
}

TEST(DedupE2eTest, MissingInputIsReportedAndTheRestProcessed) {
  const auto r = RunConcord("dedup " + Examples() + " /no/such/file.txt");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("concord: not found: /no/such/file.txt"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(Lines(r.out).empty());
}

TEST(DedupE2eTest, NothingReadableOrBadOptionsExitTwo) {
  const auto none = RunConcord("dedup /no/such/file.txt");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("no article could be read"), std::string::npos);
  EXPECT_TRUE(none.out.empty());
  const auto zero = RunConcord("dedup --threshold 0 " + Examples());
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_NE(zero.err.find("invalid argument"), std::string::npos) << zero.err;
  EXPECT_EQ(RunConcord("dedup --shingle 0 " + Examples()).exit_code, 2);
  EXPECT_EQ(RunConcord("dedup").exit_code, 2);
}

TEST(DedupE2eTest, EmptyBodyIsWarnedAboutAndLeftOut) {
  const std::string dir = MakeTempDir("dedup-empty");
  WriteFile(dir + "/a.jsonl",
            "{\"id\":\"p\",\"text\":\"-- -- --\"}\n"
            "{\"id\":\"q\",\"text\":\"... !!! ...\"}\n");
  const auto r = RunConcord("dedup " + dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("concord: warning: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no words"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace concord
