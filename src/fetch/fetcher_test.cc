#include "src/fetch/fetcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "src/fetch/test_http_server.h"

namespace concord::fetch {
namespace {

using testing::AddTestSite;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::kTimestampJitterSeconds;
using testing::TestHttpServer;
using testing::TestRequest;
using testing::TestResponse;

constexpr double kCrawlDelay = 0.15;

// Short limits so that the suite stays fast.
FetchOptions TestOptions() {
  FetchOptions o;
  o.connect_timeout_seconds = 2;
  o.timeout_seconds = 2;
  o.retries = 1;
  o.retry_base_delay_seconds = 0.05;
  o.min_host_interval_seconds = 0.05;
  o.max_body_bytes = 1 << 20;
  return o;
}

double Now() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

class FetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.ok());
    AddTestSite(server_, kCrawlDelay);
  }
  TestHttpServer server_;
};

TEST_F(FetcherTest, FetchesAPageAndKeepsBothHeads) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch(server_.Url("/page/1"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_NE(r.final(), nullptr);
  const Exchange& ex = *r.final();
  EXPECT_EQ(ex.http_status, 200);
  EXPECT_EQ(ex.url, server_.Url("/page/1"));
  EXPECT_THAT(ex.request, StartsWith("GET /page/1 HTTP/1.1\r\n"));
  EXPECT_THAT(ex.request,
              HasSubstr("User-Agent: concord/0.1 (+https://example.invalid/"
                        "concord)\r\n"));
  EXPECT_THAT(ex.request, ::testing::EndsWith("\r\n\r\n"));
  EXPECT_THAT(ex.response_head, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(ex.response_head, ::testing::EndsWith("\r\n\r\n"));
  EXPECT_THAT(ex.response_head,
              HasSubstr("Content-Length: " + std::to_string(ex.body.size())));
  EXPECT_THAT(ex.body, HasSubstr("Harbour notes 1"));
  EXPECT_EQ(ex.ip, "127.0.0.1");
  EXPECT_EQ(ex.content_type, "text/html; charset=utf-8");
  EXPECT_GT(ex.unix_seconds, 1700000000);
  // robots.txt first, then the page.
  const std::vector<TestRequest> log = server_.Requests();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].path, "/robots.txt");
  EXPECT_EQ(log[1].path, "/page/1");
  EXPECT_EQ(log[1].headers.at("user-agent"), TestOptions().user_agent);
}

TEST_F(FetcherTest, NotFoundIsAValue) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch(server_.Url("/missing"));
  EXPECT_EQ(r.status.code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status.message(), server_.Url("/missing") + ": HTTP 404");
  EXPECT_EQ(r.http_status, 404);
  EXPECT_TRUE(r.exchanges.empty());
  EXPECT_EQ(server_.CountOf("/missing"), 1);  // 404 is not retried
}

TEST_F(FetcherTest, FollowsARedirectChainWithinTheLimit) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch(server_.Url("/chain/1"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.exchanges.size(), 4u);
  EXPECT_EQ(r.exchanges[0].http_status, 301);
  EXPECT_EQ(r.exchanges[0].location, server_.Url("/chain/2"));
  EXPECT_EQ(r.exchanges[1].http_status, 302);
  EXPECT_EQ(r.exchanges[2].http_status, 307);
  EXPECT_EQ(r.exchanges[3].url, server_.Url("/page/1"));
  EXPECT_EQ(r.final()->http_status, 200);
}

TEST_F(FetcherTest, DetectsARedirectLoop) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch(server_.Url("/loop/a"));
  EXPECT_EQ(r.status.message(), server_.Url("/loop/a") + ": redirect loop (" +
                                    server_.Url("/loop/a") + " again)");
  EXPECT_TRUE(r.exchanges.empty());
  EXPECT_EQ(server_.CountOf("/loop/a"), 1);
  EXPECT_EQ(server_.CountOf("/loop/b"), 1);
}

TEST_F(FetcherTest, StopsAfterMaxRedirects) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch(server_.Url("/hops/0"));
  EXPECT_EQ(r.status.message(),
            server_.Url("/hops/0") + ": more than 5 redirects");
  EXPECT_EQ(server_.CountOf("/hops/5"), 1);
  EXPECT_EQ(server_.CountOf("/hops/6"), 0);
}

