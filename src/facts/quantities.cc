// Quantity extraction: numbers from src/text/numbers.h, then what they count.
//
// The idea. FindNumbers() already finds every number with its hedge and
// value; what a comparison of reports needs on top is the thing counted
// ("1,200 prisoners" against "1,200 Ukrainians") and the kind of value
// (money, percent, distance). Without a part-of-speech tagger we read the
// few tokens after the number with English noun-phrase habits:
//
//   number [-unit | -year-old] [of [the|their|...]] {modifier} head
//
// A measure unit right after the number wins ("1,250 kilometers" -> km).
// Otherwise the head is the first plural-looking noun within four words
// (modifiers before it: demonyms, adjectives, "more"), or for the value one
// the first content word. A function word, a punctuation mark or a line
// break ends the phrase. The head is made singular with a small rule set
// (document.cc), not the Snowball stemmer, which would turn "prisoners" into
// "prison".
//
// Numbers that are dates or times are skipped by span against FindDates()
// output; "thousands", "hundreds", "dozens" and "tens of thousands" are
// added as vague lower bounds; two numbers joined by "-", "to" or
// "between ... and" become one range.
//
// Cost: linear in the tokens; at most about ten tokens of look-ahead per
// number. Tests: quantities_test.cc (a golden table).
#include "src/facts/quantities.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string>

#include "src/base/short_string.h"
#include "src/facts/lexicon.h"
#include "src/text/numbers.h"

