#include "src/text/numbers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/text/numeric_token.h"

namespace concord::text {
namespace {

struct ParseRow {
  std::string_view text;
  std::optional<double> value;
};

// One row per case: the text and its value (nullopt: not a number).
const ParseRow kParseRows[] = {
    {"1,200", 1200},
    {"3.5", 3.5},
    {"1000's", 1000},
    {"1000s", 1000},
    {"1000\u2019s", 1000},
    {"nearly 1,250", 1250},
    {"one", 1},
    {"zero", 0},
    {"twenty-five", 25},
    {"twenty five", 25},
    {"ninety-nine", 99},
    {"two hundred and fifty", 250},
    {"three thousand four hundred", 3400},
    {"seven million two hundred thousand", 7.2e6},
    {"nineteen hundred", 1900},
    {"a hundred", 100},
    {"1.2 million", 1.2e6},
    {"3 billion", 3e9},
    {"$3.5bn", 3.5e9},
    {"3.5bn", 3.5e9},
    {"\u00A3100m", 1e8},
    {"\u20AC2.5 bn", 2.5e9},
    {"a dozen", 12},
    {"two dozen", 24},
    {"half", 0.5},
    {"half a million", 5e5},
    {"one and a half million", 1.5e6},
    {"fifth", 5},
    {"twenty-first", 21},
    {"one hundred and fifth", 105},
    {"hundredth", 100},
    {"5th", 5},
    {"1.200.000", 1.2e6},
    {"1,5", 1.5},
    {"1.200,50", 1200.5},
    {"12,34,567", 1234567},
    {"-4", -4},
    {"\u22127", -7},
    {"12%", 12},
    {"\uFF11\uFF12", 12},
    {"  42  ", 42},
    {"thousands", std::nullopt},
    {"tens of thousands", std::nullopt},
    {"dozens", std::nullopt},
    {"100m", std::nullopt},
    {"5km", std::nullopt},
    {"12.03.2024", std::nullopt},
    {"192.168.0.1", std::nullopt},
    {"one two", std::nullopt},
    {"1,200 people", std::nullopt},
    {"a", std::nullopt},
    {"", std::nullopt},
};

// ParseDigits() by its definition, without fast paths: the marks as
// FindDigitMarks reads them, the grouping checked on the list of digit runs,
// then DigitsValue (from_chars) for every value, integers included.
std::optional<double> RefParseDigits(std::string_view s) {
  const std::optional<internal::DigitMarks> marks = internal::FindDigitMarks(s);
  if (!marks) return std::nullopt;
  const char group = marks->group;
  const char decimal = marks->decimal;
  const size_t int_end = decimal != 0 ? s.rfind(decimal) : s.size();
  if (group != 0) {
    std::vector<size_t> sizes(1, 0);
    for (size_t i = 0; i < int_end; ++i) {
      if (s[i] == group) {
        sizes.push_back(0);
      } else {
        ++sizes.back();
      }
    }
    if (sizes.front() < 1 || sizes.front() > 3 || sizes.back() != 3)
      return std::nullopt;
    for (size_t i = 1; i + 1 < sizes.size(); ++i) {
      if (sizes[i] != sizes[1] || (sizes[i] != 2 && sizes[i] != 3))
        return std::nullopt;
    }
  }
  return internal::DigitsValue(s, *marks);
}

TEST(ParseDigitsTest, FindsGroupAndDecimalMarks) {
  auto marks = [](std::string_view s) {
    const std::optional<internal::DigitMarks> m = internal::FindDigitMarks(s);
    return m ? std::string{m->group ? m->group : '-',
                           m->decimal ? m->decimal : '-'}
             : std::string("none");
  };
  EXPECT_EQ(marks("1200"), "--");
  EXPECT_EQ(marks("1,200"), ",-");
  EXPECT_EQ(marks("1,200,000"), ",-");
  EXPECT_EQ(marks("3,5"), "-,");
  EXPECT_EQ(marks("1.200,50"), ".,");
  EXPECT_EQ(marks("1,200.50"), ",.");
  EXPECT_EQ(marks("3.5"), "-.");
  EXPECT_EQ(marks("192.168.0.1"), ".-");
  EXPECT_EQ(marks("1,2,3.4.5"), "none");  // two decimal marks
}

// The integer fast path and the grouping check give what the definition
// gives, on generated digit strings with group and decimal marks.
TEST(ParseDigitsTest, MatchesItsDefinitionOnGeneratedStrings) {
  const std::string_view alphabet = "0123456789012345678901234567,.,.,.a-";
  uint64_t state = 11;
  for (int round = 0; round < 200000; ++round) {
    std::string s;
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const int n = static_cast<int>((state >> 40) % 22);
    for (int k = 0; k < n; ++k) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      s.push_back(alphabet[(state >> 33) % alphabet.size()]);
    }
    ASSERT_EQ(internal::ParseDigits(s), RefParseDigits(s)) << s;
  }
  // Runs of digits joined by one mark, often well grouped.
  for (int round = 0; round < 100000; ++round) {
    std::string s;
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const char mark = (state >> 20) & 1 ? ',' : '.';
    const int runs = 1 + static_cast<int>((state >> 24) % 6);
    for (int r = 0; r < runs; ++r) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const int len = r == 0 ? 1 + static_cast<int>((state >> 30) % 4)
                             : 2 + static_cast<int>((state >> 30) % 3);
      if (r > 0) s.push_back((state >> 50) % 7 == 0 ? ',' + '.' - mark : mark);
      for (int k = 0; k < len; ++k) {
        s.push_back(static_cast<char>('0' + (state >> (33 + 2 * k)) % 10));
      }
    }
    ASSERT_EQ(internal::ParseDigits(s), RefParseDigits(s)) << s;
  }
  for (std::string_view s :
       {"1,200", "12,345,678", "1,23,45,678", "999999999999999",
        "1000000000000000", "12345678901234567890", "007", "1.234.567",
        "1.234,5", "3.5", "1,5", ""}) {
    ASSERT_EQ(internal::ParseDigits(s), RefParseDigits(s)) << s;
  }
}

