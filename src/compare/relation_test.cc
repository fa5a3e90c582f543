// Classify() on hand-made evidence: where a summary ends and a rewrite
// begins (a summary is at most half its source's length).
#include "src/compare/relation.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace concord::compare
