// Internals of Tokenize() exposed for tests only; not for other modules.
#ifndef CONCORD_TEXT_TOKENIZER_INTERNAL_H_
#define CONCORD_TEXT_TOKENIZER_INTERNAL_H_

#include <string_view>
#include <vector>

#include "src/text/segmenter.h"

namespace concord::text::internal {

// Tokenize() with the ASCII fast path switched off: ICU finds every word
// boundary. The slow, obviously-correct reference that tokenizer_test.cc
// compares the fast path against.
// REQUIRES: out != nullptr.
void TokenizeWithIcuOnly(std::string_view utf8, std::vector<Token>* out,
                         const TokenizeOptions& options);

// Whether Tokenize() may classify bytes with AVX2 where the processor has
// it (the default, true); tests turn it off to hold the SSE2 path to ICU
// too. Not thread-safe: call it with no Tokenize() running.
void UseAvx2ForTest(bool use);

}  // namespace concord::text::internal

#endif  // CONCORD_TEXT_TOKENIZER_INTERNAL_H_
