// concord: news across sources. See `concord --help` and README.md.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "tools/concord/commands.h"

namespace concord::cli {

bool UseColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  return isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
}

}  // namespace concord::cli

int main(int argc, char** argv) {
  CLI::App app{
      "concord: groups news articles into stories and shows who reported "
      "what"};
  app.set_version_flag("--version", "concord 0.1.0");
  app.require_subcommand(1);
  concord::cli::Action action;
  concord::cli::AddAnalyzeCommand(app, &action);
  concord::cli::AddEvalCommand(app, &action);
  concord::cli::AddDedupCommand(app, &action);
  concord::cli::AddCompareCommand(app, &action);
  concord::cli::AddExtractCommand(app, &action);
  concord::cli::AddFetchCommand(app, &action);
  concord::cli::AddStoreCommands(app, &action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return action ? action() : 2;
}
