// Readers for text files and JSON Lines, and the batch walk over paths.
//
// JSON Lines is read as a stream of lines: each line is located with memchr
// and parsed alone. Two parsers, one answer: simdjson (its DOM parser
// validates the whole line, UTF-8 included, several times faster than a
// character-at-a-time lexer) takes every well-formed record whose fields
// have the expected types; anything else (invalid UTF-8, malformed JSON, a
// wrong type, a numeric id, a missing or empty text) is checked for UTF-8 by
// our own validator (so the error can carry a byte offset), then goes to
// nlohmann::json, whose exceptions are caught here, per line, and turned
// into Status values that name the byte offset and column. So the fast path
// never decides an error, and the records it accepts are exactly those the
// slow path accepts with the same fields (reader_test.cc holds the two equal
// on valid and broken lines). A line's DOM lives only while its fields are
// copied out, so memory does not grow with the file (apart from the id set
// used to find duplicates).
//
// IngestPaths wraps the caller's sink in a BatchSink that owns the two
// batch-wide concerns: ordinals are assigned on delivery (so a record dropped
// anywhere leaves no gap), and ids are checked against every article already
// delivered in the batch. Tests: reader_test.cc.
#include "src/ingest/reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <utility>

#include "src/ingest/dates.h"
#include "src/ingest/feed.h"
#include "src/ingest/stream.h"
#include "src/ingest/warc.h"

namespace concord::ingest {
namespace {

using Json = nlohmann::json;

std::string FileStem(const std::string& path) {
  return std::filesystem::path(path).stem().string();
}

std::string LowerExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return ext;
}

bool HasExtension(const std::vector<std::string>& extensions,
                  const std::string& ext) {
  for (const std::string& e : extensions) {
    if (e.size() != ext.size()) continue;
    bool same = true;
    for (size_t i = 0; i < e.size() && same; ++i) {
      const char a = e[i] >= 'A' && e[i] <= 'Z' ? e[i] - 'A' + 'a' : e[i];
      same = a == ext[i];
    }
    if (same) return true;
  }
  return false;
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos;
}

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The first of "id#2", "id#3", … that is not a key of `taken`.
template <typename Map>
std::string UniqueId(const std::string& id, const Map& taken) {
  for (int n = 2;; ++n) {
    std::string candidate = id + "#" + std::to_string(n);
    if (!taken.contains(candidate)) return candidate;
  }
}

// The part of nlohmann's message after "parse error at line 1, column 7: ".
std::string ParserMessage(const char* what) {
  const std::string_view full(what);
  const size_t column = full.find("column ");
  if (column != std::string_view::npos) {
    const size_t colon = full.find(": ", column);
    if (colon != std::string_view::npos) {
      return std::string(full.substr(colon + 2));
    }
  }
  const size_t bracket = full.find("] ");
  return std::string(
      bracket == std::string_view::npos ? full : full.substr(bracket + 2));
}

// One line of a JSON Lines file, with where it is.
struct Line {
  std::string_view text;  // without the line break
  size_t offset = 0;      // of text[0] in the file
  size_t number = 0;      // 1-based
};

// The unread bytes of a JSON Lines stream. Unlike a std::string it grows
// without zero-filling: each read appends up to a block (4 MiB) that the
// stream then overwrites, and zeroing it first cost as much as a memset of
// the whole file. Storage is kept from block to block.
class StreamBuffer {
 public:
  std::string_view view() const { return {data_.get(), size_}; }
  size_t size() const { return size_; }

