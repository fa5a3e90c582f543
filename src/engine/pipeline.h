// The per-article stage and the ordering of the pipeline, shared by
// Engine::Run and the incremental store: what one article becomes before
// clustering (its summary and its term bag) and the order articles are
// clustered in. Engine-internal.
#ifndef CONCORD_ENGINE_PIPELINE_H_
#define CONCORD_ENGINE_PIPELINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "concord/article.h"
#include "concord/engine.h"
#include "concord/options.h"
#include "src/sketch/features.h"
#include "src/sketch/sparse_vector.h"

namespace concord {

// What the per-article stage makes of one article.
struct PreparedArticle {
  ArticleSummary summary;  // everything but role, family, swaps and story
  sketch::TermBag bag;     // headline, body and headings
  std::string body;        // the extracted body (what stories align)
  uint64_t input_bytes = 0;
};

// Extracts the body (chrome, captions, credits), detects the language when
// the input gave none, counts words and terms. Depends on nothing but the
// article and the options: safe to run for different articles on different
// threads, each with its own `features` (and `vocabulary`, when non-null).
// `vocabulary` receives the strings of the terms `features` has not given
// out before (VocabularyTerms::kUnseen), not of every term of the article:
// the caller keeps what earlier calls with the same `features` added.
PreparedArticle PrepareArticle(const Article& article,
                               const AnalyzeOptions& options,
                               sketch::FeatureExtractor* features,
                               sketch::Vocabulary* vocabulary);

// Words of `s` as ArticleSummary::words counts them: maximal runs of bytes
// other than space, tab, CR and LF. CountWords reads 64-byte blocks as
// two 32-byte loads where the processor has AVX2 and POPCNT (chosen at run
// time), else as CountWordsSse2, 64 then 16 bytes at a time where SSE2 is
// available;
// CountWordsSlow is the byte loop both must equal (pipeline_test.cc holds
// them equal).
uint32_t CountWords(std::string_view s);
uint32_t CountWordsSse2(std::string_view s);
uint32_t CountWordsSlow(std::string_view s);

// A web page (`article->html` set) becomes the article a reader sees: the
// extracted body becomes `text`, what the page says about itself fills the
// fields the input left empty, the markup is dropped. Page warnings are
// appended to `warnings`, named by the article's origin. Returns an error
// naming the origin when the page has no article text. Does nothing for an
// article without html.
Status ReadWebPage(Article* article, std::vector<Status>* warnings);

// The time an article is ordered by: its own, or for an undated article the
// time of the dated article before it in the input; nullopt before any.
std::vector<std::optional<int64_t>> OrderTimes(
    const std::vector<Article>& articles);

// The same from each article's published_time, in input order.
std::vector<std::optional<int64_t>> OrderTimes(
    const std::vector<std::optional<int64_t>>& published);

// Indexes of `times` in publication order, ties (and undated articles at
// the start) in input order.
std::vector<uint32_t> PublicationOrder(
    const std::vector<std::optional<int64_t>>& times);

// Keywords of a story: the heaviest centroid terms, names and numbers shown
// as written, at most `k`.
std::vector<std::string> Keywords(const sketch::SparseVector& sum,
                                  const sketch::Vocabulary& vocab, size_t k);

}  // namespace concord

#endif  // CONCORD_ENGINE_PIPELINE_H_
