// MinHash by one-permutation hashing with optimal densification.
//
// Broder (1997, "On the resemblance and containment of documents") showed
// that for a random permutation π, Pr[min π(A) = min π(B)] = J(A, B), so K
// independent permutations give K coin flips of bias J. Computing K of them
// costs K hashes per element. One-permutation hashing (Li, Owen & Zhang,
// NIPS 2012) instead hashes each element once, splits the hash range into K
// bins and keeps the minimum of each bin: one hash per element, and the
// non-empty bins are K (almost independent) minwise samples.
//
// Bins left empty (likely when a set has fewer than a few hundred elements)
// must be filled consistently in both sets. Optimal densification
// (Shrivastava, ICML 2017, "Optimal densification for fast and accurate
// minwise hashing"): an empty bin i probes bins j = h(i, 1), h(i, 2), … with
// a data-independent hash h until it finds a bin that was non-empty before
// densification, and copies its value. Both sets follow the same probe
// sequence, so position i collides exactly when the first probed bin that is
// non-empty in A ∪ B has its minimum in A ∩ B — probability J. Because each
// empty bin draws its own sequence, borrowed values are nearly independent,
// and the variance stays close to that of K permutations (the older
// "rotation" densification borrowed from the next bin and lost that).
//
// Layout: x = fmix64(h ^ seed) (a bijection, so distinct shingles stay
// distinct); bin = top 7 bits of x, value = bits 1-31 (rank inside the
// bin; two distinct elements of one bin tie with probability 2^-31; the
// value was the low 32 bits with 2^32 - 1, the empty marker, moved one
// down, which cost three instructions more per element).
//
// Cost: one multiply-xorshift mix and one compare per element, plus
// O(K · K / non-empty bins) probes for densification (the first 16 of each
// bin's sequence read from a per-thread table, the rest hashed) (a few hundred
// at most for article-sized sets). No allocation.
//
// EstimateJaccard compares eight positions at a time with AVX2 when the
// processor has it (chosen at run time), four with SSE2 otherwise.
//
// Tests: minhash_test.cc checks |estimate − J| ≤ 0.1 in ≥ 95% of 200 trials
// at J = 0.2, 0.5 and 0.8, that the mean over trials is unbiased for both
// large and tiny (densified) sets, and the identities (equal sets → 1,
// disjoint → ≈ 0, empty → 0).
#include "src/sketch/minhash.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <bit>

#include "src/base/cpu.h"
#include "src/base/hash.h"

namespace concord::sketch {
namespace {

static_assert(kMinHashSize == 128, "bin = top 7 bits assumes K = 128");
constexpr int kBinShift = kMinHashBinShift;
constexpr uint64_t kProbeSeed = 0x64656e7365ULL;  // "dense"
// Random probing ends by then with probability > 1 - e^-30 even with a
// single non-empty bin; after that a deterministic scan guarantees an end.
constexpr int kMaxProbes = 4096;

// The first kTabledProbes bins of every empty bin's probe sequence, which
// depend only on the seed: computed once per thread and seed instead of
// once per empty bin per signature. (With a quarter of the bins full, 16
// probes miss with probability 1%; the rest are computed as before.)
constexpr int kTabledProbes = 16;
struct ProbeTable {
  uint64_t probe_seed = 0;
  bool ready = false;
  uint8_t bins[kMinHashSize][kTabledProbes];
};

int ProbeBin(uint64_t probe_seed, int i, uint64_t attempt) {
  return static_cast<int>(
      Fmix64(probe_seed ^ (static_cast<uint64_t>(i) << 32) ^ attempt) >>
      kBinShift);
}

const ProbeTable& Probes(uint64_t probe_seed) {
  thread_local ProbeTable table;
  if (!table.ready || table.probe_seed != probe_seed) {
    for (int i = 0; i < kMinHashSize; ++i) {
      for (int a = 0; a < kTabledProbes; ++a) {
        table.bins[i][a] = static_cast<uint8_t>(
            ProbeBin(probe_seed, i, static_cast<uint64_t>(a) + 1));
      }
    }
    table.probe_seed = probe_seed;
    table.ready = true;
  }
  return table;
}

#if defined(__x86_64__) && defined(__GNUC__)
// a * (c_high << 32 | c_low) mod 2^64 in each 64-bit lane: AVX2 multiplies
// only 32 x 32 -> 64 bits, so three of those (the high x high product
// falls off the top) and a shift.
[[gnu::target("avx2")]] inline __m256i Mul64(__m256i a, __m256i c_low,
                                             __m256i c_high) {
  const __m256i low = _mm256_mul_epu32(a, c_low);
  const __m256i cross =
      _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(a, 32), c_low),
                       _mm256_mul_epu32(a, c_high));
  return _mm256_add_epi64(low, _mm256_slli_epi64(cross, 32));
}

