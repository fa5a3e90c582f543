#include "src/sketch/sparse_vector.h"

#include <algorithm>
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

std::vector<uint32_t> TopEntries(const SparseVector& v, size_t k) {
  std::vector<uint32_t> idx(v.entries.size());
  std::iota(idx.begin(), idx.end(), 0u);
  auto better = [&v](uint32_t x, uint32_t y) {
    const TermWeight& a = v.entries[x];
    const TermWeight& b = v.entries[y];
    return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
  };
  if (k < idx.size()) {
    std::partial_sort(idx.begin(), idx.begin() + k, idx.end(), better);
    idx.resize(k);
  } else {
    std::sort(idx.begin(), idx.end(), better);
  }
  return idx;
}

}  // namespace concord::sketch
