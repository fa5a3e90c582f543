#include "src/sketch/sparse_vector.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace concord::sketch {
namespace {

#if defined(__x86_64__)
// Runs as a static initialiser, possibly before the library's own, hence
// the explicit __builtin_cpu_init.
const bool kHasAvx2 = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
}();
#else
constexpr bool kHasAvx2 = false;
#endif
bool avx2_allowed = true;  // internal::TermTableUseAvx2ForTest

}  // namespace

namespace internal {
void TermTableUseAvx2ForTest(bool use) { avx2_allowed = use; }
}  // namespace internal

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
  // past it). The buffer only grows, but a vector uses only as many slots
  // as it needs (one long vector leaves the later ones their compact
  // tables). Clearing the slots the last vector used is cheaper than
  // clearing the table (a mark is only ever set on a used slot).
  size_t capacity = 16;
  while (capacity < v.entries.size() * 4) capacity <<= 1;
  if (capacity > slots_.size()) {
    slots_.assign(capacity, Slot{});
  } else {
    for (uint32_t slot : used_) slots_[slot] = Slot{};
  }
  used_.resize(v.entries.size());
  uint32_t* used = used_.data();
  Slot* const slots = slots_.data();
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
      slots[i].displaced = 1;
      do {
        i = (i + 1) & mask;
      } while (slots[i].key != 0);
    }
    slots[i].key = e.term;
    slots[i].weight = e.weight;
    *used++ = static_cast<uint32_t>(i);
  }
  used_.resize(static_cast<size_t>(used - used_.data()));
}

const TermTable::Slot* TermTable::Probe(uint64_t term, const Slot* s) const {
  const Slot* const slots = slots_.data();
  uint64_t i = static_cast<uint64_t>(s - slots);
  while (slots[i].key != term && slots[i].key != 0) i = (i + 1) & mask_;
  return &slots[i];
}

size_t TermTable::ProbeBlock(const TermWeight* e, size_t count,
                             double* hits) const {
  // Locals: through the members the compiler reloads them every entry.
  const Slot* const slots = slots_.data();
  const int shift = shift_;
  size_t n = 0;
  for (const TermWeight* const end = e + count; e != end; ++e) {
    const uint64_t term = e->term;
    const Slot* slot = &slots[Home(term, shift)];
    uint32_t hit = slot->key == term;
    // One branch, taken only when the home slot holds another term and is
    // marked. The empty asm makes the compiler compute the condition as a
    // value: left to itself it splits it back into a test of the key (the
    // coin toss again) and one of the mark.
    uint32_t further = (hit ^ 1) & slot->displaced;
    asm("" : "+r"(further));
    if (further != 0) [[unlikely]] {
      slot = Probe(term, slot);
      hit = slot->key == term;
    }
    hits[n] = double(slot->weight) * e->weight;
    n += hit;
  }
  return n;
}

#if defined(__x86_64__)
namespace {

// For each mask of hits among four lanes that hold entries 0, 2, 1, 3 (the
// order two 256-bit loads of two entries each unpack to), the 32-bit lanes
// that bring the hits' products (doubles, two lanes each) to the front in
// entry order.
struct CompressTable {
  alignas(32) uint32_t lanes[16][8];
  constexpr CompressTable() : lanes() {
    constexpr int kLaneOfEntry[4] = {0, 2, 1, 3};
    for (int mask = 0; mask < 16; ++mask) {
      int out = 0;
      for (int entry = 0; entry < 4; ++entry) {
        const int lane = kLaneOfEntry[entry];
        if ((mask >> lane & 1) == 0) continue;
        lanes[mask][out++] = static_cast<uint32_t>(2 * lane);
        lanes[mask][out++] = static_cast<uint32_t>(2 * lane + 1);
      }
      while (out < 8) lanes[mask][out++] = 0;
    }
  }
};
constexpr CompressTable kCompress;

}  // namespace

