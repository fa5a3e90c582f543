// Article extraction from a web page.
//
// The idea (after Readability's content scoring, Kohlschütter et al.'s
// boilerplate detection by text and link density, and schema.org metadata):
//
// 1. Parse (html_tree.h) and mark what a reader never sees as article text:
//    elements that are never body (head, script, nav, aside, footer, forms'
//    controls, figures and their captions, iframes...), hidden ones (hidden,
//    aria-hidden, display:none), and those whose class, id or role names
//    page furniture ("share", "related", "comments", "newsletter",
//    "breadcrumb", "sidebar", ad slots...) unless they also name content
//    ("article-body"). Names are matched by whole words of the attribute,
//    so "header" is not "head" and "download" is not "ad".
// 2. Cut the rest into text segments at block boundaries (p, div, li, h1-h6,
//    td, br-separated runs stay in one paragraph), each with its text, the
//    share of it inside links, and its commas.
// 3. Score containers: each segment of 25+ characters gives 1 + commas +
//    min(length/100, 3) to its container's parent, half to the grandparent
//    and a sixth-and-less further up; containers start from a tag prior and
//    a class prior, and end multiplied by (1 - link density). The best one
//    is the article; siblings scoring at least a fifth of it, or holding
//    long low-link paragraphs, join it (articles split around ads).
// 4. Inside the chosen containers, drop sub-containers that are mostly
//    links or hold no sentences (related lists, tag clouds, share bars), and
//    segments that are page furniture by their text ("Advertisement",
//    "Read more", "Sign up for ...") or repeat the headline.
// 5. When the page carries a schema.org articleBody (JSON-LD) and the DOM
//    gave much less text, or none, use articleBody: some pages render the
//    body from script and hold it only there.
//
// Metadata comes from, in order of trust: JSON-LD (Article and its
// subtypes, also inside @graph), Open Graph / article: meta, microdata
// (itemprop), common meta names (author, date, dc.*), then the document
// (<title>, <time datetime>, rel=author, html lang) and language detection.
//
// Tests: html_extract_test.cc (hand-written pages, one behaviour each);
// quality: `concord eval extraction` on the Scrapinghub benchmark.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "concord/web.h"
#include "src/base/ascii.h"
#include "src/extract/html_tree.h"
#include "src/extract/text_chrome.h"
#include "src/ingest/dates.h"
#include "src/text/langid.h"

