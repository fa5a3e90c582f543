// Alignment benchmark: two ~1,000-word articles, the second a spun and
// edited copy of the first, aligned word by word (src/compare/aligner.h).
//
// Material: the example articles' bodies (examples/articles/*.txt)
// concatenated to ~1,000 words (A). B is A with every seventh word swapped
// for another word of the corpus, every 23rd word dropped and a word
// inserted every 31st: the shape of a spinner's output.
//
// The answer is checked before timing (STYLE.md item 12): the alignment
// must cover ≥ 90% of both texts and report the planted swaps; otherwise the
// benchmark reports an error instead of a time.
//
//   build/release/bench/align_bench
// BM_Align: Align() with both seed indexes built (what one pair costs the
// first time); BM_AlignIndexed: with prebuilt indexes (what each further
// pair costs inside a story); BM_Prepare: tokenising and stemming one text;
// BM_PrepareFromTokens: the same from tokens already made (as the engine does);
// BM_StoryReuse: AnalyzeStoryReuse over a story of six members (A, B, a
// copy of A, B's first half, A's second half, A reversed): every
// pair, the families and the roles, as the engine runs it per story.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "src/compare/aligner.h"
#include "src/compare/families.h"
#include "src/compare/wordnet.h"
#include "src/extract/text_chrome.h"

