// Streaming inflation with zlib. The input is pulled from a SequentialFile in
// 64 KiB pieces and inflated straight into the caller's buffer; zlib keeps
// only its 32 KiB window, so memory does not depend on the file. At the end
// of a member (Z_STREAM_END) the inflater is reset and goes on with the next
// one, recording where it starts. A file that ends while a member is open is
// truncated; a Z_DATA_ERROR is corruption; both become sticky errors with the
// compressed offset. Tests: stream_test.cc.
#include "src/ingest/stream.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <deque>
#include <utility>
#include <vector>

namespace concord::ingest {
namespace {

constexpr size_t kInputChunk = 64 * 1024;

class PlainStream final : public ByteStream {
 public:
  explicit PlainStream(std::unique_ptr<SequentialFile> file)
      : file_(std::move(file)) {}

  Result<size_t> Read(char* buf, size_t n) override {
    Result<size_t> k = file_->Read(buf, n);
    if (k.ok()) position_ += *k;
    return k;
  }
  uint64_t position() const override { return position_; }
  uint64_t MemberOffsetAt(uint64_t pos) override { return pos; }

 private:
  std::unique_ptr<SequentialFile> file_;
  uint64_t position_ = 0;
};

class InflateStream final : public ByteStream {
 public:
  InflateStream(std::unique_ptr<SequentialFile> file, Compression compression)
      : file_(std::move(file)),
        raw_(compression == Compression::kRawDeflate),
        in_(std::make_unique<unsigned char[]>(kInputChunk)) {
    zs_.next_in = in_.get();
  }
  ~InflateStream() override {
    if (initialised_) inflateEnd(&zs_);
  }
  InflateStream(const InflateStream&) = delete;
  InflateStream& operator=(const InflateStream&) = delete;

  Result<size_t> Read(char* buf, size_t n) override {
    if (!error_.ok()) return error_;
    zs_.next_out = reinterpret_cast<Bytef*>(buf);
    zs_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    const uInt want = zs_.avail_out;
    while (zs_.avail_out == want && !done_) {
      if (zs_.avail_in == 0 && !input_eof_) {
        if (Status s = Refill(); !s.ok()) return Fail(std::move(s));
      }
      if (!in_member_) {
        SkipPadding();
        if (zs_.avail_in == 0) {
          if (input_eof_) {
            done_ = true;
            break;
          }
          continue;
        }
        if (raw_ && members_started_ > 0) {  // one raw stream; rest ignored
          done_ = true;
          break;
        }
        if (Status s = StartMember(); !s.ok()) return Fail(std::move(s));
      }
      const int ret = inflate(&zs_, Z_NO_FLUSH);
      if (ret == Z_STREAM_END) {
        in_member_ = false;
        continue;
      }
      if (ret == Z_OK) continue;
      if (ret == Z_BUF_ERROR) {
        if (zs_.avail_in == 0 && input_eof_) {
          return Fail(Status::BadInput(
              "truncated gzip data: the file ends at compressed byte " +
              std::to_string(CompressedPosition()) +
              ", inside the member starting at byte " +
              std::to_string(members_.back().compressed)));
        }
        continue;
      }
      return Fail(Status::BadInput(
          "corrupt gzip data at compressed byte " +
          std::to_string(CompressedPosition()) + " (member starting at byte " +
          std::to_string(members_.back().compressed) + "): " +
          (zs_.msg != nullptr ? zs_.msg : "zlib error " + std::to_string(ret))));
    }
    const size_t produced = want - zs_.avail_out;
    position_ += produced;
    return produced;
  }

  uint64_t position() const override { return position_; }

  uint64_t MemberOffsetAt(uint64_t pos) override {
    while (members_.size() > 1 && members_[1].decompressed <= pos) {
      members_.pop_front();
    }
    return members_.empty() ? 0 : members_.front().compressed;
  }

 private:
  struct Member {
    uint64_t decompressed;  // position of its first decompressed byte
    uint64_t compressed;    // offset of its first byte in the file
  };

  Status Fail(Status s) {
    error_ = std::move(s);
    return error_;
  }

  uint64_t CompressedPosition() const {
    return consumed_before_ + static_cast<uint64_t>(zs_.next_in - in_.get());
  }

  Status Refill() {
    consumed_before_ += static_cast<uint64_t>(zs_.next_in - in_.get());
    Result<size_t> k =
        file_->Read(reinterpret_cast<char*>(in_.get()), kInputChunk);
    if (!k.ok()) return k.status();
    zs_.next_in = in_.get();
    zs_.avail_in = static_cast<uInt>(*k);
    if (*k == 0) input_eof_ = true;
    return Status::Ok();
  }

