#include "src/compare/wordnet.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "src/compare/wordnet_test_util.h"

namespace concord::compare {
namespace {

struct RelateCase {
  const char* a;
  const char* b;
  WordRelation want;
};

struct BaseFormsCase {
  const char* word;
  std::vector<std::string> want;
};

void ExpectRelations(const WordNet& wn, const std::vector<RelateCase>& cases) {
  for (const RelateCase& c : cases) {
    EXPECT_STREQ(WordRelationName(wn.Relate(c.a, c.b)),
                 WordRelationName(c.want))
        << "Relate(\"" << c.a << "\", \"" << c.b << "\")";
  }
}

void ExpectBaseForms(const WordNet& wn,
                     const std::vector<BaseFormsCase>& cases) {
  for (const BaseFormsCase& c : cases) {
    EXPECT_EQ(wn.BaseForms(c.word), c.want)
        << "BaseForms(\"" << c.word << "\")";
  }
}

// A dictionary in WordNet 3.0's format, small enough to check by hand. Each
// file opens with a licence-style header line (two leading spaces).
std::map<std::string, std::string> SyntheticFiles() {
  const std::string header = "  1 A synthetic WordNet for tests.\n";
  return {
      {"data.noun",
       header +
           "00000100 03 n 01 entity 0 002 ~ 00000200 n 0000 ~ 00000350 n 0000 "
           "| that which exists\n"
           "00000200 05 n 02 goose 0 Domestic_Goose 0 002 @ 00000100 n 0000 "
           "+ 00000400 v 0101 | a bird\n"
           "00000300 06 n 01 box 0 000 | a container\n"
           "00000350 14 n 01 nation 0 002 @ 00000100 n 0000 "
           "\\ 00000800 a 0101 | a people\n"},
      {"data.verb",
       header +
           "00000400 32 v 01 honk 0 001 + 00000200 n 0101 01 + 02 00 "
           "| make a goose noise\n"
           "00000450 30 v 02 take_place 0 happen 0 000 01 + 02 00 | occur\n"
           "00000500 38 v 01 take 0 000 01 + 08 00 | get hold of\n"
           "00000550 38 v 01 run 0 000 01 + 02 00 | move fast\n"},
      {"data.adj",
       header + "00000600 00 a 01 large 0 001 & 00000700 a 0000 | big\n"
                "00000700 00 s 02 giant 0 huge(a) 0 001 & 00000600 a 0000 "
                "| very large\n"
                "00000800 01 a 01 national 0 001 \\ 00000350 n 0101 "
                "| of a nation\n"
                "00000850 00 a 01 good 0 000 | having desirable qualities\n"},
      {"data.adv", header + "00000900 02 r 01 well 0 000 | in a good way\n"},
      {"index.noun", header + "box n 1 0 1 0 00000300\n"
                              "domestic_goose n 1 2 @ + 1 0 00000200\n"
                              "entity n 1 1 ~ 1 0 00000100\n"
                              "goose n 1 2 @ + 1 0 00000200\n"
                              "nation n 1 2 @ \\ 1 0 00000350\n"},
      {"index.verb", header + "happen v 1 0 1 0 00000450\n"
                              "honk v 1 1 + 1 0 00000400\n"
                              "run v 1 0 1 0 00000550\n"
                              "take v 1 0 1 0 00000500\n"
                              "take_place v 1 0 1 0 00000450\n"},
      {"index.adj", header + "giant a 1 1 & 1 0 00000700\n"
                             "good a 1 0 1 0 00000850\n"
                             "huge a 1 1 & 1 0 00000700\n"
                             "large a 1 1 & 1 0 00000600\n"
                             "national a 1 1 \\ 1 0 00000800\n"},
      {"index.adv", header + "well r 1 0 1 0 00000900\n"},
      {"noun.exc", "geese goose\n"},
      {"verb.exc", "ran run\n"},
      {"adj.exc", "better good\n"},
      {"adv.exc", "better well\n"},
  };
}

// Writes `files` into a fresh directory named after the running test.
std::string WriteDir(const std::map<std::string, std::string>& files) {
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  return WriteWordNetDir(std::string("wordnet_") + info->name(), files);
}

std::unique_ptr<WordNet> LoadSynthetic() {
  auto wn = WordNet::Load(WriteDir(SyntheticFiles()));
  EXPECT_TRUE(wn.ok()) << wn.status().ToString();
  return wn.ok() ? std::move(wn).value() : nullptr;
}

TEST(WordRelationName, NamesEveryRelation) {
  EXPECT_STREQ(WordRelationName(WordRelation::kSame), "same");
  EXPECT_STREQ(WordRelationName(WordRelation::kSynonym), "synonym");
  EXPECT_STREQ(WordRelationName(WordRelation::kSimilarTo), "similar_to");
  EXPECT_STREQ(WordRelationName(WordRelation::kDerived), "derived");
  EXPECT_STREQ(WordRelationName(WordRelation::kHypernym), "hypernym");
  EXPECT_STREQ(WordRelationName(WordRelation::kNone), "none");
  EXPECT_GT(WordRelation::kSame, WordRelation::kSynonym);
  EXPECT_GT(WordRelation::kSynonym, WordRelation::kSimilarTo);
  EXPECT_GT(WordRelation::kSimilarTo, WordRelation::kDerived);
  EXPECT_GT(WordRelation::kDerived, WordRelation::kHypernym);
  EXPECT_GT(WordRelation::kHypernym, WordRelation::kNone);
}

TEST(SyntheticWordNet, CountsSynsetsAndFindsLemmas) {
  auto wn = LoadSynthetic();
  ASSERT_NE(wn, nullptr);
  EXPECT_EQ(wn->synset_count(), 13u);
  EXPECT_TRUE(wn->Contains("Domestic Goose"));
  EXPECT_TRUE(wn->Contains("geese"));
  EXPECT_TRUE(wn->Contains("huge"));  // the "(a)" marker is not the lemma
  EXPECT_FALSE(wn->Contains("huge(a)"));
  EXPECT_FALSE(wn->Contains("cat"));
  EXPECT_FALSE(wn->Contains(""));
}

TEST(SyntheticWordNet, MorphyGoldenTable) {
  auto wn = LoadSynthetic();
  ASSERT_NE(wn, nullptr);
  ExpectBaseForms(
      *wn, {
               {"goose", {"goose"}},
               {"GEESE", {"goose"}},              // noun.exc, any case
               {"gooses", {"goose"}},             // noun s -> ''
               {"boxes", {"box"}},                // noun xes -> x
               {"runs", {"run"}},                 // verb s -> ''
               {"ran", {"run"}},                  // verb.exc
               {"taking", {"take"}},              // verb ing -> e
               {"happened", {"happen"}},          // verb ed -> ''
               {"larger", {"large"}},             // adj er -> e
               {"better", {"good", "well"}},      // adj.exc, adv.exc
               {"taking place", {"take_place"}},  // collocation, word by word
               {"  Domestic__Goose ", {"domestic_goose"}},
               {"domestic geese", {"domestic_goose"}},
               {"goose's", {"goose"}},  // possessive extension
               {"entitys", {"entity"}},
               {"ss", {}},
               {"cat", {}},
               {"", {}},
           });
}

TEST(SyntheticWordNet, RelateGoldenTable) {
  auto wn = LoadSynthetic();
  ASSERT_NE(wn, nullptr);
  ExpectRelations(
      *wn,
      {
          {"geese", "goose", WordRelation::kSame},
          {"Ran", "runs", WordRelation::kSame},
          {"cat", "CAT", WordRelation::kSame},  // same text, though unknown
          {"goose", "domestic goose", WordRelation::kSynonym},
          {"happened", "taking_place", WordRelation::kSynonym},
          {"large", "giant", WordRelation::kSimilarTo},
          {"huge", "large", WordRelation::kSimilarTo},
          {"goose", "honk", WordRelation::kDerived},  // lexical: word 1 only
          {"domestic goose", "honk", WordRelation::kNone},
          {"nation", "national", WordRelation::kDerived},
          {"geese", "entity", WordRelation::kHypernym},
          {"entity", "domestic goose", WordRelation::kHypernym},
          {"entity", "national", WordRelation::kNone},  // two steps
          {"goose", "box", WordRelation::kNone},
          {"goose", "cat", WordRelation::kNone},
          {"", "goose", WordRelation::kNone},
          {"", "", WordRelation::kNone},
      });
}

struct BrokenCase {
  const char* file;
  std::string text;  // replaces the file
  const char* want;  // substring of the error message
};

// Index lemmas are read eight bytes at a time while they need no folding;
// any other byte sends the line to the field reader, which folds it. Each
// spelling below must read as its folded lemma, whichever byte of a word
// of eight it falls on, up to a last line with no line break.
TEST(SyntheticWordNet, IndexLemmasFoldWhereverTheUnusualByteIs) {
  auto files = SyntheticFiles();
  files["index.noun"] =
      "  1 header\n"
      "abcdefghIJ n 1 0 1 0 00000300\n"
      "averylonglemmaname n 1 0 1 0 00000300\n"
      "box n 1 0 1 0 00000300\n"
      "caf\xc3\xa9_au_lait n 1 0 1 0 00000300\n"
      "domestic_goose n 1 2 @ + 1 0 00000200\n"
      "entity n 1 1 ~ 1 0 00000100\n"
      "goose n 1 2 @ + 1 0 00000200\n"
      "nation n 1 2 @ \\ 1 0 00000350\n"
      "new__york_city_ n 1 0 1 0 00000300\n"
      "_under n 1 0 1 0 00000300\n"
      "tabbed\tword n 1 0 1 0 00000300\n"
      "sixteen_bytes_xx n 1 0 1 0 00000300\n"
      "zzzzzzzzzzzzzzz(p) n 1 0 1 0 00000300";
  auto wn = WordNet::Load(WriteDir(files));
  ASSERT_TRUE(wn.ok()) << wn.status().ToString();
  const std::vector<BaseFormsCase> cases = {
      {"ABCDEFGHIJ", {"abcdefghij"}},
      {"AVeryLongLemmaName", {"averylonglemmaname"}},
      {"caf\xc3\xa9 au lait", {"caf\xc3\xa9_au_lait"}},
      {"new york city", {"new_york_city"}},
      {"under", {"under"}},
      {"tabbed word", {"tabbed_word"}},
      {"sixteen bytes xx", {"sixteen_bytes_xx"}},
      {"zzzzzzzzzzzzzzz", {"zzzzzzzzzzzzzzz"}},
      {"goose", {"goose"}},
  };
  ExpectBaseForms(**wn, cases);
  EXPECT_EQ((*wn)->Relate("AVeryLongLemmaName", "box"),
            WordRelation::kSynonym);
  EXPECT_EQ((*wn)->Relate("new_york_city", "abcdefghij"),
            WordRelation::kSynonym);
  EXPECT_TRUE((*wn)->Verify().ok());
}

// Data lines are read at fixed places when their first fields have the
// usual widths ("00000100 03 n 01 "), field by field otherwise: both read
// the same synsets.
TEST(SyntheticWordNet, DataLinesOfUnusualWidthsReadAsUsual) {
  auto files = SyntheticFiles();
  files["data.noun"] =
      "  1 header\n"
      "00000100 3 n 1 entity 0 002 ~ 00000200 n 0000 ~ 00000350 n 0000 "
      "| that which exists\n"
      "00000200  05 n 02 goose 0 Domestic_Goose 0 002 @ 00000100 n 0000 "
      "+ 00000400 v 0101 | a bird\n"
      "300 06 n 01 box 0 000 | a container\n"
      "00000350 14 n 1 nation 0 002 @ 00000100 n 0000 "
      "\\ 00000800 a 0101 | a people\n";
  auto wn = WordNet::Load(WriteDir(files));
  ASSERT_TRUE(wn.ok()) << wn.status().ToString();
  EXPECT_EQ((*wn)->synset_count(), 13u);
  ExpectRelations(**wn, {{"goose", "entity", WordRelation::kHypernym},
                         {"nation", "entity", WordRelation::kHypernym},
                         {"geese", "honk", WordRelation::kDerived},
                         {"nation", "national", WordRelation::kDerived},
                         {"box", "entity", WordRelation::kNone}});
  EXPECT_TRUE((*wn)->Verify().ok());
}

TEST(SyntheticWordNet, MalformedFilesNameFileAndLine) {
  const std::string header = "  1 header\n";
  const std::vector<BrokenCase> cases = {
      {"data.noun",
       header + "00000100 03 n 01 entity 0 000 | x\n00000200 03 n zz goose\n",
       "data.noun:3: bad word count 'zz'"},
      {"data.noun", header + "00000100 03 v 01 entity 0 000 | x\n",
       "data.noun:2: bad synset type 'v'"},
      {"data.noun", header + "00000100 03 n 00 entity 0 000 | x\n",
       "data.noun:2: synset without words"},
      {"data.noun",
       header + "00000100 03 n 01 entity 0 000 | x\n"
                "00000100 03 n 01 goose 0 000 | y\n",
       "data.noun:3: synset offset appears twice"},
      {"data.noun", header + "0000x100 03 n 01 entity 0 000 | x\n",
       "data.noun:2: bad synset offset '0000x100'"},
      {"index.noun", header + "goose x 1 0 1 0 00000200\n",
       "index.noun:2: bad part of speech 'x'"},
      {"index.adj", "(a) a 1 0 1 0 00000700\n", "index.adj:1: empty lemma"},
      {"noun.exc", "geese goose\nmice\n", "noun.exc:2: missing base form"},
      {"adv.exc", "better well\nworse\n", "adv.exc:2: missing base form"},
  };
  for (const BrokenCase& c : cases) {
    auto files = SyntheticFiles();
    files[c.file] = c.text;
    auto wn = WordNet::Load(WriteDir(files));
    ASSERT_FALSE(wn.ok()) << c.file;
    EXPECT_EQ(wn.status().code(), StatusCode::kBadInput) << c.file;
    EXPECT_NE(wn.status().message().find(c.want), std::string::npos)
        << wn.status().message() << "\nwanted: " << c.want;
  }
}

// A data or index line that Load() reads only in part, broken past what
// Load() reads.
struct LateCase {
  const char* file;
  // Replaces the line whose first field is the same, or with
  // `whole_file`, the file.
  std::string line;
  const char* a;  // a word whose synsets Relate(a, b) reads
  const char* b;
  const char* want;  // substring of the error message
  bool whole_file = false;
  bool query_reports = true;  // Relate(a, b) meets it, not only Verify()
};

// Replaces the line of `text` that starts with the first field of `line`.
std::string ReplaceLine(const std::string& text, const std::string& line) {
  const std::string key = line.substr(0, line.find(' ') + 1);
  const size_t at = text.find("\n" + key) + 1;
  return text.substr(0, at) + line + text.substr(text.find('\n', at));
}

TEST(SyntheticWordNet, MalformedLinesAreFoundByVerifyAndByQueries) {
  const std::vector<LateCase> cases = {
      {"data.noun", "00000100 03 n 02 entity 0", "entity", "goose",
       "data.noun:2: missing word"},
      {"data.noun", "00000100 03 n 01 entity 0 002 @ 00000200 n | x", "entity",
       "goose", "data.noun:2: bad pointer source/target '|'"},
      {"data.noun",
       "00000200 05 n 02 goose 0 Domestic_Goose 0 001 + 00000400 v 0301 | b",
       "goose", "honk", "data.noun:3: pointer source word out of range"},
      {"data.noun",
       "00000200 05 n 02 goose 0 Domestic_Goose 0 001 + 00000400 v 0105 | b",
       "goose", "honk", "data.noun:3: pointer target word out of range"},
      {"data.noun", "00000350 14 n 01 nation 0 002 @ 00000100 n 00",  // cut
       "nation", "entity", "data.noun:5: missing pointer symbol"},
      {"data.noun", "00000350 14 n 01 (a) 0 000 | empty word", "nation",
       "entity", "data.noun:5: empty word"},
      // A pointer that leads nowhere relates nothing: only Verify() reads
      // where it leads.
      {"data.verb", "00000400 32 v 01 honk 0 001 @ 00000999 n 0000 | x", "honk",
       "goose",
       "data.verb:2: pointer to synset 00000999, which is not in data.noun",
       false, false},
      {"index.noun", "  1 header\ngoose n 1 0 1 0 00000999\n", "goose", "geese",
       "index.noun:2: synset 00000999 is not in data.noun", true},
      {"index.adj", "giant a 1 2 &\n", "giant", "giant's",
       "index.adj:1: missing pointer symbol", true},
      {"index.adj", "giant a 1 1 & 1\n", "giant", "giant's",
       "index.adj:1: missing tagged sense count", true},
      {"index.adj", "giant a 2 1 & 2 1 00000700\n", "giant", "giant's",
       "index.adj:1: missing synset offset", true},
      {"index.adj", "giant a 1 1 & 1 0 0000070x\n", "giant", "giant's",
       "index.adj:1: bad synset offset '0000070x'", true},
  };
  for (const LateCase& c : cases) {
    auto files = SyntheticFiles();
    files[c.file] = c.whole_file ? c.line : ReplaceLine(files[c.file], c.line);
    auto loaded = WordNet::Load(WriteDir(files));
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    const WordNet& wn = **loaded;
    const Status verified = wn.Verify();
    EXPECT_EQ(verified.code(), StatusCode::kBadInput) << c.want;
    EXPECT_NE(verified.message().find(c.want), std::string::npos)
        << verified.message() << "\nwanted: " << c.want;
    EXPECT_TRUE(wn.late_error().ok()) << "Verify() is not a query";
    // A query that reads the line answers, reports it and goes on.
    wn.Relate(c.a, c.b);
    if (!c.query_reports) {
      EXPECT_TRUE(wn.late_error().ok()) << wn.late_error().ToString();
      continue;
    }
    EXPECT_EQ(wn.late_error().code(), StatusCode::kBadInput) << c.want;
    EXPECT_NE(wn.late_error().message().find(c.want), std::string::npos)
        << wn.late_error().message() << "\nwanted: " << c.want;
    EXPECT_EQ(wn.Relate("better", "well"), WordRelation::kSame);
  }
}

// Runs Relate() over `pairs` from `threads` threads at once, each from its
// own starting point so that they race on lines not read yet; returns the
// answers, which must be the same in every thread.
std::vector<WordRelation> RelateConcurrently(
    const WordNet& wn,
    const std::vector<std::pair<std::string, std::string>>& pairs,
    int threads) {
  std::vector<std::vector<WordRelation>> got(
      threads, std::vector<WordRelation>(pairs.size()));
  std::atomic<int> ready{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      ready.fetch_add(1);
      while (ready.load() < threads) std::this_thread::yield();
      const size_t n = pairs.size();
      // Even threads go forwards, odd ones backwards, from spread starts.
      for (size_t k = 0; k < n; ++k) {
        const size_t i = (t % 2 == 0 ? k : n - 1 - k) + n * t / threads;
        got[t][i % n] = wn.Relate(pairs[i % n].first, pairs[i % n].second);
      }
    });
  }
  for (std::thread& th : pool) th.join();
  for (int t = 1; t < threads; ++t) {
    for (size_t i = 0; i < pairs.size(); ++i) {
      EXPECT_EQ(got[t][i], got[0][i])
          << "thread " << t << ": " << pairs[i].first << " / "
          << pairs[i].second;
      if (got[t][i] != got[0][i]) return got[0];  // one failure is enough
    }
  }
  return got[0];
}

