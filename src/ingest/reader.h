// Ingest: files in, Articles out.
//
// IngestPaths walks the paths it is given in order and hands every article to
// an ArticleSink as soon as it is read; nothing is collected in between, so
// memory stays flat in the number of articles (except the set of ids seen,
// kept to drop duplicates). The input forms:
//
//   * Plain text (.txt, .text): one file, one article. The whole file is
//     decoded with DecodeToUtf8 (encoding.h); id = file name without its
//     extension, origin = the path, title left empty (a later stage finds the
//     headline in the text).
//   * JSON Lines (.jsonl, .ndjson, .json): one JSON object per line, blank
//     lines skipped, fields id, url, source, title, published, text, lang
//     (other fields are ignored, null counts as absent). Only `text` is
//     required: a non-empty, non-blank string. `id` may be a string or a
//     number; missing or "", it becomes "<file stem>:<line>". origin =
//     "path:line". Each line is parsed on its own, and the file is read in
//     4 MiB blocks (ReadJsonLinesStream), so neither the file nor a JSON
//     document of it is ever held whole; ".jsonl.gz" (and the other names
//     with ".gz") is inflated as a stream. A line over the page limit
//     (IngestOptions::max_page_bytes) is reported and skipped. A file must
//     be UTF-8 (a UTF-8 BOM is skipped; a UTF-16/32 file is decoded whole
//     first, and byte offsets in its errors then refer to the decoded text).
//   * Web inputs, each also as ".gz" (gzip, inflated as a stream, several
//     members allowed). They fill `html` (decoded to UTF-8) and leave `text`
//     empty for the extract stage; url, title, published, source are set
//     only where the input states them.
//     - HTML pages (.html, .htm, .xhtml): one file, one article; id = file
//       name without ".html[.gz]", origin = the path, html decoded by
//       DecodeHtmlToUtf8 (BOM, <meta> charset, XML declaration, UTF-8,
//       detection, windows-1252).
//     - WARC archives (.warc): the 2xx HTML responses and HTML resource
//       records (warc.h); id = WARC-Target-URI (else WARC-Record-ID), url =
//       the target URI, origin = "path@OFFSET" (the record's byte offset, or
//       its gzip member's offset in a .warc.gz). Other records are skipped
//       and counted in IngestStats.
//     - Feeds (.rss, .atom, .xml): RSS 2.0, RSS 1.0 or Atom (feed.h); one
//       article per item with content: id = guid, else link, else
//       "<file stem>:<n>" (n the 1-based item number); url = link; title;
//       published (ISO 8601) and published_time; source = the feed's title;
//       html = the item's full content, else its summary; origin =
//       "path#n". An item with neither is a warning, not an article:
//         path: item N has no content (link only: URL); fetch it with
//         `concord fetch`
//         path: item N has no content and no link
//     An HTML page, a feed file or a WARC record larger than
//     IngestOptions::max_page_bytes (64 MiB, decompressed) is an error and
//     is not read further, so an oversized file or a gzip bomb costs at most
//     the cap in memory.
//
// Errors never stop a batch. Each bad file or record is reported through
// ArticleSink::OnError as a Status naming where it is ("a.jsonl:12: ...",
// Status::BadInput unless noted) and skipped; the rest goes on:
//   path: no such file or directory                           (NotFound)
//   path:LINE: malformed JSON at byte OFFSET (column C): <parser message>
//   path:LINE: invalid UTF-8 at byte OFFSET (column C)
//   path:LINE: expected a JSON object, got array
//   path:LINE: missing field "text"     / field "text" is empty
//   path:LINE: field "title" must be a string, not number
//   path: empty file                 / path: binary data (NUL byte at offset N)
//   path: page is larger than the 64 MiB limit  (HTML; "feed is" for feeds)
//   path: truncated gzip data: the file ends at compressed byte N, inside the
//         member starting at byte M  / path: corrupt gzip data at ...
//   path: not a feed: XML error at line L, column C: <libxml2 message>
//   path: not a feed: root element <html>
//   path@OFFSET: malformed WARC header: ... / truncated record: ... / record
//         of N bytes is larger than the 64 MiB limit; skipped / malformed
//         HTTP response: ... (the full list is in warc.h)
// OFFSET is the 0-based byte offset in the file, LINE and C are 1-based.
// One error keeps its record: an unparseable `published` is reported as
//   path:LINE: unparseable date "..." in field published
// and the article is still delivered with `published` as given and
// `published_time` empty.
//
// Duplicate ids: within one IngestPaths call (a batch) the first article with
// an id keeps it; a later one is kept too, renamed "x#2" ("x#3", … skipping
// ids already taken), and reported through ArticleSink::OnWarning:
//   path:LINE: duplicate id "x" (first at other.jsonl:3); renamed "x#2"
// Real data has this (records whose id is a placeholder such as "empty"):
// dropping them would lose articles. This holds across files too, including
// text files whose names collide.
//
// Thread safety: the functions keep no global state; a sink is called from
// the calling thread only, one call at a time. Cost: linear in the input.
// Text and JSON Lines files are read whole through the Env, so peak memory
// is the largest such file plus its decoded text; web inputs are streamed
// (Env::NewSequentialFile), so their peak is one page or WARC record (at
// most max_page_bytes) and its decoded copy.
#ifndef CONCORD_INGEST_READER_H_
#define CONCORD_INGEST_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "concord/article.h"
#include "concord/status.h"
#include "src/base/env.h"
#include "src/ingest/encoding.h"

