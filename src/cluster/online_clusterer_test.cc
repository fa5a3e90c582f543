#include "src/cluster/online_clusterer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>

#include "concord/eval.h"

namespace concord::cluster {
namespace {

using sketch::SparseVector;

SparseVector Vec(std::vector<std::pair<uint64_t, float>> tw) {
  SparseVector v;
  std::sort(tw.begin(), tw.end());
  for (auto [t, w] : tw) v.entries.push_back({t, w});
  v.Normalize();
  return v;
}

constexpr int64_t kDay = 86400;

struct Synthetic {
  std::vector<SparseVector> vectors;
  std::vector<std::optional<int64_t>> times;
  std::vector<std::string> labels;
};

// `events` events, each with 25 characteristic terms and 2–8 articles that
// draw 12 of them plus 12 background terms from a shared vocabulary of
// 5,000 terms, published within 3 days of the event's date. Articles are
// emitted in time order.
Synthetic MakeEvents(int events, uint32_t seed, bool dated) {
  std::mt19937 rng(seed);
  struct Item {
    int64_t time;
    SparseVector v;
    std::string label;
  };
  std::vector<Item> items;
  for (int e = 0; e < events; ++e) {
    std::vector<uint64_t> own(25);
    for (int k = 0; k < 25; ++k) own[k] = 1'000'000 + e * 100 + k;
    const int64_t day = static_cast<int64_t>(rng() % 365) * kDay;
    const int n = 2 + static_cast<int>(rng() % 7);
    for (int a = 0; a < n; ++a) {
      std::vector<std::pair<uint64_t, float>> tw;
      std::shuffle(own.begin(), own.end(), rng);
      for (int k = 0; k < 12; ++k) tw.push_back({own[k], 1.0f + rng() % 3});
      for (int k = 0; k < 12; ++k) {
        uint64_t t = rng() % 5000;
        bool dup = false;
        for (auto& p : tw) dup |= p.first == t;
        if (!dup) tw.push_back({t, 0.5f});
      }
      items.push_back({day + static_cast<int64_t>(rng() % (3 * kDay)),
                       Vec(tw), "e" + std::to_string(e)});
    }
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.time < b.time; });
  Synthetic s;
  for (auto& it : items) {
    s.vectors.push_back(std::move(it.v));
    s.times.push_back(dated ? std::optional<int64_t>(it.time) : std::nullopt);
    s.labels.push_back(it.label);
  }
  return s;
}

std::vector<std::string> Cluster(const Synthetic& s, ClusterOptions options) {
  OnlineClusterer c(options);
  std::vector<std::string> out;
  for (size_t i = 0; i < s.vectors.size(); ++i) {
    out.push_back(std::to_string(c.Add(s.vectors[i], s.times[i])));
  }
  return out;
}

TEST(OnlineClustererTest, RecoversSyntheticEvents) {
  Synthetic s = MakeEvents(200, 7, /*dated=*/true);
  ClusteringScores score = ScoreClustering(s.labels, Cluster(s, {}));
  EXPECT_GE(score.bcubed_f1, 0.95);
}

TEST(OnlineClustererTest, RecoversSyntheticEventsWithoutDates) {
  Synthetic s = MakeEvents(200, 11, /*dated=*/false);
  ClusteringScores score = ScoreClustering(s.labels, Cluster(s, {}));
  EXPECT_GE(score.bcubed_f1, 0.90);
}

TEST(OnlineClustererTest, IndexAgreesWithExhaustiveSearch) {
  Synthetic s = MakeEvents(300, 3, /*dated=*/true);
  ClusterOptions exhaustive;
  exhaustive.exhaustive = true;
  const auto indexed = Cluster(s, {});
  const auto reference = Cluster(s, exhaustive);
  // The index may miss a candidate only in rare ties; require near-identity.
  ClusteringScores agreement = ScoreClustering(reference, indexed);
  EXPECT_GE(agreement.bcubed_f1, 0.99);
}

TEST(OnlineClustererTest, ExportedStateContinuesTheStream) {
  Synthetic s = MakeEvents(150, 9, /*dated=*/true);
  const auto whole = Cluster(s, {});
  const size_t half = s.vectors.size() / 2;
  std::vector<std::string> split;
  ClustererState state;
  {
    OnlineClusterer first({});
    for (size_t i = 0; i < half; ++i)
      split.push_back(std::to_string(first.Add(s.vectors[i], s.times[i])));
    state = first.ExportState();
  }
  OnlineClusterer second({});
  second.ImportState(std::move(state));
  for (size_t i = half; i < s.vectors.size(); ++i)
    split.push_back(std::to_string(second.Add(s.vectors[i], s.times[i])));
  EXPECT_EQ(split, whole);
}

TEST(OnlineClustererTest, IsDeterministic) {
  Synthetic s = MakeEvents(100, 5, /*dated=*/true);
  EXPECT_EQ(Cluster(s, {}), Cluster(s, {}));
}

TEST(OnlineClustererTest, SameWordsMonthsApartAreDifferentStories) {
  OnlineClusterer c({});
  SparseVector v = Vec({{1, 1}, {2, 1}, {3, 1}});
  EXPECT_EQ(c.Add(v, 0), 0u);
  EXPECT_EQ(c.Add(v, 1 * kDay), 0u);
  EXPECT_EQ(c.Add(v, 200 * kDay), 1u);
}

TEST(OnlineClustererTest, TimeDiscountLowersScoreOutsideTheSpan) {
  OnlineClusterer c({});
  SparseVector v = Vec({{1, 1}, {2, 1}});
  c.Add(v, 10 * kDay);
  EXPECT_NEAR(c.Score(v, 11 * kDay, 0), 1.0, 1e-6);
  EXPECT_LT(c.Score(v, 30 * kDay, 0), 0.05);
  EXPECT_NEAR(c.Score(v, std::nullopt, 0), 1.0, 1e-6);
}

TEST(OnlineClustererTest, EmptyVectorStartsItsOwnStory) {
  OnlineClusterer c({});
  EXPECT_EQ(c.Add(Vec({{1, 1}}), std::nullopt), 0u);
  EXPECT_EQ(c.Add(SparseVector{}, std::nullopt), 1u);
  EXPECT_EQ(c.Add(SparseVector{}, std::nullopt), 2u);
}

TEST(OnlineClustererTest, IdleStoriesLeaveTheIndex) {
  ClusterOptions options;
  options.story_window_articles = 3;
  OnlineClusterer c(options);
  SparseVector a = Vec({{1, 1}, {2, 1}});
  SparseVector b = Vec({{100, 1}, {200, 1}});
  EXPECT_EQ(c.Add(a, std::nullopt), 0u);
  for (int i = 0; i < 5; ++i) c.Add(b, std::nullopt);
  // Story 0 has been idle for 5 articles > 3: the same text starts anew.
  EXPECT_EQ(c.Add(a, std::nullopt), 2u);
}

// Closed() is a promise about the future: a story it calls closed is never
// joined again. Checked on a stream of dated articles with undated ones
// mixed in (so both expiry rules are in play, with a short article
// window), looking ahead the way the engine does; and the promise must not
// be empty: most stories close before the stream ends.
TEST(OnlineClustererTest, ClosedStoriesAreNeverJoinedAgain) {
  for (const bool some_undated : {false, true}) {
    Synthetic s = MakeEvents(300, 13, /*dated=*/true);
    if (some_undated) {
      for (size_t i = 5; i < s.times.size(); i += 7) s.times[i].reset();
    }
    ClusterOptions options;
    options.story_window_articles = 60;
    OnlineClusterer c(options);
    const size_t n = s.vectors.size();
    std::vector<size_t> closed_at;  // by story id; n = still open
    size_t closed = 0;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t id = c.Add(s.vectors[i], s.times[i]);
      ASSERT_LT(id, c.stories());
      closed_at.resize(c.stories(), n);
      ASSERT_EQ(closed_at[id], n) << "story " << id << " closed after article "
                                  << closed_at[id] << " joined by " << i;
      Lookahead ahead;
      for (size_t j = i + 1; j < n; ++j) {
        if (s.times[j] && !ahead.next_time) ahead.next_time = s.times[j];
        if (!s.times[j] && !ahead.undated_follows) {
          ahead.undated_follows = true;
          ahead.next_undated_seq = j + 1;
        }
      }
      for (uint32_t k = 0; k < c.stories(); ++k) {
        if (closed_at[k] == n && c.Closed(k, ahead)) {
          closed_at[k] = i;
          closed += i + 1 < n;  // at the last article everything closes
        }
      }
    }
    // Closed while articles were still to come, not just at the end.
    EXPECT_GE(closed, c.stories() * 8 / 10) << "undated: " << some_undated;
  }
}

