// Word shingling (Broder, Glassman, Manasse & Zweig 1997, "Syntactic
// clustering of the Web"): a document is the set of its contiguous k-word
// windows, and two documents are near-duplicates when those sets overlap
// much (Jaccard). Shingles of words rather than characters make the measure
// blind to punctuation, case and spacing, and a one-word edit costs at most
// k shingles out of n.
//
// Definition. The words are the word and number tokens of text::Tokenize,
// each folded (Token::norm). Each folded word is hashed once: up to 16
// bytes (all but a few words of any article) by MixWord below, two
// multiplies over the zero-padded bytes and the length, then one folded
// 64 x 64 -> 128-bit multiply, which the fast path computes from two masked
// loads with no branch on the length (XXH3's dispatch on 1-3, 4-8, 9-16 bytes
// mispredicted on most words); longer words by XXH3. A shingle is P, the
// polynomial of its k word hashes in a fixed odd base B, mod 2^64: consecutive
// windows' P differ by a multiply, a subtraction and an addition (rolling, as
// Rabin-Karp), where an XXH3 over the 8k bytes cost several times more. P is
// linear in the word hashes, but those are avalanched, and two distinct windows
// collide only when a sum of k of their differences times powers of B vanishes
// mod 2^64 (shingles_test.cc counts distinct windows and distinct hashes over
// the example articles). P is not mixed again (it was, by Fmix64, a bijection
// that changed no collision): every consumer of shingles mixes them itself
// (MinHash with its seed, SimHash), and ShingleToMinHash hands the P of a body
// straight to the MinHash signature (AddWindowsToMinHash rolls the windows and
// mixes them four at a time in one loop), so a shingle costs one mix,
// not two, and never reaches out->hashes.
// The exact fingerprint is XXH3 over the sequence of word hashes (folded
// words joined by spaces carry no more information, and were a second copy
// of every word).
//
// The fast path. Tokenize is general: it records offsets, kinds and case
// flags, folds every token into its own string and runs a segment list
// through two merge passes; shingling needs none of that but the folded
// bytes. Shingle() therefore scans the body itself, with the same cut the
// tokenizer makes (tokenizer.cc): the text is split at ASCII white space into
// pieces, a boundary in UAX #29 whatever surrounds it. A piece of pure ASCII
// (most of an English article) is segmented here by the ASCII rules the
// tokenizer's own scanner applies — a run of letters, digits and "_", with a
// single "." or "'" joining two letters or two digits and "," or ";" joining
// two digits; a lone "_" is no word; "U.S" takes its final "." when every
// dot-separated part has one or two letters; "1000" + "'" + "s" is one
// number. Most pieces need none of these rules: no byte >= 0x80, no "_"
// and no ".", "'", "," or ";" with a letter, digit or "_" right after it,
// so that each run of those is one word and nothing joins (a sentence's
// final "." or a list's "," is followed by white space). A first pass
// (Classify: SSE2 compares 16 bytes at a time, or, where the processor has
// AVX2, chosen at run time, two nibble-table look-ups 32 at a time)
// lower-cases the body into a copy and sets two
// bit masks: core bytes and "slow" bytes (a high byte, a "_", or such a
// joiner before a core byte). The words of every piece before the next slow
// byte's piece (found by stepping back from the slow byte to white space)
// are then read off the core mask (run starts and
// run ends as two masks per 64 bytes, walked together a lowest bit at a
// time) and hashed from the lowered copy: no byte-by-byte classification,
// no search, and no branch or copy per byte. The piece
// holding a slow byte goes through the full ASCII rules above, byte by
// byte; if it holds a non-ASCII byte, it and the following non-ASCII
// pieces form a stretch that goes, with the white space before it, through
// text::Tokenize (ICU) exactly as the tokenizer would send it, into a
// reused token vector. Merges never cross white space, so the paths meet
// cleanly, and the word hashes, shingles and fingerprint are the same, bit
// for bit, as tokenising first (internal::ShingleByTokens, kept as the
// reference: it builds each word's 16-byte block byte by byte, evaluates
// every window's polynomial afresh and hashes through the xxHash library).
//
// Cost: a few SIMD operations per 16 bytes, two bit searches per plain
// word plus its hash, the byte-by-byte rules only on slow pieces ("U.S.",
// "2.8", "it's"), and a few multiplies per shingle (docs/performance.md has
// the figures). Scratch: ~9.4 bytes per body byte at the high-water mark;
// once warm, no allocation on ASCII text, and on non-ASCII stretches only
// what Tokenize needs for ICU.
//
// Tests: shingles_test.cc (golden equalities under case, punctuation and
// spacing; counts for short texts; ExactJaccard by hand; the fast path
// against ShingleByTokens on the example articles, a golden table of
// tokenizer edge cases — abbreviations, "1000's", joins at piece ends —,
// generated mixed Unicode text, random bytes, and folds that lengthen the
// text).
#include "src/sketch/shingles.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <span>

