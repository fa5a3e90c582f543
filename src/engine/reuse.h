// Text reuse inside each story: pairwise relations, families, origins and
// roles (src/compare/families.h), written into the report. Engine-internal.
#ifndef CONCORD_ENGINE_REUSE_H_
#define CONCORD_ENGINE_REUSE_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "concord/article.h"
#include "concord/engine.h"
#include "concord/options.h"
#include "src/compare/wordnet.h"
#include "src/text/stemmer.h"

namespace concord {

// Text reuse, story by story, for the engine's story stage. `in[i].text` is
// article i's extracted body (PrepareArticle's `body`), not its raw text;
// a member's credit comes from its summary.

// What every story shares: WordNet, read-only once loaded, so one context
// serves any number of threads. A failure to find or load WordNet is a
// warning, not an error.
struct ReuseContext {
  std::unique_ptr<compare::WordNet> wordnet;  // null without WordNet
};
std::unique_ptr<ReuseContext> LoadReuseContext(const ReuseOptions& options,
                                               std::vector<Status>* warnings);

// Per-thread state (stemmers by language). Not thread-safe: one per thread.
class ReuseWorker {
 public:
  text::Stemmer* StemmerFor(const std::string& lang);
  // Whether WordNet counts unit words a and b as one unit (a hypernym or
  // closer), remembered across the worker's stories: the same unit words
  // meet in story after story, and a look-up costs some ten thousand
  // instructions. A worker serves one ReuseContext, so one WordNet.
  bool SameUnit(const compare::WordNet& wordnet, std::string_view a,
                std::string_view b);

 private:
  std::map<std::string, std::unique_ptr<text::Stemmer>> stemmers_;
  std::unordered_map<std::string, bool> same_unit_;  // "a\0b" -> answer
};

// The work for stories [begin, end) of `*stories`, on the
// calling thread. Writes only those stories and their members' summaries,
// so disjoint ranges may run concurrently. Ignores options.enabled and
// options.threads. `in` and `*articles` are indexed by Story::articles;
// the members' summaries must carry their ids (a member's `derived_from`
// is its parent's id).
uint64_t AnalyzeStoriesReuse(const ReuseContext& context, ReuseWorker* worker,
                             const std::vector<Article>& in,
                             const ReuseOptions& options,
                             std::vector<ArticleSummary>* articles,
                             std::vector<Story>* stories, size_t begin,
                             size_t end);

// The work for one story: takes the bodies of its first
// options.max_articles members, aligns them pairwise, reconciles
// their facts (options.facts) and fills st's relations, families, claims,
// conflicts, entities, quotes and brief, and the role, family and swaps of
// st's own articles in *articles. Returns the number of pairs compared.
// Thread safety: reads `in`, `options` and `wordnet` (read-only) and writes
// only *st and the summaries of st's articles, so different stories may be
// analysed on different threads at once, each with its own `worker`.
// `wordnet` may be null (swaps then carry no relation).
uint64_t ReuseInStory(const std::vector<Article>& in,
                      const ReuseOptions& options,
                      const compare::WordNet* wordnet, ReuseWorker* worker,
                      std::vector<ArticleSummary>* articles, Story* st);

}  // namespace concord

#endif  // CONCORD_ENGINE_REUSE_H_
