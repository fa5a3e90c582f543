// The concord command line: one file per verb, each registering a CLI11
// subcommand. Verbs call the public API (include/concord/) only; they turn a
// Status into a message on stderr and an exit code:
//   0 success; 1 some inputs failed (the rest was processed and reported);
//   2 usage error, or nothing could be processed.
#ifndef CONCORD_TOOLS_CONCORD_COMMANDS_H_
#define CONCORD_TOOLS_CONCORD_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace concord::cli {

// The action a parsed subcommand runs; returns the exit code.
using Action = std::function<int()>;

void AddAnalyzeCommand(CLI::App& app, Action* action);
void AddEvalCommand(CLI::App& app, Action* action);
void AddDedupCommand(CLI::App& app, Action* action);
void AddCompareCommand(CLI::App& app, Action* action);
void AddExtractCommand(CLI::App& app, Action* action);
void AddFetchCommand(CLI::App& app, Action* action);
// ingest, stories and show (the SQLite store).
void AddStoreCommands(CLI::App& app, Action* action);

// True when stdout is a terminal and colour is wanted ("auto").
bool UseColor(const std::string& mode);

// `s` as a JSON string literal, appended or returned (quotes, backslashes
// and control characters escaped; UTF-8 passes through).
void AppendJsonString(std::string_view s, std::string* out);
std::string JsonString(std::string_view s);

}  // namespace concord::cli

#endif  // CONCORD_TOOLS_CONCORD_COMMANDS_H_
