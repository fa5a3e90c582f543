// Document construction and the small word helpers shared by the
// extractors. The plural rules are the regular English ones plus a short
// list of irregular and invariant nouns common in news.
#include "src/facts/document.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <limits>

#include "src/base/word_table.h"
#include "src/facts/lexicon.h"
#include "src/text/numbers.h"

namespace concord::facts {

using text::Token;
using text::TokenKind;

namespace {

// Token vectors of destroyed Documents, kept for the next Documents built on
// this thread. Tokenize() overwrites the tokens a vector holds in place (a
// norm's string keeps its buffer), so a reused vector saves constructing
// and destroying a string per token. The engine keeps a story's Documents
// alive together, so a few vectors are pooled; very large ones are not.
// Each token's sentence index goes with them (written for every token, so
// its old values need no clearing), and the start lists' room.
constexpr size_t kMaxPooledVectors = 8;
constexpr size_t kMaxPooledTokens = size_t{1} << 16;

struct PooledVectors {
  std::vector<Token> tokens;
  std::vector<uint32_t> sentence_of;
  std::vector<uint32_t> number_starts, date_starts, vague_words, quote_marks;
};

std::vector<PooledVectors>& TokenPool() {
  thread_local std::vector<PooledVectors> pool;
  return pool;
}

}  // namespace

Document::Document(std::string_view body) : text_(body) {
  std::vector<PooledVectors>& pool = TokenPool();
  if (!pool.empty()) {
    tokens_.swap(pool.back().tokens);
    sentence_of_.swap(pool.back().sentence_of);
    number_starts_.swap(pool.back().number_starts);
    date_starts_.swap(pool.back().date_starts);
    vague_words_.swap(pool.back().vague_words);
    quote_marks_.swap(pool.back().quote_marks);
    pool.pop_back();
  }
  // About one token per five bytes of news text: most bodies then fill the
  // vector without growing it (each growth moves every token's norm).
  tokens_.reserve(text_.size() / 5 + 8);
  text::Tokenize(text_, &tokens_, {.keep_punct = true});
  sentences_ = text::SplitSentences(text_);
  const size_t n = tokens_.size();
  sentence_of_.resize(n);
  sentence_first_.assign(sentences_.size() + 1, n);
  // Each token's sentence, found in FindStarts' pass over the tokens.
  FindStarts();
  // Sentences without tokens start where the next one does.
  for (size_t k = sentences_.size(); k-- > 0;) {
    sentence_first_[k] = std::min(sentence_first_[k], sentence_first_[k + 1]);
  }
  if (sentences_.empty()) {
    // No sentence (white space only): one empty pseudo-sentence keeps
    // SentenceOf() valid (FindStarts gave every token sentence 0).
    sentences_.push_back({0, static_cast<uint32_t>(text_.size())});
    pseudo_sentence_ = true;
    sentence_first_.assign(2, 0);
    sentence_first_[1] = tokens_.size();
  }
  sentence_first_word_.assign(sentences_.size(), tokens_.size());
  for (size_t s = 0; s < sentences_.size(); ++s) {
    for (size_t k = sentence_first_[s]; k < sentence_first_[s + 1]; ++k) {
      if (tokens_[k].kind != TokenKind::kPunct) {
        sentence_first_word_[s] = k;
        break;
      }
    }
  }
}

Document::~Document() {
  std::vector<PooledVectors>& pool = TokenPool();
  if (pool.size() < kMaxPooledVectors &&
      tokens_.capacity() <= kMaxPooledTokens) {
    pool.push_back({std::move(tokens_), std::move(sentence_of_),
                    std::move(number_starts_), std::move(date_starts_),
                    std::move(vague_words_), std::move(quote_marks_)});
  }
}

namespace {

// What a token is to FindStarts(). The number bits are
// text::NumberStarterNeeds()'s, shifted; a starter word that needs a look
// at the tokens after it is settled in FindStarts' second pass.
enum StartBits : uint16_t {
  kStartsAlone = text::kStartsAlone,          // 1
  kNeedsHedgeWord = text::kNeedsHedgeWord,    // 2
  kNeedsScale = text::kNeedsScale,            // 4
  kNeedsNumberNext = text::kNeedsNumberNext,  // 8
  kNumberStarter = 1 << 4,  // any of the four above (a starter word)
  kHedgeLater = 1 << 5,     // in text::NumberHedgeLaterWords()
  kArticleScale = 1 << 6,   // in text::NumberArticleScales()
  kDateStart = 1 << 7,      // in DateStartWords()
  kCapitalDate = 1 << 8,    // a month or weekday: a date start in capitals
  kVague = 1 << 9,          // in VagueWords()
  kAgo = 1 << 10,           // "ago": the word two before starts a date
  kWordToken = 1 << 11,     // (not in the table) a word token
  kNumberNow = 1 << 12,     // (not in the table) starts a number as it is
  kQuoteMark = 1 << 13,     // (not in the table) may be a quote mark
};
static_assert(text::kStartsAlone == 1 && text::kNeedsHedgeWord == 2 &&
              text::kNeedsScale == 4 && text::kNeedsNumberNext == 8);

// The words of every list above with their bits, looked up once per word
// token. Words of one to eight bytes (all but a few long number words and
// hedges) are found by a key made of their bytes (the first and last four,
// or for 1-3 bytes the first, middle and last, which with the length name
// the word) in an open-addressing table at most a quarter full: a multiply
// and a compare or two, where a FlatMap would mix a filter bit and then
// hash the many words that pass it ("a", "to", "of" are in the table).
class StartTable {
 public:
  StartTable() {
    std::vector<std::pair<std::string_view, uint16_t>> words;
    auto add = [&words](std::string_view w, uint16_t bit) {
      MergeWordBits(&words, w, bit);
    };
    for (const auto& [w, need] : text::NumberStarterNeeds()) {
      add(w, need | kNumberStarter);
    }
    for (std::string_view w : text::NumberHedgeLaterWords()) {
      add(w, kHedgeLater);
    }
    for (std::string_view w : text::NumberArticleScales()) {
      add(w, kArticleScale);
    }
    for (std::string_view w : DateStartWords()) add(w, kDateStart);
    for (std::string_view w : lexicon::ClassifiedWords()) {
      if (lexicon::WordClasses(w) & lexicon::word_class::kMonthOrWeekday) {
        add(w, kCapitalDate);
      }
    }
    for (std::string_view w : VagueWords()) add(w, kVague);
    add("ago", kAgo);
    size_t short_words = 0;
    for (const auto& [w, bits] : words) short_words += Short(w);
    size_t size = 16;
    while (size < 4 * short_words) size *= 2;
    shift_ = 64 - static_cast<int>(std::countr_zero(size));
    slots_.assign(size, Slot{});
    for (const auto& [w, bits] : words) {
      if (!Short(w)) {
        long_words_.Insert(w, bits);
        continue;
      }
      const uint64_t key = Key(w);
      size_t i = Index(key);
      while (slots_[i].bits != 0) i = (i + 1) & (size - 1);
      slots_[i] = {key, static_cast<uint8_t>(w.size()), bits};
    }
  }

