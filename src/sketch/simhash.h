// SimHash: a set of weighted features (shingle or word hashes) as one 64-bit
// fingerprint such that similar sets give fingerprints a few bits apart.
//
//   Shingler words({.words = 1});          // word hashes, repeats kept
//   words.Shingle(body, &s);
//   uint64_t f = SimHash(s.hashes);       // weight = number of occurrences
//   if (HammingDistance(f, g) <= 3) ...   // near-duplicate (Manku et al.)
//
// Bit b of the fingerprint is the sign of Σ w · (±1), summed over features,
// with + when bit b of the feature's (remixed) hash is set. The expected
// share of differing bits is θ/π, θ the angle between the two weighted
// feature vectors (Charikar 2002), so the Hamming distance estimates cosine
// similarity, and one 64-bit word per document is all an index must store.
//
// Which features: with word hashes weighted by count, a one-word edit to a
// news article moves the fingerprint by 0–3 bits; with 5-word shingles the
// same edit changes 2k features and moves it further (see simhash_test.cc).
// Unrelated texts land ~32 bits apart.
//
// Pure functions; thread-safe. Cost: 64 adds per feature.
#ifndef CONCORD_SKETCH_SIMHASH_H_
#define CONCORD_SKETCH_SIMHASH_H_

#include <bit>
#include <cstdint>
#include <span>

namespace concord::sketch {

struct WeightedFeature {
  uint64_t hash = 0;
  double weight = 1;  // REQUIRES: finite; negative weights count against
};

// Each hash counts with weight 1 (a repeated hash counts once per repeat).
// 0 for no features. REQUIRES: hashes.size() < 2^32.
uint64_t SimHash(std::span<const uint64_t> hashes);
uint64_t SimHash(std::span<const WeightedFeature> features);

inline int HammingDistance(uint64_t a, uint64_t b) {
  return std::popcount(a ^ b);
}

}  // namespace concord::sketch

#endif  // CONCORD_SKETCH_SIMHASH_H_
