// Document: one article body tokenised and split into sentences once, shared
// by all fact extractors.
//
// A Document keeps a view of the body: the caller's buffer must outlive it
// (the constructor taking a temporary std::string is deleted). Tokens carry
// punctuation (TokenizeOptions::keep_punct), byte offsets and folded norms;
// sentences are SplitSentences() spans, and each token knows its sentence.
//
// Thread safety: immutable after construction; const methods may be called
// from any thread.
// Cost: one Tokenize() and one SplitSentences() pass, linear in the body,
// and one pass over the tokens with a word-table look-up per word (the
// start lists below); the helpers below are O(1) except TokenAt (binary
// search). The token vector is taken from (and given back to) a small
// per-thread pool, so a thread that builds many Documents reuses the
// tokens' strings instead of constructing and destroying one per token
// each time.
#ifndef CONCORD_FACTS_DOCUMENT_H_
#define CONCORD_FACTS_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/text/segmenter.h"

namespace concord::facts {

class Document {
 public:
  // REQUIRES: body.size() < 2^31; `body` outlives the Document.
  explicit Document(std::string_view body);
  explicit Document(std::string&& body) = delete;
  ~Document();

  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  std::string_view text() const { return text_; }
  const std::vector<text::Token>& tokens() const { return tokens_; }
  size_t size() const { return tokens_.size(); }
  const std::vector<text::Span>& sentences() const { return sentences_; }
  // SplitSentences() found no sentence (white space only), and sentences()
  // holds one pseudo-sentence over the whole text instead.
  bool pseudo_sentence() const { return pseudo_sentence_; }

  // Index of the sentence holding token i.
  uint32_t SentenceOf(size_t i) const { return sentence_of_[i]; }
  // Index of the first and one past the last token of sentence s.
  size_t SentenceBegin(uint32_t s) const { return sentence_first_[s]; }
  size_t SentenceEnd(uint32_t s) const { return sentence_first_[s + 1]; }

  // The original bytes of token i; empty for i >= size().
  std::string_view Raw(size_t i) const {
    if (i >= tokens_.size()) return {};
    return text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin);
  }
  // The folded norm of token i; empty for i >= size(). (Inline: the
  // extractors call it several million times per thousand articles.)
  std::string_view Norm(size_t i) const {
    if (i >= tokens_.size()) return {};
    return tokens_[i].norm;
  }
  bool IsWord(size_t i) const {
    return i < tokens_.size() && tokens_[i].kind == text::TokenKind::kWord;
  }
  bool IsNumber(size_t i) const {
    return i < tokens_.size() && tokens_[i].kind == text::TokenKind::kNumber;
  }
  // Always inlined: the extractors ask with literals, where the inlined
  // compare is a length test and a load or two, and the compiler left
  // these out of line in their long functions (a call and a memcmp).
  [[gnu::always_inline]] bool IsWord(size_t i,
                                     std::string_view folded) const {
    return IsWord(i) && tokens_[i].norm == folded;
  }
  [[gnu::always_inline]] bool IsPunct(size_t i,
                                      std::string_view folded) const {
    return i < tokens_.size() && tokens_[i].kind == text::TokenKind::kPunct &&
           tokens_[i].norm == folded;
  }
  bool Capitalized(size_t i) const {
    return i < tokens_.size() && tokens_[i].capitalized;
  }
  // Token b starts where token a ends (no space between).
  bool Adjacent(size_t a, size_t b) const {
    return a < tokens_.size() && b < tokens_.size() &&
           tokens_[b].begin == tokens_[a].end;
  }
  // There is white space between tokens a and b = a + 1.
  bool Spaced(size_t a, size_t b) const {
    return a < tokens_.size() && b < tokens_.size() &&
           tokens_[b].begin > tokens_[a].end;
  }
  // A line break lies between the end of token a and the start of token b.
  // (Inline: the finders ask it of nearly every pair of neighbours in names
  // and quotations, with a gap of a byte or none.)
  bool LineBreakBetween(size_t a, size_t b) const {
    if (a >= tokens_.size() || b >= tokens_.size()) return false;
    const uint32_t from = tokens_[a].end, to = tokens_[b].begin;
    for (uint32_t k = from; k < to; ++k) {
      if (text_[k] == '\n' || text_[k] == '\r') return true;
    }
    return false;
  }
  // Token i is the first word or number of its sentence (opening quotes,
  // brackets and dashes before it do not count).
  bool SentenceInitial(size_t i) const;
  // The first token whose end is after `byte` (size() if none).
  size_t TokenAt(uint32_t byte) const;

