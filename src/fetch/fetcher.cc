// The fetcher: libcurl's easy interface driven one request at a time.
//
// Why not curl's own redirect following: a hop must be checked against the
// target's robots.txt before it is requested, it must wait its turn in the
// rate limiter, and it is archived as its own request/response pair. So
// FOLLOWLOCATION is off and Follow() asks curl for the resolved Location
// (CURLINFO_REDIRECT_URL) and loops, remembering every URL it has requested
// in this chain: a URL seen twice is a loop, reported at once instead of
// after max_redirects hops.
//
// What was sent is captured from curl's debug callback (CURLINFO_HEADER_OUT
// is the exact request head), what came back from the header callback (one
// line per call; a new status line restarts the head, so interim 1xx answers
// are dropped) and the body from the write callback, which also enforces the
// size cap: returning a short count makes curl stop with CURLE_WRITE_ERROR.
//
// Retries: an attempt is retried when curl failed for a reason that may pass
// (could not connect, timed out, connection cut, nothing received) or when
// the server said 429 or 5xx. The pause is the server's Retry-After when it
// sent one, else base · 2^(k-1) · (1 + U[0, 0.5)) — jitter so that many
// clients do not come back in step. The rate limiter spaces the attempts as
// well, so a retry never comes sooner than any other request would.
//
// Tests: fetcher_test.cc.
#include "src/base/ascii.h"
#include "src/fetch/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <unordered_set>