namespace concord::facts {
namespace {

using lexicon::UnitKind;

QuantityKind KindOfUnit(UnitKind k) {
  switch (k) {
    case UnitKind::kDistance:
      return QuantityKind::kDistance;
    case UnitKind::kWeight:
      return QuantityKind::kWeight;
    case UnitKind::kArea:
      return QuantityKind::kArea;
    case UnitKind::kVolume:
      return QuantityKind::kVolume;
    case UnitKind::kDuration:
      return QuantityKind::kDuration;
    case UnitKind::kSpeed:
      return QuantityKind::kSpeed;
    case UnitKind::kTemperature:
      return QuantityKind::kTemperature;
    case UnitKind::kPercent:
      return QuantityKind::kPercent;
    case UnitKind::kMoney:
      return QuantityKind::kMoney;
    case UnitKind::kNone:
      break;
  }
  return QuantityKind::kCount;
}

Approximation ApproximationOfHedge(std::string_view h) {
  if (h.empty()) return Approximation::kExact;
  if (h == "more than" || h == "over" || h == "at least" || h == "upwards of" ||
      h == "just over" || h == "well over") {
    return Approximation::kAtLeast;
  }
  if (h == "up to" || h == "less than" || h == "fewer than" || h == "under" ||
      h == "at most" || h == "just under" || h == "as many as" ||
      h == "as much as") {
    return Approximation::kAtMost;
  }
  return Approximation::kApproximate;
}

// Words that may stand between a number and its noun without ending the
// phrase, although they are stop words.
bool SkippableStopword(std::string_view w) {
  return w == "more" || w == "other" || w == "additional" || w == "new" ||
         w == "further" || w == "extra" || w == "own" || w == "young" ||
         w == "old";
}

bool Determiner(std::string_view w) {
  return w == "the" || w == "their" || w == "its" || w == "his" || w == "her" ||
         w == "these" || w == "those" || w == "them" || w == "our" ||
         w == "your" || w == "whom" || w == "which";
}

// Vague plural number words and their scale ("thousands" >= 1000): the
// one list, which the Document's vague_words() also takes (VagueWords,
// below, with "tens", which counts only before one of these).
struct VagueScale {
  std::string_view word;
  double value;
};
constexpr std::array<VagueScale, 6> kVagueScales = {{
    {"dozens", 12},
    {"scores", 20},
    {"hundreds", 100},
    {"thousands", 1e3},
    {"millions", 1e6},
    {"billions", 1e9},
}};

double VagueValue(std::string_view w) {
  for (const VagueScale& v : kVagueScales) {
    if (w == v.word) return v.value;
  }
  return 0;
}

bool SmallNumberWord(std::string_view w) {
  return w == "one" || w == "two" || w == "three" || w == "four" ||
         w == "five" || w == "six" || w == "seven" || w == "eight" ||
         w == "nine" || w == "ten" || w == "a" || w == "an";
}

// The slot of short word `w` (not empty, at most as long as Entry::word)
// in a per-thread direct-mapped memo, and in *hit whether the slot holds
// that word: HashShortString plus one SameShortString, with no string
// built and no node chased. Entry has `uint8_t size` (0: empty) and `char
// word[]`. A colliding word replaces the entry.
template <typename Entry, size_t kSlots>
Entry& MemoSlot(std::array<Entry, kSlots>& memo, std::string_view w,
                bool* hit) {
  static_assert((kSlots & (kSlots - 1)) == 0, "a power of two");
  Entry& e = memo[HashShortString(w) & (kSlots - 1)];
  *hit = SameShortString(std::string_view(e.word, e.size), w);
  return e;
}

// text::ParseNumber of one word, memoised per thread: the words tried are
// the few hedges before numbers ("more", "than", "about") and number
// words, asked for again and again (a few dozen distinct words per
// thousand articles), and ParseNumber is a pure function of the word (the
// memo changes no answer). The memo is a small direct-mapped table keyed
// by the word's bytes held in place (MemoSlot); longer words are not kept.
std::optional<double> ParseWord(std::string_view w) {
  struct Entry {
    uint8_t size = 0;  // 0: empty (the empty word is never kept)
    bool has_value = false;
    char word[22];
    double value = 0;
  };
  thread_local std::array<Entry, 256> memo;
  if (w.empty() || w.size() > sizeof(Entry::word)) return text::ParseNumber(w);
  bool hit = false;
  Entry& e = MemoSlot(memo, w, &hit);
  if (hit) return e.has_value ? std::optional<double>(e.value) : std::nullopt;
  const std::optional<double> v = text::ParseNumber(w);
  e.size = static_cast<uint8_t>(w.size());
  std::memcpy(e.word, w.data(), w.size());
  e.has_value = v.has_value();
  e.value = v.value_or(0);
  return v;
}

// Singular(w, out), memoised per thread like ParseWord: the counted nouns
// recur ("people", "soldiers", "civilians"), and Singular is a pure
// function of the word (the memo changes no answer). Words or singulars
// longer than an entry holds are not kept.
void SingularOf(std::string_view w, std::string* out) {
  struct Entry {
    uint8_t size = 0;  // 0: empty (the empty word is never kept)
    uint8_t singular_size = 0;
    char word[23];
    char singular[23];
  };
  thread_local std::array<Entry, 256> memo;
  if (w.empty() || w.size() > sizeof(Entry::word)) return Singular(w, out);
  bool hit = false;
  Entry& e = MemoSlot(memo, w, &hit);
  if (hit) {
    out->assign(e.singular, e.singular_size);
    return;
  }
  Singular(w, out);
  if (out->size() > sizeof(Entry::singular)) return;
  e.size = static_cast<uint8_t>(w.size());
  std::memcpy(e.word, w.data(), w.size());
  e.singular_size = static_cast<uint8_t>(out->size());
  std::memcpy(e.singular, out->data(), out->size());
}

struct Candidate {
  uint32_t begin = 0, end = 0;  // number span (hedge included)
  double value = 0;
  bool approximate = false;
  bool vague = false;
};

class Extractor {
 public:
  Extractor(const Document& doc, std::span<const DateMention> dates,
            const QuantityOptions& options)
      : doc_(doc), dates_(dates), options_(options) {}

  std::vector<Quantity> Run() {
    const std::vector<text::NumberMention> numbers =
        text::FindNumbers(doc_.text(), doc_.tokens(), doc_.number_starts());
    // One allocation: every number and vague word may become a candidate.
    std::vector<Candidate> cands;
    cands.reserve(numbers.size() + doc_.vague_words().size());
    for (const text::NumberMention& m : numbers) {
      cands.push_back({m.begin, m.end, m.value, m.approximate, false});
    }
    AddVague(&cands);
    std::sort(cands.begin(), cands.end(),
              [](const Candidate& a, const Candidate& b) {
                return a.begin < b.begin;
              });
    // Built in place, in one allocation: most candidates become quantities,
    // and a Quantity (four strings) is costly to move when a vector grows.
    std::vector<Quantity> out;
    out.reserve(cands.size());
    for (size_t k = 0; k < cands.size(); ++k) {
      Quantity& q = out.emplace_back();
      const size_t used = Build(cands, k, &q);
      if (used == 0) {
        out.pop_back();
        continue;
      }
      k += used - 1;
      q.text.assign(doc_.text().substr(q.begin, q.end - q.begin));
    }
    return out;
  }

