// Hash64: XXH3 compiled here with the rest of the program (inlined, not
// called through the shared library), and for an input longer than
// XXH3_MIDSIZE_MAX bytes (a paragraph's signature in the chrome rules, a
// body's word hashes for the exact fingerprint) by xxHash's AVX2
// accumulator where the processor has it: the same value, half the
// instructions of the SSE2 accumulator the plain x86-64 build would pick.
#include "src/base/hash.h"

#define XXH_INLINE_ALL
#if defined(__x86_64__) && defined(__GNUC__)
#define XXH_DISPATCH_AVX2 1
#define XXH_TARGET_AVX2 __attribute__((target("avx2")))
// The accumulator and the custom secret are aligned for the vector width
// of the build's own choice (SSE2: 16 bytes) unless told otherwise; the
// AVX2 accumulate and scramble load and store them as 32-byte vectors
// (UBSan: "load of misaligned address for type '__m256i'").
#define XXH_ACC_ALIGN 32
#include <immintrin.h>  // __m256i, which those functions use
#endif
#include <xxhash.h>

#include "src/base/cpu.h"

namespace concord {
namespace {

#if defined(__x86_64__) && defined(__GNUC__)
[[gnu::target("avx2")]] uint64_t Xxh3LongAvx2(const void* data, size_t size,
                                              uint64_t seed) {
  return XXH3_hashLong_64b_withSeed_internal(
      data, size, seed, XXH3_accumulate_512_avx2, XXH3_scrambleAcc_avx2,
      XXH3_initCustomSecret_avx2);
}
#endif

}  // namespace

uint64_t Hash64(std::string_view bytes, uint64_t seed) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (bytes.size() > XXH3_MIDSIZE_MAX && cpu::HasAvx2()) {
    return Xxh3LongAvx2(bytes.data(), bytes.size(), seed);
  }
#endif
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

}  // namespace concord
