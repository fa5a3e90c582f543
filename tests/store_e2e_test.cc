// End-to-end tests of `concord ingest` under interruption: a child process
// is killed (SIGKILL) or interrupted (SIGINT) mid-ingest, the store is
// checked for consistency (integrity, every committed batch whole, stories
// matching the articles they were made from), the ingest is restarted, and
// the result must equal one uninterrupted ingest of the same corpus.
//
// "Mid-read" is made certain, not raced: the child reads a named pipe that
// the test fills with the first 4.4 MB of the corpus (more than the reader's
// 4 MiB block, so a block is read and stored) and then holds open, so the
// child cannot reach the end of its input before the signal.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/test_util.h"

namespace concord::testing {
namespace {

const std::string kConcord =
    std::string(CONCORD_BINARY_DIR) + "/tools/concord/concord";
constexpr int kArticles = 16000;
constexpr size_t kFirstPart = 4400000;  // bytes written before the signal
constexpr int kBatch = 50;

// An invented corpus: events in invented towns, each reported by several
// outlets in their own words, one a day apart from the next.
std::string WriteCorpus(const std::string& dir, std::string* bytes) {
  static const char* kSyllables[] = {"bran", "wick", "tor",  "mere", "lin",
                                     "dale", "cas",  "holt", "fen",  "ard",
                                     "vel",  "crom", "sten", "by",   "ow"};
  static const char* kKinds[] = {"flood",          "fire",        "strike",
                                 "storm",          "landslide",   "power cut",
                                 "bridge closure", "factory fire"};
  static const char* kOutlets[] = {"Wire Service",  "Valley Post",
                                   "County Herald", "Evening Ledger",
                                   "Radio North",   "Daily Lantern"};
  const std::string path = dir + "/corpus.jsonl";
  std::ofstream out(path);
  int n = 0;
  for (int e = 0; n < kArticles; ++e) {
    const std::string town = std::string(kSyllables[e % 15]) +
                             kSyllables[(e / 15 + 3) % 15] +
                             kSyllables[(e / 7 + 5) % 15];
    const std::string kind = kKinds[e % 8];
    const int people = 100 + (e * 37) % 900;
    const int day = 1 + e % 28, month = 1 + (e / 28) % 12;
    char date[32];
    for (int k = 0; k < 10 && n < kArticles; ++k, ++n) {
      std::snprintf(date, sizeof date, "2025-%02d-%02dT%02d:00:00Z", month, day,
                    6 + k);
      std::string text =
          k % 3 == 0
              ? "A " + kind + " struck " + town + " on Tuesday and " +
                    std::to_string(people) +
                    " residents left their homes, officials said. The "
                    "mayor of " +
                    town +
                    " asked people to stay away "
                    "from the centre while crews worked through the night."
          : k % 3 == 1
              ? "Officials in " + town + " said " + std::to_string(people) +
                    " people were moved "
                    "after the " +
                    kind +
                    ". Crews worked through the "
                    "night and the mayor urged residents to keep away "
                    "from the town centre until Thursday."
              : "Residents of " + town +
                    " described a long night "
                    "after the " +
                    kind + " forced " + std::to_string(people) +
                    " from their homes. "
                    "Shops stayed shut and the council opened the "
                    "school hall in " +
                    town + " as a shelter.";
      const std::string line = "{\"id\":\"e" + std::to_string(e) + "-" +
                               std::to_string(k) + "\",\"source\":\"" +
                               kOutlets[k % 6] + "\",\"title\":\"" + kind +
                               " in " + town + "\",\"published\":\"" + date +
                               "\",\"text\":\"" + text + "\"}\n";
      out << line;
      *bytes += line;
    }
  }
  return path;
}

pid_t StartIngest(const std::string& db, const std::string& corpus) {
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string batch = std::to_string(kBatch);
    execl(kConcord.c_str(), "concord", "ingest", "--db", db.c_str(),
          corpus.c_str(), "--batch", batch.c_str(), "--threads", "2", "--quiet",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

int WaitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// One integer from a query, or -1 when it cannot be read (the database is
// not created yet, or a writer is creating it).
int64_t QueryInt(const std::string& db, const char* sql) {
  sqlite3* h = nullptr;
  int64_t v = -1;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) ==
      SQLITE_OK) {
    sqlite3_busy_timeout(h, 1000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, sql, -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      v = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return v;
}

std::string QueryText(const std::string& db, const char* sql) {
  sqlite3* h = nullptr;
  std::string out;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) ==
      SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, sql, -1, &st, nullptr) == SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
          const auto* t = sqlite3_column_text(st, c);
          out += t ? reinterpret_cast<const char*>(t) : "NULL";
          out += '\t';
        }
        out += '\n';
      }
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return out;
}

