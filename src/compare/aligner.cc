// Word-level local alignment by seed and extend.
//
// The idea is BLAST's (Altschul et al. 1990) as used for text reuse by passim
// (Smith et al. 2014): rather than fill an n × m dynamic-programming table,
// find short exact anchors and grow them. Here:
//   1. Seeds: every run of `seed_words` words of A whose stems occur, in the
//      same order, in B (a hash table of B's stemmed n-grams to the first
//      word of each, with each word linked to the next word where the
//      same n-gram starts, built once per text, so a word of A costs one
//      probe per pair; n-grams of stop words only are not seeds).
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
#include <bit>
#include <cmath>
#include <cstring>
#include <iterator>
#include <memory>
#include <type_traits>

#include "src/base/hash.h"
#include "src/base/short_string.h"
#include "src/text/numbers.h"
#include "src/text/segmenter.h"
#include "src/text/stopwords.h"

namespace concord::compare {
namespace {

constexpr uint64_t kStemSeed = 0x616c69676e;  // "align"
constexpr size_t kMaxSeedPositions = 8;       // per n-gram in B

struct Op {
  SpanKind kind;
  uint32_t a, b;  // first word in A and B
  uint32_t k, m;  // words taken from A and B
  WordRelation relation = WordRelation::kNone;  // for swaps
};

// The stems of A and B for one alignment, padded on both sides, with each
// covered word's stem replaced by its side's sentinel (a value no word of
// either text has, different for A and B): Match() is then one compare,
// with no bounds or covered tests.
struct StemRows {
  std::vector<uint64_t> a, b;  // padded
  size_t pad = 0;
  uint64_t covered_a = 0, covered_b = 0;  // the sentinels

  void Fill(const AlignedText& ta, const AlignedText& tb, size_t padding,
            const GramIndex& ia, const GramIndex& ib) {
    if (padding <= GramIndex::kPad && !ia.stems.empty() && !ib.stems.empty() &&
        !ia.small_stem && !ib.small_stem) {
      // The rows the indexes hold, with 0 for A's sentinel and 1 for B's.
      pad = GramIndex::kPad;
      covered_a = 0;
      covered_b = 1;
      a.assign(ia.stems.begin(), ia.stems.end());
      b.assign(ib.stems.begin(), ib.stems.end());
      std::fill(b.begin(), b.begin() + pad, covered_b);
      std::fill(b.end() - pad, b.end(), covered_b);
      return;
    }
    pad = padding;
    covered_a = 0;
    covered_b = 1;
    if (!Row(ta, covered_a, &a) || !Row(tb, covered_b, &b)) {
      // A stem is 0 or 1 (a hash, so next to never): two values neither
      // text has.
      auto present = [&](uint64_t v) {
        for (const AlignedText* t : {&ta, &tb}) {
          for (const AlignWord& w : t->words) {
            if (w.stem == v) return true;
          }
        }
        return false;
      };
      uint64_t v = 2;
      while (present(v)) ++v;
      covered_a = v++;
      while (present(v)) ++v;
      covered_b = v;
      Row(ta, covered_a, &a);
      Row(tb, covered_b, &b);
    }
  }
  // False when a stem is 0 or 1.
  bool Row(const AlignedText& t, uint64_t sentinel, std::vector<uint64_t>* row) {
    row->assign(t.words.size() + 2 * pad, sentinel);
    uint64_t* out = row->data() + pad;
    bool small = false;
    for (size_t k = 0; k < t.words.size(); ++k) {
      out[k] = t.words[k].stem;
      small |= t.words[k].stem < 2;
    }
    return !small;
  }
  bool CoveredA(int64_t x) const { return a[pad + x] == covered_a; }
  bool CoveredB(int64_t y) const { return b[pad + y] == covered_b; }
};

class Extender {
 public:
  // REQUIRES: rows.pad >= max(options.lookahead, 0) + 2 (the farthest
  // Extend looks past either end of a text).
  Extender(const AlignedText& a, const AlignedText& b, const StemRows& rows,
           const WordNet* wordnet, const AlignOptions& options)
      : a_(a),
        b_(b),
        rows_(rows),
        sa_(rows.a.data() + rows.pad),
        sb_(rows.b.data() + rows.pad),
        wordnet_(wordnet),
        options_(options),
        tries_(Tries(options.lookahead)) {}

