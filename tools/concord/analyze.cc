// concord analyze INPUT... : group articles into stories.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "concord/engine.h"
#include "concord/render.h"
#include "tools/concord/commands.h"

namespace concord::cli {
namespace {

struct AnalyzeArgs {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string color = "auto";
  std::string output;
  bool with_text = false;
  bool hide_singletons = false;
  bool stats = false;
  bool no_relations = false;
  bool no_facts = false;
  double threshold = -1;
};

int RunAnalyze(const AnalyzeArgs& args) {
  AnalyzeOptions options;
  options.keep_text = args.with_text;
  options.reuse.enabled = !args.no_relations;
  options.reuse.facts = !args.no_facts;
  if (args.threshold >= 0) options.cluster.join_threshold = args.threshold;
  Engine engine(options);
  engine.AddPaths(args.inputs);
  Report report = engine.Run();
  for (const Status& w : report.warnings) {
    std::cerr << "concord: warning: " << w.message() << "\n";
  }
  for (const Status& e : report.errors) {
    std::cerr << "concord: " << e.ToString() << "\n";
  }
  std::string rendered;
  if (args.format == "json") {
    rendered = RenderJson(report);
  } else {
    TextRenderOptions to;
    to.color = args.output.empty() && UseColor(args.color);
    to.singletons = !args.hide_singletons;
    rendered = RenderText(report, to);
  }
  if (args.output.empty()) {
    std::fwrite(rendered.data(), 1, rendered.size(), stdout);
  } else {
    std::ofstream out(args.output, std::ios::binary);
    out << rendered;
    if (!out) {
      std::cerr << "concord: cannot write " << args.output << "\n";
      return 2;
    }
  }
  if (args.stats) {
    const RunStats& st = report.stats;
    const double total = st.ingest_seconds + st.extract_seconds +
                         st.cluster_seconds + st.reuse_seconds;
    const double n = static_cast<double>(report.articles.size());
    std::fprintf(stderr,
                 "stats: %zu articles, %.1f MB, %zu stories\n"
                 "  ingest   %8.3f s\n  extract  %8.3f s\n  cluster  %8.3f s"
                 "  (%.1f candidates and %.1f postings per article)\n"
                 "  reuse    %8.3f s  (%llu pairs aligned)\n"
                 "  total    %8.3f s  %.0f articles/s  %.1f MB/s\n",
                 report.articles.size(), st.input_bytes / 1e6,
                 report.stories.size(), st.ingest_seconds, st.extract_seconds,
                 st.cluster_seconds, n > 0 ? st.candidates_scored / n : 0.0,
                 n > 0 ? st.postings_scanned / n : 0.0, st.reuse_seconds,
                 static_cast<unsigned long long>(st.pairs_compared), total,
                 total > 0 ? n / total : 0.0,
                 total > 0 ? st.input_bytes / 1e6 / total : 0.0);
  }
  if (report.articles.empty()) {
    std::cerr << "concord: no article could be read\n";
    return 2;
  }
  return report.errors.empty() ? 0 : 1;
}

}  // namespace

void AddAnalyzeCommand(CLI::App& app, Action* action) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "analyze",
      "Group articles into stories. Inputs: .txt files (headline on the first "
      "line), JSON Lines (id, url, source, title, published, text, lang), or "
      "folders of them.");
  cmd->add_option("inputs", args->inputs, "Files or folders")->required();
  cmd->add_option("--format", args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--color", args->color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("-o,--output", args->output, "Write the report to a file");
  cmd->add_flag("--with-text", args->with_text,
                "Include each article's extracted body in JSON");
  cmd->add_flag("--no-relations", args->no_relations,
                "Skip text reuse (alignment, relations, families) within "
                "stories: stories only, several times faster");
  cmd->add_flag("--no-facts", args->no_facts,
                "Skip facts across sources (claims, conflicts, quotes, "
                "brief); relations are still computed");
  cmd->add_flag("--stats", args->stats,
                "Print time per stage and throughput to stderr");
  cmd->add_flag("--hide-singletons", args->hide_singletons,
                "Text format: do not list one-article stories");
  cmd->add_option("--threshold", args->threshold,
                  "Similarity an article needs to join a story (default "
                  "0.18); for experiments, not tuning per data set")
      ->check(CLI::Range(0.0, 1.0));
  cmd->callback([args, action] { *action = [args] { return RunAnalyze(*args); }; });
}

}  // namespace concord::cli
