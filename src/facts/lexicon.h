// Small English word lists for the fact extractors: months, weekdays, units,
// currencies, titles, organisation heads, countries with their demonyms and
// capitals, news agencies, reporting verbs.
//
// The team wrote every list; they are short on purpose (the extractors use
// them as cues, not as a gazetteer that must be complete). All lookups take a
// folded word (FoldWord() output: lower case, NFKC, typographic apostrophes
// made ASCII) or a folded multiword name with single spaces.
//
// Thread safety: the tables are built once, on first use, as function-local
// statics; every function is safe from any thread.
// Cost: one hash lookup per call, no allocation.
#ifndef CONCORD_FACTS_LEXICON_H_
#define CONCORD_FACTS_LEXICON_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace concord::facts::lexicon {

// 1..12 for "january", "jan", "sept", ...; 0 otherwise. "may" and "march"
// are months here; the callers decide whether the context makes them one.
int Month(std::string_view folded);

// 0 (Monday) .. 6 (Sunday) for "monday", "mon", ...; -1 otherwise.
int Weekday(std::string_view folded);

// Month(folded) > 0 || Weekday(folded) >= 0, in one look-up.
bool IsMonthOrWeekday(std::string_view folded);

enum class UnitKind {
  kNone,
  kDistance,
  kWeight,
  kArea,
  kVolume,
  kDuration,
  kSpeed,
  kTemperature,
  kPercent,
  kMoney,
};

struct Unit {
  UnitKind kind = UnitKind::kNone;
  std::string_view canonical;  // "km", "kg", "usd", "percent", "day"
};

// The unit a word names ("kilometres" -> {kDistance, "km"}, "dollars" ->
// {kMoney, "usd"}, "percent" -> {kPercent, "percent"}); kind kNone if none.
Unit FindUnit(std::string_view folded);

// The ISO 4217 code for a currency sign or prefix ("$" -> "usd", "€" ->
// "eur", "us$" -> "usd"); empty if none.
std::string_view CurrencyOfSign(std::string_view sign);

// Titles written before a person's name ("president", "mr", "gen", "pope").
bool IsPersonTitle(std::string_view folded);

// Role nouns that name a person's job and may precede the name in lower case
// ("spokesman", "counterpart", "chief", "minister").
bool IsRoleNoun(std::string_view folded);

// Last words of organisation names ("ministry", "council", "party", "forces",
// "university", "agency", "observatory", "staff").
bool IsOrgHead(std::string_view folded);

// Lower-case nouns that make "<country> <noun>" an organisation: "army",
// "military", "ministry", "government", "air force", "parliament".
bool IsInstitutionNoun(std::string_view folded);

// Words that may stand between a country and an institution noun in lower
// case: "defence", "defense", "foreign", "interior", "general", "state".
bool IsInstitutionModifier(std::string_view folded);

// Words after a name that make it a place: "region", "province", "city",
// "oblast", "district", "governorate", "county".
bool IsPlaceSuffix(std::string_view folded);

// News agencies and outlets named without an organisation head ("reuters",
// "afp", "al jazeera", "bbc", "tass").
bool IsNewsOutlet(std::string_view folded_name);

// Social platforms that appear as a venue ("telegram", "x", "facebook").
bool IsPlatform(std::string_view folded_name);

// The canonical country key ("ukraine", "united states", "united kingdom")
// for a folded country name, alias, demonym ("russian", "american") or
// capital used for its government ("moscow", "kyiv", "washington"). Empty
// if the word is none of these. `kind` says which it was.
enum class CountryCue { kNone, kName, kDemonym, kCapital };
std::string_view CountryKey(std::string_view folded_name,
                            CountryCue* kind = nullptr);

// Alias key for names with a conventional short form or an old spelling:
// "u.s." -> "united states", "kiev" -> "kyiv", "uae" -> "united arab
// emirates". Empty if none.
std::string_view NameAlias(std::string_view folded_name);

// Places that are not countries but are named in news without a cue: US
// states and large cities ("texas", "new york", "gaza", "aleppo").
bool IsKnownPlace(std::string_view folded_name);

// text::IsStopword(folded, "en"), answered by WordClasses()' packed table.
bool IsEnglishStopword(std::string_view folded);

// Reporting verbs ("said", "told", "wrote", "added", "stating", "tweeted").
bool IsSpeechVerb(std::string_view folded);

// Known non-name capitalised words that often start sentences or headlines:
// pronouns, determiners, conjunctions, and news words like "officials".
bool IsCommonCapitalised(std::string_view folded);

// Which of the word lists above hold a folded word, in one look-up (the
// entity finder asks several lists about each word of a name and its
// neighbours). A bit is set exactly when the list's own function says yes:
// kCountryName, kCountryDemonym and kCountryCapital are CountryKey()'s cue,
// kAlias is "in the alias table" (NameAlias() is non-empty exactly when
// kAlias or kCountryName is set), kMonthOrWeekday is IsMonthOrWeekday().
namespace word_class {
inline constexpr uint32_t kPersonTitle = 1u << 0;
inline constexpr uint32_t kRoleNoun = 1u << 1;
inline constexpr uint32_t kOrgHead = 1u << 2;
inline constexpr uint32_t kInstitutionNoun = 1u << 3;
inline constexpr uint32_t kInstitutionModifier = 1u << 4;
inline constexpr uint32_t kPlaceSuffix = 1u << 5;
inline constexpr uint32_t kNewsOutlet = 1u << 6;
inline constexpr uint32_t kPlatform = 1u << 7;
inline constexpr uint32_t kKnownPlace = 1u << 8;
inline constexpr uint32_t kEnglishStopword = 1u << 9;
inline constexpr uint32_t kSpeechVerb = 1u << 10;
inline constexpr uint32_t kCommonCapitalised = 1u << 11;
inline constexpr uint32_t kMonthOrWeekday = 1u << 12;
inline constexpr uint32_t kCountryName = 1u << 13;
inline constexpr uint32_t kCountryDemonym = 1u << 14;
inline constexpr uint32_t kCountryCapital = 1u << 15;
inline constexpr uint32_t kAlias = 1u << 16;
inline constexpr uint32_t kCountry =
    kCountryName | kCountryDemonym | kCountryCapital;
}  // namespace word_class
uint32_t WordClasses(std::string_view folded);

// The words WordClasses() knows (each is in at least one list), for tests.
std::vector<std::string_view> ClassifiedWords();

// The British spelling of an American one ("defense" -> "defence",
// "organization" -> "organisation"), or the word itself.
std::string_view BritishSpelling(std::string_view folded);

}  // namespace concord::facts::lexicon

#endif  // CONCORD_FACTS_LEXICON_H_
