// SparseVector: a term-weight vector sorted by term id, the currency of
// topical similarity between articles and stories.
//
// Values; thread-compatible. Dot() is a merge over two sorted arrays, O(a+b).
#ifndef CONCORD_SKETCH_SPARSE_VECTOR_H_
#define CONCORD_SKETCH_SPARSE_VECTOR_H_

#include <cstddef>
#include <cstdint>
#include <vector>

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

// Indexes of the k largest weights, largest first; ties by term id.
std::vector<uint32_t> TopEntries(const SparseVector& v, size_t k);

}  // namespace concord::sketch

#endif  // CONCORD_SKETCH_SPARSE_VECTOR_H_
