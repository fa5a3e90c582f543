// libFuzzer target: arbitrary UTF-8-ish text split in two halves, aligned
// and classified (src/compare/). Must never crash, and every span must lie
// inside its text. The two halves (and a copy of the first) are then
// analysed as a story, whose pair evidence — the word-order measures
// counted from the story's stem ids — must equal ComputeEvidence's from
// the texts. Undated and dated, each family must be a tree rooted at its
// origin. Build as ingest_fuzz.cc says, target align_fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "src/compare/aligner.h"
#include "src/compare/families.h"
#include "src/compare/relation.h"
#include "src/ingest/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  // The aligner's inputs are valid UTF-8 (ingest guarantees it).
  if (concord::ingest::FindInvalidUtf8(bytes) != std::string::npos) return 0;
  const size_t half = bytes.size() / 2;
  const std::string a = bytes.substr(0, half), b = bytes.substr(half);
  concord::text::Stemmer stemmer("en");
  const auto ta = concord::compare::PrepareForAlignment(a, "en", &stemmer);
  const auto tb = concord::compare::PrepareForAlignment(b, "en", &stemmer);
  const auto al = concord::compare::Align(ta, tb, nullptr);
  for (const auto& p : al.passages) {
    for (const auto& s : p.spans) {
      if (s.a_end > a.size() || s.b_end > b.size() || s.a_begin > s.a_end ||
          s.b_begin > s.b_end) {
        std::abort();
      }
    }
  }
  using concord::compare::PairEvidence;
  const PairEvidence e = concord::compare::ComputeEvidence(ta, tb, al);
  (void)concord::compare::Classify(e);

  const std::vector<concord::compare::StoryMember> members = {
      {&ta, {}, false}, {&tb, {}, false}, {&ta, {}, false}};
  const auto story = concord::compare::AnalyzeStoryReuse(members, nullptr);
  for (const auto& pr : story.pairs) {
    const PairEvidence& got = pr.relation.evidence;
    const auto& x = *members[pr.a].text;
    const auto& y = *members[pr.b].text;
    const PairEvidence want = concord::compare::ComputeEvidence(
        x, y, concord::compare::Alignment{}, concord::compare::SetsOf(x),
        concord::compare::SetsOf(y));
    if (got.containment_a != want.containment_a ||
        got.containment_b != want.containment_b) {
      std::abort();
    }
    if (concord::compare::NeedsOrder(got) &&
        (got.shared_stems != want.shared_stems ||
         got.stems_in_order != want.stems_in_order)) {
      std::abort();
    }
    if (concord::compare::NeedsDrawnWords(got) &&
        got.drawn_words != want.drawn_words) {
      std::abort();
    }
  }
  // Dated (times from the first byte, ties included), the families must
  // still be trees: each member's parent chain ends at its family's origin
  // without a cycle, and members outside families have no parent.
  std::vector<concord::compare::StoryMember> dated = members;
  const uint8_t t = size > 0 ? data[0] : 0;
  for (size_t i = 0; i < dated.size(); ++i) {
    if ((t >> (6 + (i & 1))) & 1) continue;  // some undated
    dated[i].time = int64_t((t >> (2 * i)) & 3) * 86400;
  }
  const auto dated_story = concord::compare::AnalyzeStoryReuse(dated, nullptr);
  for (const auto* r_ptr : {&story, &dated_story}) {
    const auto& r = *r_ptr;
    for (size_t i = 0; i < members.size(); ++i) {
      const int fam = r.family_of[i];
      if (fam < 0) {
        if (r.parent[i] != -1) std::abort();
        continue;
      }
      int at = static_cast<int>(i), steps = 0;
      while (r.parent[at] >= 0) {
        at = r.parent[at];
        if (r.family_of[at] != fam || ++steps > int(members.size())) std::abort();
      }
      if (static_cast<int>(r.families[fam].front()) != at) std::abort();
    }
  }
  return 0;
}
