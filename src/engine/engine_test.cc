// Engine: the streamed report (Run with a JsonReportWriter) is the whole
// report's RenderJson byte for byte, for 1 and 3 threads, in memory and
// with every text and term bag spilled to disk; and a failing sink stops
// the run with its error.
#include "concord/engine.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "concord/render.h"

namespace concord {
namespace {

const std::string kExamples = std::string(CONCORD_SOURCE_DIR) + "/examples";

// Runs `engine` into a JsonReportWriter; the report's bytes.
std::string RunToJson(Engine& engine, RunStats* stats) {
  std::FILE* f = std::tmpfile();
  EXPECT_NE(f, nullptr);
  JsonReportWriter writer(f);
  Result<RunStats> r = engine.Run(&writer);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (r.ok()) *stats = r.value();
  std::string out(static_cast<size_t>(std::ftell(f)), '\0');
  std::rewind(f);
  EXPECT_EQ(std::fread(out.data(), 1, out.size(), f), out.size());
  std::fclose(f);
  return out;
}

std::string Streamed(AnalyzeOptions options, RunStats* stats) {
  Engine engine(options);
  engine.AddPaths({kExamples + "/articles.jsonl", kExamples + "/web"});
  return RunToJson(engine, stats);
}

// The settings that must not change a report: one and three threads, each
// with everything held in memory and with everything spilled to disk.
std::vector<AnalyzeOptions> ThreadAndBudgetVariants() {
  std::vector<AnalyzeOptions> out;
  for (unsigned threads : {1u, 3u}) {
    for (uint64_t budget : {uint64_t{1} << 30, uint64_t{0}}) {
      AnalyzeOptions o;
      o.threads = threads;
      o.memory_budget = budget;
      out.push_back(o);
    }
  }
  return out;
}

TEST(EngineTest, StreamedReportEqualsTheWholeReport) {
  AnalyzeOptions options;
  Engine engine(options);
  engine.AddPaths({kExamples + "/articles.jsonl", kExamples + "/web"});
  const Report report = engine.Run();
  ASSERT_GT(report.stories.size(), 1u);
  const std::string whole = RenderJson(report);

  for (const AnalyzeOptions& o : ThreadAndBudgetVariants()) {
    RunStats stats;
    const std::string streamed = Streamed(o, &stats);
    EXPECT_TRUE(streamed == whole)
        << o.threads << " threads, budget " << o.memory_budget;
    EXPECT_EQ(stats.articles, report.articles.size());
    EXPECT_EQ(stats.stories, report.stories.size());
    EXPECT_EQ(stats.pairs_compared, report.stats.pairs_compared);
    if (o.memory_budget == 0) {
      EXPECT_EQ(stats.held_bytes, 0u);
      EXPECT_GT(stats.spilled_bytes, 0u);
    }
  }
}

// Articles of `events` events, three reports each, one event every five
// days: most stories close (no later article can join them) long before
// the input ends, so the engine analyses them while clustering goes on.
std::vector<Article> SpreadEvents(int events) {
  const char* places[] = {"Harbourton", "Millbrook", "Carrow", "Eastleigh",
                          "Dunmore", "Kestrel Bay", "Ashford", "Pellam"};
  const char* things[] = {"bridge", "library", "ferry terminal", "stadium",
                          "water plant", "rail depot", "market hall",
                          "school"};
  std::vector<Article> out;
  for (int e = 0; e < events; ++e) {
    const std::string place = places[e % 8];
    const std::string thing = things[(e * 3 + 1) % 8];
    const std::string n = std::to_string(40 + 7 * e);
    const std::string body =
        "Officials in " + place + " said on Monday that the " + thing +
        " would close for " + n + " days after inspectors found cracks in "
        "its main supports.\n\nThe mayor of " + place + " told reporters "
        "the repairs would cost about " + n + " million dollars. \"We will "
        "not take risks with public safety,\" she said.\n\nResidents "
        "were told to use other routes while the " + thing + " is shut.";
    for (int k = 0; k < 3; ++k) {
      Article a;
      a.id = "e" + std::to_string(e) + "-" + std::to_string(k);
      a.source = "outlet" + std::to_string(k);
      a.title = place + " " + thing + " to close for repairs";
      a.text = k == 2 ? body.substr(0, body.size() * 2 / 3) : body;
      a.published_time = int64_t{1700000000} + e * 5 * 86400 + k * 3600;
      out.push_back(std::move(a));
    }
  }
  return out;
}

TEST(EngineTest, StoriesAnalysedEarlyGiveTheSameReport) {
  // 360 articles: more than one batch of the clusterer's feed (256), so
  // stories close while later articles are still to come.
  const std::vector<Article> articles = SpreadEvents(120);
  auto run = [&](AnalyzeOptions o, RunStats* stats) {
    Engine engine(o);
    for (const Article& a : articles) engine.AddArticle(a);
    return RunToJson(engine, stats);
  };
  AnalyzeOptions late;
  late.analyze_closed_stories_early = false;
  RunStats late_stats;
  const std::string reference = run(late, &late_stats);
  EXPECT_EQ(late_stats.stories_early, 0u);
  ASSERT_EQ(late_stats.stories, 120u);
  ASSERT_GT(late_stats.pairs_compared, 0u);

  for (const AnalyzeOptions& o : ThreadAndBudgetVariants()) {
    RunStats stats;
    EXPECT_TRUE(run(o, &stats) == reference)
        << o.threads << " threads, budget " << o.memory_budget;
    // Every story (all have three members) goes through the early path:
    // those of the first batch while the second is clustered, the rest
    // when the input ends. (Closing mid-stream is checked by
    // OnlineClustererTest.ClosedStoriesAreNeverJoinedAgain.)
    EXPECT_EQ(stats.stories_early, 120u);
    EXPECT_EQ(stats.pairs_compared, late_stats.pairs_compared);
  }
  // The whole report (no sink) too.
  Engine engine;
  for (const Article& a : articles) engine.AddArticle(a);
  const Report report = engine.Run();
  EXPECT_EQ(RenderJson(report), reference);
  EXPECT_EQ(report.stats.stories_early, 120u);
}

TEST(EngineTest, OneLineJsonStreamsTheSame) {
  Engine engine;
  engine.AddPaths({kExamples + "/articles.jsonl"});
  const Report report = engine.Run();
  Engine engine2;
  engine2.AddPaths({kExamples + "/articles.jsonl"});
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  JsonReportWriter writer(f, {.indent = -1});
  ASSERT_TRUE(engine2.Run(&writer).ok());
  std::string out(static_cast<size_t>(std::ftell(f)), '\0');
  std::rewind(f);
  ASSERT_EQ(std::fread(out.data(), 1, out.size(), f), out.size());
  std::fclose(f);
  EXPECT_EQ(out, RenderJson(report, {.indent = -1}));
}

class FailingSink final : public ReportSink {
 public:
  Status Begin(const Report&, size_t, size_t) override { return Status(); }
  std::string Render(const Story& story,
                     const std::vector<ArticleSummary>&) const override {
    return std::to_string(story.id);
  }
  Status Write(const std::string&) override {
    ++writes;
    return Status::IoError("disk full");
  }
  Status End() override { return Status(); }
  int writes = 0;
};

TEST(EngineTest, AFailingSinkStopsTheRunWithItsError) {
  Engine engine;
  engine.AddPaths({kExamples + "/articles.jsonl"});
  FailingSink sink;
  Result<RunStats> r = engine.Run(&sink);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("disk full"), std::string::npos);
  EXPECT_EQ(sink.writes, 1);
}

// Verbatim copies share their original's tokenisation and, when published
// at the same time, its extracted facts (ReuseInStory). A copy published
// later must still date its mentions from its own publication: "July 1"
// without a year is the nearest July 1, which is in 2026 for the wire of
// 29 December 2026 and in 2027 for the copy of 4 January.
TEST(EngineTest, VerbatimCopiesDateFromTheirOwnPublication) {
  const std::string body =
      "The harbour bridge at Calderwick will close on July 2 for repairs "
      "to its northern span, the county council said. Engineers found "
      "cracks in 14 steel cables during an inspection on July 1.\n\n"
      "The closure is expected to last 12 days. Ferries will run every "
      "20 minutes while the bridge is shut, the council said.";
  AnalyzeOptions options;
  Engine engine(options);
  auto add = [&engine, &body](const char* id, const char* date,
                              int64_t time) {
    Article a;
    a.id = id;
    a.title = "Calderwick harbour bridge to close for repairs";
    a.text = body;
    a.published = date;
    a.published_time = time;  // as ingest parses `published`
    engine.AddArticle(std::move(a));
  };
  add("wire", "2026-12-29", 1798502400);
  add("copy", "2026-12-29", 1798502400);
  add("late-copy", "2027-01-04", 1799020800);
  const Report report = engine.Run();
  ASSERT_EQ(report.stories.size(), 1u);
  const Story& st = report.stories[0];
  std::map<std::string, std::set<std::string>> dates;  // value -> ids
  for (const FactClaim& c : st.claims) {
    if (c.kind != "date") continue;
    for (uint32_t i : c.articles) dates[c.value].insert(report.articles[i].id);
  }
  const std::set<std::string> wire_and_copy{"wire", "copy"};
  const std::set<std::string> late{"late-copy"};
  EXPECT_EQ(dates["2026-07-01"], wire_and_copy);
  EXPECT_EQ(dates["2026-07-02"], wire_and_copy);
  EXPECT_EQ(dates["2027-07-01"], late);
  EXPECT_EQ(dates["2027-07-02"], late);
  // And all three are copies of one text.
  ASSERT_EQ(st.relations.size(), 3u);
  for (const PairwiseRelation& r : st.relations) {
    EXPECT_EQ(r.relation, "duplicate");
  }
}

TEST(EngineTest, NoInputGivesAnEmptyReport) {
  Engine engine;
  const Report report = engine.Run();
  EXPECT_TRUE(report.articles.empty());
  EXPECT_TRUE(report.stories.empty());
  EXPECT_NE(RenderJson(report).find("\"stories\": []"), std::string::npos);
}

}  // namespace
}  // namespace concord