  // The bits of `w`, 0 if it is on no list.
  uint16_t Find(std::string_view w) const {
    if (!Short(w)) {
      const uint16_t* bits = long_words_.Find(w);
      return bits == nullptr ? 0 : *bits;
    }
    const uint64_t key = Key(w);
    const size_t mask = slots_.size() - 1;
    for (size_t i = Index(key);; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.bits == 0) return 0;
      if (s.key == key && s.length == w.size()) return s.bits;
    }
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint8_t length = 0;
    uint16_t bits = 0;  // 0: empty (every word has a bit)
  };

  static bool Short(std::string_view w) { return w.size() - 1 < 8; }
  // REQUIRES: Short(w).
  static uint64_t Key(std::string_view w) {
    const char* p = w.data();
    const size_t n = w.size();
    if (n >= 4) {
      uint32_t head, tail;
      std::memcpy(&head, p, 4);
      std::memcpy(&tail, p + n - 4, 4);
      return head | uint64_t{tail} << 32;
    }
    return uint64_t{static_cast<uint8_t>(p[0])} |
           uint64_t{static_cast<uint8_t>(p[n / 2])} << 8 |
           uint64_t{static_cast<uint8_t>(p[n - 1])} << 16;
  }
  size_t Index(uint64_t key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }

  std::vector<Slot> slots_;
  int shift_ = 60;
  FlatMap<uint16_t> long_words_;
};

const StartTable& StartWords() {
  static const StartTable kTable;
  return kTable;
}

}  // namespace

