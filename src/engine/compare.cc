// `concord compare`: two texts aligned and classified (src/compare/), turned
// into the public Comparison with a diff that covers both texts.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <utility>

#include "concord/compare.h"
#include "src/base/env.h"
#include "src/engine/json_fields.h"
#include "src/compare/aligner.h"
#include "src/compare/relation.h"
#include "src/compare/wordnet.h"
#include "src/extract/text_chrome.h"
#include "src/facts/conflicts.h"
#include "src/ingest/reader.h"

#include <fstream>
#include <unordered_set>

#include <nlohmann/json.hpp>

namespace concord {
namespace {

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Adds the stretch [begin, end) of one text as an only_a / only_b span.
void AddOnly(const char* kind, std::string_view text, uint32_t begin,
             uint32_t end, bool side_a, std::vector<DiffSpan>* out) {
  if (begin >= end || IsBlank(text.substr(begin, end - begin))) return;
  DiffSpan d;
  d.kind = kind;
  if (side_a) {
    d.a_begin = begin;
    d.a_end = end;
    d.a_text = std::string(text.substr(begin, end - begin));
  } else {
    d.b_begin = begin;
    d.b_end = end;
    d.b_text = std::string(text.substr(begin, end - begin));
  }
  out->push_back(std::move(d));
}

// Texts this short are judged sentence by sentence: every content word is
// looked up in WordNet against the other side's (quadratic, so bounded).
constexpr size_t kSoftMatchMaxWords = 120;

// Content words of `x` that `y` has: same stem, or linked by WordNet
// (same, synonym, similar-to, derived). Returns {found, total}.
std::pair<size_t, size_t> SoftMatched(const compare::AlignedText& x,
                                      const compare::AlignedText& y,
                                      const compare::WordNet* wordnet) {
  std::unordered_set<uint64_t> stems;
  for (const compare::AlignWord& w : y.words) {
    if (!w.stop) stems.insert(w.stem);
  }
  size_t total = 0, found = 0;
  for (const compare::AlignWord& w : x.words) {
    if (w.stop) continue;
    ++total;
    if (stems.contains(w.stem)) {
      ++found;
      continue;
    }
    if (wordnet == nullptr || w.number) continue;
    for (const compare::AlignWord& v : y.words) {
      if (v.stop || v.number) continue;
      const compare::WordRelation r = wordnet->Relate(w.folded, v.folded);
      if (r >= compare::WordRelation::kDerived) {
        ++found;
        break;
      }
    }
  }
  return {found, total};
}

double SoftContainment(const compare::AlignedText& x,
                       const compare::AlignedText& y,
                       const compare::WordNet* wordnet) {
  const auto [found, total] = SoftMatched(x, y, wordnet);
  return total == 0 ? 1.0 : double(found) / double(total);
}

// |x ∩ y| of two multisets given as unsorted vectors (sorted here; the
// merge in compare::Intersection counts repeated values pairwise).
size_t MultisetIntersection(std::vector<uint64_t> x, std::vector<uint64_t> y) {
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  return compare::Intersection(x, y);
}

// Hashes of the word n-grams (stems) of a text.
std::vector<uint64_t> StemGrams(const compare::AlignedText& t, size_t n) {
  std::vector<uint64_t> out;
  for (size_t i = 0; i + n <= t.words.size(); ++i) {
    uint64_t h = 0x9e3779b97f4a7c15ull * (n + 1);
    for (size_t k = 0; k < n; ++k) {
      h = (h ^ t.words[i + k].stem) * 0x100000001b3ull;
      h ^= h >> 29;
    }
    out.push_back(h);
  }
  return out;
}

// Longest common subsequence of the two stem sequences (words), the
// edit-rate side of MT evaluation. O(|x|·|y|) time, O(|y|) space.
size_t CommonSubsequence(const compare::AlignedText& x,
                         const compare::AlignedText& y) {
  std::vector<uint32_t> prev(y.words.size() + 1, 0), cur(prev.size(), 0);
  for (const compare::AlignWord& w : x.words) {
    for (size_t j = 0; j < y.words.size(); ++j) {
      cur[j + 1] = w.stem == y.words[j].stem ? prev[j] + 1
                                             : std::max(prev[j + 1], cur[j]);
    }
    std::swap(prev, cur);
  }
  return prev.back();
}

size_t Negations(const compare::AlignedText& t) {
  size_t n = 0;
  for (const compare::AlignWord& w : t.words) {
    n += w.folded == "not" || w.folded == "n't" || w.folded == "no" ||
         w.folded == "never" || w.folded == "nor" || w.folded == "cannot" ||
         w.folded.ends_with("n't");
  }
  return n;
}

// True when one side has a number the other lacks.
bool NumbersDiffer(const compare::AlignedText& x,
                   const compare::AlignedText& y) {
  std::unordered_set<uint64_t> nx, ny;
  for (const compare::AlignWord& w : x.words) {
    if (w.number) nx.insert(w.stem);
  }
  for (const compare::AlignWord& w : y.words) {
    if (w.number) ny.insert(w.stem);
  }
  return nx != ny;
}

// Word matches between two short texts for the paraphrase features: the
// same stem, or (neither a number) linked by WordNet as same, synonym,
// similar-to or derived. WordNet look-ups are cached per word pair: at most
// |a|·|b| of them, ~4 us each. Without WordNet (long texts) matching is by
// stem only, through hash sets in O(|a| + |b|).
class PairMatcher {
 public:
  // `wordnet` may be null (stems only). All three must outlive the matcher.
  PairMatcher(const compare::AlignedText& a, const compare::AlignedText& b,
              const compare::WordNet* wordnet)
      : a_(a), b_(b), wordnet_(wordnet),
        related_(wordnet == nullptr ? 0 : a.words.size() * b.words.size(),
                 -1) {}

