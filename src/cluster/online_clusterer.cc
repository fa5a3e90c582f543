// Online story clustering (single pass, centroid linkage, inverted-index
// candidates). This is the "single-pass clustering" of topic detection and
// tracking (Allan et al. 1998; Yang et al. 1998): each story is a centroid
// of its members' TF-IDF vectors; a new article is compared with the stories
// and joins the nearest if close enough. Two refinements from that work:
//   * candidates come from an inverted index over each story's distinctive
//     terms (the article's top-weighted terms looked up, their postings
//     scored by overlap), so an article is scored against a few dozen
//     stories, not all of them;
//   * time: news events are bursty, so similarity decays with the gap
//     between the article and the story's time span, and idle stories leave
//     the index (a time window), which also keeps cost per article flat.
// Centroids are sums of unit vectors pruned to their heaviest terms, which
// makes the comparison average-link-like without keeping every member.
// Candidates are scored best overlap first, and a candidate that provably
// cannot beat the best so far (nor reach the threshold) is dropped part way
// through its centroid (a Cauchy-Schwarz bound on the rest of the dot
// product, sketch::TermTable::Dot): about half the centroid entries are
// never scored, and the choice is the same as with every score exact.
#include "src/cluster/online_clusterer.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

namespace concord::cluster {
namespace {

constexpr double kSecondsPerDay = 86400.0;
// A term shared by more live stories than this does not discriminate; its
// posting list is skipped at query time (it still counts in exact scores).
constexpr size_t kMaxPostingScan = 4096;
// Scores are cosine (at most 1, up to rounding) times the time discount: a
// discount under threshold / kScoreMargin cannot reach the threshold.
constexpr double kScoreMargin = 1.0 + 1e-6;

// out[0, n) = a + b, both sorted by term; returns n. `out` is the caller's
// buffer, which only grows (resizing it down and up again would zero the
// entries each time), written through a pointer (no capacity check an
// entry). A merge without branches on the terms was tried: more
// instructions, no fewer samples.
size_t SumInto(const sketch::SparseVector& a, const sketch::SparseVector& b,
               std::vector<sketch::TermWeight>* out) {
  const size_t most = a.entries.size() + b.entries.size();
  if (out->size() < most) out->resize(most);
  sketch::TermWeight* const begin = out->data();
  sketch::TermWeight* o = begin;
  const sketch::TermWeight* i = a.entries.data();
  const sketch::TermWeight* const ie = i + a.entries.size();
  const sketch::TermWeight* j = b.entries.data();
  const sketch::TermWeight* const je = j + b.entries.size();
  while (i != ie && j != je) {
    if (i->term < j->term) {
      *o++ = *i++;
    } else if (j->term < i->term) {
      *o++ = *j++;
    } else {
      *o++ = {i->term, i->weight + j->weight};
      ++i;
      ++j;
    }
  }
  o = std::copy(i, ie, o);
  o = std::copy(j, je, o);
  return static_cast<size_t>(o - begin);
}

// *dst = the `keep` heaviest of e[0, n) (ties to the smaller term, as
// TopEntries), in term order; `keep` < n. Selection only: the kept entries
// need no ordering by weight, so no sort at all. Entries are in term order,
// so ties to the smaller term are ties to the smaller index: one integer
// key per entry (sketch::HeavierFirst) is the whole order, and the keep
// smallest keys, which a selection puts first, name the kept entries. They
// are marked by index and written straight into `dst` in term order, each
// entry to the next free place, which only a kept one takes (no branch on
// the coin toss of being kept); `dst` has room for `keep` and takes exactly
// as many, so the loop ends at the last kept entry. `keys` and `kept` are
// scratch.
void PruneInto(const sketch::TermWeight* e, size_t n, size_t keep,
               std::vector<uint64_t>* keys, std::vector<uint8_t>* kept,
               sketch::TermWeight* dst) {
  if (keys->size() < n) keys->resize(n);
  if (kept->size() < n) kept->resize(n);
  uint64_t* const begin = keys->data();
  for (size_t k = 0; k < n; ++k) {
    begin[k] = uint64_t{sketch::HeavierFirst(e[k].weight)} << 32 | k;
  }
  std::nth_element(begin, begin + keep, begin + n);
  uint8_t* const mark = kept->data();
  std::fill(mark, mark + n, uint8_t{0});
  for (size_t k = 0; k < keep; ++k) mark[static_cast<uint32_t>(begin[k])] = 1;
  size_t w = 0;
  for (size_t k = 0; w < keep; ++k) {
    dst[w] = e[k];
    w += mark[k];
  }
}

}  // namespace

size_t PostingIndex::SlotOf(uint64_t term) const {
  const size_t mask = slots_.size() - 1;
  size_t i = FibonacciSlot(term, shift_);
  while (slots_[i].term != 0 && slots_[i].term != term) i = (i + 1) & mask;
  return i;
}

void PostingIndex::Prefetch(uint64_t term) const {
  if (!slots_.empty()) __builtin_prefetch(&slots_[FibonacciSlot(term, shift_)]);
}

std::vector<uint32_t>* PostingIndex::Find(uint64_t term) {
  if (term == 0) return has_zero_ ? &zero_ : nullptr;
  if (slots_.empty()) return nullptr;
  Slot& slot = slots_[SlotOf(term)];
  return slot.term == 0 ? nullptr : &slot.list;
}

std::vector<uint32_t>& PostingIndex::Get(uint64_t term) {
  if (term == 0) {
    has_zero_ = true;
    return zero_;
  }
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  Slot& slot = slots_[SlotOf(term)];
  if (slot.term == 0) {
    slot.term = term;
    ++size_;
  }
  return slot.list;
}

void PostingIndex::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_ = std::vector<Slot>(old.empty() ? 1024 : old.size() * 2);
  shift_ = 64 - std::countr_zero(slots_.size());
  for (Slot& slot : old) {
    if (slot.term != 0) slots_[SlotOf(slot.term)] = std::move(slot);
  }
}