  // Room for `n` more bytes after the last; returns where they go (valid
  // until the next call). Grow() then counts those actually written.
  char* Extend(size_t n) {
    if (capacity_ - size_ < n) {
      const size_t capacity = std::max(size_ + n, 2 * capacity_);
      auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
      if (size_ > 0) std::memcpy(bigger.get(), data_.get(), size_);
      data_ = std::move(bigger);
      capacity_ = capacity;
    }
    return data_.get() + size_;
  }
  // REQUIRES: n <= the room the last Extend() made.
  void Grow(size_t n) { size_ += n; }
  // Drops the first `n` bytes. REQUIRES: n <= size().
  void Consume(size_t n) {
    if (n < size_) std::memmove(data_.get(), data_.get() + n, size_ - n);
    size_ -= n;
  }
  void Clear() { size_ = 0; }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

class JsonLinesReader {
 public:
  JsonLinesReader(const std::string& path, ArticleSink* sink,
                  uint32_t* next_ordinal, JsonParser parser)
      : path_(path),
        stem_(FileStem(HasGzipSuffix(path) ? path.substr(0, path.size() - 3)
                                           : path)),
        sink_(sink),
        next_ordinal_(next_ordinal),
        fast_(parser == JsonParser::kFast) {}

  // Reads every line of `bytes` from `start` on; a last line without a
  // line break is read too. Line numbers carry on from earlier calls, and
  // `base` is the file offset of bytes[0] (for the messages).
  void ReadAll(std::string_view bytes, size_t start, uint64_t base = 0) {
    Line line;
    size_t pos = start;
    while (pos < bytes.size()) {
      const void* nl =
          std::memchr(bytes.data() + pos, '\n', bytes.size() - pos);
      const size_t end =
          nl ? static_cast<size_t>(static_cast<const char*>(nl) - bytes.data())
             : bytes.size();
      line.text = bytes.substr(pos, end - pos);
      if (!line.text.empty() && line.text.back() == '\r') {
        line.text.remove_suffix(1);
      }
      line.offset = base + pos;
      line.number = ++lines_;
      if (line.text.size() > max_line_bytes_) {
        TooLong(line);
      } else {
        ReadLine(line);
      }
      pos = end + 1;
    }
  }

  // Reads the file block by block, never holding more than a block and the
  // line being read: complete lines are read as soon as they arrive, the
  // unfinished one waits for the next block. A line longer than
  // `max_line_bytes` is reported and skipped without being held. Returns
  // the stream's error, if any, after reading the lines before it.
  Status ReadStream(ByteStream* stream, size_t block_bytes,
                    uint64_t max_line_bytes) {
    max_line_bytes_ = max_line_bytes;
    StreamBuffer buf;       // unread bytes: the start of an unfinished line
    uint64_t base = 0;      // file offset of buf[0]
    bool skipping = false;  // inside a line too long to keep
    bool first = true;
    for (;;) {
      if (sink_->Cancelled()) return Status::Ok();
      Result<size_t> got = stream->Read(buf.Extend(block_bytes), block_bytes);
      if (got.ok()) buf.Grow(*got);
      const bool done = !got.ok() || *got == 0;
      if (first && (buf.size() >= 4 || done)) {
        first = false;
        if (IsWideBom(buf.view())) {
          std::string bytes(buf.view());
          buf = StreamBuffer();
          return ReadWide(stream, &bytes);
        }
        if (buf.view().starts_with("\xEF\xBB\xBF")) {
          buf.Consume(3);
          base = 3;
        }
      }
      if (done) {
        // After a stream error the unfinished line is known to be cut off:
        // only the error is reported.
        if (!skipping && got.ok()) ReadAll(buf.view(), 0, base);
        return got.ok() ? Status::Ok()
                        : Status(got.status().code(),
                                 path_ + ": " + got.status().message());
      }
      const size_t last_nl = buf.view().rfind('\n');
      if (skipping) {
        if (last_nl == std::string_view::npos) {
          base += buf.size();
          buf.Clear();
          continue;
        }
        // The long line ends here; carry on after it.
        const size_t first_nl = buf.view().find('\n');
        base += first_nl + 1;
        buf.Consume(first_nl + 1);
        skipping = false;
        continue;  // the rest is read with the next block (or at the end)
      }
      if (last_nl != std::string_view::npos) {
        ReadAll(buf.view().substr(0, last_nl + 1), 0, base);
        base += last_nl + 1;
        buf.Consume(last_nl + 1);
      }
      if (buf.size() > max_line_bytes) {
        Line line;
        line.offset = base;
        line.number = ++lines_;
        TooLong(line);
        base += buf.size();
        buf.Clear();
        skipping = true;
      }
    }
  }

