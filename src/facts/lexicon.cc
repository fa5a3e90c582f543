// The word lists behind lexicon.h. Each table is a function-local static
// flat hash map (src/base/word_table.h) built on first use; entries are folded
// (lower case, ASCII apostrophes). The lists were written by the team for
// English news.
#include "src/facts/lexicon.h"

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "src/base/word_table.h"
#include "src/text/stopwords.h"

namespace concord::facts::lexicon {
namespace {

// Most words asked about are in no list: the tables' filter on (length,
// first byte, last byte) rejects most of them before hashing.
template <typename V>
using WordMap = FlatMap<V>;
using WordList = WordSet;

bool In(const WordList& set, std::string_view w) { return set.Contains(w); }

// Words of 1 to 16 bytes with nonzero values, each held as its length and
// two loads (the first and last 8 bytes; 4 and 4 below 8 bytes; three
// single bytes below 4), which together are every byte of the word: a
// look-up is the loads, a multiply and a probe of a table at most a quarter
// full, with no loop over the bytes and no byte compare. (A flat map's
// byte hash and compare cost ~100 instructions a hit; its filter rejects
// most misses sooner, so the small lists asked mostly about absent words
// stay flat maps: measured slower packed.) Longer entries are left out:
// all_short() says whether there were none.
class PackedTable {
 public:
  static constexpr size_t kMaxBytes = 16;

  explicit PackedTable(
      const std::vector<std::pair<std::string_view, uint32_t>>& entries) {
    size_t slots = 64;
    while (slots < 4 * entries.size()) slots *= 2;
    slots_.assign(slots, Slot{});
    mask_ = slots - 1;
    for (const auto& [w, value] : entries) {
      if (w.empty() || w.size() > kMaxBytes) {
        all_short_ = all_short_ && w.empty();
        continue;
      }
      Slot s = Pack(w);
      s.value = value;
      size_t i = Hash(s) & mask_;
      while (slots_[i].size != 0 && !SameWord(slots_[i], s)) {
        i = (i + 1) & mask_;
      }
      if (slots_[i].size == 0) slots_[i] = s;  // the first value stays
    }
  }

  // The value of `w`, 0 if it is absent.
  // REQUIRES: 1 <= w.size() <= kMaxBytes.
  uint32_t FindShort(std::string_view w) const {
    const Slot key = Pack(w);
    for (size_t i = Hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.size == 0) return 0;
      if (SameWord(s, key)) return s.value;
    }
  }

  // The value of any `w`, when all_short(): 0 for the empty word and the
  // longer ones.
  uint32_t Find(std::string_view w) const {
    return w.size() - 1 < kMaxBytes ? FindShort(w) : 0;
  }

  // No entry was longer than kMaxBytes.
  bool all_short() const { return all_short_; }

 private:
  struct Slot {
    uint64_t head = 0, tail = 0;
    uint32_t size = 0;  // 0: an empty slot
    uint32_t value = 0;
  };

  static bool SameWord(const Slot& a, const Slot& b) {
    return a.head == b.head && a.tail == b.tail && a.size == b.size;
  }

  static Slot Pack(std::string_view w) {
    const char* p = w.data();
    const size_t n = w.size();
    Slot s;
    s.size = static_cast<uint32_t>(n);
    if (n >= 8) {
      std::memcpy(&s.head, p, 8);
      std::memcpy(&s.tail, p + n - 8, 8);
    } else if (n >= 4) {
      uint32_t h, t;
      std::memcpy(&h, p, 4);
      std::memcpy(&t, p + n - 4, 4);
      s.head = h;
      s.tail = t;
    } else {
      s.head = uint64_t{static_cast<unsigned char>(p[0])} |
               uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
               uint64_t{static_cast<unsigned char>(p[n - 1])} << 16;
    }
    return s;
  }

