#include "src/base/env.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace concord {
namespace {

namespace fs = std::filesystem;

class PosixEnv final : public Env {
 public:
  Result<std::string> ReadFile(const std::string& path) override {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      return Status::InvalidArgument(path + ": is a directory");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      if (!fs::exists(path, ec)) return Status::NotFound(path + ": no such file");
      return Status::IoError(path + ": cannot open: " + std::strerror(errno));
    }
    std::string data;
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size > 0) {
      data.resize(static_cast<size_t>(size));
      in.seekg(0, std::ios::beg);
      in.read(data.data(), size);
      if (!in) return Status::IoError(path + ": read failed");
    }
    return data;
  }

  bool IsDirectory(const std::string& path) override {
    std::error_code ec;
    return fs::is_directory(path, ec);
  }

  bool Exists(const std::string& path) override {
    std::error_code ec;
    return fs::exists(path, ec);
  }

  Result<std::vector<std::string>> ListFilesRecursive(
      const std::string& dir) override {
    std::vector<std::string> out;
    std::error_code ec;
    fs::recursive_directory_iterator it(
        dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) return Status::IoError(dir + ": " + ec.message());
    for (auto end = fs::recursive_directory_iterator(); it != end;
         it.increment(ec)) {
      if (ec) return Status::IoError(dir + ": " + ec.message());
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) out.push_back(it->path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  int64_t NowSeconds() override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace

Env* Env::Default() {
  static PosixEnv env;
  return &env;
}

}  // namespace concord
