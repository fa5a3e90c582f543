// Quotations in English news text, with their speakers and venues.
//
// Quote marks: straight "...", typographic “...” and „...“, guillemets
// «...»; single marks ‘...’ only inside a double-quoted span (at top level
// they are too often apostrophes). A quote may hold several sentences. News
// convention for multi-paragraph quotes is honoured: a paragraph that ends
// inside a quote and a next paragraph that opens with a mark continue one
// quote; a quote still open at the end of its paragraph otherwise closes
// there and is flagged `unbalanced`. Stray closing marks are ignored.
//
// Split quotes, "We hope," he said, "that ...", become one Quote with two
// parts when the words between are a short attribution (a reporting verb,
// at most ten tokens, a comma after it).
//
// Speakers, in order of preference:
//   after the quote   ..." X said.  ..." said X.  ..." X wrote on Telegram.
//                     ..." X told reporters.  ..." he said.
//   before the quote  X said: "...   X said, "...   X, stating, "...
//   "according to X"  anywhere in the sentence
//   the sentence subject  X said ... that "...   (X the name before the
//                     sentence's first reporting verb, or a sentence-initial
//                     name or pronoun)
//   continuation      a quote that opens a paragraph right after a quoted
//                     paragraph with a speaker, and has none of its own,
//                     takes that speaker (confidence 0.5)
// Pronouns ("he", "she") resolve to the most recent person entity named
// before the quote outside any quotation. The venue ("on X", "in a video
// posted on the Telegram messaging app", "in a statement") is kept apart
// from the speaker, with the platform it names, if any.
//
// Thread safety: pure functions, safe from any thread.
// Cost: one pass over the tokens to pair marks, then a bounded look around
// each quote (its sentence); linear in the text.
#ifndef CONCORD_FACTS_QUOTES_H_
#define CONCORD_FACTS_QUOTES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/facts/document.h"
#include "src/facts/entities.h"

namespace concord::facts {

struct QuotePart {
  uint32_t begin = 0, end = 0;  // byte offsets of the quoted words
};

enum class SpeakerCue : uint8_t {
  kNone,
  kAfter,            // "...," X said
  kSaidAfter,        // "...," said X
  kBefore,           // X said: "..."
  kAccordingTo,      // according to X
  kSentenceSubject,  // X said ... "..."
  kContinued,        // the previous quote's speaker (and its offsets)
};

struct Quote {
  uint32_t begin = 0, end = 0;   // offsets including the quote marks
  std::vector<QuotePart> parts;  // one, or more for a split quote
  std::string text;              // the parts' words, joined by a space
  // The speaker as written ("Mr Zelensky", "he", "the Ukrainian General
  // Staff") and its offsets; empty if none was found.
  std::string speaker;
  uint32_t speaker_begin = 0, speaker_end = 0;
  // The resolved speaker: the entity's name for a name or pronoun that
  // resolved ("Volodymyr Zelensky"), else `speaker`.
  std::string speaker_name;
  int speaker_entity = -1;  // index into EntityResult::entities, or -1
  std::string verb;         // the reporting verb, folded ("said", "wrote")
  std::string venue;        // "on X", "in a statement on Telegram"
  std::string platform;     // folded platform named in the venue ("telegram")
  std::string audience;     // "reporters" in "told reporters"
  SpeakerCue cue = SpeakerCue::kNone;
  float confidence = 0;     // 0..1 for the speaker
  bool unbalanced = false;  // closed by the paragraph end, not by a mark
};

struct QuoteOptions {
  // Quotes shorter than this many words are kept only with a speaker
  // (shorter ones are usually scare quotes or titles). Default 3.
  int min_words_without_speaker = 3;
  // Longest quote in bytes; a quote still open beyond it is closed there
  // and flagged unbalanced. Default 4000.
  uint32_t max_bytes = 4000;
};

// All quotations of a document, in text order. `entities` is
// FindEntities() output for the same document (used for speakers).
std::vector<Quote> FindQuotes(const Document& doc, const EntityResult& entities,
                              const QuoteOptions& options = {});

// The same for a bare text (entities found here).
std::vector<Quote> FindQuotes(std::string_view text,
                              const QuoteOptions& options = {});

}  // namespace concord::facts

#endif  // CONCORD_FACTS_QUOTES_H_