#include "src/base/cpu.h"
#include "src/base/hash.h"
#include "src/sketch/shingles_internal.h"
#include "src/text/ascii_classes.h"

namespace concord::sketch {
namespace {

constexpr uint64_t kWordSeed = 0x73686e676c77ULL;     // "shnglw"
constexpr uint64_t kExactSeed = 0x73686e676c65ULL;    // "shngle"

// Odd multipliers (the fractional digits of the golden ratio and two of
// xxHash's primes): the word mix and the window polynomial's base.
constexpr uint64_t kWordMulLow = 0x9E3779B97F4A7C15ULL;
constexpr uint64_t kWordMulHigh = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t kWordFold = 0xFF51AFD7ED558CCDULL;  // murmur's first
constexpr uint64_t kWindowBase = 0x165667B19E3779F9ULL;
constexpr size_t kShortWord = 16;  // longest word hashed by MixWord

uint64_t Xxh3(const void* data, size_t size, uint64_t seed) {
  return XXH3_64bits_withSeed(data, size, seed);
}

// Hash of a word of `size` <= 16 bytes held in `low` (bytes 0-7) and
// `high` (bytes 8-15), zero beyond the word. Each half goes through a
// different bijection, the size is folded into the high half's top byte
// (a 16-byte word would need a control character there to collide), and
// a folded multiply avalanches the result: the high and low halves of the
// 128-bit product by an odd constant, xored, so that every input bit
// reaches every output bit (the low half alone only carries bits upward).
// One multiply instruction where the murmur finaliser, used before, took
// two and three shift-xors on the path of every word.
// MixSized is MixWord with the size already in `high_sized`, and its
// constants passed in: the word loop keeps them in registers (WordMix).
struct WordMix {
  uint64_t seed = kWordSeed;
  uint64_t mul_low = kWordMulLow;
  uint64_t mul_high = kWordMulHigh;
  uint64_t fold = kWordFold;
};
inline uint64_t MixSized(uint64_t low, uint64_t high_sized,
                         const WordMix& mix = {}) {
  const uint64_t x =
      ((low ^ mix.seed) * mix.mul_low) ^ (high_sized * mix.mul_high);
  const unsigned __int128 product =
      static_cast<unsigned __int128>(x) * mix.fold;
  return static_cast<uint64_t>(product) ^
         static_cast<uint64_t>(product >> 64);
}
inline uint64_t MixWord(uint64_t low, uint64_t high, size_t size) {
  return MixSized(low, high ^ (uint64_t{size} << 56));
}
// The constants of WordMix hidden from the optimiser (an empty asm that
// "changes" them): GCC otherwise rebuilt all four inside the word loop,
// a 10-byte move each per word.
inline WordMix OpaqueWordMix() {
  WordMix mix;
  asm("" : "+r"(mix.seed), "+r"(mix.mul_low), "+r"(mix.mul_high),
      "+r"(mix.fold));
  return mix;
}

// Bytes p[0, 8) as a little-endian number, whatever the machine's order.
inline uint64_t LoadLittle64(const char* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  if constexpr (std::endian::native == std::endian::big) {
    x = __builtin_bswap64(x);
  }
  return x;
}

// The word hash of `word`, any length: the definition (shingles.h).
uint64_t HashWord(std::string_view word) {
  if (word.size() > kShortWord) {
    return Xxh3(word.data(), word.size(), kWordSeed);
  }
  char bytes[kShortWord] = {};
  std::memcpy(bytes, word.data(), word.size());
  return MixWord(LoadLittle64(bytes), LoadLittle64(bytes + 8), word.size());
}

// Masks keeping the first `size` bytes of a little-endian 16-byte load,
// and MixWord's size term (one load where a shift and a copy were). Three
// arrays rather than an array of triples: one indexed load each, where a
// 24-byte stride took two address computations more per word.
struct WordMasks {
  uint64_t low[kShortWord + 1];
  uint64_t high[kShortWord + 1];
  uint64_t size[kShortWord + 1];
};
constexpr WordMasks MakeWordMasks() {
  WordMasks m{};
  for (size_t size = 0; size <= kShortWord; ++size) {
    m.size[size] = uint64_t{size} << 56;
    for (size_t b = 0; b < size; ++b) {
      (b < 8 ? m.low[size] : m.high[size]) |= uint64_t{0xFF} << (8 * (b % 8));
    }
  }
  return m;
}
constexpr WordMasks kWordMasks = MakeWordMasks();

// HashWord of s[0, size) without the copy: two loads and two masks, no
// branch on the size but the rare long word.
// REQUIRES: s[0, 16) readable.
inline uint64_t WordHashPadded(const char* s, size_t size,
                               const WordMix& mix = {}) {
  if (size > kShortWord) [[unlikely]] {
    return Xxh3(s, size, kWordSeed);
  }
  return MixSized(LoadLittle64(s) & kWordMasks.low[size],
                  (LoadLittle64(s + 8) & kWordMasks.high[size]) ^
                      kWordMasks.size[size],
                  mix);
}

// kWindowBase^k mod 2^64.
uint64_t WindowBasePower(size_t k) {
  uint64_t p = 1;
  for (size_t i = 0; i < k; ++i) p *= kWindowBase;
  return p;
}

// Word_Break classes of ASCII bytes as ICU assigns them (the tokenizer's
// table), plus kHigh for bytes >= 0x80.
enum ByteClass : uint8_t {
  kOther,
  kSpace,       // tab, LF, VT, FF, CR, space: piece separators
  kLetter,      // ALetter, which in ICU includes "@"
  kDigit,       // Numeric
  kUnderscore,  // ExtendNumLet
  kMidNumLet,   // "." and "'"
  kMidNum,      // "," and ";"
  kHigh,        // part of a non-ASCII character
};

constexpr std::array<ByteClass, 256> MakeByteClasses() {
  std::array<ByteClass, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kLetter;
  t['@'] = kLetter;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  t['_'] = kUnderscore;
  t['.'] = kMidNumLet;
  t['\''] = kMidNumLet;
  t[','] = kMidNum;
  t[';'] = kMidNum;
  for (char c : {'\t', '\n', '\v', '\f', '\r', ' '})
    t[static_cast<int>(c)] = kSpace;
  for (int c = 0x80; c < 0x100; ++c) t[c] = kHigh;
  return t;
}
constexpr std::array<ByteClass, 256> kByteClass = MakeByteClasses();

inline ByteClass ClassOf(char c) {
  return kByteClass[static_cast<uint8_t>(c)];
}
inline bool IsCore(ByteClass c) {
  return c == kLetter || c == kDigit || c == kUnderscore;
}
inline bool IsAsciiLetter(char c) {
  return static_cast<unsigned>((c | 0x20) - 'a') < 26u;
}

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x80 * kOnes;

// For each byte b of `low7` (high bits clear): the byte's high bit is set
// iff lo <= b <= hi. No carry crosses a byte. REQUIRES: 1 <= lo <= hi < 0x7F.
inline uint64_t InRange(uint64_t low7, uint8_t lo, uint8_t hi) {
  return (low7 + (0x80 - lo) * kOnes) & ~(low7 + (0x7F - hi) * kOnes);
}

// High bit of each byte of x set iff that byte is not a core byte (letter,
// "@", digit, "_").
inline uint64_t NonCoreBytes(uint64_t x) {
  const uint64_t low7 = x & ~kHighBits;
  const uint64_t core =
      InRange(low7 | 0x20 * kOnes, 'a', 'z') | InRange(low7, '0', '9') |
      InRange(low7, '@', '@') | InRange(low7, '_', '_');
  return ~(core & ~x) & kHighBits;
}

// End of the word run that starts with the core byte at s[i], inside the
// ASCII piece ending at `end` (ScanAscii's rule in tokenizer.cc). The class
// of the byte before a "." or "," is that of s[i - 1], as ScanAscii's `prev`.
// Runs of core bytes are skipped eight at a time where eight bytes remain.
inline size_t RunEnd(const char* s, size_t i, size_t end) {
  ++i;
  for (;;) {
    if (std::endian::native == std::endian::little && i + 8 <= end) {
      uint64_t x;
      std::memcpy(&x, s + i, 8);
      const uint64_t non_core = NonCoreBytes(x);
      if (non_core == 0) {
        i += 8;
        continue;
      }
      i += static_cast<size_t>(std::countr_zero(non_core)) / 8;
    } else {
      while (i < end && IsCore(ClassOf(s[i]))) ++i;  // WB5, WB8-WB10, WB13
    }
    if (i + 1 >= end) return i;
    const ByteClass cur = ClassOf(s[i]);
    if (cur == kMidNumLet || cur == kMidNum) {
      const ByteClass prev = ClassOf(s[i - 1]), next = ClassOf(s[i + 1]);
      const bool letters =
          cur == kMidNumLet && prev == kLetter && next == kLetter;  // WB6/7
      const bool digits = prev == kDigit && next == kDigit;         // WB11/12
      if (letters || digits) {
        i += 2;
        continue;
      }
    }
    return i;
  }
}

// "U.S", "e.g", "Ph.D" in ASCII: at least one ".", every part 1-2 letters.
bool IsShortPartAbbreviation(const char* s, size_t size) {
  int part = 0;
  bool dot = false;
  for (size_t i = 0; i < size; ++i) {
    if (s[i] == '.') {
      if (part == 0) return false;
      dot = true;
      part = 0;
    } else if (!IsAsciiLetter(s[i]) || ++part > 2) {
      return false;
    }
  }
  return dot && part > 0;
}

// The `width` bytes of the body s[0, n) at `at`, read in place, or, for
// the last partial chunk and the padding past the body, through `tail`
// (zero-filled: a zero byte is in no class).
inline const char* ChunkAt(const char* s, size_t n, size_t at, size_t width,
                           char* tail) {
  if (at + width <= n) return s + at;
  std::memset(tail, 0, width);
  if (at < n) std::memcpy(tail, s + at, n - at);
  return tail;
}

// The block-by-block part of Classify: records block b's core mask and,
// one block late, the previous block's slow mask. A joiner is slow when a
// core byte follows, which for the last byte of a block is the next
// block's first; Finish writes the last block's.
class SlowMasks {
 public:
  SlowMasks(uint64_t* core, uint64_t* slow) : core_(core), slow_(slow) {}
  void Block(size_t b, uint64_t core, uint64_t high, uint64_t join) {
    core_[b] = core;
    if (b > 0) {
      slow_[b - 1] =
          prev_high_ | (prev_join_ & ((prev_core_ >> 1) | (core << 63)));
    }
    prev_core_ = core;
    prev_join_ = join;
    prev_high_ = high;
  }
  void Finish(size_t blocks) {
    slow_[blocks - 1] = prev_high_ | (prev_join_ & (prev_core_ >> 1));
  }

