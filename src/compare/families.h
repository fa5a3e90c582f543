// Families and origins within a story: which articles derive from which,
// grouped, with each article's role and the swaps that betray a spinner.
//
//   * Every pair of members is aligned and classified (relation.h).
//   * A summary is a member much shorter than the others (≤ 0.8 × the median
//     length of the rest) whose content words are nearly all found in the
//     rest (≥ 0.75; ≥ 0.6 when it credits another outlet), in texts long
//     enough to be summarised by it and not published after it (a wire's
//     early flash is the first version of the story, not a summary of the
//     later ones). Aggregators re-report several outlets, so a summary does
//     not join a family.
//   * Families are the connected groups of the other members under derived
//     relations. A family's origin is its earliest member when all are
//     dated, else (and among members of the earliest date) the most
//     complete: the one holding most of what its relatives say (the
//     content words it shares with each, summed), then the longest; never a spun copy while an unspun member exists. Every other member derives from a parent:
//     of the members ranked before it in that order, the one holding most
//     of its content words (then the closer relation, then the higher
//     score; the origin when none of them is a relative). Its role is their
//     pair's relation.
//   * A spun copy is a member whose swapped words are, again and again,
//     the rarer choice in the story (a spinner replaces common words with
//     odd synonyms: "celebrate" → "rejoice", "New Year" → "Latest Yr"):
//     at least 4 swaps against relatives (derived pairs only; one-word swaps
//     and edits of up to two words) where its word is the one no other
//     relative uses (or, with a witness on neither or both sides, the one
//     fewer members use), and
//     at least half of its swaps. A member published before every relative
//     is never spun (the later texts reworded it, not it them), nor,
//     pair by pair, their summary (they expand it: such pairs are rewrites).
//
// Pure function of its inputs; thread-safe. Cost: one alignment per pair,
// so callers bound the number of members.
#ifndef CONCORD_COMPARE_FAMILIES_H_
#define CONCORD_COMPARE_FAMILIES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/compare/aligner.h"
#include "src/compare/relation.h"
#include "src/compare/wordnet.h"

namespace concord::compare {

struct StoryMember {
  const AlignedText* text = nullptr;
  std::optional<int64_t> time;  // publication time, when known
  bool has_credit = false;      // carries a "Credited from: X" line
};

struct SwapWords {
  std::string from, to;  // the relative's word(s) → this member's
  WordRelation relation = WordRelation::kNone;
};

// A substitution inside an aligned passage of a pair: words
// [a_begin, a_end) of a replaced by words [b_begin, b_end) of b. Kept as
// word ranges (spelling every pair's swaps out as strings cost more than
// classifying the pair, and no caller reads most of them): SpellSwap()
// gives the words.
struct PairSwap {
  uint32_t a_begin = 0, a_end = 0, b_begin = 0, b_end = 0;
  WordRelation relation = WordRelation::kNone;
};

struct PairResult {
  uint32_t a = 0, b = 0;  // member indexes, a < b
  PairRelation relation;
  std::vector<PairSwap> swaps;  // a's words → b's words
};

// The words of a swap of the pair of texts a, b (the pair's members').
SwapWords SpellSwap(const AlignedText& a, const AlignedText& b,
                    const PairSwap& swap);

enum class Role : uint8_t {
  kOrigin,
  kDuplicate,
  kNearDuplicate,
  kSpunCopy,
  kRewrite,
  kSummary,
  kIndependent,  // alone in its family: own reporting
};
const char* RoleName(Role role);

struct StoryReuse {
  std::vector<PairResult> pairs;
  // Families of two or more members, each with its origin first; members
  // in index order after it.
  std::vector<std::vector<uint32_t>> families;
  std::vector<int> family_of;  // family index per member, -1 for none
  std::vector<Role> roles;
  // Per member: the family member it most likely derives from (its
  // closest relative among those ranked before it: earlier, or when
  // undated more complete; its role is that pair's relation), -1 for an
  // origin and outside families.
  std::vector<int> parent;
  // Per member: swaps that show it was spun (relative's word → its word).
  std::vector<std::vector<SwapWords>> spun_swaps;
};

StoryReuse AnalyzeStoryReuse(const std::vector<StoryMember>& members,
                             const WordNet* wordnet);

}  // namespace concord::compare

#endif  // CONCORD_COMPARE_FAMILIES_H_
