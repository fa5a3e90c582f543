// FetchToWarc (include/concord/fetch.h): inputs gathered, URLs scheduled
// across hosts, results written to the WARC as they come.
//
// Scheduling: URLs are queued per host, in input order within a host. Each
// step serves the host whose rate limiter lets it go soonest (ties: the host
// whose next URL came first in the input), so that a run over many hosts
// spends its waiting on one host doing requests to the others, while a
// single host sees its URLs in the order given. The fetcher itself enforces
// the spacing; the schedule only avoids idle waiting. Cost per step: one
// ReadyAt per host with URLs left.
//
// Feeds: a local feed file is read and parsed before anything else (a bad
// file is an error, like a missing URL list); a feed URL is fetched first,
// through the same fetcher (so robots.txt and spacing apply to it too), and
// an unparseable answer fails that URL only. Item links go through the same
// queue as every other URL; an item without a link is reported, not fetched.
//
// Tests: fetch_run_test.cc (against test_http_server.h) and
// tests/fetch_e2e_test.cc (the concord binary).
#include <cstdint>
#include <ctime>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "concord/fetch.h"
#include "src/base/env.h"
#include "src/fetch/fetcher.h"
#include "src/fetch/url.h"
#include "src/fetch/warc_writer.h"
#include "src/ingest/feed.h"

