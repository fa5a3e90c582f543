// Text reuse inside stories: takes the bodies the per-article stage
// extracted (kept between stages in the engine's spill store), tokenises and
// splits each body once (a facts::Document, shared by the aligner and the
// facts extractors), aligns every pair and records relations, families,
// roles, the spinner's swaps and the facts reconciled across sources.
#include "src/engine/reuse.h"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "src/base/ordered_pool.h"
#include "src/compare/families.h"
#include "src/compare/wordnet.h"
#include "src/facts/document.h"
#include "src/facts/facts.h"
#include "src/facts/reconcile.h"

namespace concord {

namespace {

// Facts of each member, reconciled across the story's sources (families;
// an article outside every family is a source of its own). `docs` are the
// members' bodies tokenised and split once (shared with the alignment).
// `copy_of[k]` is the first member with k's body and language, or k:
// extracted facts depend on nothing else but the publication time, so a
// verbatim copy published at the same time shares its original's.
void ReconcileFacts(const std::vector<Article>& in,
                    const compare::WordNet* wordnet, ReuseWorker* worker,
                    const std::vector<int>& family_of,
                    const std::vector<std::string_view>& bodies,
                    const std::vector<const facts::Document*>& docs,
                    const std::vector<uint32_t>& copy_of,
                    const std::vector<ArticleSummary>& articles, Story* st) {
  const size_t n = bodies.size();
  std::vector<facts::Facts> extracted(n);
  std::vector<facts::StoryMember> members(n);
  for (size_t k = 0; k < n; ++k) {
    const Article& a = in[st->articles[k]];
    const facts::Document& doc = *docs[k];
    const uint32_t j = copy_of[k];
    if (j != k && in[st->articles[j]].published_time == a.published_time) {
      members[k].facts = members[j].facts;
    } else {
      extracted[k] = facts::ExtractFacts(doc, a.published_time);
      extracted[k].truncated = bodies[k].size() > facts::kMaxFactsBody;
      members[k].facts = &extracted[k];
    }
    members[k].body = bodies[k];
    members[k].source =
        family_of[k] >= 0 ? family_of[k] : static_cast<int>(n + k);
    members[k].published_time = a.published_time;
    const std::string& lang = articles[st->articles[k]].lang;
    members[k].lang = lang.empty() ? "en" : lang;
    // The Document split the body as English; reuse that split for English
    // members (ReconcileStory splits the others in their own language).
    if (members[k].lang == "en" && !members[k].facts->truncated &&
        !doc.pseudo_sentence()) {
      members[k].sentences = &doc.sentences();
    }
  }
  facts::ReconcileOptions ro;
  if (wordnet != nullptr) {
    ro.same_unit = [wordnet, worker](std::string_view a, std::string_view b) {
      return worker->SameUnit(*wordnet, a, b);
    };
  }
  // The results are moved into the Story (their strings and lists are the
  // report's; only member indexes become article indexes).
  facts::Reconciliation r = facts::ReconcileStory(members, ro);
  auto ids = [&](std::vector<uint32_t>* ms) {
    for (uint32_t& m : *ms) m = st->articles[m];
    return std::move(*ms);
  };
  st->claims.reserve(st->claims.size() + r.claims.size());
  for (facts::Claim& c : r.claims) {
    FactClaim& f = st->claims.emplace_back();
    f.kind = std::move(c.kind);
    f.slot = std::move(c.slot);
    f.value = std::move(c.value);
    f.texts = std::move(c.texts);
    f.articles = ids(&c.members);
    f.sources = c.sources;
    f.status = c.sources >= 2 ? "corroborated" : "single-source";
    f.flag = std::move(c.flag);
  }
  st->conflicts.reserve(st->conflicts.size() + r.conflicts.size());
  for (facts::StoryConflict& c : r.conflicts) {
    FactConflict& f = st->conflicts.emplace_back();
    f.kind = std::move(c.kind);
    f.slot = std::move(c.slot);
    f.sides.reserve(c.sides.size());
    for (facts::ConflictSide& side : c.sides) {
      f.sides.push_back({std::move(side.value), ids(&side.members)});
    }
  }
  st->entities.reserve(st->entities.size() + r.entities.size());
  for (facts::EntityCluster& e : r.entities) {
    st->entities.push_back({std::move(e.name), std::move(e.type),
                            std::move(e.variants), ids(&e.members), e.sources});
  }
  st->quotes.reserve(st->quotes.size() + r.quotes.size());
  for (facts::QuoteCluster& q : r.quotes) {
    QuoteGroup& g = st->quotes.emplace_back();
    g.speaker = std::move(q.speaker);
    g.sources = q.sources;
    g.variants.reserve(q.variants.size());
    for (facts::QuoteVariantResult& v : q.variants) {
      g.variants.push_back({st->articles[v.member], std::move(v.text),
                            std::move(v.venue), std::move(v.flag),
                            std::move(v.swaps)});
    }
  }
  st->brief.reserve(st->brief.size() + r.brief.size());
  for (facts::BriefLine& b : r.brief) {
    st->brief.push_back({st->articles[b.member], std::move(b.text),
                         ids(&b.supported_by), b.sources});
  }
}

}  // namespace

std::unique_ptr<ReuseContext> LoadReuseContext(const ReuseOptions& options,
                                               std::vector<Status>* warnings) {
  auto context = std::make_unique<ReuseContext>();
  std::unique_ptr<compare::WordNet>& wordnet = context->wordnet;
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
  return context;
}

bool ReuseWorker::SameUnit(const compare::WordNet& wordnet,
                           std::string_view a, std::string_view b) {
  if (same_unit_.size() > (1u << 16)) same_unit_.clear();  // bounded
  std::string key;
  key.reserve(a.size() + b.size() + 1);
  key.append(a).push_back('\0');
  key.append(b);
  const auto [it, fresh] = same_unit_.try_emplace(std::move(key), false);
  if (fresh) {
    it->second = wordnet.Relate(a, b) >= compare::WordRelation::kHypernym;
  }
  return it->second;
}

text::Stemmer* ReuseWorker::StemmerFor(const std::string& lang) {
  auto& s = stemmers_[lang];
  if (!s) s = std::make_unique<text::Stemmer>(lang);
  return s.get();
}

uint64_t ReuseInStory(const std::vector<Article>& in,
                      const ReuseOptions& options,
                      const compare::WordNet* wordnet, ReuseWorker* worker,
                      std::vector<ArticleSummary>* articles, Story* st) {
  if (st->articles.size() < 2) return 0;
  const size_t n = std::min(st->articles.size(), options.max_articles);
  std::vector<std::string_view> bodies(n);
  std::vector<std::unique_ptr<facts::Document>> owned_docs(n);
  std::vector<const facts::Document*> docs(n, nullptr);
  std::vector<compare::AlignedText> texts(n);
  std::vector<compare::StoryMember> members(n);
  // Verbatim copies (the commonest reuse of all: a fifth of the members
  // of the generated corpus's stories) are tokenised, split and prepared
  // for alignment once: copy_of[k] is the first member with k's body and
  // language, whose Document and AlignedText k shares (both depend on
  // nothing else).
  std::vector<uint32_t> copy_of(n);
  for (size_t k = 0; k < n; ++k) {
    const Article& a = in[st->articles[k]];
    bodies[k] = a.text;  // already the extracted body
    const std::string& summary_lang = (*articles)[st->articles[k]].lang;
    const std::string lang = summary_lang.empty() ? "en" : summary_lang;
    const std::string_view body = bodies[k];
    copy_of[k] = static_cast<uint32_t>(k);
    // The first earlier member with the same body and language. A story
    // has few members, and bodies of one length are next to never
    // different: comparing lengths first costs less than hashing every
    // body.
    uint32_t j = static_cast<uint32_t>(k);
    for (uint32_t m = 0; m < k; ++m) {
      if (copy_of[m] == m && bodies[m].size() == body.size() &&
          (*articles)[st->articles[m]].lang == summary_lang &&
          bodies[m] == body) {
        j = m;
        break;
      }
    }
    if (j != k) {
      copy_of[k] = j;
      docs[k] = docs[j];
      members[k].text = members[j].text;
    } else {
      if (options.facts) {
        // One tokenisation and sentence split per body, for the facts
        // extractors and (its word tokens) the aligner.
        owned_docs[k] = std::make_unique<facts::Document>(
            body.substr(0, std::min(body.size(), facts::kMaxFactsBody)));
        docs[k] = owned_docs[k].get();
      }
      if (docs[k] != nullptr && docs[k]->text().size() == body.size()) {
        texts[k] = compare::PrepareForAlignment(
            body, docs[k]->tokens(), lang, worker->StemmerFor(lang));
      } else {
        texts[k] =
            compare::PrepareForAlignment(body, lang, worker->StemmerFor(lang));
      }
      members[k].text = &texts[k];
    }
    members[k].time = a.published_time;
    members[k].has_credit = !(*articles)[st->articles[k]].credits.empty();
  }
  const compare::StoryReuse reuse =
      compare::AnalyzeStoryReuse(members, wordnet);
  for (const compare::PairResult& pr : reuse.pairs) {
    PairwiseRelation r;
    r.a = st->articles[pr.a];
    r.b = st->articles[pr.b];
    r.relation = compare::RelationName(pr.relation.relation);
    r.score = pr.relation.score;
    r.coverage_a = pr.relation.evidence.coverage_a;
    r.coverage_b = pr.relation.evidence.coverage_b;
    r.longest_passage = pr.relation.evidence.longest;
    r.swaps = pr.relation.evidence.swaps;
    st->relations.push_back(std::move(r));
  }
  for (const auto& fam : reuse.families) {
    Family f;
    for (uint32_t m : fam) f.articles.push_back(st->articles[m]);
    st->families.push_back(std::move(f));
  }
  if (options.facts) {
    ReconcileFacts(in, wordnet, worker, reuse.family_of, bodies, docs, copy_of,
                   *articles, st);
  }
  for (size_t k = 0; k < n; ++k) {
    ArticleSummary& s = (*articles)[st->articles[k]];
    s.role = compare::RoleName(reuse.roles[k]);
    s.family = reuse.family_of[k];
    if (reuse.parent[k] >= 0) {
      s.derived_from = (*articles)[st->articles[reuse.parent[k]]].id;
    }
    for (const compare::SwapWords& sw : reuse.spun_swaps[k]) {
      s.swaps.emplace_back(sw.from, sw.to);
    }
  }
  return reuse.pairs.size();
}

uint64_t AnalyzeStoriesReuse(const ReuseContext& context, ReuseWorker* worker,
                             const std::vector<Article>& in,
                             const ReuseOptions& options,
                             std::vector<ArticleSummary>* articles,
                             std::vector<Story>* stories, size_t begin,
                             size_t end) {
  uint64_t pairs = 0;
  for (size_t si = begin; si < end; ++si) {
    pairs += ReuseInStory(in, options, context.wordnet.get(), worker, articles,
                          &(*stories)[si]);
  }
  return pairs;
}

}  // namespace concord
