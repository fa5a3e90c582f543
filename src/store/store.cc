// Store: SQLite schema, open checks and idempotent article inserts.
//
// The schema is created inside one transaction on first open and stamped with
// PRAGMA user_version = kStoreSchemaVersion and a meta row; a later build
// refuses a newer version instead of guessing. Open probes the file with a
// read of sqlite_master so that a file that is not SQLite fails at once with
// its name, and sets busy_timeout = 0 so a database locked by another writer
// fails fast rather than hanging. Covered by src/store/store_test.cc.
#include "concord/store.h"

#include <sqlite3.h>

#include <cinttypes>
#include <cstdio>

#include "src/base/hash.h"

namespace concord {

struct Store::Impl {
  sqlite3* db = nullptr;
  ~Impl() {
    if (db != nullptr) sqlite3_close_v2(db);
  }
};

namespace {

Status Error(const std::string& path, sqlite3* db, const char* what) {
  const int code = db ? sqlite3_errcode(db) : SQLITE_ERROR;
  std::string msg = path + ": " + what + ": " +
                    (db ? sqlite3_errmsg(db) : "cannot open");
  if (code == SQLITE_NOTADB) return Status::BadInput(path + ": not an SQLite database");
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
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,
  content_hash INTEGER NOT NULL,
  published INTEGER NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL
);
)sql";

}  // namespace

Store::Store(std::string path, std::unique_ptr<Impl> impl)
    : path_(std::move(path)), impl_(std::move(impl)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  if (sqlite3_open_v2(path.c_str(), &impl->db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    return Error(path, impl->db, "open");
  }
  sqlite3_busy_timeout(impl->db, 0);
  sqlite3* db = impl->db;
  // Probe: fails with SQLITE_NOTADB on a file that is not SQLite.
  CONCORD_RETURN_IF_ERROR(Exec(path, db, "SELECT count(*) FROM sqlite_master"));
  int version = 0;
  {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr) != SQLITE_OK)
      return Error(path, db, "read schema version");
    if (sqlite3_step(st) == SQLITE_ROW) version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
  }
  if (version > kStoreSchemaVersion) {
    return Status::Unsupported(path + ": store schema version " +
                               std::to_string(version) +
                               " is newer than this build's " +
                               std::to_string(kStoreSchemaVersion));
  }
  CONCORD_RETURN_IF_ERROR(Exec(path, db, "PRAGMA journal_mode=WAL"));
  CONCORD_RETURN_IF_ERROR(Exec(path, db, "PRAGMA synchronous=NORMAL"));
  if (version == 0) {
    CONCORD_RETURN_IF_ERROR(Exec(path, db, "BEGIN IMMEDIATE"));
    CONCORD_RETURN_IF_ERROR(Exec(path, db, kSchema));
    CONCORD_RETURN_IF_ERROR(Exec(
        path, db,
        "INSERT OR REPLACE INTO meta VALUES ('schema_version', '1');"
        "PRAGMA user_version = 1;"));
    CONCORD_RETURN_IF_ERROR(Exec(path, db, "COMMIT"));
  }
  return std::unique_ptr<Store>(new Store(path, std::move(impl)));
}

Status Store::Begin() { return Exec(path_, impl_->db, "BEGIN IMMEDIATE"); }
Status Store::Commit() { return Exec(path_, impl_->db, "COMMIT"); }

Result<StoreAdd> Store::AddArticle(std::string_view id, int64_t published,
                                   std::string_view title,
                                   std::string_view text) {
  sqlite3* db = impl_->db;
  const auto hash = static_cast<int64_t>(
      HashCombine(Hash64(title), Hash64(text)));
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT content_hash FROM articles WHERE id = ?",
                         -1, &st, nullptr) != SQLITE_OK)
    return Error(path_, db, "look up article");
  sqlite3_bind_text(st, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    const int64_t old = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return old == hash ? StoreAdd::kUnchanged : StoreAdd::kConflict;
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return Error(path_, db, "look up article");
  if (sqlite3_prepare_v2(db,
                         "INSERT INTO articles(id, content_hash, published, "
                         "title, text) VALUES (?, ?, ?, ?, ?)",
                         -1, &st, nullptr) != SQLITE_OK)
    return Error(path_, db, "insert article");
  sqlite3_bind_text(st, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 2, hash);
  sqlite3_bind_int64(st, 3, published);
  sqlite3_bind_text(st, 4, title.data(), static_cast<int>(title.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 5, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return Error(path_, db, "insert article");
  return StoreAdd::kAdded;
}

Result<int64_t> Store::ArticleCount() {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(impl_->db, "SELECT count(*) FROM articles", -1, &st,
                         nullptr) != SQLITE_OK)
    return Error(path_, impl_->db, "count articles");
  int64_t n = 0;
  if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

}  // namespace concord