 private:
  uint64_t* core_;
  uint64_t* slow_;
  uint64_t prev_core_ = 0, prev_join_ = 0, prev_high_ = 0;
};

// Classification, 16 bytes at a time where SSE2 is available. For the
// body s[0, n) padded with zero bytes to `blocks` 64-byte blocks, sets
// lowered[0, 64 * blocks) to the bytes with A-Z lower-cased, and one bit
// per byte in core[] (letter, "@", digit, "_") and slow[]: a byte >= 0x80
// (its piece goes to ICU), a "_" (a lone "_" is no word; rare in news, so
// the word loop need not test every word for it), or a ".", "'", "," or
// ";" followed by a core byte (a join, "U.S.", "1000's" may follow). A
// piece with no slow byte is plain runs of core bytes between other bytes,
// each run one word, and needs no rule.
void ClassifyBaseline(const char* s, size_t n, size_t blocks, char* lowered,
                      uint64_t* core, uint64_t* slow) {
  SlowMasks masks(core, slow);
  for (size_t b = 0; b < blocks; ++b) {
    uint64_t c = 0, h = 0, j = 0;
    for (size_t part = 0; part < 4; ++part) {
      const size_t at = b * 64 + part * 16;
      alignas(16) char tail[16];
      const char* bytes = ChunkAt(s, n, at, 16, tail);
      uint64_t core16 = 0, high16 = 0, join16 = 0;
#if defined(__SSE2__)
      const __m128i x =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
      auto range = [](__m128i v, char lo, char hi) {
        // Signed compares: bytes >= 0x80 are negative and never in range.
        return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(lo - 1)),
                             _mm_cmplt_epi8(v, _mm_set1_epi8(hi + 1)));
      };
      auto is = [](__m128i v, char ch) {
        return _mm_cmpeq_epi8(v, _mm_set1_epi8(ch));
      };
      const __m128i lower = _mm_or_si128(
          x, _mm_and_si128(range(x, 'A', 'Z'), _mm_set1_epi8(0x20)));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(lowered + at), lower);
      const __m128i is_underscore = is(x, '_');
      const __m128i is_core = _mm_or_si128(
          _mm_or_si128(range(lower, 'a', 'z'), range(x, '0', '9')),
          _mm_or_si128(is(x, '@'), is_underscore));
      const __m128i is_join =
          _mm_or_si128(_mm_or_si128(is(x, '.'), is(x, '\'')),
                       _mm_or_si128(is(x, ','), is(x, ';')));
      core16 = static_cast<uint32_t>(_mm_movemask_epi8(is_core));
      high16 = static_cast<uint32_t>(
          _mm_movemask_epi8(_mm_or_si128(x, is_underscore)));
      join16 = static_cast<uint32_t>(_mm_movemask_epi8(is_join));
#else
      for (int i = 0; i < 16; ++i) {
        const char ch = bytes[i];
        const ByteClass k = ClassOf(ch);
        lowered[at + i] = static_cast<char>(
            ch + (static_cast<unsigned>(ch - 'A') < 26u ? 'a' - 'A' : 0));
        core16 |= uint64_t{IsCore(k)} << i;
        high16 |= uint64_t{k == kHigh || k == kUnderscore} << i;
        join16 |= uint64_t{k == kMidNumLet || k == kMidNum} << i;
      }
#endif
      c |= core16 << (part * 16);
      h |= high16 << (part * 16);
      j |= join16 << (part * 16);
    }
    masks.Block(b, c, h, j);
  }
  masks.Finish(blocks);
}

