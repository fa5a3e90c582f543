// The pipeline, wired: ingest → extract → text features → TF-IDF →
// online clustering → report. See docs/architecture.md for the walk through
// the modules; each stage's algorithm is described in its own file.
//
// Order: articles are clustered in publication order. An undated article
// takes the time of the dated article before it in the input (so it keeps
// its place among its neighbours) for ordering only; with no dates at all
// the input order is kept. Ties are broken by input order, which makes the
// result independent of anything but the inputs.
#include "concord/engine.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "concord/web.h"
#include "src/base/env.h"
#include "src/cluster/online_clusterer.h"
#include "src/engine/pipeline.h"
#include "src/engine/reuse.h"
#include "src/ingest/dates.h"
#include "src/ingest/reader.h"
#include "src/sketch/features.h"
#include "src/sketch/tfidf.h"

namespace concord {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                       start)
      .count();
}

}  // namespace

struct Engine::Impl {
  AnalyzeOptions options;
  std::vector<Article> articles;
  std::vector<Status> errors;
  std::vector<Status> warnings;
  double ingest_seconds = 0;
};

Engine::Engine(AnalyzeOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}

Engine::~Engine() = default;

namespace {

// Hands each article to the engine as soon as it is read, so a web page's
// markup is extracted and dropped before the next page is read.
class EngineSink final : public ingest::ArticleSink {
 public:
  EngineSink(Engine* engine, std::vector<Status>* errors,
             std::vector<Status>* warnings)
      : engine_(engine), errors_(errors), warnings_(warnings) {}
  void OnArticle(Article&& article) override {
    engine_->AddArticle(std::move(article));
  }
  void OnError(Status error) override { errors_->push_back(std::move(error)); }
  void OnWarning(Status warning) override {
    warnings_->push_back(std::move(warning));
  }

 private:
  Engine* engine_;
  std::vector<Status>* errors_;
  std::vector<Status>* warnings_;
};

}  // namespace

void Engine::AddPaths(const std::vector<std::string>& paths) {
  const auto start = std::chrono::steady_clock::now();
  EngineSink sink(this, &impl_->errors, &impl_->warnings);
  ingest::IngestPaths(paths, Env::Default(), &sink);
  impl_->ingest_seconds += SecondsSince(start);
}

void Engine::AddArticle(Article article) {
  if (!article.html.empty()) {
    // A web page: the article a reader sees becomes the text; what the
    // page says about itself fills what the input did not.
    WebExtractOptions wo;
    wo.url = article.url;
    WebPage page = ExtractWebPage(article.html, wo);
    article.html.clear();
    article.html.shrink_to_fit();
    for (const std::string& w : page.warnings) {
      impl_->warnings.push_back(Status::BadInput(article.origin + ": " + w));
    }
    if (page.text.empty()) {
      impl_->errors.push_back(Status::BadInput(
          article.origin + ": no article text found in the page"));
      return;
    }
    article.text = std::move(page.text);
    if (article.title.empty()) article.title = std::move(page.title);
    if (article.url.empty()) article.url = std::move(page.url);
    if (article.source.empty()) article.source = std::move(page.site_name);
    if (article.lang.empty()) article.lang = std::move(page.lang);
    if (article.published.empty() && !page.published.empty()) {
      article.published = std::move(page.published);
      article.published_time = ingest::ParseIsoDateTime(article.published);
    }
  }
  article.ordinal = static_cast<uint32_t>(impl_->articles.size());
  impl_->articles.push_back(std::move(article));
}

size_t Engine::articles() const { return impl_->articles.size(); }

Report Engine::Run() {
  const AnalyzeOptions& options = impl_->options;
  const std::vector<Article>& in = impl_->articles;
  const size_t n = in.size();
  Report report;
  report.errors = impl_->errors;
  report.warnings = impl_->warnings;
  report.articles.resize(n);
  report.stats.ingest_seconds = impl_->ingest_seconds;
  auto start = std::chrono::steady_clock::now();

  // Per article: extract, detect language, count terms.
  sketch::FeatureExtractor features(options.features);
  sketch::Vocabulary vocab;
  sketch::DocumentFrequencies df;
  std::vector<sketch::TermBag> bags(n);
  for (size_t i = 0; i < n; ++i) {
    PreparedArticle p = PrepareArticle(in[i], options, &features, &vocab);
    report.stats.input_bytes += p.input_bytes;
    report.articles[i] = std::move(p.summary);
    bags[i] = std::move(p.bag);
    df.Add(bags[i]);
  }

  report.stats.extract_seconds = SecondsSince(start);
  start = std::chrono::steady_clock::now();

  // Publication order.
  const std::vector<std::optional<int64_t>> order_time = OrderTimes(in);
  const std::vector<uint32_t> order = PublicationOrder(order_time);

  cluster::OnlineClusterer clusterer(options.cluster);
  std::vector<uint32_t> story_of(n);
  for (uint32_t i : order) {
    sketch::SparseVector v = sketch::Weigh(bags[i], df, options.features);
    story_of[i] = clusterer.Add(v, in[i].published_time);
  }

  report.stats.cluster_seconds = SecondsSince(start);
  report.stats.candidates_scored = clusterer.stats().candidates_scored;
  report.stats.postings_scanned = clusterer.stats().postings_scanned;

  // Stories, their members in publication order.
  std::vector<Story> stories(clusterer.stories());
  for (uint32_t k = 0; k < stories.size(); ++k) stories[k].id = k;
  for (uint32_t i : order) stories[story_of[i]].articles.push_back(i);
  for (Story& st : stories) {
    for (uint32_t i : st.articles) {
      if (st.headline.empty()) st.headline = report.articles[i].title;
      if (!in[i].published.empty()) {
        if (st.first_published.empty()) st.first_published = in[i].published;
        st.last_published = in[i].published;
      }
    }
    st.keywords = Keywords(clusterer.story(st.id).sum, vocab, 8);
  }
  start = std::chrono::steady_clock::now();
  report.stats.pairs_compared = AnalyzeReuse(
      in, options.reuse, &report.articles, &stories, &report.warnings);
  report.stats.reuse_seconds = SecondsSince(start);
  std::stable_sort(stories.begin(), stories.end(),
                   [](const Story& a, const Story& b) {
                     return a.articles.size() > b.articles.size();
                   });
  for (uint32_t pos = 0; pos < stories.size(); ++pos) {
    for (uint32_t i : stories[pos].articles) {
      report.articles[i].story = stories[pos].id;
    }
  }
  report.stories = std::move(stories);
  return report;
}

}  // namespace concord
