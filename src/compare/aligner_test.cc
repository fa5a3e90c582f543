#include "src/compare/aligner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <random>
#include <string>
#include <vector>

#include "src/base/hash.h"

namespace concord::compare {
namespace {

// A text of the given words joined by spaces; stems are the words' hashes.
struct Owned {
  std::string text;
  AlignedText aligned;
};

Owned Make(const std::vector<std::string>& words) {
  Owned o;
  for (const std::string& w : words) {
    if (!o.text.empty()) o.text += ' ';
    AlignWord aw;
    aw.begin = uint32_t(o.text.size());
    o.text += w;
    aw.end = uint32_t(o.text.size());
    aw.stem = Hash64(w);
    o.aligned.words.push_back(aw);
  }
  o.aligned.text = o.text;
  // The folded forms are views of the text, whose characters are final now.
  for (AlignWord& aw : o.aligned.words) {
    aw.folded = o.aligned.text.substr(aw.begin, aw.end - aw.begin);
  }
  return o;
}

// Plain O(nm) Smith-Waterman with the aligner's scores: the reference.
double SmithWaterman(const AlignedText& a, const AlignedText& b,
                     const AlignOptions& o) {
  const size_t n = a.words.size(), m = b.words.size();
  std::vector<double> prev(m + 1, 0), cur(m + 1, 0);
  double best = 0;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = 0;
    for (size_t j = 1; j <= m; ++j) {
      const bool eq = a.words[i - 1].stem == b.words[j - 1].stem;
      double s = prev[j - 1] + (eq ? o.match : o.swap);
      s = std::max(s, prev[j] + o.gap);
      s = std::max(s, cur[j - 1] + o.gap);
      cur[j] = std::max(0.0, s);
      best = std::max(best, cur[j]);
    }
    std::swap(prev, cur);
  }
  return best;
}

double BestPassage(const Alignment& al) {
  double best = 0;
  for (const Passage& p : al.passages) best = std::max(best, p.score);
  return best;
}

TEST(AlignerTest, AgreesWithSmithWatermanOnMutatedCopies) {
  std::mt19937 rng(42);
  AlignOptions options;
  auto word = [&rng] { return "w" + std::to_string(rng() % 300); };
  double ratio_sum = 0;
  int trials = 0;
  for (int t = 0; t < 300; ++t) {
    std::vector<std::string> base(40 + rng() % 40);
    for (auto& w : base) w = word();
    std::vector<std::string> a, b;
    for (int k = 0; k < 10; ++k) a.push_back(word());  // unrelated flank
    for (int k = 0; k < 7; ++k) b.push_back(word());
    for (const std::string& w : base) {
      a.push_back(w);
      const unsigned r = rng() % 100;
      if (r < 8) {
        b.push_back(word());  // substitution
      } else if (r < 12) {
        // deletion from B
      } else if (r < 16) {
        b.push_back(w);
        b.push_back(word());  // insertion
      } else {
        b.push_back(w);
      }
    }
    for (int k = 0; k < 9; ++k) a.push_back(word());
    Owned oa = Make(a), ob = Make(b);
    const double reference = SmithWaterman(oa.aligned, ob.aligned, options);
    const Alignment al = Align(oa.aligned, ob.aligned, nullptr, options);
    const double got = BestPassage(al);
    // A passage is one path of the DP table: never above the optimum.
    EXPECT_LE(got, reference + 1e-9);
    for (const Passage& p : al.passages) {
      EXPECT_NEAR(p.score, ScoreSpans(p.spans, options), 1e-9);
    }
    if (reference >= 10) {
      ratio_sum += got / reference;
      ++trials;
      EXPECT_GE(got, 0.75 * reference) << "trial " << t;
    }
  }
  ASSERT_GT(trials, 250);
  EXPECT_GE(ratio_sum / trials, 0.95);
}

// Without byte offsets (AlignOptions::byte_offsets, as the story analysis
// aligns), the alignment is the same but for the spans' offsets, all 0.
TEST(AlignerTest, WithoutByteOffsetsOnlyTheOffsetsDiffer) {
  std::mt19937 rng(7);
  auto word = [&rng] { return "w" + std::to_string(rng() % 200); };
  for (int t = 0; t < 50; ++t) {
    std::vector<std::string> a(60 + rng() % 40), b;
    for (auto& w : a) w = word();
    for (const std::string& w : a) {
      const unsigned r = rng() % 100;
      if (r < 10) {
        b.push_back(word());
      } else if (r >= 14) {
        b.push_back(w);
      }
    }
    Owned oa = Make(a), ob = Make(b);
    AlignOptions words_only;
    words_only.byte_offsets = false;
    const Alignment want = Align(oa.aligned, ob.aligned, nullptr);
    const Alignment got = Align(oa.aligned, ob.aligned, nullptr, words_only);
    ASSERT_EQ(got.passages.size(), want.passages.size()) << t;
    EXPECT_EQ(got.a_aligned, want.a_aligned);
    EXPECT_EQ(got.b_aligned, want.b_aligned);
    EXPECT_EQ(got.matched, want.matched);
    EXPECT_EQ(got.swaps, want.swaps);
    EXPECT_EQ(got.longest, want.longest);
    for (size_t p = 0; p < got.passages.size(); ++p) {
      const Passage& x = got.passages[p];
      const Passage& y = want.passages[p];
      EXPECT_EQ(x.score, y.score);
      EXPECT_EQ(x.matched, y.matched);
      EXPECT_EQ(x.a_words, y.a_words);
      EXPECT_EQ(x.b_words, y.b_words);
      ASSERT_EQ(x.spans.size(), y.spans.size());
      for (size_t k = 0; k < x.spans.size(); ++k) {
        const AlignedSpan& u = x.spans[k];
        const AlignedSpan& v = y.spans[k];
        EXPECT_EQ(u.kind, v.kind);
        EXPECT_EQ(u.relation, v.relation);
        EXPECT_EQ(u.a_word_begin, v.a_word_begin);
        EXPECT_EQ(u.a_word_end, v.a_word_end);
        EXPECT_EQ(u.b_word_begin, v.b_word_begin);
        EXPECT_EQ(u.b_word_end, v.b_word_end);
        EXPECT_EQ(u.a_begin + u.a_end + u.b_begin + u.b_end, 0u);
      }
    }
  }
}

TEST(AlignerTest, SpansTileThePassageAndIdenticalSpansMatch) {
  Owned a = Make({"the", "council", "approved", "the", "new", "tram", "line",
                  "on", "tuesday", "after", "a", "long", "debate"});
  Owned b = Make({"the", "council", "backed", "the", "new", "tram", "line",
                  "on", "tuesday", "after", "an", "extended", "long", "debate"});
  Alignment al = Align(a.aligned, b.aligned, nullptr);
  ASSERT_EQ(al.passages.size(), 1u);
  const Passage& p = al.passages[0];
  uint32_t x = p.spans.front().a_word_begin, y = p.spans.front().b_word_begin;
  for (const AlignedSpan& s : p.spans) {
    EXPECT_EQ(s.a_word_begin, x);
    EXPECT_EQ(s.b_word_begin, y);
    x = s.a_word_end;
    y = s.b_word_end;
    if (s.kind == SpanKind::kIdentical) {
      for (uint32_t k = 0; k < s.a_word_end - s.a_word_begin; ++k) {
        EXPECT_EQ(a.aligned.words[s.a_word_begin + k].stem,
                  b.aligned.words[s.b_word_begin + k].stem);
      }
    }
  }
  EXPECT_EQ(x, 13u);
  EXPECT_EQ(y, 14u);
  // approved→backed is a swap; "a" → "an extended" an edit.
  ASSERT_GE(p.spans.size(), 4u);
  EXPECT_EQ(p.spans[1].kind, SpanKind::kSwap);
  EXPECT_EQ(a.text.substr(p.spans[1].a_begin,
                          p.spans[1].a_end - p.spans[1].a_begin),
            "approved");
  EXPECT_EQ(b.text.substr(p.spans[1].b_begin,
                          p.spans[1].b_end - p.spans[1].b_begin),
            "backed");
  EXPECT_EQ(al.swaps, 1u);
}

TEST(AlignerTest, SpunSentenceYieldsSwapsWithBothWords) {
  text::Stemmer stemmer("en");
  const std::string wire =
      "Officials hope that returning workers could celebrate the New Year "
      "and the holidays at home, at the family table, and that thousands "
      "more will follow.";
  const std::string spun =
      "Officials hope that returning workers could rejoice the Latest Yr "
      "and the holidays at home, on the family table, and that 1000's "
      "more will follow.";
  AlignedText a = PrepareForAlignment(wire, "en", &stemmer);
  AlignedText b = PrepareForAlignment(spun, "en", &stemmer);
  Alignment al = Align(a, b, nullptr);
  ASSERT_EQ(al.passages.size(), 1u);
  std::vector<std::pair<std::string, std::string>> swaps;
  for (const AlignedSpan& s : al.passages[0].spans) {
    if (s.kind == SpanKind::kSwap || s.kind == SpanKind::kEdited) {
      swaps.emplace_back(wire.substr(s.a_begin, s.a_end - s.a_begin),
                         spun.substr(s.b_begin, s.b_end - s.b_begin));
    }
  }
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"celebrate", "rejoice"},
      {"New Year", "Latest Yr"},
      {"at", "on"},
      {"thousands", "1000's"}};
  EXPECT_EQ(swaps, expected);
  EXPECT_EQ(al.a_aligned, a.words.size());
}

