// MinHash signatures: a set of 64-bit hashes (an article's shingles) as 128
// small integers such that the share of equal positions in two signatures
// estimates the sets' Jaccard similarity |A ∩ B| / |A ∪ B|.
//
//   MinHashSignature a = ComputeMinHash(shingles_a.hashes);
//   MinHashSignature b = ComputeMinHash(shingles_b.hashes);
//   double j = EstimateJaccard(a, b);  // ± ~0.045 (one std. dev. at J = 0.5)
//
// Variant: one-permutation hashing (Li, Owen & Zhang 2012) with optimal
// densification (Shrivastava 2017), not K independent hash functions. Each
// element is hashed once; the hash picks one of the 128 bins and each bin
// keeps its smallest value. Bins that no element fell into borrow the value
// of a non-empty bin chosen by a fixed pseudo-random probe sequence, which
// keeps Pr[a[i] == b[i]] = J for every position. The estimator is unbiased
// with variance close to (slightly below, for large sets) that of 128
// independent permutations, J(1 - J)/128, at 1/128th of the hashing cost.
//
// Signatures are plain values (512 bytes); the functions are pure and
// thread-safe. Cost: ComputeMinHash is O(n + 128) for n hashes (one mix and
// one compare per element); EstimateJaccard is 128 compares.
#ifndef CONCORD_SKETCH_MINHASH_H_
#define CONCORD_SKETCH_MINHASH_H_

#include <array>
#include <cstdint>
#include <span>

#include "src/base/hash.h"

namespace concord::sketch {

// Positions in a signature (K).
inline constexpr int kMinHashSize = 128;
using MinHashSignature = std::array<uint32_t, kMinHashSize>;

// Every position of the empty set's signature; never a value otherwise.
inline constexpr uint32_t kEmptyMinHashValue = 0xFFFFFFFFu;

// A mixed hash's bin is its top 7 bits (kMinHashSize = 2^7).
inline constexpr int kMinHashBinShift = 64 - 7;

struct MinHashOptions {
  // Selects the hash function (the "permutation"). Signatures are comparable
  // only when computed with the same seed.
  uint64_t seed = 0x6d696e68617368ULL;  // "minhash"
};

// Replaces *out with the signature of the set of `hashes` (order and repeats
// do not matter). The empty set gives all kEmptyMinHashValue.
// REQUIRES: out != nullptr.
void ComputeMinHash(std::span<const uint64_t> hashes, MinHashSignature* out,
                    const MinHashOptions& options = {});
MinHashSignature ComputeMinHash(std::span<const uint64_t> hashes,
                                const MinHashOptions& options = {});

// ComputeMinHash in three steps, for a producer that makes the hashes one
// at a time or in batches (Shingler::ShingleToMinHash): StartMinHash, then
// AddToMinHash for each hash (or AddAllToMinHash for a batch), then
// FinishMinHash give exactly ComputeMinHash's signature of the hashes
// added. Between
// Start and Finish *out holds partial state, not a signature.
// REQUIRES: out != nullptr; the same options in Add and Finish.
inline void StartMinHash(MinHashSignature* out) {
  out->fill(kEmptyMinHashValue);
}
inline void AddToMinHash(uint64_t hash, const MinHashOptions& options,
                         MinHashSignature* out) {
  // Bin: the top 7 bits of the mixed hash; value: its low 31 bits, which
  // never equal the empty marker (one shift, where moving the marker
  // aside took a compare, a set and a subtraction). A branch-free
  // minimum: whether an element lowers its bin is a coin flip, and a
  // branch on it mispredicts.
  const uint64_t x = Fmix64(hash ^ options.seed);
  const uint32_t value = static_cast<uint32_t>(x) >> 1;
  uint32_t& bin = (*out)[static_cast<size_t>(x >> kMinHashBinShift)];
  bin = value < bin ? value : bin;
}
// AddToMinHash of each of `hashes` in turn, the same signature state after,
// at under three quarters of the instructions where the processor has AVX2
// (four hashes mixed per vector; the bins are still updated one at a time).
void AddAllToMinHash(std::span<const uint64_t> hashes,
                     const MinHashOptions& options, MinHashSignature* out);
// AddToMinHash of every window of `values` as a polynomial in `base`
// (mod 2^64): P_i = values[i] base^(k-1) + ... + values[i+k-1] for
// 0 <= i <= n - k, or, when n < k, one window of all n values; nothing
// for no values. k < 1 counts as 1. Shingler::ShingleToMinHash's shingles
// added as it makes them: each window rolled from the last (a multiply,
// a multiply and a subtraction, an add) and mixed four at a time where
// the processor has AVX2, with no array of windows written and read back.
void AddWindowsToMinHash(std::span<const uint64_t> values, size_t k,
                         uint64_t base, const MinHashOptions& options,
                         MinHashSignature* out);
void FinishMinHash(const MinHashOptions& options, MinHashSignature* out);

// True for the signature of the empty set.
inline bool IsEmptySignature(const MinHashSignature& s) {
  return s[0] == kEmptyMinHashValue;
}

// Share of equal positions: an unbiased estimate of the Jaccard similarity
// of the two sets. 0 when either set is empty.
double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b);

}  // namespace concord::sketch

#endif  // CONCORD_SKETCH_MINHASH_H_
