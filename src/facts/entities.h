// Named entities (people, places, organisations) in English news text, with
// spelling variants merged within a text and a name comparison for merging
// across texts.
//
// No statistical model: names are runs of capitalised words (with "of",
// "for", "and", "al-" inside), cleaned of sentence-initial function words,
// titles ("President", "Mr") and possessives, and typed by cues:
//   person        a title or role noun before ("President X", "counterpart
//                 X"), an appositive after ("X, the Secretary of ..."), a
//                 reporting verb after ("X said"), a surname of a full name
//   place         a country, capital or demonym lexicon, a preposition
//                 before ("in X", "near X"), a place noun after ("X region",
//                 "X-based"), a place noun shortly before ("two villages,
//                 X and Y")
//   organisation  an organisation head as last word ("Ministry", "Council",
//                 "Forces"), a news outlet ("Reuters"), an acronym, or a
//                 country with an institution noun ("Russia's Defense
//                 Ministry", "the Russian defence ministry", "Ukraine's air
//                 force")
// Headline lines in title case keep only words seen capitalised in running
// text or known to the lexicons.
//
// Merging. EntityKey() maps a name to a key that ignores case, dots,
// possessives, the leading "the", American/British spelling, demonym versus
// country ("Russian" = "Russia's" = "Moscow's" before an institution), known
// aliases ("US" = "U.S." = "United States", "Kiev" = "Kyiv"), and common
// transliteration variants (y/i/ii/iy/yy endings, doubled letters, kh/h,
// ts/tz, ph/f, w/v, "al-"). Within one text, mentions with equal keys merge,
// then: an initialism merges with the multiword name it abbreviates ("UAE",
// "United Arab Emirates"); a one-word name merges with the full person name
// it is the surname of ("Zelensky", "Volodymyr Zelensky"); and long names
// one edit apart merge ("Rivnopillia", "Rivnopollia").
//
// Thread safety: pure functions, safe from any thread.
// Cost: linear in the tokens for finding; merging is quadratic in the number
// of distinct keys of one text (tens), with short string comparisons.
#ifndef CONCORD_FACTS_ENTITIES_H_
#define CONCORD_FACTS_ENTITIES_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/facts/dates.h"
#include "src/facts/document.h"

namespace concord::facts {

enum class EntityType : uint8_t { kPerson, kPlace, kOrganization, kOther };

struct EntityMention {
  uint32_t begin = 0, end = 0;  // byte offsets of the name as written
  std::string text;  // the name without title or possessive ("Zelenskyy")
  EntityType type = EntityType::kOther;  // from this mention's cues alone
  float confidence = 0;                  // 0..1
  std::string key;                       // EntityKey(text)
  int entity = -1;                       // index into EntityResult::entities
};

struct Entity {
  std::string name;  // the longest spelling ("Volodymyr Zelenskyy")
  std::string key;   // EntityKey(name)
  EntityType type = EntityType::kOther;  // voted over all mentions
  float confidence = 0;
  std::vector<std::string> variants;  // distinct spellings, first seen first
  std::vector<uint32_t> mentions;     // indices into EntityResult::mentions
};

struct EntityResult {
  std::vector<EntityMention> mentions;  // text order
  std::vector<Entity> entities;         // order of first mention
};

struct EntityOptions {
  // Longest skeleton difference (Levenshtein distance) accepted between two
  // names of at least `fuzzy_min_length` letters; one more edit is allowed
  // from twice that length. Default 1 edit from 8 letters.
  int fuzzy_edits = 1;
  int fuzzy_min_length = 8;
};

// All entity mentions of a document, merged into entities. Capitalised
// words inside `dates` spans ("Sunday", "December") are not names.
EntityResult FindEntities(const Document& doc,
                          std::span<const DateMention> dates,
                          const EntityOptions& options = {});

// The same for a bare text (dates found here).
EntityResult FindEntities(std::string_view text,
                          const EntityOptions& options = {});

// The merge key of a name: "Zelenskyy" and "Zelensky" -> "zelenski",
// "U.S." -> "united states", "Russia's Defense Ministry" and "Russian
// defence ministry" -> "russia|defence ministry".
std::string EntityKey(std::string_view name);

// Whether two names, possibly from different texts, name the same entity:
// equal keys, an initialism of the other, a surname of the other's full
// person name, or long names within the fuzzy allowance.
bool SameEntityName(std::string_view a, std::string_view b,
                    const EntityOptions& options = {});

// Whether the Levenshtein distance of a and b is at most `limit` (the
// fuzzy test of SameEntityName, on keys); one edit has a linear path.
bool WithinEditDistance(std::string_view a, std::string_view b, int limit);

// "person", "place", "organization", "other".
std::string_view EntityTypeName(EntityType type);

}  // namespace concord::facts

#endif  // CONCORD_FACTS_ENTITIES_H_
