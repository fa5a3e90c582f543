#include "src/facts/reconcile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace concord::facts {
namespace {

// An invented story: a wire report (source 0), a spun copy of it (source
// 0), and an independent report (source 1).
const char kWire[] =
    "Rescuers pulled 14 people from the flooded Kessock mine on Tuesday, "
    "the regional governor said. Three miners are still missing.\n\n"
    "\"We will not stop until every miner is home with their families,\" "
    "governor Elin Marsh told reporters at the pit head.\n\n"
    "The mine employs 420 people and flooded after 90 millimetres of rain.";
const char kSpun[] =
    "Rescuers pulled 14 people from the flooded Kessock mine on Tuesday, "
    "the regional governor said. Three miners are still missing.\n\n"
    "\"We will not halt until every miner is house with their households,\" "
    "governor Elin Marsh told reporters at the pit head.\n\n"
    "The mine employs 420 people and flooded after 90 millimetres of rain.";
const char kOther[] =
    "Fourteen people were rescued from the Kessock mine, governor Elin "
    "Marsh said, adding that 14 rescued workers were taken to hospital. "
    "The mine, which employs 380 people, flooded on Monday night.\n\n"
    "\"We will not stop until every miner is home,\" Marsh said.";

struct Story {
  std::vector<Facts> facts;
  std::vector<StoryMember> members;
};

Story Make(const std::vector<std::pair<const char*, int>>& texts) {
  Story s;
  s.facts.reserve(texts.size());
  for (const auto& [t, source] : texts) {
    s.facts.push_back(ExtractFacts(t, std::nullopt));
  }
  for (size_t k = 0; k < texts.size(); ++k) {
    StoryMember m;
    m.body = texts[k].first;
    m.facts = &s.facts[k];
    m.source = texts[k].second;
    s.members.push_back(m);
  }
  return s;
}

const Claim* FindClaim(const Reconciliation& r, const std::string& slot,
                       const std::string& value) {
  for (const Claim& c : r.claims) {
    if (c.slot == slot && c.value == value) return &c;
  }
  return nullptr;
}

TEST(ReconcileTest, CopiesOfOneSourceDoNotCorroborate) {
  const Story s = Make({{kWire, 0}, {kSpun, 0}, {kOther, 1}});
  const Reconciliation r = ReconcileStory(s.members);
  const Claim* rescued = FindClaim(r, "people", "14");
  ASSERT_NE(rescued, nullptr);
  EXPECT_EQ(rescued->members.size(), 3u);
  EXPECT_EQ(rescued->sources, 2u);  // the wire family and "Fourteen people"
  const Claim* rain = FindClaim(r, "mm", "90");
  ASSERT_NE(rain, nullptr);
  EXPECT_EQ(rain->members.size(), 2u);  // wire and copy
  EXPECT_EQ(rain->sources, 1u);         // one source
}

TEST(ReconcileTest, DifferentValuesForOneSlotAcrossSourcesConflict) {
  const Story s = Make({{kWire, 0}, {kSpun, 0}, {kOther, 1}});
  const Reconciliation r = ReconcileStory(s.members);
  ASSERT_EQ(r.conflicts.size(), 1u);
  const StoryConflict& c = r.conflicts[0];
  EXPECT_EQ(c.kind, "number");
  EXPECT_EQ(c.slot, "people");
  std::vector<std::string> values = {c.sides[0].value, c.sides[1].value};
  std::sort(values.begin(), values.end());
  EXPECT_EQ(values[0], "380 people");
  EXPECT_EQ(values[1], "420 people");
}

TEST(ReconcileTest, ValuesFromOneSourceOnlyAreNotAConflict) {
  // The wire alone gives two head counts: a fact and a detail, not a
  // disagreement between sources.
  const char a[] = "The mine employs 420 people. Some 40 people work nights.";
  const char b[] = "The mine employs 420 people and 40 people work nights.";
  const Story s = Make({{a, 0}, {b, 0}});
  EXPECT_TRUE(ReconcileStory(s.members).conflicts.empty());
}

TEST(ReconcileTest, SwappedWordsInACopiedQuoteAreAltered) {
  const Story s = Make({{kWire, 0}, {kSpun, 0}, {kOther, 1}});
  const Reconciliation r = ReconcileStory(s.members);
  ASSERT_FALSE(r.quotes.empty());
  const QuoteCluster& q = r.quotes[0];
  EXPECT_EQ(q.speaker, "Elin Marsh");
  EXPECT_EQ(q.sources, 2u);
  bool spun_altered = false;
  for (const QuoteVariantResult& v : q.variants) {
    if (v.member == 1) {
      EXPECT_EQ(v.flag, "altered");
      spun_altered = true;
      std::vector<std::pair<std::string, std::string>> want = {
          {"stop", "halt"}, {"home", "house"}, {"families", "households"}};
      EXPECT_EQ(v.swaps, want);
    } else {
      // The wire is quoted as its relatives quote it; the independent
      // report cuts the quote, which is not flagged.
      EXPECT_EQ(v.flag, "") << v.member;
    }
  }
  EXPECT_TRUE(spun_altered);
}

// Verbatim copies reach ReconcileStory sharing one Facts (the engine
// extracts a body once), and quote grouping then reads each shared quote
// once. The quotes must come out as with each copy's facts extracted on
// its own: groups, speakers, sources, variants, flags and swaps.
TEST(ReconcileTest, CopiesSharingTheirFactsGiveTheSameQuotes) {
  // A second wire with two quotations, spun in its second one.
  static const char kPort[] =
      "Dock workers at Brannock walked out on Friday, the union said.\n\n"
      "\"This strike is about safety on the cranes and nothing else,\" "
      "union secretary Ayla Brenner told the crowd at the gates.\n\n"
      "\"The port will stay shut until the owners talk to us,\" Brenner "
      "said later.";
  static const char kPortSpun[] =
      "Dock workers at Brannock walked out on Friday, the union said.\n\n"
      "\"This strike is about safety on the cranes and nothing else,\" "
      "union secretary Ayla Brenner told the crowd at the gates.\n\n"
      "\"The harbour will remain closed until the proprietors talk to us,\" "
      "Brenner said later.";
  // wire, spun copy, a copy of the wire, the other outlet, another copy,
  // and the port story's wire, its copy and its spun copy.
  const std::vector<std::pair<const char*, int>> texts = {
      {kWire, 0}, {kSpun, 0},     {kWire, 0},     {kOther, 1},
      {kWire, 0}, {kPort, 2},     {kPortSpun, 2}, {kPort, 2}};
  const Story separate = Make(texts);
  Story shared = Make(texts);
  shared.members[2].facts = shared.members[0].facts;
  shared.members[4].facts = shared.members[0].facts;
  shared.members[7].facts = shared.members[5].facts;
  const Reconciliation a = ReconcileStory(shared.members);
  const Reconciliation b = ReconcileStory(separate.members);
  ASSERT_FALSE(b.quotes.empty());
  ASSERT_EQ(a.quotes.size(), b.quotes.size());
  for (size_t g = 0; g < a.quotes.size(); ++g) {
    const QuoteCluster& x = a.quotes[g];
    const QuoteCluster& y = b.quotes[g];
    EXPECT_EQ(x.speaker, y.speaker);
    EXPECT_EQ(x.sources, y.sources);
    ASSERT_EQ(x.variants.size(), y.variants.size()) << g;
    for (size_t v = 0; v < x.variants.size(); ++v) {
      EXPECT_EQ(x.variants[v].member, y.variants[v].member);
      EXPECT_EQ(x.variants[v].begin, y.variants[v].begin);
      EXPECT_EQ(x.variants[v].text, y.variants[v].text);
      EXPECT_EQ(x.variants[v].flag, y.variants[v].flag);
      EXPECT_EQ(x.variants[v].swaps, y.variants[v].swaps);
    }
  }
}

TEST(ReconcileTest, NarrationMovedInsideQuoteMarksIsParaphrase) {
  const char a[] =
      "The governor said she hoped the trapped miners could \"see their "
      "families before the weekend\", and thanked the rescue teams.";
  const char b[] =
      "\"I hope the trapped miners could see their families before the "
      "weekend,\" the governor said, thanking the rescue teams.";
  const Story s = Make({{a, 0}, {b, 0}});
  const Reconciliation r = ReconcileStory(s.members);
  ASSERT_EQ(r.quotes.size(), 1u);
  ASSERT_EQ(r.quotes[0].variants.size(), 2u);
  EXPECT_EQ(r.quotes[0].variants[0].flag, "");
  EXPECT_EQ(r.quotes[0].variants[1].flag, "paraphrased");
}

// NarrationQuoted reads the narration around a relative's quote only when
// the variant has three words or more (of four letters or more) outside
// that quote; the flag must be what counting every word against the
// narration gives: two such words are not enough, three are, and more than
// fit on the stack (eight) count as well; words the narration lacks do not
// count.
TEST(ReconcileTest, NarrationQuotedCountsWordsOutsideTheRelativesQuote) {
  const char a[] =
      "The governor said she hoped the trapped coal miners could soon "
      "safely return home and \"see their families before the weekend\", "
      "and thanked the rescue teams.";
  struct Case {
    const char* b;
    const char* flag;
  };
  const Case cases[] = {
      // miners, could: two.
      {"\"Miners could see their families before the weekend,\" the "
       "governor said, thanking the rescue teams.",
       ""},
      // trapped, miners, could: three.
      {"\"Trapped miners could see their families before the weekend,\" "
       "the governor said, thanking the rescue teams.",
       "paraphrased"},
      // hoped trapped coal miners could soon safely return home: nine.
      {"\"I hoped trapped coal miners could soon safely return home and see "
       "their families before the weekend,\" the governor said, thanking "
       "the rescue teams.",
       "paraphrased"},
      // Words of no narration: none counts.
      {"\"Brave drillers would surely stay until they see their families "
       "before the weekend,\" the governor said, thanking the rescue teams.",
       ""},
  };
  for (const Case& c : cases) {
    const Story s = Make({{a, 0}, {c.b, 0}});
    const Reconciliation r = ReconcileStory(s.members);
    ASSERT_EQ(r.quotes.size(), 1u) << c.b;
    ASSERT_EQ(r.quotes[0].variants.size(), 2u) << c.b;
    EXPECT_EQ(r.quotes[0].variants[0].flag, "") << c.b;
    EXPECT_EQ(r.quotes[0].variants[1].flag, c.flag) << c.b;
  }
}

TEST(ReconcileTest, SpellingsOfOneNameMerge) {
  const char a[] = "Mohammed bin Zayed of the UAE met Volodymyr Zelenskyy in "
                   "Abu Dhabi on Monday, Zelenskyy said.";
  const char b[] = "President Zelensky thanked the United Arab Emirates for the talks "
                   "held in Abu Dhabi.";
  const Story s = Make({{a, 0}, {b, 1}});
  const Reconciliation r = ReconcileStory(s.members);
  bool zelensky = false, uae = false;
  for (const EntityCluster& e : r.entities) {
    const auto has = [&e](const char* v) {
      return std::find(e.variants.begin(), e.variants.end(), v) !=
             e.variants.end();
    };
    zelensky |= has("Zelenskyy") && has("Zelensky");
    uae |= has("UAE") && has("United Arab Emirates");
  }
  EXPECT_TRUE(zelensky);
  EXPECT_TRUE(uae);
}

TEST(ReconcileTest, LoneDateIsFlaggedFarFromPublication) {
  const char a[] = "On March 3, 2019, the council approved the bridge.";
  const char b[] = "The council approved the bridge on Tuesday.";
  Story s = Make({{a, 0}, {b, 1}});
  const int64_t pub = 1764460800;  // 2025-11-30
  for (StoryMember& m : s.members) m.published_time = pub;
  const Reconciliation r = ReconcileStory(s.members);
  const Claim* d = FindClaim(r, "date", "2019-03-03");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->sources, 1u);
  EXPECT_NE(d->flag.find("days from the story's publication dates"),
            std::string::npos)
      << d->flag;
}

