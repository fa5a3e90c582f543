// Helpers for end-to-end tests: run the concord binary, find shared data.
#ifndef CONCORD_TESTS_TEST_UTIL_H_
#define CONCORD_TESTS_TEST_UTIL_H_

#include <string>

namespace concord::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `concord ARGS` (ARGS is passed to the shell as written).
CommandResult RunConcord(const std::string& args);

// ../shared next to the source tree, or "" when absent (tests then skip).
std::string SharedDir();

// `examples/REL` in the source tree (the team's bundled corpus; REL "":
// the folder).
std::string ExamplePath(const std::string& rel);

// A fresh empty directory under the build tree, named for the test.
std::string MakeTempDir(const std::string& name);
void WriteFile(const std::string& path, const std::string& bytes);
// The file's bytes ("" when it cannot be read).
std::string ReadFile(const std::string& path);

}  // namespace concord::testing

#endif  // CONCORD_TESTS_TEST_UTIL_H_
