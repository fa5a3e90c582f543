// WarcWriter: fetched HTTP exchanges into a WARC/1.1 file (ISO 28500:2017).
//
// Create() makes (or truncates) the file and writes a `warcinfo` record.
// Each WriteExchange then appends two records, `request` and `response`,
// whose WARC-Concurrent-To point at each other; WriteResource appends a
// `resource` record (a local file, such as a feed read from disk). Every
// record carries WARC-Record-ID (<urn:uuid:…>, random version 4), WARC-Date
// (UTC, seconds), WARC-Target-URI, Content-Type, Content-Length and
// WARC-Block-Digest; responses also WARC-Payload-Digest (of the body) and,
// when known, WARC-IP-Address. Digests are "sha1:" + base 32.
//
// Blocks are the HTTP messages as the fetcher keeps them (fetcher.h):
// request head as sent; response head as received (adjusted if curl decoded
// the body) followed by the body.
//
// When the path ends in ".gz", each record is compressed as its own gzip
// member, so a reader can seek to any record and a damaged member costs one
// record. Records are written as soon as they are given (no buffering across
// records), so a crash loses at most the record being written; Close()
// fsyncs.
//
// Thread safety: NOT thread-safe. Cost: one record in memory at a time (a
// response body plus its compressed form).
// Tests: warc_writer_test.cc reads files back with warc_test_reader.h.
#ifndef CONCORD_FETCH_WARC_WRITER_H_
#define CONCORD_FETCH_WARC_WRITER_H_

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "concord/status.h"
#include "src/fetch/fetcher.h"

namespace concord::fetch {

struct WarcInfo {
  std::string software = "concord/0.1.0";
  std::string user_agent;   // http-header-user-agent
  std::string description;  // free text, "" to omit
};

class WarcWriter {
 public:
  // Errors (IoError): "<path>: cannot create: <strerror>".
  static Result<std::unique_ptr<WarcWriter>> Create(const std::string& path,
                                                    const WarcInfo& info);
  ~WarcWriter();  // closes without fsync if Close() was not called
  WarcWriter(const WarcWriter&) = delete;
  WarcWriter& operator=(const WarcWriter&) = delete;

  Status WriteExchange(const Exchange& exchange);
  Status WriteResource(std::string_view uri, std::string_view content_type,
                       std::string_view bytes, int64_t unix_seconds);
  // Flushes to disk and closes; later writes fail.
  Status Close();

  int64_t records() const { return records_; }
  const std::string& path() const { return path_; }

 private:
  WarcWriter(std::string path, int fd, bool gzip);
  std::string NewRecordId();
  // Writes one record: "WARC/1.1", `headers` in order, the computed
  // Content-Length and block digest, the block (the concatenation of
  // `block_parts`, never copied into one string), and the closing CRLFs.
  Status WriteRecord(std::vector<std::pair<std::string, std::string>> headers,
                     const std::vector<std::string_view>& block_parts);
  // Writes `parts` as they are, or as one gzip member.
  Status WriteParts(const std::vector<std::string_view>& parts);
  Status WriteBytes(std::string_view bytes);

  std::string path_;
  int fd_ = -1;
  bool gzip_ = false;
  int64_t records_ = 0;
  std::string warcinfo_id_;
  std::mt19937_64 rng_;
};

// "2025-11-30T08:15:00Z".
std::string WarcDate(int64_t unix_seconds);

}  // namespace concord::fetch

#endif  // CONCORD_FETCH_WARC_WRITER_H_
