#include "src/text/stopwords.h"

#include <gtest/gtest.h>

#include <string_view>

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

}  // namespace
}  // namespace concord::text
