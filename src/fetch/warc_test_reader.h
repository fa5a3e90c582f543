// A strict WARC reader for tests: reads back what WarcWriter wrote and
// checks its framing on the way (version line, "Name: value" headers,
// Content-Length matching the block, the CRLF CRLF after it, and, for
// .gz files, that every gzip member decompresses on its own and holds
// exactly one record). Not for real-world WARC files: those are the ingest
// module's job.
//
// Thread safety: reentrant. Cost: the whole file in memory.
#ifndef CONCORD_FETCH_WARC_TEST_READER_H_
#define CONCORD_FETCH_WARC_TEST_READER_H_

#include <string>
#include <utility>
#include <vector>

#include "concord/status.h"

namespace concord::fetch::testing {

struct WarcTestRecord {
  std::string version;                                       // "WARC/1.1"
  std::vector<std::pair<std::string, std::string>> headers;  // in order
  std::string block;
  // The first header named `name` (case-sensitive), "" when absent.
  std::string Header(const std::string& name) const;
};

// Errors name the path and the byte offset (in the decompressed stream) or
// the gzip member.
Result<std::vector<WarcTestRecord>> ReadWarcForTest(const std::string& path);

}  // namespace concord::fetch::testing

#endif  // CONCORD_FETCH_WARC_TEST_READER_H_
