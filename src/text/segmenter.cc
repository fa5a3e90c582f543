// Sentence splitting: ICU's sentence boundaries, corrected for news prose.
//
// The idea. UAX #29 section 5 defines sentence boundaries from character
// classes alone: a full stop followed by white space and an uppercase letter
// ends a sentence. ICU implements that; what it cannot know is that "Mr.",
// "Dr." and "U.S." are abbreviations. CLDR's answer is a per-language list
// of "suppressions" (locale keyword "@ss=standard", or
// FilteredBreakIteratorBuilder), and we tried it first. On news text it does
// more harm than good, for two reasons found in ICU 72's filteredbrk.cpp:
//   - the list is matched backwards from the period with no check for the
//     start of a word, so a list entry also suppresses every word that ends
//     in it: German "am." keeps "Er kam. Sie ging." together, English "O."
//     and "K." keep "joined NATO. The" and "in the UK. Then" together;
//   - the lists hold entries such as "Joe.", "OK." and "Is.", and entries
//     with inner periods ("U.S.") are only ever matched up to their first
//     period, so "U.S. Congress" is split anyway.
// So we run ICU's plain sentence iterator for the language and veto a
// boundary ourselves when the whole word before it (from white space or an
// opening bracket or quote up to the period) is
//   - on our abbreviation list for the language (titles, "U.S.", "Jan."), or
//   - a single capital letter and a period, an initial ("John F. Kennedy").
// A boundary after a line break is never vetoed. The price is the occasional
// sentence that really ends in "U.S." staying joined to the next one.
//
// ICU does not treat "…" (U+2026) as sentence-ending, while it does treat
// "..." as one; we add a boundary after "…" when white space and an
// uppercase letter (optionally behind an opening quote) follow, matching what
// ICU does for "...".
//
// ASCII fast path. For English text that is all ASCII (dashes "\u2013" and
// "\u2014", SContinue, allowed too), the boundaries come
// from a hand-written scanner instead of ICU; the vetoes and the "…" rule
// then run on them unchanged. For ASCII the rules of UAX #29 section 5.1
// reduce to a scan for terminator sequences: a break follows every LF, and
// every CR not followed by LF (SB4); otherwise a break can only come after
// "ATerm|STerm Close* Sp*" (SB9, SB10 forbid one inside it), at the first
// character that is not Close or Sp, unless
//   SB6   "." is followed directly by a digit,
//   SB7   a letter, "." and directly an uppercase letter,
//   SB8   "." and, skipping characters that are not letters, line breaks or
//         terminators, a lowercase letter,
//   SB8a  the next character is SContinue (",", "-", ":") or a terminator;
// and a line break there (CR LF counting as one) moves the break after it
// (SB11). There is no Extend, Format, Sep or OLetter character in ASCII, so
// SB5 never applies. The classes are not hard-coded: they are read from
// ICU's Sentence_Break property at start-up, and the scanner is switched off
// should a future Unicode version give an ASCII character a class it does
// not expect. ICU's English iterator uses the root rules; other languages
// always go to ICU. segmenter_test.cc compares the scanner with ICU on every
// string of up to six characters drawn from one representative of each
// class, and on long random strings of all ASCII characters and fragments of
// news text.
//
// Cost. ASCII English: one pass over the bytes, 16 at a time up to the next
// terminator, line break or byte >= 0x80 (checked on the way: the scanner
// gives up at any but a dash), a table look-up at each stop, a short
// look-ahead after each "."; the vetoes and the trimming then read bytes,
// not code points (no ICU call). About a tenth of ICU's cost. Otherwise one
// ICU pass over a UText that reads the caller's UTF-8 directly; each thread
// keeps one iterator per language it has seen. A veto looks back over one
// word. Tests: segmenter_test.cc (golden table, including the cases above
// that ICU's suppressions get wrong, and the differential tests).
#include "src/text/segmenter.h"

#include <emmintrin.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "src/text/segmenter_internal.h"