// Malformed lines met by several threads at once: the same answers as one
// thread, the error reported once, no crash.
TEST(SyntheticWordNet, ConcurrentQueriesOnMalformedLinesAnswerAsOneThread) {
  const std::vector<std::string> words = {
      "entity", "goose",   "geese",          "honk",   "nation",    "national",
      "giant",  "huge",    "large",          "run",    "box",       "better",
      "well",   "giant's", "Domestic Goose", "happen", "take place"};
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const std::string& a : words) {
    for (const std::string& b : words) pairs.emplace_back(a, b);
  }
  const std::vector<std::pair<std::string, std::string>> bad_lines = {
      {"data.noun", "00000100 03 n 01 entity 0 002 @ 00000200 n | x"},
      {"data.noun",
       "00000200 05 n 02 goose 0 Domestic_Goose 0 001 + 00000400 v 0301 | b"},
      {"index.adj", "giant a 1 1 & 1\n"},
  };
  for (const auto& [file, line] : bad_lines) {
    auto files = SyntheticFiles();
    files[file] = line.ends_with("\n") ? line : ReplaceLine(files[file], line);
    const std::string dir = WriteDir(files);
    auto one = WordNet::Load(dir);
    auto many = WordNet::Load(dir);
    ASSERT_TRUE(one.ok() && many.ok()) << file;
    std::vector<WordRelation> want;
    for (const auto& [a, b] : pairs) want.push_back((*one)->Relate(a, b));
    EXPECT_EQ(RelateConcurrently(**many, pairs, 4), want) << line;
    EXPECT_FALSE((*one)->late_error().ok()) << line;
    EXPECT_EQ((*many)->late_error().ToString(),
              (*one)->late_error().ToString());
  }
}

