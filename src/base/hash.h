// Hashing helpers over xxHash (XXH3): fast, well-mixed, seedable 64-bit
// hashes for term ids, shingles and fingerprints. Thread-safe (pure).
#ifndef CONCORD_BASE_HASH_H_
#define CONCORD_BASE_HASH_H_

#include <cstdint>
#include <string_view>

namespace concord {

uint64_t Hash64(std::string_view bytes, uint64_t seed = 0);

// MurmurHash3's 64-bit finaliser: a bijection with full avalanche, for
// deriving well-mixed values from one hash.
inline uint64_t Fmix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// Mixes two 64-bit values into one (for hashing pairs and sequences).
inline uint64_t HashCombine(uint64_t a, uint64_t b) {
  uint64_t x = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

}  // namespace concord

#endif  // CONCORD_BASE_HASH_H_
