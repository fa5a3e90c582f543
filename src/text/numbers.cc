// Number extraction: digits and English number words to values.
//
// The idea. Comparing two reports of one event often comes down to their
// numbers ("1,200 killed" against "nearly 1,250 dead"), so we want every
// quantity with its value, its span and whether the writer hedged it. We work
// on Tokenize() output with punctuation kept, which already groups "1,200",
// "3.5bn" and "1000's" into single tokens, and run a small grammar over it:
//
//   mention := [hedge] [sign] [currency] core ["%"] [post-hedge]
//   core    := digits [scale-word]  |  number-words
//
// Number words go through the usual accumulator: `current` collects the
// value below the latest scale word, "hundred" multiplies it, and a scale word
// ("thousand", "million") adds current * scale to `total`. A small state
// machine decides which word may follow which, so that "one two three" stays
// three numbers, "twenty-five" is one, and "two hundred and fifty" takes its
// "and" only because a number word follows it. Tokens in one phrase must be
// separated by white space only, or by a hyphen with no space around it.
//
// Single numeric tokens ("1,200", "1.200,50", "3.5bn") are read by
// numeric_token.cc, which has the rules for "," and ".".
//
// Cost: linear in the number of tokens; phrase parsing looks ahead at most a
// few tokens past the end of the phrase. A caller that lists the tokens a
// mention may start at (MayStartNumberAt: the tokens after a hedge's first
// word or an "a" decide) has only those parsed. Tests: numbers_test.cc, a golden
// table for ParseNumber and one for FindNumbers.
#include "src/text/numbers.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "src/base/word_table.h"
#include "src/text/numeric_token.h"
#include "src/text/segmenter.h"

