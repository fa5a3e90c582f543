// Bit counting for the SIMD scanners (src/engine/pipeline.cc word counts,
// src/extract/text_chrome.cc): the set bits of a 16- or 64-bit mask, and
// the word starts of a block's space mask.
// The build targets baseline x86-64, where __builtin_popcount without
// -mpopcnt is a libgcc call; a 256-entry byte table is two loads.
#ifndef CONCORD_BASE_BITS_H_
#define CONCORD_BASE_BITS_H_

#include <array>
#include <cstdint>

namespace concord {

inline constexpr std::array<uint8_t, 256> kBitsInByte = [] {
  std::array<uint8_t, 256> t{};
  for (int i = 0; i < 256; ++i) {
    for (int b = i; b != 0; b &= b - 1) ++t[i];
  }
  return t;
}();

// Set bits among the low 16 of `mask`.
inline int BitsIn16(uint32_t mask) {
  return kBitsInByte[mask & 0xFF] + kBitsInByte[(mask >> 8) & 0xFF];
}

// Set bits of `x`, by SWAR arithmetic (no POPCNT instruction needed).
inline int BitsIn64(uint64_t x) {
  x -= (x >> 1) & 0x5555555555555555ULL;
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return static_cast<int>((x * 0x0101010101010101ULL) >> 56);
}

// The bytes of a block of up to 64 that start a word: not a space, after
// a space. `spaces` has a bit per space byte; `space_before` is 1 when the
// byte before the block is a space or the block starts the text.
inline uint64_t WordStartsIn64(uint64_t spaces, uint64_t space_before) {
  return ~spaces & (spaces << 1 | space_before);
}

}  // namespace concord

#endif  // CONCORD_BASE_BITS_H_
