// JSON renderer; the schema is docs/output.md. Field order is fixed so that
// output diffs cleanly between runs.
#include <nlohmann/json.hpp>

#include "concord/render.h"

namespace concord {
namespace {

const char* CodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kIoError:
      return "io_error";
    case StatusCode::kBadInput:
      return "bad_input";
    case StatusCode::kUnsupported:
      return "unsupported";
    case StatusCode::kInternal:
      return "internal";
  }
  return "internal";
}

nlohmann::ordered_json ArticleJson(const ArticleSummary& a) {
  nlohmann::ordered_json j;
  j["id"] = a.id;
  j["title"] = a.title;
  j["source"] = a.source;
  j["url"] = a.url;
  j["published"] = a.published;
  j["lang"] = a.lang;
  j["origin"] = a.origin;
  j["words"] = a.words;
  j["bytes"] = a.bytes;
  j["headings"] = a.headings;
  j["captions"] = a.captions;
  j["credits"] = a.credits;
  j["dropped"] = a.dropped;
  if (!a.role.empty()) j["role"] = a.role;
  if (a.family >= 0) j["family"] = a.family;
  if (!a.swaps.empty()) {
    nlohmann::ordered_json swaps = nlohmann::ordered_json::array();
    for (const auto& [from, to] : a.swaps) {
      swaps.push_back({{"from", from}, {"to", to}});
    }
    j["swaps"] = std::move(swaps);
  }
  if (!a.body.empty()) j["body"] = a.body;
  return j;
}

}  // namespace

std::string RenderJson(const Report& report, const JsonRenderOptions& options) {
  nlohmann::ordered_json root;
  root["schema"] = "concord.report/1";
  nlohmann::ordered_json summary;
  summary["articles"] = report.articles.size();
  summary["stories"] = report.stories.size();
  summary["errors"] = report.errors.size();
  summary["warnings"] = report.warnings.size();
  root["summary"] = summary;
  nlohmann::ordered_json stories = nlohmann::ordered_json::array();
  for (const Story& st : report.stories) {
    nlohmann::ordered_json s;
    s["id"] = st.id;
    s["headline"] = st.headline;
    s["size"] = st.articles.size();
    s["first_published"] = st.first_published;
    s["last_published"] = st.last_published;
    s["keywords"] = st.keywords;
    nlohmann::ordered_json arts = nlohmann::ordered_json::array();
    for (uint32_t i : st.articles) arts.push_back(ArticleJson(report.articles[i]));
    s["articles"] = std::move(arts);
    nlohmann::ordered_json families = nlohmann::ordered_json::array();
    for (const Family& f : st.families) {
      nlohmann::ordered_json ids = nlohmann::ordered_json::array();
      for (uint32_t i : f.articles) ids.push_back(report.articles[i].id);
      families.push_back({{"origin", report.articles[f.articles.front()].id},
                          {"articles", std::move(ids)}});
    }
    s["families"] = std::move(families);
    nlohmann::ordered_json relations = nlohmann::ordered_json::array();
    for (const PairwiseRelation& r : st.relations) {
      nlohmann::ordered_json o;
      o["a"] = report.articles[r.a].id;
      o["b"] = report.articles[r.b].id;
      o["relation"] = r.relation;
      o["score"] = r.score;
      o["coverage_a"] = r.coverage_a;
      o["coverage_b"] = r.coverage_b;
      o["longest_passage"] = r.longest_passage;
      o["swaps"] = r.swaps;
      relations.push_back(std::move(o));
    }
    s["relations"] = std::move(relations);
    auto article_ids = [&report](const std::vector<uint32_t>& v) {
      nlohmann::ordered_json a = nlohmann::ordered_json::array();
      for (uint32_t i : v) a.push_back(report.articles[i].id);
      return a;
    };
    nlohmann::ordered_json claims = nlohmann::ordered_json::array();
    for (const FactClaim& c : st.claims) {
      nlohmann::ordered_json o;
      o["kind"] = c.kind;
      o["slot"] = c.slot;
      o["value"] = c.value;
      o["texts"] = c.texts;
      o["articles"] = article_ids(c.articles);
      o["sources"] = c.sources;
      o["status"] = c.status;
      if (!c.flag.empty()) o["flag"] = c.flag;
      claims.push_back(std::move(o));
    }
    s["facts"] = std::move(claims);
    nlohmann::ordered_json conflicts = nlohmann::ordered_json::array();
    for (const FactConflict& c : st.conflicts) {
      nlohmann::ordered_json sides = nlohmann::ordered_json::array();
      for (const FactConflictSide& side : c.sides) {
        sides.push_back(
            {{"value", side.value}, {"articles", article_ids(side.articles)}});
      }
      conflicts.push_back(
          {{"kind", c.kind}, {"slot", c.slot}, {"sides", std::move(sides)}});
    }
    s["conflicts"] = std::move(conflicts);
    nlohmann::ordered_json entities = nlohmann::ordered_json::array();
    for (const EntityGroup& e : st.entities) {
      entities.push_back({{"name", e.name},
                          {"type", e.type},
                          {"variants", e.variants},
                          {"articles", article_ids(e.articles)},
                          {"sources", e.sources}});
    }
    s["entities"] = std::move(entities);
    nlohmann::ordered_json quotes = nlohmann::ordered_json::array();
    for (const QuoteGroup& q : st.quotes) {
      nlohmann::ordered_json variants = nlohmann::ordered_json::array();
      for (const QuoteVariant& v : q.variants) {
        nlohmann::ordered_json o;
        o["article"] = report.articles[v.article].id;
        o["text"] = v.text;
        if (!v.venue.empty()) o["venue"] = v.venue;
        if (!v.flag.empty()) o["flag"] = v.flag;
        if (!v.swaps.empty()) {
          nlohmann::ordered_json sw = nlohmann::ordered_json::array();
          for (const auto& [from, to] : v.swaps) sw.push_back({from, to});
          o["swaps"] = std::move(sw);
        }
        variants.push_back(std::move(o));
      }
      quotes.push_back({{"speaker", q.speaker},
                        {"sources", q.sources},
                        {"variants", std::move(variants)}});
    }
    s["quotes"] = std::move(quotes);
    nlohmann::ordered_json brief = nlohmann::ordered_json::array();
    for (const BriefSentence& b : st.brief) {
      brief.push_back({{"article", report.articles[b.article].id},
                       {"text", b.text},
                       {"supported_by", article_ids(b.supported_by)},
                       {"sources", b.sources}});
    }
    s["brief"] = std::move(brief);
    stories.push_back(std::move(s));
  }
  root["stories"] = std::move(stories);
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  for (const Status& e : report.errors) {
    errors.push_back({{"code", CodeName(e.code())}, {"message", e.message()}});
  }
  root["errors"] = std::move(errors);
  nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
  for (const Status& w : report.warnings) warnings.push_back(w.message());
  root["warnings"] = std::move(warnings);
  // Invalid UTF-8 cannot reach here (ingest validates), but never throw.
  return root.dump(options.indent, ' ', false,
                   nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

}  // namespace concord
