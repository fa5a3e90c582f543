// ByteStream: a file's bytes, plain or gzip-compressed, read in pieces.
//
// Web inputs can be large (a WARC archive of a crawl is gigabytes) or hostile
// (a small .gz that inflates to terabytes), so they are never read whole:
// readers pull a few KiB at a time and stop when a size cap is reached.
//
// A gzip stream may hold several members one after the other (RFC 1952
// section 2.2; WARC files compress each record as its own member). Members
// are inflated in turn; NUL padding after the last member is ignored. For
// each member the stream remembers where it began in the compressed file and
// at which decompressed position, so that a reader can name the member that
// holds a given byte (MemberOffsetAt). A plain stream is one "member" whose
// offsets are the byte positions themselves.
//
// Errors carry no path (callers add "path: " or "path@OFFSET: "):
//   truncated gzip data: the file ends at compressed byte N, inside the
//     member starting at byte M
//   corrupt gzip data at compressed byte N (member starting at byte M): <zlib>
//   not gzip data at compressed byte N (bytes 0xHH 0xHH)
// and once a Read has failed, every later Read returns the same error.
//
// Thread safety: one stream, one thread. Cost: a 64 KiB input buffer and
// zlib's 32 KiB window; time linear in the bytes read.
#ifndef CONCORD_INGEST_STREAM_H_
#define CONCORD_INGEST_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "concord/status.h"
#include "src/base/env.h"

namespace concord::ingest {

class ByteStream {
 public:
  virtual ~ByteStream() = default;

  // Opens `path` through `env`; `gzip` selects inflation. Errors (no such
  // file, ...) name the path.
  static Result<std::unique_ptr<ByteStream>> Open(Env* env,
                                                  const std::string& path,
                                                  bool gzip);

  // Reads up to `n` decompressed bytes into `buf`; returns how many were
  // read, 0 only at the end of the data. REQUIRES: n > 0.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;

  // Decompressed bytes delivered so far.
  virtual uint64_t position() const = 0;

  // The compressed offset of the member holding decompressed byte `pos`
  // (for a plain stream, `pos` itself); with pos == position(), the member
  // being read now. Members that end before `pos` are forgotten, so calls
  // must come with non-decreasing `pos`. REQUIRES: pos <= position().
  virtual uint64_t MemberOffsetAt(uint64_t pos) = 0;
};

// Whether `path` ends in ".gz" (ignoring ASCII case).
bool HasGzipSuffix(std::string_view path);

// Reads the whole stream into *out, unless it holds more than `cap` bytes:
// then *over_cap is set, *out left empty, and no more than cap + 1 bytes
// were read (a gzip bomb is cut off there). Peak memory: about cap for an
// oversized stream, about twice the data for one that fits (1 MiB blocks,
// joined at the end).
Status ReadCapped(ByteStream* stream, uint64_t cap, std::string* out,
                  bool* over_cap);

// A byte count as limits are written in messages: "64 MiB", "1 KiB",
// "1000 bytes".
std::string FormatByteLimit(uint64_t bytes);

enum class Compression { kGzipOrZlib, kRawDeflate };

// Inflates `data` (a gzip stream, possibly multi-member, or a zlib stream;
// or raw deflate) into *out, with the cap as in ReadCapped.
// Errors as ByteStream's, offsets into `data`.
Status InflateCapped(std::string_view data, Compression compression,
                     uint64_t cap, std::string* out, bool* over_cap);

}  // namespace concord::ingest

#endif  // CONCORD_INGEST_STREAM_H_
