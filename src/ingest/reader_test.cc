#include "src/ingest/reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "src/ingest/stream.h"
#include "src/ingest/testing.h"

namespace concord::ingest {
namespace {

using ::testing::ElementsAre;

const std::string kData =
    std::string(CONCORD_SOURCE_DIR) + "/tests/data/ingest";

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

CollectingSink ReadJsonl(const std::string& path, const std::string& bytes) {
  CollectingSink sink;
  uint32_t ordinal = 0;
  ReadJsonLines(path, bytes, &sink, &ordinal);
  EXPECT_EQ(ordinal, sink.articles.size());
  return sink;
}

// An in-memory file system: a path is a directory when files lie below it.
class MemEnv final : public Env {
 public:
  explicit MemEnv(std::map<std::string, std::string> files)
      : files_(std::move(files)) {}
  Result<std::string> ReadFile(const std::string& path) override {
    const auto it = files_.find(path);
    if (it == files_.end()) return Status::NotFound(path + ": no such file");
    return it->second;
  }
  bool IsDirectory(const std::string& path) override {
    const auto it = files_.lower_bound(path + "/");
    return it != files_.end() && it->first.starts_with(path + "/");
  }
  bool Exists(const std::string& path) override {
    return files_.count(path) > 0 || IsDirectory(path);
  }
  Result<std::vector<std::string>> ListFilesRecursive(
      const std::string& dir) override {
    std::vector<std::string> out;
    for (const auto& [path, bytes] : files_) {
      if (path.starts_with(dir + "/")) out.push_back(path);
    }
    return out;
  }
  int64_t NowSeconds() override { return 0; }

