// Word tokenization: ICU's word boundaries, with an ASCII scanner in front.
//
// The idea. Word boundaries are defined by UAX #29 ("Unicode Text
// Segmentation", section 4) and ICU implements them as a compiled state
// machine. We keep ICU's answer as the definition of a token, but most bytes
// of an English news article are ASCII, and for ASCII the rules collapse to a
// few lines: a token is a run of letters, digits and "_", where a single "."
// or "'" may join two letters or two digits and a single "," or ";" may join
// two digits. ICU's tailoring counts "@" as a letter ("x@y.com" is one
// token) and drops ":" from MidLetter ("a:b" splits), and a lone "_" is not
// a word. Every other ASCII character is a one-character token of its own.
//
// White space is a hard boundary in UAX #29 except before a combining mark
// (rule WB4 attaches the mark to the space) and between two spaces (WB3d).
// So the text is cut at ASCII white space into pieces: an all-ASCII piece goes
// through the scanner; consecutive pieces holding any non-ASCII byte go to
// ICU together, along with the white space in front of them so that a
// leading combining mark sees the same context it would in the whole text.
// The result is identical to running ICU over everything;
// tokenizer_test.cc's differential test checks that on generated text mixing
// ASCII punctuation, accents, combining marks, curly quotes, emoji and
// full-width digits.
//
// Two merges run after segmentation, identically on both paths: an
// abbreviation whose dot-separated parts are one or two letters takes its
// final period ("U.S" + "." -> "U.S."), and a number followed by an
// apostrophe and "s" becomes one number ("1000" + "'" + "s" -> "1000's").
//
// Cost. One SSE2 pass classifies the text 16 bytes at a time into 64-bit
// masks (core, MidNum/MidNumLet, white space, non-ASCII), or 32 bytes at a
// time by two nibble-table look-ups where the processor has AVX2 (chosen
// at run time; a test holds both to ICU); from those, per 64
// bytes, the bytes of word segments (core runs with their joins; the few
// join candidates are checked byte by byte) and the "events": where a word
// segment starts, each punctuation byte, each non-ASCII byte. The scanner
// goes from event to event with a bit scan and finds a segment's end with
// another, so it touches bytes only at token starts and ends; white space
// costs nothing. Each ASCII token is emitted as it is found, with no
// FoldWord or ICU call: into a Token, its norm is a copy of a lower-cased
// copy of the text made in the same SSE2 pass; into a TokenList, norms are
// offsets into that copy, so a token costs no string at all. A non-ASCII
// byte sends its piece (and the non-ASCII pieces after it) to ICU, after
// dropping what was emitted for the piece. ICU work is one setText per
// non-ASCII stretch, on a per-thread clone of one prototype iterator; its
// tokens' norms cost one FoldWord each.
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <emmintrin.h>
#include <immintrin.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>

#include "src/base/cpu.h"
#include "src/text/ascii_classes.h"
#include "src/text/normalizer.h"
#include "src/text/segmenter.h"
#include "src/text/tokenizer_internal.h"

namespace concord::text {
namespace {

// One boundary-to-boundary stretch of the input.
struct RawSegment {
  uint32_t begin;
  uint32_t end;
  bool word;  // ICU rule status is not UBRK_WORD_NONE: letters, digits, kana
};

// Word_Break classes of ASCII bytes as ICU assigns them.
enum AsciiClass : uint8_t {
  kOther,
  kSpace,       // tab, LF, VT, FF, CR, space: piece separators
  kLetter,      // ALetter, which in ICU includes "@"
  kDigit,       // Numeric
  kUnderscore,  // ExtendNumLet
  kMidNumLet,   // "." and "'" (MidNumLet, Single_Quote)
  kMidNum,      // "," and ";"
};

// Indexed by any byte; bytes >= 0x80 are kOther (the scanner never sees them).
constexpr std::array<AsciiClass, 256> MakeAsciiClasses() {
  std::array<AsciiClass, 256> t{};
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
  return t;
}
constexpr std::array<AsciiClass, 256> kAsciiClass = MakeAsciiClasses();

AsciiClass ClassOf(char c) { return kAsciiClass[static_cast<uint8_t>(c)]; }

// Per-64-byte bit masks of the text for the scanner: bit k of word w is
// byte 64 * w + k. Bits past the end of the text are 0 in every mask, and one
// all-zero word follows the last, so a search for a clear bit stops at the
// end and a two-word read never leaves the array.
//
// `word` marks the bytes of ASCII word segments: the core bytes (letter,
// digit, "_" or "@") and each MidNumLet or MidNum byte that joins two
// letters or two digits (WB6/7, WB11/12). A word segment is a run of `word`
// bits. `event` marks where the scanner has something to do: the first byte
// of each such run, each byte >= 0x80, and (with keep_punct) each other
// ASCII byte that is not white space, a one-byte token of its own. White
// space and the insides of runs are no event, so the scanner goes from one
// token to the next with a bit scan.
struct MaskWord {
  uint64_t word;
  uint64_t event;
  uint64_t mid;  // "." "'" "," ";": where a merge may follow a segment
};

// The byte classes the masks are made from, 64 bytes per word (as
// MaskWord).
struct ClassWord {
  uint64_t core;   // letter, digit, "_" or "@" (IsCore)
  uint64_t mid;    // "." "'" "," ";" (kMidNumLet, kMidNum)
  uint64_t space;  // ASCII white space (kSpace)
  uint64_t high;   // bytes >= 0x80
};

struct WordState {
  std::unique_ptr<icu::BreakIterator> iter;
  UText* text = nullptr;
  std::vector<RawSegment> segments;
  std::vector<MaskWord> masks;  // the ASCII scanner's, for the current text
  std::string lowered;          // the text lower-cased, for Token norms
  ~WordState() { utext_close(text); }
};

const icu::BreakIterator* WordPrototype() {
  static const std::unique_ptr<icu::BreakIterator> kPrototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) it.reset();
    return it;
  }();
  return kPrototype.get();
}