namespace concord::fetch {
namespace {

// Below curl's own 300 KiB limit, so that the message is ours.
constexpr size_t kMaxHeadBytes = 256 << 10;

CURL* Handle(void* p) { return static_cast<CURL*>(p); }

void GlobalInit() {
  static const bool done = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return true;
  }();
  (void)done;
}

std::string FormatSeconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

// The value of header `name` in a response head ("" when absent).
std::string HeaderValue(std::string_view head, std::string_view name) {
  size_t pos = head.find('\n');  // skip the status line
  while (pos != std::string_view::npos && pos + 1 < head.size()) {
    const size_t start = pos + 1;
    const size_t end = head.find('\n', start);
    const std::string_view line = head.substr(
        start, end == std::string_view::npos ? head.npos : end - start);
    if (StartsWithNoCase(line, name) && line.size() > name.size() &&
        line[name.size()] == ':') {
      return std::string(TrimHeaderSpace(line.substr(name.size() + 1)));
    }
    pos = end;
  }
  return {};
}

bool Retryable(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

}  // namespace

double RetryAfterSeconds(std::string_view value, int64_t now_unix_seconds) {
  value = TrimHeaderSpace(value);
  if (value.empty()) return -1;
  if (std::all_of(value.begin(), value.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    double v = 0;
    for (const char c : value) {
      v = v * 10 + (c - '0');
      if (v > 1e9) return 1e9;
    }
    return v;
  }
  const std::string copy(value);
  const time_t when = curl_getdate(copy.c_str(), nullptr);
  if (when < 0) return -1;
  return std::max<double>(
      0, static_cast<double>(when) - static_cast<double>(now_unix_seconds));
}

std::string SelfConsistentHead(const std::string& head, size_t body_size) {
  const std::string encoding = HeaderValue(head, "Content-Encoding");
  const std::string transfer = HeaderValue(head, "Transfer-Encoding");
  const bool decoded_encoding =
      !encoding.empty() && !StartsWithNoCase(encoding, "identity");
  const bool decoded_transfer = !transfer.empty();
  const std::string length = HeaderValue(head, "Content-Length");
  if (!decoded_encoding && !decoded_transfer &&
      length == std::to_string(body_size)) {
    return head;
  }
  std::string out;
  std::string dropped;
  bool dropping = false;
  size_t start = 0;
  bool first = true;
  while (start < head.size()) {
    size_t end = head.find('\n', start);
    end = end == std::string::npos ? head.size() : end + 1;
    const std::string_view line(head.data() + start, end - start);
    start = end;
    if (first) {
      out.append(line);
      first = false;
      continue;
    }
    if (TrimHeaderSpace(line).empty()) break;       // the empty line ends the head
    if (line[0] == ' ' || line[0] == '\t') {  // obsolete line folding
      if (!dropping) out.append(line);
      continue;
    }
    dropping =
        (decoded_encoding && StartsWithNoCase(line, "Content-Encoding:")) ||
        (decoded_transfer &&
         StartsWithNoCase(line, "Transfer-Encoding:")) ||
        StartsWithNoCase(line, "Content-Length:");
    if (!dropping) out.append(line);
  }
  if (decoded_encoding) dropped += "Content-Encoding " + encoding;
  if (decoded_transfer) {
    if (!dropped.empty()) dropped += ", ";
    dropped += "Transfer-Encoding " + transfer;
  }
  if (!dropped.empty()) out += "X-Concord-Decoded: " + dropped + "\r\n";
  out += "Content-Length: " + std::to_string(body_size) + "\r\n\r\n";
  return out;
}

std::string FormatBytes(int64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 3) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  if (u == 0 || v == std::floor(v)) {
    std::snprintf(buf, sizeof buf, "%.0f %s", v, units[u]);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
  }
  return buf;
}

Status ValidateFetchOptions(const FetchOptions& o) {
  auto bad = [](const char* what) {
    return Status::InvalidArgument(std::string(what));
  };
  if (ProductToken(o.user_agent).empty()) {
    return bad("the user agent must start with a name (letters, '_', '-')");
  }
  if (o.user_agent.find_first_of("\r\n") != std::string::npos) {
    return bad("the user agent must be one line");
  }
  if (!(o.connect_timeout_seconds > 0)) {
    return bad("the connect timeout must be positive");
  }
  if (!(o.timeout_seconds > 0)) return bad("the timeout must be positive");
  if (o.low_speed_bytes_per_second < 0 || o.low_speed_seconds < 0) {
    return bad("the low-speed limit must not be negative");
  }
  if (o.max_body_bytes <= 0) return bad("the body size limit must be positive");
  if (o.max_redirects < 0 || o.max_redirects > 50) {
    return bad("the redirect limit must be between 0 and 50");
  }
  if (o.retries < 0 || o.retries > 10) {
    return bad("the number of retries must be between 0 and 10");
  }
  if (!(o.retry_base_delay_seconds >= 0) || !(o.max_retry_after_seconds >= 0) ||
      !(o.min_host_interval_seconds >= 0) ||
      !(o.max_crawl_delay_seconds >= 0)) {
    return bad("delays and intervals must not be negative");
  }
  return Status::Ok();
}

namespace {

// The state of one attempt, shared with the curl callbacks.
struct Attempt {
  Exchange exchange;
  int64_t max_body_bytes = 0;
  bool truncate = false;
  bool too_large = false;
  bool head_too_large = false;
  bool truncated = false;
  CURLcode code = CURLE_OK;
  char error[CURL_ERROR_SIZE] = {};
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* a = static_cast<Attempt*>(user);
  const size_t bytes = size * n;
  const int64_t room =
      a->max_body_bytes - static_cast<int64_t>(a->exchange.body.size());
  if (static_cast<int64_t>(bytes) > room) {
    if (a->truncate) {
      a->exchange.body.append(data,
                              static_cast<size_t>(std::max<int64_t>(0, room)));
      a->truncated = true;
    } else {
      a->too_large = true;
    }
    return 0;  // stops the transfer
  }
  a->exchange.body.append(data, bytes);
  return bytes;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* a = static_cast<Attempt*>(user);
  const std::string_view line(data, size * n);
  if (line.substr(0, 5) == "HTTP/") a->exchange.response_head.clear();
  if (a->exchange.response_head.size() + line.size() > kMaxHeadBytes) {
    a->head_too_large = true;  // that much header is not a page
    return 0;
  }
  a->exchange.response_head.append(line);
  return size * n;
}

int OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* a = static_cast<Attempt*>(user);
  if (type == CURLINFO_HEADER_OUT) a->exchange.request.assign(data, size);
  return 0;
}

// One GET of `url` on `h`, no retries; the outcome is in `a`.
void PerformOnce(CURL* h, const FetchOptions& options, const Url& url,
                 int64_t max_body_bytes, bool truncate, Attempt* a) {
  curl_easy_reset(h);  // keeps the connection cache
  a->max_body_bytes = max_body_bytes;
  a->truncate = truncate;
  a->exchange.url = url.text;
  a->exchange.unix_seconds = static_cast<int64_t>(std::time(nullptr));
  const auto ms = [](double s) { return static_cast<long>(s * 1000); };
  curl_easy_setopt(h, CURLOPT_URL, url.text.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  curl_easy_setopt(h, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   std::max(1L, ms(options.connect_timeout_seconds)));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS,
                   std::max(1L, ms(options.timeout_seconds)));
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT,
                   static_cast<long>(options.low_speed_bytes_per_second));
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME,
                   static_cast<long>(options.low_speed_seconds));
  if (!truncate) {
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(max_body_bytes));
  }
  curl_easy_setopt(h, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, a);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, a);
  curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, OnDebug);
  curl_easy_setopt(h, CURLOPT_DEBUGDATA, a);
  curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, a->error);
  a->code = curl_easy_perform(h);

  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  a->exchange.http_status = static_cast<int>(status);
  const char* ip = nullptr;
  if (curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK &&
      ip != nullptr) {
    a->exchange.ip = ip;
  }
  const char* location = nullptr;
  if (curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &location) == CURLE_OK &&
      location != nullptr) {
    a->exchange.location = location;
  }
  a->exchange.content_type =
      HeaderValue(a->exchange.response_head, "Content-Type");
  if (a->code == CURLE_OK || (a->code == CURLE_WRITE_ERROR && a->truncated)) {
    a->exchange.response_head =
        SelfConsistentHead(a->exchange.response_head, a->exchange.body.size());
  }
}

}  // namespace