 private:
  std::map<std::string, std::string> files_;
};

// ---- JSON Lines -----------------------------------------------------------

TEST(ReadJsonLinesTest, GoodRecordsCarryEveryField) {
  CollectingSink sink = ReadJsonl(
      "in/wire.jsonl",
      R"({"id": "a1", "url": "https://example.org/a1", "source": "Wire", "title": "Port reopens", "published": "2025-11-23T10:15:00+02:00", "lang": "en", "text": "The port reopened.", "extra": [1, 2]})"
      "\n"
      R"({"text": "No id here.", "title": null})"
      "\n");
  EXPECT_THAT(Messages(sink), ElementsAre());
  ASSERT_EQ(sink.articles.size(), 2u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.id, "a1");
  EXPECT_EQ(a.url, "https://example.org/a1");
  EXPECT_EQ(a.source, "Wire");
  EXPECT_EQ(a.title, "Port reopens");
  EXPECT_EQ(a.published, "2025-11-23T10:15:00+02:00");
  EXPECT_EQ(a.published_time, 1763885700);
  EXPECT_EQ(a.lang, "en");
  EXPECT_EQ(a.text, "The port reopened.");
  EXPECT_EQ(a.origin, "in/wire.jsonl:1");
  EXPECT_EQ(a.ordinal, 0u);
  const Article& b = sink.articles[1];
  EXPECT_EQ(b.id, "wire:2");  // file stem and line
  EXPECT_EQ(b.title, "");
  EXPECT_EQ(b.published_time, std::nullopt);
  EXPECT_EQ(b.origin, "in/wire.jsonl:2");
  EXPECT_EQ(b.ordinal, 1u);
}

TEST(ReadJsonLinesTest, BlankLinesAreSkippedButCounted) {
  CollectingSink sink =
      ReadJsonl("f.jsonl", "\n   \n{\"id\": \"x\", \"text\": \"t\"}\n\n");
  EXPECT_THAT(Messages(sink), ElementsAre());
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_EQ(sink.articles[0].origin, "f.jsonl:3");
}

TEST(ReadJsonLinesTest, MissingOrEmptyTextIsReportedAndSkipped) {
  CollectingSink sink = ReadJsonl("f.jsonl",
                                  "{\"id\": \"a\", \"text\": \"kept\"}\n"
                                  "{\"id\": \"b\", \"title\": \"no body\"}\n"
                                  "{\"id\": \"c\", \"text\": \"  \"}\n"
                                  "{\"id\": \"d\", \"text\": null}\n"
                                  "{\"id\": \"e\", \"text\": \"kept too\"}\n");
  EXPECT_THAT(Ids(sink), ElementsAre("a", "e"));
  EXPECT_THAT(Messages(sink), ElementsAre("f.jsonl:2: missing field \"text\"",
                                          "f.jsonl:3: field \"text\" is empty",
                                          "f.jsonl:4: missing field \"text\""));
  EXPECT_EQ(sink.errors[0].code(), StatusCode::kBadInput);
}

TEST(ReadJsonLinesTest, MalformedLineInTheMiddleNamesLineAndByte) {
  // Line 1 is 25 bytes, so line 2 starts at byte 26; its '}' is column 18.
  CollectingSink sink = ReadJsonl("feed.jsonl",
                                  "{\"id\":\"a\",\"text\":\"Alpha\"}\n"
                                  "{\"id\":\"b\",\"text\":}\n"
                                  "{\"id\":\"c\",\"text\":\"Gamma\"}\n");
  EXPECT_THAT(Ids(sink), ElementsAre("a", "c"));
  EXPECT_THAT(Messages(sink),
              ElementsAre("feed.jsonl:2: malformed JSON at byte 43 (column "
                          "18): syntax error while parsing value - unexpected "
                          "'}'; expected '[', '{', or a literal"));
  EXPECT_EQ(sink.articles[1].ordinal, 1u);  // no gap
}

TEST(ReadJsonLinesTest, TruncatedLastLineIsReported) {
  CollectingSink sink =
      ReadJsonl("t.jsonl", "{\"text\":\"one\"}\n{\"text\":\"tw");
  EXPECT_EQ(sink.articles.size(), 1u);
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_THAT(sink.errors[0].message(),
              ::testing::StartsWith("t.jsonl:2: malformed JSON at byte 26 "
                                    "(column 12): "));
}

TEST(ReadJsonLinesTest, NonObjectLinesAreReported) {
  CollectingSink sink = ReadJsonl("f.jsonl",
                                  "[1, 2]\n\"just a string\"\n42\n"
                                  "{\"text\": \"fine\"}\n");
  EXPECT_THAT(Ids(sink), ElementsAre("f:4"));
  EXPECT_THAT(Messages(sink),
              ElementsAre("f.jsonl:1: expected a JSON object, got array",
                          "f.jsonl:2: expected a JSON object, got string",
                          "f.jsonl:3: expected a JSON object, got number"));
}

TEST(ReadJsonLinesTest, NumberIdBecomesString) {
  CollectingSink sink = ReadJsonl("f.jsonl",
                                  "{\"id\": 42, \"text\": \"a\"}\n"
                                  "{\"id\": -7, \"text\": \"b\"}\n"
                                  "{\"id\": true, \"text\": \"c\"}\n");
  EXPECT_THAT(Ids(sink), ElementsAre("42", "-7"));
  EXPECT_THAT(Messages(sink),
              ElementsAre("f.jsonl:3: field \"id\" must be a string or a "
                          "number, not boolean"));
}

TEST(ReadJsonLinesTest, NonStringFieldIsNamed) {
  CollectingSink sink =
      ReadJsonl("f.jsonl",
                "{\"title\": 5, \"text\": \"a\"}\n"
                "{\"text\": [\"a\"]}\n"
                "{\"lang\": {\"code\": \"en\"}, \"text\": \"c\"}\n");
  EXPECT_TRUE(sink.articles.empty());
  EXPECT_THAT(
      Messages(sink),
      ElementsAre("f.jsonl:1: field \"title\" must be a string, not number",
                  "f.jsonl:2: field \"text\" must be a string, not array",
                  "f.jsonl:3: field \"lang\" must be a string, not object"));
}

TEST(ReadJsonLinesTest, UnparseableDateIsReportedButArticleKept) {
  CollectingSink sink = ReadJsonl(
      "f.jsonl",
      "{\"id\": \"a\", \"published\": \"yesterday\", \"text\": \"x\"}\n"
      "{\"id\": \"b\", \"published\": \"2025-02-30\", \"text\": \"y\"}\n");
  EXPECT_THAT(Messages(sink),
              ElementsAre("f.jsonl:1: unparseable date \"yesterday\" in field "
                          "published",
                          "f.jsonl:2: unparseable date \"2025-02-30\" in field "
                          "published"));
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].published, "yesterday");
  EXPECT_EQ(sink.articles[0].published_time, std::nullopt);
  EXPECT_EQ(sink.articles[1].published, "2025-02-30");
}

TEST(ReadJsonLinesTest, DuplicateIdIsRenamedAndKept) {
  CollectingSink sink = ReadJsonl("f.jsonl",
                                  "{\"id\": \"x\", \"text\": \"first\"}\n"
                                  "{\"id\": \"y\", \"text\": \"other\"}\n"
                                  "{\"id\": \"x\", \"text\": \"second\"}\n"
                                  "{\"id\": \"z\", \"text\": \"last\"}\n");
  EXPECT_THAT(Ids(sink), ElementsAre("x", "y", "x#2", "z"));
  EXPECT_EQ(sink.articles[0].text, "first");
  EXPECT_EQ(sink.articles[2].text, "second");
  EXPECT_EQ(sink.articles[3].ordinal, 3u);
  EXPECT_TRUE(sink.errors.empty());
  ASSERT_EQ(sink.warnings.size(), 1u);
  EXPECT_EQ(sink.warnings[0].message(),
            "f.jsonl:3: duplicate id \"x\" (first at f.jsonl:1); renamed "
            "\"x#2\"");
}

TEST(ReadJsonLinesTest, CrLfLinesAndFieldsAreNormalised) {
  CollectingSink sink =
      ReadJsonl("f.jsonl",
                "{\"id\": \"a\", \"title\": \"T\\r\\nU\", \"text\": "
                "\"one\\r\\ntwo\\rthree\"}\r\n"
                "{\"id\": \"b\", \"text\": \"b\"}\r\n");
  EXPECT_THAT(Messages(sink), ElementsAre());
  ASSERT_EQ(sink.articles.size(), 2u);
  EXPECT_EQ(sink.articles[0].text, "one\ntwo\nthree");
  EXPECT_EQ(sink.articles[0].title, "T\nU");
  EXPECT_EQ(sink.articles[1].origin, "f.jsonl:2");
}