namespace concord::extract {
namespace {

using Json = nlohmann::json;
constexpr uint32_t kNone = HtmlNode::kNone;

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Appends `text` collapsing runs of white space (ASCII and NBSP) to one
// space; `*pending_space` carries a space across calls.
void AppendCollapsed(std::string_view text, std::string* out,
                     bool* pending_space) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    bool space = IsAsciiSpace(c);
    size_t skip = 0;
    if (!space && static_cast<unsigned char>(c) == 0xC2 &&
        i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      space = true;  // NBSP
      skip = 1;
    }
    if (space) {
      *pending_space = true;
      i += skip;
      continue;
    }
    if (*pending_space && !out->empty() && out->back() != '\n') {
      out->push_back(' ');
    }
    *pending_space = false;
    out->push_back(c);
  }
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsAsciiSpace(s[b])) ++b;
  while (e > b && IsAsciiSpace(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  bool pending = false;
  AppendCollapsed(s, &out, &pending);
  return out;
}


// ---------------------------------------------------------------------------
// Element classes.

// Never article text, whatever their attributes say.
bool IsRemovedTag(Tag t) {
  switch (t) {
    case Tag::kHead: case Tag::kScript: case Tag::kStyle: case Tag::kNoscript:
    case Tag::kTemplate: case Tag::kSvg: case Tag::kMath: case Tag::kButton:
    case Tag::kSelect: case Tag::kOption: case Tag::kOptgroup:
    case Tag::kTextarea: case Tag::kInput: case Tag::kNav: case Tag::kAside:
    case Tag::kFooter: case Tag::kFigcaption: case Tag::kFigure:
    case Tag::kIframe: case Tag::kObject: case Tag::kEmbed: case Tag::kCanvas:
    case Tag::kAudio: case Tag::kVideo: case Tag::kDialog: case Tag::kTitle:
    case Tag::kHeader: case Tag::kLabel: case Tag::kMenu: case Tag::kPicture:
    case Tag::kNoembed: case Tag::kNoframes: case Tag::kLegend:
    case Tag::kMarquee:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(Tag t) {
  switch (t) {
    case Tag::kAddress: case Tag::kArticle: case Tag::kAside:
    case Tag::kBlockquote: case Tag::kBody: case Tag::kCaption:
    case Tag::kCenter: case Tag::kDd: case Tag::kDetails: case Tag::kDialog:
    case Tag::kDiv: case Tag::kDl: case Tag::kDt: case Tag::kFieldset:
    case Tag::kFigcaption: case Tag::kFigure: case Tag::kFooter:
    case Tag::kForm: case Tag::kH1: case Tag::kH2: case Tag::kH3:
    case Tag::kH4: case Tag::kH5: case Tag::kH6: case Tag::kHeader:
    case Tag::kHgroup: case Tag::kHr: case Tag::kHtml: case Tag::kLi:
    case Tag::kMain: case Tag::kMenu: case Tag::kNav: case Tag::kOl:
    case Tag::kP: case Tag::kPre: case Tag::kSection: case Tag::kSummary:
    case Tag::kTable: case Tag::kTbody: case Tag::kTd: case Tag::kTfoot:
    case Tag::kTh: case Tag::kThead: case Tag::kTr: case Tag::kUl:
    case Tag::kDocument: case Tag::kTemplate:
      return true;
    default:
      return false;
  }
}

// Words of class/id/role naming page furniture. Matched against whole
// words of the attribute value (split on anything not a letter or digit),
// or as prefixes when marked with a trailing '*'.
// Strong: the element is page furniture whatever it holds.
constexpr std::string_view kStrongNegativeWords[] = {
    "ad", "ads", "adv", "advert*", "adslot", "adunit", "breadcrumb*",
    "comment*", "disqus", "cookie*", "consent", "gdpr", "footer*", "nav",
    "navbar", "navigation", "menu*", "newsletter*", "outbrain", "taboola",
    "popup", "modal", "promo*", "recirc*", "recommend*", "related*",
    "share*", "sharing", "social*", "sidebar*", "signup", "subscribe*",
    "sponsor*", "widget*", "skip", "toolbar", "pagination", "pager",
    "trending", "popular", "tags", "author-bio", "sr-only",
    "screen-reader-text", "visually-hidden", "visuallyhidden", "reply",
    "replies", "remark", "shoutbox", "community", "cta", "donate",
    "donation", "ticker", "masthead", "sitemap", "byline*", "caption*",
    "credit*", "dateline", "timestamp", "gallery", "slideshow", "carousel",
    "rail", "most", "mostread", "share-bar", "sharebar", "breaking",
    "newsletter", "login", "search", "logo", "copyright", "legal",
    "disclaimer"};
// Weak: a hint; the element is dropped only when it holds little of the
// page's prose (responsive "hidden-xs", "img-container" wrappers...).
constexpr std::string_view kWeakNegativeWords[] = {
    "banner", "contact", "dropdown", "extra", "facebook", "follow",
    "footnote", "hidden", "hide", "image", "img", "infobox", "jump",
    "media", "meta", "more", "next", "prev", "previous", "photo*", "teaser",
    "tool", "tools", "tweet", "twitter", "video*", "embed", "audio",
    "player", "podcast", "rating", "hero", "figure", "alert", "offer",
    "nocontent", "readmore", "header", "top", "notice", "whatsapp", "email",
    "mail", "brand", "aside", "overlay", "toc", "tag", "print", "sticky",
    "paywall", "bio", "author", "lede-image", "inline-image", "subscription",
    "list"};
constexpr std::string_view kPositiveWords[] = {
    "article*", "body", "content*", "entry*", "main", "page", "post*",
    "story*", "text", "blog", "prose", "rich", "richtext", "paragraph*",
    "hentry", "h-entry", "e-content", "markdown", "detail*"};

bool WordMatches(std::string_view word, std::string_view pattern) {
  if (!pattern.empty() && pattern.back() == '*') {
    pattern.remove_suffix(1);
    return word.size() >= pattern.size() &&
           word.substr(0, pattern.size()) == pattern;
  }
  return word == pattern;
}

// +1 for content words, -1 for furniture, counting matched words.
struct ClassWeight {
  int positive = 0;
  int negative = 0;  // strong
  int weak = 0;
};

void WeighAttr(std::string_view value, ClassWeight* w) {
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    for (std::string_view p : kStrongNegativeWords) {
      if (WordMatches(word, p)) {
        ++w->negative;
        break;
      }
    }
    for (std::string_view p : kWeakNegativeWords) {
      if (WordMatches(word, p)) {
        ++w->weak;
        break;
      }
    }
    for (std::string_view p : kPositiveWords) {
      if (WordMatches(word, p)) {
        ++w->positive;
        break;
      }
    }
    word.clear();
  };
  for (char c : value) {
    const char l = AsciiLower(c);
    // Split camelCase and snake_case/kebab-case: "ShareBar" -> share bar.
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
      if (c >= 'A' && c <= 'Z' && !word.empty() && word.back() >= 'a' &&
          word.back() <= 'z') {
        flush();
      }
      word.push_back(l);
    } else {
      flush();
    }
  }
  flush();
}

ClassWeight WeightOf(const HtmlTree& tree, uint32_t i) {
  ClassWeight w;
  WeighAttr(tree.Attr(i, "class"), &w);
  WeighAttr(tree.Attr(i, "id"), &w);
  const std::string_view role = tree.Attr(i, "role");
  if (role == "navigation" || role == "complementary" || role == "banner" ||
      role == "contentinfo" || role == "dialog" || role == "alert" ||
      role == "menu" || role == "search") {
    ++w.negative;
  }
  if (role == "main" || role == "article") ++w.positive;
  const std::string_view itemprop = tree.Attr(i, "itemprop");
  if (itemprop == "articleBody" || itemprop == "text") w.positive += 2;
  return w;
}

// Reader comments: dropped whatever their size.
bool IsCommentSection(const HtmlTree& tree, uint32_t i) {
  for (std::string_view attr : {"id", "class"}) {
    std::string v = AsciiLowerCopy(tree.Attr(i, attr));
    for (char& c : v) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) c = ' ';
    }
    size_t p = 0;
    while (p < v.size()) {
      while (p < v.size() && v[p] == ' ') ++p;
      size_t e = p;
      while (e < v.size() && v[e] != ' ') ++e;
      const std::string_view w = std::string_view(v).substr(p, e - p);
      if (w == "comments" || w == "comment" || w == "commentlist" ||
          w == "disqus" || w == "respond") {
        return true;
      }
      p = e;
    }
  }
  return false;
}

