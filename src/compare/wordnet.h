// WordNet: a read-only, in-memory WordNet 3.0 lexicon that answers "how are
// these two words related?" for comparing headlines and entities.
//
// Load() reads the four data files (data.noun|verb|adj|adv), the four index
// files, the four exception lists (noun.exc, ...) and, if present, the
// sense tag counts (cntlist.rev) from a WordNet 3.0 "dict" directory, at run
// time; the data is never copied into the repository.
// Words are first reduced to base forms with WordNet's morphy (exception
// lists, then the suffix-detachment rules of each part of speech, keeping a
// candidate only if it is a lemma of that part of speech), then compared by
// their synsets and by the pointers between them.
//
// Words may be given in any case, inflected ("Celebrated", "geese"), and
// multi-word lemmas with spaces or underscores ("New Year", "new_year").
// Lemmas and base forms are returned as WordNet spells them: lower case,
// words joined by '_' ("make_sure").
//
// Ownership: the WordNet owns all its memory; nothing returned points into it.
// Thread safety: a loaded WordNet is immutable to its callers; every const
// method may be called concurrently from any number of threads without
// synchronisation. Internally, Relate() memoises what it reads (below) in
// per-lemma and per-synset slots, each published once without locks.
// Load() reads the exception files in full, but of each index line only
// the lemma and part of speech, and of each data line only its first four
// fields: the rest (a lemma's synsets, a synset's words and pointers) is
// read when Relate() needs it, from the index and data files, which the
// WordNet keeps mapped (read-only, ~28 MB for WordNet 3.0; they must not be
// truncated while it lives); the tag counts are read
// on the first call of TagCount() or total_tag_count() (~20 M instructions).
// Cost: Load() ~0.04 s at -O2 (~99 M instructions; more in a Debug
// build); Relate() a few dozen hash probes and binary searches over the
// synsets of both words' base forms and their pointers. Each index line
// and data line is parsed once per WordNet, by the first Relate() that
// needs it (a few us), and kept: ~100 bytes per synset read, plus 8 bytes
// per lemma and per synset (~2 MB) of slots allocated by Load().
// Tested by wordnet_test.cc (a synthetic dictionary, and a golden table
// against the installed WordNet 3.0 that is skipped when it is absent) and
// wordnet_reference_test.cc (every answer against a plain reading of the
// files, on thousands of pairs).
#ifndef CONCORD_COMPARE_WORDNET_H_
#define CONCORD_COMPARE_WORDNET_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "concord/status.h"

namespace concord::compare {

// How two words are related, in increasing order of strength; Relate()
// reports the strongest relation that holds for any pair of their senses.
enum class WordRelation : uint8_t {
  kNone = 0,
  // One word's synset is a direct hypernym or hyponym of the other's
  // (pointers '@', '~', and the instance forms '@i', '~i'); one level only.
  kHypernym,
  // Derivationally related ('+'), pertainym ('\') or also-see ('^'), in
  // either direction. Lexical pointers (source/target word numbers set)
  // relate only the two words they name; semantic ones relate every word of
  // the two synsets. Attribute ('=') and antonym ('!') are not relations.
  kDerived,
  // Adjective synsets linked by similar-to ('&'): a head and one of its
  // satellites (large ~ giant), in either direction.
  kSimilarTo,
  // Base forms share a synset (car ~ automobile; celebrate ~ observe).
  kSynonym,
  // Same base form after morphy (geese ~ goose, ran ~ run, better ~ good),
  // or the same string after case and space folding, even if unknown.
  kSame,
};

// "same", "synonym", "similar_to", "derived", "hypernym", "none".
const char* WordRelationName(WordRelation r);

class WordNet {
 public:
  // Loads the four data, index and exception files from `dir`. Fails with a
  // Status naming the file, and the line when a file is malformed (kNotFound
  // when a file is missing, kBadInput when one is malformed).
  // Checked at Load(): every line of the exception files;
  // of each index line its lemma (not empty once folded) and part of
  // speech; of each data line its offset (a number, not repeated),
  // lexicographer file number, synset type and word count (not zero).
  // Checked later, when a query first reads the line, or all at once by
  // Verify(): the rest of an index line (each field, and that each synset
  // it names is in its data file) and of a data line (its words, lex ids
  // and pointers: each field, that each pointer Relate() follows leads to
  // a synset of its data file, and that source and target word numbers
  // name words of their synsets); cntlist.rev, when tag counts are first
  // asked for. A query that meets such a malformation never crashes: it
  // reads that index line as naming no synset, that synset as having no
  // pointers, or every tag count as 0, and reports the error (file and
  // line, as Load() would have) once on stderr and in late_error(). Only
  // what a query reads is checked: a pointer that leads to no synset of
  // the other word is not looked up (it relates nothing either way).
  // Not checked: that the index lists every synset holding a lemma, as
  // WordNet's index files (made from its data files) do; lexical pointers
  // of a synset the index omits for a word are not seen for that word.
  // Cost: ~0.05 s at -O2 for WordNet 3.0, ~28 MB kept for the files.
  static Result<std::unique_ptr<WordNet>> Load(
      const std::string& dir = "/usr/share/wordnet");