TEST(ReadJsonLinesTest, InvalidUtf8SkipsOnlyThatRecord) {
  // Line 2 starts at byte 15; the bad byte is its 11th.
  CollectingSink sink = ReadJsonl("f.jsonl",
                                  "{\"text\":\"one\"}\n"
                                  "{\"text\":\"t\xFFwo\"}\n"
                                  "{\"text\":\"three\"}\n");
  EXPECT_THAT(Ids(sink), ElementsAre("f:1", "f:3"));
  EXPECT_THAT(Messages(sink),
              ElementsAre("f.jsonl:2: invalid UTF-8 at byte 25 (column 11)"));
}

TEST(ReadJsonLinesTest, Utf8BomIsSkipped) {
  CollectingSink sink = ReadJsonl("f.jsonl", "\xEF\xBB\xBF{\"text\":\"a\"}\n");
  EXPECT_THAT(Messages(sink), ElementsAre());
  EXPECT_EQ(sink.articles.size(), 1u);
}

TEST(ReadJsonLinesTest, RandomLinesNeverEscapeAsExceptions) {
  const char* kTokens[] = {"{",
                           "}",
                           "[",
                           "]",
                           ":",
                           ",",
                           "\"text\"",
                           "\"id\"",
                           "\"published\"",
                           "\"x\"",
                           "1",
                           "-2.5e3",
                           "1e999",
                           "null",
                           "true",
                           "\"\\ud800\"",
                           "\xC3",
                           "\r",
                           " ",
                           "\"2025-11-23\""};
  std::mt19937 rng(42);
  std::uniform_int_distribution<size_t> pick(0, std::size(kTokens) - 1);
  std::uniform_int_distribution<int> tokens(0, 12);
  std::string bytes;
  for (int line = 0; line < 5000; ++line) {
    if (line % 2 == 0) bytes += "{\"text\": \"ok\", ";
    for (int t = tokens(rng); t > 0; --t) bytes += kTokens[pick(rng)];
    bytes += "\n";
  }
  CollectingSink sink = ReadJsonl("fuzz.jsonl", bytes);
  for (uint32_t i = 0; i < sink.articles.size(); ++i) {
    EXPECT_EQ(sink.articles[i].ordinal, i);
    EXPECT_FALSE(sink.articles[i].text.empty());
  }
  for (const Status& e : sink.errors) {
    EXPECT_THAT(e.message(), ::testing::StartsWith("fuzz.jsonl:"));
  }
  EXPECT_GT(sink.errors.size(), 1000u);
}

// Lines that mix well-formed records (nulls, escapes, surrogate pairs, CRLF
// inside strings, duplicate keys, numeric ids, unknown fields, nesting) with
// random token soup.
std::string MixedJsonLines() {
  const char* kValues[] = {
      "\"plain\"", "null", "\"\"", "\"  \"", "\"a\\r\\nb\\rc\"",
      "\"caf\\u00e9 \\ud83d\\ude00\"", "\"\\ud800\"", "12", "-2.5e3",
      "1e999", "18446744073709551616", "true", "[1,2]", "{\"k\":\"v\"}",
      "\"2025-11-23\"", "\"2025-13-45\"", "\"x\\\"y\"", "\"tab\\there\""};
  const char* kKeys[] = {"text", "id", "url", "source", "title",
                         "published", "lang", "other", "te\\u0078t"};
  const char* kSoup[] = {"{", "}", "[", "]", ":", ",", "\"text\"", "1",
                         "null", "\"\\ud800\"", "\xC3", " ", "\"ok\""};
  std::mt19937 rng(7);
  auto pick = [&rng](size_t n) {
    return std::uniform_int_distribution<size_t>(0, n - 1)(rng);
  };
  std::string bytes;
  for (int line = 0; line < 4000; ++line) {
    if (line % 5 == 4) {
      for (int t = static_cast<int>(pick(10)); t > 0; --t) {
        bytes += kSoup[pick(std::size(kSoup))];
      }
    } else {
      bytes += "{";
      const int fields = 1 + static_cast<int>(pick(6));
      for (int f = 0; f < fields; ++f) {
        if (f > 0) bytes += ", ";
        const bool text = f == 0 && line % 3 != 2;
        bytes += "\"";
        bytes += text ? "text" : kKeys[pick(std::size(kKeys))];
        bytes += "\": ";
        bytes += text && pick(4) != 0 ? "\"some words\""
                                      : kValues[pick(std::size(kValues))];
      }
      bytes += "}";
    }
    bytes += pick(8) == 0 ? "\r\n" : "\n";
  }
  return bytes;
}

