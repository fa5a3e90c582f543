// End to end: `concord analyze` on the seeds (when ../shared is present) and
// on the bundled examples.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/test_util.h"

namespace concord {
namespace {

using nlohmann::json;
using testing::ExamplePath;
using testing::RunConcord;
using testing::SharedDir;

bool Contains(const json& list, const std::string& needle) {
  for (const auto& s : list) {
    if (s.get<std::string>().find(needle) != std::string::npos) return true;
  }
  return false;
}

class SeedsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    shared_ = SharedDir();
    if (shared_.empty()) {
      GTEST_SKIP() << "../shared/seeds not found next to the source tree; "
                      "the seed tests need it";
    }
    auto r = RunConcord("analyze " + shared_ +
                        "/seeds --format json --with-text");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    report_ = json::parse(r.out);
    for (const auto& story : report_["stories"]) {
      for (const auto& a : story["articles"]) {
        articles_[a["id"].get<std::string>().substr(0, 3)] = a;
      }
    }
  }
  std::string shared_;
  json report_;
  std::map<std::string, json> articles_;  // by "000".."004"
};

TEST_F(SeedsTest, AllFiveSeedsFormOneStory) {
  ASSERT_EQ(report_["stories"].size(), 1u) << report_.dump(1);
  EXPECT_EQ(report_["stories"][0]["articles"].size(), 5u);
  EXPECT_EQ(articles_.size(), 5u);
}

TEST_F(SeedsTest, NewsletterPromoIsNotBody) {
  const json& a = articles_.at("000");
  EXPECT_TRUE(Contains(a["dropped"], "delivered to your inbox"));
  EXPECT_TRUE(Contains(a["dropped"], "National news"));
  const std::string body = a["body"];
  EXPECT_EQ(body.find("inbox"), std::string::npos);
  EXPECT_EQ(body.find("National news"), std::string::npos);
  EXPECT_NE(body.find("Umerov said technical consultations"),
            std::string::npos);
}

TEST_F(SeedsTest, SkipLinkAndRepeatedCaptionAreNotBody) {
  const json& a = articles_.at("002");
  EXPECT_TRUE(Contains(a["dropped"], "skip to main content"));
  ASSERT_EQ(a["captions"].size(), 1u) << a.dump(1);
  EXPECT_NE(a["captions"][0].get<std::string>().find("(File image)"),
            std::string::npos);
  const std::string body = a["body"];
  EXPECT_EQ(body.find("skip to main content"), std::string::npos);
  EXPECT_EQ(body.find("(File image)"), std::string::npos);
  EXPECT_EQ(a["title"], "Ukraine seeking exchange of 1,200 prisoners with Russia");
  EXPECT_TRUE(Contains(a["headings"],
                       "Ukrainian troops struggle to fend off larger Russian army"));
}

TEST_F(SeedsTest, CreditLineIsMetadataNotBody) {
  const json& a = articles_.at("003");
  ASSERT_EQ(a["credits"].size(), 1u);
  EXPECT_EQ(a["credits"][0], "ALJAZEERA");
  EXPECT_EQ(a["body"].get<std::string>().find("Credited from"),
            std::string::npos);
}

TEST_F(SeedsTest, HeadlinesAndSubheadingsAreNotBodySentences) {
  const json& a1 = articles_.at("001");
  EXPECT_EQ(a1["title"],
            "Ukraine Pursues Prisoner Exchange with Russia for 1,200 Soldiers");
  EXPECT_TRUE(Contains(a1["headings"], "Ongoing Conflict and Infrastructure Damage"));
  EXPECT_EQ(a1["body"].get<std::string>().find("Ongoing Conflict and"),
            std::string::npos);
  EXPECT_EQ(a1["body"].get<std::string>().find("Ukraine Pursues"),
            std::string::npos);
  const json& a4 = articles_.at("004");
  EXPECT_TRUE(Contains(a4["headings"], "Continued Conflict and Infrastructure Damage"));
  EXPECT_EQ(a4["body"].get<std::string>().find("Continued Conflict and"),
            std::string::npos);
}