// Swaps' relations are memoised per thread for a pair of words in either
// order (WordNet's Relate is symmetric): B against A, aligned after A
// against B, must still carry the relations WordNet gives in B's order.
TEST(AlignerTest, SwapRelationsAreWordNetsInEitherOrder) {
  const std::string dir = WordNet::FindDefaultDir();
  if (dir.empty()) GTEST_SKIP() << "WordNet 3.0 not found";
  auto loaded = WordNet::Load(dir);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const std::unique_ptr<WordNet> wn = std::move(loaded).value();
  text::Stemmer stemmer("en");
  const std::string wire =
      "Officials hope that returning workers could celebrate the big "
      "holiday at home with the family, and that large crowds will "
      "follow the happy nation in the weeks ahead of the vote.";
  const std::string spun =
      "Officials hope that returning workers could rejoice the giant "
      "holiday at home with the household, and that huge crowds will "
      "follow the glad country in the weeks ahead of the vote.";
  const AlignedText a = PrepareForAlignment(wire, "en", &stemmer);
  const AlignedText b = PrepareForAlignment(spun, "en", &stemmer);
  size_t related = 0;
  for (const bool reversed : {false, true}) {
    const AlignedText& x = reversed ? b : a;
    const AlignedText& y = reversed ? a : b;
    const Alignment al = Align(x, y, wn.get());
    ASSERT_EQ(al.passages.size(), 1u);
    size_t swaps = 0;
    for (const AlignedSpan& s : al.passages[0].spans) {
      if (s.kind != SpanKind::kSwap) continue;
      ++swaps;
      const std::string_view from = x.words[s.a_word_begin].folded;
      const std::string_view to = y.words[s.b_word_begin].folded;
      EXPECT_EQ(s.relation, wn->Relate(from, to)) << from << " / " << to;
      related += s.relation != WordRelation::kNone;
    }
    EXPECT_GE(swaps, 3u);
  }
  EXPECT_GT(related, 0u);
}