// The same articles (every field), errors and warnings, in the same order.
void ExpectSameReading(const CollectingSink& got, const CollectingSink& want) {
  ASSERT_EQ(got.articles.size(), want.articles.size());
  for (size_t i = 0; i < got.articles.size(); ++i) {
    const Article& a = got.articles[i];
    const Article& b = want.articles[i];
    EXPECT_EQ(a.id, b.id) << a.origin;
    EXPECT_EQ(a.text, b.text) << a.origin;
    EXPECT_EQ(a.url, b.url) << a.origin;
    EXPECT_EQ(a.source, b.source) << a.origin;
    EXPECT_EQ(a.title, b.title) << a.origin;
    EXPECT_EQ(a.published, b.published) << a.origin;
    EXPECT_EQ(a.published_time, b.published_time) << a.origin;
    EXPECT_EQ(a.lang, b.lang) << a.origin;
    EXPECT_EQ(a.origin, b.origin);
    EXPECT_EQ(a.ordinal, b.ordinal);
  }
  EXPECT_EQ(Messages(got), Messages(want));
  ASSERT_EQ(got.warnings.size(), want.warnings.size());
  for (size_t i = 0; i < got.warnings.size(); ++i) {
    EXPECT_EQ(got.warnings[i].message(), want.warnings[i].message());
  }
}

// The simdjson fast path and the nlohmann reference must agree on every
// line.
TEST(ReadJsonLinesTest, FastParserAgreesWithReferenceParser) {
  const std::string bytes = MixedJsonLines();
  CollectingSink fast, reference;
  uint32_t n_fast = 0, n_reference = 0;
  const size_t by_fast =
      ReadJsonLines("mix.jsonl", bytes, &fast, &n_fast, JsonParser::kFast);
  EXPECT_EQ(ReadJsonLines("mix.jsonl", bytes, &reference, &n_reference,
                          JsonParser::kReference),
            0u);
  EXPECT_EQ(n_fast, n_reference);
  EXPECT_GT(fast.articles.size(), 500u);
  // Both paths are exercised: most records by simdjson, the rest declined.
  EXPECT_GT(by_fast, fast.articles.size() / 2);
  EXPECT_LT(by_fast, fast.articles.size());
  ExpectSameReading(fast, reference);
  EXPECT_GT(fast.errors.size(), 500u);
}

// Records that are well-formed JSON but for one ill-formed UTF-8 sequence
// (in the text, a key, an ignored field, at the very end): the fast path
// leaves the UTF-8 check to simdjson, and must still report each one as
// the reference path does, with its byte offset.
TEST(ReadJsonLinesTest, InvalidUtf8InWellFormedRecordsIsReportedByBothPaths) {
  const std::string bytes =
      "{\"text\":\"ok\"}\n"
      "{\"text\":\"over\xC0\xAFlong\"}\n"          // overlong '/'
      "{\"text\":\"sur\xED\xA0\x80rogate\"}\n"     // U+D800
      "{\"text\":\"big\xF4\x90\x80\x80\"}\n"       // past U+10FFFF
      "{\"te\x80xt\":\"stray\",\"text\":\"a\"}\n"  // in a key
      "{\"text\":\"a\",\"other\":\"\xFF\"}\n"      // in an ignored field
      "{\"text\":\"ok\"}\n"
      "{\"text\":\"cut\"}\xE2\x82";  // cut at the end
  CollectingSink fast, reference;
  uint32_t n_fast = 0, n_reference = 0;
  ReadJsonLines("u.jsonl", bytes, &fast, &n_fast, JsonParser::kFast);
  ReadJsonLines("u.jsonl", bytes, &reference, &n_reference,
                JsonParser::kReference);
  EXPECT_THAT(Ids(fast), ElementsAre("u:1", "u:7"));
  EXPECT_THAT(Messages(fast),
              ElementsAre("u.jsonl:2: invalid UTF-8 at byte 27 (column 14)",
                          "u.jsonl:3: invalid UTF-8 at byte 48 (column 13)",
                          "u.jsonl:4: invalid UTF-8 at byte 72 (column 13)",
                          "u.jsonl:5: invalid UTF-8 at byte 83 (column 5)",
                          "u.jsonl:6: invalid UTF-8 at byte 129 (column 22)",
                          "u.jsonl:8: invalid UTF-8 at byte 161 (column 15)"));
  ExpectSameReading(fast, reference);
}

CollectingSink ReadJsonlStream(const std::string& path,
                               const std::string& bytes, size_t block,
                               uint64_t max_line = uint64_t{1} << 30) {
  MemEnv env(std::map<std::string, std::string>{{path, bytes}});
  Result<std::unique_ptr<ByteStream>> stream =
      ByteStream::Open(&env, path, HasGzipSuffix(path));
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  CollectingSink sink;
  if (!stream.ok()) return sink;
  uint32_t ordinal = 0;
  ReadJsonLinesStream(path, stream->get(), &sink, &ordinal, max_line,
                      JsonParser::kFast, block);
  EXPECT_EQ(ordinal, sink.articles.size());
  return sink;
}