namespace concord::text {
namespace {

// Abbreviations after which a sentence boundary is vetoed, by language.
// Matched case-sensitively against the text between the last white space
// (or opening bracket or quote) and the boundary.
constexpr std::string_view kCommonAbbreviations[] = {
    "Dr.", "Prof.", "St.", "Mt.", "vs.", "Gen.", "Sen.",
};
// Abbreviations of "number", vetoed only before a digit ("No. 10" but not
// "No. The minister refused.").
constexpr std::string_view kNumberAbbreviations[] = {
    "No.", "Nos.", "Nr.", "no.", "nr.",
};
constexpr std::string_view kEnglishAbbreviations[] = {
    "Mr.",   "Mrs.",  "Ms.",   "Messrs.", "Mmes.",   "Jr.",   "Sr.",   "Rev.",
    "Hon.",  "Pres.", "Gov.",  "Rep.",    "Sens.",   "Reps.", "Lt.",   "Col.",
    "Maj.",  "Capt.", "Cmdr.", "Adm.",    "Sgt.",    "Cpl.",  "Pvt.",  "Gens.",
    "Supt.", "Insp.", "Det.",  "Fr.",     "Ft.",     "Ave.",  "Blvd.", "Rd.",
    "U.S.",  "U.K.",  "U.N.",  "E.U.",    "U.S.A.",  "e.g.",  "i.e.",  "cf.",
    "Jan.",  "Feb.",  "Mar.",  "Apr.",    "Jun.",    "Jul.",  "Aug.",  "Sep.",
    "Sept.", "Oct.",  "Nov.",  "Dec.",    "approx.", "est.",  "Fig.",  "Vol.",
    "Ch.",   "Art.",  "Sec.",  "Dept.",   "Univ.",
};
constexpr std::string_view kFrenchAbbreviations[] = {
    "MM.",   "Mme.",  "Mmes.", "Mlle.", "Mlles.", "Me.",  "Pr.",  "Ste.",
    "Mgr.",  "art.",  "av.",   "bd.",   "cf.",    "env.", "p.",   "ex.",
    "janv.", "févr.", "avr.",  "juil.", "sept.",  "oct.", "nov.", "déc.",
};
constexpr std::string_view kGermanAbbreviations[] = {
    "Hr.",  "Fr.",  "Hrn.",  "Dipl.", "Ing.", "Abs.", "Art.",
    "bzw.", "ca.",  "z.B.",  "d.h.",  "u.a.", "v.a.", "Jan.",
    "Feb.", "Aug.", "Sept.", "Okt.",  "Nov.", "Dez.", "Str.",
};
constexpr std::string_view kSpanishAbbreviations[] = {
    "Sr.",  "Sra.", "Srta.", "Sres.",  "Dra.", "Ud.",  "Uds.",
    "Lic.", "Ing.", "Gral.", "EE.UU.", "Av.",  "Pág.", "aprox.",
};
constexpr std::string_view kItalianAbbreviations[] = {
    "Sig.", "Sigg.", "Dott.", "Dott.ssa", "On.",   "Avv.",
    "Ing.", "Arch.", "Geom.", "Rag.",     "Mons.", "ecc.",
};
constexpr std::string_view kPortugueseAbbreviations[] = {
    "Sr.", "Sra.", "Srta.", "Dra.", "Profa.", "Av.", "Eng.", "Exmo.", "Exma.",
};
constexpr std::string_view kDutchAbbreviations[] = {
    "Dhr.", "Mevr.", "Mr.",   "Mw.",  "Ir.",
    "Drs.", "Ing.",  "bijv.", "o.a.", "m.b.t.",
};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

template <size_t N>
constexpr size_t Longest(const std::string_view (&list)[N]) {
  size_t n = 0;
  for (std::string_view w : list) n = std::max(n, w.size());
  return n;
}

// No word longer than this is on any list.
constexpr size_t kLongestAbbreviation = std::max(
    {Longest(kCommonAbbreviations), Longest(kNumberAbbreviations),
     Longest(kEnglishAbbreviations), Longest(kFrenchAbbreviations),
     Longest(kGermanAbbreviations), Longest(kSpanishAbbreviations),
     Longest(kItalianAbbreviations), Longest(kPortugueseAbbreviations),
     Longest(kDutchAbbreviations)});

// The (first byte, length) pairs of the words a language's vetoes look for
// (the common list, the number abbreviations and the language's own): a
// word before a "." whose pair is not among them is on no list, which
// settles most words without comparing them with every entry.
class AbbreviationShapes {
 public:
  template <size_t N>
  AbbreviationShapes& Add(const std::string_view (&list)[N]) {
    for (std::string_view w : list) bits_.set(Index(w));
    return *this;
  }
  bool MayContain(std::string_view w) const {
    return w.size() <= kLongestAbbreviation && !w.empty() && bits_[Index(w)];
  }