#if defined(__x86_64__) && defined(__GNUC__)
// The byte classes as the AND of two 16-entry tables, one indexed by the
// low nibble and one by the high nibble (vpshufb looks up 32 bytes at
// once): the tokenizer's own tables (src/text/ascii_classes.h), whose
// core, join and letter bits are the word rules read here. Letters are
// lower-cased by setting 0x20 (which digits already have).
constexpr uint8_t kCoreBits = text::ascii::kNibCore;
constexpr uint8_t kJoinBits = text::ascii::kNibMid;
constexpr uint8_t kLetterBits = text::ascii::kNibLetter;
using text::ascii::kHighNibbleClasses;
using text::ascii::kLowNibbleClasses;

// ClassifyBaseline 32 bytes at a time, for processors with AVX2 (chosen at
// run time; the build targets plain x86-64): the classes from two table
// look-ups (above) instead of a dozen compares.
// Splat hides the value from the optimiser (an empty asm that "changes"
// the register): GCC otherwise rebuilt each constant inside the loop, a
// move and a broadcast per use, a third of the loop's instructions.
[[gnu::target("avx2")]] inline __m256i Splat(char c) {
  __m256i v = _mm256_set1_epi8(c);
  asm("" : "+x"(v));
  return v;
}
[[gnu::target("avx2")]] inline __m256i SplatTable(
    const std::array<uint8_t, 16>& t) {
  __m256i v = _mm256_broadcastsi128_si256(
      _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data())));
  asm("" : "+x"(v));
  return v;
}
[[gnu::target("avx2")]] void ClassifyAvx2(const char* s, size_t n,
                                          size_t blocks, char* lowered,
                                          uint64_t* core, uint64_t* slow) {
  const __m256i low_table = SplatTable(kLowNibbleClasses);
  const __m256i high_table = SplatTable(kHighNibbleClasses);
  const __m256i nibble = Splat(0x0F);
  const __m256i core_bits = Splat(static_cast<char>(kCoreBits));
  const __m256i join_bits = Splat(static_cast<char>(kJoinBits));
  const __m256i letter_bits = Splat(static_cast<char>(kLetterBits));
  const __m256i case_bit = Splat(0x20);
  const __m256i underscore = Splat('_');
  const __m256i zero = _mm256_setzero_si256();
  SlowMasks masks(core, slow);
  for (size_t b = 0; b < blocks; ++b) {
    uint64_t not_c = 0, h = 0, not_j = 0;
    for (size_t part = 0; part < 2; ++part) {
      const size_t at = b * 64 + part * 32;
      alignas(32) char tail[32];
      const char* bytes = ChunkAt(s, n, at, 32, tail);
      const __m256i x =
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes));
      // Bytes >= 0x80 index the tables with their high bit clear here
      // (the nibbles are masked), and rows 8-15 of the high table are 0.
      const __m256i bits = _mm256_and_si256(
          _mm256_shuffle_epi8(low_table, _mm256_and_si256(x, nibble)),
          _mm256_shuffle_epi8(
              high_table,
              _mm256_and_si256(_mm256_srli_epi16(x, 4), nibble)));
      const __m256i not_letter =
          _mm256_cmpeq_epi8(_mm256_and_si256(bits, letter_bits), zero);
      const __m256i lower =
          _mm256_or_si256(x, _mm256_andnot_si256(not_letter, case_bit));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(lowered + at), lower);
      const __m256i not_core =
          _mm256_cmpeq_epi8(_mm256_and_si256(bits, core_bits), zero);
      const __m256i not_join =
          _mm256_cmpeq_epi8(_mm256_and_si256(bits, join_bits), zero);
      const int shift = static_cast<int>(part * 32);
      not_c |= uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(not_core))}
               << shift;
      h |= uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(
               _mm256_or_si256(x, _mm256_cmpeq_epi8(x, underscore))))}
           << shift;
      not_j |= uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(not_join))}
               << shift;
    }
    masks.Block(b, ~not_c, h, ~not_j);
  }
  masks.Finish(blocks);
}

