// Fingerprinting benchmark: shingling, MinHash and the LSH index over the
// example articles' bodies, replicated into a corpus with planted
// near-duplicates.
//
// Corpus: the bodies of examples/articles/*.txt (as ExtractFromText gives
// them), each followed by kReplicas variants in which every word is replaced
// with probability p — p = 3% (a light edit, J ≈ 0.75 to its original) for
// two variants in three, p = 40% (a different text, J < 0.1) for the third —
// so the index sees realistic buckets and real verification work.
//
// Before timing anything, the answer is checked (STYLE.md item 12): LSH
// candidates on the corpus against exact Jaccard over all pairs of a sample
// must reach recall ≥ 0.95 at J ≥ 0.5; otherwise every benchmark reports
// the error instead of a time.
//
// Run: build/<dir>/bench/fingerprint_bench [--benchmark_filter=...]
// bytes_per_second counts body bytes in. The hot loops reuse their buffers
// (Shingles, signature, candidate list): after the first document no
// allocation except the index's amortised growth and Tokenize's own.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "src/extract/text_chrome.h"
#include "src/index/lsh.h"
#include "src/sketch/minhash.h"
#include "src/sketch/shingles.h"
#include "src/sketch/simhash.h"

namespace concord {
namespace {

constexpr int kReplicas = 100;
constexpr double kThreshold = 0.5;
constexpr size_t kCheckSample = 400;  // documents in the all-pairs check

struct Corpus {
  std::vector<std::string> bodies;
  // Each body's shingle hashes, computed once for the benchmarks that
  // start from shingles.
  std::vector<std::vector<uint64_t>> shingles;
  int64_t bytes = 0;
  std::string error;  // non-empty when the recall check failed
  double recall = 0, precision = 0;
};

std::vector<std::string> ExampleBodies() {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(std::string(CONCORD_SOURCE_DIR) +
                                              "/examples/articles")) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> bodies;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    bodies.push_back(extract::ExtractFromText(ss.str()).body);
  }
  return bodies;
}

// `body` with each space-separated word replaced with probability p.
std::string Mutate(const std::string& body, double p, std::mt19937& rng) {
  std::uniform_real_distribution<double> coin(0, 1);
  std::string out;
  out.reserve(body.size());
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find(' ', start);
    if (end == std::string::npos) end = body.size();
    if (coin(rng) < p) {
      out += "z" + std::to_string(rng() % 100000);
    } else {
      out.append(body, start, end - start);
    }
    if (end < body.size()) out.push_back(' ');
    start = end + 1;
  }
  return out;
}

// Recall and precision of LSH candidates against exact Jaccard over all
// pairs of the first kCheckSample documents.
void CheckRecall(Corpus* c) {
  const size_t n = std::min(kCheckSample, c->bodies.size());
  std::vector<std::vector<uint64_t>> sets(n);
  std::vector<sketch::MinHashSignature> sigs(n);
  index::LshIndex index({.threshold = kThreshold});
  for (uint32_t i = 0; i < n; ++i) {
    sigs[i] = sketch::ComputeMinHash(c->shingles[i]);
    sets[i] = c->shingles[i];
    std::sort(sets[i].begin(), sets[i].end());
    sets[i].erase(std::unique(sets[i].begin(), sets[i].end()), sets[i].end());
    index.Insert(i, sigs[i]);
  }
  size_t similar = 0, found = 0, candidates = 0, true_candidates = 0;
  std::vector<uint32_t> ids;
  std::vector<uint64_t> common;
  for (uint32_t i = 0; i < n; ++i) {
    index.Query(sigs[i], &ids);
    for (uint32_t j = i + 1; j < n; ++j) {
      common.clear();
      std::set_intersection(sets[i].begin(), sets[i].end(), sets[j].begin(),
                            sets[j].end(), std::back_inserter(common));
      const size_t uni = sets[i].size() + sets[j].size() - common.size();
      const bool is_similar =
          uni > 0 && static_cast<double>(common.size()) / uni >= kThreshold;
      const bool is_candidate = std::binary_search(ids.begin(), ids.end(), j);
      similar += is_similar;
      found += is_similar && is_candidate;
      candidates += is_candidate;
      true_candidates += is_similar && is_candidate;
    }
  }
  c->recall = similar ? static_cast<double>(found) / similar : 0;
  c->precision =
      candidates ? static_cast<double>(true_candidates) / candidates : 0;
  if (similar < 20) {
    c->error =
        "recall check: too few planted pairs (" + std::to_string(similar) + ")";
  } else if (c->recall < 0.95) {
    c->error = "recall check failed: LSH recall " + std::to_string(c->recall) +
               " < 0.95 at J >= 0.5";
  }
}