TEST_F(FetcherTest, TimesOutOnASlowServer) {
  FetchOptions o = TestOptions();
  o.timeout_seconds = 0.5;
  o.retries = 0;
  Fetcher fetcher(o);
  const double start = Now();
  const FetchResult r = fetcher.Fetch(server_.Url("/slow"));
  EXPECT_LT(Now() - start, 3.0);
  EXPECT_EQ(r.status.message(),
            server_.Url("/slow") + ": timed out after 0.5 s");
}

TEST_F(FetcherTest, RetriesATimeoutThenReportsTheAttempts) {
  FetchOptions o = TestOptions();
  o.timeout_seconds = 0.3;
  o.retries = 1;
  Fetcher fetcher(o);
  const FetchResult r = fetcher.Fetch(server_.Url("/slow"));
  EXPECT_EQ(
      r.status.message(),
      server_.Url("/slow") + ": timed out after 0.3 s (after 2 attempts)");
  EXPECT_EQ(server_.CountOf("/slow"), 2);
}

TEST_F(FetcherTest, RefusesBodiesOverTheLimit) {
  Fetcher fetcher(TestOptions());
  for (const char* path : {"/big", "/big-chunked"}) {
    const FetchResult r = fetcher.Fetch(server_.Url(path));
    EXPECT_EQ(r.status.message(),
              server_.Url(path) + ": body larger than 1 MiB limit");
    EXPECT_TRUE(r.exchanges.empty());
  }
  EXPECT_EQ(server_.CountOf("/big"), 1);  // not retried
}