// cntlist.rev is read when tag counts are first asked for.
TEST(SyntheticWordNet, MalformedTagCountsAreFoundOnFirstUse) {
  const std::vector<BrokenCase> cases = {
      {"cntlist.rev", "goose%1:05:00:: 1 7\ngoose 1 3\n",
       "cntlist.rev:2: sense key without '%'"},
      {"cntlist.rev", "goose%1:05:00:: 1 x\n",
       "cntlist.rev:1: bad tag count 'x'"},
  };
  for (bool query_first : {true, false}) {
    for (const BrokenCase& c : cases) {
      auto files = SyntheticFiles();
      files[c.file] = c.text;
      auto loaded = WordNet::Load(WriteDir(files));
      ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
      const WordNet& wn = **loaded;
      if (query_first) {
        EXPECT_EQ(wn.TagCount("goose"), 0u);  // as without the file
        EXPECT_EQ(wn.total_tag_count(), 0u);
        EXPECT_NE(wn.late_error().message().find(c.want), std::string::npos)
            << wn.late_error().message() << "\nwanted: " << c.want;
      }
      const Status verified = wn.Verify();
      EXPECT_EQ(verified.code(), StatusCode::kBadInput) << c.want;
      EXPECT_NE(verified.message().find(c.want), std::string::npos)
          << verified.message() << "\nwanted: " << c.want;
      EXPECT_EQ(wn.TagCount("goose"), 0u);
    }
  }
}

