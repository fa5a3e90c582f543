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

}  // namespace concord

#endif  // CONCORD_EVAL_H_