// The 32-bit number kLane of `v`.
template <int kLane>
[[gnu::target("avx2")]] inline uint32_t Lane(__m128i v) {
  return static_cast<uint32_t>(_mm_extract_epi32(v, kLane));
}

// sig[bin] lowered to the bottom number of `value`, if that is smaller.
[[gnu::target("avx2")]] inline void MinInto(uint32_t* sig, uint32_t bin,
                                            __m128i value) {
  sig[bin] = static_cast<uint32_t>(_mm_cvtsi128_si32(
      _mm_min_epu32(value, _mm_cvtsi32_si128(static_cast<int>(sig[bin])))));
}

// AddAllToMinHash with Fmix64 computed for four hashes per vector: its two
// 64-bit multiplies and three shift-xors are most of a scalar element's
// 26 instructions. The bin updates stay scalar (two elements of one
// vector may share a bin, and AVX2 has no scatter): each lane's value and
// bin are packed side by side as two 32-bit numbers, and the bin, taken
// out to a register, is lowered by vpminud (no branch on the coin flip).
// Fmix64 of h ^ seed in each 64-bit lane, then each lane added to its bin
// (AddToMinHash of four hashes).
struct Mix4 {
  __m256i seeds;
  // Fmix64's multipliers as 32-bit halves.
  __m256i mul1_low, mul1_high, mul2_low, mul2_high;
};
[[gnu::target("avx2")]] inline Mix4 MakeMix4(uint64_t seed) {
  return {_mm256_set1_epi64x(static_cast<int64_t>(seed)),
          _mm256_set1_epi64x(0xed558ccdLL), _mm256_set1_epi64x(0xff51afd7LL),
          _mm256_set1_epi64x(0x1a85ec53LL), _mm256_set1_epi64x(0xc4ceb9feLL)};
}
[[gnu::target("avx2")]] inline void AddFour(__m256i h, const Mix4& m,
                                            uint32_t* sig) {
  __m256i x = _mm256_xor_si256(h, m.seeds);
  x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 33));
  x = Mul64(x, m.mul1_low, m.mul1_high);
  x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 33));
  x = Mul64(x, m.mul2_low, m.mul2_high);
  x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 33));
  // Even 32-bit lanes: the value, bits 1-31 of x. Odd lanes: the bin,
  // x >> 57, which is the high half of x >> 25 (its bits above 38 are
  // zero).
  const __m256i packed = _mm256_blend_epi32(_mm256_srli_epi32(x, 1),
                                            _mm256_srli_epi64(x, 25), 0xAA);
  // Each lane's minimum with vpminud, its value moved to the bottom of
  // a 128-bit half, where extracting both numbers to general registers
  // cost two instructions more a lane.
  const __m128i low = _mm256_castsi256_si128(packed);
  const __m128i high = _mm256_extracti128_si256(packed, 1);
  MinInto(sig, Lane<1>(low), low);
  MinInto(sig, Lane<3>(low), _mm_srli_si128(low, 8));
  MinInto(sig, Lane<1>(high), high);
  MinInto(sig, Lane<3>(high), _mm_srli_si128(high, 8));
}

[[gnu::target("avx2")]] void AddAllAvx2(const uint64_t* hashes, size_t n,
                                        uint64_t seed, MinHashSignature* out) {
  uint32_t* sig = out->data();
  const Mix4 mix = MakeMix4(seed);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    AddFour(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(hashes + i)),
            mix, sig);
  }
  for (; i < n; ++i) AddToMinHash(hashes[i], {.seed = seed}, out);
}

