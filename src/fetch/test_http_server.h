// A small HTTP/1.1 server for tests, on 127.0.0.1 and an ephemeral port.
//
// TestHttpServer accepts connections on its own thread and serves each one
// on a thread of its own (so that a slow handler does not hold up the next
// request), one request per connection ("Connection: close"). Handlers are
// routed by exact path (the query is not part of the route; unknown paths get
// 404). Every request is logged with the steady-clock time at which its head
// was complete, so that tests can measure spacing on the server side.
//
// AddTestSite installs the fixture site the fetch tests share: pages, a
// robots.txt with a Disallow and a Crawl-delay, an RSS feed, a slow page,
// oversized bodies, a redirect loop, chains, a 503 that succeeds on the
// second try, a 429 with Retry-After, and a gzip-encoded page.
//
// Thread safety: Route and the accessors may be called from any thread;
// handlers run on connection threads and must be thread-safe themselves.
// Cost: a thread per connection; test use only.
#ifndef CONCORD_FETCH_TEST_HTTP_SERVER_H_
#define CONCORD_FETCH_TEST_HTTP_SERVER_H_

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace concord::fetch::testing {

struct TestRequest {
  std::string method;
  std::string target;                          // path and query as sent
  std::string path;                            // target without the query
  std::map<std::string, std::string> headers;  // names lower-cased
  double at_seconds = 0;  // steady clock, when the head was read
};

// How much later than the client sent it the server may stamp a request
// (connection set-up and thread scheduling on a loaded machine). Tests of
// request spacing allow this much: the client's pacing is exact, the
// server's clock only sees it through this jitter.
inline constexpr double kTimestampJitterSeconds = 0.05;

struct TestResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  double delay_seconds = 0;  // wait before answering at all
  bool chunked = false;      // Transfer-Encoding: chunked, no Content-Length
  bool gzip = false;         // gzip the body, Content-Encoding: gzip
};

// `hit` counts requests to this path so far, starting at 1.
using TestHandler =
    std::function<TestResponse(const TestRequest& request, int hit)>;

class TestHttpServer {
 public:
  // Listens at once; check ok() (a test should ASSERT_TRUE(server.ok())).
  TestHttpServer();
  ~TestHttpServer();  // stops accepting, wakes delayed handlers, joins
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  bool ok() const { return listen_fd_ >= 0; }
  int port() const { return port_; }
  // "http://127.0.0.1:PORT" + path.
  std::string Url(std::string_view path) const;

  void Route(const std::string& path, TestHandler handler);
  std::vector<TestRequest> Requests() const;
  // Times (steady seconds) of the requests to `path`, in order.
  std::vector<double> TimesOf(const std::string& path) const;
  int CountOf(const std::string& path) const;

 private:
  void AcceptLoop();
  void Serve(int fd);
  // Sleeps up to `seconds`, returning early when the server stops.
  void Wait(double seconds);

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;

  mutable std::mutex mu_;
  std::condition_variable stop_cv_;
  std::map<std::string, TestHandler> routes_;  // GUARDED_BY(mu_)
  std::map<std::string, int> hits_;            // GUARDED_BY(mu_)
  std::vector<TestRequest> log_;               // GUARDED_BY(mu_)
  std::vector<std::thread> workers_;           // GUARDED_BY(mu_)
};

// The shared fixture site (all bodies invented for these tests):
//   /robots.txt          "User-agent: *", "Disallow: /private/",
//                        "Crawl-delay: <crawl_delay_seconds>"
//   /page/1 .. /page/3   small HTML pages
//   /feed.xml            RSS 2.0 with items linking /page/1, /page/2,
//                        /private/secret and /missing
//   /private/secret      a page robots.txt forbids
//   /missing             404
//   /slow                answers after 5 s
//   /big                 2 MiB body with Content-Length
//   /big-chunked         2 MiB body, chunked (no length known up front)
//   /loop/a <-> /loop/b  302s forever
//   /chain/1 -> /chain/2 -> /chain/3 -> /page/1   three 301/302/307 hops
//   /hops/N              302 to /hops/N+1, endlessly (distinct URLs)
//   /flaky               503 the first time, then a page
//   /busy                429 with "Retry-After: 1" the first time, then a page
//   /gzip                a page sent with Content-Encoding: gzip
//   /to-private          302 to /private/secret
//   /to-ftp              302 to ftp://127.0.0.1/file
void AddTestSite(TestHttpServer& server, double crawl_delay_seconds);

// gzip-compress `bytes` (one member).
std::string Gzip(std::string_view bytes);

}  // namespace concord::fetch::testing

#endif  // CONCORD_FETCH_TEST_HTTP_SERVER_H_
