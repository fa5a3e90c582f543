#include "src/text/stopwords.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "src/text/normalizer.h"

namespace concord::text {
namespace {

struct Row {
  std::string_view word;  // folded
  std::string_view lang;
  bool stop;
};

// One row per case: folded word, language, whether it is a stop word.
constexpr Row kRows[] = {
    {"the", "en", true},
    {"said", "en", true},
    {"says", "en", true},
    {"also", "en", true},
    {"would", "en", true},
    {"could", "en", true},
    {"mr", "en", true},
    {"mrs", "en", true},
    {"ms", "en", true},
    {"don't", "en", true},
    {"government", "en", false},
    {"ceasefire", "en", false},
    {"The", "en", false},
    {"the", "EN-us", true},
    {"les", "fr", true},
    {"selon", "fr", true},
    {"gouvernement", "fr", false},
    {"und", "de", true},
    {"dass", "de", true},
    {"regierung", "de", false},
    {"seg\u00FAn", "es", true},
    {"della", "it", true},
    {"n\u00E3o", "pt", true},
    {"volgens", "nl", true},
    {"the", "fr", false},
    {"the", "uk", false},
    {"the", "", false},
};

TEST(IsStopwordTest, GoldenTable) {
  for (const Row& row : kRows) {
    EXPECT_EQ(IsStopword(row.word, row.lang), row.stop)
        << row.lang << " " << row.word;
  }
}

TEST(IsStopwordTest, EnglishListIsLargeEnough) {
  EXPECT_GE(StopwordList("en").size(), 170u);
  for (std::string_view lang : {"fr", "de", "es", "it", "pt", "nl"}) {
    EXPECT_GE(StopwordList(lang).size(), 50u) << lang;
  }
  EXPECT_TRUE(StopwordList("uk").empty());
}

// Lookups are on folded words, so every entry must already be folded.
TEST(IsStopwordTest, EveryEntryIsFolded) {
  for (std::string_view lang : {"en", "fr", "de", "es", "it", "pt", "nl"}) {
    for (std::string_view word : StopwordList(lang)) {
      EXPECT_EQ(NormalizeForMatch(word), word) << lang;
    }
  }
}

// The hash set against a plain search of the list: every entry is found,
// and near misses (a letter added or dropped, other languages' words) agree.
TEST(IsStopwordTest, LookupAgreesWithTheList) {
  const std::vector<std::string_view> langs = {"en", "fr", "de", "es",
                                               "it", "pt", "nl"};
  std::vector<std::string> probes = {"", "x", "government", "saidx",
                                     "a-very-long-word-indeed"};
  for (std::string_view lang : langs) {
    for (std::string_view w : StopwordList(lang)) {
      probes.emplace_back(w);
      probes.push_back(std::string(w) + "s");
      probes.push_back("x" + std::string(w));
      probes.emplace_back(w.substr(0, w.size() - 1));
    }
  }
  for (std::string_view lang : langs) {
    const std::vector<std::string_view> list = StopwordList(lang);
    const std::set<std::string_view> reference(list.begin(), list.end());
    EXPECT_EQ(reference.size(), list.size()) << lang << ": duplicates";
    for (const std::string& p : probes) {
      EXPECT_EQ(IsStopword(p, lang), reference.count(p) > 0)
          << lang << " \"" << p << "\"";
    }
  }
}

}  // namespace
}  // namespace concord::text