  // The resumptions (k, m) in the order tried: smallest max(k, m), then
  // smallest k + m, then smallest k. Kept per thread for the last
  // lookahead (the same for every pair of a run): building the list
  // for every Align() call was a handful of allocations per pair.
  // Each (k, m) as the word offsets it looks at in either direction
  // (forward: k, m, which is the pair itself; backward: -k, -m), so that a
  // try is two loads at fixed offsets from the mismatch (computing them per try was most of the
  // cost of a failed resumption, the end of every extension).
  struct TryList {
    std::vector<std::pair<int64_t, int64_t>> forward, backward;
  };
  static const TryList& Tries(int lookahead) {
    thread_local TryList tries;
    thread_local int built_for = -1;
    if (built_for != lookahead) {
      tries.forward.clear();
      tries.backward.clear();
      for (int reach = 1; reach <= lookahead; ++reach) {
        for (int sum = reach; sum <= 2 * reach; ++sum) {
          for (int k = std::max(0, sum - reach); k <= std::min(reach, sum);
               ++k) {
            if (std::max(k, sum - k) != reach) continue;
            tries.forward.push_back({k, sum - k});
            tries.backward.push_back({-k, -(sum - k)});
          }
        }
      }
      built_for = lookahead;
    }
    return tries;
  }

  // Word x of A and word y of B match: neither is covered, both exist,
  // same stem.
  bool Match(int64_t x, int64_t y) const { return sa_[x] == sb_[y]; }

  double SwapScore(uint32_t x, uint32_t y, WordRelation* relation) const {
    *relation = WordRelation::kNone;
    if (wordnet_ != nullptr) *relation = CachedRelate(x, y);
    return *relation != WordRelation::kNone ? options_.related_swap
                                            : options_.swap;
  }

