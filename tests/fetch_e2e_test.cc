// End to end: `concord fetch` against a test server on 127.0.0.1 that this
// test starts itself (src/fetch/test_http_server.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "src/fetch/test_http_server.h"
#include "src/fetch/warc_test_reader.h"
#include "tests/test_util.h"

namespace concord {
namespace {

using fetch::testing::AddTestSite;
using fetch::testing::ReadWarcForTest;
using fetch::testing::TestHttpServer;
using fetch::testing::WarcTestRecord;
using ::testing::HasSubstr;
using testing::MakeTempDir;
using testing::RunConcord;
using testing::WriteFile;

// Fast limits for the tests.
const char kFast[] = " --rate 0.02 --timeout 0.5 --retries 0 ";

class FetchE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.ok());
    AddTestSite(server_, 0.02);
    dir_ = MakeTempDir("fetch-e2e");
  }
  std::string Q(const std::string& path) {
    return "'" + server_.Url(path) + "'";
  }
  TestHttpServer server_;
  std::string dir_;
};

TEST_F(FetchE2eTest, FetchesUrlsAndAListIntoAWarc) {
  WriteFile(dir_ + "/urls.txt", "# list\n" + server_.Url("/page/2") + "\n" +
                                    server_.Url("/private/secret") + "\n");
  const std::string out = dir_ + "/out.warc.gz";
  const testing::CommandResult r =
      RunConcord("fetch " + Q("/page/1") + " " + Q("/missing") + " " +
                 Q("/chain/1") + " --urls " + dir_ + "/urls.txt -o " + out +
                 kFast + "--max-bytes 1048576 --max-redirects 5");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("fetched 200 "));
  EXPECT_THAT(r.err, HasSubstr(" B " + server_.Url("/page/1") + "\n"));
  EXPECT_THAT(r.err, HasSubstr(server_.Url("/chain/1") + " -> " +
                               server_.Url("/page/1") + "\n"));
  EXPECT_THAT(r.err,
              HasSubstr("failed " + server_.Url("/missing") + ": HTTP 404\n"));
  EXPECT_THAT(r.err, HasSubstr("failed " + server_.Url("/private/secret") +
                               ": disallowed by robots.txt\n"));
  EXPECT_THAT(r.err, HasSubstr("fetched 3 of 5 URLs, 2 failed, 1 disallowed "
                               "by robots.txt; 13 WARC records in " +
                               out + "\n"));
  Result<std::vector<WarcTestRecord>> warc = ReadWarcForTest(out);
  ASSERT_TRUE(warc.ok()) << warc.status().ToString();
  ASSERT_EQ(warc->size(), 13u);  // warcinfo + 6 exchanges (chain: 4)
  EXPECT_EQ((*warc)[0].Header("WARC-Type"), "warcinfo");
  EXPECT_EQ(server_.CountOf("/private/secret"), 0);
  EXPECT_EQ(server_.CountOf("/robots.txt"), 1);
}

TEST_F(FetchE2eTest, FetchesAFeedsItems) {
  const std::string out = dir_ + "/feed.warc";
  const testing::CommandResult r =
      RunConcord("fetch --feed " + Q("/feed.xml") + " -o " + out + kFast);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("fetched feed 200 "));
  EXPECT_THAT(r.err, HasSubstr(server_.Url("/feed.xml") + " (4 items)\n"));
  EXPECT_THAT(r.err, HasSubstr("fetched 3 of 5 URLs, 2 failed, 1 disallowed "
                               "by robots.txt; 7 WARC records in " +
                               out + "\n"));
  Result<std::vector<WarcTestRecord>> warc = ReadWarcForTest(out);
  ASSERT_TRUE(warc.ok()) << warc.status().ToString();
  EXPECT_EQ(warc->size(), 7u);
  const testing::CommandResult bad =
      RunConcord("fetch --feed " + dir_ + "/absent.xml -o " + out);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr(dir_ + "/absent.xml"));
}