  // The default directory if it holds WordNet data, else "" (tests skip then).
  static std::string FindDefaultDir();

  WordNet(const WordNet&) = delete;
  WordNet& operator=(const WordNet&) = delete;
  ~WordNet();

  // Strongest relation between two words given in any case and inflection
  // ("Celebrated", "celebrates"), over all their parts of speech and senses.
  // Multi-word lemmas are given with spaces or underscores ("New_Year").
  // Empty strings, and words with no base form (unless the two strings fold
  // to the same text), give kNone. Thread-safe. Cost: ~4 us at -O2.
  WordRelation Relate(std::string_view a, std::string_view b) const;

  // Base forms of a word over all parts of speech (morphy), lower case, words
  // joined by '_', deduplicated, in the order noun, verb, adjective, adverb.
  // Empty if the word is not a lemma and has no base form in WordNet. As an
  // extension to morphy, a word with no base form that ends in "'s" or "'"
  // is retried without it ("1000's" -> "1000", "Bush's" -> "bush").
  std::vector<std::string> BaseForms(std::string_view word) const;

  // How often the word occurs in the SemCor sense-tagged corpus (259k sense
  // tags, mostly on the Brown corpus), from cntlist.rev: the tag counts of
  // each base form summed over its senses, the largest over its base forms.
  // A general word frequency, used to weigh words by how informative they
  // are. 0 for words with no base form, and for every word when cntlist.rev
  // is not in the directory (it is optional) or is malformed (see Load()).
  // The first call reads cntlist.rev (~5 ms); later ones cost as
  // BaseForms().
  uint32_t TagCount(std::string_view word) const;
  // Sum of all tag counts in cntlist.rev (0 without it): the corpus size
  // TagCount() is relative to.
  uint64_t total_tag_count() const;

  // True if the word, after morphy, is a lemma of any part of speech.
  bool Contains(std::string_view word) const;

  // Number of synsets over all parts of speech (117,659 for WordNet 3.0).
  size_t synset_count() const;

  // Reads every synset line now, as queries would, and returns the first
  // malformation (see Load()), or Ok. Cost: ~0.1 s for WordNet 3.0.
  Status Verify() const;
  // The first malformation a query met since Load() (a synset line that
  // Load() did not read in full), or Ok. Such a query also wrote it to
  // stderr once, and read that synset as having no pointers.
  Status late_error() const;

 private:
  struct Impl;
  explicit WordNet(std::unique_ptr<Impl> impl);

  std::unique_ptr<const Impl> impl_;
};

}  // namespace concord::compare

#endif  // CONCORD_COMPARE_WORDNET_H_
