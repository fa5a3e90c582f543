// concord compare A B : how one text was made from the other, with a diff.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "concord/compare.h"
#include "tools/concord/commands.h"

namespace concord::cli {
namespace {

struct CompareArgs {
  std::string a, b;
  std::string pairs;
  std::string format = "text";
  std::string color = "auto";
  bool b_from_a = false;
};

// --pairs: one JSON line per pair, without spans.
int RunPairs(const CompareArgs& args) {
  std::vector<Status> errors;
  const std::vector<TextPair> pairs = ReadPairs(args.pairs, &errors);
  for (const Status& e : errors) {
    std::cerr << "concord: " << e.ToString() << "\n";
  }
  if (pairs.empty()) {
    std::cerr << "concord: no pair could be read from " << args.pairs << "\n";
    return 2;
  }
  Comparer comparer;
  if (!comparer.wordnet_status().ok()) {
    std::cerr << "concord: warning: " << comparer.wordnet_status().message()
              << "\n";
  }
  for (const TextPair& p : pairs) {
    const std::string line = RenderComparisonJson(
        comparer.Compare(p.a, p.b, p.directed || args.b_from_a), -1, false,
        p.id);
    std::fwrite(line.data(), 1, line.size(), stdout);
  }
  return errors.empty() ? 0 : 1;
}

int RunCompare(const CompareArgs& args) {
  if (!args.pairs.empty()) return RunPairs(args);
  if (args.a.empty() || args.b.empty()) {
    std::cerr << "concord: compare needs two files, or --pairs FILE\n";
    return 2;
  }
  Result<std::string> a = ReadArticleBody(args.a);
  Result<std::string> b = ReadArticleBody(args.b);
  for (const auto* r : {&a, &b}) {
    if (!r->ok()) {
      std::cerr << "concord: " << r->status().ToString() << "\n";
      return 2;
    }
  }
  Comparer comparer;
  if (!comparer.wordnet_status().ok()) {
    std::cerr << "concord: warning: " << comparer.wordnet_status().message()
              << "\n";
  }
  const Comparison c = comparer.Compare(*a, *b, args.b_from_a);
  const std::string out =
      args.format == "json"
          ? RenderComparisonJson(c)
          : RenderComparisonText(c, {.color = UseColor(args.color)});
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

void AddCompareCommand(CLI::App& app, Action* action) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmd = app.add_subcommand(
      "compare",
      "Align two articles and say how one was made from the other "
      "(duplicate, near-duplicate, spun copy, rewrite, summary, "
      "independent), with a diff");
  cmd->add_option("a", args->a, "First article (.txt or .jsonl)");
  cmd->add_option("b", args->b, "Second article");
  cmd->add_option("--pairs", args->pairs,
                  "JSON Lines of pairs (a/b, source/derived or "
                  "original/altered, and id): one JSON line out per pair");
  cmd->add_flag("--b-from-a", args->b_from_a,
               "B is known to derive from A (A is the source): a B over "
               "twice A's length then expands A, and A is not called its "
               "summary; with --pairs, every a/b pair is read so too "
               "(source/derived and original/altered pairs always are)");
  cmd->add_option("--format", args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--color", args->color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->callback([args, action] { *action = [args] { return RunCompare(*args); }; });
}

}  // namespace concord::cli
