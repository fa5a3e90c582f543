// libFuzzer target: arbitrary UTF-8-ish text split in two halves, aligned
// and classified (src/compare/). Must never crash, and every span must lie
// inside its text. Build as ingest_fuzz.cc says, target align_fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "src/compare/aligner.h"
#include "src/compare/relation.h"
#include "src/ingest/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  // The aligner's inputs are valid UTF-8 (ingest guarantees it).
  if (concord::ingest::FindInvalidUtf8(bytes) != std::string::npos) return 0;
  const size_t half = bytes.size() / 2;
  const std::string a = bytes.substr(0, half), b = bytes.substr(half);
  concord::text::Stemmer stemmer("en");
  const auto ta = concord::compare::PrepareForAlignment(a, "en", &stemmer);
  const auto tb = concord::compare::PrepareForAlignment(b, "en", &stemmer);
  const auto al = concord::compare::Align(ta, tb, nullptr);
  for (const auto& p : al.passages) {
    for (const auto& s : p.spans) {
      if (s.a_end > a.size() || s.b_end > b.size() || s.a_begin > s.a_end ||
          s.b_begin > s.b_end) {
        std::abort();
      }
    }
  }
  (void)concord::compare::Classify(concord::compare::ComputeEvidence(ta, tb, al));
  return 0;
}
