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
  auto add = [&](TermKind kind, float count) {
    const uint64_t id = Hash64(key_, kTermSeed);
    TermCount& tc = counts_[id];
    tc.term = id;
    tc.kind = kind;
    tc.count += count;
    if (vocabulary != nullptr && !vocabulary->contains(id)) {
      vocabulary->emplace(id, key_);
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
          add(TermKind::kNumber, repeat);
        }
        break;
      }
      case text::TokenKind::kWord: {
        ++words_;
        const bool name =
            tok.all_caps || (tok.capitalized && !sentence_start);
        sentence_start = false;
        if (tok.norm.size() < 2) break;
        if (text::IsStopword(tok.norm, lang) && !tok.all_caps) break;
        // A number word ("twelve") counts as its value as well.
        if (auto value = text::ParseNumber(tok.norm); value && *value >= 2) {
          NumberKey(*value, &key_);
          add(TermKind::kNumber, repeat);
        }
        key_.assign(stemmer->Stem(tok.norm));
        add(TermKind::kWord, repeat);
        if (name) {
          key_.assign("n:");
          key_.append(tok.norm);
          add(TermKind::kName, repeat);
        }
        break;
      }
    }
  }
}

}  // namespace concord::sketch