TEST(ReconcileTest, BriefTakesTheSentenceWithCorroboratedFactsOnce) {
  const char a[] =
      "Rescuers pulled 14 people from the Kessock mine, where 420 people "
      "work. The weather was cold. The mine reopened in 1998 after 3 years.";
  const char b[] =
      "Fourteen workers? No: rescuers pulled 14 people from the mine, which "
      "has 420 people on its payroll. Officials blamed 90 millimetres of "
      "rain.";
  const Story s = Make({{a, 0}, {b, 1}});
  const Reconciliation r = ReconcileStory(s.members);
  ASSERT_GE(r.brief.size(), 1u);
  EXPECT_EQ(r.brief[0].member, 0u);
  EXPECT_NE(r.brief[0].text.find("Rescuers pulled 14 people"),
            std::string::npos);
  EXPECT_EQ(r.brief[0].sources, 2u);
  // b's sentence states the same two facts: nothing new, not repeated.
  EXPECT_EQ(r.brief.size(), 1u);
}

// Quote grouping finds candidate groups through an inverted index of words;
// it must group exactly as the plain greedy pass over all earlier quotes
// (each quote joins the group of the last best Dice >= 0.3 over grouped
// quotes in group order, else starts a group). Random quotes over a small
// vocabulary, so that overlaps and ties are common.

