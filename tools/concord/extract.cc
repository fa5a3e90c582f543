// concord extract PAGE... : the article in web pages.
//   One page file: text by default (headline, byline, date, site, language,
//     URL, then the body with sub-headings marked "## ").
//   Directories, WARC archives, feeds, several files, or --format json: one
//     JSON object per page (JSON Lines) with fields file, url, title,
//     byline, published, site, lang, text, and with --blocks the body as
//     [{"kind","text"}].
// Errors (unreadable files, bad gzip) go to stderr naming the file; the
// other pages are still extracted. Exit 0, 1 when some input failed, 2 when
// nothing could be extracted.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "concord/web.h"
#include "tools/concord/commands.h"

namespace concord::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> inputs;
  std::string format;  // "" = text for one file, json otherwise
  std::string parser = "fast";
  std::string url;
  bool blocks = false;
};

void PrintText(const ExtractedPage& p) {
  const WebPage& w = p.page;
  std::printf("# %s\n", w.title.c_str());
  auto line = [](const char* k, const std::string& v) {
    if (!v.empty()) std::printf("%-10s %s\n", k, v.c_str());
  };
  line("file", p.origin);
  line("byline", w.byline);
  line("published", w.published);
  line("site", w.site_name);
  line("lang", w.lang);
  line("url", w.url);
  std::printf("\n");
  for (const Block& b : w.blocks) {
    if (b.kind == BlockKind::kHeading) {
      std::printf("## %s\n\n", b.text.c_str());
    } else {
      std::printf("%s\n\n", b.text.c_str());
    }
  }
}

void PrintJson(const ExtractedPage& p, bool with_blocks) {
  const WebPage& w = p.page;
  nlohmann::ordered_json j;
  j["file"] = p.origin;
  j["url"] = w.url;
  j["title"] = w.title;
  j["byline"] = w.byline;
  j["published"] = w.published;
  j["site"] = w.site_name;
  j["lang"] = w.lang;
  j["text"] = w.text;
  if (with_blocks) {
    nlohmann::ordered_json blocks = nlohmann::ordered_json::array();
    for (const Block& b : w.blocks) {
      blocks.push_back({{"kind", BlockKindName(b.kind)}, {"text", b.text}});
    }
    j["blocks"] = std::move(blocks);
  }
  std::printf("%s\n",
              j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                  .c_str());
}

int RunExtract(const ExtractArgs& args) {
  WebExtractOptions options;
  if (args.parser == "gumbo") options.parser = WebExtractOptions::Parser::kGumbo;
  options.url = args.url;
  std::string format = args.format;
  size_t pages = 0, errors = 0;
  ExtractPaths(
      args.inputs, options,
      [&](ExtractedPage&& p) {
        ++pages;
        for (const std::string& w : p.page.warnings) {
          std::cerr << "concord: " << p.origin << ": warning: " << w << "\n";
        }
        if (format.empty()) {
          // Text for one page file; JSON Lines when there may be several.
          const std::string& in = args.inputs.front();
          const bool one_page_file =
              args.inputs.size() == 1 && !std::filesystem::is_directory(in) &&
              p.origin == in;
          format = one_page_file ? "text" : "json";
        }
        if (format == "text") {
          PrintText(p);
        } else {
          PrintJson(p, args.blocks);
        }
      },
      [&](const Status& s) {
        ++errors;
        std::cerr << "concord: " << s.ToString() << "\n";
      },
      [&](const Status& s) {
        std::cerr << "concord: warning: " << s.message() << "\n";
      });
  if (pages == 0) {
    if (errors == 0) std::cerr << "concord: no web page found in the input\n";
    return 2;
  }
  return errors ? 1 : 0;
}

}  // namespace

void AddExtractCommand(CLI::App& app, Action* action) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app.add_subcommand(
      "extract",
      "The article in web pages: headline, byline, date, body (HTML files, "
      ".gz, directories)");
  cmd->add_option("inputs", args->inputs, "Pages or directories")
      ->required();
  cmd->add_option("--format", args->format,
                  "text (default for one page) or json (JSON Lines)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--parser", args->parser, "fast (default) or gumbo")
      ->check(CLI::IsMember({"fast", "gumbo"}));
  cmd->add_option("--url", args->url,
                  "The page's URL, when it names no canonical one");
  cmd->add_flag("--blocks", args->blocks,
                "JSON: also the body as a list of headings and paragraphs");
  cmd->callback([args, action] {
    *action = [args] { return RunExtract(*args); };
  });
}

}  // namespace concord::cli
