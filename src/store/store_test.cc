// Unit tests for Store: schema creation, idempotent inserts, the clear
// errors for a file that is not SQLite and a schema newer than this build;
// and Ingest: stories like analyze's, the same input twice changes nothing,
// chronological halves give the stories of one ingest, only touched stories
// are analysed again.
#include "concord/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "concord/engine.h"
#include "concord/render.h"

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

Article Art(const std::string& id, const std::string& title,
            const std::string& text) {
  Article a;
  a.id = id;
  a.title = title;
  a.text = text;
  a.published = "2026-01-01";
  a.published_time = 1767225600;
  return a;
}

TEST(Store, AddsArticlesOnceAndKeepsThemAcrossOpens) {
  const std::string path = TempPath("a.db");
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_TRUE((*s)->Begin().ok());
    auto r = (*s)->AddArticle(Art("a1", "Title", "Body text"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, StoreAdd::kAdded);
    auto again = (*s)->AddArticle(Art("a1", "Title", "Body text"));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, StoreAdd::kUnchanged);
    auto conflict = (*s)->AddArticle(Art("a1", "Title", "Other body"));
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
    ASSERT_TRUE((*s)->AddArticle(Art("x", "t", "b")).ok());
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
         "to be longer than a "
         "header............................................";
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
  ASSERT_EQ(
      sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr),
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

// --- Ingest -----------------------------------------------------------------

const std::string kExamples =
    std::string(CONCORD_SOURCE_DIR) + "/examples/articles.jsonl";

std::vector<std::string> ExampleLines() {
  std::ifstream in(kExamples);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::string WriteLines(const std::string& name,
                       const std::vector<std::string>& lines, size_t begin,
                       size_t end) {
  const std::string path = TempPath(name);
  std::ofstream out(path);
  for (size_t i = begin; i < end; ++i) out << lines[i] << "\n";
  return path;
}

StoreIngestResult IngestOrDie(Store* store,
                              const std::vector<std::string>& paths) {
  StoreIngestOptions o;
  o.analyze.threads = 2;
  Result<StoreIngestResult> r = store->Ingest(paths, o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : StoreIngestResult();
}

// Every stored story's report, by key, with `origin` (which names the input
// file) removed when `drop_origin`.
std::map<std::string, nlohmann::ordered_json> Reports(Store* store,
                                                      bool drop_origin) {
  std::map<std::string, nlohmann::ordered_json> out;
  Result<std::vector<StoredStory>> stories = store->Stories();
  EXPECT_TRUE(stories.ok());
  for (const StoredStory& s : *stories) {
    Result<std::string> r = store->StoryReport(s.key);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(*r);
    if (drop_origin) {
      for (auto& a : j["articles"]) a.erase("origin");
    }
    out[s.key] = std::move(j);
  }
  return out;
}

TEST(StoreIngest, GivesTheReportOfAnalyze) {
  auto s = Store::Open(TempPath("analyze.db"));
  ASSERT_TRUE(s.ok());
  const StoreIngestResult r = IngestOrDie(s->get(), {kExamples});
  EXPECT_EQ(r.read, 23u);
  EXPECT_EQ(r.added, 23u);
  EXPECT_TRUE(r.stories_updated);
  EXPECT_TRUE(r.errors.empty());

  AnalyzeOptions o;
  o.threads = 2;
  Engine engine(o);
  engine.AddPaths({kExamples});
  const Report report = engine.Run();
  ASSERT_EQ(r.stories, report.stories.size());
  const JsonReportWriter json(nullptr, JsonRenderOptions{-1});
  const auto stored = Reports(s->get(), false);
  ASSERT_EQ(stored.size(), report.stories.size());
  size_t relations = 0;
  for (const Story& st : report.stories) {
    const std::string key = report.articles[st.articles.front()].id;
    ASSERT_TRUE(stored.count(key)) << key;
    EXPECT_EQ(stored.at(key),
              nlohmann::ordered_json::parse(json.Render(st, report.articles)))
        << key;
    relations += st.relations.size();
  }
  EXPECT_GT(relations, 10u);  // the examples' stories were analysed
  Result<std::vector<StoredStory>> list = (*s)->Stories();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->front().size, 5);  // largest first
  // Found by key, by any member's id and by number.
  const std::string& key = list->front().key;
  Result<std::string> found = (*s)->StoryReport(key);
  ASSERT_TRUE(found.ok());
  const std::string by_key = found.value();
  const auto members = nlohmann::json::parse(by_key)["articles"];
  EXPECT_EQ((*s)->StoryReport(members.back()["id"].get<std::string>()).value(),
            by_key);
  EXPECT_EQ((*s)->StoryReport(std::to_string(list->front().number)).value(),
            by_key);
  const auto missing = (*s)->StoryReport("no-such-story");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("no-such-story"),
            std::string::npos);
}

TEST(StoreIngest, SameInputTwiceChangesNothing) {
  const std::string path = TempPath("twice.db");
  std::map<std::string, nlohmann::ordered_json> before;
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.ok());
    IngestOrDie(s->get(), {kExamples});
    before = Reports(s->get(), false);
  }
  auto s = Store::Open(path);
  ASSERT_TRUE(s.ok());
  const StoreIngestResult again = IngestOrDie(s->get(), {kExamples});
  EXPECT_EQ(again.read, 23u);
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.unchanged, 23u);
  EXPECT_FALSE(again.stories_updated);
  EXPECT_EQ((*s)->ArticleCount().value(), 23);
  EXPECT_EQ((*s)->PendingArticles().value(), 0);
  EXPECT_EQ(Reports(s->get(), false), before);
}