WordState& ThreadState() {
  thread_local WordState state;
  if (state.iter == nullptr && WordPrototype() != nullptr) {
    state.iter.reset(WordPrototype()->clone());
  }
  return state;
}

// Segments [begin, end) with ICU. The caller makes sure both ends are
// boundaries in the whole text too.
void ScanIcu(std::string_view text, uint32_t begin, uint32_t end,
             WordState* state) {
  if (begin >= end) return;
  UErrorCode status = U_ZERO_ERROR;
  state->text =
      utext_openUTF8(state->text, text.data() + begin, end - begin, &status);
  if (U_SUCCESS(status) && state->iter != nullptr)
    state->iter->setText(state->text, status);
  if (U_FAILURE(status) || state->iter == nullptr) {
    // No ICU data: the whole stretch becomes one token rather than nothing.
    state->segments.push_back({begin, end, true});
    return;
  }
  icu::BreakIterator& it = *state->iter;
  int32_t prev = it.first();
  for (int32_t next = it.next(); next != icu::BreakIterator::DONE;
       prev = next, next = it.next()) {
    const bool word = it.getRuleStatus() >= UBRK_WORD_NONE_LIMIT;
    state->segments.push_back({begin + static_cast<uint32_t>(prev),
                               begin + static_cast<uint32_t>(next), word});
  }
}

bool IsAsciiSpace(char c) {
  return static_cast<uint8_t>(c) < 0x80 && ClassOf(c) == kSpace;
}

// The end of an ICU stretch: from `pos`, the end of a piece holding a
// non-ASCII byte, over the following pieces that hold one too.
uint32_t IcuStretchEnd(std::string_view text, uint32_t pos) {
  const uint32_t n = static_cast<uint32_t>(text.size());
  uint32_t stretch_end = pos;
  for (;;) {
    uint32_t q = stretch_end;
    while (q < n && IsAsciiSpace(text[q])) ++q;
    if (q >= n) break;
    bool next_ascii = true;
    uint32_t r = q;
    while (r < n && !IsAsciiSpace(text[r])) {
      next_ascii &= static_cast<uint8_t>(text[r]) < 0x80;
      ++r;
    }
    if (next_ascii) break;
    stretch_end = r;
  }
  return stretch_end;
}

std::string_view Slice(std::string_view text, const RawSegment& s) {
  return text.substr(s.begin, s.end - s.begin);
}

bool IsWhiteSpaceOnly(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !u_isUWhiteSpace(c)) return false;
  }
  return true;
}

// "U.S", "e.g", "Ph.D": at least one inner ".", every part 1-2 letters.
bool IsShortPartAbbreviation(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  int part_len = 0;
  bool has_dot = false;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c == '.') {
      if (part_len == 0) return false;
      has_dot = true;
      part_len = 0;
    } else if (c >= 0 && u_isalpha(c)) {
      if (++part_len > 2) return false;
    } else {
      return false;
    }
  }
  return has_dot && part_len > 0;
}

bool IsApostrophe(std::string_view s) { return s == "'" || s == "\u2019"; }

bool StartsWithDigit(std::string_view s) {
  if (s.empty()) return false;
  if (static_cast<uint8_t>(s[0]) < 0x80) return s[0] >= '0' && s[0] <= '9';
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(p, i, static_cast<int32_t>(s.size()), c);
  return c >= 0 && u_isdigit(c);
}