TEST(AlignerTest, UnrelatedTextsDoNotAlign) {
  text::Stemmer stemmer("en");
  const std::string x =
      "The dam on the Caddow river held overnight as engineers lowered the "
      "reservoir by two metres.";
  const std::string y =
      "Dockworkers at Kestrel Bay walked out on Tuesday over pay and the "
      "automation of two terminals.";
  AlignedText a = PrepareForAlignment(x, "en", &stemmer);
  AlignedText b = PrepareForAlignment(y, "en", &stemmer);
  EXPECT_TRUE(Align(a, b, nullptr).passages.empty());
}

TEST(AlignerTest, NumbersMatchByValue) {
  text::Stemmer stemmer("en");
  AlignedText a = PrepareForAlignment(
      "the release of 1,200 prisoners was agreed in Istanbul", "en", &stemmer);
  AlignedText b = PrepareForAlignment(
      "the release of 1200 prisoners was agreed in Istanbul", "en", &stemmer);
  Alignment al = Align(a, b, nullptr);
  ASSERT_EQ(al.passages.size(), 1u);
  EXPECT_EQ(al.matched, a.words.size());
}

// The engine prepares texts from the facts Document's tokens (punctuation
// kept); the words must be those PrepareForAlignment finds on its own.
TEST(AlignerTest, PreparedFromGivenTokensEqualsOwnTokenisation) {
  const std::string text =
      "The U.S. said 1,200 people\u2014nearly half\u2014fled; "
      "officials' 1000's of \u201Cdon't\u201D e.g. Caf\u00E9 3.5%.";
  text::Stemmer stemmer("en");
  const AlignedText own = PrepareForAlignment(text, "en", &stemmer);
  std::vector<text::Token> tokens;
  text::Tokenize(text, &tokens, {.keep_punct = true});
  const AlignedText given = PrepareForAlignment(text, tokens, "en", &stemmer);
  ASSERT_EQ(own.words.size(), given.words.size());
  ASSERT_GT(own.words.size(), 10u);
  for (size_t k = 0; k < own.words.size(); ++k) {
    EXPECT_EQ(own.words[k].begin, given.words[k].begin) << k;
    EXPECT_EQ(own.words[k].end, given.words[k].end) << k;
    EXPECT_EQ(own.words[k].stem, given.words[k].stem) << k;
    EXPECT_EQ(own.words[k].folded, given.words[k].folded) << k;
    EXPECT_EQ(own.words[k].stop, given.words[k].stop) << k;
    EXPECT_EQ(own.words[k].number, given.words[k].number) << k;
    EXPECT_EQ(own.words[k].capitalized, given.words[k].capitalized) << k;
  }
}

