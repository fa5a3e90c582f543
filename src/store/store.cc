// Store: SQLite schema, idempotent article inserts, batched ingest and the
// incremental stories update (see include/concord/store.h, docs/store.md).
//
// The schema is created inside one transaction on first open and stamped with
// PRAGMA user_version = kStoreSchemaVersion and a meta row; a later build
// refuses a newer version instead of guessing. Open probes the file with a
// read of sqlite_master so that a file that is not SQLite fails at once with
// its name, and sets a 2 s busy timeout: the brief locks of a reader or of
// WAL set-up are waited out, while a database held by another writer fails
// after it rather than hanging.
//
// Stories update: every stored article goes through an Engine again, in
// insertion order; a story whose members (ids, in publication order) are
// those of a stored story keeps its stored report, with only its number and
// keywords (which depend on the whole corpus's term frequencies) rewritten;
// the Engine's reuse filter skips its relations and facts. Everything is
// written in one transaction with a new generation number; stories of older
// generations are then deleted. Covered by src/store/store_test.cc and the
// kill-and-restart test in tests/store_e2e_test.cc.
#include "concord/store.h"

#include <sqlite3.h>

#include <cinttypes>
#include <cstring>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "concord/render.h"
#include "src/base/hash.h"
#include "src/engine/pipeline.h"
#include "src/ingest/reader.h"

namespace concord {

namespace {

Status Error(const std::string& path, sqlite3* db, const char* what) {
  const int code = db ? sqlite3_errcode(db) : SQLITE_ERROR;
  std::string msg =
      path + ": " + what + ": " + (db ? sqlite3_errmsg(db) : "cannot open");
  if (code == SQLITE_NOTADB)
    return Status::BadInput(path + ": not an SQLite database");
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    return Status::IoError(path + ": database is locked by another process");
  return Status::IoError(msg);
}

Status Exec(const std::string& path, sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    sqlite3_free(err);
    return Error(path, db, sql);
  }
  return Status::Ok();
}

constexpr const char* kSchema = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  content_hash INTEGER NOT NULL,
  published TEXT NOT NULL,
  published_time INTEGER,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  url TEXT NOT NULL,
  source TEXT NOT NULL,
  lang TEXT NOT NULL,
  origin TEXT NOT NULL
);
CREATE TABLE stories (
  key TEXT PRIMARY KEY,
  number INTEGER NOT NULL,
  size INTEGER NOT NULL,
  headline TEXT NOT NULL,
  first_published TEXT NOT NULL,
  last_published TEXT NOT NULL,
  members_hash INTEGER NOT NULL,
  generation INTEGER NOT NULL,
  report TEXT NOT NULL
);
CREATE TABLE members (
  article_id TEXT PRIMARY KEY,
  story_key TEXT NOT NULL
);
CREATE INDEX members_by_story ON members(story_key);
INSERT INTO meta VALUES ('schema_version', '2');
INSERT INTO meta VALUES ('clustered_articles', '0');
INSERT INTO meta VALUES ('generation', '0');
PRAGMA user_version = 2;
)sql";

// A prepared statement, finalised on destruction.
class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(st_); }
  bool Prepare(sqlite3* db, const char* sql) {
    sqlite3_finalize(st_);
    st_ = nullptr;
    return sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) == SQLITE_OK;
  }
  void Finalize() {
    sqlite3_finalize(st_);
    st_ = nullptr;
  }
  void Reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }
  void Text(int i, std::string_view s) {
    sqlite3_bind_text(st_, i, s.data(), static_cast<int>(s.size()),
                      SQLITE_TRANSIENT);
  }
  void Int(int i, int64_t v) { sqlite3_bind_int64(st_, i, v); }
  void Null(int i) { sqlite3_bind_null(st_, i); }
  int Step() { return sqlite3_step(st_); }
  std::string ColumnText(int i) const {
    const auto* p = sqlite3_column_text(st_, i);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(st_, i)))
             : std::string();
  }
  int64_t ColumnInt(int i) const { return sqlite3_column_int64(st_, i); }
  bool ColumnIsNull(int i) const {
    return sqlite3_column_type(st_, i) == SQLITE_NULL;
  }

 private:
  sqlite3_stmt* st_ = nullptr;
};

