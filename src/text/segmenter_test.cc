#include "src/text/segmenter.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "src/text/segmenter_internal.h"

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
    // Vetoes of each language's list (words of every length on the lists,
    // non-ASCII and several dots among them), and a word of a listed
    // shape that is not listed.
    {"He met Messrs. Smith and Jones. They left.",
     "en",
     {"He met Messrs. Smith and Jones.", "They left."}},
    {"It costs approx. Ten dollars. No more.",
     "en",
     {"It costs approx. Ten dollars.", "No more."}},
    {"They said. Then left.", "en", {"They said.", "Then left."}},
    {"Il part en d\u00E9c. Puis il revient.",
     "fr",
     {"Il part en d\u00E9c. Puis il revient."}},
    {"Viven en EE.UU. Desde 2010.", "es", {"Viven en EE.UU. Desde 2010."}},
    {"Ha parlato la Dott.ssa Rossi. Poi Bianchi.",
     "it",
     {"Ha parlato la Dott.ssa Rossi.", "Poi Bianchi."}},
    {"Incontra il Sig. Rossi oggi.", "it", {"Incontra il Sig. Rossi oggi."}},
    {"Gebruik bijv. Excel hier.", "nl", {"Gebruik bijv. Excel hier."}},
    {"Falou com a Sra. Silva hoje.", "pt", {"Falou com a Sra. Silva hoje."}},
    {"Er sprach mit Hrn. Meier heute.",
     "de",
     {"Er sprach mit Hrn. Meier heute."}},
    {"Er sprach mit Hrn. Meier heute.",
     "en",
     {"Er sprach mit Hrn.", "Meier heute."}},
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

std::string Boundaries(const std::vector<int32_t>& b) {
  std::string out;
  for (int32_t x : b) out += std::to_string(x) + " ";
  return out;
}

// Compares the ASCII scanner with ICU on `text`; returns false on a mismatch
// (reported once per call).
bool SameBoundariesAsIcu(const std::string& text) {
  std::vector<int32_t> fast, icu;
  if (!internal::AsciiSentenceBoundaries(text, &fast)) {
    ADD_FAILURE() << "scanner refused ASCII text \"" << text << "\"";
    return false;
  }
  internal::IcuSentenceBoundaries(text, &icu);
  if (fast == icu) return true;
  ADD_FAILURE() << "text: \"" << text << "\"\n fast: " << Boundaries(fast)
                << "\n  icu: " << Boundaries(icu);
  return false;
}

// Every string of up to six characters over one representative of each
// ASCII Sentence_Break class (Other, CR, LF, Sp, Lower, Upper, Numeric,
// ATerm, STerm, Close, SContinue): the scanner and ICU decide from the
// classes alone, so this covers every class sequence of that length (1.9
// million strings, 1.5 s; seven characters, 21 million, also passed when the
// scanner was written).
TEST(SplitSentencesTest, AsciiScannerMatchesIcuOnAllShortClassSequences) {
  constexpr std::string_view kReps = "$\r\n aA7.?),";
  int mismatches = 0;
  std::string text;
  for (size_t len = 1; len <= 6 && mismatches < 5; ++len) {
    std::vector<size_t> digit(len, 0);
    for (;;) {
      text.resize(len);
      for (size_t k = 0; k < len; ++k) text[k] = kReps[digit[k]];
      if (!SameBoundariesAsIcu(text)) ++mismatches;
      size_t k = 0;
      while (k < len && ++digit[k] == kReps.size()) digit[k++] = 0;
      if (k == len) break;
    }
  }
}

// Long random strings: every ASCII character, and fragments of news text
// (abbreviations, quotes, numbers, URLs, ellipses, line breaks).
TEST(SplitSentencesTest, AsciiScannerMatchesIcuOnGeneratedText) {
  const std::string_view kFragments[] = {
      "Mr.",       "U.S.",       "e.g.", "No. 10", "3.5",
      "1,200",     "a.m.",       "said", "The",    " ",
      "  ",        "\n",         "\r\n", "\r",     "\t",
      ".",         "...",        "?",    "!",      "?!",
      "\"",        "'",          "(",    ")",      "[",
      "]",         "{",          "}",    ",",      ";",
      ":",         "-",          "--",   "$",      "%",
      "x",         "Y",          "F.",   "etc.",   "http://x.com/a.b?c=d",
      "\"Stop.\"", "(see p. 5)", "i.e.", "5th",    "'s",
      "@",         "_",          "\f",   "\v",     "#",
      "\u2014",    "\u2013",     "x\u2014y", ".\u2014", "\u2014A",
  };
  std::mt19937 rng(20261206);
  std::uniform_int_distribution<size_t> pick(0, std::size(kFragments) - 1);
  std::uniform_int_distribution<int> byte(0, 127);
  std::uniform_int_distribution<int> length(0, 40);
  int mismatches = 0;
  for (int round = 0; round < 100000 && mismatches < 5; ++round) {
    std::string text;
    for (int k = length(rng); k > 0; --k) {
      if (round % 4 == 0) {
        text += static_cast<char>(byte(rng));
      } else {
        text += kFragments[pick(rng)];
      }
    }
    if (!text.empty() && !SameBoundariesAsIcu(text)) ++mismatches;
  }
}