const Corpus& GetCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    std::mt19937 rng(42);
    const std::vector<std::string> originals = ExampleBodies();
    // Interleaved so that the check sample holds whole families.
    for (int r = 0; r <= kReplicas; ++r) {
      for (const std::string& body : originals) {
        c.bodies.push_back(r == 0 ? body
                                  : Mutate(body, r % 3 ? 0.03 : 0.40, rng));
      }
    }
    sketch::Shingler shingler;
    sketch::Shingles s;
    for (const std::string& b : c.bodies) {
      c.bytes += b.size();
      shingler.Shingle(b, &s);
      c.shingles.push_back(s.hashes);
    }
    if (originals.empty()) c.error = "no example articles found";
    if (c.error.empty()) CheckRecall(&c);
    return c;
  }();
  return corpus;
}

// Returns false (and marks the benchmark) when the answer is wrong.
bool Checked(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  if (!c.error.empty()) {
    state.SkipWithError(c.error.c_str());
    return false;
  }
  state.counters["lsh_recall"] = c.recall;
  state.counters["lsh_precision"] = c.precision;
  state.counters["docs"] = static_cast<double>(c.bodies.size());
  return true;
}

void BM_Shingle(benchmark::State& state) {
  if (!Checked(state)) return;
  const Corpus& c = GetCorpus();
  sketch::Shingler shingler;
  sketch::Shingles s;
  for (auto _ : state) {
    for (const std::string& body : c.bodies) {
      shingler.Shingle(body, &s);
      benchmark::DoNotOptimize(s.exact);
    }
  }
  state.SetBytesProcessed(state.iterations() * c.bytes);
}
BENCHMARK(BM_Shingle)->Unit(benchmark::kMillisecond);

void BM_MinHashFromShingles(benchmark::State& state) {
  if (!Checked(state)) return;
  const Corpus& c = GetCorpus();
  sketch::MinHashSignature sig;
  for (auto _ : state) {
    for (const std::vector<uint64_t>& h : c.shingles) {
      sketch::ComputeMinHash(h, &sig);
      benchmark::DoNotOptimize(sig.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * c.bytes);
  state.SetItemsProcessed(state.iterations() * c.shingles.size());
}
BENCHMARK(BM_MinHashFromShingles)->Unit(benchmark::kMillisecond);

void BM_SimHashFromShingles(benchmark::State& state) {
  if (!Checked(state)) return;
  const Corpus& c = GetCorpus();
  for (auto _ : state) {
    for (const std::vector<uint64_t>& h : c.shingles) {
      benchmark::DoNotOptimize(sketch::SimHash(h));
    }
  }
  state.SetBytesProcessed(state.iterations() * c.bytes);
}
BENCHMARK(BM_SimHashFromShingles)->Unit(benchmark::kMillisecond);

void BM_LshInsertQuery(benchmark::State& state) {
  if (!Checked(state)) return;
  const Corpus& c = GetCorpus();
  std::vector<sketch::MinHashSignature> sigs;
  for (const std::vector<uint64_t>& h : c.shingles) {
    sigs.push_back(sketch::ComputeMinHash(h));
  }
  std::vector<uint32_t> ids;
  size_t candidates = 0;
  for (auto _ : state) {
    index::LshIndex index({.threshold = kThreshold});
    for (uint32_t i = 0; i < sigs.size(); ++i) {
      index.Query(sigs[i], &ids);
      candidates += ids.size();
      index.Insert(i, sigs[i]);
    }
  }
  state.SetBytesProcessed(state.iterations() * c.bytes);
  state.SetItemsProcessed(state.iterations() * sigs.size());
  state.counters["candidates_per_doc"] =
      static_cast<double>(candidates) / (state.iterations() * sigs.size());
}
BENCHMARK(BM_LshInsertQuery)->Unit(benchmark::kMillisecond);

// The whole near-duplicate path per document, as Deduplicate runs it after
// extraction: shingle and MinHash in one pass, query, verify candidates,
// insert.
void BM_FingerprintAndLsh(benchmark::State& state) {
  if (!Checked(state)) return;
  const Corpus& c = GetCorpus();
  sketch::Shingler shingler;
  sketch::Shingles s;
  sketch::MinHashSignature sig;
  std::vector<sketch::MinHashSignature> sigs;
  sigs.reserve(c.bodies.size());
  std::vector<uint32_t> ids;
  size_t pairs = 0;
  for (auto _ : state) {
    sigs.clear();
    index::LshIndex index({.threshold = kThreshold});
    for (uint32_t i = 0; i < c.bodies.size(); ++i) {
      shingler.ShingleToMinHash(c.bodies[i], {}, &s, &sig);
      index.Query(sig, &ids);
      for (uint32_t j : ids) {
        pairs += sketch::EstimateJaccard(sig, sigs[j]) >= kThreshold;
      }
      sigs.push_back(sig);
      index.Insert(i, sig);
    }
  }
  state.SetBytesProcessed(state.iterations() * c.bytes);
  state.SetItemsProcessed(state.iterations() * c.bodies.size());
  state.counters["pairs_per_doc"] =
      static_cast<double>(pairs) / (state.iterations() * c.bodies.size());
}
BENCHMARK(BM_FingerprintAndLsh)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace concord

BENCHMARK_MAIN();
