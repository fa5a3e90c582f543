// Named-entity finding by capitalisation and cues, and variant merging.
//
// The idea. English marks names with capitals, so a run of capitalised
// words (joined by "of", "for", "and", "al-" and hyphens) is a name
// candidate; the hard part is what is not a name: sentence-initial words
// ("The", "Exhausted"), titles ("President"), title-case headlines, dates.
// A sentence-initial single word is kept only if the text also capitalises
// it mid-sentence, or the lexicons know it. The type comes from summed cue
// weights (lexicon hits 2-2.5, a title 2, a preposition or reporting verb
// about 1), so one strong cue beats several weak ones; the merged entity
// votes over all its mentions.
//
// Institutions are the one pattern matched regardless of case: a country
// name with a possessive, a demonym or a capital used for the government,
// then institution modifiers and an institution noun ("Russia's Defense
// Ministry", "the Russian defence ministry", "Moscow's defence ministry").
// Their key is the country plus the British-spelt rest, so the three merge.
//
// Merging works on keys (EntityKey): each word is reduced to a
// transliteration skeleton (y->i, doubled letters collapsed, kh->h, ts->c,
// ph->f, w->v, "al-" dropped), so "Zelenskyy" and "Zelensky" share a key.
// Then three passes join groups: initialisms ("UAE"), surnames of person
// names, and long names within a Levenshtein allowance ("Rivnopillia" /
// "Rivnopollia"); each uses a union-find over the groups.
//
// Cost: one pass over the tokens; merging is quadratic in distinct keys.
// Tests: entities_test.cc (golden table), facts_test.cc (the seed texts).
#include "src/facts/entities.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <numeric>
#include <span>
#include <string>

#include "src/base/hash.h"
#include "src/base/short_string.h"
#include "src/base/word_table.h"
#include "src/facts/lexicon.h"
#include "src/text/normalizer.h"

namespace concord::facts {
namespace {

namespace wc = lexicon::word_class;

constexpr size_t kNpos = static_cast<size_t>(-1);
// Longest name run in tokens; longer capitalised runs are not one name.
constexpr size_t kMaxRunTokens = 16;
// Merge passes compare at most this many pairs of groups (a bound for
// adversarial texts with many distinct names; news has tens).
constexpr size_t kMaxFuzzyPairs = 200000;

bool ConnectorTable(std::string_view w) {
  static const WordSet kWords = {"of",  "for", "and", "de",  "du", "bin",
                                 "ibn", "van", "von", "der", "da", "di",
                                 "la",  "le",  "del", "on"};
  return kWords.Contains(w);
}

// Every connector has two or three letters; most words asked have more, and
// leave at this inline test (before a call and the table's guard).
inline bool Connector(std::string_view w) {
  return w.size() - 2 <= 1 && ConnectorTable(w);
}

bool ArabicArticleTable(std::string_view w) {
  static const WordSet kWords = {"al", "el", "ad", "as",  "ash", "an",
                                 "ar", "at", "az", "abu", "bin", "ibn"};
  return kWords.Contains(w);
}

// As Connector: two or three letters.
inline bool ArabicArticle(std::string_view w) {
  return w.size() - 2 <= 1 && ArabicArticleTable(w);
}

// Title words that can only be part of a longer title ("Foreign Minister").
bool TitleModifier(std::string_view w) {
  static const WordSet kWords = {"assistant", "senior",  "supreme", "state",
                                 "foreign",   "defence", "defense", "interior",
                                 "finance",   "prime",   "vice",    "deputy",
                                 "chief",     "general", "former",  "acting"};
  return kWords.Contains(w);
}

constexpr std::string_view kPlaceNounsBefore[] = {
    "village",  "villages",   "town",        "towns",      "city",
    "cities",   "settlement", "settlements", "region",     "regions",
    "province", "district",   "hub",         "stronghold", "capital",
    "port",     "border",     "country",     "countries"};

// Per length n < 16, bit c - 'a': one of `words` has n letters and starts
// with c. (The words are lower-case ASCII; one of 16 letters or more fails
// to compile.)
template <size_t N>
constexpr std::array<uint32_t, 16> FirstsByLength(
    const std::string_view (&words)[N]) {
  std::array<uint32_t, 16> m{};
  for (std::string_view w : words) m[w.size()] |= 1u << (w[0] - 'a');
  return m;
}

// False proves `w` in none of the words FirstsByLength gave `firsts` for:
// an inline test that turns away most words before a table's call.
inline bool MayBeIn(const std::array<uint32_t, 16>& firsts,
                    std::string_view w) {
  if (w.empty() || w.size() >= firsts.size()) return false;
  const unsigned c = static_cast<unsigned char>(w[0]) - unsigned{'a'};
  return c < 26 && (firsts[w.size()] >> c & 1) != 0;
}

constexpr std::array<uint32_t, 16> kPlaceNounFirsts =
    FirstsByLength(kPlaceNounsBefore);

bool PlaceNounBeforeTable(std::string_view w) {
  static const WordSet kWords(kPlaceNounsBefore);
  return kWords.Contains(w);
}

// Asked of up to five words before every name: the first letter for the
// length turns away nearly all ("the", "said", "in") before the call.
inline bool PlaceNounBefore(std::string_view w) {
  return MayBeIn(kPlaceNounFirsts, w) && PlaceNounBeforeTable(w);
}

// Last words of street, building and site names ("Tanner Street").
bool StreetHead(std::string_view w) {
  static const WordSet kWords = {"street",  "road",      "lane",    "avenue",
                                 "square",  "boulevard", "bridge",  "park",
                                 "airport", "station",   "harbour", "harbor",
                                 "dam",     "stadium",   "plaza",   "highway"};
  return kWords.Contains(w);
}

constexpr std::string_view kPlacePrepositions[] = {
    "in",     "near",    "from",   "to",         "across", "into", "outside",
    "around", "towards", "toward", "throughout", "inside", "via"};
constexpr std::array<uint32_t, 16> kPlacePrepositionFirsts =
    FirstsByLength(kPlacePrepositions);

bool PlacePrepositionTable(std::string_view w) {
  static const WordSet kWords(kPlacePrepositions);
  return kWords.Contains(w);
}

// Asked of the word before every name ("the", "and", "said" leave early).
inline bool PlacePreposition(std::string_view w) {
  return MayBeIn(kPlacePrepositionFirsts, w) && PlacePrepositionTable(w);
}

bool Pronoun(std::string_view w) {
  static const WordSet kWords = {"i", "he", "she", "it", "we", "they", "you"};
  return kWords.Contains(w);
}

// Skeleton of one folded word for merging spelling variants.
void AppendSkeleton(std::string_view w, std::string* out) {
  // Drop an Arabic article prefix ("al-assad" -> "assad").
  for (std::string_view p :
       {"al-", "el-", "ad-", "as-", "ash-", "ar-", "az-"}) {
    if (w.size() > p.size() + 2 && w.substr(0, p.size()) == p) {
      w.remove_prefix(p.size());
      break;
    }
  }
  // Each input byte gives at most one output byte: write in place, and
  // collapse doubled letters ("ii" -> "i", "ll" -> "l") as they are written
  // (the last byte written is always the previous skeleton letter).
  const size_t base = out->size();
  out->resize(base + w.size());
  char* o = out->data() + base;
  int last = -1;  // the last byte written for this word (none: -1)
  auto put = [&](char c) {
    const int b = static_cast<unsigned char>(c);
    if (b != last) {
      *o++ = c;
      last = b;
    }
  };
  // Per byte: 0 copied as it is (most letters), 1 dropped, 2 a letter
  // with a rule below.
  static constexpr std::array<uint8_t, 256> kRule = [] {
    std::array<uint8_t, 256> t{};
    for (const unsigned char c : {'-', '\'', '.'}) t[c] = 1;
    for (const unsigned char c : {'k', 't', 'p', 'c', 'w', 'y'}) t[c] = 2;
    return t;
  }();
  for (size_t k = 0; k < w.size(); ++k) {
    const char c = w[k];
    const uint8_t rule = kRule[static_cast<unsigned char>(c)];
    if (rule == 0) {
      put(c);
      continue;
    }
    if (rule == 1) continue;
    const char n = k + 1 < w.size() ? w[k + 1] : '\0';
    if (c == 'k' && n == 'h') {
      put('h');
      ++k;
    } else if ((c == 't' && (n == 's' || n == 'z'))) {
      put('c');
      ++k;
    } else if (c == 'p' && n == 'h') {
      put('f');
      ++k;
    } else if (c == 'c' && n == 'k') {
      put('k');
      ++k;
    } else if (c == 'w') {
      put('v');
    } else if (c == 'y') {
      put('i');
    } else {
      put(c);
    }
  }
  out->resize(static_cast<size_t>(o - out->data()));
}

std::string Fold(std::string_view s) {
  std::string out;
  text::FoldWord(s, &out);
  return out;
}

void SplitWords(std::string_view s, std::vector<std::string_view>* out) {
  std::vector<std::string_view>& words = *out;
  words.clear();
  const char* const p = s.data();
  const size_t n = s.size();
  size_t start = 0;
  size_t k = 0;
  for (;;) {
    // Every separator is a byte <= ' '; most bytes are above it. Eight at a
    // time: (x - 0x21..) & ~x & 0x80.. flags the bytes below 0x21, the
    // lowest flag exactly (a borrow only reaches the bytes above it).
    bool found = false;
    while (k + 8 <= n) {
      uint64_t x;
      std::memcpy(&x, p + k, 8);
      constexpr uint64_t kOnes = 0x0101010101010101ull;
      const uint64_t below = (x - 0x21 * kOnes) & ~x & (0x80 * kOnes);
      if (below != 0) {
        k += static_cast<size_t>(std::countr_zero(below)) >> 3;
        found = true;
        break;
      }
      k += 8;
    }
    if (!found) {
      for (; k < n; ++k) {
        const unsigned char c = static_cast<unsigned char>(p[k]);
        if (c <= ' ') break;
      }
      if (k >= n) break;
    }
    const char c = p[k];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (k > start) words.emplace_back(p + start, k - start);
      start = k + 1;
    }
    ++k;
  }
  if (n > start) words.emplace_back(p + start, n - start);
}

// The country key of the first word of a folded name used as an
// institution prefix: "russia's", "russian", "moscow's", "u.s.". A demonym,
// name or capital works with or without a possessive
// ("Russian army", "Russia's army", "U.S. military", "Moscow's ministry").
std::string_view CountryPrefix(std::string_view first_word) {
  return lexicon::CountryKey(StripPossessive(first_word));
}

// Whether the Levenshtein distance of a and b is at most `limit`. A path
// through a cell more than `limit` off the diagonal costs more than
// `limit`, so only the band |i - j| <= limit of each row is filled (5
// cells a row for two edits, not the whole row); a cell outside the band
// reads as limit + 1.
bool WithinLimitBanded(std::string_view a, std::string_view b, int limit) {
  if (static_cast<int>(a.size()) - static_cast<int>(b.size()) > limit ||
      static_cast<int>(b.size()) - static_cast<int>(a.size()) > limit) {
    return false;
  }
  const int out = limit + 1;  // any distance beyond the limit
  const size_t band = static_cast<size_t>(limit);
  const size_t n = b.size();
  // Two rows, reused across calls (this runs for many pairs per text).
  thread_local std::vector<int> prev, cur;
  prev.assign(n + 2, out);
  cur.assign(n + 2, out);
  for (size_t j = 0; j <= std::min(n, band); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    const size_t lo = i > band ? i - band : 1;
    const size_t hi = std::min(n, i + band);
    // The cell left of the band: column 0 (i edits) or outside it.
    cur[lo - 1] = lo == 1 ? std::min(static_cast<int>(i), out) : out;
    int row_min = cur[lo - 1];
    for (size_t j = lo; j <= hi; ++j) {
      const int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      const int v = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    cur[hi + 1] = out;  // the next row's band reaches one further
    if (row_min > limit) return false;
    std::swap(prev, cur);
  }
  return prev[n] <= limit;
}

// Levenshtein(a, b, 1) <= 1 in one pass, without the rows: strings of one
// length differ in at most one place, a string one byte longer is the
// other with one byte inserted. (Most fuzzy comparisons allow one edit.)
bool WithinOneEdit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;  // equal, or b has one more byte at the end
  if (a.size() == b.size()) return a.substr(i + 1) == b.substr(i + 1);
  return a.substr(i) == b.substr(i + 1);
}

}  // namespace

