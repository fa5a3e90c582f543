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
// masks (core, white space, letter, upper case); the scanner then finds
// each run's end and skips white space with a bit scan, and takes a token's
// case flags from the masks, so it touches bytes one at a time only at run
// ends. Each ASCII token is emitted as it is found, with no FoldWord or ICU
// call: into a Token, its norm is a copy of the text with its capitals
// lowered; into a TokenList, norms are offsets into one lower-cased copy of
// the text made in the same SSE2 pass, so a token costs no string at all.
// ICU work is one setText per non-ASCII stretch, on a per-thread clone of
// one prototype iterator; its tokens' norms cost one FoldWord each.
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <emmintrin.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>

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
bool IsCore(AsciiClass c) {
  return c == kLetter || c == kDigit || c == kUnderscore;
}

// Per-64-byte bit masks of the text for the scanner: bit k of word w is
// byte 64 * w + k. Bits past the end of the text are 0 in every mask, and one
// all-zero word follows the last, so a search for a clear bit stops at the
// end and a two-word read never leaves the array.
struct MaskWord {
  uint64_t core;    // letter, digit, "_" or "@" (IsCore)
  uint64_t space;   // ASCII white space (kSpace)
  uint64_t upper;   // A-Z
  uint64_t letter;  // A-Z, a-z (what u_isalpha says of ASCII)
};

struct WordState {
  std::unique_ptr<icu::BreakIterator> iter;
  UText* text = nullptr;
  std::vector<RawSegment> segments;
  std::vector<MaskWord> masks;  // the ASCII scanner's, for the current text
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

// The masks of the 16 bytes at p, as the low 16 bits of each field of *w;
// with `lowered`, also writes the 16 bytes with A-Z lower-cased there.
inline void Classify16(const char* p, MaskWord* w, char* lowered) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i upper = InRange(v, 'A', 25);
  const __m128i letter =
      InRange(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 25);
  const __m128i core = _mm_or_si128(
      _mm_or_si128(letter, InRange(v, '0', 9)),
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('_')),
                   _mm_cmpeq_epi8(v, _mm_set1_epi8('@'))));
  const __m128i space = _mm_or_si128(InRange(v, '\t', '\r' - '\t'),
                                     _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
  auto bits = [](__m128i m) {
    return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(m)));
  };
  w->core = bits(core);
  w->space = bits(space);
  w->upper = bits(upper);
  w->letter = bits(letter);
  if (lowered != nullptr) {
    _mm_storeu_si128(
        reinterpret_cast<__m128i*>(lowered),
        _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
  }
}

// Fills *masks for `text`, 64 bytes per word, the tail through a
// zero-padded copy (a NUL byte is in no mask). With `lowered` (room for
// text.size() bytes), also writes the text there with A-Z lower-cased.
void BuildMasks(std::string_view text, std::vector<MaskWord>* masks,
                char* lowered) {
  const size_t n = text.size();
  masks->resize(n / 64 + 2);
  MaskWord* w = masks->data();
  const char* p = text.data();
  size_t i = 0;
  for (; i + 64 <= n; i += 64, ++w) {
    MaskWord q[4];
    for (int k = 0; k < 4; ++k) {
      Classify16(p + i + 16 * k, &q[k],
                 lowered != nullptr ? lowered + i + 16 * k : nullptr);
    }
    w->core = q[0].core | q[1].core << 16 | q[2].core << 32 | q[3].core << 48;
    w->space =
        q[0].space | q[1].space << 16 | q[2].space << 32 | q[3].space << 48;
    w->upper =
        q[0].upper | q[1].upper << 16 | q[2].upper << 32 | q[3].upper << 48;
    w->letter = q[0].letter | q[1].letter << 16 | q[2].letter << 32 |
                q[3].letter << 48;
  }
  // The last, partial word (possibly empty) and the all-zero one after it.
  alignas(16) char tail[64] = {};
  alignas(16) char tail_lowered[64];
  std::memcpy(tail, p + i, n - i);
  *w = MaskWord{0, 0, 0, 0};
  for (int k = 0; k < 4; ++k) {
    MaskWord q;
    Classify16(tail + 16 * k, &q, tail_lowered + 16 * k);
    w->core |= q.core << (16 * k);
    w->space |= q.space << (16 * k);
    w->upper |= q.upper << (16 * k);
    w->letter |= q.letter << (16 * k);
  }
  if (lowered != nullptr) std::memcpy(lowered + i, tail_lowered, n - i);
  w[1] = MaskWord{0, 0, 0, 0};
}

