// The pipeline, wired: ingest → extract → text features → TF-IDF →
// online clustering → text reuse per story → report. See
// docs/architecture.md for the walk through the modules; each stage's
// algorithm is described in its own file.
//
// Threads and order. Three stages run on a pool of worker threads
// (src/base/ordered_pool.h), each handing results back in a fixed order so
// that the report is the same, byte for byte, for any thread count:
//   1. per article (web page extraction, chrome removal, language id, term
//      counts), fed as inputs are read and committed in input order: the
//      article's ordinal, its errors and warnings, document frequencies and
//      display strings of terms ("first seen" means first in input order:
//      a worker reports the terms new to it, and it sees its articles in
//      input order, so the first report of a term in commit order is the
//      first occurrence in the input);
//   2. weighting term bags (read back in publication order, batched), with
//      the online clusterer fed strictly in publication order on the
//      calling thread; after each batch, the stories no later article can
//      join (OnlineClusterer::Closed: past the window, or so far back that
//      the time discount alone keeps them under the join threshold) are
//      final, and their text reuse and rendering start on the workers
//      while clustering goes on (the rendered stories wait in a SpillStore
//      of their own: report order is known only when clustering ends);
//   3. text reuse and rendering for the stories not done yet (those still
//      open at the end, single articles), in report order (largest first),
//      each story written to the sink as its turn comes.
// A bounded number of jobs is in flight at each stage, so reading never
// races ahead of extraction and only a few stories' documents exist at once.
//
// Memory. Between stages the engine keeps, per article, its summary (for
// the report), its publication time, and a record of its term bag and one of
// its title and text in a SpillStore (src/base/spill_store.h): in memory up
// to AnalyzeOptions::memory_budget, in an unlinked temporary file beyond.
// The clusterer's centroids are dropped once keywords are taken; a story's
// members' summaries once it is rendered, its details once it is written.
//
// Order: articles are clustered in publication order. An undated article
// takes the time of the dated article before it in the input (so it keeps
// its place among its neighbours) for ordering only; with no dates at all
// the input order is kept. Ties are broken by input order, which makes the
// result independent of anything but the inputs.
#include "concord/engine.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <deque>
#include <future>
#include <optional>
#include <unordered_set>

#include "concord/web.h"
#include "src/base/env.h"
#include "src/base/ordered_pool.h"
#include "src/base/spill_store.h"
#include "src/cluster/online_clusterer.h"
#include "src/engine/pipeline.h"
#include "src/engine/reuse.h"
#include "src/ingest/dates.h"
#include "src/ingest/reader.h"
#include "src/sketch/features.h"
#include "src/sketch/tfidf.h"

