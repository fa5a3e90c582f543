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

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (const char c : s) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\r':
        out->append("\\r");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out->append(buf);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

std::string JsonString(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
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
