// Scoring a clustering against reference labels.
//
// B-cubed (Bagga & Baldwin 1998): for each item, precision is the share of
// its predicted cluster that has its reference label, recall the share of its
// reference class that is in its predicted cluster; both averaged over items,
// F1 their harmonic mean. NMI: mutual information of the two partitions over
// the square root of the product of their entropies (1 when identical).
//
// Cost: O(n) with hash maps. Thread-safe (pure).
#ifndef CONCORD_EVAL_H_
#define CONCORD_EVAL_H_

#include <string>
#include <vector>

#include "concord/export.h"
#include "concord/options.h"
#include "concord/status.h"

namespace concord {

struct ClusteringScores {
  double bcubed_precision = 0;
  double bcubed_recall = 0;
  double bcubed_f1 = 0;
  double nmi = 0;
  size_t items = 0;
  size_t reference_classes = 0;
  size_t predicted_clusters = 0;
};

// REQUIRES: reference.size() == predicted.size(). Item i has reference label
// reference[i] and predicted cluster predicted[i].
CONCORD_EXPORT ClusteringScores ScoreClustering(
    const std::vector<std::string>& reference,
    const std::vector<std::string>& predicted);

struct ClusteringEvaluation {
  ClusteringScores scores;
  size_t unlabelled = 0;        // records without a `label` (not scored)
  std::vector<Status> errors;   // records that could not be read
};

// Runs the engine over a labelled JSON Lines file (fields as for analyze,
// plus `label`: the reference story) and scores its stories against the
// labels. Fails only when the file cannot be read at all.
CONCORD_EXPORT Result<ClusteringEvaluation> EvaluateClustering(
    const std::string& jsonl_path, const AnalyzeOptions& options);

}  // namespace concord

#endif  // CONCORD_EVAL_H_
