// SpillStore (see spill_store.h): memory chunks up to the budget, then an
// unlinked temporary file written through a 1 MiB buffer and read with
// pread(2), which is safe from several threads at once.
#include "src/base/spill_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace concord {
namespace {

constexpr uint64_t kChunkBytes = 4u << 20;
constexpr size_t kBufferBytes = 1u << 20;

std::string ErrnoText() { return std::strerror(errno); }

}  // namespace

SpillStore::SpillStore(uint64_t memory_budget, std::string dir)
    : budget_(memory_budget), dir_(std::move(dir)) {}

SpillStore::~SpillStore() {
  if (fd_ >= 0) ::close(fd_);
}

Status SpillStore::OpenFile() {
  std::string dir = dir_;
  if (dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    dir = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  }
  std::string path = dir + "/concord-spill-XXXXXX";
  fd_ = ::mkstemp(path.data());
  if (fd_ < 0) {
    return Status::IoError("cannot create a temporary spill file in " + dir +
                           ": " + ErrnoText());
  }
  ::unlink(path.c_str());  // gone with the process, however it ends
  path_ = path;
  buffer_.reserve(kBufferBytes);
  return Status::Ok();
}

Status SpillStore::FlushBuffer() {
  size_t done = 0;
  const uint64_t base = file_bytes_ - buffer_.size();
  while (done < buffer_.size()) {
    const ssize_t w =
        ::pwrite(fd_, buffer_.data() + done, buffer_.size() - done,
                 static_cast<off_t>(base + done));
    if (w < 0) {
      if (errno == EINTR) continue;
      return Status::IoError("cannot write the spill file " + path_ +
                             " at byte " + std::to_string(base + done) + ": " +
                             ErrnoText());
    }
    done += static_cast<size_t>(w);
  }
  buffer_.clear();
  return Status::Ok();
}

Status SpillStore::Append(std::string_view record) {
  if (sealed_) return Status::Internal("SpillStore: Append after Seal");
  if (record.size() > 0xfffffff0u) {
    return Status::InvalidArgument("SpillStore: record of " +
                                   std::to_string(record.size()) +
                                   " bytes is too large");
  }
  const auto size = static_cast<uint32_t>(record.size());
  // Memory while the budget allows, and only while nothing was spilled
  // (so records stay in one place or the other in append order). Chunks
  // are counted whole against the budget; the last one is cut to fit.
  if (fd_ < 0) {
    bool fits = !chunks_.empty() && chunk_used_ + record.size() <= chunk_cap_;
    if (!fits && memory_bytes_ + record.size() <= budget_) {
      chunk_cap_ = std::min(std::max<uint64_t>(kChunkBytes, record.size()),
                            budget_ - memory_bytes_);
      // Not zeroed: every byte is written before it is read.
      chunks_.push_back(std::make_unique_for_overwrite<char[]>(chunk_cap_));
      chunk_used_ = 0;
      memory_bytes_ += chunk_cap_;
      fits = true;
    }
    if (fits) {
      if (!record.empty()) {
        std::memcpy(chunks_.back().get() + chunk_used_, record.data(),
                    record.size());
      }
      entries_.push_back(
          {chunk_used_, size, static_cast<uint32_t>(chunks_.size() - 1)});
      chunk_used_ += record.size();
      return Status::Ok();
    }
  }
  if (fd_ < 0) {
    if (Status s = OpenFile(); !s.ok()) return s;
  }
  entries_.push_back({file_bytes_, size, kInFile});
  buffer_.append(record);
  file_bytes_ += record.size();
  if (buffer_.size() >= kBufferBytes) {
    if (Status s = FlushBuffer(); !s.ok()) {
      entries_.pop_back();
      return s;
    }
  }
  return Status::Ok();
}

Status SpillStore::Seal() {
  sealed_ = true;
  if (fd_ >= 0 && !buffer_.empty()) {
    if (Status s = FlushBuffer(); !s.ok()) return s;
  }
  buffer_.clear();
  buffer_.shrink_to_fit();
  return Status::Ok();
}

Status SpillStore::View(uint64_t id, std::string* scratch,
                        std::string_view* out) const {
  if (sealed_ && id < entries_.size() && entries_[id].chunk != kInFile) {
    const Entry& e = entries_[id];
    *out = std::string_view(chunks_[e.chunk].get() + e.offset, e.size);
    return Status::Ok();
  }
  Status s = Read(id, scratch);
  *out = s.ok() ? std::string_view(*scratch) : std::string_view();
  return s;
}

Status SpillStore::Read(uint64_t id, std::string* out) const {
  if (!sealed_ || id >= entries_.size()) {
    return Status::Internal("SpillStore: read of record " + std::to_string(id) +
                            " before Seal or past the end");
  }
  const Entry& e = entries_[id];
  if (e.chunk != kInFile) {
    out->assign(chunks_[e.chunk].get() + e.offset, e.size);  // no zeroing
    return Status::Ok();
  }
  out->resize(e.size);
  size_t done = 0;
  while (done < e.size) {
    const ssize_t r = ::pread(fd_, out->data() + done, e.size - done,
                              static_cast<off_t>(e.offset + done));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      return Status::IoError("cannot read the spill file " + path_ +
                             " at byte " + std::to_string(e.offset + done) +
                             ": " + (r < 0 ? ErrnoText() : "end of file"));
    }
    done += static_cast<size_t>(r);
  }
  return Status::Ok();
}

}  // namespace concord