namespace concord {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// --- records kept between stages -------------------------------------------

void PutU32(std::string* out, uint32_t v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}

// A term bag: words, count, then (term, count, kind) per term: 13 bytes a
// term, written through a pointer into the sized record (three appends a
// term, each with its capacity check, were most of the per-article stage's
// own cost after PrepareArticle).
constexpr size_t kBagTermBytes = 13;

void EncodeBag(const sketch::TermBag& bag, std::string* out) {
  const auto n = static_cast<uint32_t>(bag.terms.size());
  out->resize(8 + size_t{n} * kBagTermBytes);
  char* p = out->data();
  std::memcpy(p, &bag.words, 4);
  std::memcpy(p + 4, &n, 4);
  p += 8;
  for (const sketch::TermCount& t : bag.terms) {
    std::memcpy(p, &t.term, 8);
    std::memcpy(p + 8, &t.count, 4);
    p[12] = static_cast<char>(t.kind);
    p += kBagTermBytes;
  }
}

bool DecodeBag(std::string_view in, sketch::TermBag* bag) {
  if (in.size() < 8) return false;
  uint32_t n = 0;
  std::memcpy(&bag->words, in.data(), 4);
  std::memcpy(&n, in.data() + 4, 4);
  if (in.size() != 8 + static_cast<size_t>(n) * kBagTermBytes) return false;
  bag->terms.resize(n);
  const char* p = in.data() + 8;
  for (sketch::TermCount& t : bag->terms) {
    std::memcpy(&t.term, p, 8);
    std::memcpy(&t.count, p + 8, 4);
    t.kind = static_cast<sketch::TermKind>(p[12]);
    p += kBagTermBytes;
  }
  return true;
}

// The title and the extracted body: the story stage aligns bodies without
// extracting them again.
void EncodeText(std::string_view title, std::string_view body,
                std::string* out) {
  out->clear();
  out->reserve(4 + title.size() + body.size());
  PutU32(out, static_cast<uint32_t>(title.size()));
  out->append(title);
  out->append(body);
}

bool DecodeText(std::string_view in, Article* a) {
  if (in.size() < 4) return false;
  uint32_t n = 0;
  std::memcpy(&n, in.data(), 4);
  if (in.size() - 4 < n) return false;
  a->title.assign(in.substr(4, n));
  a->text.assign(in.substr(4 + n));
  return true;
}

// --- stage 1: per article ---------------------------------------------------

// What a worker makes of one input event (an article, or an ingest error or
// warning passed through so it keeps its place in the order).
struct PreparedInput {
  std::vector<Status> warnings;
  std::optional<Status> error;  // set: not an article
  bool is_article = false;
  ArticleSummary summary;
  sketch::TermBag bag;  // for the document frequencies (its record is kept)
  std::string bag_record;
  std::string text_record;
  std::optional<int64_t> published_time;
  uint64_t input_bytes = 0;
  std::vector<std::pair<uint64_t, std::string>> new_terms;
};

// Per-worker state of stage 1.
struct ArticleWorker {
  explicit ArticleWorker(const FeatureOptions& o) : features(o) {}
  sketch::FeatureExtractor features;
  sketch::Vocabulary scratch_vocab;
  std::unordered_set<uint64_t> seen_terms;
};

PreparedInput PrepareInput(Article article, const AnalyzeOptions& options,
                           ArticleWorker* worker) {
  PreparedInput out;
  if (Status s = ReadWebPage(&article, &out.warnings); !s.ok()) {
    out.error = std::move(s);
    return out;
  }
  worker->scratch_vocab.clear();
  PreparedArticle p = PrepareArticle(article, options, &worker->features,
                                     &worker->scratch_vocab);
  for (auto& [term, shown] : worker->scratch_vocab) {
    if (worker->seen_terms.insert(term).second) {
      out.new_terms.emplace_back(term, std::move(shown));
    }
  }
  out.is_article = true;
  out.summary = std::move(p.summary);
  out.input_bytes = p.input_bytes;
  out.published_time = article.published_time;
  EncodeBag(p.bag, &out.bag_record);
  out.bag = std::move(p.bag);
  EncodeText(article.title, p.body, &out.text_record);
  return out;
}

// --- stage 3: per story -----------------------------------------------------

struct StoryResult {
  uint32_t id = 0;       // the story's id
  Story story;           // kept when collecting a whole Report
  std::string rendered;  // the sink's rendering, when streaming
  uint64_t pairs = 0;
  Status status;
};

// Local indexes 0..n-1 of a story's reuse result back to report indexes.
void RemapStory(const std::vector<uint32_t>& ids, Story* st) {
  auto map = [&ids](uint32_t* i) { *i = ids[*i]; };
  auto map_all = [&map](std::vector<uint32_t>* v) {
    for (uint32_t& i : *v) map(&i);
  };
  for (PairwiseRelation& r : st->relations) {
    map(&r.a);
    map(&r.b);
  }
  for (Family& f : st->families) map_all(&f.articles);
  for (FactClaim& c : st->claims) map_all(&c.articles);
  for (FactConflict& c : st->conflicts) {
    for (FactConflictSide& side : c.sides) map_all(&side.articles);
  }
  for (EntityGroup& e : st->entities) map_all(&e.articles);
  for (QuoteGroup& q : st->quotes) {
    for (QuoteVariant& v : q.variants) map(&v.article);
  }
  for (BriefSentence& b : st->brief) {
    map(&b.article);
    map_all(&b.supported_by);
  }
}

}  // namespace

struct Engine::Impl {
  AnalyzeOptions options;
  unsigned threads = 1;
  std::function<void(const Progress&)> progress;
  std::function<bool(const Story&, const std::vector<ArticleSummary>&)>
      reuse_filter;

  // Stage 1, created on the first article.
  std::vector<std::unique_ptr<ArticleWorker>> workers;
  std::unique_ptr<OrderedPool<PreparedInput>> pool;

  // Committed in input order (by the pool's commit callback).
  std::vector<ArticleSummary> summaries;
  std::vector<std::optional<int64_t>> published_time;
  SpillStore store;  // records 2i (term bag) and 2i+1 (title and text)
  Status store_status;
  sketch::DocumentFrequencies df;
  sketch::Vocabulary vocab;
  std::vector<Status> errors;
  std::vector<Status> warnings;
  uint64_t input_bytes = 0;
  double ingest_seconds = 0;
  double extract_seconds = 0;
  bool ran = false;