#endif

// Whether Classify may take the AVX2 path and AddRuns the BMI1 one
// (internal::UseAvx2ForTest).
bool avx2_allowed = true;

// ClassifyBaseline's result, by the widest path the processor has.
inline void Classify(const char* s, size_t n, size_t blocks, char* lowered,
                     uint64_t* core, uint64_t* slow) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (cpu::HasAvx2() && avx2_allowed) {
    ClassifyAvx2(s, n, blocks, lowered, core, slow);
    return;
  }
#endif
  ClassifyBaseline(s, n, blocks, lowered, core, slow);
}

// Position of the first set bit at or after `from`, or `end` if there is
// none before it. REQUIRES: bit `end` lies within the masks.
inline size_t NextSetBit(const uint64_t* bits, size_t from, size_t end) {
  size_t b = from / 64;
  uint64_t w = bits[b] & (~uint64_t{0} << (from % 64));
  const size_t last = end / 64;
  while (w == 0) {
    if (b >= last) return end;
    w = bits[++b];
  }
  return std::min(end, b * 64 + static_cast<size_t>(std::countr_zero(w)));
}

// std::countr_zero(x) as a 64-bit number, for x != 0. On x86-64 one
// instruction: GCC's countr_zero adds a zeroing of the result register
// and, as an int, a sign extension, three instructions per word in
// AddRuns. (tzcnt runs as bsf where BMI1 is absent, the same for x != 0.)
// REQUIRES: x != 0.
inline size_t LowestBit(uint64_t x) {
#if defined(__x86_64__) && defined(__GNUC__)
  uint64_t index;
  asm("tzcnt %1, %0" : "=r"(index) : "rm"(x) : "cc");
  return index;
#else
  return static_cast<size_t>(std::countr_zero(x));
#endif
}

