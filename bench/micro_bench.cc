// Micro-benchmarks of the engine's hot steps, one article at a time:
// tokenise, shingle (fast path), MinHash, SimHash, LSH query, align, and one
// step of the online clusterer.
//
// Text: the example articles (examples/articles/*.txt, read at run time
// from CONCORD_SOURCE_DIR, bodies as ExtractFromText gives them). Every
// benchmark checks its answer on that text before its time counts (STYLE.md
// item 12), and reports the error instead of a time when the check fails:
//
//   Tokenize       the wire flood story has kFloodWireTokens word and number
//                  tokens (a known value: change it only with the article), and the shingler's fast path counts as many
//   TokenizeList   the TokenList form gives the same tokens and norms
//   Shingle        the fast path's hashes equal the tokenising reference's
//   MinHash        the MinHash estimate of the wildfire wire story vs its
//                  light edit is within 0.1 of exact Jaccard, and vs an
//                  unrelated story below 0.1
//   SimHash        wildfire wire vs its light edit (a few words changed)
//                  within 8 bits, vs an unrelated story >= 16 bits
//   LshQuery       in an index of the 23 articles plus 5,000 unrelated
//                  documents, the wire story's query finds its verbatim copy
//                  and no other story's article
//   Align          the verbatim copy aligns with the wire story over >= 80%
//                  of the wire's words (the planted copy is found)
//   ClusterStep    on a clusterer warmed with the other 22 articles, the
//                  verbatim flood copy joins the flood story
//
// Run: build/release/bench/micro_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "concord/options.h"
#include "src/cluster/online_clusterer.h"
#include "src/compare/aligner.h"
#include "src/extract/text_chrome.h"
#include "src/index/lsh.h"
#include "src/sketch/features.h"
#include "src/sketch/minhash.h"
#include "src/sketch/shingles.h"
#include "src/sketch/shingles_internal.h"
#include "src/sketch/simhash.h"
#include "src/sketch/tfidf.h"
#include "src/text/segmenter.h"
#include "src/text/stemmer.h"

