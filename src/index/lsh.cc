// LSH banding for MinHash (Indyk & Motwani 1998; the banding construction
// as in Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3.4).
//
// Each signature position of two sets agrees with probability J (minhash.h),
// so all r positions of a band agree with probability J^r, and at least one
// of b bands with 1 − (1 − J^r)^b. Pairs far below the threshold almost never
// share a band and are never looked at; pairs above almost always do.
//
// Storage: a band is hashed (XXH3 of its r values, seeded by the band's
// number, so equal values in different bands do not meet) to a 64-bit key.
// All bands share one open-addressing table, key → newest posting of that
// bucket, and the postings of all buckets live in one array as singly linked
// lists (id, next). An insert therefore appends b postings and, for new keys,
// claims b slots: no allocation per bucket, amortised growth only. Two
// different band contents with the same 64-bit key (probability 2^-64 per
// pair) only add a candidate, which the caller verifies anyway.
//
// A pair of near-duplicates shares many bands (J = 0.8 and r = 3: half of
// them), so one id comes up many times per query. Query drops the repeats
// as it walks, by stamping each id with the query's number (an epoch) in an
// array indexed by id, and sorts only the distinct ids: sorting every
// posting instead took half the time on families of near-duplicates.
//
// Cost: Insert O(b) amortised; Query O(b + postings in the hit buckets) plus
// a sort of the distinct ids found.
//
// Tests: lsh_test.cc — parameter choice, the S-curve measured against
// CandidateProbability, and a differential test on generated documents with
// planted near-duplicates: LSH candidates against exact Jaccard over all
// pairs (recall ≥ 0.95 at J ≥ 0.5; precision reported).
#include "src/index/lsh.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "src/base/hash.h"

namespace concord::index {
namespace {

constexpr uint64_t kBandSeed = 0x6c7368626e64ULL;  // "lshbnd"
constexpr size_t kInitialSlots = 1024;

}  // namespace

double CandidateProbability(double jaccard, const LshParams& params) {
  if (params.bands <= 0 || params.rows <= 0) return 0;
  const double band = std::pow(jaccard, params.rows);
  return 1.0 - std::pow(1.0 - band, params.bands);
}

LshParams ChooseLshParams(double threshold, double recall_at_threshold,
                          int signature_size) {
  LshParams best{signature_size, 1};
  for (int r = 1; r <= signature_size; ++r) {
    const LshParams p{signature_size / r, r};
    if (CandidateProbability(threshold, p) >= recall_at_threshold) best = p;
  }
  return best;
}

LshIndex::LshIndex(const LshOptions& options) {
  if (options.bands > 0 && options.rows > 0 &&
      options.bands * options.rows <= sketch::kMinHashSize) {
    params_ = {options.bands, options.rows};
  } else {
    params_ = ChooseLshParams(options.threshold, options.recall_at_threshold);
  }
  slots_.resize(kInitialSlots);
}

uint64_t LshIndex::BandKey(const sketch::MinHashSignature& signature,
                           int band) const {
  const uint32_t* rows = signature.data() + band * params_.rows;
  const std::string_view bytes(reinterpret_cast<const char*>(rows),
                               params_.rows * sizeof(uint32_t));
  const uint64_t key = Hash64(bytes, kBandSeed + static_cast<uint64_t>(band));
  return key == 0 ? 1 : key;
}

size_t LshIndex::Find(uint64_t key) const {
  const size_t mask = slots_.size() - 1;
  size_t i = static_cast<size_t>(key) & mask;
  while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask;
  return i;
}

void LshIndex::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  for (const Slot& s : old) {
    if (s.key != 0) slots_[Find(s.key)] = s;
  }
}

void LshIndex::Insert(uint32_t id, const sketch::MinHashSignature& signature) {
  if (sketch::IsEmptySignature(signature)) return;
  ++documents_;
  if (id >= seen_.size()) seen_.resize(size_t{id} + 1, 0);
  for (int band = 0; band < params_.bands; ++band) {
    if ((used_slots_ + 1) * 2 > slots_.size()) Grow();
    const uint64_t key = BandKey(signature, band);
    Slot& slot = slots_[Find(key)];
    if (slot.key == 0) {
      slot.key = key;
      slot.head = kNone;
      ++used_slots_;
    }
    postings_.push_back({id, slot.head});
    slot.head = static_cast<uint32_t>(postings_.size() - 1);
  }
}

void LshIndex::Query(const sketch::MinHashSignature& signature,
                     std::vector<uint32_t>* ids) {
  ids->clear();
  if (sketch::IsEmptySignature(signature)) return;
  if (++epoch_ == 0) {  // wrapped: forget every old stamp
    std::fill(seen_.begin(), seen_.end(), 0);
    epoch_ = 1;
  }
  for (int band = 0; band < params_.bands; ++band) {
    const Slot& slot = slots_[Find(BandKey(signature, band))];
    if (slot.key == 0) continue;
    for (uint32_t p = slot.head; p != kNone; p = postings_[p].next) {
      const uint32_t id = postings_[p].id;
      if (seen_[id] != epoch_) {
        seen_[id] = epoch_;
        ids->push_back(id);
      }
    }
  }
  std::sort(ids->begin(), ids->end());
}

}  // namespace concord::index
