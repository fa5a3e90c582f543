// Unaligned loads, an inline equality test and an inline hash for short
// strings (words), for the hash tables that memoise or intern per word
// (features, the aligner, reconciliation, entities, quantities, WordNet's
// interner, word_table.h's FlatMap, families' swap lists) and the JSON
// writer's byte scans. A memcmp call in a probe loop made the
// compiler save and restore the loop's registers around it; two
// overlapping loads per side cover any length from 4 to 16 bytes.
#ifndef CONCORD_BASE_SHORT_STRING_H_
#define CONCORD_BASE_SHORT_STRING_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace concord {

// The 8 (4) bytes at `p` as an integer, in the machine's byte order; `p`
// need not be aligned.
[[gnu::always_inline]] inline uint64_t LoadU64(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}
[[gnu::always_inline]] inline uint64_t LoadU32(const char* p) {
  uint32_t x;
  std::memcpy(&x, p, 4);
  return x;
}

// A well-mixed 64-bit hash of a short string, inline (a call to Hash64
// costs more than a look-up of a memoised word): a multiply and a shift
// per 8 bytes, the last 8 overlapping; 4-7 bytes as two overlapping
// 4-byte loads; below 4 the first, middle and last byte. For a string
// under 8 bytes the value mixed is an injective function of its bytes
// given its length (which seeds it), and the final mix is a bijection, so
// two such strings of one length have equal hashes only when they are
// equal (src/sketch/features.cc's memo relies on it).
[[gnu::always_inline]] inline uint64_t HashShortString(std::string_view w) {
  // A bijection that spreads every input bit over the low bits (a table's
  // index) and the high ones: an odd multiplier, then the high half folded
  // into the low one.
  const auto mix = [](uint64_t x) {
    x *= 0x9E3779B97F4A7C15ULL;
    return x ^ (x >> 32);
  };
  const char* p = w.data();
  const size_t n = w.size();
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xC2B2AE3D27D4EB4FULL);
  if (n >= 8) {
    size_t i = 0;
    for (; i + 8 < n; i += 8) h = mix(h ^ LoadU64(p + i));
    h ^= LoadU64(p + n - 8);  // the last 8 bytes, overlapping
  } else if (n >= 4) {
    h ^= LoadU32(p) | (LoadU32(p + n - 4) << 32);
  } else if (n > 0) {
    h ^= static_cast<uint64_t>(static_cast<unsigned char>(p[0])) |
         static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
         static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
  }
  return mix(h);
}

// a == b, inline up to 16 bytes: two overlapping 8-byte (from 8 bytes) or
// 4-byte (from 4) loads per side, a byte loop below 4, memcmp above 16.
[[gnu::always_inline]] inline bool SameShortString(std::string_view a,
                                                   std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n > 16) return std::memcmp(p, q, n) == 0;
  if (n >= 8) {
    return ((LoadU64(p) ^ LoadU64(q)) |
            (LoadU64(p + n - 8) ^ LoadU64(q + n - 8))) == 0;
  }
  if (n >= 4) {
    return ((LoadU32(p) ^ LoadU32(q)) |
            (LoadU32(p + n - 4) ^ LoadU32(q + n - 4))) == 0;
  }
  for (size_t i = 0; i < n; ++i) {
    if (p[i] != q[i]) return false;
  }
  return true;
}

}  // namespace concord

#endif  // CONCORD_BASE_SHORT_STRING_H_