void Document::FindStarts() {
  number_starts_.clear();
  date_starts_.clear();
  vague_words_.clear();
  quote_marks_.clear();
  const StartTable& table = StartWords();
  const uint32_t n = static_cast<uint32_t>(tokens_.size());
  // First pass: each token's bits (one look-up per word), and the tokens
  // with any start bit. Per thread: the room is reused.
  thread_local std::vector<uint16_t> bits_of;
  thread_local std::vector<uint32_t> marked;
  bits_of.resize(n + 2);  // two past the end read as no token
  bits_of[n] = bits_of[n + 1] = 0;
  marked.resize(n);
  // Raw pointers in the loop: the compiler cannot tell that its stores
  // leave the vectors' own pointers alone.
  uint16_t* const bits_out = bits_of.data();
  uint32_t* const marks = marked.data();
  size_t marks_size = 0;
  const Token* const toks = tokens_.data();
  const char* const bytes = text_.data();
  constexpr uint16_t kStartMask = kNumberNow | kNumberStarter | kDateStart |
                                  kCapitalDate | kVague | kQuoteMark;
  // A token belongs to the first sentence (from the previous token's) it
  // begins before the end of, the last sentence taking the rest; a sentence
  // starts at the first token that reaches it (or that passes it by).
  // (No sentence: every token's is 0, as the pseudo-sentence wants.)
  uint32_t* const sentence_of = sentence_of_.data();
  const size_t sentences = sentences_.size();
  uint32_t sentence = 0;
  auto end_of = [&](uint32_t k) {
    return k + 1 < sentences ? sentences_[k].end
                             : std::numeric_limits<uint32_t>::max();
  };
  uint32_t sentence_end = end_of(0);
  if (sentences > 0) sentence_first_[0] = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = toks[i];
    while (t.begin >= sentence_end) {
      ++sentence;
      sentence_first_[sentence] = i;
      sentence_end = end_of(sentence);
    }
    sentence_of[i] = sentence;
    uint16_t bits = 0;
    if (t.kind == TokenKind::kNumber) {
      bits = kNumberNow | kDateStart;
    } else if (t.kind == TokenKind::kPunct) {
      // text::MayStartNumber for punctuation: one ASCII byte other than a
      // sign or '$' starts nothing.
      bits = text::NonStarterPunct(text_, t) ? 0 : kNumberNow;
      const unsigned char c = static_cast<unsigned char>(bytes[t.begin]);
      if (t.end - t.begin == 1) {
        if (c == '"') bits = kQuoteMark;
      } else if (c == 0xC2 || c == 0xE2) {
        bits |= kQuoteMark;  // "\u00AB", "\u00BB", "\u201C", "\u201D", "\u201E"
      }
    } else {
      bits = kWordToken;
      if (const uint16_t found = table.Find(t.norm); found != 0) {
        bits |= found;
        if ((bits & kCapitalDate) && !t.capitalized) bits &= ~kCapitalDate;
        if ((bits & kAgo) && i >= 2 && (bits_out[i - 2] & kWordToken)) {
          // Token i - 2 starts a date too: mark it in its place (it may
          // be marked already, and i - 1 after it).
          const uint32_t w = i - 2;
          if (!(bits_out[w] & kStartMask)) {
            size_t at = marks_size;
            while (at > 0 && marks[at - 1] > w) --at;
            for (size_t k = marks_size; k > at; --k) marks[k] = marks[k - 1];
            marks[at] = w;
            ++marks_size;
          }
          bits_out[w] |= kDateStart;
        }
      }
    }
    bits_out[i] = bits;
    // Written always, kept when marked (no branch on the bits).
    marks[marks_size] = i;
    marks_size += (bits & kStartMask) != 0;
  }
  marked.resize(marks_size);
  // Second pass, over the marked tokens: a starter word starts a number
  // only as text::MayStartNumberAt says, from the bits of the next tokens.
  for (const uint32_t i : marked) {
    const uint16_t bits = bits_of[i];
    if (bits & (kNumberNow | kStartsAlone)) {
      number_starts_.push_back(i);
    } else if (bits & kNumberStarter) {
      const uint16_t next = bits_of[i + 1], after = bits_of[i + 2];
      const bool has_next = i + 1 < n;
      if (((bits & kNeedsHedgeWord) && (next & kHedgeLater)) ||
          ((bits & kNeedsScale) &&
           ((next & kArticleScale) || (after & kArticleScale))) ||
          ((bits & kNeedsNumberNext) && has_next &&
           (!(next & kWordToken) || (next & kNumberStarter)))) {
        number_starts_.push_back(i);
      }
    }
    if (bits & (kDateStart | kCapitalDate)) date_starts_.push_back(i);
    if (bits & kVague) vague_words_.push_back(i);
    if (bits & kQuoteMark) quote_marks_.push_back(i);
  }
  // The per-thread room is kept for bodies of common size only (as the
  // token pool is), not for the largest one a thread ever saw.
  if (n > kMaxPooledTokens) {
    std::vector<uint16_t>().swap(bits_of);
    std::vector<uint32_t>().swap(marked);
  }
}

bool Document::SentenceInitial(size_t i) const {
  if (i >= tokens_.size()) return false;
  return sentence_first_word_[sentence_of_[i]] == i;
}

size_t Document::TokenAt(uint32_t byte) const {
  const auto it =
      std::upper_bound(tokens_.begin(), tokens_.end(), byte,
                       [](uint32_t b, const Token& t) { return b < t.end; });
  return static_cast<size_t>(it - tokens_.begin());
}