// Letter case flags of a token's original text.
void SetCaseFlags(std::string_view s, bool* capitalized, bool* all_caps) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  int letters = 0;
  bool all_upper = true;
  *capitalized = false;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    bool upper;
    if (p[i] < 0x80) {
      c = p[i++];
      if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) continue;
      upper = c <= 'Z';
    } else {
      U8_NEXT(p, i, n, c);
      if (c < 0 || !u_isalpha(c)) continue;
      upper = u_isupper(c) || u_istitle(c);
    }
    if (letters == 0) *capitalized = upper;
    ++letters;
    all_upper &= upper;
  }
  *all_caps = letters >= 2 && all_upper;
}

// Kind and case flags of a token that ICU found.
TokenKind IcuKind(std::string_view s, bool word, bool* capitalized,
                  bool* all_caps) {
  const TokenKind kind = StartsWithDigit(s) ? TokenKind::kNumber
                         : word             ? TokenKind::kWord
                                            : TokenKind::kPunct;
  if (kind == TokenKind::kPunct) {
    *capitalized = *all_caps = false;
  } else {
    SetCaseFlags(s, capitalized, all_caps);
  }
  return kind;
}

// Bytes of `v` with b - lo <= span (unsigned): 0xFF where in range.
inline __m128i InRange(__m128i v, char lo, char span) {
  const __m128i t = _mm_sub_epi8(v, _mm_set1_epi8(lo));
  return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(span)), t);
}

// The classes of the 16 bytes at p, as the low 16 bits of each field; also
// writes the 16 bytes with A-Z lower-cased to `lowered`.
inline ClassWord Classify16(const char* p, char* lowered) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i letter =
      InRange(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 25);
  const __m128i core = _mm_or_si128(
      _mm_or_si128(letter, InRange(v, '0', 9)),
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('_')),
                   _mm_cmpeq_epi8(v, _mm_set1_epi8('@'))));
  // "," and "." are the bytes that equal "." with bit 1 set.
  const __m128i mid = _mm_or_si128(
      _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(2)), _mm_set1_epi8('.')),
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(';')),
                   _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))));
  const __m128i space = _mm_or_si128(InRange(v, '\t', '\r' - '\t'),
                                     _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
  auto bits = [](__m128i m) {
    return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(m)));
  };
  // Setting bit 5 of a letter lower-cases it (and leaves a-z as they are):
  // the letter mask serves, where a mask of A-Z would cost three more steps.
  _mm_storeu_si128(reinterpret_cast<__m128i*>(lowered),
                   _mm_or_si128(v, _mm_and_si128(letter, _mm_set1_epi8(0x20))));
  return ClassWord{bits(core), bits(mid), bits(space), bits(v)};
}

// The classes of the 64 bytes at p (see Classify16).
inline ClassWord Classify64(const char* p, char* lowered) {
  ClassWord w{};
  for (int k = 0; k < 4; ++k) {
    const ClassWord c = Classify16(p + 16 * k, lowered + 16 * k);
    w.core |= c.core << (16 * k);
    w.mid |= c.mid << (16 * k);
    w.space |= c.space << (16 * k);
    w.high |= c.high << (16 * k);
  }
  return w;
}

// Classify64 32 bytes at a time, for processors with AVX2 (chosen at run
// time: the build targets plain x86-64). A byte's classes come from two
// table look-ups, by its low and by its high nibble, ANDed (the tables
// and why they work: src/text/ascii_classes.h, shared with the shingler).
// The SSE2 path takes a dozen compares per 16 bytes.
using ascii::kHighNibbleClasses;
using ascii::kLowNibbleClasses;
using ascii::kNibCore;
using ascii::kNibLetter;
using ascii::kNibMid;
using ascii::kNibWhite;

// Hides a constant's value from the optimiser (an empty asm that "changes"
// the register): GCC otherwise rebuilds a broadcast constant at each use.
[[gnu::target("avx2")]] inline __m256i Opaque(__m256i v) {
  asm("" : "+x"(v));
  return v;
}

// The bytes whose classes `c` (as Classify64Avx2 finds them) have a bit of
// `klass`, as the low 32 bits.
[[gnu::target("avx2")]] inline uint64_t ClassBits(__m256i c, uint8_t klass,
                                                  __m256i zero) {
  const __m256i none = _mm256_cmpeq_epi8(
      _mm256_and_si256(c, _mm256_set1_epi8(static_cast<char>(klass))), zero);
  return ~static_cast<uint32_t>(_mm256_movemask_epi8(none));
}