bool WithinEditDistance(std::string_view a, std::string_view b, int limit) {
  if (limit == 1) return WithinOneEdit(a, b);
  return WithinLimitBanded(a, b, limit);
}

namespace {

// The words an initialism leaves out ("United Arab Emirates" -> "UAE",
// "Organization of ..." -> "O...").
bool SkippedByInitials(std::string_view w) {
  return w == "of" || w == "the" || w == "and" || w == "for" || w == "de" ||
         w == "al";
}

// The initials of a name's content words, kept with its other facts: acronyms
// are 2 to 6 letters, so more initials than 6 are only marked (they equal
// no acronym's letters).
struct NameInitials {
  char letters[6] = {};
  uint8_t size = 0;
  bool more_than_six = false;
  bool known = false;  // computed (an institution's are not, up front)
};

// The initials of a name's words (SplitWords of its folded form).
NameInitials InitialsOfWords(std::span<const std::string_view> words) {
  NameInitials in;
  in.known = true;
  for (std::string_view w : words) {
    if (SkippedByInitials(w)) continue;
    if (in.size == sizeof(in.letters)) {
      in.more_than_six = true;
      break;
    }
    in.letters[in.size++] = w[0];
  }
  return in;
}

// Whether an acronym's `letters` (2-6) are the initials of the content
// words of `name` ("uae", "United Arab Emirates").
bool InitialsAre(std::string_view letters, std::string_view name) {
  thread_local std::vector<std::string_view> words;
  const std::string folded = Fold(name);
  SplitWords(folded, &words);
  const NameInitials in = InitialsOfWords(words);
  return !in.more_than_six && std::string_view(in.letters, in.size) == letters;
}

// The letters of an acronym ("U.S." -> "us", "UAE" -> "uae"); empty if the
// name is not one (must be 2-6 letters, all caps in the original).
std::string AcronymLetters(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '.') continue;
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      return {};
    }
  }
  return out.size() >= 2 && out.size() <= 6 ? out : std::string();
}

void KeyOfWords(std::span<const std::string_view> folded_words,
                std::string* key);

// What EmitClean reads from a name's own words, the same for every mention
// of the name (its key is kept beside it, in the memo's arena).
struct NameFacts {
  uint32_t words = 0;  // of the folded name; 0: no name (nothing emitted)
  lexicon::CountryCue cue = lexicon::CountryCue::kNone;  // of the whole name
  bool place_lexicon = false;    // a country name, capital or known place
  bool org_head_last = false;    // the last word is an organisation head
  bool org_head_inside = false;  // so is a word between the first and last
  bool org_by_itself = false;    // "Kremlin", "Pentagon", "Rada"
  bool news_outlet = false;
  bool street = false;  // several words, the last a street or site head
  bool platform = false;
  NameInitials initials;  // of the folded name's words
};

// The name memo's hash of a name or key: HashShortString up to 16 bytes
// (most names), Hash64 (XXH3) beyond. (A probe compares the bytes anyway.)
uint64_t NameHash(std::string_view s) {
  return s.size() > 16 ? Hash64(s) : HashShortString(s);
}

// Per thread, by name as written: its EntityKey (and the key's hash, which
// Merge groups by) and, once a mention of it was emitted, its NameFacts.
// EntityKey() and the finder share the memo (pure functions of the name:
// the memo changes no answer). An open-addressed table of entry indices
// over one byte arena holding every name and key, so a new name costs no
// node and no string of its own (the node-based map's look-ups and
// insertions were ~1 % of the samples). Bounded: cleared when full.
class NameMemo {
 public:
  static constexpr uint32_t kNone = static_cast<uint32_t>(-1);
  struct Entry {
    uint64_t hash = 0;      // NameHash(name)
    uint64_t key_hash = 0;  // NameHash(key)
    uint32_t name_at = 0, name_size = 0, key_at = 0, key_size = 0;
    bool has_facts = false;
    NameFacts facts;
  };

  static NameMemo& ForThread() {
    thread_local NameMemo memo;
    return memo;
  }

  // The index of name's entry (hash = NameHash(name)), or kNone.
  uint32_t Find(std::string_view name, uint64_t hash) const {
    if (slots_.empty()) return kNone;
    const size_t mask = slots_.size() - 1;
    for (size_t h = hash & mask;; h = (h + 1) & mask) {
      const uint32_t k = slots_[h];
      if (k == kNone) return kNone;
      const Entry& e = entries_[k];
      if (e.hash == hash &&
          SameShortString(
              std::string_view(arena_.data() + e.name_at, e.name_size), name)) {
        return k;
      }
    }
  }

  // Adds name (not in the memo) with its key; returns its index. When the
  // memo is full it is cleared first: indices, entries and views from
  // before are void after any Add.
  uint32_t Add(std::string_view name, uint64_t hash, std::string_view key) {
    if (entries_.size() >= kMaxEntries || arena_.size() > kMaxArena) {
      entries_.clear();
      arena_.clear();
      slots_.assign(slots_.size(), kNone);
    }
    if (2 * (entries_.size() + 1) > slots_.size()) Grow();
    const uint32_t k = static_cast<uint32_t>(entries_.size());
    Entry& e = entries_.emplace_back();
    e.hash = hash;
    e.key_hash = NameHash(key);
    e.name_at = static_cast<uint32_t>(arena_.size());
    e.name_size = static_cast<uint32_t>(name.size());
    arena_.append(name);
    e.key_at = static_cast<uint32_t>(arena_.size());
    e.key_size = static_cast<uint32_t>(key.size());
    arena_.append(key);
    const size_t mask = slots_.size() - 1;
    size_t h = hash & mask;
    while (slots_[h] != kNone) h = (h + 1) & mask;
    slots_[h] = k;
    return k;
  }

  Entry& entry(uint32_t k) { return entries_[k]; }
  std::string_view Key(const Entry& e) const {
    return {arena_.data() + e.key_at, e.key_size};
  }

 private:
  static constexpr size_t kMaxEntries = size_t{1} << 16;
  static constexpr size_t kMaxArena = size_t{1} << 24;  // bytes

