// concord eval clustering FILE.jsonl : score stories against labels.
// concord eval conflicts FILE.jsonl : factual conflicts against `changed`.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "concord/compare.h"
#include "concord/eval.h"
#include "concord/web.h"
#include "tools/concord/commands.h"

namespace concord::cli {
namespace {

struct EvalArgs {
  std::string file;
  std::string format = "text";
  double threshold = -1;
  std::string parser = "fast";
  bool per_page = false;
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
        "{\"task\":\"clustering\",\"file\":%s,\"items\":%zu,"
        "\"labels\":%zu,\"stories\":%zu,\"bcubed_precision\":%.4f,"
        "\"bcubed_recall\":%.4f,\"bcubed_f1\":%.4f,\"nmi\":%.4f,"
        "\"unlabelled\":%zu,\"errors\":%zu}\n",
        JsonString(args.file).c_str(), s.items, s.reference_classes, s.predicted_clusters,
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

// Reads labelled pairs and compares each; nullptr-free: errors go to stderr.
std::vector<std::pair<TextPair, Comparison>> ComparePairs(
    const std::string& file, int* exit_code) {
  std::vector<Status> errors;
  std::vector<TextPair> pairs = ReadPairs(file, &errors);
  for (const Status& e : errors) {
    std::cerr << "concord: " << e.ToString() << "\n";
  }
  *exit_code = errors.empty() ? 0 : 1;
  Comparer comparer;
  if (!comparer.wordnet_status().ok()) {
    std::cerr << "concord: warning: " << comparer.wordnet_status().message()
              << "\n";
  }
  std::vector<std::pair<TextPair, Comparison>> out;
  for (TextPair& p : pairs) {
    Comparison c = comparer.Compare(p.a, p.b, p.directed);
    out.emplace_back(std::move(p), std::move(c));
  }
  return out;
}

int RunParaphrase(const EvalArgs& args) {
  int code = 0;
  const auto results = ComparePairs(args.file, &code);
  size_t n = 0, correct = 0, tp = 0, fp = 0, fn = 0;
  for (const auto& [p, c] : results) {
    if (p.label != "0" && p.label != "1") continue;
    const bool gold = p.label == "1";
    ++n;
    correct += c.paraphrase == gold;
    tp += c.paraphrase && gold;
    fp += c.paraphrase && !gold;
    fn += !c.paraphrase && gold;
  }
  if (n == 0) {
    std::cerr << "concord: no labelled pair (label 0 or 1) in " << args.file
              << "\n";
    return 2;
  }
  const double precision = tp + fp ? double(tp) / (tp + fp) : 0;
  const double recall = tp + fn ? double(tp) / (tp + fn) : 0;
  const double f1 =
      precision + recall ? 2 * precision * recall / (precision + recall) : 0;
  const double accuracy = double(correct) / n;
  if (args.format == "json") {
    std::printf(
        "{\"task\":\"paraphrase\",\"file\":%s,\"pairs\":%zu,"
        "\"accuracy\":%.4f,\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f}\n",
        JsonString(args.file).c_str(), n, accuracy, precision, recall, f1);
  } else {
    std::printf("paraphrase  %s\n  pairs %zu\n  accuracy %.4f  precision %.4f"
                "  recall %.4f  F1 %.4f\n",
                args.file.c_str(), n, accuracy, precision, recall, f1);
  }
  return code;
}

int RunReuse(const EvalArgs& args) {
  int code = 0;
  const auto results = ComparePairs(args.file, &code);
  size_t n = 0, correct = 0, binary = 0;
  for (const auto& [p, c] : results) {
    if (p.label.empty()) continue;
    ++n;
    correct += c.reuse_level == p.label;
    binary += (c.reuse_level == "non") == (p.label == "non");
  }
  if (n == 0) {
    std::cerr << "concord: no labelled pair in " << args.file << "\n";
    return 2;
  }
  const double acc4 = double(correct) / n, acc2 = double(binary) / n;
  if (args.format == "json") {
    std::printf(
        "{\"task\":\"reuse\",\"file\":%s,\"pairs\":%zu,"
        "\"accuracy_4class\":%.4f,\"accuracy_derived_vs_non\":%.4f}\n",
        JsonString(args.file).c_str(), n, acc4, acc2);
  } else {
    std::printf("reuse  %s\n  pairs %zu\n  4-class accuracy %.4f\n"
                "  derived-vs-non accuracy %.4f\n",
                args.file.c_str(), n, acc4, acc2);
  }
  return code;
}

// Shares of pairs judged derived (any relation but independent) and
// "rewrite or closer" (rewrite, spun copy, near-duplicate, duplicate), per
// `style` and for all pairs. No labels needed: on original/rewrite pairs
// (restyled-dev) derived is the recall, on same-event reports by different
// outlets (bench/same_event_pairs.py) independent is the figure.
int RunDerived(const EvalArgs& args) {
  int code = 0;
  const auto results = ComparePairs(args.file, &code);
  struct Tally {
    size_t pairs = 0, derived = 0, close = 0;
  };
  std::map<std::string, Tally> per_style;
  Tally all;
  // Pairs per relation, closest first.
  const std::vector<std::string>& names = RelationNames();
  std::vector<size_t> relations(names.size(), 0);
  const size_t rewrite =
      std::find(names.begin(), names.end(), "rewrite") - names.begin();
  for (const auto& [p, c] : results) {
    const size_t k =
        std::find(names.begin(), names.end(), c.relation) - names.begin();
    if (k < relations.size()) ++relations[k];
    const bool close = k <= rewrite;
    for (Tally* t : {&all, p.style.empty() ? nullptr : &per_style[p.style]}) {
      if (t == nullptr) continue;
      ++t->pairs;
      t->derived += c.derived;
      t->close += close;
    }
  }
  if (all.pairs == 0) {
    std::cerr << "concord: no pair in " << args.file << "\n";
    return 2;
  }
  auto share = [](size_t k, size_t n) { return n ? double(k) / n : 0.0; };
  if (args.format == "json") {
    std::printf(
        "{\"task\":\"derived\",\"file\":%s,\"pairs\":%zu,"
        "\"derived\":%.4f,\"rewrite_or_closer\":%.4f,\"independent\":%.4f,"
        "\"styles\":{",
        JsonString(args.file).c_str(), all.pairs, share(all.derived, all.pairs),
        share(all.close, all.pairs), 1 - share(all.derived, all.pairs));
    bool first = true;
    for (const auto& [style, t] : per_style) {
      std::printf("%s%s:{\"pairs\":%zu,\"derived\":%.4f,"
                  "\"rewrite_or_closer\":%.4f}",
                  first ? "" : ",", JsonString(style).c_str(), t.pairs,
                  share(t.derived, t.pairs), share(t.close, t.pairs));
      first = false;
    }
    std::printf("},\"relations\":{");
    for (size_t k = 0; k < relations.size(); ++k) {
      std::printf("%s%s:%zu", k ? "," : "", JsonString(names[k]).c_str(),
                  relations[k]);
    }
    std::printf("}}\n");
  } else {
    std::printf("derived  %s\n  pairs %zu\n  derived %.4f  rewrite-or-closer"
                " %.4f  independent %.4f\n",
                args.file.c_str(), all.pairs, share(all.derived, all.pairs),
                share(all.close, all.pairs), 1 - share(all.derived, all.pairs));
    std::printf("  relations");
    for (size_t k = 0; k < relations.size(); ++k) {
      std::printf("  %s %zu", names[k].c_str(), relations[k]);
    }
    std::printf("\n");
    for (const auto& [style, t] : per_style) {
      std::printf("    %-28s pairs %4zu  derived %.4f  rewrite-or-closer %.4f\n",
                  style.c_str(), t.pairs, share(t.derived, t.pairs),
                  share(t.close, t.pairs));
    }
  }
  return code;
}

int RunExtraction(const EvalArgs& args) {
  WebExtractOptions options;
  if (args.parser == "gumbo") options.parser = WebExtractOptions::Parser::kGumbo;
  Result<ExtractionScores> r = EvaluateExtraction(args.file, options);
  if (!r.ok()) {
    std::cerr << "concord: " << r.status().ToString() << "\n";
    return 2;
  }
  const ExtractionScores& s = *r;
  const double pages_per_s = s.seconds > 0 ? s.pages / s.seconds : 0;
  if (args.format == "json") {
    std::printf(
        "{\"task\":\"extraction\",\"dir\":%s,\"parser\":\"%s\","
        "\"pages\":%zu,\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f,"
        "\"seconds\":%.4f,\"pages_per_second\":%.1f}\n",
        JsonString(args.file).c_str(), args.parser.c_str(), s.pages,
        s.precision,
        s.recall, s.f1, s.seconds, pages_per_s);
  } else {
    std::printf("extraction  %s  (parser %s)\n", args.file.c_str(),
                args.parser.c_str());
    std::printf("  pages %zu\n  precision %.4f  recall %.4f  F1 %.4f\n",
                s.pages, s.precision, s.recall, s.f1);
    std::printf("  %.3f s extracting: %.0f pages/s on one core\n", s.seconds,
                pages_per_s);
  }
  if (args.per_page) {
    for (const ExtractionScores::Page& p : s.per_page) {
      std::printf("%s\t%.4f\t%.4f\n", p.id.c_str(), p.precision, p.recall);
    }
  }
  return s.pages == 0 ? 2 : 0;
}

// The conflict kinds that answer one `changed` label (case-insensitive):
// "Date of death" -> date, "Place of death" -> place, "Cause of death" ->
// cause, "Actor" -> actor, "Name of casualty or group" -> actor or number
// (renaming the victims is a name change, recounting them a number
// change); bare kind names ("date", "number", "quantity") map to
// themselves. Unknown labels map to nothing (no conflict can be right).
std::vector<std::string> KindsForLabel(std::string label) {
  std::transform(label.begin(), label.end(), label.begin(),
                 [](unsigned char ch) { return std::tolower(ch); });
  auto has = [&](const char* w) {
    return label.find(w) != std::string::npos;
  };
  if (has("name of casualty") || has("casualt") || has("group")) {
    return {"actor", "number"};
  }
  if (has("date") || has("time")) return {"date"};
  if (has("place") || has("location")) return {"place"};
  if (has("cause") || has("weapon")) return {"cause"};
  if (has("actor") || has("name") || has("perpetrator")) return {"actor"};
  if (has("number") || has("quantity") || has("count") || has("toll")) {
    return {"number"};
  }
  return {};
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char ch) { return std::tolower(ch); });
  return s;
}


int RunConflicts(const EvalArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  int code = 0;
  const auto results = ComparePairs(args.file, &code);
  const double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - start)
                             .count();
  struct Tally {
    size_t pairs = 0, hits = 0;
  };
  size_t altered = 0, any = 0, right = 0, unchanged = 0, alarms = 0;
  std::map<std::string, Tally> per_label;  // lower-cased `changed` label
  std::map<std::string, Tally> per_style;  // false alarms by style
  std::map<std::string, size_t> reported;  // conflicts reported, by kind
  for (const auto& [p, c] : results) {
    if (!p.has_changed) continue;
    std::set<std::string> kinds;
    for (const ComparisonConflict& x : c.conflicts) kinds.insert(x.kind);
    if (p.changed.empty()) {
      ++unchanged;
      alarms += !kinds.empty();
      Tally& t = per_style[p.style.empty() ? "(none)" : p.style];
      ++t.pairs;
      t.hits += !kinds.empty();
      for (const std::string& k : kinds) ++reported["unchanged/" + k];
      continue;
    }
    ++altered;
    any += !kinds.empty();
    bool ok = false;
    for (const std::string& label : p.changed) {
      bool label_ok = false;
      for (const std::string& k : KindsForLabel(label)) {
        label_ok |= kinds.contains(k);
      }
      ok |= label_ok;
      Tally& t = per_label[Lower(label)];
      ++t.pairs;
      t.hits += label_ok;
    }
    right += ok;
    for (const std::string& k : kinds) ++reported["altered/" + k];
  }
  if (altered + unchanged == 0) {
    std::cerr << "concord: no pair with a `changed` list in " << args.file
              << "\n";
    return 2;
  }
  auto share = [](size_t x, size_t n) { return n ? double(x) / n : 0.0; };
  if (args.format == "json") {
    std::string out = "{\"task\":\"conflicts\",\"file\":" +
                      JsonString(args.file);
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  ",\"altered_pairs\":%zu,\"recall\":%.4f,"
                  "\"right_kind\":%.4f,\"unchanged_pairs\":%zu,"
                  "\"false_alarm_rate\":%.4f,\"seconds\":%.3f",
                  altered, share(any, altered), share(right, altered),
                  unchanged, share(alarms, unchanged), seconds);
    out += buf;
    out += ",\"per_kind\":{";
    bool first = true;
    for (const auto& [label, t] : per_label) {
      std::snprintf(buf, sizeof buf, ":{\"pairs\":%zu,\"found\":%.4f}",
                    t.pairs, share(t.hits, t.pairs));
      out += (first ? "" : ",") + JsonString(label) + buf;
      first = false;
    }
    out += "},\"per_style\":{";
    first = true;
    for (const auto& [style, t] : per_style) {
      std::snprintf(buf, sizeof buf,
                    ":{\"pairs\":%zu,\"false_alarms\":%zu,"
                    "\"false_alarm_rate\":%.4f}",
                    t.pairs, t.hits, share(t.hits, t.pairs));
      out += (first ? "" : ",") + JsonString(style) + buf;
      first = false;
    }
    out += "},\"reported\":{";
    first = true;
    for (const auto& [k, n] : reported) {
      out += (first ? "" : ",") + JsonString(k) + ":" + std::to_string(n);
      first = false;
    }
    out += "}}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
  } else {
    std::printf("conflicts  %s\n", args.file.c_str());
    if (altered) {
      std::printf("  altered pairs %zu\n  conflict reported %.4f  of a right "
                  "kind %.4f\n",
                  altered, share(any, altered), share(right, altered));
      for (const auto& [label, t] : per_label) {
        std::printf("    %-28s pairs %4zu  found %.4f\n", label.c_str(),
                    t.pairs, share(t.hits, t.pairs));
      }
    }
    if (unchanged) {
      std::printf("  unchanged pairs %zu\n  false alarms %.4f\n", unchanged,
                  share(alarms, unchanged));
      for (const auto& [style, t] : per_style) {
        std::printf("    %-28s pairs %4zu  false alarms %.4f\n",
                    style.c_str(), t.pairs, share(t.hits, t.pairs));
      }
    }
    std::printf("  conflicts reported by kind:");
    for (const auto& [k, n] : reported) std::printf("  %s %zu", k.c_str(), n);
    std::printf("\n  %.2f s comparing %zu pairs\n", seconds, results.size());
  }
  return code;
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

  auto pargs = std::make_shared<EvalArgs>();
  CLI::App* paraphrase = eval->add_subcommand(
      "paraphrase",
      "Accuracy and F1 of the paraphrase verdict on sentence pairs "
      "(fields a, b, label 0/1)");
  paraphrase->add_option("file", pargs->file, "Labelled JSON Lines")->required();
  paraphrase->add_option("--format", pargs->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  paraphrase->callback(
      [pargs, action] { *action = [pargs] { return RunParaphrase(*pargs); }; });

  auto rargs = std::make_shared<EvalArgs>();
  CLI::App* reuse = eval->add_subcommand(
      "reuse",
      "4-class (cut/light/heavy/non) and derived-vs-non accuracy on "
      "source/derived pairs");
  reuse->add_option("file", rargs->file, "Labelled JSON Lines")->required();
  reuse->add_option("--format", rargs->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  reuse->callback(
      [rargs, action] { *action = [rargs] { return RunReuse(*rargs); }; });

  auto dargs = std::make_shared<EvalArgs>();
  CLI::App* derived = eval->add_subcommand(
      "derived",
      "Shares of pairs judged derived, rewrite-or-closer and independent, "
      "per `style` (no labels needed: original/rewrite pairs, or same-event "
      "pairs from bench/same_event_pairs.py)");
  derived->add_option("file", dargs->file, "JSON Lines of pairs")->required();
  derived->add_option("--format", dargs->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  derived->callback(
      [dargs, action] { *action = [dargs] { return RunDerived(*dargs); }; });

  auto cargs = std::make_shared<EvalArgs>();
  CLI::App* conflicts = eval->add_subcommand(
      "conflicts",
      "Factual conflicts on pairs (original/altered or a/b) labelled with "
      "`changed` (kinds of fact altered): the share of altered pairs with a "
      "conflict reported and with one of a right kind, and the false-alarm "
      "rate on pairs with an empty `changed`, per `style`");
  conflicts->add_option("file", cargs->file, "Labelled JSON Lines")->required();
  conflicts->add_option("--format", cargs->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  conflicts->callback(
      [cargs, action] { *action = [cargs] { return RunConflicts(*cargs); }; });

  auto xargs = std::make_shared<EvalArgs>();
  CLI::App* extraction = eval->add_subcommand(
      "extraction",
      "Article-body precision/recall/F1 on a directory of pages "
      "(ground-truth.json + html/ID.html.gz, the Scrapinghub benchmark "
      "layout), and pages per second");
  extraction->add_option("dir", xargs->file, "Benchmark directory")->required();
  extraction->add_option("--format", xargs->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  extraction->add_option("--parser", xargs->parser,
                         "fast (default) or gumbo (the reference parser)")
      ->check(CLI::IsMember({"fast", "gumbo"}));
  extraction->add_flag("--per-page", xargs->per_page,
                       "Also print id, precision, recall for every page");
  extraction->callback(
      [xargs, action] { *action = [xargs] { return RunExtraction(*xargs); }; });
}

}  // namespace concord::cli