// A grouped quote as the all-pairs references see it: its member, its
// offset, its speaker (-1: none) and its set of words.
struct RefQuote {
  uint32_t member, begin;
  int speaker;
  std::set<std::string> words;
};

// The plain all-pairs greedy grouping: each quote, in order, joins the
// group holding the quote of best Dice with it (>= 0.3, the last best
// winning), among groups whose speaker is its own or none; else it starts
// a group. A group takes the speaker of its first quote that has one.
std::vector<std::vector<size_t>> ReferenceGroups(
    const std::vector<RefQuote>& items) {
  auto dice = [](const std::set<std::string>& a,
                 const std::set<std::string>& b) {
    size_t common = 0;
    for (const std::string& w : a) common += b.count(w);
    return 2.0 * common / double(a.size() + b.size());
  };
  std::vector<std::vector<size_t>> groups;
  std::vector<int> group_speaker;
  for (size_t i = 0; i < items.size(); ++i) {
    int best = -1;
    double best_score = 0.3;
    for (size_t g = 0; g < groups.size(); ++g) {
      const int sp = group_speaker[g];
      if (sp >= 0 && items[i].speaker >= 0 && sp != items[i].speaker) {
        continue;
      }
      for (size_t k : groups[g]) {
        const double d = dice(items[i].words, items[k].words);
        if (d >= best_score) {
          best_score = d;
          best = static_cast<int>(g);
        }
      }
    }
    if (best < 0) {
      groups.push_back({i});
      group_speaker.push_back(items[i].speaker);
    } else {
      groups[best].push_back(i);
      if (group_speaker[best] < 0) group_speaker[best] = items[i].speaker;
    }
  }
  return groups;
}

