// U64Set: an insert-only set of 64-bit keys (term ids, hashes) in one flat
// array, and FibonacciSlot, the slot a key homes to in such tables.
//
// Used where a node-based std::unordered_set cost a cache miss or two per
// look-up: the story terms the clusterer has posted (src/cluster), the
// terms a feature extractor has handed to a vocabulary (src/sketch).
// Open addressing with linear probing in a power-of-two table kept at most
// half full; 0 marks an empty slot, so key 0 is kept aside. Keys need not
// be well mixed: the home slot is taken from the top bits of a Fibonacci
// multiply. Thread safety: none (one owner).
#ifndef CONCORD_BASE_U64_SET_H_
#define CONCORD_BASE_U64_SET_H_

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace concord {

// The home slot of `key` in a table of 2^(64 - shift) slots.
inline size_t FibonacciSlot(uint64_t key, int shift) {
  return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift);
}

class U64Set {
 public:
  // Adds `key`; true when it was not in the set.
  bool Insert(uint64_t key) {
    if (key == 0) {
      if (has_zero_) return false;
      has_zero_ = true;
      ++size_;
      return true;
    }
    if ((size_ + 1) * 2 > keys_.size()) [[unlikely]]
      Grow();
    const size_t mask = keys_.size() - 1;
    size_t i = FibonacciSlot(key, shift_);
    while (keys_[i] != 0) {
      if (keys_[i] == key) return false;
      i = (i + 1) & mask;
    }
    keys_[i] = key;
    ++size_;
    return true;
  }
  // Empties the set, keeping its slots.
  void Clear() {
    std::fill(keys_.begin(), keys_.end(), uint64_t{0});
    size_ = 0;
    has_zero_ = false;
  }
  size_t size() const { return size_; }
  uint64_t MemoryBytes() const { return keys_.capacity() * sizeof(uint64_t); }

 private:
  // Twice the slots (16 at first), every key placed again.
  [[gnu::noinline]] void Grow() {
    std::vector<uint64_t> old = std::move(keys_);
    keys_.assign(old.empty() ? 16 : old.size() * 2, 0);
    shift_ = 64 - std::countr_zero(keys_.size());
    const size_t mask = keys_.size() - 1;
    for (const uint64_t k : old) {
      if (k == 0) continue;
      size_t i = FibonacciSlot(k, shift_);
      while (keys_[i] != 0) i = (i + 1) & mask;
      keys_[i] = k;
    }
  }

  std::vector<uint64_t> keys_;  // 0 marks an empty slot
  size_t size_ = 0;             // keys, key 0 included
  bool has_zero_ = false;       // key 0, which cannot be a slot's key
  int shift_ = 64;              // 64 - log2(slots)
};

}  // namespace concord

#endif  // CONCORD_BASE_U64_SET_H_
