#include "src/text/stemmer.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace concord::text {
namespace {

struct Row {
  std::string_view lang;
  std::string_view word;  // already folded
  std::string_view stem;
};

// One row per case: language, folded word, Snowball stem.
constexpr Row kRows[] = {
    {"en", "negotiations", "negoti"},
    {"en", "negotiated", "negoti"},
    {"en", "running", "run"},
    {"en", "countries", "countri"},
    {"en", "said", "said"},
    {"en", "ceasefire", "ceasefir"},
    {"en", "", ""},
    {"EN-gb", "negotiations", "negoti"},
    {"fr", "n\u00E9gociations", "n\u00E9goci"},
    {"fr", "gouvernements", "gouvern"},
    {"de", "verhandlungen", "verhandl"},
    {"de", "regierungen", "regier"},
    {"es", "negociaciones", "negoci"},
    {"it", "negoziati", "negoz"},
    {"pt", "negocia\u00E7\u00F5es", "negoc"},
    {"nl", "onderhandelingen", "onderhandel"},
    {"ru", "\u043F\u0435\u0440\u0435\u0433\u043E\u0432\u043E\u0440\u044B",
     "\u043F\u0435\u0440\u0435\u0433\u043E\u0432\u043E\u0440"},  // переговоры
    {"uk", "\u043F\u0435\u0440\u0435\u043C\u043E\u0432\u0438",
     "\u043F\u0435\u0440\u0435\u043C\u043E\u0432\u0438"},  // no Ukrainian
                                                           // stemmer
    {"", "negotiations", "negotiations"},
    {"english", "negotiations", "negotiations"},  // ISO codes only
};

TEST(StemmerTest, GoldenTable) {
  for (const Row& row : kRows) {
    Stemmer stemmer(row.lang);
    EXPECT_EQ(stemmer.Stem(row.word), row.stem) << row.lang << " " << row.word;
  }
}

TEST(StemmerTest, IdentityForUnknownLanguages) {
  EXPECT_TRUE(Stemmer("uk").is_identity());
  EXPECT_TRUE(Stemmer("").is_identity());
  EXPECT_FALSE(Stemmer("en").is_identity());
}

TEST(StemmerTest, ReusableAndMovable) {
  Stemmer a("en");
  EXPECT_EQ(std::string(a.Stem("talks")), "talk");
  Stemmer b = std::move(a);
  EXPECT_EQ(std::string(b.Stem("talking")), "talk");
  EXPECT_EQ(std::string(b.Stem("elections")), "elect");
}

}  // namespace
}  // namespace concord::text
