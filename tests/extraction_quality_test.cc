// Quality: article extraction on the Scrapinghub benchmark (figures and
// command in docs/quality.md). Skipped when ../shared is absent.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/test_util.h"

namespace concord {
namespace {

using nlohmann::json;

TEST(ExtractionQualityTest, ScrapinghubF1) {
  const std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/data not found";
  const std::string dir = shared + "/data/extraction/scrapinghub";
  auto r = testing::RunConcord("eval extraction " + dir + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["pages"].get<int>(), 181);
  EXPECT_GE(j["f1"].get<double>(), 0.96) << r.out;
  EXPECT_GE(j["precision"].get<double>(), 0.95) << r.out;
  EXPECT_GE(j["recall"].get<double>(), 0.95) << r.out;
}

TEST(ExtractionQualityTest, GumboReferenceAgrees) {
  // The fast parser must not cost quality against the conforming parser.
  const std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared/data not found";
  const std::string dir = shared + "/data/extraction/scrapinghub";
  auto fast = testing::RunConcord("eval extraction " + dir + " --format json");
  auto gumbo = testing::RunConcord("eval extraction " + dir +
                                   " --format json --parser gumbo");
  ASSERT_EQ(fast.exit_code, 0) << fast.err;
  ASSERT_EQ(gumbo.exit_code, 0) << gumbo.err;
  const double f = json::parse(fast.out)["f1"].get<double>();
  const double g = json::parse(gumbo.out)["f1"].get<double>();
  EXPECT_GE(f, g - 0.005) << "fast " << f << " gumbo " << g;
}

}  // namespace
}  // namespace concord
