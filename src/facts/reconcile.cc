// Facts across a story's articles; the contract is in reconcile.h.
//
// Everything here counts sources, not articles: a wire story and its copies
// are one source, so a fact repeated by ten copies is still single-source,
// and a claim is corroborated only when two independent reports state it.
// Tested by reconcile_test.cc (invented stories) and, on the seed articles,
// by tests/analyze_e2e_test.cc.
#include "src/facts/reconcile.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <numeric>
#include <span>
#include <tuple>
#include <unordered_map>

#include "src/base/short_string.h"
#include "src/text/segmenter.h"
#include "src/text/stopwords.h"

namespace concord::facts {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

constexpr char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

constexpr bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) >= 0x80);
}

// Length of a general-punctuation character (U+2000-U+206F: dashes,
// typographic quotes, ellipsis) at text[i], or 0.
size_t PunctuationAt(std::string_view text, size_t i) {
  if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
      (static_cast<unsigned char>(text[i + 1]) == 0x80 ||
       static_cast<unsigned char>(text[i + 1]) == 0x81)) {
    return 3;
  }
  if (i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xC2) {
    return 2;  // NBSP, guillemets, inverted marks...
  }
  return 0;
}

bool IsApostropheAt(std::string_view text, size_t i, size_t* len) {
  if (text[i] == '\'') {
    *len = 1;
    return true;
  }
  if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
      static_cast<unsigned char>(text[i + 1]) == 0x80 &&
      static_cast<unsigned char>(text[i + 2]) == 0x99) {
    *len = 3;  // U+2019
    return true;
  }
  return false;
}

// Per byte: 1 a word byte (ASCII letter or digit, or a non-ASCII byte that
// PunctuationAt never looks at), 0 not, 2 a lead byte PunctuationAt may take
// (0xC2, 0xE2). The same answer as IsWordByte(c) && PunctuationAt(..) == 0.
constexpr std::array<uint8_t, 256> kWordByteClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 0x80) {
      t[c] = (c == 0xC2 || c == 0xE2) ? 2 : 1;
    } else {
      t[c] = IsWordByte(static_cast<char>(c)) ? 1 : 0;
    }
  }
  return t;
}();

// Per byte: Lower(byte).
constexpr std::array<char, 256> kLowerByte = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = Lower(static_cast<char>(c));
  return t;
}();

// Words as written (views into `text`), split on anything not a letter or
// digit; an apostrophe inside a word stays ("it's", "We’re", "1000's").
template <typename F>
void ForEachWord(std::string_view text, F&& f) {
  size_t i = 0;
  // IsWordByte(text[k]) && PunctuationAt(text, k) == 0: a table answers
  // every byte but the lead bytes PunctuationAt looks at (0xC2, 0xE2).
  auto word_at = [&](size_t k) {
    if (k >= text.size()) return false;
    const uint8_t c = kWordByteClass[static_cast<unsigned char>(text[k])];
    if (c != 2) return c != 0;
    return PunctuationAt(text, k) == 0;
  };
  while (i < text.size()) {
    while (i < text.size() && !word_at(i)) ++i;
    size_t e = i;
    while (e < text.size()) {
      // Most bytes are plain word bytes (class 1): one table look-up.
      if (kWordByteClass[static_cast<unsigned char>(text[e])] == 1 ||
          word_at(e)) {
        e += 1;
        continue;
      }
      size_t alen = 0;
      if (e > i && IsApostropheAt(text, e, &alen) && word_at(e + alen)) {
        e += alen;
        continue;
      }
      break;
    }
    if (e > i) f(text.substr(i, e - i));
    i = e;
  }
}

std::vector<std::string_view> WordsOf(std::string_view text) {
  std::vector<std::string_view> out;
  ForEachWord(text, [&](std::string_view w) { out.push_back(w); });
  return out;
}

// FoldInto's bytes written to out[0 ..), which must hold w.size() bytes;
// returns the folded word (a view of out).
std::string_view FoldTo(std::string_view w, char* out) {
  size_t n = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    // An ASCII apostrophe lowers to itself; U+2019 becomes one.
    if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < w.size() &&
        static_cast<unsigned char>(w[i + 1]) == 0x80 &&
        static_cast<unsigned char>(w[i + 2]) == 0x99) {
      out[n++] = '\'';
      i += 2;
      continue;
    }
    out[n++] = Lower(c);
  }
  return std::string_view(out, n);
}

// The word lower-cased (ASCII) with typographic apostrophes made ASCII,
// into *s (replaced).
void FoldInto(std::string_view w, std::string* s) {
  s->resize(w.size());  // the folded word is never longer
  s->resize(FoldTo(w, s->data()).size());
}

// The word folded into `buffer` when it fits (the words of ordinary text),
// else into *spill; the view lives until the next call with either.
template <size_t N>
std::string_view FoldToBuffer(std::string_view w, char (&buffer)[N],
                              std::string* spill) {
  if (w.size() <= N) return FoldTo(w, buffer);
  FoldInto(w, spill);
  return *spill;
}

// English contractions and the words they open to, for both word scans
// below (a quote and its copy compare word for word).
constexpr std::pair<std::string_view, std::string_view> kEndings[] = {
    {"n't", "not"},  {"'re", "are"}, {"'ve", "have"},
    {"'ll", "will"}, {"'m", "am"},   {"'d", "would"}};

// Calls f(word) for the folded words of `text` with English contractions
// opened ("we're" -> we are), so that a quote and its copy compare word for
// word. The views passed to f live until f returns.
template <typename F>
void ForEachFoldedWord(std::string_view text, F&& f) {
  // Words fold into a buffer on the stack; only longer ones into a string.
  char buffer[64];
  std::string folded;
  ForEachWord(text, [&](std::string_view w) {
    const std::string_view fw = FoldToBuffer(w, buffer, &folded);
    // Every ending has its apostrophe second or third from the end: most
    // words have none there and skip the endings.
    const size_t n = fw.size();
    if (n < 3 || (fw[n - 2] != '\'' && fw[n - 3] != '\'')) {
      f(fw);
      return;
    }
    for (const auto& [end, full] : kEndings) {
      if (fw.size() > end.size() && fw.ends_with(end)) {
        std::string_view head = fw.substr(0, fw.size() - end.size());
        if (head == "wo") head = "will";  // won't
        if (head == "ca") head = "can";   // can't
        f(head);
        f(full);
        return;
      }
    }
    f(fw);
  });
}

// Key equality for the tables here: ==, and for strings (compared only once
// their hashes are equal, so almost always equal) the bytes compared
// inline, in overlapping words, instead of through a call to memcmp.
template <typename Key>
bool SameKey(const Key& a, const Key& b) {
  return a == b;
}
inline bool SameKey(std::string_view a, std::string_view b) {
  return SameShortString(a, b);
}

// The distinct folded words of a story's quotes (or of the brief's
// sentences), each stored once, with
// dense ids in order of first sight. Views returned by Word() live until
// the next Add. Open addressing (linear probing, at most half full) over
// FNV-1a hashes; a slot holds id + 1, 0 when empty. The words are stored
// one after another in one string (no allocation per word).
class WordIds {
 public:
  uint32_t Add(std::string_view w) { return AddHashed(w, Hash(w)); }
  // Add(w) given h = Hash(w).
  uint32_t AddHashed(std::string_view w, uint64_t h) {
    if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
    const size_t s = SlotOf(w, h);
    if (slots_[s] != 0) return slots_[s] - 1;
    const auto id = static_cast<uint32_t>(entries_.size());
    entries_.push_back({h, static_cast<uint32_t>(text_.size()),
                        static_cast<uint32_t>(w.size()), 0});
    text_.append(w);
    slots_[s] = id + 1;
    return id;
  }
  // The id of w, or -1.
  int64_t Find(std::string_view w) const {
    if (slots_.empty()) return -1;
    const size_t s = SlotOf(w, Hash(w));
    return slots_[s] == 0 ? -1 : static_cast<int64_t>(slots_[s] - 1);
  }
  std::string_view Word(uint32_t id) const {
    return std::string_view(text_).substr(entries_[id].offset,
                                          entries_[id].size);
  }
  size_t size() const { return entries_.size(); }
  // A new mark for Mark: no id carries it yet.
  uint32_t NextMark() { return ++mark_; }
  // Whether id did not carry `mark` (from NextMark); it does now.
  bool Mark(uint32_t id, uint32_t mark) {
    if (entries_[id].mark == mark) return false;
    entries_[id].mark = mark;
    return true;
  }

