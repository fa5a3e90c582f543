// Word shingling (Broder, Glassman, Manasse & Zweig 1997, "Syntactic
// clustering of the Web"): a document is the set of its contiguous k-word
// windows, and two documents are near-duplicates when those sets overlap
// much (Jaccard). Shingles of words rather than characters make the measure
// blind to punctuation, case and spacing, and a one-word edit costs at most
// k shingles out of n.
//
// Definition. The words are the word and number tokens of text::Tokenize,
// each folded (Token::norm). Each folded word is hashed once (XXH3, seeded);
// a shingle is the XXH3 of its k word hashes read as 8k contiguous bytes
// straight from the word-hash buffer, so no k-gram string is ever built. The
// exact fingerprint hashes the folded words joined by single spaces.
//
// The fast path. Tokenize is general: it records offsets, kinds and case
// flags, folds every token into its own string and runs a segment list
// through two merge passes; shingling needs none of that but the folded
// bytes. Shingle() therefore scans the body itself, with the same cut the
// tokenizer makes (tokenizer.cc): the text is split at ASCII white space into
// pieces, a boundary in UAX #29 whatever surrounds it. A piece of pure ASCII
// (most of an English article) is segmented here by the ASCII rules the
// tokenizer's own scanner applies — a run of letters, digits and "_", with a
// single "." or "'" joining two letters or two digits and "," or ";" joining
// two digits; a lone "_" is no word; "U.S" takes its final "." when every
// dot-separated part has one or two letters; "1000" + "'" + "s" is one
// number — and each word is lower-cased straight into the space-joined
// buffer of the exact fingerprint and hashed from there. A run of pieces
// holding non-ASCII bytes goes, with the white space before it, through
// text::Tokenize (ICU) exactly as the tokenizer would send it, into a reused
// token vector. Merges never cross white space, so the two paths meet
// cleanly, and the word hashes, shingles and fingerprint are the same, bit
// for bit, as tokenising first (internal::ShingleByTokens, kept as the
// reference).
//
// Cost: one table lookup per byte and one XXH3 per word (inlined, short
// input) and per shingle (40 bytes for k = 5); once warm, no allocation on
// ASCII text, and on non-ASCII stretches only what Tokenize needs for ICU.
//
// Tests: shingles_test.cc (golden equalities under case, punctuation and
// spacing; counts for short texts; ExactJaccard by hand; the fast path
// against ShingleByTokens on the example articles, generated ASCII edge
// cases — abbreviations, "1000's", joins at piece ends — and random
// Unicode).
#include "src/sketch/shingles.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>

#include "src/sketch/shingles_internal.h"

