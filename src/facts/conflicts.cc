// Factual conflicts from an alignment and from fact slots.
//
// The idea. Two texts about one event conflict when they put different
// values in the same place: the word alignment says where "the same place"
// is for texts that share wording (an edited copy), and fact slots say it
// for texts that do not (a rewrite). Either way a conflict needs a value on
// both sides: a detail present on one side only is an omission or an
// addition, never a conflict, because rewrites drop and add details all the
// time.
//
// 1. Regions. Each aligned passage is a run of identical spans with
//    substitutions between them; a maximal run of non-identical spans with
//    words on both sides is a region, and so is the stretch between two
//    consecutive passages (or before the first, after the last) when both
//    sides of it are short (ConflictOptions::max_gap_words): an edited
//    dateline or a replaced clause falls between passages rather than
//    inside one.
// 2. Inside a region, values are compared by kind, using the facts already
//    extracted from each whole text (dates, quantities, entities) that
//    overlap the region, so "ten" and "10", "Sunday 25 May 2014" and "May 25,
//    2014" compare by value:
//      date    a date of A compatible with no date of B, and one of B with
//              none of A (compatible = no field both sides state differs:
//              year, month, day, weekday, the weekday of a full date);
//      number  the same for quantities, where a hedged or vague value is
//              compatible with anything within a quarter of it and ranges
//              overlap;
//      entity  a name of A related to no name of B's region, and one of
//              B to none of A's, where related is wider than
//              SameEntityName(): a subset of the other's words, a shared
//              distinctive word ("Meet Obama" / "Introducing Obama" but not
//              "Syrian Army" / "Russian Army"), an initialism, the same
//              country; not when each name occurs elsewhere in the other
//              text (a reordering). An actor when either side reads as
//              people (a person, a group noun such as "forces", or an
//              organisation against a non-place), else a place if either is
//              typed one. Names that are news outlets (sources) or hold a
//              cause word ("Car Bomb" in a headline) are left out;
//      replaced  inside a passage, a name whose whole mention was replaced
//              by a common noun for a group or a place ("the terrorists"
//              -> "Russian forces", "the town" -> "Qamishli"), or the
//              reverse, when the name occurs nowhere in the other text;
//              lower confidence;
//      cause   cause-of-death terms (a small lexicon: bomb, airstrike,
//              shelling, sniper, chemical, ...) on both sides, each side
//              with one the other lacks.
//    A swap of common words (a WordNet synonym, a spinner's substitute)
//    carries none of these and is never a conflict.
// 3. Slots, over the whole texts, for what the alignment missed:
//      toll    quantities next to a death word ("killed", "dead", "toll")
//              or an injury word, the nearer winning; the same mutual
//              incompatibility as in a region, over each side's values;
//      day     dates that name a day (a full date or a weekday), mutually
//              incompatible as above;
//      cause   the cause terms of each side's first sentences (the lede,
//              where a report states how people died), each side with one
//              the other text never uses.
//    Slot conflicts get lower confidence than aligned ones.
//
// Calibrated on two development sets (docs/quality.md): altered news
// reports (conflicts to find) and restyled rewrites (no conflict to find).
//
// Cost: per region, a binary search into each fact list (they are sorted
// and non-overlapping) and a walk over the facts it overlaps; evidence text
// is built only for a conflict; each slot is quadratic in its values (a
// handful per text). In a comparison the facts extraction of both texts
// dominates (about half of Comparer::Compare; this file about 3%).
// Tested by conflicts_test.cc (a golden table of invented sentence pairs).
#include "src/facts/conflicts.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <span>

#include "src/facts/lexicon.h"
#include "src/text/stemmer.h"

