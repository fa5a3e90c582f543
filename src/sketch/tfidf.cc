#include "src/sketch/tfidf.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

namespace concord::sketch {

namespace {

// ln(1 + N / d) for d >= 1, the one expression both Idf() paths use.
double IdfOf(uint32_t documents, uint32_t d) {
  return std::log(1.0 + documents / static_cast<double>(d));
}

// ln tf for the whole counts most terms have, in float as Weigh() takes
// it (std::log of a float is the float logarithm).
constexpr int kTabulatedCounts = 64;
const std::array<float, kTabulatedCounts>& LogOfCounts() {
  static const std::array<float, kTabulatedCounts> table = [] {
    std::array<float, kTabulatedCounts> t{};
    for (int k = 1; k < kTabulatedCounts; ++k) t[k] = std::log(float(k));
    return t;
  }();
  return table;
}

float LogOfCount(float count) {
  const float c = std::max(count, 1.0f);
  if (c < kTabulatedCounts) {
    const int k = static_cast<int>(c);
    if (static_cast<float>(k) == c) return LogOfCounts()[k];
  }
  return std::log(c);
}

}  // namespace

void DocumentFrequencies::Add(const TermBag& bag) {
  idf_by_df_.clear();
  ++documents_;
  for (const TermCount& tc : bag.terms) {
    if (tc.term == 0) {
      ++zero_count_;
      continue;
    }
    if ((used_ + 1) * 2 > slots_.size()) Grow();
    const size_t mask = slots_.size() - 1;
    size_t i = SlotOf(tc.term);
    while (slots_[i].term != 0 && slots_[i].term != tc.term) {
      i = (i + 1) & mask;
    }
    if (slots_[i].term == 0) {
      slots_[i].term = tc.term;
      ++used_;
    }
    ++slots_[i].count;
  }
}

void DocumentFrequencies::Grow() {
  std::vector<Slot> old = std::move(slots_);
  const size_t size = old.empty() ? 1024 : old.size() * 2;
  slots_.assign(size, Slot{});
  shift_ = 64 - std::countr_zero(size);
  const size_t mask = size - 1;
  for (const Slot& e : old) {
    if (e.term == 0) continue;
    size_t i = SlotOf(e.term);
    while (slots_[i].term != 0) i = (i + 1) & mask;
    slots_[i] = e;
  }
}

uint32_t DocumentFrequencies::df(uint64_t term) const {
  if (term == 0) return zero_count_;
  if (slots_.empty()) return 0;
  const size_t mask = slots_.size() - 1;
  for (size_t i = SlotOf(term);; i = (i + 1) & mask) {
    if (slots_[i].term == term) return slots_[i].count;
    if (slots_[i].term == 0) return 0;
  }
}

double DocumentFrequencies::Idf(uint64_t term) const {
  const uint32_t d = std::max<uint32_t>(df(term), 1);
  if (d < idf_by_df_.size()) return idf_by_df_[d];
  return IdfOf(documents_, d);
}

void DocumentFrequencies::PrepareIdf() {
  // Up to 4,096 (32 KB): beyond that the terms are few and common.
  const uint32_t n = std::min<uint32_t>(documents_, 4095) + 1;
  idf_by_df_.assign(n, 0.0);
  for (uint32_t d = 1; d < n; ++d) idf_by_df_[d] = IdfOf(documents_, d);
}

SparseVector Weigh(const TermBag& bag, const DocumentFrequencies& df,
                   const FeatureOptions& options) {
  SparseVector v;
  v.entries.reserve(bag.terms.size());
  for (const TermCount& tc : bag.terms) {
    double kind = 1.0;
    if (tc.kind == TermKind::kName) kind = options.name_weight;
    if (tc.kind == TermKind::kNumber) kind = options.number_weight;
    const double w = (1.0 + LogOfCount(tc.count)) * df.Idf(tc.term) * kind;
    if (w > 0) v.entries.push_back({tc.term, static_cast<float>(w)});
  }
  v.Normalize();
  return v;
}

}  // namespace concord::sketch
