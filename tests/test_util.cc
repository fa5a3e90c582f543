#include "tests/test_util.h"

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace concord::testing {

namespace fs = std::filesystem;

CommandResult RunConcord(const std::string& args) {
  const std::string dir = MakeTempDir("run");
  const std::string out = dir + "/out", err = dir + "/err";
  const std::string cmd = std::string(CONCORD_BINARY_DIR) +
                          "/tools/concord/concord " + args + " >" + out +
                          " 2>" + err + " </dev/null";
  const int status = std::system(cmd.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

std::string SharedDir() {
  const fs::path p = fs::path(CONCORD_SOURCE_DIR) / ".." / "shared";
  std::error_code ec;
  if (fs::is_directory(p / "seeds", ec)) return fs::canonical(p).string();
  return {};
}

std::string MakeTempDir(const std::string& name) {
  static int counter = 0;
  fs::path p = fs::path(CONCORD_BINARY_DIR) / "test-tmp" /
               (name + "-" + std::to_string(::getpid()) + "-" +
                std::to_string(counter++));
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ExamplePath(const std::string& rel) {
  const std::string dir = std::string(CONCORD_SOURCE_DIR) + "/examples";
  return rel.empty() ? dir : dir + "/" + rel;
}

}  // namespace concord::testing