// A file of a whole number of pages has no NUL after it when mapped: it is
// read into memory instead, with the same answers.
TEST(SyntheticWordNet, PageSizedFilesAreReadWhole) {
  auto files = SyntheticFiles();
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  for (const char* name : {"data.adv", "index.adv", "data.noun"}) {
    std::string& text = files[name];
    // A licence-style line (two leading spaces) fills the page.
    const size_t pad = page - text.size() % page;
    ASSERT_GE(pad, 3u);
    text = "  " + std::string(pad - 3, 'x') + "\n" + text;
    ASSERT_EQ(text.size() % page, 0u);
  }
  auto wn = WordNet::Load(WriteDir(files));
  ASSERT_TRUE(wn.ok()) << wn.status().ToString();
  EXPECT_TRUE((*wn)->Verify().ok()) << (*wn)->Verify().ToString();
  EXPECT_EQ((*wn)->synset_count(), 13u);
  EXPECT_EQ((*wn)->Relate("better", "well"), WordRelation::kSame);
  EXPECT_EQ((*wn)->Relate("geese", "entity"), WordRelation::kHypernym);
  EXPECT_EQ((*wn)->Relate("nation", "national"), WordRelation::kDerived);
  EXPECT_TRUE((*wn)->Contains("well"));
}

TEST(SyntheticWordNet, WellFormedFilesVerify) {
  auto wn = LoadSynthetic();
  ASSERT_NE(wn, nullptr);
  EXPECT_TRUE(wn->Verify().ok()) << wn->Verify().ToString();
  EXPECT_EQ(wn->Relate("goose", "honk"), WordRelation::kDerived);
  EXPECT_TRUE(wn->late_error().ok());
}

