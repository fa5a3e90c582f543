// Text-level extraction: chrome, headings, captions and credits by rule.
//
// Scraped text keeps the furniture of the page it came from: "skip to main
// content", newsletter promos, an image caption printed twice (once as alt
// text, once as caption), an aggregator's "Credited from: X" line. Readers of
// the body (clustering, alignment, fact extraction) must not see these, and
// the report should show them for what they are. Each line is classified in
// one pass, by general rules that hold across sites and outlets:
//
//   chrome    the whole line is a navigation label ("Skip to main content",
//             "Advertisement"), or a short line carries promo language
//             ("delivered to your inbox", "sign up for"), or a short
//             unpunctuated line stands right next to such a promo (its
//             header: "Get daily national news").
//   credit    a short line that opens with an attribution formula
//             ("Credited from:", "Source:", "Courtesy of", "Reporting by");
//             the value goes to ArticleContent::credits.
//   caption   photo-agency or file-image markers, or a line that the page
//             printed twice in a row (kept once).
//   headline  the first content line when it is short and unpunctuated, or
//             equal to the title the metadata gives.
//   heading   a later short line without closing punctuation.
//   paragraph everything else: the body.
//
// Hard-wrapped text (most lines end mid-sentence) is first rejoined into
// blank-line-separated paragraphs, so that wrapped lines are not taken for
// headings. A line repeated later in the text (not adjacent) is kept once.
//
// Cost: O(bytes). Each unit is read once by SIMD (SignatureInto: SSE2, or
// AVX2 where the processor has it), which makes its signature and, on the
// way, counts its words and notes whether it may hold a caption marker;
// the rules then look only at what that pass left them (the spaces around
// which a promo phrase could sit, the "(" and ":" bytes, an "image"). An
// article allocates its blocks, body and credits; the rest is scratch
// kept per thread. Tested by text_chrome_test.cc (golden table of lines,
// whole invented articles, and the SIMD paths against byte-at-a-time
// references on generated lines).
#include "src/extract/text_chrome.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "src/base/bits.h"
#include "src/base/cpu.h"
#include "src/base/hash.h"
#include "src/base/u64_set.h"

namespace concord::extract {
namespace {

std::string_view Trim(std::string_view s) {
  auto is_space = [](unsigned char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
  };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  // U+00A0 (C2 A0) at either end.
  while (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
  while (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
    s.remove_suffix(2);
  }
  return s;
}

// ASCII lower case with typographic apostrophes and quotes made plain, for
// matching the pattern tables below. Replaces *out (a reused buffer).
void FoldInto(std::string_view s, std::string* out) {
  // Written through a pointer into a buffer sized for the worst case (the
  // fold is never longer than the line), as in SignatureInto below.
  out->resize(s.size());
  char* const begin = out->data();
  char* w = begin;
  const size_t n = s.size();
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = s[i];
    if (c == 0xE2 && i + 2 < n &&
        static_cast<unsigned char>(s[i + 1]) == 0x80) {
      const unsigned char d = s[i + 2];
      char plain = 0;
      if (d == 0x98 || d == 0x99) plain = '\'';  // ‘ ’
      if (d == 0x9C || d == 0x9D) plain = '"';   // “ ”
      if (d == 0x93 || d == 0x94) plain = '-';   // – —
      if (plain != 0) {
        *w++ = plain;
        i += 2;
        continue;
      }
    }
    *w++ = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32)
                                : static_cast<char>(c);
  }
  out->resize(static_cast<size_t>(w - begin));
}

std::string Fold(std::string_view s) {
  std::string out;
  FoldInto(s, &out);
  return out;
}

// Letters and digits only, lower case, single spaces: two lines that differ
// only in punctuation, case or spacing compare equal. Bytes of non-ASCII
// characters are kept as they are, except typographic punctuation
// (U+2010..U+201F), which separates like ASCII punctuation.
// What each byte becomes in a signature: itself lower-cased, or 0 for a
// separator. 0xE2 is kept (it starts many characters) and checked below.
constexpr std::array<char, 256> kSignatureByte = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80) {
      t[c] = static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      t[c] = static_cast<char>(c + 32);
    }
  }
  return t;
}();

// kSignatureByte without 0xE2: the bytes a word run copies as they are.
constexpr std::array<char, 256> kSignatureRunByte = [] {
  std::array<char, 256> t = kSignatureByte;
  t[0xE2] = 0;
  return t;
}();

// A signature, built in a buffer reused from line to line that never
// shrinks: once it has grown, a line costs no allocation and no zero-fill.
// kSlack bytes past the signature are always there, for the 16-byte stores
// of SignatureInto() to run past its end (it asserts the 1 + 15 it needs).
class SignatureBuffer {
 public:
  static constexpr size_t kSlack = 96;

  std::string_view view() const { return {buf_.data(), size_}; }
  bool empty() const { return size_ == 0; }

  // Storage for a signature of up to `n` bytes and kSlack more.
  char* Reserve(size_t n) {
    if (buf_.size() < n + kSlack) {
      buf_.resize(std::max(n + kSlack, 2 * buf_.size()));
    }
    return buf_.data();
  }
  // REQUIRES: n <= the `n` of the last Reserve().
  void SetSize(size_t n) { size_ = n; }

  // Frees the storage when it holds more than `max_bytes` (grown by one
  // long line), so that a thread's scratch does not keep it for good.
  void Release(size_t max_bytes) {
    if (buf_.size() + mapped.size() + masks.size() * sizeof(uint64_t) >
        max_bytes) {
      *this = SignatureBuffer();
    }
  }

  // What SignatureInto() noticed of the line on its way, for the caption
  // markers (HasCaptionMarkerIn): false only when the line holds no
  // "image" in any case, and no "(" or ":" byte, respectively.
  bool may_hold_image = true;
  bool may_hold_paren_or_colon = true;
  // The line's words (runs of bytes other than ' ' and '\t', as
  // WordCount() counts them) when the SIMD path made the signature; -1
  // when it did not count them.
  int64_t words = -1;

  // Scratch of SignatureInto(): the line's bytes mapped (letters lowered,
  // separators ' '), block by block, and each block's masks.
  std::string mapped;
  std::vector<uint64_t> masks;

 private:
  std::string buf_;
  size_t size_ = 0;
};

