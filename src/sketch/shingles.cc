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
// number. The body is first lower-cased as a whole, eight bytes at a time
// (SWAR), and each word is hashed from that copy and copied into the
// space-joined buffer of the exact fingerprint (lower-casing byte by byte
// into the buffer and hashing it at once stalled on store forwarding).
// Runs of letters and digits are skipped eight bytes at a time too. A run
// of pieces
// holding non-ASCII bytes goes, with the white space before it, through
// text::Tokenize (ICU) exactly as the tokenizer would send it, into a reused
// token vector. Merges never cross white space, so the two paths meet
// cleanly, and the word hashes, shingles and fingerprint are the same, bit
// for bit, as tokenising first (internal::ShingleByTokens, kept as the
// reference; it hashes through the xxHash library, the fast path through
// xxHash's inlined header, so the test also pins the two together).
//
// Cost: about one table lookup per byte outside words, one SWAR step per
// eight bytes inside them, one XXH3 per word (inlined, short input) and per
// shingle (40 bytes for k = 5): ~17 ns a word, 4-5 times Tokenize's speed
// (docs/performance.md). Scratch: ~11 bytes per body byte at the high-water
// mark; once warm, no allocation on ASCII text, and on non-ASCII stretches
// only what Tokenize needs for ICU.
//
// Tests: shingles_test.cc (golden equalities under case, punctuation and
// spacing; counts for short texts; ExactJaccard by hand; the fast path
// against ShingleByTokens on the example articles, a golden table of
// tokenizer edge cases — abbreviations, "1000's", joins at piece ends —,
// generated mixed Unicode text, random bytes, and folds that lengthen the
// text).
#include "src/sketch/shingles.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <span>

#include "src/base/hash.h"
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

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x80 * kOnes;

// For each byte b of `low7` (high bits clear): the byte's high bit is set
// iff lo <= b <= hi. No carry crosses a byte. REQUIRES: 1 <= lo <= hi < 0x7F.
inline uint64_t InRange(uint64_t low7, uint8_t lo, uint8_t hi) {
  return (low7 + (0x80 - lo) * kOnes) & ~(low7 + (0x7F - hi) * kOnes);
}

// High bit of each byte of x set iff that byte is not a core byte (letter,
// "@", digit, "_").
inline uint64_t NonCoreBytes(uint64_t x) {
  const uint64_t low7 = x & ~kHighBits;
  const uint64_t core =
      InRange(low7 | 0x20 * kOnes, 'a', 'z') | InRange(low7, '0', '9') |
      InRange(low7, '@', '@') | InRange(low7, '_', '_');
  return ~(core & ~x) & kHighBits;
}

// End of the word run that starts with the core byte at s[i], inside the
// ASCII piece ending at `end` (ScanAscii's rule in tokenizer.cc). The class
// of the byte before a "." or "," is that of s[i - 1], as ScanAscii's `prev`.
// Runs of core bytes are skipped eight at a time where eight bytes remain.
inline size_t RunEnd(const char* s, size_t i, size_t end) {
  ++i;
  for (;;) {
    if (std::endian::native == std::endian::little && i + 8 <= end) {
      uint64_t x;
      std::memcpy(&x, s + i, 8);
      const uint64_t non_core = NonCoreBytes(x);
      if (non_core == 0) {
        i += 8;
        continue;
      }
      i += static_cast<size_t>(std::countr_zero(non_core)) / 8;
    } else {
      while (i < end && IsCore(ClassOf(s[i]))) ++i;  // WB5, WB8-WB10, WB13
    }
    if (i + 1 >= end) return i;
    const ByteClass cur = ClassOf(s[i]);
    if (cur == kMidNumLet || cur == kMidNum) {
      const ByteClass prev = ClassOf(s[i - 1]), next = ClassOf(s[i + 1]);
      const bool letters =
          cur == kMidNumLet && prev == kLetter && next == kLetter;  // WB6/7
      const bool digits = prev == kDigit && next == kDigit;         // WB11/12
      if (letters || digits) {
        i += 2;
        continue;
      }
    }
    return i;
  }
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

// out[0, n) = s[0, n) with A-Z lower-cased, eight bytes at a time: in each
// byte (high bit masked off, so no carry crosses bytes) b + (0x80 - 'A')
// has its high bit set iff b >= 'A', b + (0x80 - 'Z' - 1) iff b > 'Z'; the
// bytes in between, unless they had the high bit, gain 0x20.
void LowerAll(const char* s, size_t n, char* out) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    std::memcpy(&x, s + i, 8);
    const uint64_t low7 = x & ~kHighBits;
    const uint64_t ge_a = low7 + (0x80 - 'A') * kOnes;
    const uint64_t gt_z = low7 + (0x80 - 'Z' - 1) * kOnes;
    const uint64_t upper = ge_a & ~gt_z & ~x & kHighBits;
    x |= upper >> 2;
    std::memcpy(out + i, &x, 8);
  }
  for (; i < n; ++i) {
    const char c = s[i];
    out[i] = static_cast<char>(
        c + (static_cast<unsigned>(c - 'A') < 26u ? 'a' - 'A' : 0));
  }
}

