// Aligner: word-level local alignment of two articles, the evidence behind
// every text-reuse verdict ("these 40 words are the wire story's, with
// 'celebrate' swapped for 'rejoice'").
//
// Two words match when their folded forms are equal or they share a Snowball
// stem; a one-word substitution inside an aligned passage is a swap, and its
// WordNet relation (synonym, similar-to, hypernym, derived) is reported when
// WordNet links the two words. Alignment = seeds (shared stemmed n-grams)
// extended left and right allowing gaps; see aligner.cc for the algorithm
// and aligner_test.cc for the dynamic-programming reference it is held to.
//
// Thread safety: AlignedText values are immutable; Align() is a pure function
// of its inputs (WordNet is read-only). Cost: O(n + m + seeds × passage
// length) words; no quadratic table.
#ifndef CONCORD_COMPARE_ALIGNER_H_
#define CONCORD_COMPARE_ALIGNER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "src/base/hash.h"
#include "src/compare/wordnet.h"
#include "src/text/segmenter.h"
#include "src/text/stemmer.h"

namespace concord::compare {

// One word of a text prepared for alignment.
struct AlignWord {
  uint32_t begin = 0, end = 0;  // byte offsets into the text
  uint64_t stem = 0;            // hash of the Snowball stem (or number value)
  // Hash64(folded), set by PrepareForAlignment; 0 when not set (texts made
  // by hand): read it through FoldedHash().
  uint64_t folded_hash = 0;
  // The case-folded word, for WordNet and display: a view of the token's
  // norm or of the AlignedText's own copy (see PrepareForAlignment), not a
  // string per word (copying every word's spelling was a third of the
  // preparation).
  std::string_view folded;
  bool stop = false;            // a stop word (never a seed on its own)
  bool number = false;          // a number (stem is its value)
  bool capitalized = false;     // capitalised in the text (a likely name)
};

// Hash64(w.folded), from the word when PrepareForAlignment stored it.
// (Inline: the story analysis asks it per word.)
inline uint64_t FoldedHash(const AlignWord& w) {
  return w.folded_hash != 0 ? w.folded_hash : Hash64(w.folded);
}

// The allocator of AlignedText::words: std::allocator's behaviour, plus a
// construct() from RawWord that leaves the word's storage as it is, so
// that PrepareForAlignment can size the words vector for every token at
// once and then write each word whole (building each with emplace_back,
// a capacity check, a zero fill and a store of the vector's end per word,
// was a sixth of the preparation's instructions). AlignWord is an
// aggregate of scalars (an implicit-lifetime type), so its storage needs no
// constructor before its members are written.
struct RawWord {};
template <class T>
struct WordAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = WordAllocator<U>;
  };
  WordAllocator() = default;
  template <class U>
  WordAllocator(const WordAllocator<U>&) noexcept {}
  template <class U>
  void construct(U*, RawWord) noexcept {}
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// A text and its words. Does not own `text`, which must outlive it; the
// words' folded forms are views of `folded_storage` when set (shared by
// copies, so a copy's views stay valid), else of storage the caller keeps
// (the tokens given to PrepareForAlignment, or by hand).
struct AlignedText {
  std::string_view text;
  std::vector<AlignWord, WordAllocator<AlignWord>> words;
  std::shared_ptr<const std::string> folded_storage;
};

// Tokenises `text` (ICU word breaks, numbers by value) for alignment. The
// result keeps its words' folded forms itself.
AlignedText PrepareForAlignment(std::string_view text, std::string_view lang,
                                text::Stemmer* stemmer);
// The same from tokens the caller already has (punctuation tokens are
// skipped), saving the tokenisation. REQUIRES: `tokens` is what
// text::Tokenize(text, &tokens, options) gives, with or without keep_punct;
// `tokens` outlives the result (its words' folded forms are views of the
// tokens' norms).
AlignedText PrepareForAlignment(std::string_view text,
                                const std::vector<text::Token>& tokens,
                                std::string_view lang, text::Stemmer* stemmer);

enum class SpanKind : uint8_t {
  kIdentical,  // the same words (equal or same stem)
  kSwap,       // one word replaced by one word inside an aligned passage
  kEdited,     // a few words replaced by a few others
  kInserted,   // words only in B
  kDeleted,    // words only in A
};
const char* SpanKindName(SpanKind kind);