// SignatureInto() a byte at a time, for any line.
void SignatureIntoBytes(std::string_view s, SignatureBuffer* out) {
  // Written through a pointer into a buffer sized for the worst case (the
  // signature is never longer than the line): no per-byte push_back. Word
  // runs (bytes kept as they are, lower-cased) are copied by a tight inner
  // loop; separators and 0xE2 sequences are looked at between runs.
  char* const begin = out->Reserve(s.size());
  char* w = begin;
  bool space = false;
  const auto* const bytes = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = bytes[i];
    const char mapped = kSignatureByte[c];
    if (mapped == 0) {
      space = true;
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 &&
        bytes[i + 2] <= 0x9F) {
      space = true;  // U+2010..U+201F: typographic punctuation
      i += 3;
      continue;
    }
    if (space && w != begin) *w++ = ' ';
    space = false;
    *w++ = mapped;
    ++i;
    // The rest of the run.
    char m;
    while (i < n && (m = kSignatureRunByte[bytes[i]]) != 0) {
      *w++ = m;
      ++i;
    }
  }
  out->SetSize(static_cast<size_t>(w - begin));
  // A line holds "image" in any case exactly when its signature does: the
  // signature keeps the letters, lowered, and puts a space between any two
  // that a separator parted.
  out->may_hold_image = out->view().find("image") != std::string_view::npos;
  out->may_hold_paren_or_colon = true;
  out->words = -1;
}

#if defined(__SSE2__)
// Bytes b of `v` with lo <= b < lo + span (unsigned; span <= 128): 0xFF
// where in range. The range is moved to the bottom of the signed bytes
// (-128...) and compared there, in two steps.
inline __m128i InRange(__m128i v, unsigned char lo, unsigned char span) {
  const __m128i moved =
      _mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(0x80 - lo)));
  return _mm_cmpgt_epi8(_mm_set1_epi8(static_cast<char>(0x80 + span)), moved);
}

// Copies `n` bytes from `from` to `to` in 16-byte pieces: up to 15 bytes
// past both ends are read and written.
inline void CopyPieces(char* to, const char* from, size_t n) {
  for (size_t j = 0; j < n; j += 16) {
    _mm_storeu_si128(
        reinterpret_cast<__m128i*>(to + j),
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + j)));
  }
}

// Whether `s` has "image" (in any case) with its 'g' at offset g.
bool ImageEndsAt(std::string_view s, size_t g) {
  if (g < 3 || g + 1 >= s.size()) return false;
  for (size_t k = 0; k < 5; ++k) {
    const unsigned char c = s[g - 3 + k];
    if ((c | 0x20) != "image"[k]) return false;
  }
  return true;
}

// What ClassifyBlocks*() make of a line, 64 bytes (a block) at a time:
// `mapped` gets the bytes with A-Z lowered and every separator ' ' (the
// last block padded with separators, 16 bytes of slack after it), and
// `masks` three words a block: the kept bytes (digits, letters, bytes >=
// 0x80), the 'i' and the 'g' bytes (either case). Both return false, and
// stop, at a block holding a 0xE2 byte (typographic punctuation: see
// SignatureIntoBytes()); else *paren_or_colon says whether the line holds
// a "(" or ":" byte, and *words how many words it has (as WordCount()
// counts them: a word starts at each byte other than ' ' and '\t' after
// one of them or at the start).
constexpr size_t kMasksPerBlock = 3;

// The word starts among the 64 bytes of a block whose ' ' and '\t' bytes
// are `space`; `space_before` is 1 when the byte before the block is one
// (or the block starts the line), and `valid` masks off the padding.
inline uint64_t WordStarts(uint64_t space, uint64_t space_before,
                           uint64_t valid) {
  return WordStartsIn64(space, space_before) & valid;
}

// Bytes of a block that are the line's: all but the last block's padding.
inline uint64_t ValidBytes(std::string_view s, size_t base) {
  const size_t len = std::min<size_t>(64, s.size() - base);
  return len == 64 ? ~uint64_t{0} : (uint64_t{1} << len) - 1;
}

// The last partial block of `s` at `base`, padded with NUL (a separator).
const char* BlockAt(std::string_view s, size_t base, char* tail) {
  const size_t len = std::min<size_t>(64, s.size() - base);
  if (len == 64) return s.data() + base;
  std::memset(tail, 0, 64);
  std::memcpy(tail, s.data() + base, len);
  return tail;
}

// One block's classes, as a classifier below finds them (bit j for byte
// j of the block), the block written into `mapped` as it goes.
struct BlockClasses {
  uint64_t keep = 0, at_i = 0, at_g = 0, space = 0;
  bool e2 = false;              // a 0xE2 byte
  bool paren_or_colon = false;  // a '(' or ':' byte
};

// The block loop of both paths: `classify(block, mapped)` classifies a
// block's 64 bytes and maps them into `mapped`; Classify::Count counts a
// mask's bits. Inlined into each path's entry (which may target AVX2).
template <typename Classify>
[[gnu::always_inline]] inline bool ClassifyBlocksWith(
    std::string_view s, char* mapped, uint64_t* masks, bool* paren_or_colon,
    int64_t* words, const Classify& classify) {
  alignas(32) char tail[64];
  uint64_t space_before = 1;
  int64_t starts = 0;
  bool pc = false;
  for (size_t base = 0; base < s.size(); base += 64) {
    const BlockClasses c = classify(BlockAt(s, base, tail), mapped + base);
    if (c.e2) return false;
    pc |= c.paren_or_colon;
    uint64_t* const m = masks + base / 64 * kMasksPerBlock;
    m[0] = c.keep;
    m[1] = c.at_i;
    m[2] = c.at_g;
    starts += Classify::Count(
        WordStarts(c.space, space_before, ValidBytes(s, base)));
    space_before = c.space >> 63;
  }
  *paren_or_colon = pc;
  *words = starts;
  return true;
}

// A block 16 bytes at a time (SSE2, every x86-64 processor).
struct ClassifyBlockSse2 {
  static int Count(uint64_t x) { return BitsIn64(x); }