 private:
  // Whether [begin, end) overlaps a date. dates_ is sorted and
  // non-overlapping, and the candidates are asked about in text order
  // (`begin` never decreases from one call to the next), so the first date
  // ending after `begin` is found by moving a cursor on, not by a search.
  bool InDate(uint32_t begin, uint32_t end) {
    while (date_cursor_ < dates_.size() && dates_[date_cursor_].end <= begin) {
      ++date_cursor_;
    }
    return date_cursor_ < dates_.size() && dates_[date_cursor_].begin < end;
  }

  void AddVague(std::vector<Candidate>* cands) const {
    // Only the vague words are looked at (Document's vague_words()), those
    // inside the last phrase found skipped.
    size_t next = 0;  // no phrase starts before it
    for (const uint32_t i : doc_.vague_words()) {
      if (i < next) continue;
      const std::string_view w = doc_.Norm(i);
      double v = VagueValue(w);
      // "tens of thousands": "tens" counts only before a vague scale.
      const bool tens = w == "tens";
      if (v == 0 && !tens) continue;
      if (w == "scores" && !doc_.IsWord(i + 1, "of")) continue;
      size_t last = i;
      // "tens of thousands", "hundreds of thousands", "dozens of millions"
      if (doc_.IsWord(i + 1, "of") && doc_.IsWord(i + 2) &&
          VagueValue(doc_.Norm(i + 2)) >= 1e3 && (tens || v < 1e3)) {
        v = (tens ? 10 : v) * VagueValue(doc_.Norm(i + 2));
        last = i + 2;
      } else if (tens) {
        continue;
      }
      Candidate c;
      c.begin = doc_.tokens()[i].begin;
      c.end = doc_.tokens()[last].end;
      c.value = v;
      c.approximate = true;
      c.vague = true;
      cands->push_back(c);
      next = last + 1;
    }
  }

  // The unit or counted noun after token j (the first token after the
  // number). Fills q->unit, q->modifier, q->kind and returns the index one
  // past the last token used (j if nothing).
  size_t Head(size_t j, double value, Quantity* q, bool* found) const {
    *found = false;
    const size_t start = j;
    // "per cent"
    if (doc_.IsWord(j, "per") && doc_.IsWord(j + 1, "cent")) {
      q->kind = QuantityKind::kPercent;
      q->unit = "percent";
      *found = true;
      return j + 2;
    }
    // "35-year-old", "10-kilometre", "1,200-strong"
    if (doc_.IsPunct(j, "-") && doc_.Adjacent(j - 1, j) && doc_.IsWord(j + 1) &&
        doc_.Adjacent(j, j + 1)) {
      const std::string_view w = doc_.Norm(j + 1);
      if ((w == "year" || w == "month") && doc_.IsPunct(j + 2, "-") &&
          doc_.IsWord(j + 3, "old")) {
        q->kind = QuantityKind::kAge;
        q->unit = w;
        *found = true;
        return j + 4;
      }
      const lexicon::Unit u = lexicon::FindUnit(w);
      if (u.kind != UnitKind::kNone && u.kind != UnitKind::kMoney) {
        q->kind = KindOfUnit(u.kind);
        q->unit = u.canonical;
        *found = true;
        return j + 2;
      }
      if (w == "strong") {
        j += 2;  // "a 1,200-strong force": count the force's noun below
      } else {
        return start;  // "F-16"-like compounds after a number
      }
    }
    // Measure unit or currency word first.
    if (doc_.IsWord(j)) {
      const std::string_view w = doc_.Norm(j);
      const lexicon::Unit u = lexicon::FindUnit(w);
      if (u.kind != UnitKind::kNone && !(w == "m" && !doc_.Spaced(j - 1, j))) {
        if (u.kind == UnitKind::kDuration && doc_.IsWord(j + 1, "old")) {
          q->kind = QuantityKind::kAge;
          q->unit = u.canonical;
          *found = true;
          return j + 2;
        }
        q->kind = KindOfUnit(u.kind);
        q->unit = u.canonical;
        *found = true;
        return j + 1;
      }
    }
    // "of the", "of their"
    size_t k = j;
    if (doc_.IsWord(k, "of")) {
      if (value == 1 && !q->vague) return start;  // "one of the"
      ++k;
      if (doc_.IsWord(k) && Determiner(doc_.Norm(k))) ++k;
      if (!doc_.IsWord(k) || ParseWord(doc_.Norm(k))) return start;
    }
    // Modifiers then head, within four words, no punctuation between.
    size_t first_content = static_cast<size_t>(-1);
    for (size_t n = 0; n < 4 && doc_.IsWord(k); ++n, ++k) {
      if (k > j && doc_.LineBreakBetween(k - 1, k)) break;
      if (k > j && !doc_.Spaced(k - 1, k) && !doc_.IsWord(k - 1)) break;
      const std::string_view w = doc_.Norm(k);
      if (lexicon::IsEnglishStopword(w) && !SkippableStopword(w)) break;
      if (doc_.Capitalized(k) && lexicon::Month(w) > 0) break;
      if (first_content == static_cast<size_t>(-1)) first_content = k;
      const bool plural = LooksPlural(w);
      if (plural || (value == 1 && n == 0 && !doc_.Capitalized(k))) {
        SingularOf(w, &q->unit);
        for (size_t m = first_content; m < k; ++m) {
          if (!q->modifier.empty()) q->modifier.push_back(' ');
          q->modifier.append(doc_.Norm(m));
        }
        *found = true;
        return k + 1;
      }
      // A comma-free run of non-plural words: allow capitalised demonyms
      // and adjectives ("Ukrainian", "armed", "civilian") before the head.
    }
    return start;
  }

