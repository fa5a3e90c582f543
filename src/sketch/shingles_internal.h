// Internals of Shingler exposed for tests and benchmarks only; not for other
// modules.
#ifndef CONCORD_SKETCH_SHINGLES_INTERNAL_H_
#define CONCORD_SKETCH_SHINGLES_INTERNAL_H_

#include <cstdint>
#include <string_view>

#include "src/sketch/shingles.h"

namespace concord::sketch::internal {

// The word hash of one folded word (shingles.h gives the definition), for
// tests of its collisions.
uint64_t WordHash(std::string_view word);

// Whether Shingler may use AVX2 (its first pass) and BMI1 (its word loop)
// where the processor has them (the default, true); tests turn it off to
// hold the SSE2 and plain x86-64 paths to the reference too. Not
// thread-safe: call it with no Shingler running.
void UseAvx2ForTest(bool use);

// Shingler::Shingle computed the slow, obviously-correct way: text::Tokenize
// (one Token with its folded norm per word), then the word, shingle and
// exact hashes of those norms. The reference that shingles_test.cc holds the
// scanning fast path to, hash for hash.
// REQUIRES: out != nullptr; body.size() < 2^31.
void ShingleByTokens(std::string_view body, const ShingleOptions& options,
                     Shingles* out);

}  // namespace concord::sketch::internal

#endif  // CONCORD_SKETCH_SHINGLES_INTERNAL_H_
