// Relation between two articles of one story: how one was made from the
// other, if it was, with the evidence for the verdict.
//
//   duplicate       the same text (normalised), or all but a word or two
//   near-duplicate  nearly all of both aligned, few substitutions
//   spun copy       long aligned passages with many one-word swaps: an
//                   "article spinner" ran over a copy
//   rewrite         derived paraphrase: little shared wording, but the same
//                   distinctive content (names, numbers, content words) in a
//                   source's order, and some aligned passages
//   summary         short, and nearly all of its content is in the other
//   independent     same event, own reporting
//
// The thresholds are documented constants in relation.cc; one set serves
// all data. Pure functions; thread-safe.
#ifndef CONCORD_COMPARE_RELATION_H_
#define CONCORD_COMPARE_RELATION_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "src/compare/aligner.h"

namespace concord::compare {

enum class Relation : uint8_t {
  kDuplicate,
  kNearDuplicate,
  kSpunCopy,
  kRewrite,
  kSummary,
  kIndependent,
};
const char* RelationName(Relation r);
// Every relation but independent means one text derives from the other.
inline bool IsDerived(Relation r) { return r != Relation::kIndependent; }

struct PairEvidence {
  uint32_t a_words = 0, b_words = 0;
  double coverage_a = 0, coverage_b = 0;  // share of words inside passages
  double identical_a = 0, identical_b = 0;  // share in identical spans
  uint32_t longest = 0;   // words of A in the longest passage
  uint32_t passages = 0;
  uint32_t swaps = 0;          // one-word substitutions inside passages
  uint32_t related_swaps = 0;  // of which WordNet links the two words
  // Content words (stems of non-stop words), names and numbers.
  double content_jaccard = 0;
  double containment_a = 0;  // share of A's content stems found in B
  double containment_b = 0;  // share of B's content stems found in A
  double details_jaccard = 0;  // names and numbers
  // When the shorter text may be a summary of the longer (at most half its
  // length, most of its content words found there): how many words of the
  // longer one its content is drawn from, from the first place one of
  // its content words occurs to the place by which 95% of them have
  // occurred once (0 when not measured: not a summary candidate, or fewer
  // than 8 content words shared). A summary condenses what it draws on; a
  // text nearly as long as the part it draws on rewrites that part.
  uint32_t drawn_words = 0;
  // The content stems both texts use, taken in the order each text first
  // uses them: how many there are, and the longest run of them that both
  // texts use in the same order (a longest common subsequence). A rewrite
  // keeps its source's order; an independent report tells the shared
  // facts in its own.
  uint32_t shared_stems = 0, stems_in_order = 0;
};

struct PairRelation {
  Relation relation = Relation::kIndependent;
  // Strength of the verdict in [0, 1]: for derived relations how much of
  // the derived text is accounted for; for independent, 1 − that.
  double score = 0;
  PairEvidence evidence;
};

// A text's content stems (non-stop words) and details (names, numbers),
// sorted and unique: computed once per text when it is compared with many.
struct TextSets {
  std::vector<uint64_t> content, details;
};
TextSets SetsOf(const AlignedText& t);
// |x ∩ y| of two sorted unique vectors (a merge).
size_t Intersection(const std::vector<uint64_t>& x,
                    const std::vector<uint64_t>& y);

// The sizes of two texts' sets and of their intersections: all that
// ComputeEvidence needs of the sets, for callers that count them another
// way (families.cc keeps a story's sets as bitmaps).
struct SetOverlap {
  size_t content_a = 0, content_b = 0, content_shared = 0;
  size_t details_a = 0, details_b = 0, details_shared = 0;
};

// The length of the longest strictly increasing subsequence of `seq`
// (patience sorting, O(n log n)); `tails` is scratch.
uint32_t LongestIncreasingRun(const std::vector<uint32_t>& seq,
                              std::vector<uint32_t>* tails);
// PairEvidence::drawn_words from the places (ascending word indexes) in
// the longer text where each of the shorter text's content stems is first
// used; 0 with too few.
uint32_t DrawnSpan(const std::vector<uint32_t>& first_places);

PairEvidence ComputeEvidence(const AlignedText& a, const AlignedText& b,
                             const Alignment& alignment);
PairEvidence ComputeEvidence(const AlignedText& a, const AlignedText& b,
                             const Alignment& alignment, const TextSets& sa,
                             const TextSets& sb);
PairEvidence ComputeEvidence(const AlignedText& a, const AlignedText& b,
                             const Alignment& alignment,
                             const SetOverlap& overlap);
// The evidence but for the measures of word order (drawn_words,
// shared_stems and stems_in_order), which ComputeEvidence adds from the
// texts where Classify will ask for them (NeedsDrawnWords, NeedsOrder):
// for callers that count those another way (families.cc, from a story's
// stem ids).
PairEvidence SetEvidence(const AlignedText& a, const AlignedText& b,
                         const Alignment& alignment,
                         const SetOverlap& overlap);
bool NeedsDrawnWords(const PairEvidence& evidence);
bool NeedsOrder(const PairEvidence& evidence);
// What the caller knows of the pair's history.
enum class Direction : uint8_t {
  kUnknown,  // either text may derive from the other
  kBFromA,   // B derives from A (a labelled source/derived pair)
  kAFromB,   // A derives from B (in a story: B was published first)
};
// A derived text twice its source's length or more expands it: with the
// direction known, that pair is not called a summary (the shorter text
// would be the source, summarising nothing).
PairRelation Classify(const PairEvidence& evidence,
                      Direction direction = Direction::kUnknown);

}  // namespace concord::compare

#endif  // CONCORD_COMPARE_RELATION_H_