// Bits [lo, hi) of a 64-bit word set. REQUIRES: lo <= hi <= 64.
inline uint64_t BitRange(size_t lo, size_t hi) {
  if (lo >= hi) return 0;  // also keeps the shift below 64 (lo = 64 is UB)
  const uint64_t below_hi = hi >= 64 ? ~uint64_t{0} : (uint64_t{1} << hi) - 1;
  return below_hi & (~uint64_t{0} << lo);
}

// Appends to hashes[count...] the word hash of every run of core bits that
// starts in [from, end); returns the new count. A block's run starts are its core bits whose left neighbour is
// not core, its run ends the non-core bits whose left neighbour is; the
// two masks are walked together, clearing the lowest bit of each per word,
// so that finding a word costs no search and no dependency on the last.
// REQUIRES: no run crosses `from` or `end`: from = 0 or byte `from` is
// white space (the byte before may end a run, which is not counted), and
// byte end - 1 is white space or end is the body's end (whose padding bits
// are clear); the lowered bytes of the padding are readable; no "_" in
// [from, end) (a slow byte: a lone "_" would be no word).
[[gnu::always_inline]] inline size_t AddRuns(const uint64_t* core,
                                              const char* low, size_t from,
                      size_t end, uint64_t* hashes, size_t count) {
  if (from >= end) return count;
  size_t pending = 0;  // start of a run still open at a block's end
  bool open = false;
  const size_t first = from / 64, last = end / 64;
  uint64_t carry = first > 0 ? core[first - 1] >> 63 : 0;
  const WordMix mix = OpaqueWordMix();
  for (size_t b = first; b <= last; ++b) {
    const uint64_t c = core[b];
    const uint64_t left = (c << 1) | carry;  // bit i: byte i - 1 is core
    carry = c >> 63;
    const size_t base = 64 * b;
    // Starts in [from, end), ends in (from, end]: only the first and the
    // last block can hold bits outside.
    uint64_t starts = c & ~left;
    uint64_t ends = ~c & left;
    if (b == first || b == last) {
      starts &= BitRange(from > base ? from - base : 0,
                         std::min<size_t>(64, end - base));
      ends &= BitRange(from >= base ? std::min<size_t>(64, from - base + 1) : 0,
                       std::min<size_t>(64, end - base + 1));
    }
    auto add = [&](size_t start, size_t stop) {
      hashes[count++] = WordHashPadded(low + start, stop - start, mix);
    };
    if (open) {
      if (ends == 0) continue;  // a run longer than the block
      add(pending, base + LowestBit(ends));
      ends &= ends - 1;
      open = false;
    }
    // Opaque, so that GCC keeps the block's address in a register instead
    // of adding low and base to every word's offset (one add a word).
    const char* block = low + base;
    asm("" : "+r"(block));
    // Every end left belongs to a start in this block (runs alternate),
    // so the loop runs on the ends alone: testing both masks per word
    // cost a compare and a branch more.
    while (ends != 0) {
      const size_t start = LowestBit(starts);
      starts &= starts - 1;
      const size_t stop = LowestBit(ends);
      ends &= ends - 1;
      hashes[count++] = WordHashPadded(block + start, stop - start, mix);
    }
    if (starts != 0) {  // the block's last run goes on into the next
      pending = base + LowestBit(starts);
      open = true;
    }
  }
  return count;
}

#if defined(__x86_64__) && defined(__GNUC__)
// AddRuns compiled for BMI1, chosen at run time: clearing the lowest set
// bit of the start and end masks is one blsr each, where plain x86-64
// takes a subtraction and an and (two instructions a word).
[[gnu::target("bmi")]] size_t AddRunsBmi(const uint64_t* core, const char* low,
                                         size_t from, size_t end,
                                         uint64_t* hashes, size_t count) {
  return AddRuns(core, low, from, end, hashes, count);
}

#endif

// AddRuns by the best path the processor has.
inline size_t AddRunsDispatch(const uint64_t* core, const char* low,
                              size_t from, size_t end, uint64_t* hashes,
                              size_t count) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (cpu::HasBmi() && avx2_allowed) {
    return AddRunsBmi(core, low, from, end, hashes, count);
  }
#endif
  return AddRuns(core, low, from, end, hashes, count);
}

// The fingerprint of the word hashes: XXH3 over their bytes, never 0
// (Hash64 takes xxHash's AVX2 accumulator for this long input where the
// processor has it: eight bytes per word, otherwise a sixth of
// ShingleToMinHash's instructions).
uint64_t ExactOf(std::span<const uint64_t> words) {
  if (words.empty()) return 0;
  const uint64_t exact =
      Hash64(std::string_view(reinterpret_cast<const char*>(words.data()),
                              words.size() * sizeof(uint64_t)),
             kExactSeed);
  return exact == 0 ? 1 : exact;
}

