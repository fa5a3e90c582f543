// Word-level local alignment by seed and extend.
//
// The idea is BLAST's (Altschul et al. 1990) as used for text reuse by passim
// (Smith et al. 2014): rather than fill an n × m dynamic-programming table,
// find short exact anchors and grow them. Here:
//   1. Seeds: every run of `seed_words` words of A whose stems occur, in the
//      same order, in B (a sorted index of B's stemmed n-grams with a hash
//      table to the first entry of each, built once per text, so a word of
//      A costs one probe per pair; n-grams of stop words only are not
//      seeds).
//   2. Extension: from each seed not inside an earlier passage, walk right
//      and left. Matching words advance both sides. At a mismatch, look up
//      to `lookahead` words ahead on each side for the nearest resumption
//      (k words of A against m of B, smallest max(k, m) first) confirmed by a
//      second match, a non-stop word, or k = m (the diagonal kept): k = m = 1
//      is a swap, k = 0 an insertion, m = 0 a deletion, otherwise an edit. Stop
//      when nothing resumes; trim back to the best-scoring point (the X-drop
//      rule).
//   3. Scoring is Smith-Waterman's with linear gaps: +match per word,
//      swap / related_swap per substituted pair, gap per unpaired word, so a
//      passage's score is the score of its path in the full DP table and can
//      never exceed the optimum. aligner_test.cc compares it with a plain
//      O(nm) Smith-Waterman on small mutated inputs.
// Spun copies are the case this is built for: a spinner swaps one word in
// five, which breaks every 5-gram (so MinHash sees nothing) but leaves
// 3-gram seeds and one-word gaps that the extension walks through, and each
// such gap is reported as a swap with both words.
//
// Cost: O(n + m) to index and seed, plus the length of each passage times
// lookahead² at mismatches. Passages never overlap, so total extension work
// is linear in practice.
#include "src/compare/aligner.h"

#include <algorithm>
#include <unordered_map>

#include "src/base/hash.h"
#include "src/text/numbers.h"
#include "src/text/segmenter.h"
#include "src/text/stopwords.h"

namespace concord::compare {
namespace {

// Transparent hash, so a memo keyed by std::string is probed with a view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>{}(s);
  }
};

constexpr uint64_t kStemSeed = 0x616c69676e;  // "align"
constexpr size_t kMaxSeedPositions = 8;       // per n-gram in B

struct Op {
  SpanKind kind;
  uint32_t a, b;  // first word in A and B
  uint32_t k, m;  // words taken from A and B
  WordRelation relation = WordRelation::kNone;  // for swaps
};

class Extender {
 public:
  Extender(const AlignedText& a, const AlignedText& b,
           const std::vector<uint8_t>& covered_a,
           const std::vector<uint8_t>& covered_b, const WordNet* wordnet,
           const AlignOptions& options)
      : a_(a),
        b_(b),
        covered_a_(covered_a),
        covered_b_(covered_b),
        wordnet_(wordnet),
        options_(options) {}

  bool Match(int64_t x, int64_t y) const {
    if (x < 0 || y < 0 || x >= int64_t(a_.words.size()) ||
        y >= int64_t(b_.words.size())) {
      return false;
    }
    if (covered_a_[x] || covered_b_[y]) return false;
    return a_.words[x].stem == b_.words[y].stem;
  }

  double SwapScore(uint32_t x, uint32_t y, WordRelation* relation) const {
    *relation = WordRelation::kNone;
    if (wordnet_ != nullptr) *relation = CachedRelate(x, y);
    return *relation != WordRelation::kNone ? options_.related_swap
                                            : options_.swap;
  }

