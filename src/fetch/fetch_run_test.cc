#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "concord/fetch.h"
#include "src/base/env.h"
#include "src/fetch/sha1.h"
#include "src/fetch/test_http_server.h"
#include "src/fetch/warc_test_reader.h"
#include "src/ingest/reader.h"
#include "src/ingest/warc.h"

namespace concord {
namespace {

using fetch::testing::AddTestSite;
using fetch::testing::kTimestampJitterSeconds;
using fetch::testing::ReadWarcForTest;
using fetch::testing::TestHttpServer;
using fetch::testing::TestRequest;
using fetch::testing::WarcTestRecord;
using ::testing::HasSubstr;

std::string TempPath(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(CONCORD_BINARY_DIR) /
                                    "test-tmp" /
                                    ("fetch_run-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

FetchOptions TestOptions() {
  FetchOptions o;
  o.connect_timeout_seconds = 2;
  o.timeout_seconds = 0.5;
  o.retries = 1;
  o.retry_base_delay_seconds = 0.05;
  o.min_host_interval_seconds = 0.02;
  o.max_body_bytes = 1 << 20;
  return o;
}

struct Collected {
  std::vector<FetchOutcome> outcomes;
  std::map<std::string, FetchOutcome> by_url;
};

Result<FetchSummary> RunFetch(const FetchJob& job, const FetchOptions& o,
                              Collected* c) {
  return FetchToWarc(job, o, [c](const FetchOutcome& out) {
    c->outcomes.push_back(out);
    c->by_url[out.url] = out;
  });
}

class FetchRunTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.ok());
    AddTestSite(server_, 0.02);
  }
  TestHttpServer server_;
};

TEST_P(FetchRunTest, FetchesAListAndWritesAWellFormedWarc) {
  const std::string list = TempPath(std::string("urls-") + GetParam() + ".txt");
  {
    std::ofstream out(list);
    out << "# fixture list\n"
        << server_.Url("/page/2") << "\n\n"
        << "  " << server_.Url("/chain/1") << "  \n"
        << server_.Url("/private/secret") << "\n"
        << "ftp://127.0.0.1/file\n"
        << server_.Url("/page/1") << "#fragment\n";  // duplicate of a URL arg
  }
  FetchJob job;
  job.urls = {server_.Url("/page/1"), server_.Url("/missing"),
              server_.Url("/gzip")};
  job.url_list_path = list;
  job.output_path = TempPath(GetParam());
  Collected c;
  Result<FetchSummary> s = RunFetch(job, TestOptions(), &c);
  ASSERT_TRUE(s.ok()) << s.status().ToString();

  EXPECT_EQ(s->urls, 7);
  EXPECT_EQ(s->fetched, 4);
  EXPECT_EQ(s->failed, 3);
  EXPECT_EQ(s->disallowed, 1);
  ASSERT_EQ(c.outcomes.size(), 7u);
  const auto& missing = c.by_url.at(server_.Url("/missing"));
  EXPECT_EQ(missing.kind, FetchOutcome::Kind::kFailed);
  EXPECT_EQ(missing.status.message(), server_.Url("/missing") + ": HTTP 404");
  EXPECT_EQ(c.by_url.at(server_.Url("/private/secret")).kind,
            FetchOutcome::Kind::kDisallowed);
  EXPECT_EQ(c.by_url.at("ftp://127.0.0.1/file").status.message(),
            list +
                ":6: ftp://127.0.0.1/file: unsupported scheme \"ftp\" "
                "(only http and https)");
  const auto& chain = c.by_url.at(server_.Url("/chain/1"));
  EXPECT_EQ(chain.kind, FetchOutcome::Kind::kFetched);
  EXPECT_EQ(chain.final_url, server_.Url("/page/1"));
  EXPECT_EQ(chain.http_status, 200);
  EXPECT_GT(chain.body_bytes, 0);
  EXPECT_EQ(server_.CountOf("/page/1"), 2);  // once asked, once via the chain
  EXPECT_EQ(server_.CountOf("/private/secret"), 0);

  // warcinfo, then a request/response pair per exchange: page/1, page/2,
  // gzip, and the chain's four hops.
  Result<std::vector<WarcTestRecord>> read = ReadWarcForTest(job.output_path);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  const std::vector<WarcTestRecord>& r = *read;
  EXPECT_EQ(s->warc_records, static_cast<int64_t>(r.size()));
  ASSERT_EQ(r.size(), 1u + 2 * 7);
  EXPECT_EQ(r[0].Header("WARC-Type"), "warcinfo");
  std::map<std::string, int> responses;  // target URI -> count
  for (size_t i = 1; i < r.size(); i += 2) {
    EXPECT_EQ(r[i].Header("WARC-Type"), "request");
    EXPECT_EQ(r[i + 1].Header("WARC-Type"), "response");
    EXPECT_EQ(r[i].Header("WARC-Concurrent-To"),
              r[i + 1].Header("WARC-Record-ID"));
    EXPECT_EQ(r[i + 1].Header("WARC-IP-Address"), "127.0.0.1");
    ++responses[r[i + 1].Header("WARC-Target-URI")];
    // The HTTP message in the block is self-consistent: its Content-Length
    // is the size of what follows the head.
    const std::string& block = r[i + 1].block;
    const size_t head_end = block.find("\r\n\r\n");
    ASSERT_NE(head_end, std::string::npos);
    const std::string head = block.substr(0, head_end + 2);
    const std::string body = block.substr(head_end + 4);
    EXPECT_THAT(head, HasSubstr("\r\nContent-Length: " +
                                std::to_string(body.size()) + "\r\n"));
    EXPECT_THAT(head, ::testing::Not(HasSubstr("Content-Encoding:")));
    EXPECT_EQ(r[i + 1].Header("WARC-Payload-Digest"), fetch::WarcSha1(body));
  }
  EXPECT_EQ(responses[server_.Url("/page/1")], 2);
  EXPECT_EQ(responses[server_.Url("/chain/2")], 1);
  EXPECT_EQ(responses[server_.Url("/gzip")], 1);
  EXPECT_EQ(responses.count(server_.Url("/missing")), 0u);
}

INSTANTIATE_TEST_SUITE_P(PlainAndGzip, FetchRunTest,
                         ::testing::Values("run.warc", "run.warc.gz"));

// The archive is read back by the ingest module's WARC reader: pages come
// out as articles, redirects and requests are skipped, nothing is an error.
TEST(FetchRunIngestTest, ArchiveReadsBackThroughIngestWarc) {
  TestHttpServer server;
  ASSERT_TRUE(server.ok());
  AddTestSite(server, 0.02);
  FetchJob job;
  job.urls = {server.Url("/page/2"), server.Url("/chain/1"),
              server.Url("/gzip")};
  job.output_path = TempPath("ingest.warc.gz");
  Collected c;
  Result<FetchSummary> s = RunFetch(job, TestOptions(), &c);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->fetched, 3);
  ingest::CollectingSink sink;
  ingest::WarcStats stats;
  ingest::IngestWarc(*Env::Default(), job.output_path, {}, &sink, &stats);
  EXPECT_EQ(stats.errors, 0u);
  EXPECT_TRUE(sink.errors.empty());
  EXPECT_EQ(stats.records, 13u);  // warcinfo + 6 exchanges
  EXPECT_EQ(stats.pages, 3u);
  std::vector<std::string> urls;
  for (const Article& a : sink.articles) urls.push_back(a.url);
  EXPECT_THAT(urls, ::testing::UnorderedElementsAre(server.Url("/page/2"),
                                                    server.Url("/page/1"),
                                                    server.Url("/gzip")));
  for (const Article& a : sink.articles) {
    EXPECT_THAT(a.html, HasSubstr("</html>")) << a.url;
  }
}

