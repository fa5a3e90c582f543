// SparseVector: a term-weight vector sorted by term id, the currency of
// topical similarity between articles and stories.
//
// Values; thread-compatible. Dot() is a merge over two sorted arrays, O(a+b).
#ifndef CONCORD_SKETCH_SPARSE_VECTOR_H_
#define CONCORD_SKETCH_SPARSE_VECTOR_H_

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "src/base/u64_set.h"

namespace concord::sketch {

struct TermWeight {
  uint64_t term = 0;
  float weight = 0;
};

struct SparseVector {
  std::vector<TermWeight> entries;  // sorted by term, unique

  bool empty() const { return entries.empty(); }
  // Scales to unit L2 norm (no-op on the zero vector).
  void Normalize();
  double Norm() const;
};

double Dot(const SparseVector& a, const SparseVector& b);

// One vector's terms in an open-addressing hash table, for scoring it against
// many others: Dot() then costs one probe per entry of the other vector,
// without the unpredictable branches of a sorted merge. Reuses its memory
// across Assign() calls. A term's home slot is taken from the top bits of
// the term times an odd constant, so that any bits of the term count.
class TermTable {
 public:
  void Assign(const SparseVector& v);
  double Dot(const SparseVector& other) const;
  // Dot(), or -infinity once the product is proven below `floor`:
  // `other_norm` is other's L2 norm (as SparseVector::Norm() gives it), and
  // after each block the products still to come are bounded by Cauchy-
  // Schwarz, |rest| <= (norm of this vector's terms above the block's last
  // term) * (norm of other's entries still to come), with a relative
  // margin of 1e-6 that covers rounding. When it returns a number, that is
  // Dot()'s double exactly. For a caller that only wants the best of many
  // products and those reaching a threshold.
  double Dot(const SparseVector& other, double other_norm, double floor) const;
  // Dot() reads the other vector a block at a time, asking the cache for
  // the next block as it starts one; this asks for the block at [e, end),
  // e.g. the first of a vector to be scored next.
  static constexpr size_t kBlock = 64;  // entries
  static void PrefetchBlock(const TermWeight* e, const TermWeight* end) {
    const char* p = reinterpret_cast<const char*>(e);
    const char* const stop = reinterpret_cast<const char*>(
        e + std::min<size_t>(kBlock, static_cast<size_t>(end - e)));
    for (; p < stop; p += 64) __builtin_prefetch(p);
  }

 private:
  // Linear probing, with a mark for each slot that some term homed there
  // was placed further on: a term found neither in its home slot nor
  // marked there is absent, so a probe reads one slot (key and weight in
  // one cache line) and one mark unless the mark sends it on.
  struct Slot {
    uint64_t key = 0;   // 0 marks an empty slot
    double weight = 0;  // valid where key is set
  };
  // The slot of `term` at or after `s` (its home), else the empty slot
  // that ends the run.
  const Slot* Probe(uint64_t term, const Slot* s) const;

  std::vector<Slot> slots_;
  // Per slot: 1 when a term homed there lies further on.
  std::vector<uint8_t> displaced_;
  std::vector<uint32_t> used_;  // slots set by the last Assign()
  // The vector's terms in order, and the sums of squares of its weights
  // from each index to the end (one more, 0, at the end).
  std::vector<uint64_t> terms_;
  std::vector<double> squares_after_;
  uint64_t mask_ = 0;
  int shift_ = 64;              // 64 - log2(slots)
  static uint64_t Home(uint64_t term, int shift) {
    return FibonacciSlot(term, shift);
  }
  float zero_weight_ = 0;       // weight of term 0, which cannot be a key
};

// Indexes of the k largest weights, largest first; ties by term id.
std::vector<uint32_t> TopEntries(const SparseVector& v, size_t k);
// TopEntries() into *out, with `keys` as scratch (both reused by a caller
// that asks for every article).
void TopEntriesInto(const SparseVector& v, size_t k, std::vector<uint32_t>* out,
                    std::vector<uint64_t>* keys);

// A key whose integer order is "heavier first": for weights a and b (not
// NaN), a > b iff HeavierFirst(a) < HeavierFirst(b), and equal weights (0
// and -0 too) give equal keys. With an index below it, one integer compare
// orders by weight, then index: (HeavierFirst(w) << 32 | index).
inline uint32_t HeavierFirst(float w) {
  uint32_t bits = std::bit_cast<uint32_t>(w);
  if (bits == 0x80000000u) bits = 0;  // -0 as +0
  // Order-preserving as unsigned: negative floats reversed, below the
  // positive ones; then inverted for descending order. Both steps at once,
  // without a branch on the sign: a negative float's bits stay as they are
  // (reversed, then inverted), a positive one's low 31 bits are inverted.
  const uint32_t negative =
      static_cast<uint32_t>(static_cast<int32_t>(bits) >> 31);
  return bits ^ (~negative >> 1);
}

}  // namespace concord::sketch

#endif  // CONCORD_SKETCH_SPARSE_VECTOR_H_