  // FNV-1a, folded: HashFinish(HashStep(..HashStep(kHashBasis, w[0])..)).
  static constexpr uint64_t kHashBasis = 14695981039346656037ull;
  static uint64_t HashStep(uint64_t h, char c) {
    return (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  static uint64_t HashFinish(uint64_t h) { return h ^ (h >> 32); }
  static uint64_t Hash(std::string_view w) {
    uint64_t h = kHashBasis;
    for (const char c : w) h = HashStep(h, c);
    return HashFinish(h);
  }

 private:
  struct Entry {
    uint64_t hash;
    uint32_t offset, size;  // in text_
    uint32_t mark;          // the last Mark given it
  };
  // The slot holding w (hash h), or the empty slot where it would go.
  size_t SlotOf(std::string_view w, uint64_t h) const {
    const size_t mask = slots_.size() - 1;
    for (size_t s = h & mask;; s = (s + 1) & mask) {
      const uint32_t v = slots_[s];
      if (v == 0) return s;
      const Entry& e = entries_[v - 1];
      if (e.hash == h &&
          SameKey(std::string_view(text_.data() + e.offset, e.size), w)) {
        return s;
      }
    }
  }
  void Grow() {
    slots_.assign(slots_.empty() ? 256 : slots_.size() * 2, 0);
    const size_t mask = slots_.size() - 1;
    for (uint32_t id = 0; id < entries_.size(); ++id) {
      size_t s = entries_[id].hash & mask;
      while (slots_[s] != 0) s = (s + 1) & mask;
      slots_[s] = id + 1;
    }
  }

  std::string text_;             // the words, one after another
  std::vector<Entry> entries_;   // per id
  std::vector<uint32_t> slots_;  // id + 1, or 0
  uint32_t mark_ = 0;
};

// A map from keys to int values filled once, as the first sight of each
// key: open addressing (linear probing, at most half full) over indexes + 1
// into the entries, so no node per key as a std::unordered_map allocates.
// The slot is taken from the top bits of the hash times an odd constant
// (std::hash of a pointer is the pointer, whose low bits are all alike).
// A pointer from TryEmplace lives until the next TryEmplace.
template <typename Key, typename Hash = std::hash<Key>>
class FirstSight {
 public:
  explicit FirstSight(size_t expected) {
    entries_.reserve(expected);
    Rehash(std::max<size_t>(16, std::bit_ceil(expected * 2 + 1)));
  }
  // The value of `key`, set to `value` if it was absent; and whether it
  // was.
  std::pair<int*, bool> TryEmplace(const Key& key, int value) {
    if ((entries_.size() + 1) * 2 > slots_.size()) Rehash(slots_.size() * 2);
    const size_t h = Hash()(key);
    const size_t mask = slots_.size() - 1;
    for (size_t s = SlotOf(h);; s = (s + 1) & mask) {
      if (slots_[s] == 0) {
        entries_.push_back({key, h, value});
        slots_[s] = static_cast<uint32_t>(entries_.size());
        return {&entries_.back().value, true};
      }
      Entry& e = entries_[slots_[s] - 1];
      if (e.hash == h && SameKey(e.key, key)) return {&e.value, false};
    }
  }

 private:
  struct Entry {
    Key key;
    size_t hash;
    int value;
  };
  size_t SlotOf(size_t h) const {
    return static_cast<size_t>((uint64_t{h} * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void Rehash(size_t slots) {
    slots_.assign(slots, 0);
    shift_ = 64 - std::countr_zero(slots);
    for (uint32_t k = 0; k < entries_.size(); ++k) {
      size_t s = SlotOf(entries_[k].hash);
      while (slots_[s] != 0) s = (s + 1) & (slots - 1);
      slots_[s] = k + 1;
    }
  }

  std::vector<uint32_t> slots_;
  std::vector<Entry> entries_;
  int shift_ = 64;
};

// The hash of short strings (units, claim values, entity keys) for the
// flat tables here: HashShortString, inline, where
// std::hash<std::string_view> calls into the library and FNV-1a
// multiplies per byte. Only which slot a key lands in depends on it, never
// an order.
struct ShortStringHash {
  size_t operator()(std::string_view s) const {
    return static_cast<size_t>(HashShortString(s));
  }
};

// ForEachFoldedWord(text, f) with each word's WordIds::Hash: calls f(w,
// WordIds::Hash(w)) for the same words w in the same order, but folds and
// hashes each byte as the word is scanned (one pass over the bytes instead
// of a scan, a fold and a hash). The same words because, inside a word,
// U+2019 is only ever an apostrophe (elsewhere PunctuationAt takes it), so
// FoldTo's replacement is the apostrophe rule's. Compared with the plain
// path by ReconcileTest.FoldedWordsOnePassEqualsWordFoldAndHash.
template <typename F>
void ForEachFoldedWordHashed(std::string_view text, F&& f) {
  char buffer[64];
  std::string spill;  // a word longer than the buffer, folded again
  const size_t size = text.size();
  auto word_at = [&](size_t k) {
    if (k >= size) return false;
    const uint8_t c = kWordByteClass[static_cast<unsigned char>(text[k])];
    if (c != 2) return c != 0;
    return PunctuationAt(text, k) == 0;
  };
  size_t i = 0;
  while (i < size) {
    while (i < size && !word_at(i)) ++i;
    size_t e = i, n = 0;
    uint64_t h = WordIds::kHashBasis;
    while (e < size) {
      // Most bytes are plain word bytes (class 1): one table look-up, the
      // lower-casing another, in a loop of their own.
      while (e < size &&
             kWordByteClass[static_cast<unsigned char>(text[e])] == 1) {
        const char c = kLowerByte[static_cast<unsigned char>(text[e])];
        buffer[n % sizeof buffer] = c;
        ++n;
        h = WordIds::HashStep(h, c);
        ++e;
      }
      if (e >= size) break;
      char c;
      const auto b = static_cast<unsigned char>(text[e]);
      if (word_at(e)) {
        c = kLowerByte[b];
        e += 1;
      } else {
        size_t alen = 0;
        if (e > i && IsApostropheAt(text, e, &alen) && word_at(e + alen)) {
          c = '\'';
          e += alen;
        } else {
          break;
        }
      }
      // Past the buffer the bytes written do not matter: the word is
      // folded again into `spill` below.
      buffer[n % sizeof buffer] = c;
      ++n;
      h = WordIds::HashStep(h, c);
    }
    if (e == i) break;  // i == size: no word left
    std::string_view fw;
    if (n <= sizeof buffer) {
      fw = std::string_view(buffer, n);
    } else {
      FoldInto(text.substr(i, e - i), &spill);
      fw = spill;
    }
    i = e;
    // ForEachFoldedWord's contractions.
    if (n < 3 || (fw[n - 2] != '\'' && fw[n - 3] != '\'')) {
      f(fw, WordIds::HashFinish(h));
      continue;
    }
    bool opened = false;
    for (const auto& [end, full] : kEndings) {
      if (fw.size() > end.size() && fw.ends_with(end)) {
        std::string_view head = fw.substr(0, fw.size() - end.size());
        if (head == "wo") head = "will";  // won't
        if (head == "ca") head = "can";   // can't
        f(head, WordIds::Hash(head));
        f(full, WordIds::Hash(full));
        opened = true;
        break;
      }
    }
    if (!opened) f(fw, WordIds::HashFinish(h));
  }
}

// The ids of the folded words of `text` in order, into *sequence, and the
// distinct ones sorted, into *ids.
void WordIdsOf(std::string_view text, WordIds* table,
               std::vector<uint32_t>* sequence, std::vector<uint32_t>* ids) {
  sequence->clear();
  // A word and a separator take two bytes or more (an opened contraction,
  // five for two words): no growth for ordinary text.
  sequence->reserve(text.size() / 2 + 1);
  // Ids the table had before are gathered once each (marked) and sorted;
  // ids made for this text are all above them, each seen here, in order.
  const auto before = static_cast<uint32_t>(table->size());
  const uint32_t mark = table->NextMark();
  ForEachFoldedWordHashed(text, [&](std::string_view w, uint64_t h) {
    sequence->push_back(table->AddHashed(w, h));
  });
  ids->clear();
  ids->reserve(sequence->size());
  for (const uint32_t id : *sequence) {
    if (id < before && table->Mark(id, mark)) ids->push_back(id);
  }
  std::sort(ids->begin(), ids->end());
  for (auto id = before; id < table->size(); ++id) ids->push_back(id);
}

// QuoteSwaps(a, b) given the folded words of a and b as ids of `words`, in
// order (fa, fb): the word-level LCS compares integers.
std::vector<std::pair<std::string, std::string>> SwapsOfWordIds(
    std::string_view a, const std::vector<uint32_t>& fa, std::string_view b,
    const std::vector<uint32_t>& fb, const WordIds& words) {
  std::vector<std::pair<std::string, std::string>> out;
  constexpr size_t kMax = 300;
  if (fa.size() > kMax || fb.size() > kMax) return out;
  // Display forms: the words as written when contractions did not change
  // the count, else the folded words.
  std::vector<std::string_view> da, db;
  auto display = [&](std::string_view t, const std::vector<uint32_t>& f,
                     std::vector<std::string_view>* d) {
    *d = WordsOf(t);
    if (d->size() != f.size()) {
      d->clear();
      for (const uint32_t id : f) d->push_back(words.Word(id));
    }
  };
  // Made at the first swap (most pairs of quotes have none).
  bool displayed = false;
  const size_t n = fa.size(), m = fb.size();
  // LCS table, (n+1) x (m+1).
  std::vector<uint16_t> dp((n + 1) * (m + 1), 0);
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      dp[i * (m + 1) + j] =
          fa[i] == fb[j]
              ? static_cast<uint16_t>(dp[(i + 1) * (m + 1) + j + 1] + 1)
              : std::max(dp[(i + 1) * (m + 1) + j], dp[i * (m + 1) + j + 1]);
    }
  }
  size_t i = 0, j = 0;
  size_t gap_a = 0, gap_b = 0;
  auto flush = [&](size_t ia, size_t jb) {
    if (ia > gap_a && jb > gap_b && ia - gap_a <= 4 && jb - gap_b <= 4) {
      if (!displayed) {
        display(a, fa, &da);
        display(b, fb, &db);
        displayed = true;
      }
      std::string from, to;
      for (size_t k = gap_a; k < ia; ++k) {
        if (!from.empty()) from += ' ';
        from += da[k];
      }
      for (size_t k = gap_b; k < jb; ++k) {
        if (!to.empty()) to += ' ';
        to += db[k];
      }
      out.emplace_back(std::move(from), std::move(to));
    }
  };
  while (i < n && j < m) {
    if (fa[i] == fb[j]) {
      flush(i, j);
      ++i;
      ++j;
      gap_a = i;
      gap_b = j;
    } else if (dp[(i + 1) * (m + 1) + j] >= dp[i * (m + 1) + j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  // A trailing difference on both sides is a swap; on one side, a cut.
  flush(n, m);
  return out;
}

// Content words of a sentence, cut to six letters (a cheap stem): sorted
// and unique (a set as a vector). A stem (six bytes at most) is packed into
// an integer, its bytes above its length, so that sets merge by integer
// compares; SortedDice only asks which stems are equal.
std::vector<uint64_t> ContentSet(std::string_view text, std::string_view lang) {
  std::vector<uint64_t> s;
  char buffer[64];
  std::string long_word;
  ForEachWord(text, [&](std::string_view w) {
    if (w.size() < 4) return;
    const std::string_view f = FoldToBuffer(w, buffer, &long_word);
    if (text::IsStopword(f, lang)) return;
    const size_t n = std::min<size_t>(f.size(), 6);
    uint64_t key = n;
    for (size_t k = 0; k < n; ++k) {
      key |= uint64_t{static_cast<unsigned char>(f[k])} << (8 * (k + 1));
    }
    s.push_back(key);
  });
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
  return s;
}

// Dice() of two sorted, unique vectors (of word keys or of word ids).
template <typename T>
double SortedDice(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.empty() && b.empty()) return 1;
  size_t common = 0;
  for (size_t x = 0, y = 0; x < a.size() && y < b.size();) {
    if (a[x] < b[y]) {
      ++x;
    } else if (b[y] < a[x]) {
      ++y;
    } else {
      ++common;
      ++x;
      ++y;
    }
  }
  return 2.0 * common / static_cast<double>(a.size() + b.size());
}

std::string FormatValue(double v) {
  char buf[64];
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15 &&
      !std::signbit(v)) {
    // What "%.0f" prints for a value this close to a whole number (the
    // nearest one), without snprintf; negative values (and "-0") take the
    // snprintf path below.
    auto n = static_cast<uint64_t>(std::llround(v));
    char* end = buf + sizeof buf;
    char* p = end;
    do {
      *--p = static_cast<char>('0' + n % 10);
      n /= 10;
    } while (n != 0);
    return std::string(p, end);
  }
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%g", v);
  }
  return buf;
}

int64_t DaysOfIso(std::string_view iso) {
  // "YYYY-MM-DD"
  if (iso.size() < 10) return INT64_MIN;
  const int y = std::atoi(std::string(iso.substr(0, 4)).c_str());
  const int m = std::atoi(std::string(iso.substr(5, 2)).c_str());
  const int d = std::atoi(std::string(iso.substr(8, 2)).c_str());
  if (m < 1 || m > 12 || d < 1 || d > 31) return INT64_MIN;
  return DaysFromCivil(y, m, d);
}

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Sentence spans of every member, and the sentence holding an offset.
// The caller's splits are used in place; only the members without one
// are split here (into `own`, which does not move once filled).
struct Sentences {
  std::vector<const std::vector<text::Span>*> spans;
  std::vector<std::vector<text::Span>> own;
  const text::Span& At(uint32_t member, int sentence) const {
    return (*spans[member])[sentence];
  }
  int Of(uint32_t member, uint32_t offset) const {
    const auto& v = *spans[member];
    auto it = std::upper_bound(
        v.begin(), v.end(), offset,
        [](uint32_t off, const text::Span& s) { return off < s.begin; });
    if (it == v.begin()) return -1;
    --it;
    return offset < it->end ? static_cast<int>(it - v.begin()) : -1;
  }
};

uint32_t CountSources(const std::vector<StoryMember>& members,
                      const std::vector<uint32_t>& ids) {
  // One or two members (most entities and claims) need no sort.
  if (ids.size() <= 1) return static_cast<uint32_t>(ids.size());
  if (ids.size() == 2) {
    return members[ids[0]].source == members[ids[1]].source ? 1 : 2;
  }
  // The distinct sources: a sorted vector on the stack for the usual few
  // members, no tree.
  constexpr size_t kInline = 32;
  if (ids.size() <= kInline) {
    std::array<int, kInline> s;
    for (size_t k = 0; k < ids.size(); ++k) s[k] = members[ids[k]].source;
    std::sort(s.begin(), s.begin() + ids.size());
    return static_cast<uint32_t>(
        std::unique(s.begin(), s.begin() + ids.size()) - s.begin());
  }
  std::vector<int> s;
  s.reserve(ids.size());
  for (uint32_t m : ids) s.push_back(members[m].source);
  std::sort(s.begin(), s.end());
  return static_cast<uint32_t>(std::unique(s.begin(), s.end()) - s.begin());
}

void AddUnique(std::vector<uint32_t>* v, uint32_t x) {
  if (std::find(v->begin(), v->end(), x) == v->end()) v->push_back(x);
}
void AddUnique(std::vector<std::string>* v, const std::string& x) {
  for (const std::string& s : *v) {
    if (SameKey(std::string_view(s), std::string_view(x))) return;
  }
  v->push_back(x);
}

// --- Claims -----------------------------------------------------------------

void QuantityClaims(const std::vector<StoryMember>& members,
                    const ReconcileOptions& options,
                    std::vector<Claim>* claims) {
  struct Mention {
    uint32_t member;
    const Quantity* q;
  };
  // Mentions by unit, in member order within a unit, then visited in the
  // order of the units (as a std::map of unit lists would be): units are
  // numbered at first sight (a flat table, no node or list per unit), and
  // the mentions laid out unit after unit by a counting sort.
  std::vector<Mention> all;
  std::vector<uint32_t> unit_of;  // per mention in `all`
  std::vector<std::string_view> units;
  {
    size_t quantities = 0;
    for (const StoryMember& m : members)
      quantities += m.facts->quantities.size();
    all.reserve(quantities);
    unit_of.reserve(quantities);
    FirstSight<std::string_view, ShortStringHash> unit_ids(16);
    for (uint32_t m = 0; m < members.size(); ++m) {
      for (const Quantity& q : members[m].facts->quantities) {
        if (q.unit.empty() || q.vague) continue;
        const auto [id, fresh] =
            unit_ids.TryEmplace(q.unit, static_cast<int>(units.size()));
        if (fresh) units.push_back(q.unit);
        all.push_back({m, &q});
        unit_of.push_back(static_cast<uint32_t>(*id));
      }
    }
  }
  // Units in order of their text; where each one's mentions start.
  std::vector<uint32_t> unit_order(units.size());
  std::iota(unit_order.begin(), unit_order.end(), 0);
  std::sort(unit_order.begin(), unit_order.end(),
            [&](uint32_t x, uint32_t y) { return units[x] < units[y]; });
  std::vector<uint32_t> unit_from(units.size() + 1, 0);
  {
    std::vector<uint32_t> rank(units.size());
    for (uint32_t r = 0; r < unit_order.size(); ++r) rank[unit_order[r]] = r;
    for (uint32_t& u : unit_of) u = rank[u];  // now the unit's rank
    for (const uint32_t r : unit_of) ++unit_from[r + 1];
    for (size_t r = 0; r < units.size(); ++r) unit_from[r + 1] += unit_from[r];
  }
  std::vector<Mention> by_unit(all.size());
  {
    std::vector<uint32_t> fill(unit_from.begin(), unit_from.end() - 1);
    for (size_t k = 0; k < all.size(); ++k)
      by_unit[fill[unit_of[k]]++] = all[k];
  }
  claims->reserve(claims->size() + all.size());  // at most a claim per mention
  // Per member, 1 + the index of the last claim it joined: claims are made
  // one after another, so a member is in the current claim iff its mark is
  // that claim's (no search of the claim's members).
  std::vector<size_t> joined(members.size(), 0);
  for (size_t r = 0; r < units.size(); ++r) {
    const std::string_view unit = units[unit_order[r]];
    // The unit's mentions in member order, sorted by value exactly as the
    // unit's own list was (std::sort of the same sequence).
    const auto mentions = std::span<Mention>(by_unit).subspan(
        unit_from[r], unit_from[r + 1] - unit_from[r]);
    std::sort(mentions.begin(), mentions.end(),
              [](const Mention& a, const Mention& b) {
                return a.q->value < b.q->value;
              });
    for (size_t k = 0; k < mentions.size();) {
      // The claim starting at mention k: the mentions after it within
      // tolerance of its value (5% once one of them hedges, else 2%),
      // counted first so that its lists are allocated once.
      const double cur_value = mentions[k].q->value;
      bool cur_hedged = false;
      size_t e = k;
      for (; e < mentions.size(); ++e) {
        const double v = mentions[e].q->value;
        const bool hedged =
            mentions[e].q->approximation != Approximation::kExact;
        if (e > k) {
          const double tol = (hedged || cur_hedged) ? 0.05 : 0.02;
          if (!(std::fabs(v - cur_value) <=
                tol * std::max(std::fabs(v), std::fabs(cur_value)))) {
            break;
          }
        }
        cur_hedged = cur_hedged || hedged;
      }
      // Fields set one by one, not emplace_back("quantity", ...): clang 14
      // (the fuzz build) has no parenthesised aggregate initialisation.
      Claim* cur = &claims->emplace_back();
      cur->kind = "quantity";
      cur->slot = std::string(unit);
      cur->value = FormatValue(cur_value);
      cur->members.reserve(e - k);
      cur->spans.reserve(e - k);
      const size_t mark = static_cast<size_t>(cur - claims->data()) + 1;
      for (; k < e; ++k) {
        const Mention& mn = mentions[k];
        AddUnique(&cur->texts, mn.q->text);
        if (!mn.q->modifier.empty()) {
          // Folded on the stack; a string is made only for a new modifier.
          char buffer[64];
          std::string long_modifier;
          const std::string_view folded =
              FoldToBuffer(mn.q->modifier, buffer, &long_modifier);
          if (std::find(cur->modifiers.begin(), cur->modifiers.end(),
                        folded) == cur->modifiers.end()) {
            cur->modifiers.emplace_back(folded);
          }
        }
        if (joined[mn.member] != mark) {
          joined[mn.member] = mark;
          cur->members.push_back(mn.member);
        }
        cur->spans.push_back({mn.member, {mn.q->begin, mn.q->end}});
      }
    }
  }
  // "1,200 Ukrainians" and "1,200 Ukrainian prisoners": one claim when the
  // values are equal and one unit is the other's modifier. Only claims of
  // one value can join, so each claim is paired with the claims of its
  // value alone (the claims of a value in index order: pairs of one value
  // are taken in the same (i, j) order as over all pairs, and pairs of
  // different values touch different claims).
  // The claims laid out value after value, in index order within a value
  // (the order of the values themselves does not matter): values are
  // numbered at first sight through a flat table, then a counting sort.
  std::vector<uint32_t> value_of(claims->size());
  size_t n_values = 0;
  {
    FirstSight<std::string_view, ShortStringHash> value_ids(claims->size());
    for (size_t i = 0; i < claims->size(); ++i) {
      const auto [id, fresh] = value_ids.TryEmplace(
          (*claims)[i].value, static_cast<int>(n_values));
      if (fresh) ++n_values;
      value_of[i] = static_cast<uint32_t>(*id);
    }
  }
  std::vector<uint32_t> value_from(n_values + 1, 0);
  for (const uint32_t v : value_of) ++value_from[v + 1];
  for (size_t v = 0; v < n_values; ++v) value_from[v + 1] += value_from[v];
  std::vector<uint32_t> by_value(claims->size());
  {
    std::vector<uint32_t> fill(value_from.begin(), value_from.end() - 1);
    for (uint32_t i = 0; i < claims->size(); ++i) {
      by_value[fill[value_of[i]]++] = i;
    }
  }
  for (size_t i = 0; i < claims->size(); ++i) {
    // Value runs of one claim alone (most) hold no pair.
    const uint32_t run_begin = value_from[value_of[i]];
    const uint32_t run_end = value_from[value_of[i] + 1];
    if (run_end - run_begin < 2) continue;
    for (size_t r = run_begin; r < run_end; ++r) {
      const size_t j = by_value[r];
      Claim& a = (*claims)[i];
      Claim& b = (*claims)[j];
      if (i == j || a.members.empty() || b.members.empty() ||
          a.value != b.value || a.slot == b.slot) {
        continue;
      }
      // b's unit as a modifier of a, or its plural ("s" added; compared
      // in place, no string made per pair).
      const std::string_view bs = b.slot;
      const bool b_modifies_a =
          std::find(a.modifiers.begin(), a.modifiers.end(), b.slot) !=
              a.modifiers.end() ||
          std::any_of(a.modifiers.begin(), a.modifiers.end(),
                      [bs](std::string_view mod) {
                        return mod.size() == bs.size() + 1 &&
                               mod.back() == 's' && mod.starts_with(bs);
                      }) ||
          (b.slot.size() > 3 &&
           std::any_of(a.modifiers.begin(), a.modifiers.end(),
                       [&](const std::string& mod) {
                         return mod.compare(0, b.slot.size() - 1, b.slot, 0,
                                            b.slot.size() - 1) == 0;
                       }));
      const bool linked =
          b_modifies_a || (options.same_unit && a.slot < b.slot &&
                           options.same_unit(a.slot, b.slot));
      if (!linked) continue;
      for (const std::string& t : b.texts) AddUnique(&a.texts, t);
      for (uint32_t m : b.members) AddUnique(&a.members, m);
      a.spans.insert(a.spans.end(), b.spans.begin(), b.spans.end());
      b.members.clear();
    }
  }
  claims->erase(std::remove_if(claims->begin(), claims->end(),
                               [](const Claim& c) { return c.members.empty(); }),
                claims->end());
}

void DateClaims(const std::vector<StoryMember>& members, int far_days,
                std::vector<Claim>* claims) {
  std::map<std::string, Claim> by_day;
  for (uint32_t m = 0; m < members.size(); ++m) {
    for (const DateMention& d : members[m].facts->dates) {
      if (d.kind != DateKind::kAbsolute ||
          d.granularity != DateGranularity::kDay || d.first.empty()) {
        continue;
      }
      Claim& c = by_day[d.first];
      c.kind = "date";
      c.slot = "date";
      c.value = d.first;
      AddUnique(&c.texts, d.text);
      // Members come in order: m is in the list iff it is the last one.
      if (c.members.empty() || c.members.back() != m) c.members.push_back(m);
      c.spans.push_back({m, {d.begin, d.end}});
    }
  }
  std::vector<int64_t> pub_days;
  for (const StoryMember& m : members) {
    if (m.published_time) {
      pub_days.push_back(FloorDiv(*m.published_time, kSecondsPerDay));
    }
  }
  // Whether the story has two sources or more (no set of them).
  const bool several_sources =
      std::any_of(members.begin(), members.end(), [&](const StoryMember& m) {
        return m.source != members.front().source;
      });
  for (auto& [day, c] : by_day) {
    c.sources = CountSources(members, c.members);
    const int64_t d = DaysOfIso(day);
    if (c.sources == 1 && several_sources) {
      // A date is a key fact: one source alone giving it is worth a look
      // when nothing else places the story in time, or when it is far from
      // when the story was published.
      if (d != INT64_MIN && !pub_days.empty()) {
        int64_t nearest = INT64_MAX;
        for (int64_t p : pub_days) {
          nearest = std::min<int64_t>(nearest, p > d ? p - d : d - p);
        }
        if (nearest > far_days) {
          c.flag = "no other source gives this date, " +
                   std::to_string(nearest) +
                   " days from the story's publication dates";
        }
      } else {
        c.flag = "no other source gives this date";
      }
    }
    claims->push_back(std::move(c));
  }
}

// Quantity claims of one unit that read as the same slot with different
// values, each stated by a source that does not state the other.
void FindConflicts(const std::vector<StoryMember>& members,
                   const Sentences& sentences,
                   const std::vector<Claim>& claims,
                   std::vector<StoryConflict>* conflicts) {
  // The content words around each quantity claim: the union of its
  // sentences' content sets. Made only for claims that reach the Dice test
  // below, and each sentence's set only once (claims share sentences).
  // Word sets are sorted, unique vectors.
  // Keyed by the sentence's text and language: copies of an article
  // repeat its sentences, and a set depends on nothing else.
  struct TextLangHash {
    size_t operator()(
        const std::pair<std::string_view, std::string_view>& k) const {
      return std::hash<std::string_view>()(k.first) * 31 +
             std::hash<std::string_view>()(k.second);
    }
  };
  std::unordered_map<std::pair<std::string_view, std::string_view>,
                     std::vector<uint64_t>, TextLangHash>
      sentence_words;
  std::vector<std::unique_ptr<std::vector<uint64_t>>> context(claims.size());
  auto context_of = [&](size_t i) -> const std::vector<uint64_t>& {
    if (context[i] != nullptr) return *context[i];
    context[i] = std::make_unique<std::vector<uint64_t>>();
    for (const auto& [m, span] : claims[i].spans) {
      const int s = sentences.Of(m, span.first);
      if (s < 0) continue;
      const text::Span& sp = sentences.At(m, s);
      const std::string_view sentence =
          members[m].body.substr(sp.begin, sp.end - sp.begin);
      auto [it, fresh] =
          sentence_words.try_emplace({sentence, members[m].lang});
      if (fresh) {
        // The sentence without the number itself.
        it->second = ContentSet(sentence, members[m].lang);
      }
      std::vector<uint64_t>& c = *context[i];
      const size_t old_size = c.size();
      c.insert(c.end(), it->second.begin(), it->second.end());
      std::inplace_merge(c.begin(), c.begin() + old_size, c.end());
      c.erase(std::unique(c.begin(), c.end()), c.end());
    }
    return *context[i];
  };
  // The sources of each claim, sorted and unique, made when first asked
  // (make_sources), one after another in one list (no list per claim):
  // source_list[source_at[i].first ..) of length source_at[i].second. A
  // view (sources_of) lives until the next make_sources.
  std::vector<int> source_list;
  constexpr uint32_t kNotMade = UINT32_MAX;
  std::vector<std::pair<uint32_t, uint32_t>> source_at(claims.size(),
                                                       {0, kNotMade});
  auto make_sources = [&](size_t i) {
    std::pair<uint32_t, uint32_t>& at = source_at[i];
    if (at.second != kNotMade) return;
    const size_t from = source_list.size();
    for (uint32_t m : claims[i].members) {
      source_list.push_back(members[m].source);
    }
    std::sort(source_list.begin() + from, source_list.end());
    source_list.erase(
        std::unique(source_list.begin() + from, source_list.end()),
        source_list.end());
    at = {static_cast<uint32_t>(from),
          static_cast<uint32_t>(source_list.size() - from)};
  };
  auto sources_of = [&](size_t i) {
    return std::span<const int>(source_list)
        .subspan(source_at[i].first, source_at[i].second);
  };
  // Whether some element of sorted a is not in sorted b.
  auto has_other = [](std::span<const int> a, std::span<const int> b) {
    for (int x : a) {
      if (!std::binary_search(b.begin(), b.end(), x)) return true;
    }
    return false;
  };
  // Pairs (i < j) of quantity claims with one slot, in index order: each
  // claim's later claims of its slot.
  // The quantity claims sorted by slot, stably (index order within a
  // slot): QuantityClaims makes them unit after unit in unit order, so
  // they come sorted and the sort is only a fallback. Claim i's later
  // claims of its slot are by_slot[pos[i] + 1 .. slot_end[i]).
  std::vector<uint32_t> by_slot;
  by_slot.reserve(claims.size());
  for (uint32_t i = 0; i < claims.size(); ++i) {
    if (claims[i].kind == "quantity") by_slot.push_back(i);
  }
  auto slot_less = [&](uint32_t x, uint32_t y) {
    return claims[x].slot < claims[y].slot;
  };
  if (!std::is_sorted(by_slot.begin(), by_slot.end(), slot_less)) {
    std::stable_sort(by_slot.begin(), by_slot.end(), slot_less);
  }
  std::vector<uint32_t> pos(claims.size(), 0), slot_end(claims.size(), 0);
  for (size_t r = 0; r < by_slot.size();) {
    size_t e = r + 1;
    while (e < by_slot.size() &&
           SameKey(std::string_view(claims[by_slot[e]].slot),
                   std::string_view(claims[by_slot[r]].slot))) {
      ++e;
    }
    for (size_t k = r; k < e; ++k) {
      pos[by_slot[k]] = static_cast<uint32_t>(k);
      slot_end[by_slot[k]] = static_cast<uint32_t>(e);
    }
    r = e;
  }
  for (size_t i = 0; i < claims.size(); ++i) {
    if (slot_end[i] == 0) continue;  // not a quantity claim
    for (size_t r = pos[i] + 1; r < slot_end[i]; ++r) {
      const size_t j = by_slot[r];
      const Claim& a = claims[i];
      const Claim& b = claims[j];
      make_sources(i);
      make_sources(j);
      const std::span<const int> sa = sources_of(i);
      const std::span<const int> sb = sources_of(j);
      if (!has_other(sa, sb) || !has_other(sb, sa)) continue;
      if (SortedDice(context_of(i), context_of(j)) < 0.5) continue;
      StoryConflict c;
      c.kind = "number";
      c.slot = a.slot;
      c.sides.push_back({a.texts.front(), a.members});
      c.sides.push_back({b.texts.front(), b.members});
      conflicts->push_back(std::move(c));
    }
  }
}

// --- Entities ---------------------------------------------------------------

struct EntityItem {
  uint32_t member;
  uint32_t index;  // into that member's entities
};

int Find(std::vector<int>& parent, int x) {
  while (parent[x] != x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

// Clusters entities across members; returns, per (member, entity), its
// cluster id in `clusters` (or -1).
std::vector<std::vector<int>> MergeEntities(
    const std::vector<StoryMember>& members,
    std::vector<EntityCluster>* clusters) {
  std::vector<EntityItem> items;
  std::vector<std::vector<int>> item_of(members.size());
  for (uint32_t m = 0; m < members.size(); ++m) {
    const auto& ents = members[m].facts->entities.entities;
    item_of[m].assign(ents.size(), -1);
    for (uint32_t e = 0; e < ents.size(); ++e) {
      if (items.size() >= kMaxEntities) break;
      item_of[m][e] = static_cast<int>(items.size());
      items.push_back({m, e});
    }
  }
  std::vector<int> parent(items.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto entity = [&](const EntityItem& it) -> const Entity& {
    return members[it.member].facts->entities.entities[it.index];
  };
  // The distinct keys with their first item, in order of first sight.
  // Keys are views of the entities' keys, which outlive this function.
  std::vector<std::pair<std::string_view, int>> keys;
  {
    // Each key's entry in `keys`, found through an open-addressing table
    // (linear probing, at most half full) of indexes into `keys` + 1: no
    // node per key, as a std::unordered_map would allocate.
    size_t slots = 16;
    while (slots < items.size() * 2) slots <<= 1;
    std::vector<uint32_t> table(slots, 0);
    std::vector<size_t> key_hash;
    const ShortStringHash hasher;
    for (size_t i = 0; i < items.size(); ++i) {
      const std::string_view key = entity(items[i]).key;
      const size_t h = hasher(key);
      size_t slot = h & (slots - 1);
      while (table[slot] != 0 &&
             (key_hash[table[slot] - 1] != h ||
              !SameKey(keys[table[slot] - 1].first, key))) {
        slot = (slot + 1) & (slots - 1);
      }
      if (table[slot] == 0) {
        keys.emplace_back(key, static_cast<int>(i));
        key_hash.push_back(h);
        table[slot] = static_cast<uint32_t>(keys.size());
      } else {
        parent[Find(parent, static_cast<int>(i))] =
            Find(parent, keys[table[slot] - 1].second);
      }
    }
  }
  // Names with different keys: compare only plausible pairs, found through
  // buckets: a word's first four letters ("rivn" for Rivnopillia and
  // Rivnopollia; a surname and the full name share it) and initials ("uae"
  // for UAE and for United Arab Emirates). Linear-ish instead of all pairs.
  // Which names join is the partition made by the pairs found alike, and
  // SameEntityName is symmetric, so neither the order of the keys nor the
  // order the pairs are tried in changes the clusters.
  struct Bucket {
    bool initials;          // "i:" bucket, else "w:" (a word's prefix)
    std::string_view text;  // the prefix or the initials
    int key;                // index into keys
  };
  std::vector<Bucket> buckets;
  // Initials of multiword keys, one after another; views made once full.
  std::string initials_text;
  std::vector<std::pair<size_t, size_t>> initials_at;  // (offset, length)
  std::vector<int> initials_key;
  for (size_t k = 0; k < keys.size(); ++k) {
    const std::string_view key = keys[k].first;
    const size_t initials_from = initials_text.size();
    size_t words = 0;
    size_t p = 0;
    while (p < key.size()) {
      while (p < key.size() && (key[p] == ' ' || key[p] == '|')) ++p;
      size_t e = p;
      while (e < key.size() && key[e] != ' ' && key[e] != '|') ++e;
      if (e > p) {
        buckets.push_back({false, key.substr(p, std::min<size_t>(4, e - p)),
                           static_cast<int>(k)});
        initials_text.push_back(key[p]);
        ++words;
      }
      p = e;
    }
    if (words >= 2) {
      initials_at.emplace_back(initials_from,
                               initials_text.size() - initials_from);
      initials_key.push_back(static_cast<int>(k));
    } else {
      initials_text.resize(initials_from);
      if (words == 1 && key.size() <= 5) {
        buckets.push_back({true, key, static_cast<int>(k)});
      }
    }
  }
  for (size_t n = 0; n < initials_at.size(); ++n) {
    buckets.push_back(
        {true,
         std::string_view(initials_text)
             .substr(initials_at[n].first, initials_at[n].second),
         initials_key[n]});
  }
  // Only the runs of one (initials, text) matter (pairs are sorted below),
  // not the order of the texts: sorted by a packed head first (the text's
  // bytes, bit 8 for initials, the length in the low byte), and equal heads
  // of texts of six bytes or fewer are the same text; longer texts compare
  // as strings.
  constexpr uint64_t kLong = 0xFF;
  auto head_of = [](std::string_view t) -> uint64_t {
    if (t.size() > 6) return kLong;
    uint64_t h = t.size();
    for (size_t k = 0; k < t.size(); ++k) {
      h |= uint64_t{static_cast<unsigned char>(t[k])} << (8 * (7 - k));
    }
    return h;
  };
  std::vector<std::pair<uint64_t, uint32_t>> order(buckets.size());
  for (uint32_t b = 0; b < buckets.size(); ++b) {
    order[b] = {head_of(buckets[b].text) | (buckets[b].initials ? 0x100 : 0),
                b};
  }
  std::sort(order.begin(), order.end(),
            [&](const std::pair<uint64_t, uint32_t>& x,
                const std::pair<uint64_t, uint32_t>& y) {
              if (x.first != y.first) return x.first < y.first;
              const Bucket& bx = buckets[x.second];
              const Bucket& by = buckets[y.second];
              if ((x.first & 0xFF) == kLong && !SameKey(bx.text, by.text)) {
                return bx.text < by.text;
              }
              return bx.key < by.key;
            });
  {
    std::vector<Bucket> sorted;
    sorted.reserve(buckets.size());
    for (const auto& [head, b] : order) sorted.push_back(buckets[b]);
    buckets = std::move(sorted);
  }
  // Key pairs (a < b) sharing a bucket, each tried once.
  std::vector<uint64_t> pairs;
  for (size_t from = 0, to = 0; from < buckets.size(); from = to) {
    to = from + 1;
    while (to < buckets.size() &&
           buckets[to].initials == buckets[from].initials &&
           SameKey(buckets[to].text, buckets[from].text)) {
      ++to;
    }
    for (size_t x = from; x < to; ++x) {
      for (size_t y = x + 1; y < to; ++y) {
        const int a = std::min(buckets[x].key, buckets[y].key),
                  b = std::max(buckets[x].key, buckets[y].key);
        if (a == b) continue;
        pairs.push_back(uint64_t{static_cast<uint32_t>(a)} << 32 |
                        static_cast<uint32_t>(b));
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  for (const uint64_t pr : pairs) {
    const auto a = static_cast<uint32_t>(pr >> 32);
    const auto b = static_cast<uint32_t>(pr);
    const Entity& ea = entity(items[keys[a].second]);
    const Entity& eb = entity(items[keys[b].second]);
    if (SameEntityName(ea.name, eb.name)) {
      parent[Find(parent, keys[a].second)] = Find(parent, keys[b].second);
    }
  }
  // Clusters by root item (roots are item indexes), -1 before the first.
  std::vector<int> cluster_of_root(items.size(), -1);
  std::vector<std::vector<int>> cluster_of(members.size());
  // Whether an earlier member has the same Facts (a verbatim copy).
  std::vector<bool> shared_facts(members.size(), false);
  {
    std::unordered_map<const Facts*, uint32_t> first_with_facts;
    for (uint32_t m = 0; m < members.size(); ++m) {
      shared_facts[m] = !first_with_facts.emplace(members[m].facts, m).second;
    }
  }
  // Votes per cluster, indexed by EntityType.
  std::vector<std::array<int, 4>> type_votes;
  // At most a cluster per item: no cluster moves as the list grows.
  clusters->reserve(clusters->size() + items.size());
  type_votes.reserve(items.size());
  for (uint32_t m = 0; m < members.size(); ++m) {
    cluster_of[m].assign(item_of[m].size(), -1);
    for (size_t e = 0; e < item_of[m].size(); ++e) {
      const int item = item_of[m][e];
      if (item < 0) continue;
      const int root = Find(parent, item);
      if (cluster_of_root[root] < 0) {
        cluster_of_root[root] = static_cast<int>(clusters->size());
        clusters->emplace_back();
        type_votes.push_back({0, 0, 0, 0});
      }
      const int c = cluster_of_root[root];
      cluster_of[m][e] = c;
      EntityCluster& cl = (*clusters)[c];
      const Entity& en = entity(items[item]);
      if (en.name.size() > cl.name.size()) cl.name = en.name;
      // A verbatim copy's entity (a shared Facts) joined the cluster of
      // the same entity of the first member with those facts, which added
      // these variants already.
      if (!shared_facts[m]) {
        for (const std::string& v : en.variants) AddUnique(&cl.variants, v);
      }
      // Members come in order: m is in the list iff it is the last one.
      if (cl.members.empty() || cl.members.back() != m) cl.members.push_back(m);
      type_votes[c][static_cast<size_t>(en.type)] += 1;
    }
  }
  for (size_t c = 0; c < clusters->size(); ++c) {
    EntityCluster& cl = (*clusters)[c];
    cl.sources = CountSources(members, cl.members);
    // The most voted type; on a tie the later name in alphabetical order,
    // except "other".
    static constexpr EntityType kByName[] = {
        EntityType::kOrganization, EntityType::kOther, EntityType::kPerson,
        EntityType::kPlace};
    int best = -1;
    EntityType best_type = EntityType::kOther;
    for (const EntityType t : kByName) {
      const int n = type_votes[c][static_cast<size_t>(t)];
      if (n == 0) continue;  // no vote: not a candidate
      if (n > best || (n == best && t != EntityType::kOther)) {
        best_type = t;
        best = n;
      }
    }
    if (best >= 0) cl.type = EntityTypeName(best_type);
  }
  return cluster_of;
}

// --- Quotes -----------------------------------------------------------------

struct QuoteItem {
  uint32_t member;
  const Quote* quote;
  int speaker;  // entity cluster, or -1
  std::string_view speaker_name;  // of the entity cluster or the quote
  // The distinct folded words of the quote as ids interned over the
  // story's quotes (WordIds), sorted: set comparisons by integer merge
  // instead of string compares. A view of own_ids of the first item of its
  // text (items do not move once all are made).
  std::span<const uint32_t> ids;
  // The first item of its Quote (NarrationQuoted's prefixes are kept
  // there).
  uint32_t first = 0;
  // The item holding the quote's folded words in order (as ids), for
  // QuoteSwaps: the first item of its text.
  uint32_t words_of = 0;
  std::vector<uint32_t> sequence;  // only in that item
  std::vector<uint32_t> own_ids;   // only in that item
};

size_t CommonIds(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  size_t common = 0;
  for (size_t x = 0, y = 0; x < a.size() && y < b.size();) {
    if (a[x] < b[y]) {
      ++x;
    } else if (b[y] < a[x]) {
      ++y;
    } else {
      ++common;
      ++x;
      ++y;
    }
  }
  return common;
}

// Dice() of two items' word sets, by ids. Items of one text have the same
// words (and three or more): 1, without the merge.
double Dice(const QuoteItem& a, const QuoteItem& b) {
  if (a.ids.empty() && b.ids.empty()) return 1;
  if (a.words_of == b.words_of) return 1;
  return 2.0 * CommonIds(a.ids, b.ids) /
         static_cast<double>(a.ids.size() + b.ids.size());
}

// Share of the smaller word set found in the larger.
double Overlap(const QuoteItem& a, const QuoteItem& b) {
  if (a.ids.empty() || b.ids.empty()) return 0;
  if (a.words_of == b.words_of) return 1;  // the same words
  return static_cast<double>(CommonIds(a.ids, b.ids)) /
         std::min(a.ids.size(), b.ids.size());
}

// Whether `v` quotes words that its relative `u` has as narration just
// outside its own quote marks ("Umerov said he hoped returning Ukrainians
// could 'celebrate ...'" copied as "'We hope that returning Ukrainians could
// celebrate ...'"): at least three such words, all within 300 bytes before
// or after u's quote.
// The four-letter prefixes NarrationQuoted compares for one item u: of
// u's quoted words, built once per item, and of the narration around u's
// quote, built only when a variant has three words or more outside u's
// quote (most relatives have not, and reading the narration is the dear
// part). Only prefixes of words of four letters or more are compared, so
// each is packed into an integer; sorted and unique.
struct NarrationPrefixes {
  std::vector<uint32_t> quoted;
  const std::vector<uint32_t>* around = nullptr;  // in the AroundCache
};

uint32_t Prefix4(std::string_view w) {
  return static_cast<uint32_t>(static_cast<unsigned char>(w[0])) << 24 |
         static_cast<uint32_t>(static_cast<unsigned char>(w[1])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(w[2])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(w[3]));
}

void SortUnique(std::vector<uint32_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

bool Has(const std::vector<uint32_t>& sorted, uint32_t x) {
  return std::binary_search(sorted.begin(), sorted.end(), x);
}

// Narration windows seen before (copies that are not verbatim often carry
// the same paragraphs), with their prefixes.
using AroundCache = std::unordered_map<std::string, std::vector<uint32_t>>;

// The prefixes of u's quoted words (NarrationPrefixes::quoted).
std::vector<uint32_t> QuotedPrefixes(const WordIds& words, const QuoteItem& u) {
  std::vector<uint32_t> quoted;
  for (const uint32_t id : u.ids) {
    const std::string_view w = words.Word(id);
    if (w.size() >= 4) quoted.push_back(Prefix4(w));
  }
  SortUnique(&quoted);
  return quoted;
}

// The prefixes of the narration around u's quote (NarrationPrefixes::
// around), kept in *cache (its values do not move).
const std::vector<uint32_t>& AroundPrefixes(
    const std::vector<StoryMember>& members, const QuoteItem& u,
    AroundCache* cache) {
  const std::string_view ubody = members[u.member].body;
  const uint32_t from = u.quote->begin > 300 ? u.quote->begin - 300 : 0;
  const uint32_t to = std::min<uint32_t>(
      static_cast<uint32_t>(ubody.size()), u.quote->end + 300);
  // The narration around u's quote: the window minus every quotation.
  std::string narration(ubody.substr(from, to - from));
  for (const Quote& q : members[u.member].facts->quotes) {
    const uint32_t b = std::max(q.begin, from), e = std::min(q.end, to);
    for (uint32_t k = b; k < e; ++k) narration[k - from] = ' ';
  }
  // Not a structured binding: clang 14 (the fuzz build) cannot capture one.
  const auto emplaced = cache->try_emplace(std::move(narration));
  const auto cached = emplaced.first;
  if (emplaced.second) {
    // The one-pass scanner: the same words as ForEachFoldedWord (its hash
    // unused).
    ForEachFoldedWordHashed(cached->first, [&](std::string_view w, uint64_t) {
      if (w.size() >= 4) cached->second.push_back(Prefix4(w));
    });
    SortUnique(&cached->second);
  }
  return cached->second;
}

// `around` gives u's narration prefixes (AroundPrefixes), asked only when
// v has three prefixes or more that u's quote lacks: the count below
// cannot reach three otherwise.
template <typename Around>
bool NarrationQuoted(const NarrationPrefixes& u, Around&& around,
                     const std::vector<uint32_t>& v_prefixes) {
  // v's prefixes outside u's quote (repeats kept: each word counts, as it
  // always has). Only how many there are, and how many the narration
  // has, matter, so v's prefixes come sorted (VariantPrefixes) and are
  // merged with u's.
  uint32_t outside[8];
  std::vector<uint32_t> more;
  size_t n = 0;
  size_t q = 0;
  for (const uint32_t p : v_prefixes) {
    while (q < u.quoted.size() && u.quoted[q] < p) ++q;
    if (q < u.quoted.size() && u.quoted[q] == p) continue;
    if (n < std::size(outside)) {
      outside[n] = p;
    } else {
      more.push_back(p);
    }
    ++n;
  }
  if (n < 3) return false;
  const std::vector<uint32_t>& a = around();
  size_t moved = 0;
  for (size_t k = 0; k < std::min(n, std::size(outside)); ++k) {
    if (Has(a, outside[k])) ++moved;
  }
  for (const uint32_t p : more) {
    if (Has(a, p)) ++moved;
  }
  return moved >= 3;
}

// The prefixes of v's distinct words of four letters or more, sorted
// with repeats kept (two words may share a prefix): what NarrationQuoted
// counts of v.
std::vector<uint32_t> VariantPrefixes(const WordIds& words,
                                      const QuoteItem& v) {
  std::vector<uint32_t> out;
  for (const uint32_t id : v.ids) {
    const std::string_view w = words.Word(id);
    if (w.size() >= 4) out.push_back(Prefix4(w));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Whether every word of `text` is among the sorted ids `of` (true when
// `text` has no word).
bool AllWordsIn(const std::vector<int64_t>& text_ids,
                std::span<const uint32_t> of) {
  for (const int64_t id : text_ids) {
    if (id < 0 ||
        !std::binary_search(of.begin(), of.end(), static_cast<uint32_t>(id))) {
      return false;
    }
  }
  return true;
}

// The ids of the words of `text` (-1 for a word no quote has).
std::vector<int64_t> FindWordIds(std::string_view text, const WordIds& words) {
  std::vector<int64_t> out;
  ForEachFoldedWord(text,
                    [&](std::string_view w) { out.push_back(words.Find(w)); });
  return out;
}

void GroupQuotes(const std::vector<StoryMember>& members,
                 const std::vector<std::vector<int>>& cluster_of,
                 const std::vector<EntityCluster>& entities,
                 std::vector<QuoteCluster>* out) {
  std::vector<QuoteItem> items;
  WordIds words;
  // Verbatim copies share one Facts (src/engine/reuse.cc), so the same
  // Quote comes back once per copy: its word ids (and, below, its
  // narration prefixes) are computed once. -1: fewer than three words.
  size_t quotes = 0;
  for (const StoryMember& m : members) quotes += m.facts->quotes.size();
  FirstSight<const Quote*> item_of_quote(quotes);
  // Quotes of one text (copies that are not verbatim mostly quote alike)
  // have the same words: the text's first item holds their ids and
  // sequence (a text's words get the same ids whenever it is read). -1:
  // fewer than three words.
  FirstSight<std::string_view, ShortStringHash> item_of_text(quotes);
  items.reserve(quotes);  // no reallocation: items view each other's ids
  for (uint32_t m = 0; m < members.size(); ++m) {
    for (const Quote& q : members[m].facts->quotes) {
      QuoteItem it;
      it.member = m;
      it.quote = &q;
      it.speaker = q.speaker_entity >= 0 &&
                           static_cast<size_t>(q.speaker_entity) <
                               cluster_of[m].size()
                       ? cluster_of[m][q.speaker_entity]
                       : -1;
      it.speaker_name = it.speaker >= 0
                            ? std::string_view(entities[it.speaker].name)
                            : std::string_view(q.speaker_name);
      const auto [seen, fresh] = item_of_quote.TryEmplace(&q, -1);
      if (fresh) {
        const auto [same, new_text] = item_of_text.TryEmplace(q.text, -1);
        if (new_text) {
          WordIdsOf(q.text, &words, &it.sequence, &it.own_ids);
          if (it.own_ids.size() < 3) continue;
          *same = static_cast<int>(items.size());
          it.words_of = static_cast<uint32_t>(items.size());
        } else {
          if (*same < 0) continue;
          it.ids = items[static_cast<size_t>(*same)].ids;
          it.words_of = static_cast<uint32_t>(*same);
        }
        *seen = static_cast<int>(items.size());
      } else {
        if (*seen < 0) continue;
        it.ids = items[static_cast<size_t>(*seen)].ids;
        it.words_of = items[static_cast<size_t>(*seen)].words_of;
      }
      it.first = static_cast<uint32_t>(*seen);
      QuoteItem& placed = items.emplace_back(std::move(it));
      if (placed.words_of == items.size() - 1) placed.ids = placed.own_ids;
    }
  }
  // Items of one text (copies) have the same words, so the word index
  // lists texts, not items: text t is first held by item text_first[t],
  // and text_of[i] is item i's text, numbered in order of first item.
  std::vector<uint32_t> text_first, text_of(items.size());
  {
    std::vector<int> text_of_first(items.size(), -1);
    for (uint32_t i = 0; i < items.size(); ++i) {
      int& t = text_of_first[items[i].words_of];
      if (t < 0) {
        t = static_cast<int>(text_first.size());
        text_first.push_back(i);
      }
      text_of[i] = static_cast<uint32_t>(t);
    }
  }
  // For each word the texts holding it, in order of first item:
  // holders[holders_from[id] .. holders_from[id + 1]) (one array for all
  // words).
  std::vector<uint32_t> holders_from(words.size() + 1, 0);
  for (const uint32_t first : text_first) {
    for (const uint32_t id : items[first].ids) ++holders_from[id + 1];
  }
  for (size_t id = 0; id < words.size(); ++id) {
    holders_from[id + 1] += holders_from[id];
  }
  std::vector<uint32_t> holders(holders_from.back());
  {
    std::vector<uint32_t> fill(holders_from.begin(), holders_from.end() - 1);
    for (uint32_t t = 0; t < text_first.size(); ++t) {
      for (const uint32_t id : items[text_first[t]].ids) {
        holders[fill[id]++] = t;
      }
    }
  }
  // Greedy grouping: same (or unknown) speaker and shared wording. Each
  // item is scored against the grouped items in group order, then order
  // within the group, the last best (>=) winning. An item sharing no word
  // scores Dice 0 (items have three words or more), below the 0.3 floor, so
  // only the items sharing a word (found through `holders`) are scored:
  // the same choice as scoring all, without the all-pairs loop. The
  // grouped items of one text score alike, so each text is scored once
  // and its items stand for the groups they are in (text_groups).
  std::vector<std::vector<size_t>> groups;
  std::vector<int> group_speaker;
  std::vector<std::vector<uint32_t>> text_groups(text_first.size());
  std::vector<uint32_t> shares(text_first.size(), 0);
  // The texts sharing a word with item i: candidates[0 .. n_candidates),
  // each text at most once (room for all, no growth in the loop).
  std::vector<uint32_t> candidates(text_first.size());
  // Texts are numbered in order of first item, so the texts with an item
  // before i (grouped) are those below grouped_texts.
  uint32_t grouped_texts = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    while (grouped_texts < text_first.size() &&
           text_first[grouped_texts] < i) {
      ++grouped_texts;
    }
    size_t n_candidates = 0;
    for (uint32_t id : items[i].ids) {
      const uint32_t end = holders_from[id + 1];
      for (uint32_t h = holders_from[id]; h < end; ++h) {
        const uint32_t t = holders[h];
        // Holders are in text order; only grouped items count.
        if (t >= grouped_texts) break;
        if (shares[t]++ == 0) candidates[n_candidates++] = t;
      }
    }
    // Scoring in (group, rank) order with the last best (>=) winning picks
    // the highest score, on a tie the latest (group, rank); only its group
    // matters, so: the highest score, on a tie the highest group, with the
    // candidates in any order (no sort).
    int best = -1;
    double best_score = 0.3;
    for (size_t c = 0; c < n_candidates; ++c) {
      const uint32_t t = candidates[c];
      // shares[t] counted every id of item i that text t holds: their
      // common words, as CommonIds would count them (ids are unique).
      const uint32_t common = shares[t];
      shares[t] = 0;
      // Dice(items[i], an item of t); neither is empty (three words or
      // more).
      const double d = 2.0 * common /
                       static_cast<double>(items[i].ids.size() +
                                           items[text_first[t]].ids.size());
      for (const uint32_t g : text_groups[t]) {
        const int sp = group_speaker[g];
        if (sp >= 0 && items[i].speaker >= 0 && sp != items[i].speaker) {
          continue;
        }
        if (d > best_score || (d == best_score && static_cast<int>(g) > best)) {
          best_score = d;
          best = static_cast<int>(g);
        }
      }
    }
    uint32_t g;
    if (best < 0) {
      g = static_cast<uint32_t>(groups.size());
      groups.push_back({i});
      group_speaker.push_back(items[i].speaker);
    } else {
      g = static_cast<uint32_t>(best);
      groups[best].push_back(i);
      if (group_speaker[best] < 0) group_speaker[best] = items[i].speaker;
    }
    std::vector<uint32_t>& tg = text_groups[text_of[i]];
    if (std::find(tg.begin(), tg.end(), g) == tg.end()) tg.push_back(g);
  }
  // NarrationQuoted's prefix sets per item, made when first asked for.
  std::vector<std::unique_ptr<NarrationPrefixes>> prefixes(items.size());
  AroundCache around_cache;
  // Items of one Quote (verbatim copies) share its prefixes, kept with the
  // quote's first item: they depend on nothing but the quote, its words and
  // the body around it.
  auto prefixes_of = [&](size_t u) -> NarrationPrefixes& {
    const size_t first = items[u].first;
    if (prefixes[first] == nullptr) {
      prefixes[first] = std::make_unique<NarrationPrefixes>();
      prefixes[first]->quoted = QuotedPrefixes(words, items[first]);
    }
    return *prefixes[first];
  };
  // Memos by text: (relative's text, variant's text) -> its swaps (an
  // index into swap_lists), and (relative's first item, variant's text) ->
  // whether NarrationQuoted.
  FirstSight<uint64_t> swaps_of_texts(16);
  std::vector<std::vector<std::pair<std::string, std::string>>> swap_lists;
  FirstSight<uint64_t> narration_quoted(16);
  // VariantPrefixes per text, made when first asked (empty: not yet, or
  // none: made again, cheaply).
  std::vector<std::vector<uint32_t>> variant_prefixes(text_first.size());
  for (size_t g = 0; g < groups.size(); ++g) {
    const std::vector<size_t>& members_of = groups[g];
    // The articles quoting it, sorted and unique.
    std::vector<uint32_t> arts;
    arts.reserve(members_of.size());
    for (size_t k : members_of) arts.push_back(items[k].member);
    std::sort(arts.begin(), arts.end());
    arts.erase(std::unique(arts.begin(), arts.end()), arts.end());
    if (arts.size() < 2) continue;  // quoted by one article only
    QuoteCluster qc;
    for (size_t k : members_of) {
      if (!items[k].speaker_name.empty()) {
        qc.speaker = items[k].speaker_name;
        break;
      }
    }
    qc.sources = CountSources(members, arts);
    qc.variants.reserve(members_of.size());
    for (size_t k : members_of) {
      const QuoteItem& v = items[k];
      QuoteVariantResult& r = qc.variants.emplace_back();  // filled in place
      r.member = v.member;
      r.begin = v.quote->begin;
      r.text = v.quote->text;
      r.venue = v.quote->venue;
      // Relatives: variants of the same source in other articles, the
      // closest by containment (a cut or extended quote is still the same
      // wording).
      double best = -1;
      size_t best_k = 0;
      for (size_t u : members_of) {
        if (items[u].member == v.member ||
            members[items[u].member].source != members[v.member].source) {
          continue;
        }
        const double d = Overlap(v, items[u]);
        if (d > best) {
          best = d;
          best_k = u;
          if (best >= 1) break;  // no overlap is above 1
        }
      }
      if (best >= 0 && Dice(v, items[best_k]) < 0.95) {
        const QuoteItem& u = items[best_k];
        if (best >= 0.5) {
          // Swapped words; this variant is the altered one when its words
          // are said by no other article while its relative's are.
          // A swap is confirmed against this variant when a third article
          // has the relative's words and none has this one's; unconfirmed
          // swaps (no third article quotes that part) count once some are
          // confirmed. With no third article at all, the later of the two
          // is taken as the altered one when their times say so.
          std::vector<std::pair<std::string, std::string>> confirmed,
              unconfirmed;
          // The swaps depend on the two texts alone: copies ask again.
          const auto [swaps_at, fresh_swaps] = swaps_of_texts.TryEmplace(
              uint64_t{text_of[best_k]} << 32 | text_of[k],
              static_cast<int>(swap_lists.size()));
          if (fresh_swaps) {
            swap_lists.push_back(SwapsOfWordIds(
                u.quote->text, items[u.words_of].sequence, v.quote->text,
                items[v.words_of].sequence, words));
          }
          const std::vector<std::pair<std::string, std::string>>& swaps =
              swap_lists[*swaps_at];
          for (const auto& [from, to] : swaps) {
            if (from.empty() || to.empty()) continue;
            const std::vector<int64_t> to_ids = FindWordIds(to, words);
            const std::vector<int64_t> from_ids = FindWordIds(from, words);
            bool to_elsewhere = false, from_elsewhere = false;
            for (size_t w : members_of) {
              if (w == k) continue;
              // Once said elsewhere the swap is dropped: no need to look
              // further.
              to_elsewhere = AllWordsIn(to_ids, items[w].ids);
              if (to_elsewhere) break;
              if (w == best_k || from_elsewhere) continue;
              from_elsewhere = AllWordsIn(from_ids, items[w].ids);
            }
            if (to_elsewhere) continue;
            (from_elsewhere ? confirmed : unconfirmed).emplace_back(from, to);
          }
          bool take_unconfirmed = !confirmed.empty();
          if (confirmed.empty() && !unconfirmed.empty() &&
              arts.size() == 2) {
            const auto& tv = members[v.member].published_time;
            const auto& tu = members[u.member].published_time;
            take_unconfirmed = !tv || !tu || *tv >= *tu;
          }
          for (const auto& p : swaps) {
            const bool is_confirmed =
                std::find(confirmed.begin(), confirmed.end(), p) != confirmed.end();
            const bool is_unconfirmed =
                std::find(unconfirmed.begin(), unconfirmed.end(), p) !=
                unconfirmed.end();
            if (is_confirmed || (is_unconfirmed && take_unconfirmed)) {
              r.swaps.push_back(p);
            }
          }
          if (!r.swaps.empty()) {
            r.flag = "altered";
          } else {
            for (size_t w : members_of) {
              const QuoteItem& rel = items[w];
              if (rel.member == v.member ||
                  members[rel.member].source != members[v.member].source ||
                  Overlap(v, rel) < 0.5) {
                continue;
              }
              // Quote marks put around narration, or taken off a quote:
              // the same words either way; the earlier article is taken
              // as the one that had it right.
              const auto& tv = members[v.member].published_time;
              const auto& tr = members[rel.member].published_time;
              if (tv && tr && *tv < *tr) continue;
              NarrationPrefixes& pw = prefixes_of(w);
              auto around = [&]() -> const std::vector<uint32_t>& {
                if (pw.around == nullptr) {
                  pw.around = &AroundPrefixes(members, items[items[w].first],
                                              &around_cache);
                }
                return *pw.around;
              };
              // The answer depends on w's quote and v's words alone:
              // copies ask again.
              const auto [quoted, fresh_quoted] = narration_quoted.TryEmplace(
                  uint64_t{items[w].first} << 32 | text_of[k], 0);
              if (fresh_quoted) {
                std::vector<uint32_t>& vp = variant_prefixes[text_of[k]];
                if (vp.empty()) vp = VariantPrefixes(words, v);
                *quoted = NarrationQuoted(pw, around, vp) ? 1 : 0;
              }
              if (*quoted != 0) {
                r.flag = "paraphrased";
                break;
              }
            }
          }
        } else if (best >= 0.15) {
          // Reworded inside the marks: flagged when its relatives agree
          // more with each other than with it.
          bool others_agree = false;
          for (size_t a2 : members_of) {
            if (a2 == k) continue;
            for (size_t b2 : members_of) {
              if (b2 <= a2 || b2 == k || items[a2].member == items[b2].member) {
                continue;
              }
              others_agree = Overlap(items[a2], items[b2]) > best;
              if (others_agree) break;
            }
            if (others_agree) break;
          }
          if (others_agree) r.flag = "paraphrased";
        }
      }
    }
    out->push_back(std::move(qc));
  }
  std::stable_sort(out->begin(), out->end(),
                   [](const QuoteCluster& a, const QuoteCluster& b) {
                     return a.variants.size() > b.variants.size();
                   });
}

// --- Brief ------------------------------------------------------------------

// A fact the brief can cover: a corroborated claim, or a quotation given by
// two or more sources; where each is stated.
struct BriefFact {
  std::vector<uint32_t> members;
  std::vector<std::pair<uint32_t, uint32_t>> at;  // (member, offset)
};

void BuildBrief(const std::vector<StoryMember>& members,
                const Sentences& sentences, const std::vector<BriefFact>& facts,
                std::vector<std::pair<uint32_t, int>> entity_mentions,
                size_t max_sentences, std::vector<BriefLine>* brief) {
  // (member, sentence, fact) for every place a fact is stated, sorted and
  // unique: each sentence's run lists its facts in order (a map of sets,
  // flat).
  struct Place {
    uint32_t member;
    int sentence;
    uint32_t fact;
    auto Key() const { return std::make_tuple(member, sentence, fact); }
  };
  std::vector<Place> places;
  for (size_t f = 0; f < facts.size(); ++f) {
    for (const auto& [m, off] : facts[f].at) {
      const int s = sentences.Of(m, off);
      if (s >= 0) places.push_back({m, s, static_cast<uint32_t>(f)});
    }
  }
  std::sort(places.begin(), places.end(),
            [](const Place& a, const Place& b) { return a.Key() < b.Key(); });
  places.erase(std::unique(places.begin(), places.end(),
                           [](const Place& a, const Place& b) {
                             return a.Key() == b.Key();
                           }),
               places.end());
  // Corroborated names in a sentence break ties between sentences: the
  // mentions' (member, sentence), sorted, counted by range.
  std::vector<std::pair<uint32_t, int>>& names_in = entity_mentions;
  std::sort(names_in.begin(), names_in.end());
  struct Candidate {
    uint32_t member;
    int sentence;
    uint32_t from, to;  // its facts: places[from .. to)
    int names;
    size_t size() const { return to - from; }
  };
  std::vector<Candidate> candidates;
  for (size_t from = 0, to = 0; from < places.size(); from = to) {
    to = from + 1;
    while (to < places.size() && places[to].member == places[from].member &&
           places[to].sentence == places[from].sentence) {
      ++to;
    }
    const std::pair<uint32_t, int> key(places[from].member,
                                       places[from].sentence);
    const text::Span& sp = sentences.At(key.first, key.second);
    const size_t len = sp.end - sp.begin;
    if (len < 30 || len > 600) continue;
    const auto [lo, hi] =
        std::equal_range(names_in.begin(), names_in.end(), key);
    candidates.push_back({key.first, key.second, static_cast<uint32_t>(from),
                          static_cast<uint32_t>(to),
                          static_cast<int>(hi - lo)});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     if (a.size() != b.size()) return a.size() > b.size();
                     if (a.names != b.names) return a.names > b.names;
                     return a.sentence < b.sentence;
                   });
  std::vector<bool> covered(facts.size(), false);
  // The chosen sentences' distinct folded words, as sorted ids of one
  // table (Dice by integer merge).
  WordIds table;
  std::vector<uint32_t> sequence;
  std::vector<std::vector<uint32_t>> chosen_words;
  // The sentences read so far (views into the bodies): a sentence read
  // again (a copy's) has the words of one read before, which was chosen or
  // repeated a chosen one, so it repeats one: skipped unread.
  FirstSight<std::string_view, ShortStringHash> read(16);
  for (const Candidate& c : candidates) {
    if (brief->size() >= max_sentences) break;
    bool adds = false;
    for (uint32_t p = c.from; p < c.to; ++p) {
      adds |= !covered[places[p].fact];
    }
    if (!adds) continue;
    const text::Span& sp = sentences.At(c.member, c.sentence);
    const std::string_view raw =
        members[c.member].body.substr(sp.begin, sp.end - sp.begin);
    if (!read.TryEmplace(raw, 0).second) continue;
    std::string text(raw);
    for (char& ch : text) {
      if (ch == '\n') ch = ' ';
    }
    std::vector<uint32_t> words;
    WordIdsOf(text, &table, &sequence, &words);
    bool repeats = false;
    for (const auto& w : chosen_words) repeats |= SortedDice(words, w) >= 0.5;
    if (repeats) continue;
    BriefLine line;
    line.member = c.member;
    line.text = std::move(text);
    for (uint32_t p = c.from; p < c.to; ++p) {
      const uint32_t f = places[p].fact;
      covered[f] = true;
      line.supported_by.insert(line.supported_by.end(),
                               facts[f].members.begin(),
                               facts[f].members.end());
    }
    // Sorted and unique (the members of all its facts).
    std::sort(line.supported_by.begin(), line.supported_by.end());
    line.supported_by.erase(
        std::unique(line.supported_by.begin(), line.supported_by.end()),
        line.supported_by.end());
    line.sources = CountSources(members, line.supported_by);
    chosen_words.push_back(std::move(words));
    brief->push_back(std::move(line));
  }
}

// std::stable_sort(v, less) for elements that are dear to move (claims and
// clusters own several strings and vectors): the indexes are sorted, then
// each element moved once.
template <typename T, typename Less>
void StableSortByIndex(std::vector<T>* v, Less less) {
  // Already in order (one claim, or all of one count): nothing moves.
  if (std::is_sorted(v->begin(), v->end(), less)) return;
  std::vector<uint32_t> order(v->size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    return less((*v)[x], (*v)[y]);
  });
  std::vector<T> sorted;
  sorted.reserve(v->size());
  for (const uint32_t k : order) sorted.push_back(std::move((*v)[k]));
  *v = std::move(sorted);
}

}  // namespace

namespace internal {

std::vector<std::pair<std::string, uint64_t>> FoldedWordsForTest(
    std::string_view text, bool one_pass) {
  std::vector<std::pair<std::string, uint64_t>> out;
  if (one_pass) {
    ForEachFoldedWordHashed(text, [&](std::string_view w, uint64_t h) {
      out.emplace_back(std::string(w), h);
    });
  } else {
    ForEachFoldedWord(text, [&](std::string_view w) {
      out.emplace_back(std::string(w), WordIds::Hash(w));
    });
  }
  return out;
}

}  // namespace internal

std::vector<std::pair<std::string, std::string>> QuoteSwaps(
    std::string_view a, std::string_view b) {
  WordIds words;
  std::vector<uint32_t> fa, fb, ids;
  WordIdsOf(a, &words, &fa, &ids);
  WordIdsOf(b, &words, &fb, &ids);
  return SwapsOfWordIds(a, fa, b, fb, words);
}

Reconciliation ReconcileStory(const std::vector<StoryMember>& members,
                              const ReconcileOptions& options) {
  Reconciliation r;
  Sentences sentences;
  sentences.own.reserve(members.size());  // no reallocation: stable
  for (const StoryMember& m : members) {
    if (m.sentences != nullptr) {
      sentences.spans.push_back(m.sentences);
    } else {
      sentences.own.push_back(text::SplitSentences(m.body, m.lang));
      sentences.spans.push_back(&sentences.own.back());
    }
  }
  QuantityClaims(members, options, &r.claims);
  for (Claim& c : r.claims) c.sources = CountSources(members, c.members);
  DateClaims(members, options.far_date_days, &r.claims);
  FindConflicts(members, sentences, r.claims, &r.conflicts);
  std::vector<EntityCluster> entities;
  const auto cluster_of = MergeEntities(members, &entities);
  GroupQuotes(members, cluster_of, entities, &r.quotes);
  // What the brief may cover: corroborated claims and quotations.
  std::vector<BriefFact> brief_facts;
  for (const Claim& c : r.claims) {
    if (c.sources < 2) continue;
    BriefFact f;
    f.members = c.members;
    f.at.reserve(c.spans.size());
    for (const auto& [m, span] : c.spans) f.at.push_back({m, span.first});
    brief_facts.push_back(std::move(f));
  }
  for (const QuoteCluster& q : r.quotes) {
    if (q.sources < 2) continue;
    BriefFact f;
    for (const QuoteVariantResult& v : q.variants) {
      AddUnique(&f.members, v.member);
      if (v.flag.empty()) f.at.push_back({v.member, v.begin});
    }
    brief_facts.push_back(std::move(f));
  }
  // (member, sentence) of each mention of a corroborated name.
  std::vector<std::pair<uint32_t, int>> entity_mentions;
  for (uint32_t m = 0; m < members.size(); ++m) {
    for (const EntityMention& em : members[m].facts->entities.mentions) {
      if (em.entity < 0 ||
          static_cast<size_t>(em.entity) >= cluster_of[m].size()) {
        continue;
      }
      const int c = cluster_of[m][em.entity];
      if (c < 0 || entities[c].sources < 2) continue;
      entity_mentions.emplace_back(m, sentences.Of(m, em.begin));
    }
  }
  BuildBrief(members, sentences, brief_facts, std::move(entity_mentions),
             options.brief_sentences, &r.brief);
  // The named clusters, sorted (stable) and moved into r once.
  {
    std::vector<uint32_t> order;
    order.reserve(entities.size());
    for (uint32_t k = 0; k < entities.size(); ++k) {
      if (entities[k].type != "other") order.push_back(k);
    }
    std::stable_sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
      const EntityCluster& a = entities[x];
      const EntityCluster& b = entities[y];
      if (a.sources != b.sources) return a.sources > b.sources;
      return a.members.size() > b.members.size();
    });
    r.entities.reserve(order.size());
    for (const uint32_t k : order) r.entities.push_back(std::move(entities[k]));
  }
  StableSortByIndex(&r.claims, [](const Claim& a, const Claim& b) {
    return a.sources > b.sources;
  });
  return r;
}

}  // namespace concord::facts