TEST_F(SeedsTest, WireFamilySpunCopySummaryAndIndependent) {
  const json& story = report_["stories"][0];
  ASSERT_EQ(story["families"].size(), 1u) << story["families"].dump();
  std::set<std::string> family;
  for (const auto& id : story["families"][0]["articles"]) {
    family.insert(id.get<std::string>().substr(0, 3));
  }
  EXPECT_EQ(family, (std::set<std::string>{"000", "001", "004"}));
  EXPECT_EQ(articles_.at("000")["role"], "spun copy");
  EXPECT_EQ(articles_.at("002")["role"], "independent");
  EXPECT_EQ(articles_.at("003")["role"], "summary");
  std::set<std::pair<std::string, std::string>> swaps;
  for (const auto& sw : articles_.at("000")["swaps"]) {
    swaps.insert({sw["from"].get<std::string>(), sw["to"].get<std::string>()});
  }
  EXPECT_TRUE(swaps.contains({"celebrate", "rejoice"}));
  EXPECT_TRUE(swaps.contains({"New Year", "Latest Yr"}));
  EXPECT_TRUE(swaps.contains({"total", "complete"}));
  bool thousands = false;
  for (const auto& [from, to] : swaps) {
    thousands |= from == "thousands" && to.rfind("1000", 0) == 0;
  }
  EXPECT_TRUE(thousands);
  // 002 is independent of every other seed.
  for (const auto& r : story["relations"]) {
    const std::string a = r["a"].get<std::string>().substr(0, 3);
    const std::string b = r["b"].get<std::string>().substr(0, 3);
    if (a == "002" || b == "002") {
      EXPECT_EQ(r["relation"], "independent") << a << "-" << b;
    }
  }
}

// Facts across sources, per ../shared/seeds/EXPECTED.md: corroboration is
// counted by families (the wire family 000/001/004 is one source).
std::set<std::string> Seeds(const json& ids) {
  std::set<std::string> out;
  for (const auto& id : ids) out.insert(id.get<std::string>().substr(0, 3));
  return out;
}

TEST_F(SeedsTest, FactsAreCountedBySourceNotByCopy) {
  const json& story = report_["stories"][0];
  std::map<std::string, json> facts;  // "slot=value"
  for (const auto& f : story["facts"]) {
    facts[f["slot"].get<std::string>() + "=" + f["value"].get<std::string>()] =
        f;
  }
  ASSERT_TRUE(facts.contains("prisoner=1200")) << story["facts"].dump(1);
  EXPECT_EQ(facts["prisoner=1200"]["status"], "corroborated");
  EXPECT_GE(facts["prisoner=1200"]["sources"].get<int>(), 3);
  EXPECT_EQ(Seeds(facts["prisoner=1200"]["articles"]).size(), 5u);
  for (const char* one_family : {"drone=176", "drone=139", "drone=57"}) {
    ASSERT_TRUE(facts.contains(one_family)) << one_family;
    EXPECT_EQ(facts[one_family]["status"], "single-source") << one_family;
  }
  EXPECT_EQ(Seeds(facts["drone=57"]["articles"]),
            (std::set<std::string>{"001", "004"}));
  // "two settlements" (000) and "two villages" (002): two families, one
  // fact in different words (WordNet: settlement ~ village).
  ASSERT_TRUE(facts.contains("settlement=2")) << story["facts"].dump(1);
  EXPECT_EQ(facts["settlement=2"]["status"], "corroborated");
  EXPECT_EQ(Seeds(facts["settlement=2"]["articles"]),
            (std::set<std::string>{"000", "002"}));
  ASSERT_TRUE(facts.contains("km=1250"));
  EXPECT_EQ(Seeds(facts["km=1250"]["articles"]), std::set<std::string>{"000"});
  // The "December 3, 2023" of 004 is single-source and flagged.
  ASSERT_TRUE(facts.contains("date=2023-12-03"));
  const json& date = facts["date=2023-12-03"];
  EXPECT_EQ(date["status"], "single-source");
  EXPECT_EQ(Seeds(date["articles"]), std::set<std::string>{"004"});
  EXPECT_FALSE(date.value("flag", "").empty());
}

TEST_F(SeedsTest, UmerovQuoteOf000IsAlteredAnd004Paraphrased) {
  const json& story = report_["stories"][0];
  bool found = false;
  for (const auto& q : story["quotes"]) {
    if (q["speaker"].get<std::string>().find("Umerov") == std::string::npos) {
      continue;
    }
    found = true;
    for (const auto& v : q["variants"]) {
      const std::string id = v["article"].get<std::string>().substr(0, 3);
      const std::string flag = v.value("flag", "");
      if (id == "000") {
        EXPECT_EQ(flag, "altered");
        std::set<std::pair<std::string, std::string>> swaps;
        for (const auto& sw : v["swaps"]) {
          swaps.insert({sw[0].get<std::string>(), sw[1].get<std::string>()});
        }
        EXPECT_TRUE(swaps.contains({"celebrate", "rejoice"}));
        EXPECT_TRUE(swaps.contains({"New Year", "Latest Yr"}));
      } else if (id == "004") {
        EXPECT_EQ(flag, "paraphrased");
      } else {
        EXPECT_EQ(flag, "") << id;  // 001 as quoted; 002 independent
      }
    }
  }
  EXPECT_TRUE(found) << story["quotes"].dump(1);
}