uint64_t PostingIndex::MemoryBytes() const {
  uint64_t bytes =
      slots_.capacity() * sizeof(Slot) + zero_.capacity() * sizeof(uint32_t);
  for (const Slot& slot : slots_) {
    bytes += slot.list.capacity() * sizeof(uint32_t);
  }
  return bytes;
}

OnlineClusterer::OnlineClusterer(const ClusterOptions& options)
    : options_(options) {}

bool OnlineClusterer::ExpiredAt(const Recency& r, std::optional<int64_t> time,
                                uint64_t seq) const {
  if (time && (r.seq_and_dated & Recency::kDated) != 0) {
    return (*time - r.last_time) / kSecondsPerDay > options_.story_window_days;
  }
  const uint64_t last_seq = r.seq_and_dated & ~Recency::kDated;
  return seq - last_seq > options_.story_window_articles;
}

bool OnlineClusterer::ExpiredAt(const StoryState& s,
                                std::optional<int64_t> time,
                                uint64_t seq) const {
  return ExpiredAt(Recency::Of(s), time, seq);
}

// Both tests below only grow more certain as time and sequence numbers
// grow: expiry compares a growing gap with the window, and the discount
// falls as the gap grows (a later article is never before the story's last
// member, which is earlier in publication order). So checking the earliest
// article to come of each kind covers all of them. Scores are cosine
// (at most 1, up to rounding: hence the margin) times the discount.
bool OnlineClusterer::Closed(uint32_t id, const Lookahead& ahead) const {
  const StoryState& s = stories_[id];
  if (ahead.next_time) {
    const bool expired = ExpiredAt(s, ahead.next_time, seq_ + 1);
    const bool too_far =
        s.last_time && *ahead.next_time >= *s.last_time &&
        TimeDiscount(ahead.next_time, s) * kScoreMargin <
            options_.join_threshold;
    if (!expired && !too_far) return false;
  }
  if (ahead.undated_follows &&
      !ExpiredAt(s, std::nullopt, ahead.next_undated_seq)) {
    return false;
  }
  return true;
}

double OnlineClusterer::TimeDiscount(std::optional<int64_t> time,
                                     const StoryState& s) const {
  if (!time || !s.first_time || !s.last_time) return 1.0;
  double gap = 0;
  if (*time < *s.first_time) gap = double(*s.first_time - *time);
  if (*time > *s.last_time) gap = double(*time - *s.last_time);
  gap /= kSecondsPerDay;
  if (gap <= options_.same_time_days) return 1.0;
  return std::exp(-(gap - options_.same_time_days) /
                  std::max(options_.time_decay_days, 1e-9));
}

