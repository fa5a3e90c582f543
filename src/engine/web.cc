// EvaluateExtraction: runs ExtractWebPage over a labelled directory of pages
// and scores it with the benchmark's own metric (src/eval/
// extraction_scores.h). Pages are read and decompressed before the clock
// starts, so `seconds` is extraction alone (parse included).
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

#include "concord/web.h"
#include "src/base/env.h"
#include "src/eval/extraction_scores.h"
#include "src/ingest/encoding.h"
#include "src/ingest/reader.h"
#include "src/ingest/stream.h"

namespace concord {
namespace {

// A gzipped page, read through ingest's capped stream.
Result<std::string> ReadGzip(const std::string& path) {
  Result<std::unique_ptr<ingest::ByteStream>> stream =
      ingest::ByteStream::Open(Env::Default(), path, /*gzip=*/true);
  if (!stream.ok()) return stream.status();
  std::string out;
  bool over_cap = false;
  constexpr uint64_t kCap = uint64_t{256} << 20;
  Status st = ingest::ReadCapped(stream->get(), kCap, &out, &over_cap);
  if (!st.ok()) return st;
  if (over_cap) {
    return Status::BadInput(path + ": page is larger than the " +
                            ingest::FormatByteLimit(kCap) + " limit");
  }
  return out;
}

// Extracts web pages as ingest delivers them; other articles (text, JSON
// Lines) are not web pages and are reported as such.
class ExtractSink final : public ingest::ArticleSink {
 public:
  ExtractSink(const WebExtractOptions& options,
              const std::function<void(ExtractedPage&&)>& on_page,
              const std::function<void(const Status&)>& on_error,
              const std::function<void(const Status&)>& on_warning)
      : options_(options),
        on_page_(on_page),
        on_error_(on_error),
        on_warning_(on_warning) {}

  void OnArticle(Article&& article) override {
    if (article.html.empty()) {
      on_error_(Status::BadInput(article.origin +
                                 ": not a web page (text input); nothing "
                                 "to extract"));
      return;
    }
    WebExtractOptions o = options_;
    if (!article.url.empty()) o.url = article.url;
    ExtractedPage page;
    page.origin = article.origin;
    page.page = ExtractWebPage(article.html, o);
    // What the container said (a feed item's title and date) fills gaps.
    if (page.page.title.empty()) page.page.title = article.title;
    if (page.page.published.empty()) page.page.published = article.published;
    if (page.page.site_name.empty()) page.page.site_name = article.source;
    on_page_(std::move(page));
  }
  void OnError(Status error) override { on_error_(error); }
  void OnWarning(Status warning) override {
    if (on_warning_) on_warning_(warning);
  }

 private:
  const WebExtractOptions& options_;
  const std::function<void(ExtractedPage&&)>& on_page_;
  const std::function<void(const Status&)>& on_error_;
  const std::function<void(const Status&)>& on_warning_;
};

}  // namespace

void ExtractPaths(const std::vector<std::string>& paths,
                  const WebExtractOptions& options,
                  const std::function<void(ExtractedPage&&)>& on_page,
                  const std::function<void(const Status&)>& on_error,
                  const std::function<void(const Status&)>& on_warning) {
  ExtractSink sink(options, on_page, on_error, on_warning);
  ingest::IngestOptions io;
  // Directories: web inputs only.
  io.text_extensions.clear();
  io.jsonl_extensions.clear();
  ingest::IngestPaths(paths, Env::Default(), &sink, io);
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
    item.html = ingest::DecodeHtmlToUtf8(*raw);
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