namespace concord {
namespace {

// Word and number tokens of the body of flood-01-wire.txt.
constexpr size_t kFloodWireTokens = 277;

struct Example {
  std::string name;  // file name without ".txt"
  std::string headline;
  std::string body;
};

// The example articles by name; empty when the directory is missing.
const std::map<std::string, Example>& Examples() {
  static const std::map<std::string, Example> examples = [] {
    namespace fs = std::filesystem;
    std::map<std::string, Example> out;
    const fs::path dir =
        fs::path(CONCORD_SOURCE_DIR) / "examples" / "articles";
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      if (e.path().extension() != ".txt") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      ArticleContent c = extract::ExtractFromText(ss.str());
      const std::string name = e.path().stem().string();
      out[name] = {name, std::move(c.headline), std::move(c.body)};
    }
    return out;
  }();
  return examples;
}

// The body of example `name`, or nullptr after marking the benchmark.
const std::string* Body(benchmark::State& state, const std::string& name) {
  const auto& examples = Examples();
  const auto it = examples.find(name);
  if (it == examples.end()) {
    state.SkipWithError(("example article missing: " + name).c_str());
    return nullptr;
  }
  return &it->second.body;
}

bool Fail(benchmark::State& state, const std::string& why) {
  state.SkipWithError(why.c_str());
  return false;
}

sketch::Shingles ShinglesOf(std::string_view body, int words = 5) {
  sketch::Shingler shingler({.words = words});
  sketch::Shingles s;
  shingler.Shingle(body, &s);
  return s;
}

void BM_Tokenize(benchmark::State& state) {
  const std::string* body = Body(state, "flood-01-wire");
  if (body == nullptr) return;
  std::vector<text::Token> tokens;
  text::Tokenize(*body, &tokens);
  const sketch::Shingles s = ShinglesOf(*body);
  if (tokens.size() != kFloodWireTokens || s.words != kFloodWireTokens) {
    Fail(state, "token count " + std::to_string(tokens.size()) +
                    " (shingler: " + std::to_string(s.words) +
                    "), expected " + std::to_string(kFloodWireTokens));
    return;
  }
  for (auto _ : state) {
    text::Tokenize(*body, &tokens);
    benchmark::DoNotOptimize(tokens.data());
  }
  state.SetBytesProcessed(state.iterations() * body->size());
  state.counters["tokens"] = static_cast<double>(tokens.size());
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMicrosecond);

// The TokenList form (norms in one buffer), as the feature extractor uses
// it, with punctuation; checked token for token against Tokenize.
void BM_TokenizeList(benchmark::State& state) {
  const std::string* body = Body(state, "flood-01-wire");
  if (body == nullptr) return;
  std::vector<text::Token> tokens;
  text::Tokenize(*body, &tokens, {.keep_punct = true});
  text::TokenList list;
  text::Tokenize(*body, &list, {.keep_punct = true});
  bool same = list.tokens.size() == tokens.size();
  for (size_t i = 0; same && i < tokens.size(); ++i) {
    same = list.tokens[i].begin == tokens[i].begin &&
           list.tokens[i].end == tokens[i].end &&
           list.norm(list.tokens[i]) == tokens[i].norm;
  }
  if (!same) {
    Fail(state, "TokenList differs from Tokenize's tokens");
    return;
  }
  for (auto _ : state) {
    text::Tokenize(*body, &list, {.keep_punct = true});
    benchmark::DoNotOptimize(list.tokens.data());
  }
  state.SetBytesProcessed(state.iterations() * body->size());
  state.counters["tokens"] = static_cast<double>(list.tokens.size());
}
BENCHMARK(BM_TokenizeList)->Unit(benchmark::kMicrosecond);

void BM_Shingle(benchmark::State& state) {
  const std::string* body = Body(state, "flood-01-wire");
  if (body == nullptr) return;
  sketch::Shingler shingler;
  sketch::Shingles fast, slow;
  shingler.Shingle(*body, &fast);
  sketch::internal::ShingleByTokens(*body, shingler.options(), &slow);
  if (fast.hashes != slow.hashes || fast.exact != slow.exact) {
    Fail(state, "fast-path shingles differ from the tokenising reference");
    return;
  }
  for (auto _ : state) {
    shingler.Shingle(*body, &fast);
    benchmark::DoNotOptimize(fast.exact);
  }
  state.SetBytesProcessed(state.iterations() * body->size());
}
BENCHMARK(BM_Shingle)->Unit(benchmark::kMicrosecond);

void BM_MinHash(benchmark::State& state) {
  const std::string *wire = Body(state, "wildfire-01-wire"),
                    *edit = Body(state, "wildfire-02-light-edit"),
                    *other = Body(state, "launch-01-wire");
  if (!wire || !edit || !other) return;
  const sketch::Shingles a = ShinglesOf(*wire), b = ShinglesOf(*edit),
                         c = ShinglesOf(*other);
  const auto sa = sketch::ComputeMinHash(a.hashes);
  const double exact = sketch::ExactJaccard(a.hashes, b.hashes);
  const double estimate =
      sketch::EstimateJaccard(sa, sketch::ComputeMinHash(b.hashes));
  const double unrelated =
      sketch::EstimateJaccard(sa, sketch::ComputeMinHash(c.hashes));
  if (std::abs(estimate - exact) > 0.1 || unrelated >= 0.1) {
    Fail(state, "MinHash estimate " + std::to_string(estimate) +
                    " vs exact " + std::to_string(exact) + ", unrelated " +
                    std::to_string(unrelated));
    return;
  }
  sketch::MinHashSignature sig;
  for (auto _ : state) {
    sketch::ComputeMinHash(a.hashes, &sig);
    benchmark::DoNotOptimize(sig.data());
  }
  state.SetItemsProcessed(state.iterations() * a.hashes.size());
  state.counters["exact_j"] = exact;
  state.counters["estimate_j"] = estimate;
}
BENCHMARK(BM_MinHash)->Unit(benchmark::kMicrosecond);

void BM_SimHash(benchmark::State& state) {
  const std::string *wire = Body(state, "wildfire-01-wire"),
                    *edit = Body(state, "wildfire-02-light-edit"),
                    *other = Body(state, "launch-01-wire");
  if (!wire || !edit || !other) return;
  // Word hashes (k = 1), as simhash.h recommends.
  const sketch::Shingles a = ShinglesOf(*wire, 1), b = ShinglesOf(*edit, 1),
                         c = ShinglesOf(*other, 1);
  const uint64_t fa = sketch::SimHash(a.hashes);
  const int near = sketch::HammingDistance(fa, sketch::SimHash(b.hashes));
  const int far = sketch::HammingDistance(fa, sketch::SimHash(c.hashes));
  if (near > 8 || far < 16) {
    Fail(state, "SimHash distances: edit " + std::to_string(near) +
                    " bits, unrelated " + std::to_string(far));
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(sketch::SimHash(a.hashes));
  state.SetItemsProcessed(state.iterations() * a.hashes.size());
  state.counters["edit_bits"] = near;
  state.counters["unrelated_bits"] = far;
}
BENCHMARK(BM_SimHash)->Unit(benchmark::kMicrosecond);

void BM_LshQuery(benchmark::State& state) {
  const auto& examples = Examples();
  if (!Body(state, "flood-01-wire") || !Body(state, "flood-02-verbatim-copy"))
    return;
  index::LshIndex index({.threshold = 0.5});
  std::vector<std::string> names;
  sketch::MinHashSignature query{};
  for (const auto& [name, e] : examples) {
    const auto sig = sketch::ComputeMinHash(ShinglesOf(e.body).hashes);
    if (name == "flood-01-wire") query = sig;
    index.Insert(static_cast<uint32_t>(names.size()), sig);
    names.push_back(name);
  }
  // Unrelated filler: random sets of article size.
  std::mt19937_64 rng(3);
  std::vector<uint64_t> set(250);
  for (int i = 0; i < 5000; ++i) {
    for (uint64_t& h : set) h = rng();
    index.Insert(static_cast<uint32_t>(names.size() + i),
                 sketch::ComputeMinHash(set));
  }
  std::vector<uint32_t> ids;
  index.Query(query, &ids);
  bool copy_found = false;
  for (uint32_t id : ids) {
    if (id >= names.size()) return (void)Fail(state, "filler found");
    if (names[id] == "flood-02-verbatim-copy") copy_found = true;
    if (names[id].rfind("flood-", 0) != 0) {
      return (void)Fail(state, "another story's article found: " + names[id]);
    }
  }
  if (!copy_found) return (void)Fail(state, "verbatim copy not found");
  for (auto _ : state) {
    index.Query(query, &ids);
    benchmark::DoNotOptimize(ids.data());
  }
  state.counters["candidates"] = static_cast<double>(ids.size());
  state.counters["documents"] = static_cast<double>(index.documents());
}
BENCHMARK(BM_LshQuery)->Unit(benchmark::kMicrosecond);

void BM_Align(benchmark::State& state) {
  const std::string *wire = Body(state, "flood-01-wire"),
                    *copy = Body(state, "flood-02-verbatim-copy");
  if (!wire || !copy) return;
  text::Stemmer stemmer("en");
  compare::AlignedText a, b;
  compare::Alignment al;
  auto run = [&] {
    a = compare::PrepareForAlignment(*wire, "en", &stemmer);
    b = compare::PrepareForAlignment(*copy, "en", &stemmer);
    al = compare::Align(a, b, nullptr);
  };
  run();
  const double coverage =
      a.words.empty() ? 0 : static_cast<double>(al.a_aligned) / a.words.size();
  if (coverage < 0.8) {
    Fail(state, "planted copy not found: " + std::to_string(coverage) +
                    " of the wire aligned");
    return;
  }
  for (auto _ : state) {
    run();
    benchmark::DoNotOptimize(al.matched);
  }
  state.SetBytesProcessed(state.iterations() * (wire->size() + copy->size()));
  state.counters["coverage"] = coverage;
  state.counters["words"] = static_cast<double>(a.words.size());
}
BENCHMARK(BM_Align)->Unit(benchmark::kMicrosecond);

void BM_ClusterStep(benchmark::State& state) {
  const auto& examples = Examples();
  if (!Body(state, "flood-01-wire") || !Body(state, "flood-02-verbatim-copy"))
    return;
  const FeatureOptions features;
  sketch::FeatureExtractor extractor(features);
  std::map<std::string, sketch::TermBag> bags;
  sketch::DocumentFrequencies df;
  for (const auto& [name, e] : examples) {
    bags[name] = extractor.Extract(e.headline, e.body, "en", nullptr);
    df.Add(bags[name]);
  }
  // Warm: every article but the copy, in name order (stories interleave
  // poorly that way, which is what the index must cope with).
  cluster::OnlineClusterer warm{ClusterOptions{}};
  std::map<std::string, uint32_t> story;
  for (const auto& [name, bag] : bags) {
    if (name == "flood-02-verbatim-copy") continue;
    story[name] = warm.Add(sketch::Weigh(bag, df, features), std::nullopt);
  }
  const sketch::SparseVector copy =
      sketch::Weigh(bags["flood-02-verbatim-copy"], df, features);
  {
    cluster::OnlineClusterer probe = warm;
    const uint32_t joined = probe.Add(copy, std::nullopt);
    if (joined != story["flood-01-wire"]) {
      Fail(state, "the flood copy joined story " + std::to_string(joined) +
                      ", not the flood wire's " +
                      std::to_string(story["flood-01-wire"]));
      return;
    }
  }
  // Each step runs on a fresh copy of the warm clusterer; copying it and
  // destroying the last one happen while the clock is paused.
  std::optional<cluster::OnlineClusterer> c;
  for (auto _ : state) {
    state.PauseTiming();
    c.emplace(warm);
    state.ResumeTiming();
    benchmark::DoNotOptimize(c->Add(copy, std::nullopt));
  }
  state.counters["stories"] = static_cast<double>(warm.stories());
}
BENCHMARK(BM_ClusterStep)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace concord

BENCHMARK_MAIN();
