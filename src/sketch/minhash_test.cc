// MinHash: statistical bounds on the Jaccard estimate (|error| <= 0.1 in
// >= 95% of 200 trials at J = 0.2, 0.5, 0.8; no bias, densified or not) and
// the identities of equal, disjoint and empty sets.
#include "src/sketch/minhash.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "src/base/hash.h"
#include "src/sketch/shingles.h"

namespace concord::sketch {
namespace {

struct SetPair {
  std::vector<uint64_t> a, b;
  double jaccard = 0;
};

// Two sets whose union has `union_size` random elements, `common` of them in
// both and the rest split evenly: Jaccard = common / union_size exactly.
SetPair MakePair(std::mt19937_64& rng, int union_size, int common) {
  SetPair p;
  for (int i = 0; i < union_size; ++i) {
    const uint64_t x = rng();
    if (i < common) {
      p.a.push_back(x);
      p.b.push_back(x);
    } else if ((i - common) % 2 == 0) {
      p.a.push_back(x);
    } else {
      p.b.push_back(x);
    }
  }
  p.jaccard = static_cast<double>(common) / union_size;
  return p;
}

// The statistical bound of the brief: |estimate − J| ≤ 0.1 in at least 95%
// of 200 trials. With K = 128 the standard deviation is ≤ 0.045, so 0.1 is
// ≥ 2.2 sigma and the expected share within is ≥ 97%.
TEST(MinHashTest, EstimateWithinTenPointsInNinetyFivePercentOfTrials) {
  std::mt19937_64 rng(20240611);
  for (const double j : {0.2, 0.5, 0.8}) {
    int within = 0;
    double sum_error = 0;
    constexpr int kTrials = 200;
    for (int t = 0; t < kTrials; ++t) {
      const SetPair p = MakePair(rng, 500, static_cast<int>(j * 500));
      const MinHashOptions o{.seed = rng()};
      const double est =
          EstimateJaccard(ComputeMinHash(p.a, o), ComputeMinHash(p.b, o));
      within += std::fabs(est - p.jaccard) <= 0.1;
      sum_error += est - p.jaccard;
    }
    EXPECT_GE(within, kTrials * 95 / 100) << "J = " << j;
    // Unbiased: the mean error of 200 trials has sd ≤ 0.045 / √200 = 0.003.
    EXPECT_LE(std::fabs(sum_error / kTrials), 0.012) << "J = " << j;
  }
}

// Sets much smaller than K leave most bins empty; densification must keep
// the estimator unbiased (the mean of many trials lands on J).
TEST(MinHashTest, DensifiedSignaturesOfTinySetsAreUnbiased) {
  std::mt19937_64 rng(7);
  for (const auto& [size, common] : {std::pair{10, 5}, std::pair{20, 4},
                                     std::pair{30, 24}, std::pair{2, 1}}) {
    double sum = 0, j = 0;
    constexpr int kTrials = 1000;
    for (int t = 0; t < kTrials; ++t) {
      const SetPair p = MakePair(rng, size, common);
      const MinHashOptions o{.seed = rng()};
      sum += EstimateJaccard(ComputeMinHash(p.a, o), ComputeMinHash(p.b, o));
      j = p.jaccard;
    }
    EXPECT_NEAR(sum / kTrials, j, 0.02) << size << " elements";
  }
}

TEST(MinHashTest, EqualSetsGiveOneWhateverOrderAndRepeats) {
  std::mt19937_64 rng(1);
  std::vector<uint64_t> a;
  for (int i = 0; i < 300; ++i) a.push_back(rng());
  std::vector<uint64_t> b(a.rbegin(), a.rend());
  b.insert(b.end(), a.begin(), a.begin() + 50);
  EXPECT_EQ(ComputeMinHash(a), ComputeMinHash(b));
  EXPECT_DOUBLE_EQ(EstimateJaccard(ComputeMinHash(a), ComputeMinHash(b)), 1.0);
  const std::vector<uint64_t> one = {42};
  EXPECT_DOUBLE_EQ(EstimateJaccard(ComputeMinHash(one), ComputeMinHash(one)),
                   1.0);
}

TEST(MinHashTest, DisjointSetsGiveAboutZero) {
  const SetPair p = [] {
    std::mt19937_64 rng(2);
    return MakePair(rng, 600, 0);
  }();
  EXPECT_LE(EstimateJaccard(ComputeMinHash(p.a), ComputeMinHash(p.b)), 0.02);
}

TEST(MinHashTest, EmptySetIsNobodysNeighbour) {
  const MinHashSignature empty = ComputeMinHash({});
  EXPECT_TRUE(IsEmptySignature(empty));
  EXPECT_DOUBLE_EQ(EstimateJaccard(empty, empty), 0.0);
  const std::vector<uint64_t> one = {42};
  const MinHashSignature s = ComputeMinHash(one);
  EXPECT_FALSE(IsEmptySignature(s));
  for (uint32_t v : s) EXPECT_NE(v, kEmptyMinHashValue);
  EXPECT_DOUBLE_EQ(EstimateJaccard(s, empty), 0.0);
}

TEST(MinHashTest, SeedSelectsTheHashFunction) {
  const std::vector<uint64_t> a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_NE(ComputeMinHash(a, {.seed = 1}), ComputeMinHash(a, {.seed = 2}));
}

// On real text: a one-sentence edit of a 120-word body keeps the estimate
// close to the exact Jaccard of the shingle sets.
TEST(MinHashTest, TracksExactJaccardOfShingledText) {
  std::string base;
  std::mt19937 rng(3);
  for (int i = 0; i < 120; ++i) {
    base += "w" + std::to_string(rng() % 400) + (i % 12 == 11 ? ". " : " ");
  }
  std::string edited = base;
  edited.replace(edited.find("w"), 0, "An extra opening clause here, ");
  Shingler shingler;
  Shingles a, b;
  shingler.Shingle(base, &a);
  shingler.Shingle(edited, &b);
  const double exact = ExactJaccard(a.hashes, b.hashes);
  EXPECT_GT(exact, 0.8);
  EXPECT_NEAR(
      EstimateJaccard(ComputeMinHash(a.hashes), ComputeMinHash(b.hashes)),
      exact, 0.1);
}

// The signature as minhash.cc defines it, computed plainly: every probe
// hashed, no table. ComputeMinHash must agree on every set, tiny ones (whose
// empty bins need long probe sequences) included, for any seed.
MinHashSignature ReferenceMinHash(const std::vector<uint64_t>& hashes,
                                  uint64_t seed) {
  MinHashSignature sig;
  sig.fill(kEmptyMinHashValue);
  for (uint64_t h : hashes) {
    const uint64_t x = Fmix64(h ^ seed);
    const uint32_t value = static_cast<uint32_t>((x & 0xFFFFFFFFu) / 2);
    sig[x >> 57] = std::min(sig[x >> 57], value);
  }
  const MinHashSignature own = sig;
  auto full = [&own](uint64_t j) { return own[j] != kEmptyMinHashValue; };
  int count = 0;
  for (int i = 0; i < kMinHashSize; ++i) count += full(i);
  if (count == 0) return sig;
  const uint64_t probe_seed = 0x64656e7365ULL ^ seed;
  for (uint64_t i = 0; i < kMinHashSize; ++i) {
    if (full(i)) continue;
    int64_t source = -1;
    for (uint64_t attempt = 1; source < 0 && attempt <= 4096; ++attempt) {
      const uint64_t j = Fmix64(probe_seed ^ (i << 32) ^ attempt) >> 57;
      if (full(j)) source = static_cast<int64_t>(j);
    }
    for (uint64_t step = 1; source < 0; ++step) {
      if (full((i + step) % kMinHashSize)) {
        source = static_cast<int64_t>((i + step) % kMinHashSize);
      }
    }
    sig[i] = own[source];
  }
  return sig;
}

TEST(MinHashTest, EstimateCountsEqualPositionsExactly) {
  MinHashSignature a, b;
  for (int i = 0; i < kMinHashSize; ++i) {
    a[i] = static_cast<uint32_t>(i);
    b[i] = static_cast<uint32_t>(i % 3 == 0 ? i : i + 1000);  // 43 equal
  }
  EXPECT_DOUBLE_EQ(EstimateJaccard(a, b), 43.0 / 128);
  b[127] = 127;  // the last position counts too
  EXPECT_DOUBLE_EQ(EstimateJaccard(a, b), 44.0 / 128);
  // Every count from 0 to 128, at random positions (the vector paths pack
  // and interleave positions before counting them).
  std::mt19937_64 rng(7);
  std::vector<int> order(kMinHashSize);
  for (int i = 0; i < kMinHashSize; ++i) order[i] = i;
  for (int equal = 0; equal <= kMinHashSize; ++equal) {
    std::shuffle(order.begin(), order.end(), rng);
    for (int i = 0; i < kMinHashSize; ++i) {
      a[i] = static_cast<uint32_t>(rng() >> 33);
      b[i] = a[i] ^ 0x40000000u;
    }
    for (int i = 0; i < equal; ++i) b[order[i]] = a[order[i]];
    EXPECT_DOUBLE_EQ(EstimateJaccard(a, b),
                     static_cast<double>(equal) / kMinHashSize)
        << equal;
  }
}

TEST(MinHashTest, DensificationMatchesThePlainDefinition) {
  std::mt19937_64 rng(404);
  for (uint64_t seed : {MinHashOptions{}.seed, uint64_t{12345}}) {
    for (int size : {1, 2, 3, 5, 10, 40, 128, 300, 2000}) {
      for (int trial = 0; trial < 20; ++trial) {
        std::vector<uint64_t> set(static_cast<size_t>(size));
        for (uint64_t& h : set) h = rng();
        ASSERT_EQ(ComputeMinHash(set, {.seed = seed}),
                  ReferenceMinHash(set, seed))
            << "size " << size << ", seed " << seed;
      }
    }
  }
}

// The batched add (four mixed per vector where AVX2 is there, the rest one
// by one) leaves the same state as adding one at a time, for every length
// around the vector width and onto a signature already holding values.
TEST(MinHashTest, AddAllMatchesAddingOneAtATime) {
  std::mt19937_64 rng(405);
  for (size_t size = 0; size <= 21; ++size) {
    for (int trial = 0; trial < 10; ++trial) {
      std::vector<uint64_t> first(30), more(size);
      for (uint64_t& h : first) h = rng();
      for (uint64_t& h : more) h = rng();
      MinHashSignature one, all;
      StartMinHash(&one);
      for (uint64_t h : first) AddToMinHash(h, {}, &one);
      all = one;
      for (uint64_t h : more) AddToMinHash(h, {}, &one);
      AddAllToMinHash(more, {}, &all);
      ASSERT_EQ(all, one) << "size " << size;
    }
  }
}

// The windows added as they are rolled (four per vector where AVX2 is
// there) leave the state that adding each window's polynomial, evaluated
// afresh, one at a time leaves, for every length around the vector width
// and window sizes from 1 to past the length (one window of all values).
TEST(MinHashTest, AddWindowsMatchesAddingEachWindowPolynomial) {
  std::mt19937_64 rng(406);
  const uint64_t base = 0x165667B19E3779F9ULL;
  for (size_t size = 0; size <= 23; ++size) {
    for (size_t k : {1, 2, 3, 5, 8, 30}) {
      std::vector<uint64_t> values(size);
      for (uint64_t& v : values) v = rng();
      MinHashSignature one, all;
      StartMinHash(&one);
      for (int i = 0; i < 20; ++i) AddToMinHash(rng(), {}, &one);
      all = one;
      const size_t window = std::min(k, size);
      for (size_t i = 0; size > 0 && i + window <= size; ++i) {
        uint64_t p = 0;
        for (size_t j = 0; j < window; ++j) p = p * base + values[i + j];
        AddToMinHash(p, {}, &one);
      }
      AddWindowsToMinHash(values, k, base, {}, &all);
      ASSERT_EQ(all, one) << "size " << size << ", k " << k;
    }
  }
}

}  // namespace
}  // namespace concord::sketch
