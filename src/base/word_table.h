// FlatMap and WordSet: read-only hash tables of short strings (words),
// built once from a list and then only looked up. Used for word lists where
// most words looked up are in no list: stop words (src/text/stopwords.cc),
// words that can start a number (src/text/numbers.cc), the fact
// extractors' lexicons (src/facts/lexicon.cc, entities.cc).
//
// Keys are views: the strings must outlive the table (string literals in
// practice). Thread safety: const methods may be called from any thread.
// Cost: Find rejects, in a few instructions, a key whose length no key has
// or whose (length, first byte, last byte) mix no key has; else one
// HashShortString (short_string.h) and a short linear probe, keys compared
// by SameShortString; no allocation.
#ifndef CONCORD_BASE_WORD_TABLE_H_
#define CONCORD_BASE_WORD_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

#include "src/base/short_string.h"

namespace concord {

// A read-only hash map from short strings, built once: open addressing
// with linear probing in a power-of-two table at most half full,
// HashShortString hashing, and two rejects before any hashing: the key
// length must occur among the keys, and so must the key's bit in a
// 4096-bit filter mixed from its length and first and last bytes. Most words looked up are in no list,
// yet many share a length and a first byte with some key; the filter bit of
// such a word is still mostly clear, so most lookups end at the rejects, a
// clear bit proving the word absent. Insert keeps the first value of a key
// (as std::unordered_map::emplace does).
template <typename V>
class FlatMap {
 public:
  FlatMap() = default;
  FlatMap(std::initializer_list<std::pair<std::string_view, V>> init) {
    for (const auto& [k, v] : init) Insert(k, v);
  }

  // Returns false (and keeps the old value) when `key` is already there.
  bool Insert(std::string_view key, const V& value) {
    if ((used_ + 1) * 2 > slots_.size()) Grow();
    if (InsertSlot(key, value)) {
      ++used_;
      if (key.size() < 64) lengths_ |= uint64_t{1} << key.size();
      if (!key.empty()) {
        const uint32_t b = FilterBit(key);
        filter_[b >> 6] |= uint64_t{1} << (b & 63);
      }
      return true;
    }
    return false;
  }

  // The keys, in table order.
  std::vector<std::string_view> Keys() const {
    std::vector<std::string_view> out;
    for (const Slot& s : slots_) {
      if (s.used) out.push_back(s.key);
    }
    return out;
  }

  // The value of `key`, or null.
  const V* Find(std::string_view key) const {
    if (key.empty() || key.size() >= 64 || (lengths_ >> key.size() & 1) == 0) {
      return nullptr;
    }
    const uint32_t b = FilterBit(key);
    if ((filter_[b >> 6] >> (b & 63) & 1) == 0) return nullptr;
    for (size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (!s.used) return nullptr;
      if (SameShortString(s.key, key)) return &s.value;
    }
  }

 private:
  struct Slot {
    std::string_view key;
    V value{};
    bool used = false;
  };

  // 12 bits mixed from the length and the first and last bytes.
  // REQUIRES: !key.empty().
  static uint32_t FilterBit(std::string_view key) {
    const uint32_t x =
        static_cast<uint32_t>(key.size()) * 0x9E3779B1u ^
        static_cast<uint32_t>(static_cast<unsigned char>(key.front())) *
            0x85EBCA77u ^
        static_cast<uint32_t>(static_cast<unsigned char>(key.back())) *
            0xC2B2AE3Du;
    return x >> 20;
  }

  static size_t Hash(std::string_view key) {
    return static_cast<size_t>(HashShortString(key));
  }

  bool InsertSlot(std::string_view key, const V& value) {
    for (size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (!s.used) {
        s.key = key;
        s.value = value;
        s.used = true;
        return true;
      }
      if (s.key == key) return false;
    }
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.used) InsertSlot(s.key, s.value);
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t used_ = 0;
  uint64_t lengths_ = 0;    // bit n: some key has n bytes (n < 64)
  uint64_t filter_[64] = {};  // bit FilterBit(k) of every key k
};

struct Present {};

// A set of words (the empty word is never in it).
class WordSet {
 public:
  WordSet() = default;
  WordSet(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) Insert(w);
  }
  template <size_t N>
  explicit WordSet(const std::string_view (&words)[N]) {
    for (std::string_view w : words) Insert(w);
  }
  // Returns false when `w` is empty or already there.
  bool Insert(std::string_view w) {
    return !w.empty() && map_.Insert(w, Present{});
  }
  bool Contains(std::string_view w) const { return map_.Find(w) != nullptr; }
  std::vector<std::string_view> Words() const { return map_.Keys(); }

 private:
  FlatMap<Present> map_;
};

// Adds `bits` to the entry of `w` in `list`, appending `w` when it has
// none: for building a (word, bits) list from several word lists that may
// share words (src/text/numbers.cc, src/facts/document.cc), before it is
// put into a table. Linear: the lists are a few hundred words, built once.
template <typename Bits>
void MergeWordBits(std::vector<std::pair<std::string_view, Bits>>* list,
                   std::string_view w, Bits bits) {
  for (auto& [word, have] : *list) {
    if (word == w) {
      have = static_cast<Bits>(have | bits);
      return;
    }
  }
  list->emplace_back(w, bits);
}

}  // namespace concord

#endif  // CONCORD_BASE_WORD_TABLE_H_
