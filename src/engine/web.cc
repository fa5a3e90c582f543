// EvaluateExtraction: runs ExtractWebPage over a labelled directory of pages
// and scores it with the benchmark's own metric (src/eval/
// extraction_scores.h). Pages are read and decompressed before the clock
// starts, so `seconds` is extraction alone (parse included).
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "concord/web.h"
#include "src/base/env.h"
#include "src/eval/extraction_scores.h"
#include "src/ingest/encoding.h"

namespace concord {
namespace {

Result<std::string> ReadGzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return Status::NotFound(path + ": cannot open");
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, n);
  int err = Z_OK;
  const char* msg = n < 0 ? gzerror(f, &err) : nullptr;
  gzclose(f);
  if (n < 0) {
    return Status::BadInput(path + ": gzip error after " +
                            std::to_string(out.size()) +
                            " decompressed bytes: " + (msg ? msg : "?"));
  }
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

void ExtractPaths(const std::vector<std::string>& paths,
                  const WebExtractOptions& options,
                  const std::function<void(ExtractedPage&&)>& on_page,
                  const std::function<void(const Status&)>& on_error) {
  Env* env = Env::Default();
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    if (env->IsDirectory(p)) {
      Result<std::vector<std::string>> list = env->ListFilesRecursive(p);
      if (!list.ok()) {
        on_error(list.status());
        continue;
      }
      for (std::string& f : *list) {
        if (EndsWith(f, ".html") || EndsWith(f, ".htm") ||
            EndsWith(f, ".html.gz") || EndsWith(f, ".htm.gz")) {
          files.push_back(std::move(f));
        }
      }
    } else {
      files.push_back(p);
    }
  }
  for (const std::string& f : files) {
    Result<std::string> raw =
        EndsWith(f, ".gz") ? ReadGzip(f) : env->ReadFile(f);
    if (!raw.ok()) {
      on_error(raw.status());
      continue;
    }
    Result<std::string> html = ingest::DecodeToUtf8(*raw, f);
    if (!html.ok()) {
      on_error(html.status());
      continue;
    }
    ExtractedPage page;
    page.origin = f;
    page.page = ExtractWebPage(*html, options);
    on_page(std::move(page));
  }
}

Result<ExtractionScores> EvaluateExtraction(const std::string& dir,
                                            const WebExtractOptions& options) {
  namespace fs = std::filesystem;
  const std::string truth_path = (fs::path(dir) / "ground-truth.json").string();
  Result<std::string> truth_text = Env::Default()->ReadFile(truth_path);
  if (!truth_text.ok()) return truth_text.status();
  nlohmann::json truth = nlohmann::json::parse(*truth_text, nullptr, false);
  if (truth.is_discarded() || !truth.is_object()) {
    return Status::BadInput(truth_path +
                            ": not a JSON object of id -> {articleBody, url}");
  }
  struct Item {
    std::string id, url, body, html;
  };
  std::vector<Item> items;
  for (auto it = truth.begin(); it != truth.end(); ++it) {
    const nlohmann::json& v = it.value();
    if (!v.is_object() || !v.contains("articleBody") ||
        !v["articleBody"].is_string()) {
      return Status::BadInput(truth_path + ": entry \"" + it.key() +
                              "\" has no string articleBody");
    }
    Item item;
    item.id = it.key();
    item.body = v["articleBody"].get<std::string>();
    if (v.contains("url") && v["url"].is_string()) {
      item.url = v["url"].get<std::string>();
    }
    const std::string page = (fs::path(dir) / "html" / (item.id + ".html.gz")).string();
    Result<std::string> raw = ReadGzip(page);
    if (!raw.ok()) return raw.status();
    Result<std::string> html = ingest::DecodeToUtf8(*raw, page);
    if (!html.ok()) return html.status();
    item.html = std::move(*html);
    items.push_back(std::move(item));
  }
  std::sort(items.begin(), items.end(),
            [](const Item& a, const Item& b) { return a.id < b.id; });
  ExtractionScores scores;
  std::vector<eval::PageScore> pages;
  for (const Item& item : items) {
    WebExtractOptions o = options;
    o.url = item.url;
    const auto t0 = std::chrono::steady_clock::now();
    const WebPage page = ExtractWebPage(item.html, o);
    scores.seconds += std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - t0)
                          .count();
    const eval::PageScore s =
        eval::ScorePage(eval::CompareShingles(page.text, item.body));
    pages.push_back(s);
    scores.per_page.push_back({item.id, s.precision, s.recall});
  }
  const eval::AverageScores avg = eval::AverageExtractionScores(pages);
  scores.pages = items.size();
  scores.precision = avg.precision;
  scores.recall = avg.recall;
  scores.f1 = avg.f1;
  return scores;
}

}  // namespace concord
