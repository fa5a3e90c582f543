// `concord compare`: two texts aligned and classified (src/compare/), turned
// into the public Comparison with a diff that covers both texts.
#include <algorithm>
#include <string>
#include <utility>

#include "concord/compare.h"
#include "src/base/env.h"
#include "src/compare/aligner.h"
#include "src/compare/relation.h"
#include "src/compare/wordnet.h"
#include "src/extract/text_chrome.h"
#include "src/ingest/reader.h"

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

}  // namespace

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

Comparison Comparer::Compare(const std::string& a, const std::string& b) const {
  text::Stemmer stemmer(impl_->options.lang);
  const compare::AlignedText ta =
      compare::PrepareForAlignment(a, impl_->options.lang, &stemmer);
  const compare::AlignedText tb =
      compare::PrepareForAlignment(b, impl_->options.lang, &stemmer);
  const compare::Alignment al =
      compare::Align(ta, tb, impl_->wordnet.get());
  const compare::PairEvidence e = compare::ComputeEvidence(ta, tb, al);
  const compare::PairRelation r = compare::Classify(e);

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

}  // namespace concord
