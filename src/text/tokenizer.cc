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
// Cost. One pass; the scanner does a table lookup per byte and emits each
// ASCII token as it finds it (kind, case flags and the lower-cased norm in
// one loop over the token, written into the reused Token's norm buffer; no
// FoldWord or ICU call). ICU work is one setText per non-ASCII stretch, on a
// per-thread clone of one prototype iterator; its tokens' norms cost one
// FoldWord each.
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
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

struct WordState {
  std::unique_ptr<icu::BreakIterator> iter;
  UText* text = nullptr;
  std::vector<RawSegment> segments;
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
void SetCaseFlags(std::string_view s, Token* t) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  int letters = 0;
  bool all_upper = true;
  t->capitalized = false;
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
    if (letters == 0) t->capitalized = upper;
    ++letters;
    all_upper &= upper;
  }
  t->all_caps = letters >= 2 && all_upper;
}

void Emit(std::string_view text, uint32_t begin, uint32_t end, bool word,
          std::vector<Token>* out, size_t* used) {
  if (*used == out->size()) out->emplace_back();
  Token& t = (*out)[(*used)++];
  const std::string_view s = text.substr(begin, end - begin);
  t.begin = begin;
  t.end = end;
  t.kind = StartsWithDigit(s) ? TokenKind::kNumber
           : word             ? TokenKind::kWord
                              : TokenKind::kPunct;
  if (t.kind == TokenKind::kPunct) {
    t.capitalized = t.all_caps = false;
  } else {
    SetCaseFlags(s, &t);
  }
  FoldWord(s, &t.norm);
}