  // A UTF-16 or UTF-32 file (it starts with a byte order mark) is read
  // whole and decoded, as ReadJsonLines does: such files are rare and small.
  static bool IsWideBom(std::string_view bytes) {
    return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") ||
           bytes.starts_with(std::string_view("\x00\x00\xFE\xFF", 4));
  }
  Status ReadWide(ByteStream* stream, std::string* buf) {
    constexpr size_t kPiece = size_t{1} << 20;
    for (;;) {
      const size_t old_size = buf->size();
      buf->resize(old_size + kPiece);
      Result<size_t> got = stream->Read(buf->data() + old_size, kPiece);
      buf->resize(old_size + (got.ok() ? *got : 0));
      if (!got.ok()) {
        return Status(got.status().code(),
                      path_ + ": " + got.status().message());
      }
      if (*got == 0) break;
    }
    Result<std::string> decoded = DecodeToUtf8(*buf, path_);
    buf->clear();
    if (!decoded.ok()) {
      sink_->OnError(decoded.status());
    } else {
      ReadAll(*decoded, 0);
    }
    return Status::Ok();
  }

  size_t fast_records() const { return fast_records_; }

 private:
  std::string Where(const Line& line) const {
    return path_ + ":" + std::to_string(line.number);
  }
  void Error(const Line& line, const std::string& message) {
    sink_->OnError(Status::BadInput(Where(line) + ": " + message));
  }
  void TooLong(const Line& line) {
    Error(line, "line longer than " + FormatByteLimit(max_line_bytes_) +
                    " (starting at byte " + std::to_string(line.offset) +
                    "); skipped");
  }

  void ReadLine(const Line& line) {
    if (IsBlank(line.text)) return;
    // simdjson checks the whole line for UTF-8 as FindInvalidUtf8 does
    // (Unicode table 3-7: overlong forms, surrogates, code points past
    // U+10FFFF and cut sequences are all errors), and FastArticle reports
    // nothing: a record it reads is valid UTF-8, so the check (a pass over
    // the line) is made only for the lines it declines, before they are
    // reported or read again.
    std::optional<Article> article;
    if (fast_) article = FastArticle(line);
    if (article) {
      ++fast_records_;
    } else {
      if (const size_t bad = FindInvalidUtf8(line.text);
          bad != std::string_view::npos) {
        Error(line, "invalid UTF-8 at byte " +
                        std::to_string(line.offset + bad) + " (column " +
                        std::to_string(bad + 1) + ")");
        return;
      }
      article = SlowArticle(line);
    }
    if (!article) return;
    Deliver(line, std::move(*article));
  }

