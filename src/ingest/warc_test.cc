#include "src/ingest/warc.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "src/ingest/encoding.h"
#include "src/ingest/reader.h"
#include "src/ingest/testing.h"

namespace concord::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::Compress;
using testing::Gzip;
using testing::ScratchDir;

// One WARC record, built by hand.
std::string Record(const std::string& type, const std::string& uri,
                   const std::string& content_type, const std::string& block,
                   const std::string& extra_fields = "") {
  std::string r = "WARC/1.1\r\nWARC-Type: " + type + "\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + uri + "\r\n";
  r += "WARC-Date: 2025-11-30T08:00:00Z\r\n";
  r += "WARC-Record-ID: <urn:uuid:" + type + "-" +
       std::to_string(block.size()) + ">\r\n";
  if (!content_type.empty()) r += "Content-Type: " + content_type + "\r\n";
  r += extra_fields;
  r += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  return r + block + "\r\n\r\n";
}

std::string Http(const std::string& status_line, const std::string& headers,
                 const std::string& body) {
  return status_line + "\r\n" + headers + "\r\n" + body;
}

std::string Response(const std::string& uri, const std::string& http) {
  return Record("response", uri, "application/http; msgtype=response", http);
}

const std::string kPage =
    "<!doctype html><html><head><title>Harbour</title></head>"
    "<body><p>The harbour reopened on Monday.</p></body></html>";

std::vector<std::string> Messages(const CollectingSink& sink) {
  std::vector<std::string> out;
  for (const Status& s : sink.errors) out.push_back(s.message());
  return out;
}

std::vector<std::string> Ids(const CollectingSink& sink) {
  std::vector<std::string> out;
  for (const Article& a : sink.articles) out.push_back(a.id);
  return out;
}

struct Collected {
  std::vector<WarcRecord> records;
  std::vector<std::string> errors;
  Status status;
};

Collected Read(const std::string& path, const WarcReadOptions& options = {}) {
  Collected c;
  c.status = ReadWarc(
      *Env::Default(), path, options,
      [&c](const WarcRecord& r) { c.records.push_back(r); },
      [&c](Status s) { c.errors.push_back(s.message()); });
  return c;
}

TEST(ReadWarcTest, RecordsFieldsAndOffsets) {
  ScratchDir dir;
  const std::string info =
      "WARC/1.0\r\nwarc-type: warcinfo\r\nContent-Type: application/"
      "warc-fields\r\nX-Note: first part\r\n  second part\r\n"
      "content-length: 9\r\n\r\nsoftware\n\r\n\r\n";
  const std::string response =
      Response("<https://example.org/a>", Http("HTTP/1.1 200 OK", "", "hi"));
  const std::string path = dir.Write("a.warc", info + response);
  Collected c = Read(path);
  EXPECT_TRUE(c.status.ok()) << c.status.ToString();
  EXPECT_THAT(c.errors, ElementsAre());
  ASSERT_EQ(c.records.size(), 2u);
  const WarcRecord& first = c.records[0];
  EXPECT_EQ(first.offset, 0u);
  EXPECT_EQ(first.version, "1.0");
  EXPECT_EQ(first.type(), "warcinfo");
  EXPECT_EQ(first.Field("WARC-TYPE"), "warcinfo");
  EXPECT_EQ(first.Field("x-note"), "first part second part");
  EXPECT_EQ(first.Field("absent"), "");
  EXPECT_EQ(first.block, "software\n");
  const WarcRecord& second = c.records[1];
  EXPECT_EQ(second.offset, info.size());
  EXPECT_EQ(second.version, "1.1");
  EXPECT_EQ(second.target_uri(), "https://example.org/a");
  EXPECT_EQ(second.block, "HTTP/1.1 200 OK\r\n\r\nhi");
}

