// WordNet's answers against a reference: a slow, plain reading of the same
// files (istringstream fields, std::map and std::set of strings, no ids), and
// morphy and Relate() written out from their definitions in wordnet.h. The
// loader's fast paths, its synset table and its compressed rows must give
// exactly what this reading gives, over thousands of word pairs drawn from
// the installed WordNet 3.0 (skipped when it is absent) and over every pair
// of words of the synthetic dictionary written in unusual but valid ways.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "src/compare/wordnet.h"
#include "src/compare/wordnet_test_util.h"

namespace concord::compare {
namespace {


constexpr const char* kPosNames[] = {"noun", "verb", "adj", "adv"};

int PosIndex(char c) {
  switch (c) {
    case 'n': return 0;
    case 'v': return 1;
    case 'a': case 's': return 2;
    case 'r': return 3;
    default: return -1;
  }
}

// Lower case; runs of white space and '_' become one '_', none at the ends.
std::string RefFold(const std::string& in) {
  std::string out;
  bool gap = false;
  for (char c : in) {
    if (c == '_' || c == ' ' || (c >= '\t' && c <= '\r')) {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += '_';
    gap = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string RefWord(std::string field) {
  for (const std::string marker : {"(a)", "(p)", "(ip)"}) {
    if (field.size() >= marker.size() &&
        field.compare(field.size() - marker.size(), marker.size(), marker) ==
            0) {
      field.resize(field.size() - marker.size());
    }
  }
  return RefFold(field);
}

// Lines that are neither blank nor the licence header.
std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("  ", 0) == 0) continue;
    if (line.find_first_not_of(" \t\n\v\f\r") == std::string::npos) continue;
    lines.push_back(line);
  }
  return lines;
}

using SynsetKey = std::pair<int, uint32_t>;  // (pos, offset)
using Base = std::pair<std::string, int>;    // (lemma, pos)

struct RefWordNet {
  struct Pointer {
    std::string symbol;
    SynsetKey target;
    int source_word, target_word;
  };
  struct Synset {
    std::vector<std::string> words;
    std::vector<Pointer> pointers;
  };
  std::map<SynsetKey, Synset> synsets;
  std::map<std::string, std::array<std::vector<uint32_t>, 4>> index;
  std::map<std::pair<std::string, int>, std::vector<std::string>> exceptions;
  std::set<std::string> known;  // every string the dictionary names
  // Lemma -> bit p: it has an index line of part of speech p (even one
  // naming no synset).
  std::map<std::string, int> lemma_pos;
  std::map<std::string, uint64_t> tag_counts;
  uint64_t total_tags = 0;
  // Derived relations, each stored in both directions.
  std::set<std::pair<SynsetKey, SynsetKey>> hypernym, similar, related;
  std::set<std::pair<std::string, std::string>> lemma_related;