  // Word i of A matches word j of B.
  bool Match(size_t i, size_t j) const {
    const compare::AlignWord& x = a_.words[i];
    const compare::AlignWord& y = b_.words[j];
    if (x.stem == y.stem) return true;
    if (wordnet_ == nullptr || x.number || y.number) return false;
    int8_t& r = related_[i * b_.words.size() + j];
    if (r < 0) {
      r = wordnet_->Relate(x.folded, y.folded) >=
                  compare::WordRelation::kDerived
              ? 1
              : 0;
    }
    return r == 1;
  }

  // Share of A's words (B's if `of_b`) matched one to one, greedily in text
  // order, to a word of the other side: BLEU's clipped unigram precision
  // with stems and WordNet links counted as matches.
  double SoftPrecision(bool of_b) const {
    const size_t nx = of_b ? b_.words.size() : a_.words.size();
    const size_t ny = of_b ? a_.words.size() : b_.words.size();
    if (wordnet_ == nullptr) {  // stems only: a multiset intersection, O(n)
      const double shared =
          double(MultisetIntersection(StemGrams(a_, 1), StemGrams(b_, 1)));
      return nx == 0 ? 0 : shared / double(nx);
    }
    std::vector<bool> used(ny, false);
    size_t matched = 0;
    for (size_t x = 0; x < nx; ++x) {
      for (size_t y = 0; y < ny; ++y) {
        if (used[y] || !(of_b ? Match(y, x) : Match(x, y))) continue;
        used[y] = true;
        ++matched;
        break;
      }
    }
    return nx == 0 ? 0 : double(matched) / double(nx);
  }

  // Content words of A (B if `of_b`) that match no content word of the
  // other side: how many, and their summed information content
  // log((N + 1) / (1 + SemCor count)), N the SemCor total
  // (WordNet::TagCount), so an unmatched name or rare word weighs more than
  // an unmatched "year". The information is 0 without WordNet.
  std::pair<size_t, double> Unmatched(bool of_b) const {
    const compare::AlignedText& x = of_b ? b_ : a_;
    const compare::AlignedText& y = of_b ? a_ : b_;
    const double total =
        wordnet_ == nullptr ? 0 : double(wordnet_->total_tag_count());
    std::unordered_set<uint64_t> stems;
    for (const compare::AlignWord& w : y.words) {
      if (!w.stop) stems.insert(w.stem);
    }
    size_t count = 0;
    double info = 0;
    for (size_t i = 0; i < x.words.size(); ++i) {
      if (x.words[i].stop) continue;
      bool found = stems.contains(x.words[i].stem);
      for (size_t j = 0; j < y.words.size() && !found && wordnet_ != nullptr;
           ++j) {
        found = !y.words[j].stop && (of_b ? Match(j, i) : Match(i, j));
      }
      if (found) continue;
      ++count;
      if (wordnet_ != nullptr) {
        info += std::log((total + 1) /
                         (1 + double(wordnet_->TagCount(x.words[i].folded))));
      }
    }
    return {count, info};
  }

