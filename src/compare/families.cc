// Families, origins and roles within a story; the rules are in families.h.
#include "src/compare/families.h"

#include "src/base/hash.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace concord::compare {
namespace {

constexpr double kSummaryLength = 0.8;       // × median length of the rest
constexpr double kSummaryContainment = 0.75;
constexpr double kSummaryCreditedContainment = 0.6;
constexpr uint32_t kSpunMinVotes = 4;
constexpr double kSpunVoteShare = 0.5;
constexpr uint32_t kMaxVoteWords = 2;  // longest edit that votes, per side
constexpr uint32_t kMinFlank = 1;      // identical words around a voting swap

struct UnionFind {
  std::vector<uint32_t> parent;
  explicit UnionFind(size_t n) : parent(n) {
    std::iota(parent.begin(), parent.end(), 0u);
  }
  uint32_t Find(uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

std::string Words(const AlignedText& t, uint32_t begin, uint32_t end) {
  if (begin >= end) return {};
  return std::string(t.text.substr(t.words[begin].begin,
                                   t.words[end - 1].end - t.words[begin].begin));
}

// Below this containment of either side's content words in the other, a
// pair cannot be derived (relation.cc's rules all need ≥ 0.45 or aligned
// wording, which brings the content words along): it is not aligned.
constexpr double kAlignMinContainment = 0.40;

// In how many members each key occurs: built from every member's sorted
// unique keys by one sort and a run-length pass (cheaper than a node per
// key in a hash map), looked up by binary search.
class MemberCounts {
 public:
  // Adds one member's keys. REQUIRES: sorted and unique.
  void AddMember(const std::vector<uint64_t>& keys) {
    all_.insert(all_.end(), keys.begin(), keys.end());
  }
  void Build() {
    std::sort(all_.begin(), all_.end());
    for (size_t k = 0; k < all_.size();) {
      size_t e = k;
      while (e < all_.size() && all_[e] == all_[k]) ++e;
      keys_.push_back(all_[k]);
      counts_.push_back(static_cast<uint32_t>(e - k));
      k = e;
    }
    all_.clear();
    all_.shrink_to_fit();
  }
  // 0 for a key no member has.
  uint32_t Count(uint64_t key) const {
    const auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
    return it != keys_.end() && *it == key ? counts_[it - keys_.begin()] : 0;
  }

 private:
  std::vector<uint64_t> all_, keys_;
  std::vector<uint32_t> counts_;
};

// In how many members the rarest word of words [begin, end) occurs.
uint32_t RarestDf(const AlignedText& t, uint32_t begin, uint32_t end,
                  const MemberCounts& df) {
  uint32_t best = UINT32_MAX;
  for (uint32_t k = begin; k < end; ++k) {
    best = std::min(best, df.Count(Hash64(t.words[k].folded)));
  }
  return best;
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kOrigin:
      return "origin";
    case Role::kDuplicate:
      return "duplicate";
    case Role::kNearDuplicate:
      return "near-duplicate";
    case Role::kSpunCopy:
      return "spun copy";
    case Role::kRewrite:
      return "rewrite";
    case Role::kSummary:
      return "summary";
    case Role::kIndependent:
      return "independent";
  }
  return "independent";
}

StoryReuse AnalyzeStoryReuse(const std::vector<StoryMember>& members,
                             const WordNet* wordnet) {
  const size_t n = members.size();
  StoryReuse out;
  out.family_of.assign(n, -1);
  out.roles.assign(n, Role::kIndependent);
  out.spun_swaps.resize(n);
  if (n == 0) return out;

  // Per member: sorted content stems and details (sets), the seed index;
  // per word (by hash of its folded form): in how many members it occurs;
  // per content stem: in how many members.
  std::vector<GramIndex> indexes(n);
  std::vector<TextSets> sets(n);
  const AlignOptions align_options;
  MemberCounts word_df, stem_members;
  std::vector<uint64_t> words;
  for (size_t i = 0; i < n; ++i) {
    indexes[i] = BuildGramIndex(*members[i].text, align_options.seed_words);
    sets[i] = SetsOf(*members[i].text);
    stem_members.AddMember(sets[i].content);
    words.clear();
    for (const AlignWord& w : members[i].text->words) {
      words.push_back(Hash64(w.folded));
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    word_df.AddMember(words);
  }
  word_df.Build();
  stem_members.Build();

  // Summaries: short, and their content is found in the rest.
  std::vector<bool> summary(n, false);
  if (n >= 2) {
    for (size_t i = 0; i < n; ++i) {
      std::vector<size_t> lengths;
      for (size_t j = 0; j < n; ++j) {
        if (j != i) lengths.push_back(members[j].text->words.size());
      }
      std::nth_element(lengths.begin(), lengths.begin() + lengths.size() / 2,
                       lengths.end());
      const double median = double(lengths[lengths.size() / 2]);
      size_t inside = 0;
      for (uint64_t stem : sets[i].content) {
        inside += stem_members.Count(stem) >= 2;
      }
      const double containment =
          sets[i].content.empty() ? 0
                                  : double(inside) / sets[i].content.size();
      const double need = members[i].has_credit ? kSummaryCreditedContainment
                                                : kSummaryContainment;
      summary[i] = members[i].text->words.size() <= kSummaryLength * median &&
                   containment >= need;
    }
  }

  // Every pair aligned and classified.
  UnionFind uf(n);
  std::vector<Alignment> alignments;
  std::vector<bool> relatives_pair;
  // Per member and word: how many relatives have the same word there.
  std::vector<std::vector<uint8_t>> agree(n);
  for (uint32_t i = 0; i < n; ++i) agree[i].assign(members[i].text->words.size(), 0);
  for (uint32_t i = 0; i < n; ++i) {
    for (uint32_t j = i + 1; j < n; ++j) {
      const AlignedText& a = *members[i].text;
      const AlignedText& b = *members[j].text;
      PairResult pr;
      pr.a = i;
      pr.b = j;
      // Every derived relation needs most of one side's content words in
      // the other; below that the pair is independent and not aligned.
      Alignment al;
      const size_t shared = Intersection(sets[i].content, sets[j].content);
      const double containment_max =
          std::max(sets[i].content.empty() ? 0.0 : double(shared) / sets[i].content.size(),
                   sets[j].content.empty() ? 0.0 : double(shared) / sets[j].content.size());
      if (containment_max >= kAlignMinContainment) {
        al = Align(a, b, indexes[i], indexes[j], wordnet, align_options);
      }
      pr.relation = Classify(ComputeEvidence(a, b, al, sets[i], sets[j]));
      // Only relatives count: against an independent report, different
      // words are its own wording, not a spinner's.
      const bool relatives = !summary[i] && !summary[j] &&
                             IsDerived(pr.relation.relation);
      for (const Passage& p : al.passages) {
        for (const AlignedSpan& s : p.spans) {
          if (s.kind == SpanKind::kIdentical && relatives) {
            for (uint32_t k = 0; k < s.a_word_end - s.a_word_begin; ++k) {
              auto& x = agree[i][s.a_word_begin + k];
              auto& y = agree[j][s.b_word_begin + k];
              x = uint8_t(std::min(255, x + 1));
              y = uint8_t(std::min(255, y + 1));
            }
          }
          if (s.kind != SpanKind::kSwap && s.kind != SpanKind::kEdited) continue;
          pr.swaps.push_back({Words(a, s.a_word_begin, s.a_word_end),
                              Words(b, s.b_word_begin, s.b_word_end),
                              s.relation});
        }
      }
      if (summary[i] || summary[j]) {
        // The shorter side summarises the other when they are related.
        if (IsDerived(pr.relation.relation) ||
            std::max(pr.relation.evidence.containment_a,
                     pr.relation.evidence.containment_b) >= 0.5) {
          pr.relation.relation = Relation::kSummary;
        }
      } else if (IsDerived(pr.relation.relation)) {
        uf.Union(i, j);
      }
      out.pairs.push_back(std::move(pr));
      alignments.push_back(std::move(al));
      relatives_pair.push_back(relatives);
    }
  }

  // Who changed the words? At a swap between relatives, the side that no
  // other relative agrees with while some relative agrees with the other
  // side changed it; with no such witness (two relatives alone), the side
  // whose word fewer members use.
  std::vector<uint32_t> votes(n, 0), swaps_seen(n, 0);
  std::vector<std::vector<SwapWords>> rarer(n), extra(n);
  for (size_t q = 0; q < out.pairs.size(); ++q) {
    const bool relatives = relatives_pair[q];
    const uint32_t i = out.pairs[q].a, j = out.pairs[q].b;
    if (!relatives && (summary[i] || summary[j])) continue;
    const AlignedText& a = *members[i].text;
    const AlignedText& b = *members[j].text;
    for (const Passage& p : alignments[q].passages) {
      for (size_t si = 0; si < p.spans.size(); ++si) {
        const AlignedSpan& s = p.spans[si];
        if (s.kind != SpanKind::kSwap && s.kind != SpanKind::kEdited) continue;
        // Swaps, and short edits ("New Year" → "Latest Yr"), of content
        // words, inside matching text on both sides: a spinner's
        // substitution, not the seam of a loose alignment.
        if (s.a_word_end - s.a_word_begin > kMaxVoteWords ||
            s.b_word_end - s.b_word_begin > kMaxVoteWords) {
          continue;
        }
        auto flank = [&](size_t k) {
          return k < p.spans.size() && p.spans[k].kind == SpanKind::kIdentical &&
                 p.spans[k].a_word_end - p.spans[k].a_word_begin >= kMinFlank;
        };
        if (si == 0 || !flank(si - 1) || !flank(si + 1)) continue;
        auto content = [](const AlignedText& t, uint32_t b, uint32_t e) {
          for (uint32_t k = b; k < e; ++k) {
            if (!t.words[k].stop) return true;
          }
          return false;
        };
        if (!content(a, s.a_word_begin, s.a_word_end) ||
            !content(b, s.b_word_begin, s.b_word_end)) {
          continue;
        }
        SwapWords sw{Words(a, s.a_word_begin, s.a_word_end),
                     Words(b, s.b_word_begin, s.b_word_end), s.relation};
        if (!relatives) {
          // Not a vote, but once a member is known to be spun, a synonym
          // swap against an independent report of the same facts is more
          // evidence ("thousands" → "1000's").
          if (s.relation != WordRelation::kNone) {
            extra[i].push_back({sw.to, sw.from, sw.relation});
            extra[j].push_back(sw);
          }
          continue;
        }
        const bool a_witness = agree[i][s.a_word_begin] > 0;
        const bool b_witness = agree[j][s.b_word_begin] > 0;
        ++swaps_seen[i];
        ++swaps_seen[j];
        int changed = -1;  // 0: a changed it, 1: b did
        if (a_witness != b_witness) {
          changed = a_witness ? 1 : 0;
        } else if (!a_witness) {
          const uint32_t df_a = RarestDf(a, s.a_word_begin, s.a_word_end, word_df);
          const uint32_t df_b = RarestDf(b, s.b_word_begin, s.b_word_end, word_df);
          if (df_a != df_b) changed = df_b < df_a ? 1 : 0;
        }
        if (changed == 1) {
          ++votes[j];
          rarer[j].push_back(sw);
        } else if (changed == 0) {
          ++votes[i];
          rarer[i].push_back({sw.to, sw.from, sw.relation});
        }
      }
    }
  }

  // A spinner's work: rarer words again and again. (Directional: of a spun
  // pair, only the spun side's swaps are mostly the rarer word.)
  std::vector<bool> spun(n, false);
  for (uint32_t i = 0; i < n; ++i) {
    spun[i] = !summary[i] && votes[i] >= kSpunMinVotes &&
              votes[i] >= kSpunVoteShare * swaps_seen[i];
    if (!spun[i]) continue;
    // The same substitution seen against several relatives is listed once.
    for (const std::vector<SwapWords>* list : {&rarer[i], &extra[i]}) {
      for (const SwapWords& sw : *list) {
        const bool known = std::any_of(
            out.spun_swaps[i].begin(), out.spun_swaps[i].end(),
            [&sw](const SwapWords& x) {
              return x.from == sw.from && x.to == sw.to;
            });
        if (!known) out.spun_swaps[i].push_back(sw);
      }
    }
  }


  // Families of two or more, origin first.
  std::unordered_map<uint32_t, std::vector<uint32_t>> groups;
  for (uint32_t i = 0; i < n; ++i) {
    if (!summary[i]) groups[uf.Find(i)].push_back(i);
  }
  std::vector<uint32_t> roots;
  for (const auto& [root, m] : groups) {
    if (m.size() >= 2) roots.push_back(root);
  }
  std::sort(roots.begin(), roots.end());
  for (uint32_t root : roots) {
    std::vector<uint32_t> fam = groups[root];
    const bool all_dated = std::all_of(fam.begin(), fam.end(), [&](uint32_t m) {
      return members[m].time.has_value();
    });
    // A spun copy is never the origin while an unspun relative exists.
    auto better_origin = [&](uint32_t x, uint32_t y) {
      if (spun[x] != spun[y]) return !spun[x];
      if (all_dated && *members[x].time != *members[y].time) {
        return *members[x].time < *members[y].time;
      }
      const size_t wx = members[x].text->words.size();
      const size_t wy = members[y].text->words.size();
      if (wx != wy) return wx > wy;
      return x < y;
    };
    const uint32_t origin = *std::min_element(fam.begin(), fam.end(), better_origin);
    std::vector<uint32_t> ordered = {origin};
    for (uint32_t m : fam) {
      if (m != origin) ordered.push_back(m);
    }
    const int index = static_cast<int>(out.families.size());
    for (uint32_t m : ordered) out.family_of[m] = index;
    out.roles[origin] = Role::kOrigin;
    for (size_t k = 1; k < ordered.size(); ++k) {
      const uint32_t m = ordered[k];
      Role role = Role::kRewrite;
      for (const PairResult& pr : out.pairs) {
        if (!((pr.a == origin && pr.b == m) || (pr.b == origin && pr.a == m))) {
          continue;
        }
        switch (pr.relation.relation) {
          case Relation::kDuplicate:
            role = Role::kDuplicate;
            break;
          case Relation::kNearDuplicate:
            role = Role::kNearDuplicate;
            break;
          case Relation::kSpunCopy:
            role = Role::kSpunCopy;
            break;
          default:
            role = Role::kRewrite;
        }
      }
      out.roles[m] = role;
    }
    out.families.push_back(std::move(ordered));
  }
  for (uint32_t i = 0; i < n; ++i) {
    if (summary[i]) out.roles[i] = Role::kSummary;
    if (spun[i]) {
      out.roles[i] = Role::kSpunCopy;
    } else if (out.roles[i] == Role::kSpunCopy) {
      // Related to the origin by a spun pair, but the swaps show the other
      // side was spun: this one is a plain copy.
      out.roles[i] = Role::kNearDuplicate;
    }
  }
  return out;
}

}  // namespace concord::compare
