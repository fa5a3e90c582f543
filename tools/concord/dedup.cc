// concord dedup INPUT... : groups of duplicate and near-duplicate articles,
// one JSON object per line on stdout:
//   {"group":0,"kind":"near-duplicate","articles":["a","b"],"min_jaccard":0.83}
#include "concord/dedup.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tools/concord/commands.h"

namespace concord::cli {
namespace {

struct DedupArgs {
  std::vector<std::string> inputs;
  double threshold = -1;
  int shingle = 0;
  bool exhaustive = false;
};

std::string GroupLine(size_t number, const DedupGroup& g) {
  std::string line = "{\"group\":" + std::to_string(number) + ",\"kind\":";
  AppendJsonString(g.kind, &line);
  line += ",\"articles\":[";
  for (size_t i = 0; i < g.ids.size(); ++i) {
    if (i > 0) line.push_back(',');
    AppendJsonString(g.ids[i], &line);
  }
  char jaccard[32];
  std::snprintf(jaccard, sizeof jaccard, "%.2f", g.min_jaccard);
  line += "],\"min_jaccard\":";
  line += jaccard;
  line += "}\n";
  return line;
}

int RunDedup(const DedupArgs& args) {
  DedupOptions options;
  if (args.threshold >= 0) options.near_duplicate_jaccard = args.threshold;
  if (args.shingle > 0) options.shingle_words = args.shingle;
  options.exhaustive = args.exhaustive;
  const DedupReport report = Deduplicate(args.inputs, options);
  bool bad_options = false;
  for (const Status& w : report.warnings) {
    std::cerr << "concord: warning: " << w.message() << "\n";
  }
  for (const Status& e : report.errors) {
    std::cerr << "concord: " << e.ToString() << "\n";
    bad_options |= e.code() == StatusCode::kInvalidArgument;
  }
  if (bad_options) return 2;
  std::string out;
  for (size_t g = 0; g < report.groups.size(); ++g) {
    out += GroupLine(g, report.groups[g]);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (report.articles == 0) {
    std::cerr << "concord: no article could be read\n";
    return 2;
  }
  return report.errors.empty() ? 0 : 1;
}

}  // namespace

void AddDedupCommand(CLI::App& app, Action* action) {
  auto args = std::make_shared<DedupArgs>();
  CLI::App* cmd = app.add_subcommand(
      "dedup",
      "Find duplicate articles (same body up to case, punctuation and "
      "spacing) and near-duplicates (shingle Jaccard similarity at or above "
      "the threshold). Writes one JSON line per group: group, kind "
      "(duplicate or near-duplicate), articles (ids in input order), "
      "min_jaccard.");
  cmd->add_option("inputs", args->inputs, "Files or folders")->required();
  cmd->add_option("--threshold", args->threshold,
                  "Jaccard similarity of word shingles at which two articles "
                  "are near-duplicates, in (0, 1] (default 0.5)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--shingle", args->shingle, "Words per shingle (default 5)")
      ->check(CLI::Range(1, 64));
  cmd->add_flag("--exhaustive", args->exhaustive,
                "Compare every pair instead of the LSH index's candidates "
                "(the reference for tests; quadratic)");
  cmd->callback(
      [args, action] { *action = [args] { return RunDedup(*args); }; });
}

}  // namespace concord::cli
