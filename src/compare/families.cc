// Families, origins and roles within a story; the rules are in families.h.
#include "src/compare/families.h"

#include "src/base/cpu.h"
#include "src/base/hash.h"
#include "src/base/short_string.h"

#include <algorithm>
#include <bit>
#include <numeric>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace concord::compare {
namespace {

// A story member is a summary when it is short against the rest (the
// median of their lengths) and against the texts that hold its content,
// and most of its content is in those. An aggregator's summary credits
// the outlets it condenses ("Credited from: X"; the seeds' 003 is 0.53–0.86
// of the versions it draws on); without a credit it must be as short
// against them as relation.cc asks of a pair's summary, half, since a
// text between half and the full length of its source is a rewrite.
constexpr double kSummaryLength = 0.8;
constexpr double kUncreditedSummaryLength = 0.5;
constexpr double kSummaryContainment = 0.75;
constexpr double kSummaryCreditedContainment = 0.6;
constexpr uint32_t kSpunMinVotes = 4;
constexpr double kSpunVoteShare = 0.5;
constexpr uint32_t kMaxVoteWords = 2;  // longest edit that votes, per side
constexpr uint32_t kMinFlank = 1;      // identical words around a voting swap

struct UnionFind {
  std::vector<uint32_t> parent;
  explicit UnionFind(size_t n) : parent(n) {
    std::iota(parent.begin(), parent.end(), 0u);
  }
  uint32_t Find(uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

// Words [begin, end) of t as they stand in its text.
std::string_view WordsView(const AlignedText& t, uint32_t begin,
                           uint32_t end) {
  if (begin >= end) return {};
  return t.text.substr(t.words[begin].begin,
                       t.words[end - 1].end - t.words[begin].begin);
}

std::string Words(const AlignedText& t, uint32_t begin, uint32_t end) {
  return std::string(WordsView(t, begin, end));
}

// Below this containment of either side's content words in the other, a
// pair cannot be derived (relation.cc's rules all need ≥ 0.45 or aligned
// wording, which brings the content words along): it is not aligned.
constexpr double kAlignMinContainment = 0.40;

// In how many members each folded word occurs (by its hash), for the words
// asked about: only the swap votes without a witness ask, which few
// stories have. The words are asked first (Ask), then counted by one walk
// over the story's words (Count), each probing a table of just the asked
// words: small enough to stay in the cache, where a table of every word of
// the story (several per cache line of a large story's hundreds of
// kilobytes) missed it at nearly every word.
class WordDf {
 public:
  // text_id[i]: the first member with i's AlignedText (as StorySets).
  WordDf(const std::vector<StoryMember>& members,
         const std::vector<uint32_t>& text_id)
      : members_(members), text_id_(text_id) {}

  // Words [begin, end) of t will be asked for (before Count()).
  void Ask(const AlignedText& t, uint32_t begin, uint32_t end) {
    for (uint32_t k = begin; k < end; ++k) {
      asked_.push_back(FoldedHash(t.words[k]));
    }
  }

  // Counts the asked words' members (once).
  void Count() {
    if (counted_ || asked_.empty()) return;
    counted_ = true;
    size_t slots = 16;
    while (slots < 2 * asked_.size()) slots *= 2;
    // The table is the thread's, reused across stories and never cleared:
    // a slot is this story's when its stamp is. One WordDf at a time per
    // thread: AnalyzeStoryReuse holds one and does not nest. Only its first
    // `slots` are this story's.
    thread_local std::vector<Slot> table;
    thread_local uint32_t stamp = 0;
    if (table.size() < slots || ++stamp == 0) {
      table.assign(std::max(slots, table.size()), Slot{0, 0, 0, 0});
      stamp = 1;
    }
    slots_ = table.data();
    mask_ = slots - 1;
    stamp_ = stamp;
    for (const uint64_t key : asked_) {
      Slot& s = slots_[SlotOf(key)];
      if (s.stamp != stamp_) s = Slot{key, 0, 0, stamp_};
    }
    // Each text's words are walked once, counting every member that has
    // the text (a verbatim copy shares its original's AlignedText).
    std::vector<uint32_t> copies(members_.size(), 0);
    for (uint32_t i = 0; i < members_.size(); ++i) ++copies[text_id_[i]];
    for (uint32_t i = 0; i < members_.size(); ++i) {
      if (copies[i] == 0) continue;  // a copy: counted with its first
      const uint32_t weight = copies[i];
      for (const AlignWord& w : members_[i].text->words) {
        const uint64_t key = FoldedHash(w);
        Slot& s = slots_[SlotOf(key)];
        if (s.stamp != stamp_) continue;  // not asked
        if (s.last != i + 1) {
          s.members += weight;
          s.last = i + 1;
        }
      }
    }
  }

  // In how many members the asked word w occurs. REQUIRES: Count() done
  // after w was asked.
  uint32_t Of(const AlignWord& w) const {
    const Slot& s = slots_[SlotOf(FoldedHash(w))];
    return s.stamp == stamp_ ? s.members : 0;
  }

 private:
  struct Slot {
    uint64_t key;
    uint32_t members;
    uint32_t last;   // 1 + the last member counted
    uint32_t stamp;  // the slot is this story's when it is stamp_
  };

  // The slot holding `key`, or the free slot where it would go.
  size_t SlotOf(uint64_t key) const {
    size_t slot =
        static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask_;
    while (slots_[slot].stamp == stamp_ && slots_[slot].key != key) {
      slot = (slot + 1) & mask_;
    }
    return slot;
  }

  const std::vector<StoryMember>& members_;
  const std::vector<uint32_t>& text_id_;
  std::vector<uint64_t> asked_;  // the asked words' hashes, repeats and all
  bool counted_ = false;
  Slot* slots_ = nullptr;  // the thread's table, once counted
  size_t mask_ = 0;
  uint32_t stamp_ = 0;
};

// In how many members the rarest word of words [begin, end) occurs
// (asked and counted in df).
uint32_t RarestDf(const AlignedText& t, uint32_t begin, uint32_t end,
                  const WordDf& df) {
  uint32_t best = UINT32_MAX;
  for (uint32_t k = begin; k < end; ++k) {
    best = std::min(best, df.Of(t.words[k]));
  }
  return best;
}

// Set bits of x[k] & y[k] over k < words. The build targets plain x86-64,
// where the popcount builtin is a libgcc call: the POPCNT instruction when
// the CPU has it (every x86-64 CPU since 2008 does).
#if defined(__x86_64__) && defined(__GNUC__)
[[gnu::target("popcnt")]] size_t AndCountPopcnt(const uint64_t* x,
                                                const uint64_t* y,
                                                size_t words) {
  size_t n = 0;
  for (size_t k = 0; k < words; ++k) n += __builtin_popcountll(x[k] & y[k]);
  return n;
}
#endif

size_t AndCount(const uint64_t* x, const uint64_t* y, size_t words) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (cpu::HasPopcnt()) return AndCountPopcnt(x, y, words);
#endif
  size_t n = 0;
  for (size_t k = 0; k < words; ++k) n += std::popcount(x[k] & y[k]);
  return n;
}

// Every member's content stems and details (relation.h's TextSets) as
// bitmaps over story-local ids of the stems: a set's size and the overlap
// of two sets are bit counts (no sort per member, no merge per pair), and
// the stems some other member has too are one more bitmap.
class StorySets {
 public:
  // text_id[i]: the first member with i's AlignedText (a verbatim copy
  // has the same sets as it, so its words are not walked again).
  // on_text(i) is called for each text right after its words are walked
  // (while they are in the cache).
  template <class OnText>
  StorySets(const std::vector<StoryMember>& members,
            const std::vector<uint32_t>& text_id, OnText on_text) {
    const size_t n = members.size();
    // Distinct stems are at most the distinct texts' words.
    size_t total = 0;
    for (size_t i = 0; i < n; ++i) {
      if (text_id[i] == i) total += members[i].text->words.size();
    }
    // Stem -> id by open addressing, reused across stories on the thread:
    // a slot belongs to this story when its stamp is this story's, so the
    // table is never cleared (it is larger than a story needs).
    // 16 bytes: the table is larger than the cache, and every word of the
    // story looks a slot up (a member's repeated stems are listed again and
    // set their bits again, which costs less than the per-slot marks that
    // kept them out did).
    struct Slot {
      uint64_t key;
      uint32_t stamp;
      uint32_t id;
    };
    thread_local std::vector<Slot> table;
    thread_local uint32_t stamp = 0;
    size_t slots = 16;
    while (slots < 2 * total) slots *= 2;
    if (table.size() < slots || ++stamp == 0) {
      table.assign(std::max(slots, table.size()), Slot{0, 0, 0});
      stamp = 1;
    }
    // The table's first `slots` only (as WordDf: the whole table is as
    // large as the largest story yet, and a small story's stems spread
    // over it missed the cache).
    const size_t mask = slots - 1;
    // Per member, the ids of its mentions of stems as content and as
    // details, in two lists (a mention that is both is in both): setting
    // their bits is then one store per mention, with no test of which
    // set it is in.
    // Written through pointers into buffers kept as large as the largest
    // story's words (grown, never cleared), and the table and stamp read
    // into locals: as thread_locals they were reloaded at every word.
    // With each content mention, its word index (for the first uses).
    thread_local std::vector<uint32_t> content_id_buffer, detail_id_buffer,
        content_place_buffer;
    if (content_id_buffer.size() < total) {
      content_id_buffer.resize(total);
      detail_id_buffer.resize(total);
      content_place_buffer.resize(total);
    }
    uint32_t* const content_ids = content_id_buffer.data();
    uint32_t* const detail_ids = detail_id_buffer.data();
    uint32_t* const content_places = content_place_buffer.data();
    Slot* const tab = table.data();
    const uint32_t st = stamp;
    size_t contents = 0, details = 0;
    std::vector<size_t> content_end(n), detail_end(n);
    uint32_t next = 0;
    for (size_t i = 0; i < n; ++i) {
      if (text_id[i] == i) {  // else a copy: no stem it has is new
        const auto& words = members[i].text->words;
        for (uint32_t k = 0; k < words.size(); ++k) {
          const AlignWord& w = words[k];
          const bool detail = w.number || w.capitalized;
          if (w.stop && !detail) continue;
          size_t slot =
              static_cast<size_t>((w.stem * 0x9E3779B97F4A7C15ull) >> 32) &
              mask;
          // One test of each slot's stamp (a loop on "this story's and
          // another stem" tested it again on leaving).
          uint32_t id;
          while (true) {
            Slot& t = tab[slot];
            if (t.stamp != st) {
              t = {w.stem, st, next};
              id = next++;
              break;
            }
            if (t.key == w.stem) {
              id = t.id;
              break;
            }
            slot = (slot + 1) & mask;
          }
          // Branchless: whether a mention is content or a detail is a
          // coin toss per word.
          content_ids[contents] = id;
          content_places[contents] = k;
          contents += !w.stop;
          detail_ids[details] = id;
          details += detail;
        }
        on_text(i);
      }
      content_end[i] = contents;
      detail_end[i] = details;
    }
    stride_ = (next + 63) / 64;
    content_.assign(n * stride_, 0);
    details_.assign(n * stride_, 0);
    content_size_.assign(n, 0);
    details_size_.assign(n, 0);
    // Per text, besides its rows, its content stems' ids in the order of
    // their first use (the mention that sets the stem's bit) and the word
    // index of each first use.
    ids_ = next;
    // Written through pointers (push_back was not inlined here), then cut
    // to what was written.
    first_uses_.resize(contents);
    first_places_.resize(contents);
    uint32_t* const uses = first_uses_.data();
    uint32_t* const places = first_places_.data();
    uint32_t used = 0;
    first_use_range_.resize(n);
    for (size_t i = 0, c = 0, d = 0; i < n; ++i) {
      uint64_t* const content = content_.data() + i * stride_;
      uint64_t* const detail = details_.data() + i * stride_;
      if (text_id[i] != i) {
        // The first member's rows and list.
        const size_t first = text_id[i];
        std::copy_n(content_.data() + first * stride_, stride_, content);
        std::copy_n(details_.data() + first * stride_, stride_, detail);
        first_use_range_[i] = first_use_range_[first];
      } else {
        const uint32_t begin = used;
        for (; c < content_end[i]; ++c) {
          const uint32_t id = content_ids[c];
          uint64_t& row_word = content[id >> 6];
          const uint64_t bit = uint64_t{1} << (id & 63);
          if ((row_word & bit) != 0) continue;
          row_word |= bit;
          uses[used] = id;
          places[used] = content_places[c];
          ++used;
        }
        first_use_range_[i] = {begin, used};
        // (A repeated mention sets its bit again.)
        for (; d < detail_end[i]; ++d) {
          const uint32_t id = detail_ids[d];
          detail[id >> 6] |= uint64_t{1} << (id & 63);
        }
      }
      content_size_[i] =
          static_cast<uint32_t>(AndCount(content, content, stride_));
      details_size_[i] =
          static_cast<uint32_t>(AndCount(detail, detail, stride_));
    }
    first_uses_.resize(used);
    first_places_.resize(used);
  }