  static size_t Hash(const Slot& s) {
    const uint64_t x = (s.head ^ (s.tail * 0x9E3779B97F4A7C15ull) ^ s.size) *
                       0xFF51AFD7ED558CCDull;
    return static_cast<size_t>(x ^ (x >> 29));
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  bool all_short_ = true;
};

struct CountryEntry {
  std::string_view key;
  std::initializer_list<std::string_view> names;
  std::initializer_list<std::string_view> demonyms;
  std::initializer_list<std::string_view> capitals;
};

// Countries that news about conflicts, trade and diplomacy names most often.
const CountryEntry kCountries[] = {
    {"ukraine", {"ukraine"}, {"ukrainian", "ukrainians"}, {"kyiv", "kiev"}},
    {"russia",
     {"russia", "russian federation"},
     {"russian", "russians"},
     {"moscow"}},
    {"united states",
     {"united states", "united states of america", "usa", "us", "u.s.",
      "u.s.a.", "america"},
     {"american", "americans", "u.s.-based"},
     {"washington"}},
    {"united kingdom",
     {"united kingdom", "uk", "u.k.", "britain", "great britain"},
     {"british", "briton", "britons"},
     {"london"}},
    {"united arab emirates",
     {"united arab emirates", "uae", "u.a.e.", "emirates"},
     {"emirati", "emiratis"},
     {"abu dhabi"}},
    {"turkey",
     {"turkey", "turkiye", "türkiye"},
     {"turkish", "turks"},
     {"ankara"}},
    {"syria", {"syria"}, {"syrian", "syrians"}, {"damascus"}},
    {"iraq", {"iraq"}, {"iraqi", "iraqis"}, {"baghdad"}},
    {"iran", {"iran"}, {"iranian", "iranians"}, {"tehran"}},
    {"israel", {"israel"}, {"israeli", "israelis"}, {"jerusalem"}},
    {"lebanon", {"lebanon"}, {"lebanese"}, {"beirut"}},
    {"jordan", {"jordan"}, {"jordanian", "jordanians"}, {"amman"}},
    {"egypt", {"egypt"}, {"egyptian", "egyptians"}, {"cairo"}},
    {"saudi arabia", {"saudi arabia"}, {"saudi", "saudis"}, {"riyadh"}},
    {"qatar", {"qatar"}, {"qatari", "qataris"}, {"doha"}},
    {"yemen", {"yemen"}, {"yemeni", "yemenis"}, {"sanaa"}},
    {"afghanistan", {"afghanistan"}, {"afghan", "afghans"}, {"kabul"}},
    {"pakistan", {"pakistan"}, {"pakistani", "pakistanis"}, {"islamabad"}},
    {"india", {"india"}, {"indian", "indians"}, {"new delhi"}},
    {"china", {"china", "prc"}, {"chinese"}, {"beijing"}},
    {"japan", {"japan"}, {"japanese"}, {"tokyo"}},
    {"south korea",
     {"south korea"},
     {"south korean", "south koreans"},
     {"seoul"}},
    {"north korea",
     {"north korea", "dprk"},
     {"north korean", "north koreans"},
     {"pyongyang"}},
    {"taiwan", {"taiwan"}, {"taiwanese"}, {"taipei"}},
    {"france", {"france"}, {"french"}, {"paris", "elysee"}},
    {"germany", {"germany"}, {"german", "germans"}, {"berlin"}},
    {"italy", {"italy"}, {"italian", "italians"}, {"rome"}},
    {"spain", {"spain"}, {"spanish"}, {"madrid"}},
    {"poland", {"poland"}, {"polish", "poles"}, {"warsaw"}},
    {"hungary", {"hungary"}, {"hungarian", "hungarians"}, {"budapest"}},
    {"belarus", {"belarus"}, {"belarusian", "belarusians"}, {"minsk"}},
    {"moldova", {"moldova"}, {"moldovan", "moldovans"}, {"chisinau"}},
    {"romania", {"romania"}, {"romanian", "romanians"}, {"bucharest"}},
    {"georgia", {"georgia"}, {"georgian", "georgians"}, {"tbilisi"}},
    {"canada", {"canada"}, {"canadian", "canadians"}, {"ottawa"}},
    {"mexico", {"mexico"}, {"mexican", "mexicans"}, {"mexico city"}},
    {"brazil", {"brazil"}, {"brazilian", "brazilians"}, {"brasilia"}},
    {"australia", {"australia"}, {"australian", "australians"}, {"canberra"}},
    {"netherlands",
     {"netherlands", "holland"},
     {"dutch"},
     {"amsterdam", "the hague"}},
    {"sweden", {"sweden"}, {"swedish", "swedes"}, {"stockholm"}},
    {"finland", {"finland"}, {"finnish", "finns"}, {"helsinki"}},
    {"norway", {"norway"}, {"norwegian", "norwegians"}, {"oslo"}},
    {"greece", {"greece"}, {"greek", "greeks"}, {"athens"}},
    {"nigeria", {"nigeria"}, {"nigerian", "nigerians"}, {"abuja"}},
    {"sudan", {"sudan"}, {"sudanese"}, {"khartoum"}},
    {"ethiopia", {"ethiopia"}, {"ethiopian", "ethiopians"}, {"addis ababa"}},
    {"kenya", {"kenya"}, {"kenyan", "kenyans"}, {"nairobi"}},
    {"south africa",
     {"south africa"},
     {"south african", "south africans"},
     {"pretoria"}},
    {"libya", {"libya"}, {"libyan", "libyans"}, {"tripoli"}},
    {"palestine",
     {"palestine", "palestinian territories"},
     {"palestinian", "palestinians"},
     {"ramallah"}},
    {"venezuela", {"venezuela"}, {"venezuelan", "venezuelans"}, {"caracas"}},
    {"argentina",
     {"argentina"},
     {"argentine", "argentinian"},
     {"buenos aires"}},
    {"switzerland", {"switzerland"}, {"swiss"}, {"bern"}},
    {"austria", {"austria"}, {"austrian", "austrians"}, {"vienna"}},
    {"belgium", {"belgium"}, {"belgian", "belgians"}, {"brussels"}},
    {"indonesia", {"indonesia"}, {"indonesian", "indonesians"}, {"jakarta"}},
    {"kazakhstan", {"kazakhstan"}, {"kazakh", "kazakhs"}, {"astana"}},
    {"azerbaijan", {"azerbaijan"}, {"azerbaijani", "azeri"}, {"baku"}},
    {"armenia", {"armenia"}, {"armenian", "armenians"}, {"yerevan"}},
};

struct CountryHit {
  std::string_view key;
  CountryCue cue;
};

const WordMap<CountryHit>& CountryTable() {
  static const WordMap<CountryHit> table = [] {
    WordMap<CountryHit> t;
    for (const CountryEntry& c : kCountries) {
      for (std::string_view n : c.names) {
        t.Insert(n, CountryHit{c.key, CountryCue::kName});
      }
      for (std::string_view n : c.demonyms) {
        t.Insert(n, CountryHit{c.key, CountryCue::kDemonym});
      }
      for (std::string_view n : c.capitals) {
        t.Insert(n, CountryHit{c.key, CountryCue::kCapital});
      }
    }
    return t;
  }();
  return table;
}

const WordMap<int>& Months() {
  static const WordMap<int> kMonths = {
      {"january", 1},   {"jan", 1},    {"february", 2},  {"feb", 2},
      {"march", 3},     {"mar", 3},    {"april", 4},     {"apr", 4},
      {"may", 5},       {"june", 6},   {"jun", 6},       {"july", 7},
      {"jul", 7},       {"august", 8}, {"aug", 8},       {"september", 9},
      {"sept", 9},      {"sep", 9},    {"october", 10},  {"oct", 10},
      {"november", 11}, {"nov", 11},   {"december", 12}, {"dec", 12},
  };
  return kMonths;
}

const WordMap<int>& Weekdays() {
  static const WordMap<int> kDays = {
      {"monday", 0},   {"mon", 0},       {"tuesday", 1}, {"tue", 1},
      {"tues", 1},     {"wednesday", 2}, {"wed", 2},     {"thursday", 3},
      {"thu", 3},      {"thurs", 3},     {"friday", 4},  {"fri", 4},
      {"saturday", 5}, {"sat", 5},       {"sunday", 6},  {"sun", 6},
  };
  return kDays;
}

}  // namespace

int Month(std::string_view w) {
  const auto* v = Months().Find(w);
  return v == nullptr ? 0 : *v;
}

int Weekday(std::string_view w) {
  const auto* v = Weekdays().Find(w);
  return v == nullptr ? -1 : *v;
}

bool IsMonthOrWeekday(std::string_view w) {
  // The keys of both tables (every month is > 0, every weekday >= 0).
  static const WordList kWords = [] {
    WordList set;
    for (std::string_view k : Months().Keys()) set.Insert(k);
    for (std::string_view k : Weekdays().Keys()) set.Insert(k);
    return set;
  }();
  return kWords.Contains(w);
}

Unit FindUnit(std::string_view w) {
  static const WordMap<Unit> kUnits = {
      {"km", {UnitKind::kDistance, "km"}},
      {"kms", {UnitKind::kDistance, "km"}},
      {"kilometre", {UnitKind::kDistance, "km"}},
      {"kilometres", {UnitKind::kDistance, "km"}},
      {"kilometer", {UnitKind::kDistance, "km"}},
      {"kilometers", {UnitKind::kDistance, "km"}},
      {"m", {UnitKind::kDistance, "m"}},
      {"metre", {UnitKind::kDistance, "m"}},
      {"metres", {UnitKind::kDistance, "m"}},
      {"meter", {UnitKind::kDistance, "m"}},
      {"meters", {UnitKind::kDistance, "m"}},
      {"cm", {UnitKind::kDistance, "cm"}},
      {"centimetre", {UnitKind::kDistance, "cm"}},
      {"centimetres", {UnitKind::kDistance, "cm"}},
      {"centimeter", {UnitKind::kDistance, "cm"}},
      {"centimeters", {UnitKind::kDistance, "cm"}},
      {"mm", {UnitKind::kDistance, "mm"}},
      {"millimetre", {UnitKind::kDistance, "mm"}},
      {"millimetres", {UnitKind::kDistance, "mm"}},
      {"millimeter", {UnitKind::kDistance, "mm"}},
      {"millimeters", {UnitKind::kDistance, "mm"}},
      {"mile", {UnitKind::kDistance, "mile"}},
      {"miles", {UnitKind::kDistance, "mile"}},
      {"mi", {UnitKind::kDistance, "mile"}},
      {"kg", {UnitKind::kWeight, "kg"}},
      {"kilogram", {UnitKind::kWeight, "kg"}},
      {"kilograms", {UnitKind::kWeight, "kg"}},
      {"kilogramme", {UnitKind::kWeight, "kg"}},
      {"kilogrammes", {UnitKind::kWeight, "kg"}},
      {"tonne", {UnitKind::kWeight, "t"}},
      {"tonnes", {UnitKind::kWeight, "t"}},
      {"ton", {UnitKind::kWeight, "t"}},
      {"tons", {UnitKind::kWeight, "t"}},
      {"lb", {UnitKind::kWeight, "lb"}},
      {"lbs", {UnitKind::kWeight, "lb"}},
      {"gram", {UnitKind::kWeight, "g"}},
      {"grams", {UnitKind::kWeight, "g"}},
      {"hectare", {UnitKind::kArea, "ha"}},
      {"hectares", {UnitKind::kArea, "ha"}},
      {"acre", {UnitKind::kArea, "acre"}},
      {"acres", {UnitKind::kArea, "acre"}},
      {"litre", {UnitKind::kVolume, "l"}},
      {"litres", {UnitKind::kVolume, "l"}},
      {"liter", {UnitKind::kVolume, "l"}},
      {"liters", {UnitKind::kVolume, "l"}},
      {"barrel", {UnitKind::kVolume, "barrel"}},
      {"barrels", {UnitKind::kVolume, "barrel"}},
      {"second", {UnitKind::kDuration, "second"}},
      {"seconds", {UnitKind::kDuration, "second"}},
      {"minute", {UnitKind::kDuration, "minute"}},
      {"minutes", {UnitKind::kDuration, "minute"}},
      {"hour", {UnitKind::kDuration, "hour"}},
      {"hours", {UnitKind::kDuration, "hour"}},
      {"day", {UnitKind::kDuration, "day"}},
      {"days", {UnitKind::kDuration, "day"}},
      {"week", {UnitKind::kDuration, "week"}},
      {"weeks", {UnitKind::kDuration, "week"}},
      {"month", {UnitKind::kDuration, "month"}},
      {"months", {UnitKind::kDuration, "month"}},
      {"year", {UnitKind::kDuration, "year"}},
      {"years", {UnitKind::kDuration, "year"}},
      {"decade", {UnitKind::kDuration, "decade"}},
      {"decades", {UnitKind::kDuration, "decade"}},
      {"kph", {UnitKind::kSpeed, "km/h"}},
      {"mph", {UnitKind::kSpeed, "mph"}},
      {"knots", {UnitKind::kSpeed, "knot"}},
      {"degrees", {UnitKind::kTemperature, "degree"}},
      {"percent", {UnitKind::kPercent, "percent"}},
      {"pct", {UnitKind::kPercent, "percent"}},
      {"dollar", {UnitKind::kMoney, "usd"}},
      {"dollars", {UnitKind::kMoney, "usd"}},
      {"euro", {UnitKind::kMoney, "eur"}},
      {"euros", {UnitKind::kMoney, "eur"}},
      {"pound", {UnitKind::kMoney, "gbp"}},
      {"pounds", {UnitKind::kMoney, "gbp"}},
      {"sterling", {UnitKind::kMoney, "gbp"}},
      {"yen", {UnitKind::kMoney, "jpy"}},
      {"yuan", {UnitKind::kMoney, "cny"}},
      {"rouble", {UnitKind::kMoney, "rub"}},
      {"roubles", {UnitKind::kMoney, "rub"}},
      {"ruble", {UnitKind::kMoney, "rub"}},
      {"rubles", {UnitKind::kMoney, "rub"}},
      {"hryvnia", {UnitKind::kMoney, "uah"}},
      {"hryvnias", {UnitKind::kMoney, "uah"}},
      {"hryvnyas", {UnitKind::kMoney, "uah"}},
      {"lira", {UnitKind::kMoney, "try"}},
      {"rupees", {UnitKind::kMoney, "inr"}},
      {"usd", {UnitKind::kMoney, "usd"}},
      {"eur", {UnitKind::kMoney, "eur"}},
      {"gbp", {UnitKind::kMoney, "gbp"}},
  };
  // Packed: each word's value is its position in `units` plus one.
  struct Packed {
    std::vector<Unit> units;
    PackedTable table;
  };
  static const Packed packed = [] {
    std::vector<Unit> units;
    std::vector<std::pair<std::string_view, uint32_t>> entries;
    for (std::string_view k : kUnits.Keys()) {
      units.push_back(*kUnits.Find(k));
      entries.emplace_back(k, static_cast<uint32_t>(units.size()));
    }
    PackedTable table(entries);
    return Packed{std::move(units), std::move(table)};
  }();
  if (w.size() - 1 < PackedTable::kMaxBytes || packed.table.all_short()) {
    const uint32_t at = packed.table.Find(w);
    return at == 0 ? Unit{} : packed.units[at - 1];
  }
  const auto* v = kUnits.Find(w);
  return v == nullptr ? Unit{} : *v;
}

std::string_view CurrencyOfSign(std::string_view sign) {
  static const WordMap<std::string_view> kSigns = {
      {"$", "usd"}, {"us$", "usd"}, {"€", "eur"},   {"£", "gbp"},
      {"¥", "jpy"}, {"₴", "uah"},   {"₽", "rub"}, {"₹", "inr"},
      {"₺", "try"}, {"a$", "aud"},  {"c$", "cad"},  {"hk$", "hkd"},
  };
  const auto* v = kSigns.Find(sign);
  return v == nullptr ? std::string_view() : *v;
}

namespace {
const WordList& PersonTitleList() {
  static const WordList kTitles = {
      "president",    "mr",         "mrs",        "ms",
      "miss",         "dr",         "prof",       "professor",
      "gen",          "general",    "col",        "colonel",
      "lt",           "lieutenant", "maj",        "major",
      "capt",         "captain",    "sgt",        "sergeant",
      "adm",          "admiral",    "marshal",    "commander",
      "sen",          "senator",    "rep",        "representative",
      "gov",          "governor",   "mayor",      "minister",
      "premier",      "chancellor", "secretary",  "pope",
      "king",         "queen",      "prince",     "princess",
      "sheikh",       "emir",       "sir",        "dame",
      "lord",         "judge",      "justice",    "ambassador",
      "envoy",        "speaker",    "spokesman",  "spokeswoman",
      "spokesperson", "chairman",   "chairwoman", "ayatollah",
      "imam",         "rev",        "reverend",   "father",
      "patriarch",    "cardinal",   "bishop",     "chief",
      "deputy",       "vice",       "prime",      "foreign",
      "defence",      "defense",    "interior",   "finance",
      "state",        "mrs.",       "mr.",        "assistant",
      "senior",       "supreme",    "mp",         "inspector",
      "dr.",          "gen.",       "col.",       "lt.",
      "sen.",         "rep.",       "gov.",       "prof.",
      "capt.",        "sgt.",       "adm.",       "maj.",
      "rev.",         "ms.",
  };
  return kTitles;
}
}  // namespace

bool IsPersonTitle(std::string_view w) { return In(PersonTitleList(), w); }

namespace {
const WordList& RoleNounList() {
  static const WordList kRoles = {
      "president",   "minister",   "spokesman",  "spokeswoman", "spokesperson",
      "counterpart", "leader",     "chief",      "commander",   "official",
      "envoy",       "ambassador", "secretary",  "adviser",     "advisor",
      "aide",        "governor",   "mayor",      "head",        "deputy",
      "chairman",    "chairwoman", "director",   "premier",     "correspondent",
      "analyst",     "lawyer",     "prosecutor", "general",     "colonel",
      "captain",     "candidate",  "senator",    "lawmaker",    "mp",
      "author",      "economist",  "researcher", "expert",      "journalist",
      "activist",    "witness",    "resident",   "doctor",      "negotiator",
      "founder",     "ceo",        "chancellor",
  };
  return kRoles;
}
}  // namespace

bool IsRoleNoun(std::string_view w) { return In(RoleNounList(), w); }

namespace {
const WordList& OrgHeadList() {
  static const WordList kHeads = {
      "ministry",    "agency",        "council",      "party",
      "university",  "service",       "services",     "forces",
      "force",       "army",          "navy",         "committee",
      "commission",  "observatory",   "bank",         "company",
      "corp",        "corporation",   "inc",          "ltd",
      "group",       "front",         "staff",        "office",
      "department",  "court",         "parliament",   "assembly",
      "union",       "organisation",  "organization", "institute",
      "association", "police",        "guard",        "guards",
      "news",        "times",         "post",         "network",
      "brigade",     "battalion",     "regiment",     "division",
      "federation",  "authority",     "board",        "bureau",
      "fund",        "foundation",    "coalition",    "movement",
      "alliance",    "command",       "directorate",  "cabinet",
      "government",  "senate",        "congress",     "legion",
      "brigades",    "militia",       "hospital",     "school",
      "college",     "centre",        "center",       "club",
      "church",      "tribunal",      "airlines",     "airways",
      "press",       "telegraph",     "journal",      "herald",
      "gazette",     "tribune",       "radio",        "television",
      "tv",          "broadcasting",  "media",        "channel",
      "unit",        "nations",       "red cross",    "crescent",
      "watch",       "international", "rada",         "duma",
      "kremlin",     "pentagon",      "secretariat",
  };
  return kHeads;
}
}  // namespace

bool IsOrgHead(std::string_view w) { return In(OrgHeadList(), w); }

namespace {
const WordList& InstitutionNounList() {
  static const WordList kNouns = {
      "army",       "military",     "ministry",    "government",
      "parliament", "navy",         "forces",      "force",
      "staff",      "embassy",      "authorities", "cabinet",
      "police",     "service",      "services",    "guard",
      "guards",     "troops",       "presidency",  "office",
      "command",    "intelligence", "prosecutor",  "prosecutors",
      "court",      "officials",    "regime",      "administration",
  };
  return kNouns;
}
}  // namespace

bool IsInstitutionNoun(std::string_view w) {
  return In(InstitutionNounList(), w);
}

namespace {
const WordList& InstitutionModifierList() {
  static const WordList kMods = {
      "defence",      "defense",     "foreign",  "interior",  "health",
      "finance",      "economy",     "justice",  "energy",    "emergency",
      "emergencies",  "state",       "general",  "air",       "armed",
      "border",       "national",    "security", "federal",   "central",
      "presidential", "military",    "special",  "naval",     "agriculture",
      "education",    "culture",     "trade",    "transport", "environment",
      "intelligence", "information", "internal", "home",      "war",
  };
  return kMods;
}
}  // namespace

bool IsInstitutionModifier(std::string_view w) {
  return In(InstitutionModifierList(), w);
}

namespace {
const WordList& PlaceSuffixList() {
  static const WordList kSuffixes = {
      "region",      "province",      "city",         "oblast",  "district",
      "governorate", "county",        "town",         "village", "state",
      "prefecture",  "municipality",  "valley",       "river",   "sea",
      "island",      "islands",       "peninsula",    "strait",  "mountains",
      "countryside", "neighbourhood", "neighborhood", "border",  "area",
  };
  return kSuffixes;
}
}  // namespace

bool IsPlaceSuffix(std::string_view w) { return In(PlaceSuffixList(), w); }

namespace {
const WordList& NewsOutletList() {
  static const WordList kOutlets = {
      "reuters",
      "ap",
      "associated press",
      "afp",
      "agence france-presse",
      "bbc",
      "cnn",
      "al jazeera",
      "aljazeera",
      "tass",
      "interfax",
      "ria novosti",
      "ria",
      "ukrinform",
      "bloomberg",
      "cbs",
      "cbs news",
      "nbc",
      "nbc news",
      "abc news",
      "fox news",
      "sky news",
      "dpa",
      "efe",
      "xinhua",
      "anadolu",
      "sana",
      "irna",
      "yonhap",
      "kyodo",
      "south china morning post",
      "new york times",
      "washington post",
      "guardian",
      "financial times",
      "wall street journal",
      "politico",
      "axios",
      "npr",
      "pbs",
      "euronews",
      "dw",
      "deutsche welle",
      "ukrainska pravda",
      "kyiv independent",
      "meduza",
  };
  return kOutlets;
}
}  // namespace

bool IsNewsOutlet(std::string_view name) { return In(NewsOutletList(), name); }

namespace {
const WordList& PlatformList() {
  static const WordList kPlatforms = {
      "telegram", "x",       "twitter",      "facebook", "instagram",
      "youtube",  "tiktok",  "truth social", "vk",       "whatsapp",
      "linkedin", "threads", "bluesky",      "weibo",    "wechat",
  };
  return kPlatforms;
}
}  // namespace

bool IsPlatform(std::string_view name) { return In(PlatformList(), name); }

std::string_view CountryKey(std::string_view name, CountryCue* kind) {
  const auto& table = CountryTable();
  const CountryHit* hit = table.Find(name);
  if (hit == nullptr) {
    if (kind != nullptr) *kind = CountryCue::kNone;
    return {};
  }
  if (kind != nullptr) *kind = hit->cue;
  return hit->key;
}

namespace {
const WordMap<std::string_view>& AliasTable() {
  static const WordMap<std::string_view> kAliases = {
      {"kiev", "kyiv"},
      {"odessa", "odesa"},
      {"kharkov", "kharkiv"},
      {"lvov", "lviv"},
      {"nikolaev", "mykolaiv"},
      {"zaporozhye", "zaporizhzhia"},
      {"zaporizhia", "zaporizhzhia"},
      {"dnipropetrovsk", "dnipro"},
      {"burma", "myanmar"},
      {"ivory coast", "cote d'ivoire"},
      {"un", "united nations"},
      {"u.n.", "united nations"},
      {"eu", "european union"},
      {"e.u.", "european union"},
      {"nato", "north atlantic treaty organization"},
      {"who", "world health organization"},
      {"isis", "islamic state"},
      {"isil", "islamic state"},
      {"is", "islamic state"},
      {"daesh", "islamic state"},
      {"sdf", "syrian democratic forces"},
      {"icrc", "international committee of the red cross"},
      {"ap", "associated press"},
      {"afp", "agence france-presse"},
      {"aljazeera", "al jazeera"},
      {"x", "x"},
      {"twitter", "x"},
  };
  return kAliases;
}
}  // namespace

std::string_view NameAlias(std::string_view name) {
  if (const auto* alias = AliasTable().Find(name); alias != nullptr) {
    return *alias;
  }
  CountryCue cue;
  std::string_view key = CountryKey(name, &cue);
  if (cue == CountryCue::kName) return key;
  return {};
}

namespace {
const WordList& KnownPlaceList() {
  static const WordList kPlaces = {
      // US states.
      "alabama",
      "alaska",
      "arizona",
      "arkansas",
      "california",
      "colorado",
      "connecticut",
      "delaware",
      "florida",
      "hawaii",
      "idaho",
      "illinois",
      "indiana",
      "iowa",
      "kansas",
      "kentucky",
      "louisiana",
      "maine",
      "maryland",
      "massachusetts",
      "michigan",
      "minnesota",
      "mississippi",
      "missouri",
      "montana",
      "nebraska",
      "nevada",
      "new hampshire",
      "new jersey",
      "new mexico",
      "new york",
      "north carolina",
      "north dakota",
      "ohio",
      "oklahoma",
      "oregon",
      "pennsylvania",
      "rhode island",
      "south carolina",
      "south dakota",
      "tennessee",
      "texas",
      "utah",
      "vermont",
      "virginia",
      "west virginia",
      "wisconsin",
      "wyoming",
      // Cities and regions often in the news.
      "new york city",
      "los angeles",
      "chicago",
      "houston",
      "miami",
      "san francisco",
      "boston",
      "seattle",
      "toronto",
      "montreal",
      "sydney",
      "melbourne",
      "mumbai",
      "shanghai",
      "hong kong",
      "singapore",
      "dubai",
      "istanbul",
      "geneva",
      "munich",
      "frankfurt",
      "milan",
      "barcelona",
      "st petersburg",
      "odesa",
      "kharkiv",
      "lviv",
      "dnipro",
      "mariupol",
      "donetsk",
      "luhansk",
      "crimea",
      "kherson",
      "bakhmut",
      "avdiivka",
      "pokrovsk",
      "zaporizhzhia",
      "gaza",
      "west bank",
      "aleppo",
      "homs",
      "idlib",
      "raqqa",
      "deir ezzor",
      "hama",
      "daraa",
      "mosul",
      "basra",
      "kirkuk",
      "benghazi",
      "darfur",
      "kashmir",
      "tigray",
      "donbas",
      "kursk",
      "belgorod",
      "samara",
      "rostov",
  };
  return kPlaces;
}
}  // namespace

bool IsKnownPlace(std::string_view name) { return In(KnownPlaceList(), name); }

// The English stop words are all in the class table (ClassTable adds
// text::StopwordList("en")): one packed look-up.
bool IsEnglishStopword(std::string_view w) {
  return (WordClasses(w) & word_class::kEnglishStopword) != 0;
}

namespace {
const WordList& SpeechVerbList() {
  static const WordList kVerbs = {
      "said",       "says",      "say",       "told",         "tells",
      "wrote",      "writes",    "added",     "adds",         "stated",
      "states",     "announced", "announces", "declared",     "noted",
      "notes",      "stressed",  "insisted",  "explained",    "continued",
      "remarked",   "warned",    "warns",     "claimed",      "claims",
      "asked",      "replied",   "posted",    "tweeted",      "emphasized",
      "emphasised", "stating",   "saying",    "adding",       "writing",
      "quoted",     "quoting",   "confirmed", "acknowledged", "argued",
      "recalled",   "urged",     "pledged",   "vowed",        "predicted",
      "reported",   "responded", "admitted",  "conceded",     "concluded",
      "observed",   "commented", "mentioned", "indicated",    "expressed",
      "announcing", "telling",   "declaring", "noting",       "insisting",
      "explaining", "warning",   "claiming",  "remarking",    "asserted",
      "revealed",   "shared",
  };
  return kVerbs;
}
}  // namespace

bool IsSpeechVerb(std::string_view w) { return In(SpeechVerbList(), w); }

namespace {
const WordList& CommonCapitalisedList() {
  static const WordList kCommon = {
      "the",       "a",         "an",
      "this",      "that",      "these",
      "those",     "he",        "she",
      "it",        "they",      "we",
      "i",         "you",       "his",
      "her",       "its",       "their",
      "our",       "my",        "your",
      "in",        "on",        "at",
      "by",        "for",       "from",
      "with",      "to",        "of",
      "as",        "after",     "before",
      "since",     "while",     "when",
      "where",     "but",       "and",
      "or",        "if",        "so",
      "yet",       "there",     "here",
      "some",      "many",      "most",
      "all",       "both",      "each",
      "every",     "no",        "not",
      "one",       "two",       "officials",
      "official",  "meanwhile", "however",
      "although",  "though",    "despite",
      "during",    "until",     "among",
      "about",     "over",      "under",
      "why",       "how",       "what",
      "who",       "which",     "also",
      "then",      "now",       "today",
      "yesterday", "tomorrow",  "earlier",
      "later",     "last",      "next",
      "other",     "another",   "such",
      "more",      "less",      "several",
      "few",       "just",      "only",
      "even",      "still",     "again",
      "thousands", "hundreds",  "dozens",
      "millions",  "according", "amid",
      "against",   "through",   "into",
      "without",   "within",    "more",
      "further",   "once",      "instead",
      "because",   "unlike",    "like",
      "exhausted", "combined",  "continued",
      "ongoing",   "peace",     "units",
      "reports",   "read",      "watch",
      "related",   "photo",     "image",
      "video",     "breaking",  "live",
      "update",    "file",      "updated",
      "analysis",  "opinion",   "skip",
      "share",     "subscribe", "advertisement",
      "get",       "sign",      "president",
      "prime",     "minister",  "secretary",
  };
  return kCommon;
}
}  // namespace

bool IsCommonCapitalised(std::string_view w) {
  return In(CommonCapitalisedList(), w);
}

std::string_view BritishSpelling(std::string_view w) {
  static const WordMap<std::string_view> kSpell = {
      {"defense", "defence"},
      {"organization", "organisation"},
      {"organizations", "organisations"},
      {"center", "centre"},
      {"centers", "centres"},
      {"labor", "labour"},
      {"program", "programme"},
      {"offense", "offence"},
      {"neighborhood", "neighbourhood"},
      {"kilometer", "kilometre"},
      {"kilometers", "kilometres"},
      {"meter", "metre"},
      {"meters", "metres"},
      {"liter", "litre"},
      {"liters", "litres"},
      {"neutralized", "neutralised"},
      {"emphasized", "emphasised"},
      {"recognized", "recognised"},
      {"authorized", "authorised"},
  };
  const auto* v = kSpell.Find(w);
  return v == nullptr ? w : *v;
}

namespace {

// Every word of the lists WordClasses() answers for, with its bits.
const WordMap<uint32_t>& ClassTable() {
  static const WordMap<uint32_t> table = [] {
    // Merged in a node map first (a word may be in several lists), once.
    std::unordered_map<std::string_view, uint32_t> bits;
    auto add = [&](const std::vector<std::string_view>& words, uint32_t bit) {
      for (std::string_view w : words) bits[w] |= bit;
    };
    add(PersonTitleList().Words(), word_class::kPersonTitle);
    add(RoleNounList().Words(), word_class::kRoleNoun);
    add(OrgHeadList().Words(), word_class::kOrgHead);
    add(InstitutionNounList().Words(), word_class::kInstitutionNoun);
    add(InstitutionModifierList().Words(), word_class::kInstitutionModifier);
    add(PlaceSuffixList().Words(), word_class::kPlaceSuffix);
    add(NewsOutletList().Words(), word_class::kNewsOutlet);
    add(PlatformList().Words(), word_class::kPlatform);
    add(KnownPlaceList().Words(), word_class::kKnownPlace);
    add(SpeechVerbList().Words(), word_class::kSpeechVerb);
    add(CommonCapitalisedList().Words(), word_class::kCommonCapitalised);
    add(text::StopwordList("en"), word_class::kEnglishStopword);
    add(Months().Keys(), word_class::kMonthOrWeekday);
    add(Weekdays().Keys(), word_class::kMonthOrWeekday);
    add(AliasTable().Keys(), word_class::kAlias);
    for (std::string_view w : CountryTable().Keys()) {
      switch (CountryTable().Find(w)->cue) {
        case CountryCue::kName:
          bits[w] |= word_class::kCountryName;
          break;
        case CountryCue::kDemonym:
          bits[w] |= word_class::kCountryDemonym;
          break;
        case CountryCue::kCapital:
          bits[w] |= word_class::kCountryCapital;
          break;
        case CountryCue::kNone:
          break;
      }
    }
    WordMap<uint32_t> t;
    for (const auto& [w, b] : bits) {
      if (!w.empty()) t.Insert(w, b);
    }
    return t;
  }();
  return table;
}

const PackedTable& PackedClasses() {
  static const PackedTable table = [] {
    const WordMap<uint32_t>& classes = ClassTable();
    std::vector<std::pair<std::string_view, uint32_t>> entries;
    for (std::string_view w : classes.Keys()) {
      entries.emplace_back(w, *classes.Find(w));  // every word has a bit
    }
    return PackedTable(entries);
  }();
  return table;
}

}  // namespace

uint32_t WordClasses(std::string_view folded) {
  if (folded.size() - 1 < PackedTable::kMaxBytes) {
    return PackedClasses().FindShort(folded);
  }
  const uint32_t* v = ClassTable().Find(folded);  // longer (or empty)
  return v == nullptr ? 0 : *v;
}

std::vector<std::string_view> ClassifiedWords() { return ClassTable().Keys(); }

}  // namespace concord::facts::lexicon
