// The WARC reader is a small state machine over a buffered byte stream
// (stream.h), pulling 64 KiB at a time: skip the line ends between records,
// read the header line by line (each line capped, the header as a whole
// capped), then read or skip exactly Content-Length bytes. Nothing depends on
// the block's content, so a record is found by counting bytes, not by
// searching; only after a malformed header, when the count is lost, does the
// reader search, line by line, for the next line that begins with "WARC/1."
// (a block could contain such a line by chance, but a header that follows
// it will rarely parse, so the damage stays local).
//
// Record offsets in .gz files are gzip member offsets: that is what a reader
// can seek to (the usual "offset" column of CDX indexes), and for the common
// one-record-per-member layout it is exactly the record's position.
//
// HTTP payloads: archived responses keep the bytes as they came over the
// wire, so a body may be chunked and then gzip'ed. Both are undone here,
// with the same size cap as the record, so that a small gzip'ed body cannot
// inflate without bound. Tests: warc_test.cc.
#include "src/base/ascii.h"
#include "src/ingest/warc.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>

#include "src/ingest/encoding.h"
#include "src/ingest/reader.h"
#include "src/ingest/stream.h"

namespace concord::ingest {
namespace {

constexpr size_t kBufferBytes = 64 * 1024;

// A line quoted for an error message: at most 60 bytes, control bytes and
// non-ASCII shown as \xHH so the message stays printable UTF-8.
std::string QuoteLine(std::string_view line) {
  std::string out = "\"";
  const size_t n = std::min<size_t>(line.size(), 60);
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
      static const char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (line.size() > n) out += "...";
  return out + "\"";
}

std::optional<uint64_t> ParseDecimal(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  uint64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

std::string_view FindField(
    const std::vector<std::pair<std::string, std::string>>& fields,
    std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (EqualsNoCase(key, name)) return value;
  }
  return {};
}

// A ByteStream with a read buffer and line reading.
class BufferedStream {
 public:
  explicit BufferedStream(ByteStream* stream)
      : stream_(stream), buf_(std::make_unique<char[]>(kBufferBytes)) {}

  // Position (in decompressed bytes) of the next byte to be consumed.
  uint64_t position() const { return stream_->position() - (end_ - pos_); }
  const Status& error() const { return error_; }
  ByteStream* stream() { return stream_; }
  // Whether the last line read ended with a line feed (not the data's end).
  bool line_complete() const { return line_complete_; }

  // The next byte, or -1 at the end (or after a stream error).
  int Peek() {
    if (pos_ == end_ && !Fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_]);
  }
  void Advance() { ++pos_; }  // REQUIRES: Peek() >= 0.

  // Consumes one line through its LF (or to the end of the data), keeping
  // at most `max` bytes of it in *line (without the line end); sets
  // *too_long when more were dropped. False when no byte was left.
  bool ReadLine(std::string* line, size_t max, bool* too_long) {
    line->clear();
    *too_long = false;
    line_complete_ = false;
    if (Peek() < 0) return false;
    for (;;) {
      if (pos_ == end_ && !Fill()) break;
      const char* start = buf_.get() + pos_;
      const void* nl = std::memchr(start, '\n', end_ - pos_);
      const size_t len = nl != nullptr
                             ? static_cast<size_t>(
                                   static_cast<const char*>(nl) - start)
                             : end_ - pos_;
      const size_t keep = std::min(len, max - std::min(max, line->size()));
      line->append(start, keep);
      if (keep < len) *too_long = true;
      pos_ += len;
      if (nl != nullptr) {
        ++pos_;
        line_complete_ = true;
        break;
      }
    }
    if (!line->empty() && line->back() == '\r') line->pop_back();
    return true;
  }

  // Appends up to n bytes to *out; returns how many.
  uint64_t Read(uint64_t n, std::string* out) {
    uint64_t done = 0;
    while (done < n) {
      if (pos_ == end_ && !Fill()) break;
      const size_t k =
          static_cast<size_t>(std::min<uint64_t>(n - done, end_ - pos_));
      out->append(buf_.get() + pos_, k);
      pos_ += k;
      done += k;
    }
    return done;
  }

  // Skips up to n bytes; returns how many.
  uint64_t Skip(uint64_t n) {
    uint64_t done = 0;
    while (done < n) {
      if (pos_ == end_ && !Fill()) break;
      const size_t k =
          static_cast<size_t>(std::min<uint64_t>(n - done, end_ - pos_));
      pos_ += k;
      done += k;
    }
    return done;
  }