// Read block by block, whatever the block size (one byte, a block ending
// between \r and \n, inside a UTF-8 sequence or a string), a file gives
// what it gives read whole.
TEST(ReadJsonLinesStreamTest, AnyBlockSizeReadsAsTheWholeFile) {
  const std::string bytes = "\xEF\xBB\xBF" + MixedJsonLines();
  const CollectingSink whole = ReadJsonl("mix.jsonl", bytes);
  ASSERT_GT(whole.articles.size(), 500u);
  for (size_t block : {size_t{1}, size_t{3}, size_t{7}, size_t{64},
                       size_t{4096}, size_t{1} << 22}) {
    SCOPED_TRACE("block " + std::to_string(block));
    ExpectSameReading(ReadJsonlStream("mix.jsonl", bytes, block), whole);
  }
  // No line break at the end, and UTF-16 with a byte order mark.
  ExpectSameReading(ReadJsonlStream("t.jsonl", "{\"text\":\"a\"}\n{\"text\"", 5),
                    ReadJsonl("t.jsonl", "{\"text\":\"a\"}\n{\"text\""));
  std::string wide = "\xFF\xFE";  // UTF-16LE
  for (char c : std::string_view("{\"text\":\"a\"}\n")) {
    wide += c;
    wide += '\0';
  }
  const CollectingSink utf16 = ReadJsonlStream("w.jsonl", wide, 2);
  ExpectSameReading(utf16, ReadJsonl("w.jsonl", wide));
  EXPECT_EQ(utf16.articles.size(), 1u);
}

TEST(ReadJsonLinesStreamTest, OverlongLineIsReportedAndSkipped) {
  const std::string longline = "{\"text\":\"" + std::string(1000, 'x') + "\"}";
  const std::string bytes = "{\"text\":\"one\"}\n" + longline +
                            "\n{\"text\":\"three\"}\n" + longline +
                            "\r\n{\"text\":\"five\"}";
  for (size_t block : {size_t{1}, size_t{16}, size_t{100}, size_t{5000}}) {
    SCOPED_TRACE("block " + std::to_string(block));
    const CollectingSink sink = ReadJsonlStream("big.jsonl", bytes, block, 200);
    EXPECT_THAT(Ids(sink), ElementsAre("big:1", "big:3", "big:5"));
    EXPECT_THAT(
        Messages(sink),
        ElementsAre("big.jsonl:2: line longer than 200 bytes (starting at "
                    "byte 15); skipped",
                    "big.jsonl:4: line longer than 200 bytes (starting at "
                    "byte 1044); skipped"));
  }
}

TEST(ReadJsonLinesStreamTest, GzipFilesAreInflatedAndTruncationReported) {
  const std::string plain = "{\"text\":\"one\"}\n{\"text\":\"two\"}\n";
  const CollectingSink sink = ReadJsonlStream("news.jsonl.gz", testing::Gzip(plain), 4);
  EXPECT_THAT(Ids(sink), ElementsAre("news:1", "news:2"));
  EXPECT_THAT(Messages(sink), ElementsAre());
  // A cut-off archive: what came before the cut is kept, the cut named.
  std::string cut = testing::Gzip(plain + plain + plain);
  cut.resize(cut.size() - 12);
  const CollectingSink part = ReadJsonlStream("cut.jsonl.gz", cut, 4);
  ASSERT_EQ(part.errors.size(), 1u);
  EXPECT_THAT(part.errors[0].message(), ::testing::StartsWith("cut.jsonl.gz: "));
  EXPECT_GE(part.articles.size(), 1u);
}

// ---- Text files -----------------------------------------------------------

TEST(ReadTextFileTest, IdIsFileStemAndTitleStaysEmpty) {
  Article a;
  ASSERT_TRUE(ReadTextFile("news/2025/port.reopens.txt",
                           "Port reopens\r\n\r\nBody.", &a)
                  .ok());
  EXPECT_EQ(a.id, "port.reopens");
  EXPECT_EQ(a.origin, "news/2025/port.reopens.txt");
  EXPECT_EQ(a.title, "");
  EXPECT_EQ(a.text, "Port reopens\n\nBody.");
}

TEST(ReadTextFileTest, ErrorsNameTheFile) {
  Article a;
  EXPECT_EQ(ReadTextFile("e.txt", "", &a).message(), "e.txt: empty file");
  EXPECT_EQ(ReadTextFile("b.txt", std::string("ab\0c", 4), &a).message(),
            "b.txt: binary data (NUL byte at offset 2)");
  EXPECT_EQ(ReadTextFile("w.txt", " \n\t\n", &a).message(),
            "w.txt: no text (blank file)");
}

// ---- IngestPaths ----------------------------------------------------------