  // Builds the quantity of cands[k] (and of cands[k + 1] when they form a
  // range). Returns how many candidates it used, 0 to drop cands[k].
  // REQUIRES: *q is a new (default) Quantity.
  size_t Build(const std::vector<Candidate>& cands, size_t k, Quantity* q) {
    const Candidate& c = cands[k];
    if (InDate(c.begin, c.end)) return 0;
    const size_t first = TokenFrom(c.begin, cursor_);
    cursor_ = first;
    const size_t last = TokenFrom(c.end - 1, first);
    if (first >= doc_.size() || last >= doc_.size()) return 0;
    // The core number token: the last kNumber or number word of the span.
    size_t core = first;
    // Written straight into the quantity (a new one: its strings are
    // empty, and it is dropped when this returns 0).
    std::string& hedge = q->hedge;
    for (size_t t = first; t <= last; ++t) {
      if (doc_.IsNumber(t)) {
        core = t;
        break;
      }
      if (doc_.IsWord(t) && !c.vague) {
        // Hedge words come first; the number word ends them.
        const std::string_view w = doc_.Norm(t);
        const std::optional<double> v = ParseWord(w);
        const bool article =
            (w == "a" || w == "an") && !doc_.IsWord(t + 1, "estimated");
        if (v || article || w == "half") {
          core = t;
          break;
        }
        if (!hedge.empty()) hedge.push_back(' ');
        hedge.append(w);
      }
    }
    if (c.vague) core = first;
    // "just about": FindNumbers knows "about" only.
    uint32_t begin = c.begin;
    if (hedge == "about" && first > 0 && doc_.IsWord(first - 1, "just")) {
      hedge = "just about";
      begin = doc_.tokens()[first - 1].begin;
    }
    // Years that FindDates did not take (bare_years off) are still years.
    if (doc_.IsNumber(core) && LooksLikeYear(doc_, core) && hedge.empty()) {
      return 0;
    }
    // Identifiers: "F-16", "Su-34", "COVID-19", "G7".
    if (core > 1 && doc_.IsPunct(core - 1, "-") &&
        doc_.Adjacent(core - 1, core) && doc_.Adjacent(core - 2, core - 1) &&
        doc_.IsWord(core - 2)) {
      return 0;
    }
    if (core > 0 && doc_.IsWord(core - 1) && doc_.Adjacent(core - 1, core)) {
      return 0;
    }
    // Scores and clock-like "2:1".
    if (doc_.IsPunct(last + 1, ":") && doc_.Adjacent(last, last + 1)) return 0;

    q->begin = begin;
    q->end = c.end;
    q->value = q->low = q->high = c.value;
    q->vague = c.vague;
    q->approximation =
        c.vague ? Approximation::kAtLeast : ApproximationOfHedge(hedge);
    if (c.approximate && q->approximation == Approximation::kExact) {
      q->approximation = Approximation::kApproximate;
    }
    // Plural digits: "1000's", "1000s".
    if (doc_.IsNumber(core)) {
      const std::string_view n = doc_.Norm(core);
      if (n.ends_with("'s") ||
          (n.ends_with("s") && n.size() > 1 && n[n.size() - 2] >= '0' &&
           n[n.size() - 2] <= '9')) {
        q->vague = true;
        q->approximation = Approximation::kAtLeast;
      }
    }
    // Post-hedges written into the span by FindNumbers.
    const std::string_view raw = doc_.text().substr(c.begin, c.end - c.begin);
    if (raw.ends_with("+") || raw.ends_with("plus")) {
      q->approximation = Approximation::kAtLeast;
    }
    // Currency sign before the number.
    for (size_t t = first; t <= core; ++t) {
      if (doc_.tokens()[t].kind != text::TokenKind::kPunct) continue;
      std::string sign(doc_.Raw(t));
      if (t > 0 && doc_.IsWord(t - 1) && doc_.Adjacent(t - 1, t) &&
          doc_.Raw(t - 1).size() <= 2) {
        std::string prefix(doc_.Norm(t - 1));
        prefix += sign;
        if (!lexicon::CurrencyOfSign(prefix).empty()) {
          sign = prefix;
          q->begin = std::min(q->begin, doc_.tokens()[t - 1].begin);
        }
      }
      if (const std::string_view cur = lexicon::CurrencyOfSign(sign);
          !cur.empty()) {
        q->kind = QuantityKind::kMoney;
        q->unit = cur;
      }
    }
    if (raw.ends_with("%")) {
      q->kind = QuantityKind::kPercent;
      q->unit = "percent";
    }
    // A unit glued to the digits: "10km", "5kg".
    size_t after = last + 1;
    if (c.end < doc_.tokens()[last].end) {
      const std::string_view tok = doc_.Norm(last);
      const size_t digits = c.end - doc_.tokens()[last].begin;
      const std::string_view suffix =
          digits < tok.size() ? tok.substr(digits) : std::string_view();
      const lexicon::Unit u = lexicon::FindUnit(suffix);
      if (u.kind == UnitKind::kNone) return 0;  // "5G", "4x4"
      q->kind = KindOfUnit(u.kind);
      q->unit = u.canonical;
      q->end = doc_.tokens()[last].end;
    }
    size_t used = 1;
    // Ranges: "10-20", "10 to 20", "between 10 and 20".
    if (k + 1 < cands.size() && !c.vague && q->unit.empty()) {
      const Candidate& d = cands[k + 1];
      const size_t dfirst = TokenFrom(d.begin, last);
      const bool dash = doc_.IsPunct(after, "-") && dfirst == after + 1 &&
                        doc_.Adjacent(last, after) &&
                        doc_.Adjacent(after, dfirst);
      const bool to = doc_.IsWord(after, "to") && dfirst == after + 1;
      const bool between = doc_.IsWord(after, "and") && dfirst == after + 1 &&
                           first > 0 && doc_.IsWord(first - 1, "between");
      if ((dash || to || between) && !d.vague && d.value > c.value &&
          !InDate(d.begin, d.end)) {
        q->is_range = true;
        q->high = d.value;
        q->end = d.end;
        if (between) q->begin = doc_.tokens()[first - 1].begin;
        after = TokenFrom(d.end - 1, dfirst) + 1;
        used = 2;
        if (d.approximate && q->approximation == Approximation::kExact) {
          q->approximation = Approximation::kApproximate;
        }
      }
    }
    if (q->kind == QuantityKind::kCount && q->unit.empty()) {
      bool found = false;
      const size_t e = Head(after, q->value, q, &found);
      if (found) {
        q->end = std::max(q->end, doc_.tokens()[e - 1].end);
        // Hedges after the noun: "125 fighters at least", "50 or more".
        if ((doc_.IsWord(e, "at") && doc_.IsWord(e + 1, "least")) ||
            (doc_.IsWord(e, "or") && doc_.IsWord(e + 1, "more"))) {
          q->approximation = Approximation::kAtLeast;
          q->end = doc_.tokens()[e + 1].end;
        }
      }
      // "5 million dollars": the currency word names money.
    } else if (q->kind == QuantityKind::kMoney && doc_.IsWord(after)) {
      // "$5bn dollars" is rare; nothing to add.
    }
    // "Rhys Gannet, 67, said": an age between commas after a name.
    if (q->unit.empty() && first >= 2 && doc_.IsPunct(first - 1, ",") &&
        doc_.IsPunct(last + 1, ",") && doc_.IsNumber(core) && first == core &&
        doc_.Capitalized(first - 2) && doc_.IsWord(first - 2) &&
        q->value >= 1 && q->value <= 120 &&
        q->value == static_cast<int>(q->value)) {
      q->kind = QuantityKind::kAge;
      q->unit = "year";
    }
    // "aged 35"
    if (first > 0 && doc_.IsWord(first - 1, "aged") && q->unit.empty()) {
      q->kind = QuantityKind::kAge;
      q->unit = "year";
      q->begin = doc_.tokens()[first - 1].begin;
    }
    // Pronoun "one" and bare small number words count nothing.
    if (doc_.IsWord(core) && q->unit.empty()) {
      const std::string_view w = doc_.Norm(core);
      if (SmallNumberWord(w) || q->value <= 10) return 0;
    }
    if (doc_.IsWord(core, "one") && core > 0 && doc_.IsWord(core - 1)) {
      const std::string_view p = doc_.Norm(core - 1);
      if (p == "no" || p == "any" || p == "every" || p == "each" ||
          p == "the" || p == "this" || p == "that" || p == "which" ||
          p == "someone" || p == "anyone") {
        return 0;
      }
    }
    if (q->kind == QuantityKind::kCount && q->unit.empty() &&
        !options_.keep_bare_counts) {
      return 0;
    }
    return used;
  }

