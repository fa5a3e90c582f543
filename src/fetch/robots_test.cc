#include "src/fetch/robots.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace concord::fetch {
namespace {

struct RobotsCase {
  const char* robots;
  const char* agent;  // product token
  const char* path;
  bool allowed;
};

// One row per case: the robots.txt text, the crawler, the path asked for,
// and the verdict RFC 9309 gives.
const RobotsCase kCases[] = {
    // Empty file and empty rules.
    {"", "concord", "/anything", true},
    {"User-agent: *\nDisallow:\n", "concord", "/a", true},
    {"User-agent: *\nDisallow: /\n", "concord", "/", false},
    {"User-agent: *\nDisallow: /\n", "concord", "/deep/page.html", false},
    // /robots.txt itself is always allowed.
    {"User-agent: *\nDisallow: /\n", "concord", "/robots.txt", true},
    // Prefix matching.
    {"User-agent: *\nDisallow: /private\n", "concord", "/private", false},
    {"User-agent: *\nDisallow: /private\n", "concord", "/private/x", false},
    {"User-agent: *\nDisallow: /private\n", "concord", "/privateer", false},
    {"User-agent: *\nDisallow: /private/\n", "concord", "/private", true},
    {"User-agent: *\nDisallow: /private\n", "concord", "/public", true},
    // Paths are case-sensitive.
    {"User-agent: *\nDisallow: /Private\n", "concord", "/private", true},
    // Longest match wins, whichever its kind.
    {"User-agent: *\nDisallow: /news\nAllow: /news/open\n", "concord",
     "/news/open/1", true},
    {"User-agent: *\nAllow: /news\nDisallow: /news/closed\n", "concord",
     "/news/closed/1", false},
    {"User-agent: *\nAllow: /news\nDisallow: /news/closed\n", "concord",
     "/news/other", true},
    // Equal length: allow wins.
    {"User-agent: *\nDisallow: /page\nAllow: /page\n", "concord", "/page",
     true},
    {"User-agent: *\nDisallow: /*.pdf\nAllow: /doc/*\n", "concord",
     "/doc/a.pdf", true},
    // Wildcards and end anchors.
    {"User-agent: *\nDisallow: /*.pdf$\n", "concord", "/files/report.pdf",
     false},
    {"User-agent: *\nDisallow: /*.pdf$\n", "concord", "/files/report.pdf?x=1",
     true},
    {"User-agent: *\nDisallow: /*.pdf\n", "concord", "/files/report.pdf?x=1",
     false},
    {"User-agent: *\nDisallow: /exact$\n", "concord", "/exact", false},
    {"User-agent: *\nDisallow: /exact$\n", "concord", "/exactly", true},
    {"User-agent: *\nDisallow: /a*b*c\n", "concord", "/a-xx-b-yy-c-zz", false},
    {"User-agent: *\nDisallow: /a*b*c$\n", "concord", "/a-xx-b-yy-c-zz", true},
    {"User-agent: *\nDisallow: /a*b*c$\n", "concord", "/a-c-b-c", false},
    {"User-agent: *\nDisallow: *private\n", "concord", "/x/private", false},
    {"User-agent: *\nDisallow: /*?session=\n", "concord", "/p?session=1",
     false},
    {"User-agent: *\nDisallow: /*?session=\n", "concord", "/p?page=1", true},
    // Percent-encoding: unreserved characters compare decoded, others
    // encoded with upper-case hex; raw UTF-8 equals its encoding.
    {"User-agent: *\nDisallow: /%7Euser\n", "concord", "/~user/home", false},
    {"User-agent: *\nDisallow: /~user\n", "concord", "/%7euser/home", false},
    {"User-agent: *\nDisallow: /a%2fb\n", "concord", "/a%2Fb", false},
    {"User-agent: *\nDisallow: /a%2Fb\n", "concord", "/a/b", true},
    {"User-agent: *\nDisallow: /caf\xC3\xA9\n", "concord", "/caf%c3%a9/menu",
     false},
    {"User-agent: *\nDisallow: /caf%C3%A9\n", "concord", "/caf\xC3\xA9", false},
    // Groups: a named group beats '*', matched case-insensitively by token.
    {"User-agent: *\nDisallow: /\n\nUser-agent: concord\nDisallow: /x\n",
     "concord", "/page", true},
    {"User-agent: *\nDisallow: /\n\nUser-agent: Concord\nDisallow: /x\n",
     "concord", "/x/1", false},
    {"User-agent: *\nDisallow: /\n\nUser-agent: CONCORD/2.0\nDisallow: /x\n",
     "concord", "/page", true},
    {"User-agent: otherbot\nDisallow: /\n", "concord", "/page", true},
    {"User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /tmp\n",
     "concord", "/tmp/a", false},
    // A token must match whole, not as a prefix.
    {"User-agent: concordia\nDisallow: /\n", "concord", "/page", true},
    // Several user-agent lines share the group that follows them.
    {"User-agent: a\nUser-agent: concord\nDisallow: /shared\n", "concord",
     "/shared/1", false},
    // Groups for the same agent are merged.
    {"User-agent: concord\nDisallow: /one\n\nUser-agent: other\nDisallow: /\n"
     "\nUser-agent: concord\nDisallow: /two\n",
     "concord", "/two/x", false},
    {"User-agent: concord\nDisallow: /one\n\nUser-agent: other\nDisallow: /\n"
     "\nUser-agent: concord\nDisallow: /two\n",
     "concord", "/three", true},
    // Rules before any user-agent line are ignored.
    {"Disallow: /\nUser-agent: *\nDisallow: /x\n", "concord", "/page", true},
    // Comments, odd case, CRLF, whitespace, unknown keys, sitemaps.
    {"# hello\r\nuser-AGENT : *   # all\r\nDISALLOW :  /secret # no\r\n",
     "concord", "/secret", false},
    {"User-agent: *\nSitemap: https://example.invalid/s.xml\nDisallow: /s\n",
     "concord", "/s", false},
    {"User-agent: *\nNoindex: /\nDisallow: /n\n", "concord", "/page", true},
    {"\xEF\xBB\xBFUser-agent: *\nDisallow: /bom\n", "concord", "/bom", false},
    // Lines without a colon are skipped.
    {"User-agent *\nDisallow /\n", "concord", "/page", true},
    // A pattern without a leading slash is read as starting with one.
    {"User-agent: *\nDisallow: tmp\n", "concord", "/tmp", false},
    // Query strings are part of the path matched.
    {"User-agent: *\nDisallow: /search?\n", "concord", "/search?q=x", false},
    {"User-agent: *\nDisallow: /search?\n", "concord", "/search", true},
};

TEST(RobotsTest, GoldenTable) {
  ASSERT_GE(std::size(kCases), 30u);
  for (const RobotsCase& c : kCases) {
    const AgentRules rules = RobotsRules::Parse(c.robots).ForAgent(c.agent);
    EXPECT_EQ(rules.IsAllowed(c.path), c.allowed)
        << "robots.txt:\n"
        << c.robots << "\nagent " << c.agent << ", path " << c.path;
  }
}

TEST(RobotsTest, CrawlDelayIsTheLargestOfTheChosenGroups) {
  const RobotsRules r = RobotsRules::Parse(
      "User-agent: *\nCrawl-delay: 7\n\n"
      "User-agent: concord\nCrawl-delay: 2.5\nDisallow: /x\n"
      "User-agent: concord\nCrawl-delay: 1\n");
  ASSERT_TRUE(r.ForAgent("concord").crawl_delay().has_value());
  EXPECT_DOUBLE_EQ(*r.ForAgent("concord").crawl_delay(), 2.5);
  EXPECT_DOUBLE_EQ(*r.ForAgent("otherbot").crawl_delay(), 7);
  EXPECT_FALSE(RobotsRules::Parse("User-agent: *\nCrawl-delay: soon\n")
                   .ForAgent("concord")
                   .crawl_delay()
                   .has_value());
  EXPECT_FALSE(RobotsRules::Parse("User-agent: *\nCrawl-delay: -3\n")
                   .ForAgent("concord")
                   .crawl_delay()
                   .has_value());
}

TEST(RobotsTest, OnlyTheFirst500KiBAreRead) {
  std::string text = "User-agent: *\n";
  while (text.size() < kRobotsMaxBytes - 100) text += "Allow: /filler\n";
  text += "Disallow: /early\n";
  while (text.size() < kRobotsMaxBytes + 100) text += "Allow: /filler\n";
  text += "Disallow: /late\n";
  const AgentRules rules = RobotsRules::Parse(text).ForAgent("concord");
  EXPECT_FALSE(rules.IsAllowed("/early"));
  EXPECT_TRUE(rules.IsAllowed("/late"));
}

TEST(RobotsTest, HttpStatusSemantics) {
  const char* body = "User-agent: *\nDisallow: /x\n";
  EXPECT_FALSE(RobotsFromHttpStatus(200, body, "concord").IsAllowed("/x"));
  EXPECT_TRUE(RobotsFromHttpStatus(200, body, "concord").IsAllowed("/y"));
  EXPECT_TRUE(RobotsFromHttpStatus(404, body, "concord").IsAllowed("/x"));
  EXPECT_TRUE(RobotsFromHttpStatus(403, body, "concord").IsAllowed("/x"));
  EXPECT_FALSE(RobotsFromHttpStatus(503, body, "concord").IsAllowed("/y"));
  EXPECT_FALSE(RobotsFromHttpStatus(500, "", "concord").IsAllowed("/"));
  EXPECT_FALSE(RobotsFromHttpStatus(429, "", "concord").IsAllowed("/y"));
  EXPECT_TRUE(
      RobotsFromHttpStatus(500, "", "concord").IsAllowed("/robots.txt"));
  EXPECT_FALSE(AgentRules::DisallowAll().IsAllowed("/index.html"));
}

TEST(RobotsTest, ProductToken) {
  EXPECT_EQ(ProductToken("concord/0.1 (+https://example.invalid/concord)"),
            "concord");
  EXPECT_EQ(ProductToken("  Some_Bot-X 1.0"), "Some_Bot-X");
  EXPECT_EQ(ProductToken("/weird"), "");
}

TEST(RobotsTest, Normalization) {
  EXPECT_EQ(NormalizeRobotsPath("/%7e%41%2f%2F"), "/~A%2F%2F");
  EXPECT_EQ(NormalizeRobotsPath("/a b"), "/a%20b");
  EXPECT_EQ(NormalizeRobotsPath("/100%"), "/100%25");
  EXPECT_EQ(NormalizeRobotsPath("/%zz"), "/%25zz");
  EXPECT_EQ(NormalizeRobotsPath("/\xE2\x82\xAC"), "/%E2%82%AC");
}

TEST(RobotsTest, PathologicalPatternsStayFast) {
  std::string pattern = "User-agent: *\nDisallow: /";
  for (int i = 0; i < 200; ++i) pattern += "*a";
  pattern += "$\n";
  const AgentRules rules = RobotsRules::Parse(pattern).ForAgent("concord");
  std::string path = "/" + std::string(5000, 'a') + "b";
  EXPECT_TRUE(rules.IsAllowed(path));
}

// Random bytes drawn mostly from robots.txt's own alphabet: parsing and
// matching must neither crash nor hang, and /robots.txt stays allowed.
TEST(RobotsTest, RandomInputIsHarmless) {
  std::mt19937 rng(20261122);
  static constexpr char kAlphabet[] =
      "Ua:-*$/%#\n\r \tDisallowAgent0A\xC3\xA9\x00?";
  const std::string alphabet(kAlphabet, sizeof kAlphabet - 1);  // with NUL
  for (int round = 0; round < 500; ++round) {
    std::string text, path = "/";
    const int n = static_cast<int>(rng() % 400);
    for (int i = 0; i < n; ++i)
      text.push_back(alphabet[rng() % alphabet.size()]);
    if (round % 3 == 0) text = "User-agent: *\nDisallow: " + text;
    for (int i = 0; i < 30; ++i)
      path.push_back(alphabet[rng() % alphabet.size()]);
    const AgentRules rules = RobotsRules::Parse(text).ForAgent("concord");
    (void)rules.IsAllowed(path);
    EXPECT_TRUE(rules.IsAllowed("/robots.txt"));
  }
}

}  // namespace
}  // namespace concord::fetch
