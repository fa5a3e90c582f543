// SpillStore: an append-only store of byte strings ("records") that keeps
// them in memory up to a budget and writes the rest to an unlinked
// temporary file.
//
// The engine reads every article once, but needs each article's text and
// term bag again later (the term bag when clustering in publication order,
// the text when aligning the article's story). Holding a million of them
// takes ~6 GB; this store holds what fits in `memory_budget` bytes in RAM
// and spills the rest to disk, where the page cache, not the process, holds
// it. Records are numbered 0, 1, 2, ... in append order.
//
// Thread safety: Append() from one thread at a time. After Seal(), Read()
// may be called from any number of threads concurrently (pread on the
// file, reads of immutable memory). Appending after Seal() is a bug.
//
// Cost: Append copies the record once (into a 4 MiB memory chunk or a
// 1 MiB write buffer); Read costs one memcpy, or one pread(2) of the record
// for a spilled one; View costs nothing for a record in memory. The file is removed when created (unlinked), so it
// disappears with the process even on kill -9.
#ifndef CONCORD_BASE_SPILL_STORE_H_
#define CONCORD_BASE_SPILL_STORE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "concord/status.h"

namespace concord {

class SpillStore {
 public:
  // `dir` holds the temporary file ("" = $TMPDIR, else /tmp). Nothing is
  // created until the budget is exceeded.
  SpillStore(uint64_t memory_budget, std::string dir);
  ~SpillStore();
  SpillStore(const SpillStore&) = delete;
  SpillStore& operator=(const SpillStore&) = delete;

  // Appends a record; returns its number. Fails (and stores nothing) when
  // the temporary file cannot be created or written (disk full).
  [[nodiscard]] Status Append(std::string_view record);

  // Flushes buffered writes. REQUIRES: called once, after the last Append.
  [[nodiscard]] Status Seal();

  // Copies record `id` into `*out`. REQUIRES: Seal() was called;
  // id < size().
  [[nodiscard]] Status Read(uint64_t id, std::string* out) const;

  // Record `id` without a copy when it is held in memory: *out views the
  // store's own bytes (valid as long as the store). A spilled record is read
  // into *scratch and *out views that. REQUIRES: as Read().
  [[nodiscard]] Status View(uint64_t id, std::string* scratch,
                            std::string_view* out) const;

  uint64_t size() const { return entries_.size(); }
  uint64_t memory_bytes() const { return memory_bytes_; }  // held in RAM
  uint64_t spilled_bytes() const { return file_bytes_; }   // written to disk

 private:
  static constexpr uint32_t kInFile = 0xffffffffu;
  struct Entry {
    uint64_t offset;  // in its memory chunk, or in the file
    uint32_t size;
    uint32_t chunk;  // index into chunks_, or kInFile
  };
  Status OpenFile();
  Status FlushBuffer();

  const uint64_t budget_;
  const std::string dir_;
  std::vector<Entry> entries_;
  // Memory records; a record never straddles two chunks (a record larger
  // than a chunk gets a chunk of its own size).
  std::vector<std::unique_ptr<char[]>> chunks_;
  uint64_t chunk_used_ = 0;  // bytes used in the last chunk
  uint64_t chunk_cap_ = 0;   // capacity of the last chunk
  uint64_t memory_bytes_ = 0;
  int fd_ = -1;
  uint64_t file_bytes_ = 0;  // appended to the file (buffer included)
  std::string buffer_;       // writes not yet in the file
  bool sealed_ = false;
  std::string path_;  // for messages
};

}  // namespace concord

#endif  // CONCORD_BASE_SPILL_STORE_H_