namespace concord::text {
namespace {

using internal::DigitPrefixBytes;
using internal::FindScaleSuffix;
using internal::NumericSuffix;
using internal::NumericToken;
using internal::ParseNumericToken;
using internal::ScaleSuffix;

struct Named {
  std::string_view word;
  double value;
};

constexpr Named kUnitWords[] = {
    {"zero", 0}, {"one", 1}, {"two", 2},   {"three", 3}, {"four", 4},
    {"five", 5}, {"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9},
};
constexpr Named kTeenWords[] = {
    {"ten", 10},      {"eleven", 11},   {"twelve", 12},  {"thirteen", 13},
    {"fourteen", 14}, {"fifteen", 15},  {"sixteen", 16}, {"seventeen", 17},
    {"eighteen", 18}, {"nineteen", 19},
};
constexpr Named kTensWords[] = {
    {"twenty", 20}, {"thirty", 30},  {"forty", 40},  {"fifty", 50},
    {"sixty", 60},  {"seventy", 70}, {"eighty", 80}, {"ninety", 90},
};
constexpr Named kScaleWords[] = {
    {"thousand", 1e3},
    {"million", 1e6},
    {"billion", 1e9},
    {"trillion", 1e12},
};
constexpr Named kUnitOrdinals[] = {
    {"first", 1}, {"second", 2},  {"third", 3},  {"fourth", 4}, {"fifth", 5},
    {"sixth", 6}, {"seventh", 7}, {"eighth", 8}, {"ninth", 9},
};
constexpr Named kTeenTensOrdinals[] = {
    {"tenth", 10},      {"eleventh", 11},    {"twelfth", 12},
    {"thirteenth", 13}, {"fourteenth", 14},  {"fifteenth", 15},
    {"sixteenth", 16},  {"seventeenth", 17}, {"eighteenth", 18},
    {"nineteenth", 19}, {"twentieth", 20},   {"thirtieth", 30},
    {"fortieth", 40},   {"fiftieth", 50},    {"sixtieth", 60},
    {"seventieth", 70}, {"eightieth", 80},   {"ninetieth", 90},
};
constexpr Named kScaleOrdinals[] = {
    {"hundredth", 1e2},
    {"thousandth", 1e3},
    {"millionth", 1e6},
    {"billionth", 1e9},
};

constexpr std::string_view kHedges[][3] = {
    {"as", "many", "as"},
    {"as", "much", "as"},
    {"an", "estimated"},
    {"more", "than"},
    {"less", "than"},
    {"fewer", "than"},
    {"at", "least"},
    {"at", "most"},
    {"up", "to"},
    {"close", "to"},
    {"upwards", "of"},
    {"just", "over"},
    {"just", "under"},
    {"well", "over"},
    {"nearly"},
    {"almost"},
    {"about"},
    {"around"},
    {"approximately"},
    {"approx"},
    {"roughly"},
    {"some"},
    {"over"},
    {"under"},
    {"circa"},
    {"estimated"},
};

template <typename T, size_t N>
const T* Find(const T (&table)[N], std::string_view word) {
  for (const T& entry : table) {
    if (entry.word == word) return &entry;
  }
  return nullptr;
}

struct Parsed {
  double value = 0;
  uint32_t begin = 0, end = 0;
  size_t next = 0;  // index of the first token after the mention
  bool approximate = false;
  bool ordinal = false;
  bool lone_fraction = false;  // a bare "half"
  bool glued_unit = false;     // digits glued to a unit: "5km" -> "5"
};

// What ParseWords() reads after "a" or "an": these, or a scale word.
constexpr std::array<std::string_view, 2> kArticleOnlyScales = {"hundred",
                                                                "dozen"};
bool ArticleScale(std::string_view w) {
  return std::find(kArticleOnlyScales.begin(), kArticleOnlyScales.end(), w) !=
             kArticleOnlyScales.end() ||
         Find(kScaleWords, w) != nullptr;
}

class PhraseParser {
 public:
  PhraseParser(std::string_view text, const std::vector<Token>& toks)
      : text_(text), toks_(toks) {}

  std::optional<Parsed> ParseAt(size_t i) const;

 private:
  bool Adjacent(size_t a, size_t b) const {
    return b < toks_.size() && toks_[b].begin == toks_[a].end;
  }
  bool Spaced(size_t a, size_t b) const {
    return b < toks_.size() && toks_[b].begin > toks_[a].end;
  }
  std::string_view Norm(size_t i) const {
    return i < toks_.size() ? std::string_view(toks_[i].norm)
                            : std::string_view();
  }
  bool IsWord(size_t i, std::string_view w) const {
    return i < toks_.size() && toks_[i].kind == TokenKind::kWord &&
           toks_[i].norm == w;
  }
  bool IsPunct(size_t i, std::string_view p) const {
    return i < toks_.size() && toks_[i].kind == TokenKind::kPunct &&
           toks_[i].norm == p;
  }
  // The index of the word after `i` in the same phrase (joined by white
  // space, or by a hyphen touching both words), or npos.
  size_t NextWord(size_t i) const {
    if (Spaced(i, i + 1)) return i + 1;
    if (IsPunct(i + 1, "-") && Adjacent(i, i + 1) && Adjacent(i + 1, i + 2))
      return i + 2;
    return std::string_view::npos;
  }
  size_t MatchHedge(size_t i) const;
  bool IsCurrency(size_t i) const;
  std::optional<Parsed> ParseWords(size_t i) const;
  std::optional<Parsed> ParseDigitsCore(size_t i, bool has_currency) const;
  void ParseTail(Parsed* p) const;

  std::string_view text_;
  const std::vector<Token>& toks_;
};

// The first words of the hedges.
// The hedges by first word: for each, the indexes into kHedges of the
// hedges that start with it, in table order (the first that matches wins,
// and only those can match).
struct HedgeList {
  uint8_t size = 0;
  uint8_t index[3] = {};
};

const FlatMap<HedgeList>& HedgesByStart() {
  static const FlatMap<HedgeList> kMap = [] {
    std::vector<std::pair<std::string_view, HedgeList>> lists;
    for (size_t h = 0; h < std::size(kHedges); ++h) {
      const std::string_view first = kHedges[h][0];
      auto it = std::find_if(lists.begin(), lists.end(),
                             [&](const auto& l) { return l.first == first; });
      if (it == lists.end()) it = lists.insert(lists.end(), {first, {}});
      HedgeList& list = it->second;
      if (list.size == std::size(list.index)) std::abort();  // table too small
      list.index[list.size++] = static_cast<uint8_t>(h);
    }
    FlatMap<HedgeList> map;
    for (const auto& [first, list] : lists) map.Insert(first, list);
    return map;
  }();
  return kMap;
}

size_t PhraseParser::MatchHedge(size_t i) const {
  // Every hedge starts with one of a few words: most tokens end here.
  if (i >= toks_.size() || toks_[i].kind != TokenKind::kWord) return 0;
  const HedgeList* list = HedgesByStart().Find(toks_[i].norm);
  if (list == nullptr) return 0;
  for (size_t k = 0; k < list->size; ++k) {
    const auto& hedge = kHedges[list->index[k]];
    size_t j = i + 1;  // the first word matched
    bool ok = true;
    for (size_t m = 1; m < std::size(hedge); ++m) {
      const std::string_view w = hedge[m];
      if (w.empty()) break;
      if (!Spaced(j - 1, j) || !IsWord(j, w)) {
        ok = false;
        break;
      }
      ++j;
    }
    if (ok && Spaced(j - 1, j)) return j;
  }
  return 0;
}

bool PhraseParser::IsCurrency(size_t i) const {
  if (i >= toks_.size() || toks_[i].kind != TokenKind::kPunct) return false;
  const std::string_view s =
      text_.substr(toks_[i].begin, toks_[i].end - toks_[i].begin);
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t k = 0;
  UChar32 c;
  U8_NEXT(p, k, static_cast<int32_t>(s.size()), c);
  return c >= 0 && k == static_cast<int32_t>(s.size()) &&
         u_charType(c) == U_CURRENCY_SYMBOL;
}

std::optional<Parsed> PhraseParser::ParseDigitsCore(size_t i,
                                                    bool has_currency) const {
  const std::optional<NumericToken> t = ParseNumericToken(Norm(i));
  if (!t) return std::nullopt;
  Parsed p;
  p.begin = toks_[i].begin;
  p.end = toks_[i].end;
  p.next = i + 1;
  p.value = t->value;
  switch (t->suffix) {
    case NumericSuffix::kNone:
      break;
    case NumericSuffix::kPlural:
      p.approximate = true;
      return p;
    case NumericSuffix::kOrdinal:
      p.ordinal = true;
      return p;
    case NumericSuffix::kScale:
      if (t->scale_needs_currency && !has_currency) {
        p.end =
            p.begin + DigitPrefixBytes(text_.substr(p.begin, p.end - p.begin));
        p.glued_unit = true;
        return p;
      }
      p.value *= t->scale;
      return p;
    case NumericSuffix::kUnit:
      p.end =
          p.begin + DigitPrefixBytes(text_.substr(p.begin, p.end - p.begin));
      p.glued_unit = true;
      return p;
  }
  // "1.2 million", "3.5 bn", "$100 m"
  if (Spaced(i, i + 1) && toks_[i + 1].kind == TokenKind::kWord) {
    const std::string_view w = Norm(i + 1);
    double scale = 0;
    if (const Named* s = Find(kScaleWords, w)) scale = s->value;
    if (w == "hundred") scale = 100;
    if (const ScaleSuffix* s = FindScaleSuffix(w);
        s && (!s->needs_currency || has_currency)) {
      scale = s->value;
    }
    if (scale > 0) {
      p.value *= scale;
      p.end = toks_[i + 1].end;
      p.next = i + 2;
    }
  }
  return p;
}

std::optional<Parsed> PhraseParser::ParseWords(size_t i) const {
  enum Last {
    kStart,
    kUnit,
    kTeen,
    kTens,
    kHundred,
    kScale,
    kAnd,
    kHalf,
    kDone
  };
  double total = 0, current = 0;
  double last_scale = std::numeric_limits<double>::infinity();
  Last last = kStart;
  Parsed p;
  p.begin = toks_[i].begin;
  size_t end_tok = std::string_view::npos;  // last token consumed
  size_t j = i;

  // "a dozen", "a hundred", "an estimated" is a hedge, not this.
  if (IsWord(j, "a") || IsWord(j, "an")) {
    const size_t k = NextWord(j);
    const std::string_view w = Norm(k);
    if (k == std::string_view::npos ||
        !ArticleScale(w)) {
      return std::nullopt;
    }
    current = 1;
    last = kUnit;
    j = k;
  } else if (IsWord(j, "half")) {
    // "half a million"; a bare "half" is 0.5.
    const size_t a = NextWord(j);
    const size_t s = a == std::string_view::npos ? a : NextWord(a);
    if ((IsWord(a, "a") || IsWord(a, "an")) && s != std::string_view::npos &&
        ArticleScale(Norm(s))) {
      current = 0.5;
      last = kHalf;
      j = s;
    } else {
      p.value = 0.5;
      p.end = toks_[j].end;
      p.next = j + 1;
      p.lone_fraction = true;
      return p;
    }
  }

  while (j < toks_.size() && toks_[j].kind == TokenKind::kWord &&
         last != kDone) {
    const std::string_view w = Norm(j);
    const bool after_count = last == kUnit || last == kTeen || last == kTens;
    const bool open =
        last == kStart || last == kHundred || last == kScale || last == kAnd;
    if (const Named* u = Find(kUnitWords, w)) {
      if (u->value == 0) {
        if (last != kStart) break;
        last = kDone;
      } else {
        if (!(open || last == kTens)) break;
        last = kUnit;
      }
      current += u->value;
    } else if (const Named* t = Find(kTeenWords, w); t && open) {
      current += t->value;
      last = kTeen;
    } else if (const Named* t2 = Find(kTensWords, w); t2 && open) {
      current += t2->value;
      last = kTens;
    } else if (w == "hundred" &&
               (last == kUnit || last == kTeen || last == kHalf) &&
               current < 100) {
      current *= 100;
      last = kHundred;
    } else if (const Named* s = Find(kScaleWords, w);
               s && (after_count || last == kHundred || last == kHalf) &&
               s->value < last_scale) {
      total += current * s->value;
      current = 0;
      last_scale = s->value;
      last = kScale;
    } else if (w == "dozen" && (after_count || last == kHalf)) {
      current *= 12;
      last = kDone;
    } else if (w == "and") {
      const size_t k = NextWord(j);
      if (k == std::string_view::npos) break;
      const std::string_view nw = Norm(k);
      if ((last == kHundred || last == kScale) &&
          (Find(kUnitWords, nw) || Find(kTeenWords, nw) ||
           Find(kTensWords, nw) || Find(kUnitOrdinals, nw) ||
           Find(kTeenTensOrdinals, nw))) {
        last = kAnd;  // "hundred and fifty", "hundred and fifth"
        j = k;
        continue;
      }
      const size_t h = NextWord(k);
      if (after_count && (IsWord(k, "a")) && IsWord(h, "half")) {
        current += 0.5;  // "one and a half"
        last = kHalf;
        end_tok = h;
        j = NextWord(h);
        if (j == std::string_view::npos) break;
        continue;
      }
      break;
    } else if (const Named* o = Find(kUnitOrdinals, w);
               o && (open || last == kTens)) {
      current += o->value;
      p.ordinal = true;
      last = kDone;
    } else if (const Named* o2 = Find(kTeenTensOrdinals, w); o2 && open) {
      current += o2->value;
      p.ordinal = true;
      last = kDone;
    } else if (const Named* o3 = Find(kScaleOrdinals, w);
               o3 && (last == kStart || after_count ||
                      (last == kHundred && o3->value > 100))) {
      if (o3->value == 100) {
        current = (current == 0 ? 1 : current) * 100;
      } else {
        total += (current == 0 ? 1 : current) * o3->value;
        current = 0;
      }
      p.ordinal = true;
      last = kDone;
    } else {
      break;
    }
    end_tok = j;
    if (last == kDone) break;
    j = NextWord(j);
    if (j == std::string_view::npos) break;
  }
  if (end_tok == std::string_view::npos) return std::nullopt;
  p.value = total + current;
  p.end = toks_[end_tok].end;
  p.next = end_tok + 1;
  return p;
}

// "%", "or so", "-odd", "-plus", "+" after the core.
void PhraseParser::ParseTail(Parsed* p) const {
  const size_t last = p->next - 1;
  if (IsPunct(p->next, "%") && Adjacent(last, p->next)) {
    p->end = toks_[p->next].end;
    ++p->next;
    return;
  }
  if (IsPunct(p->next, "+") && Adjacent(last, p->next)) {
    p->end = toks_[p->next].end;
    ++p->next;
    p->approximate = true;
    return;
  }
  if (IsPunct(p->next, "-") && Adjacent(last, p->next) &&
      (IsWord(p->next + 1, "odd") || IsWord(p->next + 1, "plus")) &&
      Adjacent(p->next, p->next + 1)) {
    p->end = toks_[p->next + 1].end;
    p->next += 2;
    p->approximate = true;
    return;
  }
  if (IsWord(p->next, "or") && Spaced(last, p->next) &&
      IsWord(p->next + 1, "so") && Spaced(p->next, p->next + 1)) {
    p->end = toks_[p->next + 1].end;
    p->next += 2;
    p->approximate = true;
  }
}

std::optional<Parsed> PhraseParser::ParseAt(size_t i) const {
  size_t k = i;
  bool approximate = false;
  if (const size_t h = MatchHedge(i); h > 0) {
    k = h;
    approximate = true;
  }
  double sign = 1;
  bool has_currency = false;
  const bool sign_ok =
      k == 0 || !Adjacent(k - 1, k) || toks_[k - 1].kind == TokenKind::kPunct;
  if (sign_ok && (IsPunct(k, "-") || IsPunct(k, "+")) && Adjacent(k, k + 1)) {
    sign = IsPunct(k, "-") ? -1 : 1;
    ++k;
  }
  if (IsCurrency(k) && Adjacent(k, k + 1)) {
    has_currency = true;
    ++k;
  }
  if (k >= toks_.size()) return std::nullopt;
  std::optional<Parsed> p;
  if (toks_[k].kind == TokenKind::kNumber) {
    p = ParseDigitsCore(k, has_currency);
  } else if (toks_[k].kind == TokenKind::kWord && sign == 1 && !has_currency) {
    p = ParseWords(k);
  }
  if (!p) return std::nullopt;
  p->begin = toks_[i].begin;
  p->value *= sign;
  p->approximate |= approximate;
  if (!p->glued_unit) ParseTail(&*p);
  return p;
}

// Every word that can begin a mention: number words, hedges, articles. A
// WordSet rejects most other words by its (length, first byte, last byte)
// filter, unhashed.
const WordSet& StarterWords() {
  static const WordSet kSet = [] {
    WordSet set = {"a", "an", "half"};
    for (std::string_view w : kArticleOnlyScales) set.Insert(w);
    for (const Named& n : kUnitWords) set.Insert(n.word);
    for (const Named& n : kTeenWords) set.Insert(n.word);
    for (const Named& n : kTensWords) set.Insert(n.word);
    for (const Named& n : kScaleWords) set.Insert(n.word);
    for (const Named& n : kUnitOrdinals) set.Insert(n.word);
    for (const Named& n : kTeenTensOrdinals) set.Insert(n.word);
    for (const Named& n : kScaleOrdinals) set.Insert(n.word);
    for (const auto& hedge : kHedges) set.Insert(hedge[0]);
    return set;
  }();
  return kSet;
}

// What a starter word can begin (NumberStarterNeed bits), for
// MayStartNumberAt(): a number word alone, "a" and "an" only before
// "hundred", "dozen" or a scale (ParseWords), a hedge's first word only
// before its next word (MatchHedge, then ParseWords fails on the hedge
// word), and after a hedge of one word the mention needs a sign, a
// currency symbol, digits or a number word.
const std::vector<std::pair<std::string_view, uint8_t>>& StarterNeedList() {
  static const auto kList = [] {
    std::vector<std::pair<std::string_view, uint8_t>> needs;
    auto add = [&needs](std::string_view w, uint8_t need) {
      MergeWordBits(&needs, w, need);
    };
    for (const std::string_view w : StarterWords().Words()) {
      if (w != "a" && w != "an" && HedgesByStart().Find(w) == nullptr) {
        add(w, kStartsAlone);
      }
    }
    add("a", kNeedsScale);
    add("an", kNeedsScale);
    for (const auto& hedge : kHedges) {
      add(hedge[0], hedge[1].empty() ? kNeedsNumberNext : kNeedsHedgeWord);
    }
    return needs;
  }();
  return kList;
}

const FlatMap<uint8_t>& StarterNeeds() {
  static const FlatMap<uint8_t> kMap = [] {
    FlatMap<uint8_t> map;
    for (const auto& [w, n] : StarterNeedList()) map.Insert(w, n);
    return map;
  }();
  return kMap;
}

// The words after the first of a hedge of several ("least", "than").
const WordSet& HedgeLaterWords() {
  static const WordSet kSet = [] {
    WordSet set;
    for (const auto& hedge : kHedges) {
      for (size_t m = 1; m < std::size(hedge); ++m) {
        if (!hedge[m].empty()) set.Insert(hedge[m]);
      }
    }
    return set;
  }();
  return kSet;
}

}  // namespace

bool MayStartNumberAt(std::string_view utf8, const std::vector<Token>& toks,
                      size_t i) {
  const Token& t = toks[i];
  if (t.kind != TokenKind::kWord) return MayStartNumber(utf8, t);
  const uint8_t* found = StarterNeeds().Find(t.norm);
  if (found == nullptr) return false;
  const uint8_t need = *found;
  if (need & kStartsAlone) return true;
  const size_t n = toks.size();
  const bool word_next = i + 1 < n && toks[i + 1].kind == TokenKind::kWord;
  // A hedge of several words needs its second word next.
  if ((need & kNeedsHedgeWord) && word_next &&
      HedgeLaterWords().Contains(toks[i + 1].norm)) {
    return true;
  }
  // "a hundred", "a-dozen": ParseWords reads the next word, after white
  // space or a hyphen.
  if ((need & kNeedsScale) && ((i + 1 < n && ArticleScale(toks[i + 1].norm)) ||
                               (i + 2 < n && ArticleScale(toks[i + 2].norm)))) {
    return true;
  }
  // After a hedge of one word the mention goes on with a sign, a currency
  // symbol, digits or a number word.
  return (need & kNeedsNumberNext) && i + 1 < n &&
         (!word_next || StarterWords().Contains(toks[i + 1].norm));
}

std::optional<double> ParseNumber(std::string_view text) {
  // Fast path, exact: a text of ASCII letters alone is one word token, and
  // ParseAt() finds no number in a lone word that cannot start one (it is
  // not a hedge, a number word, "a", "an" or "half"). Callers pass every
  // word they meet, so this is the common case.
  constexpr size_t kLongestStarter = 32;  // longer than any starter word
  if (!text.empty() && text.size() <= 64) {
    char folded[64];
    bool letters = true;
    for (size_t k = 0; k < text.size(); ++k) {
      const char c = text[k];
      const char lower = static_cast<char>(c | 0x20);
      letters &= lower >= 'a' && lower <= 'z';
      folded[k] = lower;
    }
    const std::string_view word(folded, text.size());
    if (letters &&
        (text.size() > kLongestStarter || !StarterWords().Contains(word))) {
      return std::nullopt;
    }
  }
  thread_local std::vector<Token> toks;  // reused across calls
  Tokenize(text, &toks, {.keep_punct = true});
  if (toks.empty()) return std::nullopt;
  const PhraseParser parser(text, toks);
  const std::optional<Parsed> p = parser.ParseAt(0);
  if (!p || p->next != toks.size() || p->glued_unit) return std::nullopt;
  return p->value;
}

std::vector<NumberMention> FindNumbers(std::string_view utf8) {
  thread_local std::vector<Token> toks;  // reused across calls
  Tokenize(utf8, &toks, {.keep_punct = true});
  return FindNumbers(utf8, toks);
}

namespace {

// Parses at each start the predicate `may_start` lets through, skipping the
// starts inside the last mention found.
template <typename Starts, typename MayStart>
std::vector<NumberMention> FindAt(std::string_view utf8,
                                  const std::vector<Token>& toks,
                                  const Starts& starts, MayStart may_start) {
  std::vector<NumberMention> out;
  const PhraseParser parser(utf8, toks);
  size_t next = 0;  // no mention starts before the end of the last one
  for (const size_t i : starts) {
    if (i < next || !may_start(i)) continue;
    const std::optional<Parsed> p = parser.ParseAt(i);
    if (!p) continue;
    if (!p->ordinal && !p->lone_fraction && std::isfinite(p->value)) {
      out.push_back({p->begin, p->end, p->value, p->approximate});
    }
    next = p->next;
  }
  return out;
}

// 0, 1, ..., n - 1, as a range for FindAt. (Not std::views::iota: clang
// 14, the fuzz build's compiler, cannot compile libstdc++ 12's <ranges>.)
struct Iota {
  struct It {
    size_t i;
    size_t operator*() const { return i; }
    It& operator++() {
      ++i;
      return *this;
    }
    bool operator!=(const It& o) const { return i != o.i; }
  };
  size_t n;
  It begin() const { return {0}; }
  It end() const { return {n}; }
};

}  // namespace

bool MayStartNumber(std::string_view utf8, const Token& t) {
  switch (t.kind) {
    case TokenKind::kNumber:
      return true;
    case TokenKind::kWord:
      return StarterWords().Contains(t.norm);
    case TokenKind::kPunct:
      return !NonStarterPunct(utf8, t);
  }
  return true;
}

std::vector<std::pair<std::string_view, uint8_t>> NumberStarterNeeds() {
  return StarterNeedList();
}

std::vector<std::string_view> NumberHedgeLaterWords() {
  return HedgeLaterWords().Words();
}

std::vector<std::string_view> NumberArticleScales() {
  std::vector<std::string_view> out(kArticleOnlyScales.begin(),
                                    kArticleOnlyScales.end());
  for (const Named& s : kScaleWords) out.push_back(s.word);
  return out;
}

std::vector<std::string_view> NumberStarterWords() {
  return StarterWords().Words();
}

std::vector<NumberMention> FindNumbers(std::string_view utf8,
                                       const std::vector<Token>& toks) {
  // Every token, skipping at once those that cannot start a number.
  return FindAt(utf8, toks, Iota{toks.size()},
                [&](size_t i) { return MayStartNumber(utf8, toks[i]); });
}

std::vector<NumberMention> FindNumbers(std::string_view utf8,
                                       const std::vector<Token>& toks,
                                       std::span<const uint32_t> starts) {
  return FindAt(utf8, toks, starts, [](size_t) { return true; });
}

}  // namespace concord::text