Fetcher::Fetcher(const FetchOptions& options, Clock* clock)
    : options_(options),
      clock_(clock),
      limiter_(options.min_host_interval_seconds, clock),
      product_token_(ProductToken(options.user_agent)),
      rng_(std::random_device{}()) {
  GlobalInit();
  curl_ = curl_easy_init();
}

Fetcher::~Fetcher() {
  if (curl_ != nullptr) curl_easy_cleanup(Handle(curl_));
}

double Fetcher::ReadyAt(const Url& url) const {
  return limiter_.ReadyAt(url.host);
}

double Fetcher::BackoffSeconds(int retry) {
  const double base =
      options_.retry_base_delay_seconds * std::pow(2.0, retry - 1);
  std::uniform_real_distribution<double> jitter(0.0, 0.5);
  return base * (1.0 + jitter(rng_));
}

Result<Exchange> Fetcher::Get(const Url& url, const Limits& limits) {
  for (int attempt = 0;; ++attempt) {
    limiter_.Acquire(url.host);
    Attempt a;
    const double started = clock_->NowSeconds();
    PerformOnce(Handle(curl_), options_, url, limits.max_body_bytes,
                limits.truncate, &a);
    const double elapsed = clock_->NowSeconds() - started;
    const bool more = attempt < options_.retries;
    const std::string after =
        attempt > 0 ? " (after " + std::to_string(attempt + 1) + " attempts)"
                    : "";
    if (a.code == CURLE_WRITE_ERROR && a.truncated) a.code = CURLE_OK;
    if (a.code != CURLE_OK) {
      if (a.too_large || a.code == CURLE_FILESIZE_EXCEEDED) {
        return Status::IoError(url.text + ": body larger than " +
                               FormatBytes(limits.max_body_bytes) + " limit");
      }
      if (a.head_too_large) {
        return Status::IoError(url.text + ": response headers larger than " +
                               FormatBytes(kMaxHeadBytes));
      }
      if (Retryable(a.code) && more) {
        clock_->SleepFor(BackoffSeconds(attempt + 1));
        continue;
      }
      std::string what;
      if (a.code == CURLE_OPERATION_TIMEDOUT) {
        curl_off_t connect_us = 0;
        curl_easy_getinfo(Handle(curl_), CURLINFO_CONNECT_TIME_T, &connect_us);
        if (connect_us == 0 && elapsed < options_.timeout_seconds * 0.9) {
          what = "could not connect within " +
                 FormatSeconds(options_.connect_timeout_seconds) + " s";
        } else if (elapsed < options_.timeout_seconds * 0.9) {
          what = "transfer slower than " +
                 std::to_string(options_.low_speed_bytes_per_second) +
                 " B/s for " + std::to_string(options_.low_speed_seconds) +
                 " s";
        } else {
          what = "timed out after " + FormatSeconds(options_.timeout_seconds) +
                 " s";
        }
      } else if (a.error[0] != '\0') {
        what = a.error;
      } else {
        what = curl_easy_strerror(a.code);
      }
      return Status::IoError(url.text + ": " + what + after);
    }
    const int status = a.exchange.http_status;
    if ((status == 429 || status >= 500) && more) {
      const double retry_after = RetryAfterSeconds(
          HeaderValue(a.exchange.response_head, "Retry-After"),
          static_cast<int64_t>(std::time(nullptr)));
      if (retry_after > options_.max_retry_after_seconds) {
        return Status::IoError(
            url.text + ": HTTP " + std::to_string(status) + ", Retry-After " +
            FormatSeconds(retry_after) + " s exceeds the " +
            FormatSeconds(options_.max_retry_after_seconds) + " s cap" + after);
      }
      clock_->SleepFor(retry_after >= 0 ? retry_after
                                        : BackoffSeconds(attempt + 1));
      continue;
    }
    if (attempt > 0 && (status == 429 || status >= 500)) {
      return Status::IoError(url.text + ": HTTP " + std::to_string(status) +
                             after);
    }
    return std::move(a.exchange);
  }
}

