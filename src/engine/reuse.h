// Text reuse inside each story: pairwise relations, families, origins and
// roles (src/compare/families.h), written into the report. Engine-internal.
#ifndef CONCORD_ENGINE_REUSE_H_
#define CONCORD_ENGINE_REUSE_H_

#include <vector>

#include "concord/article.h"
#include "concord/engine.h"
#include "concord/options.h"

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

}  // namespace concord

#endif  // CONCORD_ENGINE_REUSE_H_