namespace concord::facts {
namespace {

using compare::AlignedSpan;
using compare::AlignedText;
using compare::Alignment;
using compare::Passage;
using compare::SpanKind;

// Aligned evidence is stronger than slot evidence.
constexpr float kAlignedConfidence = 0.9f;
constexpr float kGapConfidence = 0.75f;
constexpr float kSlotConfidence = 0.55f;
constexpr float kOneSidedConfidence = 0.5f;
// How many leading words count as the lede for the cause slot.
constexpr uint32_t kLedeWords = 60;
// Evidence strings quote at most this many bytes of each side.
constexpr size_t kQuoteBytes = 80;

struct Region {
  uint32_t a0, a1, b0, b1;  // word ranges
  bool in_passage;
};

struct ByteRange {
  uint32_t begin, end;
  bool Overlaps(uint32_t b, uint32_t e) const { return b < end && e > begin; }
};

ByteRange BytesOf(const AlignedText& t, uint32_t w0, uint32_t w1) {
  return {t.words[w0].begin, t.words[w1 - 1].end};
}

// Cause-of-death and means-of-attack words. Heads name a cause on their
// own; modifiers only next to a head ("car bomb", "suicide attack",
// "chemical weapons").
constexpr std::string_view kCauseHeads[] = {
    "airstrike",  "airstrikes", "bomb",        "bombs",      "bombing",
    "bombings",   "bombed",     "bombardment", "shelling",   "shells",
    "shelled",    "mortar",     "mortars",     "rocket",     "rockets",
    "missile",    "missiles",   "gunfire",     "gunmen",     "gunman",
    "shooting",   "shootings",  "shot",        "sniper",     "snipers",
    "explosion",  "explosions", "explosive",   "explosives", "blast",
    "blasts",     "ied",        "landmine",    "landmines",  "mine",
    "drone",      "drones",     "artillery",   "grenade",    "grenades",
    "stabbing",   "stabbed",    "knife",       "chemical",   "sarin",
    "chlorine",   "gas",        "poison",      "poisoning",  "poisoned",
    "suicide",    "beheaded",   "beheading",   "executed",   "execution",
    "hanged",     "hanging",    "tortured",    "torture",    "starvation",
    "strangled",  "crash",      "fire",        "arson",      "flood",
    "earthquake", "ambush",     "raid",        "raids",      "clashes",
    "napalm",     "cluster",    "barrel",      "car",        "truck",
    "roadside",   "helicopter", "jet",         "jets",       "warplane",
    "warplanes",  "tank",       "tanks",       "gun",        "guns",
    "bullet",     "bullets",    "drowning",    "drowned",    "air",
    "battle",     "battles",    "fighting",
};
// Words of kCauseHeads that name a cause only before a head word ("car
// bomb", "barrel bombs", "helicopter gunfire"); on their own they are not.
constexpr std::string_view kCauseModifiers[] = {
    "car", "truck", "roadside", "barrel", "cluster", "suicide", "helicopter",
    "jet", "tank",  "fire",     "gas",    "mine",    "air",
};
// Heads a modifier may stand before.
constexpr std::string_view kAttackHeads[] = {
    "bomb",    "bombs",  "bombing", "bomber",  "bombers",   "attack",
    "attacks", "weapon", "weapons", "blast",   "explosion", "strike",
    "strikes", "raid",   "raids",   "gunfire", "fire",      "bombardment",
};

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

// The cause key of word i of `t`, or empty when it names no cause. Plural
// and verb forms share a key (the Snowball-style stem is the word's hash,
// so a small manual folding is used: trailing "s", "ed", "ing").
std::string_view CauseKey(const AlignedText& t, size_t i) {
  std::string_view w = t.words[i].folded;
  if (!In(kCauseHeads, w)) return {};
  if (In(kCauseModifiers, w)) {
    bool head = false;
    for (size_t k = i + 1; k < t.words.size() && k <= i + 2; ++k) {
      if (In(kAttackHeads, t.words[k].folded)) head = true;
    }
    if (!head) return {};
  }
  if (w == "gas" || w == "chlorine" || w == "sarin" || w == "poison" ||
      w == "poisoning" || w == "poisoned") {
    return "chemical";
  }
  if (w == "air" || w == "airstrike" || w == "airstrikes" || w == "warplane" ||
      w == "warplanes" || w == "jet" || w == "jets" || w == "raid" ||
      w == "raids") {
    return "airstrike";
  }
  if (w == "explosion" || w == "explosions" || w == "blast" || w == "blasts" ||
      w == "explosive" || w == "explosives") {
    return "explosion";
  }
  if (w == "shot" || w == "shooting" || w == "shootings" || w == "gunfire" ||
      w == "gunmen" || w == "gunman" || w == "gun" || w == "guns" ||
      w == "bullet" || w == "bullets") {
    return "gunfire";
  }
  if (w == "bombs" || w == "bombing" || w == "bombings" || w == "bombed" ||
      w == "bombardment") {
    return "bomb";
  }
  if (w == "shells" || w == "shelled") return "shelling";
  if (w == "clashes" || w == "battle" || w == "battles") return "fighting";
  if (w == "drowned") return "drowning";
  if (w == "mortars") return "mortar";
  if (w == "rockets") return "rocket";
  if (w == "missiles") return "missile";
  if (w == "snipers") return "sniper";
  if (w == "landmine" || w == "landmines") return "mine";
  if (w == "drones") return "drone";
  if (w == "grenades") return "grenade";
  if (w == "stabbed" || w == "knife") return "stabbing";
  if (w == "beheaded") return "beheading";
  if (w == "executed") return "execution";
  if (w == "hanged") return "hanging";
  if (w == "tortured") return "torture";
  if (w == "tanks") return "tank";
  return w;
}

struct CauseWords {
  std::vector<std::string_view> keys;     // distinct
  uint32_t first = UINT32_MAX, last = 0;  // word indices, when any
};

// General words that fit many causes ("an explosion" may be a car bomb, a
// shell or a mine).
bool IsGenericCause(std::string_view key) { return key == "explosion"; }

CauseWords CausesIn(const AlignedText& t, uint32_t w0, uint32_t w1) {
  CauseWords out;
  for (uint32_t i = w0; i < w1 && i < t.words.size(); ++i) {
    const std::string_view key = CauseKey(t, i);
    if (key.empty()) continue;
    out.first = std::min(out.first, i);
    out.last = std::max(out.last, i);
    if (std::find(out.keys.begin(), out.keys.end(), key) == out.keys.end()) {
      out.keys.push_back(key);
    }
  }
  // The value shown runs on over the heads that follow ("chemical weapons
  // attack", not "chemical").
  if (!out.keys.empty()) {
    while (out.last + 1 < w1 && out.last + 1 < t.words.size() &&
           In(kAttackHeads, t.words[out.last + 1].folded)) {
      ++out.last;
    }
  }
  return out;
}

bool Contains(const std::vector<std::string_view>& keys, std::string_view k) {
  return std::find(keys.begin(), keys.end(), k) != keys.end();
}

// A key of `x` that `y` lacks, empty if none. Generic keys ("explosion")
// are compatible with every cause and never count.
std::string_view Unshared(const std::vector<std::string_view>& x,
                          const std::vector<std::string_view>& y) {
  for (std::string_view k : x) {
    if (!IsGenericCause(k) && !Contains(y, k)) return k;
  }
  return {};
}

// ---- Dates ----------------------------------------------------------------

bool Dated(const DateMention& d) { return d.kind != DateKind::kTime; }

int WeekdayOf(const DateMention& d) {
  if (d.weekday >= 0) return d.weekday;
  if (d.year > 0 && d.month > 0 && d.day > 0 && d.day <= 31) {
    return WeekdayOfDays(DaysFromCivil(d.year, d.month, d.day));
  }
  return -1;
}

bool DatesCompatible(const DateMention& x, const DateMention& y) {
  // Relative dates without a publication time say nothing comparable.
  if (x.kind == DateKind::kRelative || y.kind == DateKind::kRelative) {
    if (!x.first.empty() && !y.first.empty()) {
      return !(x.last < y.first || y.last < x.first);
    }
    return true;
  }
  if (x.year > 0 && y.year > 0 && x.year != y.year) return false;
  if (x.month > 0 && y.month > 0 && x.month != y.month) return false;
  if (x.day > 0 && y.day > 0 && x.day != y.day) return false;
  const int wx = WeekdayOf(x), wy = WeekdayOf(y);
  if (wx >= 0 && wy >= 0 && wx != wy) return false;
  return true;
}

// A date of `day` level: a full date or a weekday.
bool NamesDay(const DateMention& d) {
  if (d.kind == DateKind::kWeekday) return true;
  return d.kind == DateKind::kAbsolute && d.day > 0 && d.month > 0;
}

// ---- Quantities -----------------------------------------------------------

bool Loose(const Quantity& q) {
  return q.vague || q.approximation != Approximation::kExact;
}

// A quantity worth comparing: list numbering and small bare counts ("1.",
// "the 3 of them") are not.
bool Comparable(const Quantity& q) {
  return !(q.kind == QuantityKind::kCount && q.unit.empty() && q.value < 10);
}

bool QuantitiesCompatible(const Quantity& x, const Quantity& y) {
  if (x.kind != y.kind && x.kind != QuantityKind::kCount &&
      y.kind != QuantityKind::kCount) {
    return true;  // different measures: not the same slot
  }
  if (x.high >= y.low && y.high >= x.low) return true;  // ranges overlap
  const double a = x.value, b = y.value;
  if (a == b) return true;
  if (x.approximation == Approximation::kAtLeast && b >= a) return true;
  if (y.approximation == Approximation::kAtLeast && a >= b) return true;
  if (x.approximation == Approximation::kAtMost && b <= a) return true;
  if (y.approximation == Approximation::kAtMost && a <= b) return true;
  const double hi = std::max(std::fabs(a), std::fabs(b));
  const double diff = std::fabs(a - b);
  if ((Loose(x) || Loose(y)) && diff <= 0.25 * hi) return true;
  // Rounding: 1,250 vs 1,200 or 1.2 million vs 1,230,000 (a round number
  // within 5% of the other).
  auto round = [](double v) {
    if (v < 100) return false;
    const double p = std::pow(10.0, std::floor(std::log10(v)) - 1);
    return std::fmod(v, p) == 0;
  };
  if ((round(a) || round(b)) && diff <= 0.05 * hi) return true;
  return false;
}

// Common nouns for the people on one side of an event, and for places.
bool IsGroupNoun(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "army",         "armies",        "forces",       "force",
      "troops",       "soldiers",      "soldier",      "rebels",
      "rebel",        "militants",     "militant",     "fighters",
      "fighter",      "terrorists",    "terrorist",    "insurgents",
      "insurgent",    "jihadists",     "jihadist",     "militia",
      "militias",     "militiamen",    "opposition",   "regime",
      "government",   "police",        "civilians",    "civilian",
      "children",     "women",         "residents",    "protesters",
      "protestors",   "gunmen",        "members",      "personnel",
      "group",        "groups",        "organization", "organizations",
      "organisation", "organisations", "coalition",    "refugees",
      "villagers",    "workers",       "students",     "officers",
      "guards",       "people",        "extremists",   "factions",
      "faction",
  };
  return In(kWords, w);
}
bool IsPlaceNoun(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "city",          "town",     "village",  "villages", "area",
      "areas",         "province", "district", "region",   "neighborhood",
      "neighbourhood", "suburb",   "suburbs",  "camp",     "market",
      "hospital",      "school",   "mosque",   "border",   "countryside",
  };
  return In(kWords, w);
}

