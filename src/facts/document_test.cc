// Document and the lexicon's fast paths against what they stand for: a
// Document built from a pooled token vector (left by an earlier Document on
// this thread) holds exactly text::Tokenize()'s tokens, and the combined or
// gated look-ups answer as the lists they combine.
#include "src/facts/document.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "src/facts/lexicon.h"
#include "src/text/numbers.h"
#include "src/text/segmenter.h"
#include "src/text/stopwords.h"

namespace concord::facts {
namespace {

// Texts with the tokeniser's harder cases: Unicode letters and quotes,
// apostrophes, abbreviations, numbers with separators and plurals, long
// words (norms past the short-string buffer) and white space only.
const std::vector<std::string>& TrickyTexts() {
  static const std::vector<std::string> kTexts = {
      "Zelenskyy’s aide said: “We won’t stop.” The U.S. sent $3.5bn to "
      "Kyiv on Dec. 3, 2023.",
      "In the 1990's, 1,200 soldiers — and 1000’s of civilians — fled "
      "Rivnopillia (pop. 12 000) at 08:15 GMT.",
      "ÉCOLE Straße naïve café, İstanbul’s mayor; Ünal & Ødegaard "
      "counter-attacked al-Assad's forces.",
      "Internationalisation-of-responsibilities counterrevolutionaries "
      "extraordinarily_long_identifier@example.org e.g. Ph.D. students",
      "   \n\t  ",
      "",
      "\"Straight quotes\" and 'single ones', he said. Don't, can't, "
      "o'clock; rock 'n' roll.",
      "１２ full-width digits, 5km, 10am, 3pm, 2:1, F-16, COVID-19, G7.",
  };
  return kTexts;
}

// A Document's sentences as numbers, to compare a pooled Document with
// one built on a fresh thread (an empty pool).
std::vector<size_t> SentenceLayout(const Document& doc) {
  std::vector<size_t> out = {doc.sentences().size(), doc.pseudo_sentence()};
  for (size_t i = 0; i < doc.size(); ++i) {
    out.push_back(doc.SentenceOf(i));
    out.push_back(doc.SentenceInitial(i));
  }
  for (uint32_t s = 0; s < doc.sentences().size(); ++s) {
    out.push_back(doc.SentenceBegin(s));
    out.push_back(doc.SentenceEnd(s));
  }
  return out;
}

std::vector<size_t> ColdSentenceLayout(const std::string& text) {
  std::vector<size_t> layout;
  std::thread([&] { layout = SentenceLayout(Document(text)); }).join();
  return layout;
}

void ExpectSameTokens(std::string_view text, const Document& doc) {
  std::vector<text::Token> fresh;
  text::Tokenize(text, &fresh, {.keep_punct = true});
  ASSERT_EQ(doc.size(), fresh.size()) << text;
  for (size_t i = 0; i < fresh.size(); ++i) {
    const text::Token& a = doc.tokens()[i];
    const text::Token& b = fresh[i];
    EXPECT_EQ(a.begin, b.begin) << text << " token " << i;
    EXPECT_EQ(a.end, b.end) << text << " token " << i;
    EXPECT_EQ(a.kind, b.kind) << text << " token " << i;
    EXPECT_EQ(a.capitalized, b.capitalized) << text << " token " << i;
    EXPECT_EQ(a.all_caps, b.all_caps) << text << " token " << i;
    EXPECT_EQ(a.norm, b.norm) << text << " token " << i;
    EXPECT_EQ(doc.Norm(i), b.norm);
  }
}

TEST(Document, PooledTokenVectorsGiveTokenizesTokens) {
  const std::vector<std::string>& texts = TrickyTexts();
  // Each text after each other text (so after longer and shorter
  // documents, whose vectors the pool hands on), and after several
  // documents alive at once.
  std::vector<std::vector<size_t>> cold;
  for (const std::string& text : texts) cold.push_back(ColdSentenceLayout(text));
  for (const std::string& before : texts) {
    for (size_t t = 0; t < texts.size(); ++t) {
      { const Document warm(before); }
      const Document doc(texts[t]);
      ExpectSameTokens(texts[t], doc);
      EXPECT_EQ(SentenceLayout(doc), cold[t]) << texts[t];
    }
  }
  std::vector<std::unique_ptr<Document>> alive;
  for (int round = 0; round < 3; ++round) {
    for (const std::string& text : texts) {
      alive.push_back(std::make_unique<Document>(text));
    }
  }
  for (size_t k = 0; k < alive.size(); ++k) {
    ExpectSameTokens(texts[k % texts.size()], *alive[k]);
  }
  alive.clear();
  for (const std::string& text : texts) {
    const Document doc(text);
    ExpectSameTokens(text, doc);
  }
}

// The start lists against what they stand for, token by token: the
// number starts are text::MayStartNumberAt; the date starts are what the
// date scanner used to test at every token (numbers, capitalised months
// and weekdays, the relative and time-of-day words, two before "ago").
std::vector<uint32_t> ReferenceStarts(const Document& doc, int list) {
  std::vector<uint32_t> out;
  const std::vector<std::string_view>& date_words = DateStartWords();
  const std::vector<std::string_view>& vague = VagueWords();
  auto in = [](const std::vector<std::string_view>& words, std::string_view w) {
    return std::find(words.begin(), words.end(), w) != words.end();
  };
  for (uint32_t i = 0; i < doc.size(); ++i) {
    const text::Token& t = doc.tokens()[i];
    bool yes = false;
    if (list == 0) {
      yes = text::MayStartNumberAt(doc.text(), doc.tokens(), i);
    } else if (list == 1) {
      yes = t.kind == text::TokenKind::kNumber ||
            (t.kind == text::TokenKind::kWord &&
             ((t.capitalized && lexicon::IsMonthOrWeekday(t.norm)) ||
              in(date_words, t.norm) || doc.IsWord(i + 2, "ago")));
    } else if (list == 2) {
      yes = t.kind == text::TokenKind::kWord && in(vague, t.norm);
    } else {
      const std::string_view raw = doc.Raw(i);
      const unsigned char c = static_cast<unsigned char>(raw[0]);
      yes = t.kind == text::TokenKind::kPunct &&
            (raw == "\"" || (raw.size() > 1 && (c == 0xC2 || c == 0xE2)));
      // Every quote mark FindQuotes knows is among them.
      for (std::string_view mark :
           {"\"", "\u201C", "\u201D", "\u201E", "\u00AB", "\u00BB"}) {
        if (t.kind == text::TokenKind::kPunct && raw == mark) {
          EXPECT_TRUE(yes) << mark;
        }
      }
    }
    if (yes) out.push_back(i);
  }
  return out;
}

TEST(Document, StartListsHoldExactlyTheTokensTheyStandFor) {
  std::vector<std::string> texts = TrickyTexts();
  texts.push_back(
      "Two days ago, some 1,200 people -- tens of thousands, says one -- met "
      "at noon on Sunday, May 25 last year; a dozen left at midnight. "
      "MAY I? The Sunday Times: ago ago, 3 weeks ago, a year ago, hundreds "
      "of millions, scores of $5bn, +4 and -3, € 7, an estimated half.");
  texts.push_back(
      "at least 5, at last, more than six, more people, as many as 40, as "
      "ever, up to 9, up there, a-hundred, a thousand, a man, an hour, about "
      "$5, about -4, about, 5, about twenty, about them, nearly, just over "
      "ten, well, over 3, just");
  // Every listed word, capitalised too, and near misses of each.
  {
    std::vector<std::string_view> words = text::NumberStarterWords();
    for (auto list :
         {text::NumberHedgeLaterWords(), text::NumberArticleScales(),
          DateStartWords(), VagueWords(), lexicon::ClassifiedWords()}) {
      words.insert(words.end(), list.begin(), list.end());
    }
    std::string all;
    for (std::string_view w : words) {
      std::string cap(w);
      cap[0] = static_cast<char>(std::toupper(cap[0]));
      all += std::string(w) + " 5 " + cap + " " + std::string(w) + "s " +
             std::string(w.substr(1)) + " x" + std::string(w) + " ago " +
             std::string(w.substr(0, w.size() - 1)) + ", ";
    }
    texts.push_back(all);
  }
  texts.push_back(
      "\u201CA\u201D \u201EB\u201C \u00ABC\u00BB \"D\" \u2014 \u2019s \u00A3 "
      "\u20AC5 ''\"\"");
  {
    // Past the per-thread room's limit (released after it), then small.
    std::string big;
    for (int k = 0; k < 20000; ++k) big += "about 5 \"days ago\", ";
    texts.push_back(big);
  }
  texts.push_back("ago");
  texts.push_back("x ago");
  texts.push_back("1 2 ago ago ago");
  for (const std::string& text : texts) {
    const Document doc(text);
    EXPECT_EQ(doc.number_starts(), ReferenceStarts(doc, 0)) << text;
    EXPECT_EQ(doc.date_starts(), ReferenceStarts(doc, 1)) << text;
    EXPECT_EQ(doc.vague_words(), ReferenceStarts(doc, 2)) << text;
    EXPECT_EQ(doc.quote_marks(), ReferenceStarts(doc, 3)) << text;
  }
}

// Each token's sentence as its definition reads: the first sentence whose
// end is after the token's start, the last one taking the rest.
TEST(Document, SentenceOfIsTheFirstSentenceEndingAfterTheToken) {
  std::vector<std::string> texts = TrickyTexts();
  texts.push_back("One. Two.  Three!\n\nFour? \"Five.\" Six");
  texts.push_back(". . .");
  texts.push_back("a");
  for (const std::string& text : texts) {
    const Document doc(text);
    const std::vector<text::Span>& sentences = doc.sentences();
    ASSERT_FALSE(sentences.empty());
    for (size_t i = 0; i < doc.size(); ++i) {
      uint32_t expected = static_cast<uint32_t>(sentences.size() - 1);
      for (uint32_t s = 0; s + 1 < sentences.size(); ++s) {
        if (doc.tokens()[i].begin < sentences[s].end) {
          expected = s;
          break;
        }
      }
      EXPECT_EQ(doc.SentenceOf(i), expected) << text << " token " << i;
    }
    for (uint32_t s = 0; s < sentences.size(); ++s) {
      size_t first = doc.size();
      for (size_t i = 0; i < doc.size(); ++i) {
        if (doc.SentenceOf(i) >= s) {
          first = i;
          break;
        }
      }
      EXPECT_EQ(doc.SentenceBegin(s), first) << text << " sentence " << s;
    }
  }
}

TEST(Document, DateStartWordsAreTheRelativeAndTimeOfDayWords) {
  // Every word the date scanner can match lower-case at its first token.
  for (std::string_view w :
       {"today", "tonight", "yesterday", "tomorrow", "overnight", "last",
        "past", "next", "coming", "this", "earlier", "later", "noon", "midday",
        "midnight"}) {
    const std::vector<std::string_view>& words = DateStartWords();
    EXPECT_NE(std::find(words.begin(), words.end(), w), words.end()) << w;
  }
}

TEST(Lexicon, MonthOrWeekdayIsEitherList) {
  for (std::string_view w :
       {"january", "jan", "sept", "sep", "may", "march", "dec", "monday",
        "mon", "tues", "thurs", "sun", "sunday", "", "m", "ma", "mayor",
        "marching", "months", "week", "weekday", "today", "noon", "sat.",
        "saturdays", "junes", "julyy", "oct.", "novel", "deck", "wedding",
        "thu", "fri", "frid"}) {
    EXPECT_EQ(lexicon::IsMonthOrWeekday(w),
              lexicon::Month(w) > 0 || lexicon::Weekday(w) >= 0)
        << w;
  }
}

TEST(Lexicon, EnglishStopwordIsTheEnglishList) {
  for (std::string_view w : text::StopwordList("en")) {
    EXPECT_TRUE(lexicon::IsEnglishStopword(w)) << w;
  }
  for (std::string_view w :
       {"", "the", "said", "mr", "don't", "ukraine", "kyiv", "thee", "saids",
        "x", "zelenskyy", "of", "off", "i", "1", "and", "an", "ands"}) {
    EXPECT_EQ(lexicon::IsEnglishStopword(w), text::IsStopword(w, "en")) << w;
  }
}

}  // namespace
}  // namespace concord::facts
