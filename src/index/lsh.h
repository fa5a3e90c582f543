// LshIndex: locality-sensitive hashing over MinHash signatures, to find the
// documents whose Jaccard similarity to a query is likely above a threshold
// without comparing the query against every document.
//
//   LshIndex index({.threshold = 0.5});
//   index.Insert(7, signature_of_doc_7);
//   std::vector<uint32_t> ids;
//   index.Query(signature, &ids);   // candidates: verify them before use
//
// Banding: the 128 signature positions are cut into b bands of r rows; a
// document is a candidate for a query when all r rows of at least one band
// are equal, which for Jaccard s happens with probability
//     P(s) = 1 − (1 − s^r)^b,
// an S-curve that rises steeply around (1/b)^(1/r). ChooseLshParams picks the
// most selective split (the largest r, with b = ⌊128 / r⌋) whose P at the
// threshold still reaches `recall_at_threshold`: for threshold 0.5 that is
// b = 42, r = 3 (P(0.5) = 0.996, P(0.3) = 0.68, P(0.1) = 0.04); the textbook
// b = 32, r = 4 would miss 13% of pairs at exactly 0.5.
// Candidates are a superset to be verified (EstimateJaccard or exactly); the
// differential test in lsh_test.cc holds recall to ≥ 0.95 against exact
// Jaccard over all pairs.
//
// Ownership and threads: the index owns its tables; the caller's signatures
// are not kept. Not thread-safe, not even for Query alone (it marks the ids
// it has seen in the index's scratch): use one index from one thread at a
// time.
// Cost: Insert and Query hash b bands (r·4 bytes each; an Insert of the
// signature just queried reuses the Query's hashes) and probe one
// open-addressing table, all b probes prefetched together; Query also reads
// every posting of the buckets it hits (one compare each; near-duplicate
// families make that the dominant cost) and sorts the distinct ids it found.
// Memory: the table (16 bytes per distinct band key, at most half full, and at
// least an eighth full up to 2^20 slots where it grows fourfold, a quarter
// beyond; a bucket's first id lives in its slot), 64 bytes per 14 further ids
// of a bucket (at most 64 bytes per posting, ~4.6 in long buckets), a 4-byte
// stamp per id up to the largest id inserted, and Query's scratch (its ids
// found, and a bitmap over their range when that is small).
#ifndef CONCORD_INDEX_LSH_H_
#define CONCORD_INDEX_LSH_H_

#include <array>
#include <cstdint>
#include <vector>

#include "src/sketch/minhash.h"

namespace concord::index {

struct LshParams {
  int bands = 0;  // b
  int rows = 0;   // r; b · r ≤ kMinHashSize
};

struct LshOptions {
  // Jaccard similarity at which pairs should become candidates.
  // REQUIRES: 0 < threshold <= 1.
  double threshold = 0.5;
  // Candidate probability wanted for a pair exactly at the threshold (pairs
  // above it do better). Higher means more candidates below the threshold.
  double recall_at_threshold = 0.95;
  // Explicit banding; when both are > 0 they override the choice above.
  // REQUIRES: bands · rows <= kMinHashSize when set.
  int bands = 0;
  int rows = 0;
};

// The largest r (b = ⌊K / r⌋) with P(threshold) ≥ recall_at_threshold;
// r = 1, b = K when even that falls short (thresholds below ~0.03).
LshParams ChooseLshParams(double threshold, double recall_at_threshold,
                          int signature_size = sketch::kMinHashSize);

// P(s) = 1 − (1 − s^r)^b: the chance that a pair with Jaccard s (and
// independent signature positions) shares at least one band.
double CandidateProbability(double jaccard, const LshParams& params);

class LshIndex {
 public:
  explicit LshIndex(const LshOptions& options = {});
  LshIndex(const LshIndex&) = delete;
  LshIndex& operator=(const LshIndex&) = delete;
  LshIndex(LshIndex&&) = default;
  LshIndex& operator=(LshIndex&&) = default;

  // Adds document `id`. Ids should be dense (0, 1, 2, …): the index keeps a
  // stamp per id up to the largest. Inserting one id twice lists it twice in
  // buckets, but Query still reports it once. The empty set's signature is
  // ignored: it is nobody's near-duplicate.
  // REQUIRES: id < 2^31.
  void Insert(uint32_t id, const sketch::MinHashSignature& signature);

  // Replaces *ids with the documents sharing at least one band with
  // `signature`, each once, in ascending order.
  // REQUIRES: ids != nullptr.
  void Query(const sketch::MinHashSignature& signature,
             std::vector<uint32_t>* ids);

  const LshParams& params() const { return params_; }
  size_t documents() const { return documents_; }

 private:
  // A bucket: its key, its first (oldest) id inline, and the rest in an
  // unrolled list of chunks, newest chunk first.
  struct Slot {
    uint64_t key = 0;     // 0 = empty
    uint32_t first = 0;   // the id inserted first
    uint32_t chunk = 0;   // index into chunks_ of the newest chunk, or kNone
  };
  // A chunk is one cache line: a query walking a family's bucket meets a
  // miss per chunk (the chunks of one bucket are inserted at different
  // times, so they lie apart), and 6-id chunks in 32 bytes took twice the
  // misses and twice the per-chunk work for the same ids.
  static constexpr int kChunkIds = 14;
  struct alignas(64) Chunk {     // 64 bytes: one cache line
    uint32_t next = 0;           // the next (older) chunk, or kNone
    uint32_t count = 0;          // ids used, 1..kChunkIds
    uint32_t ids[kChunkIds] = {};
  };
  static constexpr uint32_t kNone = 0xFFFFFFFFu;

  // The b band keys of `signature`, and a prefetch of each key's home slot.
  // Remembers the last signature: Insert right after Query of the same
  // signature (the dedup loop) reuses its keys, and their prefetches when
  // the table has not grown in between.
  const uint64_t* BandKeys(const sketch::MinHashSignature& signature);
  // Slot of `key`: its own, or the empty slot where it would go.
  size_t Find(uint64_t key) const;
  // Replaces *ids with the `count` distinct ids of found[] in ascending
  // order: through a bitmap when they lie within 256 · count of each
  // other, by std::sort otherwise.
  void SortIds(const uint32_t* found, size_t count, std::vector<uint32_t>* ids);
  void Grow();

  LshParams params_;
  std::vector<Slot> slots_;  // open addressing, linear probing, power of 2
  size_t used_slots_ = 0;
  std::vector<Chunk> chunks_;
  size_t documents_ = 0;
  // Query's scratch: seen_[id] == epoch_ once `id` is in this query's result.
  std::vector<uint32_t> seen_;
  uint32_t epoch_ = 0;
  std::vector<uint32_t> found_;  // Query's scratch: the distinct ids found
  std::vector<uint64_t> bitmap_;  // SortIds' scratch
  // BandKeys' scratch: keys_[band] for keys_signature_ when keys_valid_.
  std::array<uint64_t, sketch::kMinHashSize> keys_{};
  std::array<uint32_t, sketch::kMinHashSize> heads_{};  // Query's scratch
  sketch::MinHashSignature keys_signature_{};
  bool keys_valid_ = false;
  // slots_.size() when BandKeys last prefetched the home slots of keys_.
  size_t prefetched_slots_ = 0;
};

}  // namespace concord::index

#endif  // CONCORD_INDEX_LSH_H_