  // Doubles the slots (at least 1024) and places every entry again.
  void Grow() {
    slots_.assign(std::max<size_t>(1024, 2 * slots_.size()), kNone);
    const size_t mask = slots_.size() - 1;
    for (uint32_t k = 0; k < entries_.size(); ++k) {
      size_t h = entries_[k].hash & mask;
      while (slots_[h] != kNone) h = (h + 1) & mask;
      slots_[h] = k;
    }
  }

  std::vector<uint32_t> slots_;  // entry indices, kNone for an empty slot
  std::vector<Entry> entries_;
  std::string arena_;  // the names and keys, one after another
};

// The index of a name's memo entry, added (with its key) if new.
uint32_t MemoEntryOf(std::string_view name);

struct Scores {
  float person = 0, place = 0, org = 0;
};

EntityType Best(const Scores& s, float* confidence) {
  const float total = s.person + s.place + s.org;
  if (total <= 0) {
    *confidence = 0.3f;
    return EntityType::kOther;
  }
  EntityType t = EntityType::kPerson;
  float best = s.person;
  if (s.place > best) {
    t = EntityType::kPlace;
    best = s.place;
  }
  if (s.org > best) {
    t = EntityType::kOrganization;
    best = s.org;
  }
  *confidence = std::min(0.99f, best / (total + 0.5f));
  return t;
}

class Finder {
 public:
  Finder(const Document& doc, std::span<const DateMention> dates,
         const EntityOptions& options)
      : doc_(doc), options_(options) {
    mid_caps_.clear();
    mid_caps_slots_.clear();
    mentions_.clear();
    scores_.clear();
    key_hashes_.clear();
    initials_.clear();
    MarkTokens(dates);
  }

  EntityResult Run() {
    // ScanAt over every token of every sentence, in order, visits only the
    // tokens it may open a name at: on any other it returns the next
    // token and does nothing. A scan never goes past its sentence.
    size_t next = 0;
    for (const uint32_t i : starts_) {
      if (i < next) continue;  // inside the name found before
      next = ScanAt(i, doc_.SentenceEnd(doc_.SentenceOf(i)));
    }
    result_.mentions.reserve(mentions_.size());
    for (EntityMention& m : mentions_) {
      result_.mentions.push_back(std::move(m));
    }
    mentions_.clear();
    Merge();
    return std::move(result_);
  }

 private:
  // Per-token bits for the scans below, which ask them of every token: one
  // byte load instead of a bounds check, the kind and a string compare.
  enum : uint8_t {
    kWordBit = 1,       // a word
    kCapBit = 2,        // a capitalised word
    kInDateBit = 4,     // inside a date mention
    kPeriodBit = 8,     // the punctuation "."
    kHyphenBit = 16,    // the punctuation "-"
    kQuoteBit = 32,     // the punctuation '"' or "'"
    kColonBit = 64,     // the punctuation ":"
    kInitialBit = 128,  // doc_.SentenceInitial()
  };

  // Fills flags_ (zero for the padding past the last token), title_case_,
  // mid_caps_ and starts_, one sentence after another (their token ranges
  // follow one another from the first token to the last): a sentence's
  // title case needs only its own tokens' bits, its mid-sentence capitals
  // their title case, and the date bits are set first.
  void MarkTokens(std::span<const DateMention> dates) {
    const std::vector<text::Token>& toks = doc_.tokens();
    const size_t n = toks.size();
    const size_t sentences = doc_.sentences().size();
    flags_.assign(n + kFlagPad, 0);
    // Only a capitalised word's entry is written (below) and read (its
    // kCapBit says so): no fill.
    std::vector<uint32_t>& cap_classes = buffers_.cap_classes;
    if (cap_classes.size() < n) cap_classes.resize(n);
    cap_classes_ = cap_classes.data();
    for (const DateMention& d : dates) {
      for (size_t t = doc_.TokenAt(d.begin); t < n && toks[t].begin < d.end;
           ++t) {
        flags_[t] |= kInDateBit;
      }
    }
    title_case_.assign(sentences, false);
    starts_.clear();
    for (uint32_t s = 0; s < sentences; ++s) {
      const size_t b = doc_.SentenceBegin(s), e = doc_.SentenceEnd(s);
      int capitalised = 0;
      bool period = false;
      const size_t first_start = starts_.size();
      // Through local pointers: the compiler cannot tell that the pushes
      // onto starts_ leave the tokens and flags_ where they are, and would
      // load their vectors again for every token.
      const text::Token* const tok = toks.data();
      uint8_t* const flags = flags_.data();
      for (size_t i = b; i < e; ++i) {
        const text::Token& t = tok[i];
        uint8_t f = 0;
        if (t.kind == text::TokenKind::kWord) {
          f = kWordBit;
          if (t.capitalized) {
            f |= kCapBit;
            ++capitalised;
            starts_.push_back(static_cast<uint32_t>(i));
            cap_classes_[i] = CapClasses(t.norm);
          }
        } else if (t.kind == text::TokenKind::kPunct && t.norm.size() == 1) {
          switch (t.norm[0]) {
            case '.':
              f = kPeriodBit;
              period = true;
              break;
            case '-':
              f = kHyphenBit;
              // A lower-case word before a hyphen may open a name too
              // ("al-Assad"); no token between them was a start.
              if (i > 0 && (flags[i - 1] & (kWordBit | kCapBit)) == kWordBit) {
                starts_.push_back(static_cast<uint32_t>(i - 1));
              }
              break;
            case '"':
            case '\'':
              f = kQuoteBit;
              break;
            case ':':
              f = kColonBit;
              break;
            default:
              break;
          }
        }
        flags[i] |= f;
      }
      // The first word or number of the sentence may be its initial (no
      // bit above reads kInitialBit).
      size_t first_word = b;
      while (first_word < e &&
             toks[first_word].kind == text::TokenKind::kPunct) {
        ++first_word;
      }
      if (first_word < e && doc_.SentenceInitial(first_word)) {
        flags_[first_word] |= kInitialBit;
      }
      title_case_[s] = TitleCase(b, e, capitalised, period);
      if (!title_case_[s]) CollectMidSentenceCapitals(first_start);
    }
  }

  uint8_t Flags(size_t i) const { return i < flags_.size() ? flags_[i] : 0; }

  bool Cap(size_t i) const {
    return (Flags(i) & (kWordBit | kCapBit | kInDateBit)) ==
           (kWordBit | kCapBit);
  }

  // A sentence is in title case when at least three of its words are not
  // stop words, three quarters of those are capitalised (nine tenths if it
  // has a period). Most sentences are settled without a stop-word look-up
  // of their capitals: with words = caps + lower, caps * 4 >= words * 3
  // means lower * 3 <= caps (and so caps >= 3), and the capitalised words
  // bound caps from above. Only a sentence that passes with that bound has
  // its capitals looked up, and then its lower-case words counted as
  // before: only until there are more than a third as many as capitals.
  // Whether tokens [b, e), a sentence with `capitalised` capitalised words,
  // `period` if it holds a ".", are in title case.
  bool TitleCase(size_t b, size_t e, int capitalised, bool period) const {
    if (capitalised < 3) return false;
    // (Local pointers stay in registers across the look-ups.)
    const uint8_t* const flags = flags_.data();
    const text::Token* const tok = doc_.tokens().data();
    int lower = 0;
    for (size_t i = b; i < e && lower * 3 <= capitalised; ++i) {
      if ((flags[i] & (kWordBit | kCapBit)) != kWordBit) continue;
      if (!lexicon::IsEnglishStopword(tok[i].norm)) ++lower;
    }
    if (lower * 3 > capitalised) return false;  // so lower * 3 > caps
    int caps = 0;
    for (size_t i = b; i < e; ++i) {
      if ((flags_[i] & (kWordBit | kCapBit)) == (kWordBit | kCapBit) &&
          !lexicon::IsEnglishStopword(doc_.Norm(i))) {
        ++caps;
      }
    }
    if (caps == 0) return false;  // words >= 3 would need caps >= 3
    lower = 0;
    for (size_t i = b; i < e && lower * 3 <= caps; ++i) {
      if ((flags_[i] & (kWordBit | kCapBit)) != kWordBit) continue;
      if (!lexicon::IsEnglishStopword(doc_.Norm(i))) ++lower;
    }
    const int words = caps + lower;
    return words >= 3 && caps * 4 >= words * 3 &&
           !(period && caps * 10 < words * 9);
  }

  // The capitalised words of a sentence not in title case that are neither
  // its first word nor a quoted sentence's. Its capitalised words are
  // starts_ from `first_start` on (with the lower-case words before a
  // hyphen, which the flags turn away), so only they are visited.
  void CollectMidSentenceCapitals(size_t first_start) {
    // (Local pointers: the pushes below leave these vectors alone.)
    const uint8_t* const flags = flags_.data();
    const text::Token* const tok = doc_.tokens().data();
    const uint32_t* const starts = starts_.data();
    const size_t count = starts_.size();
    for (size_t k = first_start; k < count; ++k) {
      const size_t i = starts[k];
      // Cap(i) && !doc_.SentenceInitial(i).
      if ((flags[i] & (kWordBit | kCapBit | kInDateBit | kInitialBit)) !=
          (kWordBit | kCapBit)) {
        continue;
      }
      if (i > 0 && (flags[i - 1] & (kQuoteBit | kColonBit)) != 0) {
        continue;  // quoted sentence starts
      }
      mid_caps_.push_back(StripPossessive(tok[i].norm));
    }
  }

