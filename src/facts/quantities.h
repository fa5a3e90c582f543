// Quantities in English news text: counts with what they count, money,
// percentages and measures, each with its value, hedge and offsets.
//
// A quantity is a number (src/text/numbers.h finds and values them: digits
// with separators, decimals, "1.2 million", number words, "a dozen",
// "1000's", "$5bn", "40%") plus what follows it:
//   "1,200 Ukrainian prisoners"   count 1200, unit "prisoner", modifier
//                                 "ukrainian" (head noun singular, words
//                                 between number and head are modifiers)
//   "nearly 1,250 kilometers"     distance 1250, unit "km", approximate
//   "$5bn"  "€3 million"  "5 million dollars"   money, currency "usd"/"eur"
//   "40%"  "40 percent"  "40 per cent"          percent
//   "thousands of prisoners"  "1000's of prisoners"   count >= 1000, vague
//   "10 to 20 people"  "10-20 people"  "between 10 and 20 people"   a range
//   "a 35-year-old man"  "aged 35"  "35 years old"   age, unit "year"
// Not quantities: years and dates ("in 2022", "December 3, 2023", "the
// 1990s"), clock times, ordinals ("fifth", "21st"), identifiers glued to a
// word ("F-16", "COVID-19"), "one" used as a pronoun ("one of the", "no
// one"), and small number words that count nothing ("the two sides" counts
// "side"; "the two have" is dropped).
//
// Hedges: "nearly", "about", "around", "some", "roughly", "just about",
// "or so", "-odd" are kApproximate; "more than", "over", "at least",
// "upwards of", "+", "-plus" and the vague plurals are kAtLeast; "up to",
// "less than", "fewer than", "under", "at most", "as many as" are kAtMost.
//
// Thread safety: pure functions, safe from any thread.
// Cost: FindNumbers over the Document's tokens (no extra tokenisation) plus
// a scan of at most six tokens after each number; a few small strings per
// quantity.
#ifndef CONCORD_FACTS_QUANTITIES_H_
#define CONCORD_FACTS_QUANTITIES_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/facts/dates.h"
#include "src/facts/document.h"

namespace concord::facts {

enum class QuantityKind : uint8_t {
  kCount,
  kMoney,
  kPercent,
  kDistance,
  kWeight,
  kArea,
  kVolume,
  kDuration,
  kSpeed,
  kTemperature,
  kAge,
};

enum class Approximation : uint8_t {
  kExact,
  kApproximate,  // nearly, about, some
  kAtLeast,      // more than, at least, over, thousands of
  kAtMost,       // up to, less than, under
};

struct Quantity {
  // Byte offsets of the whole mention: hedge, number and what it counts.
  uint32_t begin = 0, end = 0;
  std::string text;          // the raw text of [begin, end)
  double value = 0;          // the number (for a range, its low end)
  double low = 0, high = 0;  // equal to value unless is_range
  bool is_range = false;
  QuantityKind kind = QuantityKind::kCount;
  // What is counted or measured: a singular folded noun for counts
  // ("prisoner", "drone"), the canonical unit for measures ("km", "kg",
  // "year"), the ISO currency code for money ("usd"), "percent". Empty when
  // the text does not say.
  std::string unit;
  // Words between the number and the counted noun, folded and
  // space-separated ("ukrainian"); empty if none.
  std::string modifier;
  Approximation approximation = Approximation::kExact;
  std::string hedge;  // the hedge as written, folded ("nearly", "more than")
  // "thousands", "1000's", "dozens": a lower bound rather than a count.
  bool vague = false;
};

struct QuantityOptions {
  // Keep counts whose counted thing is unknown ("12 were killed"). Default
  // true; small number words without a noun are dropped regardless.
  bool keep_bare_counts = true;
};

// All quantities of a document in text order, skipping any number inside a
// span of `dates` (pass FindDates() output; when empty, dates are found
// here).
std::vector<Quantity> FindQuantities(const Document& doc,
                                     std::span<const DateMention> dates,
                                     const QuantityOptions& options = {});

// The same for a bare text.
std::vector<Quantity> FindQuantities(std::string_view text,
                                     const QuantityOptions& options = {});

// "count", "money", "percent", "distance", ...
std::string_view QuantityKindName(QuantityKind kind);
// "exact", "approximate", "at_least", "at_most".
std::string_view ApproximationName(Approximation a);

}  // namespace concord::facts

#endif  // CONCORD_FACTS_QUANTITIES_H_
