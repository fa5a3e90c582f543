#include "src/sketch/tfidf.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

namespace concord::sketch {

namespace {

// 1 + ln tf for the whole counts most terms have, as Weigh() takes it:
// ln in float (std::log of a float is the float logarithm), then 1 added
// in double.
constexpr int kTabulatedCounts = 64;
const std::array<double, kTabulatedCounts>& OnePlusLogOfCounts() {
  static const std::array<double, kTabulatedCounts> table = [] {
    std::array<double, kTabulatedCounts> t{};
    for (int k = 1; k < kTabulatedCounts; ++k) {
      t[k] = 1.0 + std::log(float(k));
    }
    return t;
  }();
  return table;
}

// 1 + ln max(count, 1); `table` is OnePlusLogOfCounts(), read once by the
// caller.
inline double OnePlusLogOfCount(
    float count, const std::array<double, kTabulatedCounts>& table) {
  if (count == 1.0f) return 1.0;  // most terms' (table[1])
  const float c = std::max(count, 1.0f);
  if (c < kTabulatedCounts) {
    const int k = static_cast<int>(c);
    if (static_cast<float>(k) == c) return table[k];
  }
  return 1.0 + std::log(c);
}

}  // namespace

void DocumentFrequencies::Add(const TermBag& bag) {
  idf_by_df_.clear();
  ++documents_;
  const TermCount* const terms = bag.terms.data();
  const size_t n = bag.terms.size();
  // Room for every term of the bag up front (most are in the table
  // already, so this grows at most a bag's worth early): the loop below
  // then keeps the table in locals, with no load check per term.
  while ((used_ + n) * 2 > slots_.size()) Grow();
  Slot* const slots = slots_.data();
  const size_t mask = slots_.size() - 1;
  const int shift = shift_;
  size_t used = used_;
  // Each term's slot is asked for a few terms ahead, as in Weigh().
  constexpr size_t kAhead = 8;
  for (size_t j = 0; j < std::min(n, kAhead); ++j) {
    __builtin_prefetch(&slots[FibonacciSlot(terms[j].term, shift)]);
  }
  for (size_t k = 0; k < n; ++k) {
    if (k + kAhead < n) {
      __builtin_prefetch(&slots[FibonacciSlot(terms[k + kAhead].term, shift)]);
    }
    const uint64_t term = terms[k].term;
    if (term == 0) [[unlikely]] {
      ++zero_count_;
      continue;
    }
    size_t i = FibonacciSlot(term, shift);
    while (slots[i].term != 0 && slots[i].term != term) i = (i + 1) & mask;
    if (slots[i].term == 0) {
      slots[i].term = term;
      ++used;
    }
    ++slots[i].count;
  }
  used_ = used;
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

// The one expression of idf: Weigh() reads it from PrepareIdf()'s table or
// computes it.
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
  const TermCount* const terms = bag.terms.data();
  const size_t n = bag.terms.size();
  // Written through a pointer and cut to size at the end: push_back would
  // reload the vector's end after every store.
  v.entries.resize(n);
  TermWeight* const out = v.entries.data();
  size_t kept = 0;
  // The same products as (1 + ln tf) * idf * kind term by term, with the
  // kind's weight from a table ([kWord] is 1.0).
  const double kind_weight[3] = {1.0, options.name_weight,
                                 options.number_weight};
  static_assert(static_cast<int>(TermKind::kWord) == 0 &&
                static_cast<int>(TermKind::kName) == 1 &&
                static_cast<int>(TermKind::kNumber) == 2);
  const std::array<double, kTabulatedCounts>& tf = OnePlusLogOfCounts();
  const double* const idf_table = df.idf_by_df_.data();
  const size_t idf_tabulated = df.idf_by_df_.size();
  // The table of df, read directly (null when it has no slots: then every
  // df but term 0's is 0). Each term's slot is asked for a few terms
  // ahead: a cache miss in a large table, which then overlaps with the
  // weighing of others.
  const DocumentFrequencies::Slot* const slots =
      df.slots_.empty() ? nullptr : df.slots_.data();
  const size_t mask = df.slots_.size() - 1;
  const int shift = df.shift_;
  constexpr size_t kAhead = 8;
  if (slots != nullptr) {
    for (size_t j = 0; j < std::min(n, kAhead); ++j) {
      __builtin_prefetch(&slots[FibonacciSlot(terms[j].term, shift)]);
    }
  }
  // Normalize()'s sum of squares, accumulated in the same order.
  double squares = 0;
  for (size_t k = 0; k < n; ++k) {
    const TermCount& tc = terms[k];
    uint32_t d = 0;
    if (tc.term == 0) [[unlikely]] {
      d = df.zero_count_;
    } else if (slots != nullptr) [[likely]] {
      if (k + kAhead < n) {
        __builtin_prefetch(
            &slots[FibonacciSlot(terms[k + kAhead].term, shift)]);
      }
      for (size_t i = FibonacciSlot(tc.term, shift);; i = (i + 1) & mask) {
        if (slots[i].term == tc.term) {
          d = slots[i].count;
          break;
        }
        if (slots[i].term == 0) break;
      }
    }
    d = std::max<uint32_t>(d, 1);
    const double idf = d < idf_tabulated ? idf_table[d] : df.IdfOf(d);
    const double w = OnePlusLogOfCount(tc.count, tf) * idf *
                     kind_weight[static_cast<int>(tc.kind)];
    if (w > 0) {
      const float f = static_cast<float>(w);
      out[kept++] = TermWeight{tc.term, f};
      squares += double(f) * f;
    }
  }
  v.entries.resize(kept);
  // As Normalize(), whose Norm() is the square root of `squares`.
  const double norm = std::sqrt(squares);
  if (!(norm <= 0)) {
    for (size_t j = 0; j < kept; ++j) {
      out[j].weight = static_cast<float>(out[j].weight / norm);
    }
  }
  return v;
}

}  // namespace concord::sketch