  // The common case, through simdjson: an object whose fields of interest
  // are strings or null, with a non-blank text. nullopt for anything else,
  // which SlowArticle then reads (or reports) exactly as before.
  std::optional<Article> FastArticle(const Line& line) {
    simdjson::dom::element doc;
    if (fast_parser_.parse(line.text.data(), line.text.size()).get(doc) !=
        simdjson::SUCCESS) {
      return std::nullopt;
    }
    simdjson::dom::object object;
    if (doc.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
    // Duplicate keys: the last one counts, as in nlohmann::json.
    std::string_view fields[6];  // text, id, url, source, title, published
    std::string_view lang;
    bool present[7] = {};
    for (const simdjson::dom::key_value_pair field : object) {
      static constexpr std::string_view kNames[7] = {
          "text", "id", "url", "source", "title", "published", "lang"};
      size_t k = 0;
      while (k < 7 && field.key != kNames[k]) ++k;
      if (k == 7) continue;
      if (field.value.is_null()) {
        present[k] = false;
        continue;
      }
      std::string_view value;
      if (field.value.get_string().get(value) != simdjson::SUCCESS) {
        return std::nullopt;  // a number id, or a wrong type: slow path
      }
      present[k] = true;
      (k < 6 ? fields[k] : lang) = value;
    }
    if (!present[0] || IsBlank(fields[0])) return std::nullopt;
    Article a;
    const auto copy = [&](int k, std::string* out) {
      if (!present[k]) return;
      out->assign(k < 6 ? fields[k] : lang);
      NormalizeLineEndings(out);
    };
    copy(0, &a.text);
    if (IsBlank(a.text)) return std::nullopt;
    if (present[1]) a.id.assign(fields[1]);  // ids are not normalised
    if (a.id.empty()) a.id = stem_ + ":" + std::to_string(line.number);
    copy(2, &a.url);
    copy(3, &a.source);
    copy(4, &a.title);
    copy(5, &a.published);
    copy(6, &a.lang);
    if (!a.published.empty()) a.published_time = ParseIsoDateTime(a.published);
    a.origin = Where(line);
    return a;
  }

  // Everything FastArticle declined: parsed by nlohmann::json, errors
  // reported with their position.
  std::optional<Article> SlowArticle(const Line& line) {
    Json record;
    try {
      record = Json::parse(line.text);
    } catch (const Json::parse_error& e) {
      const size_t column =
          std::min<size_t>(std::max<size_t>(e.byte, 1), line.text.size() + 1);
      Error(line, "malformed JSON at byte " +
                      std::to_string(line.offset + column - 1) + " (column " +
                      std::to_string(column) + "): " + ParserMessage(e.what()));
      return std::nullopt;
    } catch (const Json::exception& e) {  // e.g. number overflow
      Error(line, "malformed JSON: " + ParserMessage(e.what()));
      return std::nullopt;
    }
    if (!record.is_object()) {
      Error(line,
            std::string("expected a JSON object, got ") + record.type_name());
      return std::nullopt;
    }
    return ToArticle(record, line);
  }

  // Duplicate ids, unparseable dates, the ordinal; then to the sink.
  void Deliver(const Line& line, Article&& article) {
    auto [first, inserted] = first_line_.try_emplace(article.id, line.number);
    if (!inserted) {
      const std::string renamed = UniqueId(article.id, first_line_);
      sink_->OnWarning(Status::BadInput(
          path_ + ":" + std::to_string(line.number) + ": duplicate id " +
          Quoted(article.id) + " (first at " + path_ + ":" +
          std::to_string(first->second) + "); renamed " + Quoted(renamed)));
      article.id = renamed;
      first_line_.emplace(renamed, line.number);
    }
    if (!article.published.empty() && !article.published_time) {
      // Reported, but the article is kept.
      Error(line, "unparseable date " + Quoted(article.published) +
                      " in field published");
    }
    article.ordinal = (*next_ordinal_)++;
    sink_->OnArticle(std::move(article));
  }

  // Copies string field `name` into *out when present and not null.
  bool GetString(const Json& record, const char* name, const Line& line,
                 std::string* out) {
    const auto it = record.find(name);
    if (it == record.end() || it->is_null()) return true;
    if (!it->is_string()) {
      Error(line, "field " + Quoted(name) + " must be a string, not " +
                      it->type_name());
      return false;
    }
    *out = it->get_ref<const std::string&>();
    NormalizeLineEndings(out);
    return true;
  }

  std::optional<Article> ToArticle(const Json& record, const Line& line) {
    Article a;
    const auto text = record.find("text");
    if (text == record.end() || text->is_null()) {
      Error(line, "missing field \"text\"");
      return std::nullopt;
    }
    if (!GetString(record, "text", line, &a.text)) return std::nullopt;
    if (IsBlank(a.text)) {
      Error(line, "field \"text\" is empty");
      return std::nullopt;
    }
    if (const auto id = record.find("id");
        id != record.end() && !id->is_null()) {
      if (id->is_string()) {
        a.id = id->get<std::string>();
      } else if (id->is_number()) {
        a.id = id->dump();
      } else {
        Error(line, "field \"id\" must be a string or a number, not " +
                        std::string(id->type_name()));
        return std::nullopt;
      }
    }
    if (a.id.empty()) a.id = stem_ + ":" + std::to_string(line.number);
    if (!GetString(record, "url", line, &a.url) ||
        !GetString(record, "source", line, &a.source) ||
        !GetString(record, "title", line, &a.title) ||
        !GetString(record, "published", line, &a.published) ||
        !GetString(record, "lang", line, &a.lang)) {
      return std::nullopt;
    }
    if (!a.published.empty()) a.published_time = ParseIsoDateTime(a.published);
    a.origin = Where(line);
    return a;
  }

  const std::string& path_;
  const std::string stem_;
  size_t lines_ = 0;                      // lines read so far
  uint64_t max_line_bytes_ = UINT64_MAX;  // longer lines are skipped
  ArticleSink* const sink_;
  uint32_t* const next_ordinal_;
  std::unordered_map<std::string, size_t> first_line_;  // id -> line number
  const bool fast_;
  size_t fast_records_ = 0;
  simdjson::dom::parser fast_parser_;  // reused: its buffers grow once
};

// Batch-wide ordinals and duplicate ids; see the top of this file.
class BatchSink final : public ArticleSink {
 public:
  explicit BatchSink(ArticleSink* out) : out_(out) {}

