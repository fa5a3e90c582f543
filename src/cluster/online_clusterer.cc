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
#include "src/cluster/online_clusterer.h"

#include <algorithm>
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

// *out = a + b, both sorted by term. `out` is the caller's buffer.
void SumInto(const sketch::SparseVector& a, const sketch::SparseVector& b,
             sketch::SparseVector* out) {
  out->entries.clear();
  out->entries.reserve(a.entries.size() + b.entries.size());
  auto i = a.entries.begin(), ie = a.entries.end();
  auto j = b.entries.begin(), je = b.entries.end();
  while (i != ie || j != je) {
    if (j == je || (i != ie && i->term < j->term)) {
      out->entries.push_back(*i++);
    } else if (i == ie || j->term < i->term) {
      out->entries.push_back(*j++);
    } else {
      out->entries.push_back({i->term, i->weight + j->weight});
      ++i;
      ++j;
    }
  }
}

// Keeps the `keep` heaviest entries of `v` (ties to the smaller term, as
// TopEntries), in term order. Selection only: the kept entries need no
// ordering by weight, so no sort at all. `idx` and `marks` are scratch.
void Prune(sketch::SparseVector* v, size_t keep, std::vector<uint32_t>* idx,
           std::vector<uint8_t>* marks) {
  if (v->entries.size() <= keep) return;
  idx->resize(v->entries.size());
  std::iota(idx->begin(), idx->end(), 0u);
  const std::vector<sketch::TermWeight>& e = v->entries;
  std::nth_element(idx->begin(), idx->begin() + keep, idx->end(),
                   [&e](uint32_t x, uint32_t y) {
                     return e[x].weight != e[y].weight
                                ? e[x].weight > e[y].weight
                                : e[x].term < e[y].term;
                   });
  std::vector<uint8_t>& kept = *marks;
  kept.assign(e.size(), 0);
  for (size_t k = 0; k < keep; ++k) kept[(*idx)[k]] = 1;
  size_t w = 0;
  for (size_t k = 0; k < kept.size(); ++k) {
    if (kept[k]) v->entries[w++] = v->entries[k];  // k >= w
  }
  v->entries.resize(keep);
}

}  // namespace

OnlineClusterer::OnlineClusterer(const ClusterOptions& options)
    : options_(options) {}

bool OnlineClusterer::ExpiredAt(const StoryState& s,
                                std::optional<int64_t> time,
                                uint64_t seq) const {
  if (time && s.last_time) {
    return (*time - *s.last_time) / kSecondsPerDay > options_.story_window_days;
  }
  return seq - s.last_seq > options_.story_window_articles;
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

double OnlineClusterer::ScoreHashed(std::optional<int64_t> time,
                                    uint32_t id) const {
  const StoryState& s = stories_[id];
  if (s.norm <= 0) return 0;
  const double discount = TimeDiscount(time, s);
  // Too far in time to reach the join threshold even with cosine 1: such a
  // story cannot be joined, so its exact score does not matter (Add only
  // compares scores that reach the threshold). The margin as in Closed().
  if (discount * kScoreMargin < options_.join_threshold || discount < 1e-6) {
    return 0;
  }
  return article_.Dot(s.sum) / s.norm * discount;
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
  for (uint32_t k : top) {
    const sketch::TermWeight& tw = v.entries[k];
    auto it = postings_.find(tw.term);
    if (it == postings_.end()) continue;
    std::vector<uint32_t>& list = it->second;
    // Drop stories that left the window (lazily, keeping order).
    size_t w = 0;
    for (size_t r = 0; r < list.size(); ++r) {
      if (!Expired(stories_[list[r]], time)) list[w++] = list[r];
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
  // first n are the same whether the rest is sorted or not).
  auto better = [this](uint32_t a, uint32_t b) {
    return overlap_[a] != overlap_[b] ? overlap_[a] > overlap_[b] : a < b;
  };
  const size_t n = std::min(touched_.size(), options_.max_candidates);
  if (n < touched_.size()) {
    std::nth_element(touched_.begin(), touched_.begin() + n, touched_.end(),
                     better);
  }
  std::sort(touched_.begin(), touched_.begin() + n, better);
  out->assign(touched_.begin(), touched_.begin() + n);
  for (uint32_t id : touched_) overlap_[id] = 0.0f;
}

void OnlineClusterer::Join(uint32_t id, const sketch::SparseVector& v,
                           const std::vector<uint32_t>& top,
                           std::optional<int64_t> time) {
  StoryState& s = stories_[id];
  SumInto(s.sum, v, &sum_);
  Prune(&sum_, options_.centroid_terms, &prune_, &marks_);
  // Copied, not swapped: the story keeps a buffer no larger than it needs.
  s.sum.entries.assign(sum_.entries.begin(), sum_.entries.end());
  s.norm = s.sum.Norm();
  if (time) {
    if (!s.first_time || *time < *s.first_time) s.first_time = time;
    if (!s.last_time || *time > *s.last_time) s.last_time = time;
  }
  s.last_seq = seq_;
  ++s.size;
  for (uint32_t k : top) {
    const uint64_t term = v.entries[k].term;
    if (s.posted.insert(term).second) postings_[term].push_back(id);
  }
}

uint32_t OnlineClusterer::Add(const sketch::SparseVector& v,
                              std::optional<int64_t> time) {
  ++seq_;
  ++stats_.articles;
  const std::vector<uint32_t> top = sketch::TopEntries(v, options_.query_terms);
  std::vector<uint32_t> candidates;
  CollectCandidates(v, top, time, &candidates);
  stats_.candidates_scored += candidates.size();
  if (!candidates.empty()) article_.Assign(v);
  double best_score = -1;
  uint32_t best = 0;
  for (uint32_t id : candidates) {
    const double score = ScoreHashed(time, id);
    if (score > best_score || (score == best_score && id < best)) {
      best_score = score;
      best = id;
    }
  }
  if (best_score < options_.join_threshold || v.empty()) {
    best = static_cast<uint32_t>(stories_.size());
    stories_.emplace_back();
  }
  Join(best, v, top, time);
  return best;
}

void OnlineClusterer::ImportState(ClustererState state) {
  stories_ = std::move(state.stories);
  postings_ = std::move(state.postings);
  seq_ = state.seq;
}

uint64_t OnlineClusterer::MemoryBytes() const {
  // A node of a std::unordered_* container: the value, a next pointer and
  // the cached hash; each bucket is one pointer.
  constexpr uint64_t kNodeOverhead = 2 * sizeof(void*);
  uint64_t bytes = postings_.bucket_count() * sizeof(void*);
  for (const auto& [term, ids] : postings_) {
    bytes += kNodeOverhead + sizeof(term) + sizeof(ids) +
             ids.capacity() * sizeof(uint32_t);
  }
  bytes += stories_.capacity() * sizeof(StoryState);
  for (const StoryState& s : stories_) {
    bytes += s.sum.entries.capacity() * sizeof(sketch::TermWeight);
    bytes += s.posted.bucket_count() * sizeof(void*) +
             s.posted.size() * (kNodeOverhead + sizeof(uint64_t));
  }
  return bytes;
}

}  // namespace concord::cluster
