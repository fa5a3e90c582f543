// Quality: text reuse and paraphrase on labelled data (figures and commands
// in docs/quality.md). Skipped when ../shared is absent.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/test_util.h"

namespace concord {
namespace {

using nlohmann::json;

std::string Data(const std::string& rel) {
  const std::string shared = testing::SharedDir();
  return shared.empty() ? "" : shared + "/data/" + rel;
}

TEST(ReuseQualityTest, CloughDerivedVsNonAndFourClass) {
  const std::string file = Data("reuse/clough-ab.jsonl");
  if (file.empty()) GTEST_SKIP() << "../shared/data not found";
  auto r = testing::RunConcord("eval reuse " + file + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_GE(j["accuracy_derived_vs_non"].get<double>(), 0.95) << r.out;
  EXPECT_GE(j["accuracy_4class"].get<double>(), 0.75) << r.out;
}

TEST(ReuseQualityTest, MrpcTrainAccuracy) {
  const std::string file = Data("paraphrase/mrpc-train.jsonl");
  if (file.empty()) GTEST_SKIP() << "../shared/data not found";
  auto r = testing::RunConcord("eval paraphrase " + file + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  // Issue target 0.78 is not reached yet (docs/quality.md); this guards
  // the current level against regressions.
  EXPECT_GE(j["accuracy"].get<double>(), 0.72) << r.out;
  EXPECT_GE(j["f1"].get<double>(), 0.80) << r.out;
}

}  // namespace
}  // namespace concord
