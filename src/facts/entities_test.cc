// Golden table for FindEntities: invented news sentences and every entity
// they must yield, in order of first mention, formatted as
//   "<name> (<type>)" or "<name> (<type>) = <variant> | <variant>" when
// several spellings merged. Plus tests of EntityKey and SameEntityName.
#include "src/facts/entities.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "src/facts/lexicon.h"
#include "src/text/stopwords.h"

namespace concord::facts {
namespace {

std::string Format(const Entity& e) {
  std::string s = e.name + " (" + std::string(EntityTypeName(e.type)) + ")";
  if (e.variants.size() > 1) {
    s += " =";
    for (size_t k = 0; k < e.variants.size(); ++k) {
      s += (k == 0 ? " " : " | ") + e.variants[k];
    }
  }
  return s;
}

struct Row {
  const char* text;
  std::vector<std::string> expected;
};

const Row kRows[] = {
    // People: titles, role nouns, appositives, surnames.
    {"President Volodymyr Zelenskyy said talks would resume. Zelensky "
     "added that progress was slow.",
     {"Volodymyr Zelenskyy (person) = Volodymyr Zelenskyy | Zelensky"}},
    {"Mr Umerov said the consultations were useful.", {"Umerov (person)"}},
    {"Rustem Umerov, the council secretary, met envoys in Doha.",
     {"Rustem Umerov (person)", "Doha (place)"}},
    {"The prime minister spoke with his counterpart Mark Rutte by phone.",
     {"Mark Rutte (person)"}},
    {"Foreign Minister Andrii Sybiha travelled to Warsaw on Monday.",
     {"Andrii Sybiha (person)", "Warsaw (place)"}},
    {"US President Donald Trump met Vladimir Putin in Alaska.",
     {"Donald Trump (person)", "Vladimir Putin (person)", "Alaska (place)"}},
    {"Bashar al-Assad fled, and al-Assad's allies regrouped.",
     {"Bashar al-Assad (person) = Bashar al-Assad | al-Assad"}},
    {"Gen. Oleksandr Syrskyi visited the front. Syrskyi said morale held.",
     {"Oleksandr Syrskyi (person) = Oleksandr Syrskyi | Syrskyi"}},
    {"Rami Abdel Rahman heads the group. Abdel Rahman said 12 died.",
     {"Rami Abdel Rahman (person) = Rami Abdel Rahman | Abdel Rahman"}},
    // Places: lexicon, prepositions, place nouns, suffixes.
    {"Drones struck the Odesa region and the port of Izmail.",
     {"Odesa (place)", "Izmail (place)"}},
    {"Russia said it captured two villages, Mala Tokmachka and "
     "Rivnopillia. Footage showed Rivnopollia in ruins.",
     {"Russia (place)", "Mala Tokmachka (place)",
      "Rivnopillia (place) = Rivnopillia | Rivnopollia"}},
    {"Refugees arrived in Kiev and later in Kyiv's suburbs.",
     {"Kiev (place) = Kiev | Kyiv"}},
    {"Consultations were mediated by Turkey and the United Arab Emirates. "
     "The UAE hosted the last round.",
     {"Turkey (place)",
      "United Arab Emirates (place) = United Arab Emirates | UAE"}},
    {"Officials in the US and the U.S. embassy in the United States "
     "confirmed it.",
     {"United States (place) = US | United States",
      "U.S. embassy (organization)"}},
    {"A Kharkiv-based charity delivered food.", {"Kharkiv (place)"}},
    {"Shelling hit the Zaporizhzhia region overnight.",
     {"Zaporizhzhia (place)"}},
    // Organisations: heads, outlets, acronyms, institutions.
    {"Rustem Umerov leads the National Security and Defense Council.",
     {"Rustem Umerov (person)",
      "National Security and Defense Council (organization)"}},
    {"The Syrian Observatory for Human Rights counted 12 dead.",
     {"Syrian Observatory for Human Rights (organization)"}},
    {"Reuters and Al Jazeera reported the exchange.",
     {"Reuters (organization)", "Al Jazeera (organization)"}},
    {"Russia's Defense Ministry said the Russian defence ministry had no "
     "comment, and Moscow's defence ministry later agreed.",
     {"Russia's Defense Ministry (organization) = Russia's Defense Ministry "
      "| Russian defence ministry | Moscow's defence ministry"}},
    {"Ukraine's air force said the Ukrainian air force downed 40 drones.",
     {"Ukraine's air force (organization) = Ukraine's air force | "
      "Ukrainian air force"}},
    {"The Syrian Democratic Forces (SDF) took the town. The SDF said it "
     "lost four fighters.",
     {"Syrian Democratic Forces (organization) = Syrian Democratic Forces | "
      "SDF"}},
    // An institution's initials (folded when the merge needs them).
    {"Russia's Defense Ministry denied it. The RDM later said drones fell.",
     {"Russia's Defense Ministry (organization) = Russia's Defense Ministry "
      "| RDM"}},
    {"NATO allies met in Brussels.",
     {"NATO (organization)", "Brussels (place)"}},
    {"The State Emergency Service said Ukraine's State Emergency Service "
     "had put out the fire.",
     {"State Emergency Service (organization)",
      "Ukraine's State Emergency Service (organization)"}},
    {"Prime Minister Keir Starmer met Chancellor Friedrich Merz in Berlin.",
     {"Keir Starmer (person)", "Friedrich Merz (person)", "Berlin (place)"}},
    {"Volodymyr Zelenskiy arrived late; Zelenskyy spoke first.",
     {"Volodymyr Zelenskiy (person) = Volodymyr Zelenskiy | Zelenskyy"}},
    {"Agence France-Presse (AFP) said AFP staff were safe.",
     {"Agence France-Presse (organization) = Agence France-Presse | AFP"}},
    {"Tehran-based analysts doubted the claim.", {"Tehran (place)"}},
    {"A deputy was shot in Texas, Lt. Steve Dorris said.",
     {"Texas (place)", "Steve Dorris (person)"}},
    // Sentence starts, headlines, shouting and other non-names.
    {"The ministry said nothing. Exhausted troops rested.", {}},
    {"Ukrainian troops are struggling. Russian forces advanced.",
     {"Ukrainian troops (organization)", "Russian forces (organization)"}},
    {"He said they would meet on Sunday in December.", {}},
    {"Ukraine Seeks Prisoner Exchange With Russia\nUkraine wants the "
     "exchange, and Russia has not replied.",
     {"Ukraine (place)", "Russia (place)"}},
    {"Peace talks between Kyiv and Moscow are deadlocked.",
     {"Kyiv (place)", "Moscow (place)"}},
    {"The Sunday Times said the town of Pokrovsk was encircled.",
     {"Sunday Times (organization)", "Pokrovsk (place)"}},
    {"She wrote: THAT WAS CALLOUS AND WRONG, SAID THE NBC HOST.", {}},
    {"Meanwhile, officials in Kherson said power was restored.",
     {"Kherson (place)"}},
};

TEST(EntitiesGolden, EachRow) {
  for (const Row& row : kRows) {
    std::vector<std::string> got;
    for (const Entity& e : FindEntities(row.text).entities) {
      got.push_back(Format(e));
    }
    EXPECT_EQ(got, row.expected) << "input: " << row.text;
  }
}

// Every mention of every golden row, with its key, type and confidence.
std::vector<std::string> AllMentions() {
  std::vector<std::string> out;
  for (const Row& row : kRows) {
    for (const EntityMention& m : FindEntities(row.text).mentions) {
      out.push_back(m.text + " | " + m.key + " | " +
                    std::string(EntityTypeName(m.type)) + " | " +
                    std::to_string(m.confidence) + " | " +
                    std::to_string(m.begin) + "-" + std::to_string(m.end));
      EXPECT_EQ(m.key, EntityKey(m.text)) << row.text;
    }
  }
  return out;
}

// The finder keeps what a name's own words say in a per-thread memo shared
// with EntityKey(): a thread that meets the names first (cold), one whose
// memo holds only keys from EntityKey(), and a warm second pass must all
// give the same mentions.
TEST(EntitiesGolden, SameMentionsWithColdKeyOnlyAndWarmNameMemo) {
  std::vector<std::string> cold, key_only, warm;
  std::thread([&] { cold = AllMentions(); }).join();
  std::thread([&] {
    for (const std::string& m : cold) {
      EntityKey(m.substr(0, m.find(" | ")));
    }
    key_only = AllMentions();
    warm = AllMentions();
  }).join();
  EXPECT_FALSE(cold.empty());
  EXPECT_EQ(key_only, cold);
  EXPECT_EQ(warm, cold);
}

// The name memo is bounded: it is cleared when it holds 2^16 names or
// 16 MiB of names and keys. A thread that fills it past both bounds (with
// short and with long names) must still give every key and mention a
// fresh thread gives.
TEST(EntitiesGolden, SameMentionsAndKeysAfterTheNameMemoFills) {
  std::vector<std::string> cold;
  std::vector<std::string> names;
  for (int k = 0; k < 40; ++k) {
    names.push_back("Oblast Number" + std::to_string(k) + " Zelenskyy");
    names.push_back(std::string(300, static_cast<char>('a' + k % 26)) +
                    " Defense Ministry");
  }
  std::vector<std::string> cold_keys;
  std::thread([&] {
    cold = AllMentions();
    for (const std::string& n : names) cold_keys.push_back(EntityKey(n));
  }).join();
  std::vector<std::string> after_short, after_long, keys_after;
  std::thread([&] {
    for (int k = 0; k < 70000; ++k) EntityKey("Name" + std::to_string(k));
    after_short = AllMentions();
    const std::string pad(280, 'x');
    for (int k = 0; k < 60000; ++k) EntityKey(pad + std::to_string(k));
    after_long = AllMentions();
    for (const std::string& n : names) keys_after.push_back(EntityKey(n));
  }).join();
  EXPECT_FALSE(cold.empty());
  EXPECT_EQ(after_short, cold);
  EXPECT_EQ(after_long, cold);
  EXPECT_EQ(keys_after, cold_keys);
}

// Names split into words at spaces, tabs and line breaks only, however
// long the words (the splitter passes eight bytes at a time).
TEST(EntityKey, WordsSplitAtWhiteSpaceOnly) {
  EXPECT_EQ(EntityKey("Volodymyrovych\tOleksandrovych  Zelenskyy"),
            EntityKey("Volodymyrovych Oleksandrovych Zelenskyy"));
  EXPECT_EQ(EntityKey("Volodymyrovych Oleksandrovych Zelenskyy"),
            "volodimirovich oleksandrovich zelenski");
  EXPECT_EQ(EntityKey("Abcdefghijklmnop\nQrstuvwxyzabcdefgh"),
            "abcdefghijklmnop qrstuvxizabcdefgh");
  EXPECT_EQ(EntityKey("the the Abcdefgh"), "abcdefgh");
  // Whole-name aliases are looked up with the words single-spaced, whether
  // the name was (a view of it) or not (a joined copy).
  EXPECT_EQ(EntityKey("United  Arab\tEmirates"), EntityKey("UAE"));
  EXPECT_EQ(EntityKey("the United Arab Emirates'"), EntityKey("UAE"));
  EXPECT_EQ(EntityKey("the  Kiev's"), EntityKey("Kyiv"));
  EXPECT_EQ(EntityKey("The U.S."), EntityKey("United States"));
}

TEST(EntityKey, MergesVariantSpellings) {
  EXPECT_EQ(EntityKey("Zelenskyy"), EntityKey("Zelensky"));
  EXPECT_EQ(EntityKey("Zelenskiy"), EntityKey("Zelensky"));
  EXPECT_EQ(EntityKey("U.S."), EntityKey("United States"));
  EXPECT_EQ(EntityKey("US"), EntityKey("United States"));
  EXPECT_EQ(EntityKey("UAE"), EntityKey("United Arab Emirates"));
  EXPECT_EQ(EntityKey("Russia's Defense Ministry"),
            EntityKey("Russian defence ministry"));
  EXPECT_EQ(EntityKey("Kharkov"), EntityKey("Kharkiv"));
  EXPECT_EQ(EntityKey("Tsar"), EntityKey("Tzar"));
  EXPECT_EQ(EntityKey("Khan"), EntityKey("Han"));
  EXPECT_NE(EntityKey("Russia"), EntityKey("Ukraine"));
  EXPECT_NE(EntityKey("Russia"), EntityKey("Russian defence ministry"));
  EXPECT_EQ(EntityKey(""), "");
}

TEST(SameEntityName, AcrossTexts) {
  EXPECT_TRUE(SameEntityName("Volodymyr Zelensky", "Zelenskyy"));
  EXPECT_TRUE(SameEntityName("UAE", "United Arab Emirates"));
  EXPECT_TRUE(SameEntityName("Rivnopillia", "Rivnopollia"));
  EXPECT_TRUE(SameEntityName("Moscow's defence ministry",
                             "the Russian Defense Ministry"));
  EXPECT_FALSE(SameEntityName("Umerov", "Zelensky"));
  EXPECT_FALSE(SameEntityName("Iran", "Iraq"));  // short: no fuzzy match
  EXPECT_FALSE(SameEntityName("Ukraine", "Ukrainian air force"));
}

// The finder asks lexicon::WordClasses() once per token instead of each
// list: every bit must be what the list's own function says, for the
// listed words, for near misses that share a length, a first or a last
// byte with them (the gate's mix), for possessives, capitals and
// multiword names, and for every token of the golden rows.
uint32_t ClassesFromTheLists(std::string_view w) {
  namespace wc = lexicon::word_class;
  uint32_t c = 0;
  if (lexicon::IsPersonTitle(w)) c |= wc::kPersonTitle;
  if (lexicon::IsRoleNoun(w)) c |= wc::kRoleNoun;
  if (lexicon::IsOrgHead(w)) c |= wc::kOrgHead;
  if (lexicon::IsInstitutionNoun(w)) c |= wc::kInstitutionNoun;
  if (lexicon::IsInstitutionModifier(w)) c |= wc::kInstitutionModifier;
  if (lexicon::IsPlaceSuffix(w)) c |= wc::kPlaceSuffix;
  if (lexicon::IsNewsOutlet(w)) c |= wc::kNewsOutlet;
  if (lexicon::IsPlatform(w)) c |= wc::kPlatform;
  if (lexicon::IsKnownPlace(w)) c |= wc::kKnownPlace;
  if (text::IsStopword(w, "en")) c |= wc::kEnglishStopword;
  if (lexicon::IsSpeechVerb(w)) c |= wc::kSpeechVerb;
  if (lexicon::IsCommonCapitalised(w)) c |= wc::kCommonCapitalised;
  if (lexicon::IsMonthOrWeekday(w)) c |= wc::kMonthOrWeekday;
  lexicon::CountryCue cue;
  const std::string_view key = lexicon::CountryKey(w, &cue);
  EXPECT_EQ(key.empty(), cue == lexicon::CountryCue::kNone) << w;
  if (cue == lexicon::CountryCue::kName) c |= wc::kCountryName;
  if (cue == lexicon::CountryCue::kDemonym) c |= wc::kCountryDemonym;
  if (cue == lexicon::CountryCue::kCapital) c |= wc::kCountryCapital;
  // kAlias is not observable alone: NameAlias is non-empty for an alias or
  // a country name.
  return c;
}

TEST(WordClasses, EqualTheListsOneByOne) {
  namespace wc = lexicon::word_class;
  std::vector<std::string> words = {
      "",         "s",         "'s",       "us",         "u.s.", "US",
      "russia's", "the hague", "new york", "al jazeera", "x",    "y"};
  const std::vector<std::string_view> listed = lexicon::ClassifiedWords();
  EXPECT_GT(listed.size(), 500u);
  for (std::string_view w : listed) {
    const std::string s(w);
    words.push_back(s);
    words.push_back(s + "'s");
    words.push_back(s + "s");
    words.push_back(s.substr(0, s.size() - 1));        // same first byte
    words.push_back(s.substr(1));                      // same last byte
    words.push_back("q" + s.substr(1));                // same length and last
    words.push_back(s.substr(0, s.size() - 1) + "q");  // same length, first
    // Same length, first and last byte, one middle byte changed (the packed
    // table's loads overlap there).
    for (size_t at : {s.size() / 2, size_t{3}, size_t{8}}) {
      if (at > 0 && at + 1 < s.size()) {
        std::string m = s;
        m[at] = m[at] == 'q' ? 'z' : 'q';
        words.push_back(m);
      }
    }
    std::string upper = s;
    for (char& ch : upper) {
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    }
    words.push_back(upper);
  }
  for (const Row& row : kRows) {
    const Document doc{std::string_view(row.text)};
    for (size_t i = 0; i < doc.size(); ++i) {
      words.emplace_back(doc.Norm(i));
      words.emplace_back(StripPossessive(doc.Norm(i)));
    }
  }
  size_t classified = 0;
  for (const std::string& w : words) {
    const uint32_t got = lexicon::WordClasses(w);
    EXPECT_EQ(got & ~wc::kAlias, ClassesFromTheLists(w)) << "word: " << w;
    const bool alias_or_name = (got & (wc::kAlias | wc::kCountryName)) != 0;
    EXPECT_EQ(alias_or_name, !lexicon::NameAlias(w).empty()) << "word: " << w;
    EXPECT_EQ(lexicon::IsEnglishStopword(w), text::IsStopword(w, "en"))
        << "word: " << w;
    if (got != 0) ++classified;
  }
  EXPECT_GE(classified, listed.size());
}

// FindUnit answers from a packed copy of its table: every kind of unit,
// words of every packed length class (1-3, 4-7, 8-16 bytes), near misses
// and words too long for the copy.
TEST(FindUnit, PackedTableAnswersAsTheList) {
  using lexicon::UnitKind;
  struct Case {
    const char* word;
    UnitKind kind;
    const char* canonical;
  };
  const Case cases[] = {
      {"km", UnitKind::kDistance, "km"},
      {"m", UnitKind::kDistance, "m"},
      {"kilometres", UnitKind::kDistance, "km"},
      {"kg", UnitKind::kWeight, "kg"},
      {"kilogrammes", UnitKind::kWeight, "kg"},
      {"days", UnitKind::kDuration, "day"},
      {"kph", UnitKind::kSpeed, "km/h"},
      {"degrees", UnitKind::kTemperature, "degree"},
      {"hryvnyas", UnitKind::kMoney, "uah"},
      {"usd", UnitKind::kMoney, "usd"},
      {"", UnitKind::kNone, ""},
      {"k", UnitKind::kNone, ""},
      {"kmm", UnitKind::kNone, ""},
      {"kilometrez", UnitKind::kNone, ""},
      {"kilometresx", UnitKind::kNone, ""},
      {"hryvnyaz", UnitKind::kNone, ""},
      {"kilometreskilometres", UnitKind::kNone, ""},
  };
  for (const Case& c : cases) {
    const lexicon::Unit u = lexicon::FindUnit(c.word);
    EXPECT_EQ(u.kind, c.kind) << c.word;
    EXPECT_EQ(u.canonical, c.canonical) << c.word;
  }
}

// The plain dynamic programme, for WithinEditDistance's fast path.
int ReferenceDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<int>> d(a.size() + 1,
                                  std::vector<int>(b.size() + 1, 0));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
  }
  return d[a.size()][b.size()];
}