  // Where the extractors may start a match, as token indexes in increasing
  // order: rather than each extractor looking at every token for its own
  // few words, one pass at construction looks each word up once for all.
  // Every i with text::MayStartNumberAt(text(), tokens(), i).
  const std::vector<uint32_t>& number_starts() const { return number_starts_; }
  // Every token where FindDates may find a date: numbers; capitalised month
  // and weekday names ("May", "Dec", "Sunday"); "noon", "midday",
  // "midnight"; the words a relative date opens with ("today", "last",
  // "earlier", ...; see DateStartWords()); any word two before "ago".
  const std::vector<uint32_t>& date_starts() const { return date_starts_; }
  // Every vague number word: "tens", "dozens", "scores", "hundreds",
  // "thousands", "millions", "billions" (VagueWords()).
  const std::vector<uint32_t>& vague_words() const { return vague_words_; }
  // Every punctuation token that may be a quote mark: '"', and each of
  // more than one byte whose first byte is 0xC2 or 0xE2 (the lead bytes of
  // "\u00AB", "\u00BB", "\u201C", "\u201D", "\u201E", the other marks
  // FindQuotes knows). FindQuotes skips from one to the next outside
  // quotations.
  const std::vector<uint32_t>& quote_marks() const { return quote_marks_; }

 private:
  std::string_view text_;
  std::vector<text::Token> tokens_;
  std::vector<text::Span> sentences_;
  bool pseudo_sentence_ = false;
  std::vector<uint32_t> sentence_of_;
  std::vector<size_t> sentence_first_;  // sentences_.size() + 1 entries
  // The first word or number token of each sentence (size() if none).
  std::vector<size_t> sentence_first_word_;
  std::vector<uint32_t> number_starts_;
  std::vector<uint32_t> date_starts_;
  std::vector<uint32_t> vague_words_;
  std::vector<uint32_t> quote_marks_;

  // Fills the start lists and sentence_of_ (and sentence_first_'s firsts)
  // in one pass over the tokens.
  void FindStarts();
};

// The lower-case words that open a relative date or name a time of day,
// which date_starts() holds in any case: "today", "last", "noon", ...
// Defined in dates.cc from the date scanner's own lists.
const std::vector<std::string_view>& DateStartWords();
// The words vague_words() holds. Defined in quantities.cc from the
// quantity extractor's own list.
const std::vector<std::string_view>& VagueWords();

// The English singular of a folded plural noun: "prisoners" -> "prisoner",
// "casualties" -> "casualty", "men" -> "man", "people" -> "people"; words
// that are not plural come back unchanged. Writes into *out.
void Singular(std::string_view folded, std::string* out);

// Whether a folded word looks like an English plural noun ("drones",
// "people", "casualties"), not "news", "series", "this", "bus".
bool LooksPlural(std::string_view folded);

// The word without a trailing possessive "'s" or "'" ("ukraine's" ->
// "ukraine"); the folded form uses an ASCII apostrophe.
std::string_view StripPossessive(std::string_view folded);

// Civil date helpers (proleptic Gregorian, UTC).
struct CivilDay {
  int year = 0, month = 0, day = 0;
};
int64_t DaysFromCivil(int year, int month, int day);
CivilDay CivilFromDays(int64_t days);
int DaysInMonth(int year, int month);
// 0 = Monday .. 6 = Sunday.
int WeekdayOfDays(int64_t days);
// "2023-12-03".
std::string IsoDate(int64_t days);

}  // namespace concord::facts

#endif  // CONCORD_FACTS_DOCUMENT_H_
