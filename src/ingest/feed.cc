// Feed parsing on libxml2's tree API. Three dialects share one item model,
// so the walk is a table of "which child holds which field" per dialect
// rather than three parsers: find the item elements, then for each field
// take the first child element with the right local name (and namespace,
// where two vocabularies use the same name: content:encoded and dc:*).
//
// Errors: libxml2 reports through a structured error handler. We install
// ours on the parser context (sax->serror, which libxml2 consults first)
// and, for the few errors raised without a context, as the calling thread's
// structured handler for the duration of the parse, restoring the previous
// one afterwards. The first error is kept; it is the cause, later ones are
// consequences. Tests: feed_test.cc.
#include "src/ingest/feed.h"

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>

#include "src/ingest/dates.h"
#include "src/ingest/encoding.h"

namespace concord::ingest {
namespace {

constexpr const char* kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr const char* kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr const char* kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

struct ErrorCapture {
  bool have = false;
  int line = 0;
  int column = 0;
  std::string message;
};

void CaptureError(void* data, xmlErrorPtr error) {
  auto* capture = static_cast<ErrorCapture*>(data);
  if (capture == nullptr || error == nullptr || capture->have) return;
  if (error->level < XML_ERR_ERROR) return;  // warnings do not explain
  capture->have = true;
  capture->line = error->line;
  capture->column = error->int2;
  std::string message = error->message != nullptr ? error->message : "";
  while (!message.empty() &&
         (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  capture->message = std::move(message);
}

// The context's handler receives ctxt->userData, which the tree builder
// needs to stay the context itself; the capture hangs off ctxt->_private.
void CaptureContextError(void* user_data, xmlErrorPtr error) {
  CaptureError(static_cast<xmlParserCtxt*>(user_data)->_private, error);
}

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct CtxtDeleter {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

std::string_view Name(const xmlNode* node) {
  return reinterpret_cast<const char*>(node->name);
}

bool InNamespace(const xmlNode* node, const char* ns) {
  return node->ns != nullptr && node->ns->href != nullptr &&
         std::strcmp(reinterpret_cast<const char*>(node->ns->href), ns) == 0;
}

bool IsElement(const xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && Name(node) == name;
}

// First child element called `name`; with `ns`, only in that namespace;
// with no_ns, only one in no namespace or the default RSS/Atom ones (that
// is: not in the content, dc or rdf vocabularies, and not atom:link in RSS).
const xmlNode* Child(const xmlNode* parent, std::string_view name,
                     const char* ns = nullptr, bool plain_only = false) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (!IsElement(c, name)) continue;
    if (ns != nullptr && !InNamespace(c, ns)) continue;
    if (plain_only && c->ns != nullptr && c->ns->href != nullptr) {
      const std::string_view href =
          reinterpret_cast<const char*>(c->ns->href);
      if (href != "http://purl.org/rss/1.0/" &&
          href != "http://backend.userland.com/rss2" &&
          href != "http://my.netscape.com/rdf/simple/0.9/") {
        continue;
      }
    }
    return c;
  }
  return nullptr;
}

std::string_view TrimXml(std::string_view s) {
  const size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const size_t last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

// Entity-decoded text of a node and its descendants, trimmed.
std::string Text(const xmlNode* node) {
  if (node == nullptr) return {};
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return {};
  std::string out(TrimXml(reinterpret_cast<const char*>(content)));
  xmlFree(content);
  return out;
}

std::string Attribute(const xmlNode* node, const char* name,
                      const char* ns = nullptr) {
  xmlChar* value =
      ns == nullptr
          ? xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name))
          : xmlGetNsProp(node, reinterpret_cast<const xmlChar*>(name),
                         reinterpret_cast<const xmlChar*>(ns));
  if (value == nullptr) return {};
  std::string out(TrimXml(reinterpret_cast<const char*>(value)));
  xmlFree(value);
  return out;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The markup inside an element, serialised (for Atom type="xhtml").
std::string InnerXml(const xmlNode* node) {
  std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buffer(
      xmlBufferCreate(), &xmlBufferFree);
  if (buffer == nullptr) return {};
  for (xmlNode* c = node->children; c != nullptr; c = c->next) {
    xmlNodeDump(buffer.get(), node->doc, c, 0, 0);
  }
  return std::string(TrimXml(std::string_view(
      reinterpret_cast<const char*>(xmlBufferContent(buffer.get())),
      static_cast<size_t>(xmlBufferLength(buffer.get())))));
}

// An Atom text construct (title, summary, content) as HTML.
std::string AtomHtml(const xmlNode* node) {
  if (node == nullptr) return {};
  const std::string type = Attribute(node, "type");
  if (type == "xhtml") {
    // The content is one XHTML <div>, whose inside is the text.
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) {
        return Name(c) == "div" ? InnerXml(c) : InnerXml(node);
      }
    }
    return InnerXml(node);
  }
  if (type == "html" || type == "text/html") return Text(node);
  if (type.empty() || type == "text" || type == "text/plain") {
    return EscapeHtml(Text(node));
  }
  return {};  // other media types (base64 data and the like) are not pages
}

// Resolves `link` against `base` (when both are non-empty).
std::string Resolve(const std::string& link, const std::string& base) {
  if (link.empty() || base.empty()) return link;
  xmlChar* built = xmlBuildURI(reinterpret_cast<const xmlChar*>(link.c_str()),
                               reinterpret_cast<const xmlChar*>(base.c_str()));
  if (built == nullptr) return link;
  std::string out(reinterpret_cast<const char*>(built));
  xmlFree(built);
  return out;
}

bool IsHttpUrl(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://");
}

// The href of an Atom element's alternate link (rel absent or "alternate"),
// preferring text/html when there are several.
std::string AtomLink(const xmlNode* parent) {
  std::string first;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (!IsElement(c, "link")) continue;
    const std::string rel = Attribute(c, "rel");
    if (!rel.empty() && rel != "alternate") continue;
    const std::string href = Attribute(c, "href");
    if (href.empty()) continue;
    const std::string type = Attribute(c, "type");
    if (type == "text/html" || type == "application/xhtml+xml") return href;
    if (first.empty()) first = href;
  }
  return first;
}