  // PairEvidence::drawn_words of member `shorter` in member `longer`: the
  // longer's first uses of stems in the shorter's content.
  uint32_t DrawnWords(size_t shorter, size_t longer) const {
    thread_local std::vector<uint32_t> places;
    const uint64_t* const content = content_.data() + shorter * stride_;
    const auto [b, e] = first_use_range_[longer];
    places.resize(e - b);
    size_t k = 0;
    for (uint32_t r = b; r < e; ++r) {
      const uint32_t id = first_uses_[r];
      places[k] = first_places_[r];
      k += (content[id >> 6] >> (id & 63)) & 1;
    }
    places.resize(k);
    return DrawnSpan(places);
  }

  // PairEvidence::shared_stems and stems_in_order of members i and j.
  void CountOrder(size_t i, size_t j, PairEvidence* o) const {
    // rank[id]: where i first uses the stem; UINT32_MAX between calls.
    thread_local std::vector<uint32_t> rank, in_i, tails;
    if (rank.size() < ids_) rank.resize(ids_, UINT32_MAX);
    const auto [ib, ie] = first_use_range_[i];
    const auto [jb, je] = first_use_range_[j];
    for (uint32_t r = ib; r < ie; ++r) rank[first_uses_[r]] = r;
    in_i.resize(je - jb);
    size_t k = 0;
    for (uint32_t r = jb; r < je; ++r) {
      const uint32_t at = rank[first_uses_[r]];
      in_i[k] = at;
      k += at != UINT32_MAX;
    }
    in_i.resize(k);
    for (uint32_t r = ib; r < ie; ++r) rank[first_uses_[r]] = UINT32_MAX;
    o->shared_stems = uint32_t(k);
    o->stems_in_order = LongestIncreasingRun(in_i, &tails);
  }

