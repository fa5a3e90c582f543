#include "src/sketch/sparse_vector.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
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
  // Load at most 1/4 (few terms then share a home slot, so few probes go
  // past it). The buffers only grow, but a vector uses only as many slots
  // as it needs (one long vector leaves the later ones their compact
  // tables). Clearing the slots the last vector used is cheaper than
  // clearing the table (a mark is only ever set on a used slot), and
  // weights are read only where a key matches, so they are never cleared.
  size_t capacity = 16;
  while (capacity < v.entries.size() * 4) capacity <<= 1;
  if (capacity > slots_.size()) {
    slots_.assign(capacity, Slot{});
    displaced_.assign(capacity, 0);
  } else {
    for (uint32_t slot : used_) {
      slots_[slot].key = 0;
      displaced_[slot] = 0;
    }
  }
  used_.resize(v.entries.size());
  uint32_t* used = used_.data();
  Slot* const slots = slots_.data();
  uint8_t* const displaced = displaced_.data();
  const uint64_t mask = capacity - 1;
  const int shift = 64 - std::countr_zero(capacity);
  mask_ = mask;
  shift_ = shift;
  zero_weight_ = 0;
  for (const TermWeight& e : v.entries) {
    if (e.term == 0) {
      zero_weight_ = e.weight;
      continue;
    }
    uint64_t i = Home(e.term, shift);
    if (slots[i].key != 0) {
      displaced[i] = 1;
      do {
        i = (i + 1) & mask;
      } while (slots[i].key != 0);
    }
    slots[i].key = e.term;
    slots[i].weight = e.weight;
    *used++ = static_cast<uint32_t>(i);
  }
  used_.resize(static_cast<size_t>(used - used_.data()));
  const size_t n = v.entries.size();
  terms_.resize(n);
  squares_after_.resize(n + 1);
  double squares = 0;
  squares_after_[n] = 0;
  for (size_t k = n; k-- > 0;) {
    const TermWeight& e = v.entries[k];
    terms_[k] = e.term;
    squares += double(e.weight) * e.weight;
    squares_after_[k] = squares;
  }
}

const TermTable::Slot* TermTable::Probe(uint64_t term, const Slot* s) const {
  const Slot* const slots = slots_.data();
  uint64_t i = static_cast<uint64_t>(s - slots);
  while (slots[i].key != term && slots[i].key != 0) i = (i + 1) & mask_;
  return &slots[i];
}

double TermTable::Dot(const SparseVector& other) const {
  return Dot(other, 0, -std::numeric_limits<double>::infinity());
}

