// OnlineClusterer: groups articles into stories in one pass, in publication
// order, as a live stream would arrive.
//
// Each article is a unit TF-IDF vector. It is compared with the centroids of
// the stories that share its most distinctive terms (found through an
// inverted index term → stories; never all pairs), the similarity discounted
// by the time gap when both sides are dated; it joins the best story whose
// score reaches the join threshold, or starts a new one. Stories idle for
// longer than the window (in days, or in articles without dates) leave the
// index, so the cost per article does not grow with the corpus.
//
// Deterministic: the same inputs in the same order give the same stories
// (ties go to the older story). Not thread-safe; one instance per stream.
// Cost per Add(): O(query_terms × live postings + max_candidates ×
// centroid_terms). Tested by online_clusterer_test.cc, including a
// differential test of indexed against exhaustive search.
#ifndef CONCORD_CLUSTER_ONLINE_CLUSTERER_H_
#define CONCORD_CLUSTER_ONLINE_CLUSTERER_H_

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "concord/options.h"
#include "src/base/u64_set.h"
#include "src/sketch/sparse_vector.h"

namespace concord::cluster {

// The inverted index: term -> the ids of the stories posted under it. A
// slot holds the term and its list's header together, so a lookup touches
// one cache line before the list itself. Laid out as U64Set's slots
// (src/base/u64_set.h): linear probing, at most half full, the home slot by
// FibonacciSlot, term 0 kept aside.
class PostingIndex {
 public:
  // The list of `term`, or null.
  std::vector<uint32_t>* Find(uint64_t term);
  // The list of `term`, made empty if absent.
  std::vector<uint32_t>& Get(uint64_t term);
  // Asks the cache for the slot where `term` would be (a Find to come).
  void Prefetch(uint64_t term) const;
  template <typename F>  // f(term, list)
  void ForEach(F&& f) const {
    for (const Slot& slot : slots_) {
      if (slot.term != 0) f(slot.term, slot.list);
    }
    if (has_zero_) f(uint64_t{0}, zero_);
  }
  // Slots and list capacities.
  uint64_t MemoryBytes() const;

 private:
  struct Slot {
    uint64_t term = 0;  // 0 marks an empty slot
    std::vector<uint32_t> list;
  };
  size_t SlotOf(uint64_t term) const;  // its slot, or the empty one
  void Grow();

  std::vector<Slot> slots_;
  size_t size_ = 0;          // terms in slots_
  std::vector<uint32_t> zero_;  // list of term 0, which cannot be a key
  bool has_zero_ = false;
  int shift_ = 64;
};

struct StoryState {
  sketch::SparseVector sum;  // sum of member vectors, pruned, sorted
  double norm = 0;           // L2 norm of `sum`
  std::optional<int64_t> first_time, last_time;
  uint64_t last_seq = 0;     // sequence number of the last article added
  uint32_t size = 0;
  U64Set posted;  // terms this story is indexed under
};

struct ClusterStats {
  uint64_t articles = 0;
  uint64_t candidates_scored = 0;
  uint64_t postings_scanned = 0;
};

// Everything an OnlineClusterer needs to continue a stream exactly where
// it stopped: the stories, the index and the sequence counter. The store
// saves it after a batch and restores it before the next.
struct ClustererState {
  std::vector<StoryState> stories;
  std::unordered_map<uint64_t, std::vector<uint32_t>> postings;
  uint64_t seq = 0;
};

// What the caller knows of the articles still to come, for
// OnlineClusterer::Closed(). Publication order makes the first dated
// article to come the earliest of them.
struct Lookahead {
  // Publication time of the next dated article; nullopt when none follows.
  std::optional<int64_t> next_time;
  // Whether an undated article follows, and the sequence number it will
  // have (stats().articles when it is added, counting itself).
  bool undated_follows = false;
  uint64_t next_undated_seq = 0;
};

class OnlineClusterer {
 public:
  explicit OnlineClusterer(const ClusterOptions& options);

  // Adds one article and returns the id of the story it joined (ids are 0,
  // 1, 2, … in order of creation). `time` is seconds since the epoch.
  // REQUIRES: `v` is unit-normalised; calls come in publication order.
  uint32_t Add(const sketch::SparseVector& v, std::optional<int64_t> time);