// ParseNumericToken sums plain digits itself: the value ParseDigits gives.
TEST(ParseDigitsTest, NumericTokenValueIsParseDigits) {
  for (std::string_view s :
       {"0", "7", "007", "1990", "999999999999999", "1000000000000000",
        "12345678901234567890", "1,200", "3.5", "1.234.567", "12.03.2024"}) {
    const std::optional<double> digits = internal::ParseDigits(s);
    const std::optional<internal::NumericToken> token =
        internal::ParseNumericToken(s);
    ASSERT_EQ(token.has_value(), digits.has_value()) << s;
    if (token) {
      EXPECT_EQ(token->value, *digits) << s;
    }
    for (std::string_view suffix : {"s", "th", "bn", "km"}) {
      const std::string text = std::string(s) + std::string(suffix);
      const std::optional<internal::NumericToken> t =
          internal::ParseNumericToken(text);
      ASSERT_EQ(t.has_value(), digits.has_value()) << text;
      if (t) {
        EXPECT_EQ(t->value, *digits) << text;
      }
    }
  }
}

TEST(ParseNumberTest, GoldenTable) {
  for (const ParseRow& row : kParseRows) {
    const std::optional<double> got = ParseNumber(row.text);
    ASSERT_EQ(got.has_value(), row.value.has_value()) << "text: " << row.text;
    if (got) {
      EXPECT_DOUBLE_EQ(*got, *row.value) << "text: " << row.text;
    }
  }
}

// Mentions as "span=value", "~" for approximate, joined by "; ".
std::string Mentions(std::string_view text) {
  std::string out;
  for (const NumberMention& m : FindNumbers(text)) {
    if (!out.empty()) out += "; ";
    char value[32];
    std::snprintf(value, sizeof(value), "%g", m.value);
    out += std::string(text.substr(m.begin, m.end - m.begin)) + "=" + value;
    if (m.approximate) out += "~";
  }
  return out;
}

