// Store: the embedded SQLite database behind `concord ingest`, `concord
// stories` and `concord show` (issue 6, part 2; schema in docs/store.md).
//
// A Store owns one SQLite connection to a database file in WAL mode. It
// holds the articles (idempotent: an article is identified by its id and a
// hash of its content, so adding the same article twice changes nothing)
// and the stories with their reports, as `concord analyze --format json`
// writes them.
//
// Ingest() adds articles in committed batches, then brings the stories up
// to date: every stored article is clustered again (in insertion order,
// with the document frequencies of all of them, so ingesting a corpus in
// parts gives the stories of ingesting it at once), and relations and facts
// are computed only for the stories whose members changed; the others keep
// their stored report. The stories are replaced in one transaction: a
// process killed at any point leaves every committed article stored and
// the stories of some earlier complete update ("pending" articles are
// those not yet in a story; the next Ingest takes them in).
//
// Errors: opening a file that is not SQLite, a database whose schema is newer
// than this build, or a database locked by another writer returns a Status
// naming the file. Thread safety: one Store per thread; not copyable.
#ifndef CONCORD_STORE_H_
#define CONCORD_STORE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "concord/article.h"
#include "concord/engine.h"
#include "concord/export.h"
#include "concord/options.h"
#include "concord/status.h"

namespace concord {

inline constexpr int kStoreSchemaVersion = 2;

// What AddArticle did with one article.
enum class StoreAdd {
  kAdded,      // new id: stored
  kUnchanged,  // same id and same content hash: nothing changed
  kConflict,   // same id, different content: not stored (caller renames)
};

// One row of `concord stories`.
struct StoredStory {
  std::string key;     // the id of its first article: stable across ingests
  int64_t number = 0;  // its id in the last update's report
  int64_t size = 0;    // articles
  std::string headline;
  std::string first_published, last_published;
};

struct StoreIngestOptions {
  AnalyzeOptions analyze;
  // Articles per committed transaction: a killed ingest loses at most the
  // batch being written.
  size_t batch_articles = 500;
  // Set (by a signal handler) to stop: reading stops before the next file
  // or block, the articles read so far are committed, the stories are left
  // as they were. Optional.
  const std::atomic<bool>* cancel = nullptr;
  // Recompute the relations and facts of every story, changed or not.
  bool recompute_all = false;
  std::function<void(const Progress&)> progress;  // optional
  // Called when the articles read are committed and the stories update
  // (one transaction) begins: from here a killed process loses nothing but
  // the update. `concord ingest` lets Ctrl-C end the process at once then.
  std::function<void()> before_update;  // optional
};

struct StoreIngestResult {
  uint64_t read = 0;       // articles read from the inputs
  uint64_t added = 0;      // new to the store
  uint64_t unchanged = 0;  // already stored with the same content
  uint64_t renamed = 0;    // an id stored with other content: kept as "x#2"
  bool interrupted = false;
  bool stories_updated = false;
  // The stored reports were made by another build's analysis (an upgrade
  // that changes reports): every story was recomputed, as --recompute does.
  bool older_analysis = false;
  uint64_t articles = 0;  // in the store afterwards
  uint64_t stories = 0;
  uint64_t stories_analysed = 0;  // relations and facts computed
  uint64_t stories_kept = 0;      // members unchanged: report kept
  std::vector<Status> errors;     // inputs that could not be read
  std::vector<Status> warnings;
  RunStats stats;  // of the stories update
};

class CONCORD_EXPORT Store {
 public:
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Opens or creates the database at `path`. Cost: one file open and a few
  // schema statements. A version 1 database is upgraded in place.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);

  // Transactions: callers commit in batches. REQUIRES: no open transaction
  // for Begin; an open one for Commit.
  Status Begin();
  Status Commit();

  // Stores one article (everything Engine::AddArticle reads; a web page
  // should be extracted first, as Ingest does). Idempotent on (id, content
  // hash); the hash covers every field but `origin` and `ordinal`.
  Result<StoreAdd> AddArticle(const Article& article);

  // Reads inputs (as `concord analyze` does) into the store, then updates
  // the stories. Input errors are collected in the result, not returned;
  // a returned error is the database's (the articles committed before it
  // stay).
  Result<StoreIngestResult> Ingest(const std::vector<std::string>& paths,
                                   const StoreIngestOptions& options);

  Result<int64_t> ArticleCount();
  // Articles added since the last complete stories update.
  Result<int64_t> PendingArticles();
  // Every story, largest first (then by first publication).
  Result<std::vector<StoredStory>> Stories();
  // One story's report (JSON, as an element of `analyze`'s "stories"),
  // found by key, by the id of any of its articles, or by number.
  Result<std::string> StoryReport(std::string_view story);

  const std::string& path() const { return path_; }

 private:
  struct Impl;
  Store(std::string path, std::unique_ptr<Impl> impl);
  Status UpdateStories(const StoreIngestOptions& options,
                       StoreIngestResult* result);
  std::string path_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace concord

#endif  // CONCORD_STORE_H_
