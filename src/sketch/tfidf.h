// TF-IDF weighting of term bags into unit vectors.
//
// weight(t) = (1 + ln tf) · idf(t) · kind weight, then L2-normalised; with
// idf(t) = ln(1 + N / df(t)), a smoothed inverse document frequency that
// stays positive for terms every document has (small batches such as five
// versions of one story share most of their vocabulary, and a plain
// ln(N/df) would zero it). Salton & Buckley 1988 for the sublinear tf.
//
// DocumentFrequencies is not thread-safe for Add() or PrepareIdf(); reads
// are safe once those are over. Cost: O(terms) per document.
#ifndef CONCORD_SKETCH_TFIDF_H_
#define CONCORD_SKETCH_TFIDF_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "concord/options.h"
#include "src/base/u64_set.h"
#include "src/sketch/features.h"
#include "src/sketch/sparse_vector.h"

namespace concord::sketch {

class DocumentFrequencies {
 public:
  // Counts each term of `bag` once.
  void Add(const TermBag& bag);
  uint32_t documents() const { return documents_; }
  uint32_t df(uint64_t term) const;
  // Tabulates idf (IdfOf) for the small document frequencies (most
  // terms'), saving a logarithm per term of every vector weighed; the table
  // holds exactly the values IdfOf() computes. Call after the last Add()
  // (which drops the table).
  void PrepareIdf();

 private:
  // Weigh() reads the table directly: one document frequency per term of
  // every vector, without df()'s per-call checks of an empty table.
  friend SparseVector Weigh(const TermBag& bag, const DocumentFrequencies& df,
                            const FeatureOptions& options);

  // The counts in one flat table: open addressing with linear probing, a
  // power of two of slots at most half full, term 0 marking an empty slot
  // (its own count is kept apart). Every term of every article is counted
  // and looked up once: a node-based map cost a cache miss or two each.
  struct Slot {
    uint64_t term = 0;
    uint32_t count = 0;
  };
  size_t SlotOf(uint64_t term) const {
    return FibonacciSlot(term, shift_);
  }
  void Grow();
  // ln(1 + N / d) for d >= 1, as PrepareIdf() tabulates it.
  double IdfOf(uint32_t d) const;

  uint32_t documents_ = 0;
  std::vector<Slot> slots_;
  size_t used_ = 0;
  int shift_ = 64;
  uint32_t zero_count_ = 0;        // df of term 0
  std::vector<double> idf_by_df_;  // [d]: IdfOf(d)
};

SparseVector Weigh(const TermBag& bag, const DocumentFrequencies& df,
                   const FeatureOptions& options);

}  // namespace concord::sketch

#endif  // CONCORD_SKETCH_TFIDF_H_
