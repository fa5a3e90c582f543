// Numbers in English news text: values of numeric tokens and number phrases,
// and every number mention in a text with its byte offsets.
//
// What counts as a number:
//   digits            "1,200"  "3.5"  "1.200.000"  "1,5" (one comma, not
//                     followed by exactly three digits, is a decimal comma)
//                     "１２" (full-width digits)
//   plural digits     "1000's"  "1000s"  "1990s"  (value 1000 / 1990,
//   approximate) digits + scale    "1.2 million"  "3 thousand"  "3.5bn"  "2
//   tn"; the
//                     ambiguous one-letter suffixes k, m, b, t count only
//                     after a currency sign ("$3.5b", "£100m"); "100m" alone
//                     may be metres
//   currency, sign, % "$3.5bn" -> 3.5e9   "-4" -> -4   "12%" -> 12 (the sign
//                     and "%" are part of the mention; the unit is not kept)
//   number words      "one" .. "ninety-nine", "two hundred and fifty",
//                     "three thousand four hundred", "a hundred", "a dozen"
//                     (12), "two dozen", "half a million" (5e5), "one and a
//                     half million" (1.5e6), "twenty five" (spaces or hyphens)
//   ordinals          "fifth" -> 5, "twenty-first" -> 21, "5th" -> 5
//                     (ParseNumber only; FindNumbers skips ordinals)
//   "half"            0.5 (ParseNumber only; too often not a quantity)
// Not numbers: "thousands", "dozens", "tens of thousands" (no value), number
// words of other languages, digits of other scripts (Arabic-Indic...).
//
// Hedges make a mention approximate and become part of its span: "nearly",
// "almost", "about", "around", "approximately", "roughly", "some", "over",
// "under", "circa", "(an) estimated", "more than", "less than", "fewer
// than", "at least", "at most", "up to", "close to", "as many as", "as much
// as", "upwards of", "just over", "just under", "well over"; and after the
// number: "or so", "-odd", "-plus", "+". Plural digits ("1000's") are
// approximate too.
//
// Years (1900-2100 as four digits without a comma) are numbers like any
// other; the caller decides. A number glued to a unit ("5km", "10am") gives
// a mention for its digits alone ("5"), and ParseNumber() rejects it.
//
// Thread safety: pure functions, safe from any thread.
// Cost: one Tokenize() of the input plus a linear scan of its tokens.
#ifndef CONCORD_TEXT_NUMBERS_H_
#define CONCORD_TEXT_NUMBERS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "src/text/segmenter.h"

namespace concord::text {

// The value of a numeric token or number phrase, which must be nothing else
// (surrounding white space aside): "1,200" -> 1200, "3.5" -> 3.5,
// "1000's" -> 1000, "one" -> 1, "twenty-five" -> 25, "1.2 million" -> 1.2e6,
// "a dozen" -> 12, "half" -> 0.5, "fifth" -> 5, "nearly 1,250" -> 1250
// (hedges are allowed and ignored). nullopt for "thousands", "5km", "", or
// any text with words left over ("1,200 people").
std::optional<double> ParseNumber(std::string_view text);

struct NumberMention {
  // Byte offsets of the whole mention, hedge, sign and "%" included.
  uint32_t begin = 0, end = 0;
  double value = 0;
  // A hedge ("nearly", "about", "some", "more than", ...) or a plural
  // ("1000's") marks the value as approximate.
  bool approximate = false;
};

// All numbers in a text, digits and number words (including multiword "two
// hundred and fifty", "1.2 million"), in order, non-overlapping.
std::vector<NumberMention> FindNumbers(std::string_view utf8);
// The same over tokens the caller already has, saving the tokenisation.
// REQUIRES: `tokens` is what Tokenize(utf8, &tokens, {.keep_punct = true})
// gives.
std::vector<NumberMention> FindNumbers(std::string_view utf8,
                                       const std::vector<Token>& tokens);
// The same, trying only the tokens in `starts` (indexes into `tokens`, in
// increasing order): a caller that has already classified its tokens saves
// the look-up per token. REQUIRES: `starts` holds every i with
// MayStartNumberAt(utf8, tokens, i) (more are allowed: no number starts
// there).
std::vector<NumberMention> FindNumbers(std::string_view utf8,
                                       const std::vector<Token>& tokens,
                                       std::span<const uint32_t> starts);

// One ASCII punctuation byte that cannot start a mention: a phrase starting
// at punctuation needs a sign or a currency symbol, and the only ASCII
// currency symbol is '$' (non-ASCII punctuation takes the full path). For
// a punctuation token `t` of `utf8`, MayStartNumber is !NonStarterPunct.
inline bool NonStarterPunct(std::string_view utf8, const Token& t) {
  if (t.end - t.begin != 1) return false;
  const unsigned char c = static_cast<unsigned char>(utf8[t.begin]);
  return c < 0x80 && c != '-' && c != '+' && c != '$';
}

// Whether a number mention may start at token `t` of `utf8` (as Tokenize
// gives it, punctuation kept): a number; a word among NumberStarterWords();
// punctuation other than one ASCII character that is not "-", "+" or "$".
// False proves that FindNumbers finds no mention starting there.
bool MayStartNumber(std::string_view utf8, const Token& t);
// MayStartNumber with a look at the tokens after a word: a hedge of several
// words ("at least") needs its next word, "a" needs "hundred", "dozen" or a
// scale word, a hedge of one word ("about") a number or punctuation or a
// word that may start one. False still proves that FindNumbers finds no
// mention starting at tokens[i]. REQUIRES: i < tokens.size(); `tokens` as
// for FindNumbers.
bool MayStartNumberAt(std::string_view utf8, const std::vector<Token>& tokens,
                      size_t i);
// MayStartNumberAt's rules for callers that classify their tokens in a
// pass of their own: each starter word with what it needs after it (the
// bits of a word with several uses are OR'd; any one met will do).
enum NumberStarterNeed : uint8_t {
  kStartsAlone = 1,      // a number word ("two", "fifth", "half")
  kNeedsHedgeWord = 2,   // a hedge's first word: a word of
                         // NumberHedgeLaterWords() right after it
  kNeedsScale = 4,       // "a", "an": one of NumberArticleScales() one or
                         // two tokens on
  kNeedsNumberNext = 8,  // a hedge of one word: a next token that is not a
                         // word, or is a starter word
};
std::vector<std::pair<std::string_view, uint8_t>> NumberStarterNeeds();
// "least", "than", "many", ...: the words after a hedge's first.
std::vector<std::string_view> NumberHedgeLaterWords();
// "hundred", "dozen", "thousand", "million", "billion", "trillion".
std::vector<std::string_view> NumberArticleScales();
// The folded words a mention can start with: number words, ordinals, the
// first words of the hedges, "a", "an", "half" (for callers that fold them
// into a word table of their own).
std::vector<std::string_view> NumberStarterWords();

}  // namespace concord::text

#endif  // CONCORD_TEXT_NUMBERS_H_