// ---- Names ---------------------------------------------------------------

// The lower-cased words of a name, without "the", "of", "and" and dots.
void NameWords(std::string_view name, std::vector<std::string>* out) {
  out->clear();
  std::string w;
  auto flush = [&] {
    if (!w.empty() && w != "the" && w != "of" && w != "and" && w != "al") {
      out->push_back(w);
    }
    w.clear();
  };
  for (char ch : name) {
    const auto u = static_cast<unsigned char>(ch);
    if (std::isalnum(u) || u >= 0x80) {
      w += static_cast<char>(std::tolower(u));
    } else if (ch != '.' && ch != '\'') {
      flush();
    }
  }
  flush();
}

// An initialism of the other name: "DOJ" for "Department of Justice",
// "UN" for "United Nations" (function words may be skipped or not).
bool InitialismOf(std::string_view shortname, std::string_view name) {
  std::string letters;
  for (char ch : shortname) {
    if (std::isalpha(static_cast<unsigned char>(ch))) {
      letters +=
          static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
  }
  if (letters.size() < 2 || letters.size() > 6) return false;
  std::string all, content, word;
  auto take = [&] {
    if (word.empty()) return;
    all += word[0];
    if (word != "of" && word != "the" && word != "and" && word != "for") {
      content += word[0];
    }
    word.clear();
  };
  for (char ch : name) {
    const auto u = static_cast<unsigned char>(ch);
    if (std::isalpha(u)) {
      word += static_cast<char>(std::tolower(u));
    } else {
      take();
    }
  }
  take();
  return letters == all || letters == content;
}

// A word that heads many names ("army", "province", "ministry"): sharing
// it does not make two names one.
bool GenericNameWord(std::string_view w) {
  return IsGroupNoun(w) || IsPlaceNoun(w) || lexicon::IsOrgHead(w) ||
         lexicon::IsPlaceSuffix(w) || w.size() < 4;
}

// The word without a plural "s" ("foreclosures" -> "foreclosure").
std::string_view Unplural(std::string_view w) {
  if (w.size() > 4 && w.back() == 's' && w[w.size() - 2] != 's') {
    w.remove_suffix(1);
  }
  return w;
}

// Whether two names may well name the same thing, so that replacing one by
// the other is not a conflict: the same entity by SameEntityName(), one
// name's words inside the other's ("House" / "House Republicans"), a shared
// word that is not a generic head ("Meet Obama" / "Introducing Obama", but
// not "Syrian Army" / "Russian Army"), one name the same entity as a word of
// the other ("United States" / "US military"), the same country ("Cuba" /
// "Cuban"), or an initialism.
bool NamesRelated(std::string_view x, std::string_view y) {
  if (SameEntityName(x, y)) return true;
  std::vector<std::string> wx, wy;
  NameWords(x, &wx);
  NameWords(y, &wy);
  if (wx.empty() || wy.empty()) return true;
  size_t shared = 0;
  bool distinctive = false;
  for (const std::string& w : wx) {
    for (const std::string& v : wy) {
      if (Unplural(w) == Unplural(v)) {
        ++shared;
        distinctive |= !GenericNameWord(Unplural(w));
        break;
      }
    }
  }
  if (shared == wx.size() || shared == wy.size() || shared >= 2 ||
      distinctive) {
    return true;
  }
  for (const std::string& w : wx) {
    if (w.size() >= 2 && SameEntityName(w, y)) return true;
  }
  for (const std::string& v : wy) {
    if (v.size() >= 2 && SameEntityName(v, x)) return true;
  }
  std::string fx, fy;
  for (const std::string& w : wx) fx += (fx.empty() ? "" : " ") + w;
  for (const std::string& w : wy) fy += (fy.empty() ? "" : " ") + w;
  const std::string_view kx = lexicon::CountryKey(fx);
  const std::string_view ky = lexicon::CountryKey(fy);
  if (!kx.empty() && kx == ky) return true;
  return InitialismOf(x, y) || InitialismOf(y, x);
}

// Whether a name holds a group noun ("Russian forces", "Syrian Army").
bool HasGroupNoun(std::string_view name) {
  std::vector<std::string> words;
  NameWords(name, &words);
  for (const std::string& w : words) {
    if (IsGroupNoun(w)) return true;
  }
  return false;
}

// ---- Finder ---------------------------------------------------------------

// Calls f on each element of `v` (sorted by begin, non-overlapping, as the
// extractors return them) that overlaps `r`: a binary search, then a walk.
template <typename T, typename F>
void ForOverlapping(const std::vector<T>& v, ByteRange r, F f) {
  auto it = std::lower_bound(
      v.begin(), v.end(), r.begin,
      [](const T& x, uint32_t begin) { return x.end <= begin; });
  for (; it != v.end() && it->begin < r.end; ++it) {
    if (r.Overlaps(it->begin, it->end)) f(*it);
  }
}

std::string Quote(std::string_view s) {
  std::string out(s.substr(0, kQuoteBytes));
  if (s.size() > kQuoteBytes) {
    // Do not cut a UTF-8 sequence.
    while (!out.empty() &&
           (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) {
      out.pop_back();
    }
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) {
      out.pop_back();
    }
    out += "...";
  }
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

// ASCII case-insensitive equality ("Car bomb" = "car bomb").
bool SameFolded(std::string_view x, std::string_view y) {
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(x[i])) !=
        std::tolower(static_cast<unsigned char>(y[i]))) {
      return false;
    }
  }
  return true;
}

