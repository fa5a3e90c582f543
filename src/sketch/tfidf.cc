#include "src/sketch/tfidf.h"

#include <cmath>

namespace concord::sketch {

void DocumentFrequencies::Add(const TermBag& bag) {
  ++documents_;
  for (const TermCount& tc : bag.terms) ++df_[tc.term];
}

uint32_t DocumentFrequencies::df(uint64_t term) const {
  auto it = df_.find(term);
  return it == df_.end() ? 0 : it->second;
}

double DocumentFrequencies::Idf(uint64_t term) const {
  const double d = std::max<uint32_t>(df(term), 1);
  return std::log(1.0 + documents_ / d);
}

SparseVector Weigh(const TermBag& bag, const DocumentFrequencies& df,
                   const FeatureOptions& options) {
  SparseVector v;
  v.entries.reserve(bag.terms.size());
  for (const TermCount& tc : bag.terms) {
    double kind = 1.0;
    if (tc.kind == TermKind::kName) kind = options.name_weight;
    if (tc.kind == TermKind::kNumber) kind = options.number_weight;
    const double w = (1.0 + std::log(std::max(tc.count, 1.0f))) *
                     df.Idf(tc.term) * kind;
    if (w > 0) v.entries.push_back({tc.term, static_cast<float>(w)});
  }
  v.Normalize();
  return v;
}

}  // namespace concord::sketch