  bool MidSentenceCapital(std::string_view w) const {
    // A hash set of the words, built on the first question (many texts
    // never ask one): a text asks a few dozen times, about words mostly
    // absent, and a sort of all its mid-sentence capitals cost more than
    // the questions.
    if (mid_caps_slots_.empty()) {
      size_t slots = 16;
      while (slots < 2 * mid_caps_.size()) slots *= 2;
      mid_caps_slots_.assign(slots, kNoWord);
      for (uint32_t k = 0; k < mid_caps_.size(); ++k) {
        const std::string_view c = mid_caps_[k];
        size_t h = WordHash(c) & (slots - 1);
        while (mid_caps_slots_[h] != kNoWord &&
               mid_caps_[mid_caps_slots_[h]] != c) {
          h = (h + 1) & (slots - 1);
        }
        if (mid_caps_slots_[h] == kNoWord) mid_caps_slots_[h] = k;
      }
    }
    const size_t mask = mid_caps_slots_.size() - 1;
    for (size_t h = WordHash(w) & mask;; h = (h + 1) & mask) {
      const uint32_t k = mid_caps_slots_[h];
      if (k == kNoWord) return false;
      if (mid_caps_[k] == w) return true;
    }
  }

  // HashShortString: the words are short, and a probe compares the whole
  // word anyway.
  [[gnu::always_inline]] static size_t WordHash(std::string_view w) {
    return static_cast<size_t>(HashShortString(w));
  }

  bool KnownName(std::string_view folded) const {
    return KnownNameClasses(lexicon::WordClasses(folded));
  }
  // KnownName of a word with these WordClasses: a country cue, a known
  // place, an outlet, a platform, or an alias (NameAlias is non-empty for
  // an alias or a country name).
  static bool KnownNameClasses(uint32_t c) {
    return (c & (wc::kCountry | wc::kKnownPlace | wc::kNewsOutlet |
                 wc::kPlatform | wc::kAlias)) != 0;
  }

  // lexicon::WordClasses of token i's norm, and of its norm without a
  // possessive (StripPossessive). One look-up answers every list; a
  // capitalised word's is looked up once, in MarkTokens (the scans and
  // cleaning steps ask about the capitalised words again and again), the
  // others' when asked. Tokens past the end have the empty norm, in no list.
  [[gnu::always_inline]] uint32_t Classes(size_t i) const {
    if (i >= doc_.size()) return 0;
    if ((flags_[i] & kCapBit) != 0 &&
        (cap_classes_[i] & kStrippedNotNorm) == 0) {
      return cap_classes_[i];
    }
    return lexicon::WordClasses(doc_.Norm(i));
  }
  [[gnu::always_inline]] uint32_t StrippedClasses(size_t i) const {
    if (i >= doc_.size()) return 0;
    if ((flags_[i] & kCapBit) != 0) return cap_classes_[i] & ~kStrippedNotNorm;
    return lexicon::WordClasses(StripPossessive(doc_.Norm(i)));
  }
  // A capitalised word's entry of cap_classes_: its StrippedClasses, and
  // kStrippedNotNorm if it has a possessive (its Classes differ then).
  static uint32_t CapClasses(std::string_view norm) {
    // Only a word ending in "s" or "'" can lose a possessive.
    if (norm.empty() || (norm.back() != 's' && norm.back() != '\'')) {
      return lexicon::WordClasses(norm);
    }
    const std::string_view s = StripPossessive(norm);
    return lexicon::WordClasses(s) |
           (s.size() == norm.size() ? 0 : kStrippedNotNorm);
  }
  // The CountryKey cue of a word with these WordClasses.
  static lexicon::CountryCue CueOf(uint32_t c) {
    if ((c & wc::kCountryName) != 0) return lexicon::CountryCue::kName;
    if ((c & wc::kCountryDemonym) != 0) return lexicon::CountryCue::kDemonym;
    if ((c & wc::kCountryCapital) != 0) return lexicon::CountryCue::kCapital;
    return lexicon::CountryCue::kNone;
  }

  // Tries the institution pattern at token i (a country cue word); returns
  // the last token of the match or kNpos.
  size_t Institution(size_t i, size_t end) const {
    if (!doc_.IsWord(i)) return kNpos;
    const uint32_t sc = StrippedClasses(i);
    if ((sc & wc::kCountry) == 0) return kNpos;
    const lexicon::CountryCue cue = CueOf(sc);
    const std::string_view w = doc_.Norm(i);
    const std::string_view stripped = StripPossessive(w);
    const bool possessive = stripped.size() != w.size();
    if (cue != lexicon::CountryCue::kDemonym && !possessive &&
        !(cue == lexicon::CountryCue::kName && doc_.tokens()[i].all_caps)) {
      return kNpos;
    }
    if (stripped == "us" && !doc_.tokens()[i].all_caps) return kNpos;
    size_t j = i + 1;
    size_t last = kNpos;
    for (int n = 0; n < 4 && j < end && doc_.IsWord(j); ++n, ++j) {
      if (doc_.LineBreakBetween(j - 1, j)) break;
      const uint32_t x = Classes(j);
      if ((x & wc::kInstitutionNoun) != 0 ||
          (doc_.Capitalized(j) && (x & wc::kOrgHead) != 0)) {
        last = j;
        // "air force", "general staff" end here; "armed forces" too.
        if ((x & wc::kInstitutionModifier) == 0) break;
        continue;
      }
      if ((x & wc::kInstitutionModifier) == 0 && !doc_.Capitalized(j)) break;
      if (doc_.Capitalized(j) && (x & wc::kInstitutionModifier) == 0 &&
          (x & wc::kOrgHead) == 0) {
        // "State Emergency Service": capitalised words inside the name.
        if (n >= 3) break;
      }
    }
    // "Syrian Observatory for Human Rights", "Ministry of Defence": the
    // name goes on, so it is a plain capitalised name, not this pattern.
    if (last != kNpos && doc_.Capitalized(last) && doc_.IsWord(last + 1) &&
        Connector(doc_.Norm(last + 1)) && Cap(last + 2)) {
      return kNpos;
    }
    return last;
  }

  // Scans a name candidate starting at token i; returns the next index.
  size_t ScanAt(size_t i, size_t end) {
    // i < end <= doc_.size(): flags_[i + 1] is a token's or the padding.
    const uint8_t f = flags_[i];
    if ((f & kWordBit) == 0) return i + 1;
    // A lower-case word opens nothing unless a hyphen follows (an Arabic
    // article below); most tokens leave here.
    if ((f & kCapBit) == 0 && (flags_[i + 1] & kHyphenBit) == 0) return i + 1;
    // Institutions, in any case, after a country cue.
    if (const size_t inst = doc_.Capitalized(i) ? Institution(i, end) : kNpos;
        inst != kNpos) {
      EmitInstitution(i, inst);
      return inst + 1;
    }
    // "al-Assad": a lower-case Arabic article may open a name.
    const bool article_start =
        !doc_.Capitalized(i) && doc_.IsPunct(i + 1, "-") &&
        ArabicArticle(doc_.Norm(i)) && doc_.Adjacent(i, i + 1) &&
        doc_.Adjacent(i + 1, i + 2) && Cap(i + 2);
    if (!Cap(i) && !article_start) return i + 1;
    // Build the run.
    std::vector<size_t>& run = run_;
    run.assign(1, i);
    size_t j = i + 1;
    while (j < end && run.size() < kMaxRunTokens) {
      const size_t last = run.back();
      if (doc_.Norm(last).ends_with("'s")) break;
      if (doc_.LineBreakBetween(last, j)) break;
      if (Cap(j) && doc_.Spaced(last, j)) {
        // An acronym after a name starts a new name ("Deir Ezzor SANA"),
        // one before it does not ("CBS News", "US President").
        if (doc_.tokens()[j].all_caps && !doc_.tokens()[last].all_caps) break;
        run.push_back(j++);
        continue;
      }
      // Hyphenated parts: "Al-Nusra", "al-Assad", "Guinea-Bissau".
      if (doc_.IsPunct(j, "-") && doc_.Adjacent(last, j) &&
          doc_.Adjacent(j, j + 1) && Cap(j + 1)) {
        run.push_back(j);
        run.push_back(j + 1);
        j += 2;
        continue;
      }
      if (doc_.IsWord(j) && !doc_.Capitalized(j) && doc_.Spaced(last, j)) {
        const std::string_view w = doc_.Norm(j);
        if (ArabicArticle(w) && doc_.IsPunct(j + 1, "-") &&
            doc_.Adjacent(j, j + 1) && doc_.Adjacent(j + 1, j + 2) &&
            Cap(j + 2)) {
          run.insert(run.end(), {j, j + 1, j + 2});
          j += 3;
          continue;
        }
        if (Connector(w) && Cap(j + 1) && doc_.Spaced(j, j + 1)) {
          run.push_back(j);
          run.push_back(j + 1);
          j += 2;
          continue;
        }
      }
      break;
    }
    const size_t next = run.back() + 1;
    EmitRun(run, 0, run.size());
    return next;
  }