TEST(IngestWarcTest, OnlySuccessfulHtmlPagesBecomeArticles) {
  ScratchDir dir;
  const std::string chunked_gzip_body = [] {
    const std::string z = Gzip(kPage);
    const size_t half = z.size() / 2;
    auto hex = [](size_t n) {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%zx", n);
      return std::string(buf);
    };
    return hex(half) + ";ext=1\r\n" + z.substr(0, half) + "\r\n" +
           hex(z.size() - half) + "\r\n" + z.substr(half) + "\r\n0\r\n\r\n";
  }();
  std::string warc;
  warc += Record("warcinfo", "", "application/warc-fields", "format: WARC\r\n");
  warc += Record("request", "https://example.org/a", "application/http; "
                 "msgtype=request", "GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n");
  const size_t a_offset = warc.size();
  warc += Response("https://example.org/a",
                   Http("HTTP/1.1 200 OK",
                        "Content-Type: text/html; charset=utf-8\r\n", kPage));
  warc += Response("https://example.org/logo.png",
                   Http("HTTP/1.1 200 OK", "Content-Type: image/png\r\n",
                        "\x89PNG\r\n\x1A\n"));
  warc += Response("https://example.org/gone",
                   Http("HTTP/1.1 404 Not Found",
                        "Content-Type: text/html\r\n", "<html>gone</html>"));
  warc += Response("https://example.org/moved",
                   Http("HTTP/1.1 301 Moved Permanently",
                        "Location: /a\r\n", ""));
  warc += Response("https://example.org/b",
                   Http("HTTP/1.1 200 OK",
                        "Content-Type: text/html\r\nTransfer-Encoding: "
                        "chunked\r\nContent-Encoding: gzip\r\n",
                        chunked_gzip_body));
  warc += Response("https://example.org/c",
                   Http("HTTP/1.0 200 OK",
                        "Content-Type: text/html; charset=ISO-8859-1\r\n",
                        "<p>caf\xE9 cr\xE8me</p>"));
  warc += Response("https://example.org/d",
                   Http("HTTP/1.1 200 OK", "", "<html><p>untyped</p></html>"));
  warc += Response("https://example.org/e",
                   Http("HTTP/1.1 200 OK", "", "plain words, no markup"));
  warc += Record("resource", "file:///archive/f.html", "text/html", kPage);
  warc += Record("metadata", "https://example.org/a",
                 "application/warc-fields", "outlinks: /b\r\n");
  warc += Response("https://example.org/g",
                   Http("HTTP/1.1 200 OK",
                        "Content-Type: application/xhtml+xml\r\n"
                        "Content-Encoding: deflate\r\n",
                        Compress("<html><p>zlib</p></html>", 15)));
  const std::string path = dir.Write("crawl.warc", warc);

  CollectingSink sink;
  WarcStats stats;
  IngestWarc(*Env::Default(), path, {}, &sink, &stats);
  EXPECT_THAT(Messages(sink), ElementsAre());
  EXPECT_THAT(Ids(sink),
              ElementsAre("https://example.org/a", "https://example.org/b",
                          "https://example.org/c", "https://example.org/d",
                          "file:///archive/f.html", "https://example.org/g"));
  ASSERT_EQ(sink.articles.size(), 6u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.url, "https://example.org/a");
  EXPECT_EQ(a.origin, path + "@" + std::to_string(a_offset));
  EXPECT_EQ(a.html, kPage);
  EXPECT_EQ(a.text, "");
  EXPECT_EQ(a.published, "");  // WARC-Date is the crawl, not the article
  EXPECT_EQ(sink.articles[1].html, kPage);
  EXPECT_EQ(sink.articles[2].html, "<p>café crème</p>");
  EXPECT_EQ(sink.articles[3].html, "<html><p>untyped</p></html>");
  EXPECT_EQ(sink.articles[4].html, kPage);
  EXPECT_EQ(sink.articles[5].html, "<html><p>zlib</p></html>");
  EXPECT_EQ(stats.records, 13u);
  EXPECT_EQ(stats.pages, 6u);
  EXPECT_EQ(stats.skipped, 7u);
  EXPECT_EQ(stats.errors, 0u);
}

