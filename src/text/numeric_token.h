// Reading one numeric token: "1,200", "1.200,50", "3.5bn", "1000's", "5th".
//
// Internal to src/text (used by numbers.cc); not for other modules. The rules
// for "," and "." are in numeric_token.cc.
//
// Thread safety: pure functions. Cost: linear in the token.
#ifndef CONCORD_TEXT_NUMERIC_TOKEN_H_
#define CONCORD_TEXT_NUMERIC_TOKEN_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace concord::text::internal {

// A scale written after digits, glued ("3.5bn") or not ("3.5 bn").
struct ScaleSuffix {
  std::string_view text;  // folded: "bn", "m", "tn"
  double value;           // 1e9, 1e6, 1e12
  // Ambiguous without a currency sign: "100m" may be metres.
  bool needs_currency;
};

// The suffix entry for `folded` ("bn" -> 1e9), or nullptr.
const ScaleSuffix* FindScaleSuffix(std::string_view folded);

// Value of ASCII digits with "," and "." separators ("1,200", "1.200,50",
// "3.5"); nullopt when the separators do not form a valid grouping
// ("12.03.2024", "192.168.0.1").
// REQUIRES: digits starts and ends with a digit and holds only digits, ","
// and ".".
std::optional<double> ParseDigits(std::string_view digits);

// The marks ParseDigits reads `digits` with: the group mark and the
// decimal mark, each ',', '.' or 0 for none; nullopt when the decimal mark
// occurs more than once. "1,200" -> {',', 0}, "1.200,50" -> {'.', ','},
// "3,5" -> {0, ','}.
struct DigitMarks {
  char group = 0;
  char decimal = 0;
};
std::optional<DigitMarks> FindDigitMarks(std::string_view digits);

// The value of `digits` read with `marks` by from_chars, without checking
// the grouping: group marks dropped, the decimal mark read as '.'. What
// ParseDigits gives once the grouping is valid (it sums short integers
// itself, to the same value).
std::optional<double> DigitsValue(std::string_view digits, DigitMarks marks);

enum class NumericSuffix {
  kNone,     // "1,200"
  kPlural,   // "1000s", "1000's"
  kOrdinal,  // "5th", "21st"
  kScale,    // "3.5bn", "100m"
  kUnit,     // anything else: "5km", "10am"
};

struct NumericToken {
  double value = 0;  // of the digits, before any scale
  NumericSuffix suffix = NumericSuffix::kNone;
  double scale = 1;  // for kScale
  bool scale_needs_currency = false;
};

// A kNumber token's norm (FoldWord output): digits and separators, then an
// optional suffix. nullopt when it does not start with an ASCII digit or the
// digits do not parse.
std::optional<NumericToken> ParseNumericToken(std::string_view norm);

// Byte length of the leading digits (any script, with inner "," and ".") of
// a token's original text: the part of "5km" or "５km" that is the number.
uint32_t DigitPrefixBytes(std::string_view original);

}  // namespace concord::text::internal

#endif  // CONCORD_TEXT_NUMERIC_TOKEN_H_