bool IsHidden(const HtmlTree& tree, uint32_t i) {
  if (tree.HasAttr(i, "hidden")) return true;
  if (tree.Attr(i, "aria-hidden") == "true") return true;
  const std::string_view style = tree.Attr(i, "style");
  if (!style.empty()) {
    std::string s;
    for (char c : style) {
      if (!IsAsciiSpace(c)) s.push_back(AsciiLower(c));
    }
    if (s.find("display:none") != std::string::npos ||
        s.find("visibility:hidden") != std::string::npos) {
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Segments.

struct Segment {
  uint32_t owner = 0;  // nearest block element
  Tag owner_tag = Tag::kDiv;
  std::string text;
  uint32_t chars = 0;       // code points (approximately: non-continuation)
  uint32_t link_chars = 0;  // of which inside <a>
  uint32_t commas = 0;
};

uint32_t CountChars(std::string_view s) {
  uint32_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

uint32_t CountCommas(std::string_view s) {
  uint32_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') ++n;
    // Fullwidth and ideographic commas (U+FF0C, U+3001) and Arabic comma.
    if (static_cast<unsigned char>(s[i]) == 0xEF && i + 2 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) == 0xBC &&
        static_cast<unsigned char>(s[i + 2]) == 0x8C) {
      ++n;
    }
    if (static_cast<unsigned char>(s[i]) == 0xE3 && i + 2 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x81) {
      ++n;
    }
  }
  return n;
}

class Segmenter {
 public:
  Segmenter(const HtmlTree& tree, const std::vector<uint8_t>& removed)
      : tree_(tree), removed_(removed) {}

  // Cuts the subtree of `root` (not removed parts) into segments.
  std::vector<Segment> Run(uint32_t root) {
    segments_.clear();
    cur_ = Segment{};
    cur_.owner = root;
    cur_.owner_tag = tree_.node(root).tag;
    pending_space_ = false;
    owners_.clear();
    owners_.push_back(root);
    Walk(root);
    Flush();
    return std::move(segments_);
  }

 private:
  void Flush() {
    std::string t = Trim(cur_.text);
    if (!t.empty()) {
      cur_.text = std::move(t);
      cur_.chars = CountChars(cur_.text);
      cur_.commas = CountCommas(cur_.text);
      cur_.link_chars = std::min(cur_.link_chars, cur_.chars);
      segments_.push_back(std::move(cur_));
    }
    cur_ = Segment{};
    cur_.owner = owners_.back();
    cur_.owner_tag = tree_.node(owners_.back()).tag;
    pending_space_ = false;
  }

  void Walk(uint32_t root) {
    // Iterative DFS with explicit enter/leave events.
    struct Frame {
      uint32_t node;
      uint32_t child;
      bool block;
      int link;
    };
    std::vector<Frame> stack;
    stack.push_back({root, tree_.node(root).first_child, true, 0});
    int in_link = 0;
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.child == kNone) {
        if (f.block && stack.size() > 1) {
          Flush();
          owners_.pop_back();
          cur_.owner = owners_.back();
          cur_.owner_tag = tree_.node(owners_.back()).tag;
        }
        in_link -= f.link;
        stack.pop_back();
        continue;
      }
      const uint32_t c = f.child;
      f.child = tree_.node(c).next_sibling;
      const HtmlNode& n = tree_.node(c);
      if (n.tag == Tag::kText) {
        const std::string_view text = tree_.Text(c);
        const size_t before = cur_.text.size();
        AppendCollapsed(text, &cur_.text, &pending_space_);
        if (in_link > 0) {
          cur_.link_chars +=
              CountChars(std::string_view(cur_.text).substr(before));
        }
        continue;
      }
      if (removed_[c]) continue;
      if (n.tag == Tag::kBr) {
        // Two line breaks in a row end a paragraph (text laid out with
        // <br><br> instead of <p>).
        size_t e = cur_.text.size();
        while (e > 0 && cur_.text[e - 1] == ' ') --e;
        if (e > 0 && cur_.text[e - 1] == '\n') {
          Flush();
        } else {
          cur_.text.push_back('\n');
        }
        pending_space_ = false;
        continue;
      }
      const bool block = IsBlockTag(n.tag) || n.tag == Tag::kHr;
      if (block) {
        Flush();
        owners_.push_back(c);
        cur_.owner = c;
        cur_.owner_tag = n.tag;
      }
      const int link = n.tag == Tag::kA ? 1 : 0;
      in_link += link;
      stack.push_back({c, n.first_child, block, link});
    }
  }

  const HtmlTree& tree_;
  const std::vector<uint8_t>& removed_;
  std::vector<Segment> segments_;
  std::vector<uint32_t> owners_;
  Segment cur_;
  bool pending_space_ = false;
};

