// Renderers of a Comparison: a readable diff and JSON.
//
// The text diff prints A's words in order: identical words plain, swaps as
// [a→b], A-only words as [-…-], B-only words as {+…+}; stretches of A outside
// every aligned passage are marked "only in A", and B's own stretches follow
// under "only in B". With colour: identical plain, swaps yellow, only-A red,
// only-B green.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "concord/compare.h"

namespace concord {
namespace {

struct Paint {
  bool on;
  std::string Wrap(const char* code, const std::string& s) const {
    return on ? std::string("\033[") + code + "m" + s + "\033[0m" : s;
  }
};

std::string Percent(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", 100 * x);
  return buf;
}

}  // namespace

std::string RenderComparisonText(const Comparison& c,
                                 const DiffRenderOptions& options) {
  const Paint p{options.color};
  std::string out;
  out += p.Wrap("1", "relation: " + c.relation) + "  (score " +
         Percent(c.score) + ")\n";
  out += "  A " + std::to_string(c.a_words) + " words, " +
         Percent(c.coverage_a) + " aligned;  B " + std::to_string(c.b_words) +
         " words, " + Percent(c.coverage_b) + " aligned\n";
  out += "  " + std::to_string(c.passages) + " passages, longest " +
         std::to_string(c.longest_passage) + " words; " +
         std::to_string(c.swaps) + " swaps (" +
         std::to_string(c.related_swaps) + " linked by WordNet)\n";
  out += "  content words of A found in B " + Percent(c.content_containment_a) +
         ", of B in A " + Percent(c.content_containment_b) +
         "; names and numbers shared " + Percent(c.details_jaccard) + "\n";
  if (c.shared_stems > 0) {
    // Unrelated orders keep about 2√n of n in one order (the longest
    // increasing run of a random permutation): the yardstick for the count.
    const long chance = std::lround(2 * std::sqrt(double(c.shared_stems)));
    out += "  " + std::to_string(c.shared_stems) +
           " content words shared, " + std::to_string(c.stems_in_order) +
           " of them used in the same order by both (about " +
           std::to_string(std::min<long>(chance, c.shared_stems)) +
           " by chance)\n";
  }
  if (c.drawn_words > 0) {
    const bool a_short = c.a_words <= c.b_words;
    out += std::string("  ") + (a_short ? "A" : "B") + " draws on " +
           std::to_string(c.drawn_words) + " of " + (a_short ? "B" : "A") +
           "'s " + std::to_string(a_short ? c.b_words : c.a_words) +
           " words\n";
  }
  bool any_swap = false;
  for (const DiffSpan& s : c.spans) {
    if (s.kind != "swap" && s.kind != "edited") continue;
    if (!any_swap) out += "\nswaps and edits (A → B):\n";
    any_swap = true;
    out += "  " + p.Wrap("33", s.a_text + " → " + s.b_text);
    if (!s.wordnet.empty() && s.wordnet != "none") {
      out += "  (WordNet: " + s.wordnet + ")";
    }
    out += "\n";
  }
  if (!c.conflicts.empty()) {
    out += "\n" + p.Wrap("1", "conflicts:") + "\n";
    for (const ComparisonConflict& x : c.conflicts) {
      out += "  " + p.Wrap("31", x.kind + ": \"" + x.a_value + "\" vs \"" +
                                     x.b_value + "\"");
      out += "\n    " + x.evidence + "\n";
    }
  }
  out += "\ndiff (A with B's changes):\n";
  std::string only_b;
  for (const DiffSpan& s : c.spans) {
    if (s.kind == "identical") {
      out += s.a_text + " ";
    } else if (s.kind == "swap" || s.kind == "edited") {
      out += p.Wrap("33", "[" + s.a_text + "\xE2\x86\x92" + s.b_text + "]") +
             " ";
    } else if (s.kind == "deleted") {
      out += p.Wrap("31", "[-" + s.a_text + "-]") + " ";
    } else if (s.kind == "inserted") {
      out += p.Wrap("32", "{+" + s.b_text + "+}") + " ";
    } else if (s.kind == "only_a") {
      out += '\n';
      out += p.Wrap("31", "[only in A: " + s.a_text + "]");
      out += '\n';
    } else if (s.kind == "only_b") {
      only_b += p.Wrap("32", "[only in B: " + s.b_text + "]") + "\n";
    }
  }
  out += "\n";
  if (!only_b.empty()) out += "\n" + only_b;
  return out;
}

std::string RenderComparisonJson(const Comparison& c, int indent,
                                 bool with_spans, const std::string& id) {
  nlohmann::ordered_json j;
  if (!id.empty()) j["id"] = id;
  j["relation"] = c.relation;
  j["derived"] = c.derived;
  j["score"] = c.score;
  j["a_words"] = c.a_words;
  j["b_words"] = c.b_words;
  j["coverage_a"] = c.coverage_a;
  j["coverage_b"] = c.coverage_b;
  j["longest_passage"] = c.longest_passage;
  j["passages"] = c.passages;
  j["swaps"] = c.swaps;
  j["related_swaps"] = c.related_swaps;
  j["content_containment_a"] = c.content_containment_a;
  j["content_containment_b"] = c.content_containment_b;
  j["details_jaccard"] = c.details_jaccard;
  if (c.drawn_words > 0) j["drawn_words"] = c.drawn_words;
  j["shared_stems"] = c.shared_stems;
  j["stems_in_order"] = c.stems_in_order;
  j["identical_a"] = c.identical_a;
  j["identical_b"] = c.identical_b;
  j["similarity"] = c.similarity;
  j["soft_containment_a"] = c.soft_containment_a;
  j["soft_containment_b"] = c.soft_containment_b;
  j["numbers_differ"] = c.numbers_differ;
  if (!c.paraphrase_features.empty()) {
    nlohmann::ordered_json pf = nlohmann::ordered_json::object();
    for (const auto& [name, value] : c.paraphrase_features) pf[name] = value;
    j["paraphrase_features"] = std::move(pf);
  }
  j["paraphrase_probability"] = c.paraphrase_probability;
  j["reuse_level"] = c.reuse_level;
  j["paraphrase"] = c.paraphrase;
  nlohmann::ordered_json spans = nlohmann::ordered_json::array();
  for (const DiffSpan& s : c.spans) {
    nlohmann::ordered_json o;
    o["kind"] = s.kind;
    o["a"] = {s.a_begin, s.a_end};
    o["b"] = {s.b_begin, s.b_end};
    o["a_text"] = s.a_text;
    o["b_text"] = s.b_text;
    if (!s.wordnet.empty()) o["wordnet"] = s.wordnet;
    o["passage"] = s.passage;
    spans.push_back(std::move(o));
  }
  // Conflicts: kind and both values; offsets and evidence with the spans.
  nlohmann::ordered_json conflicts = nlohmann::ordered_json::array();
  for (const ComparisonConflict& x : c.conflicts) {
    nlohmann::ordered_json o;
    o["kind"] = x.kind;
    o["a"] = x.a_value;
    o["b"] = x.b_value;
    if (with_spans) {
      o["a_span"] = {x.a_begin, x.a_end};
      o["b_span"] = {x.b_begin, x.b_end};
      o["confidence"] = x.confidence;
      o["evidence"] = x.evidence;
    }
    conflicts.push_back(std::move(o));
  }
  j["conflicts"] = std::move(conflicts);
  if (with_spans) j["spans"] = std::move(spans);
  return j.dump(indent, ' ', false,
                nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

}  // namespace concord
