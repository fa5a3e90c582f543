// Feeds: RSS 2.0, RSS 1.0 (RDF) and Atom documents parsed into items.
//
// ParseFeed reads the whole document with libxml2 into a tree (feeds are
// small; callers cap the size) and walks it:
//   * RSS 2.0 (and 0.9x): <rss><channel> with <title>, <link>, and <item>s
//     holding <title>, <link>, <description>, <content:encoded>, <pubDate>,
//     <guid>, <author>, <dc:creator>, <dc:date>;
//   * RSS 1.0: <rdf:RDF> with a <channel> and sibling <item>s (the same
//     fields, in the RSS 1.0 namespace; rdf:about is the guid when there is
//     no <guid>);
//   * Atom: <feed> with <title>, <link rel="alternate"> (or no rel), and
//     <entry>s holding <title>, <link>, <id>, <published> (else <updated>),
//     <author><name>, <summary> and <content>, whose type="text" is escaped
//     into HTML, type="html" is taken as markup, and type="xhtml" is the
//     serialised inside of its <div>.
// Elements are matched by local name; content:encoded and dc:* also by
// namespace. Text is entity-decoded (CDATA merged) and trimmed. An RSS item
// without <link> whose <guid> is a permalink URL gets the guid as link.
// Dates go through FeedDateToIso8601 (dates.h): RFC 822 or ISO 8601 in,
// ISO 8601 out, "" when unparseable.
//
// Safety: no network (XML_PARSE_NONET), no external entities or DTD loading
// (no XML_PARSE_NOENT / DTDLOAD), libxml2's default limits on depth, text
// size and entity amplification (no XML_PARSE_HUGE). libxml2's errors are
// captured per parse through a structured error handler and never printed.
// Errors (Status::BadInput):
//   <origin>: not a feed: empty document
//   <origin>: not a feed: XML error at line L, column C: <libxml2 message>
//   <origin>: not a feed: root element <html>
//   <origin>: not a feed: the document is larger than 2 GiB
//
// Thread safety: reentrant; each call owns its parser context. Cost: the
// tree is a few times the document's size; time linear in it.
#ifndef CONCORD_INGEST_FEED_H_
#define CONCORD_INGEST_FEED_H_

#include <string>
#include <string_view>
#include <vector>

#include "concord/status.h"

namespace concord::ingest {

struct FeedItem {
  std::string link;       // absolute URL of the article ("" when the item has none)
  std::string title;
  std::string published;  // ISO 8601 ("2025-11-30T08:15:00Z" or with offset), "" when absent/unparseable
  std::string author;
  std::string summary_html;  // RSS <description> / Atom <summary>, as (possibly HTML) text, entities decoded
  std::string content_html;  // RSS <content:encoded> / Atom <content>, "" when absent
  std::string guid;          // RSS <guid> / Atom <id>
};

struct Feed {
  std::string kind;   // "rss", "atom" or "rdf"
  std::string title;  // channel / feed title
  std::string link;   // site link
  std::vector<FeedItem> items;  // in document order
};

// Parses an RSS 2.0, RSS 1.0 (RDF) or Atom document. `origin` (a path or URL)
// is used in error messages: "<origin>: not a feed: XML error at line L, column C: ..."
// Relative links are resolved against `base_url` when given (else the feed's own link).
[[nodiscard]] Result<Feed> ParseFeed(std::string_view bytes, std::string_view origin,
                                     std::string_view base_url = {});

}  // namespace concord::ingest

#endif  // CONCORD_INGEST_FEED_H_