// Classify64's result (and its lower-cased bytes) with AVX2, as a functor
// that holds the tables in registers across a whole text.
struct Classify64Avx2 {
  [[gnu::target("avx2")]] Classify64Avx2()
      : low_table(Opaque(_mm256_broadcastsi128_si256(_mm_loadu_si128(
            reinterpret_cast<const __m128i*>(kLowNibbleClasses.data()))))),
        high_table(Opaque(_mm256_broadcastsi128_si256(_mm_loadu_si128(
            reinterpret_cast<const __m128i*>(kHighNibbleClasses.data()))))),
        nibble(Opaque(_mm256_set1_epi8(0x0F))) {}

  [[gnu::target("avx2")]] ClassWord operator()(const char* p,
                                               char* lowered) const {
    const __m256i zero = _mm256_setzero_si256();
    ClassWord w{};
    for (int half = 0; half < 2; ++half) {
      const __m256i v =
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * half));
      const __m256i c = _mm256_and_si256(
          _mm256_shuffle_epi8(low_table, _mm256_and_si256(v, nibble)),
          _mm256_shuffle_epi8(
              high_table, _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble)));
      const int shift = 32 * half;
      w.core |= ClassBits(c, kNibCore, zero) << shift;
      w.mid |= ClassBits(c, kNibMid, zero) << shift;
      w.space |= ClassBits(c, kNibWhite, zero) << shift;
      w.high |= static_cast<uint64_t>(
                    static_cast<uint32_t>(_mm256_movemask_epi8(v)))
                << shift;
      // Bit 5 set on letters: A-Z lower-cased (as Classify16).
      const __m256i not_letter = _mm256_cmpeq_epi8(
          _mm256_and_si256(c, _mm256_set1_epi8(kNibLetter)), zero);
      _mm256_storeu_si256(
          reinterpret_cast<__m256i*>(lowered + 32 * half),
          _mm256_or_si256(v, _mm256_andnot_si256(not_letter,
                                                 _mm256_set1_epi8(0x20))));
    }
    return w;
  }

  __m256i low_table, high_table, nibble;
};

// Classify64 as a functor, for BuildMasksWith.
struct Classify64Sse2 {
  ClassWord operator()(const char* p, char* lowered) const {
    return Classify64(p, lowered);
  }
};


// Whether BuildMasks may take the AVX2 path (internal::UseAvx2ForTest).
bool avx2_allowed = true;

// Fills `m` (room for text.size() / 64 + 2 words) with the masks of `text`
// (see MaskWord), 64 bytes per word, the tail through a zero-padded copy,
// and writes the text with A-Z lower-cased to `lowered` (room for
// text.size() bytes). A join needs core bytes on both sides (bit 63 of the
// word before, bit 0 of the one after); the few MidNum/MidNumLet bytes that
// have them are looked at one by one. Inline in each of BuildMasks' two
// paths, which differ in `classify` (Classify64 or Classify64Avx2) and in
// the instructions the compiler may use.
template <typename Classify>
[[gnu::always_inline]] inline void BuildMasksWith(std::string_view text,
                                                  bool keep_punct, MaskWord* m,
                                                  char* lowered,
                                                  const Classify& classify) {
  const size_t n = text.size();
  const size_t words = n / 64 + 1;  // the last one partial, possibly empty
  const char* p = text.data();
  const size_t tail_at = (words - 1) * 64;
  alignas(32) char tail[64] = {};
  alignas(32) char tail_lowered[64];
  std::memcpy(tail, p + tail_at, n - tail_at);
  // The classes of word w (all zero from `words` on).
  auto classes = [&](size_t w) {
    if (w + 1 > words) return ClassWord{};
    const bool last = w + 1 == words;
    return classify(last ? tail : p + w * 64,
                    last ? tail_lowered : lowered + w * 64);
  };
  uint64_t core_before = 0, word_before = 0;
  ClassWord x = classes(0);
  for (size_t w = 0; w < words; ++w) {
    const ClassWord after = classes(w + 1);
    uint64_t candidates = x.mid & (x.core << 1 | core_before >> 63) &
                          (x.core >> 1 | after.core << 63);
    uint64_t join = 0;
    for (; candidates != 0; candidates &= candidates - 1) {
      const int k = __builtin_ctzll(candidates);
      const size_t i = w * 64 + k;
      const AsciiClass prev = ClassOf(p[i - 1]);
      const AsciiClass next = ClassOf(p[i + 1]);
      if ((ClassOf(p[i]) == kMidNumLet && prev == kLetter &&
           next == kLetter) ||                   // WB6/7
          (prev == kDigit && next == kDigit)) {  // WB11/12
        join |= uint64_t{1} << k;
      }
    }
    const uint64_t word = x.core | join;
    const uint64_t starts = word & ~(word << 1 | word_before >> 63);
    uint64_t event = starts | x.high;
    if (keep_punct) {
      const uint64_t in_text =
          w + 1 < words ? ~uint64_t{0} : (uint64_t{1} << (n & 63)) - 1;
      event |= ~(word | x.space | x.high) & in_text;
    }
    m[w] = MaskWord{word, event, x.mid};
    core_before = x.core;
    word_before = word;
    x = after;
  }
  m[words] = MaskWord{0, 0, 0};
  std::memcpy(lowered + tail_at, tail_lowered, n - tail_at);
}