 private:
  static size_t Index(std::string_view w) {
    return static_cast<uint8_t>(w[0]) * (kLongestAbbreviation + 1) + w.size();
  }
  std::bitset<256 * (kLongestAbbreviation + 1)> bits_;
};

// AbbreviationShapes for IsAbbreviation(word, lang) and the number list.
const AbbreviationShapes& ShapesFor(std::string_view lang) {
  static const auto kShapes = [] {
    std::array<AbbreviationShapes, 8> s;
    for (AbbreviationShapes& x : s) {
      x.Add(kCommonAbbreviations).Add(kNumberAbbreviations);
    }
    s[0].Add(kEnglishAbbreviations);
    s[1].Add(kFrenchAbbreviations);
    s[2].Add(kGermanAbbreviations);
    s[3].Add(kSpanishAbbreviations);
    s[4].Add(kItalianAbbreviations);
    s[5].Add(kPortugueseAbbreviations);
    s[6].Add(kDutchAbbreviations);
    return s;  // s[7]: other languages
  }();
  constexpr std::string_view kLangs[] = {"en", "fr", "de", "es",
                                         "it", "pt", "nl"};
  for (size_t k = 0; k < std::size(kLangs); ++k) {
    if (lang == kLangs[k]) return kShapes[k];
  }
  return kShapes[7];
}

bool IsAbbreviation(std::string_view word, std::string_view lang) {
  if (Contains(kCommonAbbreviations, word)) return true;
  if (lang == "en") return Contains(kEnglishAbbreviations, word);
  if (lang == "fr") return Contains(kFrenchAbbreviations, word);
  if (lang == "de") return Contains(kGermanAbbreviations, word);
  if (lang == "es") return Contains(kSpanishAbbreviations, word);
  if (lang == "it") return Contains(kItalianAbbreviations, word);
  if (lang == "pt") return Contains(kPortugueseAbbreviations, word);
  if (lang == "nl") return Contains(kDutchAbbreviations, word);
  return false;
}

// "en", from "en", "EN", "en-GB", "en_US"; "" and anything odd give "en".
std::string PrimaryLanguage(std::string_view lang) {
  std::string out;
  for (char c : lang) {
    if (c == '-' || c == '_') break;
    if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || out.size() >= 8)
      return "en";
    out.push_back(static_cast<char>(c | 0x20));
  }
  return out.empty() ? "en" : out;
}

struct SentenceState {
  std::vector<std::pair<std::string, std::unique_ptr<icu::BreakIterator>>>
      iters;
  UText* text = nullptr;
  ~SentenceState() { utext_close(text); }
};

// This thread's sentence iterator for `lang`, or nullptr without ICU data.
icu::BreakIterator* IteratorFor(const std::string& lang, SentenceState* state) {
  for (auto& [key, iter] : state->iters) {
    if (key == lang) return iter.get();
  }
  constexpr size_t kMaxLanguagesPerThread = 16;
  if (state->iters.size() >= kMaxLanguagesPerThread) {
    state->iters.erase(state->iters.begin());
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> iter(
      icu::BreakIterator::createSentenceInstance(icu::Locale(lang.c_str()),
                                                 status));
  if (U_FAILURE(status)) iter.reset();
  state->iters.emplace_back(lang, std::move(iter));
  return state->iters.back().second.get();
}

// This thread's sentence iterator for `lang`, set on `utf8`; nullptr
// without ICU data or when the text cannot be opened.
icu::BreakIterator* SentenceIteratorOn(std::string_view utf8,
                                       const std::string& lang) {
  thread_local SentenceState state;
  icu::BreakIterator* iter = IteratorFor(lang, &state);
  if (iter == nullptr) return nullptr;
  UErrorCode status = U_ZERO_ERROR;
  state.text = utext_openUTF8(state.text, utf8.data(),
                              static_cast<int64_t>(utf8.size()), &status);
  if (U_SUCCESS(status)) iter->setText(state.text, status);
  return U_SUCCESS(status) ? iter : nullptr;
}

// A decoded code point (negative for an ill-formed sequence) and its bytes.
struct CodePoint {
  UChar32 c;
  int32_t begin;
  int32_t end;
};

CodePoint Before(std::string_view s, int32_t i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t end = i;
  UChar32 c;
  U8_PREV(p, 0, i, c);
  return {c, i, end};
}

CodePoint At(std::string_view s, int32_t i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t begin = i;
  UChar32 c;
  U8_NEXT(p, i, static_cast<int32_t>(s.size()), c);
  return {c, begin, i};
}

// ICU's White_Space for ASCII, read from ICU once: the vetoes look at
// mostly ASCII characters, and a table costs less than the call.
bool IsSpace(UChar32 c) {
  static const std::array<bool, 128> kAsciiWhiteSpace = [] {
    std::array<bool, 128> t{};
    for (UChar32 a = 0; a < 128; ++a) t[a] = u_isUWhiteSpace(a);
    return t;
  }();
  if (c >= 0 && c < 128) return kAsciiWhiteSpace[c];
  return c >= 0 && u_isUWhiteSpace(c);
}
bool IsLineBreak(UChar32 c) {
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}
bool IsOpening(UChar32 c) {
  if (c < 0) return false;
  const int8_t type = u_charType(c);
  return type == U_START_PUNCTUATION || type == U_INITIAL_PUNCTUATION ||
         c == '"' || c == '\'';
}

// Whether the ICU boundary at `b` (sentence so far starts at `start`) falls
// after an abbreviation or an initial and should be dropped.
bool Vetoed(std::string_view text, int32_t start, int32_t b,
            std::string_view lang, const AbbreviationShapes& shapes) {
  int32_t e = b;
  while (e > start) {
    const CodePoint cp = Before(text, e);
    if (IsLineBreak(cp.c)) return false;
    if (!IsSpace(cp.c)) break;
    e = cp.begin;
  }
  if (e <= start || text[e - 1] != '.') return false;
  int32_t w = e;
  while (w > start) {
    const CodePoint cp = Before(text, w);
    if (IsSpace(cp.c)) break;
    w = cp.begin;
  }
  while (w < e) {  // skip "(" or an opening quote in front of the word
    const CodePoint cp = At(text, w);
    if (!IsOpening(cp.c)) break;
    w = cp.end;
  }
  const std::string_view word = text.substr(w, e - w);
  if (shapes.MayContain(word)) {
    if (IsAbbreviation(word, lang)) return true;
    if (Contains(kNumberAbbreviations, word)) {
      const CodePoint next = At(text, b);
      return next.c >= 0 && u_isdigit(next.c);
    }
  }
  // An initial: one capital letter and the period.
  const CodePoint first = At(text, w);
  return first.c >= 0 && u_isupper(first.c) && first.end + 1 == e;
}

void TrimAndAdd(std::string_view text, int32_t begin, int32_t end,
                std::vector<Span>* out) {
  while (begin < end) {
    const CodePoint cp = At(text, begin);
    if (!IsSpace(cp.c)) break;
    begin = cp.end;
  }
  while (end > begin) {
    const CodePoint cp = Before(text, end);
    if (!IsSpace(cp.c)) break;
    end = cp.begin;
  }
  if (end > begin)
    out->push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
}

// Vetoed() and TrimAndAdd() for the ASCII scanner's texts (ASCII, and the
// dashes U+2013 and U+2014), byte by byte: every code point they look at
// is then ASCII or a dash, a dash is neither white space, a line break, an
// opening mark, a digit nor an uppercase letter, and so are its three
// bytes (all >= 0x80) one by one; the boundaries fall between characters.
struct AsciiTables {
  std::array<bool, 256> space{};    // IsSpace, false from 0x80 on
  std::array<bool, 256> opening{};  // IsOpening, false from 0x80 on
};

const AsciiTables& ScannerTables() {
  static const AsciiTables kTables = [] {
    AsciiTables t;
    for (UChar32 c = 0; c < 128; ++c) {
      t.space[c] = IsSpace(c);
      t.opening[c] = IsOpening(c);
    }
    return t;
  }();
  return kTables;
}

bool VetoedInScannerText(std::string_view text, int32_t start, int32_t b,
                         std::string_view lang,
                         const AbbreviationShapes& shapes) {
  const AsciiTables& t = ScannerTables();
  auto byte = [&text](int32_t i) { return static_cast<uint8_t>(text[i]); };
  int32_t e = b;
  while (e > start) {
    const uint8_t c = byte(e - 1);
    if (c == '\n' || c == '\r') return false;
    if (!t.space[c]) break;
    --e;
  }
  if (e <= start || text[e - 1] != '.') return false;
  int32_t w = e;
  while (w > start && !t.space[byte(w - 1)]) --w;
  while (w < e && t.opening[byte(w)]) ++w;
  const std::string_view word = text.substr(w, e - w);
  if (shapes.MayContain(word)) {
    if (IsAbbreviation(word, lang)) return true;
    if (Contains(kNumberAbbreviations, word)) {
      return byte(b) >= '0' && byte(b) <= '9';
    }
  }
  // An initial: one capital letter and the period.
  return byte(w) >= 'A' && byte(w) <= 'Z' && w + 2 == e;
}

void TrimAndAddScannerText(std::string_view text, int32_t begin, int32_t end,
                           std::vector<Span>* out) {
  const AsciiTables& t = ScannerTables();
  while (begin < end && t.space[static_cast<uint8_t>(text[begin])]) ++begin;
  while (end > begin && t.space[static_cast<uint8_t>(text[end - 1])]) --end;
  if (end > begin)
    out->push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
}

// Adds [begin, end) to *out, split after any "…" that is followed by white
// space and a capitalised word.
void AddWithEllipsisSplits(std::string_view text, int32_t begin, int32_t end,
                           std::vector<Span>* out) {
  constexpr std::string_view kEllipsis = "\u2026";
  int32_t from = begin;
  size_t pos = text.find(kEllipsis, static_cast<size_t>(begin));
  while (pos != std::string_view::npos && static_cast<int32_t>(pos) < end) {
    int32_t q = static_cast<int32_t>(pos + kEllipsis.size());
    const int32_t after = q;
    while (q < end) {
      const CodePoint cp = At(text, q);
      if (!IsSpace(cp.c)) break;
      q = cp.end;
    }
    if (q > after && q < end) {
      CodePoint next = At(text, q);
      if (IsOpening(next.c) && next.end < end) next = At(text, next.end);
      if (next.c >= 0 && (u_isupper(next.c) || u_istitle(next.c))) {
        TrimAndAdd(text, from, q, out);
        from = q;
      }
    }
    pos = text.find(kEllipsis, pos + kEllipsis.size());
  }
  TrimAndAdd(text, from, end, out);
}

// Sentence_Break classes the ASCII scanner knows (UAX #29 table 4).
enum SentenceClass : uint8_t {
  kSbOther,
  kSbCr,
  kSbLf,
  kSbSp,
  kSbLower,
  kSbUpper,
  kSbNumeric,
  kSbATerm,
  kSbSTerm,
  kSbClose,
  kSbSContinue,
};

struct SentenceClasses {
  // By byte. Bytes >= 0x80 only ever stand for the dashes below: the lead
  // byte of "\u2013" and "\u2014" (E2 80 93, E2 80 94) takes their class,
  // SContinue, and the two continuation bytes are Other, which no rule looks
  // at (no rule looks at the class before an SContinue, and SB8 skips both).
  std::array<SentenceClass, 256> of{};
  bool usable = false;  // every ASCII character maps to a class above
  bool dashes = false;  // both dashes are SContinue: texts may hold them
  // The bytes of class CR, LF, ATerm or STerm, where the scanner has work to
  // do, are exactly "\r", "\n", ".", "!" and "?" (NextStop() finds them).
  bool stops_are_known = false;
};

// The first position >= i holding "\r", "\n", ".", "!", "?" or a byte >=
// 0x80, or text.size(); 16 bytes per step.
size_t NextStop(std::string_view text, size_t i) {
  const size_t n = text.size();
  const char* p = text.data();
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))),
                     _mm_cmpeq_epi8(v, _mm_set1_epi8('?'))));
    // movemask of v itself: the bytes >= 0x80.
    const int mask = _mm_movemask_epi8(hit) | _mm_movemask_epi8(v);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
  }
  for (; i < n; ++i) {
    const char c = p[i];
    if (c == '\r' || c == '\n' || c == '.' || c == '!' || c == '?' ||
        static_cast<uint8_t>(c) >= 0x80) {
      return i;
    }
  }
  return n;
}

