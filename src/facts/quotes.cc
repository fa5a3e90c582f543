// Quotation finding and speaker attribution.
//
// The idea. Quote marks are punctuation tokens (the tokenizer folds every
// double mark to '"', the raw bytes tell which one it was), so pairing is a
// small state machine over the tokens: typographic marks say whether they
// open or close; a straight mark closes when a quote is open and opens
// otherwise; a line break inside an open quote either continues it (the
// next paragraph opens with a mark, the news convention) or closes it as
// unbalanced. Then adjacent quotes separated by a short ", he said, " are
// joined into one split quote.
//
// Attribution reads the tokens of the quote's sentence around the marks
// with the patterns listed in quotes.h, from the most to the least
// specific. A speaker phrase is the tokens between the quote and the
// reporting verb (at most six, no punctuation); it maps to an entity by
// offset overlap with the entity mentions, and a pronoun maps to the most
// recent person mention before the quote that is not itself inside a quote.
//
// Cost: pairing visits the marks (the Document lists them), the first
// token after each line break inside a quote (found with memchr over the
// text) and a binary search per over-long quote, not every token;
// attribution looks at most at one sentence either side of each quote. Tests: quotes_test.cc (a golden table) and
// facts_test.cc (the seed texts).
#include "src/facts/quotes.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "src/facts/lexicon.h"

namespace concord::facts {
namespace {

constexpr size_t kNpos = static_cast<size_t>(-1);

enum class Mark { kNone, kOpen, kClose, kEither, kGermanOpen };

Mark MarkOf(std::string_view raw) {
  if (raw == "\"") return Mark::kEither;
  if (raw == "\xE2\x80\x9C" || raw == "\xC2\xAB") return Mark::kOpen;  // “ «
  if (raw == "\xE2\x80\x9E") return Mark::kGermanOpen;                 // „
  if (raw == "\xE2\x80\x9D" || raw == "\xC2\xBB") return Mark::kClose;  // ” »
  return Mark::kNone;
}

bool IsPronoun(std::string_view w) {
  return w == "he" || w == "she" || w == "they" || w == "i" || w == "we";
}

// Raw quote spans before joining: token indices of the marks (close may be
// kNpos for an unbalanced quote, then content_end says where it stops).
struct RawQuote {
  size_t open = 0, close = kNpos;
  uint32_t content_begin = 0, content_end = 0;
  uint32_t end = 0;  // after the closing mark (or content_end)
  bool unbalanced = false;
};

class QuoteFinder {
 public:
  QuoteFinder(const Document& doc, const EntityResult& entities,
              const QuoteOptions& options)
      : doc_(doc), entities_(entities), options_(options) {}

  std::vector<Quote> Run() {
    Pair();
    std::vector<Quote> out;
    for (size_t k = 0; k < raw_.size(); ++k) {
      Quote q;
      q.begin = doc_.tokens()[raw_[k].open].begin;
      q.end = raw_[k].end;
      q.unbalanced = raw_[k].unbalanced;
      q.parts.push_back({raw_[k].content_begin, raw_[k].content_end});
      size_t last = k;
      // Split quote: "...," he said, "..."
      while (last + 1 < raw_.size() && JoinsNext(last)) {
        const RawQuote& n = raw_[last + 1];
        AttributeBetween(raw_[last].close + 1, n.open, &q);
        q.parts.push_back({n.content_begin, n.content_end});
        q.end = n.end;
        q.unbalanced |= n.unbalanced;
        ++last;
      }
      const size_t first_k = k;
      k = last;
      for (QuotePart& p : q.parts) {
        // The parts hold the quoted words: no surrounding space, and no
        // comma that belongs to the sentence around the quote.
        std::string_view words =
            Trim(doc_.text().substr(p.begin, p.end - p.begin));
        while (!words.empty() && words.back() == ',') {
          words = Trim(words.substr(0, words.size() - 1));
        }
        p.begin = static_cast<uint32_t>(words.data() - doc_.text().data());
        p.end = p.begin + static_cast<uint32_t>(words.size());
        if (words.empty()) continue;
        if (!q.text.empty()) q.text.push_back(' ');
        q.text.append(words);
      }
      q.parts.erase(
          std::remove_if(q.parts.begin(), q.parts.end(),
                         [](const QuotePart& p) { return p.begin == p.end; }),
          q.parts.end());
      if (q.text.empty()) continue;
      if (q.cue == SpeakerCue::kNone) Attribute(raw_[first_k], raw_[last], &q);
      if (q.cue == SpeakerCue::kNone && !out.empty() &&
          ContinuesPrevious(out.back(), q)) {
        const Quote& p = out.back();
        q.speaker = p.speaker;
        q.speaker_begin = p.speaker_begin;
        q.speaker_end = p.speaker_end;
        q.speaker_name = p.speaker_name;
        q.speaker_entity = p.speaker_entity;
        q.cue = SpeakerCue::kContinued;
        q.confidence = 0.5f;
      }
      if (q.cue == SpeakerCue::kNone &&
          WordCount(q.text, options_.min_words_without_speaker) <
              options_.min_words_without_speaker) {
        continue;
      }
      out.push_back(std::move(q));
    }
    return out;
  }

