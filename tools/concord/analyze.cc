// concord analyze INPUT... : group articles into stories.
//
// JSON reports are streamed story by story (Engine::Run with a
// JsonReportWriter), so memory does not grow with the report; the text
// report is rendered from the whole Report. A progress bar goes to stderr
// when it is a terminal, unless --quiet.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "concord/engine.h"
#include "concord/render.h"
#include "src/base/progress_bar.h"
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
  unsigned threads = 0;
  uint64_t memory_budget_mb = 1024;
  bool quiet = false;
};

// Passes everything to the JSON writer and keeps the errors and warnings,
// which the command also prints to stderr.
class CapturingSink final : public ReportSink {
 public:
  explicit CapturingSink(ReportSink* inner) : inner_(inner) {}
  Status Begin(const Report& head, size_t articles, size_t stories) override {
    errors = head.errors;
    warnings = head.warnings;
    return inner_->Begin(head, articles, stories);
  }
  std::string Render(
      const Story& story,
      const std::vector<ArticleSummary>& articles) const override {
    return inner_->Render(story, articles);
  }
  Status Write(const std::string& rendered) override {
    return inner_->Write(rendered);
  }
  Status End() override { return inner_->End(); }
  std::vector<Status> errors, warnings;

 private:
  ReportSink* inner_;
};

void PrintStats(const RunStats& st) {
  const double total = st.ingest_seconds + st.extract_seconds +
                       st.cluster_seconds + st.reuse_seconds;
  const double n = static_cast<double>(st.articles);
  const double mb = st.input_bytes / 1e6;
  auto rate = [&](double secs) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%8.0f articles/s %7.1f MB/s",
                  secs > 0 ? n / secs : 0.0, secs > 0 ? mb / secs : 0.0);
    return std::string(buf);
  };
  std::fprintf(stderr,
               "stats: %llu articles, %.1f MB, %llu stories, %u threads\n"
               "  ingest   %8.3f s %s\n"
               "  extract  %8.3f s %s\n"
               "  cluster  %8.3f s %s"
               "  (%.1f candidates and %.1f postings per article)\n"
               "  reuse    %8.3f s %s  (%llu pairs aligned; %llu stories "
               "analysed while clustering)\n"
               "  total    %8.3f s %s\n"
               "  kept     %.1f MB in memory, %.1f MB spilled "
               "(%.0f bytes per article)\n"
               "  index    %.1f MB (%.0f index bytes per article)\n",
               static_cast<unsigned long long>(st.articles), mb,
               static_cast<unsigned long long>(st.stories), st.threads,
               st.ingest_seconds, rate(st.ingest_seconds).c_str(),
               st.extract_seconds, rate(st.extract_seconds).c_str(),
               st.cluster_seconds, rate(st.cluster_seconds).c_str(),
               n > 0 ? st.candidates_scored / n : 0.0,
               n > 0 ? st.postings_scanned / n : 0.0, st.reuse_seconds,
               rate(st.reuse_seconds).c_str(),
               static_cast<unsigned long long>(st.pairs_compared),
               static_cast<unsigned long long>(st.stories_early), total,
               rate(total).c_str(), st.held_bytes / 1e6, st.spilled_bytes / 1e6,
               n > 0 ? (st.held_bytes + st.spilled_bytes) / n : 0.0,
               st.index_bytes / 1e6, n > 0 ? st.index_bytes / n : 0.0);
}

int RunAnalyze(const AnalyzeArgs& args) {
  AnalyzeOptions options;
  options.keep_text = args.with_text;
  options.reuse.enabled = !args.no_relations;
  options.reuse.facts = !args.no_facts;
  options.threads = args.threads;
  options.reuse.threads = args.threads;
  options.memory_budget = args.memory_budget_mb << 20;
  if (args.threshold >= 0) options.cluster.join_threshold = args.threshold;
  Engine engine(options);
  ProgressBar bar(stderr, !args.quiet && isatty(STDERR_FILENO) != 0);
  engine.SetProgress([&bar](const Progress& p) {
    bar.Update(p.stage, p.unit, p.done, p.total, p.bytes);
  });
  engine.AddPaths(args.inputs);

  std::vector<Status> errors, warnings;
  RunStats stats;
  if (args.format == "json") {
    std::FILE* out = stdout;
    if (!args.output.empty()) {
      out = std::fopen(args.output.c_str(), "wb");
      if (out == nullptr) {
        bar.Finish();
        std::cerr << "concord: cannot write " << args.output << "\n";
        return 2;
      }
    }
    JsonReportWriter writer(out);
    CapturingSink sink(&writer);
    Result<RunStats> result = engine.Run(&sink);
    bar.Finish();
    const bool closed = out == stdout || std::fclose(out) == 0;
    if (!result.ok() || !closed) {
      std::cerr << "concord: "
                << (result.ok() ? "cannot write " + args.output
                                : result.status().ToString())
                << "\n";
      return 2;
    }
    stats = result.value();
    errors = std::move(sink.errors);
    warnings = std::move(sink.warnings);
  } else {
    Report report = engine.Run();
    bar.Finish();
    TextRenderOptions to;
    to.color = args.output.empty() && UseColor(args.color);
    to.singletons = !args.hide_singletons;
    const std::string rendered = RenderText(report, to);
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
    stats = report.stats;
    stats.articles = report.articles.size();
    stats.stories = report.stories.size();
    errors = std::move(report.errors);
    warnings = std::move(report.warnings);
  }
  for (const Status& w : warnings) {
    std::cerr << "concord: warning: " << w.message() << "\n";
  }
  for (const Status& e : errors) {
    std::cerr << "concord: " << e.ToString() << "\n";
  }
  if (args.stats) PrintStats(stats);
  if (stats.articles == 0) {
    std::cerr << "concord: no article could be read\n";
    return 2;
  }
  return errors.empty() ? 0 : 1;
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
  cmd->add_option("--threads", args->threads,
                  "Worker threads (default 0: one per core); the report is "
                  "the same for any number");
  cmd->add_option("--memory-budget", args->memory_budget_mb,
                  "MB of article texts and term bags held between stages "
                  "(default 1024); the rest goes to a temporary file")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 24));
  cmd->add_flag("--quiet", args->quiet,
                "No progress bar (there is none unless stderr is a terminal)");
  cmd->add_option("--threshold", args->threshold,
                  "Similarity an article needs to join a story (default "
                  "0.18); for experiments, not tuning per data set")
      ->check(CLI::Range(0.0, 1.0));
  cmd->callback(
      [args, action] { *action = [args] { return RunAnalyze(*args); }; });
}

}  // namespace concord::cli
