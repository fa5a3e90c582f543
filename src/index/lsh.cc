// LSH banding for MinHash (Indyk & Motwani 1998; the banding construction
// as in Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3.4).
//
// Each signature position of two sets agrees with probability J (minhash.h),
// so all r positions of a band agree with probability J^r, and at least one
// of b bands with 1 − (1 − J^r)^b. Pairs far below the threshold almost never
// share a band and are never looked at; pairs above almost always do.
//
// Storage: a band is hashed (its r values folded two at a time by a
// multiply and a shift into a state that starts from the band's number, so
// equal values in different bands do not meet, then a folded multiply)
// to a 64-bit key.
// All bands share one open-addressing table, key → bucket. Most buckets
// hold one document, so a slot keeps its bucket's first id itself (in what
// would be padding); further ids go to an unrolled linked list of 14-id
// chunks, all chunks of all buckets in one array. An insert therefore
// claims at most b slots and b chunks: no allocation per bucket, amortised
// growth only. (A list of single postings, which this replaced, cost a
// cache miss per id when a query walked a family of near-duplicates.) Two
// different band contents with the same 64-bit key (probability 2^-64 per
// pair) only add a candidate, which the caller verifies anyway.
//
// A pair of near-duplicates shares many bands (J = 0.8 and r = 3: half of
// them), so one id comes up many times per query. Query drops the repeats
// as it walks, by stamping each id with the query's number (an epoch) in an
// array indexed by id, and sorts only the distinct ids: sorting every
// posting instead took half the time on families of near-duplicates.
//
// Speed. The table outgrows the cache of a core at a few thousand
// documents, so each of the b probes is a likely cache miss, and so is the
// first posting of each hit bucket. Insert and Query therefore hash all b
// bands first and prefetch every home slot, then probe (the misses overlap
// instead of queueing); Query also collects the b bucket heads and
// prefetches their first postings before it walks any list. The band keys
// of the last signature are kept, so the Insert that follows a Query of the
// same document (the dedup loop) does not hash again. Query writes every
// posting it walks to a scratch list and advances past it only when the id
// is new (no branch on that coin flip), then sorts them through a bitmap
// when they lie close together (a family inserted over a short stretch of
// ids), and Grow prefetches the new home
// slots of the keys it is about to move. None of this changes which ids a
// Query returns.
//
// Cost: Insert O(b) amortised; Query O(b + postings in the hit buckets) plus
// a sort of the distinct ids found (or a bitmap over their range when that
// is under 256 ids per id found).
//
// Tests: lsh_test.cc — parameter choice, the S-curve measured against
// CandidateProbability, and a differential test on generated documents with
// planted near-duplicates: LSH candidates against exact Jaccard over all
// pairs (recall ≥ 0.95 at J ≥ 0.5; precision reported).
#include "src/index/lsh.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

#include "src/base/hash.h"

