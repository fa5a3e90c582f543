// Env: the file system and the clock, behind one interface so that tests can
// substitute them. The default Env talks to the operating system.
//
// Thread safety: Env::Default() is safe for concurrent use.
#ifndef CONCORD_BASE_ENV_H_
#define CONCORD_BASE_ENV_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "concord/status.h"

namespace concord {

// A file read front to back in pieces, so that large inputs (WARC archives,
// gzip streams) never have to be held whole. Not thread-safe; one reader.
class SequentialFile {
 public:
  virtual ~SequentialFile() = default;
  // Reads up to `n` bytes into `buf`; returns how many, 0 at end of file.
  // Errors name the path. REQUIRES: buf holds n bytes.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
};

// Bytes in memory read as a SequentialFile. The first form owns them; the
// second reads `data`, which must outlive the file.
std::unique_ptr<SequentialFile> NewMemoryFile(std::string data);
std::unique_ptr<SequentialFile> NewMemoryFileView(std::string_view data);

class Env {
 public:
  virtual ~Env() = default;
  static Env* Default();

  // Reads a whole file. Errors name the path.
  virtual Result<std::string> ReadFile(const std::string& path) = 0;
  // Opens a file for reading in pieces. The default reads it whole with
  // ReadFile and hands it out in pieces (enough for in-memory test Envs); the
  // default Env streams from the operating system.
  virtual Result<std::unique_ptr<SequentialFile>> NewSequentialFile(
      const std::string& path);
  virtual bool IsDirectory(const std::string& path) = 0;
  virtual bool Exists(const std::string& path) = 0;
  // Regular files below `dir`, recursively, sorted by path (so that a batch
  // has a stable order). Hidden files and folders (".x") are skipped.
  virtual Result<std::vector<std::string>> ListFilesRecursive(
      const std::string& dir) = 0;
  // Seconds since the Unix epoch.
  virtual int64_t NowSeconds() = 0;
};

}  // namespace concord

#endif  // CONCORD_BASE_ENV_H_
