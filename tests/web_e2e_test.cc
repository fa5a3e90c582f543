// End to end: web input through the concord binary. Pages are the team's
// examples in examples/web/ (an article page with the usual furniture, a
// windows-1252 table-layout page, an RSS feed); WARC archives and broken
// inputs are built inside the tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "src/ingest/testing.h"
#include "tests/test_util.h"

namespace concord {
namespace {

using nlohmann::json;
using testing::ExamplePath;
using testing::MakeTempDir;
using testing::RunConcord;
using testing::WriteFile;

const std::string kWeb = ExamplePath("web");

std::string ReadExample(const std::string& name) {
  return testing::ReadFile(kWeb + "/" + name);
}

std::vector<json> JsonLines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(json::parse(line));
  }
  return lines;
}

// Every article of an analyze report, in story order.
std::vector<json> AllArticles(const json& report) {
  std::vector<json> out;
  for (const json& s : report["stories"]) {
    for (const json& a : s["articles"]) out.push_back(a);
  }
  return out;
}

// One WARC/1.1 record; `block` is its content.
std::string WarcRecord(const std::string& type, const std::string& uri,
                       const std::string& content_type,
                       const std::string& block) {
  std::string r = "WARC/1.1\r\nWARC-Type: " + type +
                  "\r\nWARC-Target-URI: " + uri +
                  "\r\nWARC-Date: 2025-11-25T10:00:00Z\r\nWARC-Record-ID: "
                  "<urn:uuid:" +
                  std::to_string(std::hash<std::string>()(uri + type)) +
                  ">\r\nContent-Type: " + content_type +
                  "\r\nContent-Length: " + std::to_string(block.size()) +
                  "\r\n\r\n" + block + "\r\n\r\n";
  return r;
}

std::string HttpResponse(const std::string& body, const std::string& type) {
  return "HTTP/1.1 200 OK\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
         body;
}

TEST(WebE2eTest, ExtractsTheArticleAndItsMetadata) {
  auto r = RunConcord("extract " + kWeb +
                      "/ellis-gazette-harbour.html --format json --blocks");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["title"], "Port Ellis harbour reopens three days after storm");
  EXPECT_EQ(j["byline"], "Ines Dale");
  EXPECT_EQ(j["published"], "2025-11-25T09:40:00Z");
  EXPECT_EQ(j["site"], "Ellis Gazette");
  EXPECT_EQ(j["lang"], "en");
  EXPECT_EQ(j["url"],
            "https://gazette.example/news/2025/11/25/harbour-reopens");
  ASSERT_EQ(j["blocks"].size(), 6u) << j.dump(2);
  EXPECT_EQ(j["blocks"][3]["kind"], "heading");
  const std::string text = j["text"];
  EXPECT_NE(text.find("\xE2\x82\xAC" "240,000"), std::string::npos);  // &euro;
  for (const char* junk :
       {"Skip to main", "Share", "Photo: Tom Orr", "Advertisement", "Related",
        "Most read", "Sign up", "crumbling", "All rights", "Weather"}) {
    EXPECT_EQ(text.find(junk), std::string::npos) << junk;
  }
}

TEST(WebE2eTest, DecodesAWindows1252PageFromItsMetaCharset) {
  auto r = RunConcord("extract " + kWeb + "/coastal-wire-harbour.html");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\xE2\x80\x9Cthe longest of the year\xE2\x80\x9D"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("Bridge repairs delayed"), std::string::npos);
  EXPECT_EQ(r.out.find("regional news since"), std::string::npos);
}

TEST(WebE2eTest, DirectoryGivesJsonLinesOfPagesAndFeedItems) {
  auto r = RunConcord("extract " + kWeb);
  EXPECT_EQ(r.exit_code, 0) << r.err;  // a link-only item is a warning
  EXPECT_NE(r.err.find("item 3 has no content"), std::string::npos) << r.err;
  const std::vector<json> lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 4u) << r.out;
  for (const json& j : lines) {
    for (const char* field :
         {"file", "url", "title", "byline", "published", "lang", "text"}) {
      EXPECT_TRUE(j.contains(field)) << field << " in " << j.dump();
    }
    EXPECT_FALSE(j["text"].get<std::string>().empty());
  }
}

