// Numeric tokens: digits, separators and suffixes to a value.
//
// The idea. The tokenizer hands us "1,200", "1.200.000", "3.5bn", "1000's"
// as single tokens; the question is what "," and "." mean. English writes
// "1,200.50", much of Europe "1.200,50", India "12,34,567". We read the
// English way, with two exceptions that are unambiguous in practice:
//   - with both separators, the last one is the decimal point ("1.200,50");
//   - several "."s are grouping ("1.200.000"), and a single "," not followed
//     by exactly three digits is a decimal comma ("1,5").
// One "." is always a decimal point, so "1.200" is 1.2, as in English text.
// A grouping must be well formed: first group 1-3 digits, last group three,
// middle groups all three or all two (the Indian style). That keeps dates
// ("12.03.2024"), IP addresses and version strings from becoming numbers.
//
// After the digits comes an optional suffix: "s" or "'s" (a plural, "the
// 1990s", "1000's"), an English ordinal ending, a scale ("bn", "m", "k"), or
// anything else, which we call a unit ("5km", "10am").
//
// Cost: two passes over the token, one small string copy, std::from_chars.
// Tests: numbers_test.cc (through ParseNumber and FindNumbers).
#include "src/text/numeric_token.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

namespace concord::text::internal {
namespace {

constexpr ScaleSuffix kScaleSuffixes[] = {
    {"k", 1e3, true},     {"m", 1e6, true},  {"mn", 1e6, false},
    {"mln", 1e6, false},  {"b", 1e9, true},  {"bn", 1e9, false},
    {"bln", 1e9, false},  {"t", 1e12, true}, {"tn", 1e12, false},
    {"trn", 1e12, false},
};

}  // namespace

const ScaleSuffix* FindScaleSuffix(std::string_view s) {
  for (const ScaleSuffix& entry : kScaleSuffixes) {
    if (entry.text == s) return &entry;
  }
  return nullptr;
}

std::optional<DigitMarks> FindDigitMarks(std::string_view s) {
  const size_t commas = std::count(s.begin(), s.end(), ',');
  const size_t dots = std::count(s.begin(), s.end(), '.');
  char group = 0;
  char decimal = 0;
  if (commas > 0 && dots > 0) {
    decimal = s.find_last_of(",.") == s.rfind(',') ? ',' : '.';
    group = decimal == ',' ? '.' : ',';
    if ((decimal == ',' ? commas : dots) > 1) return std::nullopt;
  } else if (commas > 0) {
    const size_t after = s.size() - s.rfind(',') - 1;
    if (commas == 1 && after != 3) {
      decimal = ',';
    } else {
      group = ',';
    }
  } else if (dots > 1) {
    group = '.';
  } else if (dots == 1) {
    decimal = '.';
  }
  return DigitMarks{group, decimal};
}

std::optional<double> ParseDigits(std::string_view s) {
  const std::optional<DigitMarks> marks = FindDigitMarks(s);
  if (!marks) return std::nullopt;
  const char group = marks->group;
  const char decimal = marks->decimal;
  // Check the grouping: the runs of digits between group marks before the
  // decimal mark are r0, r1, ..., rk; r0 has 1-3 digits, rk 3, and the
  // runs between them are all of one size, 2 or 3.
  const size_t int_end = decimal != 0 ? s.rfind(decimal) : s.size();
  if (group != 0) {
    constexpr size_t kNone = static_cast<size_t>(-1);
    size_t run = 0, first = kNone, middle = kNone;
    for (size_t i = 0; i < int_end; ++i) {
      if (s[i] != group) {
        ++run;
        continue;
      }
      if (first == kNone) {
        first = run;
      } else {
        if (middle == kNone) middle = run;
        if (run != middle || (run != 2 && run != 3)) return std::nullopt;
      }
      run = 0;
    }
    if (first == kNone) first = run;
    if (first < 1 || first > 3 || run != 3) return std::nullopt;
  }
  // An integer of at most 15 digits (most numbers) is exact in a double:
  // summed directly, it is what from_chars gives.
  if (decimal == 0) {
    uint64_t n = 0;
    int digits = 0;
    bool plain_digits = true;
    for (const char c : s) {
      if (c == group) continue;
      if (c < '0' || c > '9') {
        plain_digits = false;
        break;
      }
      n = n * 10 + static_cast<uint64_t>(c - '0');
      ++digits;
    }
    if (plain_digits && digits > 0 && digits <= 15) {
      return static_cast<double>(n);
    }
  }
  return DigitsValue(s, *marks);
}

std::optional<double> DigitsValue(std::string_view s, DigitMarks marks) {
  // A plain "123456.78" string for from_chars.
  std::string plain;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == marks.group) continue;
    plain.push_back(s[i] == marks.decimal ? '.' : s[i]);
  }
  double value = 0;
  const auto [ptr, ec] =
      std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (ec != std::errc() || ptr != plain.data() + plain.size())
    return std::nullopt;
  return value;
}

std::optional<NumericToken> ParseNumericToken(std::string_view norm) {
  size_t i = 0;
  // Plain digits (most tokens) are summed on the way: at most 15 of them
  // are exact in a double, what ParseDigits gives for them.
  uint64_t plain = 0;
  bool separators = false;
  while (i < norm.size()) {
    const char c = norm[i];
    if (c >= '0' && c <= '9') {
      plain = plain * 10 + static_cast<uint64_t>(c - '0');
      ++i;
    } else if ((c == ',' || c == '.') && i + 1 < norm.size() &&
               norm[i + 1] >= '0' && norm[i + 1] <= '9' && i > 0) {
      separators = true;
      ++i;
    } else {
      break;
    }
  }
  if (i == 0) return std::nullopt;  // digits of another script
  NumericToken t;
  if (!separators && i <= 15) {
    t.value = static_cast<double>(plain);
  } else {
    const std::optional<double> value = ParseDigits(norm.substr(0, i));
    if (!value) return std::nullopt;
    t.value = *value;
  }
  std::string_view rest = norm.substr(i);
  if (rest.empty()) return t;
  if (rest == "s" || rest == "'s") {
    t.suffix = NumericSuffix::kPlural;
  } else if (rest == "st" || rest == "nd" || rest == "rd" || rest == "th") {
    t.suffix = NumericSuffix::kOrdinal;
  } else if (const ScaleSuffix* s = FindScaleSuffix(rest)) {
    t.suffix = NumericSuffix::kScale;
    t.scale = s->value;
    t.scale_needs_currency = s->needs_currency;
  } else {
    t.suffix = NumericSuffix::kUnit;
  }
  return t;
}

uint32_t DigitPrefixBytes(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  int32_t last_digit_end = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0 && u_isdigit(c)) {
      last_digit_end = i;
    } else if (c != ',' && c != '.') {
      break;
    }
  }
  return static_cast<uint32_t>(last_digit_end);
}

}  // namespace concord::text::internal