// Emits the tokens of ICU segments, applying the two merges.
void EmitSegments(std::string_view utf8, const std::vector<RawSegment>& segs,
                  const TokenizeOptions& options, std::vector<Token>* out,
                  size_t* used) {
  for (size_t k = 0; k < segs.size(); ++k) {
    const RawSegment& seg = segs[k];
    if (!seg.word) {
      if (options.keep_punct && !IsWhiteSpaceOnly(Slice(utf8, seg))) {
        Emit(utf8, seg.begin, seg.end, false, out, used);
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
    Emit(utf8, seg.begin, end, true, out, used);
  }
}

// The next token slot of *out, reusing its norm buffer.
Token& NextToken(std::vector<Token>* out, size_t* used) {
  if (*used == out->size()) out->emplace_back();
  return (*out)[(*used)++];
}

// Emit() for ASCII text: the kind from the first byte, case flags and the
// norm (FoldWord of ASCII is byte-wise lower-casing) in one pass.
void EmitAsciiWord(std::string_view text, uint32_t begin, uint32_t end,
                   std::vector<Token>* out, size_t* used) {
  Token& t = NextToken(out, used);
  t.begin = begin;
  t.end = end;
  const char first = text[begin];
  t.kind = first >= '0' && first <= '9' ? TokenKind::kNumber : TokenKind::kWord;
  t.norm.resize(end - begin);
  char* norm = t.norm.data();
  int letters = 0;
  bool all_upper = true;
  t.capitalized = false;
  for (uint32_t i = begin; i < end; ++i) {
    const char c = text[i];
    const bool upper = c >= 'A' && c <= 'Z';
    const bool lower = c >= 'a' && c <= 'z';
    *norm++ = upper ? static_cast<char>(c + ('a' - 'A')) : c;
    if (!upper && !lower) continue;
    if (letters == 0) t.capitalized = upper;
    ++letters;
    all_upper &= upper;
  }
  t.all_caps = letters >= 2 && all_upper;
}

// One ASCII character that is not a word: a punctuation token.
void EmitAsciiPunct(std::string_view text, uint32_t at, std::vector<Token>* out,
                    size_t* used) {
  Token& t = NextToken(out, used);
  t.begin = at;
  t.end = at + 1;
  t.kind = TokenKind::kPunct;
  t.capitalized = t.all_caps = false;
  t.norm.assign(1, text[at]);
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
// text[i] is a core byte) in a piece ending at `end`.
uint32_t AsciiRunEnd(std::string_view text, uint32_t i, uint32_t end) {
  ++i;
  for (;;) {
    while (i < end && IsCore(ClassOf(text[i]))) ++i;  // WB5, WB8-WB10, WB13a/b
    if (i + 1 >= end) return i;
    const AsciiClass cur = ClassOf(text[i]);
    if (cur != kMidNumLet && cur != kMidNum) return i;
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
uint32_t EmitAsciiPiece(std::string_view text, uint32_t begin,
                        const TokenizeOptions& options, std::vector<Token>* out,
                        size_t* used) {
  const uint32_t end = static_cast<uint32_t>(text.size());
  uint32_t i = begin;
  while (i < end) {
    const AsciiClass c = ClassOf(text[i]);
    if (!IsCore(c)) {
      if (c == kSpace || static_cast<uint8_t>(text[i]) >= 0x80) return i;
      if (options.keep_punct) EmitAsciiPunct(text, i, out, used);
      ++i;
      continue;
    }
    const uint32_t start = i;
    i = AsciiRunEnd(text, i, end);
    if (i - start == 1 && text[start] == '_') {  // ICU: a lone "_" is punct
      if (options.keep_punct) EmitAsciiPunct(text, start, out, used);
      continue;
    }
    uint32_t token_end = i;
    // "1000" "'" "s" -> "1000's": the "s" must be a segment of its own.
    if (i + 1 < end && text[start] >= '0' && text[start] <= '9' &&
        text[i] == '\'' && (text[i + 1] == 's' || text[i + 1] == 'S') &&
        AsciiRunEnd(text, i + 1, end) == i + 2) {
      token_end = i + 2;
    } else if (i < end && text[i] == '.' &&
               IsAsciiShortPartAbbreviation(text.substr(start, i - start))) {
      token_end = i + 1;  // "U.S" "." -> "U.S."
    }
    EmitAsciiWord(text, start, token_end, out, used);
    i = token_end;
  }
  return i;
}

void TokenizeImpl(std::string_view utf8, std::vector<Token>* out,
                  const TokenizeOptions& options, bool icu_only) {
  WordState& state = ThreadState();
  size_t used = 0;  // reuse the Token objects (and their norm buffers) in *out
  if (icu_only) {
    state.segments.clear();
    ScanIcu(utf8, 0, static_cast<uint32_t>(utf8.size()), &state);
    EmitSegments(utf8, state.segments, options, out, &used);
    out->resize(used);
    return;
  }
  // Pieces between ASCII white space: ASCII ones through the scanner, runs of
  // non-ASCII ones through ICU.
  const uint32_t n = static_cast<uint32_t>(utf8.size());
  uint32_t pos = 0;
  while (pos < n) {
    const uint32_t space_begin = pos;
    while (pos < n && ClassOf(utf8[pos]) == kSpace) ++pos;
    if (pos >= n) break;
    const size_t used_before = used;
    pos = EmitAsciiPiece(utf8, pos, options, out, &used);
    if (pos >= n || ClassOf(utf8[pos]) == kSpace) continue;
    // A non-ASCII byte: this piece and the non-ASCII pieces after it go to
    // ICU, with the white space in front.
    used = used_before;
    while (pos < n && !IsAsciiSpace(utf8[pos])) ++pos;
    const uint32_t stretch_end = IcuStretchEnd(utf8, pos);
    state.segments.clear();
    ScanIcu(utf8, space_begin, stretch_end, &state);
    EmitSegments(utf8, state.segments, options, out, &used);
    pos = stretch_end;
  }
  out->resize(used);
}

}  // namespace

void Tokenize(std::string_view utf8, std::vector<Token>* out,
              const TokenizeOptions& options) {
  TokenizeImpl(utf8, out, options, /*icu_only=*/false);
}

namespace internal {
void TokenizeWithIcuOnly(std::string_view utf8, std::vector<Token>* out,
                         const TokenizeOptions& options) {
  TokenizeImpl(utf8, out, options, /*icu_only=*/true);
}
}  // namespace internal

}  // namespace concord::text
