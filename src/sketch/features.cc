// Feature extraction: tokens → stems, names and numbers (see features.h for
// the idea). Sentence starts are tracked from punctuation tokens so that a
// capitalised first word is not taken for a name. Covered by
// features_test.cc.
#include "src/sketch/features.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "src/base/hash.h"
#include "src/text/numbers.h"
#include "src/text/stopwords.h"

namespace concord::sketch {
namespace {

constexpr uint64_t kTermSeed = 0x636f6e636f7264ULL;  // "concord"

bool EndsSentence(std::string_view punct) {
  return punct == "." || punct == "!" || punct == "?" || punct == ":" ||
         punct == ";" || punct == "..." || punct == "\xE2\x80\xA6";
}

// "ukraine's" → "ukraine", "workers'" → "workers" (folded words use ').
std::string_view StripPossessive(std::string_view w) {
  if (w.size() > 2 && w.substr(w.size() - 2) == "'s") w.remove_suffix(2);
  if (w.size() > 1 && w.back() == '\'') w.remove_suffix(1);
  return w;
}

// "#1200", "#3.5": the canonical text of a number's value.
void NumberKey(double value, std::string* key) {
  char buf[40];
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buf, sizeof buf, "#%lld", static_cast<long long>(value));
  } else {
    std::snprintf(buf, sizeof buf, "#%.6g", value);
  }
  key->assign(buf);
}

}  // namespace

FeatureExtractor::FeatureExtractor(const FeatureOptions& options)
    : options_(options) {}

FeatureExtractor::~FeatureExtractor() = default;

text::Stemmer* FeatureExtractor::StemmerFor(std::string_view lang) {
  auto it = stemmers_.find(lang);
  if (it == stemmers_.end()) {
    it = stemmers_
             .emplace(std::string(lang), std::make_unique<text::Stemmer>(lang))
             .first;
  }
  return it->second.get();
}

TermBag FeatureExtractor::Extract(std::string_view headline,
                                  std::string_view body, std::string_view lang,
                                  Vocabulary* vocabulary) {
  if (lang.empty()) lang = "en";
  counts_.clear();
  words_ = 0;
  AddText(headline, lang, static_cast<float>(options_.headline_repeat),
          vocabulary);
  AddText(body, lang, 1.0f, vocabulary);
  TermBag bag;
  bag.words = words_;
  bag.terms.reserve(counts_.size());
  for (const auto& [term, tc] : counts_) bag.terms.push_back(tc);
  std::sort(bag.terms.begin(), bag.terms.end(),
            [](const TermCount& a, const TermCount& b) {
              return a.term < b.term;
            });
  return bag;
}

void FeatureExtractor::AddText(std::string_view text, std::string_view lang,
                               float repeat, Vocabulary* vocabulary) {
  if (text.empty()) return;
  text::Stemmer* stemmer = StemmerFor(lang);
  tokens_.clear();
  text::Tokenize(text, &tokens_, {.keep_punct = true});
  // Adds the term key_; `shown` is how the vocabulary displays it.
  auto add = [&](TermKind kind, float count, std::string_view shown) {
    const uint64_t id = Hash64(key_, kTermSeed);
    TermCount& tc = counts_[id];
    tc.term = id;
    tc.kind = kind;
    tc.count += count;
    if (vocabulary != nullptr && !vocabulary->contains(id)) {
      vocabulary->emplace(id, std::string(shown));
    }
  };
  bool sentence_start = true;
  for (const text::Token& tok : tokens_) {
    switch (tok.kind) {
      case text::TokenKind::kPunct:
        if (EndsSentence(tok.norm)) sentence_start = true;
        break;
      case text::TokenKind::kNumber: {
        ++words_;
        sentence_start = false;
        auto value =
            text::ParseNumber(text.substr(tok.begin, tok.end - tok.begin));
        if (value && *value >= 2) {
          NumberKey(*value, &key_);
          add(TermKind::kNumber, repeat, key_);
        }
        break;
      }
      case text::TokenKind::kWord: {
        ++words_;
        const bool name =
            tok.all_caps || (tok.capitalized && !sentence_start);
        sentence_start = false;
        std::string_view word = StripPossessive(tok.norm);
        if (word.size() < 2) break;
        if (text::IsStopword(word, lang) && !tok.all_caps) break;
        // A number word ("twelve") counts as its value as well.
        if (auto value = text::ParseNumber(word); value && *value >= 2) {
          NumberKey(*value, &key_);
          add(TermKind::kNumber, repeat, key_);
        }
        key_.assign(stemmer->Stem(word));
        add(TermKind::kWord, repeat, word);
        if (name) {
          key_.assign("n:");
          key_.append(word);
          add(TermKind::kName, repeat, key_);
        }
        break;
      }
    }
  }
}

}  // namespace concord::sketch