// Reports stored by another build's analysis (here: a store from before
// the analysis version was kept, its reports stripped of a field this
// build writes) are all recomputed by the next ingest, even one that adds
// nothing; after that, nothing is.
TEST(StoreIngest, ReportsOfAnotherAnalysisAreRecomputed) {
  const std::string path = TempPath("older.db");
  std::map<std::string, nlohmann::ordered_json> fresh;
  {
    auto s = Store::Open(path);
    ASSERT_TRUE(s.ok());
    const StoreIngestResult first = IngestOrDie(s->get(), {kExamples});
    EXPECT_FALSE(first.older_analysis);
    fresh = Reports(s->get(), false);
  }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "DELETE FROM meta WHERE key = 'analysis_version';"
                           "UPDATE stories SET report = "
                           "replace(report, '\"derived_from\"', '\"old_field\"')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto s = Store::Open(path);
  ASSERT_TRUE(s.ok());
  ASSERT_NE(Reports(s->get(), false), fresh);
  const StoreIngestResult update = IngestOrDie(s->get(), {});
  EXPECT_TRUE(update.older_analysis);
  EXPECT_TRUE(update.stories_updated);
  EXPECT_EQ(update.stories_analysed, update.stories);
  EXPECT_EQ(update.stories_kept, 0u);
  EXPECT_EQ(Reports(s->get(), false), fresh);
  const StoreIngestResult again = IngestOrDie(s->get(), {});
  EXPECT_FALSE(again.older_analysis);
  EXPECT_FALSE(again.stories_updated);
}

