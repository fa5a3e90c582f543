#include "src/fetch/warc_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "src/fetch/sha1.h"
#include "src/fetch/warc_test_reader.h"

namespace concord::fetch {
namespace {

using testing::ReadWarcForTest;
using testing::WarcTestRecord;

std::string TempPath(const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::path(CONCORD_BINARY_DIR) / "test-tmp" /
      ("warc_writer-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

Exchange SampleExchange(std::string body) {
  Exchange ex;
  ex.url = "http://news.example.invalid/a?b=1";
  ex.request =
      "GET /a?b=1 HTTP/1.1\r\nHost: news.example.invalid\r\n"
      "User-Agent: concord/0.1\r\n\r\n";
  ex.response_head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  ex.body = std::move(body);
  ex.http_status = 200;
  ex.ip = "192.0.2.7";
  ex.unix_seconds = 1764490500;  // 2025-11-30T08:15:00Z
  return ex;
}

class WarcWriterTest : public ::testing::TestWithParam<const char*> {};

TEST_P(WarcWriterTest, WritesWellFormedLinkedRecords) {
  const std::string path = TempPath(GetParam());
  std::string big_body;
  for (int i = 0; i < 20000; ++i)
    big_body += "line " + std::to_string(i) + "\n";
  {
    WarcInfo info;
    info.user_agent = "concord/0.1 (+test)";
    Result<std::unique_ptr<WarcWriter>> w = WarcWriter::Create(path, info);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    ASSERT_TRUE((*w)->WriteExchange(SampleExchange("<p>Hello</p>")).ok());
    ASSERT_TRUE((*w)->WriteExchange(SampleExchange(big_body)).ok());
    ASSERT_TRUE((*w)->WriteResource("file:///tmp/feed.xml",
                                    "application/rss+xml", "<rss/>", 1764490500)
                    .ok());
    EXPECT_EQ((*w)->records(), 6);
    ASSERT_TRUE((*w)->Close().ok());
    EXPECT_FALSE((*w)->WriteResource("x", "text/plain", "y", 0).ok());
  }
  Result<std::vector<WarcTestRecord>> read = ReadWarcForTest(path);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  const std::vector<WarcTestRecord>& r = *read;
  ASSERT_EQ(r.size(), 6u);

  const std::regex uuid(
      "<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
      "[0-9a-f]{12}>");
  const std::regex date("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  std::set<std::string> ids;
  for (const WarcTestRecord& rec : r) {
    EXPECT_TRUE(std::regex_match(rec.Header("WARC-Record-ID"), uuid))
        << rec.Header("WARC-Record-ID");
    EXPECT_TRUE(std::regex_match(rec.Header("WARC-Date"), date));
    EXPECT_EQ(rec.Header("WARC-Block-Digest"), WarcSha1(rec.block));
    EXPECT_EQ(rec.Header("Content-Length"), std::to_string(rec.block.size()));
    ids.insert(rec.Header("WARC-Record-ID"));
  }
  EXPECT_EQ(ids.size(), r.size());

  EXPECT_EQ(r[0].Header("WARC-Type"), "warcinfo");
  EXPECT_EQ(r[0].Header("Content-Type"), "application/warc-fields");
  EXPECT_EQ(r[0].Header("WARC-Filename"), GetParam());
  EXPECT_THAT(r[0].block,
              ::testing::HasSubstr("http-header-user-agent: concord/0.1 "
                                   "(+test)\r\n"));

  for (int i : {1, 3}) {
    const WarcTestRecord& req = r[i];
    const WarcTestRecord& resp = r[i + 1];
    EXPECT_EQ(req.Header("WARC-Type"), "request");
    EXPECT_EQ(resp.Header("WARC-Type"), "response");
    EXPECT_EQ(req.Header("Content-Type"), "application/http; msgtype=request");
    EXPECT_EQ(resp.Header("Content-Type"),
              "application/http; msgtype=response");
    EXPECT_EQ(req.Header("WARC-Concurrent-To"), resp.Header("WARC-Record-ID"));
    EXPECT_EQ(resp.Header("WARC-Concurrent-To"), req.Header("WARC-Record-ID"));
    EXPECT_EQ(req.Header("WARC-Warcinfo-ID"), r[0].Header("WARC-Record-ID"));
    EXPECT_EQ(resp.Header("WARC-Target-URI"),
              "http://news.example.invalid/a?b=1");
    EXPECT_EQ(resp.Header("WARC-Date"), "2025-11-30T08:15:00Z");
    EXPECT_EQ(resp.Header("WARC-IP-Address"), "192.0.2.7");
    EXPECT_THAT(req.block, ::testing::StartsWith("GET /a?b=1 HTTP/1.1\r\n"));
    const size_t head_end = resp.block.find("\r\n\r\n");
    ASSERT_NE(head_end, std::string::npos);
    const std::string payload = resp.block.substr(head_end + 4);
    EXPECT_EQ(resp.Header("WARC-Payload-Digest"), WarcSha1(payload));
  }
  EXPECT_THAT(r[2].block, ::testing::EndsWith("\r\n\r\n<p>Hello</p>"));
  EXPECT_THAT(r[4].block, ::testing::EndsWith(big_body));
  EXPECT_EQ(r[5].Header("WARC-Type"), "resource");
  EXPECT_EQ(r[5].Header("Content-Type"), "application/rss+xml");
  EXPECT_EQ(r[5].block, "<rss/>");
}

INSTANTIATE_TEST_SUITE_P(PlainAndGzip, WarcWriterTest,
                         ::testing::Values("out.warc", "out.warc.gz"));

TEST(WarcWriterFileTest, GzipFileIsOneMemberPerRecord) {
  const std::string path = TempPath("members.warc.gz");
  {
    auto w = WarcWriter::Create(path, {});
    ASSERT_TRUE(w.ok());
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE((*w)->WriteExchange(SampleExchange("body")).ok());
    }
    ASSERT_TRUE((*w)->Close().ok());
  }
  // ReadWarcForTest fails unless every member holds exactly one record.
  Result<std::vector<WarcTestRecord>> read = ReadWarcForTest(path);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->size(), 7u);
}

TEST(WarcWriterFileTest, HeaderValuesStayOnOneLine) {
  const std::string path = TempPath("newline.warc");
  {
    auto w = WarcWriter::Create(path, {});
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->WriteResource("file:///a\r\nWARC-Type: evil",
                                    "text/plain", "x", 0)
                    .ok());
    ASSERT_TRUE((*w)->Close().ok());
  }
  Result<std::vector<WarcTestRecord>> read = ReadWarcForTest(path);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ((*read)[1].Header("WARC-Type"), "resource");
  EXPECT_EQ((*read)[1].Header("WARC-Target-URI"), "file:///a  WARC-Type: evil");
}

TEST(WarcWriterFileTest, UnwritablePathIsAnError) {
  auto w = WarcWriter::Create("/nonexistent-dir/x.warc", {});
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(
      w.status().message(),
      "/nonexistent-dir/x.warc: cannot create: No such file or directory");
}

TEST(WarcDateTest, UtcSeconds) {
  EXPECT_EQ(WarcDate(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(WarcDate(1764490500), "2025-11-30T08:15:00Z");
}

}  // namespace
}  // namespace concord::fetch