 private:
  const compare::AlignedText& a_;
  const compare::AlignedText& b_;
  const compare::WordNet* wordnet_;
  mutable std::vector<int8_t> related_;  // -1 not looked up, 0 no, 1 yes
};

// The paraphrase model's features (docs/quality.md), after the MT-evaluation
// metrics of Madnani et al. 2012 and the differences that break a
// paraphrase. Of the candidates tried (docs/quality.md lists them: n-gram
// precision with and without WordNet, character 4-grams, common
// subsequences, unmatched words counted and weighted by information, typed
// numbers, names, length, alignment coverage, interactions) forward
// selection on 5-fold cross-validated accuracy kept these seven:
//   sp1_min             unigram precision counting stems and WordNet links
//                       as matches (PairMatcher::SoftPrecision), the lower
//                       of the two sides
//   p3_min              the lower of the two word-trigram precisions (stems)
//   lcs_min             longest common subsequence of stems over the longer
//                       side (an edit rate, as TER)
//   unmatched_min       content words of one side with no stem or WordNet
//                       match in the other (the smaller of the two counts)
//   unmatched_info_min  the same words weighted by their information content
//                       (SemCor counts), the smaller of the two sums
//   numbers_differ      a number on one side only
//   negation_differs    a negation on one side only
std::vector<std::pair<std::string, double>> ParaphraseFeaturesOf(
    const compare::AlignedText& ta, const compare::AlignedText& tb,
    const Comparison& c, const compare::WordNet* wordnet) {
  std::vector<std::pair<std::string, double>> f;
  const double lmax =
      std::max<double>(1, std::max(ta.words.size(), tb.words.size()));
  // Long texts match on stems only (WordNet look-ups are quadratic).
  const bool short_texts = ta.words.size() <= kSoftMatchMaxWords &&
                           tb.words.size() <= kSoftMatchMaxWords;
  const PairMatcher matcher(ta, tb, short_texts ? wordnet : nullptr);
  f.emplace_back("sp1_min", std::min(matcher.SoftPrecision(false),
                                     matcher.SoftPrecision(true)));
  {
    const std::vector<uint64_t> ga = StemGrams(ta, 3), gb = StemGrams(tb, 3);
    const double shared = double(MultisetIntersection(ga, gb));
    const double pa = ga.empty() ? 0 : shared / double(ga.size());
    const double pb = gb.empty() ? 0 : shared / double(gb.size());
    f.emplace_back("p3_min", std::min(pa, pb));
  }
  f.emplace_back("lcs_min", double(CommonSubsequence(ta, tb)) / lmax);
  const auto [na, ia] = matcher.Unmatched(false);
  const auto [nb, ib] = matcher.Unmatched(true);
  f.emplace_back("unmatched_min", double(std::min(na, nb)));
  f.emplace_back("unmatched_info_min", std::min(ia, ib));
  f.emplace_back("numbers_differ", c.numbers_differ ? 1.0 : 0.0);
  f.emplace_back("negation_differs",
                 (Negations(ta) > 0) != (Negations(tb) > 0) ? 1.0 : 0.0);
  return f;
}

// Paraphrase probability: a logistic model over the features above, fitted
// once on the MRPC training split by bench/fit_paraphrase.py (features
// standardised, L2 1e-3, Newton's method; weights given here for the raw
// features); 5-fold cross-validated accuracy 0.770, fitted 0.772
// (docs/quality.md). Fixed for all data.
double ParaphraseProbability(
    const std::vector<std::pair<std::string, double>>& f) {
  static constexpr std::pair<std::string_view, double> kWeights[] = {
      {"sp1_min", 9.331392},           {"p3_min", -4.567234},
      {"lcs_min", 3.895901},           {"unmatched_min", 0.110637},
      {"unmatched_info_min", -0.025802}, {"numbers_differ", -0.317341},
      {"negation_differs", -0.673693},
  };
  static constexpr double kBias = -5.191308;
  double z = kBias;
  for (const auto& [name, value] : f) {
    for (const auto& [wname, weight] : kWeights) {
      if (wname == name) z += weight * value;
    }
  }
  return 1.0 / (1.0 + std::exp(-z));
}

// Reuse level of B from A (Clough & Stevenson 2011), from B's side of the
// alignment: the share of B's words in identical spans (copied), inside
// aligned passages (revised around A's wording), and the share of its
// content words that A has. Thresholds chosen on clough-ab (docs/quality.md).
constexpr double kCutIdentical = 0.93;
constexpr double kLightCoverage = 0.55;
constexpr double kHeavyCoverage = 0.08;
constexpr double kHeavyContainment = 0.45;

std::string ReuseLevel(const compare::PairEvidence& e) {
  if (e.identical_b >= kCutIdentical) return "cut";
  if (e.coverage_b >= kLightCoverage) return "light";
  if (e.coverage_b >= kHeavyCoverage || e.containment_b >= kHeavyContainment) {
    return "heavy";
  }
  return "non";
}


}  // namespace

std::vector<TextPair> ReadPairs(const std::string& path,
                                std::vector<Status>* errors) {
  std::vector<TextPair> out;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors->push_back(Status::NotFound(path + ": cannot open"));
    return out;
  }
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string where = path + ":" + std::to_string(number);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      errors->push_back(Status::BadInput(where + ": not a JSON object"));
      continue;
    }
    TextPair p;
    p.origin = where;
    p.id = ScalarField(j, "id");
    if (p.id.empty()) p.id = std::to_string(number);
    p.label = ScalarField(j, "label");
    p.style = ScalarField(j, "style");
    if (j.contains("changed") && !j["changed"].is_null()) {
      const nlohmann::json& ch = j["changed"];
      bool valid = ch.is_array();
      if (valid) {
        for (const nlohmann::json& k : ch) valid &= k.is_string();
      }
      if (!valid) {
        errors->push_back(Status::BadInput(
            where + ": `changed` must be a list of strings"));
        continue;
      }
      p.has_changed = true;
      for (const nlohmann::json& k : ch) p.changed.push_back(k.get<std::string>());
    }
    bool found = false;
    for (auto [ka, kb] : {std::pair{"a", "b"}, std::pair{"source", "derived"},
                          std::pair{"original", "altered"}}) {
      if (j.contains(ka) && j.contains(kb) && j[ka].is_string() &&
          j[kb].is_string()) {
        p.a = j[ka].get<std::string>();
        p.b = j[kb].get<std::string>();
        p.directed = std::string_view(ka) != "a";
        found = true;
        break;
      }
    }
    if (!found) {
      errors->push_back(Status::BadInput(
          where + ": needs string fields a/b, source/derived or "
                  "original/altered"));
      continue;
    }
    out.push_back(std::move(p));
  }
  return out;
}

