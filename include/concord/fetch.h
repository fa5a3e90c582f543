// Fetching web pages into a WARC file, politely.
//
// FetchToWarc takes URLs (given directly, read from a list file, or the item
// links of an RSS/Atom feed) and writes what it fetched to one WARC/1.1 file
// (gzip-compressed record by record when the name ends in ".gz"): a warcinfo
// record, then a request and a response record per HTTP exchange, redirects
// included. It is polite by construction, with no switch to turn that off:
//   * robots.txt is fetched once per scheme://host:port and obeyed
//     (RFC 9309: 4xx = no rules, 5xx or unreachable = nothing allowed);
//   * requests to one host are spaced by at least `min_host_interval_seconds`,
//     or the host's Crawl-delay when that is longer (capped);
//   * failures are retried a few times only, with exponential back-off, and a
//     server's Retry-After is honoured (or, when beyond the cap, the URL is
//     given up rather than hammered).
// Every failure is a value: a FetchOutcome whose Status names the URL and
// what happened ("http://h/p: HTTP 404", "http://h/p: timed out after 2 s",
// "http://h/p: disallowed by robots.txt").
//
// Thread safety: FetchToWarc may run in several threads at once with
// different outputs; the progress callback is called from the calling thread.
// Cost: one URL at a time (hosts are interleaved so that waiting for one
// host's interval does not stall the others); memory holds the exchanges of
// one URL at a time (its redirect hops and final response, each body at
// most max_body_bytes) until they are written.
#ifndef CONCORD_FETCH_H_
#define CONCORD_FETCH_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "concord/export.h"
#include "concord/status.h"

namespace concord {

struct FetchOptions {
  // Sent with every request; its leading name ("concord") is the product
  // token matched against robots.txt groups.
  std::string user_agent = "concord/0.1 (+https://example.invalid/concord)";
  double connect_timeout_seconds = 10;
  double timeout_seconds = 30;  // whole transfer, per attempt
  // A transfer slower than this many bytes per second for
  // `low_speed_seconds` is aborted (a server trickling bytes).
  int64_t low_speed_bytes_per_second = 100;
  int low_speed_seconds = 15;
  int64_t max_body_bytes = 16 << 20;  // larger bodies fail as "too large"
  int max_redirects = 5;
  // Extra attempts after a connection error, a timeout, HTTP 429 or 5xx.
  int retries = 3;
  // Back-off before retry k (1-based): base * 2^(k-1), plus up to 50% jitter.
  double retry_base_delay_seconds = 1;
  // A Retry-After longer than this gives the URL up instead of waiting.
  double max_retry_after_seconds = 60;
  // Minimum time between the starts of two requests to the same host.
  double min_host_interval_seconds = 1;
  // A robots.txt Crawl-delay raises the interval, up to this.
  double max_crawl_delay_seconds = 60;
};

// What to fetch and where to write it.
struct FetchJob {
  std::vector<std::string> urls;  // http:// or https:// URLs
  std::string url_list_path;      // a file of URLs, one per line ("" = none)
  // An RSS 2.0, RSS 1.0 or Atom feed, by http(s) URL or local path ("" =
  // none). The feed document goes into the WARC too (a response record when
  // fetched, a resource record when read from disk), then each item's link
  // is fetched.
  std::string feed;
  std::string output_path;  // OUT.warc or OUT.warc.gz
};

// One URL's fate, reported as soon as it is known.
struct FetchOutcome {
  enum class Kind { kFetched, kFailed, kDisallowed };
  Kind kind = Kind::kFailed;
  std::string url;         // as asked for
  std::string final_url;   // after redirects (kFetched)
  int http_status = 0;     // of the final response, 0 when none
  int64_t body_bytes = 0;  // of the final response
  bool is_feed = false;    // the feed document itself
  int feed_items = 0;      // items in it, when it parsed
  Status status;           // not OK for kFailed and kDisallowed
};

struct FetchSummary {
  int urls = 0;  // distinct URLs attempted (a fetched feed included)
  int fetched = 0;
  int failed = 0;      // includes `disallowed`
  int disallowed = 0;  // refused by robots.txt
  int64_t warc_records = 0;
};

using FetchProgress = std::function<void(const FetchOutcome&)>;

// Fetches every URL of `job` and writes the WARC. Fails (without fetching
// anything) when an option is out of range, the URL list or a local feed
// file cannot be read (or the feed parsed), or the output cannot be
// created; fails
// after fetching when the output cannot be written. Per-URL failures are
// outcomes, not errors.
CONCORD_EXPORT Result<FetchSummary> FetchToWarc(const FetchJob& job,
                                                const FetchOptions& options,
                                                const FetchProgress& progress);

}  // namespace concord

#endif  // CONCORD_FETCH_H_