// The first position >= pos that is not white space (n at the end).
inline uint32_t SkipSpace(const MaskWord* m, uint32_t pos) {
  size_t w = pos >> 6;
  uint64_t bits = ~m[w].space >> (pos & 63);
  while (bits == 0) bits = ~m[++w].space, pos = static_cast<uint32_t>(w << 6);
  return pos + static_cast<uint32_t>(__builtin_ctzll(bits));
}

// The first position >= pos that is not a core byte (n at the end).
inline uint32_t CoreEnd(const MaskWord* m, uint32_t pos) {
  size_t w = pos >> 6;
  uint64_t bits = ~m[w].core >> (pos & 63);
  while (bits == 0) bits = ~m[++w].core, pos = static_cast<uint32_t>(w << 6);
  return pos + static_cast<uint32_t>(__builtin_ctzll(bits));
}

// Case flags of the ASCII text [begin, end) from the masks: the first
// letter's case, and whether there are >= 2 letters, all upper-case.
// Returns the token's A-Z bits (bit k: byte begin + k), or ~0 for a token
// longer than 64 bytes (then every byte must be checked).
inline uint64_t AsciiCaseFlags(std::string_view text, const MaskWord* m,
                               uint32_t begin, uint32_t end,
                               bool* capitalized, bool* all_caps) {
  const uint32_t len = end - begin;
  if (len > 64) [[unlikely]] {
    SetCaseFlags(text.substr(begin, len), capitalized, all_caps);
    return ~uint64_t{0};
  }
  const size_t w = begin >> 6;
  const uint32_t s = begin & 63;
  uint64_t letters = m[w].letter >> s;
  uint64_t upper = m[w].upper >> s;
  if (s + len > 64) {
    letters |= m[w + 1].letter << (64 - s);
    upper |= m[w + 1].upper << (64 - s);
  }
  const uint64_t in_token = len < 64 ? (uint64_t{1} << len) - 1 : ~uint64_t{0};
  letters &= in_token;
  upper &= in_token;
  *capitalized = (letters & (~letters + 1) & upper) != 0;
  *all_caps = (letters & (letters - 1)) != 0 && (letters & ~upper) == 0;
  return upper;
}

// Where the tokens go: a vector of Token (norms in each token's string) or a
// TokenList (norms in one buffer). Both reuse what the output holds.
class TokenSink {
 public:
  static constexpr bool kLowersText = false;
  explicit TokenSink(std::vector<Token>* out) : out_(out) {}
  char* Lowered(size_t) { return nullptr; }
  size_t Mark() const { return used_; }
  void Rollback(size_t mark) { used_ = mark; }
  void Finish() { out_->resize(used_); }

  void AsciiWord(std::string_view text, const MaskWord* m, uint32_t begin,
                 uint32_t end) {
    Token& t = Next();
    t.begin = begin;
    t.end = end;
    const char first = text[begin];
    t.kind =
        first >= '0' && first <= '9' ? TokenKind::kNumber : TokenKind::kWord;
    const uint64_t upper =
        AsciiCaseFlags(text, m, begin, end, &t.capitalized, &t.all_caps);
    // FoldWord of ASCII is byte-wise lower-casing: copy, then lower the
    // capitals (usually none or one).
    const uint32_t len = end - begin;
    t.norm.assign(text.data() + begin, len);
    char* norm = t.norm.data();
    if (upper == ~uint64_t{0}) [[unlikely]] {
      for (uint32_t k = 0; k < len; ++k) {
        if (norm[k] >= 'A' && norm[k] <= 'Z') norm[k] += 'a' - 'A';
      }
      return;
    }
    for (uint64_t u = upper; u != 0; u &= u - 1) {
      norm[__builtin_ctzll(u)] += 'a' - 'A';
    }
  }