TEST_F(SeedsTest, SpellingsOfOneNameAreOneEntity) {
  const json& story = report_["stories"][0];
  bool zelensky = false, uae = false;
  for (const auto& e : story["entities"]) {
    std::set<std::string> v;
    for (const auto& x : e["variants"]) v.insert(x);
    zelensky |= v.contains("Zelenskyy") && v.contains("Zelensky");
    uae |= v.contains("UAE") && v.contains("United Arab Emirates");
  }
  EXPECT_TRUE(zelensky);
  EXPECT_TRUE(uae);
}

TEST_F(SeedsTest, BriefSentencesComeFromSourcesWithTheirSupport) {
  const json& story = report_["stories"][0];
  ASSERT_GE(story["brief"].size(), 2u);
  for (const auto& b : story["brief"]) {
    const std::string id = b["article"];
    const std::string body = articles_.at(id.substr(0, 3))["body"];
    // Verbatim (line breaks aside) from its article.
    std::string text = b["text"];
    EXPECT_NE(body.find(text.substr(0, 60)), std::string::npos) << text;
    EXPECT_GE(b["sources"].get<int>(), 2) << text;
  }
  // The 1,200 prisoners lead.
  EXPECT_NE(story["brief"][0]["text"].get<std::string>().find("1,200"),
            std::string::npos);
}

TEST(ExamplesTest, BundledCorpusClustersByEvent) {
  auto r = RunConcord("eval clustering " + ExamplePath("articles.jsonl") +
                      " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_GE(j["items"].get<int>(), 15);
  EXPECT_GE(j["labels"].get<int>(), 4);
  EXPECT_GE(j["bcubed_f1"].get<double>(), 0.95) << r.out;
}

TEST(ExamplesTest, TextFolderAnalysesWithoutErrors) {
  auto r = RunConcord("analyze " + ExamplePath("articles") + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_GE(j["summary"]["articles"].get<int>(), 15);
  EXPECT_TRUE(j["errors"].empty());
  std::set<std::string> ids;
  for (const auto& s : j["stories"]) {
    EXPECT_TRUE(s.contains("id"));
    for (const auto& a : s["articles"]) ids.insert(a["id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), j["summary"]["articles"].get<size_t>());
}

// Each family member names the relative it derives from; the origin and
// articles outside families name none. Undated (a folder of .txt files),
// the strike story's origin is its wire, which its copy and its rewrite
// each retell, not the rewrite that is longer by its own additions.
TEST(ExamplesTest, FamilyMembersNameTheirSource) {
  for (const char* input : {"articles.jsonl", "articles"}) {
    auto r = RunConcord("analyze " + ExamplePath(input) + " --format json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json j = json::parse(r.out);
    std::map<std::string, json> articles;
    for (const auto& s : j["stories"]) {
      for (const auto& a : s["articles"]) articles[a["id"].get<std::string>()] = a;
    }
    auto from = [&](const std::string& id) {
      const json& a = articles.at(id);
      return a.contains("derived_from") ? a["derived_from"].get<std::string>() : "";
    };
    EXPECT_EQ(from("flood-02-verbatim-copy"), "flood-01-wire") << input;
    EXPECT_EQ(articles.at("flood-02-verbatim-copy")["role"], "duplicate") << input;
    EXPECT_EQ(from("flood-03-synonym-spun"), "flood-01-wire") << input;
    EXPECT_EQ(from("flood-01-wire"), "") << input;
    EXPECT_EQ(from("flood-04-independent"), "") << input;
    EXPECT_EQ(from("flood-05-summary"), "") << input;
    EXPECT_EQ(articles.at("strike-01-wire")["role"], "origin") << input;
    EXPECT_EQ(from("strike-03-rewrite"), "strike-01-wire") << input;
  }
  auto t = RunConcord("analyze " + ExamplePath("articles.jsonl") +
                      " --color never");
  EXPECT_NE(t.out.find("duplicate of flood-01-wire (family 1)"), std::string::npos)
      << t.out;
}

TEST(AnalyzeCliTest, TextSummaryShowsStoriesAndCounts) {
  auto r = RunConcord("analyze " + ExamplePath("articles.jsonl") +
                      " --color never");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Story "), std::string::npos);
  EXPECT_NE(r.out.find(" articles, "), std::string::npos);
  EXPECT_EQ(r.out.find("\033["), std::string::npos);
}

TEST(AnalyzeCliTest, MissingInputIsAUsageLevelFailure) {
  auto r = RunConcord("analyze /nonexistent/concord-input");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/concord-input"), std::string::npos);
}

}  // namespace
}  // namespace concord