TEST(StoreIngest, ChronologicalHalvesGiveTheStoriesOfOneIngest) {
  const std::vector<std::string> lines = ExampleLines();
  ASSERT_EQ(lines.size(), 23u);  // in publication order
  const size_t half = 13;        // ends inside the launch story
  const std::string first = WriteLines("first.jsonl", lines, 0, half);
  const std::string second =
      WriteLines("second.jsonl", lines, half, lines.size());
  const std::string all = WriteLines("all.jsonl", lines, 0, lines.size());

  auto halves = Store::Open(TempPath("halves.db"));
  ASSERT_TRUE(halves.ok());
  const StoreIngestResult r1 = IngestOrDie(halves->get(), {first});
  EXPECT_EQ(r1.added, half);
  const StoreIngestResult r2 = IngestOrDie(halves->get(), {second});
  EXPECT_EQ(r2.added, lines.size() - half);
  // The second half touches some stories and leaves others alone (the
  // strike); with the whole corpus's term frequencies flood-04 now joins
  // the flood story, as it does in one ingest.
  EXPECT_GE(r2.stories_kept, 1u);
  EXPECT_GE(r2.stories_analysed, 2u);

  auto once = Store::Open(TempPath("once.db"));
  ASSERT_TRUE(once.ok());
  IngestOrDie(once->get(), {all});

  const auto a = (*halves)->Stories().value();
  const auto b = (*once)->Stories().value();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].key, b[i].key);
    EXPECT_EQ(a[i].number, b[i].number);
    EXPECT_EQ(a[i].size, b[i].size);
    EXPECT_EQ(a[i].headline, b[i].headline);
  }
  // Whole reports equal but for `origin`, which names the file read.
  EXPECT_EQ(Reports(halves->get(), true), Reports(once->get(), true));
}

TEST(StoreIngest, IdStoredWithOtherContentIsRenamed) {
  const std::string one = TempPath("one.jsonl");
  const std::string two = TempPath("two.jsonl");
  {
    std::ofstream(one)
        << R"({"id":"x","title":"Bridge opens","text":"The new bridge over the Tarn opened on Monday to traffic."})"
           "\n";
    std::ofstream(two)
        << R"({"id":"x","title":"Bridge shut","text":"The old ferry across the Tarn stopped running on Tuesday."})"
           "\n";
  }
  auto s = Store::Open(TempPath("rename.db"));
  ASSERT_TRUE(s.ok());
  IngestOrDie(s->get(), {one});
  const StoreIngestResult r = IngestOrDie(s->get(), {two});
  EXPECT_EQ(r.added, 1u);
  EXPECT_EQ(r.renamed, 1u);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].message().find("\"x#2\""), std::string::npos);
  EXPECT_NE(r.warnings[0].message().find(two), std::string::npos);
  // Again: x#2 is now the same article, nothing changes.
  const StoreIngestResult again = IngestOrDie(s->get(), {two});
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ((*s)->ArticleCount().value(), 2);
}

TEST(StoreIngest, CancelledBeforeReadingStoresNothingAndKeepsStories) {
  const std::string path = TempPath("cancel.db");
  auto s = Store::Open(path);
  ASSERT_TRUE(s.ok());
  IngestOrDie(s->get(), {kExamples});
  const auto before = Reports(s->get(), false);
  std::atomic<bool> cancel{true};
  StoreIngestOptions o;
  o.cancel = &cancel;
  const std::string extra =
      WriteLines("extra.jsonl",
                 {R"({"id":"late","text":"A late report on the dam."})"}, 0, 1);
  Result<StoreIngestResult> r = (*s)->Ingest({extra}, o);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->interrupted);
  EXPECT_EQ(r->added, 0u);
  EXPECT_FALSE(r->stories_updated);
  EXPECT_EQ(Reports(s->get(), false), before);
}

TEST(StoreIngest, BadInputIsReportedAndTheRestStored) {
  const std::string path = TempPath("bad.jsonl");
  {
    std::ofstream f(path);
    f << R"({"id":"a","title":"Dam gate jams","text":"A spillway gate jammed at the Caddow dam on Tuesday."})"
         "\n";
    f << "{not json\n";
    f << R"({"id":"b","title":"Dam gate freed","text":"Engineers freed the spillway gate at the Caddow dam on Wednesday."})"
         "\n";
  }
  auto s = Store::Open(TempPath("bad.db"));
  ASSERT_TRUE(s.ok());
  const StoreIngestResult r = IngestOrDie(s->get(), {path});
  EXPECT_EQ(r.added, 2u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message().find(path + ":2"), std::string::npos)
      << r.errors[0].ToString();
}

}  // namespace
}  // namespace concord