// ReferenceGroups' groups quoted by two articles or more, in group order,
// each as its quotes' (member, offset) in order within the group.
std::vector<std::vector<std::pair<uint32_t, uint32_t>>> ReferenceClusters(
    const std::vector<RefQuote>& items) {
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> out;
  for (const std::vector<size_t>& g : ReferenceGroups(items)) {
    std::set<uint32_t> arts;
    std::vector<std::pair<uint32_t, uint32_t>> v;
    for (size_t k : g) {
      arts.insert(items[k].member);
      v.emplace_back(items[k].member, items[k].begin);
    }
    if (arts.size() >= 2) out.push_back(v);
  }
  return out;
}

TEST(ReconcileTest, QuoteGroupsEqualTheAllPairsGreedyReference) {
  const std::vector<std::string> vocab = {
      "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
      "hotel", "india", "juliet",  "kilo",  "lima", "mike",    "november"};
  std::mt19937 rng(7);
  for (int round = 0; round < 40; ++round) {
    const int n = 2 + static_cast<int>(rng() % 5);
    std::vector<std::string> bodies(n);
    std::vector<Facts> facts(n);
    for (int m = 0; m < n; ++m) {
      const int quotes = 1 + static_cast<int>(rng() % 4);
      for (int q = 0; q < quotes; ++q) {
        const int words = 2 + static_cast<int>(rng() % 6);
        std::string text;
        for (int w = 0; w < words; ++w) {
          if (w > 0) text += ' ';
          text += vocab[rng() % (3 + round % vocab.size()) % vocab.size()];
        }
        Quote quote;
        quote.begin = static_cast<uint32_t>(bodies[m].size());
        bodies[m] += "\"" + text + ".\" ";
        quote.end = static_cast<uint32_t>(bodies[m].size() - 1);
        quote.text = text;
        facts[m].quotes.push_back(quote);
      }
    }
    std::vector<StoryMember> members(n);
    for (int m = 0; m < n; ++m) {
      members[m].body = bodies[m];
      members[m].facts = &facts[m];
      members[m].source = m;
    }
    // The reference: every grouped quote scored, in group order.
    std::vector<RefQuote> items;
    for (int m = 0; m < n; ++m) {
      for (const Quote& q : facts[m].quotes) {
        RefQuote it{static_cast<uint32_t>(m), q.begin, -1, {}};
        std::istringstream in(q.text);
        for (std::string w; in >> w;) it.words.insert(w);
        if (it.words.size() >= 3) items.push_back(it);
      }
    }
    std::set<std::vector<std::pair<uint32_t, uint32_t>>> expected, got;
    for (auto v : ReferenceClusters(items)) {
      std::sort(v.begin(), v.end());
      expected.insert(v);
    }
    const Reconciliation r = ReconcileStory(members);
    for (const QuoteCluster& q : r.quotes) {
      std::vector<std::pair<uint32_t, uint32_t>> v;
      for (const QuoteVariantResult& var : q.variants) {
        v.emplace_back(var.member, var.begin);
      }
      std::sort(v.begin(), v.end());
      got.insert(v);
    }
    EXPECT_EQ(got, expected) << "round " << round;
  }
}