  void OnArticle(Article&& article) override {
    auto [first, inserted] =
        first_origin_.try_emplace(article.id, article.origin);
    if (!inserted) {
      const std::string renamed = UniqueId(article.id, first_origin_);
      out_->OnWarning(Status::BadInput(
          article.origin + ": duplicate id " + Quoted(article.id) +
          " (first at " + first->second + "); renamed " + Quoted(renamed)));
      article.id = renamed;
      first_origin_.emplace(renamed, article.origin);
    }
    article.ordinal = next_ordinal_++;
    out_->OnArticle(std::move(article));
  }
  void OnError(Status error) override { out_->OnError(std::move(error)); }
  void OnWarning(Status warning) override {
    out_->OnWarning(std::move(warning));
  }
  bool Cancelled() const override { return out_->Cancelled(); }

 private:
  ArticleSink* const out_;
  uint32_t next_ordinal_ = 0;
  std::unordered_map<std::string, std::string> first_origin_;  // id -> origin
};

enum class FileKind { kText, kJsonLines, kHtml, kWarc, kFeed, kSniff, kNone };

// The kind a file's name says; kNone when it says nothing known.
FileKind KindFromName(const std::string& path, const IngestOptions& options) {
  std::string ext = LowerExtension(path);
  const bool gzip = ext == ".gz";
  if (gzip) ext = LowerExtension(path.substr(0, path.size() - 3));
  if (HasExtension(options.html_extensions, ext)) return FileKind::kHtml;
  if (HasExtension(options.warc_extensions, ext)) return FileKind::kWarc;
  if (HasExtension(options.feed_extensions, ext)) return FileKind::kFeed;
  if (HasExtension(options.jsonl_extensions, ext)) return FileKind::kJsonLines;
  if (gzip) return FileKind::kNone;
  if (HasExtension(options.text_extensions, ext)) return FileKind::kText;
  return FileKind::kNone;
}

// "a.html.gz" -> "a", "dir/b.c.htm" -> "b.c".
std::string WebFileStem(const std::string& path) {
  return FileStem(HasGzipSuffix(path) ? path.substr(0, path.size() - 3) : path);
}

bool LooksLikeJsonLines(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const size_t first = bytes.find_first_not_of(" \t\n\r\f\v");
  return first != std::string_view::npos && bytes[first] == '{';
}

void ReadWarcFile(const std::string& path, Env* env, ArticleSink* sink,
                  const IngestOptions& options, IngestStats* stats) {
  WarcStats warc;
  IngestWarc(*env, path, {.max_record_bytes = options.max_page_bytes}, sink,
             &warc);
  stats->warc_records += warc.records;
  stats->warc_skipped += warc.skipped;
}

// One Article per feed item with content; items without are warnings.
void ReadFeedFile(const std::string& path, Env* env, ArticleSink* sink,
                  const IngestOptions& options, IngestStats* stats) {
  Result<std::unique_ptr<ByteStream>> stream =
      ByteStream::Open(env, path, HasGzipSuffix(path));
  if (!stream.ok()) {
    sink->OnError(stream.status());
    return;
  }
  std::string bytes;
  bool over_cap = false;
  if (Status s =
          ReadCapped(stream->get(), options.max_page_bytes, &bytes, &over_cap);
      !s.ok()) {
    sink->OnError(Status(s.code(), path + ": " + s.message()));
    return;
  }
  if (over_cap) {
    sink->OnError(Status::BadInput(path + ": feed is larger than the " +
                                   FormatByteLimit(options.max_page_bytes) +
                                   " limit"));
    return;
  }
  Result<Feed> feed = ParseFeed(bytes, path);
  bytes = std::string();
  if (!feed.ok()) {
    sink->OnError(feed.status());
    return;
  }
  const std::string stem = WebFileStem(path);
  for (size_t i = 0; i < feed->items.size(); ++i) {
    FeedItem& item = feed->items[i];
    const std::string number = std::to_string(i + 1);
    std::string& html =
        IsBlank(item.content_html) ? item.summary_html : item.content_html;
    if (IsBlank(html)) {
      ++stats->feed_items_without_content;
      sink->OnWarning(Status::BadInput(
          item.link.empty()
              ? path + ": item " + number + " has no content and no link"
              : path + ": item " + number + " has no content (link only: " +
                    item.link + "); fetch it with `concord fetch`"));
      continue;
    }
    Article article;
    article.id = !item.guid.empty()   ? item.guid
                 : !item.link.empty() ? item.link
                                      : stem + ":" + number;
    article.url = std::move(item.link);
    article.title = std::move(item.title);
    article.published = std::move(item.published);
    if (!article.published.empty()) {
      article.published_time = ParseIsoDateTime(article.published);
    }
    article.source = feed->title;
    article.html = std::move(html);
    NormalizeLineEndings(&article.html);
    article.origin = path + "#" + number;
    sink->OnArticle(std::move(article));
  }
}

void ReadFile(const std::string& path, FileKind kind, Env* env,
              ArticleSink* sink, const IngestOptions& options,
              IngestStats* stats) {
  if (kind == FileKind::kHtml) {
    Article article;
    Status status = ReadHtmlFile(env, path, options.max_page_bytes, &article);
    if (status.ok()) {
      sink->OnArticle(std::move(article));
    } else {
      sink->OnError(std::move(status));
    }
    return;
  }
  if (kind == FileKind::kWarc) {
    ReadWarcFile(path, env, sink, options, stats);
    return;
  }
  if (kind == FileKind::kFeed) {
    ReadFeedFile(path, env, sink, options, stats);
    return;
  }
  if (kind == FileKind::kJsonLines) {
    Result<std::unique_ptr<ByteStream>> stream =
        ByteStream::Open(env, path, HasGzipSuffix(path));
    if (!stream.ok()) {
      sink->OnError(stream.status());
      return;
    }
    uint32_t unused_ordinal = 0;  // BatchSink assigns the real ones
    ReadJsonLinesStream(path, stream->get(), sink, &unused_ordinal,
                        options.max_page_bytes);
    return;
  }
  Result<std::string> bytes = env->ReadFile(path);
  if (!bytes.ok()) {
    sink->OnError(bytes.status());
    return;
  }
  if (kind == FileKind::kSniff) {
    if (bytes->starts_with("WARC/1.")) {
      ReadWarcFile(path, env, sink, options, stats);
      return;
    }
    kind = LooksLikeJsonLines(*bytes) ? FileKind::kJsonLines : FileKind::kText;
  }
  if (kind == FileKind::kJsonLines) {
    uint32_t unused_ordinal = 0;  // BatchSink assigns the real ones
    ReadJsonLines(path, *bytes, sink, &unused_ordinal);
    return;
  }
  Article article;
  Status status = ReadTextFile(path, *bytes, &article, options.decode);
  if (status.ok()) {
    sink->OnArticle(std::move(article));
  } else {
    sink->OnError(std::move(status));
  }
}

}  // namespace

Status ReadTextFile(const std::string& path, std::string_view bytes,
                    Article* out, const DecodeOptions& options) {
  Result<std::string> text = DecodeToUtf8(bytes, path, options);
  if (!text.ok()) return text.status();
  if (IsBlank(*text)) return Status::BadInput(path + ": no text (blank file)");
  *out = Article();
  out->id = FileStem(path);
  out->origin = path;
  out->text = std::move(*text);
  return Status::Ok();
}

size_t ReadJsonLines(const std::string& path, std::string_view bytes,
                     ArticleSink* sink, uint32_t* next_ordinal,
                     JsonParser parser) {
  JsonLinesReader reader(path, sink, next_ordinal, parser);
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    reader.ReadAll(bytes, 3);
    return reader.fast_records();
  }
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") ||
      bytes.starts_with(std::string_view("\x00\x00\xFE\xFF", 4))) {
    Result<std::string> decoded = DecodeToUtf8(bytes, path);
    if (!decoded.ok()) {
      sink->OnError(decoded.status());
      return 0;
    }
    reader.ReadAll(*decoded, 0);
    return reader.fast_records();
  }
  reader.ReadAll(bytes, 0);
  return reader.fast_records();
}