namespace concord::index {
namespace {

constexpr uint64_t kBandSeed = 0x6c7368626e64ULL;  // "lshbnd"
// Odd multipliers for the band key (the golden ratio's digits and two of
// xxHash's primes); kBandStep separates the bands' starting states.
constexpr uint64_t kBandStep = 0x9E3779B97F4A7C15ULL;
constexpr uint64_t kBandMul = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t kBandMulOdd = 0x165667B19E3779F9ULL;
constexpr uint64_t kBandFold = 0xFF51AFD7ED558CCDULL;  // murmur's first
constexpr size_t kInitialSlots = 1024;
constexpr size_t kQuadrupleBelow = size_t{1} << 20;

// The key of one band: its r rows two at a time as one 64-bit value (an
// odd last row alone), each folded in by a multiply and a shift, then a
// folded multiply: under a third of the instructions of XXH3 over 12 bytes.
// Each step is a bijection of the state for a given input, and the
// finaliser spreads every input bit over the low bits that pick the home
// slot. Never 0 (the empty slot's key).
[[gnu::always_inline]] inline uint64_t BandKey(const uint32_t* rows, int r,
                                               int band) {
  uint64_t h = kBandSeed + static_cast<uint64_t>(band) * kBandStep;
  int i = 0;
  for (; i + 2 <= r; i += 2) {
    h = (h ^ (uint64_t{rows[i]} | uint64_t{rows[i + 1]} << 32)) * kBandMul;
    h ^= h >> 32;
  }
  if (i < r) {
    h = (h ^ rows[i]) * kBandMulOdd;
    h ^= h >> 32;
  }
  // Finalised by a folded multiply (both halves of the 128-bit product
  // by an odd constant, xored: every input bit reaches every output bit)
  // in one multiply where the murmur finaliser took two and three
  // shift-xors.
  const unsigned __int128 product =
      static_cast<unsigned __int128>(h ^ static_cast<uint64_t>(r)) *
      kBandFold;
  const uint64_t key =
      static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
  return key == 0 ? 1 : key;
}

// BandKey of every band, for a row count known when compiling, and a
// prefetch of each key's home slot in `slots` (16-byte slots, `mask` + 1
// of them) as soon as the key is known.
template <int kRows>
void FixedRowKeys(const uint32_t* signature, int bands, uint64_t* keys,
                  const char* slots, size_t mask) {
  for (int band = 0; band < bands; ++band) {
    const uint64_t key = BandKey(signature + band * kRows, kRows, band);
    keys[band] = key;
    __builtin_prefetch(slots + 16 * (static_cast<size_t>(key) & mask));
  }
}

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

const uint64_t* LshIndex::BandKeys(const sketch::MinHashSignature& signature) {
  if (!keys_valid_ ||
      std::memcmp(keys_signature_.data(), signature.data(),
                  sizeof(signature)) != 0) {
    // The usual row counts get a loop the compiler unrolls (the split is
    // fixed per index, so the switch always takes the same way).
    const uint32_t* sig = signature.data();
    uint64_t* keys = keys_.data();
    const int bands = params_.bands;
    static_assert(sizeof(Slot) == 16);
    const char* slots = reinterpret_cast<const char*>(slots_.data());
    const size_t mask = slots_.size() - 1;
    switch (params_.rows) {
      case 1: FixedRowKeys<1>(sig, bands, keys, slots, mask); break;
      case 2: FixedRowKeys<2>(sig, bands, keys, slots, mask); break;
      case 3: FixedRowKeys<3>(sig, bands, keys, slots, mask); break;
      case 4: FixedRowKeys<4>(sig, bands, keys, slots, mask); break;
      case 5: FixedRowKeys<5>(sig, bands, keys, slots, mask); break;
      case 6: FixedRowKeys<6>(sig, bands, keys, slots, mask); break;
      default:
        for (int band = 0; band < bands; ++band) {
          keys[band] = BandKey(sig + band * params_.rows, params_.rows, band);
          __builtin_prefetch(&slots_[static_cast<size_t>(keys[band]) & mask]);
        }
    }
    keys_signature_ = signature;
    keys_valid_ = true;
    prefetched_slots_ = slots_.size();
    return keys_.data();
  } else if (prefetched_slots_ == slots_.size()) {
    return keys_.data();  // the same keys in the same table: prefetched
  }
  prefetched_slots_ = slots_.size();
  const size_t mask = slots_.size() - 1;
  for (int band = 0; band < params_.bands; ++band) {
    __builtin_prefetch(&slots_[static_cast<size_t>(keys_[band]) & mask]);
  }
  return keys_.data();
}

size_t LshIndex::Find(uint64_t key) const {
  const size_t mask = slots_.size() - 1;
  size_t i = static_cast<size_t>(key) & mask;
  while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask;
  return i;
}

void LshIndex::Grow() {
  // Quadruple while the table is small (up to kQuadrupleBelow slots, 16 MB),
  // double after: every growth moves every key, a likely cache miss each,
  // and most of those moves happen while the index is young.
  const size_t factor = slots_.size() < kQuadrupleBelow ? 4 : 2;
  std::vector<Slot> old(slots_.size() * factor);
  old.swap(slots_);
  // Each move is a likely cache miss in the new table: prefetch the home
  // slots of the next kAhead keys before placing one.
  constexpr size_t kAhead = 16;
  const size_t mask = slots_.size() - 1;
  for (size_t i = 0; i < old.size(); ++i) {
    if (i + kAhead < old.size() && old[i + kAhead].key != 0) {
      __builtin_prefetch(&slots_[static_cast<size_t>(old[i + kAhead].key) &
                                 mask]);
    }
    if (old[i].key == 0) continue;
    // Keys are distinct: the first empty slot from home is the key's.
    size_t j = static_cast<size_t>(old[i].key) & mask;
    while (slots_[j].key != 0) j = (j + 1) & mask;
    slots_[j] = old[i];
  }
}

void LshIndex::Insert(uint32_t id, const sketch::MinHashSignature& signature) {
  if (sketch::IsEmptySignature(signature)) return;
  ++documents_;
  if (id >= seen_.size()) seen_.resize(size_t{id} + 1, 0);
  // Grow first, so that the prefetched slots stay where they are.
  const size_t bands = static_cast<size_t>(params_.bands);
  while ((used_slots_ + bands) * 2 > slots_.size()) Grow();
  const uint64_t* keys = BandKeys(signature);
  // The table does not move below (only chunks_ grows): its address and
  // mask stay in registers instead of being read back per band.
  Slot* const slots = slots_.data();
  const size_t mask = slots_.size() - 1;
  for (int band = 0; band < params_.bands; ++band) {
    const uint64_t key = keys[band];
    size_t i = static_cast<size_t>(key) & mask;
    while (slots[i].key != 0 && slots[i].key != key) i = (i + 1) & mask;
    Slot& slot = slots[i];
    if (slot.key == 0) {
      slot.key = key;
      slot.first = id;
      slot.chunk = kNone;
      ++used_slots_;
      continue;
    }
    if (slot.chunk == kNone || chunks_[slot.chunk].count == kChunkIds) {
      chunks_.push_back({slot.chunk, 0, {}});
      slot.chunk = static_cast<uint32_t>(chunks_.size() - 1);
    }
    Chunk& chunk = chunks_[slot.chunk];
    chunk.ids[chunk.count++] = id;
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
  const uint64_t* keys = BandKeys(signature);
  uint32_t* seen = seen_.data();
  const uint32_t epoch = epoch_;
  // Every posting is written to found_ and kept (the count advances) only
  // when new: whether an id is new is a coin flip in a family of
  // near-duplicates, and a branch on it mispredicted often. found_ holds
  // at least the b slot ids and one chunk's more before each chunk.
  if (found_.size() < static_cast<size_t>(params_.bands) + kChunkIds) {
    found_.resize(static_cast<size_t>(params_.bands) + kChunkIds);
  }
  uint32_t* found = found_.data();
  // found_.size() in a register: read back from the vector per chunk, it
  // cost six loads and subtractions more (the stores through found and
  // seen might, for all the compiler knows, have changed it).
  size_t capacity = found_.size();
  size_t count = 0;
  // Stamps never exceed the current epoch, so "not yet seen" is
  // seen[id] < epoch: a compare whose carry adds straight into the count
  // (cmp, adc), where != took a zeroing, a setne and an add.
  auto add = [seen, epoch, &found, &count](uint32_t id) {
    found[count] = id;
    count += seen[id] < epoch;
    seen[id] = epoch;
  };
  int hit = 0;
  for (int band = 0; band < params_.bands; ++band) {
    const Slot& slot = slots_[Find(keys[band])];
    if (slot.key == 0) continue;
    add(slot.first);
    if (slot.chunk != kNone) {
      __builtin_prefetch(&chunks_[slot.chunk]);
      heads_[hit++] = slot.chunk;
    }
  }
  const Chunk* chunks = chunks_.data();
  for (int h = 0; h < hit; ++h) {
    for (uint32_t c = heads_[h]; c != kNone; c = chunks[c].next) {
      const Chunk& chunk = chunks[c];
      if (chunk.next != kNone) __builtin_prefetch(&chunks[chunk.next]);
      if (capacity < count + kChunkIds) {
        found_.resize(2 * capacity + kChunkIds);
        found = found_.data();
        capacity = found_.size();
      }
      if (chunk.count == kChunkIds) {
        // Every chunk but a list's newest is full: straight adds, no loop.
        static_assert(kChunkIds == 14, "the unroll count below");
#pragma GCC unroll 14
        for (int k = 0; k < kChunkIds; ++k) add(chunk.ids[k]);
      } else {
        for (uint32_t k = 0; k < chunk.count; ++k) add(chunk.ids[k]);
      }
    }
  }
  SortIds(found, count, ids);
}

void LshIndex::SortIds(const uint32_t* found, size_t count,
                       std::vector<uint32_t>* ids) {
  ids->resize(count);
  if (count == 0) return;
  uint32_t low = found[0], high = found[0];
  for (size_t i = 1; i < count; ++i) {
    low = std::min(low, found[i]);
    high = std::max(high, found[i]);
  }
  const size_t words = (high - low) / 64 + 1;
  if (words > 4 * count) {  // sparse: a bitmap would cost more than a sort
    std::copy(found, found + count, ids->begin());
    std::sort(ids->begin(), ids->end());
    return;
  }
  // Dense (a family of near-duplicates inserted close together): one bit
  // per id in [low, high], read back in order. No comparison to mispredict
  // but one per word at the end of its bits.
  if (bitmap_.size() < words) bitmap_.resize(words);
  uint64_t* bits = bitmap_.data();
  std::fill(bits, bits + words, uint64_t{0});
  for (size_t i = 0; i < count; ++i) {
    const uint32_t d = found[i] - low;
    bits[d / 64] |= uint64_t{1} << (d % 64);
  }
  uint32_t* out = ids->data();
  for (size_t w = 0; w < words; ++w) {
    for (uint64_t b = bits[w]; b != 0; b &= b - 1) {
      *out++ = low + static_cast<uint32_t>(64 * w) +
               static_cast<uint32_t>(std::countr_zero(b));
    }
  }
}

}  // namespace concord::index