 private:
  bool Fill() {
    if (!error_.ok() || eof_) return false;
    Result<size_t> k = stream_->Read(buf_.get(), kBufferBytes);
    if (!k.ok()) {
      error_ = k.status();
      return false;
    }
    pos_ = 0;
    end_ = *k;
    if (*k == 0) eof_ = true;
    return *k > 0;
  }

  ByteStream* const stream_;
  std::unique_ptr<char[]> buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  bool line_complete_ = false;
  Status error_;
};

class WarcParser {
 public:
  WarcParser(const std::string& path, ByteStream* stream,
             const WarcReadOptions& options,
             const std::function<void(const WarcRecord&)>& on_record,
             const std::function<void(Status)>& on_error)
      : path_(path),
        in_(stream),
        options_(options),
        on_record_(on_record),
        on_error_(on_error) {}

  Status Run() {
    std::string line;
    bool have_line = false;  // `line` holds a version line found by Resync
    for (;;) {
      if (!have_line) {
        int c;
        while ((c = in_.Peek()) == '\r' || c == '\n') in_.Advance();
        if (c < 0) break;
        record_pos_ = in_.position();
        record_offset_ = in_.stream()->MemberOffsetAt(record_pos_);
        bool too_long = false;
        in_.ReadLine(&line, 64, &too_long);
      }
      have_line = false;
      const Outcome outcome = ReadRecord(line);
      if (outcome == Outcome::kStop) break;
      if (outcome == Outcome::kResync) {
        if (!Resync(&line)) break;
        have_line = true;
      }
    }
    if (!in_.error().ok()) {
      // The member being inflated when the data ran out or went bad.
      const uint64_t at =
          in_.stream()->MemberOffsetAt(in_.stream()->position());
      Report(Status::BadInput(path_ + "@" + std::to_string(at) + ": " +
                              in_.error().message()));
    }
    return first_error_;
  }

 private:
  enum class Outcome { kNext, kResync, kStop };

  void Report(Status status) {
    if (first_error_.ok()) first_error_ = status;
    if (on_error_) on_error_(std::move(status));
  }
  std::string Where() const {
    return path_ + "@" + std::to_string(record_offset_) + ": ";
  }
  Outcome Malformed(const std::string& why) {
    Report(Status::BadInput(Where() + "malformed WARC header: " + why));
    return Outcome::kResync;
  }
  // EOF (or a stream error, reported by Run) inside a record.
  Outcome Truncated(const std::string& what) {
    if (in_.error().ok()) Report(Status::BadInput(Where() + what));
    return Outcome::kStop;
  }

  Outcome ReadRecord(const std::string& version_line) {
    if (!version_line.starts_with("WARC/1.")) {
      return Malformed("expected a version line \"WARC/1.x\", got " +
                       QuoteLine(version_line));
    }
    record_.offset = record_offset_;
    record_.version = version_line.substr(5);
    record_.fields.clear();
    record_.block.clear();
    size_t header_bytes = version_line.size();
    std::string line;
    for (;;) {
      bool too_long = false;
      const size_t room = options_.max_header_bytes -
                          std::min(options_.max_header_bytes, header_bytes);
      if (!in_.ReadLine(&line, room, &too_long) || !in_.line_complete()) {
        return Truncated("truncated record header");
      }
      header_bytes += line.size() + 2;
      if (too_long || header_bytes > options_.max_header_bytes) {
        return Malformed("longer than " +
                         std::to_string(options_.max_header_bytes) + " bytes");
      }
      if (line.empty()) break;
      if (line[0] == ' ' || line[0] == '\t') {
        if (record_.fields.empty()) {
          return Malformed("continuation line before any field: " +
                           QuoteLine(line));
        }
        const std::string_view more = TrimHeaderSpace(line);
        std::string& value = record_.fields.back().second;
        if (!more.empty()) {
          if (!value.empty()) value += ' ';
          value += more;
        }
        continue;
      }
      const size_t colon = line.find(':');
      if (colon == std::string::npos || colon == 0) {
        return Malformed("line without a colon: " + QuoteLine(line));
      }
      record_.fields.emplace_back(
          std::string(TrimHeaderSpace(std::string_view(line).substr(0, colon))),
          std::string(TrimHeaderSpace(std::string_view(line).substr(colon + 1))));
    }
    const std::string_view length_text = record_.Field("Content-Length");
    if (length_text.empty()) return Malformed("no Content-Length");
    const std::optional<uint64_t> length = ParseDecimal(length_text);
    if (!length) {
      return Malformed("Content-Length " + QuoteLine(length_text) +
                       " is not a number");
    }
    if (*length > options_.max_record_bytes) {
      Report(Status::BadInput(Where() + "record of " + std::to_string(*length) +
                              " bytes is larger than the " +
                              FormatByteLimit(options_.max_record_bytes) +
                              " limit; skipped"));
      const uint64_t skipped = in_.Skip(*length);
      if (skipped < *length) return TruncatedBlock(*length, skipped);
      return Outcome::kNext;
    }
    record_.block.reserve(static_cast<size_t>(*length));
    const uint64_t got = in_.Read(*length, &record_.block);
    if (got < *length) return TruncatedBlock(*length, got);
    on_record_(record_);
    return Outcome::kNext;
  }

