// extract_bench: article extraction speed on the Scrapinghub benchmark's
// pages, and memory on one very large page.
//
//   build/release/bench/extract_bench [DIR] [--reps N] [--big-mb M]
//
// DIR defaults to ../shared/data/extraction/scrapinghub. Before anything is
// timed, the extraction is scored with the benchmark's metric and the run
// stops if F1 is below 0.95 (a fast wrong extractor proves nothing). Then,
// for each parser (Concord's own and gumbo): pages per second and MB of
// markup per second over all pages, repeated --reps times (best rep
// reported), one core. Last, a synthetic page of --big-mb MB (default 50:
// article paragraphs inside deep layout markup, a long script, thousands of
// links) is extracted once, with the peak resident memory it added.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "concord/web.h"

namespace {

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// Current resident set, from /proc (peak RSS never goes down, so the big
// page's cost is measured as the rise of the peak above this).
long CurrentRssKb() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  long pages = 0, resident = 0;
  if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
  std::fclose(f);
  return resident * 4;
}

std::string BigPage(size_t target_bytes) {
  std::string p =
      "<!doctype html><html lang=en><head><title>Long report | Gazette"
      "</title><script>";
  p.append(target_bytes / 10, 'x');  // a tenth of the page is script
  p += "</script></head><body><nav>";
  for (int i = 0; i < 2000; ++i) {
    p += "<a href=\"/section/" + std::to_string(i) + "\">Section " +
         std::to_string(i) + "</a> ";
  }
  p += "</nav><main><article>";
  int k = 0;
  while (p.size() < target_bytes) {
    p += "<div class=\"block\"><div class=\"inner\"><p>Paragraph " +
         std::to_string(k++) +
         ": the council met the harbourmaster and the ferry company on "
         "Wednesday, and agreed that the repairs to the northern pier, the "
         "sea wall and the lights would start next month.</p></div></div>";
  }
  p += "</article></main><footer>The end</footer></body></html>";
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = "../shared/data/extraction/scrapinghub";
  int reps = 3;
  size_t big_mb = 50;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--reps") && i + 1 < argc) {
      reps = std::atoi(argv[++i]);
    } else if (!std::strcmp(argv[i], "--big-mb") && i + 1 < argc) {
      big_mb = std::strtoul(argv[++i], nullptr, 10);
    } else {
      dir = argv[i];
    }
  }
  if (!std::filesystem::exists(dir)) {
    std::fprintf(stderr,
                 "extract_bench: %s not found (pass the benchmark directory)\n",
                 dir.c_str());
    return 2;
  }
  // Quality first: EvaluateExtraction also reads every page once.
  for (const auto parser : {concord::WebExtractOptions::Parser::kFast,
                            concord::WebExtractOptions::Parser::kGumbo}) {
    concord::WebExtractOptions o;
    o.parser = parser;
    const char* name =
        parser == concord::WebExtractOptions::Parser::kFast ? "fast" : "gumbo";
    double best = 1e9;
    concord::ExtractionScores s;
    for (int r = 0; r < reps; ++r) {
      concord::Result<concord::ExtractionScores> e =
          concord::EvaluateExtraction(dir, o);
      if (!e.ok()) {
        std::fprintf(stderr, "extract_bench: %s\n",
                     e.status().ToString().c_str());
        return 2;
      }
      s = *e;
      best = std::min(best, s.seconds);
    }
    if (s.f1 < 0.95) {
      std::fprintf(stderr,
                   "extract_bench: %s parser F1 %.4f < 0.95; not timing a "
                   "wrong answer\n",
                   name, s.f1);
      return 1;
    }
    std::printf(
        "%-6s %zu pages  F1 %.4f  best of %d: %.3f s  %.0f pages/s\n", name,
        s.pages, s.f1, reps, best, s.pages / best);
  }
  // One very large page.
  const std::string page = BigPage(big_mb << 20);
  const long before = CurrentRssKb();
  const long peak_before = PeakRssKb();
  const auto t0 = std::chrono::steady_clock::now();
  const concord::WebPage w = concord::ExtractWebPage(page);
  const double secs = std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - t0)
                          .count();
  const long peak = std::max(PeakRssKb(), peak_before);
  if (w.blocks.size() < 1000 || w.text.find("Section 1 ") != std::string::npos) {
    std::fprintf(stderr, "extract_bench: big page extracted wrongly (%zu "
                 "blocks)\n", w.blocks.size());
    return 1;
  }
  std::printf(
      "big    %.1f MB page: %zu paragraphs, %.1f MB of text, %.3f s "
      "(%.0f MB/s); peak memory %.0f MB above the %.0f MB resident before "
      "(%.2fx the page)\n",
      page.size() / 1048576.0, w.blocks.size(), w.text.size() / 1048576.0,
      secs, page.size() / 1048576.0 / secs, (peak - before) / 1024.0,
      before / 1024.0, (peak - before) * 1024.0 / page.size());
  return 0;
}
