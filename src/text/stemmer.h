// Snowball stemming of folded words, one language per Stemmer.
//
// A Stemmer wraps one libstemmer (Snowball) stemmer, chosen by ISO 639-1
// code: en fr de es it pt nl sv no (also nb, nn) da fi ru hu ro tr, and
// ar el ga id lt ne ta ca eu hy sr hi yi. "en-GB" and "EN" mean "en". A code
// without a Snowball algorithm (say "uk", "ja" or "") gives the identity
// stemmer: Stem() returns its argument unchanged.
//
// Input is a word already passed through FoldWord() (lower-case, NFKC); the
// Snowball algorithms expect lower-case UTF-8.
//
// Thread safety: NOT thread-safe. Use one Stemmer per thread; distinct
// Stemmers may be used concurrently.
// Cost: construction allocates the Snowball environment (a few hundred
// bytes); Stem() is linear in the word and allocates only when a word is
// longer than any seen before.
#ifndef CONCORD_TEXT_STEMMER_H_
#define CONCORD_TEXT_STEMMER_H_

#include <memory>
#include <string_view>

struct sb_stemmer;

namespace concord::text {

class Stemmer {
 public:
  explicit Stemmer(std::string_view lang);
  ~Stemmer();

  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;
  Stemmer(Stemmer&&) noexcept;
  Stemmer& operator=(Stemmer&&) noexcept;

  // The stem of an already folded word ("negotiations" -> "negoti" in
  // English). Words over 1 MiB are returned unchanged. The view points into
  // this Stemmer's buffer, or into `folded_word` for the identity stemmer: it
  // is valid until the next call to Stem() or the Stemmer's destruction,
  // whichever comes first, and no longer than `folded_word` itself.
  std::string_view Stem(std::string_view folded_word);

  // True when the language has no Snowball algorithm: Stem() is the identity.
  bool is_identity() const { return stemmer_ == nullptr; }

 private:
  struct Deleter {
    void operator()(sb_stemmer* s) const;
  };
  std::unique_ptr<sb_stemmer, Deleter> stemmer_;
  // English only: the same algorithm built for ISO-8859-1, which stems an
  // ASCII word (the same bytes in both encodings) like the UTF-8 build but
  // without decoding UTF-8, for about 30 % fewer instructions.
  // stemmer_test.cc holds the two builds to the same stems.
  std::unique_ptr<sb_stemmer, Deleter> ascii_;
};

}  // namespace concord::text

#endif  // CONCORD_TEXT_STEMMER_H_