  BlockClasses operator()(const char* p, char* mapped) const {
    BlockClasses c;
    __m128i e2 = _mm_setzero_si128(), pc = _mm_setzero_si128();
    for (int k = 0; k < 4; ++k) {
      const __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
      // Letters of either case are the bytes that OR 0x20 makes a-z; OR
      // 0x20 lowers them (and leaves a-z alone).
      const __m128i letter =
          InRange(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26);
      const __m128i kept = _mm_or_si128(
          letter, _mm_or_si128(InRange(v, '0', 10),
                               _mm_cmplt_epi8(v, _mm_setzero_si128())));
      e2 = _mm_or_si128(e2, _mm_cmpeq_epi8(v, _mm_set1_epi8('\xE2')));
      pc =
          _mm_or_si128(pc, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('(')),
                                        _mm_cmpeq_epi8(v, _mm_set1_epi8(':'))));
      const auto bits = [](__m128i m) {
        return static_cast<uint64_t>(
            static_cast<uint32_t>(_mm_movemask_epi8(m)));
      };
      const __m128i lowered =
          _mm_or_si128(v, _mm_and_si128(letter, _mm_set1_epi8(0x20)));
      c.keep |= bits(kept) << (16 * k);
      c.at_i |= bits(_mm_cmpeq_epi8(lowered, _mm_set1_epi8('i'))) << (16 * k);
      c.at_g |= bits(_mm_cmpeq_epi8(lowered, _mm_set1_epi8('g'))) << (16 * k);
      c.space |= bits(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                                   _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))))
                 << (16 * k);
      // Kept bytes lowered, separators ' ' (every kept byte is above it).
      _mm_storeu_si128(
          reinterpret_cast<__m128i*>(mapped + 16 * k),
          _mm_max_epu8(_mm_and_si128(kept, lowered), _mm_set1_epi8(' ')));
    }
    c.e2 = _mm_movemask_epi8(e2) != 0;
    c.paren_or_colon = _mm_movemask_epi8(pc) != 0;
    return c;
  }
};

bool ClassifyBlocksSse2(std::string_view s, char* mapped, uint64_t* masks,
                        bool* paren_or_colon, int64_t* words) {
  return ClassifyBlocksWith(s, mapped, masks, paren_or_colon, words,
                            ClassifyBlockSse2());
}

#if defined(__x86_64__) && defined(__GNUC__)
// A constant in a register, hidden from the optimiser (an empty asm that
// "changes" it): GCC otherwise rebuilds each constant inside the loop (as
// shingles.cc found).
[[gnu::target("avx2")]] inline __m256i Splat(char c) {
  __m256i v = _mm256_set1_epi8(c);
  asm("" : "+x"(v));
  return v;
}

// The top bits of the 32 bytes of `m`.
[[gnu::target("avx2")]] inline uint64_t Bits(__m256i m) {
  return static_cast<uint32_t>(_mm256_movemask_epi8(m));
}

// ClassifyBlockSse2 32 bytes at a time, for processors with AVX2 (chosen
// at run time; the build targets plain x86-64), its constants made once
// per line.
struct ClassifyBlockAvx2 {
  [[gnu::target("popcnt")]] static int Count(uint64_t x) {
    return __builtin_popcountll(x);
  }

  [[gnu::target("avx2")]] ClassifyBlockAvx2()
      : case_bit(Splat(0x20)),
        letter_shift(Splat(static_cast<char>(0x80 - 'a'))),
        letter_end(Splat(static_cast<char>(0x80 + 26))),
        digit_shift(Splat(static_cast<char>(0x80 - '0'))),
        digit_end(Splat(static_cast<char>(0x80 + 10))),
        space(Splat(' ')),
        e2_byte(Splat('\xE2')),
        paren(Splat('(')),
        colon(Splat(':')),
        i_byte(Splat('i')),
        g_byte(Splat('g')),
        tab(Splat('\t')),
        zero(_mm256_setzero_si256()) {}

  [[gnu::target("avx2")]] BlockClasses operator()(const char* p,
                                                  char* mapped) const {
    BlockClasses c;
    __m256i e2 = zero, pc = zero;
    for (int k = 0; k < 2; ++k) {
      const __m256i v =
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * k));
      // As in ClassifyBlockSse2; InRange() written out.
      const __m256i letter = _mm256_cmpgt_epi8(
          letter_end,
          _mm256_add_epi8(_mm256_or_si256(v, case_bit), letter_shift));
      const __m256i digit =
          _mm256_cmpgt_epi8(digit_end, _mm256_add_epi8(v, digit_shift));
      const __m256i kept = _mm256_or_si256(
          letter, _mm256_or_si256(digit, _mm256_cmpgt_epi8(zero, v)));
      e2 = _mm256_or_si256(e2, _mm256_cmpeq_epi8(v, e2_byte));
      pc = _mm256_or_si256(pc, _mm256_or_si256(_mm256_cmpeq_epi8(v, paren),
                                               _mm256_cmpeq_epi8(v, colon)));
      const __m256i lowered =
          _mm256_or_si256(v, _mm256_and_si256(letter, case_bit));
      c.keep |= Bits(kept) << (32 * k);
      c.at_i |= Bits(_mm256_cmpeq_epi8(lowered, i_byte)) << (32 * k);
      c.at_g |= Bits(_mm256_cmpeq_epi8(lowered, g_byte)) << (32 * k);
      c.space |= Bits(_mm256_or_si256(_mm256_cmpeq_epi8(v, space),
                                      _mm256_cmpeq_epi8(v, tab)))
                 << (32 * k);
      _mm256_storeu_si256(
          reinterpret_cast<__m256i*>(mapped + 32 * k),
          _mm256_max_epu8(_mm256_and_si256(kept, lowered), space));
    }
    c.e2 = _mm256_movemask_epi8(e2) != 0;
    c.paren_or_colon = _mm256_movemask_epi8(pc) != 0;
    return c;
  }

  __m256i case_bit, letter_shift, letter_end, digit_shift, digit_end, space,
      e2_byte, paren, colon, i_byte, g_byte, tab, zero;
};

[[gnu::target("avx2,popcnt"), gnu::flatten]] bool ClassifyBlocksAvx2(
    std::string_view s, char* mapped, uint64_t* masks, bool* paren_or_colon,
    int64_t* words) {
  return ClassifyBlocksWith(s, mapped, masks, paren_or_colon, words,
                            ClassifyBlockAvx2());
}

#endif
#endif  // __SSE2__

// Whether SignatureInto() may take the AVX2 path
// (internal::UseAvx2InSignaturesForTest).
bool signature_avx2_allowed = true;


#if defined(__SSE2__)
// ClassifyBlocks*() by the widest path the processor has.
bool ClassifyBlocks(std::string_view s, char* mapped, uint64_t* masks,
                    bool* paren_or_colon, int64_t* words) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (cpu::HasAvx2() && cpu::HasPopcnt() && signature_avx2_allowed) {
    return ClassifyBlocksAvx2(s, mapped, masks, paren_or_colon, words);
  }
#endif
  return ClassifyBlocksSse2(s, mapped, masks, paren_or_colon, words);
}
#endif