  Outcome TruncatedBlock(uint64_t length, uint64_t got) {
    return Truncated("truncated record: Content-Length " +
                     std::to_string(length) + ", but the file ends after " +
                     std::to_string(got) + " bytes of its block");
  }

  // Scans for the next line starting with "WARC/1."; leaves it in *line with
  // record_pos_/record_offset_ set. False at the end of the data.
  bool Resync(std::string* line) {
    for (;;) {
      if (in_.Peek() < 0) return false;
      record_pos_ = in_.position();
      record_offset_ = in_.stream()->MemberOffsetAt(record_pos_);
      bool too_long = false;
      in_.ReadLine(line, 64, &too_long);
      if (line->starts_with("WARC/1.")) return true;
    }
  }

  const std::string& path_;
  BufferedStream in_;
  const WarcReadOptions& options_;
  const std::function<void(const WarcRecord&)>& on_record_;
  const std::function<void(Status)>& on_error_;
  WarcRecord record_;  // reused, so its buffers are too
  uint64_t record_pos_ = 0;
  uint64_t record_offset_ = 0;
  Status first_error_;
};

// ---- HTTP payloads ----------------------------------------------------------

// Splits off one line (CRLF or LF) from *rest. False when no line end is
// left.
bool NextLine(std::string_view* rest, std::string_view* line) {
  const size_t nl = rest->find('\n');
  if (nl == std::string_view::npos) return false;
  *line = rest->substr(0, nl);
  if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
  rest->remove_prefix(nl + 1);
  return true;
}

// Undoes chunked transfer coding. nullopt when `body` does not start like a
// chunked body (then it is taken as it is). A body cut short keeps what
// arrived.
std::optional<std::string> Dechunk(std::string_view body, uint64_t max_bytes) {
  std::string out;
  std::string_view rest = body;
  bool first = true;
  for (;;) {
    std::string_view line;
    if (!NextLine(&rest, &line)) {
      if (first) return std::nullopt;
      break;
    }
    const size_t semi = line.find(';');
    const std::string_view hex = TrimHeaderSpace(line.substr(0, semi));
    if (hex.empty() || hex.size() > 15) {
      if (first) return std::nullopt;
      break;
    }
    uint64_t size = 0;
    for (const char c : hex) {
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) {
        if (first) return std::nullopt;
        return out;
      }
      size = size * 16 + static_cast<uint64_t>(d);
    }
    first = false;
    if (size == 0) break;
    const size_t take = static_cast<size_t>(std::min<uint64_t>(size, rest.size()));
    if (out.size() + take > max_bytes + 1) {
      out.append(rest.substr(0, max_bytes + 1 - out.size()));
      break;
    }
    out.append(rest.substr(0, take));
    rest.remove_prefix(take);
    if (rest.starts_with("\r\n")) {
      rest.remove_prefix(2);
    } else if (rest.starts_with("\n")) {
      rest.remove_prefix(1);
    }
  }
  return out;
}

std::string_view MediaType(std::string_view content_type) {
  return TrimHeaderSpace(content_type.substr(0, content_type.find(';')));
}

bool LooksLikeHtml(std::string_view body) {
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  const size_t first = body.find_first_not_of(" \t\r\n\f");
  if (first == std::string_view::npos) return false;
  body.remove_prefix(first);
  for (const char* tag : {"<!doctype html", "<html", "<head", "<body"}) {
    if (StartsWithNoCase(body, tag)) return true;
  }
  return false;
}

bool IsHtmlMediaType(std::string_view media_type) {
  return EqualsNoCase(media_type, "text/html") ||
         EqualsNoCase(media_type, "application/xhtml+xml");
}

// Turns one record into an Article, or says why not.
class PageMaker {
 public:
  PageMaker(const std::string& path, const WarcReadOptions& options,
            ArticleSink* sink, WarcStats* stats)
      : path_(path), options_(options), sink_(sink), stats_(stats) {}

