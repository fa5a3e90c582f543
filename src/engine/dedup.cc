// Deduplicate: exact and near-duplicate groups of articles (see
// include/concord/dedup.h for the contract).
//
// The idea is Broder's (1997, "On the resemblance and containment of
// documents"; Broder, Glassman, Manasse & Zweig, "Syntactic clustering of
// the Web"): a document is the set of its word shingles, resemblance is the
// Jaccard similarity of those sets, and a small MinHash sketch estimates it.
// Pipeline, one article at a time as the reader delivers it:
//
//   ExtractFromText   body without headline, captions, credits and chrome
//   Shingler          folded words → 5-word shingles, each folded at once
//                     into a 128-value MinHash signature (one-permutation
//                     + densification), + exact hash
//   exact hash seen?  → union with its first holder (a "duplicate"); done
//   LshIndex.Query    earlier distinct bodies sharing a band (candidates)
//   verify            EstimateJaccard ≥ threshold → union, edge recorded
//   LshIndex.Insert   the body becomes a candidate for later articles
//
// Only the first article of each exact body enters the index, so a wire
// story syndicated a thousand times costs one index entry. Groups are the
// connected components of a union-find whose root is always the component's
// earliest article, so ordering groups by root and members by index gives
// the documented deterministic order with no sort of strings.
//
// Cost per article: shingling (a SIMD pass over the body, a few multiplies
// per word and per shingle; ICU only for non-ASCII pieces), one mix per
// shingle, b band hashes and the candidates' 128-compare checks
// (docs/performance.md, "Near-duplicate fingerprinting").
// Exhaustive mode replaces the index by all earlier distinct bodies, the
// reference that tests/dedup_e2e_test.cc compares against.
// Tests: tests/dedup_e2e_test.cc (examples, exact copies differing in case
// and punctuation, bad inputs, determinism); the parts are unit-tested in
// src/sketch/*_test.cc and src/index/lsh_test.cc.
#include "concord/dedup.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "src/base/env.h"
#include "src/extract/text_chrome.h"
#include "src/index/lsh.h"
#include "src/ingest/reader.h"
#include "src/sketch/minhash.h"
#include "src/sketch/shingles.h"

namespace concord {
namespace {

constexpr int kMaxShingleWords = 64;

// Union-find over article indexes; the root of a set is its smallest index.
class UnionFind {
 public:
  uint32_t Add() {
    parent_.push_back(static_cast<uint32_t>(parent_.size()));
    return parent_.back();
  }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];  // path halving
      x = parent_[x];
    }
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent_[b] = a;
  }
  size_t size() const { return parent_.size(); }

 private:
  std::vector<uint32_t> parent_;
};

// Receives articles in input order and fingerprints each at once, so that
// no article text outlives its turn.
class DedupSink final : public ingest::ArticleSink {
 public:
  DedupSink(const DedupOptions& options, DedupReport* report)
      : options_(options),
        report_(report),
        shingler_({.words = options.shingle_words}),
        index_({.threshold = options.near_duplicate_jaccard}) {}

  void OnArticle(Article&& article) override;
  void OnError(Status error) override {
    report_->errors.push_back(std::move(error));
  }
  void OnWarning(Status warning) override {
    report_->warnings.push_back(std::move(warning));
  }

  // Fills report_->groups from the relations found.
  void Finish();

 private:
  // A verified near-duplicate pair, by article index.
  struct Edge {
    uint32_t a = 0, b = 0;
    double jaccard = 0;
  };

  void Link(uint32_t earlier, uint32_t article, double jaccard);

  DedupOptions options_;
  DedupReport* report_;
  sketch::Shingler shingler_;
  sketch::Shingles shingles_;           // scratch (hashes left empty)
  sketch::MinHashSignature signature_;  // scratch
  std::vector<uint32_t> candidates_;    // scratch
  index::LshIndex index_;

  std::vector<std::string> ids_;  // per article
  std::vector<uint64_t> exact_;   // per article; 0 = no words
  UnionFind sets_;                // over articles
  // First article of each distinct body.
  std::unordered_map<uint64_t, uint32_t> first_with_body_;
  // Per distinct body (the ids the index knows): its first article and its
  // signature.
  std::vector<uint32_t> body_article_;
  std::vector<sketch::MinHashSignature> body_signature_;
  std::vector<Edge> edges_;
};

