// Factual conflicts between two texts about the same event: the date, the
// place, a number, an actor or the cause given differently on both sides
// ("Sunday 25 May 2014" vs "Monday 26 May 2014", "car bomb" vs "chemical
// weapons attack", "killed 10" vs "killed 12").
//
// Two sources of evidence (conflicts.cc explains the rules):
//   alignment  inside an aligned passage (src/compare/aligner.h), and in the
//              short stretches between two passages, a substitution whose
//              two sides carry a date, a number, a named entity or a
//              cause-of-death term of different value;
//   slots      for rewrites the alignment does not cover: the same slot
//              (the death or injury toll, the day of the event, the means of
//              attack) filled with incompatible values on both sides.
// What is never a conflict: a fact on one side only (rewrites drop and add
// details), the same value written differently ("ten" / "10", "Sunday 25
// May 2014" / "May 25, 2014"), a rounded or hedged value ("nearly 1,250" /
// "1,250"), and WordNet or spinner swaps of common words.
//
// Thread safety: pure functions, safe from any thread.
// Cost: linear in the two texts plus the facts extraction (when not given);
// the comparisons inside a region are quadratic in its facts (a handful).
#ifndef CONCORD_FACTS_CONFLICTS_H_
#define CONCORD_FACTS_CONFLICTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/compare/aligner.h"
#include "src/facts/facts.h"

namespace concord::facts {

enum class ConflictKind : uint8_t { kDate, kPlace, kNumber, kActor, kCause };

struct Conflict {
  ConflictKind kind = ConflictKind::kDate;
  std::string a_value, b_value;     // as written in each text
  uint32_t a_begin = 0, a_end = 0;  // byte offsets of a_value in A
  uint32_t b_begin = 0, b_end = 0;  // byte offsets of b_value in B
  float confidence = 0;             // 0..1
  // Why: "aligned passage: 'car bomb' -> 'chemical weapons attack'" or
  // "both give the death toll: 10 vs 12".
  std::string evidence;
};

struct ConflictOptions {
  std::string lang = "en";
  // A stretch between two aligned passages is compared as a substitution
  // when neither side is longer than this many words.
  uint32_t max_gap_words = 12;
  // Also compare fact slots over the whole texts (the rewrite evidence).
  bool slots = true;
  // Conflicts below this confidence are dropped.
  float min_confidence = 0.0f;
};

// One side of a comparison, prepared once by the caller. All three views
// must describe the same text and outlive the call.
struct ConflictSide {
  std::string_view text;
  const compare::AlignedText* words = nullptr;
  const Facts* facts = nullptr;
};

// Conflicts between A and B given the alignment of A with B (REQUIRES:
// `alignment` aligns a.words with b.words). In order of A, at most one per
// kind and pair of values.
std::vector<Conflict> FindConflicts(const ConflictSide& a,
                                    const ConflictSide& b,
                                    const compare::Alignment& alignment,
                                    const ConflictOptions& options = {});

// The same from the bare texts: tokenises, extracts facts and aligns here
// (without WordNet).
std::vector<Conflict> FindConflicts(std::string_view a, std::string_view b,
                                    const ConflictOptions& options = {});

// "date", "place", "number", "actor", "cause".
std::string_view ConflictKindName(ConflictKind kind);

// Whether a folded word names a cause of death or a means of attack
// ("bomb", "airstrike", "shelling", "sniper", "chemical"); for tests.
bool IsCauseTerm(std::string_view folded);

}  // namespace concord::facts

#endif  // CONCORD_FACTS_CONFLICTS_H_