  // Emits run[from, to) after splitting at "and" (unless the whole run
  // names an organisation: "National Security and Defense Council").
  void EmitRun(const std::vector<size_t>& run, size_t from, size_t to) {
    if (from >= to) return;
    if ((StrippedClasses(run[to - 1]) & wc::kOrgHead) != 0) {
      EmitPart(run, from, to);
      return;
    }
    size_t start = from;
    for (size_t k = from; k < to; ++k) {
      if (doc_.IsWord(run[k], "and") || doc_.IsWord(run[k], "on")) {
        EmitPart(run, start, k);
        start = k + 1;
      }
    }
    EmitPart(run, start, to);
  }

  // Emits run[from, to), a part without a splitting "and", after cleaning.
  void EmitPart(const std::vector<size_t>& run, size_t from, size_t to) {
    if (from >= to) return;
    Scores scores;
    // Leading common words ("The", "In", "His").
    while (from < to && doc_.IsWord(run[from]) &&
           (Classes(run[from]) & (wc::kCommonCapitalised | wc::kPersonTitle)) ==
               wc::kCommonCapitalised) {
      ++from;
    }
    // Leading titles ("President", "Ukrainian President", "Foreign
    // Minister", "Mr"); the last title word must be a real title.
    {
      size_t k = from;
      size_t title_end = kNpos;
      while (k < to && doc_.IsWord(run[k])) {
        const std::string_view w = doc_.Norm(run[k]);
        const uint32_t c = Classes(run[k]);
        if ((c & wc::kPersonTitle) != 0) {
          if (!TitleModifier(w)) title_end = k;
        } else if ((c & wc::kCountry) == 0 ||
                   (w == "us" && !doc_.tokens()[run[k]].all_caps)) {
          break;
        }
        ++k;
      }
      if (title_end != kNpos && title_end + 1 < to) {
        if ((StrippedClasses(run[to - 1]) & wc::kOrgHead) == 0) {
          from = title_end + 1;
          if (doc_.IsWord(run[from]) && Connector(doc_.Norm(run[from]))) {
            // "Secretary of Ukraine": the name is a place, not a person.
          } else {
            scores.person += 2;
          }
        }
      }
    }
    // Connectors and hyphens at either end (an Arabic article before its
    // hyphen stays: "al-Assad").
    while (from < to &&
           (!doc_.IsWord(run[from]) || Connector(doc_.Norm(run[from])) ||
            !doc_.Capitalized(run[from]))) {
      if (doc_.IsWord(run[from]) && ArabicArticle(doc_.Norm(run[from])) &&
          from + 2 < to + 1 && doc_.IsPunct(run[from] + 1, "-") &&
          doc_.Adjacent(run[from], run[from] + 1)) {
        break;
      }
      ++from;
    }
    while (to > from &&
           (!doc_.IsWord(run[to - 1]) || Connector(doc_.Norm(run[to - 1])))) {
      --to;
    }
    if (from >= to) return;
    const size_t first_tok = run[from], last_tok = run[to - 1];
    const uint32_t s = doc_.SentenceOf(first_tok);
    const bool single = from + 1 == to;
    const std::string_view w0 = StripPossessive(doc_.Norm(first_tok));
    const uint32_t c0 = StrippedClasses(first_tok);  // of w0
    const bool all_caps = doc_.tokens()[first_tok].all_caps;
    // Single words that are not names.
    if (single) {
      if (w0.size() < 2 || Pronoun(w0) || (c0 & wc::kCommonCapitalised) != 0) {
        return;
      }
      if (CueOf(c0) == lexicon::CountryCue::kDemonym) return;  // "Ukrainian"
      if (w0 == "us" && !all_caps) return;
      if ((c0 & (wc::kPersonTitle | wc::kOrgHead)) == wc::kPersonTitle) return;
      if ((c0 & wc::kMonthOrWeekday) != 0) return;
    }
    // Sentence-initial or headline words need independent support.
    const bool initial =
        (flags_[first_tok] & kInitialBit) != 0 ||
        (first_tok > 0 && (flags_[first_tok - 1] & kQuoteBit) != 0);
    if (title_case_[s]) {
      // Keep only the words the body capitalises elsewhere or the lexicons
      // know; emit maximal stretches of them.
      size_t k = from;
      while (k < to) {
        while (k < to && !Supported(run[k])) ++k;
        size_t e = k;
        while (e < to && Supported(run[e])) ++e;
        if (e > k && !Shouting(run, k, e))
          EmitClean(run[k], run[e - 1], scores);
        k = e;
      }
      return;
    }
    if (initial && single && !all_caps && !KnownNameClasses(c0) &&
        !MidSentenceCapital(w0) &&
        !(doc_.IsWord(last_tok + 1) &&
          (Classes(last_tok + 1) & wc::kSpeechVerb) != 0)) {
      return;
    }
    if (initial && !single && (c0 & wc::kEnglishStopword) != 0) return;
    // Shouting: words in capitals beside other words in capitals are not
    // acronyms ("THAT WAS CALLOUS"), unless the lexicons know the name.
    if (Shouting(run, from, to)) return;
    EmitClean(first_tok, last_tok, scores);
  }

  bool Shouting(const std::vector<size_t>& run, size_t from, size_t to) const {
    int caps = 0;
    for (size_t k = from; k < to; ++k) {
      if (doc_.IsWord(run[k]) && doc_.tokens()[run[k]].all_caps) ++caps;
    }
    if (caps == 0) return false;
    const uint32_t b = doc_.tokens()[run[from]].begin;
    const uint32_t e = doc_.tokens()[run[to - 1]].end;
    if (KnownName(StripPossessive(Fold(doc_.text().substr(b, e - b)))))
      return false;
    if (caps >= 2) return true;
    // One capitalised word: shouting if a neighbouring word is in capitals.
    auto caps_word = [&](size_t t) {
      return doc_.IsWord(t) && doc_.tokens()[t].all_caps;
    };
    const size_t f = run[from], l = run[to - 1];
    return (f > 0 && caps_word(f - 1)) ||
           (f > 1 && !doc_.IsWord(f - 1) && caps_word(f - 2)) ||
           caps_word(l + 1) || (!doc_.IsWord(l + 1) && caps_word(l + 2));
  }

  bool Supported(size_t t) const {
    if (!doc_.IsWord(t) || !doc_.Capitalized(t)) return false;
    const uint32_t c = StrippedClasses(t);
    if ((c & wc::kCommonCapitalised) != 0) return false;
    if (CueOf(c) == lexicon::CountryCue::kDemonym) return false;
    return MidSentenceCapital(StripPossessive(doc_.Norm(t))) ||
           KnownNameClasses(c);
  }

