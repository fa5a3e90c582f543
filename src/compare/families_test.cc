// Relations, families and roles on the team's example articles (and on the
// seeds when ../shared is present).
#include "src/compare/families.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "src/extract/text_chrome.h"

namespace concord::compare {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Story {
  std::vector<std::string> names;
  std::vector<std::string> bodies;
  std::vector<bool> credits;
  std::vector<AlignedText> texts;
  StoryReuse reuse;
  std::vector<PairResult> pairs;
};

// Reads `files` (chrome removed), aligns and analyses them as one story.
// Wire reports ("-01-") are dated a day before the others when `dated`.
Story Analyze(const std::string& dir, const std::vector<std::string>& files,
              bool dated = false) {
  Story s;
  text::Stemmer stemmer("en");
  for (const std::string& f : files) {
    ArticleContent c = extract::ExtractFromText(Slurp(dir + "/" + f));
    s.names.push_back(f.substr(0, f.find('.')));
    s.bodies.push_back(c.body);
    s.credits.push_back(!c.credits.empty());
  }
  for (const std::string& b : s.bodies) {
    s.texts.push_back(PrepareForAlignment(b, "en", &stemmer));
  }
  std::vector<StoryMember> members;
  for (size_t i = 0; i < s.texts.size(); ++i) {
    std::optional<int64_t> time;
    if (dated) time = s.names[i].find("-01-") != std::string::npos ? 0 : 86400;
    members.push_back({&s.texts[i], time, bool(s.credits[i])});
  }
  s.reuse = AnalyzeStoryReuse(members, nullptr);
  return s;
}

std::map<std::string, std::string> Roles(const Story& s) {
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < s.names.size(); ++i) {
    out[s.names[i]] = RoleName(s.reuse.roles[i]);
  }
  return out;
}

std::string Relation(const Story& s, size_t a, size_t b) {
  for (const PairResult& p : s.reuse.pairs) {
    if (p.a == a && p.b == b) return RelationName(p.relation.relation);
  }
  return "?";
}

const std::string kExamples = std::string(CONCORD_SOURCE_DIR) + "/examples/articles";

TEST(FamiliesTest, FloodStoryPairsAndRoles) {
  Story s = Analyze(kExamples, {"flood-01-wire.txt", "flood-02-verbatim-copy.txt",
                                "flood-03-synonym-spun.txt", "flood-04-independent.txt",
                                "flood-05-summary.txt"});
  EXPECT_EQ(Relation(s, 0, 1), "duplicate");
  EXPECT_EQ(Relation(s, 0, 2), "spun copy");
  EXPECT_EQ(Relation(s, 0, 3), "independent");
  EXPECT_EQ(Relation(s, 0, 4), "summary");
  const std::map<std::string, std::string> expected = {
      {"flood-01-wire", "origin"},
      {"flood-02-verbatim-copy", "duplicate"},
      {"flood-03-synonym-spun", "spun copy"},
      {"flood-04-independent", "independent"},
      {"flood-05-summary", "summary"}};
  EXPECT_EQ(Roles(s), expected);
  ASSERT_EQ(s.reuse.families.size(), 1u);
  EXPECT_EQ(s.reuse.families[0].front(), 0u);  // the wire is the origin
  // The spinner's swaps, as wire word → spun word.
  std::set<std::pair<std::string, std::string>> swaps;
  for (const SwapWords& w : s.reuse.spun_swaps[2]) swaps.insert({w.from, w.to});
  EXPECT_TRUE(swaps.contains({"residents", "inhabitants"}));
  EXPECT_TRUE(swaps.contains({"homes", "houses"}));
}

// Texts with no words (the fuzzer's empty input): no stems, empty rows,
// every pair independent, nothing read out of bounds (under the
// sanitizers: fuzz/align_fuzz.cc found the empty rows' null pointer).
TEST(FamiliesTest, StoryOfEmptyTextsIsAllIndependent) {
  const AlignedText empty;
  const std::vector<StoryMember> members = {
      {&empty, {}, false}, {&empty, {}, false}, {&empty, {}, false}};
  const StoryReuse r = AnalyzeStoryReuse(members, nullptr);
  ASSERT_EQ(r.pairs.size(), 3u);
  for (const PairResult& p : r.pairs) {
    EXPECT_EQ(p.relation.relation, Relation::kIndependent);
  }
}

