// concord compare A B : how one text was made from the other, with a diff.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "concord/compare.h"
#include "tools/concord/commands.h"

namespace concord::cli {
namespace {

struct CompareArgs {
  std::string a, b;
  std::string format = "text";
  std::string color = "auto";
};

int RunCompare(const CompareArgs& args) {
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
  const Comparison c = comparer.Compare(*a, *b);
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
  cmd->add_option("a", args->a, "First article (.txt or .jsonl)")->required();
  cmd->add_option("b", args->b, "Second article")->required();
  cmd->add_option("--format", args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--color", args->color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->callback([args, action] { *action = [args] { return RunCompare(*args); }; });
}

}  // namespace concord::cli