class Finder {
 public:
  Finder(const ConflictSide& a, const ConflictSide& b,
         const ConflictOptions& options)
      : a_(a), b_(b), options_(options) {}

  void FromAlignment(const Alignment& al);
  void FromSlots();
  std::vector<Conflict> Take();

 private:
  void CompareRegion(const Region& r);
  // Each compares two lists and adds at most one conflict; the evidence
  // quotes the region when there is one, else names the slot.
  bool CompareDates(std::span<const DateMention* const> da,
                    std::span<const DateMention* const> db, float confidence,
                    const Region* region, std::string_view slot);
  bool CompareQuantities(std::span<const Quantity* const> qa,
                         std::span<const Quantity* const> qb, float confidence,
                         const Region* region, std::string_view slot);
  // "aligned passage: 'A words' -> 'B words': ", built only for a conflict.
  std::string RegionPrefix(const Region& r) const;
  void Add(ConflictKind kind, std::string_view a_text, uint32_t a_begin,
           uint32_t a_end, std::string_view b_text, uint32_t b_begin,
           uint32_t b_end, float confidence, std::string evidence);
  bool Has(ConflictKind kind) const {
    for (const Conflict& c : out_) {
      if (c.kind == kind) return true;
    }
    return false;
  }
  // A mention that reads as a name of someone or somewhere: typed, or of
  // two words or more; not a run of title-case headline words, a news
  // outlet or a cause ("Car Bomb").
  static bool NameLike(const ConflictSide& s, const EntityMention& m) {
    const EntityType type =
        m.entity >= 0 ? s.facts->entities.entities[m.entity].type : m.type;
    size_t words = 1;
    for (char ch : m.text) words += ch == ' ';
    if (words > 4) return false;
    // A news outlet is a source, not a party to the event.
    std::string folded;
    for (char ch : m.text) {
      folded += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    if (lexicon::IsNewsOutlet(folded)) return false;
    // "Car Bomb" in a title-case headline is a cause, compared as one.
    std::vector<std::string> parts;
    NameWords(m.text, &parts);
    for (const std::string& w : parts) {
      if (IsCauseTerm(w)) return false;
    }
    return type != EntityType::kOther || words >= 2;
  }
  // Whether a name occurs (as the same entity) anywhere in a side.
  static bool Mentions(const ConflictSide& s, std::string_view name) {
    for (const Entity& e : s.facts->entities.entities) {
      if (NamesRelated(e.name, name)) return true;
    }
    return false;
  }

  const ConflictSide& a_;
  const ConflictSide& b_;
  const ConflictOptions& options_;
  std::vector<Conflict> out_;
  // Scratch lists, reused from region to region.
  std::vector<const DateMention*> da_, db_;
  std::vector<const Quantity*> qa_, qb_;
  std::vector<const EntityMention*> ea_, eb_;
};

void Finder::Add(ConflictKind kind, std::string_view a_text, uint32_t a_begin,
                 uint32_t a_end, std::string_view b_text, uint32_t b_begin,
                 uint32_t b_end, float confidence, std::string evidence) {
  if (confidence < options_.min_confidence) return;
  for (Conflict& c : out_) {
    if (c.kind == kind && SameFolded(c.a_value, a_text) &&
        SameFolded(c.b_value, b_text)) {
      if (confidence > c.confidence) {
        c.confidence = confidence;
        c.evidence = std::move(evidence);
      }
      return;
    }
  }
  Conflict c;
  c.kind = kind;
  c.a_value = std::string(a_text);
  c.b_value = std::string(b_text);
  c.a_begin = a_begin;
  c.a_end = a_end;
  c.b_begin = b_begin;
  c.b_end = b_end;
  c.confidence = confidence;
  c.evidence = std::move(evidence);
  out_.push_back(std::move(c));
}

std::string Finder::RegionPrefix(const Region& r) const {
  const ByteRange ra = BytesOf(*a_.words, r.a0, r.a1);
  const ByteRange rb = BytesOf(*b_.words, r.b0, r.b1);
  return std::string(r.in_passage ? "aligned passage: '"
                                  : "between passages: '") +
         Quote(a_.text.substr(ra.begin, ra.end - ra.begin)) + "' -> '" +
         Quote(b_.text.substr(rb.begin, rb.end - rb.begin)) + "': ";
}

bool Finder::CompareDates(std::span<const DateMention* const> da,
                          std::span<const DateMention* const> db,
                          float confidence, const Region* region,
                          std::string_view slot) {
  const DateMention* x = nullptr;
  const DateMention* y = nullptr;
  for (const DateMention* d : da) {
    bool any = false;
    for (const DateMention* e : db) any |= DatesCompatible(*d, *e);
    if (!any) {
      x = d;
      break;
    }
  }
  if (x == nullptr) return false;
  for (const DateMention* e : db) {
    bool any = false;
    for (const DateMention* d : da) any |= DatesCompatible(*d, *e);
    if (!any) {
      y = e;
      break;
    }
  }
  if (y == nullptr) return false;
  std::string evidence =
      region != nullptr ? RegionPrefix(*region) : std::string(slot);
  evidence += "'" + Quote(x->text) + "' vs '" + Quote(y->text) + "'";
  Add(ConflictKind::kDate, x->text, x->begin, x->end, y->text, y->begin, y->end,
      confidence, std::move(evidence));
  return true;
}

bool Finder::CompareQuantities(std::span<const Quantity* const> qa,
                               std::span<const Quantity* const> qb,
                               float confidence, const Region* region,
                               std::string_view slot) {
  const Quantity* x = nullptr;
  const Quantity* y = nullptr;
  for (const Quantity* q : qa) {
    bool any = false;
    for (const Quantity* r : qb) any |= QuantitiesCompatible(*q, *r);
    if (!any) {
      x = q;
      break;
    }
  }
  if (x == nullptr) return false;
  for (const Quantity* r : qb) {
    bool any = false;
    for (const Quantity* q : qa) any |= QuantitiesCompatible(*q, *r);
    if (!any) {
      y = r;
      break;
    }
  }
  if (y == nullptr) return false;
  std::string evidence =
      region != nullptr ? RegionPrefix(*region) : std::string(slot);
  evidence += "'" + Quote(x->text) + "' vs '" + Quote(y->text) + "'";
  Add(ConflictKind::kNumber, x->text, x->begin, x->end, y->text, y->begin,
      y->end, confidence, std::move(evidence));
  return true;
}

void Finder::CompareRegion(const Region& r) {
  const AlignedText& ta = *a_.words;
  const AlignedText& tb = *b_.words;
  const ByteRange ra = BytesOf(ta, r.a0, r.a1);
  const ByteRange rb = BytesOf(tb, r.b0, r.b1);
  const float confidence = r.in_passage ? kAlignedConfidence : kGapConfidence;

  // Dates.
  auto& da = da_;
  auto& db = db_;
  da.clear();
  db.clear();
  ForOverlapping(a_.facts->dates, ra, [&](const DateMention& d) {
    if (Dated(d)) da.push_back(&d);
  });
  ForOverlapping(b_.facts->dates, rb, [&](const DateMention& d) {
    if (Dated(d)) db.push_back(&d);
  });
  // Bare years on both sides between passages are often a list or a
  // timeline shifted by the alignment ("in 2001 ... in 2002"), not one
  // event's date; inside a passage a replaced year is a changed date.
  auto finer = [](const DateMention* d) {
    return d->granularity != DateGranularity::kYear &&
           d->granularity != DateGranularity::kDecade;
  };
  if (!da.empty() && !db.empty() &&
      (r.in_passage || std::any_of(da.begin(), da.end(), finer) ||
       std::any_of(db.begin(), db.end(), finer))) {
    CompareDates(da, db, confidence, &r, {});
  }

  // Numbers.
  auto& qa = qa_;
  auto& qb = qb_;
  qa.clear();
  qb.clear();
  ForOverlapping(a_.facts->quantities, ra, [&](const Quantity& q) {
    if (Comparable(q)) qa.push_back(&q);
  });
  ForOverlapping(b_.facts->quantities, rb, [&](const Quantity& q) {
    if (Comparable(q)) qb.push_back(&q);
  });
  if (!qa.empty() && !qb.empty()) {
    CompareQuantities(qa, qb, confidence, &r, {});
  }

  // Names.
  auto& ea = ea_;
  auto& eb = eb_;
  ea.clear();
  eb.clear();
  ForOverlapping(a_.facts->entities.mentions, ra, [&](const EntityMention& m) {
    if (NameLike(a_, m)) ea.push_back(&m);
  });
  ForOverlapping(b_.facts->entities.mentions, rb, [&](const EntityMention& m) {
    if (NameLike(b_, m)) eb.push_back(&m);
  });
  auto unmatched =
      [](const std::vector<const EntityMention*>& x,
         const std::vector<const EntityMention*>& y) -> const EntityMention* {
    for (const EntityMention* m : x) {
      bool found = false;
      for (const EntityMention* n : y) {
        if (NamesRelated(m->text, n->text)) {
          found = true;
          break;
        }
      }
      if (!found) return m;
    }
    return nullptr;
  };
  if (!ea.empty() && !eb.empty()) {
    const EntityMention* x = unmatched(ea, eb);
    const EntityMention* y = x ? unmatched(eb, ea) : nullptr;
    if (x != nullptr && y != nullptr &&
        !(Mentions(b_, x->text) && Mentions(a_, y->text))) {
      auto type = [](const ConflictSide& s, const EntityMention* m) {
        return m->entity >= 0 ? s.facts->entities.entities[m->entity].type
                              : m->type;
      };
      // A place unless either side reads as people: a person, a name with
      // a group noun ("Russian forces", "Syrian Army" against "US" or
      // "Daesh"), or an organisation.
      const EntityType tx = type(a_, x), ty = type(b_, y);
      // An organisation against a place is read as a place (the finder
      // types some place names as organisations, rarely the reverse).
      const bool any_place =
          tx == EntityType::kPlace || ty == EntityType::kPlace;
      const bool people = tx == EntityType::kPerson ||
                          ty == EntityType::kPerson || HasGroupNoun(x->text) ||
                          HasGroupNoun(y->text) ||
                          (!any_place && (tx == EntityType::kOrganization ||
                                          ty == EntityType::kOrganization));
      const bool place = !people && any_place;
      Add(place ? ConflictKind::kPlace : ConflictKind::kActor, x->text,
          x->begin, x->end, y->text, y->begin, y->end, confidence,
          RegionPrefix(r) + "'" + x->text + "' vs '" + y->text + "'");
    }
  }

  // A name replaced by a common noun for a group or a place, or the
  // reverse, inside a passage ("the terrorists" -> "Russian forces",
  // "the town" -> "Qamishli"): an actor or place change, at lower
  // confidence, when the name occurs nowhere in the other text and is not
  // a news outlet (a dropped attribution is not a conflict).
  if (r.in_passage && (ea.empty() != eb.empty())) {
    const bool from_a = !ea.empty();
    const ConflictSide& side = from_a ? a_ : b_;
    const ConflictSide& other = from_a ? b_ : a_;
    const AlignedText& ot = from_a ? tb : ta;
    const uint32_t o0 = from_a ? r.b0 : r.a0, o1 = from_a ? r.b1 : r.a1;
    const ByteRange ro = from_a ? rb : ra;
    const std::string_view ov = other.text.substr(ro.begin, ro.end - ro.begin);
    bool group = false, place_noun = false;
    for (uint32_t i = o0; i < o1; ++i) {
      group |= IsGroupNoun(ot.words[i].folded);
      place_noun |= IsPlaceNoun(ot.words[i].folded);
    }
    const EntityMention* x = nullptr;
    const ByteRange rs = from_a ? ra : rb;
    for (const EntityMention* m : from_a ? ea : eb) {
      // A name only partly replaced ("House members" -> "House
      // Republicans") is a changed name, not a replaced one.
      if (m->begin < rs.begin || m->end > rs.end) continue;
      std::string folded;
      for (char ch : m->text) {
        folded +=
            static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      }
      if (!Mentions(other, m->text) && !lexicon::IsNewsOutlet(folded) &&
          !InitialismOf(m->text, ov)) {
        x = m;
        break;
      }
    }
    if ((group || place_noun) && x != nullptr) {
      const EntityType type =
          x->entity >= 0 ? side.facts->entities.entities[x->entity].type
                         : x->type;
      const ConflictKind kind =
          place_noun || (!group && type == EntityType::kPlace)
              ? ConflictKind::kPlace
              : ConflictKind::kActor;
      const std::string evidence =
          RegionPrefix(r) +
          (kind == ConflictKind::kPlace ? "a place" : "a group") +
          " named on one side only";
      if (from_a) {
        Add(kind, x->text, x->begin, x->end, ov, ro.begin, ro.end,
            kOneSidedConfidence, evidence);
      } else {
        Add(kind, ov, ro.begin, ro.end, x->text, x->begin, x->end,
            kOneSidedConfidence, evidence);
      }
    }
  }

  // Causes.
  const CauseWords ca = CausesIn(ta, r.a0, r.a1);
  const CauseWords cb = CausesIn(tb, r.b0, r.b1);
  if (!ca.keys.empty() && !cb.keys.empty() &&
      !Unshared(ca.keys, cb.keys).empty() &&
      !Unshared(cb.keys, ca.keys).empty()) {
    const ByteRange xa = BytesOf(ta, ca.first, ca.last + 1);
    const ByteRange xb = BytesOf(tb, cb.first, cb.last + 1);
    const std::string_view va = a_.text.substr(xa.begin, xa.end - xa.begin);
    const std::string_view vb = b_.text.substr(xb.begin, xb.end - xb.begin);
    Add(ConflictKind::kCause, va, xa.begin, xa.end, vb, xb.begin, xb.end,
        confidence,
        RegionPrefix(r) + "'" + Quote(va) + "' vs '" + Quote(vb) + "'");
  }
}

void Finder::FromAlignment(const Alignment& al) {
  const AlignedText& ta = *a_.words;
  const AlignedText& tb = *b_.words;
  if (ta.words.empty() || tb.words.empty()) return;
  // Inside passages: maximal runs of non-identical spans.
  for (const Passage& p : al.passages) {
    size_t i = 0;
    while (i < p.spans.size()) {
      if (p.spans[i].kind == SpanKind::kIdentical) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < p.spans.size() && p.spans[j].kind != SpanKind::kIdentical) {
        ++j;
      }
      const AlignedSpan& first = p.spans[i];
      const AlignedSpan& last = p.spans[j - 1];
      Region r{first.a_word_begin, last.a_word_end, first.b_word_begin,
               last.b_word_end, true};
      if (r.a1 > r.a0 && r.b1 > r.b0) CompareRegion(r);
      i = j;
    }
  }
  // Between passages, where the passages are in the same order in B.
  const uint32_t max_gap = options_.max_gap_words;
  auto gap = [&](uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1) {
    if (a1 > a0 && b1 > b0 && a1 - a0 <= max_gap && b1 - b0 <= max_gap) {
      CompareRegion({a0, a1, b0, b1, false});
    }
  };
  if (al.passages.empty()) return;
  for (size_t k = 0; k + 1 < al.passages.size(); ++k) {
    const AlignedSpan& end = al.passages[k].spans.back();
    const AlignedSpan& next = al.passages[k + 1].spans.front();
    if (next.b_word_begin < end.b_word_end) continue;
    gap(end.a_word_end, next.a_word_begin, end.b_word_end, next.b_word_begin);
  }
  const AlignedSpan& head = al.passages.front().spans.front();
  const AlignedSpan& tail = al.passages.back().spans.back();
  bool head_first_in_b = true, tail_last_in_b = true;
  for (const Passage& p : al.passages) {
    head_first_in_b &= p.spans.front().b_word_begin >= head.b_word_begin;
    tail_last_in_b &= p.spans.back().b_word_end <= tail.b_word_end;
  }
  if (head_first_in_b) gap(0, head.a_word_begin, 0, head.b_word_begin);
  if (tail_last_in_b) {
    gap(tail.a_word_end, static_cast<uint32_t>(ta.words.size()),
        tail.b_word_end, static_cast<uint32_t>(tb.words.size()));
  }
}