// The grouping takes, among the earlier quotes sharing a word, the best
// Dice (>= 0.3) whose group has the same or no speaker, a tie going to the
// latest group, without sorting the candidates; and quotes of one text (or
// one shared Facts) read their words once. Larger stories than above, with
// speakers (two people and none), skewed word frequencies, repeated texts
// and shared Facts: the groups and their order must equal the plain
// all-pairs pass in (group, order within group) with the last best (>=)
// winning.
TEST(ReconcileTest, QuoteGroupsWithSpeakersEqualTheAllPairsReference) {
  const std::vector<std::string> vocab = {
      "we",     "will",  "not",   "stop",  "until", "every",  "miner",
      "is",     "home",  "the",   "rain",  "pit",   "rescue", "families",
      "safety", "water", "shaft", "crews", "night", "hope"};
  const std::vector<std::string> people = {"Elin Marsh", "Tomas Berg"};
  std::mt19937 rng(11);
  for (int round = 0; round < 30; ++round) {
    const int n = 3 + static_cast<int>(rng() % 8);
    std::vector<std::string> bodies(n);
    std::vector<Facts> facts(n);
    std::vector<std::string> texts;  // earlier quote texts, reused at times
    for (int m = 0; m < n; ++m) {
      for (const std::string& p : people) {
        Entity e;
        e.name = p;
        e.key = EntityKey(p);
        e.type = EntityType::kPerson;
        e.variants = {p};
        facts[m].entities.entities.push_back(e);
      }
      const int quotes = 2 + static_cast<int>(rng() % 12);
      for (int q = 0; q < quotes; ++q) {
        std::string text;
        if (!texts.empty() && rng() % 3 == 0) {
          text = texts[rng() % texts.size()];
        } else {
          const int words = 2 + static_cast<int>(rng() % 9);
          for (int w = 0; w < words; ++w) {
            if (w > 0) text += ' ';
            // Skewed: low indexes (common words) far more often.
            text += vocab[rng() % (1 + rng() % vocab.size())];
          }
          texts.push_back(text);
        }
        Quote quote;
        quote.begin = static_cast<uint32_t>(bodies[m].size());
        bodies[m] += "\"" + text + ".\" ";
        quote.end = static_cast<uint32_t>(bodies[m].size() - 1);
        quote.text = text;
        quote.speaker_entity = static_cast<int>(rng() % 3) - 1;  // -1, 0, 1
        if (quote.speaker_entity >= 0) {
          quote.speaker_name = people[quote.speaker_entity];
        }
        facts[m].quotes.push_back(quote);
      }
    }
    // Some members are verbatim copies sharing an earlier member's Facts.
    std::vector<StoryMember> members(n);
    for (int m = 0; m < n; ++m) {
      const bool copy = m > 0 && rng() % 4 == 0;
      members[m].body = copy ? members[m - 1].body : bodies[m];
      members[m].facts = copy ? members[m - 1].facts : &facts[m];
      members[m].source = m;
    }
    std::vector<RefQuote> items;
    for (int m = 0; m < n; ++m) {
      for (const Quote& q : members[m].facts->quotes) {
        RefQuote it{static_cast<uint32_t>(m), q.begin, q.speaker_entity, {}};
        std::istringstream in(q.text);
        for (std::string w; in >> w;) it.words.insert(w);
        if (it.words.size() >= 3) items.push_back(it);
      }
    }
    // Clusters in group order, stably by size.
    std::vector<std::vector<std::pair<uint32_t, uint32_t>>> expected =
        ReferenceClusters(items);
    std::stable_sort(
        expected.begin(), expected.end(),
        [](const auto& a, const auto& b) { return a.size() > b.size(); });
    const Reconciliation r = ReconcileStory(members);
    std::vector<std::vector<std::pair<uint32_t, uint32_t>>> got;
    for (const QuoteCluster& q : r.quotes) {
      std::vector<std::pair<uint32_t, uint32_t>> v;
      for (const QuoteVariantResult& var : q.variants) {
        v.emplace_back(var.member, var.begin);
      }
      got.push_back(v);
    }
    EXPECT_EQ(got, expected) << "round " << round;
  }
}