  explicit RefWordNet(const std::string& dir) {
    for (int p = 0; p < 4; ++p) {
      for (const std::string& line :
           ReadLines(dir + "/data." + kPosNames[p])) {
        std::istringstream f(line);
        uint32_t offset = 0;
        std::string lex_file, type, n_words_hex;
        f >> offset >> lex_file >> type >> n_words_hex;
        Synset& s = synsets[{p, offset}];
        const int n_words = std::stoi(n_words_hex, nullptr, 16);
        for (int i = 0; i < n_words; ++i) {
          std::string word, lex_id;
          f >> word >> lex_id;
          s.words.push_back(RefWord(word));
          known.insert(s.words.back());
        }
        int n_pointers = 0;
        f >> n_pointers;
        for (int i = 0; i < n_pointers; ++i) {
          Pointer ptr;
          uint32_t target = 0;
          std::string pos, st;
          f >> ptr.symbol >> target >> pos >> st;
          ptr.target = {PosIndex(pos[0]), target};
          ptr.source_word = std::stoi(st.substr(0, 2), nullptr, 16);
          ptr.target_word = std::stoi(st.substr(2, 2), nullptr, 16);
          s.pointers.push_back(ptr);
        }
      }
      for (const std::string& line :
           ReadLines(dir + "/index." + kPosNames[p])) {
        std::istringstream f(line);
        std::string lemma, pos, symbol;
        int n_synsets = 0, n_symbols = 0, senses = 0, tagged = 0;
        f >> lemma >> pos >> n_synsets >> n_symbols;
        for (int i = 0; i < n_symbols; ++i) f >> symbol;
        f >> senses >> tagged;
        lemma = RefWord(lemma);
        known.insert(lemma);
        lemma_pos[lemma] |= 1 << p;
        auto& offsets = index[lemma][p];
        for (int i = 0; i < n_synsets; ++i) {
          uint32_t offset = 0;
          f >> offset;
          offsets.push_back(offset);
        }
      }
      for (const std::string& line :
           ReadLines(dir + "/" + kPosNames[p] + ".exc")) {
        std::istringstream f(line);
        std::string form, base;
        f >> form;
        form = RefWord(form);
        known.insert(form);
        while (f >> base) {
          exceptions[{form, p}].push_back(RefWord(base));
          known.insert(RefWord(base));
        }
      }
    }
    for (const std::string& line : ReadLines(dir + "/cntlist.rev")) {
      std::istringstream f(line);
      std::string key;
      uint64_t sense = 0, count = 0;
      f >> key >> sense >> count;
      total_tags += count;
      key = RefWord(key);
      const std::string lemma = key.substr(0, key.find('%'));
      if (known.count(lemma)) tag_counts[lemma] += count;
    }
    for (const auto& [key, s] : synsets) {
      for (const Pointer& ptr : s.pointers) {
        const auto both = [](auto& set, const auto& x, const auto& y) {
          set.insert({x, y});
          set.insert({y, x});
        };
        const std::string& sym = ptr.symbol;
        if (sym == "@" || sym == "@i" || sym == "~" || sym == "~i") {
          both(hypernym, key, ptr.target);
        } else if (sym == "&") {
          both(similar, key, ptr.target);
        } else if (sym == "+" || sym == "\\" || sym == "^") {
          if (ptr.source_word == 0 && ptr.target_word == 0) {
            both(related, key, ptr.target);
            continue;
          }
          const auto words = [&](const Synset& t, int n) {
            return n == 0 ? t.words : std::vector<std::string>{t.words[n - 1]};
          };
          for (const std::string& x : words(s, ptr.source_word)) {
            for (const std::string& y :
                 words(synsets.at(ptr.target), ptr.target_word)) {
              both(lemma_related, x, y);
            }
          }
        }
      }
    }
  }

  static void AddUnique(std::vector<std::string>* v, const std::string& x) {
    if (std::find(v->begin(), v->end(), x) == v->end()) v->push_back(x);
  }

