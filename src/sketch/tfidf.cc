#include "src/sketch/tfidf.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

namespace concord::sketch {

namespace {

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
  // Each term's slot is asked for a few terms ahead, as in Weigh().
  constexpr size_t kAhead = 8;
  const TermCount* const terms = bag.terms.data();
  const size_t n = bag.terms.size();
  Ahead ahead = PrefetchAhead();
  if (ahead.base != nullptr) {
    for (size_t j = 0; j < std::min(n, kAhead); ++j) {
      ahead.Prefetch(terms[j].term);
    }
  }
  for (size_t k = 0; k < n; ++k) {
    if (k + kAhead < n && ahead.base != nullptr) {
      ahead.Prefetch(terms[k + kAhead].term);
    }
    const TermCount& tc = terms[k];
    if (tc.term == 0) {
      ++zero_count_;
      continue;
    }
    if ((used_ + 1) * 2 > slots_.size()) {
      Grow();
      ahead = PrefetchAhead();
    }
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

// The one expression both Idf() paths use.
double DocumentFrequencies::IdfOf(uint32_t d) const {
  return std::log(1.0 + documents_ / static_cast<double>(d));
}

void DocumentFrequencies::PrepareIdf() {
  // Up to 4,096 (32 KB): beyond that the terms are few and common.
  const uint32_t n = std::min<uint32_t>(documents_, 4095) + 1;
  idf_by_df_.assign(n, 0.0);
  for (uint32_t d = 1; d < n; ++d) idf_by_df_[d] = IdfOf(d);
}

SparseVector Weigh(const TermBag& bag, const DocumentFrequencies& df,
                   const FeatureOptions& options) {
  SparseVector v;
  v.entries.reserve(bag.terms.size());
  // Each term's slot in `df` is asked for a few terms ahead: a cache miss
  // in a large table, which then overlaps with the weighing of others.
  const auto weigh = [&](const TermCount& tc) {
    double kind = 1.0;
    if (tc.kind == TermKind::kName) kind = options.name_weight;
    if (tc.kind == TermKind::kNumber) kind = options.number_weight;
    const double w = (1.0 + LogOfCount(tc.count)) * df.Idf(tc.term) * kind;
    if (w > 0) v.entries.push_back({tc.term, static_cast<float>(w)});
  };
  constexpr size_t kAhead = 8;
  const TermCount* const terms = bag.terms.data();
  const size_t n = bag.terms.size();
  size_t k = 0;
  if (const DocumentFrequencies::Ahead ahead = df.PrefetchAhead();
      ahead.base != nullptr) {
    for (size_t j = 0; j < std::min(n, kAhead); ++j) {
      ahead.Prefetch(terms[j].term);
    }
    for (; k + kAhead < n; ++k) {
      ahead.Prefetch(terms[k + kAhead].term);
      weigh(terms[k]);
    }
  }
  for (; k < n; ++k) weigh(terms[k]);
  v.Normalize();
  return v;
}

}  // namespace concord::sketch