// Death and injury words for the toll slot.
bool IsDeathWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "killed",   "kill",  "kills",     "killing",    "dead",   "died",
      "die",      "dies",  "death",     "deaths",     "toll",   "lives",
      "perished", "slain", "massacred", "fatalities", "bodies",
  };
  return In(kWords, w);
}
bool IsInjuryWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "wounded",  "wounding", "injured", "injuring",
      "injuries", "hurt",     "wounds",
  };
  return In(kWords, w);
}

enum class Toll : uint8_t { kNone, kDeath, kInjury };

// The slot of a quantity: the nearest death or injury word within a few
// words after it (or, a little less readily, before it).
Toll TollOf(const AlignedText& t, const Quantity& q) {
  if (q.kind != QuantityKind::kCount || q.value <= 0) return Toll::kNone;
  // First word at or after q.begin, and first after q.end.
  auto at = [&](uint32_t byte) {
    return static_cast<size_t>(
        std::lower_bound(t.words.begin(), t.words.end(), byte,
                         [](const compare::AlignWord& w, uint32_t b) {
                           return w.end <= b;
                         }) -
        t.words.begin());
  };
  const size_t first = at(q.begin), after = at(q.end);
  constexpr size_t kAfter = 5, kBefore = 4;
  Toll best = Toll::kNone;
  size_t best_distance = SIZE_MAX;
  for (size_t i = first; i < after + kAfter && i < t.words.size(); ++i) {
    const std::string_view w = t.words[i].folded;
    const size_t d = i < after ? 0 : i - after + 1;
    if (IsDeathWord(w) && d < best_distance) {
      best = Toll::kDeath;
      best_distance = d;
    } else if (IsInjuryWord(w) && d < best_distance) {
      best = Toll::kInjury;
      best_distance = d;
    }
  }
  for (size_t k = 1; k <= kBefore && k <= first; ++k) {
    const std::string_view w = t.words[first - k].folded;
    const size_t d = k + 1;
    if (d >= best_distance) break;
    if (IsDeathWord(w)) {
      best = Toll::kDeath;
      best_distance = d;
    } else if (IsInjuryWord(w)) {
      best = Toll::kInjury;
      best_distance = d;
    }
  }
  return best;
}