double OnlineClusterer::Score(const sketch::SparseVector& v,
                              std::optional<int64_t> time, uint32_t id) const {
  const StoryState& s = stories_[id];
  if (s.norm <= 0) return 0;
  return sketch::Dot(v, s.sum) / s.norm * TimeDiscount(time, s);
}

double OnlineClusterer::ScoreHashed(std::optional<int64_t> time, uint32_t id,
                                    double floor) const {
  const StoryState& s = stories_[id];
  if (s.norm <= 0) return 0;
  const double discount = TimeDiscount(time, s);
  // Too far in time to reach the join threshold even with cosine 1: such a
  // story cannot be joined, so its exact score does not matter (Add only
  // compares scores that reach the threshold). The margin as in Closed().
  if (discount * kScoreMargin < options_.join_threshold || discount < 1e-6) {
    return 0;
  }
  // The floor as a bound on the dot product (a few roundings off, far
  // inside the bound's slack).
  return article_.Dot(s.sum, s.norm, floor / discount * s.norm) / s.norm *
         discount;
}

void OnlineClusterer::CollectCandidates(const sketch::SparseVector& v,
                                        const std::vector<uint32_t>& top,
                                        std::optional<int64_t> time,
                                        std::vector<uint32_t>* out) {
  out->clear();
  if (options_.exhaustive) {
    for (uint32_t id = 0; id < stories_.size(); ++id) {
      if (!Expired(stories_[id], time)) out->push_back(id);
    }
    return;
  }
  overlap_.resize(stories_.size(), 0.0f);
  touched_.clear();
  // The query terms' slots are scattered over the index: all are asked for
  // at once, so their misses overlap instead of coming one after another.
  for (uint32_t k : top) postings_.Prefetch(v.entries[k].term);
  for (uint32_t k : top) {
    const sketch::TermWeight& tw = v.entries[k];
    std::vector<uint32_t>* const found = postings_.Find(tw.term);
    if (found == nullptr) continue;
    std::vector<uint32_t>& list = *found;
    // Drop stories that left the window (lazily, keeping order).
    size_t w = 0;
    for (size_t r = 0; r < list.size(); ++r) {
      const uint32_t id = list[r];
      list[w] = id;
      w += !ExpiredAt(recency_[id], time, seq_);
    }
    list.resize(w);
    if (list.size() > kMaxPostingScan) continue;
    stats_.postings_scanned += list.size();
    for (uint32_t id : list) {
      if (overlap_[id] == 0.0f) touched_.push_back(id);
      overlap_[id] += tw.weight;
    }
  }
  // Best overlaps first; ties to the older story (a total order, so the
  // first n are the same whether the rest is sorted or not): one integer
  // key per story, the overlap's order above the id.
  ranked_.resize(touched_.size());
  for (size_t k = 0; k < touched_.size(); ++k) {
    const uint32_t id = touched_[k];
    ranked_[k] = uint64_t{sketch::HeavierFirst(overlap_[id])} << 32 | id;
  }
  for (uint32_t id : touched_) overlap_[id] = 0.0f;
  const size_t n = std::min(ranked_.size(), options_.max_candidates);
  if (n < ranked_.size()) {
    std::nth_element(ranked_.begin(), ranked_.begin() + n, ranked_.end());
  }
  std::sort(ranked_.begin(), ranked_.begin() + n);
  out->resize(n);
  for (size_t k = 0; k < n; ++k) (*out)[k] = static_cast<uint32_t>(ranked_[k]);
}

