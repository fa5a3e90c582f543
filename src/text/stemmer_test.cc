#include "src/text/stemmer.h"

#include <gtest/gtest.h>
#include <libstemmer.h>

#include <string>
#include <string_view>
#include <vector>

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

// English ASCII words go to Snowball's ISO-8859-1 build: it must give the
// UTF-8 build's stem for every one of them (generated words with English
// endings, apostrophes and "y"s, which the algorithm treats specially).
TEST(StemmerTest, EnglishAsciiWordsStemAsTheUtf8BuildDoes) {
  sb_stemmer* utf8 = sb_stemmer_new("english", "UTF_8");
  ASSERT_NE(utf8, nullptr);
  Stemmer stemmer("en");
  const std::string_view letters = "aeiouyybcdlmnrstgkhpw'";
  const std::vector<std::string_view> endings = {
      "",     "s",    "'s",    "s'",   "ed",   "ing",  "ly",    "ies",
      "ied",  "eed",  "ation", "ness", "ment", "ful",  "ous",   "ive",
      "ize",  "ise",  "ent",   "ance", "ence", "able", "ible",  "al",
      "ic",   "er",   "ism",   "iti",  "ator", "alli", "fulli", "ousli",
      "eedly", "ingly", "edly", "'",   "y",    "ys",   "yed",   "ying"};
  uint64_t state = 3;
  for (int round = 0; round < 60000; ++round) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    std::string word;
    const int n = static_cast<int>((state >> 50) % 12);
    for (int k = 0; k < n; ++k) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      word.push_back(letters[(state >> 33) % letters.size()]);
    }
    word += endings[(state >> 20) % endings.size()];
    const sb_symbol* want = sb_stemmer_stem(
        utf8, reinterpret_cast<const sb_symbol*>(word.data()),
        static_cast<int>(word.size()));
    ASSERT_NE(want, nullptr);
    const std::string expected(reinterpret_cast<const char*>(want),
                               sb_stemmer_length(utf8));
    ASSERT_EQ(stemmer.Stem(word), expected) << word;
  }
  // Non-ASCII words take the UTF-8 build.
  EXPECT_EQ(stemmer.Stem("caf\u00E9s"), "caf\u00E9");
  sb_stemmer_delete(utf8);
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