TEST_F(FetcherTest, Retries503ThenSucceeds) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch(server_.Url("/flaky"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_THAT(r.final()->body, HasSubstr("Second time lucky"));
  EXPECT_EQ(server_.CountOf("/flaky"), 2);
  ASSERT_EQ(r.exchanges.size(), 1u);  // the 503 is not archived
}

TEST_F(FetcherTest, Gives503UpAfterTheRetries) {
  server_.Route("/down", [](const TestRequest&, int) {
    TestResponse r;
    r.status = 503;
    return r;
  });
  FetchOptions o = TestOptions();
  o.retries = 2;
  Fetcher fetcher(o);
  const FetchResult r = fetcher.Fetch(server_.Url("/down"));
  EXPECT_EQ(r.status.message(),
            server_.Url("/down") + ": HTTP 503 (after 3 attempts)");
  EXPECT_EQ(server_.CountOf("/down"), 3);
}

TEST_F(FetcherTest, Honours429RetryAfter) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch(server_.Url("/busy"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  const std::vector<double> times = server_.TimesOf("/busy");
  ASSERT_EQ(times.size(), 2u);
  EXPECT_GE(times[1] - times[0], 0.95);
}

TEST_F(FetcherTest, GivesUpWhenRetryAfterExceedsTheCap) {
  server_.Route("/later", [](const TestRequest&, int) {
    TestResponse r;
    r.status = 503;
    r.headers = {{"Retry-After", "3600"}};
    return r;
  });
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch(server_.Url("/later"));
  EXPECT_EQ(r.status.message(),
            server_.Url("/later") +
                ": HTTP 503, Retry-After 3600 s exceeds the 60 s cap");
  EXPECT_EQ(server_.CountOf("/later"), 1);
}

TEST_F(FetcherTest, ObeysRobotsTxtAndFetchesItOnce) {
  Fetcher fetcher(TestOptions());
  const FetchResult denied = fetcher.Fetch(server_.Url("/private/secret"));
  EXPECT_TRUE(denied.disallowed);
  EXPECT_EQ(denied.status.message(),
            server_.Url("/private/secret") + ": disallowed by robots.txt");
  const FetchResult via = fetcher.Fetch(server_.Url("/to-private"));
  EXPECT_TRUE(via.disallowed);
  EXPECT_EQ(via.status.message(), server_.Url("/to-private") +
                                      ": disallowed by robots.txt at " +
                                      server_.Url("/private/secret"));
  EXPECT_TRUE(fetcher.Fetch(server_.Url("/page/2")).status.ok());
  EXPECT_EQ(server_.CountOf("/private/secret"), 0);
  EXPECT_EQ(server_.CountOf("/robots.txt"), 1);
}

TEST_F(FetcherTest, SpacesRequestsToOneHostByTheCrawlDelay) {
  Fetcher fetcher(TestOptions());
  for (const char* p : {"/page/1", "/page/2", "/page/3", "/page/1"}) {
    EXPECT_TRUE(fetcher.Fetch(server_.Url(p)).status.ok());
  }
  const std::vector<TestRequest> log = server_.Requests();
  ASSERT_EQ(log.size(), 5u);  // robots.txt and four pages
  for (size_t i = 1; i < log.size(); ++i) {
    EXPECT_GE(log[i].at_seconds - log[i - 1].at_seconds, kCrawlDelay - kTimestampJitterSeconds)
        << "between " << log[i - 1].path << " and " << log[i].path;
  }
}

TEST_F(FetcherTest, DecodedGzipLeavesASelfConsistentHead) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch(server_.Url("/gzip"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  const Exchange& ex = *r.final();
  EXPECT_THAT(ex.body, HasSubstr("travels gzip-encoded"));
  EXPECT_THAT(ex.request, HasSubstr("Accept-Encoding:"));
  EXPECT_THAT(ex.response_head,
              ::testing::Not(HasSubstr("\r\nContent-Encoding:")));
  EXPECT_THAT(ex.response_head,
              HasSubstr("X-Concord-Decoded: Content-Encoding gzip\r\n"));
  EXPECT_THAT(ex.response_head,
              HasSubstr("Content-Length: " + std::to_string(ex.body.size()) +
                        "\r\n\r\n"));
}

TEST_F(FetcherTest, OnlyHttpAndHttps) {
  Fetcher fetcher(TestOptions());
  EXPECT_EQ(fetcher.Fetch("ftp://127.0.0.1/file").status.message(),
            "ftp://127.0.0.1/file: unsupported scheme \"ftp\" (only http and "
            "https)");
  EXPECT_EQ(fetcher.Fetch("file:///etc/passwd").status.code(),
            StatusCode::kBadInput);
  EXPECT_THAT(fetcher.Fetch("not a url").status.message(),
              StartsWith("not a url: not a URL"));
  const FetchResult r = fetcher.Fetch(server_.Url("/to-ftp"));
  EXPECT_EQ(r.status.message(),
            server_.Url("/to-ftp") +
                ": redirect to ftp://127.0.0.1/file: unsupported scheme "
                "\"ftp\" (only http and https)");
}

TEST(FetcherNoServerTest, UnreachableHostIsDisallowedWithTheReason) {
  int port = 0;
  {
    TestHttpServer closed;  // take a free port, then close it
    port = closed.port();
  }
  FetchOptions o = TestOptions();
  o.retries = 2;
  Fetcher fetcher(o);
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/x";
  const FetchResult r = fetcher.Fetch(url);
  // robots.txt unreachable: everything disallowed (RFC 9309).
  EXPECT_TRUE(r.disallowed);
  EXPECT_THAT(r.status.message(),
              StartsWith(url + ": disallowed by robots.txt (http://127.0.0.1:" +
                         std::to_string(port) + "/robots.txt: "));
  EXPECT_THAT(r.status.message(), HasSubstr("(after 3 attempts))"));
}

TEST(FetcherNoServerTest, Robots5xxDisallowsAnd404Allows) {
  TestHttpServer down, absent;
  ASSERT_TRUE(down.ok() && absent.ok());
  down.Route("/robots.txt", [](const TestRequest&, int) {
    TestResponse r;
    r.status = 500;
    return r;
  });
  for (TestHttpServer* s : {&down, &absent}) {
    s->Route("/page", [](const TestRequest&, int) {
      TestResponse r;
      r.body = "hello";
      return r;
    });
  }
  FetchOptions o = TestOptions();
  o.retries = 0;
  Fetcher fetcher(o);
  const FetchResult r = fetcher.Fetch(down.Url("/page"));
  EXPECT_TRUE(r.disallowed);
  EXPECT_EQ(r.status.message(), down.Url("/page") +
                                    ": disallowed by robots.txt (" +
                                    down.Url("/robots.txt") + ": HTTP 500)");
  EXPECT_EQ(down.CountOf("/page"), 0);
  EXPECT_TRUE(fetcher.Fetch(absent.Url("/page")).status.ok());
}

TEST(FetcherNoServerTest, RobotsTxtIsReadUpTo500KiB) {
  TestHttpServer server;
  ASSERT_TRUE(server.ok());
  server.Route("/robots.txt", [](const TestRequest&, int) {
    TestResponse r;
    r.body = "User-agent: *\nDisallow: /early\n";
    while (r.body.size() < 600 * 1024) r.body += "# filler filler filler\n";
    r.body += "Disallow: /late\n";
    return r;
  });
  for (const char* p : {"/early", "/late"}) {
    server.Route(p, [](const TestRequest&, int) { return TestResponse{}; });
  }
  Fetcher fetcher(TestOptions());
  EXPECT_TRUE(fetcher.Fetch(server.Url("/early")).disallowed);
  EXPECT_TRUE(fetcher.Fetch(server.Url("/late")).status.ok());
}

TEST(FetcherNoServerTest, RobotsTxtRedirects) {
  // Followed: the rules at the end of the chain apply.
  TestHttpServer moved;
  ASSERT_TRUE(moved.ok());
  moved.Route("/robots.txt", [](const TestRequest&, int) {
    TestResponse r;
    r.status = 301;
    r.headers = {{"Location", "/rules.txt"}};
    return r;
  });
  moved.Route("/rules.txt", [](const TestRequest&, int) {
    TestResponse r;
    r.body = "User-agent: *\nDisallow: /closed\n";
    return r;
  });
  // Looping: robots.txt is "unavailable", so everything is allowed.
  TestHttpServer looping;
  ASSERT_TRUE(looping.ok());
  looping.Route("/robots.txt", [](const TestRequest&, int) {
    TestResponse r;
    r.status = 302;
    r.headers = {{"Location", "/robots.txt"}};
    return r;
  });
  for (TestHttpServer* s : {&moved, &looping}) {
    s->Route("/closed", [](const TestRequest&, int) { return TestResponse{}; });
  }
  Fetcher fetcher(TestOptions());
  EXPECT_TRUE(fetcher.Fetch(moved.Url("/closed")).disallowed);
  EXPECT_TRUE(fetcher.Fetch(looping.Url("/closed")).status.ok());
  EXPECT_EQ(looping.CountOf("/robots.txt"), 1);
}

TEST(FetcherNoServerTest, CrawlDelayIsCapped) {
  TestHttpServer server;
  ASSERT_TRUE(server.ok());
  AddTestSite(server, 3600);
  FetchOptions o = TestOptions();
  o.max_crawl_delay_seconds = 0.2;
  Fetcher fetcher(o);
  EXPECT_TRUE(fetcher.Fetch(server.Url("/page/1")).status.ok());
  EXPECT_TRUE(fetcher.Fetch(server.Url("/page/2")).status.ok());
  const std::vector<TestRequest> log = server.Requests();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_GE(log[2].at_seconds - log[1].at_seconds,
            0.2 - kTimestampJitterSeconds);
  EXPECT_LT(log[2].at_seconds - log[1].at_seconds, 2.0);
}

TEST_F(FetcherTest, HugeResponseHeadersAreRefused) {
  server_.Route("/headers", [](const TestRequest&, int) {
    TestResponse r;
    for (int i = 0; i < 30000; ++i) {
      r.headers.emplace_back("X-Filler-" + std::to_string(i),
                             std::string(40, 'v'));
    }
    return r;
  });
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch(server_.Url("/headers"));
  EXPECT_EQ(r.status.message(),
            server_.Url("/headers") + ": response headers larger than 256 KiB");
}

struct HeadCase {
  const char* head;
  size_t body_size;
  const char* expected;
};

// One row per case: a head as received, the size of the body curl
// delivered, and the head archived.
const HeadCase kHeadCases[] = {
    // Already consistent: unchanged, byte for byte.
    {"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", 5,
     "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"},
    {"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\ncontent-length:  5 "
     "\r\n\r\n",
     5,
     "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\ncontent-length:  5 "
     "\r\n\r\n"},
    // No length (HTTP/1.0, read to close): one is added.
    {"HTTP/1.0 200 OK\r\nServer: x\r\n\r\n", 3,
     "HTTP/1.0 200 OK\r\nServer: x\r\nContent-Length: 3\r\n\r\n"},
    // gzip decoded.
    {"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 40\r\n"
     "Vary: Accept-Encoding\r\n\r\n",
     120,
     "HTTP/1.1 200 OK\r\nVary: Accept-Encoding\r\nX-Concord-Decoded: "
     "Content-Encoding gzip\r\nContent-Length: 120\r\n\r\n"},
    // Chunked decoded.
    {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", 7,
     "HTTP/1.1 200 OK\r\nX-Concord-Decoded: Transfer-Encoding "
     "chunked\r\nContent-Length: 7\r\n\r\n"},
    // Both, header names in any case.
    {"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nCONTENT-ENCODING: "
     "br\r\n\r\n",
     9,
     "HTTP/1.1 200 OK\r\nX-Concord-Decoded: Content-Encoding br, "
     "Transfer-Encoding chunked\r\nContent-Length: 9\r\n\r\n"},
    // identity is no encoding; a wrong length is corrected.
    {"HTTP/1.1 200 OK\r\nContent-Encoding: identity\r\nContent-Length: "
     "99\r\n\r\n",
     4,
     "HTTP/1.1 200 OK\r\nContent-Encoding: identity\r\nContent-Length: "
     "4\r\n\r\n"},
    // A folded continuation line goes with its header.
    {"HTTP/1.1 200 OK\r\nContent-Encoding: gzip,\r\n  deflate\r\nX-A: "
     "1\r\n\r\n",
     2,
     "HTTP/1.1 200 OK\r\nX-A: 1\r\nX-Concord-Decoded: Content-Encoding "
     "gzip,\r\nContent-Length: 2\r\n\r\n"},
    // Bare LF line ends are kept as they came.
    {"HTTP/1.1 200 OK\nContent-Encoding: gzip\nX-B: 2\n\n", 1,
     "HTTP/1.1 200 OK\nX-B: 2\nX-Concord-Decoded: Content-Encoding "
     "gzip\r\nContent-Length: 1\r\n\r\n"},
};

TEST(SelfConsistentHeadTest, GoldenTable) {
  for (const HeadCase& c : kHeadCases) {
    EXPECT_EQ(SelfConsistentHead(c.head, c.body_size), c.expected)
        << "head: " << c.head;
  }
}

TEST(RetryAfterTest, SecondsAndHttpDates) {
  const int64_t now = 1445412480;  // Wed, 21 Oct 2015 07:28:00 GMT
  EXPECT_EQ(RetryAfterSeconds("120", now), 120);
  EXPECT_EQ(RetryAfterSeconds(" 0 ", now), 0);
  EXPECT_EQ(RetryAfterSeconds("99999999999999999999", now), 1e9);
  EXPECT_EQ(RetryAfterSeconds("Wed, 21 Oct 2015 07:30:00 GMT", now), 120);
  EXPECT_EQ(RetryAfterSeconds("Wed, 21 Oct 2015 07:00:00 GMT", now), 0);
  EXPECT_EQ(RetryAfterSeconds("", now), -1);
  EXPECT_EQ(RetryAfterSeconds("soon", now), -1);
  EXPECT_EQ(RetryAfterSeconds("-5", now), -1);
}

TEST(FormatBytesTest, Units) {
  EXPECT_EQ(FormatBytes(512), "512 B");
  EXPECT_EQ(FormatBytes(1 << 20), "1 MiB");
  EXPECT_EQ(FormatBytes(16 << 20), "16 MiB");
  EXPECT_EQ(FormatBytes(12595), "12.3 KiB");
}

TEST(ValidateFetchOptionsTest, RejectsNonsense) {
  EXPECT_TRUE(ValidateFetchOptions(FetchOptions()).ok());
  FetchOptions o;
  o.timeout_seconds = 0;
  EXPECT_FALSE(ValidateFetchOptions(o).ok());
  o = FetchOptions();
  o.user_agent = "/1.0";
  EXPECT_FALSE(ValidateFetchOptions(o).ok());
  o = FetchOptions();
  o.retries = -1;
  EXPECT_FALSE(ValidateFetchOptions(o).ok());
}

}  // namespace
}  // namespace concord::fetch
