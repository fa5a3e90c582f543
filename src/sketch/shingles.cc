// Word shingling (Broder, Glassman, Manasse & Zweig 1997, "Syntactic
// clustering of the Web"): a document is the set of its contiguous k-word
// windows, and two documents are near-duplicates when those sets overlap
// much (Jaccard). Shingles of words rather than characters make the measure
// blind to punctuation, case and spacing, and a one-word edit costs at most
// k shingles out of n.
//
// Each folded word is hashed once (xxHash XXH3); a shingle is the XXH3 of
// its k word hashes read as 8k contiguous bytes straight from the word-hash
// buffer, so no k-gram string is ever built. The exact fingerprint hashes the
// folded words joined by single spaces, built in a reused buffer.
//
// Cost: Tokenize (linear, an ASCII fast path) + one hash per word and per
// shingle. Tests: shingles_test.cc (golden equalities under case,
// punctuation and spacing; counts for short texts; ExactJaccard by hand).
#include "src/sketch/shingles.h"

#include <algorithm>

#include "src/base/hash.h"

namespace concord::sketch {
namespace {

constexpr uint64_t kWordSeed = 0x73686e676c77ULL;     // "shnglw"
constexpr uint64_t kShingleSeed = 0x73686e676c73ULL;  // "shngls"
constexpr uint64_t kExactSeed = 0x73686e676c65ULL;    // "shngle"

std::string_view AsBytes(const uint64_t* begin, size_t count) {
  return {reinterpret_cast<const char*>(begin), count * sizeof(uint64_t)};
}

}  // namespace

Shingler::Shingler(const ShingleOptions& options) : options_(options) {
  if (options_.words < 1) options_.words = 1;
}

void Shingler::Shingle(std::string_view body, Shingles* out) {
  text::Tokenize(body, &tokens_);
  words_.clear();
  normalized_.clear();
  for (const text::Token& t : tokens_) {
    if (t.norm.empty()) continue;
    words_.push_back(Hash64(t.norm, kWordSeed));
    if (!normalized_.empty()) normalized_.push_back(' ');
    normalized_.append(t.norm);
  }
  out->hashes.clear();
  out->words = static_cast<uint32_t>(words_.size());
  if (words_.empty()) {
    out->exact = 0;
    return;
  }
  out->exact = Hash64(normalized_, kExactSeed);
  if (out->exact == 0) out->exact = 1;
  const size_t k = static_cast<size_t>(options_.words);
  if (words_.size() <= k) {
    out->hashes.push_back(
        Hash64(AsBytes(words_.data(), words_.size()), kShingleSeed));
    return;
  }
  const size_t n = words_.size() - k + 1;
  out->hashes.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    out->hashes.push_back(Hash64(AsBytes(words_.data() + i, k), kShingleSeed));
  }
}

double ExactJaccard(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  std::vector<uint64_t> x(a.begin(), a.end()), y(b.begin(), b.end());
  std::sort(x.begin(), x.end());
  x.erase(std::unique(x.begin(), x.end()), x.end());
  std::sort(y.begin(), y.end());
  y.erase(std::unique(y.begin(), y.end()), y.end());
  if (x.empty() && y.empty()) return 0;
  size_t common = 0;
  for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i] < y[j]) {
      ++i;
    } else if (y[j] < x[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(common) /
         static_cast<double>(x.size() + y.size() - common);
}

}  // namespace concord::sketch
