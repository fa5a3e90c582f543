// Text normalisation for matching and for display.
//
// Three entry points, from the cheapest to the most thorough:
//
//   UnifyPunctuation  rewrites typographic quotes, dashes, the ellipsis and
//                     Unicode spaces to their ASCII forms; case and Unicode
//                     form are kept. Pure byte scan, no ICU call. For display.
//   FoldWord          one word to its match key; ASCII words take a fast path
//                     (a byte-wise lower-casing) and never call ICU.
//   NormalizeForMatch a whole text to its match key: punctuation unified,
//                     NFKC, full Unicode case folding (ICU's NFKC_Casefold,
//                     which also drops default-ignorable code points such as
//                     U+00AD SOFT HYPHEN and U+200B ZERO WIDTH SPACE).
//
// The unified characters:
//   ‘ ’ ‚ ‛ ′ ‹ ›                  -> '
//   “ ” „ ‟ « » ″                  -> "
//   ‐ ‑ ‒ – — ― − ﹘ ﹣ － ︱ ︲      -> -
//   …                              -> ...
//   U+00A0 NBSP and the other Unicode space separators (U+1680, U+2000..200A,
//   U+202F, U+205F, U+3000)        -> ' '
// Match keys also map U+0130 LATIN CAPITAL LETTER I WITH DOT ABOVE to a plain
// "i" (default full case folding would give "i" + U+0307), so that "İstanbul"
// and "Istanbul" get the same key; dotless "ı" is left alone.
//
// Invalid UTF-8 is not an error: UnifyPunctuation copies stray bytes through,
// NormalizeForMatch and FoldWord turn each ill-formed sequence into U+FFFD,
// so match keys are always valid UTF-8.
//
// Thread safety: all functions are pure and safe to call from any thread.
// Cost: linear in the input; NormalizeForMatch and non-ASCII FoldWord make
// one ICU normalisation pass (UTF-8 to UTF-8, no UTF-16 copy).
// REQUIRES (all functions): the input is shorter than 2 GiB.
#ifndef CONCORD_TEXT_NORMALIZER_H_
#define CONCORD_TEXT_NORMALIZER_H_

#include <string>
#include <string_view>

namespace concord::text {

// NFKC, full Unicode case folding, and typographic quotes/dashes unified (see
// above). The result is a match key, not text for display.
std::string NormalizeForMatch(std::string_view utf8);

// Only the quote/dash/space/ellipsis unification; case and form kept.
std::string UnifyPunctuation(std::string_view utf8);

// The match key of one word: NormalizeForMatch(utf8_word), written to *out
// (whose capacity is reused). ASCII fast path: no ICU call when every byte is
// below 0x80.
// REQUIRES: out != nullptr.
void FoldWord(std::string_view utf8_word, std::string* out);

}  // namespace concord::text

#endif  // CONCORD_TEXT_NORMALIZER_H_
