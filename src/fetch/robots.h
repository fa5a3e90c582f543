// robots.txt (RFC 9309, the Robots Exclusion Protocol): parse once per host,
// then ask whether a path may be fetched.
//
// RobotsRules::Parse reads at most kRobotsMaxBytes (500 KiB, the minimum the
// RFC asks a crawler to parse; a longer file is cut at the last line break
// before the cap). Lines are "key: value", comments start at '#', keys are
// case-insensitive. A group is one or more consecutive user-agent lines
// followed by its rules (allow, disallow, and the non-standard crawl-delay);
// rules before the first user-agent line are ignored, sitemap lines belong
// to no group and do not end one. Unknown keys and lines without a colon are
// skipped: robots.txt in the wild is full of them, and the RFC asks parsers
// to be lenient.
//
// ForAgent(product_token) picks the rules a crawler obeys: every group whose
// user-agent value (its leading run of letters, '_' and '-') equals the
// token case-insensitively, merged; when none does, the "*" groups, merged;
// when there are none either, no rules (everything allowed).
//
// AgentRules::IsAllowed(path) decides for a URL's path plus "?query":
//   * both the path and every pattern are normalised first: percent-encoded
//     unreserved characters (A-Z a-z 0-9 - . _ ~) are decoded, other escapes
//     get upper-case hex, and bytes outside printable ASCII are encoded;
//   * a pattern matches when it matches a prefix of the path, '*' standing
//     for any run of characters and a final '$' anchoring the end;
//   * the matching rule with the longest pattern (in bytes) decides; on a tie
//     between allow and disallow, allow wins; no matching rule: allowed;
//   * an empty "Disallow:" matches nothing; "/robots.txt" is always allowed.
//
// Fetching robots.txt is the fetcher's job (fetcher.h); the RFC's status
// rules live here as RobotsFromHttpStatus so that they are tested in one
// place.
//
// Thread safety: values; const methods may be called concurrently.
// Cost: Parse is linear in the text; IsAllowed is O(rules × path) in the
// common case (patterns with at most one '*' are matched greedily), with a
// worst case of O(rules × path × pattern) for patterns with many '*'.
// Tests: robots_test.cc (a golden table of text, agent, path, verdict).
#ifndef CONCORD_FETCH_ROBOTS_H_
#define CONCORD_FETCH_ROBOTS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace concord::fetch {

inline constexpr size_t kRobotsMaxBytes = 500 * 1024;

// The rules that apply to one crawler.
class AgentRules {
 public:
  // Everything allowed, no crawl delay.
  AgentRules() = default;
  // Nothing allowed except /robots.txt (what RFC 9309 asks when robots.txt
  // is unreachable or answers 5xx).
  static AgentRules DisallowAll();

  // `path_and_query` is the URL's path, plus "?" and the query when there is
  // one, as it appears in the URL (percent-encoded or not).
  bool IsAllowed(std::string_view path_and_query) const;
  // Seconds: the largest Crawl-delay of the chosen groups (lines whose value
  // is not a non-negative number are ignored); nullopt when there is none.
  std::optional<double> crawl_delay() const { return crawl_delay_; }

 private:
  friend class RobotsRules;
  struct Rule {
    std::string pattern;  // normalised; ends in '$' when anchored
    bool allow = false;
  };
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
  bool disallow_all_ = false;
};

// A parsed robots.txt.
class RobotsRules {
 public:
  static RobotsRules Parse(std::string_view text);
  // `product_token` is the crawler's name without version ("concord").
  AgentRules ForAgent(std::string_view product_token) const;
  // Sitemap URLs, in file order (informational).
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

 private:
  struct Group {
    std::vector<std::string> agents;  // lower-case tokens, "*" for any
    std::vector<AgentRules::Rule> rules;
    std::optional<double> crawl_delay;
  };
  std::vector<Group> groups_;
  std::vector<std::string> sitemaps_;
};

// What an HTTP answer to GET /robots.txt means (RFC 9309, 2.3.1):
//   2xx            -> the rules in `body` for `product_token`
//   4xx except 429 -> "unavailable": everything allowed
//   429, 5xx       -> "unreachable": everything disallowed (429 is in the
//                     RFC's 4xx range, but a server asking us to slow down
//                     is treated as unreachable, as major crawlers do)
//   anything else (1xx, or a 3xx the fetcher could not follow) -> allowed
AgentRules RobotsFromHttpStatus(int http_status, std::string_view body,
                                std::string_view product_token);

// The crawler name a robots.txt group is matched against: the leading run of
// letters, '_' and '-' of a User-Agent ("concord/0.1 (+...)" -> "concord").
std::string ProductToken(std::string_view user_agent);

// RFC 9309 path normalisation (see the header comment); exposed for tests.
std::string NormalizeRobotsPath(std::string_view path);

}  // namespace concord::fetch

#endif  // CONCORD_FETCH_ROBOTS_H_