  void MorphWord(const std::string& w, int p,
                 std::vector<std::string>* out) const {
    if (IsLemmaPos(w, p)) AddUnique(out, w);
    auto exc = exceptions.find({w, p});
    if (exc != exceptions.end()) {
      for (const std::string& b : exc->second) {
        if (IsLemmaPos(b, p)) AddUnique(out, b);
      }
      return;
    }
    static const std::vector<std::pair<std::string, std::string>> kRules[] = {
        {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"},
         {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
        {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""},
         {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
        {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
        {}};
    std::string stem = w, tail;
    const auto ends = [](const std::string& s, const std::string& suffix) {
      return s.size() >= suffix.size() &&
             s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (p == 0 && ends(w, "ful")) {
      stem.resize(stem.size() - 3);
      tail = "ful";
    } else if (p == 0 && (ends(w, "ss") || w.size() <= 2)) {
      return;
    }
    for (const auto& [suffix, ending] : kRules[p]) {
      if (!ends(stem, suffix) || stem.size() == suffix.size()) continue;
      const std::string candidate =
          stem.substr(0, stem.size() - suffix.size()) + ending + tail;
      if (IsLemmaPos(candidate, p)) AddUnique(out, candidate);
    }
  }

  // True if the word, its possessive stem or a word of it as a
  // collocation has an exception with more than one base form.
  bool SeveralExceptionBases(const std::string& folded) const {
    std::vector<std::string> forms = {folded};
    std::istringstream tokens(folded);
    for (std::string token; std::getline(tokens, token, '_');) {
      forms.push_back(token);
    }
    for (const std::string suffix : {"'s", "'"}) {
      if (folded.size() > suffix.size() &&
          folded.compare(folded.size() - suffix.size(), suffix.size(),
                         suffix) == 0) {
        forms.push_back(folded.substr(0, folded.size() - suffix.size()));
      }
    }
    for (const std::string& form : forms) {
      for (int p = 0; p < 4; ++p) {
        auto it = exceptions.find({form, p});
        if (it != exceptions.end() && it->second.size() > 1) return true;
      }
    }
    return false;
  }

  bool IsLemmaPos(const std::string& w, int p) const {
    auto it = lemma_pos.find(w);
    return it != lemma_pos.end() && (it->second >> p & 1);
  }
  void Morphy(const std::string& w, int p,
              std::vector<std::string>* out) const {
    MorphWord(w, p, out);
    if (w.find('_') == std::string::npos) return;
    std::vector<std::vector<std::string>> choices;
    std::istringstream tokens(w);
    size_t combinations = 1;
    for (std::string token; std::getline(tokens, token, '_');) {
      if (choices.size() == 8) return;
      choices.push_back({token});
      std::vector<std::string> bases;
      MorphWord(token, p, &bases);
      for (const std::string& b : bases) {
        if (b != token) choices.back().push_back(b);
      }
      combinations *= choices.back().size();
    }
    if (combinations <= 1 || combinations > 64) return;
    for (size_t n = 0; n < combinations; ++n) {
      std::string candidate;
      size_t rest = n;
      for (size_t i = 0; i < choices.size(); ++i) {
        if (i > 0) candidate += '_';
        candidate += choices[i][rest % choices[i].size()];
        rest /= choices[i].size();
      }
      if (IsLemmaPos(candidate, p)) AddUnique(out, candidate);
    }
  }

  std::vector<Base> Bases(const std::string& folded) const {
    std::vector<Base> out;
    for (int p = 0; p < 4; ++p) {
      std::vector<std::string> forms;
      Morphy(folded, p, &forms);
      for (const std::string& f : forms) out.emplace_back(f, p);
    }
    if (out.empty()) {
      std::string stem = folded;
      if (stem.size() >= 2 && stem.compare(stem.size() - 2, 2, "'s") == 0) {
        stem.resize(stem.size() - 2);
      } else if (!stem.empty() && stem.back() == '\'') {
        stem.pop_back();
      }
      if (stem.size() != folded.size() && !stem.empty()) return Bases(stem);
    }
    return out;
  }

  std::vector<std::string> BaseForms(const std::string& word) const {
    std::vector<std::string> out;
    const std::string folded = RefFold(word);
    if (folded.empty()) return out;
    for (const auto& [lemma, p] : Bases(folded)) AddUnique(&out, lemma);
    return out;
  }

  uint32_t TagCount(const std::string& word) const {
    uint64_t best = 0;
    for (const std::string& b : BaseForms(word)) {
      auto it = tag_counts.find(b);
      if (it != tag_counts.end()) best = std::max(best, it->second);
    }
    return static_cast<uint32_t>(best);
  }

  WordRelation Relate(const std::string& a, const std::string& b) const {
    const std::string fa = RefFold(a), fb = RefFold(b);
    if (fa.empty() || fb.empty()) return WordRelation::kNone;
    if (fa == fb) return WordRelation::kSame;
    const std::vector<Base> ba = Bases(fa), bb = Bases(fb);
    if (ba.empty() || bb.empty()) return WordRelation::kNone;
    std::set<std::string> la, lb;
    std::set<SynsetKey> sa, sb;
    const auto gather = [&](const std::vector<Base>& bases,
                            std::set<std::string>* lemmas,
                            std::set<SynsetKey>* keys) {
      for (const auto& [lemma, p] : bases) {
        lemmas->insert(lemma);
        auto it = index.find(lemma);
        if (it == index.end()) continue;
        for (uint32_t offset : it->second[p]) keys->insert({p, offset});
      }
    };
    gather(ba, &la, &sa);
    gather(bb, &lb, &sb);
    for (const std::string& x : la) {
      if (lb.count(x)) return WordRelation::kSame;
    }
    for (const SynsetKey& x : sa) {
      if (sb.count(x)) return WordRelation::kSynonym;
    }
    const auto linked = [](const auto& pairs, const auto& xs, const auto& ys) {
      for (const auto& x : xs) {
        for (const auto& y : ys) {
          if (pairs.count({x, y})) return true;
        }
      }
      return false;
    };
    if (linked(similar, sa, sb)) return WordRelation::kSimilarTo;
    if (linked(lemma_related, la, lb) || linked(related, sa, sb)) {
      return WordRelation::kDerived;
    }
    if (linked(hypernym, sa, sb)) return WordRelation::kHypernym;
    return WordRelation::kNone;
  }
};

// Checks every answer of `wn` on the words and pairs against `ref`.
void ExpectSameAnswers(const WordNet& wn, const RefWordNet& ref,
                       const std::vector<std::string>& words,
                       const std::vector<std::pair<std::string, std::string>>&
                           pairs) {
  int failures = 0;
  for (const std::string& w : words) {
    std::vector<std::string> got = wn.BaseForms(w), want = ref.BaseForms(w);
    // The order of an exception's several base forms is not the file's
    // (WordNet sorts its exceptions with std::sort, which may reorder
    // equal keys): compared as sets then.
    if (ref.SeveralExceptionBases(RefFold(w))) {
      std::sort(got.begin(), got.end());
      std::sort(want.begin(), want.end());
    }
    EXPECT_EQ(got, want) << "BaseForms(" << w << ")";
    EXPECT_EQ(wn.TagCount(w), ref.TagCount(w)) << "TagCount(" << w << ")";
    EXPECT_EQ(wn.Contains(w), !ref.BaseForms(w).empty()) << w;
  }
  std::vector<WordRelation> wants;
  wants.reserve(pairs.size());
  for (const auto& [a, b] : pairs) {
    const WordRelation want = ref.Relate(a, b);
    const WordRelation got = wn.Relate(a, b);
    wants.push_back(want);
    if (got != want && ++failures <= 20) {
      ADD_FAILURE() << "Relate(\"" << a << "\", \"" << b
                    << "\") = " << WordRelationName(got) << ", reference "
                    << WordRelationName(want);
    }
  }
  // Relate() memoises the lines it reads: the pass above read most pairs'
  // lines for the first time (or shared them with an earlier pair), this
  // one, in reverse order, finds every line memoised.
  for (size_t i = pairs.size(); i-- > 0;) {
    const auto& [a, b] = pairs[i];
    const WordRelation got = wn.Relate(a, b);
    if (got != wants[i] && ++failures <= 20) {
      ADD_FAILURE() << "Relate(\"" << a << "\", \"" << b
                    << "\") = " << WordRelationName(got)
                    << " when asked again, reference "
                    << WordRelationName(wants[i]);
    }
  }
  EXPECT_EQ(failures, 0) << "of " << pairs.size() << " pairs";
  EXPECT_EQ(wn.total_tag_count(), ref.total_tags);
  EXPECT_EQ(wn.synset_count(), ref.synsets.size());
}

// Pairs that exercise every rule: the words at either end of a pointer
// (any kind, so unrelated kinds too), words of one synset, inflected and
// exceptional forms, collocations with spaces, and lemmas far apart.
// Takes every `step`-th synset and index line.
void SamplePairs(const RefWordNet& ref, size_t step,
                 std::vector<std::string>* words,
                 std::vector<std::pair<std::string, std::string>>* pairs) {
  size_t n = 0;
  std::string previous = "entity";
  for (const auto& [key, s] : ref.synsets) {
    if (n++ % step != 0) continue;
    const std::string& w = s.words[0];
    words->push_back(w);
    for (const RefWordNet::Pointer& ptr : s.pointers) {
      const auto& target = ref.synsets.at(ptr.target).words;
      const std::string& x =
          ptr.source_word == 0 ? w : s.words[ptr.source_word - 1];
      const std::string& y =
          ptr.target_word == 0 ? target[0] : target[ptr.target_word - 1];
      pairs->emplace_back(x, y);
      pairs->emplace_back(y, x);
      if (target.size() > 1) pairs->emplace_back(x, target.back());
    }
    if (s.words.size() > 1) pairs->emplace_back(s.words.back(), w);
    // Inflected, spaced and capitalised spellings.
    std::string spaced = w;
    std::replace(spaced.begin(), spaced.end(), '_', ' ');
    for (const std::string& form :
         {w + "s", w + "es", w + "ed", w + "ing", w + "er", w + "'s", spaced,
          std::string(1, static_cast<char>(std::toupper(w[0]))) +
              w.substr(1)}) {
      words->push_back(form);
      pairs->emplace_back(form, previous);
      pairs->emplace_back(form, w);
    }
    pairs->emplace_back(w, previous);
    previous = w;
  }
  n = 0;
  for (const auto& [key, bases] : ref.exceptions) {
    if (n++ % step != 0) continue;
    words->push_back(key.first);
    for (const std::string& b : bases) pairs->emplace_back(key.first, b);
  }
}

TEST(WordNetReference, InstalledWordNetAnswersAsThePlainReading) {
  const std::string dir = WordNet::FindDefaultDir();
  if (dir.empty()) GTEST_SKIP() << "WordNet 3.0 not installed";
  auto wn = WordNet::Load(dir);
  ASSERT_TRUE(wn.ok()) << wn.status().ToString();
  RefWordNet ref(dir);
  std::vector<std::string> words;
  std::vector<std::pair<std::string, std::string>> pairs;
  SamplePairs(ref, 40, &words, &pairs);
  ASSERT_GT(pairs.size(), 5000u);
  ExpectSameAnswers(**wn, ref, words, pairs);
}

// The synthetic dictionary of wordnet_test.cc's style, written once plainly
// and once in unusual but valid ways that the loader's fast path leaves to
// its slow one: long numbers, upper-case hex, extra spaces, a three-byte
// pointer symbol, data lines out of offset order, a lemma with no synsets,
// a lemma with two lines.
// Both readings must agree with the reference on every pair of words.
std::map<std::string, std::string> Files(bool unusual) {
  const std::string header = "  1 A synthetic WordNet for tests.\n";
  const std::string noun_a =
      unusual ? "0000000100  03 n 1 entity 0 2 ~ 0000000200 n 0000 "
                "~ 00000350 n 0000 | that which exists\n"
              : "00000100 03 n 01 entity 0 002 ~ 00000200 n 0000 "
                "~ 00000350 n 0000 | that which exists\n";
  const std::string noun_b =
      "00000200 05 n 03 goose 0 Domestic_Goose 0 barnyard__fowl 0 003 "
      "@ 00000100 n 0000 + 00000400 v 0101 ! 00000300 n 0301 | a bird\n"
      "00000300 06 n 01 box 0 000 | a container\n";
  const std::string noun_c =
      unusual ? "00000350 14 n 01 nation 0 003 @ 00000100 n 0000 "
                "\\ 00000800 a 0101 ;cx 00000300 n 0000   | a people\n"
              : "00000350 14 n 01 nation 0 002 @ 00000100 n 0000 "
                "\\ 00000800 a 0101 | a people\n";
  return {
      {"data.noun", unusual ? header + noun_c + noun_a + noun_b
                            : header + noun_a + noun_b + noun_c},
      {"data.verb",
       header +
           (unusual ? "00000400 32 v 0A honk 0 hoot 0 toot 0 blare 0 blast 0 "
                      "beep 0 bleep 0 pip 0 peep 0 cheep 0 001 + 00000200 n "
                      "0A01 01 + 02 00 | make a goose noise\n"
                    : "00000400 32 v 0a honk 0 hoot 0 toot 0 blare 0 blast 0 "
                      "beep 0 bleep 0 pip 0 peep 0 cheep 0 001 + 00000200 n "
                      "0a01 01 + 02 00 | make a goose noise\n") +
           "00000450 30 v 02 take_place 0 happen 0 000 01 + 02 00 | occur\n"
           "00000500 38 v 01 take 0 000 01 + 08 00 | get hold of\n"
           "00000550 38 v 01 run 0 001 + 00000300 n 0000 | move fast\n"},
      {"data.adj",
       header + "00000600 00 a 01 large 0 001 & 00000700 a 0000 | big\n"
                "00000700 00 s 02 giant 0 huge(a) 0 001 & 00000600 a 0000 "
                "| very large\n"
                "00000800 01 a 01 national 0 001 \\ 00000350 n 0101 "
                "| of a nation\n"
                "00000850 00 a 01 good 0 000 | having desirable qualities\n"},
      {"data.adv", header + "00000900 02 r 01 well 0 000 | in a good way\n"},
      {"index.noun",
       header +
           "barnyard_fowl n 1 0 1 0 00000200\n"
           "box n 1 0 1 0 00000300\n"
           "domestic_goose n 1 2 @ + 1 0 00000200\n" +
           (unusual ? "entity n 1 1 ~ 1 0 0000000100\n"
                      "Entity n 1 0 1 0 00000100\n"  // a second line
                      "ghost n 0 0 0 0\n"
                    : "entity n 1 1 ~ 1 0 00000100\n") +
           "goose n 1 2 @ + 1 0 00000200\n"
           "nation n 1 2 @ \\ 1 0 00000350\n"},
      {"index.verb", header + "blare v 1 0 1 0 00000400\n"
                              "happen v 1 0 1 0 00000450\n"
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
      {"cntlist.rev",
       "goose%1:05:00:: 1 7\ngoose%1:13:00:: 2 3\n"
       "honk%2:32:00:: 1 2\nunknown%1:00:00:: 1 5\n"},
  };
}

TEST(WordNetReference, UnusualButValidFilesAnswerAsThePlainReading) {
  for (bool unusual : {false, true}) {
    const std::string dir = WriteWordNetDir(
        unusual ? "wordnet_ref_unusual" : "wordnet_ref_plain", Files(unusual));
    auto wn = WordNet::Load(dir);
    ASSERT_TRUE(wn.ok()) << wn.status().ToString();
    RefWordNet ref(dir);
    std::vector<std::string> words = {"geese", "better", "ran", "taking place",
                                      "Domestic geese", "ghost", "cat"};
    for (const std::string& w : ref.known) words.push_back(w);
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const std::string& a : words) {
      for (const std::string& b : words) pairs.emplace_back(a, b);
    }
    ExpectSameAnswers(**wn, ref, words, pairs);
    EXPECT_TRUE((*wn)->Verify().ok()) << (*wn)->Verify().ToString();
    EXPECT_TRUE((*wn)->late_error().ok());
    // The relations the files were written for, so that the reference
    // cannot be wrong in the same way as the loader.
    EXPECT_EQ((*wn)->Relate("goose", "honk"), WordRelation::kDerived);
    EXPECT_EQ((*wn)->Relate("barnyard fowl", "honk"), WordRelation::kNone);
    EXPECT_EQ((*wn)->Relate("run", "box"), WordRelation::kDerived);
    EXPECT_EQ((*wn)->Relate("nation", "national"), WordRelation::kDerived);
    EXPECT_EQ((*wn)->Relate("entity", "nation"), WordRelation::kHypernym);
    EXPECT_EQ((*wn)->Relate("geese", "entity"), WordRelation::kHypernym);
    EXPECT_EQ((*wn)->Relate("huge", "large"), WordRelation::kSimilarTo);
    EXPECT_EQ((*wn)->Relate("goose", "box"), WordRelation::kNone);  // '!'
    EXPECT_EQ((*wn)->synset_count(), 13u);
  }
}

}  // namespace
}  // namespace concord::compare
