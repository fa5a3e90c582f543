// Comparing two texts: how one was made from the other, with the aligned
// passages as evidence (identical stretches, one-word swaps with their
// WordNet relation, edits, insertions, deletions), as `concord compare`
// shows them.
//
// Thread safety: a Comparer is safe for concurrent use once constructed
// (WordNet is read-only). Cost: linear in the two texts in practice.
#ifndef CONCORD_COMPARE_H_
#define CONCORD_COMPARE_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "concord/export.h"
#include "concord/status.h"

namespace concord {

struct DiffSpan {
  // identical, swap, edited, inserted, deleted, only_a, only_b
  std::string kind;
  uint32_t a_begin = 0, a_end = 0;  // byte offsets into text A
  uint32_t b_begin = 0, b_end = 0;  // byte offsets into text B
  std::string a_text, b_text;
  std::string wordnet;  // for swaps: synonym, similar_to, …, or "none"
  int passage = -1;     // index of the aligned passage, -1 outside
};

// A fact the two texts give differently: the same slot (the date, the
// place, a number, an actor, the cause) with a different value on each
// side. A fact on one side only is never a conflict.
struct ComparisonConflict {
  std::string kind;              // date, place, number, actor, cause
  std::string a_value, b_value;  // as written in each text
  uint32_t a_begin = 0, a_end = 0;  // byte offsets of a_value in A
  uint32_t b_begin = 0, b_end = 0;  // byte offsets of b_value in B
  double confidence = 0;            // 0..1; aligned evidence is stronger
  std::string evidence;  // "aligned passage: 'car bomb' -> 'chemical ..."
};

// The names Comparison::relation takes, from the closest ("duplicate",
// then "near-duplicate", "spun copy", "rewrite", "summary") to
// "independent", the last.
CONCORD_EXPORT const std::vector<std::string>& RelationNames();

struct Comparison {
  std::string relation;  // one of RelationNames()
  bool derived = false;  // every relation but independent
  double score = 0;
  // Evidence.
  uint32_t a_words = 0, b_words = 0;
  double coverage_a = 0, coverage_b = 0;
  uint32_t longest_passage = 0;  // words
  uint32_t passages = 0;
  uint32_t swaps = 0, related_swaps = 0;
  double content_containment_a = 0, content_containment_b = 0;
  double details_jaccard = 0;
  // When the shorter text may summarise the longer (at most half its
  // length, most of its content words found there): how many words of the
  // longer one its content is drawn from (0 otherwise). A summary
  // condenses them; a text nearly as long rewrites that part.
  uint32_t drawn_words = 0;
  // Content stems both texts use, and how many of them both use in the
  // same order (by first use): a rewrite keeps its source's order.
  uint32_t shared_stems = 0, stems_in_order = 0;
  // Share of each side's words in identical spans.
  double identical_a = 0, identical_b = 0;
  // Sentence-level paraphrase judgement (meaningful for short texts):
  // similarity in [0, 1] from aligned and related words, and the verdict.
  double similarity = 0;
  double soft_containment_a = 0, soft_containment_b = 0;  // with WordNet
  bool numbers_differ = false;  // a number on one side only
  // The paraphrase model's inputs by name (docs/quality.md), in a fixed
  // order; written by --format json for refitting the model.
  std::vector<std::pair<std::string, double>> paraphrase_features;
  double paraphrase_probability = 0;
  bool paraphrase = false;
  // How much of B reuses A, in the terms of Clough & Stevenson's corpus:
  // "cut" (copied), "light" (lightly revised), "heavy" (heavily revised)
  // or "non" (written independently).
  std::string reuse_level;
  // A's text in order, then B's stretches outside every passage (only_b).
  std::vector<DiffSpan> spans;
  // Factual conflicts, in order of A.
  std::vector<ComparisonConflict> conflicts;
};

struct CompareOptions {
  std::string lang = "en";  // stemming and stop words
  // Where WordNet 3.0's data files are ("" = the Debian default); without
  // them swaps are still found but carry no WordNet relation.
  std::string wordnet_dir;
};

class CONCORD_EXPORT Comparer {
 public:
  explicit Comparer(CompareOptions options = {});
  ~Comparer();
  // Why WordNet is unavailable, or OK.
  const Status& wordnet_status() const;
  // `b_from_a`: B is known to derive from A (a source and its derived
  // text), so a B over twice A's length expands A: a rewrite, never "A
  // summarises B".
  Comparison Compare(const std::string& a, const std::string& b,
                     bool b_from_a = false) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One pair of texts from a JSON Lines file of pairs: fields `a`/`b`,
// `source`/`derived` or `original`/`altered`, optional `id` and `label`,
// and for conflict labels optional `changed` (a list of the kinds of fact
// changed, strings) and `style`.
struct TextPair {
  std::string id;
  std::string a, b;
  std::string label;  // as given (string or number), may be empty
  std::string origin; // file:line
  std::vector<std::string> changed;  // as given; empty if absent
  bool has_changed = false;          // the `changed` field is present
  std::string style;                 // may be empty
  // B derives from A: the fields were source/derived or original/altered
  // (a/b say nothing of which came first).
  bool directed = false;
};
// Reads all pairs; malformed lines are returned as errors, the rest read.
CONCORD_EXPORT std::vector<TextPair> ReadPairs(const std::string& path,
                                               std::vector<Status>* errors);

// Reads a text file (or the first record of a JSON Lines file) as the
// article body, with chrome removed, for `concord compare A B`.
CONCORD_EXPORT Result<std::string> ReadArticleBody(const std::string& path);

struct DiffRenderOptions {
  bool color = false;
};
CONCORD_EXPORT std::string RenderComparisonText(
    const Comparison& c, const DiffRenderOptions& options = {});
CONCORD_EXPORT std::string RenderComparisonJson(const Comparison& c,
                                                int indent = 2,
                                                bool with_spans = true,
                                                const std::string& id = "");

}  // namespace concord

#endif  // CONCORD_COMPARE_H_