  // doc_.TokenAt(byte), searched forward from token `hint` when no token
  // before it can be the answer (the candidates come in text order, so the
  // answer is often a few tokens on, else in the rest of the text), else by
  // binary search over all tokens.
  size_t TokenFrom(uint32_t byte, size_t hint) const {
    const std::vector<text::Token>& t = doc_.tokens();
    if (hint > t.size() || (hint > 0 && t[hint - 1].end > byte)) {
      return doc_.TokenAt(byte);
    }
    size_t k = hint;
    for (size_t n = 0; k < t.size() && n < 8; ++k, ++n) {
      if (t[k].end > byte) return k;
    }
    // No token before k ends after `byte`: gallop on from k (the answer is
    // usually a few dozen tokens on), then search the last stride only.
    size_t lo = k;  // every token before lo ends at or before `byte`
    size_t hi = k;
    for (size_t stride = 8; hi < t.size() && t[hi].end <= byte; stride *= 2) {
      lo = hi + 1;
      hi += stride;
    }
    hi = std::min(hi, t.size());  // t[hi].end > byte, or hi is the end
    const auto it = std::upper_bound(
        t.begin() + static_cast<std::ptrdiff_t>(lo),
        t.begin() + static_cast<std::ptrdiff_t>(hi), byte,
        [](uint32_t b, const text::Token& tok) { return b < tok.end; });
    return static_cast<size_t>(it - t.begin());
  }