// PrepareForAlignment sizes its words vector without initialising it
// (WordAllocator) and writes each word whole: every field must be the
// word's own, never what the storage held before (a previous text's words,
// here all numbers and stop words, likely in the same freed block).
TEST(AlignerTest, PreparedWordsAreWrittenWhole) {
  text::Stemmer stemmer("en");
  std::string numbers, words;
  for (int k = 0; k < 400; ++k) {
    numbers += std::to_string(1000 + k) + " the ";
    words += k % 3 == 0 ? "Running, " : k % 3 == 1 ? "4,200 rivers; " : "of ";
  }
  std::vector<text::Token> tokens;
  text::Tokenize(words, &tokens, {.keep_punct = true});
  for (int round = 0; round < 2; ++round) {
    {
      const AlignedText before = PrepareForAlignment(numbers, "en", &stemmer);
      ASSERT_EQ(before.words.size(), 800u);
    }
    const AlignedText t =
        round == 0 ? PrepareForAlignment(words, "en", &stemmer)
                   : PrepareForAlignment(words, tokens, "en", &stemmer);
    size_t k = 0;
    for (const text::Token& tok : tokens) {
      if (tok.kind == text::TokenKind::kPunct) continue;
      ASSERT_LT(k, t.words.size());
      const AlignWord& w = t.words[k++];
      EXPECT_EQ(w.begin, tok.begin);
      EXPECT_EQ(w.end, tok.end);
      EXPECT_EQ(w.folded, tok.norm);
      EXPECT_EQ(w.folded_hash, Hash64(tok.norm));
      EXPECT_EQ(w.capitalized, tok.capitalized);
      const bool number = tok.kind == text::TokenKind::kNumber;
      EXPECT_EQ(w.number, number) << tok.norm;
      EXPECT_EQ(w.stop, !number && tok.norm == "of") << tok.norm;
    }
    EXPECT_EQ(k, t.words.size());
    // Running, 4,200, rivers, of, Running, ...: each "Running" has the
    // same stem, which the other words have not.
    ASSERT_GT(t.words.size(), 4u);
    EXPECT_EQ(t.words[0].stem, t.words[4].stem);
    EXPECT_NE(t.words[0].stem, t.words[1].stem);
    EXPECT_NE(t.words[0].stem, t.words[2].stem);
    EXPECT_NE(t.words[2].stem, t.words[3].stem);
  }
  // Words added by hand are value-initialised as ever.
  AlignedText hand;
  hand.words.emplace_back();
  hand.words.resize(3);
  for (const AlignWord& w : hand.words) {
    EXPECT_EQ(w.stem, 0u);
    EXPECT_EQ(w.folded_hash, 0u);
    EXPECT_FALSE(w.stop || w.number || w.capitalized);
  }
}

