// SimHash (Charikar, STOC 2002, "Similarity estimation techniques from
// rounding algorithms"): random-hyperplane LSH for cosine similarity, with
// the 64 hyperplanes given by the bits of each feature's hash instead of
// stored random vectors. Manku, Jain & Das Sarma (WWW 2007, "Detecting
// near-duplicates for web crawling") used it at Google on 8 billion pages,
// calling two pages near-duplicates at Hamming distance ≤ 3 of 64.
//
// Each feature hash is remixed (MurmurHash3's finaliser) so that hashes with
// structure in their bits still give independent ±1 coordinates; the 64
// unweighted version counts set bits eight at a time (SWAR: a 256-entry
// table spreads a byte of the hash over eight byte-wide counters); the
// weighted one sums doubles (exact for integer weights up to 2^53). A tie
// gives bit 0.
//
// Cost: unweighted, a mix plus 8 lookups and adds per feature; weighted, 64
// multiply-adds per feature. No allocation. Tests: simhash_test.cc
// (one-word edits within 3 bits on generated 300-word texts in ≥ 90% of
// trials and on an example article; unrelated texts ≥ 16 bits apart;
// weights: a heavy feature dominates).
#include "src/sketch/simhash.h"

#include <array>

#include "src/base/hash.h"

namespace concord::sketch {
namespace {


// Bit b is set when the weight of features with bit b set exceeds half the
// total weight: Σ_{bit=1} w > Σ_{bit=0} w  ⇔  2 · Σ_{bit=1} w > Σ w, so
// only the weight of set bits is summed (w · bit: no sign, no branch).
inline void Accumulate(uint64_t hash, double weight, double* ones) {
  const uint64_t x = Fmix64(hash);
  for (int b = 0; b < 64; ++b) {
    ones[b] += weight * static_cast<double>((x >> b) & 1);
  }
}

// kSpread[v]: byte i is bit i of v.
constexpr std::array<uint64_t, 256> kSpread = [] {
  std::array<uint64_t, 256> t{};
  for (int v = 0; v < 256; ++v) {
    for (int i = 0; i < 8; ++i) {
      t[v] |= static_cast<uint64_t>((v >> i) & 1) << (8 * i);
    }
  }
  return t;
}();

template <typename Sum, typename Total>
inline uint64_t Majority(const Sum* ones, Total total) {
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (2 * static_cast<Total>(ones[b]) > total) out |= uint64_t{1} << b;
  }
  return out;
}

}  // namespace

uint64_t SimHash(std::span<const uint64_t> hashes) {
  // SWAR counting: lanes[j] holds eight 8-bit counters, for bits 8j..8j+7,
  // so a feature costs 8 table lookups and 8 adds instead of 64 adds. The
  // byte counters are flushed into `ones` before they can overflow.
  uint32_t ones[64] = {};
  uint64_t lanes[8] = {};
  int pending = 0;
  auto flush = [&ones, &lanes] {
    for (int j = 0; j < 8; ++j) {
      for (int i = 0; i < 8; ++i)
        ones[8 * j + i] += (lanes[j] >> (8 * i)) & 0xff;
      lanes[j] = 0;
    }
  };
  for (uint64_t h : hashes) {
    const uint64_t x = Fmix64(h);
    for (int j = 0; j < 8; ++j) lanes[j] += kSpread[(x >> (8 * j)) & 0xff];
    if (++pending == 255) {
      flush();
      pending = 0;
    }
  }
  flush();
  return Majority(ones, static_cast<uint64_t>(hashes.size()));
}

uint64_t SimHash(std::span<const WeightedFeature> features) {
  double ones[64] = {};
  double total = 0;
  for (const WeightedFeature& f : features) {
    Accumulate(f.hash, f.weight, ones);
    total += f.weight;
  }
  return Majority(ones, total);
}

}  // namespace concord::sketch