namespace concord {
namespace {

struct Material {
  std::string a, b;
  std::string error;
};

const Material& GetMaterial() {
  static const Material m = [] {
    Material out;
    std::vector<std::string> files;
    const std::string dir = std::string(CONCORD_SOURCE_DIR) + "/examples/articles";
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> words;
    for (const std::string& f : files) {
      std::ifstream in(f);
      std::stringstream ss;
      ss << in.rdbuf();
      std::istringstream body(extract::ExtractFromText(ss.str()).body);
      std::string w;
      while (body >> w) words.push_back(w);
    }
    if (words.size() < 1200) {
      out.error = "not enough example text";
      return out;
    }
    for (size_t i = 0; i < 1000; ++i) {
      if (i) out.a += ' ';
      out.a += words[i];
      if (i % 23 == 11) continue;  // dropped
      if (!out.b.empty()) out.b += ' ';
      out.b += i % 7 == 3 ? words[1000 + i % 150] : words[i];  // swapped
      if (i % 31 == 17) out.b += " indeed";  // inserted
    }
    return out;
  }();
  return m;
}

bool Check(benchmark::State& state, const compare::AlignedText& a,
           const compare::AlignedText& b, const compare::Alignment& al) {
  const double ca = double(al.a_aligned) / a.words.size();
  const double cb = double(al.b_aligned) / b.words.size();
  if (ca < 0.9 || cb < 0.9 || al.swaps < 50) {
    state.SkipWithError("alignment does not recover the planted copy");
    return false;
  }
  state.counters["coverage_a"] = ca;
  state.counters["swaps"] = al.swaps;
  return true;
}

const compare::WordNet* Wn() {
  static std::unique_ptr<compare::WordNet> wn = [] {
    std::unique_ptr<compare::WordNet> out;
    const std::string dir = compare::WordNet::FindDefaultDir();
    if (!dir.empty()) {
      auto r = compare::WordNet::Load(dir);
      if (r.ok()) out = std::move(r).value();
    }
    return out;
  }();
  return wn.get();
}

void BM_Prepare(benchmark::State& state) {
  const Material& m = GetMaterial();
  if (!m.error.empty()) return state.SkipWithError(m.error.c_str());
  text::Stemmer stemmer("en");
  for (auto _ : state) {
    auto t = compare::PrepareForAlignment(m.a, "en", &stemmer);
    benchmark::DoNotOptimize(t.words.data());
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * m.a.size());
}
BENCHMARK(BM_Prepare)->Unit(benchmark::kMicrosecond);

// What the engine pays: the words taken from tokens it already has (the
// facts Document's, punctuation kept), checked equal to BM_Prepare's first.
void BM_PrepareFromTokens(benchmark::State& state) {
  const Material& m = GetMaterial();
  if (!m.error.empty()) return state.SkipWithError(m.error.c_str());
  text::Stemmer stemmer("en");
  std::vector<text::Token> tokens;
  text::Tokenize(m.a, &tokens, {.keep_punct = true});
  const auto own = compare::PrepareForAlignment(m.a, "en", &stemmer);
  const auto given = compare::PrepareForAlignment(m.a, tokens, "en", &stemmer);
  bool same = own.words.size() == given.words.size();
  for (size_t k = 0; same && k < own.words.size(); ++k) {
    same = own.words[k].stem == given.words[k].stem &&
           own.words[k].begin == given.words[k].begin;
  }
  if (!same) return state.SkipWithError("words from tokens differ");
  for (auto _ : state) {
    auto t = compare::PrepareForAlignment(m.a, tokens, "en", &stemmer);
    benchmark::DoNotOptimize(t.words.data());
  }
  state.SetBytesProcessed(int64_t(state.iterations()) * m.a.size());
}
BENCHMARK(BM_PrepareFromTokens)->Unit(benchmark::kMicrosecond);

void BM_Align(benchmark::State& state) {
  const Material& m = GetMaterial();
  if (!m.error.empty()) return state.SkipWithError(m.error.c_str());
  text::Stemmer stemmer("en");
  const auto a = compare::PrepareForAlignment(m.a, "en", &stemmer);
  const auto b = compare::PrepareForAlignment(m.b, "en", &stemmer);
  if (!Check(state, a, b, compare::Align(a, b, Wn()))) return;
  for (auto _ : state) {
    auto al = compare::Align(a, b, Wn());
    benchmark::DoNotOptimize(al.matched);
  }
  state.counters["words"] = double(a.words.size());
}
BENCHMARK(BM_Align)->Unit(benchmark::kMicrosecond);

void BM_AlignIndexed(benchmark::State& state) {
  const Material& m = GetMaterial();
  if (!m.error.empty()) return state.SkipWithError(m.error.c_str());
  text::Stemmer stemmer("en");
  const auto a = compare::PrepareForAlignment(m.a, "en", &stemmer);
  const auto b = compare::PrepareForAlignment(m.b, "en", &stemmer);
  const compare::AlignOptions options;
  const auto ia = compare::BuildGramIndex(a, options.seed_words);
  const auto ib = compare::BuildGramIndex(b, options.seed_words);
  if (!Check(state, a, b, compare::Align(a, b, ia, ib, Wn(), options))) return;
  for (auto _ : state) {
    auto al = compare::Align(a, b, ia, ib, Wn(), options);
    benchmark::DoNotOptimize(al.matched);
  }
}
BENCHMARK(BM_AlignIndexed)->Unit(benchmark::kMicrosecond);

void BM_StoryReuse(benchmark::State& state) {
  const Material& m = GetMaterial();
  if (!m.error.empty()) return state.SkipWithError(m.error.c_str());
  text::Stemmer stemmer("en");
  // The last member: A's words reversed (the same content words, in no
  // shared order).
  std::istringstream in(m.a);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  std::string reversed;
  for (auto it = words.rbegin(); it != words.rend(); ++it) {
    if (!reversed.empty()) reversed += ' ';
    reversed += *it;
  }
  const std::vector<std::string> bodies = {
      m.a, m.b, m.a, m.b.substr(0, m.b.size() / 2),
      m.a.substr(m.a.size() / 2), reversed};
  std::vector<compare::AlignedText> texts;
  for (const std::string& body : bodies) {
    texts.push_back(compare::PrepareForAlignment(body, "en", &stemmer));
  }
  std::vector<compare::StoryMember> members(texts.size());
  for (size_t k = 0; k < texts.size(); ++k) members[k].text = &texts[k];
  const compare::StoryReuse first = compare::AnalyzeStoryReuse(members, Wn());
  // A and its copy are duplicates, B is a spun copy of A, A is in a family.
  if (first.pairs.size() != 15 ||
      first.pairs[0].relation.relation != compare::Relation::kSpunCopy ||
      first.pairs[1].relation.relation != compare::Relation::kDuplicate ||
      first.family_of[0] < 0) {
    std::string why = "story reuse does not find the planted copies:";
    for (const auto& pr : first.pairs) {
      why += " " + std::to_string(pr.a) + "-" + std::to_string(pr.b) + ":" +
             compare::RelationName(pr.relation.relation);
    }
    for (int f : first.family_of) why += " " + std::to_string(f);
    return state.SkipWithError(why.c_str());
  }
  for (auto _ : state) {
    auto r = compare::AnalyzeStoryReuse(members, Wn());
    benchmark::DoNotOptimize(r.pairs.data());
  }
  state.counters["pairs"] = double(first.pairs.size());
}
BENCHMARK(BM_StoryReuse)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace concord

BENCHMARK_MAIN();
