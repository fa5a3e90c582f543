// GatedMap and GatedSet: the word tables of src/base/word_table.h behind a
// 4096-bit filter on (length, first byte, last byte) of the keys, for the
// fact extractors' lexicons.
//
// The extractors ask several lexicons about every capitalised word and
// about the words around names and numbers; nearly all of those words are
// in no list, yet many share a length and a first byte with some key, so
// FlatMap's own rejects let them through to a hash of the whole word. The
// filter bit of a word is set only if some key has the same (length, first
// byte, last byte) mix, so a clear bit proves the word absent: Find answers
// exactly as FlatMap::Find does, in a few instructions for most words.
//
// Keys are views (string literals in practice). Thread safety: const
// methods may be called from any thread. Cost: Find is a multiply-mix and
// one bit test, then FlatMap::Find for the words that pass; no allocation.
#ifndef CONCORD_FACTS_GATED_TABLE_H_
#define CONCORD_FACTS_GATED_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

#include "src/base/word_table.h"

namespace concord::facts {

template <typename V>
class GatedMap {
 public:
  GatedMap() = default;
  GatedMap(std::initializer_list<std::pair<std::string_view, V>> init) {
    for (const auto& [k, v] : init) Insert(k, v);
  }

  // As FlatMap::Insert: false (the old value kept) when `key` is there.
  bool Insert(std::string_view key, const V& value) {
    if (!map_.Insert(key, value)) return false;
    if (!key.empty()) {
      const uint32_t b = Bit(key);
      bits_[b >> 6] |= uint64_t{1} << (b & 63);
    }
    return true;
  }

  // The keys, in table order.
  std::vector<std::string_view> Keys() const { return map_.Keys(); }

  // The value of `key`, or null (FlatMap::Find never finds the empty key).
  const V* Find(std::string_view key) const {
    if (key.empty()) return nullptr;
    const uint32_t b = Bit(key);
    if ((bits_[b >> 6] >> (b & 63) & 1) == 0) return nullptr;
    return map_.Find(key);
  }

 private:
  // 12 bits mixed from the length and the first and last bytes.
  static uint32_t Bit(std::string_view key) {
    const uint32_t x =
        static_cast<uint32_t>(key.size()) * 0x9E3779B1u ^
        static_cast<uint32_t>(static_cast<unsigned char>(key.front())) *
            0x85EBCA77u ^
        static_cast<uint32_t>(static_cast<unsigned char>(key.back())) *
            0xC2B2AE3Du;
    return x >> 20;
  }

  FlatMap<V> map_;
  uint64_t bits_[64] = {};
};

// A set of words (the empty word is never in it), as WordSet.
class GatedSet {
 public:
  GatedSet() = default;
  GatedSet(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) Insert(w);
  }
  bool Insert(std::string_view w) {
    return !w.empty() && map_.Insert(w, Present{});
  }
  bool Contains(std::string_view w) const { return map_.Find(w) != nullptr; }
  // The words, in table order.
  std::vector<std::string_view> Keys() const { return map_.Keys(); }

 private:
  GatedMap<Present> map_;
};

}  // namespace concord::facts

#endif  // CONCORD_FACTS_GATED_TABLE_H_