// The scanner's texts are vetoed and trimmed byte by byte: the sentences
// must be what the code-point path gives. Appending "\n\u00E9" sends a text
// to that path (ICU) and adds one sentence after a line break, where no
// veto applies, leaving the sentences before it alone.
TEST(SplitSentencesTest, ScannerTextVetoesAsTheCodePointPath) {
  const std::string_view kFragments[] = {
      "Mr.",      "Dr. ",    "U.S.", "e.g.", "No. ", "No.",     "10",
      " 5",       "Gen.",    "said", "The",  " ",    "  ",      "\n",
      "\r\n",     "\t",      ".",    "...",  "?",    "!",       "\"",
      "'",        "(",       ")",    "[",    ",",    "-",       "x",
      "Y",        "F.",      "J. ",  "(A.",  "\"B.", "\u2014",  "\u2013",
      "\u2014A.", "A\u2014", "\f",   "\v",   "a.",   "approx.", "Jan.",
      "Sept.",    "i.e.",    "St.",  "vs.",  "no.",  "Nos.",    "1.",
  };
  std::mt19937 rng(20261207);
  std::uniform_int_distribution<size_t> pick(0, std::size(kFragments) - 1);
  std::uniform_int_distribution<int> length(1, 30);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int k = length(rng); k > 0; --k) text += kFragments[pick(rng)];
    std::vector<int32_t> b;
    if (!internal::AsciiSentenceBoundaries(text, &b)) continue;
    const std::vector<Span> scanned = SplitSentences(text);
    std::vector<Span> icu = SplitSentences(text + "\n\u00E9");
    ASSERT_FALSE(icu.empty());
    icu.pop_back();
    ASSERT_EQ(scanned.size(), icu.size()) << text;
    for (size_t k = 0; k < icu.size(); ++k) {
      EXPECT_EQ(scanned[k].begin, icu[k].begin) << text;
      EXPECT_EQ(scanned[k].end, icu[k].end) << text;
    }
  }
}

// Non-ASCII text (other than the dashes) goes to ICU.
TEST(SplitSentencesTest, AsciiScannerRefusesNonAscii) {
  std::vector<int32_t> b;
  EXPECT_FALSE(internal::AsciiSentenceBoundaries("caf\u00E9. Ok.", &b));
  EXPECT_FALSE(internal::AsciiSentenceBoundaries("a\u2015b. Ok.", &b));
  EXPECT_FALSE(internal::AsciiSentenceBoundaries("a\xE2\x80", &b));
  // Wherever the byte is: after stops, after a terminator's closing marks
  // and spaces, right after a "." or a dash, past the first 16 bytes.
  EXPECT_FALSE(internal::AsciiSentenceBoundaries(
      "Go. Now! Then? Yes.\nMore text here. \u00C9t\u00E9.", &b));
  EXPECT_FALSE(internal::AsciiSentenceBoundaries("Go.) \u00E9 ok", &b));
  EXPECT_FALSE(internal::AsciiSentenceBoundaries("a.\u00E9 b", &b));
  EXPECT_FALSE(internal::AsciiSentenceBoundaries("a \u2014\u00E9 b", &b));
  EXPECT_FALSE(internal::AsciiSentenceBoundaries(
      "0123456789abcdef0123456789\u2014\xE2\x80", &b));
  EXPECT_TRUE(internal::AsciiSentenceBoundaries("cafe. Ok.", &b));
  EXPECT_EQ(b, (std::vector<int32_t>{6, 9}));
  // News text's dashes are SContinue, which the scanner knows.
  EXPECT_TRUE(internal::AsciiSentenceBoundaries("Go. \u2014 ok. Then.", &b));
  EXPECT_EQ(b, (std::vector<int32_t>{12, 17}));
}

}  // namespace
}  // namespace concord::text