namespace concord {
namespace {

using fetch::Exchange;
using fetch::Fetcher;
using fetch::FetchResult;
using fetch::Url;

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool IsHttpUrl(std::string_view s) {
  const auto starts = [s](std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
      const char c = s[i];
      if ((c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c) != prefix[i]) {
        return false;
      }
    }
    return true;
  };
  return starts("http://") || starts("https://");
}

std::string FeedMediaType(const ingest::Feed& feed) {
  if (feed.kind == "atom") return "application/atom+xml";
  if (feed.kind == "rdf") return "application/rdf+xml";
  return "application/rss+xml";
}

// "file://" + the absolute, percent-encoded path.
std::string FileUri(const std::string& path) {
  std::error_code ec;
  std::string abs = std::filesystem::absolute(path, ec).string();
  if (ec) abs = path;
  std::string out = "file://";
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const unsigned char c : abs) {
    if (c <= 0x20 || c >= 0x7f || c == '%' || c == '#' || c == '?') {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// A URL to fetch and where it came from (for messages).
struct Pending {
  size_t order = 0;  // input position
  std::string text;  // as given
  Url url;
};

class Run {
 public:
  Run(const FetchOptions& options, const FetchProgress& progress)
      : progress_(progress), fetcher_(options) {}

  // Queues `text` (from `where`, "" for the command line), or reports it as
  // failed when it is not an http(s) URL. Duplicates are dropped.
  void Add(std::string_view text, const std::string& where) {
    Result<Url> url = fetch::ParseHttpUrl(text);
    if (!url.ok()) {
      FetchOutcome o;
      o.url = std::string(text);
      o.status = where.empty() ? url.status()
                               : Status(url.status().code(),
                                        where + ": " + url.status().message());
      Report(std::move(o));
      return;
    }
    if (!seen_.insert(url->text).second) return;
    Pending p{next_order_++, std::string(text), std::move(url).value()};
    by_host_[p.url.host].push_back(std::move(p));
  }

  // Fetches everything queued, writing to `warc`. Fails only when the WARC
  // cannot be written.
  Status FetchAll(fetch::WarcWriter& warc) {
    while (!by_host_.empty()) {
      auto best = by_host_.begin();
      double best_ready = fetcher_.ReadyAt(best->second.front().url);
      for (auto it = std::next(by_host_.begin()); it != by_host_.end(); ++it) {
        const double ready = fetcher_.ReadyAt(it->second.front().url);
        if (ready < best_ready ||
            (ready == best_ready &&
             it->second.front().order < best->second.front().order)) {
          best = it;
          best_ready = ready;
        }
      }
      Pending p = std::move(best->second.front());
      best->second.pop_front();
      if (best->second.empty()) by_host_.erase(best);
      CONCORD_RETURN_IF_ERROR(FetchOne(p, warc));
    }
    return Status::Ok();
  }

  // Fetches the feed at `url`, archives it and queues its items' links.
  // Fails only when the WARC cannot be written.
  Status FetchFeed(const std::string& url, fetch::WarcWriter& warc) {
    const FetchResult r = fetcher_.Fetch(url);
    for (const Exchange& ex : r.exchanges) {
      CONCORD_RETURN_IF_ERROR(warc.WriteExchange(ex));
    }
    FetchOutcome o;
    o.url = url;
    o.is_feed = true;
    o.http_status = r.http_status;
    o.status = r.status;
    Result<ingest::Feed> feed = Status::Internal("not fetched");
    if (const Exchange* final = r.final()) {
      o.final_url = final->url;
      o.body_bytes = static_cast<int64_t>(final->body.size());
      feed = ingest::ParseFeed(final->body, url, final->url);
      if (feed.ok()) {
        o.kind = FetchOutcome::Kind::kFetched;
        o.feed_items = static_cast<int>(feed->items.size());
      } else {
        o.kind = FetchOutcome::Kind::kFailed;
        o.status = feed.status();
      }
    } else {
      o.kind = r.disallowed ? FetchOutcome::Kind::kDisallowed
                            : FetchOutcome::Kind::kFailed;
    }
    if (Result<Url> u = fetch::ParseHttpUrl(url); u.ok()) seen_.insert(u->text);
    Report(std::move(o));
    if (feed.ok()) AddFeedItems(*feed, url);
    return Status::Ok();
  }

  // Queues the links of `feed`'s items; `origin` names the feed in messages.
  void AddFeedItems(const ingest::Feed& feed, const std::string& origin) {
    for (size_t i = 0; i < feed.items.size(); ++i) {
      const ingest::FeedItem& item = feed.items[i];
      const std::string where = origin + ": item " + std::to_string(i + 1);
      if (item.link.empty()) {
        FetchOutcome o;
        o.url = where;
        o.status = Status::BadInput(where + " (\"" + item.title.substr(0, 80) +
                                    "\") has no link");
        Report(std::move(o));
        continue;
      }
      Add(item.link, where);
    }
  }

  const FetchSummary& summary() const { return summary_; }

 private:
  Status FetchOne(const Pending& p, fetch::WarcWriter& warc) {
    const FetchResult r = fetcher_.Fetch(p.url.text);
    for (const Exchange& ex : r.exchanges) {
      CONCORD_RETURN_IF_ERROR(warc.WriteExchange(ex));
    }
    FetchOutcome o;
    o.url = p.text;
    o.http_status = r.http_status;
    o.status = r.status;
    if (const Exchange* final = r.final()) {
      o.kind = FetchOutcome::Kind::kFetched;
      o.final_url = final->url;
      o.body_bytes = static_cast<int64_t>(final->body.size());
    } else {
      o.kind = r.disallowed ? FetchOutcome::Kind::kDisallowed
                            : FetchOutcome::Kind::kFailed;
    }
    Report(std::move(o));
    return Status::Ok();
  }

  void Report(FetchOutcome o) {
    ++summary_.urls;
    switch (o.kind) {
      case FetchOutcome::Kind::kFetched:
        ++summary_.fetched;
        break;
      case FetchOutcome::Kind::kDisallowed:
        ++summary_.disallowed;
        ++summary_.failed;
        break;
      case FetchOutcome::Kind::kFailed:
        ++summary_.failed;
        break;
    }
    if (progress_) progress_(o);
  }

  const FetchProgress& progress_;
  Fetcher fetcher_;
  size_t next_order_ = 0;
  std::unordered_set<std::string> seen_;
  std::map<std::string, std::deque<Pending>> by_host_;
  FetchSummary summary_;
};

}  // namespace

Result<FetchSummary> FetchToWarc(const FetchJob& job,
                                 const FetchOptions& options,
                                 const FetchProgress& progress) {
  CONCORD_RETURN_IF_ERROR(fetch::ValidateFetchOptions(options));
  if (job.output_path.empty()) {
    return Status::InvalidArgument("no output file given");
  }
  std::string url_list;
  if (!job.url_list_path.empty()) {
    Result<std::string> read = Env::Default()->ReadFile(job.url_list_path);
    if (!read.ok()) return read.status();
    url_list = std::move(read).value();
  }
  if (job.urls.empty() && job.url_list_path.empty() && job.feed.empty()) {
    return Status::InvalidArgument(
        "nothing to fetch: give URLs, a URL list or a feed");
  }
  // A local feed is read and parsed up front; a feed URL is fetched below.
  const bool remote_feed = !job.feed.empty() && IsHttpUrl(job.feed);
  std::string feed_bytes;
  std::optional<ingest::Feed> local_feed;
  if (!job.feed.empty() && !remote_feed) {
    // Checked before reading, so that a huge file is never loaded.
    std::error_code ec;
    const uintmax_t size = std::filesystem::file_size(job.feed, ec);
    if (!ec && size > static_cast<uintmax_t>(options.max_body_bytes)) {
      return Status::BadInput(job.feed + ": feed larger than the " +
                              fetch::FormatBytes(options.max_body_bytes) +
                              " limit");
    }
    Result<std::string> read = Env::Default()->ReadFile(job.feed);
    if (!read.ok()) return read.status();
    feed_bytes = std::move(read).value();
    Result<ingest::Feed> parsed = ingest::ParseFeed(feed_bytes, job.feed);
    if (!parsed.ok()) return parsed.status();
    local_feed = std::move(parsed).value();
  }

  fetch::WarcInfo info;
  info.user_agent = options.user_agent;
  info.description = "pages fetched by concord fetch";
  Result<std::unique_ptr<fetch::WarcWriter>> warc =
      fetch::WarcWriter::Create(job.output_path, info);
  if (!warc.ok()) return warc.status();

  Run run(options, progress);
  if (local_feed) {
    Status st = (*warc)->WriteResource(
        FileUri(job.feed), FeedMediaType(*local_feed), feed_bytes,
        static_cast<int64_t>(std::time(nullptr)));
    if (!st.ok()) return st;
    run.AddFeedItems(*local_feed, job.feed);
  }
  if (remote_feed) {
    Status st = run.FetchFeed(job.feed, **warc);
    if (!st.ok()) return st;
  }
  for (const std::string& u : job.urls) run.Add(u, "");
  // One URL per line; blank lines and lines starting with '#' are skipped.
  size_t pos = 0;
  int line_number = 0;
  while (pos < url_list.size()) {
    size_t end = url_list.find('\n', pos);
    if (end == std::string::npos) end = url_list.size();
    const std::string_view line =
        Trim(std::string_view(url_list).substr(pos, end - pos));
    pos = end + 1;
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    run.Add(line, job.url_list_path + ":" + std::to_string(line_number));
  }

  Status fetched = run.FetchAll(**warc);
  Status closed = (*warc)->Close();
  if (!fetched.ok()) return fetched;
  if (!closed.ok()) return closed;
  FetchSummary summary = run.summary();
  summary.warc_records = (*warc)->records();
  return summary;
}

}  // namespace concord
