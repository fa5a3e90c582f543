#include "src/sketch/sparse_vector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
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
    // Lengths that end a block anywhere.
    b.entries.resize(b.entries.size() - round % 7);
    table.Assign(a);
    // Exactly equal, not merely close: both add the products in term
    // order, and the clusterer's choices must not depend on which is used.
    EXPECT_EQ(table.Dot(b), Dot(a, b));
  }
  table.Assign(V({{0, 2}, {5, 1}}));
  EXPECT_DOUBLE_EQ(table.Dot(V({{0, 3}, {5, 1}, {9, 9}})), 7);
  EXPECT_DOUBLE_EQ(table.Dot(V({{0, 3}, {1, 1}, {2, 1}, {4, 1}, {5, 2}})), 8);
  EXPECT_EQ(table.Dot(SparseVector{}), 0);
}

// TermTable marks a slot when a term homed there was placed further on,
// and a probe goes past the home slot only at a mark. Terms built to share
// one home slot (their products with the Fibonacci constant differ only in
// the low bits) make long runs: present terms displaced far from home,
// absent terms whose home is marked, and runs left by a larger vector
// before a smaller one reuses the table.
TEST(SparseVectorTest, TermTableDotFollowsDisplacedTerms) {
  // The inverse of the odd Fibonacci constant modulo 2^64 (Newton's
  // iteration doubles the correct low bits each step).
  const uint64_t c = 0x9E3779B97F4A7C15ull;
  uint64_t inverse = c;
  for (int i = 0; i < 6; ++i) inverse *= 2 - c * inverse;
  ASSERT_EQ(c * inverse, 1u);
  std::mt19937_64 rng(7);
  TermTable table;
  for (int round = 0; round < 100; ++round) {
    // A few groups of terms, each group sharing one home slot.
    std::vector<uint64_t> pool;
    const int groups = 1 + static_cast<int>(rng() % 4);
    for (int g = 0; g < groups; ++g) {
      const uint64_t base = rng() & ~uint64_t{0xFFFF};
      for (uint64_t i = 1; i <= 40; ++i) pool.push_back((base + i) * inverse);
    }
    for (int i = 0; i < 20; ++i) pool.push_back(rng());  // scattered
    std::sort(pool.begin(), pool.end());
    pool.erase(std::unique(pool.begin(), pool.end()), pool.end());
    const size_t size_a = 1 + rng() % (round % 2 == 0 ? 150 : 20);
    SparseVector a, b;
    for (uint64_t term : pool) {
      if (rng() % pool.size() < size_a) {
        a.entries.push_back({term, float(rng() % 50 + 1) / 8});
      }
      if (rng() % 2 == 0)
        b.entries.push_back({term, float(rng() % 50 + 1) / 8});
    }
    table.Assign(a);
    EXPECT_EQ(table.Dot(b), Dot(a, b));
    EXPECT_EQ(table.Dot(a), Dot(a, a));
  }
}

