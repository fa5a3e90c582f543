#include "src/sketch/sparse_vector.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

namespace concord::sketch {

double SparseVector::Norm() const {
  double s = 0;
  for (const TermWeight& e : entries) s += double(e.weight) * e.weight;
  return std::sqrt(s);
}

void SparseVector::Normalize() {
  const double n = Norm();
  if (n <= 0) return;
  for (TermWeight& e : entries) e.weight = static_cast<float>(e.weight / n);
}

double Dot(const SparseVector& a, const SparseVector& b) {
  double s = 0;
  auto i = a.entries.begin(), ie = a.entries.end();
  auto j = b.entries.begin(), je = b.entries.end();
  while (i != ie && j != je) {
    if (i->term < j->term) {
      ++i;
    } else if (j->term < i->term) {
      ++j;
    } else {
      s += double(i->weight) * j->weight;
      ++i;
      ++j;
    }
  }
  return s;
}

void TermTable::Assign(const SparseVector& v) {
  // Load at most 1/4 (a miss then ends at the first or second slot). The
  // table only grows: clearing the slots the last vector used is cheaper
  // than clearing the table, and weights are read only where a key
  // matches, so they are never cleared.
  size_t capacity = 16;
  while (capacity < v.entries.size() * 4) capacity <<= 1;
  if (capacity > keys_.size()) {
    keys_.assign(capacity, 0);
    weights_.resize(capacity);
  } else {
    for (uint32_t slot : used_) keys_[slot] = 0;
  }
  used_.clear();
  mask_ = keys_.size() - 1;
  shift_ = 64 - std::countr_zero(keys_.size());
  zero_weight_ = 0;
  for (const TermWeight& e : v.entries) {
    if (e.term == 0) {
      zero_weight_ = e.weight;
      continue;
    }
    uint64_t i = Home(e.term, shift_);
    while (keys_[i] != 0) i = (i + 1) & mask_;
    keys_[i] = e.term;
    weights_[i] = e.weight;
    used_.push_back(static_cast<uint32_t>(i));
  }
}

double TermTable::Dot(const SparseVector& other) const {
  if (keys_.empty()) return 0;
  // The products are added in the order of `other`'s entries (by term), as
  // the sorted-merge Dot() adds them, so both give the same double. Term 0
  // sorts first.
  const TermWeight* e = other.entries.data();
  const TermWeight* const end = e + other.entries.size();
  double s = 0;
  if (e != end && e->term == 0) {
    s += double(zero_weight_) * e->weight;
    ++e;
  }
  // Locals: through the members the compiler reloads them every entry.
  const uint64_t* const keys = keys_.data();
  const float* const weights = weights_.data();
  const uint64_t mask = mask_;
  const int shift = shift_;
  // Whether a term is in the table is a coin toss when scoring a story's
  // centroid against an article, so a branch on it would mispredict half
  // the time; and adding every product (zero on a miss) in order makes one
  // chain of dependent additions as long as `other`. So a block of entries
  // is probed first, the products of the hits written one after another
  // into a buffer (each entry writes its slot, which only a hit keeps),
  // and then the hits alone are added, in order: the same sum, as adding
  // +0 leaves a non-negative sum as it is (every weight is positive).
  double hits[kBlock];
  while (e != end) {
    const TermWeight* const block_end =
        e + std::min<size_t>(kBlock, static_cast<size_t>(end - e));
    PrefetchBlock(block_end, end);
    size_t n = 0;
    for (; e != block_end; ++e) {
      const uint64_t term = e->term;
      uint64_t i = Home(term, shift);
      uint64_t k = keys[i];
      // One branch, taken only at a slot of another term (load <= 1/4).
      // The empty asm makes the compiler compute the condition as a value:
      // left to itself it splits it back into a test of k == 0 and one of
      // k == term, the coin toss again. (Checking the next slot as well,
      // without a branch, left the time as it was for 60 % more
      // instructions.)
      uint32_t other =
          static_cast<uint32_t>(k != term) & static_cast<uint32_t>(k != 0);
      asm("" : "+r"(other));
      if (other != 0) {
        do {
          i = (i + 1) & mask;
          k = keys[i];
        } while (k != term && k != 0);
      }
      hits[n] = double(weights[i]) * e->weight;
      n += static_cast<size_t>(k == term);
    }
    for (size_t h = 0; h < n; ++h) s += hits[h];
  }
  return s;
}

std::vector<uint32_t> TopEntries(const SparseVector& v, size_t k) {
  std::vector<uint32_t> out;
  std::vector<uint64_t> keys;
  TopEntriesInto(v, k, &out, &keys);
  return out;
}

void TopEntriesInto(const SparseVector& v, size_t k, std::vector<uint32_t>* out,
                    std::vector<uint64_t>* keys) {
  // Entries are sorted by term, so "ties by term" is "ties by index": one
  // integer per entry orders by weight, then index, and the selection
  // compares integers instead of two weights and two terms through indexes.
  const size_t n = v.entries.size();
  constexpr size_t kFew = 64;
  if (k == 0) {
    out->clear();
    return;
  }
  if (k < n && k <= kFew) {
    // Few of many (the clusterer's query terms): the best k so far kept
    // sorted, a key inserted only when it beats the k-th; after the first
    // few dozen entries nearly every key is turned away by one compare,
    // where a selection would partition on unpredictable compares.
    uint64_t best[kFew];
    size_t m = 0;
    for (size_t i = 0; i < n; ++i) {
      const uint64_t key = uint64_t{HeavierFirst(v.entries[i].weight)} << 32 | i;
      if (m == k) {
        if (key >= best[k - 1]) continue;
        --m;  // the k-th makes way
      }
      size_t j = m++;
      for (; j > 0 && best[j - 1] > key; --j) best[j] = best[j - 1];
      best[j] = key;
    }
    out->resize(k);
    for (size_t i = 0; i < k; ++i) (*out)[i] = static_cast<uint32_t>(best[i]);
    return;
  }
  keys->resize(n);
  for (size_t i = 0; i < n; ++i) {
    (*keys)[i] = uint64_t{HeavierFirst(v.entries[i].weight)} << 32 | i;
  }
  if (k < n) {
    std::nth_element(keys->begin(), keys->begin() + k, keys->end());
    keys->resize(k);
  }
  std::sort(keys->begin(), keys->end());
  out->resize(keys->size());
  for (size_t i = 0; i < keys->size(); ++i) {
    (*out)[i] = static_cast<uint32_t>((*keys)[i]);
  }
}

}  // namespace concord::sketch