 private:
  static std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n' ||
                          s.front() == '\t' || s.front() == '\r')) {
      s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' ||
                          s.back() == '\t' || s.back() == '\r')) {
      s.remove_suffix(1);
    }
    return s;
  }

  // The number of words in s, counted up to `limit` (all a caller
  // comparing with `limit` needs: a long quote is not read to its end).
  static int WordCount(std::string_view s, int limit) {
    int n = 0;
    bool in = false;
    for (char c : s) {
      const bool space = c == ' ' || c == '\n' || c == '\t';
      if (!space && !in && ++n >= limit) return n;
      in = !space;
    }
    return n;
  }

  bool IsQuoteMark(size_t i) const {
    return i < doc_.size() &&
           doc_.tokens()[i].kind == text::TokenKind::kPunct &&
           MarkOf(doc_.Raw(i)) != Mark::kNone;
  }

  // Pairs the marks into raw_.
  void Pair() {
    // Each raw quote opens at a distinct mark: one allocation holds them.
    raw_.reserve(doc_.quote_marks().size());
    size_t open = kNpos;
    Mark open_mark = Mark::kNone;
    // Closes the open quote after token last_tok; false if it was empty.
    auto close_unbalanced = [&](size_t last_tok) {
      RawQuote r;
      r.open = open;
      r.content_begin = doc_.tokens()[open].end;
      r.content_end = doc_.tokens()[std::max(last_tok, open)].end;
      r.end = r.content_end;
      r.unbalanced = true;
      const bool kept = last_tok > open;
      if (kept) raw_.push_back(r);
      open = kNpos;
      return kept;
    };
    const size_t n = doc_.size();
    // Outside a quote only a mark matters: the tokens up to the next one
    // the Document lists (most tokens) are passed over.
    const std::vector<uint32_t>& marks = doc_.quote_marks();
    size_t next_mark = 0;  // index into marks
    // Inside a quote, only three kinds of token matter: a mark, the first
    // token after a line break (from the second token after the opening
    // mark on), and the first token past max_bytes. The tokens before the
    // nearest of them are passed over too, the line breaks found with
    // memchr over the text rather than by looking between every pair of
    // tokens.
    const std::vector<text::Token>& tokens = doc_.tokens();
    size_t break_from = 0, break_tok = 0;  // NextBreak(break_from), if > 0
    for (size_t i = 0; i < n; ++i) {
      while (next_mark < marks.size() && marks[next_mark] < i) ++next_mark;
      if (open == kNpos) {
        if (next_mark == marks.size()) break;
        i = marks[next_mark];
      } else {
        size_t stop = next_mark < marks.size() ? marks[next_mark] : n;
        const size_t from = std::max(i, open + 2);
        if (from < stop) {
          if (break_from == 0 || from < break_from || break_tok < from) {
            break_tok = NextBreak(from);
            break_from = from;
          }
          stop = std::min(stop, break_tok);
        }
        // No token from the opening mark to i is past max_bytes (the quote
        // would be closed), and token begins only grow: if the last token
        // up to `stop` is not past it, none is; else a binary search over
        // [i, stop] finds the first that is.
        const uint32_t open_end = tokens[open].end;
        const uint32_t max_bytes = options_.max_bytes;
        const size_t last = std::min(stop, n - 1);
        if (tokens[last].begin - open_end > max_bytes) {
          stop = static_cast<size_t>(
              std::partition_point(
                  tokens.begin() + static_cast<std::ptrdiff_t>(i),
                  tokens.begin() + static_cast<std::ptrdiff_t>(last + 1),
                  [&](const text::Token& t) {
                    return t.begin - open_end <= max_bytes;
                  }) -
              tokens.begin());
        }
        if (stop >= n) break;
        i = stop;
      }
      if (open != kNpos && i > open + 1 && doc_.LineBreakBetween(i - 1, i)) {
        // A paragraph ends inside the quote.
        if (IsQuoteMark(i) && MarkOf(doc_.Raw(i)) != Mark::kClose) {
          // Continued quotation: close this paragraph's part, keep going.
          if (close_unbalanced(i - 1)) raw_.back().unbalanced = false;
        } else {
          close_unbalanced(i - 1);
        }
      }
      if (open != kNpos && doc_.tokens()[i].begin - doc_.tokens()[open].end >
                               options_.max_bytes) {
        close_unbalanced(i - 1);
      }
      if (!IsQuoteMark(i)) continue;
      const Mark m = MarkOf(doc_.Raw(i));
      if (open == kNpos) {
        if (m == Mark::kClose) continue;  // stray closer
        if (m == Mark::kEither && !doc_.Adjacent(i, i + 1)) continue;
        if (i + 1 >= doc_.size()) continue;
        open = i;
        open_mark = m;
        continue;
      }
      const bool closes =
          m == Mark::kClose || m == Mark::kEither ||
          (open_mark == Mark::kGermanOpen && m == Mark::kOpen) ||
          (open_mark == Mark::kEither && m != Mark::kGermanOpen);
      if (!closes) continue;  // a nested opener: ignore
      if (i == open + 1) {    // empty quote
        open = kNpos;
        continue;
      }
      RawQuote r;
      r.open = open;
      r.close = i;
      r.content_begin = doc_.tokens()[open].end;
      r.content_end = doc_.tokens()[i].begin;
      r.end = doc_.tokens()[i].end;
      raw_.push_back(r);
      open = kNpos;
    }
    if (open != kNpos) close_unbalanced(doc_.size() - 1);
  }

  // The first byte at or after `byte` that is '\n' or '\r', text().size()
  // if none. Each of the two is searched for once per stretch of text (the
  // last hit is kept while the asked-for byte has not passed it), so a
  // text is scanned about once however often this is asked.
  size_t NextLineByte(size_t byte) {
    const std::string_view text = doc_.text();
    auto next = [&](char c, size_t* from, size_t* hit) {
      if (byte < *from || byte > *hit) {
        const void* p = std::memchr(text.data() + byte, c, text.size() - byte);
        *hit = p == nullptr ? text.size()
                            : static_cast<size_t>(
                                  static_cast<const char*>(p) - text.data());
        *from = byte;
      }
      return *hit;
    };
    if (byte >= text.size()) return text.size();
    return std::min(next('\n', &nl_from_, &nl_hit_),
                    next('\r', &cr_from_, &cr_hit_));
  }

  // The first token t >= from with doc_.LineBreakBetween(t - 1, t), size()
  // if none. REQUIRES: 0 < from < size().
  size_t NextBreak(size_t from) {
    const std::vector<text::Token>& t = doc_.tokens();
    const size_t n = t.size();
    uint32_t byte = t[from - 1].end;
    size_t k = from;
    for (;;) {
      const size_t p = NextLineByte(byte);
      if (p >= doc_.text().size()) return n;
      // The first token from k on that ends after p: every token before it
      // (and the gaps before those) lies before p.
      k = static_cast<size_t>(
          std::partition_point(t.begin() + static_cast<std::ptrdiff_t>(k),
                               t.end(),
                               [p](const text::Token& tok) {
                                 return tok.end <= p;
                               }) -
          t.begin());
      if (k >= n) return n;
      if (t[k].begin > p) return k;  // p lies in the gap before token k
      // p lies inside token k (not a break between tokens): look on.
      byte = t[k].end;
      ++k;
      if (k >= n) return n;
    }
  }

  // raw_[k] ends with a comma inside its marks, and raw_[k + 1] follows
  // after a short attribution with a reporting verb and a comma.
  bool JoinsNext(size_t k) const {
    const RawQuote& a = raw_[k];
    const RawQuote& b = raw_[k + 1];
    if (a.close == kNpos || a.close == 0) return false;
    if (!doc_.IsPunct(a.close - 1, ",")) return false;
    if (b.open <= a.close + 1 || b.open - a.close > 12) return false;
    if (!doc_.IsPunct(b.open - 1, ",")) return false;
    bool verb = false;
    for (size_t t = a.close + 1; t < b.open; ++t) {
      if (doc_.LineBreakBetween(t - 1, t)) return false;
      if (doc_.IsPunct(t, ".") || doc_.IsPunct(t, "?") ||
          doc_.IsPunct(t, "!")) {
        return false;
      }
      if (doc_.IsWord(t) && lexicon::IsSpeechVerb(doc_.Norm(t))) verb = true;
    }
    return verb;
  }

  // Attribution from the tokens between the parts of a split quote.
  void AttributeBetween(size_t from, size_t to, Quote* q) {
    if (q->cue != SpeakerCue::kNone) return;
    AfterPattern(from, to, q);
  }

  // The token index range of the sentence holding token i, clipped to the
  // paragraph.
  void Attribute(const RawQuote& first, const RawQuote& last, Quote* q) {
    // 1. After the closing mark, up to the sentence end.
    if (last.close != kNpos) {
      size_t from = last.close + 1;
      size_t to = from;
      while (to < doc_.size() && !doc_.LineBreakBetween(to - 1, to) &&
             !doc_.IsPunct(to, ".") && !doc_.IsPunct(to, "!") &&
             !doc_.IsPunct(to, "?") && !IsQuoteMark(to) && to - from < 40) {
        ++to;
      }
      // A quote that ends its sentence ("... this." Umerov said ...) is
      // followed by a new sentence, not by its attribution.
      const std::string_view inside = Trim(doc_.text().substr(
          last.content_begin, last.content_end - last.content_begin));
      const bool ended =
          !inside.empty() && (inside.back() == '.' || inside.back() == '!' ||
                              inside.back() == '?');
      const bool new_sentence =
          ended && doc_.Capitalized(from) &&
          !(doc_.IsWord(from) && IsPronoun(doc_.Norm(from)) &&
            doc_.IsWord(from + 1) &&
            lexicon::IsSpeechVerb(doc_.Norm(from + 1)));
      if (from < doc_.size() && !doc_.LineBreakBetween(last.close, from) &&
          !new_sentence) {
        AfterPattern(from, to, q);
        if (q->cue != SpeakerCue::kNone) return;
        LaterSaid(from, to, q);
        if (q->cue != SpeakerCue::kNone) return;
      }
    }
    // Sentence start: tokens before the opening mark back to the sentence
    // or paragraph start (not into another quote).
    size_t sent_begin = first.open;
    while (sent_begin > 0 &&
           !doc_.LineBreakBetween(sent_begin - 1, sent_begin) &&
           !doc_.IsPunct(sent_begin - 1, ".") &&
           !doc_.IsPunct(sent_begin - 1, "?") &&
           !doc_.IsPunct(sent_begin - 1, "!") && !IsQuoteMark(sent_begin - 1) &&
           first.open - sent_begin < 60) {
      --sent_begin;
    }
    // 2. "X said:" / "X said," / "X said that" right before the quote.
    for (size_t t = first.open, n = 0; t > sent_begin && n < 4; ++n) {
      --t;
      if (doc_.IsWord(t) && lexicon::IsSpeechVerb(doc_.Norm(t))) {
        if (SpeakerBefore(sent_begin, t, q)) {
          q->cue = SpeakerCue::kBefore;
          q->verb.assign(doc_.Norm(t));
          q->confidence = std::min(q->confidence, 0.85f);
          return;
        }
      }
    }
    // 3. "according to X" in the sentence (either side).
    const size_t sent_end = SentenceEndAfter(last);
    // The quotation's own tokens are passed over in one step.
    const size_t quote_last = last.close == kNpos ? first.open : last.close;
    for (size_t t = sent_begin; t + 2 < sent_end; ++t) {
      if (t >= first.open && t <= quote_last) {
        t = quote_last;
        continue;
      }
      if (doc_.IsWord(t, "according") && doc_.IsWord(t + 1, "to")) {
        if (SpeakerAt(t + 2, sent_end, q)) {
          q->cue = SpeakerCue::kAccordingTo;
          q->verb = "according to";
          q->confidence = std::min(q->confidence, 0.8f);
          return;
        }
      }
    }
    // 4. The sentence subject: a name before the first reporting verb, or
    // a sentence-initial name or pronoun.
    for (size_t t = sent_begin; t < first.open; ++t) {
      if (doc_.IsWord(t) && lexicon::IsSpeechVerb(doc_.Norm(t)) &&
          SpeakerBefore(sent_begin, t, q)) {
        q->cue = SpeakerCue::kSentenceSubject;
        q->verb.assign(doc_.Norm(t));
        q->confidence = std::min(q->confidence, 0.7f);
        return;
      }
    }
    // A sentence-initial name or pronoun ("He hopes that ... "...").
    if (sent_begin < first.open) {
      size_t s = sent_begin;
      if (doc_.IsWord(s, "the")) ++s;
      const bool pronoun = doc_.IsWord(s) && IsPronoun(doc_.Norm(s));
      const int m =
          s < first.open ? MentionStartingAt(doc_.tokens()[s].begin) : -1;
      const bool speaker_like =
          m >= 0 && entities_.entities[entities_.mentions[m].entity].type !=
                        EntityType::kPlace;
      if ((pronoun || speaker_like) && SpeakerAt(s, first.open, q)) {
        q->cue = SpeakerCue::kSentenceSubject;
        q->confidence = std::min(q->confidence, 0.55f);
        return;
      }
    }
  }

  size_t SentenceEndAfter(const RawQuote& last) const {
    size_t t = last.close == kNpos ? doc_.TokenAt(last.end) : last.close + 1;
    const size_t start = t;
    while (t < doc_.size() && !doc_.IsPunct(t, ".") && !IsQuoteMark(t) &&
           !(t > start && doc_.LineBreakBetween(t - 1, t)) && t - start < 40) {
      ++t;
    }
    return t;
  }

  // Patterns after a quote over tokens [from, to): optional comma, then
  // "said X" or "X said" (X at most six tokens), then venue and audience.
  void AfterPattern(size_t from, size_t to, Quote* q) {
    size_t t = from;
    while (t < to && doc_.IsPunct(t, ",")) ++t;
    if (t >= to) return;
    // "said X"
    if (doc_.IsWord(t) && lexicon::IsSpeechVerb(doc_.Norm(t)) &&
        doc_.Norm(t) != "according") {
      const size_t v = t;
      if (SpeakerAt(v + 1, to, q)) {
        q->cue = SpeakerCue::kSaidAfter;
        q->verb.assign(doc_.Norm(v));
        q->confidence = std::min(q->confidence, 0.9f);
        Venue(doc_.TokenAt(q->speaker_end), to, q);
        return;
      }
    }
    // "according to X"
    if (doc_.IsWord(t, "according") && doc_.IsWord(t + 1, "to") &&
        SpeakerAt(t + 2, to, q)) {
      q->cue = SpeakerCue::kAccordingTo;
      q->verb = "according to";
      q->confidence = std::min(q->confidence, 0.8f);
      return;
    }
    // "X said"
    for (size_t v = t + 1; v < to && v <= t + 6; ++v) {
      if (!doc_.IsWord(v)) {
        // Punctuation ends the speaker phrase, except the hyphen and the
        // period of a title ("Mr.").
        if (doc_.IsPunct(v, "-") || doc_.IsPunct(v, ".")) continue;
        if (doc_.IsPunct(v, ",")) {
          // "X, a spokesman, said": skip an appositive.
          size_t w = v + 1;
          while (w < to && w <= v + 8 && !doc_.IsPunct(w, ",")) ++w;
          if (w < to && doc_.IsPunct(w, ",") && doc_.IsWord(w + 1) &&
              lexicon::IsSpeechVerb(doc_.Norm(w + 1))) {
            if (SetSpeaker(t, v, q)) {
              q->cue = SpeakerCue::kAfter;
              q->verb.assign(doc_.Norm(w + 1));
              q->confidence = std::min(q->confidence, 0.85f);
              Venue(w + 2, to, q);
            }
          }
          return;
        }
        return;
      }
      if (lexicon::IsSpeechVerb(doc_.Norm(v))) {
        // "a district of the city said Governor X": a name after the verb
        // beats a description before it.
        if (const int m = MentionAfterTitles(v + 1);
            m >= 0 && MentionEndingAt(doc_.tokens()[v - 1].end) < 0 &&
            !(doc_.IsWord(v - 1) && IsPronoun(doc_.Norm(v - 1)))) {
          const EntityType type =
              entities_.entities[entities_.mentions[m].entity].type;
          if ((type == EntityType::kPerson ||
               type == EntityType::kOrganization) &&
              SpeakerAt(v + 1, to, q)) {
            q->cue = SpeakerCue::kSaidAfter;
            q->verb.assign(doc_.Norm(v));
            q->confidence = std::min(q->confidence, 0.7f);
            return;
          }
        }
        if (SetSpeaker(t, v, q)) {
          q->cue = SpeakerCue::kAfter;
          q->verb.assign(doc_.Norm(v));
          q->confidence = std::min(q->confidence, 0.9f);
          Venue(v + 1, to, q);
        }
        return;
      }
    }
  }

  // Unpunctuated copy runs the attribution on after a description: "..."
  // a district inhabited by farmers said Talal al-Barazi. A reporting verb
  // later in the sentence with a person or organisation name right after it
  // names the speaker (confidence 0.6).
  void LaterSaid(size_t from, size_t to, Quote* q) {
    for (size_t v = from; v < to && v < from + 25; ++v) {
      if (!doc_.IsWord(v) || !lexicon::IsSpeechVerb(doc_.Norm(v))) continue;
      if (!doc_.IsWord(v + 1)) continue;
      const int m = MentionStartingAt(doc_.tokens()[v + 1].begin);
      if (m < 0) continue;
      const EntityType type =
          entities_.entities[entities_.mentions[m].entity].type;
      if (type != EntityType::kPerson && type != EntityType::kOrganization) {
        continue;
      }
      if (SpeakerAt(v + 1, to, q)) {
        q->cue = SpeakerCue::kSaidAfter;
        q->verb.assign(doc_.Norm(v));
        q->confidence = std::min(q->confidence, 0.6f);
      }
      return;
    }
  }

  // The speaker phrase starting at token `from` (for "said X" and
  // "according to X"): a name, a pronoun, or "the" + up to five words.
  bool SpeakerAt(size_t from, size_t to, Quote* q) {
    size_t e = from;
    if (e < to && doc_.IsWord(e) && IsPronoun(doc_.Norm(e))) {
      return SetSpeaker(from, e + 1, q);
    }
    // An entity mention starting here (after "the" and titles).
    size_t s = from;
    if (doc_.IsWord(s, "the")) ++s;
    // "Pellora's chief engineer, Ines Carrow": a person named within the
    // next few words and commas is the speaker.
    for (size_t k = s; k < to && k < s + 8; ++k) {
      if (!doc_.IsWord(k) && !doc_.IsPunct(k, ",")) break;
      if (k == s || !doc_.IsWord(k)) continue;
      const int m = MentionStartingAt(doc_.tokens()[k].begin);
      if (m < 0) continue;
      if (entities_.entities[entities_.mentions[m].entity].type !=
          EntityType::kPerson) {
        continue;
      }
      if (!doc_.Norm(s).ends_with("'s") && !doc_.IsPunct(k - 1, ",")) break;
      return SetSpeaker(from, doc_.TokenAt(entities_.mentions[m].end - 1) + 1,
                        q);
    }
    if (s < to) {
      const int m = MentionAfterTitles(s);
      if (m >= 0) {
        const EntityMention& em = entities_.mentions[m];
        size_t last = doc_.TokenAt(em.end - 1);
        return SetSpeaker(from, last + 1, q);
      }
    }
    // "the spokesman", "a senior official": up to five words, no
    // punctuation, ending before a preposition or "in".
    while (e < to && e < from + 5 && doc_.IsWord(e)) {
      const std::string_view w = doc_.Norm(e);
      if (e > from && (w == "in" || w == "on" || w == "at" || w == "to" ||
                       w == "after" || w == "during" || w == "when" ||
                       w == "that" || w == "who" || w == "while")) {
        break;
      }
      ++e;
    }
    if (e == from) return false;
    return SetSpeaker(from, e, q);
  }

  // The speaker phrase ending right before token `verb` in [begin, verb):
  // the entity mention or pronoun that ends there, or "the ..." phrase.
  bool SpeakerBefore(size_t begin, size_t verb, Quote* q) {
    if (verb == 0 || verb <= begin) return false;
    size_t end = verb;
    // "X, stating," / "X said,": the phrase ends before the verb, perhaps
    // after a comma ("Zelenskyy emphasized ..., stating").
    while (end > begin && doc_.IsPunct(end - 1, ",")) --end;
    if (end <= begin) return false;
    const size_t last = end - 1;
    if (doc_.IsWord(last) && IsPronoun(doc_.Norm(last))) {
      return SetSpeaker(last, end, q);
    }
    // An entity mention ending at `last`.
    const int m = MentionEndingAt(doc_.tokens()[last].end);
    if (m >= 0) {
      const size_t first = doc_.TokenAt(entities_.mentions[m].begin);
      return SetSpeaker(first, end, q);
    }
    // A noun phrase with a determiner right before the verb: "the
    // spokesman said:", "a senior official said".
    if (end == verb) {
      size_t t = last + 1;
      int n = 0;
      auto determiner = [&](size_t k) {
        return doc_.IsWord(k, "the") || doc_.IsWord(k, "a") ||
               doc_.IsWord(k, "an");
      };
      while (t > begin && n < 4 && doc_.IsWord(t - 1) &&
             (!doc_.Capitalized(t - 1) || determiner(t - 1))) {
        --t;
        ++n;
        const std::string_view w = doc_.Norm(t);
        if (w == "the" || w == "a" || w == "an") {
          if (t + 1 < end) return SetSpeaker(t, end, q);
          break;
        }
      }
    }
    // The nearest name before the verb within the clause: "Zelenskyy
    // emphasized the ongoing efforts, stating".
    for (size_t t = last + 1; t-- > begin && last - t < 12;) {
      if (doc_.IsWord(t) && IsPronoun(doc_.Norm(t)) &&
          (t == begin || !doc_.IsWord(t - 1))) {
        return SetSpeaker(t, t + 1, q);
      }
      const int mm = MentionEndingAt(doc_.tokens()[t].end);
      if (mm >= 0) {
        const EntityType type =
            entities_.entities[entities_.mentions[mm].entity].type;
        if (type == EntityType::kPerson || type == EntityType::kOrganization) {
          const size_t first = doc_.TokenAt(entities_.mentions[mm].begin);
          return SetSpeaker(first, t + 1, q);
        }
      }
    }
    return false;
  }

  // The entity mention starting at token k, or after up to three title
  // words there ("Governor Talal al-Barazi", "Foreign Minister X").
  int MentionAfterTitles(size_t k) const {
    for (int n = 0; n < 4 && k < doc_.size(); ++n, ++k) {
      const int m = MentionStartingAt(doc_.tokens()[k].begin);
      if (m >= 0) return m;
      if (!doc_.IsWord(k) || !lexicon::IsPersonTitle(doc_.Norm(k))) break;
    }
    return -1;
  }

  int MentionStartingAt(uint32_t byte) const {
    const auto& ms = entities_.mentions;
    auto it = std::lower_bound(
        ms.begin(), ms.end(), byte,
        [](const EntityMention& m, uint32_t b) { return m.begin < b; });
    if (it != ms.end() && it->begin == byte)
      return static_cast<int>(it - ms.begin());
    return -1;
  }

  int MentionEndingAt(uint32_t byte) const {
    const auto& ms = entities_.mentions;
    auto it = std::lower_bound(
        ms.begin(), ms.end(), byte,
        [](const EntityMention& m, uint32_t b) { return m.end < b; });
    // Mentions do not overlap, so at most one ends at `byte`; a name
    // stripped of its possessive ends up to four bytes before its token.
    if (it != ms.end() && it->end == byte)
      return static_cast<int>(it - ms.begin());
    if (it != ms.begin() && byte - (it - 1)->end <= 4) {
      return static_cast<int>(it - 1 - ms.begin());
    }
    return -1;
  }

  // Sets the speaker to tokens [first, end) and resolves it.
  bool SetSpeaker(size_t first, size_t end, Quote* q) {
    if (first >= end || end > doc_.size()) return false;
    // Drop a leading "the".
    size_t f = first;
    if (doc_.IsWord(f, "the") && f + 1 < end) ++f;
    const uint32_t b = doc_.tokens()[f].begin, e = doc_.tokens()[end - 1].end;
    q->speaker.assign(doc_.text().substr(b, e - b));
    q->speaker_begin = b;
    q->speaker_end = e;
    q->speaker_name = q->speaker;
    q->speaker_entity = -1;
    q->confidence = 0.9f;
    if (end - f == 1 && IsPronoun(doc_.Norm(f))) {
      const std::string_view p = doc_.Norm(f);
      if (p == "he" || p == "she") {
        const int m = PersonBefore(b);
        if (m >= 0) {
          const EntityMention& em = entities_.mentions[m];
          q->speaker_entity = em.entity;
          q->speaker_name = entities_.entities[em.entity].name;
          q->confidence = 0.75f;
        } else {
          q->confidence = 0.4f;
        }
      } else {
        q->confidence = 0.4f;
      }
      return true;
    }
    // The entity mention inside the phrase, if any.
    const auto& ms = entities_.mentions;
    const auto from = std::lower_bound(
        ms.begin(), ms.end(), b,
        [](const EntityMention& m, uint32_t x) { return m.begin < x; });
    // Several ("IFRC spokesman Benoit Carpentier"): a person first, else
    // the last one, the head of the phrase.
    for (size_t k = static_cast<size_t>(from - ms.begin()); k < ms.size();
         ++k) {
      const EntityMention& em = ms[k];
      if (em.begin >= e) break;
      if (em.end > e) continue;
      const bool person =
          entities_.entities[em.entity].type == EntityType::kPerson;
      if (q->speaker_entity >= 0 && !person &&
          entities_.entities[q->speaker_entity].type == EntityType::kPerson) {
        continue;
      }
      q->speaker_entity = em.entity;
      q->speaker_name = entities_.entities[em.entity].name;
    }
    if (q->speaker_entity < 0) q->confidence = 0.6f;
    return true;
  }

  bool InsideAnyQuote(uint32_t begin, uint32_t end) const {
    // raw_ is sorted by position and its quotes do not overlap.
    auto it = std::upper_bound(
        raw_.begin(), raw_.end(), begin,
        [](uint32_t b, const RawQuote& r) { return b < r.content_begin; });
    if (it == raw_.begin()) return false;
    --it;
    return begin >= it->content_begin && end <= it->content_end;
  }

  // The most recent person mention ending before `byte`, outside quotes,
  // looking back at most 200 mentions.
  int PersonBefore(uint32_t byte) const {
    const auto& ms = entities_.mentions;
    auto it = std::lower_bound(
        ms.begin(), ms.end(), byte,
        [](const EntityMention& m, uint32_t b) { return m.begin < b; });
    const size_t upto = static_cast<size_t>(it - ms.begin());
    for (size_t k = upto, n = 0; k-- > 0 && n < 200; ++n) {
      if (ms[k].end > byte) continue;
      if (entities_.entities[ms[k].entity].type != EntityType::kPerson)
        continue;
      if (InsideAnyQuote(ms[k].begin, ms[k].end)) continue;
      return static_cast<int>(k);
    }
    return -1;
  }

  // Venue and audience after the verb: "on X", "in a video posted on the
  // Telegram messaging app", "in a statement", "told reporters".
  void Venue(size_t t, size_t to, Quote* q) {
    if (t >= to) return;
    if (q->verb == "told" || q->verb == "tells") {
      size_t e = t;
      while (e < to && e < t + 4 && doc_.IsWord(e) && !doc_.IsWord(e, "on") &&
             !doc_.IsWord(e, "in") && !doc_.IsWord(e, "that")) {
        ++e;
      }
      if (e > t) {
        const uint32_t b = doc_.tokens()[t].begin,
                       en = doc_.tokens()[e - 1].end;
        q->audience.assign(doc_.text().substr(b, en - b));
        t = e;
      }
    }
    if (!(doc_.IsWord(t, "on") || doc_.IsWord(t, "in") ||
          doc_.IsWord(t, "via") || doc_.IsWord(t, "during") ||
          doc_.IsWord(t, "at"))) {
      return;
    }
    size_t e = t;
    while (e < to && !doc_.IsPunct(e, ",") && !doc_.IsPunct(e, ";")) ++e;
    if (e == t) return;
    const uint32_t b = doc_.tokens()[t].begin, en = doc_.tokens()[e - 1].end;
    q->venue.assign(doc_.text().substr(b, en - b));
    // The platform: a known platform word in the venue ("X" must be
    // capitalised and alone).
    for (size_t k = t; k < e; ++k) {
      if (!doc_.IsWord(k)) continue;
      const std::string_view w = doc_.Norm(k);
      if (w == "x" && !doc_.Capitalized(k)) continue;
      if (lexicon::IsPlatform(w)) {
        q->platform = std::string(
            lexicon::NameAlias(w).empty() ? w : lexicon::NameAlias(w));
        break;
      }
    }
  }

  // A quote with no speaker continues the previous one when nothing but
  // the rest of the previous quote's sentence lies between them: the next
  // sentence ("..." X said. "...") or the next paragraph.
  bool ContinuesPrevious(const Quote& prev, const Quote& q) const {
    if (prev.speaker.empty() || q.begin < prev.end) return false;
    const std::string_view between =
        doc_.text().substr(prev.end, q.begin - prev.end);
    int breaks = 0, newlines = 0;
    bool after_break = false;
    for (char c : between) {
      if (c == '\n') {
        ++newlines;
        if (!after_break) ++breaks;
        after_break = true;
      } else if (c == '.' || c == '!' || c == '?') {
        if (after_break) return false;  // a second sentence
        ++breaks;
        after_break = true;
      } else if (after_break && c != ' ' && c != '\r' && c != '\t') {
        return false;  // words after the end of prev's sentence
      }
    }
    // A quote that ends its own sentence (". Then a new quote) also counts.
    const std::string_view prev_words =
        prev.parts.empty() ? std::string_view()
                           : doc_.text().substr(prev.parts.back().begin,
                                                prev.parts.back().end -
                                                    prev.parts.back().begin);
    const bool prev_ended = !prev_words.empty() && (prev_words.back() == '.' ||
                                                    prev_words.back() == '!' ||
                                                    prev_words.back() == '?');
    return newlines <= 2 && (breaks == 1 || (breaks == 0 && prev_ended));
  }

  const Document& doc_;
  const EntityResult& entities_;
  const QuoteOptions& options_;
  std::vector<RawQuote> raw_;
  // NextLineByte's last searches: from where, and the hit (or the size).
  size_t nl_from_ = 1, nl_hit_ = 0, cr_from_ = 1, cr_hit_ = 0;
};

}  // namespace

std::vector<Quote> FindQuotes(const Document& doc, const EntityResult& entities,
                              const QuoteOptions& options) {
  QuoteFinder finder(doc, entities, options);
  return finder.Run();
}

std::vector<Quote> FindQuotes(std::string_view text,
                              const QuoteOptions& options) {
  const Document doc(text);
  const std::vector<DateMention> dates = FindDates(doc, std::nullopt);
  const EntityResult entities = FindEntities(doc, dates);
  return FindQuotes(doc, entities, options);
}

}  // namespace concord::facts