  // WordNet lookups cost microseconds and the same word pairs recur across
  // the pairs of a story (a spun copy against each relative): memoised per
  // thread by the two words' stems and spellings, bounded in size.
  WordRelation CachedRelate(uint32_t x, uint32_t y) const {
    thread_local std::unordered_map<uint64_t, WordRelation> cache;
    thread_local const WordNet* cached_for = nullptr;
    if (cached_for != wordnet_ || cache.size() > (1u << 20)) {
      cache.clear();
      cached_for = wordnet_;
    }
    const uint64_t key = HashCombine(Hash64(a_.words[x].folded),
                                     Hash64(b_.words[y].folded));
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    const WordRelation r =
        wordnet_->Relate(a_.words[x].folded, b_.words[y].folded);
    cache.emplace(key, r);
    return r;
  }

  double OpScore(const Op& op, WordRelation* relation) const {
    *relation = WordRelation::kNone;
    switch (op.kind) {
      case SpanKind::kIdentical:
        return options_.match * op.k;
      case SpanKind::kSwap:
        return SwapScore(op.a, op.b, relation);
      default: {
        const uint32_t paired = std::min(op.k, op.m);
        const uint32_t unpaired = std::max(op.k, op.m) - paired;
        return options_.swap * paired + options_.gap * unpaired;
      }
    }
  }

  // Extends from (x, y) in direction dir (+1 or -1): (x, y) is the first
  // pair to examine. Leaves in *out the ops up to the best-scoring point, in
  // walk order, and their score in *score.
  // `ops` is the caller's buffer (reused across seeds, saving an
  // allocation per extension).
  void Extend(int64_t x, int64_t y, int dir, double* score,
              std::vector<Op>* out) const {
    std::vector<Op>& ops = *out;
    ops.clear();
    double total = 0, best = 0;
    size_t best_len = 0;
    const int look = options_.lookahead;
    while (true) {
      if (Match(x, y)) {
        ops.push_back({SpanKind::kIdentical, uint32_t(x), uint32_t(y), 1, 1});
        total += options_.match;
        x += dir;
        y += dir;
        if (total > best) {
          best = total;
          best_len = ops.size();
        }
        continue;
      }
      // Nearest resumption (k, m): smallest max(k, m), then smallest k + m.
      int found_k = -1, found_m = -1;
      for (int reach = 1; reach <= look && found_k < 0; ++reach) {
        for (int sum = reach; sum <= 2 * reach && found_k < 0; ++sum) {
          for (int k = std::max(0, sum - reach); k <= std::min(reach, sum);
               ++k) {
            const int m = sum - k;
            if (std::max(k, m) != reach) continue;
            const int64_t rx = x + dir * k, ry = y + dir * m;
            if (!Match(rx, ry)) continue;
            // Confirmed by a second match, by a non-stop word, or by keeping
            // the diagonal (a swap or same-length edit then "the").
            if (!Match(rx + dir, ry + dir) && a_.words[rx].stop && k != m) {
              continue;
            }
            // The skipped words must be free too.
            bool free = true;
            for (int t = 0; t < k && free; ++t) free = !covered_a_[x + dir * t];
            for (int t = 0; t < m && free; ++t) free = !covered_b_[y + dir * t];
            if (!free) continue;
            found_k = k;
            found_m = m;
            break;
          }
        }
      }
      if (found_k < 0) break;
      Op op;
      op.k = found_k;
      op.m = found_m;
      // First word of the op in text order.
      op.a = dir > 0 ? uint32_t(x) : uint32_t(x - (found_k - 1));
      op.b = dir > 0 ? uint32_t(y) : uint32_t(y - (found_m - 1));
      if (found_k == 0) {
        op.kind = SpanKind::kInserted;
        op.a = uint32_t(dir > 0 ? x : x + 1);
      } else if (found_m == 0) {
        op.kind = SpanKind::kDeleted;
        op.b = uint32_t(dir > 0 ? y : y + 1);
      } else if (found_k == 1 && found_m == 1) {
        op.kind = SpanKind::kSwap;
      } else {
        op.kind = SpanKind::kEdited;
      }
      total += OpScore(op, &op.relation);
      ops.push_back(op);
      x += dir * found_k;
      y += dir * found_m;
    }
    ops.resize(best_len);
    *score = best;
  }

