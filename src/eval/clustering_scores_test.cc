#include <gtest/gtest.h>

#include "concord/eval.h"

namespace concord {
namespace {

TEST(ClusteringScoresTest, IdenticalPartitionsScoreOne) {
  auto s = ScoreClustering({"a", "a", "b", "c"}, {"1", "1", "2", "3"});
  EXPECT_DOUBLE_EQ(s.bcubed_precision, 1);
  EXPECT_DOUBLE_EQ(s.bcubed_recall, 1);
  EXPECT_DOUBLE_EQ(s.bcubed_f1, 1);
  EXPECT_NEAR(s.nmi, 1, 1e-12);
  EXPECT_EQ(s.reference_classes, 3u);
}

TEST(ClusteringScoresTest, AllInOneClusterHasFullRecall) {
  // Reference {a,a},{b,b}; predicted one cluster of 4.
  auto s = ScoreClustering({"a", "a", "b", "b"}, {"x", "x", "x", "x"});
  EXPECT_DOUBLE_EQ(s.bcubed_precision, 0.5);
  EXPECT_DOUBLE_EQ(s.bcubed_recall, 1);
  EXPECT_NEAR(s.bcubed_f1, 2.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(s.nmi, 0);
}

TEST(ClusteringScoresTest, AllSingletonsHasFullPrecision) {
  auto s = ScoreClustering({"a", "a", "a", "b"}, {"1", "2", "3", "4"});
  EXPECT_DOUBLE_EQ(s.bcubed_precision, 1);
  // Recall: three items of class a each 1/3, b item 1 → (1/3*3 + 1)/4 = 0.5.
  EXPECT_DOUBLE_EQ(s.bcubed_recall, 0.5);
}

TEST(ClusteringScoresTest, HandComputedMixedCase) {
  // Reference: a a a b b ; predicted: 1 1 2 2 2.
  // Precision: items in cluster1 (a,a): 1,1; cluster2 (a,b,b): 1/3, 2/3, 2/3.
  // Mean = (1+1+1/3+2/3+2/3)/5 = 11/15.
  // Recall: a items: 2/3,2/3,1/3; b items: 1,1 → (5/3+2)/5 = 11/15.
  auto s = ScoreClustering({"a", "a", "a", "b", "b"}, {"1", "1", "2", "2", "2"});
  EXPECT_NEAR(s.bcubed_precision, 11.0 / 15.0, 1e-12);
  EXPECT_NEAR(s.bcubed_recall, 11.0 / 15.0, 1e-12);
  EXPECT_GT(s.nmi, 0);
  EXPECT_LT(s.nmi, 1);
}

TEST(ClusteringScoresTest, EmptyInputScoresZeroItems) {
  auto s = ScoreClustering({}, {});
  EXPECT_EQ(s.items, 0u);
}

}  // namespace
}  // namespace concord