size_t ReadJsonLinesStream(const std::string& path, ByteStream* stream,
                           ArticleSink* sink, uint32_t* next_ordinal,
                           uint64_t max_line_bytes, JsonParser parser,
                           size_t block_bytes) {
  JsonLinesReader reader(path, sink, next_ordinal, parser);
  if (Status s = reader.ReadStream(stream, std::max<size_t>(block_bytes, 1),
                                   max_line_bytes);
      !s.ok()) {
    sink->OnError(std::move(s));
  }
  return reader.fast_records();
}

Status ReadHtmlFile(Env* env, const std::string& path, uint64_t max_bytes,
                    Article* out) {
  Result<std::unique_ptr<ByteStream>> stream =
      ByteStream::Open(env, path, HasGzipSuffix(path));
  if (!stream.ok()) return stream.status();
  std::string bytes;
  bool over_cap = false;
  if (Status s = ReadCapped(stream->get(), max_bytes, &bytes, &over_cap);
      !s.ok()) {
    return Status(s.code(), path + ": " + s.message());
  }
  if (over_cap) {
    return Status::BadInput(path + ": page is larger than the " +
                            FormatByteLimit(max_bytes) + " limit");
  }
  if (IsBlank(bytes)) return Status::BadInput(path + ": empty file");
  HtmlCharset used;
  std::string html = DecodeHtmlToUtf8(bytes, {}, &used);
  if (!used.name.starts_with("UTF-16")) {
    const std::string_view head = std::string_view(bytes).substr(0, 8192);
    if (const void* nul = std::memchr(head.data(), 0, head.size())) {
      return Status::BadInput(
          path + ": binary data (NUL byte at offset " +
          std::to_string(static_cast<const char*>(nul) - head.data()) + ")");
    }
  }
  *out = Article();
  out->id = WebFileStem(path);
  out->origin = path;
  out->html = std::move(html);
  return Status::Ok();
}

