// Internals of SplitSentences() exposed for tests only; not for other modules.
#ifndef CONCORD_TEXT_SEGMENTER_INTERNAL_H_
#define CONCORD_TEXT_SEGMENTER_INTERNAL_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace concord::text::internal {

// ICU's English sentence boundaries of `utf8` (every boundary after 0, the
// end included), before any veto. The reference the ASCII scanner is tested
// against. Without ICU data: just the end.
// REQUIRES: out != nullptr; utf8.size() < 2^31.
void IcuSentenceBoundaries(std::string_view utf8, std::vector<int32_t>* out);

// The same boundaries from the ASCII scanner. Returns false, leaving *out
// unspecified, when the scanner does not apply: a byte >= 0x80, or ICU's
// character data puts an ASCII character in a class the scanner does not
// handle.
// REQUIRES: out != nullptr; utf8.size() < 2^31.
bool AsciiSentenceBoundaries(std::string_view utf8, std::vector<int32_t>* out);

}  // namespace concord::text::internal

#endif  // CONCORD_TEXT_SEGMENTER_INTERNAL_H_
