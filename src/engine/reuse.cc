// Text reuse inside stories: re-extracts the bodies of each story's members
// (bodies are not kept between stages, to bound memory), aligns every pair
// and records relations, families, roles and the spinner's swaps.
#include "src/engine/reuse.h"

#include <map>
#include <memory>

#include "src/compare/families.h"
#include "src/compare/wordnet.h"
#include "src/extract/text_chrome.h"

namespace concord {

uint64_t AnalyzeReuse(const std::vector<Article>& in,
                      const ReuseOptions& options,
                      std::vector<ArticleSummary>* articles,
                      std::vector<Story>* stories,
                      std::vector<Status>* warnings) {
  if (!options.enabled) return 0;
  bool any = false;
  for (const Story& st : *stories) any = any || st.articles.size() >= 2;
  if (!any) return 0;

  std::unique_ptr<compare::WordNet> wordnet;
  std::string dir = options.wordnet_dir;
  if (dir.empty()) dir = compare::WordNet::FindDefaultDir();
  if (dir.empty()) {
    warnings->push_back(Status::NotFound(
        "WordNet data not found (install wordnet-base): swaps carry no "
        "WordNet relation"));
  } else {
    auto loaded = compare::WordNet::Load(dir);
    if (loaded.ok()) {
      wordnet = std::move(loaded).value();
    } else {
      warnings->push_back(loaded.status());
    }
  }

  std::map<std::string, std::unique_ptr<text::Stemmer>> stemmers;
  auto stemmer_for = [&stemmers](const std::string& lang) {
    auto& s = stemmers[lang];
    if (!s) s = std::make_unique<text::Stemmer>(lang);
    return s.get();
  };

  uint64_t pairs = 0;
  for (Story& st : *stories) {
    if (st.articles.size() < 2) continue;
    const size_t n = std::min(st.articles.size(), options.max_articles);
    std::vector<std::string> bodies(n);
    std::vector<compare::AlignedText> texts(n);
    std::vector<compare::StoryMember> members(n);
    for (size_t k = 0; k < n; ++k) {
      const Article& a = in[st.articles[k]];
      extract::TextExtractOptions xo;
      xo.known_title = a.title;
      ArticleContent content = extract::ExtractFromText(a.text, xo);
      bodies[k] = std::move(content.body);
      const std::string lang =
          (*articles)[st.articles[k]].lang.empty() ? "en"
                                                   : (*articles)[st.articles[k]].lang;
      texts[k] = compare::PrepareForAlignment(bodies[k], lang, stemmer_for(lang));
      members[k].text = &texts[k];
      members[k].time = a.published_time;
      members[k].has_credit = !content.credits.empty();
    }
    const compare::StoryReuse reuse =
        compare::AnalyzeStoryReuse(members, wordnet.get());
    pairs += reuse.pairs.size();
    for (const compare::PairResult& pr : reuse.pairs) {
      PairwiseRelation r;
      r.a = st.articles[pr.a];
      r.b = st.articles[pr.b];
      r.relation = compare::RelationName(pr.relation.relation);
      r.score = pr.relation.score;
      r.coverage_a = pr.relation.evidence.coverage_a;
      r.coverage_b = pr.relation.evidence.coverage_b;
      r.longest_passage = pr.relation.evidence.longest;
      r.swaps = pr.relation.evidence.swaps;
      st.relations.push_back(std::move(r));
    }
    for (const auto& fam : reuse.families) {
      Family f;
      for (uint32_t m : fam) f.articles.push_back(st.articles[m]);
      st.families.push_back(std::move(f));
    }
    for (size_t k = 0; k < n; ++k) {
      ArticleSummary& s = (*articles)[st.articles[k]];
      s.role = compare::RoleName(reuse.roles[k]);
      s.family = reuse.family_of[k];
      for (const compare::SwapWords& sw : reuse.spun_swaps[k]) {
        s.swaps.emplace_back(sw.from, sw.to);
      }
    }
  }
  return pairs;
}

}  // namespace concord
