// concord eval clustering FILE.jsonl : score stories against labels.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "concord/eval.h"
#include "tools/concord/commands.h"

namespace concord::cli {
namespace {

struct EvalArgs {
  std::string file;
  std::string format = "text";
  double threshold = -1;
};

int RunClustering(const EvalArgs& args) {
  AnalyzeOptions options;
  if (args.threshold >= 0) options.cluster.join_threshold = args.threshold;
  Result<ClusteringEvaluation> r = EvaluateClustering(args.file, options);
  if (!r.ok()) {
    std::cerr << "concord: " << r.status().ToString() << "\n";
    return 2;
  }
  for (const Status& e : r->errors) {
    std::cerr << "concord: " << e.ToString() << "\n";
  }
  const ClusteringScores& s = r->scores;
  if (args.format == "json") {
    std::printf(
        "{\"task\":\"clustering\",\"file\":\"%s\",\"items\":%zu,"
        "\"labels\":%zu,\"stories\":%zu,\"bcubed_precision\":%.4f,"
        "\"bcubed_recall\":%.4f,\"bcubed_f1\":%.4f,\"nmi\":%.4f,"
        "\"unlabelled\":%zu,\"errors\":%zu}\n",
        args.file.c_str(), s.items, s.reference_classes, s.predicted_clusters,
        s.bcubed_precision, s.bcubed_recall, s.bcubed_f1, s.nmi,
        r->unlabelled, r->errors.size());
  } else {
    std::printf("clustering  %s\n", args.file.c_str());
    std::printf("  articles %zu  labels %zu  stories %zu", s.items,
                s.reference_classes, s.predicted_clusters);
    if (r->unlabelled) std::printf("  unlabelled %zu", r->unlabelled);
    if (!r->errors.empty()) std::printf("  errors %zu", r->errors.size());
    std::printf("\n  B3 precision %.4f  recall %.4f  F1 %.4f\n",
                s.bcubed_precision, s.bcubed_recall, s.bcubed_f1);
    std::printf("  NMI %.4f\n", s.nmi);
  }
  if (s.items == 0) {
    std::cerr << "concord: no labelled article in " << args.file << "\n";
    return 2;
  }
  return r->errors.empty() ? 0 : 1;
}

}  // namespace

void AddEvalCommand(CLI::App& app, Action* action) {
  CLI::App* eval = app.add_subcommand(
      "eval", "Score Concord on labelled data (see docs/quality.md)");
  eval->require_subcommand(1);
  auto args = std::make_shared<EvalArgs>();
  CLI::App* clustering = eval->add_subcommand(
      "clustering",
      "B-cubed precision/recall/F1 and NMI of the stories against the "
      "`label` field of a JSON Lines file");
  clustering->add_option("file", args->file, "Labelled JSON Lines")->required();
  clustering->add_option("--format", args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  clustering->add_option("--threshold", args->threshold,
                         "Override the join threshold (experiments only)")
      ->check(CLI::Range(0.0, 1.0));
  clustering->callback(
      [args, action] { *action = [args] { return RunClustering(*args); }; });
}

}  // namespace concord::cli