TEST_F(FetchE2eTest, ExitsOneWhenEverythingFailed) {
  const testing::CommandResult r = RunConcord(
      "fetch " + Q("/missing") + " " + Q("/slow") + " " + Q("/loop/a") + " " +
      Q("/big") + " -o " + dir_ + "/out.warc --max-bytes 1024" + kFast);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("failed " + server_.Url("/slow") +
                               ": timed out after 0.5 s\n"));
  EXPECT_THAT(r.err, HasSubstr("failed " + server_.Url("/loop/a") +
                               ": redirect loop ("));
  EXPECT_THAT(r.err, HasSubstr("failed " + server_.Url("/big") +
                               ": body larger than 1 KiB limit\n"));
  EXPECT_THAT(r.err, HasSubstr("fetched 0 of 4 URLs, 4 failed; 1 WARC "
                               "records in "));
  Result<std::vector<WarcTestRecord>> warc =
      ReadWarcForTest(dir_ + "/out.warc");
  ASSERT_TRUE(warc.ok()) << warc.status().ToString();
  EXPECT_EQ(warc->size(), 1u);
}

TEST_F(FetchE2eTest, RetriesAndRetryAfter) {
  const testing::CommandResult r =
      RunConcord("fetch " + Q("/flaky") + " " + Q("/busy") + " -o " + dir_ +
                 "/out.warc --rate 0.02 --retries 2");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("fetched 2 of 2 URLs, 0 failed;"));
  const std::vector<double> busy = server_.TimesOf("/busy");
  ASSERT_EQ(busy.size(), 2u);
  EXPECT_GE(busy[1] - busy[0], 0.95);
}

TEST_F(FetchE2eTest, UsageErrorsExitTwo) {
  const std::string out = " -o " + dir_ + "/x.warc";
  EXPECT_EQ(RunConcord("fetch" + out).exit_code, 2);
  EXPECT_EQ(RunConcord("fetch " + Q("/page/1")).exit_code, 2);  // no -o
  EXPECT_EQ(RunConcord("fetch " + Q("/page/1") + out + " --rate -1").exit_code,
            2);
  EXPECT_EQ(
      RunConcord("fetch " + Q("/page/1") + out + " --retries lots").exit_code,
      2);
  EXPECT_EQ(
      RunConcord("fetch " + Q("/page/1") + out + " --ignore-robots").exit_code,
      2);
  const testing::CommandResult no_dir =
      RunConcord("fetch " + Q("/page/1") + " -o /nonexistent-dir/x.warc");
  EXPECT_EQ(no_dir.exit_code, 2);
  EXPECT_THAT(no_dir.err, HasSubstr("/nonexistent-dir/x.warc: cannot create"));
  const testing::CommandResult no_list =
      RunConcord("fetch --urls " + dir_ + "/absent.txt" + out);
  EXPECT_EQ(no_list.exit_code, 2);
  EXPECT_THAT(no_list.err, HasSubstr(dir_ + "/absent.txt"));
  EXPECT_EQ(server_.Requests().size(), 0u);
}

TEST_F(FetchE2eTest, JunkInputNeverCrashes) {
  std::string junk = "\x01\x02\xff\xfe not a url\n";
  junk += std::string(100000, 'h') + "\n";
  junk += "http://\n";
  junk += "https://[::1\n";
  junk += "javascript:alert(1)\n";
  junk += std::string("http://127.0.0.1:") + "99999/\n";
  junk += std::string("\0\0\0", 3) + "\n";
  WriteFile(dir_ + "/junk.txt", junk);
  const testing::CommandResult r = RunConcord(
      "fetch --urls " + dir_ + "/junk.txt -o " + dir_ + "/j.warc" + kFast);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr("fetched 0 of 7 URLs, 7 failed;"));
  EXPECT_THAT(r.err, HasSubstr(dir_ + "/junk.txt:5: javascript:alert(1): "));
}

}  // namespace
}  // namespace concord
