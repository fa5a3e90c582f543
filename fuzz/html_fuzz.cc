// libFuzzer target: Concord's HTML parser and the page extractor.
//
//   CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -G Ninja \
//     -DCONCORD_BUILD_FUZZ=ON -DCONCORD_BUILD_TESTS=OFF -DCONCORD_BUILD_BENCH=OFF
//   ninja -C build/fuzz html_fuzz
//   build/fuzz/fuzz/html_fuzz -max_total_time=60 fuzz/corpus/html examples/web
//
// Any bytes must parse (the parser takes any input); the tree must be
// well formed (parents precede children, sibling links stay in range) and
// extraction must not crash, hang or produce invalid UTF-8 from valid input.
// The first byte picks the parser depth limit so that the flattening path
// is exercised on small inputs too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "concord/web.h"
#include "src/extract/html_tree.h"
#include "src/ingest/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint32_t depth = 1 + data[0] % 64;
  const std::string_view html(reinterpret_cast<const char*>(data) + 1,
                              size - 1);
  concord::extract::HtmlParseOptions po;
  po.max_depth = depth;
  const concord::extract::HtmlTree tree =
      concord::extract::ParseHtml(html, po);
  for (uint32_t i = 1; i < tree.size(); ++i) {
    const auto& n = tree.node(i);
    if (n.parent >= i) std::abort();
    if (n.next_sibling != concord::extract::HtmlNode::kNone &&
        n.next_sibling <= i) {
      std::abort();
    }
  }
  concord::WebExtractOptions wo;
  wo.max_depth = depth;
  const concord::WebPage page = concord::ExtractWebPage(html, wo);
  if (concord::ingest::FindInvalidUtf8(html) == std::string_view::npos &&
      concord::ingest::FindInvalidUtf8(page.text) != std::string_view::npos) {
    std::abort();
  }
  return 0;
}
