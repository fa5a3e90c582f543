#include "src/base/env.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

namespace concord {
namespace {

namespace fs = std::filesystem;

// Reads `view_`, which points into `owned_` or into the caller's memory.
class MemoryFile final : public SequentialFile {
 public:
  explicit MemoryFile(std::string owned)
      : owned_(std::move(owned)), view_(owned_) {}
  explicit MemoryFile(std::string_view view) : view_(view) {}
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  Result<size_t> Read(char* buf, size_t n) override {
    const size_t k = std::min(n, view_.size() - pos_);
    std::memcpy(buf, view_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string owned_;
  std::string_view view_;
  size_t pos_ = 0;
};

class PosixSequentialFile final : public SequentialFile {
 public:
  PosixSequentialFile(std::string path, std::FILE* file)
      : path_(std::move(path)), file_(file) {}
  ~PosixSequentialFile() override { std::fclose(file_); }
  PosixSequentialFile(const PosixSequentialFile&) = delete;
  PosixSequentialFile& operator=(const PosixSequentialFile&) = delete;

  Result<size_t> Read(char* buf, size_t n) override {
    const size_t k = std::fread(buf, 1, n, file_);
    if (k < n && std::ferror(file_)) {
      return Status::IoError(path_ + ": read failed: " + std::strerror(errno));
    }
    return k;
  }

 private:
  const std::string path_;
  std::FILE* const file_;
};

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

  Result<std::unique_ptr<SequentialFile>> NewSequentialFile(
      const std::string& path) override {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      return Status::InvalidArgument(path + ": is a directory");
    }
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
      if (!fs::exists(path, ec)) return Status::NotFound(path + ": no such file");
      return Status::IoError(path + ": cannot open: " + std::strerror(errno));
    }
    return std::unique_ptr<SequentialFile>(
        std::make_unique<PosixSequentialFile>(path, file));
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

Result<std::unique_ptr<SequentialFile>> Env::NewSequentialFile(
    const std::string& path) {
  Result<std::string> data = ReadFile(path);
  if (!data.ok()) return data.status();
  return NewMemoryFile(std::move(*data));
}

std::unique_ptr<SequentialFile> NewMemoryFile(std::string data) {
  return std::make_unique<MemoryFile>(std::move(data));
}

std::unique_ptr<SequentialFile> NewMemoryFileView(std::string_view data) {
  return std::make_unique<MemoryFile>(data);
}

Env* Env::Default() {
  static PosixEnv env;
  return &env;
}

}  // namespace concord