// The classes of the ASCII characters, from ICU's character data.
const SentenceClasses& AsciiSentenceClasses() {
  static const SentenceClasses kClasses = [] {
    SentenceClasses t;
    t.usable = true;
    for (UChar32 c = 0; c < 128; ++c) {
      switch (u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK)) {
        case U_SB_OTHER:
          t.of[c] = kSbOther;
          break;
        case U_SB_CR:
          t.of[c] = kSbCr;
          break;
        case U_SB_LF:
          t.of[c] = kSbLf;
          break;
        case U_SB_SP:
          t.of[c] = kSbSp;
          break;
        case U_SB_LOWER:
          t.of[c] = kSbLower;
          break;
        case U_SB_UPPER:
          t.of[c] = kSbUpper;
          break;
        case U_SB_NUMERIC:
          t.of[c] = kSbNumeric;
          break;
        case U_SB_ATERM:
          t.of[c] = kSbATerm;
          break;
        case U_SB_STERM:
          t.of[c] = kSbSTerm;
          break;
        case U_SB_CLOSE:
          t.of[c] = kSbClose;
          break;
        case U_SB_SCONTINUE:
          t.of[c] = kSbSContinue;
          break;
        default:
          t.usable = false;  // Extend, Format, Sep, OLetter
      }
    }
    // Without ICU's character data every class reads as Other; the scanner
    // would then disagree with the no-data fallback.
    t.usable = t.usable && t.of['.'] == kSbATerm && t.of['a'] == kSbLower;
    t.dashes = u_getIntPropertyValue(0x2013, UCHAR_SENTENCE_BREAK) ==
                   U_SB_SCONTINUE &&
               u_getIntPropertyValue(0x2014, UCHAR_SENTENCE_BREAK) ==
                   U_SB_SCONTINUE;
    if (t.dashes) t.of[0xE2] = kSbSContinue;
    t.stops_are_known = true;
    for (int c = 0; c < 256; ++c) {
      const SentenceClass k = t.of[c];
      const bool stop =
          k == kSbCr || k == kSbLf || k == kSbATerm || k == kSbSTerm;
      const bool listed =
          c == '\r' || c == '\n' || c == '.' || c == '!' || c == '?';
      if (stop != listed) t.stops_are_known = false;
    }
    return t;
  }();
  return kClasses;
}