// Align resumes its seed scan past each passage found (rather than
// stepping over the passage's words one by one), which is exact because a
// passage covers every word of A from its first span to its last. Checked
// on texts of a small vocabulary (repeated n-grams, many passages, seeds
// inside and next to earlier passages): the spans of each passage tile a
// contiguous range of A and of B, and passages never share a word.
TEST(AlignerTest, PassagesTileContiguousRangesAndNeverOverlap) {
  std::mt19937 rng(7);
  size_t passages = 0;
  for (int t = 0; t < 200; ++t) {
    auto word = [&rng] { return "v" + std::to_string(rng() % 12); };
    std::vector<std::string> a(30 + rng() % 60), b;
    for (auto& w : a) w = word();
    for (const std::string& w : a) {
      const unsigned r = rng() % 100;
      if (r < 10) {
        b.push_back(word());
      } else if (r < 15) {
      } else if (r < 20) {
        b.push_back(w);
        b.push_back(word());
      } else {
        b.push_back(w);
      }
    }
    std::shuffle(b.begin(), b.begin() + b.size() / 3, rng);
    Owned oa = Make(a), ob = Make(b);
    const Alignment al = Align(oa.aligned, ob.aligned, nullptr);
    std::vector<bool> used_a(a.size(), false), used_b(b.size(), false);
    for (const Passage& p : al.passages) {
      ++passages;
      uint32_t x = p.spans.front().a_word_begin;
      uint32_t y = p.spans.front().b_word_begin;
      for (const AlignedSpan& s : p.spans) {
        ASSERT_EQ(s.a_word_begin, x) << "trial " << t;
        ASSERT_EQ(s.b_word_begin, y) << "trial " << t;
        x = s.a_word_end;
        y = s.b_word_end;
      }
      for (uint32_t k = p.spans.front().a_word_begin; k < x; ++k) {
        ASSERT_FALSE(used_a[k]) << "trial " << t;
        used_a[k] = true;
      }
      for (uint32_t k = p.spans.front().b_word_begin; k < y; ++k) {
        ASSERT_FALSE(used_b[k]) << "trial " << t;
        used_b[k] = true;
      }
    }
  }
  EXPECT_GT(passages, 200u);
}