TEST(OnlineClustererTest, StoryClosesWhenTheTimeDiscountAloneFallsShort) {
  OnlineClusterer c({});
  c.Add(Vec({{1, 1}, {2, 1}}), 0);
  // Default discount: exp(-(gap - 3) / 4) against a threshold of 0.18, so
  // gaps over 9.86 days can no longer join; the window (45 days) is longer.
  EXPECT_FALSE(c.Closed(0, {.next_time = 9 * kDay}));
  EXPECT_TRUE(c.Closed(0, {.next_time = 10 * kDay}));
  // An undated article to come is matched by the article window instead.
  EXPECT_FALSE(c.Closed(
      0, {.next_time = 10 * kDay, .undated_follows = true, .next_undated_seq = 2}));
  EXPECT_TRUE(c.Closed(0, {.next_time = 10 * kDay,
                           .undated_follows = true,
                           .next_undated_seq = 50002}));
  // Nothing to come: closed.
  EXPECT_TRUE(c.Closed(0, {}));
}

// A story's centroid is the running sum of its members pruned to the
// heaviest `centroid_terms` after each join (ties to the smaller term):
// checked against that definition written plainly with TopEntries, on
// members that share many terms and have tied weights.
TEST(OnlineClustererTest, CentroidIsThePrunedRunningSum) {
  ClusterOptions options;
  options.centroid_terms = 20;
  options.join_threshold = 0.0;  // every article joins story 0
  OnlineClusterer c(options);
  std::mt19937 rng(17);
  SparseVector reference;
  for (int a = 0; a < 40; ++a) {
    std::vector<std::pair<uint64_t, float>> tw;
    for (uint64_t t = 1; t <= 60; ++t) {
      if (rng() % 3 == 0) tw.push_back({t * 7919, float(1 + rng() % 4)});
    }
    SparseVector v = Vec(tw);
    ASSERT_EQ(c.Add(v, std::nullopt), 0u);
    // reference = prune(reference + v)
    std::map<uint64_t, float> sum;
    for (const auto& e : reference.entries) sum[e.term] += e.weight;
    for (const auto& e : v.entries) sum[e.term] += e.weight;
    SparseVector merged;
    for (auto [t, w] : sum) merged.entries.push_back({t, w});
    std::vector<uint32_t> top = sketch::TopEntries(merged, 20);
    std::sort(top.begin(), top.end());
    reference.entries.clear();
    for (uint32_t k : top) reference.entries.push_back(merged.entries[k]);
    const SparseVector& got = c.story(0).sum;
    ASSERT_EQ(got.entries.size(), reference.entries.size()) << "after " << a;
    for (size_t k = 0; k < got.entries.size(); ++k) {
      ASSERT_EQ(got.entries[k].term, reference.entries[k].term) << a;
      ASSERT_FLOAT_EQ(got.entries[k].weight, reference.entries[k].weight);
    }
    // The norm exactly as SparseVector::Norm() gives it (scores divide by it).
    ASSERT_EQ(c.story(0).norm, got.Norm()) << a;
  }
}

// The memory figure grows with what is indexed: at least the story ids in
// the postings and the centroids' entries, and more for more stories.
TEST(OnlineClustererTest, MemoryBytesCountsIndexAndCentroids) {
  OnlineClusterer c({});
  const uint64_t empty = c.MemoryBytes();
  uint64_t entries = 0;
  for (uint64_t k = 0; k < 200; ++k) {
    // Disjoint terms: every article starts a story with 3 posted terms.
    c.Add(Vec({{3 * k + 1, 1}, {3 * k + 2, 1}, {3 * k + 3, 1}}), std::nullopt);
    entries += 3;
  }
  ASSERT_EQ(c.stories(), 200u);
  const uint64_t full = c.MemoryBytes();
  EXPECT_GE(full - empty,
            entries * (sizeof(uint32_t) + sizeof(sketch::TermWeight)));
  EXPECT_LT(full, 200u * 2000u);  // an estimate, not a runaway count
}

}  // namespace
}  // namespace concord::cluster
