#include "src/sketch/sparse_vector.h"

#include <gtest/gtest.h>

#include <cmath>

namespace concord::sketch {
namespace {

SparseVector V(std::initializer_list<TermWeight> e) {
  SparseVector v;
  v.entries = e;
  return v;
}

TEST(SparseVectorTest, DotMergesSortedTerms) {
  SparseVector a = V({{1, 1}, {3, 2}, {7, 1}});
  SparseVector b = V({{3, 4}, {5, 9}, {7, 2}});
  EXPECT_DOUBLE_EQ(Dot(a, b), 2 * 4 + 1 * 2);
  EXPECT_DOUBLE_EQ(Dot(a, SparseVector{}), 0);
}

TEST(SparseVectorTest, NormalizeGivesUnitNormAndLeavesZeroAlone) {
  SparseVector a = V({{1, 3}, {2, 4}});
  a.Normalize();
  EXPECT_NEAR(a.Norm(), 1.0, 1e-6);
  EXPECT_NEAR(a.entries[0].weight, 0.6, 1e-6);
  SparseVector z;
  z.Normalize();
  EXPECT_TRUE(z.empty());
}

TEST(SparseVectorTest, TopEntriesByWeightThenTerm) {
  SparseVector a = V({{1, 0.5}, {2, 2}, {3, 0.5}, {4, 1}});
  EXPECT_EQ(TopEntries(a, 3), (std::vector<uint32_t>{1, 3, 0}));
  EXPECT_EQ(TopEntries(a, 10).size(), 4u);
}

}  // namespace
}  // namespace concord::sketch