// SB8: after "." (and Close* Sp*), skipping what is not a letter, a line
// break or a terminator, the next character is a lowercase letter.
bool LowerFollows(const SentenceClasses& t, std::string_view text, size_t i) {
  for (; i < text.size(); ++i) {
    switch (t.of[static_cast<uint8_t>(text[i])]) {
      case kSbLower:
        return true;
      case kSbUpper:
      case kSbCr:
      case kSbLf:
      case kSbATerm:
      case kSbSTerm:
        return false;
      default:
        break;
    }
  }
  return false;
}

bool ScanAsciiSentences(std::string_view text, std::vector<int32_t>* out) {
  out->clear();
  const SentenceClasses& t = AsciiSentenceClasses();
  if (!t.usable) return false;
  const size_t n = text.size();
  auto cls = [&](size_t i) { return t.of[static_cast<uint8_t>(text[i])]; };
  size_t i = 0;
  while (i < n) {
    if (t.stops_are_known) {
      i = NextStop(text, i);
      if (i >= n) break;
    }
    // The scanner reads ASCII, and with t.dashes also "\u2013" and
    // "\u2014" (news text's dashes); any other byte >= 0x80 sends the text
    // to ICU. Every byte comes here or is passed over as Close, Sp, CR or
    // LF, which no byte >= 0x80 is.
    if (static_cast<uint8_t>(text[i]) >= 0x80) {
      if (!t.dashes || i + 3 > n || text[i] != '\xE2' ||
          text[i + 1] != '\x80' ||
          (text[i + 2] != '\x93' && text[i + 2] != '\x94')) {
        return false;
      }
      i += 3;
      continue;
    }
    const SentenceClass c = cls(i);
    if (c == kSbLf || c == kSbCr) {  // SB3, SB4
      i += (c == kSbCr && i + 1 < n && cls(i + 1) == kSbLf) ? 2 : 1;
      out->push_back(static_cast<int32_t>(i));
      continue;
    }
    if (c != kSbATerm && c != kSbSTerm) {
      ++i;
      continue;
    }
    // A terminator at i: skip Close* Sp* (SB9, SB10).
    const size_t term = i;
    size_t p = i + 1;
    while (p < n && cls(p) == kSbClose) ++p;
    while (p < n && cls(p) == kSbSp) ++p;
    if (p >= n) break;  // the end is a boundary anyway
    const SentenceClass next = cls(p);
    if (next == kSbLf || next == kSbCr) {  // SB11 with a ParaSep
      p += (next == kSbCr && p + 1 < n && cls(p + 1) == kSbLf) ? 2 : 1;
      out->push_back(static_cast<int32_t>(p));
      i = p;
      continue;
    }
    bool joined =
        next == kSbSContinue || next == kSbATerm || next == kSbSTerm;  // SB8a
    if (!joined && c == kSbATerm) {
      if (p == term + 1) {
        joined =
            next == kSbNumeric ||  // SB6
            (next == kSbUpper && term > 0 &&
             (cls(term - 1) == kSbUpper || cls(term - 1) == kSbLower));  // SB7
      }
      joined = joined || LowerFollows(t, text, p);  // SB8
    }
    if (!joined) out->push_back(static_cast<int32_t>(p));  // SB11
    i = p;
  }
  if (out->empty() || out->back() != static_cast<int32_t>(n))
    out->push_back(static_cast<int32_t>(n));
  return true;
}
}  // namespace

