#include "src/text/segmenter.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace concord::text {
namespace {

struct Row {
  std::string_view input;
  std::string_view lang;
  std::vector<std::string_view> sentences;
};

std::vector<std::string_view> Sentences(std::string_view text,
                                        std::string_view lang) {
  std::vector<std::string_view> out;
  for (const Span& s : SplitSentences(text, lang)) {
    out.push_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

// One row per case: the input and the sentences it must split into.
const Row kRows[] = {
    {"Mr. Smith went to Washington. He met Dr. Jones.",
     "en",
     {"Mr. Smith went to Washington.", "He met Dr. Jones."}},
    {"Officials in the U.S. Congress agreed. Talks resume Monday.",
     "en",
     {"Officials in the U.S. Congress agreed.", "Talks resume Monday."}},
    {"Gen. Ray and Sen. Kay met Mrs. Li at 9 a.m. on Friday.",
     "en",
     {"Gen. Ray and Sen. Kay met Mrs. Li at 9 a.m. on Friday."}},
    {"John F. Kennedy spoke. Crowds cheered.",
     "en",
     {"John F. Kennedy spoke.", "Crowds cheered."}},
    {"He said \"Stop.\" Then he left.",
     "en",
     {"He said \"Stop.\"", "Then he left."}},
    {"\u201CWe will win,\u201D she said. \u201CSoon.\u201D Nobody replied.",
     "en",
     {"\u201CWe will win,\u201D she said.", "\u201CSoon.\u201D",
      "Nobody replied."}},
    {"Wait... what? He paused... Then he left.",
     "en",
     {"Wait... what?", "He paused...", "Then he left."}},
    {"He waited\u2026 Then he left. It was\u2026 odd.",
     "en",
     {"He waited\u2026", "Then he left.", "It was\u2026 odd."}},
    {"Prices rose 3.5 percent. Markets fell.",
     "en",
     {"Prices rose 3.5 percent.", "Markets fell."}},
    {"Is it over? Yes! It is.", "en", {"Is it over?", "Yes!", "It is."}},
    {"He lives at No. 10 Downing Street. Was it true? No. The aide left.",
     "en",
     {"He lives at No. 10 Downing Street.", "Was it true?", "No.",
      "The aide left."}},
    {"See e.g. the annex. Next item.",
     "en",
     {"See e.g. the annex.", "Next item."}},
    {"Talks ended in the U.S.\n\nNew rules follow.",
     "en",
     {"Talks ended in the U.S.", "New rules follow."}},
    {"First line\nSecond line", "en", {"First line", "Second line"}},
    {"   Leading space. Trailing space.   ",
     "en",
     {"Leading space.", "Trailing space."}},
    {"\u00A0Hello there.\u00A0", "en", {"Hello there."}},
    {"No final stop", "en", {"No final stop"}},
    {"M. Dupont est arriv\u00E9. Il a parl\u00E9.",
     "fr",
     {"M. Dupont est arriv\u00E9.", "Il a parl\u00E9."}},
    {"Dr. M\u00FCller kam. Er ging.",
     "de",
     {"Dr. M\u00FCller kam.", "Er ging."}},
    // ICU's "@ss=standard" suppressions would join each of these.
    {"Sweden joined NATO. The alliance grew.",
     "en",
     {"Sweden joined NATO.", "The alliance grew."}},
    {"I met Joe. He left.", "en", {"I met Joe.", "He left."}},
    {"Prices rose in the UK. Then they fell.",
     "en",
     {"Prices rose in the UK.", "Then they fell."}},
    {"Mr. Smith left. Others stayed.",
     "",
     {"Mr. Smith left.", "Others stayed."}},
    {"Mr. Smith left. Others stayed.",
     "EN-gb",
     {"Mr. Smith left.", "Others stayed."}},
    {"", "en", {}},
    {"  \n\t ", "en", {}},
};

TEST(SplitSentencesTest, GoldenTable) {
  for (const Row& row : kRows) {
    EXPECT_EQ(Sentences(row.input, row.lang), row.sentences)
        << "input: " << row.input;
  }
}

TEST(SplitSentencesTest, SpansAreOrderedAndInsideTheText) {
  const std::string text =
      "One. Two? Three! \u201CFour.\u201D Five\u2026 Six. Mr. Seven met Dr. "
      "Eight.";
  uint32_t previous_end = 0;
  for (const Span& s : SplitSentences(text)) {
    EXPECT_LE(previous_end, s.begin);
    EXPECT_LT(s.begin, s.end);
    EXPECT_LE(s.end, text.size());
    previous_end = s.end;
  }
}

}  // namespace
}  // namespace concord::text