void DedupSink::OnArticle(Article&& article) {
  const uint32_t self = sets_.Add();
  ids_.push_back(std::move(article.id));
  extract::TextExtractOptions xo;
  xo.known_title = article.title;
  const ArticleContent content = extract::ExtractFromText(article.text, xo);
  shingler_.ShingleToMinHash(content.body, {}, &shingles_, &signature_);
  exact_.push_back(shingles_.exact);
  if (shingles_.words == 0) {
    report_->warnings.push_back(
        Status::BadInput(article.origin + ": article \"" + ids_.back() +
                         "\" has no words in its body; not deduplicated"));
    return;
  }
  const auto [it, inserted] = first_with_body_.emplace(shingles_.exact, self);
  if (!inserted) {
    sets_.Union(it->second, self);
    return;
  }
  const uint32_t body = static_cast<uint32_t>(body_article_.size());
  if (options_.exhaustive) {
    candidates_.resize(body);
    for (uint32_t b = 0; b < body; ++b) candidates_[b] = b;
  } else {
    index_.Query(signature_, &candidates_);
  }
  for (uint32_t b : candidates_) {
    const double j = sketch::EstimateJaccard(signature_, body_signature_[b]);
    if (j >= options_.near_duplicate_jaccard) Link(body_article_[b], self, j);
  }
  body_article_.push_back(self);
  body_signature_.push_back(signature_);
  index_.Insert(body, signature_);
}

void DedupSink::Link(uint32_t earlier, uint32_t article, double jaccard) {
  sets_.Union(earlier, article);
  edges_.push_back({earlier, article, jaccard});
}

void DedupSink::Finish() {
  const uint32_t n = static_cast<uint32_t>(sets_.size());
  report_->articles = n;
  // Group number of each root with two or more members, by root order.
  std::vector<uint32_t> members(n, 0);
  for (uint32_t i = 0; i < n; ++i) ++members[sets_.Find(i)];
  constexpr uint32_t kNoGroup = 0xFFFFFFFFu;
  std::vector<uint32_t> group_of_root(n, kNoGroup);
  std::vector<DedupGroup>& groups = report_->groups;
  for (uint32_t i = 0; i < n; ++i) {
    if (sets_.Find(i) != i || members[i] < 2) continue;
    group_of_root[i] = static_cast<uint32_t>(groups.size());
    groups.push_back({.kind = "duplicate", .ids = {}, .min_jaccard = 1.0});
  }
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t root = sets_.Find(i);
    const uint32_t g = group_of_root[root];
    if (g == kNoGroup) continue;
    groups[g].ids.push_back(ids_[i]);
    if (exact_[i] != exact_[root]) groups[g].kind = "near-duplicate";
  }
  for (const Edge& e : edges_) {
    DedupGroup& group = groups[group_of_root[sets_.Find(e.a)]];
    group.min_jaccard = std::min(group.min_jaccard, e.jaccard);
  }
}

Status CheckOptions(const DedupOptions& o) {
  if (o.shingle_words < 1 || o.shingle_words > kMaxShingleWords) {
    return Status::InvalidArgument(
        "dedup: shingle_words must be between 1 and " +
        std::to_string(kMaxShingleWords) + ", not " +
        std::to_string(o.shingle_words));
  }
  if (!(o.near_duplicate_jaccard > 0 && o.near_duplicate_jaccard <= 1)) {
    return Status::InvalidArgument(
        "dedup: near_duplicate_jaccard must be in (0, 1], not " +
        std::to_string(o.near_duplicate_jaccard));
  }
  return Status::Ok();
}

}  // namespace

DedupReport Deduplicate(const std::vector<std::string>& paths,
                        const DedupOptions& options) {
  DedupReport report;
  if (Status st = CheckOptions(options); !st.ok()) {
    report.errors.push_back(std::move(st));
    return report;
  }
  DedupSink sink(options, &report);
  ingest::IngestPaths(paths, Env::Default(), &sink);
  sink.Finish();
  return report;
}

}  // namespace concord