std::vector<Span> SplitSentences(std::string_view utf8, std::string_view lang) {
  std::vector<Span> out;
  if (utf8.empty()) return out;
  const std::string primary = PrimaryLanguage(lang);
  const int32_t n = static_cast<int32_t>(utf8.size());
  const AbbreviationShapes& shapes = ShapesFor(primary);
  thread_local std::vector<int32_t> boundaries;
  if (primary == "en" && ScanAsciiSentences(utf8, &boundaries)) {
    int32_t start = 0;
    for (int32_t b : boundaries) {
      if (b < n && VetoedInScannerText(utf8, start, b, primary, shapes)) {
        continue;
      }
      TrimAndAddScannerText(utf8, start, b, &out);  // and no "…"
      start = b;
    }
    return out;
  }
  icu::BreakIterator* iter = SentenceIteratorOn(utf8, primary);
  if (iter == nullptr) {
    AddWithEllipsisSplits(utf8, 0, n, &out);  // no ICU data: one sentence
    return out;
  }
  int32_t start = iter->first();
  for (int32_t b = iter->next(); b != icu::BreakIterator::DONE;
       b = iter->next()) {
    if (b < n && Vetoed(utf8, start, b, primary, shapes)) continue;
    AddWithEllipsisSplits(utf8, start, b, &out);
    start = b;
  }
  return out;
}

namespace internal {

void IcuSentenceBoundaries(std::string_view utf8, std::vector<int32_t>* out) {
  out->clear();
  if (utf8.empty()) return;
  icu::BreakIterator* iter = SentenceIteratorOn(utf8, "en");
  if (iter == nullptr) {
    out->push_back(static_cast<int32_t>(utf8.size()));
    return;
  }
  iter->first();
  for (int32_t b = iter->next(); b != icu::BreakIterator::DONE;
       b = iter->next()) {
    out->push_back(b);
  }
}

bool AsciiSentenceBoundaries(std::string_view utf8, std::vector<int32_t>* out) {
  const bool ok = ScanAsciiSentences(utf8, out);
  if (ok && utf8.empty()) out->clear();
  return ok;
}

}  // namespace internal

}  // namespace concord::text
