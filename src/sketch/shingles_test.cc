// Shingler: golden tables of texts that must (and must not) shingle alike,
// window counts, and ExactJaccard, the reference the sketches are held to.
#include "src/sketch/shingles.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

}  // namespace
}  // namespace concord::sketch
