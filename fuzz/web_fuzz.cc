// libFuzzer target: arbitrary bytes as a web page, an HTTP response, a feed
// and a WARC file (plain and as gzip data), through DecodeHtmlToUtf8,
// ParseHttpResponse / DecodeHttpBody, ParseFeed and IngestWarc. Must never
// crash, hang or leak, and every page handed out must be valid UTF-8.
//
//   cmake -S . -B build/fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 \
//     -DCONCORD_BUILD_FUZZ=ON -DCONCORD_BUILD_TESTS=OFF -DCONCORD_BUILD_BENCH=OFF
//   cmake --build build/fuzz --target web_fuzz
//   build/fuzz/fuzz/web_fuzz -max_total_time=60 fuzz/corpus/web
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "src/base/env.h"
#include "src/ingest/encoding.h"
#include "src/ingest/feed.h"
#include "src/ingest/reader.h"
#include "src/ingest/warc.h"

namespace {

// One file, whatever its name.
class OneFileEnv final : public concord::Env {
 public:
  explicit OneFileEnv(std::string_view bytes) : bytes_(bytes) {}
  concord::Result<std::string> ReadFile(const std::string&) override {
    return std::string(bytes_);
  }
  bool IsDirectory(const std::string&) override { return false; }
  bool Exists(const std::string&) override { return true; }
  concord::Result<std::vector<std::string>> ListFilesRecursive(
      const std::string&) override {
    return std::vector<std::string>{};
  }
  int64_t NowSeconds() override { return 0; }

 private:
  std::string_view bytes_;
};

void CheckUtf8(std::string_view s) {
  if (concord::ingest::FindInvalidUtf8(s) != std::string_view::npos) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace concord::ingest;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CheckUtf8(DecodeHtmlToUtf8(bytes));
  CheckUtf8(DecodeHtmlToUtf8(bytes, "text/html; charset=shift_jis"));

  concord::Result<HttpResponse> http = ParseHttpResponse(bytes);
  if (http.ok()) (void)DecodeHttpBody(*http, 1 << 20);

  concord::Result<Feed> feed = ParseFeed(bytes, "fuzz.xml");
  if (feed.ok()) {
    for (const FeedItem& item : feed->items) {
      for (const std::string* s :
           {&item.content_html, &item.summary_html, &item.title, &item.link,
            &item.guid, &item.author, &item.published}) {
        CheckUtf8(*s);
      }
    }
  }

  OneFileEnv env(bytes);
  const WarcReadOptions options{.max_record_bytes = 1 << 20};
  for (const char* path : {"fuzz.warc", "fuzz.warc.gz"}) {
    CollectingSink sink;
    IngestWarc(env, path, options, &sink);
    for (const concord::Article& a : sink.articles) {
      CheckUtf8(a.html);
      CheckUtf8(a.id);
      CheckUtf8(a.url);
    }
  }
  return 0;
}
