// WARC: web archives (ISO 28500, WARC 1.0 and 1.1) read as a stream.
//
// A WARC file is a sequence of records, each a version line ("WARC/1.1"),
// named fields ("WARC-Type: response"; names compared ignoring ASCII case;
// a line starting with a space or tab continues the previous value), an
// empty line, a block of exactly Content-Length bytes, and two CRLFs (the
// reader skips any run of CR and LF between records, so missing or extra
// line ends cost nothing; a wrong Content-Length shows up as a malformed
// header at the next record and is resynchronised as below). A
// ".warc.gz" file is gzip, usually one member per record but possibly one
// member holding many records; it is inflated in 64 KiB pieces, so the file
// is never held whole: memory is one record block (at most
// max_record_bytes) plus O(1).
//
// ReadWarc hands every well-formed record to a callback. Errors do not stop
// the file unless nothing after them can be read; each names the file and
// the record's byte offset ("path@OFFSET"), where OFFSET is the record's
// first byte in a plain file, or the compressed offset of the gzip member
// holding that byte in a .gz file:
//   path@O: malformed WARC header: expected a version line "WARC/1.x", got "..."
//   path@O: malformed WARC header: line without a colon: "..."
//   path@O: malformed WARC header: no Content-Length
//   path@O: malformed WARC header: Content-Length "12x" is not a number
//   path@O: malformed WARC header: longer than 262144 bytes
//     -> the reader scans forward for the next line starting with "WARC/1."
//        and goes on from there, so one bad record loses only itself;
//   path@O: record of N bytes is larger than the 64 MiB limit; skipped
//     -> its block is skipped unread (not buffered) and reading goes on;
//   path@O: truncated record: Content-Length N, but the file ends after M
//     bytes of its block                       (last error of the file)
//   path@O: truncated record header            (last error of the file)
//   path@O: truncated gzip data: ... / corrupt gzip data ... (stream.h;
//     last error of the file)
// All are Status::BadInput; a missing file is NotFound ("path: no such
// file").
//
// On top of the record reader, IngestWarc turns the HTML pages of a WARC
// file into Articles (see reader.h for the ingest contract): `response`
// records carrying an HTTP response (Content-Type application/http, msgtype
// response or none) and `resource` records. For a response, the HTTP status
// line and headers are parsed, non-2xx responses are skipped, and
// Transfer-Encoding: chunked and Content-Encoding: gzip / x-gzip / deflate
// are undone (a body that is plainly not encoded as its header claims is
// taken as it is, since some archivers store decoded bodies). A payload is a
// page when its media type is text/html or application/xhtml+xml, or when
// there is none and it begins like HTML. It is decoded with DecodeHtmlToUtf8
// using the HTTP Content-Type's charset. Article: id = WARC-Target-URI (or
// WARC-Record-ID when absent), url = target URI, origin = "path@OFFSET",
// html = the decoded page. Everything else (warcinfo, request, metadata,
// revisit, images, PDFs, redirects, empty bodies) is skipped and counted.
// Errors particular to payloads, reported and skipped:
//   path@O: malformed HTTP response: <why>
//   path@O: unsupported Content-Encoding "br"
//   path@O: page is larger than the 64 MiB limit (after decompression)
//
// Thread safety: the functions keep no state between calls; callbacks run on
// the calling thread. Cost: linear in the file; memory as above.
#ifndef CONCORD_INGEST_WARC_H_
#define CONCORD_INGEST_WARC_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "concord/status.h"
#include "src/base/env.h"

namespace concord::ingest {

class ArticleSink;

struct WarcReadOptions {
  // Largest record block (Content-Length) read into memory; larger records
  // are skipped with an error. Also the cap on a page after undoing its
  // Content-Encoding.
  uint64_t max_record_bytes = uint64_t{64} << 20;
  // Largest record header (version line and fields).
  size_t max_header_bytes = 256 * 1024;
};

struct WarcRecord {
  // Where the record starts: byte offset in a plain file, or the compressed
  // offset of the gzip member holding its first byte.
  uint64_t offset = 0;
  std::string version;  // "1.0", "1.1"
  // Header fields in order: names as written, values with surrounding
  // spaces removed and continuation lines joined with one space.
  std::vector<std::pair<std::string, std::string>> fields;
  std::string block;  // the Content-Length bytes

  // The first field called `name` (ignoring ASCII case), or "".
  std::string_view Field(std::string_view name) const;
  std::string_view type() const { return Field("WARC-Type"); }
  // WARC-Target-URI without the angle brackets WARC 1.0 allowed.
  std::string_view target_uri() const;
};

// Reads `path` (gzip when it ends in ".gz") record by record, calling
// `on_record` for each well-formed record and `on_error` (when given) for
// each error above. Returns OK when the whole file was read without error,
// else the first error (after all records that could be read were
// delivered). The record passed to `on_record` lives only during the call.
Status ReadWarc(Env& env, const std::string& path,
                const WarcReadOptions& options,
                const std::function<void(const WarcRecord&)>& on_record,
                const std::function<void(Status)>& on_error = {});

// An HTTP/1.x response as archived in a WARC response record.
struct HttpResponse {
  int status = 0;  // 200
  std::vector<std::pair<std::string, std::string>> headers;
  std::string_view body;  // a view into the message given to the parser

  // The first header called `name` (ignoring ASCII case), or "".
  std::string_view Header(std::string_view name) const;
};

// Parses the status line ("HTTP/1.1 200 OK"; HTTP/2 and /3 as archived are
// accepted too) and the headers (CRLF or LF line ends). Errors are BadInput
// without a location: "no status line", "bad status line \"...\"", "header
// line without a colon: \"...\"", "headers do not end".
Result<HttpResponse> ParseHttpResponse(std::string_view message);

// The payload of an HTTP response: chunked transfer coding and gzip/deflate
// content coding undone, at most `max_bytes` (more is an error "page is
// larger than the N limit"). Other errors: "unsupported Content-Encoding
// \"br\"".
Result<std::string> DecodeHttpBody(const HttpResponse& response,
                                   uint64_t max_bytes);

struct WarcStats {
  uint64_t records = 0;  // well-formed records read
  uint64_t pages = 0;    // delivered as Articles
  uint64_t skipped = 0;  // records that are not 2xx HTML pages
  uint64_t errors = 0;   // errors reported
};

// Reads the HTML pages of a WARC file into `sink` (see the top of this
// file). `stats`, when non-null, is added to. REQUIRES: sink non-null.
void IngestWarc(Env& env, const std::string& path,
                const WarcReadOptions& options, ArticleSink* sink,
                WarcStats* stats = nullptr);

}  // namespace concord::ingest

#endif  // CONCORD_INGEST_WARC_H_