void Finder::FromSlots() {
  // Tolls.
  for (Toll slot : {Toll::kDeath, Toll::kInjury}) {
    if (Has(ConflictKind::kNumber)) break;
    std::vector<const Quantity*> qa, qb;
    for (const Quantity& q : a_.facts->quantities) {
      if (TollOf(*a_.words, q) == slot) qa.push_back(&q);
    }
    for (const Quantity& q : b_.facts->quantities) {
      if (TollOf(*b_.words, q) == slot) qb.push_back(&q);
    }
    if (qa.empty() || qb.empty()) continue;
    CompareQuantities(qa, qb, kSlotConfidence, nullptr,
                      slot == Toll::kDeath ? "both give the death toll: "
                                           : "both give the injured count: ");
  }
  // The day.
  if (!Has(ConflictKind::kDate)) {
    std::vector<const DateMention*> da, db;
    for (const DateMention& d : a_.facts->dates) {
      if (NamesDay(d)) da.push_back(&d);
    }
    for (const DateMention& d : b_.facts->dates) {
      if (NamesDay(d)) db.push_back(&d);
    }
    if (!da.empty() && !db.empty()) {
      CompareDates(da, db, kSlotConfidence, nullptr, "both name the day: ");
    }
  }
  // The cause, from each lede.
  if (!Has(ConflictKind::kCause)) {
    const AlignedText& ta = *a_.words;
    const AlignedText& tb = *b_.words;
    const auto la =
        static_cast<uint32_t>(std::min<size_t>(ta.words.size(), kLedeWords));
    const auto lb =
        static_cast<uint32_t>(std::min<size_t>(tb.words.size(), kLedeWords));
    const CauseWords ca = CausesIn(ta, 0, la);
    const CauseWords cb = CausesIn(tb, 0, lb);
    if (!ca.keys.empty() && !cb.keys.empty()) {
      const CauseWords all_a =
          CausesIn(ta, 0, static_cast<uint32_t>(ta.words.size()));
      const CauseWords all_b =
          CausesIn(tb, 0, static_cast<uint32_t>(tb.words.size()));
      const std::string_view x = Unshared(ca.keys, all_b.keys);
      const std::string_view y = Unshared(cb.keys, all_a.keys);
      if (!x.empty() && !y.empty()) {
        auto find = [](const AlignedText& t, const CauseWords& c,
                       std::string_view key) -> ByteRange {
          for (uint32_t i = c.first; i <= c.last; ++i) {
            if (CauseKey(t, i) == key) return BytesOf(t, i, i + 1);
          }
          return {0, 0};
        };
        const ByteRange xa = find(ta, ca, x), xb = find(tb, cb, y);
        const std::string_view va = a_.text.substr(xa.begin, xa.end - xa.begin);
        const std::string_view vb = b_.text.substr(xb.begin, xb.end - xb.begin);
        Add(ConflictKind::kCause, va, xa.begin, xa.end, vb, xb.begin, xb.end,
            kSlotConfidence,
            "both leads give the cause: '" + Quote(va) + "' vs '" + Quote(vb) +
                "'");
      }
    }
  }
}