  void OnRecord(const WarcRecord& record) {
    ++stats_->records;
    const std::string_view type = record.type();
    std::string content_type;  // owned: the HTTP headers die with `http`
    std::string payload_storage;
    std::string_view payload;
    if (EqualsNoCase(type, "response")) {
      const std::string_view warc_type = record.Field("Content-Type");
      if (!StartsWithNoCase(MediaType(warc_type), "application/http") ||
          (Param(warc_type, "msgtype") != "" &&
           !EqualsNoCase(Param(warc_type, "msgtype"), "response"))) {
        ++stats_->skipped;
        return;
      }
      Result<HttpResponse> http = ParseHttpResponse(record.block);
      if (!http.ok()) {
        Error(record, "malformed HTTP response: " + http.status().message());
        return;
      }
      if (http->status < 200 || http->status > 299) {
        ++stats_->skipped;
        return;
      }
      content_type.assign(http->Header("Content-Type"));
      if (!content_type.empty() && !IsHtmlMediaType(MediaType(content_type))) {
        ++stats_->skipped;
        return;
      }
      Result<std::string> body = DecodeHttpBody(*http, options_.max_record_bytes);
      if (!body.ok()) {
        Error(record, body.status().message());
        return;
      }
      payload_storage = std::move(*body);
      payload = payload_storage;
    } else if (EqualsNoCase(type, "resource")) {
      content_type.assign(record.Field("Content-Type"));
      if (!content_type.empty() && !IsHtmlMediaType(MediaType(content_type))) {
        ++stats_->skipped;
        return;
      }
      payload = record.block;
    } else {
      ++stats_->skipped;
      return;
    }
    if (content_type.empty() && !LooksLikeHtml(payload)) {
      ++stats_->skipped;
      return;
    }
    if (TrimHeaderSpace(payload).empty()) {
      ++stats_->skipped;
      return;
    }
    Article article;
    // Header bytes are not checked for UTF-8 by the record reader.
    article.url = ReplaceInvalidUtf8(record.target_uri());
    article.id = article.url;
    if (article.id.empty()) {
      std::string_view rid = TrimHeaderSpace(record.Field("WARC-Record-ID"));
      if (rid.starts_with('<') && rid.ends_with('>')) {
        rid = rid.substr(1, rid.size() - 2);
      }
      article.id = ReplaceInvalidUtf8(rid);
    }
    if (article.id.empty()) {
      article.id = path_ + "@" + std::to_string(record.offset);
    }
    article.origin = path_ + "@" + std::to_string(record.offset);
    article.html = DecodeHtmlToUtf8(payload, content_type);
    ++stats_->pages;
    sink_->OnArticle(std::move(article));
  }

  void Error(const WarcRecord& record, const std::string& message) {
    ++stats_->errors;
    sink_->OnError(Status::BadInput(path_ + "@" +
                                    std::to_string(record.offset) + ": " +
                                    message));
  }

 private:
  // A parameter of a Content-Type value ("msgtype=response"), or "".
  static std::string_view Param(std::string_view content_type,
                                       std::string_view name) {
    size_t pos = content_type.find(';');
    while (pos != std::string_view::npos) {
      std::string_view rest = content_type.substr(pos + 1);
      const size_t next = rest.find(';');
      const std::string_view param = TrimHeaderSpace(rest.substr(0, next));
      const size_t eq = param.find('=');
      if (eq != std::string_view::npos &&
          EqualsNoCase(TrimHeaderSpace(param.substr(0, eq)), name)) {
        std::string_view value = TrimHeaderSpace(param.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
          value = value.substr(1, value.size() - 2);
        }
        return value;
      }
      pos = next == std::string_view::npos ? next : pos + 1 + next;
    }
    return {};
  }

  const std::string& path_;
  const WarcReadOptions& options_;
  ArticleSink* const sink_;
  WarcStats* const stats_;
};

}  // namespace

std::string_view WarcRecord::Field(std::string_view name) const {
  return FindField(fields, name);
}

std::string_view WarcRecord::target_uri() const {
  std::string_view uri = TrimHeaderSpace(Field("WARC-Target-URI"));
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
    uri = uri.substr(1, uri.size() - 2);
  }
  return uri;
}

std::string_view HttpResponse::Header(std::string_view name) const {
  return FindField(headers, name);
}

Status ReadWarc(Env& env, const std::string& path,
                const WarcReadOptions& options,
                const std::function<void(const WarcRecord&)>& on_record,
                const std::function<void(Status)>& on_error) {
  Result<std::unique_ptr<ByteStream>> stream =
      ByteStream::Open(&env, path, HasGzipSuffix(path));
  if (!stream.ok()) {
    if (on_error) on_error(stream.status());
    return stream.status();
  }
  WarcParser parser(path, stream->get(), options, on_record, on_error);
  return parser.Run();
}

