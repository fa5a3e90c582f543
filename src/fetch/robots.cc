// robots.txt parsing and matching (RFC 9309).
//
// The parser is a line-at-a-time state machine with one bit of state: whether
// the last significant line was a user-agent line. A user-agent line after a
// rule starts a new group; one after another user-agent line joins the group
// being built, so "User-agent: a / User-agent: b / Disallow: /x" is one group
// for both. Rules are normalised when parsed, so that matching compares bytes.
//
// Matching a pattern against a path is wildcard matching where the pattern
// is implicitly followed by '*' unless it ends in '$'. It is done with the
// usual two-pointer walk that remembers the last '*' and, on a mismatch,
// lets that star swallow one more character: linear when the pattern has at
// most one star, O(path × pattern) at worst. The longest matching pattern
// decides (RFC 9309, 2.2.2); pattern length counts the '*' and '$' bytes as
// written, which is what the RFC's "most octets" means in practice.
//
// Tests: robots_test.cc.
#include "src/base/ascii.h"
#include "src/fetch/robots.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace concord::fetch {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}


bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

void AppendEscaped(unsigned char c, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out->push_back('%');
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 15]);
}

bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == '-';
}

// Does `pattern` (normalised, '*' wildcards, optional final '$') match
// `path` (normalised)? A pattern without '$' needs to match a prefix only.
bool PatternMatches(std::string_view pattern, std::string_view path) {
  bool anchored = false;
  if (!pattern.empty() && pattern.back() == '$') {
    anchored = true;
    pattern.remove_suffix(1);
  }
  size_t p = 0, s = 0;
  size_t star = std::string_view::npos, star_s = 0;
  while (true) {
    if (p == pattern.size()) {
      if (!anchored || s == path.size()) return true;
      // Anchored and text left over: let the last star take more.
    } else if (pattern[p] == '*') {
      star = p++;
      star_s = s;
      continue;
    } else if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star == std::string_view::npos || star_s >= path.size()) return false;
    p = star + 1;
    s = ++star_s;
  }
}

// A decimal number of seconds, or nullopt.
std::optional<double> ParseSeconds(std::string_view value) {
  if (value.empty() || value.size() > 32) return std::nullopt;
  const std::string copy(value);
  char* end = nullptr;
  const double v = std::strtod(copy.c_str(), &end);
  if (end == copy.c_str() || !std::isfinite(v) || v < 0) return std::nullopt;
  // Allow trailing junk only after the number ("10 seconds" reads 10).
  return v;
}

}  // namespace

