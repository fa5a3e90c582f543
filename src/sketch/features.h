// Features: an article's text as a bag of weighted terms for topical
// similarity. Three kinds of term come out of one tokenisation pass:
//   word    the Snowball stem of every non-stop word ("negotiations" →
//           "negoti"), so inflections match; possessives are stripped
//           ("Ukraine's" = "Ukraine");
//   name    a capitalised word inside a sentence (or an all-caps acronym),
//           folded but not stemmed ("zelenskyy", "uae"): names carry an event;
//   number  the value of a number ≥ 2 however written ("1,200" = "1200"),
//           as "#1200": counts and figures tie reports of one event.
// Term ids are 64-bit hashes of the kind-prefixed string; collisions are
// negligible at corpus scale (2^-64 per pair).
//
// A FeatureExtractor owns per-language stemmers and scratch buffers: it is
// not thread-safe; use one per thread. Cost: one ICU word-break pass plus a
// stem and a hash per word; no allocation per token beyond scratch reuse.
#ifndef CONCORD_SKETCH_FEATURES_H_
#define CONCORD_SKETCH_FEATURES_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "concord/options.h"
#include "src/base/u64_set.h"
#include "src/text/segmenter.h"
#include "src/text/stemmer.h"

namespace concord::sketch {

enum class TermKind : uint8_t { kWord, kName, kNumber };

struct TermCount {
  uint64_t term = 0;
  float count = 0;  // occurrences, headline repeats included
  TermKind kind = TermKind::kWord;
};

struct TermBag {
  std::vector<TermCount> terms;  // sorted by term, unique
  uint32_t words = 0;            // word tokens in headline + body
};

// Display strings of term ids, filled on request for showing story keywords:
// a word term shows the first word seen with that stem ("negotiations"),
// names and numbers their key ("n:zelenskyy", "#1200").
using Vocabulary = std::unordered_map<uint64_t, std::string>;

class FeatureExtractor {
 public:
  explicit FeatureExtractor(const FeatureOptions& options);
  ~FeatureExtractor();
  FeatureExtractor(const FeatureExtractor&) = delete;
  FeatureExtractor& operator=(const FeatureExtractor&) = delete;

  // Which terms Extract adds to a non-null `vocabulary`.
  enum class VocabularyTerms {
    kAll,     // every term of the article
    // Only terms this extractor has not added to a vocabulary before: for a
    // caller that keeps the strings of all terms it was given (one
    // vocabulary per extractor, or a set of terms seen per extractor), which
    // then costs a hash-map insert per new term instead of per term and
    // article. The memory of what was added is bounded: after about 4M
    // distinct terms it starts over, and terms may then be added again.
    kUnseen,
  };

  // `lang` selects stemmer and stop words (ISO 639-1; "" means English).
  // When `vocabulary` is non-null, term strings are added to it (all of the
  // article's terms, or only unseen ones: see VocabularyTerms); a term
  // already in `vocabulary` keeps its string.
  TermBag Extract(std::string_view headline, std::string_view body,
                  std::string_view lang, Vocabulary* vocabulary,
                  VocabularyTerms which = VocabularyTerms::kAll);

 private:
  // What a word contributes, computed once per distinct word and language
  // (stemming and number parsing dominate otherwise: news vocabulary is
  // Zipfian, so the memo hits for nearly every token).
  struct WordInfo {
    bool stop = false;
    uint64_t word_term = 0;    // stem
    uint64_t name_term = 0;    // "n:" + word
    uint64_t number_term = 0;  // "#value" for number words ≥ 2, else 0
    std::string number_key;
  };
  // Distinct words (or number tokens) → WordInfo. Open addressing on a
  // 64-bit hash of the word computed inline, load under 1/2. A slot is one
  // cache line holding what a hit needs (the terms, the stop flag, the
  // hash, the word itself up to kInlineWord bytes), so a hit costs one hash
  // and usually one cache line; longer words and number keys live in a side
  // vector. Words under 8 bytes are told apart by hash and length alone
  // (for them the hash is a bijection, see HashShortString in src/base/short_string.h); longer ones are
  // compared.
  class Memo {
   public:
    static constexpr size_t kInlineWord = 22;
    struct alignas(64) Entry {
      uint64_t word_term;
      uint64_t name_term;
      uint64_t number_term;
      uint64_t hash;    // the word's HashShortString()
      uint32_t cold;    // index into colds_ + 1; 0 = none
      uint32_t length;  // the word's length + 1; 0 = empty slot
      bool stop;
      // TermKind bits (1 << kind) of the terms above that went through
      // FirstReport() (VocabularyTerms::kUnseen): they need no look-up in
      // reported_ again, as they are known to be there (or, after
      // reported_ started over, may be added again, which is optional).
      uint8_t reported;
      char word[kInlineWord];  // when length - 1 <= kInlineWord
    };
    static_assert(sizeof(Entry) == 64);
    // The slots (a power of two of them; `mask` is their number - 1), as
    // they are until the next Insert or clear. An empty memo has one
    // empty slot here.
    struct View {
      Entry* slots;
      uint64_t mask;
    };
    View Slots();
    // The entry of `word`, whose HashShortString() is `hash`, or nullptr. `v` is
    // Slots().
    Entry* Find(View v, std::string_view word, uint64_t hash) const;
    // Adds `word`. REQUIRES: Find(Slots(), word, hash) == nullptr. The
    // returned reference (as Find's pointer) lives until the next Insert or
    // clear.
    Entry& Insert(std::string_view word, uint64_t hash, WordInfo info);
    // `e`'s number key ("#1200"; empty when e.number_term is 0).
    std::string_view NumberKey(const Entry& e) const {
      return e.cold == 0 ? std::string_view() : colds_[e.cold - 1].number_key;
    }
    size_t size() const { return size_; }
    void clear();