// Calls emit(i, P_i) for every window i of the word hashes, in order (the
// fast path's only window rule, whichever result it fills; the reference
// computes windows its own way). Window i's polynomial
// P_i = sum_j w[i+j] B^(k-1-j) rolls forward as
// P_{i+1} = P_i B - w[i] B^k + w[i+k]: two multiplies a shingle instead of
// hashing 8k bytes. A body of fewer than k words is one window of all.
// REQUIRES: !words.empty(); base_power_k = B^k.
template <typename Emit>
inline void RollWindows(std::span<const uint64_t> words, size_t k,
                        uint64_t base_power_k, Emit emit) {
  const size_t window = std::min(k, words.size());
  uint64_t p = 0;
  for (size_t j = 0; j < window; ++j) p = p * kWindowBase + words[j];
  const size_t n = words.size() - window + 1;
  emit(size_t{0}, p);
#pragma GCC unroll 4
  for (size_t i = 1; i < n; ++i) {
    // Grouped so that the chain from window to window is one multiply and
    // one add (the rest does not wait for p).
    p = p * kWindowBase + (words[i + k - 1] - words[i - 1] * base_power_k);
    emit(i, p);
  }
}

}  // namespace

Shingler::Shingler(const ShingleOptions& options) : options_(options) {
  if (options_.words < 1) options_.words = 1;
  base_power_k_ = WindowBasePower(static_cast<size_t>(options_.words));
}

void Shingler::AddFolded(std::string_view folded) {
  if (words_.size() <= word_count_) words_.resize(2 * word_count_ + 16);
  words_[word_count_++] = HashWord(folded);
}

void Shingler::AddTokenized(std::string_view stretch) {
  text::Tokenize(stretch, &tokens_);
  for (const text::Token& t : tokens_) {
    if (!t.norm.empty()) AddFolded(t.norm);
  }
}

size_t Shingler::ScanPieceSlowly(std::string_view body, size_t piece_begin) {
  const char* s = body.data();
  const size_t n = body.size();
  const char* low = lowered_.data();
  uint64_t* hashes = words_.data();
  const size_t count_before = word_count_;
  size_t count = word_count_;
  size_t pos = piece_begin;
  // Scan the piece as ASCII; undo it if a non-ASCII byte turns up.
  bool ascii = true;
  while (pos < n) {
    const ByteClass c = ClassOf(s[pos]);
    if (c == kSpace) break;
    if (c == kHigh) {
      ascii = false;
      break;
    }
    if (!IsCore(c)) {  // punctuation: one token, not a word
      ++pos;
      continue;
    }
    const size_t start = pos;
    pos = RunEnd(s, pos, n);
    if (pos - start == 1 && s[start] == '_') continue;  // ICU: not a word
    size_t stop = pos;
    if (c == kDigit) {
      // "1000" "'" "s" -> "1000's" when the "s" is a whole run.
      if (pos + 1 < n && s[pos] == '\'' && (s[pos + 1] | 0x20) == 's' &&
          RunEnd(s, pos + 1, n) == pos + 2) {
        stop = pos + 2;
      }
    } else if (pos < n && s[pos] == '.' &&
               IsShortPartAbbreviation(s + start, pos - start)) {
      stop = pos + 1;  // "U.S" "." -> "U.S."
    }
    hashes[count++] = WordHashPadded(low + start, stop - start);
    pos = stop;
  }
  word_count_ = count;
  if (ascii) return pos;
  // As the tokenizer does: this piece and the following non-ASCII pieces
  // form a stretch, which goes to ICU with the white space in front of it.
  word_count_ = count_before;
  size_t space_begin = piece_begin;
  while (space_begin > 0 && ClassOf(s[space_begin - 1]) == kSpace) {
    --space_begin;
  }
  size_t stretch_end = piece_begin;
  for (;;) {
    size_t q = stretch_end;
    while (q < n && ClassOf(s[q]) == kSpace) ++q;
    if (q >= n) break;
    bool high = false;
    size_t r = q;
    for (ByteClass c; r < n && (c = ClassOf(s[r])) != kSpace; ++r) {
      high |= c == kHigh;
    }
    if (!high) break;
    stretch_end = r;
  }
  // ICU's words take at least a byte each too, so words_ keeps its
  // one-word-per-byte bound (AddFolded would grow it otherwise).
  AddTokenized(body.substr(space_begin, stretch_end - space_begin));
  return stretch_end;
}