TEST(IngestWarcTest, GzipOneMemberPerRecordGivesMemberOffsets) {
  ScratchDir dir;
  const std::string m1 = Gzip(Record("warcinfo", "", "text/plain", "x"));
  const std::string m2 = Gzip(Response(
      "https://example.org/1",
      Http("HTTP/1.1 200 OK", "Content-Type: text/html\r\n", "<p>one</p>")));
  const std::string m3 = Gzip(Response(
      "https://example.org/2",
      Http("HTTP/1.1 200 OK", "Content-Type: text/html\r\n", "<p>two</p>")));
  const std::string path = dir.Write("c.warc.gz", m1 + m2 + m3);
  CollectingSink sink;
  IngestWarc(*Env::Default(), path, {}, &sink);
  EXPECT_THAT(Messages(sink), ElementsAre());
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].origin, path + "@" + std::to_string(m1.size()));
  EXPECT_EQ(sink.articles[1].origin,
            path + "@" + std::to_string(m1.size() + m2.size()));
  EXPECT_EQ(sink.articles[1].html, "<p>two</p>");
}

TEST(IngestWarcTest, GzipOneMemberForManyRecords) {
  ScratchDir dir;
  std::string warc;
  for (int i = 0; i < 50; ++i) {
    warc += Response("https://example.org/" + std::to_string(i),
                     Http("HTTP/1.1 200 OK", "Content-Type: text/html\r\n",
                          "<p>page " + std::to_string(i) + " " +
                              std::string(3000, 'w') + "</p>"));
  }
  const std::string path = dir.Write("one.warc.gz", Gzip(warc));
  CollectingSink sink;
  IngestWarc(*Env::Default(), path, {}, &sink);
  EXPECT_THAT(Messages(sink), ElementsAre());
  ASSERT_EQ(sink.articles.size(), 50u);
  EXPECT_EQ(sink.articles[49].id, "https://example.org/49");
  EXPECT_EQ(sink.articles[49].origin, path + "@0");
}

TEST(ReadWarcTest, MalformedHeaderIsReportedAndTheNextRecordStillRead) {
  ScratchDir dir;
  const std::string bad =
      "WARC/1.1\r\nWARC-Type: response\r\nthis line has no colon\r\n"
      "Content-Length: 5\r\n\r\nabcde\r\n\r\n";
  const std::string good = Record("resource", "https://example.org/ok",
                                  "text/html", "<p>ok</p>");
  const std::string path = dir.Write("bad.warc", bad + good);
  Collected c = Read(path);
  EXPECT_THAT(c.errors, ElementsAre(path +
                                    "@0: malformed WARC header: line without "
                                    "a colon: \"this line has no colon\""));
  EXPECT_EQ(c.status.message(), c.errors[0]);
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].target_uri(), "https://example.org/ok");
  EXPECT_EQ(c.records[0].offset, bad.size());
}

TEST(ReadWarcTest, BadVersionAndContentLengthsResynchronise) {
  ScratchDir dir;
  const std::string junk = "GET / HTTP/1.1\r\nnot a warc\r\n";
  const std::string no_length =
      "WARC/1.1\r\nWARC-Type: resource\r\n\r\nbody\r\n\r\n";
  const std::string bad_length =
      "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 12x\r\n\r\n"
      "body\r\n\r\n";
  const std::string good =
      Record("resource", "https://example.org/ok", "text/html", "<p>ok</p>");
  const std::string path =
      dir.Write("r.warc", junk + no_length + bad_length + good);
  Collected c = Read(path);
  EXPECT_THAT(
      c.errors,
      ElementsAre(
          path + "@0: malformed WARC header: expected a version line "
                 "\"WARC/1.x\", got \"GET / HTTP/1.1\"",
          path + "@" + std::to_string(junk.size()) +
              ": malformed WARC header: no Content-Length",
          path + "@" + std::to_string(junk.size() + no_length.size()) +
              ": malformed WARC header: Content-Length \"12x\" is not a "
              "number"));
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].block, "<p>ok</p>");
}