// A text's seed n-grams (BuildGramHashes; the default n = 3 has its own
// one-pass loop) against their definition: per word, the stems of the n
// words from it, each rotated by 21 bits and xored into the next, with the
// low bit set; 0 where the n words are all stop words or run past the end.
TEST(AlignerTest, GramHashesMatchTheirDefinition) {
  text::Stemmer stemmer("en");
  const AlignedText t = PrepareForAlignment(
      "Of the people in the town, most of them said that it was not to be; "
      "the council and the mayor of the town, and of the city, agreed on "
      "Tuesday that the flood of the river was the worst in a century.",
      "en", &stemmer);
  for (int n = 1; n <= 5; ++n) {
    const GramIndex index = BuildGramHashes(t, n);
    ASSERT_EQ(index.at.size(), t.words.size());
    size_t grams = 0;
    for (size_t j = 0; j < t.words.size(); ++j) {
      uint64_t want = 0;
      if (j + n <= t.words.size()) {
        bool all_stop = true;
        uint64_t h = 0;
        for (int k = 0; k < n; ++k) {
          h = k == 0 ? t.words[j].stem : std::rotl(h, 21) ^ t.words[j + k].stem;
          all_stop = all_stop && t.words[j + k].stop;
        }
        want = all_stop ? 0 : h | 1;
      }
      EXPECT_EQ(index.at[j], want) << "n " << n << " word " << j;
      grams += want != 0;
    }
    EXPECT_EQ(index.grams, grams) << n;
    EXPECT_FALSE(index.small_stem);
    ASSERT_EQ(index.stems.size(), t.words.size() + 2 * GramIndex::kPad);
    for (size_t j = 0; j < t.words.size(); ++j) {
      EXPECT_EQ(index.stems[GramIndex::kPad + j], t.words[j].stem);
    }
  }
  // Stems 0 and 1 are flagged.
  Owned small = Make({"a", "b", "c", "d"});
  small.aligned.words[2].stem = 1;
  EXPECT_TRUE(BuildGramHashes(small.aligned, 3).small_stem);
  EXPECT_TRUE(BuildGramHashes(small.aligned, 4).small_stem);
  small.aligned.words[2].stem = 7;
  EXPECT_FALSE(BuildGramHashes(small.aligned, 3).small_stem);
}

// The per-thread stem memo keys words by a probe hash of their first and
// last 8 bytes and compares spellings above 8 bytes: words of every length
// class, some differing only in bytes the probe hash does not see (the
// middle of a long word) or only in the last byte, each keep their own
// folded hash and stem, memoised or not (each text is prepared twice, the
// second time from the memo), and equal to a fresh computation.
TEST(AlignerTest, StemMemoKeepsWordsTheProbeHashCannotTellApart) {
  // Word pairs that differ where the probe hash looks.
  // clang-format off
  const std::vector<std::string> words = {
      "a", "b", "ab", "ba", "abc", "abd", "acb", "bbc", "abb", "abcd", "abce",
      "abcdefg", "abcdefh",
      "computer", "computes", "attributed", "attributes", "interchangeably",
      "interchangeablx", "abcdefghxijklmnopq", "abcdefghyijklmnopq",
      "abcdefghxxijklmnopqrs", "abcdefghyyijklmnopqrs", "running", "runner"};
  // clang-format on
  std::string text;
  for (const std::string& w : words) text += w + " ";
  text::Stemmer stemmer("en");
  for (int round = 0; round < 2; ++round) {
    const AlignedText t = PrepareForAlignment(text, "en", &stemmer);
    ASSERT_EQ(t.words.size(), words.size());
    for (size_t k = 0; k < words.size(); ++k) {
      EXPECT_EQ(t.words[k].folded, words[k]) << k;
      EXPECT_EQ(t.words[k].folded_hash, Hash64(words[k])) << k;
      // The stem hash (seeded) of the Snowball stem.
      const std::string stem(stemmer.Stem(words[k]));
      EXPECT_EQ(t.words[k].stem, Hash64(stem, 0x616c69676e)) << k;
    }
  }
}

}  // namespace
}  // namespace concord::compare