// The bounded Dot() either gives Dot()'s double exactly or -infinity, and
// -infinity only when the product is below the floor: on random vectors of
// a few blocks (weights of both signs, so partial sums go both ways), with
// floors around the true product, far below it and far above it.
TEST(SparseVectorTest, TermTableBoundedDotIsExactOrBelowTheFloor) {
  std::mt19937_64 rng(29);
  TermTable table;
  int gave_up = 0;
  for (int round = 0; round < 400; ++round) {
    SparseVector a, b;
    for (uint64_t t = 0; t < 700; ++t) {
      const uint64_t term = rng();
      const bool signs = round % 4 == 0;
      auto weight = [&] {
        const float w = float(rng() % 1000 + 1) / 1000;
        return signs && rng() % 3 == 0 ? -w : w;
      };
      if (rng() % 3 == 0) a.entries.push_back({term, weight()});
      if (rng() % 2 == 0) b.entries.push_back({term, weight()});
      if (rng() % 4 == 0) {  // shared
        a.entries.push_back({term + 1, weight()});
        b.entries.push_back({term + 1, weight()});
      }
    }
    auto by_term = [](const TermWeight& x, const TermWeight& y) {
      return x.term < y.term;
    };
    auto same_term = [](const TermWeight& x, const TermWeight& y) {
      return x.term == y.term;
    };
    for (SparseVector* v : {&a, &b}) {
      std::sort(v->entries.begin(), v->entries.end(), by_term);
      v->entries.erase(
          std::unique(v->entries.begin(), v->entries.end(), same_term),
          v->entries.end());
    }
    table.Assign(a);
    const double exact = Dot(a, b);
    const double floors[] = {exact * 0.5, exact * 0.999, exact, exact * 1.001,
                             exact + 0.5, exact * 3 + 1, -1e9,  1e9};
    for (double floor : floors) {
      const double got = table.Dot(b, b.Norm(), floor);
      if (got == -std::numeric_limits<double>::infinity()) {
        ++gave_up;
        EXPECT_LT(exact, floor) << round;
      } else {
        EXPECT_EQ(got, exact) << round;
      }
    }
  }
  EXPECT_GT(gave_up, 100);  // the bound does cut some products short
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

// The few-of-many way (k <= 64, fewer than the entries) keeps the best k
// sorted and turns entries away by comparing weights as floats: checked
// against a full sort by the documented key (HeavierFirst, then index) on
// long vectors with ties, zeros of both signs, negatives, infinities and
// NaNs (which the float compare cannot order, so they take the key way).
TEST(SparseVectorTest, TopEntriesFewOfManyAgreesWithTheKeyOrder) {
  std::mt19937_64 rng(0x9E3779B97F4A7C15ULL);
  const float specials[] = {std::numeric_limits<float>::quiet_NaN(),
                            -std::numeric_limits<float>::quiet_NaN(),
                            std::numeric_limits<float>::infinity(),
                            -std::numeric_limits<float>::infinity(), -0.0f};
  std::vector<uint32_t> got;
  std::vector<uint64_t> keys;
  for (int round = 0; round < 300; ++round) {
    SparseVector v;
    const uint64_t n = 65 + rng() % 400;
    for (uint64_t t = 0; t < n; ++t) {
      float w = round % 3 == 0 ? float(rng() % 7) / 4 - 0.25f  // many ties
                               : float(rng() % 100000) / 1000;
      if (round % 5 == 0 && rng() % 50 == 0) w = specials[rng() % 5];
      v.entries.push_back({t * 31 + 1, w});
    }
    const size_t k = 1 + rng() % 64;
    std::vector<uint64_t> order(v.entries.size());
    for (uint32_t i = 0; i < order.size(); ++i) {
      order[i] = uint64_t{HeavierFirst(v.entries[i].weight)} << 32 | i;
    }
    std::sort(order.begin(), order.end());
    std::vector<uint32_t> want;
    for (size_t i = 0; i < k; ++i)
      want.push_back(static_cast<uint32_t>(order[i]));
    TopEntriesInto(v, k, &got, &keys);
    EXPECT_EQ(got, want) << "round " << round;
  }
}

// HeavierFirst() works on the bits without a branch on the sign: checked
// against its definition written plainly, on every sign and exponent with
// random mantissas, and on the special values.
TEST(SparseVectorTest, HeavierFirstMatchesItsPlainDefinition) {
  auto plain = [](float w) {
    if (w == 0) w = 0;
    uint32_t bits = std::bit_cast<uint32_t>(w);
    bits = (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
    return ~bits;
  };
  std::mt19937 rng(11);
  std::vector<uint32_t> patterns = {
      0x00000000u, 0x80000000u, 0x7F800000u, 0xFF800000u, 0x7FC00000u,
      0xFFC00000u, 0x00000001u, 0x80000001u, 0x7F7FFFFFu, 0xFF7FFFFFu};
  for (uint32_t top = 0; top < 512; ++top) {  // sign and exponent
    for (int i = 0; i < 64; ++i) {
      patterns.push_back(top << 23 | (rng() & 0x7FFFFFu));
    }
  }
  for (uint32_t p : patterns) {
    const float w = std::bit_cast<float>(p);
    EXPECT_EQ(HeavierFirst(w), plain(w)) << std::hex << p;
  }
}

}  // namespace
}  // namespace concord::sketch