namespace concord::ingest {

class ByteStream;  // src/ingest/stream.h

// Receives what a reader produces, in input order.
class ArticleSink {
 public:
  virtual ~ArticleSink() = default;
  virtual void OnArticle(Article&& article) = 0;
  virtual void OnError(Status error) = 0;  // non-fatal: the batch goes on
  // Something was off but nothing was lost (a duplicate id was renamed).
  virtual void OnWarning(Status warning) = 0;
  // True when the reader should stop (Ctrl-C during `concord ingest`):
  // checked before each file and each block of a JSON Lines stream; what
  // was delivered before stays delivered.
  virtual bool Cancelled() const { return false; }
};

// A sink that keeps everything, for tests and small batches.
class CollectingSink final : public ArticleSink {
 public:
  void OnArticle(Article&& article) override {
    articles.push_back(std::move(article));
  }
  void OnError(Status error) override { errors.push_back(std::move(error)); }
  void OnWarning(Status warning) override {
    warnings.push_back(std::move(warning));
  }

  std::vector<Article> articles;
  std::vector<Status> errors;
  std::vector<Status> warnings;
};

struct IngestOptions {
  // Extensions read as plain text and as JSON Lines when walking directories
  // (with the dot, compared ignoring ASCII case). Files with any other
  // extension under a directory are skipped silently.
  std::vector<std::string> text_extensions = {".txt", ".text"};
  std::vector<std::string> jsonl_extensions = {".jsonl", ".ndjson", ".json"};
  // Web inputs, each also accepted with ".gz" appended (gzip, inflated as a
  // stream): HTML pages, WARC archives, RSS/Atom feeds.
  std::vector<std::string> html_extensions = {".html", ".htm", ".xhtml"};
  std::vector<std::string> warc_extensions = {".warc"};
  std::vector<std::string> feed_extensions = {".rss", ".atom", ".xml"};
  // Files given explicitly are read whatever their extension: one in the
  // JSON Lines or a web list as that kind; any other (text included) is
  // sniffed: starting with "WARC/1." -> WARC; first non-space byte (after a
  // UTF-8 BOM) '{' -> JSON Lines; else text.

  // How text files are decoded.
  DecodeOptions decode;

  // Largest HTML page, feed file or WARC record, in decompressed bytes;
  // larger ones are reported and skipped without being read further.
  uint64_t max_page_bytes = uint64_t{64} << 20;
};

// What a batch skipped without it being an error.
struct IngestStats {
  uint64_t warc_records = 0;  // well-formed WARC records read
  // WARC records that are not 2xx HTML pages (warcinfo, request, images...).
  uint64_t warc_skipped = 0;
  // Feed items without content (reported as warnings).
  uint64_t feed_items_without_content = 0;
};

// Reads every path in order: a directory (its files recursively, sorted by
// path, hidden ones skipped, filtered by extension as above), or a file.
// Articles get `ordinal` 0, 1, 2, ... in the order delivered, across all
// paths. REQUIRES: env and sink non-null.
// `stats`, when non-null, is added to.
void IngestPaths(const std::vector<std::string>& paths, Env* env,
                 ArticleSink* sink, const IngestOptions& options = {},
                 IngestStats* stats = nullptr);

// Reads one text file already loaded into `bytes`. On success fills *out
// (ordinal left 0) and returns OK; on error *out is unspecified.
// REQUIRES: out non-null.
Status ReadTextFile(const std::string& path, std::string_view bytes,
                    Article* out, const DecodeOptions& options = {});

// Reads one HTML file (gzip when `path` ends in ".gz"), at most `max_bytes`
// decompressed. On success fills *out (ordinal left 0). REQUIRES: env and
// out non-null.
Status ReadHtmlFile(Env* env, const std::string& path, uint64_t max_bytes,
                    Article* out);

// Reads one JSON Lines file already loaded into `bytes`, delivering each good
// record to `sink` with ordinal *next_ordinal (then incremented) and each bad
// one as an error. Duplicate ids are renamed within this file only.
// REQUIRES: sink and next_ordinal non-null.
//
// `parser`: kFast reads well-formed records with simdjson and hands
// everything else to nlohmann::json (which words the errors); kReference
// reads every line with nlohmann::json. Both give the same articles, errors
// and warnings; kReference is there so that tests can hold them equal.
// Returns how many records the fast parser read by itself.
enum class JsonParser { kFast, kReference };
size_t ReadJsonLines(const std::string& path, std::string_view bytes,
                     ArticleSink* sink, uint32_t* next_ordinal,
                     JsonParser parser = JsonParser::kFast);

// ReadJsonLines over a stream (a plain or gzip file), read in blocks of
// `block_bytes` and never held whole: memory is a block plus the longest
// line, whatever the file's size. A line longer than `max_line_bytes` is
// reported (path, line number, byte offset) and skipped; an error of the
// stream itself (a truncated gzip member) is reported after every line
// before it was delivered. Same articles, errors and warnings as
// ReadJsonLines on the whole file. REQUIRES: stream, sink, next_ordinal
// non-null.
size_t ReadJsonLinesStream(const std::string& path, ByteStream* stream,
                           ArticleSink* sink, uint32_t* next_ordinal,
                           uint64_t max_line_bytes,
                           JsonParser parser = JsonParser::kFast,
                           size_t block_bytes = size_t{4} << 20);

}  // namespace concord::ingest

#endif  // CONCORD_INGEST_READER_H_