TEST(FetchRunFeedTest, FetchesAFeedAndItsItems) {
  TestHttpServer server;
  ASSERT_TRUE(server.ok());
  AddTestSite(server, 0.02);
  FetchJob job;
  job.feed = server.Url("/feed.xml");
  job.urls = {server.Url("/page/1")};  // also an item: fetched once
  job.output_path = TempPath("feed.warc.gz");
  Collected c;
  Result<FetchSummary> s = RunFetch(job, TestOptions(), &c);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_FALSE(c.outcomes.empty());
  const FetchOutcome& feed = c.outcomes[0];
  EXPECT_TRUE(feed.is_feed);
  EXPECT_EQ(feed.kind, FetchOutcome::Kind::kFetched);
  EXPECT_EQ(feed.feed_items, 4);
  EXPECT_EQ(s->urls, 5);     // the feed and its four items
  EXPECT_EQ(s->fetched, 3);  // feed, page/1, page/2
  EXPECT_EQ(s->disallowed, 1);
  EXPECT_EQ(c.by_url.at(server.Url("/missing")).status.message(),
            server.Url("/missing") + ": HTTP 404");
  EXPECT_EQ(server.CountOf("/page/1"), 1);
  Result<std::vector<WarcTestRecord>> read = ReadWarcForTest(job.output_path);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 7u);
  EXPECT_EQ((*read)[2].Header("WARC-Type"), "response");
  EXPECT_EQ((*read)[2].Header("WARC-Target-URI"), server.Url("/feed.xml"));
  EXPECT_THAT((*read)[2].block, HasSubstr("<title>Harbour News</title>"));
}