  void AsciiPunct(std::string_view text, uint32_t at) {
    Token& t = Next();
    t.begin = at;
    t.end = at + 1;
    t.kind = TokenKind::kPunct;
    t.capitalized = t.all_caps = false;
    t.norm.clear();  // cheaper than assign(1, c), which takes the general path
    t.norm.push_back(text[at]);
  }

  void Icu(std::string_view text, uint32_t begin, uint32_t end, bool word) {
    Token& t = Next();
    const std::string_view s = text.substr(begin, end - begin);
    t.begin = begin;
    t.end = end;
    t.kind = IcuKind(s, word, &t.capitalized, &t.all_caps);
    FoldWord(s, &t.norm);
  }

 private:
  // The next token slot, reusing its norm buffer.
  Token& Next() {
    if (used_ == out_->size()) out_->emplace_back();
    return (*out_)[used_++];
  }
  std::vector<Token>* out_;
  size_t used_ = 0;
};

class TokenListSink {
 public:
  static constexpr bool kLowersText = true;
  explicit TokenListSink(TokenList* out) : out_(out) { out_->norms.clear(); }
  // Room for the lower-cased text, which ASCII tokens' norms point into.
  char* Lowered(size_t n) {
    out_->norms.resize(n);
    return out_->norms.data();
  }
  size_t Mark() const { return used_; }
  void Rollback(size_t mark) { used_ = mark; }
  void Finish() { out_->tokens.resize(used_); }

  void AsciiWord(std::string_view text, const MaskWord* m, uint32_t begin,
                 uint32_t end) {
    TokenRef& t = Next();
    t.begin = t.norm_begin = begin;
    t.end = t.norm_end = end;
    const char first = text[begin];
    t.kind =
        first >= '0' && first <= '9' ? TokenKind::kNumber : TokenKind::kWord;
    AsciiCaseFlags(text, m, begin, end, &t.capitalized, &t.all_caps);
  }

  void AsciiPunct(std::string_view, uint32_t at) {
    TokenRef& t = Next();
    t.begin = t.norm_begin = at;
    t.end = t.norm_end = at + 1;
    t.kind = TokenKind::kPunct;
    t.capitalized = t.all_caps = false;
  }