// The signature of `s` into *out. Lines without a 0xE2 byte (no
// typographic punctuation) are classified 64 bytes at a time by SIMD
// (SSE2, or AVX2 where the processor has it): a mask of the kept bytes
// (digits, letters, bytes >= 0x80) and a copy with A-Z lowered and every
// separator a space. The signature is that copy without the separators
// that follow a separator (nor those before the first kept byte, nor the
// one space a line may end with): a mask says which bytes stay, and each
// run of bytes that stay (in prose, the text between two ", " or ". ") is
// copied 16 bytes at a time, so a block costs a few steps per run rather
// than one per byte or per 8-byte group. On the way, masks of the 'i' and
// 'g' bytes (either case) find where an "image" may be (an 'i' 3 bytes
// before a 'g': rare, then checked), and the "(" and ":" bytes are noted;
// the caption rule needs both, and a second pass over the line for them
// cost half as much as this one. Other lines take SignatureIntoBytes().
void SignatureInto(std::string_view s, SignatureBuffer* out) {
#if defined(__SSE2__)
  const size_t n = s.size();
  const size_t blocks = (n + 63) / 64;
  // The mapped copy: whole blocks, and 16 bytes past the last for the
  // copies of runs that end in it to read.
  if (out->mapped.size() < blocks * 64 + 16) {
    out->mapped.resize(std::max(blocks * 64 + 16, 2 * out->mapped.size()));
  }
  if (out->masks.size() < blocks * kMasksPerBlock) {
    out->masks.resize(std::max(blocks * kMasksPerBlock, 2 * out->masks.size()));
  }
  char* const mapped = out->mapped.data();
  const uint64_t* const masks = out->masks.data();
  bool paren_or_colon = false;
  int64_t words = 0;
  if (!ClassifyBlocks(s, mapped, out->masks.data(), &paren_or_colon, &words)) {
    return SignatureIntoBytes(s, out);
  }
  // Room for the signature (at most n + 1 bytes: a line's last kept byte
  // may be followed by a separator, the tail's NUL padding) and the 16-byte
  // copies' overrun (within the buffer's slack).
  static_assert(SignatureBuffer::kSlack >= 1 + 15);
  char* const begin = out->Reserve(n);
  char* w = begin;
  uint64_t kept_before = 0;  // bit 63: the byte before the block is kept
  uint64_t i_before = 0;     // bits 61..63: 'i' bytes ending the last block
  bool image = false;
  for (size_t b = 0; b < blocks; ++b) {
    const uint64_t keep = masks[b * kMasksPerBlock];
    const uint64_t at_i = masks[b * kMasksPerBlock + 1];
    const uint64_t at_g = masks[b * kMasksPerBlock + 2];
    // A 'g' 3 bytes after an 'i' (in this block or the last one).
    for (uint64_t g = at_g & (at_i << 3 | i_before >> 61); !image && g != 0;
         g &= g - 1) {
      image = ImageEndsAt(s, b * 64 + __builtin_ctzll(g));
    }
    i_before = at_i;
    // Kept bytes, and the first separator after a kept byte.
    uint64_t stay = keep | (~keep & (keep << 1 | kept_before >> 63));
    kept_before = keep;
    // Each run of set bits: adding its lowest bit carries through it, to
    // the first clear bit above (0 when the run reaches bit 63).
    const char* const block = mapped + b * 64;
    while (stay != 0) {
      const int start = __builtin_ctzll(stay);
      const uint64_t above = stay + (stay & (~stay + 1));
      const int end = above == 0 ? 64 : __builtin_ctzll(above);
      CopyPieces(w, block + start, static_cast<size_t>(end - start));
      w += end - start;
      stay &= above;
    }
  }
  if (w != begin && w[-1] == ' ') --w;
  out->SetSize(static_cast<size_t>(w - begin));
  out->may_hold_image = image;
  out->may_hold_paren_or_colon = paren_or_colon;
  out->words = words;
#else
  SignatureIntoBytes(s, out);
#endif
}

std::string Signature(std::string_view s) {
  SignatureBuffer sig;
  SignatureInto(s, &sig);
  return std::string(sig.view());
}

// Words in `s`, counting stops past `limit` (returns limit + 1 then): the
// length checks below look at the start of long paragraphs only.
// Where SSE2 is available, 64 bytes at a time, then 16: a word starts at
// each non-space byte after a space (or at the start), counted by a SWAR
// popcount (baseline x86-64 has no POPCNT) or the byte table; the count is
// capped at limit + 1 after each block, which is what the byte loop
// returns.
int WordCount(std::string_view s, int limit = 1 << 30) {
  int n = 0;
  bool in_word = false;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
  const auto space16 = [&](const char* p) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, sp), _mm_cmpeq_epi8(v, tab)))));
  };
  for (; i + 64 <= s.size(); i += 64) {
    const char* p = s.data() + i;
    const uint64_t space = space16(p) | space16(p + 16) << 16 |
                           space16(p + 32) << 32 | space16(p + 48) << 48;
    n += BitsIn64(WordStartsIn64(space, in_word ? 0 : 1));
    if (n > limit) return limit + 1;
    in_word = (space >> 63) == 0;
  }
  for (; i + 16 <= s.size(); i += 16) {
    const uint32_t space = static_cast<uint32_t>(space16(s.data() + i));
    const uint32_t before_space = (space << 1) | (in_word ? 0u : 1u);
    n += BitsIn16(~space & before_space);
    if (n > limit) return limit + 1;
    in_word = (space & 0x8000u) == 0;
  }
#endif
  for (; i < s.size(); ++i) {
    const unsigned char c = s[i];
    const bool sp = c == ' ' || c == '\t';
    if (!sp && !in_word && ++n > limit) return n;
    in_word = !sp;
  }
  return n;
}

// True when the line ends like a sentence: . ! ? ; : , or an ellipsis,
// possibly followed by closing quotes or brackets (ASCII or typographic).
// Reads the raw bytes from the end: no copy of the line.
bool EndsLikeSentence(std::string_view line) {
  while (!line.empty()) {
    const unsigned char c = line.back();
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ') {
      line.remove_suffix(1);
    } else if (line.size() >= 3 && line.substr(line.size() - 3, 2) == "\xE2\x80" &&
               (static_cast<unsigned char>(line.back()) == 0x9D ||
                static_cast<unsigned char>(line.back()) == 0x99)) {
      line.remove_suffix(3);  // ” ’
    } else {
      break;
    }
  }
  if (line.empty()) return false;
  const char c = line.back();
  if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == ',') {
    return true;
  }
  return line.size() >= 3 && line.substr(line.size() - 3) == "\xE2\x80\xA6";
}

