// Shingles: an article body as a set of word k-grams, for near-duplicate
// detection, plus an exact fingerprint of its normalised text.
//
//   Shingler shingler({.words = 5});
//   Shingles s;
//   shingler.Shingle(body, &s);  // s.hashes: one uint64 per 5-word window
//
// Words are the tokens of text::Tokenize (words and numbers, punctuation and
// white space dropped), each folded (Token::norm: NFKC + case folding), so
// "The DAM, failed" and "the dam failed" give the same words.
//
// Definition (shingles.cc has the constants and the reasons):
//   word hash w    a folded word of at most 16 bytes: a multiply-xor mix of
//                  its bytes (zero-padded to 16) and its length, then the
//                  two halves of its 128-bit product by an odd constant,
//                  xored; a longer word: XXH3 of its bytes.
//   shingle        P = w[i] B^(k-1) + ... + w[i+k-1] (mod 2^64) for the
//                  k words of window i, B a fixed odd constant; a body of
//                  fewer than k words (but at least one) is a single
//                  shingle of all its words. Not avalanched again: the
//                  word hashes are, and MinHash and SimHash mix each
//                  shingle before use.
//   exact          XXH3 of the word hashes in order: two bodies that differ
//                  only in case, punctuation or white space have the same
//                  fingerprint.
// Nothing stores these values, so the definition may change (it did: each
// window was an XXH3 of its 8k word-hash bytes, then Fmix64(P ^ seed), and
// the fingerprint hashed the words joined by spaces). Shingles are the same on every machine; the
// fingerprint hashes the word hashes' bytes, so it depends on byte order.
//
// A Shingler owns scratch buffers: it is not thread-safe; use one per thread.
// Cost: one SIMD classification pass over the body, then a few bit
// searches and multiplies per word and per shingle (pure-ASCII stretches
// never reach ICU or build a token; see shingles.cc); once warm, no
// allocation on ASCII text.
#ifndef CONCORD_SKETCH_SHINGLES_H_
#define CONCORD_SKETCH_SHINGLES_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/sketch/minhash.h"
#include "src/text/segmenter.h"

namespace concord::sketch {

struct ShingleOptions {
  // Words per shingle (k). 5 is the usual choice for news-length texts:
  // short enough that a one-word edit spoils only k shingles, long enough
  // that unrelated articles on one topic share few of them.
  // REQUIRES: words >= 1.
  int words = 5;
};

struct Shingles {
  // One hash per window of `words` consecutive words, in text order;
  // repeated passages give repeated hashes (callers that need a set, such as
  // Jaccard, treat them as one; MinHash and SimHash do so naturally).
  std::vector<uint64_t> hashes;
  // Hash of the sequence of word hashes; 0 when there is no word at all
  // (Shingler never produces 0 otherwise).
  uint64_t exact = 0;
  uint32_t words = 0;  // word and number tokens in the body
};

class Shingler {
 public:
  explicit Shingler(const ShingleOptions& options = {});
  Shingler(const Shingler&) = delete;
  Shingler& operator=(const Shingler&) = delete;

  // Replaces *out with the shingles and fingerprint of `body`.
  // REQUIRES: out != nullptr; body.size() < 2^31 (as for text::Tokenize).
  void Shingle(std::string_view body, Shingles* out);

  // What near-duplicate detection needs, in one pass: sets out->exact and
  // out->words as Shingle does, leaves out->hashes empty, and sets
  // *minhash to ComputeMinHash(the hashes Shingle would give,
  // minhash_options), the shingles added to the signature as they are
  // rolled (AddWindowsToMinHash), not returned.
  // REQUIRES: out != nullptr; minhash != nullptr; body.size() < 2^31.
  void ShingleToMinHash(std::string_view body,
                        const MinHashOptions& minhash_options, Shingles* out,
                        MinHashSignature* minhash);

  const ShingleOptions& options() const { return options_; }

 private:
  // The word hashes of `body` (the scratch words_, valid until the next
  // call).
  std::span<const uint64_t> ScanWords(std::string_view body);
  // Appends one folded word (from the non-ASCII path) to the scratch.
  void AddFolded(std::string_view folded);
  // Appends the words of a stretch holding non-ASCII bytes, via Tokenize.
  void AddTokenized(std::string_view stretch);
  // Appends the words of the piece starting at body[piece_begin] by the
  // tokenizer's ASCII rules, or, if it holds a non-ASCII byte, those of
  // the stretch of non-ASCII pieces it starts, via Tokenize; returns where
  // the piece or stretch ends. REQUIRES: lowered_ holds the body lowered.
  size_t ScanPieceSlowly(std::string_view body, size_t piece_begin);

  ShingleOptions options_;
  std::vector<text::Token> tokens_;  // scratch for non-ASCII stretches
  uint64_t base_power_k_ = 1;  // B^k, to roll the window polynomial
  // Scratch kept at its high-water size (so never zero-filled twice): one
  // hash per word in words_[0, word_count_).
  std::vector<uint64_t> words_;
  std::string lowered_;  // the body with ASCII letters lower-cased
  // Per 64-byte block of the body: the core and slow bit masks
  // (shingles.cc, Classify).
  std::vector<uint64_t> masks_;
  size_t word_count_ = 0;
};

// Exact Jaccard similarity |A ∩ B| / |A ∪ B| of the sets of hashes in `a`
// and `b` (repeats ignored); 0 when both are empty. The slow,
// obviously-correct reference for MinHash and the LSH index.
// Cost: O((|a| + |b|) log) for the sorted copies it makes.
double ExactJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b);

}  // namespace concord::sketch

#endif  // CONCORD_SKETCH_SHINGLES_H_
