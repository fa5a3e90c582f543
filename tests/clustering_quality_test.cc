// Quality: clustering scores on labelled news, with the default parameters.
// The figures are recorded in docs/quality.md.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/test_util.h"

namespace concord {
namespace {

using nlohmann::json;

TEST(ClusteringQualityTest, BasilBcubedF1AtLeast095) {
  const std::string shared = testing::SharedDir();
  if (shared.empty()) {
    GTEST_SKIP() << "../shared/data/clustering/basil.jsonl not found; "
                    "quality tests need ../shared";
  }
  auto r = testing::RunConcord("eval clustering " + shared +
                               "/data/clustering/basil.jsonl --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["items"], 300);
  EXPECT_GE(j["bcubed_f1"].get<double>(), 0.95) << r.out;
  EXPECT_GE(j["nmi"].get<double>(), 0.95) << r.out;
}

}  // namespace
}  // namespace concord