bool StartsUpper(std::string_view line) {
  for (unsigned char c : line) {
    if (c == '"' || c == '\'' || c == '(') continue;
    if (c >= 0x80) return true;  // non-ASCII letter: do not guess its case
    return std::isupper(c) || std::isdigit(c);
  }
  return false;
}

bool StartsLower(std::string_view line) {
  return !line.empty() && std::islower(static_cast<unsigned char>(line[0]));
}

// Whole-line navigation labels (compared on Signature()).
constexpr std::array<std::string_view, 27> kNavLines = {
    "skip to main content", "skip to content", "skip to navigation",
    "jump to content",      "advertisement",   "advertising",
    "sponsored",            "share",           "share this",
    "share this article",   "tweet",           "print",
    "email",                "menu",            "search",
    "home",                 "close",           "back to top",
    "read more",            "continue reading", "sign in",
    "log in",               "subscribe",       "most popular",
    "related articles",     "recommended for you", "you may also like",
};

// Promo and furniture phrases that mark a short line as chrome.
constexpr std::array<std::string_view, 23> kPromoPhrases = {
    "to your inbox",      "sign up for",        "sign up to",
    "subscribe to our",   "subscribe for",      "our newsletter",
    "newsletter sign",    "click here",         "follow us on",
    "all rights reserved", "download our app",  "download the app",
    "enable javascript",  "cookie policy",      "accept cookies",
    "share on facebook",  "share on twitter",
    "share on x",         "get our free",       "read our privacy",
    "unsubscribe at any time", "share this story",  "share this article:",
};

constexpr int kNavMaxWords = 4;  // the longest entry of kNavLines
constexpr int kPromoMaxWords = 30;
constexpr int kPromoHeaderMaxWords = 8;
constexpr int kHeadingMaxWords = 14;
constexpr int kHeadlineMaxWords = 25;
constexpr int kCreditMaxWords = 15;

constexpr std::array<std::string_view, 14> kCreditPrefixes = {
    "credited from",
    "credit:",
    "credits:",
    "source:",
    "sources:",
    "courtesy of",
    "originally published",
    "first published",
    "reprinted from",
    "republished from",
    "(reporting by",
    "reporting by",
    "additional reporting by",
    "written by",
};

// The phrase and prefix tables hold only the bytes that Fold() makes of
// themselves in either case (see HasPromoPhrase and CreditOfLine).
constexpr bool FoldsOnlyFromItself(std::string_view s) {
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || c == ' ' || c == ':' || c == '(' ||
          c == ')')) {
      return false;
    }
  }
  return true;
}
static_assert([] {
  for (std::string_view p : kPromoPhrases) {
    if (!FoldsOnlyFromItself(p)) return false;
  }
  for (std::string_view p : kCreditPrefixes) {
    if (!FoldsOnlyFromItself(p)) return false;
  }
  return true;
}());

// Whether `s` with A-Z lowered equals `lower` (lower-case ASCII).
bool EqualsLowered(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = s[i];
    const char l =
        c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c);
    if (l != lower[i]) return false;
  }
  return true;
}

// Whether Fold() of a line holds one of a table's phrases is asked of the
// line itself: the phrases are made of bytes that Fold() makes only of the
// same bytes in either case (FoldsOnlyFromItself: typographic marks become
// "'", '"' or "-", which no phrase has), so the folded line holds a phrase
// exactly where the line holds it in any case (EqualsLowered).
//
// The promo phrases are looked for around the line's spaces instead of at
// every byte: each phrase holds a space, two bytes in or more (checked
// below), and a line holds a phrase at offset i only if it has a space at
// i + space[k], where space[k] is the offset of phrase k's first space,
// with the phrase's own bytes on either side of it (the compare above maps
// only A-Z, so the line's byte there is a space itself). At each space of the
// line, before2[c] & before[d] & after[e] (bit k: phrase k has byte c, in
// either case, two bytes before its first space, d just before and e just
// after) leaves the phrases that may be there, nearly always none; those are
// compared whole. Prose has a space every six bytes or so, found 16 at a
// time.
template <size_t N>
struct SpacedPhraseTable {
  const std::array<std::string_view, N>* phrases;
  std::array<size_t, N> space;
  std::array<uint32_t, 256> before2, before, after;
};

template <size_t N>
constexpr SpacedPhraseTable<N> MakeSpacedPhraseTable(
    const std::array<std::string_view, N>& phrases) {
  static_assert(N <= 32);
  SpacedPhraseTable<N> t{&phrases, {}, {}, {}, {}};
  for (size_t k = 0; k < N; ++k) {
    const auto mark = [k](std::array<uint32_t, 256>& table, char byte) {
      const unsigned char c = static_cast<unsigned char>(byte);
      table[c] |= 1u << k;
      if (c >= 'a' && c <= 'z') table[c - 32] |= 1u << k;
    };
    const size_t space = phrases[k].find(' ');
    t.space[k] = space;
    mark(t.before2, phrases[k][space - 2]);
    mark(t.before, phrases[k][space - 1]);
    mark(t.after, phrases[k][space + 1]);
  }
  return t;
}

// Whether phrase k of `table` (bits of `m`) is in `line` around its space
// at offset `p`.
template <size_t N>
bool PhraseAroundSpace(std::string_view line, size_t p, uint32_t m,
                       const SpacedPhraseTable<N>& table) {
  for (; m != 0; m &= m - 1) {
    const int k = __builtin_ctz(m);
    const std::string_view phrase = (*table.phrases)[k];
    if (p < table.space[k]) continue;
    const size_t i = p - table.space[k];
    if (i + phrase.size() <= line.size() &&
        EqualsLowered(line.substr(i, phrase.size()), phrase)) {
      return true;
    }
  }
  return false;
}

template <size_t N>
bool HasSpacedPhrase(std::string_view line, const SpacedPhraseTable<N>& table) {
  const auto* const b = reinterpret_cast<const unsigned char*>(line.data());
  const size_t n = line.size();
  if (n < 4) return false;
  // Spaces at 2..n-2: a phrase has two bytes before its space and one
  // after it.
  const auto at_space = [&](size_t p) {
    const uint32_t m = table.before2[b[p - 2]] & table.before[b[p - 1]] &
                       table.after[b[p + 1]];
    return m != 0 && PhraseAroundSpace(line, p, m, table);
  };
  size_t j = 0;
#if defined(__SSE2__)
  for (; j + 16 <= n; j += 16) {
    uint32_t spaces = static_cast<uint32_t>(_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(b + j)),
                       _mm_set1_epi8(' '))));
    for (; spaces != 0; spaces &= spaces - 1) {
      const size_t p = j + __builtin_ctz(spaces);
      if (p >= 2 && p + 1 < n && at_space(p)) return true;
    }
  }