const Fetcher::OriginRobots& Fetcher::RobotsFor(const Url& url) {
  const std::string origin = url.Origin();
  if (auto it = robots_.find(origin); it != robots_.end()) return it->second;
  OriginRobots robots;
  Result<Url> robots_url = ResolveHttpUrl(url, "/robots.txt");
  if (!robots_url.ok()) {
    robots.rules = AgentRules::DisallowAll();
    robots.note = robots_url.status().message();
  } else {
    FetchResult r;
    Follow(*robots_url, /*check_robots=*/false,
           {.max_body_bytes = static_cast<int64_t>(kRobotsMaxBytes),
            .truncate = true},
           &r);
    if (r.status.ok()) {
      robots.rules = RobotsFromHttpStatus(
          r.http_status, r.exchanges.back().body, product_token_);
    } else if (r.http_status >= 300 && r.http_status < 400) {
      robots.rules = AgentRules();  // too many redirects: "unavailable"
    } else if (r.http_status >= 400 && r.http_status < 500 &&
               r.http_status != 429) {
      robots.rules = AgentRules();  // "unavailable": no rules
    } else {
      // 429, 5xx (after the retries) or unreachable: RFC 9309 says assume
      // a complete disallow.
      robots.rules = AgentRules::DisallowAll();
      robots.note = r.status.message();
    }
  }
  if (const std::optional<double> delay = robots.rules.crawl_delay()) {
    limiter_.RaiseInterval(url.host,
                           std::min(*delay, options_.max_crawl_delay_seconds));
  }
  return robots_.emplace(origin, std::move(robots)).first->second;
}

void Fetcher::Follow(const Url& start, bool check_robots, const Limits& limits,
                     FetchResult* result) {
  std::unordered_set<std::string> seen;
  Url url = start;
  const std::string where_prefix =
      result->url.empty() ? start.text : result->url;
  auto at = [&](const Url& u) {
    return u.text == start.text ? std::string() : " at " + u.text;
  };
  for (int hop = 0;; ++hop) {
    if (check_robots) {
      const OriginRobots& robots = RobotsFor(url);
      if (!robots.rules.IsAllowed(url.path_and_query)) {
        result->disallowed = true;
        result->status = Status::Unsupported(
            where_prefix + ": disallowed by robots.txt" + at(url) +
            (robots.note.empty() ? "" : " (" + robots.note + ")"));
        return;
      }
    }
    seen.insert(url.text);
    Result<Exchange> got = Get(url, limits);
    if (!got.ok()) {
      // Get names the hop's URL; name the URL asked for first.
      const std::string& m = got.status().message();
      result->status = url.text == start.text ? got.status()
                                              : Status(got.status().code(),
                                                       where_prefix + ": " + m);
      return;
    }
    Exchange ex = std::move(got).value();
    result->http_status = ex.http_status;
    const int status = ex.http_status;
    if (status >= 300 && status < 400 && !ex.location.empty()) {
      Result<Url> next = ResolveHttpUrl(url, ex.location);
      if (!next.ok()) {
        result->status = Status::BadInput(where_prefix + ": redirect to " +
                                          next.status().message());
        return;
      }
      if (seen.count(next->text) > 0) {
        result->status = Status::IoError(where_prefix + ": redirect loop (" +
                                         next->text + " again)");
        return;
      }
      if (hop + 1 > options_.max_redirects) {
        result->status = Status::IoError(
            where_prefix + ": more than " +
            std::to_string(options_.max_redirects) + " redirects");
        return;
      }
      result->exchanges.push_back(std::move(ex));
      url = std::move(next).value();
      continue;
    }
    if (status >= 200 && status < 300) {
      result->exchanges.push_back(std::move(ex));
      result->status = Status::Ok();
      return;
    }
    result->status =
        Status(status == 404 || status == 410 ? StatusCode::kNotFound
                                              : StatusCode::kIoError,
               where_prefix + ": HTTP " + std::to_string(status) + at(url));
    return;
  }
}

FetchResult Fetcher::Fetch(std::string_view url) {
  FetchResult result;
  result.url = std::string(url);
  Result<Url> parsed = ParseHttpUrl(url);
  if (!parsed.ok()) {
    result.status = parsed.status();
    return result;
  }
  if (curl_ == nullptr) {
    result.status = Status::Internal(result.url + ": curl_easy_init failed");
    return result;
  }
  Follow(*parsed, /*check_robots=*/true,
         {.max_body_bytes = options_.max_body_bytes, .truncate = false},
         &result);
  if (!result.status.ok()) result.exchanges.clear();
  return result;
}

}  // namespace concord::fetch