// Four entries a step: their home slots hashed as FibonacciSlot does (a
// 64-bit multiply from three 32-bit ones), the slots' keys and their
// (weight, mark) halves fetched by two gathers, the products of the hits
// (the same doubles as the scalar path's) moved to the front in entry
// order and stored at once. A lane whose home holds another term and is
// marked (a few in a hundred) is probed past its home one by one.
[[gnu::target("avx2")]] size_t TermTable::ProbeBlockAvx2(const TermWeight* e,
                                                         size_t count,
                                                         double* hits) const {
  const long long* const base =
      reinterpret_cast<const long long*>(slots_.data());
  const __m256i c_lo = _mm256_set1_epi64x(0x7F4A7C15);
  const __m256i c_hi = _mm256_set1_epi64x(0x9E3779B9);
  const __m128i shift = _mm_cvtsi32_si128(shift_);
  const __m256i pack = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
  size_t n = 0;
  for (const TermWeight* const end = e + count; e != end; e += 4) {
    const __m256i ab = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(e));
    const __m256i cd =
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(e + 2));
    // Lanes hold entries 0, 2, 1, 3.
    const __m256i terms = _mm256_unpacklo_epi64(ab, cd);
    const __m256i weights_raw = _mm256_unpackhi_epi64(ab, cd);
    const __m256i product = _mm256_add_epi64(
        _mm256_mul_epu32(terms, c_lo),
        _mm256_slli_epi64(
            _mm256_add_epi64(
                _mm256_mul_epu32(_mm256_srli_epi64(terms, 32), c_lo),
                _mm256_mul_epu32(terms, c_hi)),
            32));
    const __m256i home = _mm256_srl_epi64(product, shift);
    const __m256i index = _mm256_add_epi64(home, home);  // in 8-byte units
    const __m256i keys = _mm256_i64gather_epi64(base, index, 8);
    const __m256i halves = _mm256_i64gather_epi64(base + 1, index, 8);
    uint32_t hit = static_cast<uint32_t>(_mm256_movemask_pd(
        _mm256_castsi256_pd(_mm256_cmpeq_epi64(keys, terms))));
    // Weights to the low half, marks to the high half.
    const __m256i split = _mm256_permutevar8x32_epi32(halves, pack);
    const uint32_t unmarked =
        static_cast<uint32_t>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(
            _mm256_extracti128_si256(split, 1), _mm_setzero_si128()))));
    const __m256d own =
        _mm256_cvtps_pd(_mm_castsi128_ps(_mm256_castsi256_si128(split)));
    const __m256d theirs =
        _mm256_cvtps_pd(_mm_castsi128_ps(_mm256_castsi256_si128(
            _mm256_permutevar8x32_epi32(weights_raw, pack))));
    __m256d products = _mm256_mul_pd(own, theirs);
    const uint32_t further = ~unmarked & ~hit & 0xF;
    if (further != 0) [[unlikely]] {
      alignas(32) double lane_products[4];
      alignas(32) uint64_t lane_home[4];
      _mm256_store_pd(lane_products, products);
      _mm256_store_si256(reinterpret_cast<__m256i*>(lane_home), home);
      constexpr int kEntryOfLane[4] = {0, 2, 1, 3};
      for (int lane = 0; lane < 4; ++lane) {
        if ((further >> lane & 1) == 0) continue;
        const TermWeight& entry = e[kEntryOfLane[lane]];
        const Slot* slot = Probe(entry.term, &slots_[lane_home[lane]]);
        if (slot->key != entry.term) continue;
        lane_products[lane] = double(slot->weight) * entry.weight;
        hit |= 1u << lane;
      }
      products = _mm256_load_pd(lane_products);
    }
    const __m256i lanes = _mm256_load_si256(
        reinterpret_cast<const __m256i*>(kCompress.lanes[hit]));
    _mm256_storeu_pd(hits + n, _mm256_castsi256_pd(_mm256_permutevar8x32_epi32(
                                   _mm256_castpd_si256(products), lanes)));
    n += static_cast<size_t>(std::popcount(hit));
  }
  return n;
}
#endif

double TermTable::Dot(const SparseVector& other) const {
  if (slots_.empty()) return 0;
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
  const bool avx2 = kHasAvx2 && avx2_allowed;
  // Whether a term is in the table is a coin toss when scoring a story's
  // centroid against an article, so a branch on it would mispredict half
  // the time; and adding every product (zero on a miss) in order makes one
  // chain of dependent additions as long as `other`. So a block of entries
  // is probed first, the products of the hits written one after another
  // into a buffer, and then the hits alone are added, in order: the same
  // sum.
  double hits[kBlock];
  while (e != end) {
    const size_t count = std::min<size_t>(kBlock, static_cast<size_t>(end - e));
    PrefetchBlock(e + count, end);
    size_t n = 0;
#if defined(__x86_64__)
    if (avx2) {
      const size_t fours = count & ~size_t{3};
      n = ProbeBlockAvx2(e, fours, hits);
      n += ProbeBlock(e + fours, count - fours, hits + n);
    } else {
      n = ProbeBlock(e, count, hits);
    }
#else
    n = ProbeBlock(e, count, hits);
#endif
    e += count;
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
    // as a heap with the worst of them on top, a key let in only when it
    // beats that one; after the first few dozen entries nearly every key
    // is turned away by one compare, where a selection would partition on
    // unpredictable compares. (Keeping the best k sorted instead cost
    // twice the instructions, in shifts at each insertion.) Keys are
    // unique, so the best k are one set whatever the way to them, and
    // sorted at the end.
    //
    // The turning away compares weights, not keys: an entry no heavier
    // than the worst kept (as floats) has a larger key (HeavierFirst
    // reverses the order of weights, and its index is larger), so it
    // cannot enter. A NaN on either side fails the float compare and
    // takes the exact way through keys.
    uint64_t best[kFew];
    const TermWeight* const entries = v.entries.data();
    auto key_of = [entries](size_t i) {
      return uint64_t{HeavierFirst(entries[i].weight)} << 32 | i;
    };
    for (size_t i = 0; i < k; ++i) best[i] = key_of(i);
    std::make_heap(best, best + k);
    float worst = entries[static_cast<uint32_t>(best[0])].weight;
    const TermWeight* const end = entries + n;
    for (const TermWeight* e = entries + k; e != end; ++e) {
      if (e->weight <= worst) continue;
      const uint64_t key = key_of(static_cast<size_t>(e - entries));
      if (key >= best[0]) continue;
      // The top makes way: `key` sifts down from the root.
      size_t j = 0;
      for (size_t c = 1; c < k; c = 2 * j + 1) {
        if (c + 1 < k && best[c + 1] > best[c]) ++c;
        if (best[c] < key) break;
        best[j] = best[c];
        j = c;
      }
      best[j] = key;
      worst = entries[static_cast<uint32_t>(best[0])].weight;
    }
    std::sort(best, best + k);
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