TEST(SyntheticWordNet, TagCountsSumSensesOfTheBaseForm) {
  auto files = SyntheticFiles();
  files["cntlist.rev"] =
      "goose%1:05:00:: 1 7\n"
      "goose%1:13:00:: 2 3\n"
      "honk%2:32:00:: 1 2\n"
      "unknown%1:00:00:: 1 5\n";  // not a lemma: counts towards the total
  auto wn = WordNet::Load(WriteDir(files));
  ASSERT_TRUE(wn.ok()) << wn.status().ToString();
  EXPECT_EQ((*wn)->TagCount("goose"), 10u);
  EXPECT_EQ((*wn)->TagCount("Geese"), 10u);  // through morphy
  EXPECT_EQ((*wn)->TagCount("honk"), 2u);
  EXPECT_EQ((*wn)->TagCount("box"), 0u);  // a lemma never tagged
  EXPECT_EQ((*wn)->TagCount("cat"), 0u);  // not a lemma
  EXPECT_EQ((*wn)->total_tag_count(), 17u);
}

TEST(SyntheticWordNet, TagCountsAreOptional) {
  auto wn = LoadSynthetic();  // no cntlist.rev
  ASSERT_NE(wn, nullptr);
  EXPECT_EQ(wn->TagCount("goose"), 0u);
  EXPECT_EQ(wn->total_tag_count(), 0u);
}