  void Icu(std::string_view text, uint32_t begin, uint32_t end, bool word) {
    TokenRef& t = Next();
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
  TokenRef& Next() {
    if (used_ == out_->tokens.size()) out_->tokens.emplace_back();
    return out_->tokens[used_++];
  }
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

// The end of the core run (a word segment) starting at `i` (where
// text[i] is a core byte) in a piece ending at `end` (the end of the text).
inline uint32_t AsciiRunEnd(std::string_view text, const MaskWord* m,
                            uint32_t i, uint32_t end) {
  ++i;
  for (;;) {
    i = CoreEnd(m, i);  // WB5, WB8-WB10, WB13a/b
    if (i + 1 >= end) return i;
    const AsciiClass cur = ClassOf(text[i]);
    if (cur != kMidNumLet && cur != kMidNum) [[likely]] return i;
    const AsciiClass prev = ClassOf(text[i - 1]);
    const AsciiClass next = ClassOf(text[i + 1]);
    const bool letters =
        cur == kMidNumLet && prev == kLetter && next == kLetter;  // WB6/7
    const bool digits = prev == kDigit && next == kDigit;         // WB11/12
    if (!letters && !digits) return i;
    i += 2;
  }
}

// Emits the tokens of the piece starting at `begin` for as long as it is
// ASCII, and returns where it stopped: at white space or the end of the
// text (the piece is done), or at a byte >= 0x80 (the caller then drops what
// was emitted for the piece and hands it to ICU). The segments are the core
// runs and single other characters, put through the same merges as
// EmitSegments() and emitted as they are found. White space and non-ASCII
// bytes are neither core nor MidNum/MidNumLet, so a run or a merge never
// reaches past the piece or over a non-ASCII byte; merges never cross a
// piece, as they need adjacent segments.
template <typename Sink>
uint32_t EmitAsciiPiece(std::string_view text, const MaskWord* m,
                        uint32_t begin, const TokenizeOptions& options,
                        Sink* sink) {
  const uint32_t end = static_cast<uint32_t>(text.size());
  uint32_t i = begin;
  while (i < end) {
    const AsciiClass c = ClassOf(text[i]);
    if (!IsCore(c)) {
      if (c == kSpace || static_cast<uint8_t>(text[i]) >= 0x80) return i;
      if (options.keep_punct) sink->AsciiPunct(text, i);
      ++i;
      continue;
    }
    const uint32_t start = i;
    i = AsciiRunEnd(text, m, i, end);
    if (c == kUnderscore && i - start == 1) {  // ICU: a lone "_" is punct
      if (options.keep_punct) sink->AsciiPunct(text, start);
      continue;
    }
    uint32_t token_end = i;
    if (i < end && (text[i] == '\'' || text[i] == '.')) [[unlikely]] {
      // "1000" "'" "s" -> "1000's": the "s" must be a segment of its own.
      if (i + 1 < end && c == kDigit && text[i] == '\'' &&
          (text[i + 1] == 's' || text[i + 1] == 'S') &&
          AsciiRunEnd(text, m, i + 1, end) == i + 2) {
        token_end = i + 2;
      } else if (text[i] == '.' && IsAsciiShortPartAbbreviation(
                                       text.substr(start, i - start))) {
        token_end = i + 1;  // "U.S" "." -> "U.S."
      }
    }
    sink->AsciiWord(text, m, start, token_end);
    i = token_end;
  }
  return i;
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
  // Pieces between ASCII white space: ASCII ones through the scanner, runs of
  // non-ASCII ones through ICU.
  const uint32_t n = static_cast<uint32_t>(utf8.size());
  BuildMasks(utf8, &state.masks, sink->Lowered(n));
  const MaskWord* masks = state.masks.data();
  uint32_t pos = 0;
  while (pos < n) {
    const uint32_t space_begin = pos;
    pos = SkipSpace(masks, pos);
    if (pos >= n) break;
    const size_t mark = sink->Mark();
    pos = EmitAsciiPiece(utf8, masks, pos, options, sink);
    if (pos >= n || ClassOf(utf8[pos]) == kSpace) continue;
    // A non-ASCII byte: this piece and the non-ASCII pieces after it go to
    // ICU, with the white space in front.
    sink->Rollback(mark);
    while (pos < n && !IsAsciiSpace(utf8[pos])) ++pos;
    const uint32_t stretch_end = IcuStretchEnd(utf8, pos);
    state.segments.clear();
    ScanIcu(utf8, space_begin, stretch_end, &state);
    EmitSegments(utf8, state.segments, options, sink);
    pos = stretch_end;
  }
  sink->Finish();
}

}  // namespace

void Tokenize(std::string_view utf8, std::vector<Token>* out,
              const TokenizeOptions& options) {
  TokenSink sink(out);
  TokenizeImpl(utf8, &sink, options, /*icu_only=*/false);
}

void Tokenize(std::string_view utf8, TokenList* out,
              const TokenizeOptions& options) {
  TokenListSink sink(out);
  TokenizeImpl(utf8, &sink, options, /*icu_only=*/false);
}

namespace internal {
void TokenizeWithIcuOnly(std::string_view utf8, std::vector<Token>* out,
                         const TokenizeOptions& options) {
  TokenSink sink(out);
  TokenizeImpl(utf8, &sink, options, /*icu_only=*/true);
}
}  // namespace internal

}  // namespace concord::text
