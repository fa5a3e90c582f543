// Shingle precision and recall for article extraction; definitions in
// extraction_scores.h. Tested by extraction_scores_test.cc on hand-counted
// cases.
#include "src/eval/extraction_scores.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string>
#include <unordered_map>

namespace concord::eval {
namespace {

bool IsWordChar(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
  }
  const int8_t type = u_charType(c);
  switch (type) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER: case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER: case U_OTHER_NUMBER:
      return true;
    default:
      return false;
  }
}

std::unordered_map<std::string, double> Shingles(std::string_view text) {
  const std::vector<std::string_view> tokens = WordTokens(text);
  std::unordered_map<std::string, double> out;
  constexpr size_t kN = 4;
  if (tokens.empty()) return out;
  const size_t count = tokens.size() >= kN ? tokens.size() - kN + 1 : 1;
  const size_t width = std::min(kN, tokens.size());
  std::string key;
  for (size_t i = 0; i < count; ++i) {
    key.clear();
    for (size_t k = 0; k < width; ++k) {
      if (k) key.push_back('\x1f');
      key.append(tokens[i + k]);
    }
    out[key] += 1;
  }
  return out;
}

}  // namespace

std::vector<std::string_view> WordTokens(std::string_view text) {
  std::vector<std::string_view> out;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  int32_t start = -1;
  while (i < n) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    const bool word = c >= 0 && IsWordChar(c);
    if (word && start < 0) start = at;
    if (!word && start >= 0) {
      out.push_back(text.substr(start, at - start));
      start = -1;
    }
  }
  if (start >= 0) out.push_back(text.substr(start));
  return out;
}

ShingleCounts CompareShingles(std::string_view extracted,
                              std::string_view reference) {
  const auto got = Shingles(extracted);
  const auto want = Shingles(reference);
  ShingleCounts c;
  for (const auto& [k, n] : got) {
    const auto it = want.find(k);
    const double shared = it == want.end() ? 0 : std::min(n, it->second);
    c.tp += shared;
    c.fp += n - shared;
  }
  for (const auto& [k, n] : want) {
    const auto it = got.find(k);
    c.fn += n - (it == got.end() ? 0 : std::min(n, it->second));
  }
  return c;
}

PageScore ScorePage(const ShingleCounts& c) {
  PageScore p;
  if (c.fp == 0 && c.fn == 0) {
    // Nothing wrong (including nothing expected and nothing found).
    p.precision = p.recall = 1;
    p.has_precision = p.has_recall = true;
    return p;
  }
  if (c.tp + c.fp > 0) {
    p.precision = c.tp / (c.tp + c.fp);
    p.has_precision = true;
  }
  if (c.tp + c.fn > 0) {
    p.recall = c.tp / (c.tp + c.fn);
    p.has_recall = true;
  }
  return p;
}

AverageScores AverageExtractionScores(const std::vector<PageScore>& pages) {
  AverageScores a;
  double np = 0, nr = 0;
  for (const PageScore& p : pages) {
    if (p.has_precision) {
      a.precision += p.precision;
      ++np;
    }
    if (p.has_recall) {
      a.recall += p.recall;
      ++nr;
    }
  }
  if (np > 0) a.precision /= np;
  if (nr > 0) a.recall /= nr;
  if (a.precision + a.recall > 0) {
    a.f1 = 2 * a.precision * a.recall / (a.precision + a.recall);
  }
  return a;
}

}  // namespace concord::eval