TEST(SyntheticWordNet, MissingFileIsNotFound) {
  auto files = SyntheticFiles();
  files.erase("verb.exc");
  auto wn = WordNet::Load(WriteDir(files));
  ASSERT_FALSE(wn.ok());
  EXPECT_EQ(wn.status().code(), StatusCode::kNotFound);
  EXPECT_NE(wn.status().message().find("verb.exc"), std::string::npos)
      << wn.status().message();
}

// The installed WordNet 3.0 (Debian package wordnet-base), loaded once.
class RealWordNet : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string dir = WordNet::FindDefaultDir();
    if (dir.empty()) return;
    auto wn = WordNet::Load(dir);
    ASSERT_TRUE(wn.ok()) << wn.status().ToString();
    wn_ = std::move(wn).value().release();
  }
  static void TearDownTestSuite() {
    delete wn_;
    wn_ = nullptr;
  }
  void SetUp() override {
    if (wn_ == nullptr) {
      GTEST_SKIP() << "WordNet 3.0 not found in /usr/share/wordnet "
                      "(install the Debian package wordnet-base)";
    }
  }
  static const WordNet* wn_;
};
const WordNet* RealWordNet::wn_ = nullptr;

TEST_F(RealWordNet, CountsSynsets) {
  EXPECT_EQ(wn_->synset_count(), 117659u);  // 82115 + 13767 + 18156 + 3621
}