// ---------------------------------------------------------------------------
// Boilerplate by text.

bool StartsWithCi(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[i]) != prefix[i]) return false;
  }
  return true;
}

bool IsFurnitureText(std::string_view t) {
  static constexpr std::string_view kExact[] = {
      "advertisement", "advertisements", "ad", "sponsored", "share",
      "share this", "share this article", "share this story", "tweet",
      "email", "print", "comments", "comment", "read more", "continue reading",
      "related", "related articles", "related stories", "more", "see more",
      "click here", "subscribe", "sign up", "log in", "login", "menu",
      "close", "skip to main content", "skip to content", "loading...",
      "back to top", "top", "next", "previous", "story continues below",
      "story continues below advertisement", "scroll to continue",
      "caption", "enlarge this image", "toggle caption", "hide caption",
      "image", "photo", "video", "play video", "listen", "copy link",
      "link copied", "facebook", "twitter", "whatsapp", "linkedin",
      "pinterest", "reddit", "advert", "by", "most popular", "tags",
      "tagged", "topics", "trending now", "recommended", "more from",
      "you may also like", "related posts", "leave a comment",
      "leave a reply", "post navigation", "share this:", "like this:",
      "loading", "photos", "watch", "newsletter", "sign up now"};
  std::string low;
  for (char c : t) low.push_back(AsciiLower(c));
  while (!low.empty() && (low.back() == ':' || low.back() == '.' ||
                          low.back() == ' ')) {
    low.pop_back();
  }
  for (std::string_view e : kExact) {
    if (low == e) return true;
  }
  if (t.size() < 120) {
    static constexpr std::string_view kPrefixes[] = {
        "sign up for", "subscribe to", "read more:", "read more about",
        "related:", "see also:", "more on this", "click here", "follow us",
        "follow @", "share on", "share this", "advertisement -",
        "recommended:", "most read", "you may also like", "you might also",
        "don't miss", "also read:", "read next", "watch:", "listen to this",
        "get the latest", "download the", "copyright ©", "© ",
        "all rights reserved"};
    for (std::string_view p : kPrefixes) {
      if (StartsWithCi(low, p)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Metadata.

struct Meta {
  std::string title, og_title, title_tag, h1;
  std::string byline;
  std::string published;
  std::string site_name;
  std::string lang;
  std::string url;
  std::string description;
  std::string json_ld_body;
};

void FirstNonEmpty(std::string* dst, std::string_view v) {
  if (dst->empty() && !v.empty()) *dst = Trim(v);
}

std::string JsonString(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<int64_t>());
  return {};
}

std::string JsonNames(const Json& j) {
  // author: "X" | {"name": "X"} | [..]
  if (j.is_string()) return j.get<std::string>();
  if (j.is_object()) {
    if (j.contains("name")) return JsonNames(j["name"]);
    return {};
  }
  if (j.is_array()) {
    std::string out;
    for (const Json& e : j) {
      const std::string n = JsonNames(e);
      if (n.empty()) continue;
      if (!out.empty()) out += ", ";
      out += n;
    }
    return out;
  }
  return {};
}

bool IsArticleType(const Json& type) {
  auto one = [](const std::string& t) {
    return t.find("Article") != std::string::npos ||
           t == "BlogPosting" || t == "Report" || t == "LiveBlogPosting" ||
           t == "SocialMediaPosting" || t == "WebPage" || t == "Posting";
  };
  if (type.is_string()) return one(type.get<std::string>());
  if (type.is_array()) {
    for (const Json& t : type) {
      if (t.is_string() && one(t.get<std::string>())) return true;
    }
  }
  return false;
}

// Walks a JSON-LD value, filling `meta` from the first article-like object;
// WebPage objects fill only what articles leave empty.
void ReadJsonLd(const Json& j, Meta* meta, int depth) {
  if (depth > 8) return;
  if (j.is_array()) {
    for (const Json& e : j) ReadJsonLd(e, meta, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (j.contains("@graph")) ReadJsonLd(j["@graph"], meta, depth + 1);
  if (!j.contains("@type") || !IsArticleType(j["@type"])) return;
  const bool web_page = j["@type"].is_string() &&
                        j["@type"].get<std::string>() == "WebPage";
  auto str = [&](const char* k) {
    return j.contains(k) ? JsonString(j[k]) : std::string();
  };
  if (!web_page) {
    FirstNonEmpty(&meta->title, str("headline"));
    if (j.contains("author")) FirstNonEmpty(&meta->byline, JsonNames(j["author"]));
    if (j.contains("articleBody") && j["articleBody"].is_string()) {
      const std::string body = j["articleBody"].get<std::string>();
      if (body.size() > meta->json_ld_body.size()) meta->json_ld_body = body;
    }
  }
  FirstNonEmpty(&meta->published, str("datePublished"));
  if (j.contains("publisher")) {
    FirstNonEmpty(&meta->site_name, JsonNames(j["publisher"]));
  }
  FirstNonEmpty(&meta->lang, str("inLanguage"));
}

void ReadMetadata(const HtmlTree& tree, Meta* meta) {
  std::string og_url, canonical, og_site, meta_author, og_desc, desc;
  std::string meta_date, og_locale, html_lang, time_date, itemprop_date;
  std::string itemprop_author, rel_author;
  for (uint32_t i = 1; i < tree.size(); ++i) {
    const HtmlNode& n = tree.node(i);
    switch (n.tag) {
      case Tag::kMeta: {
        std::string key = AsciiLowerCopy(tree.Attr(i, "property"));
        if (key.empty()) key = AsciiLowerCopy(tree.Attr(i, "name"));
        if (key.empty()) key = AsciiLowerCopy(tree.Attr(i, "itemprop"));
        const std::string_view content = tree.Attr(i, "content");
        if (key.empty() || content.empty()) break;
        if (key == "og:title" || key == "twitter:title") {
          FirstNonEmpty(&meta->og_title, content);
        } else if (key == "og:site_name" || key == "application-name") {
          FirstNonEmpty(&og_site, content);
        } else if (key == "og:url") {
          FirstNonEmpty(&og_url, content);
        } else if (key == "author" || key == "article:author" ||
                   key == "byl" || key == "dc.creator" ||
                   key == "parsely-author" || key == "sailthru.author") {
          if (content.find("://") == std::string_view::npos) {
            FirstNonEmpty(&meta_author, content);
          }
        } else if (key == "article:published_time" ||
                   key == "og:published_time" || key == "datepublished" ||
                   key == "pubdate" || key == "publishdate" ||
                   key == "publish-date" || key == "dc.date" ||
                   key == "dc.date.issued" || key == "dcterms.created" ||
                   key == "sailthru.date" || key == "parsely-pub-date" ||
                   key == "date" || key == "article.published" ||
                   key == "originalpublicationdate") {
          FirstNonEmpty(&meta_date, content);
        } else if (key == "og:description" || key == "twitter:description") {
          FirstNonEmpty(&og_desc, content);
        } else if (key == "description") {
          FirstNonEmpty(&desc, content);
        } else if (key == "og:locale") {
          FirstNonEmpty(&og_locale, content);
        }
        break;
      }
      case Tag::kLink: {
        const std::string rel = AsciiLowerCopy(tree.Attr(i, "rel"));
        if (rel == "canonical") FirstNonEmpty(&canonical, tree.Attr(i, "href"));
        break;
      }
      case Tag::kHtml:
        FirstNonEmpty(&html_lang, tree.Attr(i, "lang"));
        if (html_lang.empty()) FirstNonEmpty(&html_lang, tree.Attr(i, "xml:lang"));
        break;
      case Tag::kTitle:
        if (meta->title_tag.empty()) {
          meta->title_tag = Trim(CollapseSpaces(tree.TextContent(i)));
        }
        break;
      case Tag::kH1:
        if (meta->h1.empty()) {
          meta->h1 = Trim(CollapseSpaces(tree.TextContent(i)));
        }
        break;
      case Tag::kTime:
        if (time_date.empty()) FirstNonEmpty(&time_date, tree.Attr(i, "datetime"));
        break;
      case Tag::kScript: {
        if (n.first_child == kNone) break;
        const std::string_view raw = tree.Text(n.first_child);
        Json j = Json::parse(raw.begin(), raw.end(), nullptr,
                             /*allow_exceptions=*/false);
        if (!j.is_discarded()) ReadJsonLd(j, meta, 0);
        break;
      }
      default:
        break;
    }
    if (n.tag != Tag::kText && n.tag != Tag::kMeta) {
      const std::string_view itemprop = tree.Attr(i, "itemprop");
      if (itemprop == "datePublished") {
        std::string_view v = tree.Attr(i, "datetime");
        if (v.empty()) v = tree.Attr(i, "content");
        FirstNonEmpty(&itemprop_date, v);
      } else if (itemprop == "author" && itemprop_author.empty()) {
        const std::string t = Trim(CollapseSpaces(tree.TextContent(i)));
        if (!t.empty() && t.size() < 100) itemprop_author = t;
      }
      if (n.tag == Tag::kA && rel_author.empty() &&
          AsciiLowerCopy(tree.Attr(i, "rel")) == "author") {
        const std::string t = Trim(CollapseSpaces(tree.TextContent(i)));
        if (!t.empty() && t.size() < 100) rel_author = t;
      }
    }
  }
  FirstNonEmpty(&meta->byline, meta_author);
  FirstNonEmpty(&meta->byline, itemprop_author);
  FirstNonEmpty(&meta->byline, rel_author);
  FirstNonEmpty(&meta->published, meta_date);
  FirstNonEmpty(&meta->published, itemprop_date);
  FirstNonEmpty(&meta->published, time_date);
  FirstNonEmpty(&meta->site_name, og_site);
  FirstNonEmpty(&meta->url, canonical);
  FirstNonEmpty(&meta->url, og_url);
  FirstNonEmpty(&meta->description, og_desc);
  FirstNonEmpty(&meta->description, desc);
  FirstNonEmpty(&meta->lang, html_lang);
  FirstNonEmpty(&meta->lang, og_locale);
}

// "Headline | Site" / "Headline - Site": keep the longest part that is not
// the site name, unless an <h1> or og:title says otherwise.
std::string ChooseTitle(const Meta& meta) {
  if (!meta.title.empty()) return CollapseSpaces(meta.title);
  if (!meta.og_title.empty()) return CollapseSpaces(meta.og_title);
  std::string t = meta.title_tag;
  if (!meta.h1.empty() && t.find(meta.h1) != std::string::npos) return meta.h1;
  for (std::string_view sep : kTitleSeparators) {
    const size_t p = t.rfind(sep);
    if (p != std::string::npos && p > 10) {
      t.resize(p);
      break;
    }
  }
  if (t.empty()) t = meta.h1;
  return t;
}

std::string NormaliseLang(std::string_view lang) {
  std::string out;
  for (char c : lang) {
    if (c == '-' || c == '_') break;
    out.push_back(AsciiLower(c));
  }
  if (out.size() != 2 && out.size() != 3) return {};
  return out;
}

std::string NormaliseDate(std::string_view raw) {
  const std::string t = Trim(raw);
  if (t.empty()) return {};
  if (ingest::ParseIsoDateTime(t).has_value()) return t;
  // "2025-11-30 08:15:00" and similar: keep the date part when it parses.
  if (t.size() >= 10 && ingest::ParseIsoDateTime(t.substr(0, 10)).has_value()) {
    return t.substr(0, 10);
  }
  return {};
}

// ---------------------------------------------------------------------------
// Scoring and selection.

int TagPrior(Tag t) {
  switch (t) {
    case Tag::kDiv: case Tag::kArticle: case Tag::kMain: case Tag::kSection:
      return 5;
    case Tag::kPre: case Tag::kTd: case Tag::kBlockquote:
      return 3;
    case Tag::kAddress: case Tag::kOl: case Tag::kUl: case Tag::kDl:
    case Tag::kDd: case Tag::kDt: case Tag::kLi: case Tag::kForm:
      return -3;
    case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kH4: case Tag::kH5:
    case Tag::kH6: case Tag::kTh:
      return -5;
    default:
      return 0;
  }
}

struct Extraction {
  std::vector<Block> blocks;
  size_t chars = 0;
};

Extraction ExtractBody(const HtmlTree& tree, const std::string& title) {
  const size_t n = tree.size();
  // 1. Removed subtrees, decided top-down (parents precede children):
  // tags and hidden elements always; strong furniture names always; weak
  // ones only when the element holds under a fifth of the page's prose.
  std::vector<uint8_t> removed(n, 0);
  std::vector<int8_t> weight(n, 0);
  std::vector<uint8_t> weak(n, 0);
  for (uint32_t i = 1; i < n; ++i) {
    const HtmlNode& node = tree.node(i);
    if (node.tag == Tag::kText) continue;
    if (removed[node.parent]) {
      removed[i] = 1;
      continue;
    }
    if (IsRemovedTag(node.tag) || IsHidden(tree, i)) {
      removed[i] = 1;
      continue;
    }
    const ClassWeight w = WeightOf(tree, i);
    int score = 0;
    if ((w.negative > 0 || w.weak > 0) && w.positive == 0) score = -25;
    if (w.positive > 0 && w.negative == 0 && w.weak == 0) score = 25;
    weight[i] = static_cast<int8_t>(score / 5);
    const bool protected_tag = node.tag == Tag::kBody ||
                               node.tag == Tag::kHtml ||
                               node.tag == Tag::kArticle ||
                               node.tag == Tag::kMain;
    if (IsCommentSection(tree, i)) {
      removed[i] = 1;
    } else if (w.positive == 0 && !protected_tag) {
      if (w.negative > 0) {
        weak[i] = 2;
      } else if (w.weak > 0) {
        weak[i] = 1;
      }
    }
  }
  // 2. Segments of the whole document; prose per subtree decides the weak.
  Segmenter segmenter(tree, removed);
  std::vector<Segment> segs = segmenter.Run(0);
  {
    std::vector<uint32_t> prose(n, 0);
    uint32_t total = 0;
    for (const Segment& s : segs) {
      if (s.chars < 80 || s.link_chars * 2 > s.chars) continue;
      total += s.chars;
      for (uint32_t a = s.owner; a != kNone; a = tree.node(a).parent) {
        prose[a] += s.chars;
      }
    }
    bool changed = false;
    for (uint32_t i = 1; i < n; ++i) {
      if (removed[i] || !weak[i]) continue;
      // Strong names go unless they hold half the prose, weak ones unless
      // they hold a fifth.
      const uint32_t share = weak[i] == 2 ? 2 : 5;
      if (prose[i] * share < total || total == 0) {
        removed[i] = 1;
        changed = true;
        // Its subtree goes with it.
        for (uint32_t j = i + 1; j < n; ++j) {
          uint32_t a = tree.node(j).parent;
          if (a == kNone || (a < i)) break;
          if (removed[a]) removed[j] = 1;
        }
      }
    }
    if (changed) segs = segmenter.Run(0);
  }
  // 3. Subtree text and link totals, and content scores.
  std::vector<float> score(n, 0.f);
  std::vector<uint32_t> text_chars(n, 0), link_chars(n, 0);
  std::vector<uint8_t> scored(n, 0);
  for (const Segment& s : segs) {
    for (uint32_t a = s.owner; a != kNone; a = tree.node(a).parent) {
      text_chars[a] += s.chars;
      link_chars[a] += s.link_chars;
    }
    if (s.chars < 25) continue;
    const float content = 1.f + static_cast<float>(s.commas) +
                          std::min(3.f, std::floor(s.chars / 100.f));
    uint32_t a = s.owner;
    // A segment owned by a paragraph credits the paragraph's container; a
    // segment directly in a div credits that div itself first.
    if (s.owner_tag == Tag::kP || s.owner_tag == Tag::kPre ||
        s.owner_tag == Tag::kTd || IsHeading(s.owner_tag) ||
        s.owner_tag == Tag::kLi || s.owner_tag == Tag::kBlockquote) {
      a = tree.node(a).parent;
    }
    for (int level = 0; a != kNone && a != 0 && level < 5;
         ++level, a = tree.node(a).parent) {
      const float div = level == 0 ? 1.f : level == 1 ? 2.f : level * 3.f;
      score[a] += content / div;
      scored[a] = 1;
    }
  }
  // Elements inside a furniture-named element kept for its prose still
  // score as furniture ("footer-wrap" > "footer-text").
  std::vector<uint8_t> under_negative(n, 0);
  for (uint32_t i = 1; i < n; ++i) {
    const uint32_t p = tree.node(i).parent;
    under_negative[i] = under_negative[p] || weak[p] == 2;
  }
  uint32_t top = kNone;
  float top_score = 0;
  for (uint32_t i = 1; i < n; ++i) {
    if (!scored[i] || removed[i]) continue;
    const Tag t = tree.node(i).tag;
    if (t == Tag::kBody || t == Tag::kHtml) {
      score[i] *= 0.5f;
    }
    score[i] += static_cast<float>(TagPrior(t)) +
                (weight[i] > 0 ? 10.f : weight[i] * 5.f);
    if (under_negative[i]) score[i] -= 25.f;
    const float ld = text_chars[i] ? static_cast<float>(link_chars[i]) /
                                         static_cast<float>(text_chars[i])
                                   : 0.f;
    score[i] *= 1.f - ld;
    if (top == kNone || score[i] > top_score) {
      top = i;
      top_score = score[i];
    }
  }
  // 4. The chosen containers. Articles split into several containers
  // (sections between ads) score as their best part: climb to the ancestor
  // that holds clearly more prose, in more than one paragraph.
  if (top != kNone) {
    std::vector<uint32_t> good(n, 0), good_count(n, 0), teasers(n, 0);
    for (const Segment& s : segs) {
      // Headings that are links announce other articles (teasers).
      if ((IsHeading(s.owner_tag) || s.chars < 150) &&
          s.link_chars * 2 > s.chars && s.chars >= 15) {
        for (uint32_t a = s.owner; a != kNone; a = tree.node(a).parent) {
          teasers[a] += 1;
        }
      }
      if (s.chars < 80 || s.link_chars * 10 > s.chars * 3) continue;
      for (uint32_t a = s.owner; a != kNone; a = tree.node(a).parent) {
        good[a] += s.chars;
        good_count[a] += 1;
      }
    }
    // An <article> (or schema.org articleBody) around the best part bounds
    // the climb: beyond it lie other articles.
    uint32_t ceiling = kNone;
    for (uint32_t a = top; a != kNone && a != 0; a = tree.node(a).parent) {
      if (tree.node(a).tag == Tag::kArticle ||
          tree.Attr(a, "itemprop") == "articleBody") {
        ceiling = a;
        break;
      }
    }
    uint32_t best = top;
    for (uint32_t a = top == ceiling ? kNone : tree.node(top).parent;
         a != kNone && a != 0; a = a == ceiling ? kNone : tree.node(a).parent) {
      const float gain = static_cast<float>(good[a]) - good[best];
      if (gain >= std::max(200.f,
                           0.25f * good[best]) &&
          good_count[a] >= good_count[best] + 2 &&
          teasers[a] <= teasers[best] + 2.f) {
        best = a;
      }
    }
    if (best != top) {
      top = best;
      top_score = score[best];
    }
  }
  std::vector<uint8_t> chosen(n, 0);
  if (top == kNone) {
    chosen[0] = 1;
  } else {
    const uint32_t parent = tree.node(top).parent;
    const float threshold = std::max(10.f, top_score * 0.2f);
    for (uint32_t c = parent == kNone ? top : tree.node(parent).first_child;
         c != kNone; c = tree.node(c).next_sibling) {
      if (removed[c] || tree.node(c).tag == Tag::kText) continue;
      bool take = c == top;
      if (!take && scored[c] && score[c] >= threshold) take = true;
      if (!take && tree.node(c).tag == Tag::kP && text_chars[c] > 0) {
        const float ld = static_cast<float>(link_chars[c]) /
                         static_cast<float>(text_chars[c]);
        if (text_chars[c] > 80 && ld < 0.25f) take = true;
      }
      if (take) chosen[c] = 1;
      if (parent == kNone) break;
    }
  }
  // Propagate choice to descendants, and mark junk containers inside.
  std::vector<uint8_t> inside(n, 0);
  for (uint32_t i = 0; i < n; ++i) {
    const HtmlNode& node = tree.node(i);
    const bool in = chosen[i] || (i > 0 && inside[node.parent]);
    if (!in) continue;
    inside[i] = 1;
    if (node.tag == Tag::kText || chosen[i]) continue;
    const Tag t = node.tag;
    const bool container = t == Tag::kDiv || t == Tag::kSection ||
                           t == Tag::kUl || t == Tag::kOl || t == Tag::kTable ||
                           t == Tag::kDl || t == Tag::kOther;
    if (!container || text_chars[i] == 0) continue;
    const float ld = static_cast<float>(link_chars[i]) /
                     static_cast<float>(text_chars[i]);
    const bool junk =
        ld > 0.5f ||
        (ld > 0.25f && text_chars[i] < 300.f &&
         weight[i] <= 0);
    if (junk) inside[i] = 2;  // dropped with its subtree
  }
  for (uint32_t i = 1; i < n; ++i) {
    if (inside[tree.node(i).parent] == 2) inside[i] = 2;
  }
  // 5. Emit.
  Extraction out;
  const std::string title_low = AsciiLowerCopy(title);
  for (Segment& s : segs) {
    if (!inside[s.owner] || inside[s.owner] == 2) continue;
    if (s.chars > 0 && s.link_chars * 10 > s.chars * 6 && s.chars < 200) {
      continue;  // a link list item or "read more" line
    }
    if (IsFurnitureText(s.text)) continue;
    Block b;
    b.kind = IsHeading(s.owner_tag) ? BlockKind::kHeading
                                    : BlockKind::kParagraph;
    if (b.kind == BlockKind::kHeading && AsciiLowerCopy(s.text) == title_low) {
      continue;
    }
    b.text = std::move(s.text);
    out.chars += s.chars;
    out.blocks.push_back(std::move(b));
  }
  return out;
}

}  // namespace
}  // namespace concord::extract

namespace concord {

WebPage ExtractWebPage(std::string_view html,
                       const WebExtractOptions& options) {
  using namespace extract;
  HtmlParseOptions po;
  po.max_depth = options.max_depth;
  HtmlTree tree = options.parser == WebExtractOptions::Parser::kGumbo
                      ? ParseHtmlWithGumbo(html, po)
                      : ParseHtml(html, po);
  WebPage page;
  if (tree.depth_limited_at() >= 0) {
    page.warnings.push_back(
        "elements nested deeper than " + std::to_string(po.max_depth) +
        " levels from byte " + std::to_string(tree.depth_limited_at()) +
        "; deeper ones were flattened");
  }
  Meta meta;
  ReadMetadata(tree, &meta);
  page.title = ChooseTitle(meta);
  page.byline = CollapseSpaces(meta.byline);
  page.published = NormaliseDate(meta.published);
  page.site_name = CollapseSpaces(meta.site_name);
  page.url = meta.url.empty() ? std::string(options.url) : meta.url;
  page.description = CollapseSpaces(meta.description);
  Extraction body = ExtractBody(tree, page.title);
  tree = HtmlTree();  // the markup's copy is no longer needed
  // JSON-LD articleBody when the DOM found much less.
  const std::string ld_body = Trim(meta.json_ld_body);
  if (!ld_body.empty()) {
    const size_t ld_chars = CountChars(ld_body);
    if (body.chars < ld_chars / 2) {
      body.blocks.clear();
      std::string para;
      for (size_t i = 0; i <= ld_body.size(); ++i) {
        if (i == ld_body.size() || ld_body[i] == '\n') {
          std::string t = Trim(CollapseSpaces(para));
          if (!t.empty()) {
            Block b;
            b.text = std::move(t);
            body.blocks.push_back(std::move(b));
          }
          para.clear();
        } else {
          para.push_back(ld_body[i]);
        }
      }
    }
  }
  uint32_t ordinal = 0;
  for (Block& b : body.blocks) {
    b.line = ++ordinal;
    if (!page.text.empty()) page.text += "\n\n";
    page.text += b.text;
  }
  page.blocks = std::move(body.blocks);
  page.lang = NormaliseLang(meta.lang);
  if (page.lang.empty() && !page.text.empty()) {
    page.lang = text::DetectLanguage(page.text);
  }
  return page;
}

}  // namespace concord