// Waits until `articles` reach `at_least`. Returns false when the child
// exited first (it is then reaped, its exit code in *exit_code).
bool WaitForArticles(const std::string& db, int64_t at_least, pid_t pid,
                     int* exit_code) {
  for (int i = 0; i < 60000; ++i) {
    if (QueryInt(db, "SELECT count(*) FROM articles") >= at_least) return true;
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ADD_FAILURE() << "no progress in " << db;
  return true;
}

// What a consistent store holds whatever the moment it was killed. After a
// kill, committed batches are whole; Ctrl-C commits a partial last batch.
void ExpectConsistent(const std::string& db, bool whole_batches) {
  SCOPED_TRACE(db);
  EXPECT_EQ(QueryText(db, "PRAGMA integrity_check"), "ok\t\n");
  const int64_t articles = QueryInt(db, "SELECT count(*) FROM articles");
  EXPECT_GT(articles, 0);
  if (whole_batches) {
    EXPECT_TRUE(articles % kBatch == 0 || articles == kArticles) << articles;
  }
  // The stories are those of one complete update: their members are the
  // first `clustered_articles` articles, each in exactly one story.
  const int64_t clustered =
      QueryInt(db,
               "SELECT CAST(value AS INTEGER) FROM meta WHERE key = "
               "'clustered_articles'");
  EXPECT_LE(clustered, articles);
  EXPECT_EQ(QueryInt(db, "SELECT coalesce(sum(size), 0) FROM stories"),
            clustered);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM members"), clustered);
  EXPECT_EQ(QueryInt(db,
                     "SELECT count(*) FROM members WHERE story_key NOT IN "
                     "(SELECT key FROM stories)"),
            0);
}

// The stories, one line each (key, number, size, headline, members hash,
// report), with the articles' `origin` dropped from the report: an article
// stored from the pipe keeps that origin when the restart meets it again.
std::vector<std::string> StoriesOf(const std::string& db) {
  std::vector<std::string> out;
  std::string rows = QueryText(
      db,
      "SELECT key, number, size, headline, members_hash, report FROM stories "
      "ORDER BY key");
  size_t from = 0;
  for (size_t nl; (nl = rows.find('\n', from)) != std::string::npos;
       from = nl + 1) {
    std::string row = rows.substr(from, nl - from);
    const size_t json = row.find('{');
    if (json != std::string::npos) {
      auto report =
          nlohmann::ordered_json::parse(row.substr(json), nullptr, false);
      if (!report.is_discarded()) {
        for (auto& a : report["articles"]) a.erase("origin");
        row = row.substr(0, json) + report.dump();
      }
    }
    out.push_back(std::move(row));
  }
  return out;
}

// Same stories, or the first difference (not megabytes of both).
void ExpectSameStories(const std::string& db, const std::string& reference) {
  const std::vector<std::string> a = StoriesOf(db), b = StoriesOf(reference);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) {
      ADD_FAILURE() << "story " << i << " differs:\n"
                    << a[i].substr(0, 400) << "\nreference:\n"
                    << b[i].substr(0, 400);
      return;
    }
  }
}

class StoreInterruptTest : public ::testing::Test {
 protected:
  // One corpus and one uninterrupted ingest of it for the whole suite.
  static void SetUpTestSuite() {
    dir_ = new std::string(MakeTempDir("store_interrupt"));
    corpus_bytes_ = new std::string();
    corpus_ = new std::string(WriteCorpus(*dir_, corpus_bytes_));
    reference_ = new std::string(*dir_ + "/reference.db");
    const CommandResult r =
        RunConcord("ingest --quiet --db " + *reference_ + " " + *corpus_);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    delete corpus_;
    delete corpus_bytes_;
    delete reference_;
  }
  void SetUp() override {
    ASSERT_EQ(QueryInt(*reference_, "SELECT count(*) FROM articles"),
              kArticles);
    ASSERT_GT(QueryInt(*reference_, "SELECT count(*) FROM stories"), 100);
    ASSERT_GT(corpus_bytes_->size(), kFirstPart + 100000);
  }