TEST(IngestPathsTest, WalksFixtureDirectoryInOrder) {
  CollectingSink sink;
  IngestPaths({kData + "/corpus"}, Env::Default(), &sink);
  EXPECT_THAT(Messages(sink), ElementsAre());
  // feeds/notes.md and feeds/export.csv are not article files: skipped.
  EXPECT_THAT(Ids(sink), ElementsAre("2025-11-23-harbour", "wire-001",
                                     "wire-002", "muenchen-latin1"));
  for (uint32_t i = 0; i < sink.articles.size(); ++i) {
    EXPECT_EQ(sink.articles[i].ordinal, i);
  }
  EXPECT_EQ(sink.articles[0].text,
            "Harbour reopens after storm repairs\n\nThe city harbour reopened "
            "on Sunday after three weeks of repairs to the\nsea wall, the port "
            "authority said. Ferries resume their usual timetable.\n");
  EXPECT_EQ(sink.articles[0].origin, kData + "/corpus/2025-11-23-harbour.txt");
  ASSERT_EQ(sink.articles.size(), 4u);
  EXPECT_EQ(sink.articles[1].origin, kData + "/corpus/feeds/wire.jsonl:1");
  EXPECT_EQ(sink.articles[2].origin, kData + "/corpus/feeds/wire.jsonl:3");
  EXPECT_EQ(sink.articles[2].published_time, 1763856000);
  EXPECT_EQ(sink.articles[3].text,
            "Der Bürgermeister von München eröffnete am Montag die neue "
            "Brücke über die Isar.\n");
}

TEST(IngestPathsTest, BrokenFilesAreReportedAndTheRestGoesOn) {
  CollectingSink sink;
  const std::string dir = kData + "/broken";
  IngestPaths({dir, kData + "/no-such-dir", kData + "/explicit/letter.dat"},
              Env::Default(), &sink);
  EXPECT_THAT(Ids(sink), ElementsAre("ok-1", "letter"));
  EXPECT_EQ(sink.articles[1].ordinal, 1u);
  EXPECT_THAT(
      Messages(sink),
      ElementsAre(dir + "/damaged.txt: invalid UTF-8 at byte 34 (line 2)",
                  dir + "/empty.txt: empty file",
                  dir + "/pixel.txt: binary data (NUL byte at offset 7)",
                  kData + "/no-such-dir: no such file or directory"));
  EXPECT_EQ(sink.errors[3].code(), StatusCode::kNotFound);
}

TEST(IngestPathsTest, ExplicitFilesAreSniffed) {
  CollectingSink sink;
  IngestPaths({kData + "/explicit/wire.data", kData + "/explicit/letter.dat"},
              Env::Default(), &sink);
  EXPECT_THAT(Messages(sink), ElementsAre());
  EXPECT_THAT(Ids(sink), ElementsAre("sniffed-1", "letter"));
  EXPECT_EQ(sink.articles[0].origin, kData + "/explicit/wire.data:1");
}

TEST(IngestPathsTest, DirectoryFilterAndExplicitExtensions) {
  MemEnv env({{"d/a.TXT", "upper-case extension"},
              {"d/b.csv", "skipped"},
              {"d/c.ndjson", "{\"text\": \"c\"}\n"},
              {"d/sub/d.json", "{\"text\": \"d\"}\n"},
              {"e.json", "<html>\n"},
              {"f.txt", "{\"text\": \"sniffed as JSON Lines\"}\n"}});
  CollectingSink sink;
  IngestPaths({"d", "e.json", "f.txt", "missing"}, &env, &sink);
  EXPECT_THAT(Ids(sink), ElementsAre("a", "c:1", "d:1", "f:1"));
  ASSERT_EQ(sink.errors.size(), 2u);
  EXPECT_THAT(sink.errors[0].message(),
              ::testing::StartsWith("e.json:1: malformed JSON at byte 0 "
                                    "(column 1): "));
  EXPECT_EQ(sink.errors[1].message(), "missing: no such file or directory");
}

TEST(IngestPathsTest, DuplicateIdsAcrossFilesAreRenamed) {
  MemEnv env({{"a.jsonl",
               "{\"id\": \"x\", \"text\": \"a\"}\n"
               "{\"id\": \"y\", \"text\": \"b\"}\n"},
              {"b.jsonl",
               "{\"id\": \"y\", \"text\": \"c\"}\n"
               "{\"id\": \"z\", \"text\": \"d\"}\n"},
              {"x.txt", "A text file whose stem collides."}});
  CollectingSink sink;
  IngestPaths({"a.jsonl", "b.jsonl", "x.txt"}, &env, &sink);
  EXPECT_THAT(Ids(sink), ElementsAre("x", "y", "y#2", "z", "x#2"));
  EXPECT_EQ(sink.articles[4].ordinal, 4u);
  EXPECT_TRUE(sink.errors.empty());
  ASSERT_EQ(sink.warnings.size(), 2u);
  EXPECT_EQ(sink.warnings[0].message(),
            "b.jsonl:1: duplicate id \"y\" (first at a.jsonl:2); renamed "
            "\"y#2\"");
  EXPECT_EQ(sink.warnings[1].message(),
            "x.txt: duplicate id \"x\" (first at a.jsonl:1); renamed "
            "\"x#2\"");
}

// ---- Web inputs --------------------------------------------------------------

std::vector<std::string> WarningMessages(const CollectingSink& sink) {
  std::vector<std::string> out;
  for (const Status& s : sink.warnings) out.push_back(s.message());
  return out;
}