struct AlignedSpan {
  SpanKind kind = SpanKind::kIdentical;
  // Word ranges [begin, end) in A and B (empty on one side for inserted /
  // deleted) and the same as byte offsets into each text.
  uint32_t a_word_begin = 0, a_word_end = 0, b_word_begin = 0, b_word_end = 0;
  uint32_t a_begin = 0, a_end = 0, b_begin = 0, b_end = 0;
  // For kSwap: how WordNet relates the two words (kNone when it does not).
  WordRelation relation = WordRelation::kNone;
};

// A maximal local alignment: a run of spans, starting and ending with an
// identical span.
struct Passage {
  std::vector<AlignedSpan> spans;
  double score = 0;       // see AlignOptions
  uint32_t matched = 0;   // words in identical spans
  uint32_t a_words = 0;   // words of A covered (begin..end)
  uint32_t b_words = 0;
};

struct AlignOptions {
  // Seed length in stemmed words; a seed needs one non-stop word.
  int seed_words = 3;
  // How far past a mismatch the extension looks for the next match.
  int lookahead = 4;
  // Passages scoring below this are dropped.
  double min_score = 4.0;
  // Scores: a matched word, a related swap, an unrelated swap, each word of
  // an edit or gap.
  double match = 1.0;
  double related_swap = 0.5;
  double swap = -0.5;
  double gap = -1.0;
  // Whether spans get their byte offsets (a_begin .. b_end); without, they
  // are 0. Callers that read only word ranges (the story analysis) skip
  // them: a load of two words' offsets per side per span.
  bool byte_offsets = true;
};

struct Alignment {
  std::vector<Passage> passages;  // in order of A, non-overlapping in A and B
  uint32_t a_aligned = 0;  // words of A inside passages
  uint32_t b_aligned = 0;
  uint32_t matched = 0;    // words in identical spans
  uint32_t swaps = 0;
  uint32_t longest = 0;    // words of A in the longest passage
};

// An allocator whose resize() leaves new elements of trivial types
// uninitialised: the seed index writes every element itself, and zeroing
// first would double the stores.
template <class T>
struct DefaultInitAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() = default;
  template <class U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
template <class T>
using DefaultInitVector = std::vector<T, DefaultInitAllocator<T>>;

// A text's seed n-grams: built once per text when it is aligned with many
// others.
struct GramIndex {
  int seed_words = 0;
  DefaultInitVector<uint64_t> at;  // gram hash starting at each word, 0 if none
  size_t grams = 0;  // words where a gram starts (at[word] != 0)
  // The table below, which only B of a pair needs, is built (has_table)
  // by BuildGramIndex or AddGramTable.
  bool has_table = false;
  // Open-addressing table of the distinct gram hashes: 1 + the first word
  // where the gram starts (0: empty slot; the hash is at[word]); size a
  // power of two, at most half full. Align() looks each of A's grams up
  // here: O(1) per word of A per pair.
  std::vector<uint32_t> first;
  // Per word: 1 + the next word where the same gram starts, 0 for none;
  // so a gram's words are listed in text order without a sort.
  DefaultInitVector<uint32_t> next;

  // The text's stems with kPad zeros on either side (Align() copies it
  // rather than gather the stems from the words for every pair), and
  // whether a stem is 0 or 1.
  static constexpr size_t kPad = 16;
  DefaultInitVector<uint64_t> stems;
  bool small_stem = false;

  // 1 + the first word where the gram with hash h starts, 0 if none.
  uint32_t Find(uint64_t h) const;
};
GramIndex BuildGramIndex(const AlignedText& t, int seed_words);
// The same without the table (all that A of a pair needs), and the table
// added later (once; a text that is only ever A never pays for it).
GramIndex BuildGramHashes(const AlignedText& t, int seed_words);
void AddGramTable(GramIndex* index);

// Aligns A with B. `wordnet` may be null (swaps are then unrelated).
Alignment Align(const AlignedText& a, const AlignedText& b,
                const WordNet* wordnet, const AlignOptions& options = {});
// The same with both indexes prebuilt (REQUIRES: built with
// options.seed_words; b_index without its table costs a copy).
Alignment Align(const AlignedText& a, const AlignedText& b,
                const GramIndex& a_index, const GramIndex& b_index,
                const WordNet* wordnet, const AlignOptions& options = {});

// The score of a passage recomputed from its spans (for tests).
double ScoreSpans(const std::vector<AlignedSpan>& spans,
                  const AlignOptions& options);

}  // namespace concord::compare

#endif  // CONCORD_COMPARE_ALIGNER_H_