// flatten: the classifier's AVX2 code can only be inlined into an AVX2
// function, and BuildMasksWith's lambda is not one until it is inlined too.
[[gnu::target("avx2"), gnu::flatten]] void BuildMasksAvx2(std::string_view text,
                                            bool keep_punct, MaskWord* m,
                                            char* lowered) {
  BuildMasksWith(text, keep_punct, m, lowered, Classify64Avx2());
}

void BuildMasksSse2(std::string_view text, bool keep_punct, MaskWord* m,
                    char* lowered) {
  BuildMasksWith(text, keep_punct, m, lowered, Classify64Sse2());
}

void BuildMasks(std::string_view text, bool keep_punct,
                std::vector<MaskWord>* masks, char* lowered) {
  const size_t words = text.size() / 64 + 1;
  // Scratch that only grows: no zero-filling of what BuildMasksWith writes.
  if (masks->size() < words + 1) masks->resize(words + 1);
  if (cpu::HasAvx2() && avx2_allowed) {
    BuildMasksAvx2(text, keep_punct, masks->data(), lowered);
  } else {
    BuildMasksSse2(text, keep_punct, masks->data(), lowered);
  }
}

// Case flags of the ASCII text [begin, end): the first letter's case, and
// whether there are >= 2 letters, all upper-case. Most words are settled by
// their first two bytes ("the", "The"); others byte by byte.
inline void AsciiCaseFlags(std::string_view text, uint32_t begin, uint32_t end,
                           bool* capitalized, bool* all_caps) {
  const uint8_t first = static_cast<uint8_t>(text[begin]);
  if (static_cast<uint8_t>(first - 'a') < 26) {
    *capitalized = *all_caps = false;
    return;
  }
  if (static_cast<uint8_t>(first - 'A') < 26 &&
      (end - begin == 1 || static_cast<uint8_t>(text[begin + 1] - 'a') < 26)) {
    *capitalized = true;
    *all_caps = false;
    return;
  }
  int letters = 0;
  bool all_upper = true;
  *capitalized = false;
  for (uint32_t i = begin; i < end; ++i) {
    const uint8_t c = static_cast<uint8_t>(text[i]);
    if (static_cast<uint8_t>((c | 0x20) - 'a') >= 26) continue;
    const bool upper = c <= 'Z';
    if (letters == 0) *capitalized = upper;
    ++letters;
    all_upper &= upper;
  }
  *all_caps = letters >= 2 && all_upper;
}

// Where the tokens go: a vector of Token (norms in each token's string) or a
// TokenList (norms in one buffer). Both reuse what the output holds, and
// take slots through a pointer into room made ahead (Room() before each
// mask word: at most 64 tokens start in one). EmitTokens keeps that
// pointer (Next(), Limit(), Commit()) and writes ASCII tokens through it
// (AsciiWord, AsciiPunct): a token's byte fields may alias anything, so a
// count kept in the sink would be reloaded and stored again per token.
class TokenSink {
 public:
  using Slot = Token;
  static constexpr size_t kShortNorm = 15;
  // Room for about as many tokens as the text can hold, at once: a Token
  // moved when the vector reallocates costs a string move, and a caller's
  // fresh vector would otherwise reallocate about log2(tokens) times.
  TokenSink(std::vector<Token>* out, size_t bytes) : out_(out) {
    const size_t estimate = bytes / 4 + 64;
    if (out_->capacity() < estimate) out_->reserve(estimate);
  }
  // Room for the lower-cased text, which ASCII tokens' norms are copied
  // from: the thread's scratch, with kShortNorm bytes more (AsciiWord reads
  // that far past a short word).
  char* Lowered(size_t n, WordState* state) {
    state->lowered.resize(n + kShortNorm);
    lowered_ = state->lowered.data();
    return state->lowered.data();
  }
  // Makes room for `n` more tokens.
  void Room(size_t n) {
    if (used_ + n > out_->size()) [[unlikely]]
      out_->resize(used_ + n);
  }
  // Drops the tokens that begin at or after `begin`.
  void DropFrom(uint32_t begin) {
    while (used_ > 0 && (*out_)[used_ - 1].begin >= begin) --used_;
  }
  void Finish() { out_->resize(used_); }
  // The next free slot, the end of the room made, and the count's update
  // from a caller's own pointer.
  Slot* Next() { return out_->data() + used_; }
  Slot* Limit() { return out_->data() + out_->size(); }
  void Commit(const Slot* next) {
    used_ = static_cast<size_t>(next - out_->data());
  }