namespace {

const FlatMap<std::string_view>& Irregular() {
  static const FlatMap<std::string_view> kMap = {
      {"men", "man"},
      {"women", "woman"},
      {"children", "child"},
      {"feet", "foot"},
      {"teeth", "tooth"},
      {"mice", "mouse"},
      {"lives", "life"},
      {"wives", "wife"},
      {"knives", "knife"},
      {"thieves", "thief"},
      {"leaves", "leaf"},
      {"halves", "half"},
      {"wolves", "wolf"},
      {"shelves", "shelf"},
      {"policemen", "policeman"},
      {"servicemen", "serviceman"},
      {"gunmen", "gunman"},
      {"crises", "crisis"},
      {"analyses", "analysis"},
      {"militia", "militia"},
      {"data", "data"},
  };
  return kMap;
}

// Nouns that are plural without "-s", or end in "s" without being plural.
const WordSet& Invariant() {
  static const WordSet kSet = {
      "people",  "police", "personnel",    "staff",  "cattle",  "sheep",
      "fish",    "deer",   "aircraft",     "crew",   "news",    "series",
      "species", "means",  "headquarters", "troops", "physics", "civilians",
  };
  return kSet;
}

// Inline byte compares: these run for every word after a number and for
// every name's last word, with literal suffixes.
inline bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  const char* tail = s.data() + (s.size() - suffix.size());
  for (size_t k = 0; k < suffix.size(); ++k) {
    if (tail[k] != suffix[k]) return false;
  }
  return true;
}

}  // namespace

bool LooksPlural(std::string_view w) {
  if (w.size() < 3) return false;
  if (Irregular().Find(w) != nullptr && w != "militia" && w != "data") {
    return true;
  }
  if (w == "people" || w == "police" || w == "personnel" || w == "cattle" ||
      w == "aircraft" || w == "staff" || w == "crew") {
    return true;
  }
  if (w == "news" || w == "series" || w == "species") return false;
  if (!EndsWith(w, "s")) return false;
  if (EndsWith(w, "ss") || EndsWith(w, "us") || EndsWith(w, "is") ||
      EndsWith(w, "'s")) {
    return false;
  }
  static const WordSet kNotPlural = {
      "this",     "its",       "has",         "was",     "his",
      "hers",     "ours",      "yours",       "theirs",  "always",
      "perhaps",  "whereas",   "besides",     "towards", "afterwards",
      "gas",      "bias",      "alias",       "atlas",   "canvas",
      "chaos",    "ethos",     "thus",        "does",    "goes",
      "says",     "lets",      "yes",         "plus",    "minus",
      "versus",   "across",    "less",        "unless",  "christmas",
      "kansas",   "texas",     "paris",       "lens",    "mathematics",
      "politics", "economics", "whereabouts",
  };
  return !kNotPlural.Contains(w);
}

void Singular(std::string_view w, std::string* out) {
  out->assign(w);
  if (const std::string_view* singular = Irregular().Find(w)) {
    out->assign(*singular);
    return;
  }
  if (Invariant().Contains(w)) {
    if (w == "troops") out->assign("troop");
    if (w == "civilians") out->assign("civilian");
    return;
  }
  if (!LooksPlural(w)) return;
  if (EndsWith(w, "ies") && w.size() > 4) {
    out->assign(w.substr(0, w.size() - 3));
    out->push_back('y');
  } else if (EndsWith(w, "sses") || EndsWith(w, "shes") ||
             EndsWith(w, "ches") || EndsWith(w, "xes") || EndsWith(w, "zes") ||
             EndsWith(w, "oes")) {
    out->assign(w.substr(0, w.size() - 2));
  } else {
    out->assign(w.substr(0, w.size() - 1));
  }
}

std::string_view StripPossessive(std::string_view w) {
  if (EndsWith(w, "'s")) return w.substr(0, w.size() - 2);
  if (w.size() > 2 && EndsWith(w, "s'")) return w.substr(0, w.size() - 1);
  return w;
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDay CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(y + (m <= 2)), m, d};
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

int WeekdayOfDays(int64_t days) {
  // 1970-01-01 was a Thursday (3).
  const int64_t w = (days + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

std::string IsoDate(int64_t days) {
  const CivilDay c = CivilFromDays(days);
  if (c.year < 0 || c.year > 9999) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
  }
  // The same bytes as "%04d-%02d-%02d", without snprintf (called for every
  // resolved date).
  std::string out = "0000-00-00";
  auto put = [&out](size_t at, int v, int width) {
    for (int k = width - 1; k >= 0; --k, v /= 10) {
      out[at + static_cast<size_t>(k)] = static_cast<char>('0' + v % 10);
    }
  };
  put(0, c.year, 4);
  put(5, c.month, 2);
  put(8, c.day, 2);
  return out;
}

}  // namespace concord::facts
