// Language identification with CLD2 (Compact Language Detector 2).
//
// DetectLanguage() names the main language of a text as an ISO 639-1 code
// ("en", "fr", "uk"), or a longer ISO 639 code where 639-1 has none ("haw",
// "ceb"). It returns "" when CLD2 is not confident: empty or very short
// text, text mixing languages with no clear majority, text in no language
// (numbers, URLs), or text that is not valid UTF-8 from its first byte.
//
// CLD2's legacy codes are modernised ("iw" -> "he", "jw" -> "jv") and script
// or region variants reduced to the language ("zh-Hant" -> "zh").
//
// Thread safety: safe from any thread (CLD2 keeps no mutable state).
// Cost: linear in the text; only the first 256 KiB are read, cut at a
// character boundary.
#ifndef CONCORD_TEXT_LANGID_H_
#define CONCORD_TEXT_LANGID_H_

#include <string>
#include <string_view>

namespace concord::text {

// ISO 639-1 code of the text's language, or "" when unknown or unreliable.
std::string DetectLanguage(std::string_view utf8);

}  // namespace concord::text

#endif  // CONCORD_TEXT_LANGID_H_