  void AsciiWord(Slot& t, std::string_view text, uint32_t begin,
                 uint32_t end) const {
    const char first = text[begin];
    bool capitalized, all_caps;
    AsciiCaseFlags(text, begin, end, &capitalized, &all_caps);
    t.begin = begin;
    t.end = end;
    t.kind =
        first >= '0' && first <= '9' ? TokenKind::kNumber : TokenKind::kWord;
    t.capitalized = capitalized;
    t.all_caps = all_caps;
    // FoldWord of ASCII is byte-wise lower-casing. A copy of a constant
    // length is a few moves where one of `end - begin` bytes is a call to
    // memcpy: a short word copies kShortNorm bytes (what a std::string
    // holds without allocating) and is cut to its length.
    const size_t length = end - begin;
    if (length <= kShortNorm) [[likely]] {
      t.norm.assign(lowered_ + begin, kShortNorm);
      t.norm.resize(length);
    } else {
      t.norm.assign(lowered_ + begin, length);
    }
  }

  void AsciiPunct(Slot& t, std::string_view text, uint32_t at) const {
    t.begin = at;
    t.end = at + 1;
    t.kind = TokenKind::kPunct;
    t.capitalized = t.all_caps = false;
    t.norm.clear();  // cheaper than assign(1, c), which takes the general path
    t.norm.push_back(text[at]);
  }

  void Icu(std::string_view text, uint32_t begin, uint32_t end, bool word) {
    Room(1);
    Token& t = (*out_)[used_++];
    const std::string_view s = text.substr(begin, end - begin);
    t.begin = begin;
    t.end = end;
    t.kind = IcuKind(s, word, &t.capitalized, &t.all_caps);
    FoldWord(s, &t.norm);
  }

 private:
  std::vector<Token>* out_;
  size_t used_ = 0;
  const char* lowered_ = nullptr;
};

class TokenListSink {
 public:
  using Slot = TokenRef;
  // The norms of the previous text are not cleared: Lowered() overwrites
  // what it keeps of them (a clear() would make its resize() fill the
  // whole text's length with zeros first).
  explicit TokenListSink(TokenList* out) : out_(out) {}
  // Room for the lower-cased text, which ASCII tokens' norms point into;
  // the caller writes all `n` bytes.
  char* Lowered(size_t n, WordState*) {
    out_->norms.resize(n);
    return out_->norms.data();
  }
  // Makes room for `n` more tokens, and some: Finish() cuts the vector to
  // the tokens, so growing by just `n` would cost a resize per mask word
  // once past the previous text's count. The slack keeps each resize's
  // zeroing short.
  void Room(size_t n) {
    if (used_ + n > out_->tokens.size()) [[unlikely]] {
      out_->tokens.resize(used_ + n + 32);
    }
  }
  void DropFrom(uint32_t begin) {
    while (used_ > 0 && out_->tokens[used_ - 1].begin >= begin) --used_;
  }
  void Finish() { out_->tokens.resize(used_); }
  Slot* Next() { return out_->tokens.data() + used_; }
  Slot* Limit() { return out_->tokens.data() + out_->tokens.size(); }
  void Commit(const Slot* next) {
    used_ = static_cast<size_t>(next - out_->tokens.data());
  }

  void AsciiWord(Slot& t, std::string_view text, uint32_t begin,
                 uint32_t end) const {
    const char first = text[begin];
    bool capitalized, all_caps;
    AsciiCaseFlags(text, begin, end, &capitalized, &all_caps);
    t.begin = t.norm_begin = begin;
    t.end = t.norm_end = end;
    t.kind =
        first >= '0' && first <= '9' ? TokenKind::kNumber : TokenKind::kWord;
    t.capitalized = capitalized;
    t.all_caps = all_caps;
  }

  void AsciiPunct(Slot& t, std::string_view, uint32_t at) const {
    t.begin = t.norm_begin = at;
    t.end = t.norm_end = at + 1;
    t.kind = TokenKind::kPunct;
    t.capitalized = t.all_caps = false;
  }

  void Icu(std::string_view text, uint32_t begin, uint32_t end, bool word) {
    Room(1);
    TokenRef& t = out_->tokens[used_++];
    const std::string_view s = text.substr(begin, end - begin);
    t.begin = begin;
    t.end = end;
    t.kind = IcuKind(s, word, &t.capitalized, &t.all_caps);
    FoldWord(s, &fold_);
    t.norm_begin = static_cast<uint32_t>(out_->norms.size());
    out_->norms += fold_;
    t.norm_end = static_cast<uint32_t>(out_->norms.size());
  }