[[gnu::flatten]] std::span<const uint64_t> Shingler::ScanWords(
    std::string_view body) {
  const char* s = body.data();
  const size_t n = body.size();
  // Pure ASCII gives at most one word per byte; the non-ASCII path grows
  // the buffer itself.
  if (words_.size() < n + 1) words_.resize(n + 1);
  // One bit per byte, in 64-byte blocks, and at least one block of
  // padding past the body (zero bytes: no class), so that every run and
  // every search ends inside the masks. lowered_ has 16 more bytes of
  // slack so that every word can be loaded as two whole words
  // (WordHashPadded).
  const size_t blocks = n / 64 + 2;
  if (masks_.size() < 2 * blocks) masks_.resize(2 * blocks);
  if (lowered_.size() < 64 * blocks + kShortWord) {
    lowered_.resize(64 * blocks + kShortWord);
  }
  uint64_t* core = masks_.data();
  uint64_t* slow = core + blocks;
  Classify(s, n, blocks, lowered_.data(), core, slow);
  const char* low = lowered_.data();
  word_count_ = 0;
  size_t pos = 0;
  for (;;) {
    // Every piece before the one holding the next slow byte is plain core
    // runs between other bytes: one word per run.
    const size_t slow_at = NextSetBit(slow, pos, n);
    size_t piece = slow_at;
    if (slow_at < n) {
      while (piece > pos && ClassOf(s[piece - 1]) != kSpace) --piece;
    }
    word_count_ =
        AddRunsDispatch(core, low, pos, piece, words_.data(), word_count_);
    if (slow_at >= n) break;
    pos = ScanPieceSlowly(body, piece);
  }
  return {words_.data(), word_count_};
}

void Shingler::Shingle(std::string_view body, Shingles* out) {
  const std::span<const uint64_t> words = ScanWords(body);
  out->hashes.clear();
  out->words = static_cast<uint32_t>(words.size());
  out->exact = ExactOf(words);
  if (words.empty()) return;
  const size_t k = static_cast<size_t>(options_.words);
  out->hashes.resize(words.size() - std::min(k, words.size()) + 1);
  uint64_t* dst = out->hashes.data();
  RollWindows(words, k, base_power_k_,
              [dst](size_t i, uint64_t p) { dst[i] = p; });
}

void Shingler::ShingleToMinHash(std::string_view body,
                                const MinHashOptions& minhash_options,
                                Shingles* out, MinHashSignature* minhash) {
  const std::span<const uint64_t> words = ScanWords(body);
  out->hashes.clear();
  out->words = static_cast<uint32_t>(words.size());
  out->exact = ExactOf(words);
  StartMinHash(minhash);
  // The same windows as RollWindows, rolled and mixed four at a time in
  // one loop (the windows were rolled into a scratch array, then mixed
  // from there: folded in one by one, each shingle cost a third more).
  AddWindowsToMinHash(words, static_cast<size_t>(options_.words), kWindowBase,
                      minhash_options, minhash);
  FinishMinHash(minhash_options, minhash);
}

namespace internal {

uint64_t WordHash(std::string_view word) { return HashWord(word); }

void UseAvx2ForTest(bool use) { avx2_allowed = use; }

void ShingleByTokens(std::string_view body, const ShingleOptions& options,
                     Shingles* out) {
  // The definition written out plainly: tokens; each word's bytes copied
  // into a zeroed 16-byte block (or, when longer, the library's XXH3); each
  // window's polynomial evaluated afresh by Horner's rule; the fingerprint
  // through Hash64. MixWord and Hash64 are all it shares with the fast
  // path (Hash64 is held to xxHash's published values by hash_test.cc).
  std::vector<text::Token> tokens;
  text::Tokenize(body, &tokens);
  std::vector<uint64_t> words;
  for (const text::Token& t : tokens) {
    if (t.norm.empty()) continue;
    if (t.norm.size() > kShortWord) {
      words.push_back(Hash64(t.norm, kWordSeed));
      continue;
    }
    unsigned char block[kShortWord] = {};
    std::copy(t.norm.begin(), t.norm.end(), block);
    uint64_t half[2] = {0, 0};
    for (size_t b = 0; b < kShortWord; ++b) {
      half[b / 8] |= uint64_t{block[b]} << (8 * (b % 8));
    }
    words.push_back(MixWord(half[0], half[1], t.norm.size()));
  }
  out->hashes.clear();
  out->words = static_cast<uint32_t>(words.size());
  out->exact = 0;
  if (words.empty()) return;
  out->exact = Hash64(
      std::string_view(reinterpret_cast<const char*>(words.data()),
                       words.size() * sizeof(uint64_t)),
      kExactSeed);
  if (out->exact == 0) out->exact = 1;
  const size_t k = std::min(static_cast<size_t>(std::max(options.words, 1)),
                            words.size());
  for (size_t i = 0; i + k <= words.size(); ++i) {
    uint64_t p = 0;
    for (size_t j = 0; j < k; ++j) p = p * kWindowBase + words[i + j];
    out->hashes.push_back(p);
  }
}

}  // namespace internal
double ExactJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  std::vector<uint64_t> x(a.begin(), a.end()), y(b.begin(), b.end());
  std::sort(x.begin(), x.end());
  x.erase(std::unique(x.begin(), x.end()), x.end());
  std::sort(y.begin(), y.end());
  y.erase(std::unique(y.begin(), y.end()), y.end());
  if (x.empty() && y.empty()) return 0;
  size_t common = 0;
  for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i] < y[j]) {
      ++i;
    } else if (y[j] < x[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(common) /
         static_cast<double>(x.size() + y.size() - common);
}

}  // namespace concord::sketch
