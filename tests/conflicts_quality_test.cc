// Quality: factual conflicts on the labelled development sets (figures and
// commands in docs/quality.md). Skipped when ../shared is absent.
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

TEST(ConflictsQualityTest, FakesRecallAndRightKind) {
  const std::string file = Data("conflicts/fakes-dev.jsonl");
  if (file.empty()) GTEST_SKIP() << "../shared/data not found";
  auto r = testing::RunConcord("eval conflicts " + file + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["altered_pairs"].get<int>(), 257) << r.out;
  EXPECT_GE(j["recall"].get<double>(), 0.80) << r.out;
  EXPECT_GE(j["right_kind"].get<double>(), 0.70) << r.out;
}

TEST(ConflictsQualityTest, RestyledObjectiveAndNeutralFalseAlarms) {
  const std::string file = Data("conflicts/restyled-dev.jsonl");
  if (file.empty()) GTEST_SKIP() << "../shared/data not found";
  auto r = testing::RunConcord("eval conflicts " + file + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  const json& styles = j["per_style"];
  size_t pairs = 0, alarms = 0;
  for (const char* style : {"objective", "neutral"}) {
    ASSERT_TRUE(styles.contains(style)) << r.out;
    pairs += styles[style]["pairs"].get<size_t>();
    alarms += styles[style]["false_alarms"].get<size_t>();
  }
  ASSERT_EQ(pairs, 720u) << r.out;
  EXPECT_LE(double(alarms) / double(pairs), 0.15) << r.out;
}

}  // namespace
}  // namespace concord