// The one-pass scanner that files a quote's words (fold and hash as the
// word is scanned) gives the words and hashes of the plain path (words,
// then fold, then hash), on text built from the pieces where they could
// part: typographic apostrophes inside and outside words, other general
// punctuation, lone and cut-off lead bytes, contractions, and words longer
// than the scanner's buffer.
TEST(ReconcileTest, FoldedWordsOnePassEqualsWordFoldAndHash) {
  const std::vector<std::string> pieces = {
      "We",
      "we",
      "RE",
      "won",
      "Can",
      "n",
      "t",
      "s",
      "1,200",
      "Zelenskyy",
      "\xE2\x80\x99",  // U+2019
      "\xE2\x80\x98",  // U+2018
      "\xE2\x80\x93",  // en dash
      "\xC2\xA0",
      "\xC3\xA9",
      "\xE2",
      "\x80",
      "\x99",
      "\xC2",
      "'",
      "'",
      "'re",
      "n't",
      "'ll",
      "'d",
      "'m",
      "'ve",
      "\xE2\x80\x99re",
      "n\xE2\x80\x99t",
      " ",
      " ",
      " ",
      ",",
      ".",
      "\"",
      "-",
      "\n",
      std::string(63, 'a'),
      std::string(64, 'B'),
      std::string(65, 'c'),
      std::string(70, 'D') + "\xE2\x80\x99S",
  };
  const std::vector<std::string> fixed = {
      "",
      "We\xE2\x80\x99re sure they won\xE2\x80\x99t; can't, CAN'T, I'd",
      "\xE2\x80\x99tis the end\xE2\x80\x99",
      "rock 'n' roll '90s o'clock",
      "ends with a lead byte \xE2",
      "ends with a cut sequence \xE2\x80",
      "\xE2\x80\x99\xE2\x80\x99\xE2\x80\x99",
  };
  auto same = [](const std::string& text) {
    EXPECT_EQ(internal::FoldedWordsForTest(text, true),
              internal::FoldedWordsForTest(text, false))
        << testing::PrintToString(text);
  };
  for (const std::string& t : fixed) same(t);
  EXPECT_EQ(internal::FoldedWordsForTest("We\xE2\x80\x99re", true).size(), 2u);
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t n = rng() % 24;
    for (size_t k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    same(text);
  }
}