// AddWindowsToMinHash's windows from the first, `p` (window 0), on: four
// rolled in general registers and moved into a vector (no array written
// and read back, no second loop), then AddFour.
[[gnu::target("avx2")]] void AddWindowsAvx2(const uint64_t* v, size_t windows,
                                            size_t k, uint64_t base,
                                            uint64_t base_k, uint64_t p,
                                            uint64_t seed,
                                            MinHashSignature* out) {
  uint32_t* sig = out->data();
  const Mix4 mix = MakeMix4(seed);
  size_t i = 0;
  // Each group rolls on to the next group's first window, which must exist.
  for (; i + 4 < windows; i += 4) {
    const uint64_t* out_values = v + i;     // the values each roll drops
    const uint64_t* in_values = v + i + k;  // and takes in
    // Each window goes into the vector before p is multiplied in place
    // (no copy of p kept for it).
    __m128i ab = _mm_cvtsi64_si128(static_cast<int64_t>(p));
    p = p * base + in_values[0] - out_values[0] * base_k;
    ab = _mm_insert_epi64(ab, static_cast<int64_t>(p), 1);
    p = p * base + in_values[1] - out_values[1] * base_k;
    __m128i cd = _mm_cvtsi64_si128(static_cast<int64_t>(p));
    p = p * base + in_values[2] - out_values[2] * base_k;
    cd = _mm_insert_epi64(cd, static_cast<int64_t>(p), 1);
    p = p * base + in_values[3] - out_values[3] * base_k;
    AddFour(_mm256_inserti128_si256(_mm256_castsi128_si256(ab), cd, 1), mix,
            sig);
  }
  for (;;) {
    AddToMinHash(p, {.seed = seed}, out);
    if (++i >= windows) break;
    p = p * base + (v[i + k - 1] - v[i - 1] * base_k);
  }
}

#endif

}  // namespace

void AddAllToMinHash(std::span<const uint64_t> hashes,
                     const MinHashOptions& options, MinHashSignature* out) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (cpu::HasAvx2()) {
    AddAllAvx2(hashes.data(), hashes.size(), options.seed, out);
    return;
  }
#endif
  for (uint64_t h : hashes) AddToMinHash(h, options, out);
}

void AddWindowsToMinHash(std::span<const uint64_t> values, size_t k,
                         uint64_t base, const MinHashOptions& options,
                         MinHashSignature* out) {
  if (values.empty()) return;
  k = std::min(std::max(k, size_t{1}), values.size());
  uint64_t p = 0, base_k = 1;
  for (size_t j = 0; j < k; ++j) {
    p = p * base + values[j];
    base_k *= base;
  }
  const size_t windows = values.size() - k + 1;
  const uint64_t* v = values.data();
#if defined(__x86_64__) && defined(__GNUC__)
  if (cpu::HasAvx2()) {
    AddWindowsAvx2(v, windows, k, base, base_k, p, options.seed, out);
    return;
  }
#endif
  // Window i + 1 from window i: p B - v[i] B^k + v[i + k], grouped so that
  // the chain from one window to the next is one multiply and one add.
  for (size_t i = 0;;) {
    AddToMinHash(p, options, out);
    if (++i >= windows) break;
    p = p * base + (v[i + k - 1] - v[i - 1] * base_k);
  }
}

void ComputeMinHash(std::span<const uint64_t> hashes, MinHashSignature* out,
                    const MinHashOptions& options) {
  StartMinHash(out);
  AddAllToMinHash(hashes, options, out);
  FinishMinHash(options, out);
}

void FinishMinHash(const MinHashOptions& options, MinHashSignature* out) {
  MinHashSignature& sig = *out;
  // Which bins hold their own minimum (only those may be borrowed from).
  uint64_t full[2] = {0, 0};
#if defined(__SSE2__)
  // Sixteen bins per movemask: four compares (all ones for an empty
  // bin) packed, with signed saturation, to one byte per bin.
  const __m128i empty = _mm_set1_epi32(static_cast<int>(kEmptyMinHashValue));
  auto empty_at = [&sig, empty](int i) {
    return _mm_cmpeq_epi32(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(sig.data() + i)),
        empty);
  };
  for (int i = 0; i < kMinHashSize; i += 16) {
    const __m128i bytes = _mm_packs_epi16(
        _mm_packs_epi32(empty_at(i), empty_at(i + 4)),
        _mm_packs_epi32(empty_at(i + 8), empty_at(i + 12)));
    const uint64_t empty_bits =
        static_cast<uint32_t>(_mm_movemask_epi8(bytes));
    full[i >> 6] |= (~empty_bits & 0xFFFF) << (i & 63);
  }
#else
  for (int i = 0; i < kMinHashSize; ++i) {
    if (sig[i] != kEmptyMinHashValue) full[i >> 6] |= uint64_t{1} << (i & 63);
  }