  void SkipPadding() {
    while (zs_.avail_in > 0 && *zs_.next_in == 0) {
      ++zs_.next_in;
      --zs_.avail_in;
    }
  }

  Status StartMember() {
    int ret = Z_OK;
    if (!initialised_) {
      ret = inflateInit2(&zs_, raw_ ? -MAX_WBITS : MAX_WBITS + 32);
      initialised_ = ret == Z_OK;
    } else {
      ret = inflateReset(&zs_);
    }
    if (ret != Z_OK) return Status::Internal("zlib: cannot start inflating");
    members_.push_back({position_ + 0, CompressedPosition()});
    in_member_ = true;
    ++members_started_;
    return Status::Ok();
  }

  std::unique_ptr<SequentialFile> file_;
  const bool raw_;
  std::unique_ptr<unsigned char[]> in_;
  z_stream zs_{};
  bool initialised_ = false;
  bool in_member_ = false;
  bool input_eof_ = false;
  bool done_ = false;
  uint64_t members_started_ = 0;
  uint64_t consumed_before_ = 0;  // compressed bytes before in_[0]
  uint64_t position_ = 0;
  std::deque<Member> members_;
  Status error_;
};

}  // namespace

Result<std::unique_ptr<ByteStream>> ByteStream::Open(Env* env,
                                                     const std::string& path,
                                                     bool gzip) {
  Result<std::unique_ptr<SequentialFile>> file = env->NewSequentialFile(path);
  if (!file.ok()) return file.status();
  if (!gzip) {
    return std::unique_ptr<ByteStream>(
        std::make_unique<PlainStream>(std::move(*file)));
  }
  return std::unique_ptr<ByteStream>(std::make_unique<InflateStream>(
      std::move(*file), Compression::kGzipOrZlib));
}

bool HasGzipSuffix(std::string_view path) {
  if (path.size() < 3) return false;
  const std::string_view tail = path.substr(path.size() - 3);
  return tail[0] == '.' && (tail[1] | 0x20) == 'g' && (tail[2] | 0x20) == 'z';
}

std::string FormatByteLimit(uint64_t bytes) {
  if (bytes >= (uint64_t{1} << 20) && bytes % (uint64_t{1} << 20) == 0) {
    return std::to_string(bytes >> 20) + " MiB";
  }
  if (bytes >= 1024 && bytes % 1024 == 0) {
    return std::to_string(bytes >> 10) + " KiB";
  }
  return std::to_string(bytes) + " bytes";
}

Status ReadCapped(ByteStream* stream, uint64_t cap, std::string* out,
                  bool* over_cap) {
  // Read into 1 MiB blocks and join them once the size is known: growing one
  // string would copy it at each doubling and hold old and new buffers at
  // once (twice the cap for an oversized input). Blocks are released as
  // they are joined, so the peak stays near the data's size.
  out->clear();
  *over_cap = false;
  constexpr size_t kBlock = size_t{1} << 20;
  const uint64_t limit = cap + 1;
  std::vector<std::string> blocks;
  uint64_t total = 0;
  bool end = false;
  while (!end && total < limit) {
    std::string block(
        static_cast<size_t>(std::min<uint64_t>(kBlock, limit - total)), '\0');
    size_t filled = 0;
    while (filled < block.size()) {
      Result<size_t> k = stream->Read(block.data() + filled,
                                      std::min(block.size() - filled,
                                               kInputChunk));
      if (!k.ok()) return k.status();
      if (*k == 0) {
        end = true;
        break;
      }
      filled += *k;
    }
    block.resize(filled);
    total += filled;
    if (filled > 0) blocks.push_back(std::move(block));
  }
  if (total > cap) {
    *over_cap = true;
    return Status::Ok();
  }
  if (blocks.size() == 1) {
    *out = std::move(blocks[0]);
    return Status::Ok();
  }
  out->reserve(static_cast<size_t>(total));
  for (std::string& block : blocks) {
    out->append(block);
    std::string().swap(block);
  }
  return Status::Ok();
}

Status InflateCapped(std::string_view data, Compression compression,
                     uint64_t cap, std::string* out, bool* over_cap) {
  InflateStream stream(NewMemoryFileView(data), compression);
  return ReadCapped(&stream, cap, out, over_cap);
}

}  // namespace concord::ingest
