// Stemming with Snowball.
//
// The idea. A stemmer strips inflectional and derivational suffixes by rule,
// so that "negotiation", "negotiations" and "negotiated" meet at one key
// ("negoti"). The rules are Martin Porter's Snowball algorithms (Porter,
// "Snowball: A language for stemming algorithms", 2001; the English one is
// "Porter2", an update of Porter's 1980 paper). We do not reimplement them:
// libstemmer is the reference implementation, generated from the Snowball
// sources, and ships in Debian.
//
// This file only maps ISO 639-1 codes to Snowball algorithm names (our own
// table, so that an algorithm name such as "porter" or a typo is not silently
// accepted) and manages the libstemmer object's lifetime.
//
// Cost. sb_stemmer_stem() runs the algorithm's compiled state machine over
// the word in place in a buffer it owns and grows; one call per word, no
// allocation once the buffer is large enough. Tests: stemmer_test.cc.
#include "src/text/stemmer.h"

#include <libstemmer.h>

#include <string>
#include <utility>

namespace concord::text {
namespace {

struct Algorithm {
  std::string_view iso;
  const char* snowball;
};

constexpr Algorithm kAlgorithms[] = {
    {"ar", "arabic"},    {"ca", "catalan"},    {"da", "danish"},
    {"de", "german"},    {"el", "greek"},      {"en", "english"},
    {"es", "spanish"},   {"eu", "basque"},     {"fi", "finnish"},
    {"fr", "french"},    {"ga", "irish"},      {"hi", "hindi"},
    {"hu", "hungarian"}, {"hy", "armenian"},   {"id", "indonesian"},
    {"it", "italian"},   {"lt", "lithuanian"}, {"nb", "norwegian"},
    {"ne", "nepali"},    {"nl", "dutch"},      {"nn", "norwegian"},
    {"no", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},
    {"ru", "russian"},   {"sr", "serbian"},    {"sv", "swedish"},
    {"ta", "tamil"},     {"tr", "turkish"},    {"yi", "yiddish"},
};

const char* SnowballName(std::string_view lang) {
  std::string primary;
  for (char c : lang) {
    if (c == '-' || c == '_') break;
    primary.push_back(
        (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c);
  }
  for (const Algorithm& a : kAlgorithms) {
    if (a.iso == primary) return a.snowball;
  }
  return nullptr;
}

}  // namespace

void Stemmer::Deleter::operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }

Stemmer::Stemmer(std::string_view lang) {
  if (const char* name = SnowballName(lang)) {
    stemmer_.reset(sb_stemmer_new(name, "UTF_8"));
    if (stemmer_ != nullptr && std::string_view(name) == "english") {
      ascii_.reset(sb_stemmer_new(name, "ISO_8859_1"));  // null if absent
    }
  }
}

Stemmer::~Stemmer() = default;
Stemmer::Stemmer(Stemmer&&) noexcept = default;
Stemmer& Stemmer::operator=(Stemmer&&) noexcept = default;

std::string_view Stemmer::Stem(std::string_view folded_word) {
  if (stemmer_ == nullptr || folded_word.size() > (1u << 20))
    return folded_word;
  sb_stemmer* stemmer = stemmer_.get();
  if (ascii_ != nullptr) {
    unsigned char high = 0;
    for (char c : folded_word) high |= static_cast<unsigned char>(c);
    if (high < 0x80) stemmer = ascii_.get();
  }
  const sb_symbol* stem = sb_stemmer_stem(
      stemmer, reinterpret_cast<const sb_symbol*>(folded_word.data()),
      static_cast<int>(folded_word.size()));
  if (stem == nullptr) return folded_word;  // out of memory inside libstemmer
  return {reinterpret_cast<const char*>(stem),
          static_cast<size_t>(sb_stemmer_length(stemmer))};
}

}  // namespace concord::text