  size_t Content(size_t i) const { return content_size_[i]; }
  size_t Details(size_t i) const { return details_size_[i]; }
  size_t SharedContent(size_t i, size_t j) const {
    return AndCount(content_.data() + i * stride_,
                    content_.data() + j * stride_, stride_);
  }
  size_t SharedDetails(size_t i, size_t j) const {
    return AndCount(details_.data() + i * stride_,
                    details_.data() + j * stride_, stride_);
  }
  // Member i's content stems that the content of some member j != i with
  // keep(j) has too.
  template <class Keep>
  size_t ContentIn(size_t i, Keep keep) const {
    thread_local std::vector<uint64_t> any;
    any.assign(stride_, 0);
    for (size_t j = 0; j < content_size_.size(); ++j) {
      if (j == i || !keep(j)) continue;
      const uint64_t* const row = content_.data() + j * stride_;
      for (size_t w = 0; w < stride_; ++w) any[w] |= row[w];
    }
    return AndCount(content_.data() + i * stride_, any.data(), stride_);
  }

 private:
  size_t stride_ = 0;  // 64-bit words per bitmap
  std::vector<uint64_t> content_, details_;
  std::vector<uint32_t> content_size_, details_size_;
  uint32_t ids_ = 0;  // distinct stems in the story
  std::vector<uint32_t> first_uses_, first_places_;
  std::vector<std::pair<uint32_t, uint32_t>> first_use_range_;  // per member
};

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kOrigin:
      return "origin";
    case Role::kDuplicate:
      return "duplicate";
    case Role::kNearDuplicate:
      return "near-duplicate";
    case Role::kSpunCopy:
      return "spun copy";
    case Role::kRewrite:
      return "rewrite";
    case Role::kSummary:
      return "summary";
    case Role::kIndependent:
      return "independent";
  }
  return "independent";
}