uint64_t ContentHash(const Article& a) {
  uint64_t h = Hash64(a.title);
  for (std::string_view f :
       {std::string_view(a.text), std::string_view(a.published),
        std::string_view(a.url), std::string_view(a.source),
        std::string_view(a.lang)}) {
    h = HashCombine(h, Hash64(f));
  }
  return h;
}

// The identity of a story's membership: its article ids in order.
uint64_t MembersHash(const Story& st,
                     const std::vector<ArticleSummary>& articles) {
  uint64_t h = st.articles.size();
  for (uint32_t i : st.articles) h = HashCombine(h, Hash64(articles[i].id));
  return h;
}

void PutField(std::string* out, std::string_view s) {
  const auto n = static_cast<uint32_t>(s.size());
  out->append(reinterpret_cast<const char*>(&n), 4);
  out->append(s);
}

void PutInt(std::string* out, int64_t v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}

bool GetInt(std::string_view* in, int64_t* v) {
  if (in->size() < sizeof *v) return false;
  std::memcpy(v, in->data(), sizeof *v);
  in->remove_prefix(sizeof *v);
  return true;
}

bool GetField(std::string_view* in, std::string_view* s) {
  if (in->size() < 4) return false;
  uint32_t n = 0;
  std::memcpy(&n, in->data(), 4);
  if (in->size() - 4 < n) return false;
  *s = in->substr(4, n);
  in->remove_prefix(4 + n);
  return true;
}

// The analysis the stored reports were made by, kept in the meta row
// `analysis_version` (absent: 0, before it was kept). Raised whenever a
// story with the same members would get another report (a new field, a
// changed rule): an ingest by a build with another number recomputes
// every story once, so no report is left as an older build made it while
// new ones follow newer rules. 1: 2026-12-07, families' `derived_from`,
// origins by shared content, early flashes, republished spinners.
constexpr int64_t kAnalysisVersion = 1;

Result<int64_t> MetaInt(const std::string& path, sqlite3* db, const char* key) {
  Stmt st;
  if (!st.Prepare(db, "SELECT value FROM meta WHERE key = ?"))
    return Error(path, db, "read meta");
  st.Text(1, key);
  if (st.Step() != SQLITE_ROW) return int64_t{0};
  return static_cast<int64_t>(
      std::strtoll(st.ColumnText(0).c_str(), nullptr, 10));
}

Status SetMetaInt(const std::string& path, sqlite3* db, const char* key,
                  int64_t value) {
  Stmt st;
  if (!st.Prepare(db, "INSERT OR REPLACE INTO meta VALUES (?, ?)"))
    return Error(path, db, "write meta");
  st.Text(1, key);
  st.Text(2, std::to_string(value));
  if (st.Step() != SQLITE_DONE) return Error(path, db, "write meta");
  return Status::Ok();
}

}  // namespace

struct Store::Impl {
  sqlite3* db = nullptr;
  Stmt find_article, insert_article;
  ~Impl() {
    find_article.Finalize();
    insert_article.Finalize();
    if (db != nullptr) sqlite3_close_v2(db);
  }
};

Store::Store(std::string path, std::unique_ptr<Impl> impl)
    : path_(std::move(path)), impl_(std::move(impl)) {}