TEST_F(RealWordNet, VerifiesEveryLine) {
  EXPECT_TRUE(wn_->Verify().ok()) << wn_->Verify().ToString();
  EXPECT_TRUE(wn_->late_error().ok());
}

TEST_F(RealWordNet, CommonWordsHaveHigherTagCountsThanRareOnes) {
  if (wn_->total_tag_count() == 0) GTEST_SKIP() << "no cntlist.rev";
  EXPECT_GT(wn_->total_tag_count(), 100000u);
  EXPECT_GT(wn_->TagCount("years"), wn_->TagCount("gazebo"));
  EXPECT_GT(wn_->TagCount("said"), wn_->TagCount("reiterated"));
  EXPECT_EQ(wn_->TagCount("Infogrames"), 0u);
}

TEST_F(RealWordNet, MorphyGoldenTable) {
  ExpectBaseForms(
      *wn_, {
                {"geese", {"goose"}},
                {"thousands", {"thousand"}},
                {"1000's", {"1000"}},  // possessive extension
                {"better", {"better", "good", "well"}},
                {"axes", {"ax", "axis", "axe"}},  // noun.exc, then verb rules
                {"boxesful", {"boxful"}},         // "-ful" nouns
                {"Celebrated", {"celebrate", "celebrated"}},
                {"saw", {"saw", "see"}},
                {"Latest", {"latest", "late"}},  // adj est -> e
                {"happening", {"happening", "happen"}},
                {"taking place", {"take_place"}},
                {"attorneys general", {"attorney_general"}},
                {"New_Year", {"new_year"}},
                {"glass", {"glass"}},  // nouns in "ss" are not detached
                {"xyzzy", {}},
            });
}

// Every row checked against the data files by hand; the comment names the
// synsets or pointer that decide it.
TEST_F(RealWordNet, RelateGoldenTable) {
  ExpectRelations(
      *wn_,
      {
          // Pairs from the design notes.
          {"total", "complete",
           WordRelation::kSimilarTo},  // {full, total} & complete
          {"large", "giant",
           WordRelation::kSimilarTo},  // {large, big} & {.., giant}
          {"celebrate", "rejoice",
           WordRelation::kNone},  // no shared sense or link
          {"New", "Latest", WordRelation::kSimilarTo},  // {modern, new} & late
          {"thousands", "1000's",
           WordRelation::kSynonym},  // {thousand, .., 1000, ..}
          {"ensure", "make sure",
           WordRelation::kNone},  // make_sure = make a point
          {"happening", "taking place",
           WordRelation::kSynonym},             // {happen, .., take_place}
          {"dog", "cat", WordRelation::kNone},  // only via carnivore
          {"car", "automobile", WordRelation::kSynonym},
          {"celebrate", "observe",
           WordRelation::kSynonym},  // {observe, celebrate, keep}
                                     // Inflection, case and spelling of
                                     // collocations.
          {"geese", "goose", WordRelation::kSame},
          {"ran", "run", WordRelation::kSame},
          {"better", "good", WordRelation::kSame},  // adj.exc
          {"better", "well", WordRelation::kSame},  // adv.exc
          {"thousands", "thousand", WordRelation::kSame},
          {"Celebrated", "celebrates", WordRelation::kSame},
          {"mice", "mouse", WordRelation::kSame},
          {"went", "go", WordRelation::kSame},
          {"running", "run", WordRelation::kSame},
          {"bigger", "big", WordRelation::kSame},
          {"crisis", "crises", WordRelation::kSame},
          {"New_Year", "new year", WordRelation::kSame},
          {"attorneys general", "Attorney_General", WordRelation::kSame},
          {"Bush's", "bush", WordRelation::kSame},
          {"xyzzy", "XYZZY", WordRelation::kSame},  // same text, though unknown
                                                    // Synonyms.
          {"big", "large", WordRelation::kSynonym},
          {"buy", "purchase", WordRelation::kSynonym},
          {"attack", "assault", WordRelation::kSynonym},
          {"Ford", "Gerald Ford", WordRelation::kSynonym},
          {"U.S.", "United States", WordRelation::kSynonym},
          {"storm", "violent storm", WordRelation::kSynonym},
          {"reporter", "newsman", WordRelation::kSynonym},
          // Similar-to, derived.
          {"huge", "large", WordRelation::kSimilarTo},
          {"beautiful", "pretty", WordRelation::kSimilarTo},
          {"celebrate", "celebration", WordRelation::kDerived},  // +
          {"nation", "national", WordRelation::kDerived},        // pertainym
          {"economy", "economic", WordRelation::kDerived},
          {"elected", "election",
           WordRelation::kDerived},  // elect + election
                                     // Direct hypernyms, either direction,
                                     // instances too.
          {"dog", "canine", WordRelation::kHypernym},
          {"canine", "dog", WordRelation::kHypernym},
          {"dog", "domestic animal", WordRelation::kHypernym},
          {"car", "motor vehicle", WordRelation::kHypernym},
          {"Paris", "national capital", WordRelation::kHypernym},  // @i
          {"president", "head of state", WordRelation::kHypernym},
          {"kill", "murder", WordRelation::kHypernym},
          // Unrelated: antonyms, deeper paths, unknown and empty words.
          {"large", "small", WordRelation::kNone},  // antonyms are not related
          {"hot", "cold", WordRelation::kNone},
          {"car", "vehicle", WordRelation::kNone},  // four levels up
          {"war", "peace", WordRelation::kNone},
          {"xyzzy", "dog", WordRelation::kNone},
          {"dog", "", WordRelation::kNone},
          {"  ", "dog", WordRelation::kNone},
          {"", "", WordRelation::kNone},
      });
}

