// Engine: the streamed report (Run with a JsonReportWriter) is the whole
// report's RenderJson byte for byte, for 1 and 3 threads, in memory and
// with every text and term bag spilled to disk; and a failing sink stops
// the run with its error.
#include "concord/engine.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "concord/render.h"

namespace concord {
namespace {

const std::string kExamples = std::string(CONCORD_SOURCE_DIR) + "/examples";

std::string Streamed(AnalyzeOptions options, RunStats* stats) {
  Engine engine(options);
  engine.AddPaths({kExamples + "/articles.jsonl", kExamples + "/web"});
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

TEST(EngineTest, StreamedReportEqualsTheWholeReport) {
  AnalyzeOptions options;
  Engine engine(options);
  engine.AddPaths({kExamples + "/articles.jsonl", kExamples + "/web"});
  const Report report = engine.Run();
  ASSERT_GT(report.stories.size(), 1u);
  const std::string whole = RenderJson(report);

  for (unsigned threads : {1u, 3u}) {
    for (uint64_t budget : {uint64_t{1} << 30, uint64_t{0}}) {
      AnalyzeOptions o;
      o.threads = threads;
      o.memory_budget = budget;
      RunStats stats;
      const std::string streamed = Streamed(o, &stats);
      EXPECT_TRUE(streamed == whole)
          << threads << " threads, budget " << budget;
      EXPECT_EQ(stats.articles, report.articles.size());
      EXPECT_EQ(stats.stories, report.stories.size());
      EXPECT_EQ(stats.pairs_compared, report.stats.pairs_compared);
      if (budget == 0) {
        EXPECT_EQ(stats.held_bytes, 0u);
        EXPECT_GT(stats.spilled_bytes, 0u);
      }
    }
  }
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

TEST(EngineTest, NoInputGivesAnEmptyReport) {
  Engine engine;
  const Report report = engine.Run();
  EXPECT_TRUE(report.articles.empty());
  EXPECT_TRUE(report.stories.empty());
  EXPECT_NE(RenderJson(report).find("\"stories\": []"), std::string::npos);
}

}  // namespace
}  // namespace concord
