// JSON renderer; the schema is docs/output.md. Field order is fixed so that
// output diffs cleanly between runs.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

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

nlohmann::ordered_json StoryJson(const Story& st,
                                 const std::vector<ArticleSummary>& articles) {
  nlohmann::ordered_json s;
  s["id"] = st.id;
  s["headline"] = st.headline;
  s["size"] = st.articles.size();
  s["first_published"] = st.first_published;
  s["last_published"] = st.last_published;
  s["keywords"] = st.keywords;
  nlohmann::ordered_json arts = nlohmann::ordered_json::array();
  for (uint32_t i : st.articles) arts.push_back(ArticleJson(articles[i]));
  s["articles"] = std::move(arts);
  nlohmann::ordered_json families = nlohmann::ordered_json::array();
  for (const Family& f : st.families) {
    nlohmann::ordered_json ids = nlohmann::ordered_json::array();
    for (uint32_t i : f.articles) ids.push_back(articles[i].id);
    families.push_back({{"origin", articles[f.articles.front()].id},
                        {"articles", std::move(ids)}});
  }
  s["families"] = std::move(families);
  nlohmann::ordered_json relations = nlohmann::ordered_json::array();
  for (const PairwiseRelation& r : st.relations) {
    nlohmann::ordered_json o;
    o["a"] = articles[r.a].id;
    o["b"] = articles[r.b].id;
    o["relation"] = r.relation;
    o["score"] = r.score;
    o["coverage_a"] = r.coverage_a;
    o["coverage_b"] = r.coverage_b;
    o["longest_passage"] = r.longest_passage;
    o["swaps"] = r.swaps;
    relations.push_back(std::move(o));
  }
  s["relations"] = std::move(relations);
  auto article_ids = [&articles](const std::vector<uint32_t>& v) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (uint32_t i : v) a.push_back(articles[i].id);
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
      o["article"] = articles[v.article].id;
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
    brief.push_back({{"article", articles[b.article].id},
                     {"text", b.text},
                     {"supported_by", article_ids(b.supported_by)},
                     {"sources", b.sources}});
  }
  s["brief"] = std::move(brief);
  return s;
}

std::string Dump(const nlohmann::ordered_json& j, int indent) {
  // Invalid UTF-8 cannot reach here (ingest validates), but never throw.
  return j.dump(indent, ' ', false,
                nlohmann::ordered_json::error_handler_t::replace);
}

// Stands for the stories array in the dumped head, to be cut out: the first
// string value of the document (the schema name aside), so its first
// occurrence is the placeholder itself.
constexpr char kStoriesMark[] = "\x01concord-stories\x01";

// The document without its stories, cut where the stories array goes.
std::pair<std::string, std::string> HeadAndTail(
    size_t articles, size_t stories, const std::vector<Status>& errors,
    const std::vector<Status>& warnings, int indent) {
  nlohmann::ordered_json root;
  root["schema"] = "concord.report/1";
  nlohmann::ordered_json summary;
  summary["articles"] = articles;
  summary["stories"] = stories;
  summary["errors"] = errors.size();
  summary["warnings"] = warnings.size();
  root["summary"] = summary;
  root["stories"] = kStoriesMark;
  nlohmann::ordered_json errs = nlohmann::ordered_json::array();
  for (const Status& e : errors) {
    errs.push_back({{"code", CodeName(e.code())}, {"message", e.message()}});
  }
  root["errors"] = std::move(errs);
  nlohmann::ordered_json warns = nlohmann::ordered_json::array();
  for (const Status& w : warnings) warns.push_back(w.message());
  root["warnings"] = std::move(warns);
  const std::string doc = Dump(root, indent) + "\n";
  const std::string mark = Dump(nlohmann::ordered_json(kStoriesMark), indent);
  const size_t at = doc.find(mark);
  return {doc.substr(0, at), doc.substr(at + mark.size())};
}

// The layout nlohmann gives an array of objects two levels deep: each
// element on its own line, indented twice, its own lines shifted as much.
class StoriesArray {
 public:
  explicit StoriesArray(int indent) : indent_(indent) {}
  // Text before the story number `index` (0-based), and the story itself.
  std::string Element(size_t index, const std::string& story) const {
    std::string out;
    if (indent_ < 0) {
      out = index == 0 ? "[" : ",";
      out += story;
      return out;
    }
    const std::string pad(static_cast<size_t>(2 * indent_), ' ');
    out = index == 0 ? "[\n" : ",\n";
    out += pad;
    for (char c : story) {
      out += c;
      if (c == '\n') out += pad;
    }
    return out;
  }
  // Text after `count` stories.
  std::string Close(size_t count) const {
    if (count == 0) return "[]";
    if (indent_ < 0) return "]";
    return "\n" + std::string(static_cast<size_t>(indent_), ' ') + "]";
  }

 private:
  int indent_;
};

}  // namespace

std::string RenderJson(const Report& report, const JsonRenderOptions& options) {
  auto [head, tail] =
      HeadAndTail(report.articles.size(), report.stories.size(), report.errors,
                  report.warnings, options.indent);
  const StoriesArray array(options.indent);
  std::string out = std::move(head);
  for (size_t k = 0; k < report.stories.size(); ++k) {
    out += array.Element(
        k, Dump(StoryJson(report.stories[k], report.articles), options.indent));
  }
  out += array.Close(report.stories.size());
  out += tail;
  return out;
}

JsonReportWriter::JsonReportWriter(std::FILE* out, JsonRenderOptions options)
    : out_(out), options_(options) {}

Status JsonReportWriter::Put(const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), out_) != text.size()) {
    return Status::IoError("cannot write the JSON report");
  }
  return Status::Ok();
}

Status JsonReportWriter::Begin(const Report& head, size_t articles,
                               size_t stories) {
  auto [before, after] = HeadAndTail(articles, stories, head.errors,
                                     head.warnings, options_.indent);
  tail_ = std::move(after);
  written_ = 0;
  return Put(before);
}

std::string JsonReportWriter::Render(
    const Story& story, const std::vector<ArticleSummary>& articles) const {
  return Dump(StoryJson(story, articles), options_.indent);
}

Status JsonReportWriter::Write(const std::string& rendered) {
  return Put(StoriesArray(options_.indent).Element(written_++, rendered));
}

Status JsonReportWriter::End() {
  Status s = Put(StoriesArray(options_.indent).Close(written_) + tail_);
  if (s.ok() && std::fflush(out_) != 0) {
    s = Status::IoError("cannot write the JSON report");
  }
  return s;
}

}  // namespace concord