  const Document& doc_;
  std::span<const DateMention> dates_;
  const QuantityOptions& options_;
  size_t cursor_ = 0;  // TokenFrom's hint: the first token of the last build
  size_t date_cursor_ = 0;  // InDate's: no date before it ends after a begin
};

}  // namespace

std::vector<Quantity> FindQuantities(const Document& doc,
                                     std::span<const DateMention> dates,
                                     const QuantityOptions& options) {
  std::vector<DateMention> own;
  if (dates.empty()) {
    own = FindDates(doc, std::nullopt);
    dates = own;
  }
  Extractor ex(doc, dates, options);
  return ex.Run();
}

std::vector<Quantity> FindQuantities(std::string_view text,
                                     const QuantityOptions& options) {
  const Document doc(text);
  return FindQuantities(doc, {}, options);
}

std::string_view QuantityKindName(QuantityKind kind) {
  switch (kind) {
    case QuantityKind::kCount:
      return "count";
    case QuantityKind::kMoney:
      return "money";
    case QuantityKind::kPercent:
      return "percent";
    case QuantityKind::kDistance:
      return "distance";
    case QuantityKind::kWeight:
      return "weight";
    case QuantityKind::kArea:
      return "area";
    case QuantityKind::kVolume:
      return "volume";
    case QuantityKind::kDuration:
      return "duration";
    case QuantityKind::kSpeed:
      return "speed";
    case QuantityKind::kTemperature:
      return "temperature";
    case QuantityKind::kAge:
      return "age";
  }
  return "count";
}

std::string_view ApproximationName(Approximation a) {
  switch (a) {
    case Approximation::kExact:
      return "exact";
    case Approximation::kApproximate:
      return "approximate";
    case Approximation::kAtLeast:
      return "at_least";
    case Approximation::kAtMost:
      return "at_most";
  }
  return "exact";
}

const std::vector<std::string_view>& VagueWords() {
  static const std::vector<std::string_view> kWords = [] {
    std::vector<std::string_view> v = {"tens"};
    for (const VagueScale& s : kVagueScales) v.push_back(s.word);
    return v;
  }();
  return kWords;
}

}  // namespace concord::facts