TEST(ReadWarcTest, ContentLengthBeyondTheEndKeepsEarlierRecords) {
  ScratchDir dir;
  const std::string good =
      Record("resource", "https://example.org/1", "text/html", "<p>1</p>");
  const std::string cut =
      "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 5000\r\n\r\n"
      "only a few bytes";
  const std::string path = dir.Write("cut.warc", good + cut);
  Collected c = Read(path);
  EXPECT_EQ(c.records.size(), 1u);
  EXPECT_THAT(c.errors,
              ElementsAre(path + "@" + std::to_string(good.size()) +
                          ": truncated record: Content-Length 5000, but the "
                          "file ends after 16 bytes of its block"));
}

TEST(ReadWarcTest, TruncatedHeaderIsReported) {
  ScratchDir dir;
  const std::string path =
      dir.Write("h.warc", "WARC/1.1\r\nWARC-Type: resource\r\nContent-Le");
  Collected c = Read(path);
  EXPECT_THAT(c.errors, ElementsAre(path + "@0: truncated record header"));
}

TEST(ReadWarcTest, OversizedRecordIsSkippedUnreadAndReadingGoesOn) {
  ScratchDir dir;
  const std::string big = Record("resource", "https://example.org/big",
                                 "text/html", std::string(5000, 'b'));
  const std::string small =
      Record("resource", "https://example.org/small", "text/html", "<p/>");
  const std::string path = dir.Write("big.warc", big + small);
  Collected c = Read(path, {.max_record_bytes = 4096});
  EXPECT_THAT(c.errors, ElementsAre(path +
                                    "@0: record of 5000 bytes is larger than "
                                    "the 4 KiB limit; skipped"));
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].target_uri(), "https://example.org/small");
}

TEST(ReadWarcTest, TruncatedGzipKeepsEveryRecordBefore) {
  ScratchDir dir;
  const std::string m1 = Gzip(
      Record("resource", "https://example.org/1", "text/html", "<p>1</p>"));
  const std::string m2 = Gzip(
      Record("resource", "https://example.org/2", "text/html", "<p>2</p>"));
  const std::string m3 = Gzip(Record("resource", "https://example.org/3",
                                     "text/html", std::string(20000, 'z')));
  const std::string whole = m1 + m2 + m3;
  const size_t cut = m1.size() + m2.size() + m3.size() / 2;
  const std::string path = dir.Write("t.warc.gz", whole.substr(0, cut));
  Collected c = Read(path);
  ASSERT_EQ(c.records.size(), 2u);
  const std::string m3_offset = std::to_string(m1.size() + m2.size());
  EXPECT_THAT(c.errors,
              ElementsAre(path + "@" + m3_offset +
                          ": truncated gzip data: the file ends at compressed "
                          "byte " +
                          std::to_string(cut) +
                          ", inside the member starting at byte " +
                          m3_offset));
}

TEST(ReadWarcTest, MissingFileIsNotFound) {
  Collected c = Read("/nonexistent/dir/x.warc");
  EXPECT_EQ(c.status.code(), StatusCode::kNotFound);
  EXPECT_EQ(c.errors.size(), 1u);
}