  explicit Impl(const AnalyzeOptions& o)
      : options(o),
        threads(ResolveThreads(o.threads)),
        store(o.memory_budget, o.spill_dir) {}

  void Notify(const char* stage, const char* unit, uint64_t done,
              uint64_t total, uint64_t bytes) const {
    if (progress) progress({stage, unit, done, total, bytes});
  }

  OrderedPool<PreparedInput>& Pool() {
    if (!pool) {
      for (unsigned w = 0; w < threads; ++w) {
        workers.push_back(std::make_unique<ArticleWorker>(options.features));
      }
      pool = std::make_unique<OrderedPool<PreparedInput>>(
          threads, 32 * threads,
          [this](PreparedInput&& in) { Commit(std::move(in)); });
    }
    return *pool;
  }

  void Submit(Article article) {
    Pool().Submit([this, a = std::move(article)](unsigned w) mutable {
      return PrepareInput(std::move(a), options, workers[w].get());
    });
  }

  void SubmitStatus(Status status, bool error) {
    Pool().Submit([s = std::move(status), error](unsigned) mutable {
      PreparedInput in;
      if (error) {
        in.error = std::move(s);
      } else {
        in.warnings.push_back(std::move(s));
      }
      return in;
    });
  }

  void Commit(PreparedInput&& in) {
    for (Status& w : in.warnings) warnings.push_back(std::move(w));
    if (in.error) errors.push_back(std::move(*in.error));
    if (!in.is_article) return;
    for (auto& [term, shown] : in.new_terms) {
      vocab.try_emplace(term, std::move(shown));
    }
    df.Add(in.bag);
    if (store_status.ok()) store_status = store.Append(in.bag_record);
    if (store_status.ok()) store_status = store.Append(in.text_record);
    in.summary.story = 0;
    summaries.push_back(std::move(in.summary));
    published_time.push_back(in.published_time);
    input_bytes += in.input_bytes;
    if (summaries.size() % 512 == 0) {
      Notify("read", "articles", summaries.size(), 0, input_bytes);
    }
  }

  void FinishArticles() {
    if (pool) pool->Finish();
  }

  Result<RunStats> Run(ReportSink* sink, concord::Report* collect);

  class Sink;
};

Engine::Engine(AnalyzeOptions options)
    : impl_(std::make_unique<Impl>(options)) {}

Engine::~Engine() = default;

void Engine::SetProgress(std::function<void(const Progress&)> callback) {
  impl_->progress = std::move(callback);
}

void Engine::SetReuseFilter(
    std::function<bool(const Story&, const std::vector<ArticleSummary>&)>
        filter) {
  impl_->reuse_filter = std::move(filter);
}

// Hands each article to the engine as soon as it is read; errors and
// warnings take their place in the same order. Times the reading alone
// (the time spent handing an article over is the per-article stage's).
class Engine::Impl::Sink final : public ingest::ArticleSink {
 public:
  explicit Sink(Engine::Impl* impl) : impl_(impl) {}
  void OnArticle(Article&& article) override {
    const Clock::time_point t = Clock::now();
    impl_->Submit(std::move(article));
    handing_over_ += SecondsSince(t);
  }
  void OnError(Status error) override {
    impl_->SubmitStatus(std::move(error), true);
  }
  void OnWarning(Status warning) override {
    impl_->SubmitStatus(std::move(warning), false);
  }
  double handing_over() const { return handing_over_; }

 private:
  Engine::Impl* impl_;
  double handing_over_ = 0;
};

void Engine::AddPaths(const std::vector<std::string>& paths) {
  const Clock::time_point start = Clock::now();
  Impl::Sink sink(impl_.get());
  ingest::IngestPaths(paths, Env::Default(), &sink);
  impl_->FinishArticles();
  const double total = SecondsSince(start);
  const double reading = std::max(0.0, total - sink.handing_over());
  impl_->ingest_seconds += reading;
  impl_->extract_seconds += total - reading;
}

void Engine::AddArticle(Article article) {
  const Clock::time_point start = Clock::now();
  impl_->Submit(std::move(article));
  impl_->extract_seconds += SecondsSince(start);
}

size_t Engine::articles() const {
  impl_->FinishArticles();
  return impl_->summaries.size();
}

