// Store: the embedded SQLite database behind `concord ingest` (issue 6, part 2).
//
// A Store owns one SQLite connection to a database file in WAL mode. This
// first slice holds the schema (versioned by PRAGMA user_version and a meta
// table, see docs/store.md) and the article table with idempotent inserts:
// an article is identified by its id and a hash of its content, so adding the
// same article twice changes nothing. Story state comes in a later slice.
//
// Errors: opening a file that is not SQLite, a database whose schema is newer
// than this build, or a database locked by another writer returns a Status
// naming the file. Thread safety: one Store per thread; not copyable.
#ifndef CONCORD_STORE_H_
#define CONCORD_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "concord/export.h"
#include "concord/status.h"

namespace concord {

inline constexpr int kStoreSchemaVersion = 1;

// What AddArticle did with one article.
enum class StoreAdd {
  kAdded,      // new id: stored
  kUnchanged,  // same id and same content hash: nothing changed
  kConflict,   // same id, different content: not stored (caller renames)
};

class CONCORD_EXPORT Store {
 public:
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Opens or creates the database at `path`. Cost: one file open and a few
  // schema statements.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);

  // Transactions: callers commit in batches. REQUIRES: no open transaction
  // for Begin; an open one for Commit.
  Status Begin();
  Status Commit();

  // Stores one article's raw record (id, publication time in seconds since
  // the epoch, title, text). Idempotent on (id, content hash).
  Result<StoreAdd> AddArticle(std::string_view id, int64_t published,
                              std::string_view title, std::string_view text);

  Result<int64_t> ArticleCount();
  const std::string& path() const { return path_; }

 private:
  struct Impl;
  Store(std::string path, std::unique_ptr<Impl> impl);
  std::string path_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace concord

#endif  // CONCORD_STORE_H_