   private:
    struct Cold {
      std::string word;  // when longer than kInlineWord
      std::string number_key;
    };
    std::string_view Word(const Entry& e) const {
      const size_t n = e.length - 1;
      return n <= kInlineWord ? std::string_view(e.word, n)
                              : std::string_view(colds_[e.cold - 1].word);
    }
    void Grow();
    std::vector<Entry> slots_;
    size_t size_ = 0;
    std::vector<Cold> colds_;
  };
  // A short stop word as AddText() has met it: its HashShortString and length
  // (which tell words under 8 bytes apart, see Memo), length 0 = none.
  struct StopWord {
    uint64_t hash = 0;
    uint32_t length = 0;
  };
  static constexpr size_t kStopSlots = 512;  // a power of two
  struct LangState {
    std::unique_ptr<text::Stemmer> stemmer;
    Memo words;
    // The stop words under 8 bytes met so far, direct-mapped by hash: the
    // first pass of AddText() drops them (unless all capitals) before they
    // cost a memo look-up and a slot in pending_. About two words in five
    // of news text are stop words, nearly all of them short; a word that
    // lost its slot to another is still dropped by the second pass, which
    // gives it the slot back.
    std::vector<StopWord> stops = std::vector<StopWord>(kStopSlots);
  };

  // Counts the terms of `text`, each occurrence `repeat` times, tokenizing
  // it into `token_list` (scratch).
  void AddText(std::string_view text, std::string_view lang, float repeat,
               text::TokenList* token_list, Vocabulary* vocabulary);
  LangState* StateFor(std::string_view lang);
  // The memo look-up of a word not in the memo (`hash` is its HashShortString):
  // computes and remembers its WordInfo. A miss (stemming, number parsing)
  // is rare once the memo is warm, and kept out of line so that a hit does
  // not pay for its stack frame.
  [[gnu::noinline]] Memo::Entry& LookupMiss(LangState* state,
                                            std::string_view word,
                                            std::string_view lang,
                                            uint64_t hash);
  // The term table's state (below) as AddText() keeps it in locals while
  // it adds terms; terms_ is written back when it is done.
  struct Table {
    TermCount* slots;
    uint64_t* used;
    int shift;
    size_t terms;
    size_t limit;  // the table grows before holding this many terms
  };
  Table LoadTable();
  // Counts `count` occurrences of `term`, the `kind` term of memo entry `e`.
  // A term new to the vocabulary is shown as `prefix` + `shown`.
  // REQUIRES: term != 0 (a word's terms are 1 for 0, see LookupMiss; number
  // terms of 0 mean none and are not added).
  void Add(Table& t, uint64_t term, TermKind kind, float count, Memo::Entry* e,
           std::string_view prefix, std::string_view shown,
           Vocabulary* vocabulary);
  // Replaces *terms with the terms counted so far, sorted by term, and
  // empties the table.
  void SortedTerms(std::vector<TermCount>* terms);
  // Sets the table's capacity for an article of `bytes` bytes.
  void StartSlots(size_t bytes);
  // Add()'s rare steps: doubling the table's capacity, and adding a new
  // term's string to the vocabulary (Add() asks FirstReport() first).
  [[gnu::noinline]] void GrowSlots();
  [[gnu::noinline]] void Report(uint64_t term, std::string_view prefix,
                                std::string_view shown,
                                Vocabulary* vocabulary);

  FeatureOptions options_;
  std::map<std::string, LangState, std::less<>> langs_;
  Memo numbers_;                        // number tokens as written
  text::TokenList tokens_;              // scratch: bodies
  text::TokenList headline_tokens_;     // scratch: headlines
  // AddText()'s words and number tokens between its two passes: the word
  // (a folded, possessive-stripped norm, or a number as written), its
  // HashShortString, and what the token says about it.
  enum : uint8_t {
    kPendingNumber = 1,   // a number token (else a word)
    kPendingName = 2,     // the word is a name here
    kPendingAllCaps = 4,  // the token is all capitals
  };
  struct Pending {
    uint64_t hash;
    const char* word;
    uint32_t length;
    uint8_t flags;
  };
  std::vector<Pending> pending_;  // scratch, only grows
  // Per-article term counts: an open-addressing table (term 0 = empty
  // slot) whose home slot for a term is the term's top bits, and which
  // probes forward without wrapping. Term ids are hashes, so the table in
  // slot order is nearly sorted by term: SortedTerms() collects it with one
  // scan and an insertion sort that moves terms only within their cluster.
  // Homes are in [0, capacity); a cluster may run past it by at most the
  // number of terms, under capacity / 2 (the load limit), so slots_ has
  // room for capacity * 3 / 2 and a probe never checks for the end. Slots
  // past the article's are zero, so a capacity fitted to each article
  // costs no clearing; slots_ only grows. A bit per slot marks the used
  // ones, so that the scan goes from term to term.
  std::vector<TermCount> slots_;
  std::vector<uint64_t> used_;  // bit i % 64 of used_[i / 64]: slot i
  size_t capacity_ = 0;  // a power of two
  int shift_ = 64;       // 64 - log2(capacity_): a term's home is term >> it
  size_t terms_ = 0;     // terms in the table
  std::string key_;                     // scratch
  uint32_t words_ = 0;
  bool unseen_only_ = false;  // the current Extract call's `which`
  // Terms added to a vocabulary so far (VocabularyTerms::kUnseen).
  U64Set reported_;
  // True when `term` was not in reported_ (it is now).
  bool FirstReport(uint64_t term);
};

}  // namespace concord::sketch

#endif  // CONCORD_SKETCH_FEATURES_H_