// A wire and its verbatim copy in a story of much longer reports on other
// matters: the wire's content is all in its copy, and both are short
// against the story, but a copy is no summary (a summary is short against
// the texts that hold its content, not against unrelated ones).
TEST(FamiliesTest, CopiesAmongLongerReportsAreNotSummaries) {
  const std::string dir = ::testing::TempDir() + "/families_long";
  std::filesystem::create_directories(dir);
  const std::vector<std::string> others = {
      "strike-04-independent-caption-twice.txt", "wildfire-04-independent-caption-twice.txt",
      "wildfire-05-independent.txt", "launch-05-independent.txt",
      "tram-03-independent.txt"};
  for (int r = 0; r < 3; ++r) {
    std::string body;
    for (size_t k = 0; k < others.size(); ++k) {
      const std::string text = Slurp(kExamples + "/" + others[(k + r) % 5]);
      body += text.substr(text.find("\n\n") + 2) + "\n\n";  // no title
    }
    std::ofstream(dir + "/long-" + std::to_string(r) + ".txt") << body;
  }
  for (const char* f : {"flood-01-wire.txt", "flood-02-verbatim-copy.txt"}) {
    std::ofstream(dir + "/" + f) << Slurp(kExamples + "/" + f);
  }
  Story s = Analyze(dir, {"flood-01-wire.txt", "flood-02-verbatim-copy.txt",
                          "long-0.txt", "long-1.txt", "long-2.txt"});
  ASSERT_GE(s.texts[2].words.size(), 3 * s.texts[0].words.size());
  EXPECT_EQ(Relation(s, 0, 1), "duplicate");
  EXPECT_EQ(Roles(s)["flood-01-wire"], "origin");
  EXPECT_EQ(Roles(s)["flood-02-verbatim-copy"], "duplicate");
}

// Without a third relative there is no witness to a swap (and with
// republished texts, one on both sides): the side whose word fewer story
// members use changed it (counted for just the words such
// votes ask about). The third member, an unrelated report, uses the
// original's plain words, so the spinner's are the rarer ones.
TEST(FamiliesTest, SwapsWithoutWitnessVoteByMemberCounts) {
  const std::string original =
      "The river rose overnight and forced residents from their homes near "
      "the old bridge. Officials said rescue crews reached the flooded "
      "valley before dawn and moved families to the school. The storm "
      "destroyed several buildings and damaged roads across the county. "
      "Volunteers brought food and blankets to the shelter while engineers "
      "inspected the dam.";
  std::string spun = original;
  for (const auto& [from, to] :
       std::vector<std::pair<std::string, std::string>>{
           {"residents", "inhabitants"}, {"homes", "dwellings"},
           {"rescue", "salvage"}, {"buildings", "edifices"},
           {"roads", "thoroughfares"}, {"food", "victuals"}}) {
    spun.replace(spun.find(from), from.size(), to);
  }
  const std::string other =
      "Residents of nearby towns stocked food and checked their homes, and "
      "rescue teams toured buildings and roads in the north. The mayor said "
      "weather forecasters warned commuters on Tuesday evening, and markets "
      "closed early as farmers moved cattle to higher pastures.";
  text::Stemmer stemmer("en");
  std::vector<AlignedText> texts;
  // (The texts view the strings, which outlive them.)
  for (const std::string* t :
       std::vector<const std::string*>{&original, &spun, &other}) {
    texts.push_back(PrepareForAlignment(*t, "en", &stemmer));
  }
  std::vector<StoryMember> members;
  for (const AlignedText& t : texts) members.push_back({&t, {}, false});
  const StoryReuse r = AnalyzeStoryReuse(members, nullptr);
  ASSERT_EQ(r.pairs.size(), 3u);
  EXPECT_TRUE(IsDerived(r.pairs[0].relation.relation));  // 0-1
  EXPECT_FALSE(IsDerived(r.pairs[1].relation.relation));  // 0-2
  EXPECT_FALSE(IsDerived(r.pairs[2].relation.relation));  // 1-2
  EXPECT_EQ(r.roles[1], Role::kSpunCopy);
  EXPECT_NE(r.roles[0], Role::kSpunCopy);
  std::set<std::pair<std::string, std::string>> swaps;
  for (const SwapWords& w : r.spun_swaps[1]) swaps.insert({w.from, w.to});
  EXPECT_TRUE(swaps.contains({"residents", "inhabitants"}));
  EXPECT_TRUE(swaps.contains({"food", "victuals"}));
  EXPECT_TRUE(r.spun_swaps[0].empty());

  // Republished, the spinner's text has a witness for each of its words,
  // as the original's copy has for the original's: both sides witnessed,
  // the story's member counts decide (the unrelated report uses the plain
  // words), and both spun texts are found.
  std::vector<StoryMember> twins = {{&texts[0], {}, false}, {&texts[0], {}, false},
                                    {&texts[1], {}, false}, {&texts[1], {}, false},
                                    {&texts[2], {}, false}};
  const StoryReuse t = AnalyzeStoryReuse(twins, nullptr);
  EXPECT_EQ(t.roles[2], Role::kSpunCopy);
  EXPECT_EQ(t.roles[3], Role::kSpunCopy);
  EXPECT_NE(t.roles[0], Role::kSpunCopy);
  EXPECT_NE(t.roles[1], Role::kSpunCopy);
}

