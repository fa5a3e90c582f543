// Arbitrary bytes in, no crash and no broken invariant out. Run under the
// sanitize preset this is the module's memory-safety check.
#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "src/text/langid.h"
#include "src/text/normalizer.h"
#include "src/text/numbers.h"
#include "src/text/segmenter.h"
#include "src/text/stemmer.h"
#include "src/text/stopwords.h"
#include "src/text/tokenizer_internal.h"

namespace concord::text {
namespace {

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

// Random text: mostly fragments that matter to the rules, some raw bytes.
std::string RandomText(std::mt19937* rng) {
  static constexpr std::string_view kFragments[] = {
      "Mr.",     " ",      ". ",         "U.S.",    "\u2026 ", "1,200",
      "3.5bn",   "$",      "one",        "hundred", " and ",   "-",
      "\u2019s", "\n",     "nearly ",    "A",       "\u00E9",  "\u0301",
      "\u201C",  "\u00A0", "\U0001F600", "\u0130",  "\uFF11",  "%",
  };
  std::uniform_int_distribution<int> length(0, 40);
  std::uniform_int_distribution<size_t> pick(0, std::size(kFragments) - 1);
  std::uniform_int_distribution<int> coin(0, 3);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string text;
  for (int k = length(*rng); k > 0; --k) {
    if (coin(*rng) == 0) {
      text.push_back(static_cast<char>(byte(*rng)));
    } else {
      text += kFragments[pick(*rng)];
    }
  }
  return text;
}

TEST(RobustnessTest, ArbitraryBytesKeepEveryInvariant) {
  std::mt19937 rng(7);
  std::vector<Token> fast, slow;
  Stemmer stemmer("en");
  for (int round = 0; round < 3000; ++round) {
    const std::string text = RandomText(&rng);
    SCOPED_TRACE(text);

    EXPECT_TRUE(IsValidUtf8(NormalizeForMatch(text)));
    EXPECT_EQ(UnifyPunctuation(text).empty(), text.empty());

    uint32_t last = 0;
    for (const Span& s : SplitSentences(text)) {
      EXPECT_LE(last, s.begin);
      EXPECT_LT(s.begin, s.end);
      EXPECT_LE(s.end, text.size());
      last = s.end;
    }

    Tokenize(text, &fast, {.keep_punct = true});
    internal::TokenizeWithIcuOnly(text, &slow, {.keep_punct = true});
    ASSERT_EQ(fast.size(), slow.size());
    last = 0;
    for (size_t i = 0; i < fast.size(); ++i) {
      EXPECT_EQ(fast[i].begin, slow[i].begin);
      EXPECT_EQ(fast[i].end, slow[i].end);
      EXPECT_EQ(fast[i].norm, slow[i].norm);
      EXPECT_LE(last, fast[i].begin);
      EXPECT_LT(fast[i].begin, fast[i].end);
      EXPECT_LE(fast[i].end, text.size());
      last = fast[i].end;
      stemmer.Stem(fast[i].norm);
      IsStopword(fast[i].norm, "en");
    }

    last = 0;
    for (const NumberMention& m : FindNumbers(text)) {
      EXPECT_LE(last, m.begin);
      EXPECT_LT(m.begin, m.end);
      EXPECT_LE(m.end, text.size());
      last = m.end;
    }
    ParseNumber(text);
    DetectLanguage(text);
  }
}

}  // namespace
}  // namespace concord::text