#endif
  // No bin full, or all: nothing to borrow, or nothing to fill. (Tested
  // on the masks: std::popcount is a library call on plain x86-64.)
  if ((full[0] | full[1]) == 0 || (full[0] & full[1]) == ~uint64_t{0}) return;
  // Bin numbers as unsigned: as int they cost a sign extension per use.
  auto is_full = [&full](unsigned j) {
    return (full[j >> 6] >> (j & 63)) & 1;
  };
  const uint64_t probe_seed = kProbeSeed ^ options.seed;
  const ProbeTable& probes = Probes(probe_seed);
  // Visit the empty bins through their bit mask: whether a bin is empty is
  // a coin flip, and a branch on it per bin mispredicted.
  for (int half = 0; half < 2; ++half) {
    for (uint64_t empty = ~full[half]; empty != 0; empty &= empty - 1) {
      const unsigned i =
          64u * static_cast<unsigned>(half) +
          static_cast<unsigned>(std::countr_zero(empty));
      int source = -1;
      for (int a = 0; a < kTabledProbes && source < 0; ++a) {
        if (is_full(probes.bins[i][a])) source = probes.bins[i][a];
      }
      for (uint64_t attempt = kTabledProbes + 1;
           source < 0 && attempt <= kMaxProbes; ++attempt) {
        const int j = ProbeBin(probe_seed, i, attempt);
        if (is_full(j)) {
          source = j;
          break;
        }
      }
      for (int step = 1; source < 0; ++step) {
        const int j = (i + step) % kMinHashSize;
        if (is_full(j)) source = j;
      }
      sig[i] = sig[source];
    }
  }
}

MinHashSignature ComputeMinHash(std::span<const uint64_t> hashes,
                                const MinHashOptions& options) {
  MinHashSignature sig;
  ComputeMinHash(hashes, &sig, options);
  return sig;
}

namespace {

#if defined(__x86_64__) && defined(__GNUC__)
// Eight positions per compare where the processor has AVX2 (chosen once at
// run time; the build targets plain x86-64): verification compares every
// LSH candidate, and this halves the instructions of the SSE2 loop.
// All ones in each of the eight positions from i on where a and b agree.
[[gnu::target("avx2")]] inline __m256i EqualAt(const MinHashSignature& a,
                                               const MinHashSignature& b,
                                               int i) {
  return _mm256_cmpeq_epi32(
      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a.data() + i)),
      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b.data() + i)));
}
[[gnu::target("avx2")]] int EqualPositionsAvx2(const MinHashSignature& a,
                                               const MinHashSignature& b) {
  // Each compare gives all ones per equal position; four of them are
  // packed (signed saturation keeps -1 and 0) into one byte per position,
  // subtracted into byte counters (at most 4 each), and summed at the end
  // by one vpsadbw: 45 instructions where adding the 32-bit lanes took 67.
  // The packs interleave positions, which a count does not mind.
  __m256i counts = _mm256_setzero_si256();
  for (int i = 0; i < kMinHashSize; i += 32) {
    const __m256i bytes = _mm256_packs_epi16(
        _mm256_packs_epi32(EqualAt(a, b, i), EqualAt(a, b, i + 8)),
        _mm256_packs_epi32(EqualAt(a, b, i + 16), EqualAt(a, b, i + 24)));
    counts = _mm256_sub_epi8(counts, bytes);
  }
  const __m256i sums = _mm256_sad_epu8(counts, _mm256_setzero_si256());
  const __m128i half = _mm_add_epi64(_mm256_castsi256_si128(sums),
                                     _mm256_extracti128_si256(sums, 1));
  return static_cast<int>(_mm_cvtsi128_si64(half) +
                          _mm_cvtsi128_si64(_mm_unpackhi_epi64(half, half)));
}
// EstimateJaccard whole on the AVX2 path, so that the dispatch is one
// jump (verification calls it for every LSH candidate).
[[gnu::target("avx2")]] double EstimateJaccardAvx2(const MinHashSignature& a,
                                                   const MinHashSignature& b) {
  if (IsEmptySignature(a) || IsEmptySignature(b)) return 0;
  return static_cast<double>(EqualPositionsAvx2(a, b)) / kMinHashSize;
}
#endif

}  // namespace

double EstimateJaccard(const MinHashSignature& a, const MinHashSignature& b) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (cpu::HasAvx2()) return EstimateJaccardAvx2(a, b);
#endif
  if (IsEmptySignature(a) || IsEmptySignature(b)) return 0;
  int equal = 0;
#if defined(__SSE2__)
  // Four positions per compare; each equal lane adds -1 to its counter.
  __m128i counts = _mm_setzero_si128();
  for (int i = 0; i < kMinHashSize; i += 4) {
    const __m128i x =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.data() + i));
    const __m128i y =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(b.data() + i));
    counts = _mm_sub_epi32(counts, _mm_cmpeq_epi32(x, y));
  }
  alignas(16) int32_t lanes[4];
  _mm_store_si128(reinterpret_cast<__m128i*>(lanes), counts);
  equal = lanes[0] + lanes[1] + lanes[2] + lanes[3];
#else
  for (int i = 0; i < kMinHashSize; ++i) equal += a[i] == b[i];
#endif
  return static_cast<double>(equal) / kMinHashSize;
}

}  // namespace concord::sketch