Result<HttpResponse> ParseHttpResponse(std::string_view message) {
  HttpResponse response;
  std::string_view rest = message;
  std::string_view line;
  if (!NextLine(&rest, &line)) return Status::BadInput("no status line");
  // "HTTP/1.1 200 OK", "HTTP/2 200"
  if (!line.starts_with("HTTP/")) {
    return Status::BadInput("bad status line " + QuoteLine(line));
  }
  const size_t space = line.find(' ');
  if (space == std::string_view::npos || line.size() < space + 4) {
    return Status::BadInput("bad status line " + QuoteLine(line));
  }
  const std::string_view code = line.substr(space + 1, 3);
  const std::optional<uint64_t> status = ParseDecimal(code);
  if (!status || (line.size() > space + 4 && line[space + 4] != ' ')) {
    return Status::BadInput("bad status line " + QuoteLine(line));
  }
  response.status = static_cast<int>(*status);
  for (;;) {
    if (!NextLine(&rest, &line)) {
      return Status::BadInput("headers do not end");
    }
    if (line.empty()) break;
    if ((line[0] == ' ' || line[0] == '\t') && !response.headers.empty()) {
      std::string& value = response.headers.back().second;
      value += ' ';
      value += TrimHeaderSpace(line);
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return Status::BadInput("header line without a colon: " +
                              QuoteLine(line));
    }
    response.headers.emplace_back(std::string(TrimHeaderSpace(line.substr(0, colon))),
                                  std::string(TrimHeaderSpace(line.substr(colon + 1))));
  }
  response.body = rest;
  return response;
}

Result<std::string> DecodeHttpBody(const HttpResponse& response,
                                   uint64_t max_bytes) {
  std::string body;
  if (StartsWithNoCase(TrimHeaderSpace(response.Header("Transfer-Encoding")), "chunked")) {
    if (std::optional<std::string> plain = Dechunk(response.body, max_bytes)) {
      body = std::move(*plain);
    } else {
      body.assign(response.body);
    }
  } else {
    body.assign(response.body.substr(
        0, static_cast<size_t>(std::min<uint64_t>(max_bytes + 1,
                                                  response.body.size()))));
  }
  bool over_cap = false;
  const std::string_view coding = TrimHeaderSpace(response.Header("Content-Encoding"));
  if (!coding.empty() && !EqualsNoCase(coding, "identity")) {
    std::string inflated;
    Status status;
    if (EqualsNoCase(coding, "gzip") || EqualsNoCase(coding, "x-gzip")) {
      if (!body.starts_with("\x1F\x8B")) {
        // Stored decoded, header kept: take the body as it is.
      } else {
        status = InflateCapped(body, Compression::kGzipOrZlib, max_bytes,
                               &inflated, &over_cap);
        if (!status.ok()) return Status::BadInput(status.message());
        body = std::move(inflated);
      }
    } else if (EqualsNoCase(coding, "deflate")) {
      // "deflate" means zlib, but some servers send raw deflate.
      const bool zlib = body.size() >= 2 &&
                        (static_cast<unsigned char>(body[0]) & 0x0F) == 8 &&
                        ((static_cast<unsigned char>(body[0]) << 8) |
                         static_cast<unsigned char>(body[1])) %
                                31 ==
                            0;
      if (!LooksLikeHtml(body)) {
        status = InflateCapped(
            body, zlib ? Compression::kGzipOrZlib : Compression::kRawDeflate,
            max_bytes, &inflated, &over_cap);
        if (!status.ok()) return Status::BadInput(status.message());
        body = std::move(inflated);
      }
    } else {
      return Status::BadInput("unsupported Content-Encoding " +
                              QuoteLine(coding));
    }
  }
  if (over_cap || body.size() > max_bytes) {
    return Status::BadInput("page is larger than the " +
                            FormatByteLimit(max_bytes) + " limit");
  }
  return body;
}

void IngestWarc(Env& env, const std::string& path,
                const WarcReadOptions& options, ArticleSink* sink,
                WarcStats* stats) {
  WarcStats local;
  PageMaker maker(path, options, sink, &local);
  (void)ReadWarc(
      env, path, options,
      [&maker](const WarcRecord& record) { maker.OnRecord(record); },
      [&](Status error) {
        ++local.errors;
        sink->OnError(std::move(error));
      });
  if (stats != nullptr) {
    stats->records += local.records;
    stats->pages += local.pages;
    stats->skipped += local.skipped;
    stats->errors += local.errors;
  }
}

}  // namespace concord::ingest