Store::~Store() {
  if (impl_ && impl_->db && !sqlite3_get_autocommit(impl_->db)) {
    // Nothing to report to: closing drops the transaction anyway.
    (void)Exec(path_, impl_->db, "ROLLBACK");
  }
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  if (sqlite3_open_v2(path.c_str(), &impl->db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    return Error(path, impl->db, "open");
  }
  // With 0, a `concord stories` reading at the moment an ingest opened the
  // file made the ingest fail (seen in the kill-and-restart test).
  sqlite3_busy_timeout(impl->db, 2000);
  sqlite3* db = impl->db;
  // Probe: fails with SQLITE_NOTADB on a file that is not SQLite.
  CONCORD_RETURN_IF_ERROR(Exec(path, db, "SELECT count(*) FROM sqlite_master"));
  int version = 0;
  {
    Stmt st;
    if (!st.Prepare(db, "PRAGMA user_version"))
      return Error(path, db, "read schema version");
    if (st.Step() == SQLITE_ROW) version = static_cast<int>(st.ColumnInt(0));
  }
  if (version > kStoreSchemaVersion) {
    return Status::Unsupported(
        path + ": store schema version " + std::to_string(version) +
        " is newer than this build's " + std::to_string(kStoreSchemaVersion));
  }
  if (version == 1) {
    return Status::Unsupported(
        path +
        ": store schema version 1 (a development format that held "
        "no stories) cannot be upgraded; create a new database");
  }
  CONCORD_RETURN_IF_ERROR(Exec(path, db, "PRAGMA journal_mode=WAL"));
  CONCORD_RETURN_IF_ERROR(Exec(path, db, "PRAGMA synchronous=NORMAL"));
  if (version == 0) {
    CONCORD_RETURN_IF_ERROR(Exec(path, db, "BEGIN IMMEDIATE"));
    if (Status s = Exec(path, db, kSchema); !s.ok()) {
      (void)Exec(path, db, "ROLLBACK");  // the schema's error is the one told
      return s;
    }
    CONCORD_RETURN_IF_ERROR(Exec(path, db, "COMMIT"));
  }
  if (!impl->find_article.Prepare(
          db, "SELECT content_hash FROM articles WHERE id = ?") ||
      !impl->insert_article.Prepare(
          db,
          "INSERT INTO articles(id, content_hash, published, published_time, "
          "title, text, url, source, lang, origin) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
    return Error(path, db, "prepare statements");
  }
  return std::unique_ptr<Store>(new Store(path, std::move(impl)));
}

Status Store::Begin() { return Exec(path_, impl_->db, "BEGIN IMMEDIATE"); }
Status Store::Commit() { return Exec(path_, impl_->db, "COMMIT"); }

Result<StoreAdd> Store::AddArticle(const Article& a) {
  sqlite3* db = impl_->db;
  const auto hash = static_cast<int64_t>(ContentHash(a));
  Stmt& find = impl_->find_article;
  find.Reset();
  find.Text(1, a.id);
  const int rc = find.Step();
  if (rc == SQLITE_ROW) {
    const int64_t old = find.ColumnInt(0);
    find.Reset();
    return old == hash ? StoreAdd::kUnchanged : StoreAdd::kConflict;
  }
  find.Reset();
  if (rc != SQLITE_DONE) return Error(path_, db, "look up article");
  Stmt& ins = impl_->insert_article;
  ins.Reset();
  ins.Text(1, a.id);
  ins.Int(2, hash);
  ins.Text(3, a.published);
  if (a.published_time) {
    ins.Int(4, *a.published_time);
  } else {
    ins.Null(4);
  }
  ins.Text(5, a.title);
  ins.Text(6, a.text);
  ins.Text(7, a.url);
  ins.Text(8, a.source);
  ins.Text(9, a.lang);
  ins.Text(10, a.origin);
  const int done = ins.Step();
  ins.Reset();
  if (done != SQLITE_DONE) return Error(path_, db, "insert article");
  return StoreAdd::kAdded;
}

Result<int64_t> Store::ArticleCount() {
  Stmt st;
  if (!st.Prepare(impl_->db, "SELECT count(*) FROM articles"))
    return Error(path_, impl_->db, "count articles");
  int64_t n = 0;
  if (st.Step() == SQLITE_ROW) n = st.ColumnInt(0);
  return n;
}

Result<int64_t> Store::PendingArticles() {
  Result<int64_t> n = ArticleCount();
  if (!n.ok()) return n.status();
  Result<int64_t> clustered = MetaInt(path_, impl_->db, "clustered_articles");
  if (!clustered.ok()) return clustered.status();
  return *n - *clustered;
}

namespace {

// Receives articles from the readers and adds them to the store in
// committed batches.
class IngestSink final : public ingest::ArticleSink {
 public:
  IngestSink(Store* store, const StoreIngestOptions& options,
             StoreIngestResult* result)
      : store_(store), options_(options), result_(result) {}

  void OnArticle(Article&& article) override {
    if (Cancelled()) return;
    ++result_->read;
    bytes_ += article.text.size() + article.html.size();
    if (options_.progress && result_->read % 512 == 0) {
      options_.progress({"store", "articles", result_->read, 0, bytes_});
    }
    if (Status s = ReadWebPage(&article, &result_->warnings); !s.ok()) {
      result_->errors.push_back(std::move(s));
      return;
    }
    if (!open_) {
      status_ = store_->Begin();
      if (!status_.ok()) return;
      open_ = true;
    }
    const std::string base = article.id;
    for (int n = 2;; ++n) {
      Result<StoreAdd> r = store_->AddArticle(article);
      if (!r.ok()) {
        status_ = r.status();
        return;
      }
      if (*r == StoreAdd::kConflict) {
        article.id = base + "#" + std::to_string(n);
        continue;
      }
      if (*r == StoreAdd::kUnchanged) {
        ++result_->unchanged;
        break;
      }
      ++result_->added;
      if (n > 2) {
        ++result_->renamed;
        result_->warnings.push_back(
            Status::BadInput(article.origin + ": id \"" + base +
                             "\" is stored with other content; stored as \"" +
                             article.id + "\""));
      }
      if (++in_batch_ >= options_.batch_articles) status_ = Flush();
      break;
    }
  }
  void OnError(Status error) override {
    result_->errors.push_back(std::move(error));
  }
  void OnWarning(Status warning) override {
    result_->warnings.push_back(std::move(warning));
  }
  bool Cancelled() const override {
    return !status_.ok() || (options_.cancel != nullptr &&
                             options_.cancel->load(std::memory_order_relaxed));
  }

  // Commits the open batch.
  Status Flush() {
    in_batch_ = 0;
    if (!open_) return Status::Ok();
    open_ = false;
    return store_->Commit();
  }
  const Status& status() const { return status_; }

 private:
  Store* store_;
  const StoreIngestOptions& options_;
  StoreIngestResult* result_;
  Status status_;
  bool open_ = false;
  size_t in_batch_ = 0;
  uint64_t bytes_ = 0;  // input text read, for the progress bar
};

}  // namespace

Result<StoreIngestResult> Store::Ingest(const std::vector<std::string>& paths,
                                        const StoreIngestOptions& options) {
  StoreIngestResult result;
  IngestSink sink(this, options, &result);
  ingest::IngestPaths(paths, Env::Default(), &sink);
  Status status = sink.status();
  // What was read before a database failure or a cancel is committed.
  if (Status s = sink.Flush(); status.ok()) status = s;
  if (!status.ok()) return status;
  if (options.cancel != nullptr && options.cancel->load()) {
    result.interrupted = true;
  }
  Result<int64_t> articles = ArticleCount();
  if (!articles.ok()) return articles.status();
  result.articles = static_cast<uint64_t>(*articles);
  Result<int64_t> clustered = MetaInt(path_, impl_->db, "clustered_articles");
  if (!clustered.ok()) return clustered.status();
  const bool pending = *articles > *clustered;
  Result<int64_t> analysed_by = MetaInt(path_, impl_->db, "analysis_version");
  if (!analysed_by.ok()) return analysed_by.status();
  const bool older = *clustered > 0 && *analysed_by != kAnalysisVersion;
  if (!result.interrupted && (pending || options.recompute_all || older)) {
    if (options.before_update) options.before_update();
    StoreIngestOptions update = options;
    update.recompute_all |= older;
    CONCORD_RETURN_IF_ERROR(UpdateStories(update, &result));
    result.older_analysis = older;
  } else {
    Stmt st;
    if (!st.Prepare(impl_->db, "SELECT count(*) FROM stories") ||
        st.Step() != SQLITE_ROW) {
      return Error(path_, impl_->db, "count stories");
    }
    result.stories = static_cast<uint64_t>(st.ColumnInt(0));
  }
  return result;
}

namespace {

// Writes an Engine's stories into the store (one transaction, opened in
// Begin, committed in End). Render packs what Write needs: for a story
// whose members are those of a stored story, its number and keywords (the
// stored report is patched); otherwise the whole report and the members.
class StoriesSink final : public ReportSink {
 public:
  StoriesSink(const std::string& path, sqlite3* db,
              const std::unordered_map<uint64_t, std::string>& known,
              int64_t generation, StoreIngestResult* result)
      : path_(path),
        db_(db),
        known_(known),
        generation_(generation),
        result_(result),
        json_(nullptr, JsonRenderOptions{-1}) {}

  Status Begin(const Report&, size_t, size_t) override {
    CONCORD_RETURN_IF_ERROR(Exec(path_, db_, "BEGIN IMMEDIATE"));
    open_ = true;
    if (!upsert_.Prepare(db_,
                         "INSERT OR REPLACE INTO stories(key, number, size, "
                         "headline, first_published, last_published, "
                         "members_hash, generation, report) VALUES "
                         "(?, ?, ?, ?, ?, ?, ?, ?, ?)") ||
        !member_.Prepare(db_, "INSERT OR REPLACE INTO members VALUES (?, ?)") ||
        !read_.Prepare(db_, "SELECT report FROM stories WHERE key = ?") ||
        !keep_.Prepare(db_,
                       "UPDATE stories SET number = ?, generation = ?, "
                       "report = ? WHERE key = ?")) {
      return Error(path_, db_, "prepare statements");
    }
    return Status::Ok();
  }

  std::string Render(
      const Story& st,
      const std::vector<ArticleSummary>& articles) const override {
    const uint64_t hash = MembersHash(st, articles);
    const std::string& key = articles[st.articles.front()].id;
    const auto it = known_.find(hash);
    const bool kept = it != known_.end() && it->second == key;
    std::string out(1, kept ? 'K' : 'N');
    PutField(&out, key);
    PutInt(&out, st.id);
    PutField(&out, nlohmann::ordered_json(st.keywords).dump());
    if (kept) return out;
    PutInt(&out, static_cast<int64_t>(st.articles.size()));
    PutField(&out, st.headline);
    PutField(&out, st.first_published);
    PutField(&out, st.last_published);
    PutInt(&out, static_cast<int64_t>(hash));
    std::string ids;
    for (uint32_t i : st.articles) PutField(&ids, articles[i].id);
    PutField(&out, ids);
    out += json_.Render(st, articles);  // the rest
    return out;
  }

  Status Write(const std::string& rendered) override {
    std::string_view in(rendered);
    const bool kept = in.front() == 'K';
    in.remove_prefix(1);
    std::string_view key, keywords;
    int64_t num = 0;
    if (!GetField(&in, &key) || !GetInt(&in, &num) ||
        !GetField(&in, &keywords)) {
      return Status::Internal("corrupt story record");
    }
    if (kept) {
      read_.Reset();
      read_.Text(1, key);
      if (read_.Step() != SQLITE_ROW) return Error(path_, db_, "read story");
      nlohmann::ordered_json report =
          nlohmann::ordered_json::parse(read_.ColumnText(0), nullptr, false);
      read_.Reset();
      if (report.is_discarded() || !report.is_object()) {
        return Status::Internal(path_ + ": stored report of story \"" +
                                std::string(key) + "\" is not JSON");
      }
      report["id"] = num;
      report["keywords"] = nlohmann::ordered_json::parse(keywords);
      keep_.Reset();
      keep_.Int(1, num);
      keep_.Int(2, generation_);
      keep_.Text(3,
                 report.dump(-1, ' ', false,
                             nlohmann::ordered_json::error_handler_t::replace));
      keep_.Text(4, key);
      if (keep_.Step() != SQLITE_DONE) return Error(path_, db_, "update story");
      ++result_->stories_kept;
      return Status::Ok();
    }
    std::string_view headline, first, last, ids;
    int64_t size = 0, hash = 0;
    if (!GetInt(&in, &size) || !GetField(&in, &headline) ||
        !GetField(&in, &first) || !GetField(&in, &last) ||
        !GetInt(&in, &hash) || !GetField(&in, &ids)) {
      return Status::Internal("corrupt story record");
    }
    upsert_.Reset();
    upsert_.Text(1, key);
    upsert_.Int(2, num);
    upsert_.Int(3, size);
    upsert_.Text(4, headline);
    upsert_.Text(5, first);
    upsert_.Text(6, last);
    upsert_.Int(7, hash);
    upsert_.Int(8, generation_);
    upsert_.Text(9, in);
    if (upsert_.Step() != SQLITE_DONE) return Error(path_, db_, "write story");
    std::string_view id;
    while (GetField(&ids, &id)) {
      member_.Reset();
      member_.Text(1, id);
      member_.Text(2, key);
      if (member_.Step() != SQLITE_DONE)
        return Error(path_, db_, "write members");
    }
    ++result_->stories_analysed;
    return Status::Ok();
  }

  Status End() override {
    Stmt drop;
    if (!drop.Prepare(db_, "DELETE FROM stories WHERE generation <> ?"))
      return Error(path_, db_, "delete old stories");
    drop.Int(1, generation_);
    if (drop.Step() != SQLITE_DONE)
      return Error(path_, db_, "delete old stories");
    CONCORD_RETURN_IF_ERROR(Exec(path_, db_,
                                 "DELETE FROM members WHERE story_key NOT IN "
                                 "(SELECT key FROM stories)"));
    return Status::Ok();
  }

  // Commits (after End) or rolls back (after a failure).
  Status Finish(bool commit, int64_t clustered) {
    if (!open_) return Status::Ok();
    open_ = false;
    upsert_.Finalize();
    member_.Finalize();
    read_.Finalize();
    keep_.Finalize();
    if (!commit) return Exec(path_, db_, "ROLLBACK");
    CONCORD_RETURN_IF_ERROR(
        SetMetaInt(path_, db_, "clustered_articles", clustered));
    CONCORD_RETURN_IF_ERROR(SetMetaInt(path_, db_, "generation", generation_));
    CONCORD_RETURN_IF_ERROR(
        SetMetaInt(path_, db_, "analysis_version", kAnalysisVersion));
    return Exec(path_, db_, "COMMIT");
  }

 private:
  const std::string& path_;
  sqlite3* db_;
  const std::unordered_map<uint64_t, std::string>& known_;
  int64_t generation_;
  StoreIngestResult* result_;
  JsonReportWriter json_;  // only its Render is used
  bool open_ = false;
  Stmt upsert_, member_, read_, keep_;
};

}  // namespace

Status Store::UpdateStories(const StoreIngestOptions& options,
                            StoreIngestResult* result) {
  sqlite3* db = impl_->db;
  std::unordered_map<uint64_t, std::string> known;
  if (!options.recompute_all) {
    Stmt st;
    if (!st.Prepare(db, "SELECT members_hash, key FROM stories"))
      return Error(path_, db, "read stories");
    while (st.Step() == SQLITE_ROW) {
      known.emplace(static_cast<uint64_t>(st.ColumnInt(0)), st.ColumnText(1));
    }
  }
  Result<int64_t> generation = MetaInt(path_, db, "generation");
  if (!generation.ok()) return generation.status();

  Engine engine(options.analyze);
  if (options.progress) engine.SetProgress(options.progress);
  engine.SetReuseFilter([&known](const Story& st,
                                 const std::vector<ArticleSummary>& articles) {
    const auto it = known.find(MembersHash(st, articles));
    return it == known.end() || it->second != articles[st.articles.front()].id;
  });
  int64_t fed = 0;
  {
    Stmt st;
    if (!st.Prepare(db,
                    "SELECT id, published, published_time, title, text, url, "
                    "source, lang, origin FROM articles ORDER BY seq")) {
      return Error(path_, db, "read articles");
    }
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) {
      Article a;
      a.id = st.ColumnText(0);
      a.published = st.ColumnText(1);
      if (!st.ColumnIsNull(2)) a.published_time = st.ColumnInt(2);
      a.title = st.ColumnText(3);
      a.text = st.ColumnText(4);
      a.url = st.ColumnText(5);
      a.source = st.ColumnText(6);
      a.lang = st.ColumnText(7);
      a.origin = st.ColumnText(8);
      engine.AddArticle(std::move(a));
      ++fed;
    }
    if (rc != SQLITE_DONE) return Error(path_, db, "read articles");
  }
  StoriesSink sink(path_, db, known, *generation + 1, result);
  Result<RunStats> stats = engine.Run(&sink);
  if (!stats.ok()) {
    (void)sink.Finish(false, 0);  // the run's error is the one told
    return stats.status();
  }
  CONCORD_RETURN_IF_ERROR(sink.Finish(true, fed));
  result->stats = *stats;
  result->stories = stats->stories;
  result->stories_updated = true;
  return Status::Ok();
}

Result<std::vector<StoredStory>> Store::Stories() {
  Stmt st;
  if (!st.Prepare(impl_->db,
                  "SELECT key, number, size, headline, first_published, "
                  "last_published FROM stories ORDER BY size DESC, number")) {
    return Error(path_, impl_->db, "read stories");
  }
  std::vector<StoredStory> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    StoredStory s;
    s.key = st.ColumnText(0);
    s.number = st.ColumnInt(1);
    s.size = st.ColumnInt(2);
    s.headline = st.ColumnText(3);
    s.first_published = st.ColumnText(4);
    s.last_published = st.ColumnText(5);
    out.push_back(std::move(s));
  }
  if (rc != SQLITE_DONE) return Error(path_, impl_->db, "read stories");
  return out;
}

Result<std::string> Store::StoryReport(std::string_view story) {
  sqlite3* db = impl_->db;
  const char* queries[] = {
      "SELECT report FROM stories WHERE key = ?",
      "SELECT s.report FROM members m JOIN stories s ON s.key = m.story_key "
      "WHERE m.article_id = ?",
  };
  for (const char* sql : queries) {
    Stmt st;
    if (!st.Prepare(db, sql)) return Error(path_, db, "read story");
    st.Text(1, story);
    if (st.Step() == SQLITE_ROW) return st.ColumnText(0);
  }
  const bool number =
      !story.empty() && story.size() < 19 &&
      story.find_first_not_of("0123456789") == std::string_view::npos;
  if (number) {
    Stmt st;
    if (!st.Prepare(db, "SELECT report FROM stories WHERE number = ?"))
      return Error(path_, db, "read story");
    st.Int(1, std::strtoll(std::string(story).c_str(), nullptr, 10));
    if (st.Step() == SQLITE_ROW) return st.ColumnText(0);
  }
  return Status::NotFound(path_ + ": no story \"" + std::string(story) +
                          "\" (give a story key, an article id or a story "
                          "number from `concord stories`)");
}

}  // namespace concord