#endif
  for (size_t p = std::max<size_t>(j, 2); p + 1 < n; ++p) {
    if (b[p] == ' ' && at_space(p)) return true;
  }
  return false;
}

static_assert([] {
  for (std::string_view p : kPromoPhrases) {
    const size_t space = p.find(' ');
    if (space == std::string_view::npos || space < 2 || space + 1 >= p.size()) {
      return false;
    }
  }
  return true;
}());
constexpr SpacedPhraseTable<kPromoPhrases.size()> kPromoTable =
    MakeSpacedPhraseTable(kPromoPhrases);

bool HasPromoPhrase(std::string_view line) {
  return HasSpacedPhrase(line, kPromoTable);
}

// IsPromoLine for a line of `words` words (WordCount(line, kPromoMaxWords)).
bool IsPromo(std::string_view line, int words) {
  return words <= kPromoMaxWords && HasPromoPhrase(line);
}

bool IsPromoLine(std::string_view line) {
  return IsPromo(line, WordCount(line, kPromoMaxWords));
}

}  // namespace

namespace {

// `words` is WordCount(line, n) for some n >= kNavMaxWords; the line's
// signature goes to *sig (a scratch buffer).
bool IsNavSignature(std::string_view sig) {
  for (std::string_view nav : kNavLines) {
    if (sig == nav) return true;
  }
  return false;
}

bool IsNavLine(std::string_view line, int words, SignatureBuffer* sig) {
  if (words > kNavMaxWords) return false;
  SignatureInto(line, sig);
  return IsNavSignature(sig->view());
}

}  // namespace

bool IsChromeLine(std::string_view line) {
  line = Trim(line);
  if (line.empty()) return false;
  SignatureBuffer sig;
  return IsNavLine(line, WordCount(line, kNavMaxWords), &sig) ||
         IsPromoLine(line);
}

namespace {

// CreditOf for a trimmed, non-empty line of at most kCreditMaxWords words.
// Whether Fold() of the line starts with a prefix is asked of the line
// itself: the prefixes are lower-case ASCII letters, spaces, "(" and ":",
// which Fold() makes only of the same bytes in either case.
std::string CreditOfLine(std::string_view line) {
  for (std::string_view p : kCreditPrefixes) {
    if (!EqualsLowered(line.substr(0, p.size()), p)) continue;
    // Fold() keeps byte offsets for ASCII; typographic marks shrink, so map
    // the prefix length through the original only when it is pure ASCII.
    size_t pos = p.size();
    std::string_view rest = line.substr(std::min(pos, line.size()));
    rest = Trim(rest);
    while (!rest.empty() && (rest.front() == ':' || rest.front() == '-')) {
      rest.remove_prefix(1);
      rest = Trim(rest);
    }
    for (std::string_view word : {"by ", "in ", "on ", "at "}) {
      if (Fold(rest.substr(0, word.size())) == word) {
        rest = Trim(rest.substr(word.size()));
      }
    }
    while (!rest.empty() && (rest.back() == ')' || rest.back() == '.')) {
      rest.remove_suffix(1);
    }
    rest = Trim(rest);
    if (rest.empty()) return {};
    return std::string(rest);
  }
  return {};
}

}  // namespace

std::string CreditOf(std::string_view line) {
  line = Trim(line);
  if (line.empty() || WordCount(line, kCreditMaxWords) > kCreditMaxWords) {
    return {};
  }
  return CreditOfLine(line);
}

