#include "src/engine/pipeline.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace concord {
namespace {

TEST(CountWordsTest, GoldenTable) {
  EXPECT_EQ(CountWords(""), 0u);
  EXPECT_EQ(CountWords("   \n\t\r "), 0u);
  EXPECT_EQ(CountWords("one"), 1u);
  EXPECT_EQ(CountWords(" one two\tthree\r\nfour "), 4u);
  // Only space, tab, CR and LF separate: NBSP, form feed and vertical tab
  // are word bytes.
  EXPECT_EQ(CountWords("a\xC2\xA0" "b\fc\vd"), 1u);
  EXPECT_EQ(CountWords(std::string(64, 'x') + " " + std::string(64, ' ') + "y"),
            2u);
  EXPECT_EQ(CountWords(std::string(200, 'w')), 1u);
  EXPECT_EQ(CountWords("The port handles around 9.8 million boxes a year, "
                       "the authority said.\n\nTrade fell."),
            14u);
}

// The 64- and 16-byte paths equal the byte loop at every length and
// alignment, words and spaces straddling block boundaries included.
TEST(CountWordsTest, BlocksMatchTheByteLoop) {
  const char kAlphabet[] = {' ', '\n', '\t', '\r', 'a', 'B', '7', '.',
                            '\xC2', '\xA0', '\f', '\0'};
  uint64_t state = 99;
  for (int round = 0; round < 6000; ++round) {
    std::string s;
    const int len = round % 293;
    for (int i = 0; i < len; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      // Runs: mostly letters, sometimes long stretches of one kind.
      const uint64_t r = state >> 33;
      s.push_back(kAlphabet[(r % 5 == 0) ? r % 4 : r % sizeof kAlphabet]);
    }
    for (size_t offset = 0; offset < 3 && offset <= s.size(); ++offset) {
      const std::string_view v = std::string_view(s).substr(offset);
      ASSERT_EQ(CountWords(v), CountWordsSlow(v)) << round << " " << offset;
      ASSERT_EQ(CountWordsSse2(v), CountWordsSlow(v))
          << round << " " << offset;
    }
  }
}

}  // namespace
}  // namespace concord
