// Pair relations from alignment evidence: see relation.h for the classes.
//
// Why these features: copy detection in the literature measures shared
// wording (Clough & Stevenson 2011: n-gram containment separates cut, light
// and heavy revision from independent writing), but rewrites and spun
// copies defeat shared n-grams. The alignment recovers passages through
// swaps; containment of content stems catches rewrites whose wording is new
// but whose content is the source's. Independent reports of one event
// share some facts too, so a rewrite needs most of one side's content words
// in the other together with some aligned wording, or nearly all of them;
// an independent report adds much of its own (low containment), and tells
// what it shares in its own order where a rewrite keeps its source's (the
// order of the shared content words: see kRewriteMinOrder). A summary
// condenses its source; a text as long as the part of a source it draws
// on rewrites that part (see kSummaryCompression).
//
// Tested through families_test.cc (invented pairs of each kind from
// examples/, and the seeds when ../shared is present) and the quality tests
// on labelled pairs (tests/reuse_quality_test.cc).
#include "src/compare/relation.h"

#include <algorithm>
#include <cmath>
#include <optional>


namespace concord::compare {
namespace {

// Thresholds (shares of words unless noted).
constexpr double kDuplicateIdentical = 0.97;
constexpr double kNearDuplicateCoverage = 0.80;
constexpr uint32_t kSpunMinSwaps = 3;
constexpr double kSpunSwapRate = 0.02;      // swaps per aligned word
constexpr double kSpunCoverage = 0.45;
// A summary is substantially shorter than its source: at most half its
// words (the invented summaries in examples/ are 0.47 of their wire
// stories). Between half and the full length a derived text that keeps the
// source's content is a rewrite: at 0.65, LM restyled rewrites of similar
// length came out summaries (docs/quality.md).
constexpr double kSummaryLengthRatio = 0.50;  // short / long, words
constexpr double kSummaryContainment = 0.60;
// A summary condenses what it draws on. A text that draws on a part of
// its source only (at most kPartOfSource of it: PairEvidence::drawn_words)
// and is at least kSummaryCompression of that part's length rewrites the
// part, however far the source runs on beyond it: language-model rewrites
// of long speeches and transcripts are rewrites of their first pages. The
// source must run on for kMinUndrawnWords at least: in a short one the
// last lines add few content words of their own, so a summary of all of
// it can seem to draw on a part (the examples' tram summary draws on 172
// of its rewrite's 275 words by this measure).
constexpr double kSummaryCompression = 0.60;
constexpr double kPartOfSource = 0.70;
constexpr uint32_t kMinUndrawnWords = 150;
constexpr size_t kMinDrawnWords = 8;  // shared content words to measure it
// Rewrite: the derived side's content words mostly found in the source,
// with some aligned wording; or nearly all of them found; or over a fifth
// of either text in aligned passages. Chosen to keep
// ≥ 90% of PolitiFact restyled rewrites derived while leaving ~80% of
// BASIL's same-event reports by different outlets independent
// (docs/quality.md).
constexpr double kRewriteContainment = 0.48;
constexpr double kRewriteCoverage = 0.12;
constexpr double kRewriteStrongContainment = 0.60;
constexpr double kRewriteStrongCoverage = 0.22;  // aligned, either side
// Order. A rewrite, a summary and a spun copy tell the source's content in
// the source's order; an independent report of the same event tells the
// shared facts in its own. Of the n content stems two texts share (by
// first use), the longest run both use in the same order is about 2√n
// when the orders are unrelated (the longest increasing subsequence of a
// random permutation) and n when they agree: OrderBeyondChance() scales
// that run to [0, 1] between the two. Measured on the labelled pairs
// (docs/quality.md): PolitiFact restyled rewrites median 0.67, 5th
// percentile 0.35; BASIL's same-event reports by different outlets median
// 0.10, 95th percentile 0.28. Below kRewriteMinOrder a pair is not
// derived through shared content alone; at kOrderedRewrite or above, with
// kOrderedRewriteContainment of one side's content words in the other,
// it is a rewrite even with little aligned wording. Measured only with
// kMinOrderStems shared. A text over five times the other's length (a
// transcript and a page rewritten from it) uses most shared stems early,
// before the part the short one draws on, whatever the short one's
// order: there a low order is no evidence (kOwnOrderMinLengthRatio).
constexpr uint32_t kMinOrderStems = 8;
constexpr double kOwnOrderMinLengthRatio = 0.20;
constexpr double kRewriteMinOrder = 0.25;
constexpr double kOrderedRewrite = 0.60;
constexpr double kOrderedRewriteContainment = 0.35;

// Of two sets of sizes x and y sharing `shared`.
double Jaccard(size_t x, size_t y, size_t shared) {
  const size_t uni = x + y - shared;
  return uni == 0 ? 0 : double(shared) / double(uni);
}

void SortUnique(std::vector<uint64_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

// Duplicate, spun copy or near-duplicate, decided from the alignment
// alone; nothing when the pair is none of them.
std::optional<PairRelation> CopyRelation(const PairEvidence& e) {
  const double cov_min = std::min(e.coverage_a, e.coverage_b);
  const double aligned = std::max<double>(
      1, std::min(e.coverage_a * e.a_words, e.coverage_b * e.b_words));
  const double swap_rate = e.swaps / aligned;
  PairRelation r;
  if (std::min(e.identical_a, e.identical_b) >= kDuplicateIdentical) {
    r.relation = Relation::kDuplicate;
    r.score = std::min(e.identical_a, e.identical_b);
  } else if (cov_min >= kSpunCoverage && e.swaps >= kSpunMinSwaps &&
             swap_rate >= kSpunSwapRate) {
    r.relation = Relation::kSpunCopy;
    r.score = cov_min;
  } else if (cov_min >= kNearDuplicateCoverage) {
    r.relation = Relation::kNearDuplicate;
    r.score = cov_min;
  } else {
    return std::nullopt;
  }
  return r;
}

// PairEvidence::drawn_words of `shorter` in `longer`.
uint32_t DrawnWords(const AlignedText& shorter, const AlignedText& longer) {
  thread_local std::vector<uint64_t> stems;
  thread_local std::vector<uint8_t> seen;
  thread_local std::vector<uint32_t> first;  // positions in `longer`
  stems.clear();
  for (const AlignWord& w : shorter.words) {
    if (!w.stop) stems.push_back(w.stem);
  }
  SortUnique(&stems);
  seen.assign(stems.size(), 0);
  first.clear();
  for (uint32_t k = 0; k < longer.words.size(); ++k) {
    const AlignWord& w = longer.words[k];
    if (w.stop) continue;
    const auto it = std::lower_bound(stems.begin(), stems.end(), w.stem);
    if (it == stems.end() || *it != w.stem) continue;
    uint8_t& s = seen[size_t(it - stems.begin())];
    if (s != 0) continue;
    s = 1;
    first.push_back(k);
  }
  return DrawnSpan(first);
}

// See kMinOrderStems; 0 with fewer shared.
double OrderBeyondChance(const PairEvidence& e) {
  if (e.shared_stems < kMinOrderStems) return 0;
  const double n = e.shared_stems;
  const double chance = 2 * std::sqrt(n);
  return std::clamp((e.stems_in_order - chance) / (n - chance), 0.0, 1.0);
}

// At most half the other's length, with most of its content words found
// there: what a summary is, unless the pair is a copy or a rule below
// says otherwise (Classify), and where drawn_words is measured.
bool SummaryCandidate(const PairEvidence& e) {
  const bool a_short = e.a_words <= e.b_words;
  return double(std::min(e.a_words, e.b_words)) <=
             kSummaryLengthRatio * std::max(e.a_words, e.b_words) &&
         (a_short ? e.containment_a : e.containment_b) >= kSummaryContainment;
}

// Whether the shorter text rewrites a part of the longer: see
// kSummaryCompression.
bool RewritesPart(const PairEvidence& e) {
  const uint32_t shorter = std::min(e.a_words, e.b_words);
  const uint32_t longer = std::max(e.a_words, e.b_words);
  return e.drawn_words > 0 && e.drawn_words <= kPartOfSource * longer &&
         e.drawn_words + kMinUndrawnWords <= longer &&
         shorter > kSummaryCompression * e.drawn_words;
}

// Content stems of `t` with where each first occurs, sorted by stem.
void FirstUses(const AlignedText& t,
               std::vector<std::pair<uint64_t, uint32_t>>* out) {
  out->clear();
  for (uint32_t k = 0; k < t.words.size(); ++k) {
    if (!t.words[k].stop) out->emplace_back(t.words[k].stem, k);
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end(),
                         [](const auto& x, const auto& y) {
                           return x.first == y.first;
                         }),
             out->end());
}

// PairEvidence::shared_stems and stems_in_order.
void ContentOrder(const AlignedText& a, const AlignedText& b,
                  PairEvidence* e) {
  thread_local std::vector<std::pair<uint64_t, uint32_t>> fa, fb;
  thread_local std::vector<std::pair<uint32_t, uint32_t>> places;
  thread_local std::vector<uint32_t> in_b, tails;
  FirstUses(a, &fa);
  FirstUses(b, &fb);
  places.clear();
  for (size_t i = 0, j = 0; i < fa.size() && j < fb.size();) {
    if (fa[i].first < fb[j].first) {
      ++i;
    } else if (fb[j].first < fa[i].first) {
      ++j;
    } else {
      places.emplace_back(fa[i].second, fb[j].second);
      ++i;
      ++j;
    }
  }
  // B's places in A's order: the longest increasing run of them.
  std::sort(places.begin(), places.end());
  in_b.clear();
  for (const auto& place : places) in_b.push_back(place.second);
  e->shared_stems = uint32_t(places.size());
  e->stems_in_order = LongestIncreasingRun(in_b, &tails);
}

}  // namespace

uint32_t LongestIncreasingRun(const std::vector<uint32_t>& seq,
                              std::vector<uint32_t>* tails) {
  // t[k]: the smallest last element of an increasing run of k + 1, for k
  // below `run` (written through a pointer: push_back was not inlined).
  tails->resize(seq.size());
  uint32_t* const t = tails->data();
  size_t run = 0;
  for (const uint32_t x : seq) {
    // (Derived texts keep most of their order: most x extend the run.)
    if (run == 0 || x > t[run - 1]) {
      t[run++] = x;
      continue;
    }
    *std::lower_bound(t, t + run, x) = x;
  }
  return uint32_t(run);
}

uint32_t DrawnSpan(const std::vector<uint32_t>& first) {
  if (first.size() < kMinDrawnWords) return 0;
  return first[(first.size() - 1) * 95 / 100] - first[0] + 1;
}

bool NeedsDrawnWords(const PairEvidence& e) {
  return e.a_words != 0 && e.b_words != 0 && !CopyRelation(e).has_value() &&
         SummaryCandidate(e);
}

// Past a copy, every summary and rewrite clause of Classify needs one of
// these two (a summary 60% containment, a rewrite 60%, 48% or 22%
// coverage), and so does the ordered rewrite: below both the pair is
// independent whatever its order.
bool NeedsOrder(const PairEvidence& e) {
  if (e.a_words == 0 || e.b_words == 0 || CopyRelation(e).has_value()) {
    return false;
  }
  return std::max(e.containment_a, e.containment_b) >=
             kOrderedRewriteContainment ||
         std::max(e.coverage_a, e.coverage_b) >= kRewriteStrongCoverage;
}

const char* RelationName(Relation r) {
  switch (r) {
    case Relation::kDuplicate:
      return "duplicate";
    case Relation::kNearDuplicate:
      return "near-duplicate";
    case Relation::kSpunCopy:
      return "spun copy";
    case Relation::kRewrite:
      return "rewrite";
    case Relation::kSummary:
      return "summary";
    case Relation::kIndependent:
      return "independent";
  }
  return "independent";
}

size_t Intersection(const std::vector<uint64_t>& x,
                    const std::vector<uint64_t>& y) {
  size_t n = 0;
  auto i = x.begin();
  auto j = y.begin();
  while (i != x.end() && j != y.end()) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

TextSets SetsOf(const AlignedText& t) {
  TextSets s;
  for (const AlignWord& w : t.words) {
    if (w.number || w.capitalized) s.details.push_back(w.stem);
    if (!w.stop) s.content.push_back(w.stem);
  }
  SortUnique(&s.content);
  SortUnique(&s.details);
  return s;
}

PairEvidence ComputeEvidence(const AlignedText& a, const AlignedText& b,
                             const Alignment& al) {
  return ComputeEvidence(a, b, al, SetsOf(a), SetsOf(b));
}

PairEvidence ComputeEvidence(const AlignedText& a, const AlignedText& b,
                             const Alignment& al, const TextSets& sa,
                             const TextSets& sb) {
  SetOverlap o;
  o.content_a = sa.content.size();
  o.content_b = sb.content.size();
  o.content_shared = Intersection(sa.content, sb.content);
  o.details_a = sa.details.size();
  o.details_b = sb.details.size();
  o.details_shared = Intersection(sa.details, sb.details);
  return ComputeEvidence(a, b, al, o);
}

PairEvidence ComputeEvidence(const AlignedText& a, const AlignedText& b,
                             const Alignment& al, const SetOverlap& o) {
  PairEvidence e = SetEvidence(a, b, al, o);
  if (NeedsDrawnWords(e)) {
    e.drawn_words =
        e.a_words <= e.b_words ? DrawnWords(a, b) : DrawnWords(b, a);
  }
  if (NeedsOrder(e)) ContentOrder(a, b, &e);
  return e;
}

PairEvidence SetEvidence(const AlignedText& a, const AlignedText& b,
                         const Alignment& al, const SetOverlap& o) {
  PairEvidence e;
  e.a_words = uint32_t(a.words.size());
  e.b_words = uint32_t(b.words.size());
  if (e.a_words == 0 || e.b_words == 0) return e;
  e.coverage_a = double(al.a_aligned) / e.a_words;
  e.coverage_b = double(al.b_aligned) / e.b_words;
  e.identical_a = double(al.matched) / e.a_words;
  e.identical_b = double(al.matched) / e.b_words;
  e.longest = al.longest;
  e.passages = uint32_t(al.passages.size());
  e.swaps = al.swaps;
  for (const Passage& p : al.passages) {
    for (const AlignedSpan& s : p.spans) {
      if (s.kind == SpanKind::kSwap && s.relation != WordRelation::kNone) {
        ++e.related_swaps;
      }
    }
  }
  e.content_jaccard = Jaccard(o.content_a, o.content_b, o.content_shared);
  e.containment_a =
      o.content_a == 0 ? 0 : double(o.content_shared) / o.content_a;
  e.containment_b =
      o.content_b == 0 ? 0 : double(o.content_shared) / o.content_b;
  e.details_jaccard = Jaccard(o.details_a, o.details_b, o.details_shared);
  return e;
}

PairRelation Classify(const PairEvidence& e, Direction direction) {
  PairRelation r;
  r.evidence = e;
  if (e.a_words == 0 || e.b_words == 0) return r;
  const double cov_max = std::max(e.coverage_a, e.coverage_b);
  const bool a_short = e.a_words <= e.b_words;
  const double short_ratio =
      double(std::min(e.a_words, e.b_words)) / std::max(e.a_words, e.b_words);
  const double short_containment = a_short ? e.containment_a : e.containment_b;
  const double containment_max = std::max(e.containment_a, e.containment_b);
  const bool order_known = e.shared_stems >= kMinOrderStems;
  const double order = OrderBeyondChance(e);
  // Shared content in an order of its own: not derived through it.
  const bool own_order = order_known && order < kRewriteMinOrder &&
                         short_ratio >= kOwnOrderMinLengthRatio;

  if (const std::optional<PairRelation> copy = CopyRelation(e)) {
    r.relation = copy->relation;
    r.score = copy->score;
  } else if (!own_order && SummaryCandidate(e) && !RewritesPart(e) &&
             !(direction == (a_short ? Direction::kBFromA
                                     : Direction::kAFromB))) {
    r.relation = Relation::kSummary;
    r.score = short_containment;
  } else if (!own_order &&
             (cov_max >= kRewriteStrongCoverage ||
              (cov_max >= kRewriteCoverage &&
               containment_max >= kRewriteContainment) ||
              containment_max >= kRewriteStrongContainment ||
              (order_known && order >= kOrderedRewrite &&
               containment_max >= kOrderedRewriteContainment))) {
    r.relation = Relation::kRewrite;
    r.score = containment_max;
  } else {
    r.relation = Relation::kIndependent;
    r.score = 1 - containment_max;
  }
  return r;
}

}  // namespace concord::compare
