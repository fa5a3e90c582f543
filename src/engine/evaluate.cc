// `concord eval clustering`: analyse a labelled JSON Lines file with the
// engine and score the stories against the `label` field.
#include <fstream>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "concord/engine.h"
#include "concord/eval.h"
#include "src/base/env.h"
#include "src/engine/json_fields.h"

namespace concord {

Result<ClusteringEvaluation> EvaluateClustering(const std::string& jsonl_path,
                                                const AnalyzeOptions& options) {
  if (!Env::Default()->Exists(jsonl_path)) {
    return Status::NotFound(jsonl_path + ": no such file");
  }
  // Labels by origin ("path:LINE"): ids in real data are not always unique.
  // Malformed lines are reported by the engine's reader.
  std::unordered_map<std::string, std::string> label_of;
  {
    std::ifstream in(jsonl_path);
    if (!in) return Status::IoError(jsonl_path + ": cannot open");
    std::string line;
    size_t number = 0;
    while (std::getline(in, line)) {
      ++number;
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object()) continue;
      std::string label = ScalarField(j, "label");
      if (!label.empty()) {
        label_of.emplace(jsonl_path + ":" + std::to_string(number), label);
      }
    }
  }
  // Stories only: text reuse does not change them.
  AnalyzeOptions stories_only = options;
  stories_only.reuse.enabled = false;
  Engine engine(stories_only);
  engine.AddPaths({jsonl_path});
  Report report = engine.Run();
  ClusteringEvaluation eval;
  eval.errors = report.errors;
  std::vector<std::string> reference, predicted;
  for (const ArticleSummary& a : report.articles) {
    auto it = label_of.find(a.origin);
    if (it == label_of.end()) {
      ++eval.unlabelled;
      continue;
    }
    reference.push_back(it->second);
    predicted.push_back(std::to_string(a.story));
  }
  eval.scores = ScoreClustering(reference, predicted);
  return eval;
}

}  // namespace concord
