// Deduplicate: find copies and near-copies among articles.
//
//   concord::DedupReport r = concord::Deduplicate({"news/"}, {});
//   for (const concord::DedupGroup& g : r.groups) ...  // g.kind, g.ids
//
// Each article's body (its text with headline, captions, credits and page
// chrome removed, as `analyze` extracts it) is read as words, folded (case,
// Unicode compatibility forms) with punctuation and spacing ignored. Two
// articles are
//   duplicates       when those words are identical (a syndicated copy under
//                    a new headline, re-spaced or re-punctuated), and
//   near-duplicates  when the Jaccard similarity of their sets of
//                    `shingle_words`-word windows reaches
//                    `near_duplicate_jaccard`, as estimated from 128-value
//                    MinHash signatures (± ~0.045 near 0.5).
// Groups are the connected components of those relations, so each article is
// in at most one group; articles in no group are unique. Pairs are found
// through an LSH index over the signatures (never all pairs): a pair exactly
// at the threshold is a candidate with probability ≥ 0.95, and pairs well
// above it almost surely (see src/index/lsh.h).
//
// Inputs that cannot be read do not stop the batch: each becomes an entry of
// DedupReport::errors naming the file and line or byte offset, as for
// Engine. Thread safety: Deduplicate keeps no global state; concurrent calls
// are safe. Cost: linear in the input (tokenising dominates) plus 128
// compares per candidate pair verified. Articles are processed as they are
// read and their text is not kept: memory is the largest input file plus
// ~1.5 KB per distinct body (its signature and index entries) and each
// article's id.
// The result is deterministic: it depends only on the inputs and options.
#ifndef CONCORD_DEDUP_H_
#define CONCORD_DEDUP_H_

#include <cstddef>
#include <string>
#include <vector>

#include "concord/export.h"
#include "concord/status.h"

namespace concord {

struct DedupOptions {
  // Words per shingle. Smaller values find looser rewrites and also more
  // pairs of merely related texts; 5 suits news-length bodies.
  // REQUIRES: 1 <= shingle_words <= 64.
  int shingle_words = 5;
  // Estimated Jaccard similarity of the shingle sets at or above which two
  // articles are near-duplicates. 0.5 means at least half of all distinct
  // shingles of the two are shared: light edits, trims and added credits
  // stay above it; independent reports of one event fall far below (< 0.1).
  // REQUIRES: 0 < near_duplicate_jaccard <= 1.
  double near_duplicate_jaccard = 0.5;
  // Compare every pair of distinct bodies instead of the LSH index's
  // candidates: the slow, obviously-correct reference (quadratic; tests and
  // small batches only).
  bool exhaustive = false;
};

struct DedupGroup {
  // "duplicate": every member has the same normalised body;
  // "near-duplicate": otherwise (members may include exact copies).
  std::string kind;
  // Article ids, in input order; at least two.
  std::vector<std::string> ids;
  // The weakest link: the lowest estimated Jaccard similarity among the
  // pairs of members that were compared and found similar (1 for exact
  // copies), so ≥ near_duplicate_jaccard. Members of one group may be less
  // similar to each other than this when the group is a chain (A ~ B ~ C).
  double min_jaccard = 1.0;
};

struct DedupReport {
  // Ordered by each group's first article in input order.
  std::vector<DedupGroup> groups;
  // Inputs that failed, in order; invalid options give one
  // InvalidArgument error and nothing else is done.
  std::vector<Status> errors;
  // Repaired inputs (renamed duplicate ids) and articles whose body has no
  // words (left out of every group).
  std::vector<Status> warnings;
  size_t articles = 0;  // articles read
};

// Reads `paths` (files and folders, as Engine::AddPaths) and groups the
// articles that are duplicates or near-duplicates of each other.
CONCORD_EXPORT DedupReport Deduplicate(const std::vector<std::string>& paths,
                                       const DedupOptions& options);

}  // namespace concord

#endif  // CONCORD_DEDUP_H_
