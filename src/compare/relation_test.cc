// Classify() on hand-made evidence: where a summary ends and a rewrite
// begins (a summary is at most half its source's length, and condenses
// the part of it that it draws on); ComputeEvidence's measure of that
// part on hand-made texts.
#include "src/compare/relation.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace concord::compare {
namespace {

// A derived text of `short_words` words whose content words are 80% in a
// source of 1,000 words, with a quarter of it in aligned passages.
PairEvidence Derived(uint32_t short_words) {
  PairEvidence e;
  e.a_words = 1000;
  e.b_words = short_words;
  e.coverage_a = 0.25 * short_words / 1000.0;
  e.coverage_b = 0.25;
  e.identical_a = 0.2 * short_words / 1000.0;
  e.identical_b = 0.2;
  e.containment_a = 0.3;
  e.containment_b = 0.8;
  e.content_jaccard = 0.25;
  return e;
}

TEST(RelationTest, ShortCondensationIsASummary) {
  EXPECT_EQ(Classify(Derived(300)).relation, Relation::kSummary);
  EXPECT_EQ(Classify(Derived(500)).relation, Relation::kSummary);
}

TEST(RelationTest, DerivedTextOverHalfTheSourceIsARewrite) {
  EXPECT_EQ(Classify(Derived(550)).relation, Relation::kRewrite);
  EXPECT_EQ(Classify(Derived(650)).relation, Relation::kRewrite);
  EXPECT_EQ(Classify(Derived(950)).relation, Relation::kRewrite);
}

TEST(RelationTest, LittleSharedContentIsIndependent) {
  PairEvidence e = Derived(400);
  e.coverage_a = e.coverage_b = 0.02;
  e.containment_a = 0.1;
  e.containment_b = 0.3;
  EXPECT_EQ(Classify(e).relation, Relation::kIndependent);
}

// Spinners and language models rewrite the first pages of a long speech
// or transcript: at its own density, not condensed, so not a summary.
TEST(RelationTest, TextAsLongAsThePartItDrawsOnRewritesThatPart) {
  PairEvidence e = Derived(300);
  e.drawn_words = 400;  // 300 words from 400 of the source's 1,000
  EXPECT_EQ(Classify(e).relation, Relation::kRewrite);
  e.drawn_words = 480;
  EXPECT_EQ(Classify(e).relation, Relation::kRewrite);
}

TEST(RelationTest, CondensingThePartItDrawsOnIsASummary) {
  PairEvidence e = Derived(300);
  e.drawn_words = 520;  // 300 ≤ 0.6 × 520: condensed
  EXPECT_EQ(Classify(e).relation, Relation::kSummary);
  e.drawn_words = 750;  // draws on most of the source
  EXPECT_EQ(Classify(e).relation, Relation::kSummary);
  e.drawn_words = 0;  // not measured
  EXPECT_EQ(Classify(e).relation, Relation::kSummary);
}

// In a short source the part left out must be long enough to tell: the
// last lines of a 271-word story add few content words of their own.
TEST(RelationTest, ShortSourceWithLittleLeftOutKeepsItsSummary) {
  PairEvidence e = Derived(127);
  e.a_words = 271;
  e.drawn_words = 180;  // 127 > 0.6 × 180, but only 91 words left out
  EXPECT_EQ(Classify(e).relation, Relation::kSummary);
  e.a_words = 340;  // 160 left out
  EXPECT_EQ(Classify(e).relation, Relation::kRewrite);
}

// Known to derive from a text under half its length, a text expands its
// source: a rewrite. The short side is not a summary of its own rewrite.
TEST(RelationTest, ExpandedRewriteOfAShortSourceIsNotASummary) {
  PairEvidence e = Derived(300);  // A 1,000 words, B 300
  std::swap(e.a_words, e.b_words);  // A 300 words, the source; B 1,000
  std::swap(e.coverage_a, e.coverage_b);
  std::swap(e.identical_a, e.identical_b);
  std::swap(e.containment_a, e.containment_b);
  EXPECT_EQ(Classify(e).relation, Relation::kSummary);
  EXPECT_EQ(Classify(e, Direction::kBFromA).relation, Relation::kRewrite);
  EXPECT_EQ(Classify(e, Direction::kAFromB).relation, Relation::kSummary);
  // The derived side the shorter: a summary whichever way it is read.
  EXPECT_EQ(Classify(Derived(300), Direction::kBFromA).relation,
            Relation::kSummary);
  // Read the other way round: the longer A derives from the shorter B.
  EXPECT_EQ(Classify(Derived(300), Direction::kAFromB).relation,
            Relation::kRewrite);
}

// A text of `n` content words whose stems are `stem(k)` for k in [0, n).
template <typename Stem>
AlignedText Text(uint32_t n, Stem stem) {
  AlignedText t;
  for (uint32_t k = 0; k < n; ++k) {
    AlignWord w;
    w.stem = stem(k);
    t.words.push_back(w);
  }
  return t;
}

TEST(RelationTest, DrawnWordsRunFromTheFirstSharedWordTo95Percent) {
  const AlignedText source = Text(1000, [](uint32_t k) { return k + 1; });
  // The first 300 words' stems, in another order: drawn from [0, 300).
  const AlignedText part =
      Text(300, [](uint32_t k) { return (k * 7) % 300 + 1; });
  // 250 stems spread over the whole source, every fourth word.
  const AlignedText spread = Text(250, [](uint32_t k) { return 4 * k + 1; });
  const Alignment none;
  // 95% of the 300 first places: up to place 284.
  EXPECT_EQ(ComputeEvidence(source, part, none).drawn_words, 285u);
  EXPECT_EQ(ComputeEvidence(part, source, none).drawn_words, 285u);
  // 95% of 250 places 4 apart: up to place 4 × 236.
  EXPECT_EQ(ComputeEvidence(spread, source, none).drawn_words, 945u);
  EXPECT_EQ(Classify(ComputeEvidence(source, part, none)).evidence.drawn_words,
            285u);
  // Texts of similar length: not measured.
  const AlignedText long_part = Text(600, [](uint32_t k) { return k + 1; });
  EXPECT_EQ(ComputeEvidence(source, long_part, none).drawn_words, 0u);
  // Stop words are not content: a short text of stop words draws on none.
  AlignedText stops = Text(50, [](uint32_t k) { return k + 1; });
  for (AlignWord& w : stops.words) w.stop = true;
  EXPECT_EQ(ComputeEvidence(source, stops, none).drawn_words, 0u);
}

// Two texts of similar length sharing 60% of their content words: with a
// little aligned wording that makes a rewrite, unless the shared words
// come in an order of their own.
PairEvidence SharedContent(uint32_t shared, uint32_t in_order) {
  PairEvidence e;
  e.a_words = 500;
  e.b_words = 450;
  e.coverage_a = e.coverage_b = 0.10;
  e.containment_a = 0.55;
  e.containment_b = 0.62;
  e.shared_stems = shared;
  e.stems_in_order = in_order;
  return e;
}

TEST(RelationTest, SharedContentInItsOwnOrderIsNotDerivation) {
  // 100 shared stems: chance gives a run of about 2√100 = 20.
  EXPECT_EQ(Classify(SharedContent(100, 22)).relation,
            Relation::kIndependent);
  EXPECT_EQ(Classify(SharedContent(100, 39)).relation,
            Relation::kIndependent);  // (39 − 20) / 80 < 0.25
  EXPECT_EQ(Classify(SharedContent(100, 41)).relation, Relation::kRewrite);
  EXPECT_EQ(Classify(SharedContent(100, 90)).relation, Relation::kRewrite);
  // Too few shared stems to tell: the shares decide.
  EXPECT_EQ(Classify(SharedContent(7, 1)).relation, Relation::kRewrite);
  // A text five times the other's length: its first uses say little (the
  // short one is then a summary of it).
  PairEvidence long_source = SharedContent(100, 22);
  long_source.a_words = 5000;
  EXPECT_EQ(Classify(long_source).relation, Relation::kSummary);
}

TEST(RelationTest, SharedContentInTheSourcesOrderIsARewrite) {
  PairEvidence e = SharedContent(100, 90);  // (90 − 20) / 80 = 0.875
  e.coverage_a = e.coverage_b = 0.02;
  e.containment_a = 0.36;
  e.containment_b = 0.40;
  EXPECT_EQ(Classify(e).relation, Relation::kRewrite);
  e.stems_in_order = 60;  // 0.5: not enough order for so little wording
  EXPECT_EQ(Classify(e).relation, Relation::kIndependent);
  e.stems_in_order = 90;
  e.containment_a = e.containment_b = 0.30;  // too little shared
  EXPECT_EQ(Classify(e).relation, Relation::kIndependent);
}

TEST(RelationTest, LongestIncreasingRun) {
  std::vector<uint32_t> tails;
  EXPECT_EQ(LongestIncreasingRun({}, &tails), 0u);
  EXPECT_EQ(LongestIncreasingRun({5}, &tails), 1u);
  EXPECT_EQ(LongestIncreasingRun({1, 2, 3, 4}, &tails), 4u);
  EXPECT_EQ(LongestIncreasingRun({4, 3, 2, 1}, &tails), 1u);
  EXPECT_EQ(LongestIncreasingRun({3, 1, 4, 1, 5, 9, 2, 6}, &tails), 4u);
  EXPECT_EQ(LongestIncreasingRun({2, 2, 2}, &tails), 1u);  // strictly
}

TEST(RelationTest, StemsInOrderCountTheLongestCommonOrderOfFirstUses) {
  // 40 stems; B uses them reversed, C in order with each used twice, D
  // swaps neighbours (1 0 3 2 ...): half can stay in order.
  const AlignedText a = Text(40, [](uint32_t k) { return k + 1; });
  const AlignedText reversed = Text(40, [](uint32_t k) { return 40 - k; });
  const AlignedText twice = Text(80, [](uint32_t k) { return k / 2 + 1; });
  const AlignedText swapped =
      Text(40, [](uint32_t k) { return (k ^ 1) + 1; });
  const Alignment none;
  const PairEvidence r = ComputeEvidence(a, reversed, none);
  EXPECT_EQ(r.shared_stems, 40u);
  EXPECT_EQ(r.stems_in_order, 1u);
  EXPECT_EQ(ComputeEvidence(a, twice, none).stems_in_order, 40u);
  EXPECT_EQ(ComputeEvidence(a, swapped, none).stems_in_order, 20u);
  EXPECT_EQ(ComputeEvidence(swapped, a, none).stems_in_order, 20u);
}

}  // namespace
}  // namespace concord::compare