  // The cues around tokens [first, last] and the mention itself.
  void EmitClean(size_t first, size_t last, Scores scores) {
    // A trailing "Region"/"Oblast" is a place cue, not part of the name.
    while (last > first && doc_.IsWord(last) &&
           (Classes(last) & (wc::kPlaceSuffix | wc::kOrgHead)) ==
               wc::kPlaceSuffix) {
      scores.place += 2;
      --last;
    }
    const uint32_t begin = doc_.tokens()[first].begin;
    uint32_t end = doc_.tokens()[last].end;
    std::string_view raw = doc_.text().substr(begin, end - begin);
    // Possessive off.
    const std::string_view norm_last = doc_.Norm(last);
    if (norm_last.ends_with("'s")) {
      const std::string_view r = doc_.Raw(last);
      // "'s" is 2 bytes, "’s" is 4.
      const size_t cut =
          r.ends_with("'s") ? 2 : (r.ends_with("\xE2\x80\x99s") ? 4 : 0);
      raw.remove_suffix(cut);
      end -= static_cast<uint32_t>(cut);
    }
    if (raw.empty()) return;
    // What the name's own words say (its key and lexicon cues) depends on
    // the name alone: looked up once per thread, not per mention.
    const NameMemo::Entry& name_entry = FactsOfName(raw, first, last);
    const NameFacts& nf = name_entry.facts;
    if (nf.words == 0) return;
    // = EntityKey(raw); a view of the memo's arena, valid until the memo's
    // next Add (none before it is copied below).
    const std::string_view key = NameMemo::ForThread().Key(name_entry);
    const bool all_caps = doc_.tokens()[first].all_caps && first == last;

    // Lexicon cues, added in the order the checks were made.
    const lexicon::CountryCue cue = nf.cue;
    if (nf.place_lexicon) scores.place += 2.5f;
    if (nf.org_head_last && nf.words > 1) {
      scores.org += 2;
    } else if (nf.words > 2) {
      // "Syrian Observatory for Human Rights": a head inside the name.
      if (nf.org_head_inside) scores.org += 1.5f;
    }
    if (nf.org_by_itself) scores.org += 2;
    if (nf.news_outlet) scores.org += 2.5f;
    if (nf.street) scores.place += 2.5f;
    if (nf.platform) scores.org += 1;
    if (all_caps && cue == lexicon::CountryCue::kNone) scores.org += 1;
    // Context before.
    if (first > 0 && doc_.IsWord(first - 1)) {
      const std::string_view p = doc_.Norm(first - 1);
      // (The capital tests first: they are cheaper than the look-ups.)
      if (!doc_.Capitalized(first - 1) &&
          (Classes(first - 1) & wc::kRoleNoun) != 0) {
        scores.person += 1.5f;
      }
      if (PlacePreposition(p)) scores.place += 0.8f;
      if (p == "at" || p == "of") scores.place += 0.3f;
      if (p == "mr" || p == "mrs" || p == "ms" || p == "dr") scores.person += 2;
    }
    // The five tokens before, within the sentence (its tokens are one
    // range); flags_ tell a lower-case word.
    const size_t sentence_begin = doc_.SentenceBegin(doc_.SentenceOf(first));
    for (size_t k = first, n = 0; k-- > sentence_begin && n < 5; ++n) {
      if ((flags_[k] & (kWordBit | kCapBit)) == kWordBit &&
          PlaceNounBefore(doc_.Norm(k))) {
        scores.place += 1.5f;
        break;
      }
    }
    // Context after.
    const size_t a = last + 1;
    if (doc_.IsWord(a)) {
      // (One WordClasses look-up answers both lists.)
      const uint32_t ca = Classes(a);
      if (!doc_.Capitalized(a) && (ca & wc::kPlaceSuffix) != 0) {
        scores.place += 2;
      }
      if ((ca & wc::kSpeechVerb) != 0) {
        if (nf.words >= 2 && scores.org == 0 && scores.place == 0) {
          scores.person += 1.5f;
        } else {
          scores.person += 0.6f;
        }
      }
    }
    // (flags_ has a bit for "-", and padding past the last token.)
    if ((flags_[a] & kHyphenBit) != 0 && doc_.Adjacent(last, a) &&
        doc_.IsWord(a + 1, "based")) {
      scores.place += 2;
    }
    const bool comma_after = doc_.IsPunct(a, ",");
    // Age appositive: "Rhys Gannet, 67, said".
    if (comma_after && doc_.IsNumber(a + 1) && doc_.IsPunct(a + 2, ",") &&
        doc_.Norm(a + 1).size() <= 3 && nf.words >= 2) {
      scores.person += 1.5f;
    }
    // Appositive: "X, the Secretary of ..." / "X, Secretary of ...".
    if (comma_after) {
      size_t b = a + 1;
      if (doc_.IsWord(b) && (doc_.Norm(b) == "the" || doc_.Norm(b) == "a" ||
                             doc_.Norm(b) == "his" || doc_.Norm(b) == "her")) {
        ++b;
      }
      for (int n = 0; n < 3 && doc_.IsWord(b); ++n, ++b) {
        const uint32_t cx = Classes(b);
        if (((cx & wc::kPersonTitle) != 0 && !TitleModifier(doc_.Norm(b))) ||
            (cx & wc::kRoleNoun) != 0) {
          scores.person += 1.5f;
          break;
        }
      }
    }
    // A two- or three-word name of plain words with no other cue: weakly a
    // person ("Rustem Umerov").
    if (nf.words >= 2 && nf.words <= 3 && scores.org == 0 &&
        scores.place == 0 && !nf.org_head_last) {
      scores.person += 0.5f;
    }

    if (key.empty()) return;
    // Written in place (not built aside and moved in).
    EntityMention& m = mentions_.emplace_back();
    m.begin = begin;
    m.end = end;
    // (Appended to the new, empty strings: cheaper than a general assign.)
    m.text.append(raw);
    m.type = Best(scores, &m.confidence);
    m.key.append(key);
    scores_.push_back(scores);
    key_hashes_.push_back(name_entry.key_hash);
    initials_.push_back(nf.initials);
  }

  // The memo entry of a name (tokens first..last, possessive off, as
  // `raw`), with the facts that depend on its text alone: computed and
  // stored on the first mention of the name.
  const NameMemo::Entry& FactsOfName(std::string_view raw, size_t first,
                                     size_t last) {
    NameMemo& memo = NameMemo::ForThread();
    const uint64_t hash = NameHash(raw);
    uint32_t k = memo.Find(raw, hash);
    if (k != NameMemo::kNone && memo.entry(k).has_facts) return memo.entry(k);
    if (first == last && raw.size() == doc_.Raw(first).size()) {
      // One whole token: its norm is FoldWord of its text already.
      folded_.assign(doc_.Norm(first));
    } else {
      folded_.clear();
      text::FoldWord(raw, &folded_);
    }
    const std::string& folded = folded_;
    SplitWords(folded, &words_);
    const std::vector<std::string_view>& words = words_;
    NameFacts f;
    f.words = static_cast<uint32_t>(words.size());
    // A new name's key; empty without words (= EntityKey(raw) then too).
    key_.clear();
    if (!words.empty()) {
      const std::string_view lastw = words.back();
      // One WordClasses look-up of the whole name answers the lists of
      // names (its country bits are CountryKey's cue), one of the last
      // word the organisation heads.
      const uint32_t nc = lexicon::WordClasses(folded);
      f.cue = CueOf(nc);
      f.place_lexicon = f.cue == lexicon::CountryCue::kName ||
                        f.cue == lexicon::CountryCue::kCapital ||
                        (nc & wc::kKnownPlace) != 0;
      f.org_head_last =
          ((lastw.size() == folded.size() ? nc : lexicon::WordClasses(lastw)) &
           wc::kOrgHead) != 0;
      for (size_t w = 1; w + 1 < words.size(); ++w) {
        if ((lexicon::WordClasses(words[w]) & wc::kOrgHead) != 0) {
          f.org_head_inside = true;
          break;
        }
      }
      f.org_by_itself =
          f.org_head_last && words.size() == 1 &&
          (lastw == "kremlin" || lastw == "pentagon" || lastw == "rada");
      f.news_outlet = (nc & wc::kNewsOutlet) != 0;
      f.street = words.size() > 1 && StreetHead(lastw);
      f.platform = (nc & wc::kPlatform) != 0;
      f.initials = InitialsOfWords(words);
      // = EntityKey(raw): `folded` is Fold(raw), `words` its words.
      if (k == NameMemo::kNone) KeyOfWords(words, &key_);
    }
    if (k == NameMemo::kNone) k = memo.Add(raw, hash, key_);
    NameMemo::Entry& e = memo.entry(k);
    e.facts = f;
    e.has_facts = true;
    return e;
  }

  void EmitInstitution(size_t first, size_t last) {
    const uint32_t begin = doc_.tokens()[first].begin;
    const uint32_t end = doc_.tokens()[last].end;
    EntityMention m;
    m.begin = begin;
    m.end = end;
    m.text.assign(doc_.text().substr(begin, end - begin));
    m.type = EntityType::kOrganization;
    m.confidence = 0.75f;
    NameMemo& memo = NameMemo::ForThread();
    const NameMemo::Entry& e = memo.entry(MemoEntryOf(m.text));
    m.key.assign(memo.Key(e));  // = EntityKey(m.text)
    Scores s;
    s.org = 2.5f;
    scores_.push_back(s);
    key_hashes_.push_back(e.key_hash);
    initials_.push_back(NameInitials{});  // folded in Merge if needed
    mentions_.push_back(std::move(m));
  }

  // Merge's working vectors, kept per thread (a Finder lives for one
  // document): cleared per call, their capacity reused, so a document's
  // merge allocates next to nothing once the thread has seen a few.
  struct MergeScratch {
    std::vector<uint32_t> slot;
    std::vector<size_t> group;
    std::vector<std::string_view> keys;
    std::vector<size_t> parent;
    std::vector<Scores> gscore;
    std::vector<std::string_view> longest;
    std::vector<size_t> longest_mention;
    std::vector<std::string_view> all_words;
    std::vector<size_t> words_from;
    std::vector<std::span<const std::string_view>> gwords;
    std::vector<std::pair<size_t, std::string>> acronyms;
    std::vector<std::pair<std::string, size_t>> initials;
    std::vector<std::pair<size_t, size_t>> by_last;
    std::vector<size_t> order;
    std::vector<int> entity_of_root;
    std::vector<Scores> escore;
    std::vector<uint32_t> mention_count;
    std::vector<size_t> name_mention;
  };