TEST(IngestPathsTest, HtmlFilesBecomeArticlesWithMarkup) {
  const std::string page =
      "<!doctype html><title>Quay</title><p>Boats are back.</p>";
  MemEnv env({{"web/a.html", page},
              {"web/b.HTM.gz", testing::Gzip("<p>zipped</p>")},
              {"web/c.xhtml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"/>"},
              {"web/style.css", "p { color: red }"},
              {"web/archive.gz", testing::Gzip("not a known kind")}});
  CollectingSink sink;
  IngestPaths({"web"}, &env, &sink);
  EXPECT_THAT(Messages(sink), ElementsAre());
  EXPECT_THAT(Ids(sink), ElementsAre("a", "b", "c"));
  ASSERT_EQ(sink.articles.size(), 3u);
  EXPECT_EQ(sink.articles[0].html, page);
  EXPECT_EQ(sink.articles[0].text, "");
  EXPECT_EQ(sink.articles[0].title, "");
  EXPECT_EQ(sink.articles[0].origin, "web/a.html");
  EXPECT_EQ(sink.articles[1].html, "<p>zipped</p>");
  EXPECT_EQ(sink.articles[1].origin, "web/b.HTM.gz");
  EXPECT_EQ(sink.articles[2].ordinal, 2u);
}

TEST(IngestPathsTest, Windows1252HtmlWithMetaCharsetIsDecoded) {
  MemEnv env(std::map<std::string, std::string>{{"p.html",
               "<html><head><meta http-equiv=\"content-type\" "
               "content=\"text/html; charset=windows-1252\"></head><body>"
               "<p>\x93Le caf\xE9\x94 \x96 ferm\xE9.</p></body></html>"}});
  CollectingSink sink;
  IngestPaths({"p.html"}, &env, &sink);
  ASSERT_EQ(sink.articles.size(), 1u);
  EXPECT_THAT(sink.articles[0].html, ::testing::HasSubstr(
                                         "<p>“Le café” – fermé.</p>"));
}

TEST(IngestPathsTest, EmptyAndBinaryHtmlFilesAreErrors) {
  MemEnv env({{"e.html", " \n "},
              {"bin.html", std::string("GIF89a\0\0\x01", 9)}});
  CollectingSink sink;
  IngestPaths({"e.html", "bin.html"}, &env, &sink);
  EXPECT_TRUE(sink.articles.empty());
  EXPECT_THAT(Messages(sink),
              ElementsAre("e.html: empty file",
                          "bin.html: binary data (NUL byte at offset 6)"));
}

TEST(IngestPathsTest, HugeHtmlPageIsRefusedWithoutReadingItWhole) {
  testing::ScratchDir dir;
  const std::string big = dir.path() + "/big.html";
  {
    std::ofstream out(big, std::ios::binary);
    const std::string chunk = "<p>" + std::string((1 << 20) - 7, 'w') + "</p>";
    out << "<!doctype html>";
    for (int i = 0; i < 200; ++i) out << chunk;  // 200 MiB
  }
  const std::string small = dir.Write("small.html", "<p>small</p>");
  CollectingSink sink;
  IngestPaths({big, small}, Env::Default(), &sink);
  EXPECT_THAT(Messages(sink),
              ElementsAre(big + ": page is larger than the 64 MiB limit"));
  EXPECT_THAT(Ids(sink), ElementsAre("small"));
}

TEST(IngestPathsTest, GzipBombIsCutOffAtTheCap) {
  const std::string bomb = testing::Gzip(std::string(8 << 20, '\0'));
  ASSERT_LT(bomb.size(), 64u * 1024);
  MemEnv env({{"bomb.html.gz", bomb}, {"ok.html", "<p>ok</p>"}});
  CollectingSink sink;
  IngestOptions options;
  options.max_page_bytes = 1 << 20;
  IngestPaths({"bomb.html.gz", "ok.html"}, &env, &sink, options);
  EXPECT_THAT(Messages(sink),
              ElementsAre("bomb.html.gz: page is larger than the 1 MiB limit"));
  EXPECT_THAT(Ids(sink), ElementsAre("ok"));
}

TEST(IngestPathsTest, TruncatedGzipHtmlNamesTheCompressedOffset) {
  const std::string gz = testing::Gzip("<p>" + std::string(4000, 'q') + "</p>");
  const std::string cut = gz.substr(0, gz.size() - 12);
  MemEnv env({{"t.html.gz", cut}});
  CollectingSink sink;
  IngestPaths({"t.html.gz"}, &env, &sink);
  EXPECT_TRUE(sink.articles.empty());
  EXPECT_THAT(Messages(sink),
              ElementsAre("t.html.gz: truncated gzip data: the file ends at "
                          "compressed byte " +
                          std::to_string(cut.size()) +
                          ", inside the member starting at byte 0"));
}

const char kFeed[] = R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Coast Courier</title>
  <link>https://courier.example/</link>
  <item>
    <title>Storm passes</title>
    <link>https://courier.example/storm</link>
    <guid isPermaLink="false">cc-77</guid>
    <pubDate>Sun, 30 Nov 2025 08:15:00 GMT</pubDate>
    <content:encoded><![CDATA[<p>The storm passed overnight.</p>]]></content:encoded>
  </item>
  <item>
    <title>Link only</title>
    <link>https://courier.example/link-only</link>
  </item>
  <item>
    <title>Summary only</title>
    <link>https://courier.example/summary</link>
    <description>&lt;p&gt;Short summary.&lt;/p&gt;</description>
  </item>
  <item>
    <description>No link, no guid.</description>
  </item>
  <item>
    <title>Nothing at all</title>
  </item>
</channel>
</rss>)";