TEST(WithinEditDistance, EqualsTheDynamicProgramme) {
  // Every string of up to five letters over "ab" (with the empty string)
  // against every other: substitutions, insertions and deletions at either
  // end and in the middle, repeated letters, and strings two or more apart.
  std::vector<std::string> words = {""};
  for (size_t k = 0; k < words.size(); ++k) {
    if (words[k].size() < 5) {
      words.push_back(words[k] + "a");
      words.push_back(words[k] + "b");
    }
  }
  words.insert(words.end(), {"rivnopillia", "rivnopollia", "rivnopilia",
                             "zelenski", "zelenskii", "volodimir zelenski",
                             "volodimir zelenskii", "kharkiv", "harkiv"});
  for (const std::string& a : words) {
    for (const std::string& b : words) {
      const int d = ReferenceDistance(a, b);
      for (int limit = 0; limit <= 3; ++limit) {
        EXPECT_EQ(WithinEditDistance(a, b, limit), d <= limit)
            << a << " / " << b << " limit " << limit;
      }
    }
  }
}

// Longer strings, where the banded rows (only cells at most `limit` off
// the diagonal) leave most of each row out: random keys of 8 to 24 letters
// over "abc" and copies with up to four random edits, at limits 0 to 4.
TEST(WithinEditDistance, BandedRowsEqualTheDynamicProgrammeOnLongKeys) {
  uint64_t state = 12345;
  auto next = [&](uint64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>((state >> 33) % n);
  };
  for (int round = 0; round < 3000; ++round) {
    std::string a;
    const size_t len = 8 + next(17);
    for (size_t k = 0; k < len; ++k) a.push_back("abc"[next(3)]);
    std::string b = a;
    const size_t edits = next(5);
    for (size_t e = 0; e < edits; ++e) {
      const size_t at = next(b.size() + 1);
      switch (next(3)) {
        case 0:
          b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), "abc"[next(3)]);
          break;
        case 1:
          if (at < b.size()) b.erase(at, 1);
          break;
        default:
          if (at < b.size()) b[at] = "abc"[next(3)];
          break;
      }
    }
    const int d = ReferenceDistance(a, b);
    for (int limit = 0; limit <= 4; ++limit) {
      EXPECT_EQ(WithinEditDistance(a, b, limit), d <= limit)
          << a << " / " << b << " limit " << limit;
      EXPECT_EQ(WithinEditDistance(b, a, limit), d <= limit)
          << b << " / " << a << " limit " << limit;
    }
  }
}

}  // namespace
}  // namespace concord::facts
