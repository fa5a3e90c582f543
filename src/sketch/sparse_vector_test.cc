#include "src/sketch/sparse_vector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

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

TEST(SparseVectorTest, TermTableDotEqualsMergeDot) {
  // Differential: the hashed dot product against the sorted merge, on
  // random vectors whose term ids collide in their low bits.
  uint64_t x = 88172645463325252ULL;
  auto next = [&x] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  TermTable table;
  for (int round = 0; round < 200; ++round) {
    SparseVector a, b;
    for (uint64_t t = 0; t < 400; ++t) {
      const uint64_t term = (t << 20) | (next() % 4);  // low bits collide
      if (next() % 3 == 0) a.entries.push_back({term, float(next() % 100) / 10});
      if (next() % 3 == 0) b.entries.push_back({term, float(next() % 100) / 10});
    }
    table.Assign(a);
    // Exactly equal, not merely close: both add the products in term
    // order, and the clusterer's choices must not depend on which is used.
    EXPECT_EQ(table.Dot(b), Dot(a, b));
  }
  table.Assign(V({{0, 2}, {5, 1}}));
  EXPECT_DOUBLE_EQ(table.Dot(V({{0, 3}, {5, 1}, {9, 9}})), 7);
}

TEST(SparseVectorTest, TopEntriesByWeightThenTerm) {
  SparseVector a = V({{1, 0.5}, {2, 2}, {3, 0.5}, {4, 1}});
  EXPECT_EQ(TopEntries(a, 3), (std::vector<uint32_t>{1, 3, 0}));
  EXPECT_EQ(TopEntries(a, 10).size(), 4u);
}

// TopEntries() orders by one integer key per entry (HeavierFirst): checked
// against the order written plainly (weight descending, then term), on
// vectors with many ties, zeros of both signs and negative weights.
TEST(SparseVectorTest, TopEntriesAgreesWithThePlainOrder) {
  std::mt19937_64 rng(0x2545F4914F6CDD1DULL);
  auto next = [&rng] { return rng(); };
  std::vector<uint32_t> got;
  std::vector<uint64_t> keys;
  for (int round = 0; round < 300; ++round) {
    SparseVector v;
    for (uint64_t t = 0; t < 80; ++t) {
      if (next() % 2 != 0) continue;
      float w = float(next() % 9) / 4 - 0.5f;  // ties, 0 and negatives
      if (w == 0 && next() % 2 == 0) w = -0.0f;
      v.entries.push_back({t * 977, w});
    }
    const size_t k = next() % 40;
    std::vector<uint32_t> want(v.entries.size());
    for (uint32_t i = 0; i < want.size(); ++i) want[i] = i;
    std::sort(want.begin(), want.end(), [&v](uint32_t a, uint32_t b) {
      const TermWeight& x = v.entries[a];
      const TermWeight& y = v.entries[b];
      return x.weight != y.weight ? x.weight > y.weight : x.term < y.term;
    });
    want.resize(std::min(k, want.size()));
    EXPECT_EQ(TopEntries(v, k), want);
    TopEntriesInto(v, k, &got, &keys);
    EXPECT_EQ(got, want);
  }
}

}  // namespace
}  // namespace concord::sketch
