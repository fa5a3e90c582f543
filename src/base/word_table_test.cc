#include "src/base/word_table.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace concord {
namespace {

// Random short words over a small alphabet, so that many probes share a
// length, a first byte and a last byte with some key (the filter's bit is
// set) without being keys: Find and Contains must still answer as a
// std::map / std::set does, across growths, for keys of 1-63 bytes, and
// never find a word of 64 bytes or more, nor the empty word.
TEST(WordTableTest, FindsLikeAStdMap) {
  std::mt19937_64 rng(11);
  auto word = [&](size_t max_len) {
    std::string w(1 + rng() % max_len, 'a');
    static constexpr char kBytes[] = {'a', 'b',    'c',  'd',
                                      'e', '\xc3', '\'', '-'};
    for (char& c : w) c = kBytes[rng() % 8];
    return w;
  };
  std::vector<std::string> keys;  // FlatMap keeps views: keep the strings
  keys.reserve(3000);
  for (int k = 0; k < 3000; ++k) keys.push_back(word(12));
  keys.push_back(std::string(63, 'x'));
  keys.push_back(std::string(64, 'y'));  // too long ever to be found
  FlatMap<int> map;
  WordSet set;
  std::map<std::string, int> ref;
  for (size_t i = 0; i < keys.size(); ++i) {
    const bool fresh = ref.emplace(keys[i], static_cast<int>(i)).second;
    ASSERT_EQ(map.Insert(keys[i], static_cast<int>(i)), fresh) << keys[i];
    set.Insert(keys[i]);
  }
  auto check = [&](const std::string& w) {
    const int* got = map.Find(w);
    const auto it = ref.find(w);
    const bool findable = it != ref.end() && w.size() < 64;
    ASSERT_EQ(got != nullptr, findable) << w;
    if (got != nullptr) {
      EXPECT_EQ(*got, it->second) << w;
    }
    EXPECT_EQ(set.Contains(w), findable) << w;
  };
  for (const std::string& k : keys) check(k);
  for (int k = 0; k < 50000; ++k) check(word(14));
  check("");
  check(std::string(64, 'y'));
  const std::vector<std::string_view> words = set.Words();
  EXPECT_EQ(std::set<std::string_view>(words.begin(), words.end()).size(),
            ref.size());
}

TEST(MergeWordBitsTest, MergesSharedWordsAndKeepsFirstSeenOrder) {
  std::vector<std::pair<std::string_view, uint8_t>> list;
  MergeWordBits(&list, "a", uint8_t{1});
  MergeWordBits(&list, "ago", uint8_t{4});
  MergeWordBits(&list, "a", uint8_t{2});
  MergeWordBits(&list, "ago", uint8_t{4});
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0], std::make_pair(std::string_view("a"), uint8_t{3}));
  EXPECT_EQ(list[1], std::make_pair(std::string_view("ago"), uint8_t{4}));
}

}  // namespace
}  // namespace concord