std::string NormalizeRobotsPath(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (size_t i = 0; i < path.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(path[i]);
    if (c == '%') {
      const int hi = i + 2 < path.size() ? HexValue(path[i + 1]) : -1;
      const int lo = i + 2 < path.size() ? HexValue(path[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        AppendEscaped('%', &out);  // a lone '%' is a literal percent sign
        continue;
      }
      const unsigned char decoded = static_cast<unsigned char>(hi * 16 + lo);
      if (IsUnreserved(decoded)) {
        out.push_back(static_cast<char>(decoded));
      } else {
        AppendEscaped(decoded, &out);
      }
      i += 2;
    } else if (c <= 0x20 || c >= 0x7f) {
      AppendEscaped(c, &out);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string ProductToken(std::string_view user_agent) {
  user_agent = Trim(user_agent);
  size_t n = 0;
  while (n < user_agent.size() && IsTokenChar(user_agent[n])) ++n;
  return std::string(user_agent.substr(0, n));
}

AgentRules AgentRules::DisallowAll() {
  AgentRules r;
  r.disallow_all_ = true;
  return r;
}

bool AgentRules::IsAllowed(std::string_view path_and_query) const {
  std::string path = NormalizeRobotsPath(path_and_query);
  if (path.empty() || path[0] != '/') path.insert(path.begin(), '/');
  if (path == "/robots.txt") return true;
  if (disallow_all_) return false;
  size_t best_length = 0;
  bool best_allow = true;
  bool matched = false;
  for (const Rule& rule : rules_) {
    if (matched && rule.pattern.size() < best_length) continue;
    if (!PatternMatches(rule.pattern, path)) continue;
    if (!matched || rule.pattern.size() > best_length) {
      best_length = rule.pattern.size();
      best_allow = rule.allow;
    } else {
      best_allow = best_allow || rule.allow;  // same length: allow wins
    }
    matched = true;
  }
  return !matched || best_allow;
}

RobotsRules RobotsRules::Parse(std::string_view text) {
  if (text.size() > kRobotsMaxBytes) {
    text = text.substr(0, kRobotsMaxBytes);
    const size_t last_break = text.find_last_of("\r\n");
    text =
        text.substr(0, last_break == std::string_view::npos ? 0 : last_break);
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  RobotsRules out;
  bool in_agent_lines = false;  // last significant line was a user-agent
  Group* current = nullptr;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view key = Trim(line.substr(0, colon));
    const std::string_view value = Trim(line.substr(colon + 1));

    if (EqualsIgnoreCase(key, "user-agent")) {
      if (!in_agent_lines) {
        out.groups_.emplace_back();
        current = &out.groups_.back();
      }
      in_agent_lines = true;
      if (value.substr(0, 1) == "*") {
        current->agents.push_back("*");
      } else {
        const std::string token = ProductToken(value);
        if (!token.empty()) current->agents.push_back(AsciiLowerCopy(token));
      }
      continue;
    }
    if (EqualsIgnoreCase(key, "sitemap")) {
      if (!value.empty()) out.sitemaps_.emplace_back(value);
      continue;
    }
    const bool allow = EqualsIgnoreCase(key, "allow");
    const bool disallow = EqualsIgnoreCase(key, "disallow");
    const bool delay = EqualsIgnoreCase(key, "crawl-delay");
    if (!allow && !disallow && !delay) continue;  // unknown key
    in_agent_lines = false;
    if (current == nullptr) continue;  // a rule before any user-agent line
    if (delay) {
      if (const std::optional<double> s = ParseSeconds(value)) {
        current->crawl_delay = std::max(current->crawl_delay.value_or(0), *s);
      }
      continue;
    }
    if (value.empty()) continue;  // "Disallow:" allows everything
    std::string pattern = NormalizeRobotsPath(value);
    if (pattern[0] != '/' && pattern[0] != '*') pattern.insert(0, "/");
    current->rules.push_back({std::move(pattern), allow});
  }
  return out;
}

AgentRules RobotsRules::ForAgent(std::string_view product_token) const {
  AgentRules out;
  auto take = [&out](const Group& g) {
    out.rules_.insert(out.rules_.end(), g.rules.begin(), g.rules.end());
    if (g.crawl_delay) {
      out.crawl_delay_ = std::max(out.crawl_delay_.value_or(0), *g.crawl_delay);
    }
  };
  bool found = false;
  if (!product_token.empty()) {
    for (const Group& g : groups_) {
      for (const std::string& agent : g.agents) {
        if (agent != "*" && EqualsIgnoreCase(agent, product_token)) {
          take(g);
          found = true;
          break;
        }
      }
    }
  }
  if (found) return out;
  for (const Group& g : groups_) {
    if (std::find(g.agents.begin(), g.agents.end(), "*") != g.agents.end()) {
      take(g);
    }
  }
  return out;
}

AgentRules RobotsFromHttpStatus(int http_status, std::string_view body,
                                std::string_view product_token) {
  if (http_status >= 200 && http_status < 300) {
    return RobotsRules::Parse(body).ForAgent(product_token);
  }
  if (http_status == 429 || http_status >= 500)
    return AgentRules::DisallowAll();
  return AgentRules();
}

}  // namespace concord::fetch