 private:
  const AlignedText& a_;
  const AlignedText& b_;
  const std::vector<uint8_t>& covered_a_;
  const std::vector<uint8_t>& covered_b_;
  const WordNet* wordnet_;
  const AlignOptions& options_;
};

uint64_t GramHash(const AlignedText& t, size_t i, int n, bool* all_stop) {
  uint64_t h = 0;
  *all_stop = true;
  for (int k = 0; k < n; ++k) {
    h = HashCombine(h, t.words[i + k].stem);
    *all_stop = *all_stop && t.words[i + k].stop;
  }
  return h;
}

// Slot of a gram hash in GramIndex::first: the hash's high bits (the low
// bit is always set).
size_t TableSlot(uint64_t h, size_t mask) {
  return static_cast<size_t>((h * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}

void SetOffsets(const AlignedText& a, const AlignedText& b, AlignedSpan* s) {
  auto range = [](const AlignedText& t, uint32_t wb, uint32_t we, uint32_t* cb,
                  uint32_t* ce) {
    if (wb < we) {
      *cb = t.words[wb].begin;
      *ce = t.words[we - 1].end;
    } else {
      // Empty side: the position between words.
      *cb = *ce = wb < t.words.size() ? t.words[wb].begin
                                      : uint32_t(t.text.size());
    }
  };
  range(a, s->a_word_begin, s->a_word_end, &s->a_begin, &s->a_end);
  range(b, s->b_word_begin, s->b_word_end, &s->b_begin, &s->b_end);
}

}  // namespace

const char* SpanKindName(SpanKind kind) {
  switch (kind) {
    case SpanKind::kIdentical:
      return "identical";
    case SpanKind::kSwap:
      return "swap";
    case SpanKind::kEdited:
      return "edited";
    case SpanKind::kInserted:
      return "inserted";
    case SpanKind::kDeleted:
      return "deleted";
  }
  return "identical";
}

AlignedText PrepareForAlignment(std::string_view text, std::string_view lang,
                                text::Stemmer* stemmer) {
  thread_local std::vector<text::Token> tokens;  // reused across calls
  text::Tokenize(text, &tokens);
  return PrepareForAlignment(text, tokens, lang, stemmer);
}

AlignedText PrepareForAlignment(std::string_view text,
                                const std::vector<text::Token>& tokens,
                                std::string_view lang, text::Stemmer* stemmer) {
  AlignedText out;
  out.text = text;
  if (lang.empty()) lang = "en";
  size_t words = 0;
  for (const text::Token& tok : tokens)
    words += tok.kind != text::TokenKind::kPunct;
  out.words.reserve(words);
  std::string key;
  // Stemming dominates otherwise; news vocabulary is Zipfian, so a
  // per-thread memo (per stemmer and language, bounded) hits nearly always.
  struct Memo {
    const text::Stemmer* stemmer = nullptr;
    std::string lang;
    std::unordered_map<std::string, std::pair<uint64_t, bool>> words;
    // Number token bytes -> stem hash (language-independent).
    std::unordered_map<std::string, uint64_t, StringHash, std::equal_to<>>
        numbers;
  };
  thread_local Memo memo;
  if (memo.stemmer != stemmer || memo.lang != lang) {
    memo.words.clear();
    memo.stemmer = stemmer;
    memo.lang = std::string(lang);
  }
  for (const text::Token& tok : tokens) {
    if (tok.kind == text::TokenKind::kPunct) continue;
    AlignWord w;
    w.begin = tok.begin;
    w.end = tok.end;
    w.folded = tok.norm;
    w.capitalized = tok.capitalized;
    if (tok.kind == text::TokenKind::kNumber) {
      w.number = true;
      // Numbers by value ("1,200" = "1200"); the key is a pure function of
      // the token's bytes, memoised like the stems.
      const std::string_view raw = text.substr(tok.begin, tok.end - tok.begin);
      if (memo.numbers.size() > (1u << 16)) memo.numbers.clear();
      auto it = memo.numbers.find(raw);
      if (it == memo.numbers.end()) {
        auto value = text::ParseNumber(raw);
        if (value) {
          key.assign(1, '#');
          key += std::to_string(*value);
        } else {
          key = w.folded;
        }
        it = memo.numbers.emplace(std::string(raw), Hash64(key, kStemSeed))
                 .first;
      }
      w.stem = it->second;
    } else {
      if (memo.words.size() > (1u << 20)) memo.words.clear();
      auto it = memo.words.find(w.folded);
      if (it == memo.words.end()) {
        key.assign(stemmer != nullptr ? stemmer->Stem(w.folded)
                                      : std::string_view(w.folded));
        it = memo.words
                 .emplace(w.folded, std::make_pair(Hash64(key, kStemSeed),
                                                   text::IsStopword(w.folded, lang)))
                 .first;
      }
      w.stem = it->second.first;
      w.stop = it->second.second;
    }
    out.words.push_back(std::move(w));
  }
  return out;
}

double ScoreSpans(const std::vector<AlignedSpan>& spans,
                  const AlignOptions& options) {
  double s = 0;
  for (const AlignedSpan& sp : spans) {
    const uint32_t k = sp.a_word_end - sp.a_word_begin;
    const uint32_t m = sp.b_word_end - sp.b_word_begin;
    switch (sp.kind) {
      case SpanKind::kIdentical:
        s += options.match * k;
        break;
      case SpanKind::kSwap:
        s += sp.relation != WordRelation::kNone ? options.related_swap
                                                : options.swap;
        break;
      default: {
        const uint32_t paired = std::min(k, m);
        s += options.swap * paired + options.gap * (std::max(k, m) - paired);
      }
    }
  }
  return s;
}

GramIndex BuildGramIndex(const AlignedText& t, int seed_words) {
  GramIndex index;
  index.seed_words = std::max(1, seed_words);
  const int n = index.seed_words;
  if (t.words.size() < size_t(n)) return index;
  index.grams.reserve(t.words.size());
  index.at.assign(t.words.size(), 0);
  for (size_t j = 0; j + n <= t.words.size(); ++j) {
    bool all_stop;
    const uint64_t h = GramHash(t, j, n, &all_stop);
    if (all_stop) continue;
    index.grams.emplace_back(h | 1, uint32_t(j));
    index.at[j] = h | 1;  // never 0: 0 marks "no seed here"
  }
  std::sort(index.grams.begin(), index.grams.end());
  size_t slots = 16;
  while (slots < 2 * index.grams.size()) slots *= 2;
  index.first.assign(slots, 0);
  const size_t mask = slots - 1;
  for (size_t k = 0; k < index.grams.size(); ++k) {
    if (k > 0 && index.grams[k - 1].first == index.grams[k].first) continue;
    size_t slot = TableSlot(index.grams[k].first, mask);
    while (index.first[slot] != 0) slot = (slot + 1) & mask;
    index.first[slot] = static_cast<uint32_t>(k + 1);
  }
  return index;
}

size_t GramIndex::Find(uint64_t h) const {
  if (first.empty()) return grams.size();
  const size_t mask = first.size() - 1;
  for (size_t slot = TableSlot(h, mask);; slot = (slot + 1) & mask) {
    const uint32_t e = first[slot];
    if (e == 0) return grams.size();
    if (grams[e - 1].first == h) return e - 1;
  }
}

Alignment Align(const AlignedText& a, const AlignedText& b,
                const WordNet* wordnet, const AlignOptions& options) {
  return Align(a, b, BuildGramIndex(a, options.seed_words),
               BuildGramIndex(b, options.seed_words), wordnet, options);
}

Alignment Align(const AlignedText& a, const AlignedText& b,
                const GramIndex& a_index, const GramIndex& b_index,
                const WordNet* wordnet, const AlignOptions& options) {
  Alignment out;
  const int n = std::max(1, options.seed_words);
  if (a.words.size() < size_t(n) || b.words.size() < size_t(n)) return out;

  std::vector<uint8_t> covered_a(a.words.size(), 0);
  std::vector<uint8_t> covered_b(b.words.size(), 0);
  Extender ext(a, b, covered_a, covered_b, wordnet, options);
  std::vector<Op> left, right, ops;  // per seed, buffers reused
  for (size_t i = 0; i + n <= a.words.size(); ++i) {
    if (covered_a[i]) continue;
    const uint64_t h = a_index.at[i];
    if (h == 0) continue;
    // The same start as lower_bound(grams, (h, 0)) when h is present;
    // when it is not, the loop below does nothing either way.
    const auto lo = b_index.grams.begin() + b_index.Find(h);
    size_t tried = 0;
    for (auto it = lo; it != b_index.grams.end() && it->first == h &&
                       tried < kMaxSeedPositions;
         ++it, ++tried) {
      const uint32_t j = it->second;
      if (covered_a[i]) break;
      bool ok = true;
      for (int k = 0; k < n && ok; ++k) ok = ext.Match(i + k, j + k);
      if (!ok) continue;
      double left_score = 0, right_score = 0;
      ext.Extend(int64_t(i) - 1, int64_t(j) - 1, -1, &left_score, &left);
      ext.Extend(int64_t(i) + n, int64_t(j) + n, +1, &right_score, &right);
      const double score = left_score + n * options.match + right_score;
      if (score < options.min_score) continue;
      // Ops in text order: left reversed, the seed, right.
      ops.assign(left.rbegin(), left.rend());
      for (int k = 0; k < n; ++k) {
        ops.push_back({SpanKind::kIdentical, uint32_t(i + k), uint32_t(j + k),
                       1, 1});
      }
      ops.insert(ops.end(), right.begin(), right.end());
      Passage p;
      p.score = score;
      for (const Op& op : ops) {
        if (op.kind == SpanKind::kIdentical && !p.spans.empty() &&
            p.spans.back().kind == SpanKind::kIdentical) {
          p.spans.back().a_word_end += 1;
          p.spans.back().b_word_end += 1;
        } else {
          AlignedSpan s;
          s.kind = op.kind;
          s.a_word_begin = op.a;
          s.a_word_end = op.a + op.k;
          s.b_word_begin = op.b;
          s.b_word_end = op.b + op.m;
          s.relation = op.relation;
          p.spans.push_back(s);
        }
      }
      for (AlignedSpan& s : p.spans) {
        SetOffsets(a, b, &s);
        for (uint32_t x = s.a_word_begin; x < s.a_word_end; ++x) {
          covered_a[x] = true;
        }
        for (uint32_t y = s.b_word_begin; y < s.b_word_end; ++y) {
          covered_b[y] = true;
        }
        if (s.kind == SpanKind::kIdentical) p.matched += s.a_word_end - s.a_word_begin;
        if (s.kind == SpanKind::kSwap) ++out.swaps;
      }
      p.a_words = p.spans.back().a_word_end - p.spans.front().a_word_begin;
      p.b_words = p.spans.back().b_word_end - p.spans.front().b_word_begin;
      out.a_aligned += p.a_words;
      out.b_aligned += p.b_words;
      out.matched += p.matched;
      out.longest = std::max(out.longest, p.a_words);
      out.passages.push_back(std::move(p));
    }
  }
  std::sort(out.passages.begin(), out.passages.end(),
            [](const Passage& x, const Passage& y) {
              return x.spans.front().a_word_begin < y.spans.front().a_word_begin;
            });
  return out;
}

}  // namespace concord::compare