TEST(IngestPathsTest, FeedItemsWithContentBecomeArticles) {
  MemEnv env(std::map<std::string, std::string>{{"feeds/coast.rss", kFeed}});
  CollectingSink sink;
  IngestStats stats;
  IngestPaths({"feeds"}, &env, &sink, {}, &stats);
  EXPECT_THAT(Messages(sink), ElementsAre());
  EXPECT_THAT(Ids(sink), ElementsAre("cc-77", "https://courier.example/summary",
                                     "coast:4"));
  ASSERT_EQ(sink.articles.size(), 3u);
  const Article& a = sink.articles[0];
  EXPECT_EQ(a.url, "https://courier.example/storm");
  EXPECT_EQ(a.title, "Storm passes");
  EXPECT_EQ(a.source, "Coast Courier");
  EXPECT_EQ(a.published, "2025-11-30T08:15:00Z");
  EXPECT_EQ(a.published_time, 1764490500);
  EXPECT_EQ(a.html, "<p>The storm passed overnight.</p>");
  EXPECT_EQ(a.text, "");
  EXPECT_EQ(a.origin, "feeds/coast.rss#1");
  EXPECT_EQ(sink.articles[1].html, "<p>Short summary.</p>");
  EXPECT_EQ(sink.articles[2].url, "");
  EXPECT_THAT(
      WarningMessages(sink),
      ElementsAre("feeds/coast.rss: item 2 has no content (link only: "
                  "https://courier.example/link-only); fetch it with `concord "
                  "fetch`",
                  "feeds/coast.rss: item 5 has no content and no link"));
  EXPECT_EQ(stats.feed_items_without_content, 2u);
}

TEST(IngestPathsTest, BadFilesOfEveryKindDoNotLoseOtherArticles) {
  const std::string good_warc_record =
      "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: "
      "https://w.example/1\r\nContent-Type: text/html\r\nContent-Length: "
      "11\r\n\r\n<p>warc</p>\r\n\r\n";
  const std::string cut_warc_record =
      "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 999\r\n\r\n<p>";
  const std::string gz = testing::Gzip("<p>never complete</p>");
  MemEnv env({{"in/1.html", "<p>one</p>"},
              {"in/2.html.gz", gz.substr(0, gz.size() / 2)},
              {"in/3.xml", "definitely { not xml"},
              {"in/4.xml", "<html><body>not a feed</body></html>"},
              {"in/5.warc", good_warc_record + cut_warc_record},
              {"in/6.rss", kFeed},
              {"in/7.jsonl", "{\"id\": \"j\", \"text\": \"json text\"}\n"}});
  CollectingSink sink;
  IngestStats stats;
  IngestPaths({"in"}, &env, &sink, {}, &stats);
  EXPECT_THAT(Ids(sink), ElementsAre("1", "https://w.example/1", "cc-77",
                                     "https://courier.example/summary",
                                     "6:4", "j"));
  ASSERT_EQ(sink.errors.size(), 4u);
  EXPECT_THAT(sink.errors[0].message(),
              ::testing::StartsWith("in/2.html.gz: truncated gzip data"));
  EXPECT_THAT(sink.errors[1].message(),
              ::testing::StartsWith("in/3.xml: not a feed: XML error at line "
                                    "1, column 1: "));
  EXPECT_EQ(sink.errors[2].message(), "in/4.xml: not a feed: root element <html>");
  EXPECT_EQ(sink.errors[3].message(),
            "in/5.warc@" + std::to_string(good_warc_record.size()) +
                ": truncated record: Content-Length 999, but the file ends "
                "after 3 bytes of its block");
  EXPECT_EQ(stats.warc_records, 1u);
  for (size_t i = 0; i < sink.articles.size(); ++i) {
    EXPECT_EQ(sink.articles[i].ordinal, i);
  }
}

TEST(IngestPathsTest, ExplicitWarcWithoutExtensionIsSniffed) {
  MemEnv env(std::map<std::string, std::string>{{"crawl.bin",
               "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: "
               "https://w.example/s\r\nContent-Length: 8\r\n\r\n<html/>\n"
               "\r\n\r\n"}});
  CollectingSink sink;
  IngestPaths({"crawl.bin"}, &env, &sink);
  EXPECT_THAT(Messages(sink), ElementsAre());
  EXPECT_THAT(Ids(sink), ElementsAre("https://w.example/s"));
}

}  // namespace
}  // namespace concord::ingest