std::string RssDate(const xmlNode* item) {
  std::string date = FeedDateToIso8601(Text(Child(item, "pubDate", nullptr, true)));
  if (date.empty()) date = FeedDateToIso8601(Text(Child(item, "date", kDcNs)));
  return date;
}

FeedItem RssItem(const xmlNode* item) {
  FeedItem out;
  out.title = Text(Child(item, "title", nullptr, true));
  out.link = Text(Child(item, "link", nullptr, true));
  out.guid = Text(Child(item, "guid", nullptr, true));
  if (out.guid.empty()) out.guid = Attribute(item, "about", kRdfNs);
  if (out.link.empty()) {
    const xmlNode* guid = Child(item, "guid", nullptr, true);
    if (guid != nullptr && Attribute(guid, "isPermaLink") != "false" &&
        IsHttpUrl(out.guid)) {
      out.link = out.guid;
    }
  }
  out.published = RssDate(item);
  out.author = Text(Child(item, "creator", kDcNs));
  if (out.author.empty()) out.author = Text(Child(item, "author", nullptr, true));
  out.summary_html = Text(Child(item, "description", nullptr, true));
  out.content_html = Text(Child(item, "encoded", kContentNs));
  return out;
}

FeedItem AtomEntry(const xmlNode* entry) {
  FeedItem out;
  out.title = Text(Child(entry, "title"));
  out.link = AtomLink(entry);
  out.guid = Text(Child(entry, "id"));
  out.published = FeedDateToIso8601(Text(Child(entry, "published")));
  if (out.published.empty()) {
    out.published = FeedDateToIso8601(Text(Child(entry, "updated")));
  }
  if (out.published.empty()) {  // Atom 0.3
    out.published = FeedDateToIso8601(Text(Child(entry, "issued")));
  }
  if (const xmlNode* author = Child(entry, "author")) {
    out.author = Text(Child(author, "name"));
  }
  if (out.author.empty()) out.author = Text(Child(entry, "creator", kDcNs));
  out.summary_html = AtomHtml(Child(entry, "summary"));
  const xmlNode* content = Child(entry, "content");
  if (content != nullptr && Attribute(content, "src").empty()) {
    out.content_html = AtomHtml(content);
  }
  return out;
}

