// Article: one news document as Concord ingests it.
//
// Every input (a text file, a JSON Lines record, later a web page or a WARC
// record) becomes one Article. Articles are plain values: they own their
// strings and may be moved between threads freely.
#ifndef CONCORD_ARTICLE_H_
#define CONCORD_ARTICLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace concord {

struct Article {
  // Stable identifier: the record's own `id` when given, otherwise derived
  // from where it came from (a text file's name without extension; for a
  // JSON Lines record without id, "<file stem>:<line>").
  std::string id;
  std::string url;     // may be empty
  std::string source;  // outlet or site name; may be empty
  std::string title;   // headline when known; may be empty
  // Publication date or date-time as given (ISO 8601), empty when unknown.
  std::string published;
  // The same instant as seconds since the Unix epoch, UTC (a date alone means
  // its midnight UTC); empty when `published` is empty.
  std::optional<int64_t> published_time;
  // ISO 639-1 code as given in the input, or detected later; may be empty.
  std::string lang;
  // The text as ingested, valid UTF-8, line breaks kept (normalised to \n).
  // Empty while `html` holds a web page not yet extracted.
  std::string text;
  // A web page's markup, decoded to UTF-8 (from an HTML file, a WARC record
  // or a feed item's content), or empty. The extract stage turns it into
  // `text` (and fills title, published, lang, url, source when they are
  // empty) and then clears it.
  std::string html;
  // Where it came from: "path" or "path:line" for JSON Lines.
  std::string origin;
  // Position in the batch (0-based, in ingest order); ties on
  // published_time are broken by it.
  uint32_t ordinal = 0;
};

// What one line or paragraph of an article's text turned out to be.
enum class BlockKind {
  kHeadline,   // the article's title, found at the top of the text
  kHeading,    // a sub-heading inside the article
  kParagraph,  // body text
  kCaption,    // an image caption (kept once even when printed twice)
  kCredit,     // attribution ("Credited from: X"); lifted into `credits`
  kChrome,     // page furniture: navigation, promos, share bars; dropped
};

const char* BlockKindName(BlockKind kind);

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;
  uint32_t line = 0;  // 1-based line of the block's first line in `text`
};

// An article's text split into blocks, with its chrome identified.
struct ArticleContent {
  std::string headline;              // empty when none was found
  std::vector<Block> blocks;         // every block, in order, chrome included
  std::vector<std::string> credits;  // from kCredit blocks ("ALJAZEERA")
  // Body paragraphs joined by "\n\n": what the rest of the pipeline reads.
  std::string body;
};

}  // namespace concord

#endif  // CONCORD_ARTICLE_H_