// Two families each carry the wire's quote and a spun copy of it, so two
// variants ask for the swaps of the same pair of texts, and the second
// family's relatives answer NarrationQuoted for texts already asked about
// (both remembered by text inside ReconcileStory). Each family must come
// out as it does on its own, and the two alike.
TEST(ReconcileTest, TwoFamiliesWithTheSameSpunQuoteAreFlaggedAlike) {
  static const std::string kWireB =
      std::string(kWire) + "\n\nThe rescue resumed at dawn on Wednesday.";
  static const std::string kSpunB =
      std::string(kSpun) + "\n\nRescuers went back down at dawn.";
  const Story s = Make({{kWire, 0},
                        {kSpun, 0},
                        {kWireB.c_str(), 2},
                        {kSpunB.c_str(), 2},
                        {kOther, 1}});
  const Reconciliation r = ReconcileStory(s.members);
  ASSERT_FALSE(r.quotes.empty());
  const QuoteCluster& q = r.quotes[0];
  EXPECT_EQ(q.sources, 3u);
  const QuoteVariantResult* spun[2] = {nullptr, nullptr};
  for (const QuoteVariantResult& v : q.variants) {
    if (v.member == 1) spun[0] = &v;
    if (v.member == 3) spun[1] = &v;
    if (v.member != 1 && v.member != 3) {
      EXPECT_EQ(v.flag, "") << v.member;
    }
  }
  ASSERT_NE(spun[0], nullptr);
  ASSERT_NE(spun[1], nullptr);
  // Each spun copy's words are said by the other family's copy: not a
  // swap of this copy's own, so neither is flagged altered.
  EXPECT_EQ(spun[0]->flag, spun[1]->flag);
  EXPECT_EQ(spun[0]->swaps, spun[1]->swaps);
  EXPECT_EQ(spun[0]->flag, "");
  EXPECT_TRUE(spun[0]->swaps.empty());
  // Alone, a family's spun copy is altered (as in
  // SwappedWordsInACopiedQuoteAreAltered).
  const Story alone = Make({{kWireB.c_str(), 2}, {kSpunB.c_str(), 2},
                            {kOther, 1}});
  const Reconciliation ra = ReconcileStory(alone.members);
  ASSERT_FALSE(ra.quotes.empty());
  bool altered = false;
  for (const QuoteVariantResult& v : ra.quotes[0].variants) {
    if (v.member == 1) altered = v.flag == "altered";
  }
  EXPECT_TRUE(altered);
}