struct FindRow {
  std::string_view text;
  std::string_view mentions;
};

// One row per case: the text and every mention in it.
constexpr FindRow kFindRows[] = {
    {"Officials said 1,200 people died.", "1,200=1200"},
    {"Nearly 1,250 were hurt.", "Nearly 1,250=1250~"},
    {"two hundred and fifty protesters", "two hundred and fifty=250"},
    {"a $3.5bn deal and a \u00A3100m fine", "$3.5bn=3.5e+09; \u00A3100m=1e+08"},
    {"The 1.2 million voters", "1.2 million=1.2e+06"},
    {"thousands of people", ""},
    {"tens of thousands marched", ""},
    {"1000's of fans", "1000's=1000~"},
    {"more than 300 arrests", "more than 300=300~"},
    {"an estimated 2,000 homes", "an estimated 2,000=2000~"},
    {"Up to 40 people", "Up to 40=40~"},
    // Hedges that share a first word: each is tried, in table order.
    {"as many as 40 and as much as 50", "as many as 40=40~; as much as 50=50~"},
    {"at least 7, at most 9", "at least 7=7~; at most 9=9~"},
    {"just over 10 and just under 20", "just over 10=10~; just under 20=20~"},
    {"as many 40", "40=40"},
    {"at-least 7", "7=7"},
    {"an estimate of 30", "30=30"},
    {"about twenty-five people", "about twenty-five=25~"},
    {"some 300-odd delegates", "some 300-odd=300~"},
    {"100 or so people", "100 or so=100~"},
    {"one, two, three", "one=1; two=2; three=3"},
    {"twenty twenty", "twenty=20; twenty=20"},
    {"a dozen eggs", "a dozen=12"},
    {"one and a half million", "one and a half million=1.5e+06"},
    {"the fifth round", ""},
    {"the 5th round", ""},
    {"half of the votes", ""},
    {"in 2015-2016", "2015=2015; 2016=2016"},
    {"a 5km race", "5=5"},
    {"prices fell 3.5% on Monday", "3.5%=3.5"},
    {"temperatures of -4 degrees", "-4=-4"},
    {"COVID-19 cases", "19=19"},
    {"in the 1990s", "1990s=1990~"},
    {"\u041C\u043E\u0441\u043A\u0432\u0430, 12 \u0434\u043D\u0435\u0439",
     "12=12"},
    {"on 12.03.2024", ""},
    {"No numbers here.", ""},
    {"", ""},
    // Starter words whose next tokens decide (MayStartNumberAt).
    {"a-hundred men, a thousand more", "a-hundred=100; a thousand=1000"},
    {"about -4 degrees, about $5, about, 5", "about -4=-4~; about $5=5~; 5=5"},
    {"some people, at the end, up there, as ever", ""},
    {"just about 5, well over twenty", "about 5=5~; well over twenty=20~"},
    {"nearly", ""},
    {"a", ""},
};

// Lone words of letters take ParseNumber's fast path; those that can start a
// number still get their value, whatever their case.
TEST(ParseNumberTest, LoneWords) {
  EXPECT_EQ(ParseNumber("One"), 1);
  EXPECT_EQ(ParseNumber("TWELVE"), 12);
  EXPECT_EQ(ParseNumber("ninety"), 90);
  EXPECT_EQ(ParseNumber("Fifth"), 5);
  EXPECT_EQ(ParseNumber("hundredth"), 100);
  EXPECT_EQ(ParseNumber("Half"), 0.5);
  EXPECT_EQ(ParseNumber("zero"), 0);
  for (std::string_view w :
       {"a", "An", "hundred", "dozen", "million", "and", "about", "Nearly",
        "thousands", "dozens", "people", "Ukraine", "x", "oneself", "tens",
        "approximatelyapproximatelyapproximately"}) {
    EXPECT_EQ(ParseNumber(w), std::nullopt) << w;
  }
}

