// Reconciliation of facts across the articles of one story.
//
// Input: each member's body, its Facts (facts.h), its source (the family it
// belongs to, or a source of its own) and its publication time. Output, in
// member indexes:
//
//   * claims: quantities grouped by what they count and by value (within
//     2%, or 5% when either side hedges: "nearly 1,250" = "1,250"), and
//     absolute dates grouped by day. A claim stated by two or more sources
//     is corroborated, by one source single-source. A date no other source
//     gives and far (> 30 days) from every publication date of the story
//     is flagged.
//   * conflicts: two claims counting the same thing whose sentences read
//     alike (content-word overlap), with a source stating the one and not
//     the other on each side.
//   * entities: persons, places and organisations (all of them, with how
//     many sources name each) merged across articles
//     (facts::SameEntityName: Zelenskyy = Zelensky, UAE = United Arab
//     Emirates), with their spellings.
//   * quotes: grouped by speaker and wording. Copies of one source should
//     quote alike, so a variant is compared with the variants of its own
//     source: a few words swapped (and not said so by any other article) is
//     "altered", a rewording inside the marks is "paraphrased". Independent
//     sources may translate or cut a quote differently; that is not flagged.
//   * brief: sentences carrying the most corroborated facts, greedily, each
//     adding a fact not yet covered and not repeating a chosen sentence.
//
// Thread safety: pure function. Cost: linear in the facts for claims and
// quotes; entity merging compares names pairwise within a first letter,
// capped at kMaxEntities names per story.
#ifndef CONCORD_FACTS_RECONCILE_H_
#define CONCORD_FACTS_RECONCILE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/facts/facts.h"

namespace concord::facts {

struct StoryMember {
  std::string_view body;  // REQUIRES: outlives the call
  const Facts* facts = nullptr;
  int source = 0;  // members with equal source are copies of one text
  std::optional<int64_t> published_time;
  std::string lang = "en";
  // text::SplitSentences(body, lang) when the caller already has it (a
  // Document's sentences, for English); null: ReconcileStory splits.
  // REQUIRES: outlives the call.
  const std::vector<text::Span>* sentences = nullptr;
};

struct Claim {
  std::string kind;   // "quantity" | "date"
  std::string slot;
  std::string value;
  std::vector<std::string> texts;
  std::vector<std::string> modifiers;  // quantities: words before the unit
  std::vector<uint32_t> members;
  uint32_t sources = 0;
  std::string flag;
  // Where it is stated: (member, begin, end), for the brief.
  std::vector<std::pair<uint32_t, std::pair<uint32_t, uint32_t>>> spans;
};

struct ConflictSide {
  std::string value;
  std::vector<uint32_t> members;
};

struct StoryConflict {
  std::string kind, slot;
  std::vector<ConflictSide> sides;
};

struct EntityCluster {
  std::string name, type;
  std::vector<std::string> variants;
  std::vector<uint32_t> members;
  uint32_t sources = 0;
};

struct QuoteVariantResult {
  uint32_t member = 0;
  uint32_t begin = 0;  // offset of the quotation in the member's body
  std::string text;
  std::string venue;  // where it was said, as the article puts it
  std::string flag;
  std::vector<std::pair<std::string, std::string>> swaps;
};

struct QuoteCluster {
  std::string speaker;
  std::vector<QuoteVariantResult> variants;
  uint32_t sources = 0;
};

struct BriefLine {
  uint32_t member = 0;
  std::string text;
  std::vector<uint32_t> supported_by;
  uint32_t sources = 0;
};

struct Reconciliation {
  std::vector<Claim> claims;
  std::vector<StoryConflict> conflicts;
  std::vector<EntityCluster> entities;
  std::vector<QuoteCluster> quotes;
  std::vector<BriefLine> brief;
};

struct ReconcileOptions {
  size_t brief_sentences = 5;
  int far_date_days = 30;
  // Whether two counted things are the same kind of thing ("settlement" and
  // "village"); quantity claims of equal value whose units it links are one
  // claim. Null: units must be equal (or one the other's modifier). Asked
  // once per pair of equal-valued claims, so unit pairs repeat: the engine
  // passes WordNet (synonym or direct hypernym) through a memo that lasts
  // across stories (ReuseWorker::SameUnit).
  std::function<bool(std::string_view, std::string_view)> same_unit;
};

inline constexpr size_t kMaxEntities = 600;

Reconciliation ReconcileStory(const std::vector<StoryMember>& members,
                              const ReconcileOptions& options = {});

// Word-level difference of two quotations: the runs that differ between
// common words, as (words of a, words of b). Exposed for tests.
std::vector<std::pair<std::string, std::string>> QuoteSwaps(
    std::string_view a, std::string_view b);

namespace internal {
// The folded words of `text` as quotes are compared (ASCII lower-cased,
// typographic apostrophes made ASCII, English contractions opened), each
// with the hash the word table files it under: by the one-pass scanner
// (one_pass) or by words, then fold, then hash. For tests: the two must
// agree.
std::vector<std::pair<std::string, uint64_t>> FoldedWordsForTest(
    std::string_view text, bool one_pass);
}  // namespace internal

}  // namespace concord::facts

#endif  // CONCORD_FACTS_RECONCILE_H_