// The brief reads a sentence's words once per text: a copy's sentence of
// the same text repeats the one read before and is not taken again.
TEST(ReconcileTest, BriefTakesASentenceTextOnceAcrossCopies) {
  const char a[] =
      "Rescuers pulled 14 people from the Kessock mine, where 420 people "
      "work. The weather was cold.";
  const char b[] =
      "Rescuers pulled 14 people from the Kessock mine, where 420 people "
      "work. It rained all night.";
  const char c[] =
      "Officials said 14 people were pulled from the mine, which has 420 "
      "people on its payroll.";
  const Story s = Make({{a, 0}, {b, 1}, {c, 2}});
  const Reconciliation r = ReconcileStory(s.members);
  ASSERT_GE(r.brief.size(), 1u);
  std::set<std::string> texts;
  for (const BriefLine& line : r.brief) {
    EXPECT_TRUE(texts.insert(line.text).second) << line.text;
    EXPECT_TRUE(std::is_sorted(line.supported_by.begin(),
                               line.supported_by.end()));
    EXPECT_EQ(std::adjacent_find(line.supported_by.begin(),
                                 line.supported_by.end()),
              line.supported_by.end());
  }
  EXPECT_EQ(r.brief[0].member, 0u);
  EXPECT_EQ(r.brief[0].sources, 3u);
  EXPECT_EQ(r.brief[0].supported_by, (std::vector<uint32_t>{0, 1, 2}));
}

// Claims are grouped by unit and value through hashed tables: units and
// values of every length (the hash takes 1-3, 4-7, 8 and more bytes
// differently) each make one claim per value, with its mentions.
TEST(ReconcileTest, ClaimsOfManyUnitsAndValuesGroupByUnitAndValue) {
  const char a[] =
      "The storm cut 3 km of road, felled 12 trees, flooded 450 homes, "
      "stranded 7 ferries and left 12,500 households and 1,234,567 "
      "subscribers without power.";
  const char b[] =
      "Officials said 3 km of road were cut, 12 trees felled, 450 homes "
      "flooded, 7 ferries stranded and 12,500 households and 1,234,567 "
      "subscribers left without power.";
  const Story s = Make({{a, 0}, {b, 1}});
  const Reconciliation r = ReconcileStory(s.members);
  std::set<std::pair<std::string, std::string>> seen;
  size_t quantities = 0;
  for (const Claim& c : r.claims) {
    if (c.kind != "quantity") continue;
    ++quantities;
    EXPECT_TRUE(seen.insert({c.slot, c.value}).second)
        << c.slot << " " << c.value;
    EXPECT_EQ(c.members, (std::vector<uint32_t>{0, 1})) << c.slot;
    EXPECT_EQ(c.sources, 2u) << c.slot;
    EXPECT_EQ(c.spans.size(), 2u) << c.slot;
  }
  EXPECT_GE(quantities, 5u);
  EXPECT_TRUE(r.conflicts.empty());
}

TEST(ReconcileTest, QuoteSwapsGoldenTable) {
  struct Row {
    const char* a;
    const char* b;
    std::vector<std::pair<std::string, std::string>> swaps;
  } rows[] = {
      {"we will celebrate the New Year at home",
       "we will rejoice the Latest Yr at home",
       {{"celebrate", "rejoice"}, {"New Year", "Latest Yr"}}},
      {"We're counting on it", "We are counting on it", {}},
      {"a b c d", "a b c d", {}},
      {"the talks will go on", "the talks", {}},  // a cut, not a swap
      {"first words then", "opening words then", {{"first", "opening"}}},
      {"it is very big", "it is large", {{"very big", "large"}}},
      {"x", "y", {{"x", "y"}}},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(QuoteSwaps(r.a, r.b), r.swaps) << r.a << " | " << r.b;
  }
}

}  // namespace
}  // namespace concord::facts
