// B-cubed and NMI over two labelings of the same items; see
// include/concord/eval.h for the definitions. Counting is done once over the
// contingency table (reference class × predicted cluster), so the cost is
// O(n) rather than O(n²) pairwise. Tested by clustering_scores_test.cc
// against hand-computed values.
#include <cmath>
#include <map>
#include <unordered_map>
#include <utility>

#include "concord/eval.h"

namespace concord {

ClusteringScores ScoreClustering(const std::vector<std::string>& reference,
                                 const std::vector<std::string>& predicted) {
  ClusteringScores s;
  const size_t n = std::min(reference.size(), predicted.size());
  s.items = n;
  if (n == 0) return s;
  std::unordered_map<std::string, double> ref_size, pred_size;
  std::map<std::pair<std::string, std::string>, double> joint;
  for (size_t i = 0; i < n; ++i) {
    ref_size[reference[i]] += 1;
    pred_size[predicted[i]] += 1;
    joint[{reference[i], predicted[i]}] += 1;
  }
  s.reference_classes = ref_size.size();
  s.predicted_clusters = pred_size.size();
  // Each of the c items in cell (r, p) has precision c/|p| and recall c/|r|.
  double precision = 0, recall = 0, mi = 0;
  const double total = static_cast<double>(n);
  for (const auto& [key, c] : joint) {
    const double r = ref_size[key.first];
    const double p = pred_size[key.second];
    precision += c * c / p;
    recall += c * c / r;
    mi += (c / total) * std::log(c * total / (r * p));
  }
  s.bcubed_precision = precision / total;
  s.bcubed_recall = recall / total;
  s.bcubed_f1 = s.bcubed_precision + s.bcubed_recall > 0
                    ? 2 * s.bcubed_precision * s.bcubed_recall /
                          (s.bcubed_precision + s.bcubed_recall)
                    : 0;
  auto entropy = [total](const std::unordered_map<std::string, double>& m) {
    double h = 0;
    for (const auto& [k, c] : m) h -= (c / total) * std::log(c / total);
    return h;
  };
  const double h_ref = entropy(ref_size), h_pred = entropy(pred_size);
  if (h_ref == 0 && h_pred == 0) {
    s.nmi = 1;  // both put everything in one group: identical partitions
  } else if (h_ref == 0 || h_pred == 0) {
    s.nmi = 0;
  } else {
    s.nmi = mi / std::sqrt(h_ref * h_pred);
  }
  return s;
}

}  // namespace concord