Report Engine::Run() {
  Report report;
  Result<RunStats> stats = impl_->Run(nullptr, &report);
  if (!stats.ok()) {
    report.errors.push_back(stats.status());
  } else {
    report.stats = stats.value();
  }
  return report;
}

Result<RunStats> Engine::Run(ReportSink* sink) {
  return impl_->Run(sink, nullptr);
}

Result<RunStats> Engine::Impl::Run(ReportSink* sink, concord::Report* collect) {
  if (ran) return Status::Internal("Engine::Run called twice");
  ran = true;
  const Clock::time_point extract_start = Clock::now();
  FinishArticles();
  pool.reset();
  workers.clear();
  extract_seconds += SecondsSince(extract_start);
  if (store_status.ok()) store_status = store.Seal();
  if (!store_status.ok()) return store_status;

  RunStats stats;
  stats.threads = threads;
  stats.ingest_seconds = ingest_seconds;
  stats.extract_seconds = extract_seconds;
  stats.input_bytes = input_bytes;
  stats.held_bytes = store.memory_bytes();
  stats.spilled_bytes = store.spilled_bytes();
  const size_t n = summaries.size();
  stats.articles = n;
  Clock::time_point start = Clock::now();

  // Stage 2: clustering in publication order; term bags are read back and
  // weighed on the workers, a batch at a time. A story that no article
  // still to come can join (OnlineClusterer::Closed) is final: its text
  // reuse and rendering (stage 3's work) start on the workers while
  // clustering goes on, and the rendered story waits in `early_results`
  // for its turn in report order, which is known only at the end.
  const std::vector<uint32_t> order =
      PublicationOrder(OrderTimes(published_time));
  std::optional<cluster::OnlineClusterer> clusterer(std::in_place,
                                                    options.cluster);
  const ReuseOptions& ro = options.reuse;
  // A deque: workers hold references to stories while clustering appends.
  std::deque<Story> stories;
  // WordNet and the like, loaded on a thread of its own as soon as a story
  // has two members (so only when some story needs it), and waited for
  // when the first story is analysed.
  std::unique_ptr<ReuseContext> context;
  std::future<std::unique_ptr<ReuseContext>> context_loading;
  std::vector<Status> context_warnings;
  auto start_loading_context = [&] {
    if (!ro.enabled || context != nullptr || context_loading.valid()) return;
    context_loading = std::async(std::launch::async, [&ro, &context_warnings] {
      return LoadReuseContext(ro, &context_warnings);
    });
  };
  auto await_context = [&] {
    if (!ro.enabled || context != nullptr) return;
    start_loading_context();
    context = context_loading.get();
    for (Status& w : context_warnings) warnings.push_back(std::move(w));
  };
  std::vector<ReuseWorker> reuse_workers(threads);
  SpillStore early_results(options.memory_budget / 4, options.spill_dir);
  // Per story: its record in early_results + 1, or 0 when not analysed
  // early (for a collected report, 1 marks a story analysed in place).
  std::vector<uint64_t> early_record;
  Status status;

  // Headline, dates and keywords of a story whose members are final, and
  // its number in its members' summaries.
  auto finalize = [&](Story& st) {
    for (uint32_t i : st.articles) {
      summaries[i].story = st.id;
      if (st.headline.empty()) st.headline = summaries[i].title;
      if (!summaries[i].published.empty()) {
        if (st.first_published.empty()) {
          st.first_published = summaries[i].published;
        }
        st.last_published = summaries[i].published;
      }
    }
    st.keywords = Keywords(clusterer->story(st.id).sum, vocab, 8);
  };
  // Relations, families and facts of one story, then its rendering.
  // Reads the story's members' texts; writes only `st` and its members'
  // summaries, so stories run concurrently.
  auto analyze = [&](Story& st, unsigned w) {
    StoryResult r;
    r.id = st.id;
    if (context != nullptr && st.articles.size() >= 2 &&
        (!reuse_filter || reuse_filter(st, summaries))) {
      // The story alone, its members numbered 0..m-1.
      const size_t m = std::min(st.articles.size(), ro.max_articles);
      std::vector<Article> in(m);
      std::vector<ArticleSummary> local(m);
      std::vector<Story> one(1);
      std::string scratch;  // for a spilled record
      std::string_view record;
      for (size_t k = 0; k < m && r.status.ok(); ++k) {
        const uint32_t i = st.articles[k];
        r.status = store.View(2 * uint64_t{i} + 1, &scratch, &record);
        if (r.status.ok() && !DecodeText(record, &in[k])) {
          r.status = Status::Internal("corrupt text record");
        }
        in[k].published_time = published_time[i];
        local[k].id = summaries[i].id;  // for derived_from
        local[k].lang = summaries[i].lang;
        local[k].credits = summaries[i].credits;
        one[0].articles.push_back(static_cast<uint32_t>(k));
      }
      if (r.status.ok()) {
        r.pairs = AnalyzeStoriesReuse(*context, &reuse_workers[w], in, ro,
                                      &local, &one, 0, 1);
        const std::vector<uint32_t> ids(st.articles.begin(),
                                        st.articles.begin() + m);
        RemapStory(ids, &one[0]);
        st.relations = std::move(one[0].relations);
        st.families = std::move(one[0].families);
        st.claims = std::move(one[0].claims);
        st.conflicts = std::move(one[0].conflicts);
        st.entities = std::move(one[0].entities);
        st.quotes = std::move(one[0].quotes);
        st.brief = std::move(one[0].brief);
        for (size_t k = 0; k < m; ++k) {
          ArticleSummary& s = summaries[st.articles[k]];
          s.role = std::move(local[k].role);
          s.family = local[k].family;
          s.derived_from = std::move(local[k].derived_from);
          s.swaps = std::move(local[k].swaps);
        }
      }
    }
    if (sink != nullptr) {
      r.rendered = sink->Render(st, summaries);
      // Rendered: its members' summaries are read by nothing else. Freed
      // here, not when the story is written in report order at the end: a
      // story analysed while clustering goes on would hold them through
      // the whole clustering stage (a spun copy's listed swaps and every
      // member's strings were 400 MB of the 1M corpus's peak).
      if (collect == nullptr) {
        for (uint32_t i : st.articles) summaries[i] = ArticleSummary();
      }
    }
    return r;
  };

  {
    // Results are committed in the order the stories closed: a wide window,
    // so that one large story does not hold back the workers (pending jobs
    // are small; finished renderings wait in memory until committed).
    OrderedPool<StoryResult> early(threads, 1024, [&](StoryResult&& r) {
      stats.pairs_compared += r.pairs;
      ++stats.stories_early;
      if (!r.status.ok() && status.ok()) status = r.status;
      if (!status.ok()) return;
      if (sink == nullptr) {
        early_record[r.id] = 1;
        return;
      }
      early_record[r.id] = early_results.size() + 1;
      status = early_results.Append(r.rendered);
    });
    struct Batch {
      size_t begin = 0;
      std::vector<sketch::SparseVector> vectors;
      Status status;
    };
    constexpr size_t kBatch = 256;
    // What follows each batch's last article, for Closed().
    std::vector<cluster::Lookahead> ahead_of_batch((n + kBatch - 1) / kBatch);
    {
      cluster::Lookahead ahead;
      for (size_t p = n; p-- > 0;) {
        if (p + 1 == n || p % kBatch == kBatch - 1) {
          ahead_of_batch[p / kBatch] = ahead;
        }
        if (published_time[order[p]]) {
          ahead.next_time = published_time[order[p]];
        } else {
          ahead.undated_follows = true;
          ahead.next_undated_seq = p + 1;  // Add() counts from 1
        }
      }
    }
    const bool early_reuse = options.analyze_closed_stories_early &&
                             ro.enabled && (sink != nullptr || collect);
    std::vector<uint32_t> open;  // stories not yet closed
    size_t clustered = 0;
    OrderedPool<Batch> weigh(threads, 4 * threads, [&](Batch&& b) {
      if (!b.status.ok() && status.ok()) status = b.status;
      if (!status.ok()) return;
      for (size_t k = 0; k < b.vectors.size(); ++k) {
        const uint32_t i = order[b.begin + k];
        const uint32_t id = clusterer->Add(b.vectors[k], published_time[i]);
        if (id == stories.size()) {
          stories.emplace_back().id = id;
          early_record.push_back(0);
          open.push_back(id);
        }
        stories[id].articles.push_back(i);
        if (stories[id].articles.size() == 2) start_loading_context();
      }
      clustered += b.vectors.size();
      Notify("cluster", "articles", clustered, n, 0);
      if (!early_reuse) return;
      const cluster::Lookahead& ahead = ahead_of_batch[b.begin / kBatch];
      size_t kept = 0;
      for (uint32_t id : open) {
        if (!clusterer->Closed(id, ahead)) {
          open[kept++] = id;
          continue;
        }
        Story& st = stories[id];
        finalize(st);
        if (st.articles.size() < 2) continue;  // rendered in its turn
        await_context();
        early.Submit([&analyze, sp = &st, sink](unsigned w) {
          StoryResult r = analyze(*sp, w);
          if (sink != nullptr) {
            // Rendered: only the members are needed from here on (the
            // story's place in report order).
            Story slim;
            slim.id = sp->id;
            slim.articles = std::move(sp->articles);
            *sp = std::move(slim);
          }
          return r;
        });
      }
      open.resize(kept);
    });
    df.PrepareIdf();  // before the weighing threads read it
    for (size_t begin = 0; begin < n; begin += kBatch) {
      weigh.Submit([&, begin](unsigned) {
        Batch b;
        b.begin = begin;
        const size_t end = std::min(n, begin + kBatch);
        std::string scratch;  // for a spilled record
        std::string_view record;
        sketch::TermBag bag;
        for (size_t k = begin; k < end && b.status.ok(); ++k) {
          b.status = store.View(2 * uint64_t{order[k]}, &scratch, &record);
          if (b.status.ok() && !DecodeBag(record, &bag)) {
            b.status = Status::Internal("corrupt term bag record");
          }
          b.vectors.push_back(sketch::Weigh(bag, df, options.features));
        }
        return b;
      });
    }
    weigh.Finish();
    // Stories still open when the input ends are final now.
    if (early_reuse) {
      for (uint32_t id : open) finalize(stories[id]);
    } else {
      for (Story& st : stories) finalize(st);
    }
    early.Finish();
    if (status.ok()) status = early_results.Seal();
    if (!status.ok()) return status;
  }
  stats.cluster_seconds = SecondsSince(start);
  stats.candidates_scored = clusterer->stats().candidates_scored;
  stats.postings_scanned = clusterer->stats().postings_scanned;
  stats.index_bytes = clusterer->MemoryBytes();
  clusterer.reset();  // centroids and index: no longer needed
  sketch::Vocabulary().swap(vocab);
  stats.stories = stories.size();

  // Report order: largest first, then by id.
  std::vector<uint32_t> report_order(stories.size());
  for (uint32_t k = 0; k < report_order.size(); ++k) report_order[k] = k;
  std::stable_sort(report_order.begin(), report_order.end(),
                   [&stories](uint32_t a, uint32_t b) {
                     return stories[a].articles.size() >
                            stories[b].articles.size();
                   });

  // Stage 3: text reuse for the stories not analysed yet, and every story
  // rendered or fetched, written in report order.
  start = Clock::now();
  bool any_reuse = false;
  for (const Story& st : stories) any_reuse |= st.articles.size() >= 2;
  if (ro.enabled && any_reuse) await_context();

  if (sink != nullptr) {
    concord::Report head;
    head.errors = errors;
    head.warnings = warnings;
    if (Status s = sink->Begin(head, n, stories.size()); !s.ok()) return s;
  }
  size_t written = 0;
  {
    OrderedPool<StoryResult> pool3(threads, 8 * threads, [&](StoryResult&& r) {
      stats.pairs_compared += r.pairs;
      if (!r.status.ok() && status.ok()) status = r.status;
      if (status.ok() && sink != nullptr) status = sink->Write(r.rendered);
      if (collect != nullptr) {
        collect->stories.push_back(std::move(r.story));
      } else {
        stories[report_order[written]] = Story();  // written
      }
      ++written;
      if (written % 64 == 0 || written == stories.size()) {
        Notify("reuse", "stories", written, stories.size(), 0);
      }
    });
    for (uint32_t id : report_order) {
      if (!status.ok()) break;  // the sink failed: stop
      pool3.Submit([&, sp = &stories[id], early = early_record[id]](unsigned w) {
        StoryResult r;
        if (early == 0) {
          r = analyze(*sp, w);
        } else if (sink != nullptr) {
          r.status = early_results.Read(early - 1, &r.rendered);
        }
        if (collect != nullptr) r.story = std::move(*sp);
        return r;
      });
    }
    pool3.Finish();
  }
  stats.reuse_seconds = SecondsSince(start);
  if (!status.ok()) return status;
  if (sink != nullptr) {
    if (Status s = sink->End(); !s.ok()) return s;
  }
  if (collect != nullptr) {
    collect->articles = std::move(summaries);
    collect->errors = std::move(errors);
    collect->warnings = std::move(warnings);
  }
  return stats;
}

}  // namespace concord
