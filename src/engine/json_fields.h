// Reading loosely typed fields of labelled JSON Lines (engine-internal).
#ifndef CONCORD_ENGINE_JSON_FIELDS_H_
#define CONCORD_ENGINE_JSON_FIELDS_H_

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace concord {

// Field `key` of object `j` as text: strings as they are, numbers and
// booleans as JSON writes them ("3", "1.5", "true"); "" when absent or of
// another type. Ids and labels come both ways in public data sets.
inline std::string ScalarField(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  if (it->is_number() || it->is_boolean()) return it->dump();
  return {};
}

}  // namespace concord

#endif  // CONCORD_ENGINE_JSON_FIELDS_H_
