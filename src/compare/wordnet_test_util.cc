#include "src/compare/wordnet_test_util.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace concord::compare {

std::string WriteWordNetDir(const std::string& name,
                            const std::map<std::string, std::string>& files) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(testing::TempDir()) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [file, text] : files) {
    std::ofstream(dir / file, std::ios::binary) << text;
  }
  return dir.string();
}

}  // namespace concord::compare