void OnlineClusterer::Join(uint32_t id, const sketch::SparseVector& v,
                           const std::vector<uint32_t>& top,
                           std::optional<int64_t> time) {
  StoryState& s = stories_[id];
  const size_t n = SumInto(s.sum, v, &sum_);
  const size_t keep = std::min(n, options_.centroid_terms);
  // Written in place of the old centroid, which the sum no longer needs.
  // The story keeps a buffer no larger than it needs (a fresh one when it
  // must grow, not one grown by doubling).
  std::vector<sketch::TermWeight>& dst = s.sum.entries;
  if (dst.capacity() < keep) {
    std::vector<sketch::TermWeight> fresh;
    fresh.reserve(keep);
    dst.swap(fresh);
  }
  dst.resize(keep);
  if (keep < n) {
    PruneInto(sum_.data(), n, keep, &keys_, &kept_, dst.data());
  } else {
    std::copy(sum_.data(), sum_.data() + n, dst.data());
  }
  s.norm = s.sum.Norm();
  if (time) {
    if (!s.first_time || *time < *s.first_time) s.first_time = time;
    if (!s.last_time || *time > *s.last_time) s.last_time = time;
  }
  s.last_seq = seq_;
  recency_[id] = Recency::Of(s);
  ++s.size;
  for (uint32_t k : top) {
    const uint64_t term = v.entries[k].term;
    if (s.posted.Insert(term)) postings_.Get(term).push_back(id);
  }
}

uint32_t OnlineClusterer::Add(const sketch::SparseVector& v,
                              std::optional<int64_t> time) {
  ++seq_;
  ++stats_.articles;
  sketch::TopEntriesInto(v, options_.query_terms, &top_, &keys_);
  const std::vector<uint32_t>& top = top_;
  std::vector<uint32_t>& candidates = candidates_;
  CollectCandidates(v, top, time, &candidates);
  stats_.candidates_scored += candidates.size();
  // The candidates' centroids are scattered over memory and mostly out of
  // cache: their stories are fetched while the article is hashed, and the
  // head of each centroid while the one before it is scored (a centroid
  // starts a new stream, which the hardware prefetcher picks up late;
  // TermTable::Dot fetches the rest a block ahead).
  for (uint32_t id : candidates) __builtin_prefetch(&stories_[id].sum);
  if (!candidates.empty()) article_.Assign(v);
  auto prefetch_centroid = [this](uint32_t id) {
    const std::vector<sketch::TermWeight>& e = stories_[id].sum.entries;
    sketch::TermTable::PrefetchBlock(e.data(), e.data() + e.size());
  };
  if (!candidates.empty()) prefetch_centroid(candidates[0]);
  double best_score = -1;
  uint32_t best = 0;
  for (size_t c = 0; c < candidates.size(); ++c) {
    const uint32_t id = candidates[c];
    if (c + 1 < candidates.size()) prefetch_centroid(candidates[c + 1]);
    // A story that cannot beat the best so far, nor reach the threshold,
    // need not be scored to the end: it cannot be chosen (below the
    // threshold, the best is not taken anyway).
    const double score =
        ScoreHashed(time, id, std::max(best_score, options_.join_threshold));
    if (score > best_score || (score == best_score && id < best)) {
      best_score = score;
      best = id;
    }
  }
  if (best_score < options_.join_threshold || v.empty()) {
    best = static_cast<uint32_t>(stories_.size());
    stories_.emplace_back();
    recency_.emplace_back();
  }
  Join(best, v, top, time);
  return best;
}

ClustererState OnlineClusterer::ExportState() const {
  ClustererState state;
  state.stories = stories_;
  postings_.ForEach([&state](uint64_t term, const std::vector<uint32_t>& ids) {
    state.postings.emplace(term, ids);
  });
  state.seq = seq_;
  return state;
}

void OnlineClusterer::ImportState(ClustererState state) {
  stories_ = std::move(state.stories);
  postings_ = PostingIndex();
  // In term order: the index's slots then do not depend on the map's order.
  std::vector<uint64_t> terms;
  terms.reserve(state.postings.size());
  for (const auto& [term, ids] : state.postings) terms.push_back(term);
  std::sort(terms.begin(), terms.end());
  for (const uint64_t term : terms) {
    postings_.Get(term) = std::move(state.postings[term]);
  }
  recency_.clear();
  for (const StoryState& s : stories_) {
    recency_.push_back(Recency::Of(s));
  }
  seq_ = state.seq;
}

uint64_t OnlineClusterer::MemoryBytes() const {
  uint64_t bytes = postings_.MemoryBytes();
  bytes += stories_.capacity() * sizeof(StoryState) +
           recency_.capacity() * sizeof(Recency);
  for (const StoryState& s : stories_) {
    bytes += s.sum.entries.capacity() * sizeof(sketch::TermWeight);
    bytes += s.posted.MemoryBytes();
  }
  return bytes;
}

}  // namespace concord::cluster
