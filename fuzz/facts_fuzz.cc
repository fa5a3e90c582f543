// libFuzzer target: arbitrary bytes as an article body through
// ExtractFacts (src/facts/). Must never crash or hang, and every offset must
// lie inside the body, begin <= end. Build as ingest_fuzz.cc says, target
// facts_fuzz, corpus fuzz/corpus/facts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "src/facts/facts.h"

namespace {

void Check(uint32_t begin, uint32_t end, size_t size) {
  if (begin > end || end > size) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  // The first byte, when present, picks a publication time or none.
  std::optional<int64_t> published;
  if (size > 0 && data[0] % 2 == 0) published = int64_t{data[0]} * 86400 * 97;
  const concord::facts::Facts f = concord::facts::ExtractFacts(body, published);
  for (const auto& q : f.quantities) Check(q.begin, q.end, size);
  for (const auto& d : f.dates) Check(d.begin, d.end, size);
  for (const auto& m : f.entities.mentions) {
    Check(m.begin, m.end, size);
    if (m.entity < 0 ||
        static_cast<size_t>(m.entity) >= f.entities.entities.size()) {
      std::abort();
    }
  }
  for (const auto& q : f.quotes) {
    Check(q.begin, q.end, size);
    for (const auto& p : q.parts) Check(p.begin, p.end, size);
    if (!q.speaker.empty()) Check(q.speaker_begin, q.speaker_end, size);
  }
  return 0;
}