// Many threads querying a freshly loaded WordNet race to read (and
// memoise) the same lines: every answer must be as one thread's.
TEST_F(RealWordNet, ConcurrentRelateAnswersAsOneThread) {
  const std::string dir = WordNet::FindDefaultDir();
  // Words of every 61st synset of each part of speech, so that neighbours
  // are often synonyms or linked: a few hundred words, ~20k pairs.
  std::vector<std::string> words;
  for (const char* suffix : {"noun", "verb", "adj", "adv"}) {
    std::ifstream in(dir + "/data." + suffix);
    std::string line;
    for (size_t n = 0; std::getline(in, line); ++n) {
      if (line.empty() || line[0] == ' ' || n % 61 != 0) continue;
      std::istringstream fields(line);
      std::string offset, lex_file, type, word, lex_id;
      int n_words = 0;
      fields >> offset >> lex_file >> type >> std::hex >> n_words;
      for (int i = 0; i < n_words && i < 3 && fields >> word >> lex_id; ++i) {
        words.push_back(word);
      }
    }
  }
  ASSERT_GT(words.size(), 300u);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (size_t i = 0; i < words.size(); ++i) {
    for (size_t j = i + 1; j < words.size() && j <= i + 30; ++j) {
      pairs.emplace_back(words[i], words[j]);
    }
  }
  std::vector<WordRelation> want;
  for (const auto& [a, b] : pairs) want.push_back(wn_->Relate(a, b));
  // Not wn_: its lines are memoised by the other tests already.
  auto fresh = WordNet::Load(dir);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  const std::vector<WordRelation> got = RelateConcurrently(**fresh, pairs, 4);
  EXPECT_EQ(got, want);
  // The pairs mean something: some related, in several ways.
  std::map<WordRelation, int> kinds;
  for (WordRelation r : want) ++kinds[r];
  EXPECT_GT(kinds[WordRelation::kSynonym], 100);
  EXPECT_GT(kinds[WordRelation::kHypernym] + kinds[WordRelation::kDerived] +
                kinds[WordRelation::kSimilarTo],
            0);
  EXPECT_TRUE((*fresh)->late_error().ok());
}

TEST_F(RealWordNet, RelateIsSymmetricOnTheGoldenWords) {
  const std::vector<const char*> words = {
      "total",        "complete", "large",     "giant", "celebrate",
      "rejoice",      "new",      "latest",    "dog",   "canine",
      "nation",       "national", "geese",     "goose", "happening",
      "taking place", "1000's",   "thousands", "Paris", "city"};
  for (const char* a : words) {
    for (const char* b : words) {
      EXPECT_EQ(wn_->Relate(a, b), wn_->Relate(b, a)) << a << " / " << b;
    }
  }
}

}  // namespace
}  // namespace concord::compare
