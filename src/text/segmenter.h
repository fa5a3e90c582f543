// Sentence and word segmentation of UTF-8 text, with byte offsets.
//
// Both functions follow Unicode's segmentation rules (UAX #29) as ICU
// implements them, read straight from the caller's UTF-8 through a UText (no
// UTF-16 copy of the text), with a few news-specific corrections on top:
//
//   SplitSentences  does not split after "Mr.", "Dr.", "U.S.", "Gen." and the
//                   other abbreviations listed in segmenter.cc, nor after a
//                   single-capital initial ("John F. Kennedy"); it does split
//                   after "…" when a capitalised word follows.
//   Tokenize        keeps "U.S." (with its final period) and "1000's" as
//                   single tokens, where ICU alone would split them.
//
// Offsets are bytes into the caller's buffer; no result points into it, so
// the results outlive the input.
//
// Thread safety: both functions are safe to call concurrently. Each thread
// keeps its own ICU break iterators (made on first use, then reused), so
// the first call on a thread costs more than later ones.
// Cost: linear in the input. Tokenize scans pure-ASCII stretches with a
// hand-written scanner that yields exactly ICU's word boundaries
// (tokenizer_test.cc checks this against ICU on generated text), and hands
// only the stretches that hold non-ASCII bytes to ICU (Tokenize into a
// TokenList does the same, without a string per token). SplitSentences has
// a scanner for English text that is all ASCII apart from en and em dashes
// (segmenter_test.cc checks its boundaries against ICU's); any other text
// goes to ICU whole.
//
// REQUIRES (both functions): utf8.size() < 2^31. Invalid UTF-8 is not an
// error; each ill-formed byte behaves like U+FFFD.
#ifndef CONCORD_TEXT_SEGMENTER_H_
#define CONCORD_TEXT_SEGMENTER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace concord::text {

struct Span {
  uint32_t begin = 0;  // byte offsets [begin, end)
  uint32_t end = 0;
};

// Sentences of `utf8`, in order. Uses ICU's sentence break iterator for the
// locale `lang` (an ISO 639-1 code; "" means "en"), then vetoes boundaries
// after the abbreviations on our list for that language and after initials.
// (ICU's own suppressions, "@ss=standard", are not used: they also fire
// inside words, keeping "joined NATO. The" together; see segmenter.cc.)
// Each span is trimmed of surrounding Unicode white space; empty spans are
// dropped.
std::vector<Span> SplitSentences(std::string_view utf8,
                                 std::string_view lang = "en");

enum class TokenKind : uint8_t {
  kWord,    // letters, possibly with digits, "_", "@", inner "'" or "."
  kNumber,  // starts with a decimal digit: "1,200", "3.5", "1000's", "5th"
  kPunct,   // anything else that is not white space: "-", "$", "%", "—"
};

struct Token {
  uint32_t begin = 0, end = 0;  // byte offsets into the input
  TokenKind kind = TokenKind::kWord;
  bool capitalized = false;  // the first letter is uppercase in the original
  bool all_caps = false;     // >= 2 letters, all uppercase ("UAE", "NATO")
  // FoldWord() of the token text. For kNumber that is the digits as written
  // ("1,200"; full-width digits become ASCII, "1000’s" becomes "1000's").
  std::string norm;
};

struct TokenizeOptions {
  // Emit punctuation and symbols as kPunct tokens. White space is never
  // emitted. Default: words and numbers only.
  bool keep_punct = false;
};

// Replaces *out with the tokens of `utf8`, in order. Word boundaries are
// ICU's (UAX #29 with ICU's tailoring: "don't", "3.5", "1,200", "e.g" stay
// whole; "twenty-five" splits at the hyphen), then two merges: an abbreviation
// whose dot-separated parts have one or two letters takes its final period
// ("U.S.", "e.g.", "Ph.D."), and a number followed by "'s" or "’s" becomes one
// kNumber token ("1000's").
// REQUIRES: out != nullptr.
void Tokenize(std::string_view utf8, std::vector<Token>* out,
              const TokenizeOptions& options = {});

// A token as Tokenize() gives it, with its norm kept in the TokenList's
// shared buffer instead of a string of its own.
struct TokenRef {
  uint32_t begin = 0, end = 0;            // byte offsets into the input
  uint32_t norm_begin = 0, norm_end = 0;  // offsets into TokenList::norms
  TokenKind kind = TokenKind::kWord;
  bool capitalized = false;
  bool all_caps = false;
};

struct TokenList {
  std::vector<TokenRef> tokens;
  // The norms: for tokens of all-ASCII stretches, the input lower-cased at
  // the token's own offsets; others' after it.
  std::string norms;

  std::string_view norm(const TokenRef& t) const {
    return std::string_view(norms).substr(t.norm_begin,
                                          t.norm_end - t.norm_begin);
  }
};

// Tokenize() into a TokenList: the same tokens, kinds, flags and norms, for
// a fraction of the cost (no string per token; reusing one TokenList across
// calls allocates nothing once warm). `out` is replaced.
// REQUIRES: out != nullptr.
void Tokenize(std::string_view utf8, TokenList* out,
              const TokenizeOptions& options = {});

}  // namespace concord::text

#endif  // CONCORD_TEXT_SEGMENTER_H_
