#include "src/fetch/warc_test_reader.h"

#include <zlib.h>

#include <fstream>
#include <sstream>

namespace concord::fetch::testing {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Parses records from `data` starting at *pos; appends them to *out.
Status ParseRecords(const std::string& data, const std::string& where,
                    std::vector<WarcTestRecord>* out) {
  size_t pos = 0;
  while (pos < data.size()) {
    const std::string at = where + " at byte " + std::to_string(pos);
    WarcTestRecord r;
    size_t eol = data.find("\r\n", pos);
    if (eol == std::string::npos)
      return Status::BadInput(at + ": no version line");
    r.version = data.substr(pos, eol - pos);
    if (r.version != "WARC/1.1") {
      return Status::BadInput(at + ": version line \"" + r.version + "\"");
    }
    pos = eol + 2;
    long long length = -1;
    while (true) {
      eol = data.find("\r\n", pos);
      if (eol == std::string::npos)
        return Status::BadInput(at + ": headers not ended");
      if (eol == pos) {
        pos += 2;
        break;
      }
      const std::string line = data.substr(pos, eol - pos);
      const size_t colon = line.find(": ");
      if (colon == std::string::npos || colon == 0) {
        return Status::BadInput(at + ": bad header line \"" + line + "\"");
      }
      r.headers.emplace_back(line.substr(0, colon), line.substr(colon + 2));
      if (r.headers.back().first == "Content-Length") {
        length = std::stoll(r.headers.back().second);
      }
      pos = eol + 2;
    }
    if (length < 0) return Status::BadInput(at + ": no Content-Length");
    if (pos + static_cast<size_t>(length) + 4 > data.size()) {
      return Status::BadInput(at + ": Content-Length " +
                              std::to_string(length) + " runs past the end");
    }
    r.block = data.substr(pos, static_cast<size_t>(length));
    pos += static_cast<size_t>(length);
    if (data.compare(pos, 4, "\r\n\r\n") != 0) {
      return Status::BadInput(at + ": block not followed by CRLF CRLF");
    }
    pos += 4;
    out->push_back(std::move(r));
  }
  return Status::Ok();
}

}  // namespace

std::string WarcTestRecord::Header(const std::string& name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return {};
}

Result<std::vector<WarcTestRecord>> ReadWarcForTest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  std::vector<WarcTestRecord> records;
  if (!EndsWith(path, ".gz")) {
    CONCORD_RETURN_IF_ERROR(ParseRecords(bytes, path, &records));
    return records;
  }
  size_t offset = 0;
  int member = 0;
  while (offset < bytes.size()) {
    z_stream z{};
    inflateInit2(&z, 15 + 16);
    z.next_in =
        reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + offset));
    z.avail_in = static_cast<uInt>(bytes.size() - offset);
    std::string plain;
    char buf[65536];
    int rc;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      rc = inflate(&z, Z_NO_FLUSH);
      plain.append(buf, sizeof buf - z.avail_out);
    } while (rc == Z_OK);
    const size_t consumed = (bytes.size() - offset) - z.avail_in;
    inflateEnd(&z);
    const std::string where = path + " member " + std::to_string(member);
    if (rc != Z_STREAM_END) {
      return Status::BadInput(where + " at file byte " +
                              std::to_string(offset) +
                              ": gzip member does not decompress");
    }
    std::vector<WarcTestRecord> in_member;
    CONCORD_RETURN_IF_ERROR(ParseRecords(plain, where, &in_member));
    if (in_member.size() != 1) {
      return Status::BadInput(where + ": holds " +
                              std::to_string(in_member.size()) + " records");
    }
    records.push_back(std::move(in_member[0]));
    offset += consumed;
    ++member;
  }
  return records;
}

}  // namespace concord::fetch::testing
