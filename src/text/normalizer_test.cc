#include "src/text/normalizer.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace concord::text {
namespace {

struct Row {
  std::string_view input;
  std::string_view expected;
};

// NormalizeForMatch: one row per case, input and match key side by side.
constexpr Row kMatchRows[] = {
    {"Hello World", "hello world"},
    {"\u201CQuoted\u201D", "\"quoted\""},    // “Quoted”
    {"\u2018single\u2019", "'single'"},      // ‘single’
    {"don\u2019t", "don't"},                 // don’t
    {"\u201EZitat\u201C", "\"zitat\""},      // „Zitat“
    {"\u00ABBonjour\u00BB", "\"bonjour\""},  // «Bonjour»
    {"\u2033inch\u2033", "\"inch\""},        // ″inch″ (not two primes)
    {"it\u2032s", "it's"},                   // it′s
    {"1990\u20132000", "1990-2000"},         // en dash
    {"wait\u2014what", "wait-what"},         // em dash
    {"non\u2011breaking", "non-breaking"},   // non-breaking hyphen
    {"\u22125 degrees", "-5 degrees"},       // minus sign
    {"Wait\u2026", "wait..."},               // ellipsis
    {"\uFB01nance", "finance"},              // ﬁ ligature
    {"\uFF11\uFF12\uFF13", "123"},           // full-width digits
    {"\uFF2E\uFF21\uFF34\uFF2F", "nato"},    // full-width letters
    {"Stra\u00DFe", "strasse"},              // ß folds to ss
    {"STRASSE", "strasse"},
    {"\u0130stanbul", "istanbul"},     // Turkish dotted İ
    {"\u0131spanak", "\u0131spanak"},  // dotless ı stays
    {"a\u00A0b", "a b"},               // NBSP
    {"a\u2009b", "a b"},               // thin space
    {"a\u202Fb", "a b"},               // narrow NBSP
    {"a\u3000b", "a b"},               // ideographic space
    {"co\u00ADoperate", "cooperate"},  // soft hyphen dropped
    {"zero\u200Bwidth", "zerowidth"},  // ZWSP dropped
    {"Cafe\u0301", "caf\u00E9"},       // composed to NFC
    {"\u03A3\u039F\u03A6\u039F\u03A3",
     "\u03C3\u03BF\u03C6\u03BF\u03C3"},  // ΣΟΦΟΣ
    {"x\u00B2", "x2"},                   // superscript two
    {"\u216B", "xii"},                   // roman numeral twelve
    {"\u2103", "\u00B0c"},               // degree Celsius sign
    {"\u0152UVRE", "\u0153uvre"},        // Œ
    {"\uFE58dash\uFF0D", "-dash-"},      // forms NFKC maps to dashes
    {"", ""},
};

TEST(NormalizeForMatchTest, GoldenTable) {
  for (const Row& row : kMatchRows) {
    EXPECT_EQ(NormalizeForMatch(row.input), row.expected)
        << "input: " << row.input;
  }
}

TEST(NormalizeForMatchTest, IsIdempotent) {
  for (const Row& row : kMatchRows) {
    const std::string once = NormalizeForMatch(row.input);
    EXPECT_EQ(NormalizeForMatch(once), once) << "input: " << row.input;
  }
}

TEST(NormalizeForMatchTest, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(NormalizeForMatch("A\xFF\u00E9"), "a\uFFFD\u00E9");
}

// UnifyPunctuation keeps case and Unicode form.
constexpr Row kUnifyRows[] = {
    {"\u201CDon\u2019t\u201D\u2014he said\u2026", "\"Don't\"-he said..."},
    {"\u0130stanbul", "\u0130stanbul"},
    {"\uFB01nance", "\uFB01nance"},
    {"Stra\u00DFe", "Stra\u00DFe"},
    {"a\u00A0b\u2003c", "a b c"},
    {"\u2039Oui\u203A", "'Oui'"},
    {"ASCII stays ASCII.", "ASCII stays ASCII."},
    {"bad \xFF byte", "bad \xFF byte"},
    {"", ""},
};

TEST(UnifyPunctuationTest, GoldenTable) {
  for (const Row& row : kUnifyRows) {
    EXPECT_EQ(UnifyPunctuation(row.input), row.expected)
        << "input: " << row.input;
  }
}

constexpr Row kFoldRows[] = {
    {"NATO", "nato"},
    {"Stra\u00DFe", "strasse"},
    {"Don\u2019t", "don't"},
    {"\uFF2E\uFF21\uFF34\uFF2F", "nato"},
    {"1,200", "1,200"},
    {"\u041A\u0438\u0435\u0432", "\u043A\u0438\u0435\u0432"},  // Киев
    {"", ""},
};

TEST(FoldWordTest, GoldenTable) {
  std::string out = "left over from a previous call";
  for (const Row& row : kFoldRows) {
    FoldWord(row.input, &out);
    EXPECT_EQ(out, row.expected) << "input: " << row.input;
  }
}

}  // namespace
}  // namespace concord::text