std::vector<Conflict> Finder::Take() {
  std::stable_sort(out_.begin(), out_.end(),
                   [](const Conflict& x, const Conflict& y) {
                     return x.a_begin < y.a_begin;
                   });
  return std::move(out_);
}

}  // namespace

std::vector<Conflict> FindConflicts(const ConflictSide& a,
                                    const ConflictSide& b,
                                    const compare::Alignment& alignment,
                                    const ConflictOptions& options) {
  if (a.words == nullptr || b.words == nullptr || a.facts == nullptr ||
      b.facts == nullptr) {
    return {};
  }
  Finder finder(a, b, options);
  finder.FromAlignment(alignment);
  if (options.slots) finder.FromSlots();
  return finder.Take();
}

std::vector<Conflict> FindConflicts(std::string_view a, std::string_view b,
                                    const ConflictOptions& options) {
  // Offsets are 32-bit, as in the facts.
  if (a.size() > kMaxFactsBody) a = a.substr(0, kMaxFactsBody);
  if (b.size() > kMaxFactsBody) b = b.substr(0, kMaxFactsBody);
  text::Stemmer stemmer(options.lang);
  const AlignedText ta =
      compare::PrepareForAlignment(a, options.lang, &stemmer);
  const AlignedText tb =
      compare::PrepareForAlignment(b, options.lang, &stemmer);
  const Facts fa = ExtractFacts(a, std::nullopt);
  const Facts fb = ExtractFacts(b, std::nullopt);
  const Alignment al = compare::Align(ta, tb, nullptr);
  return FindConflicts({a, &ta, &fa}, {b, &tb, &fb}, al, options);
}

std::string_view ConflictKindName(ConflictKind kind) {
  switch (kind) {
    case ConflictKind::kDate:
      return "date";
    case ConflictKind::kPlace:
      return "place";
    case ConflictKind::kNumber:
      return "number";
    case ConflictKind::kActor:
      return "actor";
    case ConflictKind::kCause:
      return "cause";
  }
  return "date";
}

bool IsCauseTerm(std::string_view folded) {
  return In(kCauseHeads, folded) && !In(kCauseModifiers, folded);
}

}  // namespace concord::facts