  // Union-find over mention groups with equal keys, then the merge passes.
  void Merge() {
    std::vector<EntityMention>& ms = result_.mentions;
    thread_local MergeScratch scratch;
    // Groups by key, in order of first mention. Keys and texts are views of
    // the mentions' strings, which do not change from here on.
    // An open-addressing table of group indices by key (a power of two at
    // least twice the mentions, so probes stay short): no node per group.
    constexpr uint32_t kEmpty = static_cast<uint32_t>(-1);
    size_t slots = 16;
    while (slots < 2 * ms.size()) slots *= 2;
    std::vector<uint32_t>& slot = scratch.slot;
    slot.assign(slots, kEmpty);
    std::vector<size_t>& group = scratch.group;
    group.resize(ms.size());  // every element written below
    std::vector<std::string_view>& keys = scratch.keys;
    keys.clear();
    for (size_t k = 0; k < ms.size(); ++k) {
      const std::string_view key = ms[k].key;
      size_t h = key_hashes_[k] & (slots - 1);  // NameHash(key)
      while (slot[h] != kEmpty && keys[slot[h]] != key) {
        h = (h + 1) & (slots - 1);
      }
      if (slot[h] == kEmpty) {
        slot[h] = static_cast<uint32_t>(keys.size());
        keys.push_back(key);
      }
      group[k] = slot[h];
    }
    const size_t g = keys.size();
    std::vector<size_t>& parent = scratch.parent;
    parent.resize(g);
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](size_t x) {
      while (parent[x] != x) x = parent[x] = parent[parent[x]];
      return x;
    };
    auto unite = [&](size_t a, size_t b) {
      a = find(a);
      b = find(b);
      if (a == b) return;
      if (a > b) std::swap(a, b);
      parent[b] = a;  // the earlier group is the root
    };
    // Per-group facts: summed scores, longest text, word count.
    std::vector<Scores>& gscore = scratch.gscore;
    gscore.assign(g, Scores());
    std::vector<std::string_view>& longest = scratch.longest;
    longest.assign(g, std::string_view());
    // The mention whose text is longest[a] (texts are never empty).
    std::vector<size_t>& longest_mention = scratch.longest_mention;
    longest_mention.assign(g, 0);
    for (size_t k = 0; k < ms.size(); ++k) {
      Scores& s = gscore[group[k]];
      s.person += scores_[k].person;
      s.place += scores_[k].place;
      s.org += scores_[k].org;
      if (ms[k].text.size() > longest[group[k]].size()) {
        longest[group[k]] = ms[k].text;
        longest_mention[group[k]] = k;
      }
    }
    // The words of each key: one flat vector, a span per group.
    std::vector<std::string_view>& all_words = scratch.all_words;
    all_words.clear();
    std::vector<size_t>& words_from = scratch.words_from;
    words_from.assign(g + 1, 0);
    for (size_t a = 0; a < g; ++a) {
      SplitWords(keys[a], &words_);
      all_words.insert(all_words.end(), words_.begin(), words_.end());
      words_from[a + 1] = all_words.size();
    }
    std::vector<std::span<const std::string_view>>& gwords = scratch.gwords;
    gwords.resize(g);  // every element written below
    for (size_t a = 0; a < g; ++a) {
      gwords[a] = std::span<const std::string_view>(
          all_words.data() + words_from[a], words_from[a + 1] - words_from[a]);
    }
    // 1. Initialisms: "UAE" and "United Arab Emirates". The initials of the
    // multiword groups are only needed when some group is an acronym.
    {
      std::vector<std::pair<size_t, std::string>>& acronyms = scratch.acronyms;
      acronyms.clear();
      for (size_t a = 0; a < g; ++a) {
        // An acronym's first two bytes are capitals or dots (it has two
        // letters and nothing else): most names leave here.
        const std::string_view l = longest[a];
        auto acronym_byte = [](char c) {
          return (c >= 'A' && c <= 'Z') || c == '.';
        };
        if (l.size() < 2 || !acronym_byte(l[0]) || !acronym_byte(l[1])) {
          continue;
        }
        std::string letters = AcronymLetters(l);
        if (!letters.empty()) acronyms.emplace_back(a, std::move(letters));
      }
      // (initials, group) of the multiword groups, in group order; a text
      // has few acronyms, so each scans this list.
      std::vector<std::pair<std::string, size_t>>& initials = scratch.initials;
      initials.clear();
      if (!acronyms.empty()) {
        for (size_t b = 0; b < g; ++b) {
          if (gwords[b].size() >= 2 && gwords[b].size() <= 6) {
            // The longest text's initials, found with its other facts (an
            // institution's are folded here).
            NameInitials in = initials_[longest_mention[b]];
            if (!in.known) {
              folded_.clear();
              text::FoldWord(longest[b], &folded_);
              SplitWords(folded_, &words_);
              in = InitialsOfWords(words_);
            }
            // More than six initials equal no acronym's letters.
            if (!in.more_than_six) {
              initials.emplace_back(std::string(in.letters, in.size), b);
            }
          }
        }
      }
      for (const auto& [a, letters] : acronyms) {
        for (const auto& [init, b] : initials) {
          if (init == letters && b != a) unite(a, b);
        }
      }
    }
    // 2. Surnames: a one- or two-word group joins the unique longer
    // person-ish group that ends with the same words ("Zelensky" and
    // "Volodymyr Zelensky", "Abdel Rahman" and "Rami Abdel Rahman").
    {
      // (hash of the last word, group), sorted: the groups of one last
      // word together (with any whose last word shares its hash, which the
      // comparison of the words below turns away). Integer keys sort and
      // search cheaper than the words; the order within one last word does
      // not matter (a match is unique only when all matches are joined).
      std::vector<std::pair<size_t, size_t>>& by_last = scratch.by_last;
      by_last.clear();
      for (size_t b = 0; b < g; ++b) {
        if (gwords[b].size() < 2 || gwords[b].size() > 5) continue;
        if (keys[b].find('|') != std::string_view::npos) continue;
        if (gscore[b].org > gscore[b].person ||
            gscore[b].place > gscore[b].person + 1) {
          continue;
        }
        by_last.emplace_back(WordHash(gwords[b].back()), b);
      }
      std::sort(by_last.begin(), by_last.end());
      for (size_t a = 0; a < g; ++a) {
        const size_t n = gwords[a].size();
        if (n == 0 || n > 2 || keys[a].find('|') != std::string_view::npos) {
          continue;
        }
        if (n == 2 && gscore[a].org + gscore[a].place > gscore[a].person)
          continue;
        const size_t last = WordHash(gwords[a].back());
        auto it = std::lower_bound(by_last.begin(), by_last.end(), last,
                                   [](const std::pair<size_t, size_t>& e,
                                      size_t h) { return e.first < h; });
        if (it == by_last.end() || it->first != last) continue;
        size_t match = kNpos;
        bool unique = true;
        for (; it != by_last.end() && it->first == last; ++it) {
          const size_t b = it->second;
          const auto& wb = gwords[b];
          // (The words compared include the last: a hash collision fails.)
          if (wb.size() <= n ||
              !std::equal(gwords[a].begin(), gwords[a].end(), wb.end() - n)) {
            continue;
          }
          if (match != kNpos && find(b) != find(match)) unique = false;
          match = b;
        }
        if (match != kNpos && unique) unite(a, match);
      }
    }
    // 3. Long names a small edit apart, compared within buckets of equal
    // first letter, in order of length, and at most kMaxFuzzyPairs pairs.
    {
      std::vector<size_t>& order = scratch.order;
      order.clear();
      for (size_t a = 0; a < g; ++a) {
        if (static_cast<int>(keys[a].size()) >= options_.fuzzy_min_length &&
            keys[a].find('|') == std::string_view::npos) {
          order.push_back(a);
        }
      }
      std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
        if (keys[x][0] != keys[y][0]) return keys[x][0] < keys[y][0];
        return keys[x].size() < keys[y].size();
      });
      size_t pairs = 0;
      for (size_t i = 0; i < order.size() && pairs < kMaxFuzzyPairs; ++i) {
        const std::string_view ka = keys[order[i]];
        for (size_t j = i + 1; j < order.size() && pairs < kMaxFuzzyPairs;
             ++j) {
          const std::string_view kb = keys[order[j]];
          if (kb[0] != ka[0] ||
              kb.size() > ka.size() + options_.fuzzy_edits + 1) {
            break;
          }
          ++pairs;
          if (find(order[i]) != find(order[j]) && FuzzySame(ka, kb, options_)) {
            unite(order[i], order[j]);
          }
        }
      }
    }
    // Build entities. A first pass numbers them (in order of first
    // mention) and counts their mentions, so each entity's mention list is
    // allocated once at its size.
    std::vector<int>& entity_of_root = scratch.entity_of_root;
    entity_of_root.assign(g, -1);
    std::vector<uint32_t>& mention_count = scratch.mention_count;
    mention_count.clear();
    // The mention whose text is the entity's name, the first of the longest
    // texts: its key is the name's (every mention's key is EntityKey of its
    // text).
    std::vector<size_t>& name_mention = scratch.name_mention;
    name_mention.clear();
    for (size_t k = 0; k < ms.size(); ++k) {
      const size_t root = find(group[k]);
      if (entity_of_root[root] < 0) {
        entity_of_root[root] = static_cast<int>(mention_count.size());
        mention_count.push_back(0);
        name_mention.push_back(k);
      }
      const int e = entity_of_root[root];
      ms[k].entity = e;
      ++mention_count[e];
      if (ms[k].text.size() > ms[name_mention[e]].text.size()) {
        name_mention[e] = k;
      }
    }
    const size_t entities = mention_count.size();
    result_.entities.resize(entities);
    std::vector<Scores>& escore = scratch.escore;
    escore.assign(entities, Scores());
    for (size_t e = 0; e < entities; ++e) {
      result_.entities[e].mentions.reserve(mention_count[e]);
      // Most entities have one to a few spellings: one allocation, not a
      // growth per new spelling.
      result_.entities[e].variants.reserve(
          std::min<size_t>(mention_count[e], 4));
    }
    for (size_t k = 0; k < ms.size(); ++k) {
      const int e = ms[k].entity;
      Entity& ent = result_.entities[e];
      ent.mentions.push_back(static_cast<uint32_t>(k));
      if (std::find(ent.variants.begin(), ent.variants.end(), ms[k].text) ==
          ent.variants.end()) {
        ent.variants.push_back(ms[k].text);
      }
      escore[e].person += scores_[k].person;
      escore[e].place += scores_[k].place;
      escore[e].org += scores_[k].org;
    }
    for (size_t e = 0; e < entities; ++e) {
      Entity& ent = result_.entities[e];
      // Assigned once, not each time a longer text turns up.
      ent.name = ms[name_mention[e]].text;
      ent.key = ms[name_mention[e]].key;
      ent.type = Best(escore[e], &ent.confidence);
    }
  }

 public:
  static bool FuzzySame(std::string_view ka, std::string_view kb,
                        const EntityOptions& options) {
    if (ka.empty() || kb.empty() || ka[0] != kb[0]) return false;
    if (ka.find('|') != std::string_view::npos ||
        kb.find('|') != std::string_view::npos) {
      return false;
    }
    const size_t len = std::min(ka.size(), kb.size());
    if (static_cast<int>(len) < options.fuzzy_min_length) return false;
    const int limit = options.fuzzy_edits +
                      (static_cast<int>(len) >= 2 * options.fuzzy_min_length);
    return WithinEditDistance(ka, kb, limit);
  }

 private:
  // The per-document working vectors below, kept per thread (a Finder
  // lives for one document): their capacity is reused, so a document
  // allocates next to nothing for them once the thread has seen a few.
  struct Buffers {
    std::vector<uint8_t> flags;
    std::vector<uint32_t> cap_classes;
    std::vector<bool> title_case;
    std::vector<uint32_t> starts;
    std::vector<std::string_view> mid_caps;
    std::vector<uint32_t> mid_caps_slots;
    std::vector<size_t> run;
    std::string folded;
    std::vector<std::string_view> words;
    std::string key;
    std::vector<EntityMention> mentions;
    std::vector<Scores> scores;
    std::vector<uint64_t> key_hashes;
    std::vector<NameInitials> initials;
  };
  static Buffers& ThreadBuffers() {
    thread_local Buffers buffers;
    return buffers;
  }

  const Document& doc_;
  const EntityOptions& options_;
  Buffers& buffers_ = ThreadBuffers();
  // MarkTokens' bits, doc_.size() + kFlagPad entries.
  static constexpr size_t kFlagPad = 4;
  std::vector<uint8_t>& flags_ = buffers_.flags;
  // Per token (at least doc_.size() entries): a capitalised word's
  // (kCapBit's) CapClasses; the others' are not set.
  static constexpr uint32_t kStrippedNotNorm = 1u << 30;
  uint32_t* cap_classes_ = nullptr;
  std::vector<bool>& title_case_ = buffers_.title_case;  // per sentence
  // The tokens ScanAt may open a name at, in order: capitalised words and
  // lower-case words before a hyphen.
  std::vector<uint32_t>& starts_ = buffers_.starts;
  // Folded words capitalised mid-sentence (views of the document's norms),
  // and the hash set over them that the first MidSentenceCapital() builds
  // (indices into mid_caps_, kNoWord for an empty slot; empty until then).
  std::vector<std::string_view>& mid_caps_ = buffers_.mid_caps;
  static constexpr uint32_t kNoWord = static_cast<uint32_t>(-1);
  std::vector<uint32_t>& mid_caps_slots_ = buffers_.mid_caps_slots;
  std::vector<size_t>& run_ = buffers_.run;                // ScanAt's name run
  std::string& folded_ = buffers_.folded;                  // EmitClean's name
  std::vector<std::string_view>& words_ = buffers_.words;  // its words
  std::string& key_ = buffers_.key;  // FactsOfName's new key
  // The mentions as found, moved into result_.mentions (allocated once,
  // at their number) before Merge; and parallel to them, their scores and
  // NameHash of their keys.
  std::vector<EntityMention>& mentions_ = buffers_.mentions;
  std::vector<Scores>& scores_ = buffers_.scores;
  std::vector<uint64_t>& key_hashes_ = buffers_.key_hashes;
  std::vector<NameInitials>& initials_ = buffers_.initials;
  EntityResult result_;
};

}  // namespace

