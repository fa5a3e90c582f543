// End to end: `concord analyze` gives the same JSON, byte for byte, with 1
// and 3 threads and with everything spilled to disk (--memory-budget 1), on
// the bundled examples (text, JSON Lines and web pages, plus a broken input
// so errors keep their place) and on a generated corpus
// (bench/gen_corpus.py; skipped without python3). Also: no progress bar
// when stderr is not a terminal.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/test_util.h"

namespace concord {
namespace {

using testing::ExamplePath;
using testing::MakeTempDir;
using testing::RunConcord;
using testing::WriteFile;

std::string Examples() { return ExamplePath(""); }

void ExpectSameForAnyThreads(const std::string& inputs, int want_exit) {
  const auto one =
      RunConcord("analyze " + inputs + " --format json --threads 1");
  ASSERT_EQ(one.exit_code, want_exit) << one.err;
  ASSERT_FALSE(one.out.empty());
  const auto three =
      RunConcord("analyze " + inputs + " --format json --threads 3");
  EXPECT_EQ(three.exit_code, want_exit) << three.err;
  EXPECT_TRUE(one.out == three.out) << "1 and 3 threads differ on " << inputs;
  EXPECT_EQ(one.err, three.err);
  const auto spilled = RunConcord(
      "analyze " + inputs + " --format json --threads 2 --memory-budget 1");
  EXPECT_EQ(spilled.exit_code, want_exit) << spilled.err;
  EXPECT_TRUE(one.out == spilled.out) << "spilling changes the report";
  // The JSON written as a stream is well-formed.
  const auto j = nlohmann::json::parse(one.out);
  EXPECT_GT(j["summary"]["stories"].get<int>(), 0);
}

TEST(ParallelTest, ExamplesSameWithAnyThreadCount) {
  const std::string dir = MakeTempDir("parallel_examples");
  // A broken JSON line between good ones: its error keeps its place.
  WriteFile(dir + "/broken.jsonl",
            "{\"id\": \"ok1\", \"text\": \"Floods hit the valley.\\n\\nRivers "
            "rose overnight across the valley.\"}\n{\"id\": \n"
            "{\"id\": \"ok2\", \"text\": \"Markets fell.\\n\\nShares fell "
            "sharply on Monday.\"}\n");
  ExpectSameForAnyThreads(Examples() + "/articles " + Examples() +
                              "/articles.jsonl " + Examples() + "/web " + dir +
                              "/broken.jsonl",
                          1);
}

TEST(ParallelTest, GeneratedCorpusSameWithAnyThreadCount) {
  if (std::system("python3 -c 1 >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3 not found: the corpus generator needs it";
  }
  const std::string dir = MakeTempDir("parallel_corpus");
  const std::string corpus = dir + "/corpus.jsonl";
  const std::string gen = "python3 " + std::string(CONCORD_SOURCE_DIR) +
                          "/bench/gen_corpus.py --articles 700 --per-day 200 "
                          "--out " +
                          corpus + " 2>/dev/null";
  ASSERT_EQ(std::system(gen.c_str()), 0) << gen;
  ExpectSameForAnyThreads(corpus, 0);
}

TEST(ParallelTest, NoProgressBarWhenStderrIsNotATerminal) {
  const auto r = RunConcord("analyze " + Examples() +
                            "/articles.jsonl --format json --threads 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << r.err;
}

TEST(ParallelTest, StatsNameThreadsAndWhatWasKept) {
  const auto r = RunConcord("analyze " + Examples() +
                            "/articles.jsonl --format json --threads 2 "
                            "--memory-budget 1 --stats -o /dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("2 threads"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("MB spilled"), std::string::npos) << r.err;
}

TEST(ParallelTest, UnwritableOutputIsAnError) {
  const auto r = RunConcord("analyze " + Examples() +
                            "/articles.jsonl --format json "
                            "-o /nonexistent/dir/report.json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/dir/report.json"), std::string::npos);
}

}  // namespace
}  // namespace concord
