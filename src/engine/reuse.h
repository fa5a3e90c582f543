// Text reuse inside each story: pairwise relations, families, origins and
// roles (src/compare/families.h), written into the report. Engine-internal.
#ifndef CONCORD_ENGINE_REUSE_H_
#define CONCORD_ENGINE_REUSE_H_

#include <vector>

#include "concord/article.h"
#include "concord/engine.h"
#include "concord/options.h"
#include "src/compare/wordnet.h"

namespace concord {

// For every story of two or more articles, aligns its first
// options.max_articles articles pairwise and fills Story::relations,
// Story::families and each ArticleSummary's role, family and swaps.
// Returns the number of pairs compared.
uint64_t AnalyzeReuse(const std::vector<Article>& in,
                      const ReuseOptions& options,
                      std::vector<ArticleSummary>* articles,
                      std::vector<Story>* stories,
                      std::vector<Status>* warnings);

// The work of AnalyzeReuse for one story: re-extracts the bodies of its
// first options.max_articles members, aligns them pairwise, reconciles
// their facts (options.facts) and fills st's relations, families, claims,
// conflicts, entities, quotes and brief, and the role, family and swaps of
// st's own articles in *articles. Returns the number of pairs compared.
// Thread safety: reads `in`, `options` and `wordnet` (read-only) and writes
// only *st and the summaries of st's articles, so different stories may be
// analysed on different threads at once (stemmers are per thread).
// `wordnet` may be null (swaps then carry no relation).
uint64_t ReuseInStory(const std::vector<Article>& in,
                      const ReuseOptions& options,
                      const compare::WordNet* wordnet,
                      std::vector<ArticleSummary>* articles, Story* st);

}  // namespace concord

#endif  // CONCORD_ENGINE_REUSE_H_