// Pairs are aligned B by B, but listed A by A: (0, 1), (0, 2), ..., (1, 2).
TEST(FamiliesTest, PairsInOrderOfAThenB) {
  Story s = Analyze(kExamples, {"flood-01-wire.txt", "flood-02-verbatim-copy.txt",
                                "flood-03-synonym-spun.txt", "flood-04-independent.txt",
                                "flood-05-summary.txt"});
  ASSERT_EQ(s.reuse.pairs.size(), 10u);
  size_t q = 0;
  for (uint32_t a = 0; a < 5; ++a) {
    for (uint32_t b = a + 1; b < 5; ++b, ++q) {
      EXPECT_EQ(s.reuse.pairs[q].a, a) << q;
      EXPECT_EQ(s.reuse.pairs[q].b, b) << q;
    }
  }
}

// Verbatim copies arrive sharing one AlignedText (ReuseInStory prepares a
// body once), and AnalyzeStoryReuse then aligns a pair of texts once. The
// answer must be the one for copies prepared separately: every pair's
// relation, score, evidence and swaps, the families, roles and spun swaps.
TEST(FamiliesTest, SharedTextsOfCopiesGiveTheSameAnswer) {
  text::Stemmer stemmer("en");
  std::vector<std::string> bodies;
  for (const char* f : {"launch-01-wire.txt", "launch-03-synonym-spun.txt",
                        "launch-04-light-edit-credit.txt",
                        "launch-05-independent.txt"}) {
    bodies.push_back(
        extract::ExtractFromText(Slurp(kExamples + "/" + f)).body);
  }
  // Members: wire, edit, wire, spun, edit, independent, wire — copies
  // before and after the texts they pair with, so that a pair of texts
  // comes back in the other order too (edit-wire after wire-edit), where
  // the light edit's inserted words put the same words at other offsets.
  const std::vector<size_t> of = {0, 2, 0, 1, 2, 3, 0};
  std::vector<AlignedText> prepared;  // one per body
  for (const std::string& b : bodies) {
    prepared.push_back(PrepareForAlignment(b, "en", &stemmer));
  }
  std::vector<AlignedText> separate;  // one per member
  for (size_t k : of) {
    separate.push_back(PrepareForAlignment(bodies[k], "en", &stemmer));
  }
  std::vector<StoryMember> shared_members, separate_members;
  for (size_t m = 0; m < of.size(); ++m) {
    const std::optional<int64_t> time = int64_t(m) * 3600;
    const bool credit = of[m] == 2;
    shared_members.push_back({&prepared[of[m]], time, credit});
    separate_members.push_back({&separate[m], time, credit});
  }
  const StoryReuse a = AnalyzeStoryReuse(shared_members, nullptr);
  const StoryReuse b = AnalyzeStoryReuse(separate_members, nullptr);
  ASSERT_EQ(a.pairs.size(), b.pairs.size());
  auto swaps = [](const std::vector<SwapWords>& v) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const SwapWords& w : v) out.push_back({w.from, w.to});
    return out;
  };
  for (size_t q = 0; q < a.pairs.size(); ++q) {
    const PairResult& x = a.pairs[q];
    const PairResult& y = b.pairs[q];
    SCOPED_TRACE(std::to_string(x.a) + "-" + std::to_string(x.b));
    EXPECT_EQ(x.relation.relation, y.relation.relation);
    EXPECT_EQ(x.relation.score, y.relation.score);
    EXPECT_EQ(x.relation.evidence.coverage_a, y.relation.evidence.coverage_a);
    EXPECT_EQ(x.relation.evidence.coverage_b, y.relation.evidence.coverage_b);
    EXPECT_EQ(x.relation.evidence.longest, y.relation.evidence.longest);
    EXPECT_EQ(x.relation.evidence.passages, y.relation.evidence.passages);
    EXPECT_EQ(x.relation.evidence.swaps, y.relation.evidence.swaps);
    auto spelt = [](const std::vector<StoryMember>& members,
                    const PairResult& pr) {
      std::vector<SwapWords> out;
      for (const PairSwap& s : pr.swaps) {
        out.push_back(
            SpellSwap(*members[pr.a].text, *members[pr.b].text, s));
      }
      return out;
    };
    EXPECT_EQ(swaps(spelt(shared_members, x)),
              swaps(spelt(separate_members, y)));
  }
  EXPECT_EQ(a.families, b.families);
  EXPECT_EQ(a.family_of, b.family_of);
  EXPECT_EQ(a.roles, b.roles);
  for (size_t m = 0; m < of.size(); ++m) {
    EXPECT_EQ(swaps(a.spun_swaps[m]), swaps(b.spun_swaps[m])) << m;
  }
  // Not vacuous: the copies are duplicates, and the wire and the spun
  // copy differ by swapped words.
  EXPECT_EQ(a.pairs[1].relation.relation, Relation::kDuplicate);  // 0-2
  EXPECT_FALSE(a.pairs[2].swaps.empty());                        // 0-3
}

