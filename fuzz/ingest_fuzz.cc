// libFuzzer target: arbitrary bytes as a text file and as a JSON Lines file,
// through decoding, the readers and text-level extraction. Must never crash,
// hang or leak; every failure must come back as a Status.
//
//   cmake -S . -B build/fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 \
//     -DCONCORD_BUILD_FUZZ=ON -DCONCORD_BUILD_TESTS=OFF -DCONCORD_BUILD_BENCH=OFF
//   cmake --build build/fuzz --target ingest_fuzz
//   build/fuzz/fuzz/ingest_fuzz -max_total_time=60 fuzz/corpus/ingest
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "src/extract/text_chrome.h"
#include "src/ingest/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  concord::Article article;
  if (concord::ingest::ReadTextFile("fuzz.txt", bytes, &article).ok()) {
    concord::ArticleContent c = concord::extract::ExtractFromText(article.text);
    (void)c;
  }
  concord::ingest::CollectingSink sink;
  uint32_t ordinal = 0;
  concord::ingest::ReadJsonLines("fuzz.jsonl", bytes, &sink, &ordinal);
  for (const concord::Article& a : sink.articles) {
    concord::extract::TextExtractOptions o;
    o.known_title = a.title;
    (void)concord::extract::ExtractFromText(a.text, o);
  }
  return 0;
}