std::string QualifiedName(const xmlNode* node) {
  std::string name;
  if (node->ns != nullptr && node->ns->prefix != nullptr) {
    name = reinterpret_cast<const char*>(node->ns->prefix);
    name += ':';
  }
  name += Name(node);
  return name;
}

// Parses `bytes` into a tree; on failure, the error message.
Result<DocPtr> ParseXml(std::string_view bytes, const std::string& where) {
  std::unique_ptr<xmlParserCtxt, CtxtDeleter> ctxt(xmlNewParserCtxt());
  if (ctxt == nullptr) return Status::Internal(where + "cannot create an XML parser");
  ErrorCapture capture;
  ctxt->sax->serror = &CaptureContextError;
  ctxt->_private = &capture;
  // Errors raised without a context go to the thread's handler: ours, for
  // the duration of this parse.
  xmlStructuredErrorFunc saved_handler = xmlStructuredError;
  void* saved_context = xmlStructuredErrorContext;
  xmlSetStructuredErrorFunc(&capture, &CaptureError);
  DocPtr doc(xmlCtxtReadMemory(
      ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), nullptr,
      nullptr,
      XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
          XML_PARSE_NOWARNING));
  const bool well_formed = ctxt->wellFormed != 0;
  xmlSetStructuredErrorFunc(saved_context, saved_handler);
  if (doc != nullptr && well_formed) return doc;
  if (capture.have) {
    return Status::BadInput(where + "XML error at line " +
                            std::to_string(capture.line) + ", column " +
                            std::to_string(capture.column) + ": " +
                            capture.message);
  }
  return Status::BadInput(where + "XML error (no details from the parser)");
}

}  // namespace

Result<Feed> ParseFeed(std::string_view bytes, std::string_view origin,
                       std::string_view base_url) {
  const std::string where = std::string(origin) + ": not a feed: ";
  if (TrimXml(bytes).empty()) return Status::BadInput(where + "empty document");
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Status::BadInput(where + "the document is larger than 2 GiB");
  }
  Result<DocPtr> doc = ParseXml(bytes, where);
  if (!doc.ok()) return doc.status();
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  if (root == nullptr) return Status::BadInput(where + "no root element");

  Feed feed;
  std::vector<const xmlNode*> items;
  const xmlNode* channel = nullptr;
  if (Name(root) == "rss") {
    feed.kind = "rss";
    channel = Child(root, "channel");
    if (channel != nullptr) {
      for (const xmlNode* c = channel->children; c != nullptr; c = c->next) {
        if (IsElement(c, "item")) items.push_back(c);
      }
    }
  } else if (Name(root) == "RDF") {
    feed.kind = "rdf";
    channel = Child(root, "channel");
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (IsElement(c, "item")) items.push_back(c);
    }
  } else if (Name(root) == "feed") {
    feed.kind = "atom";
    for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (IsElement(c, "entry")) items.push_back(c);
    }
  } else {
    return Status::BadInput(where + "root element <" + QualifiedName(root) +
                            ">");
  }

  if (feed.kind == "atom") {
    feed.title = Text(Child(root, "title"));
    feed.link = AtomLink(root);
  } else if (channel != nullptr) {
    feed.title = Text(Child(channel, "title", nullptr, true));
    feed.link = Text(Child(channel, "link", nullptr, true));
  }
  const std::string base =
      base_url.empty() ? feed.link : std::string(base_url);
  feed.items.reserve(items.size());
  for (const xmlNode* node : items) {
    FeedItem item = feed.kind == "atom" ? AtomEntry(node) : RssItem(node);
    item.link = Resolve(item.link, base);
    // libxml2 hands out UTF-8; make sure of it for every field we pass on.
    for (std::string* field :
         {&item.link, &item.title, &item.author, &item.summary_html,
          &item.content_html, &item.guid}) {
      if (FindInvalidUtf8(*field) != std::string_view::npos) {
        *field = ReplaceInvalidUtf8(*field);
      }
    }
    feed.items.push_back(std::move(item));
  }
  if (!base_url.empty()) feed.link = Resolve(feed.link, base);
  feed.title = ReplaceInvalidUtf8(feed.title);
  feed.link = ReplaceInvalidUtf8(feed.link);
  return feed;
}

}  // namespace concord::ingest