 private:
  TokenList* out_;
  size_t used_ = 0;
  std::string fold_;
};

// Emits the tokens of ICU segments, applying the two merges.
template <typename Sink>
void EmitSegments(std::string_view utf8, const std::vector<RawSegment>& segs,
                  const TokenizeOptions& options, Sink* sink) {
  for (size_t k = 0; k < segs.size(); ++k) {
    const RawSegment& seg = segs[k];
    if (!seg.word) {
      if (options.keep_punct && !IsWhiteSpaceOnly(Slice(utf8, seg))) {
        sink->Icu(utf8, seg.begin, seg.end, false);
      }
      continue;
    }
    uint32_t end = seg.end;
    const std::string_view s = Slice(utf8, seg);
    if (k + 2 < segs.size() && StartsWithDigit(s) && segs[k + 1].begin == end &&
        IsApostrophe(Slice(utf8, segs[k + 1])) &&
        segs[k + 2].begin == segs[k + 1].end && segs[k + 2].word &&
        (Slice(utf8, segs[k + 2]) == "s" || Slice(utf8, segs[k + 2]) == "S")) {
      end = segs[k + 2].end;
      k += 2;
    } else if (k + 1 < segs.size() && segs[k + 1].begin == end &&
               Slice(utf8, segs[k + 1]) == "." && IsShortPartAbbreviation(s)) {
      end = segs[k + 1].end;
      k += 1;
    }
    sink->Icu(utf8, seg.begin, end, true);
  }
}

// IsShortPartAbbreviation() for ASCII: u_isalpha holds for exactly A-Z, a-z.
bool IsAsciiShortPartAbbreviation(std::string_view s) {
  int part_len = 0;
  bool has_dot = false;
  for (char c : s) {
    if (c == '.') {
      if (part_len == 0) return false;
      has_dot = true;
      part_len = 0;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      if (++part_len > 2) return false;
    } else {
      return false;
    }
  }
  return has_dot && part_len > 0;
}

inline bool WordBit(const MaskWord* m, uint32_t pos) {
  return (m[pos >> 6].word >> (pos & 63)) & 1;
}

// The end of the word segment that starts at `pos`: the first byte after
// it that is not a `word` byte (n at the end).
inline uint32_t WordEnd(const MaskWord* m, uint32_t pos) {
  size_t w = pos >> 6;
  uint64_t bits = ~m[w].word >> (pos & 63);
  while (bits == 0) bits = ~m[++w].word, pos = static_cast<uint32_t>(w << 6);
  return pos + static_cast<uint32_t>(__builtin_ctzll(bits));
}

// Hands the piece holding the non-ASCII byte at `at`, and the non-ASCII
// pieces after it, to ICU, with the white space in front (what was emitted
// for the piece is dropped first). Returns where the stretch ends: at white
// space or the end of the text.
template <typename Sink>
uint32_t EmitIcuStretch(std::string_view text, uint32_t at,
                        const TokenizeOptions& options, WordState* state,
                        Sink* sink) {
  const uint32_t n = static_cast<uint32_t>(text.size());
  uint32_t piece = at;
  while (piece > 0 && !IsAsciiSpace(text[piece - 1])) --piece;
  uint32_t space_begin = piece;
  while (space_begin > 0 && IsAsciiSpace(text[space_begin - 1])) --space_begin;
  sink->DropFrom(piece);
  uint32_t pos = at;
  while (pos < n && !IsAsciiSpace(text[pos])) ++pos;
  const uint32_t stretch_end = IcuStretchEnd(text, pos);
  state->segments.clear();
  ScanIcu(text, space_begin, stretch_end, state);
  EmitSegments(text, state->segments, options, sink);
  return stretch_end;
}

