// Shingler: golden tables of texts that must (and must not) shingle alike,
// window counts, collisions of the word and window hashes, the scanning
// fast path against the tokenising reference, and ExactJaccard, the
// reference the sketches are held to.
#include "src/sketch/shingles.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "src/sketch/minhash.h"
#include "src/sketch/shingles_internal.h"
#include "src/text/segmenter.h"

namespace concord::sketch {
namespace {

Shingles Of(std::string_view body, int k = 5) {
  Shingler shingler({.words = k});
  Shingles s;
  shingler.Shingle(body, &s);
  return s;
}

// Golden table: each row's two texts must have the same exact fingerprint
// and the same shingles.
struct SameRow {
  const char* a;
  const char* b;
};
constexpr SameRow kSame[] = {
    {"The dam failed on Tuesday.", "the DAM failed on tuesday"},
    {"Water rose 2.8 metres, officials said.",
     "Water rose 2.8 metres officials said"},
    {"Residents\n\nfled   the town.", "Residents fled the town."},
    {"\"We are not waiting,\" said Varey.", "We are not waiting said Varey"},
    {"Caf\xC3\xA9 owners \xE2\x80\x94 angry \xE2\x80\x94 protested.",
     "CAF\xC3\x89 OWNERS ANGRY PROTESTED"},
    {"  leading and trailing space  ", "leading and trailing space"},
};

TEST(ShingleTest, CasePunctuationAndSpacingDoNotMatter) {
  for (const SameRow& row : kSame) {
    const Shingles a = Of(row.a), b = Of(row.b);
    EXPECT_NE(a.exact, 0u) << row.a;
    EXPECT_EQ(a.exact, b.exact) << row.a << " | " << row.b;
    EXPECT_EQ(a.hashes, b.hashes) << row.a << " | " << row.b;
    EXPECT_EQ(a.words, b.words) << row.a << " | " << row.b;
  }
}

// Golden table: rows whose texts differ in words must differ.
constexpr SameRow kDifferent[] = {
    {"The dam failed on Tuesday.", "The dam held on Tuesday."},
    {"Water rose 2.8 metres.", "Water rose 2.9 metres."},
    {"one two three four five six", "two one three four five six"},
    {"a b", "ab"},
};

TEST(ShingleTest, DifferentWordsOrOrderDiffer) {
  for (const SameRow& row : kDifferent) {
    const Shingles a = Of(row.a), b = Of(row.b);
    EXPECT_NE(a.exact, b.exact) << row.a << " | " << row.b;
    EXPECT_NE(a.hashes, b.hashes) << row.a << " | " << row.b;
  }
}

TEST(ShingleTest, OneShinglePerWindow) {
  const Shingles s = Of("one two three four five six seven", 5);
  EXPECT_EQ(s.words, 7u);
  ASSERT_EQ(s.hashes.size(), 3u);
  // The window "two three four five six" is the second shingle of both.
  EXPECT_EQ(Of("zero two three four five six", 5).hashes[1], s.hashes[1]);
  EXPECT_EQ(Of("one two three", 1).hashes.size(), 3u);
}

TEST(ShingleTest, ShortTextIsOneShingleOfAllItsWords) {
  const Shingles s = Of("Dam fails", 5);
  EXPECT_EQ(s.words, 2u);
  ASSERT_EQ(s.hashes.size(), 1u);
  EXPECT_NE(s.hashes[0], Of("Dam holds", 5).hashes[0]);
  EXPECT_EQ(Of("one two three four five", 5).hashes.size(), 1u);
}

TEST(ShingleTest, NoWordsNoShinglesAndZeroFingerprint) {
  for (const char* text : {"", "   \n\n", "-- ... !!"}) {
    const Shingles s = Of(text);
    EXPECT_TRUE(s.hashes.empty()) << text;
    EXPECT_EQ(s.exact, 0u) << text;
    EXPECT_EQ(s.words, 0u) << text;
  }
}

TEST(ShingleTest, RepeatedPassagesRepeatHashes) {
  const Shingles s = Of("a b a b a b", 2);
  ASSERT_EQ(s.hashes.size(), 5u);
  EXPECT_EQ(s.hashes[0], s.hashes[2]);
  EXPECT_EQ(s.hashes[1], s.hashes[3]);
}

TEST(ShingleTest, ShinglerReusesItsBuffersAcrossCalls) {
  Shingler shingler({.words = 3});
  Shingles s;
  shingler.Shingle("a long first text with many words in it", &s);
  shingler.Shingle("short one", &s);
  EXPECT_EQ(s.words, 2u);
  EXPECT_EQ(s.hashes.size(), 1u);
  EXPECT_EQ(s.exact, Of("Short one!", 3).exact);
}

TEST(ShingleTest, ExactJaccardByHand) {
  const std::vector<uint64_t> a = {1, 2, 3, 3}, b = {4, 3, 2};
  EXPECT_DOUBLE_EQ(ExactJaccard(a, b), 2.0 / 4.0);
  EXPECT_DOUBLE_EQ(ExactJaccard(a, a), 1.0);
  EXPECT_DOUBLE_EQ(ExactJaccard(a, std::vector<uint64_t>{9}), 0.0);
  EXPECT_DOUBLE_EQ(ExactJaccard({}, {}), 0.0);
}

std::vector<std::string> ExampleArticles() {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(CONCORD_SOURCE_DIR) / "examples" / "articles";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> texts;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
  }
  return texts;
}

// The word hash mixes at most 16 bytes with multiplies: no two of the
// 47,988 strings of 1-3 letters and digits, nor any one-byte edit (or
// truncation) of words around the 8- and 16-byte seams, may collide.
TEST(ShingleHashTest, ShortWordsDoNotCollide) {
  const std::string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::unordered_set<uint64_t> seen;
  size_t words = 0;
  auto add = [&](const std::string& w) {
    ++words;
    seen.insert(internal::WordHash(w));
  };
  for (char a : alphabet) {
    add(std::string(1, a));
    for (char b : alphabet) {
      add(std::string{a, b});
      for (char c : alphabet) add(std::string{a, b, c});
    }
  }
  std::set<std::string> edits;
  for (const std::string base :
       {"abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno",
        "abcdefghijklmnop", "abcdefghijklmnopq", "\xC3\xA9t\xC3\xA9\xC3\xA9"}) {
    edits.insert(base);
    for (size_t i = 0; i < base.size(); ++i) {
      edits.insert(base.substr(0, i));
      for (char c : {'a', 'z', '0', '\'', '.', '\x80', '\xFF'}) {
        std::string w = base;
        w[i] = c;
        edits.insert(w);
      }
    }
  }
  edits.erase("");
  for (const std::string& w : edits) {
    if (w.size() > 3) add(w);  // shorter ones are in the table above
  }
  EXPECT_EQ(seen.size(), words);
}

// Distinct windows of folded words must get distinct shingle hashes: the
// window polynomial is linear in the word hashes, so check it on real text
// and on many reorderings of each article's own words (the same word hashes
// in different places).
TEST(ShingleHashTest, DistinctWindowsGetDistinctHashes) {
  std::vector<std::string> bodies;
  std::mt19937 rng(2026);
  std::vector<text::Token> tokens;
  for (const std::string& text : ExampleArticles()) {
    bodies.push_back(text);
    text::Tokenize(text, &tokens);
    std::vector<std::string> vocabulary;
    for (const text::Token& t : tokens) {
      if (!t.norm.empty()) vocabulary.push_back(t.norm);
    }
    if (vocabulary.empty()) continue;
    std::uniform_int_distribution<size_t> pick(0, vocabulary.size() - 1);
    for (int variant = 0; variant < 10; ++variant) {
      std::string body;
      for (int w = 0; w < 300; ++w) body += vocabulary[pick(rng)] + " ";
      bodies.push_back(body);
    }
  }
  std::set<std::vector<std::string>> windows;
  std::unordered_set<uint64_t> hashes;
  Shingler shingler({.words = 5});
  Shingles s;
  for (const std::string& body : bodies) {
    text::Tokenize(body, &tokens);
    std::vector<std::string> words;
    for (const text::Token& t : tokens) {
      if (!t.norm.empty()) words.push_back(t.norm);
    }
    for (size_t i = 0; i + 5 <= words.size(); ++i) {
      windows.insert({words.begin() + i, words.begin() + i + 5});
    }
    shingler.Shingle(body, &s);
    hashes.insert(s.hashes.begin(), s.hashes.end());
  }
  ASSERT_GT(windows.size(), 50000u);
  EXPECT_EQ(hashes.size(), windows.size());
}

// Differential tests: Shingler's scanning fast path against the reference
// that tokenises first (internal::ShingleByTokens). Equal means the same
// word count, the same exact fingerprint and the same shingle hashes in the
// same order.
::testing::AssertionResult SameAsReference(Shingler& shingler,
                                           std::string_view body) {
  Shingles fast, slow;
  shingler.Shingle(body, &fast);
  internal::ShingleByTokens(body, shingler.options(), &slow);
  // And the one-pass path: the same words and fingerprint, no hashes kept,
  // and the signature of the reference's shingles (stale hashes in `fused`
  // must be cleared).
  Shingles fused;
  fused.hashes = {1, 2, 3};
  MinHashSignature minhash;
  shingler.ShingleToMinHash(body, {}, &fused, &minhash);
  const bool fused_ok = fused.words == slow.words &&
                        fused.exact == slow.exact && fused.hashes.empty() &&
                        minhash == ComputeMinHash(slow.hashes);
  if (fast.words == slow.words && fast.exact == slow.exact &&
      fast.hashes == slow.hashes && fused_ok) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << (fused_ok ? "" : "ShingleToMinHash differs; ")
         << "k = " << shingler.options().words << ", text (" << body.size()
         << " bytes): \"" << body.substr(0, 160) << "\"\n words " << fast.words << " vs " << slow.words
         << ", exact " << fast.exact << " vs " << slow.exact << ", "
         << fast.hashes.size() << " vs " << slow.hashes.size() << " shingles";
}

TEST(ShingleFastPathTest, MatchesTokenizerOnGoldenEdgeCases) {
  // One row per tokenizer rule the fast path re-implements for ASCII.
  const char* const kRows[] = {
      "The U.S. economy", "the U.S.", "e.g. this, i.e. that", "a Ph.D. student",
      "U.S.A. and U.K.", "abc.d. end", "a..b", "I.", "x.y.", "ab.cd.ef.",
      "in the 1990s and 1000's", "1000'S", "1000's.", "1000'sx", "1000's'",
      "7's", "1000'", "'s", "5th 3.5 1,200 1;2 1,,2", "don't can't 'quoted'",
      "x@y.com a@b", "_ __ a_b _a 1_ _1", "a:b a-b a/b", "end.", "1.2.3.",
      "tab\tand\nnew\rline\fform\vvert", "a.B.c. D", "a.1. b", "@.a.",
      // Words on both sides of the 8- and 16-byte seams of the word hash,
      // ASCII and folded, at the end of the text and before more.
      "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno",
      "abcdefghijklmnop", "abcdefghijklmnopq", "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      "x abcdefghijklmnop y", "Antidisestablishmentarianism is long",
      "caf\xC3\xA9" "caf\xC3\xA9" "caf\xC3\xA9 x",
      "\xC3\x89T\xC3\x89\xC3\x89" "ABCDEFGHIJ",
  };
  for (int k : {1, 2, 5, 64}) {
    Shingler shingler({.words = k});
    for (const char* row : kRows) EXPECT_TRUE(SameAsReference(shingler, row));
  }
}

TEST(ShingleFastPathTest, MatchesTokenizerOnGeneratedText) {
  // Fragments chosen to meet at every rule near a piece boundary, ASCII and
  // not: accents, combining marks, curly apostrophes, full-width digits,
  // emoji, CJK, zero-width and non-breaking spaces, a stray byte.
  const std::string_view kFragments[] = {
      "a",      "Z",        "s",        "S",      "7",      "0",
      ".",      "'",        ",",        ";",      ":",      "_",
      "-",      " ",        "   ",      "\t",     "\n",     "\r\n",
      "$",      "%",        "(",        "\"",     "@",      "\v",
      "\f",     "__",       "U.S",      "e.g",    "1,200",  "3.5",
      "It's",   "1000",     "Ph.D",     "ab",     "XYZ",    "\u00E9",
      "\u00C9", "\u0301",   "\u2019",   "\u201C", "\u2014", "\u2026",
      "\uFF11", "\u00DF",   "\u00A0",   "\u3000", "\u4E2D", "\u200B",
      "\u0416", "\U0001F600", "\u0130", "\u00AD", "\xFF",   "\xC3",
  };
  std::mt19937 rng(5150);
  std::uniform_int_distribution<size_t> pick(0, std::size(kFragments) - 1);
  std::uniform_int_distribution<int> length(0, 40);
  Shingler two({.words = 2}), five({.words = 5});
  int failures = 0;
  for (int round = 0; round < 5000 && failures < 5; ++round) {
    std::string text;
    for (int n = length(rng); n > 0; --n) text += kFragments[pick(rng)];
    Shingler& shingler = round % 2 ? two : five;
    const ::testing::AssertionResult same = SameAsReference(shingler, text);
    if (!same) {
      ++failures;
      ADD_FAILURE() << same.message();
    }
  }
}

TEST(ShingleFastPathTest, MatchesTokenizerOnRandomBytes) {
  std::mt19937 rng(77);
  std::uniform_int_distribution<int> byte(0, 255), length(0, 64);
  Shingler shingler({.words = 3});
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int n = length(rng); n > 0; --n) {
      // Mostly ASCII letters and separators, some high bytes.
      const int b = byte(rng);
      text.push_back(static_cast<char>(b < 96 ? 'a' + b % 26
                                       : b < 160 ? " .'_1,"[b % 6]
                                                 : b));
    }
    ASSERT_TRUE(SameAsReference(shingler, text));
  }
}

