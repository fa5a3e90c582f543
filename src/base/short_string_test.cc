// SameShortString is ==, whatever the length and wherever two strings
// differ; HashShortString depends only on the bytes, and two strings of one
// length under 8 bytes have equal hashes only when they are equal.
#include "src/base/short_string.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace concord {
namespace {

TEST(ShortStringTest, SameShortStringIsEquality) {
  for (size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'x');
    for (size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + i % 26);
    const std::string copy = a;  // other storage
    EXPECT_TRUE(SameShortString(a, copy)) << n;
    for (size_t i = 0; i < n; ++i) {
      std::string b = a;
      b[i] = static_cast<char>(b[i] ^ 0x40);
      EXPECT_FALSE(SameShortString(a, b)) << n << " " << i;
    }
    EXPECT_FALSE(SameShortString(a, a + "y")) << n;
  }
}

TEST(ShortStringTest, HashDependsOnTheBytesOnly) {
  for (size_t n = 0; n <= 40; ++n) {
    const std::string a(n, 'q');
    const std::string padded = "..." + a + "...";
    EXPECT_EQ(HashShortString(a),
              HashShortString(std::string_view(padded).substr(3, n)));
  }
}

TEST(ShortStringTest, HashIsInjectiveUnder8BytesForOneLength) {
  // Every string of 1-3 bytes over 16 letters, and 4-7 bytes over 4.
  for (size_t n = 1; n <= 7; ++n) {
    const int letters = n <= 3 ? 16 : 4;
    size_t count = 1;
    for (size_t k = 0; k < n; ++k) count *= letters;
    std::set<uint64_t> seen;
    for (size_t code = 0; code < count; ++code) {
      std::string s(n, 'a');
      size_t c = code;
      for (size_t k = 0; k < n; ++k, c /= letters)
        s[k] = static_cast<char>('a' + c % letters);
      EXPECT_TRUE(seen.insert(HashShortString(s)).second) << s;
    }
  }
}

}  // namespace
}  // namespace concord