namespace {

// EntityKey of a name given its folded form (FoldWord output), into *key:
// the key depends on the name through it only.
void KeyOfFolded(std::string_view folded, std::string* key) {
  // Typographic apostrophes are ASCII after folding; trim white space.
  thread_local std::vector<std::string_view> split;
  SplitWords(folded, &split);
  KeyOfWords(split, key);
}

// The same given the folded name's words (SplitWords of it, views of its
// text), which the finder has at hand. The buffers are reused across
// calls (this runs for every new name).
void KeyOfWords(std::span<const std::string_view> folded_words,
                std::string* key) {
  key->clear();
  thread_local std::vector<std::string_view> words;
  thread_local std::string joined;
  words.assign(folded_words.begin(), folded_words.end());
  size_t from = 0;  // the first word after leading "the"s
  while (from < words.size() && words[from] == "the") ++from;
  if (from == words.size()) return;
  words.back() = StripPossessive(words.back());
  // The words joined by single spaces: most often the folded text from the
  // first word on as it is (then no copy is made).
  std::string_view whole(
      words[from].data(),
      static_cast<size_t>(words.back().data() + words.back().size() -
                          words[from].data()));
  size_t joined_size = words.size() - from - 1;
  bool single_spaced = true;
  for (size_t k = from; k < words.size(); ++k) {
    joined_size += words[k].size();
    if (k + 1 < words.size() && words[k].data()[words[k].size()] != ' ') {
      single_spaced = false;
    }
  }
  if (!single_spaced || joined_size != whole.size()) {
    joined.clear();
    for (size_t k = from; k < words.size(); ++k) {
      if (!joined.empty()) joined.push_back(' ');
      joined.append(words[k]);
    }
    whole = joined;
  }
  // Whole-name aliases ("u.s.", "kiev", "uae"); the alias then goes through
  // the skeleton like any name, so "Kiev" and "Kyiv" meet.
  if (const std::string_view alias = lexicon::NameAlias(whole);
      !alias.empty()) {
    joined.assign(alias);
    SplitWords(joined, &words);
    from = 0;
  }
  const std::span<const std::string_view> name(words.data() + from,
                                               words.size() - from);
  // Institutions: country cue + rest. (One WordClasses look-up answers
  // both lists of each later word.)
  if (name.size() >= 2) {
    const std::string_view country = CountryPrefix(name[0]);
    bool institution = false;
    if (!country.empty()) {
      for (size_t k = 1; k < name.size() && !institution; ++k) {
        institution = (lexicon::WordClasses(name[k]) &
                       (wc::kInstitutionNoun | wc::kOrgHead)) != 0;
      }
    }
    if (institution) {
      key->assign(country);
      key->push_back('|');
      for (size_t k = 1; k < name.size(); ++k) {
        if (k > 1) key->push_back(' ');
        key->append(lexicon::BritishSpelling(StripPossessive(name[k])));
      }
      return;
    }
  }
  for (std::string_view w : name) {
    w = StripPossessive(w);
    if (w.empty()) continue;
    if (!key->empty()) key->push_back(' ');
    AppendSkeleton(lexicon::BritishSpelling(w), key);
  }
}

// Keys are asked for again and again (every mention when extracting, both
// names of every pair compared when merging across a story), for a few
// distinct names: memoised per thread by the name (NameMemo). The key is a
// pure function of the name, so the memo changes no answer.
uint32_t MemoEntryOf(std::string_view name) {
  NameMemo& memo = NameMemo::ForThread();
  const uint64_t hash = NameHash(name);
  if (const uint32_t k = memo.Find(name, hash); k != NameMemo::kNone) return k;
  thread_local std::string folded, key;
  folded.clear();
  text::FoldWord(name, &folded);
  KeyOfFolded(folded, &key);
  return memo.Add(name, hash, key);
}

}  // namespace

std::string EntityKey(std::string_view name) {
  NameMemo& memo = NameMemo::ForThread();
  return std::string(memo.Key(memo.entry(MemoEntryOf(name))));
}

bool SameEntityName(std::string_view a, std::string_view b,
                    const EntityOptions& options) {
  // Asked for many pairs of names across a story: the keys and their
  // words go into buffers reused per thread (copies of the memo's keys,
  // whose views a second look-up may move).
  thread_local std::string ka, kb;
  thread_local std::vector<std::string_view> wa, wb;
  NameMemo& memo = NameMemo::ForThread();
  ka.assign(memo.Key(memo.entry(MemoEntryOf(a))));
  kb.assign(memo.Key(memo.entry(MemoEntryOf(b))));
  if (ka.empty() || kb.empty()) return false;
  if (ka == kb) return true;
  const std::string la = AcronymLetters(a), lb = AcronymLetters(b);
  if (!la.empty() && InitialsAre(la, b)) return true;
  if (!lb.empty() && InitialsAre(lb, a)) return true;
  SplitWords(ka, &wa);
  SplitWords(kb, &wb);
  if (ka.find('|') == std::string::npos && kb.find('|') == std::string::npos) {
    if (wa.size() == 1 && wb.size() >= 2 && wb.back() == wa[0]) return true;
    if (wb.size() == 1 && wa.size() >= 2 && wa.back() == wb[0]) return true;
  }
  return Finder::FuzzySame(ka, kb, options);
}

EntityResult FindEntities(const Document& doc,
                          std::span<const DateMention> dates,
                          const EntityOptions& options) {
  Finder finder(doc, dates, options);
  return finder.Run();
}

EntityResult FindEntities(std::string_view text, const EntityOptions& options) {
  const Document doc(text);
  const std::vector<DateMention> dates = FindDates(doc, std::nullopt);
  return FindEntities(doc, dates, options);
}

std::string_view EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kPerson:
      return "person";
    case EntityType::kPlace:
      return "place";
    case EntityType::kOrganization:
      return "organization";
    case EntityType::kOther:
      return "other";
  }
  return "other";
}

}  // namespace concord::facts