// Case folding can lengthen a word (U+0390 folds to three code points, 2
// bytes to 6); the ASCII text after it must still fit the scratch buffers.
TEST(ShingleFastPathTest, MatchesTokenizerAfterFoldingLengthensText) {
  Shingler shingler({.words = 2});
  for (int unicode : {1, 50, 400}) {
    for (int ascii : {0, 1, 30, 2000}) {
      std::string text;
      for (int i = 0; i < unicode; ++i) text += "\u0390 \uFB03";
      for (int i = 0; i < ascii; ++i) text += " a";
      EXPECT_TRUE(SameAsReference(shingler, text))
          << unicode << " folded, " << ascii << " ASCII";
    }
  }
}

TEST(ShingleFastPathTest, BaselinePassMatchesTokenizerToo) {
  // The tests above take the AVX2 first pass and the BMI1 word loop where
  // the processor has them; these rows and articles go through the SSE2
  // pass and the plain x86-64 loop as well.
  internal::UseAvx2ForTest(false);
  Shingler shingler({.words = 5});
  const std::vector<std::string> texts = ExampleArticles();
  ASSERT_GE(texts.size(), 10u) << "example articles missing";
  for (const std::string& text : texts) {
    EXPECT_TRUE(SameAsReference(shingler, text));
  }
  for (const char* row : {"The U.S. economy", "in the 1990s and 1000's",
                          "5th 3.5 1,200 1;2 1,,2", "CAF\xC3\x89 owners",
                          "don't can't 'quoted'", "__a_ b_"}) {
    EXPECT_TRUE(SameAsReference(shingler, row));
  }
  internal::UseAvx2ForTest(true);
}

TEST(ShingleFastPathTest, MatchesTokenizerOnExampleArticles) {
  const std::vector<std::string> texts = ExampleArticles();
  ASSERT_GE(texts.size(), 10u) << "example articles missing";
  // One Shingler per k for all texts: reused buffers must not leak. The
  // window sizes take the rolling polynomial from one word to 64.
  for (int k : {1, 2, 5, 8, 64}) {
    Shingler shingler({.words = k});
    for (size_t i = 0; i < texts.size(); ++i) {
      EXPECT_TRUE(SameAsReference(shingler, texts[i])) << "article " << i;
      std::string upper = texts[i];  // and shouted, to exercise the folding
      std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) {
        return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
      });
      EXPECT_TRUE(SameAsReference(shingler, upper)) << "article " << i;
    }
  }
}

}  // namespace
}  // namespace concord::sketch