// out[0, size) = s[0, size), copying 16-byte blocks.
// REQUIRES: s and out readable / writable up to size rounded up to 16.
inline void CopyBlocks(const char* s, size_t size, char* out) {
  for (size_t i = 0; i < size; i += 16) std::memcpy(out + i, s + i, 16);
}

// Sets *out from the word hashes and the joined words (shared by both paths,
// so they cannot drift apart).
[[gnu::flatten]] void Finish(std::span<const uint64_t> words,
                             std::string_view joined, size_t k,
                             Shingles* out) {
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
  const size_t need = normalized_size_ + 1 + folded.size() + 16;
  if (normalized_.size() < need) normalized_.resize(2 * need);
  if (words_.size() <= word_count_) words_.resize(2 * word_count_ + 16);
  char* out = normalized_.data() + normalized_size_;
  if (normalized_size_ > 0) *out++ = ' ';
  std::copy(folded.begin(), folded.end(), out);
  normalized_size_ =
      static_cast<size_t>(out - normalized_.data()) + folded.size();
  words_[word_count_++] = Xxh3(folded.data(), folded.size(), kWordSeed);
}

void Shingler::AddTokenized(std::string_view stretch) {
  text::Tokenize(stretch, &tokens_);
  for (const text::Token& t : tokens_) {
    if (!t.norm.empty()) AddFolded(t.norm);
  }
}

