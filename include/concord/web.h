// Web pages: the article a reader sees in a page of HTML.
//
// ExtractWebPage takes a page's markup (already decoded to UTF-8; the ingest
// stage does charset sniffing) and returns its headline, byline, date, site,
// language, canonical URL and body (paragraphs and sub-headings), without
// navigation, promos, captions, share bars, related links or comments. The
// rules are general (document structure, text and link density, schema.org
// metadata), never keyed to a site; docs/quality.md has the benchmark figures
// and the command that measures them.
//
// Thread safety: pure function, reentrant. Cost: linear in the page; the
// default parser handles about 100 MB of markup a second on one core.
#ifndef CONCORD_WEB_H_
#define CONCORD_WEB_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "concord/article.h"
#include "concord/export.h"
#include "concord/status.h"

namespace concord {

struct WebPage {
  std::string url;        // canonical URL when the page names one, else given
  std::string title;      // headline (without the " | Site" suffix)
  std::string byline;     // author name(s), ", "-joined; may be empty
  std::string published;  // ISO 8601 date or date-time; may be empty
  std::string site_name;  // e.g. from og:site_name or schema.org publisher
  std::string lang;       // ISO 639-1, from markup or detected from the body
  std::string description;
  // The body: kHeading and kParagraph blocks in reading order (`line` is
  // the block's ordinal, 1-based).
  std::vector<Block> blocks;
  // The blocks' text joined by "\n\n"; what the rest of the pipeline reads.
  std::string text;
  // Things worth telling the user that did not stop extraction, e.g. a page
  // nested deeper than the parser's limit.
  std::vector<std::string> warnings;
};

struct WebExtractOptions {
  // The page's own URL (from a WARC record or a feed), used when the page
  // names no canonical URL.
  std::string_view url;
  // kFast: Concord's parser (default). kGumbo: gumbo, a conforming HTML5
  // parser, about 5x slower; the reference the fast parser is tested against.
  enum class Parser { kFast, kGumbo } parser = Parser::kFast;
  // Elements nested deeper than this are flattened (a warning says so).
  uint32_t max_depth = 512;
};

CONCORD_EXPORT WebPage ExtractWebPage(std::string_view html,
                                      const WebExtractOptions& options = {});

// A page read from a file (an HTML file, plain or gzipped; later WARC
// records and feed items) and extracted.
struct ExtractedPage {
  std::string origin;  // "path", or "path@offset" for a record in a WARC
  WebPage page;
};

// Reads every web page under `paths` (files, or directories walked
// recursively) and extracts each as it is read: pages are never all held at
// once. Inputs that cannot be read are reported through on_error with their
// path and position; the rest go on. Things that lost nothing (a feed item
// with only a link) go to on_warning when given.
CONCORD_EXPORT void ExtractPaths(
    const std::vector<std::string>& paths, const WebExtractOptions& options,
    const std::function<void(ExtractedPage&&)>& on_page,
    const std::function<void(const Status&)>& on_error,
    const std::function<void(const Status&)>& on_warning = nullptr);

// Scores of an extractor on a labelled set of pages, with the metric of the
// Scrapinghub article-extraction benchmark (see docs/quality.md).
struct ExtractionScores {
  size_t pages = 0;
  double precision = 0, recall = 0, f1 = 0;
  double seconds = 0;  // extraction time alone, parse included
  struct Page {
    std::string id;
    double precision = 0, recall = 0;
  };
  std::vector<Page> per_page;  // in id order
};

// Evaluates on a directory laid out as ground-truth.json (id -> {articleBody,
// url}) plus html/ID.html.gz. Errors name the file.
CONCORD_EXPORT Result<ExtractionScores> EvaluateExtraction(
    const std::string& dir, const WebExtractOptions& options = {});

}  // namespace concord

#endif  // CONCORD_WEB_H_
