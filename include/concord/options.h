// Options for a Concord run, with their defaults. One set of defaults serves
// all data: they were chosen on general grounds and checked on labelled sets
// (docs/quality.md), not tuned per data set.
#ifndef CONCORD_OPTIONS_H_
#define CONCORD_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace concord {

// How an article's text becomes a weighted term vector (sketch/).
struct FeatureOptions {
  // Extra weight of a capitalised word inside a sentence (a likely name), on
  // top of its ordinary stem term.
  double name_weight = 1.5;
  // Weight of a number's value as a term ("#1200"), relative to a word.
  double number_weight = 1.5;
  // Headline words are counted this many times.
  double headline_repeat = 2.0;
};

// Online story clustering (cluster/).
struct ClusterOptions {
  // An article joins the best-scoring story when its similarity reaches this;
  // otherwise it starts a new story. Similarity is cosine in [0, 1].
  double join_threshold = 0.18;
  // Time: a story spans [first, last] publication time. An article within
  // `same_time_days` of that span is scored as is; further away, similarity
  // is multiplied by exp(-(gap - same_time_days) / time_decay_days).
  double same_time_days = 3.0;
  double time_decay_days = 4.0;
  // Stories not updated for this long (or, without dates, for this many
  // articles) leave the candidate index: cost per article stays flat.
  double story_window_days = 45.0;
  size_t story_window_articles = 50000;
  // Terms of an article used to look up candidate stories, and posted to the
  // index for the story it joins.
  size_t query_terms = 24;
  // At most this many candidate stories are scored exactly per article.
  size_t max_candidates = 16;
  // A story's centroid keeps at most this many terms.
  size_t centroid_terms = 300;
  // Score every live story instead of the index's candidates: the slow,
  // obviously-correct reference the index is tested against.
  bool exhaustive = false;
};

// Text reuse within stories (compare/).
struct ReuseOptions {
  bool enabled = true;
  // Pairs are aligned among a story's first this-many articles (in
  // publication order); the cost is quadratic in it.
  size_t max_articles = 40;
  // WordNet 3.0's data directory ("" = the Debian default); without it
  // swaps carry no WordNet relation.
  std::string wordnet_dir;
  // Facts across sources (claims, conflicts, entities, quotes, brief) for
  // the same stories; about half the time of this stage.
  bool facts = true;
  // Worker threads for this stage (stories are independent); 0 = one per
  // core. Set from AnalyzeOptions::threads by the engine.
  unsigned threads = 1;
};

struct AnalyzeOptions {
  FeatureOptions features;
  ClusterOptions cluster;
  ReuseOptions reuse;
  // Keep each article's extracted body in the report (for --with-text).
  bool keep_text = false;
  // Worker threads for the per-article and per-story stages; 0 = one per
  // core. The report is the same for every thread count.
  unsigned threads = 1;
  // Article texts and term bags are kept between stages (term bags for
  // clustering in publication order, texts for aligning each story). Up to
  // this many bytes of them are held in memory; the rest goes to a
  // temporary file in `spill_dir` ("" = $TMPDIR, else /tmp), removed when
  // the run ends. The report is the same either way. Everything else the
  // engine holds (summaries, the clusterer, a few stories in flight) is
  // about 1.5 KB per article on top of this. Stories analysed early (below)
  // wait for their turn in the report rendered, up to a quarter of this
  // budget in memory, the rest in a second temporary file.
  uint64_t memory_budget = uint64_t{1024} << 20;
  std::string spill_dir;
  // Analyse a story (relations, facts, rendering) as soon as clustering
  // shows no later article can join it, on the workers while clustering
  // goes on, instead of after clustering. The report is the same either
  // way; off only to test that.
  bool analyze_closed_stories_early = true;
};

}  // namespace concord

#endif  // CONCORD_OPTIONS_H_
