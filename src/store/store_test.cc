// Unit tests for Store: schema creation, idempotent inserts, and the clear
// errors for a file that is not SQLite and a schema newer than this build.
#include "concord/store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace concord {
namespace {

std::string TempPath(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("concord_store_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto p = dir / name;
  std::filesystem::remove(p);
  return p.string();
}

TEST(Store, AddsArticlesOnceAndKeepsThemAcrossOpens) {
  const std::string path = TempPath("a.db");
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_TRUE((*s)->Begin().ok());
    auto r = (*s)->AddArticle("a1", 100, "Title", "Body text");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, StoreAdd::kAdded);
    auto again = (*s)->AddArticle("a1", 100, "Title", "Body text");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, StoreAdd::kUnchanged);
    auto conflict = (*s)->AddArticle("a1", 100, "Title", "Other body");
    ASSERT_TRUE(conflict.ok());
    EXPECT_EQ(*conflict, StoreAdd::kConflict);
    ASSERT_TRUE((*s)->Commit().ok());
  }
  auto s = Store::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto n = (*s)->ArticleCount();
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
}

TEST(Store, UncommittedBatchIsLost) {
  const std::string path = TempPath("b.db");
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->Begin().ok());
    ASSERT_TRUE((*s)->AddArticle("x", 1, "t", "b").ok());
    // Destroyed without Commit: SQLite rolls the transaction back.
  }
  auto s = Store::Open(path);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->ArticleCount().value(), 0);
}

TEST(Store, FileThatIsNotSqliteNamesTheFile) {
  const std::string path = TempPath("notadb.db");
  {
    std::ofstream f(path);
    f << "this is plainly not an SQLite database, just some text padding "
         "to be longer than a header............................................";
  }
  auto s = Store::Open(path);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find(path), std::string::npos);
  EXPECT_NE(s.status().message().find("not an SQLite"), std::string::npos);
}

TEST(Store, NewerSchemaIsRefused) {
  const std::string path = TempPath("newer.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto s = Store::Open(path);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find(path), std::string::npos);
  EXPECT_NE(s.status().message().find("newer"), std::string::npos);
}

TEST(Store, LockedDatabaseNamesTheFile) {
  const std::string path = TempPath("locked.db");
  { ASSERT_TRUE(Store::Open(path).ok()); }
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr),
            SQLITE_OK);
  auto s = Store::Open(path);
  Status st = s.ok() ? (*s)->Begin() : s.status();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find(path), std::string::npos) << st.ToString();
  EXPECT_NE(st.message().find("locked"), std::string::npos) << st.ToString();
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
}

}  // namespace
}  // namespace concord