// AnalyzeStoryReuse counts the members' content stems and details as
// bitmaps over story-local ids (StorySets); every pair's set evidence must
// be what the sorted sets of relation.h (SetsOf, Intersection) give, with
// copies sharing a text and copies prepared apart.
TEST(FamiliesTest, StorySetsEqualSortedSetEvidence) {
  text::Stemmer stemmer("en");
  size_t ordered = 0, drawn = 0;
  // The launch story with copies; the tram story, whose summary is under
  // half its wire's length (drawn_words).
  for (const std::vector<const char*>& files :
       {std::vector<const char*>{"launch-01-wire.txt",
                                 "launch-03-synonym-spun.txt",
                                 "launch-04-light-edit-credit.txt",
                                 "launch-05-independent.txt",
                                 "launch-01-wire.txt"},
        std::vector<const char*>{"tram-01-wire.txt", "tram-02-rewrite.txt",
                                 "tram-03-independent.txt",
                                 "tram-04-summary.txt", "tram-01-wire.txt"}}) {
    // The texts view their bodies, which must outlive them (the spun copy,
    // listed twice, has its swaps spelt from its text).
    std::vector<std::string> bodies;
    for (const char* f : files) {
      bodies.push_back(extract::ExtractFromText(Slurp(kExamples + "/" + f)).body);
    }
    std::vector<AlignedText> texts;
    for (const std::string& body : bodies) {
      texts.push_back(PrepareForAlignment(body, "en", &stemmer));
    }
    std::vector<StoryMember> members;
    for (size_t k : {0, 1, 0, 2, 3, 4, 1})
      members.push_back({&texts[k], {}, false});
    const StoryReuse r = AnalyzeStoryReuse(members, nullptr);
    ASSERT_EQ(r.pairs.size(), 21u);
    for (const PairResult& pr : r.pairs) {
      const AlignedText& a = *members[pr.a].text;
      const AlignedText& b = *members[pr.b].text;
      const PairEvidence want =
          ComputeEvidence(a, b, Alignment{}, SetsOf(a), SetsOf(b));
      const PairEvidence& got = pr.relation.evidence;
      SCOPED_TRACE(std::string(files[0]) + " " + std::to_string(pr.a) + "-" +
                   std::to_string(pr.b));
      EXPECT_EQ(got.content_jaccard, want.content_jaccard);
      EXPECT_EQ(got.containment_a, want.containment_a);
      EXPECT_EQ(got.containment_b, want.containment_b);
      EXPECT_EQ(got.details_jaccard, want.details_jaccard);
      // The word-order measures, counted from the story's stem ids where
      // the pair's relation asks for them.
      if (NeedsOrder(got)) {
        ++ordered;
        EXPECT_EQ(got.shared_stems, want.shared_stems);
        EXPECT_EQ(got.stems_in_order, want.stems_in_order);
      }
      if (NeedsDrawnWords(got)) {
        ++drawn;
        EXPECT_EQ(got.drawn_words, want.drawn_words);
      }
    }
  }
  EXPECT_GT(ordered, 0u);
  EXPECT_GT(drawn, 0u);
}