[[gnu::flatten]] void Shingler::Shingle(std::string_view body,
                                        Shingles* out) {
  const char* s = body.data();
  const size_t n = body.size();
  // Pure ASCII gives at most one word per byte, and at most two joined
  // bytes per byte (a one-byte word and its space); the non-ASCII path
  // grows the buffers itself.
  if (words_.size() < n + 1) words_.resize(n + 1);
  if (normalized_.size() < 2 * n + 32) normalized_.resize(2 * n + 32);
  // Lower-casing the whole body up front keeps the word bytes' stores far
  // from the hash's loads (byte stores read back as a word at once stall
  // store forwarding).
  if (lowered_.size() < n + 16) lowered_.resize(n + 16);
  LowerAll(s, n, lowered_.data());
  const char* low = lowered_.data();
  uint64_t* hashes = words_.data();
  char* joined = normalized_.data();
  size_t count = 0, size = 0;
  size_t pos = 0;
  while (pos < n) {
    const size_t space_begin = pos;
    while (pos < n && ClassOf(s[pos]) == kSpace) ++pos;
    if (pos >= n) break;
    // Scan the piece as ASCII; undo it if a non-ASCII byte turns up.
    const size_t piece_begin = pos, count_before = count, size_before = size;
    bool ascii = true;
    while (pos < n) {
      const ByteClass c = ClassOf(s[pos]);
      if (c == kSpace) break;
      if (c == kHigh) {
        ascii = false;
        break;
      }
      if (!IsCore(c)) {  // punctuation: one token, not a word
        ++pos;
        continue;
      }
      const size_t start = pos;
      pos = RunEnd(s, pos, n);
      if (pos - start == 1 && s[start] == '_') continue;  // ICU: not a word
      size_t stop = pos;
      if (c == kDigit) {
        // "1000" "'" "s" -> "1000's" when the "s" is a whole run.
        if (pos + 1 < n && s[pos] == '\'' && (s[pos + 1] | 0x20) == 's' &&
            RunEnd(s, pos + 1, n) == pos + 2) {
          stop = pos + 2;
        }
      } else if (pos < n && s[pos] == '.' &&
                 IsShortPartAbbreviation(s + start, pos - start)) {
        stop = pos + 1;  // "U.S" "." -> "U.S."
      }
      if (size > 0) joined[size++] = ' ';
      CopyBlocks(low + start, stop - start, joined + size);
      hashes[count++] = Xxh3(low + start, stop - start, kWordSeed);
      size += stop - start;
      pos = stop;
    }
    if (ascii) continue;
    // As the tokenizer does: this piece and the following non-ASCII pieces
    // form a stretch, which goes to ICU with the white space in front of it.
    count = count_before;
    size = size_before;
    size_t stretch_end = piece_begin;
    for (;;) {
      size_t q = stretch_end;
      while (q < n && ClassOf(s[q]) == kSpace) ++q;
      if (q >= n) break;
      bool high = false;
      size_t r = q;
      for (ByteClass c; r < n && (c = ClassOf(s[r])) != kSpace; ++r) {
        high |= c == kHigh;
      }
      if (!high) break;
      stretch_end = r;
    }
    word_count_ = count;
    normalized_size_ = size;
    AddTokenized(body.substr(space_begin, stretch_end - space_begin));
    count = word_count_;
    size = normalized_size_;
    // Folding may have grown the text ("\u0390" is 2 bytes, its fold 6):
    // keep the ASCII bounds above for what remains.
    const size_t rest = n - stretch_end;
    if (words_.size() < count + rest + 1) words_.resize(count + rest + 1);
    if (normalized_.size() < size + 2 * rest + 32) {
      normalized_.resize(size + 2 * rest + 32);
    }
    hashes = words_.data();
    joined = normalized_.data();
    pos = stretch_end;
  }
  word_count_ = count;
  normalized_size_ = size;
  Finish({words_.data(), count}, {normalized_.data(), size},
         static_cast<size_t>(options_.words), out);
}

namespace internal {

void ShingleByTokens(std::string_view body, const ShingleOptions& options,
                     Shingles* out) {
  // The definition as first written: tokens, then the library's XXH3
  // (Hash64), nothing shared with the fast path.
  std::vector<text::Token> tokens;
  text::Tokenize(body, &tokens);
  std::vector<uint64_t> words;
  std::string joined;
  for (const text::Token& t : tokens) {
    if (t.norm.empty()) continue;
    words.push_back(Hash64(t.norm, kWordSeed));
    if (!joined.empty()) joined.push_back(' ');
    joined.append(t.norm);
  }
  out->hashes.clear();
  out->words = static_cast<uint32_t>(words.size());
  out->exact = words.empty() ? 0 : Hash64(joined, kExactSeed);
  if (words.empty()) return;
  if (out->exact == 0) out->exact = 1;
  auto bytes = [&words](size_t i, size_t count) {
    return std::string_view(reinterpret_cast<const char*>(words.data() + i),
                            count * sizeof(uint64_t));
  };
  const size_t k = static_cast<size_t>(std::max(options.words, 1));
  if (words.size() <= k) {
    out->hashes.push_back(Hash64(bytes(0, words.size()), kShingleSeed));
    return;
  }
  for (size_t i = 0; i + k <= words.size(); ++i) {
    out->hashes.push_back(Hash64(bytes(i, k), kShingleSeed));
  }
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