  // Starts an ingest reading a named pipe and writes the first part of the
  // corpus into it; returns once a batch is committed, the pipe held open
  // (`*fd`), so the child is still reading.
  pid_t StartMidRead(const std::string& db, int* fd) {
    const std::string fifo = db + ".pipe.jsonl";
    unlink(fifo.c_str());
    EXPECT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    const pid_t pid = StartIngest(db, fifo);
    *fd = open(fifo.c_str(), O_WRONLY);  // waits for the child to open it
    EXPECT_GE(*fd, 0);
    size_t written = 0;
    while (written < kFirstPart) {
      const ssize_t n =
          write(*fd, corpus_bytes_->data() + written, kFirstPart - written);
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
    EXPECT_EQ(written, kFirstPart);
    int exit_code = 0;
    // The pipe is held open: the child cannot reach the end of its input.
    EXPECT_TRUE(WaitForArticles(db, kBatch, pid, &exit_code))
        << "ingest ended (exit code " << exit_code << ") while reading";
    return pid;
  }

  // Restarts the ingest and checks it ends as the uninterrupted one did.
  void ExpectRestartGivesReference(const std::string& db) {
    const CommandResult r =
        RunConcord("ingest --quiet --db " + db + " " + *corpus_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM articles"), kArticles);
    ExpectConsistent(db, true);
    ExpectSameStories(db, *reference_);
  }

  static std::string* dir_;
  static std::string* corpus_;
  static std::string* corpus_bytes_;
  static std::string* reference_;
};

std::string* StoreInterruptTest::dir_ = nullptr;
std::string* StoreInterruptTest::corpus_ = nullptr;
std::string* StoreInterruptTest::corpus_bytes_ = nullptr;
std::string* StoreInterruptTest::reference_ = nullptr;

TEST_F(StoreInterruptTest, KilledWhileReadingLosesNoCommittedArticle) {
  const std::string db = *dir_ + "/killed-reading.db";
  int fd = -1;
  const pid_t pid = StartMidRead(db, &fd);
  kill(pid, SIGKILL);
  EXPECT_EQ(WaitExit(pid), 128 + SIGKILL);
  close(fd);
  ExpectConsistent(db, true);
  const int64_t kept = QueryInt(db, "SELECT count(*) FROM articles");
  EXPECT_GE(kept, kBatch);
  EXPECT_LT(kept, kArticles);
  // No stories yet: the first update never ran.
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM stories"), 0);
  ExpectRestartGivesReference(db);
}

TEST_F(StoreInterruptTest, KilledWhileUpdatingStoriesKeepsArticles) {
  const std::string db = *dir_ + "/killed-updating.db";
  const pid_t pid = StartIngest(db, *corpus_);
  int exit_code = 0;
  if (WaitForArticles(db, kArticles, pid, &exit_code)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    kill(pid, SIGKILL);
    WaitExit(pid);
  } else {
    // On a loaded machine the whole ingest may end between two looks.
    EXPECT_EQ(exit_code, 0);
  }
  // Killed during the update or just after it: consistent either way.
  ExpectConsistent(db, true);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM articles"), kArticles);
  ExpectRestartGivesReference(db);
}

TEST_F(StoreInterruptTest, CtrlCCommitsWhatWasReadAndSaysSo) {
  const std::string db = *dir_ + "/interrupted.db";
  int fd = -1;
  const pid_t pid = StartMidRead(db, &fd);
  kill(pid, SIGINT);
  close(fd);  // the child's read ends; it sees the flag and stops
  EXPECT_EQ(WaitExit(pid), 130);
  ExpectConsistent(db, false);
  const int64_t kept = QueryInt(db, "SELECT count(*) FROM articles");
  EXPECT_GE(kept, kBatch);
  EXPECT_LT(kept, kArticles);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM stories"), 0);
  // `stories` tells that articles are waiting for the next ingest.
  const CommandResult listed = RunConcord("stories --db " + db);
  EXPECT_EQ(listed.exit_code, 0);
  EXPECT_NE(listed.err.find("not in stories yet"), std::string::npos)
      << listed.err;
  ExpectRestartGivesReference(db);
}

TEST(StoreCommands, MissingStoreIsNotCreatedByStories) {
  const std::string db = MakeTempDir("store_typo") + "/typo.db";
  const CommandResult r = RunConcord("stories --db " + db);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(db), std::string::npos) << r.err;
  EXPECT_EQ(access(db.c_str(), F_OK), -1);
}

// `show --format text` prints a stored story as analyze's text report
// does: each family member with the relative it derives from, families
// numbered from 1.
TEST(StoreCommands, ShowTextNamesEachMembersSource) {
  const std::string db = MakeTempDir("store_show") + "/ex.db";
  const CommandResult in = RunConcord("ingest --quiet --db " + db + " " +
                                      ExamplePath("articles.jsonl"));
  ASSERT_EQ(in.exit_code, 0) << in.err;
  const CommandResult r =
      RunConcord("show --db " + db + " flood-01-wire --format text");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("flood-01-wire  Meridian Wire Service  2026-02-10  origin (family 1)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("duplicate of flood-01-wire (family 1)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("spun copy of flood-01-wire (family 1)"), std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace concord::testing