SwapWords SpellSwap(const AlignedText& a, const AlignedText& b,
                    const PairSwap& swap) {
  return {Words(a, swap.a_begin, swap.a_end), Words(b, swap.b_begin, swap.b_end),
          swap.relation};
}

StoryReuse AnalyzeStoryReuse(const std::vector<StoryMember>& members,
                             const WordNet* wordnet) {
  const size_t n = members.size();
  StoryReuse out;
  out.family_of.assign(n, -1);
  out.roles.assign(n, Role::kIndependent);
  out.parent.assign(n, -1);
  out.spun_swaps.resize(n);
  if (n == 0) return out;

  // Per member: the seed index; per story: the members' content stems and
  // details (StorySets); per word: in how many members it occurs (asked
  // for rarely, so built on demand).
  // Members that share one AlignedText (verbatim copies: ReuseInStory
  // prepares a body once) share its seed index, and a pair of texts
  // aligned once in the same order is not aligned again: Align depends on
  // nothing but the two texts, their indexes, WordNet and the options.
  // text_id[i] is the first member with i's text.
  std::vector<uint32_t> text_id(n);
  bool copies = false;
  {
    std::unordered_map<const AlignedText*, uint32_t> first;
    for (uint32_t i = 0; i < n; ++i) {
      text_id[i] = first.try_emplace(members[i].text, i).first->second;
      copies |= text_id[i] != i;
    }
  }
  // Seed indexes: each text's gram hashes are taken as StorySets walks its
  // words (which BuildGramHashes then reads from the cache, not from
  // memory: walked again later, at its first alignment, a large story's
  // texts had left it); the tables when a text is first aligned as B.
  std::vector<GramIndex> indexes(n);
  std::vector<bool> indexed(n, false);
  // Only the spans' word ranges are read here.
  const AlignOptions align_options = [] {
    AlignOptions o;
    o.byte_offsets = false;
    return o;
  }();
  // A text aligned only as A (the first member, and any whose later
  // relatives all fall below the containment bar) needs no table.
  auto index_of = [&](uint32_t i, bool table) -> const GramIndex& {
    const uint32_t t = text_id[i];  // indexes[text_id[i]] serves copies
    if (!indexed[t]) {
      indexes[t] = BuildGramHashes(*members[t].text, align_options.seed_words);
      indexed[t] = true;
    }
    if (table) AddGramTable(&indexes[t]);
    return indexes[t];
  };
  const StorySets sets(members, text_id, [&](uint32_t i) {
    if (n >= 2) index_of(i, false);  // (nearly every text is aligned)
  });
  WordDf word_df(members, text_id);

  // Summaries: short, and their content is found in the rest.
  std::vector<bool> summary(n, false);
  if (n >= 2) {
    std::vector<size_t> lengths;  // the others' lengths, reused per member
    lengths.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      lengths.clear();
      for (size_t j = 0; j < n; ++j) {
        if (j != i) lengths.push_back(members[j].text->words.size());
      }
      std::nth_element(lengths.begin(), lengths.begin() + lengths.size() / 2,
                       lengths.end());
      const double median = double(lengths[lengths.size() / 2]);
      // Found in texts longer than a summary of them would be: not in
      // copies of the same length (else every wire copied verbatim in a
      // story of longer reports would "summarise" its copy).
      const double length = members[i].has_credit ? kSummaryLength
                                                  : kUncreditedSummaryLength;
      const size_t words = members[i].text->words.size();
      // Nor in texts published after it: a text cannot condense one that
      // did not exist yet (a wire's early flash is the start of the story
      // its later, longer versions expand, not their summary).
      const std::optional<int64_t> time = members[i].time;
      const size_t inside = sets.ContentIn(i, [&](size_t j) {
        if (time && members[j].time && *members[j].time > *time) return false;
        return double(words) <= length * members[j].text->words.size();
      });
      const double containment =
          sets.Content(i) == 0 ? 0 : double(inside) / sets.Content(i);
      const double need = members[i].has_credit ? kSummaryCreditedContainment
                                                : kSummaryContainment;
      summary[i] = words <= length * median &&
                   containment >= need;
    }
  }

  // Every pair aligned and classified.
  UnionFind uf(n);
  // The distinct alignments (the first empty: pairs not aligned), and per
  // pair its alignment's index (a pair of copies shares its texts' one,
  // rather than a copy of it).
  std::vector<Alignment> alignments(1);
  std::vector<uint32_t> alignment_of;
  std::vector<bool> relatives_pair;
  // (text_id of a, text_id of b) -> the index of their alignment; only
  // when the story has copies.
  std::unordered_map<uint64_t, uint32_t> aligned;
  // Per member and word: whether some relative has the same word there
  // (all the votes ask; a flag, set by a fill, where a saturating count
  // per word cost a byte loop per identical span).
  std::vector<std::vector<uint8_t>> agree(n);
  for (uint32_t i = 0; i < n; ++i) agree[i].assign(members[i].text->words.size(), 0);
  // Pair (i, j), i < j, is number pair_index(i, j) in out.pairs.
  auto pair_index = [n](size_t i, size_t j) {
    return i * n - i * (i + 1) / 2 + (j - i - 1);
  };
  const size_t pairs = n * (n - 1) / 2;
  out.pairs.resize(pairs);
  alignment_of.resize(pairs);
  relatives_pair.resize(pairs);
  // B by B: for each j, every i < j aligned with it, so that B's gram
  // table (probed at random for every word of A) stays in the cache
  // across its pairs; A by A, each pair probed a table not touched since
  // the last row. Nothing here depends on the order: Align is a pure
  // function of the pair, the agreement flags are only ever set, and the
  // union-find's roots are its groups' smallest members whatever the order
  // of the unions.
  for (uint32_t j = 1; j < n; ++j) {
    for (uint32_t i = 0; i < j; ++i) {
      const AlignedText& a = *members[i].text;
      const AlignedText& b = *members[j].text;
      const size_t q = pair_index(i, j);
      PairResult& pr = out.pairs[q];
      pr.a = i;
      pr.b = j;
      // Every derived relation needs most of one side's content words in
      // the other; below that the pair is independent and not aligned.
      uint32_t which = 0;  // the empty alignment unless aligned
      SetOverlap overlap;
      overlap.content_a = sets.Content(i);
      overlap.content_b = sets.Content(j);
      overlap.content_shared = sets.SharedContent(i, j);
      overlap.details_a = sets.Details(i);
      overlap.details_b = sets.Details(j);
      overlap.details_shared = sets.SharedDetails(i, j);
      const size_t shared = overlap.content_shared;
      const double containment_max =
          std::max(overlap.content_a == 0 ? 0.0 : double(shared) / overlap.content_a,
                   overlap.content_b == 0 ? 0.0 : double(shared) / overlap.content_b);
      if (containment_max >= kAlignMinContainment) {
        const uint64_t key = uint64_t{text_id[i]} * n + text_id[j];
        const auto done = copies ? aligned.find(key) : aligned.end();
        if (done != aligned.end()) {
          which = done->second;
        } else {
          which = static_cast<uint32_t>(alignments.size());
          alignments.push_back(Align(a, b, index_of(i, false),
                                     index_of(j, true), wordnet,
                                     align_options));
          if (copies) aligned.emplace(key, which);
        }
      }
      const Alignment& al = alignments[which];
      // ComputeEvidence, with the word-order measures from the story's
      // stem ids rather than from the texts.
      PairEvidence evidence = SetEvidence(a, b, al, overlap);
      if (NeedsDrawnWords(evidence)) {
        evidence.drawn_words = a.words.size() <= b.words.size()
                                   ? sets.DrawnWords(i, j)
                                   : sets.DrawnWords(j, i);
      }
      if (NeedsOrder(evidence)) sets.CountOrder(i, j, &evidence);
      pr.relation = Classify(evidence);
      // Only relatives count: against an independent report, different
      // words are its own wording, not a spinner's.
      const bool relatives = !summary[i] && !summary[j] &&
                             IsDerived(pr.relation.relation);
      for (const Passage& p : al.passages) {
        for (const AlignedSpan& s : p.spans) {
          if (s.kind == SpanKind::kIdentical && relatives) {
            const uint32_t len = s.a_word_end - s.a_word_begin;
            std::fill_n(&agree[i][s.a_word_begin], len, uint8_t{1});
            std::fill_n(&agree[j][s.b_word_begin], len, uint8_t{1});
          }
          if (s.kind != SpanKind::kSwap && s.kind != SpanKind::kEdited) continue;
          pr.swaps.push_back({s.a_word_begin, s.a_word_end, s.b_word_begin,
                              s.b_word_end, s.relation});
        }
      }
      if (summary[i] || summary[j]) {
        // The shorter side summarises the other when they are related.
        if (IsDerived(pr.relation.relation) ||
            std::max(pr.relation.evidence.containment_a,
                     pr.relation.evidence.containment_b) >= 0.5) {
          pr.relation.relation = Relation::kSummary;
        }
      } else if (IsDerived(pr.relation.relation)) {
        uf.Union(i, j);
      }
      alignment_of[q] = which;
      relatives_pair[q] = relatives;
    }
  }

  // Who changed the words? At a swap between relatives, the side that no
  // other relative agrees with while some relative agrees with the other
  // side changed it; with a witness on neither side (two relatives alone)
  // or on both (the spinner's text republished, as the wire is), the side
  // whose word fewer members use. (Counting only one-sided witnesses, a
  // spun text with one republication went unseen: on the generated 10k
  // corpus, 264 of 1,259 spun copies were found, 1,198 with both.)
  std::vector<uint32_t> votes(n, 0), swaps_seen(n, 0);
  // The swaps are kept as word ranges and spelt out only for the members
  // found spun (few): a string pair per vote would be built for nothing.
  struct SwapRef {
    const AlignedText* from_text;
    const AlignedText* to_text;
    uint32_t from_begin, from_end, to_begin, to_end;
    WordRelation relation;
    SwapRef Reversed() const {
      return {to_text,    from_text, to_begin, to_end,
              from_begin, from_end,  relation};
    }
    std::string_view From() const {
      return WordsView(*from_text, from_begin, from_end);
    }
    std::string_view To() const {
      return WordsView(*to_text, to_begin, to_end);
    }
  };
  std::vector<std::vector<SwapRef>> rarer(n), extra(n);
  // The votes in the order cast, those decided by the words' member counts
  // (kByDf) resolved after one count of all the words they ask about.
  struct Vote {
    SwapRef swap;  // a's words -> b's
    uint32_t a, b;
    int8_t changed;  // 0: a changed it, 1: b did, or kByDf
  };
  constexpr int8_t kByDf = 2;
  std::vector<Vote> votes_cast;
  for (size_t q = 0; q < out.pairs.size(); ++q) {
    const bool relatives = relatives_pair[q];
    const uint32_t i = out.pairs[q].a, j = out.pairs[q].b;
    if (!relatives && (summary[i] || summary[j])) continue;
    const AlignedText& a = *members[i].text;
    const AlignedText& b = *members[j].text;
    for (const Passage& p : alignments[alignment_of[q]].passages) {
      for (size_t si = 0; si < p.spans.size(); ++si) {
        const AlignedSpan& s = p.spans[si];
        if (s.kind != SpanKind::kSwap && s.kind != SpanKind::kEdited) continue;
        // Swaps, and short edits ("New Year" → "Latest Yr"), of content
        // words, inside matching text on both sides: a spinner's
        // substitution, not the seam of a loose alignment.
        if (s.a_word_end - s.a_word_begin > kMaxVoteWords ||
            s.b_word_end - s.b_word_begin > kMaxVoteWords) {
          continue;
        }
        auto flank = [&](size_t k) {
          return k < p.spans.size() && p.spans[k].kind == SpanKind::kIdentical &&
                 p.spans[k].a_word_end - p.spans[k].a_word_begin >= kMinFlank;
        };
        if (si == 0 || !flank(si - 1) || !flank(si + 1)) continue;
        auto content = [](const AlignedText& t, uint32_t b, uint32_t e) {
          for (uint32_t k = b; k < e; ++k) {
            if (!t.words[k].stop) return true;
          }
          return false;
        };
        if (!content(a, s.a_word_begin, s.a_word_end) ||
            !content(b, s.b_word_begin, s.b_word_end)) {
          continue;
        }
        const SwapRef sw{&a,
                         &b,
                         s.a_word_begin,
                         s.a_word_end,
                         s.b_word_begin,
                         s.b_word_end,
                         s.relation};
        if (!relatives) {
          // Not a vote, but once a member is known to be spun, a synonym
          // swap against an independent report of the same facts is more
          // evidence ("thousands" → "1000's").
          if (s.relation != WordRelation::kNone) {
            extra[i].push_back(sw.Reversed());
            extra[j].push_back(sw);
          }
          continue;
        }
        const bool a_witness = agree[i][s.a_word_begin] != 0;
        const bool b_witness = agree[j][s.b_word_begin] != 0;
        ++swaps_seen[i];
        ++swaps_seen[j];
        if (a_witness != b_witness) {
          votes_cast.push_back({sw, i, j, int8_t(a_witness ? 1 : 0)});
        } else {
          // Decided by the words' member counts, once all are known.
          word_df.Ask(a, s.a_word_begin, s.a_word_end);
          word_df.Ask(b, s.b_word_begin, s.b_word_end);
          votes_cast.push_back({sw, i, j, kByDf});
        }
      }
    }
  }
  word_df.Count();
  for (const Vote& v : votes_cast) {
    int changed = v.changed;  // 0: a changed it, 1: b did
    if (changed == kByDf) {
      changed = -1;
      const SwapRef& sw = v.swap;
      const uint32_t df_a =
          RarestDf(*sw.from_text, sw.from_begin, sw.from_end, word_df);
      const uint32_t df_b =
          RarestDf(*sw.to_text, sw.to_begin, sw.to_end, word_df);
      if (df_a != df_b) changed = df_b < df_a ? 1 : 0;
    }
    if (changed == 1) {
      ++votes[v.b];
      rarer[v.b].push_back(v.swap);
    } else if (changed == 0) {
      ++votes[v.a];
      rarer[v.a].push_back(v.swap.Reversed());
    }
  }

  // A member published before every relative cannot have changed their
  // words: it is the first version (a wire's early flash that the wire
  // then reworded), whatever the later texts agree on.
  std::vector<bool> first(n, false);
  for (uint32_t i = 0; i < n; ++i) {
    if (!members[i].time) continue;
    bool any = false, before_all = true;
    for (uint32_t j = 0; j < n && before_all; ++j) {
      if (j == i || !relatives_pair[pair_index(std::min(i, j), std::max(i, j))]) {
        continue;
      }
      any = true;
      before_all = members[j].time && *members[j].time > *members[i].time;
    }
    first[i] = any && before_all;
  }
  // Nor can it condense any of them: where the pair rule called it the
  // summary of a later text, the pair is classified again knowing which
  // side came first (the later text expands it). (Pairs called summaries
  // because the other side is a story-level summary are left alone.)
  for (PairResult& pr : out.pairs) {
    if (pr.relation.relation != Relation::kSummary) continue;
    const PairEvidence& e = pr.relation.evidence;
    const bool a_short = e.a_words <= e.b_words;
    if (first[a_short ? pr.a : pr.b]) {
      pr.relation = Classify(e, a_short ? Direction::kBFromA : Direction::kAFromB);
    }
  }
  // A spinner's work: rarer words again and again. (Directional: of a spun
  // pair, only the spun side's swaps are mostly the rarer word.)
  std::vector<bool> spun(n, false);
  std::unordered_map<uint64_t, uint32_t> first_with_hash;  // -> index in list
  for (uint32_t i = 0; i < n; ++i) {
    spun[i] = !summary[i] && !first[i] && votes[i] >= kSpunMinVotes &&
              votes[i] >= kSpunVoteShare * swaps_seen[i];
    if (!spun[i]) continue;
    // The same substitution seen against several relatives is listed once.
    // Compared as views of the texts: only a new one is spelt out. Found
    // by hash (a spinner's text has dozens of swaps, each seen against
    // every relative: a scan of the list per swap was quadratic), the
    // list scanned only when two different swaps share a hash.
    std::vector<SwapWords>& listed = out.spun_swaps[i];
    first_with_hash.clear();
    for (const std::vector<SwapRef>* list : {&rarer[i], &extra[i]}) {
      for (const SwapRef& ref : *list) {
        const std::string_view from = ref.From(), to = ref.To();
        const uint64_t h =
            HashCombine(HashShortString(from), HashShortString(to));
        const auto [it, added] = first_with_hash.try_emplace(
            h, static_cast<uint32_t>(listed.size()));
        if (!added) {
          const SwapWords& x = listed[it->second];
          if (x.from == from && x.to == to) continue;
          if (std::any_of(listed.begin(), listed.end(),
                          [from, to](const SwapWords& y) {
                            return y.from == from && y.to == to;
                          })) {
            continue;
          }
        }
        listed.push_back({std::string(from), std::string(to), ref.relation});
      }
    }
  }


  // Families of two or more, origin first.
  std::unordered_map<uint32_t, std::vector<uint32_t>> groups;
  for (uint32_t i = 0; i < n; ++i) {
    if (!summary[i]) groups[uf.Find(i)].push_back(i);
  }
  std::vector<uint32_t> roots;
  for (const auto& [root, m] : groups) {
    if (m.size() >= 2) roots.push_back(root);
  }
  std::sort(roots.begin(), roots.end());
  // Per member: content words shared with each relative, summed (below).
  std::vector<uint32_t> shared(n, 0);
  for (uint32_t root : roots) {
    std::vector<uint32_t> fam = groups[root];
    const bool all_dated = std::all_of(fam.begin(), fam.end(), [&](uint32_t m) {
      return members[m].time.has_value();
    });
    // Undated, the most complete member is the one that holds most of
    // what its relatives say: the content words it shares with each
    // relative, summed. A wire holds what each of its copies and rewrites
    // kept of it; a rewrite's own additions are in no relative, and a
    // spinner's synonyms in few, so they count little (by length alone a
    // rewrite that adds background outranked its wire). Dated, it breaks
    // ties between members of one date. On the generated 10k corpus the
    // origin is the original (or a verbatim copy of it) in 0.950 of the
    // families (0.685 with ties broken by length), and without its dates
    // in 0.911 (0.548 by length).
    for (size_t x = 0; x < fam.size(); ++x) {
      for (size_t y = x + 1; y < fam.size(); ++y) {
        const auto both =
            static_cast<uint32_t>(sets.SharedContent(fam[x], fam[y]));
        shared[fam[x]] += both;
        shared[fam[y]] += both;
      }
    }
    // A spun copy is never the origin while an unspun relative exists.
    auto better_origin = [&](uint32_t x, uint32_t y) {
      if (spun[x] != spun[y]) return !spun[x];
      if (all_dated && *members[x].time != *members[y].time) {
        return *members[x].time < *members[y].time;
      }
      if (shared[x] != shared[y]) return shared[x] > shared[y];
      const size_t wx = members[x].text->words.size();
      const size_t wy = members[y].text->words.size();
      if (wx != wy) return wx > wy;
      return x < y;
    };
    // Members from the likeliest source on: the origin first, then each
    // member's parent among those before it (a tree, with no cycle even
    // when undated).
    std::vector<uint32_t> by_rank = fam;
    std::sort(by_rank.begin(), by_rank.end(), better_origin);
    const uint32_t origin = by_rank.front();
    std::vector<uint32_t> ordered = {origin};
    for (uint32_t m : fam) {
      if (m != origin) ordered.push_back(m);
    }
    const int index = static_cast<int>(out.families.size());
    for (uint32_t m : ordered) out.family_of[m] = index;
    out.roles[origin] = Role::kOrigin;
    for (size_t k = 1; k < by_rank.size(); ++k) {
      const uint32_t m = by_rank[k];
      // Its parent: of the relatives ranked before it, the one holding
      // most of its content words (a rewrite of a wire derives from the
      // wire, not from a trimmed copy that lacks some of what it retells),
      // then the closer relation, then the higher score, then the earlier
      // in rank. A verbatim copy of a wire that expanded its own early
      // flash is the wire's duplicate, not the flash's rewrite. The pair
      // is found by its place in out.pairs (a scan of every pair per
      // member was cubic in the story's size).
      uint32_t parent = origin;
      const PairResult* best = nullptr;
      double best_held = 0;
      for (size_t r = 0; r < k; ++r) {
        const uint32_t c = by_rank[r];
        const PairResult& pr =
            out.pairs[pair_index(std::min(c, m), std::max(c, m))];
        if (!IsDerived(pr.relation.relation)) continue;
        const PairEvidence& e = pr.relation.evidence;
        const double held = m < c ? e.containment_a : e.containment_b;
        // Descending held share, ascending relation, descending score.
        if (best == nullptr ||
            std::tie(best_held, pr.relation.relation, best->relation.score) <
                std::tie(held, best->relation.relation, pr.relation.score)) {
          best = &pr;
          best_held = held;
          parent = c;
        }
      }
      if (best == nullptr) {  // joined through later members only
        best = &out.pairs[pair_index(std::min(origin, m), std::max(origin, m))];
      }
      out.parent[m] = static_cast<int>(parent);
      Role role = Role::kRewrite;
      switch (best->relation.relation) {
        case Relation::kDuplicate:
          role = Role::kDuplicate;
          break;
        case Relation::kNearDuplicate:
          role = Role::kNearDuplicate;
          break;
        case Relation::kSpunCopy:
          role = Role::kSpunCopy;
          break;
        default:
          role = Role::kRewrite;
      }
      out.roles[m] = role;
    }
    out.families.push_back(std::move(ordered));
  }
  for (uint32_t i = 0; i < n; ++i) {
    if (summary[i]) out.roles[i] = Role::kSummary;
    if (spun[i]) {
      out.roles[i] = Role::kSpunCopy;
    } else if (out.roles[i] == Role::kSpunCopy) {
      // Related to the origin by a spun pair, but the swaps show the other
      // side was spun: this one is a plain copy.
      out.roles[i] = Role::kNearDuplicate;
    }
  }
  return out;
}

}  // namespace concord::compare