  // WordNet lookups cost microseconds and the same word pairs recur across
  // the pairs of a story (a spun copy against each relative): memoised per
  // thread by the two words' spellings' hashes, bounded in size.
  // The memo is a flat open-addressing table (an unordered_map's bucket
  // division and node walk cost more than the rest of a swap).
  WordRelation CachedRelate(uint32_t x, uint32_t y) const {
    struct Slot {
      uint64_t key;
      bool used;
      WordRelation relation;
    };
    thread_local std::vector<Slot> cache;
    thread_local size_t cached = 0;
    thread_local const WordNet* cached_for = nullptr;
    if (cached_for != wordnet_ || cached > (1u << 20) || cache.empty()) {
      cache.assign(1024, Slot{0, false, WordRelation::kNone});
      cached = 0;
      cached_for = wordnet_;
    }
    // Keyed by the pair in either order: Relate() is symmetric (it takes
    // the strongest relation over the pointers of both words' synsets,
    // followed from either end), and a story's pairs meet the same swap
    // both ways (A's word in B as B's word in C): on a 1k corpus, 285
    // WordNet lookups where there were 528.
    const uint64_t ha = FoldedHash(a_.words[x]), hb = FoldedHash(b_.words[y]);
    const uint64_t key = HashCombine(std::min(ha, hb), std::max(ha, hb));
    size_t mask = cache.size() - 1;
    size_t slot = static_cast<size_t>(Fmix64(key)) & mask;
    while (cache[slot].used && cache[slot].key != key) slot = (slot + 1) & mask;
    if (cache[slot].used) return cache[slot].relation;
    const WordRelation r =
        wordnet_->Relate(a_.words[x].folded, b_.words[y].folded);
    if (2 * (cached + 1) > cache.size()) {
      // Grow: rehash into twice the slots, then find the key's slot anew.
      std::vector<Slot> old(2 * cache.size(), Slot{0, false, WordRelation::kNone});
      old.swap(cache);
      mask = cache.size() - 1;
      for (const Slot& s : old) {
        if (!s.used) continue;
        size_t t = static_cast<size_t>(Fmix64(s.key)) & mask;
        while (cache[t].used) t = (t + 1) & mask;
        cache[t] = s;
      }
      slot = static_cast<size_t>(Fmix64(key)) & mask;
      while (cache[slot].used) slot = (slot + 1) & mask;
    }
    cache[slot] = {key, true, r};
    ++cached;
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

  // Walks a run of matching words from pa, pb (which match) in direction
  // dir: per word, ++*run and *total += match, and when *total > *best,
  // *best = *total, *best_run = *run and *improved = true. Returns the
  // run's length. Out of line, so that the walk's values stay in registers
  // (inlined in Align, the compiler kept them on the stack).
  [[gnu::noinline]] static int64_t WalkRun(const uint64_t* pa,
                                           const uint64_t* pb, int64_t dir,
                                           double match, double* total,
                                           double* best, uint32_t* run,
                                           uint32_t* best_run, bool* improved) {
    double t = *total, b = *best;
    uint32_t r = *run, b_run = *best_run;
    bool better = false;
    // len = the first k >= 1 where pa[dir * k] != pb[dir * k] (the padded
    // rows' sentinels differ, so there is one), four words a step: one
    // compare and branch per word (the loop's bookkeeping cost more than
    // the compare).
    int64_t len = 1;
    const uint64_t* x = pa + dir;
    const uint64_t* y = pb + dir;
    while (true) {
      if (x[0] != y[0]) break;
      if (x[dir] != y[dir]) {
        len += 1;
        break;
      }
      if (x[2 * dir] != y[2 * dir]) {
        len += 2;
        break;
      }
      if (x[3 * dir] != y[3 * dir]) {
        len += 3;
        break;
      }
      len += 4;
      x += 4 * dir;
      y += 4 * dir;
    }
    if (match >= 1e-6 && match <= 1e3 && std::abs(t) < 1e9 &&
        len < (int64_t{1} << 20)) {
      // Then |t| stays below 2^31, where an ulp is under 1e-6, so every
      // addition strictly increases t, and the best point is the run's end
      // whenever the final t beats *best: the same t (the same additions,
      // in order) and the same best, without a comparison per word.
      // With match and t multiples of 0.5 (the default scores), every
      // partial sum is a multiple of 0.5 below 2^52, so each addition is
      // exact and len of them is one multiplication.
      const double twice_match = 2 * match, twice_t = 2 * t;
      if (double(int64_t(twice_match)) == twice_match &&
          double(int64_t(twice_t)) == twice_t) {
        t += double(len) * match;
      } else {
        for (int64_t k = 0; k < len; ++k) t += match;
      }
      r += static_cast<uint32_t>(len);
      if (t > b) {
        b = t;
        b_run = r;
        better = true;
      }
    } else {
      for (int64_t k = 0; k < len; ++k) {
        ++r;
        t += match;
        if (t > b) {
          b = t;
          b_run = r;
          better = true;
        }
      }
    }
    *total = t;
    *best = b;
    *run = r;
    *best_run = b_run;
    *improved = better;
    return len;
  }

  // The first try q >= from (below `tries`) whose words match: a[offset
  // first] == b[offset second]; `tries` when none does. Out of line, like
  // WalkRun: inside Extend, the scan's pointers lived on the stack.
  [[gnu::noinline]] static size_t FirstMatch(
      const uint64_t* a, const uint64_t* b,
      const std::pair<int64_t, int64_t>* offsets, size_t from, size_t tries) {
    // Four tries a step: most scans are the failed one that ends an
    // extension, every try (24 at the default lookahead).
    size_t q = from;
    for (; q + 4 <= tries; q += 4) {
      const std::pair<int64_t, int64_t>* o = offsets + q;
      if (a[o[0].first] == b[o[0].second]) return q;
      if (a[o[1].first] == b[o[1].second]) return q + 1;
      if (a[o[2].first] == b[o[2].second]) return q + 2;
      if (a[o[3].first] == b[o[3].second]) return q + 3;
    }
    for (; q < tries; ++q) {
      if (a[offsets[q].first] == b[offsets[q].second]) return q;
    }
    return tries;
  }

  // Extends from (x, y) in direction dir (+1 or -1): (x, y) is the first
  // pair to examine. Leaves in *out the ops up to the best-scoring point, in
  // walk order (a run of matching words is one identical op), and their
  // score in *score.
  // `ops` is the caller's buffer (reused across seeds, saving an
  // allocation per extension). The direction is a template argument, so
  // that the steps at a mismatch (x + dir * k) cost no multiplication.
  template <int dir>
  void Extend(int64_t x, int64_t y, double* score,
              std::vector<Op>* out) const {
    static_assert(dir == 1 || dir == -1);
    std::vector<Op>& ops = *out;
    ops.clear();
    double total = 0, best = 0;
    size_t best_len = 0;
    uint32_t best_run = 0;  // words of the last op at the best point
    while (true) {
      if (Match(x, y)) {
        // A run of matches, one op; its a, b are the walk's first pair
        // until the end (below). Walked in a tight loop: the op is
        // written once per run.
        if (ops.empty() || ops.back().kind != SpanKind::kIdentical) {
          ops.push_back({SpanKind::kIdentical, uint32_t(x), uint32_t(y), 0, 0});
        }
        uint32_t run = ops.back().k;
        bool improved = false;
        const int64_t len = WalkRun(sa_ + x, sb_ + y, dir, options_.match,
                                    &total, &best, &run, &best_run, &improved);
        x += dir * len;
        y += dir * len;
        if (improved) best_len = ops.size();
        ops.back().k = ops.back().m = run;
        continue;
      }
      // Nearest resumption (k, m): smallest max(k, m), then smallest k + m.
      int found_k = -1, found_m = -1;
      const std::pair<int64_t, int64_t>* const offsets =
          dir > 0 ? tries_.forward.data() : tries_.backward.data();
      const size_t tries = tries_.forward.size();
      for (size_t q = 0;; ++q) {
        q = FirstMatch(sa_ + x, sb_ + y, offsets, q, tries);
        if (q == tries) break;
        const auto [k, m] = tries_.forward[q];
        const int64_t rx = x + dir * k, ry = y + dir * m;
        // Confirmed by a second match, by a non-stop word, or by keeping
        // the diagonal (a swap or same-length edit then "the").
        if (!Match(rx + dir, ry + dir) && a_.words[rx].stop && k != m) {
          continue;
        }
        // The skipped words must be free too.
        bool free = true;
        for (int t = 0; t < k && free; ++t) free = !rows_.CoveredA(x + dir * t);
        for (int t = 0; t < m && free; ++t) free = !rows_.CoveredB(y + dir * t);
        if (!free) continue;
        found_k = k;
        found_m = m;
        break;
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
    if (best_len > 0) {
      // The best point may fall inside the last run.
      ops.back().k = ops.back().m = best_run;
    }
    if (dir < 0) {
      // Runs were walked leftwards from their last word.
      for (Op& op : ops) {
        if (op.kind != SpanKind::kIdentical) continue;
        op.a -= op.k - 1;
        op.b -= op.m - 1;
      }
    }
    *score = best;
  }

 private:
  const AlignedText& a_;
  const AlignedText& b_;
  const StemRows& rows_;
  const uint64_t* sa_;  // word 0 of A's padded row
  const uint64_t* sb_;
  const WordNet* wordnet_;
  const AlignOptions& options_;
  // Tries(options_.lookahead); valid while this Extender lives (no other
  // Extender with another lookahead is made on the thread meanwhile).
  const TryList& tries_;
};

// Slot of a gram hash in GramIndex::first: the hash's high bits (the low
// bit is always set).
size_t TableSlot(uint64_t h, size_t mask) {
  return static_cast<size_t>((h * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}

// The first word i >= from of A (below `seeds`) that is not covered and
// starts a gram that B has, with *first = 1 + B's first word where that gram
// starts; `seeds` when there is none. Out of line, so that the scan keeps
// its values in registers (inlined in Align, whose extension needs many,
// the word counter lived on the stack), and most words of A end here: the
// covered ones of a near-copy, and those of a loose pair's words that B
// does not have.
[[gnu::noinline]] size_t NextSeed(const uint64_t* a_row, const uint64_t* a_at,
                                  size_t from, size_t seeds,
                                  uint64_t covered_a, const uint32_t* b_first,
                                  const uint64_t* b_at, size_t b_mask,
                                  uint32_t* first) {
  for (size_t i = from; i < seeds; ++i) {
    if (a_row[i] == covered_a) continue;
    const uint64_t h = a_at[i];
    if (h == 0) continue;
    for (size_t slot = TableSlot(h, b_mask);; slot = (slot + 1) & b_mask) {
      const uint32_t e = b_first[slot];
      if (e == 0) break;
      if (b_at[e - 1] == h) {
        *first = e;
        return i;
      }
    }
  }
  return seeds;
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

namespace {

// Stemming dominates otherwise; news vocabulary is Zipfian, so a
// per-thread memo per stemmer and language (bounded) hits nearly always.
// Keyed by ProbeHash (cheap, inline); it keeps the word's Hash64, which
// the word keeps as its folded_hash (families.cc and the WordNet memo key
// words by it): one probe of a flat table per word, the spelling compared
// only for long words.
class StemMemo {
 public:
  // A word's slot: what a hit needs (its hashes, stem and stop flag) in
  // the table itself, so a word costs one access to a 32-byte slot, not a
  // slot and then an entry elsewhere (both cache misses once the memo
  // outgrows the cache); the spelling, compared only above 8 bytes, in
  // chars_.
  struct Slot {
    uint64_t probe = 0;  // ProbeHash(word)
    uint64_t hash = 0;   // Hash64(word)
    uint64_t stem = 0;
    uint32_t word = 0;   // offset of the spelling in chars_
    uint16_t size = 0;   // its length
    bool stop = false;
    bool used = false;
  };

  // The table is never empty (Grow() here, and again whenever Put()
  // starts afresh), so Find() needs no test for it.
  StemMemo(const text::Stemmer* stemmer, std::string_view lang)
      : stemmer_(stemmer), lang_(lang) {
    Grow();
  }
  bool For(const text::Stemmer* stemmer, std::string_view lang) const {
    return stemmer_ == stemmer && lang_ == lang;
  }

  // The table for probing, valid until the next Insert(): the caller
  // keeps it in locals across words (read through the memo, its fields
  // were reloaded at every word, the words' stores being able to alias
  // them).
  struct View {
    const Slot* slots = nullptr;
    size_t mask = 0;
    const char* chars = nullptr;
  };
  View view() const {
    return {slots_.data(), slots_.size() - 1, chars_.data()};
  }

  // The slot of `word` (q = ProbeHash(word)), null when absent.
  static const Slot* Find(const View& v, std::string_view word, uint64_t q) {
    for (size_t slot = q & v.mask;; slot = (slot + 1) & v.mask) {
      const Slot& s = v.slots[slot];
      if (!s.used) return nullptr;
      // Up to 8 bytes, the probe hash determines the word given its
      // length (ProbeHash), so the spelling is compared only above that.
      if (s.probe == q && s.size == word.size() &&
          (word.size() <= 8 ||
           SameShortString({v.chars + s.word, word.size()}, word))) {
        return &s;
      }
    }
  }


  // Adds `word` (absent; q = ProbeHash(word)): stems it. Returns its slot's
  // values (a word too long for a slot is stemmed but not kept).
  [[gnu::noinline]] Slot Insert(std::string_view word, uint64_t q,
                                text::Stemmer* stemmer) {
    Slot fresh;
    fresh.probe = q;
    fresh.hash = Hash64(word);
    fresh.stem = Hash64(stemmer != nullptr ? stemmer->Stem(word) : word,
                        kStemSeed);
    fresh.stop = text::IsStopword(word, lang_);
    return Put(word, fresh);
  }

  // Adds `word` (absent; fresh.probe = ProbeHash(word)) with the values in
  // `fresh`, and returns them (a word too long for a slot is not kept).
  Slot Put(std::string_view word, Slot fresh) {
    fresh.used = true;
    if (word.size() > UINT16_MAX) return fresh;
    if (used_ >= (1u << 20) || chars_.size() + word.size() > UINT32_MAX) {
      // Bounded: start afresh.
      slots_.clear();
      chars_.clear();
      used_ = 0;
    }
    if (slots_.empty() || 2 * (used_ + 1) > slots_.size()) Grow();
    fresh.word = static_cast<uint32_t>(chars_.size());
    fresh.size = static_cast<uint16_t>(word.size());
    chars_.append(word);
    const size_t mask = slots_.size() - 1;
    size_t slot = fresh.probe & mask;
    while (slots_[slot].used) slot = (slot + 1) & mask;
    slots_[slot] = fresh;
    ++used_;
    return fresh;
  }

 private:
  void Grow() {
    std::vector<Slot> old(std::max<size_t>(1024, 2 * slots_.size()));
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (!s.used) continue;
      size_t slot = s.probe & mask;
      while (slots_[slot].used) slot = (slot + 1) & mask;
      slots_[slot] = s;
    }
  }

 public:
  // A cheap hash for the table only: a word's first and last bytes and
  // its length, mixed. Inline, where Hash64 is a library call; the words'
  // Hash64 is computed once per distinct word, on insertion. Up to 8
  // bytes, x holds every byte (the first and last 4, or 2, of them, which
  // overlap to cover all) and y is 0, so for a given length the word
  // determines x ^ n and back, and the mix is a bijection (two xorshifts
  // and a multiplication by an odd constant): equal hashes and lengths mean
  // equal words. The mix is lighter than Fmix64 (this runs once per word of
  // every text): the first xorshift folds the high bytes into the low
  // bits, so every byte reaches the table's slot bits (q's low bits, which
  // the second xorshift fills from the product's well-mixed high half).
  static uint64_t ProbeHash(std::string_view w) {
    const size_t n = w.size();
    const char* p = w.data();
    uint64_t x = 0, y = 0;
    if (n > 8) {
      std::memcpy(&x, p, 8);
      std::memcpy(&y, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      x = lo | uint64_t{hi} << 32;
    } else if (n >= 2) {
      uint16_t lo, hi;
      std::memcpy(&lo, p, 2);
      std::memcpy(&hi, p + n - 2, 2);
      x = lo | uint32_t{hi} << 16;
    } else if (n == 1) {
      x = uint8_t(p[0]);
    }
    x ^= (y * 0x9E3779B97F4A7C15ull) ^ n;
    x ^= x >> 29;
    x *= 0xBF58476D1CE4E5B9ull;
    return x ^ (x >> 32);
  }

 private:
  const text::Stemmer* stemmer_;
  std::string lang_;
  std::vector<Slot> slots_;  // a power of two, at most half used
  size_t used_ = 0;
  std::string chars_;  // the words' spellings
};

// A number token's stem hash (by value: "1,200" = "1200") and the Hash64
// of its norm `folded`, from its bytes `raw`: both pure functions of them,
// memoised per thread like the stems, in a table of the same kind
// (language-independent). Out of line: numbers are a small share of the
// words, and inlined, this made the loop over words slower.
[[gnu::noinline]] void NumberKeys(std::string_view raw, std::string_view folded,
                                  uint64_t* stem, uint64_t* hash) {
  thread_local StemMemo numbers(nullptr, "#");
  const uint64_t q = StemMemo::ProbeHash(raw);
  if (const StemMemo::Slot* e = StemMemo::Find(numbers.view(), raw, q)) {
    *stem = e->stem;
    *hash = e->hash;
    return;
  }
  std::string key;
  if (auto value = text::ParseNumber(raw)) {
    key.assign(1, '#');
    key += std::to_string(*value);
  } else {
    key.assign(folded);
  }
  StemMemo::Slot fresh;
  fresh.probe = q;
  fresh.stem = Hash64(key, kStemSeed);
  fresh.hash = Hash64(folded);
  numbers.Put(raw, fresh);
  *stem = fresh.stem;
  *hash = fresh.hash;
}

// A forward iterator over RawWord tags: a words vector made from
// [RawWords{0}, RawWords{n}) has n words and constructed none
// (WordAllocator).
struct RawWords {
  using iterator_category = std::forward_iterator_tag;
  using value_type = RawWord;
  using difference_type = std::ptrdiff_t;
  using pointer = const RawWord*;
  using reference = RawWord;
  size_t k = 0;
  RawWord operator*() const { return {}; }
  RawWords& operator++() {
    ++k;
    return *this;
  }
  RawWords operator++(int) {
    RawWords old = *this;
    ++k;
    return old;
  }
  bool operator==(const RawWords&) const = default;
};
static_assert(std::is_trivially_copyable_v<AlignWord> &&
              std::is_trivially_destructible_v<AlignWord> &&
              std::is_aggregate_v<AlignWord>);

// The words of `tokens` (punctuation skipped); norm(tok) is the token's
// norm, a view that outlives the result.
template <class Tokens, class Norm>
AlignedText Prepare(std::string_view text, const Tokens& tokens, Norm norm,
                    std::string_view lang, text::Stemmer* stemmer) {
  AlignedText out;
  out.text = text;
  if (lang.empty()) lang = "en";
  // A word for every token (punctuation is a small share), left
  // uninitialised: each word below is written whole, field by field, and
  // the vector cut to the words at the end (no counting pass, no capacity
  // check per word).
  out.words = decltype(out.words)(RawWords{0}, RawWords{tokens.size()});
  AlignWord* next = out.words.data();  // the next word to write
  // One memo per stemmer and language seen on this thread (a story may mix
  // languages; one memo would be cleared at each switch).
  thread_local std::vector<std::unique_ptr<StemMemo>> memos;
  StemMemo* memo = nullptr;
  for (const auto& m : memos) {
    if (m->For(stemmer, lang)) memo = m.get();
  }
  if (memo == nullptr) {
    if (memos.size() >= 16) memos.clear();
    memo = memos.emplace_back(std::make_unique<StemMemo>(stemmer, lang)).get();
  }
  StemMemo::View view = memo->view();
  for (const auto& tok : tokens) {
    if (tok.kind == text::TokenKind::kPunct) continue;
    AlignWord& w = *next++;
    w.begin = tok.begin;
    w.end = tok.end;
    w.folded = norm(tok);
    w.capitalized = tok.capitalized;
    if (tok.kind == text::TokenKind::kNumber) {
      w.number = true;
      w.stop = false;
      NumberKeys(text.substr(tok.begin, tok.end - tok.begin), w.folded,
                 &w.stem, &w.folded_hash);
    } else {
      w.number = false;
      const uint64_t q = StemMemo::ProbeHash(w.folded);
      if (const StemMemo::Slot* e = StemMemo::Find(view, w.folded, q)) {
        w.folded_hash = e->hash;
        w.stem = e->stem;
        w.stop = e->stop;
      } else {
        const StemMemo::Slot fresh = memo->Insert(w.folded, q, stemmer);
        view = memo->view();
        w.folded_hash = fresh.hash;
        w.stem = fresh.stem;
        w.stop = fresh.stop;
      }
    }
  }
  out.words.resize(next - out.words.data());  // (trivially: no destructor)
  return out;
}

}  // namespace

AlignedText PrepareForAlignment(std::string_view text,
                                const std::vector<text::Token>& tokens,
                                std::string_view lang, text::Stemmer* stemmer) {
  return Prepare(
      text, tokens,
      [](const text::Token& tok) { return std::string_view(tok.norm); }, lang,
      stemmer);
}

AlignedText PrepareForAlignment(std::string_view text, std::string_view lang,
                                text::Stemmer* stemmer) {
  // The token list's norms in one buffer, which the text then keeps (the
  // words' folded forms are views of it): no string per token. The
  // buffer's string is on the heap before the views are taken, so moving
  // the result moves no character.
  thread_local text::TokenList tokens;  // its token vector reused
  text::Tokenize(text, &tokens);
  auto norms = std::make_shared<std::string>(std::move(tokens.norms));
  tokens.norms.clear();
  const std::string_view all = *norms;
  AlignedText out = Prepare(
      text, tokens.tokens,
      [all](const text::TokenRef& tok) {
        return all.substr(tok.norm_begin, tok.norm_end - tok.norm_begin);
      },
      lang, stemmer);
  out.folded_storage = std::move(norms);
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
  GramIndex index = BuildGramHashes(t, seed_words);
  AddGramTable(&index);
  return index;
}

GramIndex BuildGramHashes(const AlignedText& t, int seed_words) {
  GramIndex index;
  index.seed_words = std::max(1, seed_words);
  const int n = index.seed_words;
  if (t.words.size() < size_t(n)) return index;
  const size_t words = t.words.size();
  // The stems in a row: the gram loop reads them contiguously rather than
  // from the words (the stop flags it reads from the words, in order).
  index.stems.resize(words + 2 * GramIndex::kPad);
  std::fill(index.stems.begin(), index.stems.begin() + GramIndex::kPad, 0);
  std::fill(index.stems.end() - GramIndex::kPad, index.stems.end(), 0);
  uint64_t* stems = index.stems.data() + GramIndex::kPad;
  // Locals and raw pointers throughout: through the index's members, the
  // loops reloaded them at every word.
  const AlignWord* const w = t.words.data();
  bool small_stem = false;
  index.at.resize(words);
  uint64_t* const at = index.at.data();
  size_t grams = 0;
  if (n == 3) {
    // The default, in one pass over the words: each stem goes into the row
    // and ends the gram that started two words before, kept with the
    // window's stop flags (as bits) in registers. The same hashes as the
    // general loop below, which walked the words twice.
    uint64_t s0 = w[0].stem, s1 = w[1].stem;
    stems[0] = s0;
    stems[1] = s1;
    small_stem = s0 < 2 || s1 < 2;
    unsigned stop_bits = unsigned{w[0].stop} << 1 | unsigned{w[1].stop};
    for (size_t k = 2; k < words; ++k) {
      const uint64_t s2 = w[k].stem;
      stems[k] = s2;
      small_stem |= s2 < 2;
      stop_bits = (stop_bits << 1 | unsigned{w[k].stop}) & 7;
      const uint64_t h = std::rotl(std::rotl(s0, 21) ^ s1, 21) ^ s2;
      const uint64_t g = stop_bits == 7 ? 0 : h | 1;
      grams += g != 0;
      at[k - 2] = g;
      s0 = s1;
      s1 = s2;
    }
    at[words - 2] = at[words - 1] = 0;
    index.small_stem = small_stem;
    index.grams = grams;
    return index;
  }
  for (size_t j = 0; j < words; ++j) {
    stems[j] = w[j].stem;
    small_stem |= stems[j] < 2;
  }
  index.small_stem = small_stem;
  // Stop words in the current window of n.
  int stops = 0;
  for (int k = 0; k < n - 1; ++k) stops += w[k].stop;
  for (size_t j = 0; j + n <= words; ++j) {
    stops += w[j + n - 1].stop;
    // The gram's hash: the stems (themselves hashes) rotated by their
    // place and xored; only equality matters, and a false match is
    // rejected word by word before it seeds. Never 0: 0 marks "no seed
    // here".
    uint64_t h = stems[j];
    for (int k = 1; k < n; ++k) h = std::rotl(h, 21) ^ stems[j + k];
    h = stops == n ? 0 : h | 1;
    grams += h != 0;
    at[j] = h;
    stops -= w[j].stop;
  }
  for (size_t j = words + 1 - n; j < words; ++j) at[j] = 0;
  index.grams = grams;
  return index;
}

void AddGramTable(GramIndex* index) {
  if (index->has_table) return;
  index->has_table = true;
  const size_t words = index->at.size();
  if (words == 0) return;  // fewer words than a seed: no table
  size_t slots = 16;
  while (slots < 2 * index->grams) slots *= 2;
  index->first.assign(slots, 0);
  index->next.resize(words);
  const uint64_t* const at = index->at.data();
  uint32_t* const first = index->first.data();
  uint32_t* const next = index->next.data();
  const size_t mask = slots - 1;
  // Backwards, so each gram's list comes out in text order.
  for (size_t j = words; j-- > 0;) {
    const uint64_t h = at[j];
    next[j] = 0;
    if (h == 0) continue;
    size_t slot = TableSlot(h, mask);
    while (first[slot] != 0 && at[first[slot] - 1] != h) {
      slot = (slot + 1) & mask;
    }
    next[j] = first[slot];
    first[slot] = static_cast<uint32_t>(j + 1);
  }
}

uint32_t GramIndex::Find(uint64_t h) const {
  if (first.empty()) return 0;
  const size_t mask = first.size() - 1;
  for (size_t slot = TableSlot(h, mask);; slot = (slot + 1) & mask) {
    const uint32_t e = first[slot];
    if (e == 0 || at[e - 1] == h) return e;
  }
}

Alignment Align(const AlignedText& a, const AlignedText& b,
                const WordNet* wordnet, const AlignOptions& options) {
  return Align(a, b, BuildGramIndex(a, options.seed_words),
               BuildGramIndex(b, options.seed_words), wordnet, options);
}

namespace {

// Align() when B's index lacks its table: completes a copy. Out of line,
// off Align's path.
[[gnu::noinline]] Alignment AlignCompletingTable(
    const AlignedText& a, const AlignedText& b, const GramIndex& a_index,
    const GramIndex& b_index, const WordNet* wordnet,
    const AlignOptions& options) {
  GramIndex full = b_index;
  AddGramTable(&full);
  return Align(a, b, a_index, full, wordnet, options);
}

}  // namespace

Alignment Align(const AlignedText& a, const AlignedText& b,
                const GramIndex& a_index, const GramIndex& b_index,
                const WordNet* wordnet, const AlignOptions& options) {
  Alignment out;
  const int n = std::max(1, options.seed_words);
  if (a.words.size() < size_t(n) || b.words.size() < size_t(n)) return out;
  if (!b_index.has_table) [[unlikely]] {
    return AlignCompletingTable(a, b, a_index, b_index, wordnet, options);
  }

  // Reused across calls: one alignment per pair of a story.
  thread_local StemRows rows;
  rows.Fill(a, b, size_t(std::max(0, options.lookahead)) + 2, a_index,
            b_index);
  Extender ext(a, b, rows, wordnet, options);
  thread_local std::vector<Op> left, right;  // per seed, buffers reused
  // The passages as found, moved into out.passages at the end with one
  // allocation (pushing into it directly regrew it per few passages).
  thread_local std::vector<Passage> found;
  found.clear();
  const size_t seeds = a.words.size() + 1 - n;  // words where a seed may start
  // Locals, not rows' members: the stores that cover words would otherwise
  // make the compiler reload them at every word.
  uint64_t* const a_row = rows.a.data() + rows.pad;
  uint64_t* const b_row = rows.b.data() + rows.pad;
  const uint64_t covered_a = rows.covered_a, covered_b = rows.covered_b;
  const uint64_t* const a_at = a_index.at.data();
  // B's table likewise (GramIndex::Find, inlined).
  if (b_index.first.empty()) return out;  // B has no seed at all
  const uint32_t* const b_first = b_index.first.data();
  const size_t b_mask = b_index.first.size() - 1;
  const uint64_t* const b_at = b_index.at.data();
  const uint32_t* const b_next = b_index.next.data();
  // Where the scan for the next seed resumes: past the seed, or past the
  // passage found from it. A passage covers every word of A from its first
  // span to its last (its spans tile that range), so the scan would only
  // skip them one by one (most of A, for a near-copy).
  for (size_t from = 0;;) {
    // B's words where the gram starts, in text order, the first
    // kMaxSeedPositions of them.
    uint32_t first = 0;
    const size_t i = NextSeed(a_row, a_at, from, seeds, covered_a, b_first,
                              b_at, b_mask, &first);
    if (i == seeds) break;
    from = i + 1;
    size_t tried = 0;
    for (uint32_t e = first; e != 0 && tried < kMaxSeedPositions;
         e = b_next[e - 1], ++tried) {
      const uint32_t j = e - 1;
      if (a_row[i] == covered_a) break;
      bool ok = true;
      for (int k = 0; k < n && ok; ++k) ok = ext.Match(i + k, j + k);
      if (!ok) continue;
      double left_score = 0, right_score = 0;
      ext.Extend<-1>(int64_t(i) - 1, int64_t(j) - 1, &left_score, &left);
      ext.Extend<+1>(int64_t(i) + n, int64_t(j) + n, &right_score, &right);
      const double score = left_score + n * options.match + right_score;
      if (score < options.min_score) continue;
      // Spans in text order: left reversed, the seed, right; a run of
      // identical ops is one span.
      Passage p;
      p.score = score;
      auto add = [&p](const Op& op) {
        if (op.kind == SpanKind::kIdentical && !p.spans.empty() &&
            p.spans.back().kind == SpanKind::kIdentical) {
          p.spans.back().a_word_end += op.k;
          p.spans.back().b_word_end += op.m;
          return;
        }
        AlignedSpan& s = p.spans.emplace_back();
        s.kind = op.kind;
        s.a_word_begin = op.a;
        s.a_word_end = op.a + op.k;
        s.b_word_begin = op.b;
        s.b_word_end = op.b + op.m;
        s.relation = op.relation;
      };
      p.spans.reserve(left.size() + right.size() + 1);
      for (auto it = left.rbegin(); it != left.rend(); ++it) add(*it);
      add({SpanKind::kIdentical, uint32_t(i), uint32_t(j), uint32_t(n),
           uint32_t(n)});
      for (const Op& op : right) add(op);
      for (AlignedSpan& s : p.spans) {
        if (options.byte_offsets) SetOffsets(a, b, &s);
        std::fill(a_row + s.a_word_begin, a_row + s.a_word_end, covered_a);
        std::fill(b_row + s.b_word_begin, b_row + s.b_word_end, covered_b);
        if (s.kind == SpanKind::kIdentical) p.matched += s.a_word_end - s.a_word_begin;
        if (s.kind == SpanKind::kSwap) ++out.swaps;
      }
      p.a_words = p.spans.back().a_word_end - p.spans.front().a_word_begin;
      p.b_words = p.spans.back().b_word_end - p.spans.front().b_word_begin;
      out.a_aligned += p.a_words;
      out.b_aligned += p.b_words;
      out.matched += p.matched;
      out.longest = std::max(out.longest, p.a_words);
      from = std::max<size_t>(from, p.spans.back().a_word_end);
      found.push_back(std::move(p));
    }
  }
  std::sort(found.begin(), found.end(), [](const Passage& x, const Passage& y) {
    return x.spans.front().a_word_begin < y.spans.front().a_word_begin;
  });
  out.passages.reserve(found.size());
  for (Passage& p : found) out.passages.push_back(std::move(p));
  return out;
}

}  // namespace concord::compare
