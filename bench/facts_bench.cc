// Fact extraction benchmark: ExtractFacts (src/facts/facts.h) over the
// team's example articles (examples/articles/*.txt, 23 articles).
//
// The answer is checked before timing (STYLE.md item 12): the flood wire
// story must yield "about 4,200 residents" and the coordinator's quote with
// its speaker, and the launch wire story "about 520 kilometres"; otherwise
// the benchmark reports an error instead of a time.
//
//   build/release/bench/facts_bench
// BM_ExtractFacts: all four extractors over every article, bytes per second.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "src/facts/facts.h"

namespace concord {
namespace {

struct Material {
  std::vector<std::string> texts;
  size_t bytes = 0;
  std::string error;
};

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool HasQuantity(const facts::Facts& f, double value, std::string_view unit) {
  return std::any_of(f.quantities.begin(), f.quantities.end(),
                     [&](const facts::Quantity& q) {
                       return q.value == value && q.unit == unit;
                     });
}

const Material& GetMaterial() {
  static const Material m = [] {
    Material out;
    const std::string dir =
        std::string(CONCORD_SOURCE_DIR) + "/examples/articles";
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
      out.texts.push_back(Read(f));
      out.bytes += out.texts.back().size();
    }
    const std::string flood = Read(dir + "/flood-01-wire.txt");
    const std::string launch = Read(dir + "/launch-01-wire.txt");
    if (flood.empty() || launch.empty()) {
      out.error = "examples/articles is missing the wire stories";
      return out;
    }
    const facts::Facts ff = facts::ExtractFacts(flood, std::nullopt);
    const facts::Facts lf = facts::ExtractFacts(launch, std::nullopt);
    const bool quote = std::any_of(
        ff.quotes.begin(), ff.quotes.end(),
        [](const facts::Quote& q) { return q.speaker_name == "Tamsin Varey"; });
    if (!HasQuantity(ff, 4200, "resident") || !quote ||
        !HasQuantity(lf, 520, "km")) {
      out.error = "ExtractFacts misses the known facts of the wire stories";
    }
    return out;
  }();
  return m;
}

void BM_ExtractFacts(benchmark::State& state) {
  const Material& m = GetMaterial();
  if (!m.error.empty()) return state.SkipWithError(m.error.c_str());
  size_t found = 0;
  for (auto _ : state) {
    for (const std::string& t : m.texts) {
      const facts::Facts f = facts::ExtractFacts(t, int64_t{1763899200});
      found += f.quantities.size() + f.dates.size() + f.quotes.size() +
               f.entities.mentions.size();
      benchmark::DoNotOptimize(f);
    }
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * int64_t(m.bytes));
  state.counters["facts_per_pass"] =
      double(found) / double(std::max<int64_t>(1, state.iterations()));
}
BENCHMARK(BM_ExtractFacts)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace concord

BENCHMARK_MAIN();