TEST(FindNumbersTest, GoldenTable) {
  for (const FindRow& row : kFindRows) {
    EXPECT_EQ(Mentions(row.text), row.mentions) << "text: " << row.text;
  }
}

TEST(FindNumbersTest, OffsetsAreBytesIntoTheInput) {
  const std::string text = "\u201CNearly 1,250\u201D \u2014 officials";
  const std::vector<NumberMention> mentions = FindNumbers(text);
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(mentions[0].begin, 3u);  // after the 3-byte opening quote
  EXPECT_EQ(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin),
            "Nearly 1,250");
  EXPECT_TRUE(mentions[0].approximate);
}

TEST(FindNumbersTest, OverCallerTokensGivesTheSameMentions) {
  for (const FindRow& row : kFindRows) {
    const std::string text(row.text);
    std::vector<Token> tokens;
    Tokenize(text, &tokens, {.keep_punct = true});
    const std::vector<NumberMention> own = FindNumbers(text);
    const std::vector<NumberMention> given = FindNumbers(text, tokens);
    ASSERT_EQ(own.size(), given.size()) << "text: " << text;
    for (size_t k = 0; k < own.size(); ++k) {
      EXPECT_EQ(own[k].begin, given[k].begin) << "text: " << text;
      EXPECT_EQ(own[k].end, given[k].end) << "text: " << text;
      EXPECT_EQ(own[k].value, given[k].value) << "text: " << text;
      EXPECT_EQ(own[k].approximate, given[k].approximate) << "text: " << text;
    }
  }
}

TEST(FindNumbersTest, OverStartsGivesTheSameMentions) {
  // Only the MayStartNumber or MayStartNumberAt tokens, and every token:
  // all as FindNumbers.
  for (const FindRow& row : kFindRows) {
    const std::string text(row.text);
    std::vector<Token> tokens;
    Tokenize(text, &tokens, {.keep_punct = true});
    std::vector<uint32_t> starts, at, all;
    for (uint32_t i = 0; i < tokens.size(); ++i) {
      all.push_back(i);
      if (MayStartNumber(text, tokens[i])) starts.push_back(i);
      if (MayStartNumberAt(text, tokens, i)) at.push_back(i);
      // The look at the next tokens only ever takes starts away.
      if (MayStartNumberAt(text, tokens, i)) {
        EXPECT_TRUE(MayStartNumber(text, tokens[i])) << text << " " << i;
      }
    }
    const std::vector<NumberMention> own = FindNumbers(text);
    for (const std::vector<uint32_t>* list : {&starts, &at, &all}) {
      const std::vector<NumberMention> given = FindNumbers(text, tokens, *list);
      ASSERT_EQ(own.size(), given.size()) << "text: " << text;
      for (size_t k = 0; k < own.size(); ++k) {
        EXPECT_EQ(own[k].begin, given[k].begin) << "text: " << text;
        EXPECT_EQ(own[k].end, given[k].end) << "text: " << text;
        EXPECT_EQ(own[k].value, given[k].value) << "text: " << text;
        EXPECT_EQ(own[k].approximate, given[k].approximate) << text;
      }
    }
  }
}

TEST(FindNumbersTest, StarterWordsMayStartNumbers) {
  for (std::string_view w : NumberStarterWords()) {
    const std::string text(w);
    std::vector<Token> tokens;
    Tokenize(text, &tokens, {.keep_punct = true});
    ASSERT_EQ(tokens.size(), 1u) << w;
    EXPECT_TRUE(MayStartNumber(text, tokens[0])) << w;
  }
  for (std::string_view w : {"the", "said", ",", ".", "%", "people"}) {
    const std::string text(w);
    std::vector<Token> tokens;
    Tokenize(text, &tokens, {.keep_punct = true});
    ASSERT_EQ(tokens.size(), 1u) << w;
    EXPECT_FALSE(MayStartNumber(text, tokens[0])) << w;
  }
}

}  // namespace
}  // namespace concord::text