TEST(WebE2eTest, AnalyzeTakesPagesAndFeedsDirectly) {
  auto r = RunConcord("analyze " + kWeb + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(AllArticles(j).size(), 4u);
  // The two harbour reports form one story.
  bool found = false;
  for (const json& s : j["stories"]) {
    std::vector<std::string> ids;
    for (const json& a : s["articles"]) ids.push_back(a["id"]);
    if (ids.size() == 2) {
      found = true;
      std::sort(ids.begin(), ids.end());
      EXPECT_EQ(ids[0], "coastal-wire-harbour");
      EXPECT_EQ(ids[1], "ellis-gazette-harbour");
    }
  }
  EXPECT_TRUE(found) << r.out;
}

TEST(WebE2eTest, AnalyzeAndExtractReadWarcArchives) {
  const std::string dir = MakeTempDir("web_warc");
  const std::string a = ReadExample("ellis-gazette-harbour.html");
  const std::string b = ReadExample("coastal-wire-harbour.html");
  std::string warc;
  warc += ingest::testing::Gzip(WarcRecord(
      "warcinfo", "", "application/warc-fields", "software: test\r\n"));
  warc += ingest::testing::Gzip(WarcRecord(
      "request", "https://gazette.example/h", "application/http; "
      "msgtype=request", "GET /h HTTP/1.1\r\nHost: gazette.example\r\n\r\n"));
  warc += ingest::testing::Gzip(WarcRecord(
      "response", "https://gazette.example/h",
      "application/http; msgtype=response",
      HttpResponse(a, "text/html; charset=utf-8")));
  warc += ingest::testing::Gzip(WarcRecord(
      "response", "https://wire.example/ellis",
      "application/http; msgtype=response",
      HttpResponse(b, "text/html; charset=windows-1252")));
  WriteFile(dir + "/crawl.warc.gz", warc);

  auto r = RunConcord("analyze " + dir + "/crawl.warc.gz --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  const std::vector<json> articles = AllArticles(j);
  ASSERT_EQ(articles.size(), 2u) << r.out;
  EXPECT_EQ(j["stories"].size(), 1u);
  std::vector<std::string> urls;
  for (const json& a : articles) urls.push_back(a["url"]);
  std::sort(urls.begin(), urls.end());
  // The page's canonical URL wins over the record's; the other has none.
  EXPECT_EQ(urls[0], "https://gazette.example/h");
  EXPECT_EQ(urls[1], "https://wire.example/ellis");

  auto x = RunConcord("extract " + dir + "/crawl.warc.gz");
  ASSERT_EQ(x.exit_code, 0) << x.err;
  const std::vector<json> pages = JsonLines(x.out);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_NE(pages[0]["file"].get<std::string>().find("crawl.warc.gz@"),
            std::string::npos);
  EXPECT_NE(pages[1]["text"].get<std::string>().find("longest of the year"),
            std::string::npos);
}

TEST(WebE2eTest, BadWebInputIsAClearErrorAndTheRestGoesOn) {
  const std::string dir = MakeTempDir("web_bad");
  const std::string page = ReadExample("ellis-gazette-harbour.html");
  // A truncated gzip page.
  const std::string gz = ingest::testing::Gzip(page);
  WriteFile(dir + "/cut.html.gz", gz.substr(0, gz.size() / 2));
  // Tags nested 100,000 deep around a real paragraph.
  std::string deep =
      "<html><body><article><p>The harbour at Port Ellis reopened on "
      "Monday, three days after the storm, the authority said.</p>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  WriteFile(dir + "/deep.html", deep);
  // A WARC whose first header is damaged; the second record is fine.
  std::string warc = "WARC/1.1\r\nWARC-Type response\r\nContent-Length: x\r\n"
                     "\r\n";
  warc += WarcRecord("response", "https://ok.example/",
                     "application/http; msgtype=response",
                     HttpResponse(page, "text/html"));
  WriteFile(dir + "/damaged.warc", warc);
  // A feed that is not XML.
  WriteFile(dir + "/broken.rss", "this is {not} <xml at all");

  auto r = RunConcord("analyze " + dir + " --format json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("cut.html.gz: truncated gzip data"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("damaged.warc@0: malformed WARC header"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("broken.rss: not a feed"), std::string::npos) << r.err;
  const json j = json::parse(r.out);
  std::vector<std::string> ids;
  for (const json& a : AllArticles(j)) ids.push_back(a["id"]);
  EXPECT_EQ(ids.size(), 2u) << r.out;  // deep.html and the good WARC record
  // Nesting past the limit is a warning on the page, which is still read.
  bool warned = false;
  for (const json& w : j["warnings"]) {
    warned |= w.get<std::string>().find("nested deeper") != std::string::npos;
  }
  EXPECT_TRUE(warned) << j["warnings"].dump();
}

TEST(WebE2eTest, HugePageIsRefusedWithoutReadingItWhole) {
  const std::string dir = MakeTempDir("web_huge");
  {
    std::ofstream out(dir + "/huge.html", std::ios::binary);
    std::string chunk = "<p>" + std::string(1 << 20, 'a') + "</p>";
    for (int i = 0; i < 200; ++i) out << chunk;  // ~200 MB
  }
  auto r = RunConcord("extract " + dir + "/huge.html");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("huge.html: page is larger than the 64 MiB limit"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace concord