void IngestPaths(const std::vector<std::string>& paths, Env* env,
                 ArticleSink* sink, const IngestOptions& options,
                 IngestStats* stats) {
  IngestStats local_stats;
  if (stats == nullptr) stats = &local_stats;
  BatchSink batch(sink);
  for (const std::string& path : paths) {
    if (batch.Cancelled()) return;
    if (!env->Exists(path)) {
      batch.OnError(Status::NotFound(path + ": no such file or directory"));
      continue;
    }
    if (!env->IsDirectory(path)) {
      // Given explicitly, a file is read whatever its name: text files and
      // unknown names are sniffed.
      FileKind kind = KindFromName(path, options);
      if (kind == FileKind::kNone || kind == FileKind::kText) {
        kind = FileKind::kSniff;
      }
      ReadFile(path, kind, env, &batch, options, stats);
      continue;
    }
    Result<std::vector<std::string>> files = env->ListFilesRecursive(path);
    if (!files.ok()) {
      batch.OnError(files.status());
      continue;
    }
    for (const std::string& file : *files) {
      if (batch.Cancelled()) return;
      const FileKind kind = KindFromName(file, options);
      if (kind != FileKind::kNone) {
        ReadFile(file, kind, env, &batch, options, stats);
      }
    }
  }
}

}  // namespace concord::ingest