TEST(FetchRunFeedTest, ReadsALocalFeedFile) {
  TestHttpServer server;
  ASSERT_TRUE(server.ok());
  AddTestSite(server, 0.02);
  const std::string path = TempPath("local feed.xml");
  {
    std::ofstream out(path);
    out << "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
        << "<title>Local</title><link href=\"" << server.Url("/") << "\"/>"
        << "<entry><title>One</title><link href=\"page/3\"/><id>a</id></entry>"
        << "<entry><title>No link here</title><id>b</id></entry>"
        << "</feed>";
  }
  FetchJob job;
  job.feed = path;
  job.output_path = TempPath("local-feed.warc");
  Collected c;
  Result<FetchSummary> s = RunFetch(job, TestOptions(), &c);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->urls, 2);
  EXPECT_EQ(s->fetched, 1);
  EXPECT_EQ(c.by_url.count(server.Url("/page/3")), 1u);
  EXPECT_EQ(c.by_url.at(path + ": item 2").status.message(),
            path + ": item 2 (\"No link here\") has no link");
  Result<std::vector<WarcTestRecord>> read = ReadWarcForTest(job.output_path);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), 4u);  // warcinfo, the feed, page/3's pair
  EXPECT_EQ((*read)[1].Header("WARC-Type"), "resource");
  EXPECT_EQ((*read)[1].Header("Content-Type"), "application/atom+xml");
  EXPECT_THAT((*read)[1].Header("WARC-Target-URI"),
              ::testing::EndsWith("/local%20feed.xml"));
}

TEST(FetchRunFeedTest, BadFeeds) {
  TestHttpServer server;
  ASSERT_TRUE(server.ok());
  AddTestSite(server, 0.02);
  // A local file that is not a feed: an error before anything is fetched.
  const std::string path = TempPath("not-a-feed.xml");
  {
    std::ofstream out(path);
    out << "<html><body>hello</body></html>";
  }
  FetchJob job;
  job.feed = path;
  job.output_path = TempPath("bad-feed.warc");
  Collected c;
  Result<FetchSummary> s = RunFetch(job, TestOptions(), &c);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.status().message(),
              ::testing::StartsWith(path + ": not a feed"));
  EXPECT_TRUE(server.Requests().empty());
  // A local feed over the size limit is refused unread.
  FetchOptions tiny = TestOptions();
  tiny.max_body_bytes = 10;
  s = RunFetch(job, tiny, &c);
  EXPECT_EQ(s.status().message(), path + ": feed larger than the 10 B limit");
  // A feed URL that answers with a page: that URL fails, the rest goes on.
  job.feed = server.Url("/page/1");
  job.urls = {server.Url("/page/2")};
  s = RunFetch(job, TestOptions(), &c);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->urls, 2);
  EXPECT_EQ(s->fetched, 1);
  EXPECT_THAT(c.by_url.at(server.Url("/page/1")).status.message(),
              ::testing::StartsWith(server.Url("/page/1") + ": not a feed"));
}

TEST(FetchRunHostsTest, InterleavesHostsInsteadOfWaiting) {
  TestHttpServer slow_host, other_host;
  ASSERT_TRUE(slow_host.ok() && other_host.ok());
  AddTestSite(slow_host, 0.4);    // reached as 127.0.0.1
  AddTestSite(other_host, 0.02);  // reached as localhost
  const std::string other =
      "http://localhost:" + std::to_string(other_host.port());
  FetchJob job;
  job.urls = {slow_host.Url("/page/1"), slow_host.Url("/page/2"),
              slow_host.Url("/page/3"), other + "/page/1",
              other + "/page/2",        other + "/page/3"};
  job.output_path = TempPath("hosts.warc");
  Collected c;
  Result<FetchSummary> s = RunFetch(job, TestOptions(), &c);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->fetched, 6);
  // The other host is done while the slow one is still waiting its turn.
  const std::vector<double> slow = slow_host.TimesOf("/page/3");
  const std::vector<double> fast = other_host.TimesOf("/page/3");
  ASSERT_EQ(slow.size(), 1u);
  ASSERT_EQ(fast.size(), 1u);
  EXPECT_LT(fast[0], slow[0]);
  // And the slow host's own spacing held.
  const std::vector<TestRequest> log = slow_host.Requests();
  for (size_t i = 1; i < log.size(); ++i) {
    EXPECT_GE(log[i].at_seconds - log[i - 1].at_seconds,
              0.4 - kTimestampJitterSeconds);
  }
}

TEST(FetchRunErrorsTest, BadJobsFailBeforeFetching) {
  FetchJob job;
  job.output_path = TempPath("never.warc");
  Collected c;
  EXPECT_EQ(RunFetch(job, TestOptions(), &c).status().code(),
            StatusCode::kInvalidArgument);
  job.url_list_path = TempPath("no-such-list.txt");
  EXPECT_EQ(RunFetch(job, TestOptions(), &c).status().code(),
            StatusCode::kNotFound);
  job.url_list_path.clear();
  job.urls = {"http://127.0.0.1:9/"};
  job.output_path = "/nonexistent-dir/out.warc";
  EXPECT_EQ(RunFetch(job, TestOptions(), &c).status().code(),
            StatusCode::kIoError);
  FetchOptions bad = TestOptions();
  bad.max_redirects = -1;
  job.output_path = TempPath("never.warc");
  EXPECT_EQ(RunFetch(job, bad, &c).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(c.outcomes.empty());
}

}  // namespace
}  // namespace concord