TEST(FamiliesTest, ExampleStoriesRoles) {
  struct Case {
    std::vector<std::string> files;
    std::map<std::string, std::string> roles;
  };
  const Case cases[] = {
      {{"wildfire-01-wire.txt", "wildfire-02-light-edit.txt",
        "wildfire-03-synonym-spun.txt", "wildfire-04-independent-caption-twice.txt",
        "wildfire-05-independent.txt"},
       {{"wildfire-01-wire", "origin"},
        {"wildfire-02-light-edit", "near-duplicate"},
        {"wildfire-03-synonym-spun", "spun copy"},
        {"wildfire-04-independent-caption-twice", "independent"},
        {"wildfire-05-independent", "independent"}}},
      {{"tram-01-wire.txt", "tram-02-rewrite.txt", "tram-03-independent.txt",
        "tram-04-summary.txt"},
       {{"tram-01-wire", "origin"},
        {"tram-02-rewrite", "rewrite"},
        {"tram-03-independent", "independent"},
        {"tram-04-summary", "summary"}}},
  };
  for (const Case& c : cases) {
    // Dated: the wire, published first, is the origin.
    Story s = Analyze(kExamples, c.files, /*dated=*/true);
    EXPECT_EQ(Roles(s), c.roles) << c.files[0];
  }
}

// A wire's early flash (its first paragraphs, reworded when the full
// story followed) is the first version of the story: with dates it is the
// origin, neither a summary of the later, longer versions nor their spun
// copy, and each later version derives from its closest earlier relative.
TEST(FamiliesTest, EarlyFlashIsTheOriginAndCopiesNameTheirSource) {
  const std::string dir = ::testing::TempDir() + "/families_flash";
  std::filesystem::create_directories(dir);
  const std::string wire = Slurp(kExamples + "/flood-01-wire.txt");
  const size_t body = wire.find("\n\n") + 2;
  const size_t third = wire.find("\n\n", wire.find("\n\n", body) + 2);
  std::string flash = "Brennick told to leave as dam gate jams\n\n" +
                      wire.substr(body, third - body) + "\n\nMore to follow.\n";
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"Authorities ordered", "Officials told"},
           {"4,200 residents", "4,000 people"}, {"homes", "houses"},
           {"jammed", "stuck"}, {"began", "started"}, {"embankment", "bank"},
           {"rose 2.8", "climbed nearly three"}}) {
    flash.replace(flash.find(from), from.size(), to);
  }
  std::ofstream(dir + "/flood-00-flash.txt") << flash;
  for (const char* f : {"flood-01-wire.txt", "flood-02-verbatim-copy.txt",
                        "flood-03-synonym-spun.txt"}) {
    std::ofstream(dir + "/" + f) << Slurp(kExamples + "/" + f);
  }
  const std::vector<std::string> files = {
      "flood-00-flash.txt", "flood-01-wire.txt", "flood-02-verbatim-copy.txt",
      "flood-03-synonym-spun.txt"};
  Story s = Analyze(dir, files);  // undated: its content is in longer texts
  EXPECT_EQ(Roles(s)["flood-00-flash"], "summary");

  // Dated: the flash first, the wire and its copy a day later, the spun
  // copy two days later.
  text::Stemmer stemmer("en");
  std::vector<StoryMember> members;
  const int64_t day = 86400;
  for (size_t i = 0; i < s.texts.size(); ++i) {
    members.push_back({&s.texts[i], int64_t(i == 0 ? 0 : i == 3 ? 2 * day : day),
                       false});
  }
  const StoryReuse r = AnalyzeStoryReuse(members, nullptr);
  EXPECT_EQ(r.roles[0], Role::kOrigin);
  EXPECT_EQ(r.parent[0], -1);
  ASSERT_GE(r.family_of[0], 0);
  for (int i = 1; i < 4; ++i) EXPECT_EQ(r.family_of[i], r.family_of[0]) << i;
  EXPECT_EQ(r.roles[1], Role::kRewrite);  // the wire expands its flash
  EXPECT_EQ(r.parent[1], 0);
  EXPECT_EQ(r.roles[2], Role::kDuplicate);  // of the wire, not of the flash
  EXPECT_EQ(r.parent[2], 1);
  EXPECT_EQ(r.roles[3], Role::kSpunCopy);
  EXPECT_TRUE(r.parent[3] == 1 || r.parent[3] == 2) << r.parent[3];
  EXPECT_TRUE(r.spun_swaps[0].empty());
  // Nor is it, pair by pair, a summary of a later text: they expand it.
  for (const PairResult& p : r.pairs) {
    if (p.a == 0) EXPECT_NE(p.relation.relation, Relation::kSummary) << p.b;
  }
}

