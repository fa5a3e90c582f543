// Stop words: the function words a matcher should not count.
//
// Lists the team wrote itself (no third-party list): English (~280 words,
// including news reporting verbs such as "said", "says", "told" and the
// titles "mr", "mrs", "ms"), and shorter lists for fr, de, es, it, pt and nl.
// Entries are stored folded, as FoldWord() writes them ("dass", not "daß";
// "don't" with an ASCII apostrophe). Other languages have no stop words.
//
// Thread safety: safe from any thread; the hash sets are built once, on first
// use, as function-local statics.
// Cost: one hash lookup, no allocation.
#ifndef CONCORD_TEXT_STOPWORDS_H_
#define CONCORD_TEXT_STOPWORDS_H_

#include <string_view>
#include <vector>

namespace concord::text {

// Whether `folded_word` (the output of FoldWord) is a stop word in `lang`, an
// ISO 639-1 code ("en", "fr"; "en-GB" and "EN" mean "en"). False for
// languages without a list.
bool IsStopword(std::string_view folded_word, std::string_view lang);

// The whole list for `lang`, in no particular order; empty without a list.
// For tests and for documentation tools.
std::vector<std::string_view> StopwordList(std::string_view lang);

}  // namespace concord::text

#endif  // CONCORD_TEXT_STOPWORDS_H_