namespace {

constexpr std::array<std::string_view, 12> kCaptionMarkers = {
    "(file image)", "(file photo)", "(file)",      "(ap photo",
    "(reuters",     "getty images", "photograph:", "photo:",
    "image:",       "image caption", "(photo by",  "picture:",
};

static_assert([] {
  for (std::string_view m : kCaptionMarkers) {
    if (!FoldsOnlyFromItself(m)) return false;
  }
  return true;
}());

// The caption markers that neither start with "(" nor end with ":", and
// where each holds "image"; every other marker does one or the other.
constexpr std::array<std::pair<std::string_view, size_t>, 2> kImageMarkers = {
    {{"getty images", 6}, {"image caption", 0}}};
static_assert([] {
  size_t image_markers = 0;
  for (std::string_view m : kCaptionMarkers) {
    if (m.front() == '(' || m.back() == ':') continue;
    bool listed = false;
    for (const auto& [marker, image_at] : kImageMarkers) {
      listed |= m == marker && m.substr(image_at, 5) == "image";
    }
    if (!listed) return false;
    ++image_markers;
  }
  return image_markers == kImageMarkers.size();
}());

// Whether `line` holds one of kImageMarkers (in any case), looked for
// around each "image" in it.
bool HasImageMarker(std::string_view line) {
  for (size_t j = 0; j + 5 <= line.size(); ++j) {
    if ((static_cast<unsigned char>(line[j]) | 0x20) != 'i' ||
        !EqualsLowered(line.substr(j, 5), "image")) {
      continue;
    }
    for (const auto& [marker, image_at] : kImageMarkers) {
      if (j >= image_at &&
          EqualsLowered(line.substr(j - image_at, marker.size()), marker)) {
        return true;
      }
    }
  }
  return false;
}

// Whether Fold() of `line` holds a caption marker, given the signature
// `sig` of the line (or of the line before Trim(), which drops no letter,
// "(" or ":"). A marker that starts with "(" can only be at a "(" byte, one
// that ends with ":" only end at a ":" byte, and the others hold "image":
// so a line's "(" and ":" bytes (often none or a few: SignatureInto() says
// whether there are any) are looked at, each against those markers, and
// its "image"s, when SignatureInto() found one (rare).
bool HasCaptionMarkerIn(std::string_view line, const SignatureBuffer& sig) {
  if (sig.may_hold_image && HasImageMarker(line)) return true;
  if (!sig.may_hold_paren_or_colon) return false;
  const char* const begin = line.data();
  const char* const end = begin + line.size();
  for (const char* p = begin;
       (p = static_cast<const char*>(std::memchr(p, '(', end - p))) != nullptr;
       ++p) {
    const std::string_view rest(p, static_cast<size_t>(end - p));
    for (std::string_view m : kCaptionMarkers) {
      if (m.front() == '(' && EqualsLowered(rest.substr(0, m.size()), m)) {
        return true;
      }
    }
  }
  for (const char* p = begin;
       (p = static_cast<const char*>(std::memchr(p, ':', end - p))) != nullptr;
       ++p) {
    const size_t upto = static_cast<size_t>(p - begin) + 1;  // with the ':'
    for (std::string_view m : kCaptionMarkers) {
      if (m.back() == ':' && upto >= m.size() &&
          EqualsLowered(line.substr(upto - m.size(), m.size()), m)) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

bool LooksLikeCaption(std::string_view line) {
  SignatureBuffer sig;
  SignatureInto(line, &sig);
  return HasCaptionMarkerIn(Trim(line), sig);
}

std::string LineSignature(std::string_view line) { return Signature(line); }

std::string_view TitleWithoutSite(std::string_view title,
                                  std::string_view site) {
  const std::string want = Signature(site);
  if (want.empty()) return title;
  size_t best = std::string_view::npos, sep_size = 0;
  for (std::string_view sep : kTitleSeparators) {
    const size_t p = title.rfind(sep);
    if (p != std::string_view::npos && (best == std::string_view::npos || p > best)) {
      best = p;
      sep_size = sep.size();
    }
  }
  if (best == std::string_view::npos) return title;
  if (Signature(title.substr(best + sep_size)) != want) return title;
  const std::string_view head = title.substr(0, best);
  // At least two words before it: "Reuters - Reuters" is left alone.
  return WordCount(head, 2) >= 2 ? head : title;
}

bool LooksLikeHeading(std::string_view line) {
  line = Trim(line);
  const int words = WordCount(line, kHeadingMaxWords);
  return words >= 2 && words <= kHeadingMaxWords && StartsUpper(line) &&
         !EndsLikeSentence(line) && !IsChromeLine(line) &&
         CreditOf(line).empty() && !LooksLikeCaption(line);
}

namespace {

// What pass 1 of ExtractFromText learns of a unit, for the passes after it.
struct UnitFacts {
  int words = 0;           // WordCount(unit, kPromoMaxWords)
  bool promo = false;      // IsPromo()
  bool trim_keeps = true;  // Trim() leaves the unit as it is
  size_t sig_size = 0;     // the size of its signature
};

// Buffers that ExtractFromText reuses from article to article on a thread
// (they keep their capacity), so that an article allocates little beyond
// what it returns: its blocks' texts, its body, its credits.
struct Scratch {
  std::vector<std::string_view> lines;  // Trim()med; [i] is line i + 1
  std::vector<UnitFacts> facts;         // one per unit
  U64Set seen;                          // hashes of the units' signatures
  SignatureBuffer sig, prev_sig, title_sig;
};

// A set grown past this by a long article is dropped rather than cleared
// for every article after it.
constexpr uint64_t kMaxKeptSeenBytes = uint64_t{64} << 10;
// Scratch grown past this by a long article (or line) is freed after it.
constexpr size_t kMaxKeptScratchBytes = size_t{1} << 20;

// Frees what a long article made `scratch` hold beyond the sizes above.
void ReleaseLongScratch(Scratch* scratch) {
  if (scratch->seen.MemoryBytes() > kMaxKeptSeenBytes) {
    scratch->seen = U64Set();
  }
  if (scratch->lines.capacity() * sizeof(std::string_view) >
      kMaxKeptScratchBytes) {
    scratch->lines = std::vector<std::string_view>();
  }
  if (scratch->facts.capacity() * sizeof(UnitFacts) > kMaxKeptScratchBytes) {
    scratch->facts = std::vector<UnitFacts>();
  }
  for (SignatureBuffer* sig :
       {&scratch->sig, &scratch->prev_sig, &scratch->title_sig}) {
    sig->Release(kMaxKeptScratchBytes);
  }
}

// Splits `text` into content units, one kParagraph block each (appended to
// *blocks, with its first line's number): each non-empty line, or for
// hard-wrapped text each blank-line-separated block with its lines joined
// by spaces. *lines is scratch.
void SplitUnits(std::string_view text, std::vector<std::string_view>* lines,
                std::vector<Block>* blocks) {
  lines->clear();
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    lines->push_back(Trim(text.substr(start, nl - start)));
    start = nl + 1;
  }
  const std::vector<std::string_view>& l = *lines;
  int content = 0, unterminated_continued = 0;
  for (size_t i = 0; i < l.size(); ++i) {
    if (l[i].empty()) continue;
    ++content;
    if (i + 1 < l.size() && !l[i + 1].empty() && !EndsLikeSentence(l[i])) {
      ++unterminated_continued;
    }
  }
  // Hard-wrapped: most content lines run on into the next line.
  const bool wrapped = content >= 4 && unterminated_continued * 2 > content;

  blocks->reserve(static_cast<size_t>(content));  // at most one per line
  for (size_t i = 0; i < l.size(); ++i) {
    if (l[i].empty()) continue;
    Block& b = blocks->emplace_back();
    b.line = static_cast<uint32_t>(i + 1);
    if (wrapped) {  // every line up to the next blank one is joined
      size_t size = l[i].size();
      for (size_t j = i + 1; j < l.size() && !l[j].empty(); ++j) {
        size += 1 + l[j].size();
      }
      b.text.reserve(size);
    }
    b.text.assign(l[i]);
    // Join continuation lines: always in wrapped text; otherwise only when
    // the line ends mid-sentence and the next starts in lower case.
    while (i + 1 < l.size()) {
      const std::string_view next = l[i + 1];
      if (next.empty()) break;
      const bool join =
          wrapped || (!EndsLikeSentence(b.text) && StartsLower(next));
      if (!join) break;
      b.text.push_back(' ');
      b.text.append(next);
      ++i;
    }
  }
}

}  // namespace

ArticleContent ExtractFromText(std::string_view text,
                               const TextExtractOptions& options) {
  thread_local Scratch scratch;
  ArticleContent out;
  std::vector<Block>& blocks = out.blocks;
  SplitUnits(text, &scratch.lines, &blocks);
  const size_t n = blocks.size();
  std::vector<UnitFacts>& facts = scratch.facts;
  facts.assign(n, UnitFacts{});

  // Pass 1: chrome, credits, captions, repeats.
  // Repeats are found on 64-bit hashes of the signatures (a false repeat
  // would need a hash collision: 2^-64 per pair of lines); `sig` and
  // `prev_sig` are the signatures of this unit and the one before (when
  // that one is still a paragraph: the only case they are compared in).
  U64Set& seen = scratch.seen;  // flat: no node allocated per line
  seen.Clear();
  SignatureBuffer* sig = &scratch.sig;
  SignatureBuffer* prev_sig = &scratch.prev_sig;
  // Each unit's words up to kPromoMaxWords + 1 (exact up to kPromoMaxWords):
  // enough for every word limit below, counted once.
  static_assert(kPromoMaxWords >= kNavMaxWords &&
                kPromoMaxWords >= kCreditMaxWords &&
                kPromoMaxWords >= kHeadingMaxWords &&
                kPromoMaxWords >= kHeadlineMaxWords &&
                kPromoMaxWords >= kPromoHeaderMaxWords);
  for (size_t i = 0; i < n; ++i) {
    std::swap(sig, prev_sig);
    Block& b = blocks[i];
    UnitFacts& f = facts[i];
    const std::string& u = b.text;
    // The signature first: its SIMD pass counts the words on the way.
    SignatureInto(u, sig);
    f.sig_size = sig->view().size();
    f.words = sig->words >= 0 ? static_cast<int>(std::min<int64_t>(
                                    sig->words, kPromoMaxWords + 1))
                              : WordCount(u, kPromoMaxWords);
    f.promo = IsPromo(u, f.words);
    if (f.promo || (f.words <= kNavMaxWords && IsNavSignature(sig->view()))) {
      b.kind = BlockKind::kChrome;
      continue;
    }
    // Units are trimmed once; Trim() is not idempotent (white space inside
    // a leading no-break space), so a unit it still changes takes the
    // general path.
    const std::string_view trimmed = Trim(u);
    f.trim_keeps = trimmed.size() == u.size();
    std::string credit;
    if (!f.trim_keeps) {
      credit = CreditOf(u);
    } else if (!u.empty() && f.words <= kCreditMaxWords) {
      credit = CreditOfLine(u);
    }
    if (!credit.empty()) {
      b.kind = BlockKind::kCredit;  // for good: no later rule looks at it
      out.credits.push_back(std::move(credit));
      continue;
    }
    if (sig->empty()) {
      b.kind = BlockKind::kChrome;
      continue;
    }
    if (!seen.Insert(Hash64(sig->view()))) {
      // Printed twice: in a row it is a caption (alt text + caption); later
      // in the text it is a repeated pull quote or furniture. Keep one.
      b.kind = BlockKind::kChrome;
      if (i > 0 && blocks[i - 1].kind == BlockKind::kParagraph &&
          prev_sig->view() == sig->view()) {
        blocks[i - 1].kind = BlockKind::kCaption;
      }
      continue;
    }
    if (HasCaptionMarkerIn(f.trim_keeps ? std::string_view(u) : trimmed,
                           *sig)) {
      b.kind = BlockKind::kCaption;
    }
  }
  // A short unpunctuated line right next to a promo (no blank line between)
  // is the promo's header.
  for (size_t i = 0; i < n; ++i) {
    if (blocks[i].kind != BlockKind::kParagraph) continue;
    if (facts[i].words > kPromoHeaderMaxWords ||
        EndsLikeSentence(blocks[i].text)) {
      continue;
    }
    const bool after_promo =
        i > 0 && facts[i - 1].promo && blocks[i - 1].line + 1 == blocks[i].line;
    const bool before_promo = i + 1 < n && facts[i + 1].promo &&
                              blocks[i].line + 1 == blocks[i + 1].line;
    if (after_promo || before_promo) {
      blocks[i].kind = BlockKind::kChrome;
    }
  }

  // Pass 2: headline and headings among the remaining paragraphs. Only the
  // unit at hand changes kind, so whether a paragraph follows it is known
  // from where the last one was before the pass.
  size_t last_paragraph = 0;
  for (size_t i = 0; i < n; ++i) {
    if (blocks[i].kind == BlockKind::kParagraph) last_paragraph = i;
  }
  bool first_content = true;
  for (size_t i = 0; i < n; ++i) {
    Block& b = blocks[i];
    if (b.kind != BlockKind::kParagraph) continue;
    const std::string& u = b.text;
    const bool has_more = i < last_paragraph;
    const int words = facts[i].words;
    if (first_content) {
      first_content = false;
      if (!options.known_title.empty()) {
        // The unit's signature (made again only when it is as long as the
        // title's: rarely, but for a headline).
        SignatureInto(options.known_title, &scratch.title_sig);
        if (facts[i].sig_size == scratch.title_sig.view().size()) {
          SignatureInto(u, &scratch.sig);
          if (scratch.sig.view() == scratch.title_sig.view()) {
            b.kind = BlockKind::kHeadline;
            continue;
          }
        }
      }
      if (options.known_title.empty() && options.detect_headline && has_more &&
          words <= kHeadlineMaxWords && StartsUpper(u) &&
          !EndsLikeSentence(u)) {
        b.kind = BlockKind::kHeadline;
        continue;
      }
    }
    if (!has_more) continue;
    // A unit still a paragraph here passed pass 1: it is no chrome, credit
    // or caption, which is what LooksLikeHeading() checks besides its
    // length and case, unless Trim() changes it (then ask it).
    const bool heading = facts[i].trim_keeps
                             ? words >= 2 && words <= kHeadingMaxWords &&
                                   StartsUpper(u) && !EndsLikeSentence(u)
                             : LooksLikeHeading(u);
    if (heading) b.kind = BlockKind::kHeading;
  }

  size_t body_size = 0;
  for (const Block& b : blocks) {
    if (b.kind == BlockKind::kParagraph) body_size += b.text.size() + 2;
    if (b.kind == BlockKind::kHeadline && out.headline.empty()) {
      out.headline = b.text;
    }
  }
  out.body.reserve(body_size);
  for (const Block& b : blocks) {
    if (b.kind != BlockKind::kParagraph) continue;
    if (!out.body.empty()) out.body += "\n\n";
    out.body += b.text;
  }
  if (out.headline.empty() && !options.known_title.empty()) {
    out.headline = std::string(options.known_title);
  }
  ReleaseLongScratch(&scratch);
  return out;
}

namespace internal {

void UseAvx2InSignaturesForTest(bool use) { signature_avx2_allowed = use; }

}  // namespace internal

}  // namespace concord::extract
