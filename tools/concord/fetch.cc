// concord fetch [URL...] [--urls FILE] [--feed URL_OR_FILE] -o OUT.warc[.gz]
// : fetch pages politely into a WARC file. One line per URL on stderr as it
// completes:
//   fetched feed 200 3.1 KiB https://example.invalid/feed.xml (14 items)
//   fetched 200 12.3 KiB https://example.invalid/a
//   failed https://example.invalid/b: HTTP 404
//   failed https://example.invalid/c: disallowed by robots.txt
// then a summary:
//   fetched 12 of 14 URLs, 2 failed, 1 disallowed by robots.txt
// Exit codes: 0 when anything was fetched, 1 when every URL failed, 2 for
// usage errors (and when the output cannot be created).
#include "concord/fetch.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "tools/concord/commands.h"

namespace concord::cli {
namespace {

struct FetchArgs {
  std::vector<std::string> urls;
  std::string url_list;
  std::string feed;
  std::string output;
  FetchOptions options;
};

std::string Size(int64_t bytes) {
  char buf[32];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  } else if (bytes < (1 << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", bytes / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MiB", bytes / 1048576.0);
  }
  return buf;
}

void PrintOutcome(const FetchOutcome& o) {
  switch (o.kind) {
    case FetchOutcome::Kind::kFetched: {
      std::string line = std::string("fetched ") + (o.is_feed ? "feed " : "") +
                         std::to_string(o.http_status) + " " +
                         Size(o.body_bytes) + " " + o.url;
      if (o.final_url != o.url) line += " -> " + o.final_url;
      if (o.is_feed) line += " (" + std::to_string(o.feed_items) + " items)";
      std::cerr << line << "\n";
      break;
    }
    case FetchOutcome::Kind::kDisallowed:
    case FetchOutcome::Kind::kFailed:
      std::cerr << "failed " << o.status.message() << "\n";
      break;
  }
}

int RunFetch(const FetchArgs& args) {
  FetchJob job;
  job.urls = args.urls;
  job.url_list_path = args.url_list;
  job.feed = args.feed;
  job.output_path = args.output;
  Result<FetchSummary> summary = FetchToWarc(job, args.options, PrintOutcome);
  if (!summary.ok()) {
    std::cerr << "concord: " << summary.status().ToString() << "\n";
    return 2;
  }
  const FetchSummary& s = *summary;
  std::string line = "fetched " + std::to_string(s.fetched) + " of " +
                     std::to_string(s.urls) + " URLs, " +
                     std::to_string(s.failed) + " failed";
  if (s.disallowed > 0) {
    line += ", " + std::to_string(s.disallowed) + " disallowed by robots.txt";
  }
  line +=
      "; " + std::to_string(s.warc_records) + " WARC records in " + args.output;
  std::cerr << line << "\n";
  return s.fetched > 0 ? 0 : 1;
}

}  // namespace

void AddFetchCommand(CLI::App& app, Action* action) {
  auto args = std::make_shared<FetchArgs>();
  FetchOptions& o = args->options;
  CLI::App* cmd = app.add_subcommand(
      "fetch",
      "Fetch web pages politely into a WARC file: robots.txt is obeyed, "
      "requests to one host are spaced (--rate, or the site's Crawl-delay "
      "when longer), failures are retried a few times with back-off. Writes "
      "a warcinfo record, then a request and a response record per HTTP "
      "exchange (redirects included); OUT.warc.gz compresses each record as "
      "its own gzip member.");
  cmd->add_option("urls", args->urls, "http:// or https:// URLs");
  cmd->add_option("--urls", args->url_list,
                  "A file of URLs, one per line ('#' starts a comment line)");
  cmd->add_option("--feed", args->feed,
                  "An RSS or Atom feed (URL or local file): it is archived "
                  "too, and each item's link is fetched");
  cmd->add_option("-o,--output", args->output, "OUT.warc or OUT.warc.gz")
      ->required();
  cmd->add_option("--rate", o.min_host_interval_seconds,
                  "Minimum seconds between requests to one host (default 1)")
      ->check(CLI::Range(0.0, 3600.0));
  cmd->add_option("--timeout", o.timeout_seconds,
                  "Seconds allowed for each request (default 30)")
      ->check(CLI::Range(0.001, 3600.0));
  cmd->add_option("--max-bytes", o.max_body_bytes,
                  "Largest response body accepted, in bytes (default 16 MiB)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 40));
  cmd->add_option("--max-redirects", o.max_redirects,
                  "Redirects followed per URL (default 5)")
      ->check(CLI::Range(0, 50));
  cmd->add_option("--retries", o.retries,
                  "Extra attempts after a connection error, a timeout, HTTP "
                  "429 or 5xx (default 3)")
      ->check(CLI::Range(0, 10));
  cmd->add_option("--user-agent", o.user_agent,
                  "User-Agent header; its leading name is matched against "
                  "robots.txt (default \"" +
                      FetchOptions().user_agent + "\")");
  cmd->callback([args, action] {
    if (args->urls.empty() && args->url_list.empty() && args->feed.empty()) {
      throw CLI::ValidationError("fetch", "give URLs, --urls FILE or --feed");
    }
    *action = [args] { return RunFetch(*args); };
  });
}

}  // namespace concord::cli
