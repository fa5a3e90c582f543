#include "src/sketch/features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "src/base/hash.h"
#include "src/sketch/tfidf.h"
#include "src/text/numbers.h"
#include "src/text/segmenter.h"
#include "src/text/stemmer.h"
#include "src/text/stopwords.h"

namespace concord::sketch {
namespace {

// The same bag: word count, and term by term the same term, count (exact)
// and kind. Says where the first difference is.
::testing::AssertionResult SameBag(const TermBag& got, const TermBag& want) {
  if (got.words != want.words) {
    return ::testing::AssertionFailure()
           << "words " << got.words << " != " << want.words;
  }
  if (got.terms.size() != want.terms.size()) {
    return ::testing::AssertionFailure()
           << "terms " << got.terms.size() << " != " << want.terms.size();
  }
  for (size_t i = 0; i < want.terms.size(); ++i) {
    const TermCount& g = got.terms[i];
    const TermCount& w = want.terms[i];
    if (g.term != w.term || g.count != w.count || g.kind != w.kind) {
      return ::testing::AssertionFailure()
             << "term " << i << ": " << g.term << "/" << g.count << "/"
             << static_cast<int>(g.kind) << " != " << w.term << "/" << w.count
             << "/" << static_cast<int>(w.kind);
    }
  }
  return ::testing::AssertionSuccess();
}

std::set<std::string> Terms(const TermBag& bag, const Vocabulary& vocab) {
  std::set<std::string> out;
  for (const TermCount& tc : bag.terms) out.insert(vocab.at(tc.term));
  return out;
}

TEST(FeaturesTest, StemsNamesAndNumbers) {
  FeatureExtractor fx({});
  Vocabulary vocab;
  TermBag bag = fx.Extract(
      "", "Negotiators in Port Selva said 1,200 dockworkers returned. "
      "The strike ended after talks with Harbor Authority officials.",
      "en", &vocab);
  std::set<std::string> t = Terms(bag, vocab);
  EXPECT_TRUE(t.contains("negotiators"));  // word term, shown as first seen
  EXPECT_TRUE(t.contains("dockworkers"));
  EXPECT_TRUE(t.contains("n:selva"));      // capitalised inside a sentence
  EXPECT_TRUE(t.contains("n:harbor"));
  EXPECT_TRUE(t.contains("#1200"));        // number by value
  EXPECT_FALSE(t.contains("n:negotiators"));  // sentence-initial: not a name
  EXPECT_FALSE(t.contains("n:the"));
  EXPECT_FALSE(t.contains("said"));        // stop word
  EXPECT_FALSE(t.contains("the"));
}

// Terms come out sorted by id and unique, for bags of every size (small
// bags and large ones take different sorting paths).
TEST(FeaturesTest, TermsAreSortedUniqueAndCounted) {
  FeatureExtractor fx({});
  std::string body;
  for (int n = 1; n <= 600; n += 7) {
    body += "word" + std::to_string(n) + "x Name" + std::to_string(n) +
            "y and " + std::to_string(n * 13 + 2) + " wordonex ";
    const TermBag bag = fx.Extract("", body, "en", nullptr);
    ASSERT_FALSE(bag.terms.empty());
    for (size_t i = 1; i < bag.terms.size(); ++i) {
      ASSERT_LT(bag.terms[i - 1].term, bag.terms[i].term) << "at " << i;
    }
    float total = 0;
    for (const TermCount& tc : bag.terms) total += tc.count;
    EXPECT_GE(total, static_cast<float>(bag.terms.size()));  // each >= 1
  }
}

// The bag does not depend on the term table's layout: a text padded with
// white space (a larger table, no growing) gives the bag the bare text
// gives (a small table that grows several times while terms are added).
TEST(FeaturesTest, TermTableCapacityDoesNotChangeTheBag) {
  std::string body;
  for (int n = 0; n < 3000; ++n) {
    body += "w" + std::to_string(n * 7919 % 1000) + " N" +
            std::to_string(n % 300) + " " + std::to_string(n % 500 + 2) + " ";
  }
  FeatureExtractor fx({});
  for (size_t len : {size_t{40}, size_t{700}, size_t{5000}, body.size()}) {
    const std::string text = body.substr(0, len);
    const TermBag dense = fx.Extract("Head line", text, "en", nullptr);
    const TermBag padded = fx.Extract(
        "Head line", text + std::string(len * 20, ' '), "en", nullptr);
    ASSERT_TRUE(SameBag(padded, dense)) << len;
    for (size_t i = 1; i < dense.terms.size(); ++i) {
      ASSERT_LT(dense.terms[i - 1].term, dense.terms[i].term);
    }
  }
}

// Short words are told apart in the memo by hash and length only (the hash
// is a bijection for them): every word of up to three letters, and a
// sample of longer ones, gives a warm extractor (which has seen them all)
// the terms a fresh one gives it alone.
TEST(FeaturesTest, MemoTellsShortWordsApart) {
  std::vector<std::string> words;
  for (char a = 'a'; a <= 'z'; ++a) {
    words.push_back({a});
    for (char b = 'a'; b <= 'z'; ++b) {
      words.push_back({a, b});
      for (char c = 'a'; c <= 'z'; ++c) words.push_back({a, b, c});
    }
  }
  for (int n = 0; n < 3000; ++n) {
    words.push_back("w" + std::to_string(n * 7));          // 2-5 bytes
    words.push_back("word" + std::to_string(n * 13));      // 5-8 bytes
    words.push_back("longword" + std::to_string(n * 17));  // 9-13 bytes
  }
  FeatureExtractor warm({});
  std::string all;
  for (const std::string& w : words) all += w + " ";
  warm.Extract("", all, "en", nullptr);
  for (size_t i = 0; i < words.size(); i += 5) {
    // Capitalised inside a sentence: the word, name and number terms.
    const std::string text = "So " + words[i] + " and " +
                             std::string(1, static_cast<char>(words[i][0] - 32)) +
                             words[i].substr(1);
    FeatureExtractor fresh({});
    const TermBag want = fresh.Extract("", text, "en", nullptr);
    const TermBag got = warm.Extract("", text, "en", nullptr);
    ASSERT_TRUE(SameBag(got, want)) << words[i];
  }
}

// The word memo gives what a fresh computation gives: an extractor that
// has seen thousands of words (its memo grown several times, words both
// inline and long, number words and number tokens remembered) returns the
// same bags and term strings as a fresh one per article.
TEST(FeaturesTest, RememberedWordsGiveTheSameTerms) {
  const std::string long_word(40, 'q');
  std::vector<std::string> bodies;
  for (int n = 0; n < 40; ++n) {
    std::string body = "Twelve Reporters in Port Selva counted 1,200 boats. ";
    for (int k = 0; k < 100; ++k) {
      const int w = n * 100 + k;
      std::string a = long_word, b(26 + k % 4, 'z');  // across the inline size
      a[20] = static_cast<char>('a' + k % 26);
      b.back() = static_cast<char>('a' + w % 26);
      body += "Word" + std::to_string(w) + " " + a + std::to_string(w % 7) +
              " " + b + " twelve " + std::to_string(w % 50 + 2) + "," +
              std::to_string(100 + w % 900) + " Name" + std::to_string(k) +
              " said. ";
    }
    bodies.push_back(body);
  }
  FeatureExtractor warm({});
  Vocabulary warm_vocab;
  for (int round = 0; round < 2; ++round) {
    for (const std::string& body : bodies) {
      FeatureExtractor fresh({});
      Vocabulary fresh_vocab;
      const TermBag want =
          fresh.Extract("Twelve boats", body, "en", &fresh_vocab);
      warm_vocab.clear();
      const TermBag got = warm.Extract("Twelve boats", body, "en", &warm_vocab);
      ASSERT_TRUE(SameBag(got, want));
      ASSERT_EQ(warm_vocab, fresh_vocab);
    }
  }
  Vocabulary vocab;
  const TermBag bag =
      warm.Extract("", "Twelve boats, 1,200 oars.", "en", &vocab);
  const std::set<std::string> t = Terms(bag, vocab);
  EXPECT_TRUE(t.contains("#12"));
  EXPECT_TRUE(t.contains("#1200"));
}

// The bag as features.h defines it, computed plainly: every token of
// Tokenize() into a vector<Token>, each word stemmed, checked and hashed
// afresh, the terms counted in a std::map. Extract (a word memo that
// outlives articles, number tokens remembered as written, a pass that
// hashes and prefetches before the pass that counts) must give exactly this.
TermBag PlainBag(std::string_view headline, std::string_view body,
                 std::string_view lang, float headline_repeat) {
  constexpr uint64_t kSeed = 0x636f6e636f7264ULL;  // features.cc's kTermSeed
  text::Stemmer stemmer(lang);
  std::map<uint64_t, TermCount> terms;
  uint32_t words = 0;
  auto add = [&terms](uint64_t term, TermKind kind, float count) {
    if (term == 0) term = 1;
    auto [it, fresh] = terms.try_emplace(term, TermCount{term, 0, kind});
    it->second.count += count;
  };
  auto number_term = [&](std::string_view s) -> uint64_t {
    const auto value = text::ParseNumber(s);
    if (!value || *value < 2) return 0;
    char buf[40];
    if (*value == std::floor(*value) && std::fabs(*value) < 1e15) {
      std::snprintf(buf, sizeof buf, "#%lld", static_cast<long long>(*value));
    } else {
      std::snprintf(buf, sizeof buf, "#%.6g", *value);
    }
    return Hash64(buf, kSeed);
  };
  for (const auto& [text, repeat] :
       {std::pair{headline, headline_repeat}, std::pair{body, 1.0f}}) {
    std::vector<text::Token> tokens;
    text::Tokenize(text, &tokens, {.keep_punct = true});
    bool sentence_start = true;
    for (const text::Token& tok : tokens) {
      if (tok.kind == text::TokenKind::kPunct) {
        const std::string& p = tok.norm;
        if (p == "." || p == "!" || p == "?" || p == ":" || p == ";" ||
            p == "..." || p == "\xE2\x80\xA6") {
          sentence_start = true;
        }
        continue;
      }
      ++words;
      const bool start = sentence_start;
      sentence_start = false;
      if (tok.kind == text::TokenKind::kNumber) {
        const uint64_t t =
            number_term(text.substr(tok.begin, tok.end - tok.begin));
        if (t != 0) add(t, TermKind::kNumber, repeat);
        continue;
      }
      std::string word = tok.norm;
      if (word.size() > 2 && word.ends_with("'s")) word.resize(word.size() - 2);
      if (word.size() > 1 && word.back() == '\'') word.pop_back();
      if (word.size() < 2) continue;
      if (text::IsStopword(word, lang) && !tok.all_caps) continue;
      if (const uint64_t t = number_term(word); t != 0) {
        add(t, TermKind::kNumber, repeat);
      }
      add(Hash64(stemmer.Stem(word), kSeed), TermKind::kWord, repeat);
      if (tok.all_caps || (tok.capitalized && !start)) {
        add(Hash64("n:" + word, kSeed), TermKind::kName, repeat);
      }
    }
  }
  TermBag bag;
  bag.words = words;
  for (const auto& [term, tc] : terms) bag.terms.push_back(tc);
  return bag;
}

// Tricky texts (non-ASCII words and punctuation, apostrophes and
// possessives, digits inside words, number words, long words, all-caps and
// sentence-initial capitals, one-letter words) give the plain bag, from a
// fresh extractor and from one that has seen all of them before.
TEST(FeaturesTest, ExtractGivesThePlainBag) {
  const std::vector<std::string> texts = {
      "",
      "a I x",
      "Negotiators in Port Selva said 1,200 dockworkers returned. The "
      "strike ended; NATO's officials met the UAE's envoy... Talks resume.",
      "Ukraine\u2019s president met Zelenskyy's aides: twelve ships, "
      "1000's of workers, 3.5 percent, 2nd round, 1 boat, twenty-five men.",
      "Caf\u00e9 na\u00efve S\u00e3o Paulo \u00c9LYS\u00c9E M\u00fcnchen "
      "\u2014 \u201cquoted\u201d \u00bfqu\u00e9? \u2026 Stra\u00dfe ok.",
      "workers' rights, the workers\u2019 union, O'Brien's dog, rock'n'roll, "
      "it's don't CAN'T U.S. e.g. Ph.D. x@y.com snake_case A1B2 b4 COVID-19.",
      std::string(30, 'q') + " " + std::string(23, 'z') + " " +
          std::string(22, 'y') + " Supercalifragilisticexpialidocious " +
          "Antidisestablishmentarianism's pneumonoultramicroscopic",
      "\u65e5\u672c\u8a9e\u306e\u6587\u7ae0\u3002 "
      "\u0645\u0631\u062d\u0628\u0627 "
      "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440! "
      "\U0001F600 emoji \uFF11\uFF12\uFF13 full-width.",
      "ONE TWO Three four. Five SIX? seven: Eight; nine! TEN",
  };
  FeatureOptions options;
  options.headline_repeat = 3;
  FeatureExtractor warm(options);
  for (int round = 0; round < 2; ++round) {
    for (size_t i = 0; i < texts.size(); ++i) {
      const std::string& headline = texts[(i + 3) % texts.size()];
      const TermBag want = PlainBag(headline, texts[i], "en", 3.0f);
      FeatureExtractor fresh(options);
      for (FeatureExtractor* fx : {&fresh, &warm}) {
        const TermBag got = fx->Extract(headline, texts[i], "en", nullptr);
        ASSERT_TRUE(SameBag(got, want)) << texts[i];
      }
    }
  }
}

// The first pass drops the short stop words it has met before: per
// language ("die" is a German stop word, an English word), never an
// all-caps one ("IT", "US"), and long ones ("afterwards") through the memo.
// Many stop words share the direct-mapped slots; the bags stay the plain
// ones, round after round, from one warm extractor.
TEST(FeaturesTest, KnownStopWordsGiveThePlainBag) {
  std::string en =
      "The cat and the dog sat on it. It was IT that US officials said "
      "they would do, afterwards and nevertheless, whatever it's worth. "
      "Die Katze und der Hund: die, das, DIE.";
  // Enough stop words to share slots (features.cc's stop list, in part).
  en += " "
      "a about above according across after afterwards again against "
      "ago all almost along already also although always am among an "
      "and another any anybody anyone anything anyway anywhere are "
      "around as at be became because become becomes been before "
      "being below beside besides between beyond both but by can "
      "cannot could did do does doing done down dr during each "
      "either else enough even ever every everyone everything few "
      "for from further had has have having he her here hers herself "
      "him himself his how however i if in into is it its itself "
      "just least less let like many may me might mine more most "
      "mostly mr mrs ms much must my myself neither never "
      "nevertheless no nobody none nor not nothing now of off often "
      "on once one only onto or other others otherwise our ours "
      "ourselves out over own per perhaps please quite rather really "
      "said same say saying says see seem seemed seems several shall "
      "she should since so some somebody someone something sometimes "
      "somewhat still such than that the their theirs them "
      "themselves then there therefore these they this those though "
      "through throughout thus to together told too toward towards "
      "under unless until up upon us very via was we were what "
      "whatever when whenever where whereas wherever whether which "
      "while who whoever whom whose why will with within without "
      "would yet you your yours yourself yourselves ";
  std::string de = "Die Katze und der Hund sitzen auf dem Tisch. Und DIE "
                   "Hunde, die the cat and the dog kennen, das ist es.";
  // Every word of both texts again, as written, capitalised and in capitals.
  std::string mixed;
  for (const std::string* text : {&en, &de}) {
    std::string word;
    for (char c : *text + " ") {
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '\'') {
        word += c;
        continue;
      }
      if (word.empty()) continue;
      std::string upper = word, capital = word;
      for (char& u : upper) u = static_cast<char>(std::toupper(u));
      capital[0] = static_cast<char>(std::toupper(capital[0]));
      mixed += word + " x " + capital + " x " + upper + ". ";
      word.clear();
    }
  }
  FeatureExtractor warm({});
  for (int round = 0; round < 3; ++round) {
    for (const auto& [text, lang] :
         {std::pair{&en, "en"}, std::pair{&de, "de"}, std::pair{&mixed, "en"},
          std::pair{&mixed, "de"}, std::pair{&en, "de"}}) {
      const TermBag want = PlainBag("", *text, lang, 1.0f);
      const TermBag got = warm.Extract("", *text, lang, nullptr);
      ASSERT_TRUE(SameBag(got, want)) << lang << ": " << *text;
    }
  }
}

TEST(FeaturesTest, InflectionsAndPossessivesShareATerm) {
  FeatureExtractor fx({});
  TermBag a = fx.Extract("", "Negotiations resumed.", "en", nullptr);
  TermBag b = fx.Extract("", "They negotiated.", "en", nullptr);
  TermBag c = fx.Extract("", "The union's demands.", "en", nullptr);
  TermBag d = fx.Extract("", "The unions demand more.", "en", nullptr);
  auto ids = [](const TermBag& bag) {
    std::set<uint64_t> out;
    for (const TermCount& tc : bag.terms) out.insert(tc.term);
    return out;
  };
  const std::set<uint64_t> ia = ids(a), ib = ids(b), ic = ids(c), id = ids(d);
  int shared_ab = 0, shared_cd = 0;
  for (uint64_t t : ia) shared_ab += ib.count(t);
  for (uint64_t t : ic) shared_cd += id.count(t);
  EXPECT_EQ(shared_ab, 1);  // negoti
  EXPECT_EQ(shared_cd, 2);  // union, demand
}

TEST(FeaturesTest, SameNumberWrittenDifferentlyIsOneTerm) {
  FeatureExtractor fx({});
  Vocabulary vocab;
  TermBag a = fx.Extract("", "Officials counted 1,200 prisoners.", "en", &vocab);
  TermBag b = fx.Extract("", "Officials counted 1200 prisoners.", "en", &vocab);
  EXPECT_TRUE(Terms(a, vocab).contains("#1200"));
  EXPECT_EQ(Terms(a, vocab), Terms(b, vocab));
}

// kUnseen adds exactly the terms no earlier call added, with the string
// kAll would have given them first; the bags are the same.
TEST(FeaturesTest, UnseenTermsAreWhatIsNewToTheExtractor) {
  const std::vector<std::string> texts = {
      "Negotiators in Port Selva said 1,200 dockworkers returned.",
      "The strike in Port Selva ended. Dockworkers returned to work.",
      "Twelve ships waited; NATO officials met the Harbor Authority.",
      "Negotiators in Port Selva said 1,200 dockworkers returned.",
      "",
      "A new week: 1200 dockworkers, twelve ships and the UAE.",
  };
  FeatureExtractor all({}), unseen({});
  Vocabulary union_all;  // what a caller keeping every string would hold
  for (const std::string& text : texts) {
    Vocabulary va, vu;
    TermBag a = all.Extract("Port talks", text, "en", &va);
    TermBag u = unseen.Extract("Port talks", text, "en", &vu,
                               FeatureExtractor::VocabularyTerms::kUnseen);
    EXPECT_TRUE(SameBag(u, a)) << text;
    Vocabulary expected;
    for (const auto& [term, shown] : va) {
      if (!union_all.contains(term)) expected.emplace(term, shown);
    }
    EXPECT_EQ(vu, expected);
    for (const auto& [term, shown] : va) union_all.try_emplace(term, shown);
  }
  // Without a vocabulary nothing is remembered as given out.
  FeatureExtractor fx({});
  fx.Extract("", texts[0], "en", nullptr,
             FeatureExtractor::VocabularyTerms::kUnseen);
  Vocabulary v;
  fx.Extract("", texts[0], "en", &v,
             FeatureExtractor::VocabularyTerms::kUnseen);
  EXPECT_FALSE(v.empty());
}

TEST(FeaturesTest, HeadlineWordsCountMore) {
  FeatureOptions options;
  options.headline_repeat = 2;
  FeatureExtractor fx(options);
  Vocabulary vocab;
  TermBag bag = fx.Extract("Reservoir overflows", "The reservoir rose.", "en",
                           &vocab);
  for (const TermCount& tc : bag.terms) {
    if (vocab.at(tc.term) == "reservoir") {
      EXPECT_FLOAT_EQ(tc.count, 3);
    }
  }
}

TEST(FeaturesTest, TfIdfFavoursRareTermsAndIsUnitLength) {
  FeatureExtractor fx({});
  Vocabulary vocab;
  DocumentFrequencies df;
  std::vector<TermBag> bags = {
      fx.Extract("", "The council approved the tram line.", "en", &vocab),
      fx.Extract("", "The council approved the budget.", "en", &vocab),
      fx.Extract("", "The council rejected the stadium.", "en", &vocab),
  };
  for (const TermBag& b : bags) df.Add(b);
  SparseVector v = Weigh(bags[0], df, {});
  EXPECT_NEAR(v.Norm(), 1.0, 1e-6);
  float council = 0, tram = 0;
  for (const TermWeight& tw : v.entries) {
    if (vocab.at(tw.term) == "council") council = tw.weight;
    if (vocab.at(tw.term) == "tram") tram = tw.weight;
  }
  EXPECT_GT(tram, council);
  EXPECT_GT(council, 0);  // smoothed idf: a term in every document still counts
}

TEST(FeaturesTest, DocumentFrequenciesCountLikeAMap) {
  // Differential: the flat counting table against std::map, through many
  // growths, with term 0 and terms equal in their low and high bits.
  std::mt19937_64 next(20261206);
  DocumentFrequencies df;
  std::map<uint64_t, uint32_t> want;
  for (int doc = 0; doc < 3000; ++doc) {
    std::set<uint64_t> terms;
    for (int k = 0; k < 20; ++k) {
      const uint64_t r = next();
      // Small terms (0 among them), terms whose low bits are 0, terms
      // whose high bits are 0, and any.
      const uint64_t kinds[] = {r % 50, (r % 64) << 40, ((r % 64) << 1) | 1, r};
      terms.insert(kinds[r % 4]);
    }
    TermBag b;
    for (uint64_t t : terms) {
      b.terms.push_back({t, 1.0f, TermKind::kWord});
      ++want[t];
    }
    df.Add(b);
  }
  EXPECT_EQ(df.documents(), 3000u);
  for (const auto& [term, count] : want) EXPECT_EQ(df.df(term), count) << term;
  EXPECT_EQ(df.df(0xDEADBEEFCAFEULL), 0u);
}

TEST(FeaturesTest, TabulatedIdfAndTfGiveTheSameWeights) {
  // PrepareIdf() and the small-count logarithms are tables of the same
  // expressions: weights equal to the bit those of the formula written out
  // (weight = (1 + ln tf) * ln(1 + N / df), normalised), across document
  // frequencies below and past the table, whole and fractional counts, and
  // counts past the tf table; with and without PrepareIdf().
  constexpr uint32_t kDocs = 5000;
  DocumentFrequencies df;
  std::vector<TermBag> bags;
  for (uint32_t doc = 0; doc < kDocs; ++doc) {
    TermBag b;
    // Term t is in the documents divisible by t: df(t) = 5000 / t, and
    // term 1 is in all of them (past the 4,096-entry table).
    for (uint64_t t = 1; t <= 40; ++t) {
      if (doc % t == 0) {
        const float count = doc % 7 == 0   ? 2.5f
                            : doc % 5 == 0 ? float(doc % 200)
                                           : float(1 + doc % 3);
        b.terms.push_back({t, count, TermKind::kWord});
      }
    }
    df.Add(b);
    bags.push_back(std::move(b));
  }
  auto expected = [&df](const TermBag& b) {
    SparseVector v;
    for (const TermCount& tc : b.terms) {
      const double idf =
          std::log(1.0 + kDocs / static_cast<double>(
                                     std::max<uint32_t>(df.df(tc.term), 1)));
      const double w = (1.0 + std::log(std::max(tc.count, 1.0f))) * idf;
      if (w > 0) v.entries.push_back({tc.term, static_cast<float>(w)});
    }
    v.Normalize();
    return v;
  };
  for (const bool prepared : {false, true}) {
    if (prepared) df.PrepareIdf();
    for (size_t i = 0; i < bags.size(); ++i) {
      const SparseVector want = expected(bags[i]);
      const SparseVector got = Weigh(bags[i], df, {});
      ASSERT_EQ(got.entries.size(), want.entries.size());
      for (size_t k = 0; k < want.entries.size(); ++k) {
        ASSERT_EQ(got.entries[k].weight, want.entries[k].weight)
            << "document " << i << " entry " << k << " prepared " << prepared;
      }
    }
  }
}

}  // namespace
}  // namespace concord::sketch
