#include "src/fetch/warc_writer.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "src/fetch/sha1.h"

namespace concord::fetch {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

std::string Errno() { return std::strerror(errno); }

std::string BaseName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string WarcDate(int64_t unix_seconds) {
  const time_t t = static_cast<time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<std::unique_ptr<WarcWriter>> WarcWriter::Create(const std::string& path,
                                                       const WarcInfo& info) {
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(path + ": cannot create: " + Errno());
  std::unique_ptr<WarcWriter> w(
      new WarcWriter(path, fd, EndsWith(path, ".gz")));
  w->warcinfo_id_ = w->NewRecordId();
  std::string fields = "software: " + info.software + "\r\n";
  fields += "format: WARC File Format 1.1\r\n";
  fields +=
      "conformsTo: http://iipc.github.io/warc-specifications/specifications/"
      "warc-format/warc-1.1/\r\n";
  fields += "robots: obey\r\n";
  if (!info.user_agent.empty()) {
    fields += "http-header-user-agent: " + info.user_agent + "\r\n";
  }
  if (!info.description.empty()) {
    fields += "description: " + info.description + "\r\n";
  }
  Status st = w->WriteRecord(
      {{"WARC-Type", "warcinfo"},
       {"WARC-Record-ID", w->warcinfo_id_},
       {"WARC-Date", WarcDate(static_cast<int64_t>(std::time(nullptr)))},
       {"WARC-Filename", BaseName(path)},
       {"Content-Type", "application/warc-fields"}},
      {fields});
  if (!st.ok()) return st;
  return w;
}

WarcWriter::WarcWriter(std::string path, int fd, bool gzip)
    : path_(std::move(path)),
      fd_(fd),
      gzip_(gzip),
      rng_(std::random_device{}()) {}

WarcWriter::~WarcWriter() {
  if (fd_ >= 0) ::close(fd_);
}

std::string WarcWriter::NewRecordId() {
  const uint64_t hi = rng_(), lo = rng_();
  uint8_t b[16];
  for (int i = 0; i < 8; ++i) {
    b[i] = uint8_t(hi >> (56 - 8 * i));
    b[8 + i] = uint8_t(lo >> (56 - 8 * i));
  }
  b[6] = (b[6] & 0x0f) | 0x40;  // version 4
  b[8] = (b[8] & 0x3f) | 0x80;  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "<urn:uuid:";
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 15]);
  }
  out.push_back('>');
  return out;
}

Status WarcWriter::WriteBytes(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::IoError(path_ + ": write failed: " + Errno());
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status WarcWriter::WriteParts(const std::vector<std::string_view>& parts) {
  if (!gzip_) {
    for (const std::string_view p : parts)
      CONCORD_RETURN_IF_ERROR(WriteBytes(p));
    return Status::Ok();
  }
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    return Status::Internal(path_ + ": deflateInit2 failed");
  }
  std::string out(1 << 16, '\0');
  Status st;
  for (size_t i = 0; i <= parts.size() && st.ok(); ++i) {
    const bool last = i == parts.size();
    if (!last) {
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(parts[i].data()));
      z.avail_in = static_cast<uInt>(parts[i].size());
    }
    int rc;
    do {
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      rc = deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
      const size_t produced = out.size() - z.avail_out;
      if (produced > 0) st = WriteBytes(std::string_view(out.data(), produced));
    } while (st.ok() && (last ? rc != Z_STREAM_END : z.avail_in > 0));
  }
  deflateEnd(&z);
  return st;
}

Status WarcWriter::WriteRecord(
    std::vector<std::pair<std::string, std::string>> headers,
    const std::vector<std::string_view>& block_parts) {
  if (fd_ < 0) return Status::IoError(path_ + ": already closed");
  Sha1 digest;
  size_t length = 0;
  for (const std::string_view p : block_parts) {
    digest.Update(p);
    length += p.size();
  }
  const auto d = digest.Finish();
  headers.emplace_back("WARC-Block-Digest",
                       "sha1:" + Base32(d.data(), d.size()));
  headers.emplace_back("Content-Length", std::to_string(length));
  std::string head = "WARC/1.1\r\n";
  for (const auto& [name, value] : headers) {
    head += name;
    head += ": ";
    // A header value is one line; CR and LF from the outside world (a URL
    // from a feed, say) would break the record, so they become spaces.
    for (const char c : value) head.push_back(c == '\r' || c == '\n' ? ' ' : c);
    head += "\r\n";
  }
  head += "\r\n";
  std::vector<std::string_view> parts;
  parts.reserve(block_parts.size() + 2);
  parts.push_back(head);
  parts.insert(parts.end(), block_parts.begin(), block_parts.end());
  parts.push_back("\r\n\r\n");
  CONCORD_RETURN_IF_ERROR(WriteParts(parts));
  ++records_;
  return Status::Ok();
}

Status WarcWriter::WriteExchange(const Exchange& ex) {
  const std::string request_id = NewRecordId();
  const std::string response_id = NewRecordId();
  const std::string date = WarcDate(ex.unix_seconds);
  std::vector<std::pair<std::string, std::string>> req = {
      {"WARC-Type", "request"},
      {"WARC-Record-ID", request_id},
      {"WARC-Date", date},
      {"WARC-Target-URI", ex.url},
      {"WARC-Concurrent-To", response_id},
      {"WARC-Warcinfo-ID", warcinfo_id_},
  };
  if (!ex.ip.empty()) req.emplace_back("WARC-IP-Address", ex.ip);
  req.emplace_back("Content-Type", "application/http; msgtype=request");
  CONCORD_RETURN_IF_ERROR(WriteRecord(std::move(req), {ex.request}));

  std::vector<std::pair<std::string, std::string>> resp = {
      {"WARC-Type", "response"},
      {"WARC-Record-ID", response_id},
      {"WARC-Date", date},
      {"WARC-Target-URI", ex.url},
      {"WARC-Concurrent-To", request_id},
      {"WARC-Warcinfo-ID", warcinfo_id_},
  };
  if (!ex.ip.empty()) resp.emplace_back("WARC-IP-Address", ex.ip);
  resp.emplace_back("WARC-Payload-Digest", WarcSha1(ex.body));
  resp.emplace_back("Content-Type", "application/http; msgtype=response");
  return WriteRecord(std::move(resp), {ex.response_head, ex.body});
}

Status WarcWriter::WriteResource(std::string_view uri,
                                 std::string_view content_type,
                                 std::string_view bytes, int64_t unix_seconds) {
  return WriteRecord({{"WARC-Type", "resource"},
                      {"WARC-Record-ID", NewRecordId()},
                      {"WARC-Date", WarcDate(unix_seconds)},
                      {"WARC-Target-URI", std::string(uri)},
                      {"WARC-Warcinfo-ID", warcinfo_id_},
                      {"Content-Type", std::string(content_type)}},
                     {bytes});
}

Status WarcWriter::Close() {
  if (fd_ < 0) return Status::IoError(path_ + ": already closed");
  Status st;
  if (::fsync(fd_) != 0 && errno != EINVAL) {
    st = Status::IoError(path_ + ": fsync failed: " + Errno());
  }
  if (::close(fd_) != 0 && st.ok()) {
    st = Status::IoError(path_ + ": close failed: " + Errno());
  }
  fd_ = -1;
  return st;
}

}  // namespace concord::fetch