struct Comparer::Impl {
  CompareOptions options;
  std::unique_ptr<compare::WordNet> wordnet;
  Status wordnet_status;
};

Comparer::Comparer(CompareOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  std::string dir = impl_->options.wordnet_dir;
  if (dir.empty()) dir = compare::WordNet::FindDefaultDir();
  if (dir.empty()) {
    impl_->wordnet_status = Status::NotFound(
        "WordNet data not found (install wordnet-base); swaps carry no "
        "WordNet relation");
    return;
  }
  auto loaded = compare::WordNet::Load(dir);
  if (loaded.ok()) {
    impl_->wordnet = std::move(loaded).value();
  } else {
    impl_->wordnet_status = loaded.status();
  }
}

Comparer::~Comparer() = default;

const Status& Comparer::wordnet_status() const { return impl_->wordnet_status; }

Comparison Comparer::Compare(const std::string& a, const std::string& b,
                             bool b_from_a) const {
  text::Stemmer stemmer(impl_->options.lang);
  const compare::AlignedText ta =
      compare::PrepareForAlignment(a, impl_->options.lang, &stemmer);
  const compare::AlignedText tb =
      compare::PrepareForAlignment(b, impl_->options.lang, &stemmer);
  const compare::Alignment al =
      compare::Align(ta, tb, impl_->wordnet.get());
  const compare::PairEvidence e = compare::ComputeEvidence(ta, tb, al);
  const compare::PairRelation r = compare::Classify(
      e, b_from_a ? compare::Direction::kBFromA : compare::Direction::kUnknown);

  Comparison c;
  c.relation = compare::RelationName(r.relation);
  c.derived = compare::IsDerived(r.relation);
  c.score = r.score;
  c.a_words = e.a_words;
  c.b_words = e.b_words;
  c.coverage_a = e.coverage_a;
  c.coverage_b = e.coverage_b;
  c.longest_passage = e.longest;
  c.passages = e.passages;
  c.swaps = e.swaps;
  c.related_swaps = e.related_swaps;
  c.content_containment_a = e.containment_a;
  c.content_containment_b = e.containment_b;
  c.details_jaccard = e.details_jaccard;
  c.drawn_words = e.drawn_words;
  c.shared_stems = e.shared_stems;
  c.stems_in_order = e.stems_in_order;
  c.identical_a = e.identical_a;
  c.identical_b = e.identical_b;
  if (ta.words.size() <= kSoftMatchMaxWords &&
      tb.words.size() <= kSoftMatchMaxWords) {
    c.soft_containment_a = SoftContainment(ta, tb, impl_->wordnet.get());
    c.soft_containment_b = SoftContainment(tb, ta, impl_->wordnet.get());
  } else {
    c.soft_containment_a = e.containment_a;
    c.soft_containment_b = e.containment_b;
  }
  const double x = c.soft_containment_a, y = c.soft_containment_b;
  c.similarity = x + y > 0 ? 2 * x * y / (x + y) : 0;
  c.numbers_differ = NumbersDiffer(ta, tb);
  c.paraphrase_features =
      ParaphraseFeaturesOf(ta, tb, c, impl_->wordnet.get());
  c.paraphrase_probability = ParaphraseProbability(c.paraphrase_features);
  c.paraphrase = c.paraphrase_probability >= 0.5;
  c.reuse_level = ReuseLevel(e);

  uint32_t a_pos = 0;
  std::vector<std::pair<uint32_t, uint32_t>> b_covered;
  for (size_t pi = 0; pi < al.passages.size(); ++pi) {
    const compare::Passage& p = al.passages[pi];
    AddOnly("only_a", a, a_pos, p.spans.front().a_begin, true, &c.spans);
    for (const compare::AlignedSpan& s : p.spans) {
      DiffSpan d;
      d.kind = compare::SpanKindName(s.kind);
      d.a_begin = s.a_begin;
      d.a_end = s.a_end;
      d.b_begin = s.b_begin;
      d.b_end = s.b_end;
      d.a_text = a.substr(s.a_begin, s.a_end - s.a_begin);
      d.b_text = b.substr(s.b_begin, s.b_end - s.b_begin);
      if (s.kind == compare::SpanKind::kSwap) {
        d.wordnet = compare::WordRelationName(s.relation);
      }
      d.passage = static_cast<int>(pi);
      c.spans.push_back(std::move(d));
    }
    a_pos = p.spans.back().a_end;
    b_covered.emplace_back(p.spans.front().b_begin, p.spans.back().b_end);
  }
  AddOnly("only_a", a, a_pos, static_cast<uint32_t>(a.size()), true,
          &c.spans);
  std::sort(b_covered.begin(), b_covered.end());
  uint32_t b_pos = 0;
  for (const auto& [begin, end] : b_covered) {
    AddOnly("only_b", b, b_pos, begin, false, &c.spans);
    b_pos = std::max(b_pos, end);
  }
  AddOnly("only_b", b, b_pos, static_cast<uint32_t>(b.size()), false,
          &c.spans);

  // Conflicts, from the alignment above and each side's facts.
  const facts::Facts fa = facts::ExtractFacts(a, std::nullopt);
  const facts::Facts fb = facts::ExtractFacts(b, std::nullopt);
  facts::ConflictOptions co;
  co.lang = impl_->options.lang;
  for (facts::Conflict& f :
       facts::FindConflicts({a, &ta, &fa}, {b, &tb, &fb}, al, co)) {
    ComparisonConflict x;
    x.kind = std::string(facts::ConflictKindName(f.kind));
    x.a_value = std::move(f.a_value);
    x.b_value = std::move(f.b_value);
    x.a_begin = f.a_begin;
    x.a_end = f.a_end;
    x.b_begin = f.b_begin;
    x.b_end = f.b_end;
    x.confidence = f.confidence;
    x.evidence = std::move(f.evidence);
    c.conflicts.push_back(std::move(x));
  }
  return c;
}

Result<std::string> ReadArticleBody(const std::string& path) {
  ingest::CollectingSink sink;
  ingest::IngestPaths({path}, Env::Default(), &sink);
  if (sink.articles.empty()) {
    if (!sink.errors.empty()) return sink.errors.front();
    return Status::BadInput(path + ": no article");
  }
  const Article& article = sink.articles.front();
  extract::TextExtractOptions xo;
  xo.known_title = article.title;
  return extract::ExtractFromText(article.text, xo).body;
}

const std::vector<std::string>& RelationNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (auto r = uint8_t(compare::Relation::kDuplicate);
         r <= uint8_t(compare::Relation::kIndependent); ++r) {
      v.emplace_back(compare::RelationName(compare::Relation(r)));
    }
    return v;
  }();
  return names;
}

}  // namespace concord