TEST(IngestWarcTest, PayloadErrorsAreReportedPerRecord) {
  ScratchDir dir;
  std::string warc;
  warc += Response("https://example.org/bomb",
                   Http("HTTP/1.1 200 OK",
                        "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
                        Gzip(std::string(1 << 20, 'a'))));
  const size_t br_offset = warc.size();
  warc += Response("https://example.org/br",
                   Http("HTTP/1.1 200 OK",
                        "Content-Type: text/html\r\nContent-Encoding: br\r\n",
                        "\x0b\x02\x80"));
  const size_t bad_http_offset = warc.size();
  warc += Response("https://example.org/bad", "HTTX/1.1 200\r\n\r\n");
  warc += Response("https://example.org/ok",
                   Http("HTTP/1.1 200 OK", "Content-Type: text/html\r\n",
                        "<p>fine</p>"));
  const std::string path = dir.Write("p.warc", warc);
  CollectingSink sink;
  WarcStats stats;
  IngestWarc(*Env::Default(), path, {.max_record_bytes = 64 * 1024}, &sink,
             &stats);
  EXPECT_THAT(Ids(sink), ElementsAre("https://example.org/ok"));
  EXPECT_THAT(
      Messages(sink),
      ElementsAre(path + "@0: page is larger than the 64 KiB limit",
                  path + "@" + std::to_string(br_offset) +
                      ": unsupported Content-Encoding \"br\"",
                  path + "@" + std::to_string(bad_http_offset) +
                      ": malformed HTTP response: bad status line "
                      "\"HTTX/1.1 200\""));
  EXPECT_EQ(stats.errors, 3u);
}

TEST(IngestWarcTest, BadBytesInTheTargetUriBecomeReplacementCharacters) {
  ScratchDir dir;
  const std::string path = dir.Write(
      "u.warc", Record("resource", "https://example.org/caf\xE9", "text/html",
                       "<p>x</p>"));
  CollectingSink sink;
  IngestWarc(*Env::Default(), path, {}, &sink);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].url, "https://example.org/caf\uFFFD");
  EXPECT_EQ(sink.articles[0].id, sink.articles[0].url);
}

TEST(ParseHttpResponseTest, StatusHeadersAndBody) {
  Result<HttpResponse> r = ParseHttpResponse(
      "HTTP/2 203\nContent-Type: text/html\n X-Folded: more\n\nbody\r\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 203);
  EXPECT_EQ(r->Header("content-type"), "text/html X-Folded: more");
  EXPECT_EQ(r->body, "body\r\n");
  EXPECT_FALSE(ParseHttpResponse("").ok());
  EXPECT_FALSE(ParseHttpResponse("HTTP/1.1 2x0 OK\r\n\r\n").ok());
  EXPECT_FALSE(ParseHttpResponse("HTTP/1.1 200 OK\r\nNoColon\r\n\r\n").ok());
  EXPECT_EQ(ParseHttpResponse("HTTP/1.1 200 OK\r\nA: b\r\n").status().message(),
            "headers do not end");
}

TEST(ReadWarcTest, RandomDamageNeverCrashes) {
  ScratchDir dir;
  std::string warc;
  for (int i = 0; i < 6; ++i) {
    warc += Response("https://example.org/" + std::to_string(i),
                     Http("HTTP/1.1 200 OK",
                          "Content-Type: text/html\r\nTransfer-Encoding: "
                          "chunked\r\n",
                          "a\r\n<p>0123456\r\n0\r\n\r\n"));
  }
  const std::string gz = Gzip(warc);
  std::mt19937 rng(11);
  for (int trial = 0; trial < 300; ++trial) {
    std::string bytes = trial % 2 == 0 ? warc : gz;
    std::uniform_int_distribution<size_t> pos(0, bytes.size() - 1);
    for (int k = 0; k < 1 + trial % 4; ++k) {
      bytes[pos(rng)] = static_cast<char>(rng());
    }
    if (trial % 3 == 0) bytes.resize(pos(rng));
    const std::string path =
        dir.Write(trial % 2 == 0 ? "f.warc" : "f.warc.gz", bytes);
    CollectingSink sink;
    IngestWarc(*Env::Default(), path, {}, &sink);
    for (const Article& a : sink.articles) {
      ASSERT_EQ(FindInvalidUtf8(a.html), std::string_view::npos);
    }
    EXPECT_LE(sink.articles.size(), 6u);
  }
}

}  // namespace
}  // namespace concord::ingest