// A rewrite derives from the relative that holds most of what it retells:
// the wire, not a lightly edited copy that cut some of it.
TEST(FamiliesTest, ParentIsTheRelativeHoldingMostOfItsContent) {
  Story s = Analyze(kExamples, {"strike-01-wire.txt", "strike-02-light-edit.txt",
                                "strike-03-rewrite.txt"},
                    /*dated=*/true);
  EXPECT_EQ(Roles(s)["strike-01-wire"], "origin");
  EXPECT_EQ(s.reuse.parent[1], 0);
  EXPECT_EQ(Roles(s)["strike-02-light-edit"], "near-duplicate");
  EXPECT_EQ(s.reuse.parent[2], 0);
  EXPECT_EQ(Roles(s)["strike-03-rewrite"], "rewrite");
}

// Undated, the most complete member is the one holding most of what its
// relatives say (content words shared with each, summed): the wire, whose
// copy and rewrite each keep part of it, not the rewrite, which is longer
// only by its own additions.
TEST(FamiliesTest, UndatedOriginHoldsMostOfTheFamilysContent) {
  Story s = Analyze(kExamples, {"strike-01-wire.txt", "strike-02-light-edit.txt",
                                "strike-03-rewrite.txt"});
  ASSERT_GT(s.texts[2].words.size(), s.texts[0].words.size());
  EXPECT_EQ(Roles(s)["strike-01-wire"], "origin");
  EXPECT_EQ(Roles(s)["strike-02-light-edit"], "near-duplicate");
  EXPECT_EQ(Roles(s)["strike-03-rewrite"], "rewrite");
  EXPECT_EQ(s.reuse.parent[2], 0);
}

TEST(FamiliesTest, SeedsFamilyOriginSpunCopySummaryAndIndependent) {
  const std::string seeds = std::string(CONCORD_SOURCE_DIR) + "/../shared/seeds";
  if (!std::filesystem::is_directory(seeds)) {
    GTEST_SKIP() << "../shared/seeds not found; the seed test needs it";
  }
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(seeds)) {
    if (e.path().extension() == ".txt") files.push_back(e.path().filename());
  }
  std::sort(files.begin(), files.end());
  ASSERT_EQ(files.size(), 5u);
  Story s = Analyze(seeds, files);
  const auto& r = s.reuse;
  // 000, 001, 004 one family; 002 independent; 003 a summary.
  ASSERT_EQ(r.families.size(), 1u);
  EXPECT_EQ(r.family_of[0], 0);
  EXPECT_EQ(r.family_of[1], 0);
  EXPECT_EQ(r.family_of[4], 0);
  EXPECT_EQ(r.family_of[2], -1);
  EXPECT_EQ(r.family_of[3], -1);
  EXPECT_EQ(std::string(RoleName(r.roles[2])), "independent");
  EXPECT_EQ(std::string(RoleName(r.roles[3])), "summary");
  EXPECT_EQ(std::string(RoleName(r.roles[0])), "spun copy");
  // 001↔004 is the closest pair of the family.
  double closest = 0;
  std::pair<uint32_t, uint32_t> best;
  for (const PairResult& p : r.pairs) {
    if (r.family_of[p.a] != 0 || r.family_of[p.b] != 0) continue;
    const double cov = std::min(p.relation.evidence.coverage_a,
                                p.relation.evidence.coverage_b);
    if (cov > closest) {
      closest = cov;
      best = {p.a, p.b};
    }
  }
  EXPECT_EQ(best, std::make_pair(1u, 4u));
  // The spinner's swaps of 000.
  std::set<std::pair<std::string, std::string>> swaps;
  for (const SwapWords& w : r.spun_swaps[0]) swaps.insert({w.from, w.to});
  EXPECT_TRUE(swaps.contains({"celebrate", "rejoice"}));
  EXPECT_TRUE(swaps.contains({"New Year", "Latest Yr"}));
  EXPECT_TRUE(swaps.contains({"total", "complete"}));
}

}  // namespace
}  // namespace concord::compare