  // A copy of the live state, and its restoration: a clusterer restored
  // from ExportState() of another gives the same ids for the same further
  // Add() calls. Cost: O(stories + postings).
  ClustererState ExportState() const;
  void ImportState(ClustererState state);

  // True when no article still to come (as `ahead` describes them) can
  // join story `id`: each would find it expired, or its time discount
  // alone below the join threshold (cosine is at most 1). A closed story's
  // members are final, so the caller may analyse it while clustering goes
  // on. Conservative: a story reported open may still never be joined.
  // Cost: O(1).
  bool Closed(uint32_t id, const Lookahead& ahead) const;

  size_t stories() const { return stories_.size(); }
  const StoryState& story(uint32_t id) const { return stories_[id]; }
  const ClusterStats& stats() const { return stats_; }

  // Bytes the clusterer holds: the inverted index (terms -> story ids) and
  // the stories (centroids, the terms each is posted under), counted by
  // capacity, with a hash table's buckets and per-entry nodes estimated.
  // For the corpus benchmark's "index bytes per article". O(stories+terms).
  uint64_t MemoryBytes() const;

  // Similarity of `v` to story `id` at time `time`: cosine with the
  // centroid, times the time discount. Public for tests and explanations.
  double Score(const sketch::SparseVector& v, std::optional<int64_t> time,
               uint32_t id) const;

 private:
  bool Expired(const StoryState& s, std::optional<int64_t> time) const {
    return ExpiredAt(s, time, seq_);
  }
  // Expired() for an article added as number `seq`.
  bool ExpiredAt(const StoryState& s, std::optional<int64_t> time,
                 uint64_t seq) const;
  // Score() with the article already in article_; 0 for a story too far
  // in time to reach the join threshold, -infinity once the score is
  // proven below `floor` (TermTable::Dot's bound).
  double ScoreHashed(std::optional<int64_t> time, uint32_t id,
                     double floor) const;
  double TimeDiscount(std::optional<int64_t> time, const StoryState& s) const;
  void CollectCandidates(const sketch::SparseVector& v,
                         const std::vector<uint32_t>& top,
                         std::optional<int64_t> time,
                         std::vector<uint32_t>* out);
  void Join(uint32_t id, const sketch::SparseVector& v,
            const std::vector<uint32_t>& top, std::optional<int64_t> time);

  ClusterOptions options_;
  std::vector<StoryState> stories_;
  PostingIndex postings_;
  // Per story, what Expired() reads, packed apart from the stories (whose
  // centroids and sets make them large): scanning a posting list reads
  // one small entry per story instead of a cache line of a StoryState.
  struct Recency {
    int64_t last_time = 0;  // valid when dated (kDated below)
    // The sequence number of the last article, and in the top bit whether
    // last_time is set (16 bytes a story, not 24).
    uint64_t seq_and_dated = 0;
    static constexpr uint64_t kDated = uint64_t{1} << 63;
    static Recency Of(const StoryState& s) {
      return {s.last_time.value_or(0),
              s.last_seq | (s.last_time ? kDated : 0)};
    }
  };
  bool ExpiredAt(const Recency& r, std::optional<int64_t> time,
                 uint64_t seq) const;
  std::vector<Recency> recency_;
  uint64_t seq_ = 0;
  ClusterStats stats_;
  // Scratch: the current article hashed for scoring; candidate overlaps
  // indexed by story id.
  sketch::TermTable article_;
  std::vector<float> overlap_;
  std::vector<uint32_t> touched_;
  std::vector<uint64_t> ranked_;  // CollectCandidates: overlap, id keys
  std::vector<uint32_t> top_;     // Add: the article's query terms
  std::vector<uint32_t> candidates_;
  // Join: the merged centroid, in its first entries (the buffer only
  // grows).
  std::vector<sketch::TermWeight> sum_;
  std::vector<uint64_t> keys_;  // TopEntriesInto and PruneInto: sort keys
  std::vector<uint8_t> kept_;   // PruneInto: marks of the kept entries
};

}  // namespace concord::cluster

#endif  // CONCORD_CLUSTER_ONLINE_CLUSTERER_H_
