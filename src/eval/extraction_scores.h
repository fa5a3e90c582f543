// The Scrapinghub article-extraction benchmark's metric, per page.
//
// Tokens are maximal runs of word characters (Unicode letters, digits and
// '_', like Python's \w); a page's text becomes the multiset of its 4-token
// shingles (a text of 1-3 tokens is one shorter shingle). Against the
// reference body: TP = shingles in both (multiset intersection), FP = only
// in the extraction, FN = only in the reference. The benchmark then averages
// per-page precision TP/(TP+FP) over pages with TP+FP > 0 (1 when the page
// has FP = FN = 0) and recall TP/(TP+FN) likewise, and F1 is the harmonic
// mean of the two averages (AverageExtractionScores).
//
// Thread safety: pure functions. Cost: O(tokens) with one hash map.
#ifndef CONCORD_EVAL_EXTRACTION_SCORES_H_
#define CONCORD_EVAL_EXTRACTION_SCORES_H_

#include <string>
#include <string_view>
#include <vector>

namespace concord::eval {

// Splits UTF-8 text into \w+ tokens (views into `text`).
std::vector<std::string_view> WordTokens(std::string_view text);

struct ShingleCounts {
  double tp = 0, fp = 0, fn = 0;
};

ShingleCounts CompareShingles(std::string_view extracted,
                              std::string_view reference);

struct PageScore {
  double precision = 0, recall = 0;
  bool has_precision = false;  // TP + FP > 0 (or nothing expected or found)
  bool has_recall = false;     // TP + FN > 0 (or likewise)
};

PageScore ScorePage(const ShingleCounts& c);

struct AverageScores {
  double precision = 0, recall = 0, f1 = 0;
};
AverageScores AverageExtractionScores(const std::vector<PageScore>& pages);

}  // namespace concord::eval

#endif  // CONCORD_EVAL_EXTRACTION_SCORES_H_