double TermTable::Dot(const SparseVector& other, double other_norm,
                      double floor) const {
  if (slots_.empty()) return 0;
  const bool bounded = floor > -std::numeric_limits<double>::infinity();
  // What rounding may hide of the squares of `other` still to come: its
  // norm squared less those seen so far, added up in another order.
  const double rest_slack = 1e-9 * other_norm * other_norm;
  double other_squares = 0;
  // The products are added in the order of `other`'s entries (by term), as
  // the sorted-merge Dot() adds them, so both give the same double. Term 0
  // sorts first.
  const TermWeight* e = other.entries.data();
  const TermWeight* const end = e + other.entries.size();
  double s = 0;
  if (e != end && e->term == 0) {
    s += double(zero_weight_) * e->weight;
    other_squares += double(e->weight) * e->weight;
    ++e;
  }
  // Locals: through the members the compiler reloads them every entry.
  const Slot* const slots = slots_.data();
  const uint8_t* const displaced = displaced_.data();
  const int shift = shift_;
  // Whether a term is in the table is a coin toss when scoring a story's
  // centroid against an article, so a branch on it would mispredict half
  // the time; and adding every product (zero on a miss) in order makes one
  // chain of dependent additions as long as `other`. So a block of entries
  // is probed first, the products of the hits written one after another
  // into a buffer (each entry writes its slot, which only a hit keeps),
  // and then the hits alone are added, in order: the same sum.
  //
  // A version with AVX2, four probes a step (homes by vector multiplies,
  // slots by gathers or by plain loads, hits compressed in order through a
  // table of lane permutations), halved the instructions but took 5 %
  // more CPU time than this loop in a replay of the clusterer on 3k
  // articles: the time goes to the centroids, not to the probes.
  double hits[kBlock];
  while (e != end) {
    const TermWeight* const block_end =
        e + std::min<size_t>(kBlock, static_cast<size_t>(end - e));
    PrefetchBlock(block_end, end);
    const TermWeight* const block = e;
    size_t n = 0;
    for (; e != block_end; ++e) {
      const uint64_t term = e->term;
      const uint64_t home = Home(term, shift);
      const Slot* slot = &slots[home];
      uint32_t hit = slot->key == term;
      // One branch, taken only when the home slot holds another term and
      // is marked. The empty asm makes the compiler compute the condition
      // as a value: left to itself it splits it back into a test of the
      // key (the coin toss again) and one of the mark.
      uint32_t further = (hit ^ 1) & displaced[home];
      asm("" : "+r"(further));
      if (further != 0) [[unlikely]] {
        slot = Probe(term, slot);
        hit = slot->key == term;
      }
      hits[n] = slot->weight * e->weight;
      n += hit;
    }
    for (size_t h = 0; h < n; ++h) s += hits[h];
    if (bounded && e != end) {
      // The rest of the sum pairs this vector's terms above the block's
      // last with other's entries after the block, so Cauchy-Schwarz
      // bounds it by the product of their norms. (Four sums, so that the
      // additions do not wait on one another; the order does not matter
      // to a bound with slack.)
      double squares[4] = {0, 0, 0, 0};
      for (const TermWeight* q = block; q != e; ++q) {
        squares[(q - block) & 3] += double(q->weight) * q->weight;
      }
      other_squares += (squares[0] + squares[1]) + (squares[2] + squares[3]);
      const double other_rest =
          std::max(0.0, other_norm * other_norm - other_squares) + rest_slack;
      const size_t after = static_cast<size_t>(
          std::upper_bound(terms_.begin(), terms_.end(), e[-1].term) -
          terms_.begin());
      const double rest = std::sqrt(squares_after_[after] * other_rest);
      if (s + rest + 1e-6 * (std::abs(s) + rest) < floor) {
        return -std::numeric_limits<double>::infinity();
      }
    }
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
    // where a selection would partition on unpredictable compares. (A heap
    // of the best k, the worst on top, took a third fewer instructions but
    // more time: its sifting branches are coin tosses.)
    //
    // The turning away compares weights, not keys: an entry no heavier
    // than the k-th (as floats) has a larger key (HeavierFirst reverses the
    // order of weights, and its index is larger), so it cannot enter. A
    // NaN on either side fails the float compare and takes the exact way
    // through keys.
    uint64_t best[kFew];
    const TermWeight* const entries = v.entries.data();
    auto key_of = [entries](size_t i) {
      return uint64_t{HeavierFirst(entries[i].weight)} << 32 | i;
    };
    // Inserts `key` into best[0, m), sorted (best[m] is free).
    auto insert = [&best](uint64_t key, size_t m) {
      size_t j = m;
      for (; j > 0 && best[j - 1] > key; --j) best[j] = best[j - 1];
      best[j] = key;
    };
    for (size_t i = 0; i < k; ++i) insert(key_of(i), i);
    float kth = entries[static_cast<uint32_t>(best[k - 1])].weight;
    const TermWeight* const end = entries + n;
    for (const TermWeight* e = entries + k; e != end; ++e) {
      if (e->weight <= kth) continue;
      const uint64_t key = key_of(static_cast<size_t>(e - entries));
      if (key >= best[k - 1]) continue;
      insert(key, k - 1);  // the k-th makes way
      kth = entries[static_cast<uint32_t>(best[k - 1])].weight;
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
