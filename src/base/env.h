// Env: the file system and the clock, behind one interface so that tests can
// substitute them. The default Env talks to the operating system.
//
// Thread safety: Env::Default() is safe for concurrent use.
#ifndef CONCORD_BASE_ENV_H_
#define CONCORD_BASE_ENV_H_

#include <cstdint>
#include <string>
#include <vector>

#include "concord/status.h"

namespace concord {

class Env {
 public:
  virtual ~Env() = default;
  static Env* Default();

  // Reads a whole file. Errors name the path.
  virtual Result<std::string> ReadFile(const std::string& path) = 0;
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
