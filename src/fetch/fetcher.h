// Fetcher: HTTP GET over libcurl with the politeness rules of fetch.h
// (robots.txt, per-host spacing, bounded retries) and every failure as a
// value.
//
// Fetch(url) follows redirects itself, one exchange per hop, rather than
// letting curl do it, so that each hop is checked against robots.txt, spaced
// by the rate limiter and archived, and so that loops are caught by URL
// ("redirect loop") rather than by count alone. Each hop goes through Get:
//   * only http and https, for the request and any redirect;
//   * HTTP/1.1 (the WARC record holds an HTTP/1.1 message);
//   * the body is capped at max_body_bytes: curl refuses a larger
//     Content-Length up front, and the write callback aborts a body that
//     grows past the cap ("body larger than 16 MiB limit");
//   * connection errors, timeouts, HTTP 429 and 5xx are retried up to
//     `retries` times, after base · 2^(k-1) seconds plus up to 50% jitter, or
//     after the server's Retry-After (seconds or an HTTP date) when it gives
//     one; a Retry-After beyond max_retry_after_seconds ends the attempts.
// robots.txt is fetched through the same path (without the robots check) the
// first time an origin (scheme://host:port) is seen, and cached for the
// Fetcher's life; its Crawl-delay raises the host's interval.
//
// Exchange keeps the request as curl sent it and the response head as
// received, except that when curl decoded a Content-Encoding (we ask for
// gzip/deflate) or a chunked Transfer-Encoding, those headers are dropped,
// Content-Length is set to the decoded body's size, and a header
// "X-Concord-Decoded: <what was dropped>" says so: the record stays a
// self-consistent HTTP message.
//
// Thread safety: NOT thread-safe; one Fetcher per thread. Cost: one curl
// easy handle (its connection cache is reused between requests); memory is
// one body at a time plus the robots rules of each origin seen.
// Tests: fetcher_test.cc, against test_http_server.h on 127.0.0.1.
#ifndef CONCORD_FETCH_FETCHER_H_
#define CONCORD_FETCH_FETCHER_H_

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "concord/fetch.h"
#include "concord/status.h"
#include "src/fetch/rate_limiter.h"
#include "src/fetch/robots.h"
#include "src/fetch/url.h"

namespace concord::fetch {

// One HTTP request and its response.
struct Exchange {
  std::string url;            // the request's URL (normalised)
  std::string request;        // request line + headers as sent, CRLF-ended
  std::string response_head;  // status line + headers + empty line
  std::string body;           // as delivered (decoded, see above)
  int http_status = 0;
  std::string ip;            // remote address, "" when unknown
  int64_t unix_seconds = 0;  // when the request started (UTC)
  std::string content_type;  // of the response, "" when absent
  std::string location;      // absolute redirect target, "" when none
};

struct FetchResult {
  std::string url;  // as asked for
  // When the fetch succeeded: the redirect hops, then the final response,
  // in order (the exchanges worth archiving). Empty when it failed (a 4xx or
  // 5xx, a redirect loop...); retried attempts are never kept.
  std::vector<Exchange> exchanges;
  Status status;            // OK when the final answer is 2xx
  bool disallowed = false;  // refused by robots.txt (status says so)
  int http_status = 0;      // of the last response, 0 when none
  const Exchange* final() const {
    return status.ok() && !exchanges.empty() ? &exchanges.back() : nullptr;
  }
};

// The response head rewritten for a body of `body_size` bytes as delivered
// (see above): Content-Encoding (unless identity) and Transfer-Encoding
// dropped and named in X-Concord-Decoded, Content-Length set. A head that
// needs none of this is returned unchanged, byte for byte.
std::string SelfConsistentHead(const std::string& head, size_t body_size);

// A Retry-After header value in seconds from `now_unix_seconds`: delta
// seconds ("120") or an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"; a date
// in the past gives 0). -1 when absent or unreadable.
double RetryAfterSeconds(std::string_view value, int64_t now_unix_seconds);

// "512 B", "3 KiB", "1.5 MiB": for limits in messages and progress lines.
std::string FormatBytes(int64_t bytes);

class Fetcher {
 public:
  // REQUIRES: ValidateFetchOptions(options).ok(). `clock` must outlive this.
  explicit Fetcher(const FetchOptions& options, Clock* clock = Clock::Real());
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Fetches `url`, honouring robots.txt, following up to max_redirects
  // redirects.
  FetchResult Fetch(std::string_view url);
  // Clock time at which a request to `url`'s host may start.
  double ReadyAt(const Url& url) const;

 private:
  struct Limits {
    int64_t max_body_bytes = 0;
    bool truncate = false;  // keep the first max_body_bytes instead of failing
  };

  // One GET, no redirects, with retries. Errors are transport failures; an
  // HTTP error status is an Exchange.
  Result<Exchange> Get(const Url& url, const Limits& limits);
  // Follows redirects from `start`. With check_robots, each hop must be
  // allowed. Returns the exchanges; `result->status` set on failure.
  void Follow(const Url& start, bool check_robots, const Limits& limits,
              FetchResult* result);
  struct OriginRobots {
    AgentRules rules;
    std::string note;  // why everything is disallowed, "" otherwise
  };
  const OriginRobots& RobotsFor(const Url& url);
  double BackoffSeconds(int retry);

  FetchOptions options_;
  Clock* clock_;
  HostRateLimiter limiter_;
  std::string product_token_;
  std::unordered_map<std::string, OriginRobots> robots_;  // by Url::Origin()
  std::mt19937_64 rng_;
  void* curl_;  // CURL*, kept opaque so that callers need no curl headers
};

// Checks that every option is in range ("--timeout must be positive").
Status ValidateFetchOptions(const FetchOptions& options);

}  // namespace concord::fetch

#endif  // CONCORD_FETCH_FETCHER_H_