// Emits the tokens of `text` from its masks: goes from event to event. The
// word segments are runs of `word` bits, put through the same merges as
// EmitSegments() and emitted as they are found; a piece (text between ASCII
// white space) holding a byte >= 0x80 goes to ICU (EmitIcuStretch). Every
// ASCII piece gets exactly the segments that ICU would give it: white space
// and non-ASCII bytes are neither core nor MidNum/MidNumLet, so a run or a
// merge never reaches past a piece or over a non-ASCII byte, and merges
// never cross a piece, as they need adjacent segments.
template <typename Sink>
void EmitTokens(std::string_view text, const MaskWord* m,
                const TokenizeOptions& options, WordState* state, Sink* sink) {
  const uint32_t n = static_cast<uint32_t>(text.size());
  const size_t words = n / 64 + 1;
  // The sink's next free slot and the end of its room, in registers.
  typename Sink::Slot* next = sink->Next();
  typename Sink::Slot* limit = sink->Limit();
  const auto room = [&] {  // for the tokens of one more mask word
    if (limit - next < 64) [[unlikely]] {
      sink->Commit(next);
      sink->Room(64);
      next = sink->Next();
      limit = sink->Limit();
    }
  };
  size_t w = 0;
  uint64_t bits = m[0].event;
  room();
  for (;;) {
    while (bits == 0) {
      if (++w >= words) {
        sink->Commit(next);
        return;
      }
      bits = m[w].event;
      room();
    }
    const uint32_t k = static_cast<uint32_t>(__builtin_ctzll(bits));
    const uint32_t start = static_cast<uint32_t>(w << 6) + k;
    bits &= bits - 1;
    const uint64_t word = m[w].word;
    if ((word >> k & 1) == 0) {
      if (static_cast<uint8_t>(text[start]) < 0x80) {
        sink->AsciiPunct(*next++, text, start);  // only with keep_punct
        continue;
      }
      sink->Commit(next);
      const uint32_t resume = EmitIcuStretch(text, start, options, state, sink);
      next = sink->Next();
      limit = sink->Limit();
      w = resume >> 6;
      bits = m[w].event & (~uint64_t{0} << (resume & 63));
      room();
      continue;
    }
    // The segment's end, and whether a "." or "'" follows it.
    uint32_t end;
    bool mid_after;
    if (const uint64_t rest = ~word >> k; rest != 0) [[likely]] {
      const uint32_t e = k + static_cast<uint32_t>(__builtin_ctzll(rest));
      end = start + (e - k);
      mid_after = m[w].mid >> e & 1;
    } else {
      end = WordEnd(m, start);
      mid_after = m[end >> 6].mid >> (end & 63) & 1;
    }
    const char first = text[start];
    // ICU: a lone "_" is punct. (Two branches: GCC otherwise computes both
    // tests for every word.)
    if (first == '_') [[unlikely]] {
      if (end - start == 1) {
        if (options.keep_punct) sink->AsciiPunct(*next++, text, start);
        continue;
      }
    }
    uint32_t token_end = end;
    if (mid_after) [[unlikely]] {
      // "1000" "'" "s" -> "1000's": the "s" must be a segment of its own.
      if (end + 1 < n && first >= '0' && first <= '9' && text[end] == '\'' &&
          (text[end + 1] == 's' || text[end + 1] == 'S') &&
          !WordBit(m, end + 2)) {
        token_end = end + 2;
      } else if (text[end] == '.' && IsAsciiShortPartAbbreviation(
                                         text.substr(start, end - start))) {
        token_end = end + 1;  // "U.S" "." -> "U.S."
      }
      if (token_end != end) {
        // The merge took bytes that are events of their own: skip them.
        sink->AsciiWord(*next++, text, start, token_end);
        w = token_end >> 6;
        bits = m[w].event & (~uint64_t{0} << (token_end & 63));
        room();
        continue;
      }
    }
    sink->AsciiWord(*next++, text, start, end);
  }
}

template <typename Sink>
void TokenizeImpl(std::string_view utf8, Sink* sink,
                  const TokenizeOptions& options, bool icu_only) {
  WordState& state = ThreadState();
  if (icu_only) {
    state.segments.clear();
    ScanIcu(utf8, 0, static_cast<uint32_t>(utf8.size()), &state);
    EmitSegments(utf8, state.segments, options, sink);
    sink->Finish();
    return;
  }
  const size_t n = utf8.size();
  BuildMasks(utf8, options.keep_punct, &state.masks, sink->Lowered(n, &state));
  EmitTokens(utf8, state.masks.data(), options, &state, sink);
  sink->Finish();
}

}  // namespace

void Tokenize(std::string_view utf8, std::vector<Token>* out,
              const TokenizeOptions& options) {
  TokenSink sink(out, utf8.size());
  TokenizeImpl(utf8, &sink, options, /*icu_only=*/false);
}

void Tokenize(std::string_view utf8, TokenList* out,
              const TokenizeOptions& options) {
  TokenListSink sink(out);
  TokenizeImpl(utf8, &sink, options, /*icu_only=*/false);
}

namespace internal {
void UseAvx2ForTest(bool use) { avx2_allowed = use; }

void TokenizeWithIcuOnly(std::string_view utf8, std::vector<Token>* out,
                         const TokenizeOptions& options) {
  TokenSink sink(out, utf8.size());
  TokenizeImpl(utf8, &sink, options, /*icu_only=*/true);
}
}  // namespace internal

}  // namespace concord::text