namespace concord::sketch {
namespace {

constexpr uint64_t kWordSeed = 0x73686e676c77ULL;     // "shnglw"
constexpr uint64_t kShingleSeed = 0x73686e676c73ULL;  // "shngls"
constexpr uint64_t kExactSeed = 0x73686e676c65ULL;    // "shngle"

uint64_t Xxh3(const void* data, size_t size, uint64_t seed) {
  return XXH3_64bits_withSeed(data, size, seed);
}

// Word_Break classes of ASCII bytes as ICU assigns them (the tokenizer's
// table), plus kHigh for bytes >= 0x80.
enum ByteClass : uint8_t {
  kOther,
  kSpace,       // tab, LF, VT, FF, CR, space: piece separators
  kLetter,      // ALetter, which in ICU includes "@"
  kDigit,       // Numeric
  kUnderscore,  // ExtendNumLet
  kMidNumLet,   // "." and "'"
  kMidNum,      // "," and ";"
  kHigh,        // part of a non-ASCII character
};

constexpr std::array<ByteClass, 256> MakeByteClasses() {
  std::array<ByteClass, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kLetter;
  t['@'] = kLetter;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  t['_'] = kUnderscore;
  t['.'] = kMidNumLet;
  t['\''] = kMidNumLet;
  t[','] = kMidNum;
  t[';'] = kMidNum;
  for (char c : {'\t', '\n', '\v', '\f', '\r', ' '})
    t[static_cast<int>(c)] = kSpace;
  for (int c = 0x80; c < 0x100; ++c) t[c] = kHigh;
  return t;
}
constexpr std::array<ByteClass, 256> kByteClass = MakeByteClasses();

inline ByteClass ClassOf(char c) {
  return kByteClass[static_cast<uint8_t>(c)];
}
inline bool IsCore(ByteClass c) {
  return c == kLetter || c == kDigit || c == kUnderscore;
}
inline bool IsAsciiLetter(char c) {
  return static_cast<unsigned>((c | 0x20) - 'a') < 26u;
}

// End of the word run that starts with the core byte at s[i], inside the
// ASCII piece ending at `end` (ScanAscii's rule in tokenizer.cc).
inline size_t RunEnd(const char* s, size_t i, size_t end) {
  ByteClass prev = ClassOf(s[i]);
  ++i;
  while (i < end) {
    const ByteClass cur = ClassOf(s[i]);
    if (IsCore(cur)) {  // WB5, WB8-WB10, WB13a/b
      prev = cur;
      ++i;
      continue;
    }
    if (i + 1 < end && (cur == kMidNumLet || cur == kMidNum)) {
      const ByteClass next = ClassOf(s[i + 1]);
      const bool letters =
          cur == kMidNumLet && prev == kLetter && next == kLetter;  // WB6/7
      const bool digits = prev == kDigit && next == kDigit;         // WB11/12
      if (letters || digits) {
        prev = next;
        i += 2;
        continue;
      }
    }
    break;
  }
  return i;
}

// "U.S", "e.g", "Ph.D" in ASCII: at least one ".", every part 1-2 letters.
bool IsShortPartAbbreviation(const char* s, size_t size) {
  int part = 0;
  bool dot = false;
  for (size_t i = 0; i < size; ++i) {
    if (s[i] == '.') {
      if (part == 0) return false;
      dot = true;
      part = 0;
    } else if (!IsAsciiLetter(s[i]) || ++part > 2) {
      return false;
    }
  }
  return dot && part > 0;
}

// Appends the shingles of the word hashes and the fingerprint of the joined
// words to *out (shared by both paths, so they cannot drift apart).
void Finish(const std::vector<uint64_t>& words, std::string_view joined,
            size_t k, Shingles* out) {
  out->hashes.clear();
  out->words = static_cast<uint32_t>(words.size());
  if (words.empty()) {
    out->exact = 0;
    return;
  }
  out->exact = Xxh3(joined.data(), joined.size(), kExactSeed);
  if (out->exact == 0) out->exact = 1;
  if (words.size() <= k) {
    out->hashes.push_back(
        Xxh3(words.data(), words.size() * sizeof(uint64_t), kShingleSeed));
    return;
  }
  const size_t n = words.size() - k + 1;
  out->hashes.resize(n);
  uint64_t* dst = out->hashes.data();
  for (size_t i = 0; i < n; ++i) {
    dst[i] = Xxh3(words.data() + i, k * sizeof(uint64_t), kShingleSeed);
  }
}

}  // namespace

Shingler::Shingler(const ShingleOptions& options) : options_(options) {
  if (options_.words < 1) options_.words = 1;
}

void Shingler::AddFolded(std::string_view folded) {
  if (!normalized_.empty()) normalized_.push_back(' ');
  normalized_.append(folded);
  words_.push_back(Xxh3(folded.data(), folded.size(), kWordSeed));
}

void Shingler::AddAsciiPiece(const char* s, size_t begin, size_t end) {
  size_t i = begin;
  while (i < end) {
    if (!IsCore(ClassOf(s[i]))) {  // punctuation: one token, not a word
      ++i;
      continue;
    }
    const size_t start = i;
    i = RunEnd(s, i, end);
    if (i - start == 1 && s[start] == '_') continue;  // ICU: not a word
    size_t stop = i;
    if (ClassOf(s[start]) == kDigit) {
      // "1000" "'" "s" -> "1000's" when the "s" is a whole run.
      if (i + 1 < end && s[i] == '\'' && (s[i + 1] | 0x20) == 's' &&
          RunEnd(s, i + 1, end) == i + 2) {
        stop = i + 2;
      }
    } else if (i < end && s[i] == '.' &&
               IsShortPartAbbreviation(s + start, i - start)) {
      stop = i + 1;  // "U.S" "." -> "U.S."
    }
    // Lower-case straight into the joined buffer; hash from there.
    if (!normalized_.empty()) normalized_.push_back(' ');
    const size_t at = normalized_.size();
    normalized_.append(s + start, stop - start);
    char* w = normalized_.data() + at;
    for (size_t j = 0, n = stop - start; j < n; ++j) {
      const char c = w[j];
      w[j] = static_cast<char>(
          c + (static_cast<unsigned>(c - 'A') < 26u ? 'a' - 'A' : 0));
    }
    words_.push_back(Xxh3(w, stop - start, kWordSeed));
    i = stop;
  }
}

void Shingler::AddTokenized(std::string_view stretch) {
  text::Tokenize(stretch, &tokens_);
  for (const text::Token& t : tokens_) {
    if (!t.norm.empty()) AddFolded(t.norm);
  }
}

void Shingler::Shingle(std::string_view body, Shingles* out) {
  words_.clear();
  normalized_.clear();
  const char* s = body.data();
  const size_t n = body.size();
  size_t pos = 0;
  while (pos < n) {
    const size_t space_begin = pos;
    while (pos < n && ClassOf(s[pos]) == kSpace) ++pos;
    if (pos >= n) break;
    const size_t piece_begin = pos;
    bool ascii = true;
    for (ByteClass c; pos < n && (c = ClassOf(s[pos])) != kSpace; ++pos) {
      ascii &= c != kHigh;
    }
    if (ascii) {
      AddAsciiPiece(s, piece_begin, pos);
      continue;
    }
    // As the tokenizer does: the following non-ASCII pieces join the
    // stretch, which goes to ICU with the white space in front of it.
    size_t stretch_end = pos;
    for (;;) {
      size_t q = stretch_end;
      while (q < n && ClassOf(s[q]) == kSpace) ++q;
      if (q >= n) break;
      bool next_ascii = true;
      size_t r = q;
      for (ByteClass c; r < n && (c = ClassOf(s[r])) != kSpace; ++r) {
        next_ascii &= c != kHigh;
      }
      if (next_ascii) break;
      stretch_end = r;
    }
    AddTokenized(body.substr(space_begin, stretch_end - space_begin));
    pos = stretch_end;
  }
  Finish(words_, normalized_, static_cast<size_t>(options_.words), out);
}

namespace internal {

void ShingleByTokens(std::string_view body, const ShingleOptions& options,
                     Shingles* out) {
  std::vector<text::Token> tokens;
  text::Tokenize(body, &tokens);
  std::vector<uint64_t> words;
  std::string joined;
  for (const text::Token& t : tokens) {
    if (t.norm.empty()) continue;
    words.push_back(Xxh3(t.norm.data(), t.norm.size(), kWordSeed));
    if (!joined.empty()) joined.push_back(' ');
    joined.append(t.norm);
  }
  Finish(words, joined, static_cast<size_t>(std::max(options.words, 1)), out);
}

}  // namespace internal
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
