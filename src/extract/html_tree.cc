// Concord's HTML tokenizer and tree builder.
//
// The idea: extraction needs the element structure and the visible text, not
// a DOM a browser could script. So the tokenizer jumps from '<' to '<' with
// memchr, decodes character references only in text and attribute values,
// never copies the inside of script, style, noscript, iframe and the like
// (it only finds their end tag), and keeps attributes as offsets into one
// character arena. The tree builder keeps a stack of open elements and
// applies the HTML Standard's rules that change which element text lands
// in: void elements, implied end tags (a block start tag closes an open p;
// li closes li; dt/dd, option, table sections, rows and cells close their
// open siblings; a heading closes a heading), end tags that close only what
// is in scope (an inline end tag never closes across a block, a stray end
// tag is ignored), and a second <html>/<body> merging into the first.
// What it does not do (foster parenting, re-opening misnested formatting
// elements) moves inline text by at most a few words; html_tree_test.cc
// holds its visible text equal to gumbo's on the cases it covers.
//
// Cost: one pass; the open-element stack is bounded by max_depth, so the
// scope searches are O(max_depth) at worst per end tag.
#include "src/base/ascii.h"
#include "src/extract/html_tree.h"

#include <gumbo.h>
#include <libxml/HTMLparser.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>

#include "src/ingest/encoding.h"

namespace concord::extract {
namespace {

constexpr const char* kTagNames[] = {
    "#document", "#text", "#other",
    "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base",
    "bdi", "blockquote", "body", "br", "button", "canvas", "caption",
    "center", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "dialog", "div", "dl", "dt", "em", "embed", "fieldset",
    "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe",
    "img", "input", "ins", "kbd", "label", "legend", "li", "link", "main",
    "mark", "marquee", "math", "menu", "meta", "nav", "noembed", "noframes",
    "noscript", "object", "ol", "optgroup", "option", "p", "param",
    "picture", "pre", "q", "s", "samp", "script", "section", "select",
    "small", "source", "span", "strike", "strong", "style", "sub",
    "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea",
    "tfoot", "th", "thead", "time", "title", "tr", "track", "tt", "u", "ul",
    "var", "video", "wbr", "xmp",
};
static_assert(sizeof(kTagNames) / sizeof(kTagNames[0]) ==
              static_cast<size_t>(Tag::kCount));

struct TagSet {
  std::array<bool, static_cast<size_t>(Tag::kCount)> bits{};
  constexpr TagSet(std::initializer_list<Tag> tags) {
    for (Tag t : tags) bits[static_cast<size_t>(t)] = true;
  }
  constexpr bool operator()(Tag t) const {
    return bits[static_cast<size_t>(t)];
  }
};

constexpr TagSet kVoid = {Tag::kArea,  Tag::kBase,  Tag::kBr,    Tag::kCol,
                          Tag::kEmbed, Tag::kHr,    Tag::kImg,   Tag::kInput,
                          Tag::kLink,  Tag::kMeta,  Tag::kParam, Tag::kSource,
                          Tag::kTrack, Tag::kWbr};

// Start tags that close an open <p> (HTML Standard, "in body" insertion).
constexpr TagSet kClosesP = {
    Tag::kAddress, Tag::kArticle,    Tag::kAside,  Tag::kBlockquote,
    Tag::kCenter,  Tag::kDetails,    Tag::kDialog, Tag::kDiv,
    Tag::kDl,      Tag::kFieldset,   Tag::kFigcaption, Tag::kFigure,
    Tag::kFooter,  Tag::kHeader,     Tag::kHgroup, Tag::kMain,
    Tag::kMenu,    Tag::kNav,        Tag::kOl,     Tag::kP,
    Tag::kSection, Tag::kSummary,    Tag::kUl,     Tag::kH1,
    Tag::kH2,      Tag::kH3,         Tag::kH4,     Tag::kH5,
    Tag::kH6,      Tag::kPre,        Tag::kForm,   Tag::kTable,
    Tag::kHr,      Tag::kLi,         Tag::kDd,     Tag::kDt,
    Tag::kXmp};

// Elements that bound "has an element in scope" searches.
constexpr TagSet kScopeBoundary = {
    Tag::kHtml, Tag::kTable, Tag::kTd,       Tag::kTh,
    Tag::kCaption, Tag::kMarquee, Tag::kObject, Tag::kTemplate,
    Tag::kSvg, Tag::kMath};

// Elements an inline end tag may not close across.
constexpr TagSet kBlock = {
    Tag::kAddress, Tag::kArticle, Tag::kAside,   Tag::kBlockquote,
    Tag::kBody,    Tag::kCenter,  Tag::kDd,      Tag::kDetails,
    Tag::kDialog,  Tag::kDiv,     Tag::kDl,      Tag::kDt,
    Tag::kFieldset, Tag::kFigcaption, Tag::kFigure, Tag::kFooter,
    Tag::kForm,    Tag::kH1,      Tag::kH2,      Tag::kH3,
    Tag::kH4,      Tag::kH5,      Tag::kH6,      Tag::kHeader,
    Tag::kHgroup,  Tag::kHtml,    Tag::kLi,      Tag::kMain,
    Tag::kMenu,    Tag::kNav,     Tag::kOl,      Tag::kP,
    Tag::kPre,     Tag::kSection, Tag::kTable,   Tag::kTbody,
    Tag::kTd,      Tag::kTfoot,   Tag::kTh,      Tag::kThead,
    Tag::kTr,      Tag::kUl,      Tag::kCaption, Tag::kTemplate};

// Formatting and phrasing elements whose end tags only close across other
// inline elements.
constexpr TagSet kInline = {
    Tag::kA,    Tag::kAbbr,  Tag::kB,     Tag::kBdi,    Tag::kCite,
    Tag::kCode, Tag::kDel,   Tag::kDfn,   Tag::kEm,     Tag::kFont,
    Tag::kI,    Tag::kIns,   Tag::kKbd,   Tag::kLabel,  Tag::kMark,
    Tag::kQ,    Tag::kS,     Tag::kSamp,  Tag::kSmall,  Tag::kSpan,
    Tag::kStrike, Tag::kStrong, Tag::kSub, Tag::kSup,   Tag::kTime,
    Tag::kTt,   Tag::kU,     Tag::kVar};

// Raw text: contents are skipped up to the matching end tag.
constexpr TagSet kRawText = {Tag::kScript,  Tag::kStyle,    Tag::kXmp,
                             Tag::kIframe,  Tag::kNoembed,  Tag::kNoframes,
                             Tag::kNoscript};
// RCDATA: contents are text with character references.
constexpr TagSet kRcData = {Tag::kTitle, Tag::kTextarea};

inline bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The HTML Standard's remapping of numeric references 0x80-0x9F, which
// pages use for windows-1252 punctuation (&#146; is a right quote).
constexpr uint16_t kWin1252[32] = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
    0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};

uint32_t SanitizeCodePoint(uint64_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0xFFFD;
  }
  if (cp >= 0x80 && cp <= 0x9F) return kWin1252[cp - 0x80];
  return static_cast<uint32_t>(cp);
}

// Decodes one character reference starting at text[i] == '&'. Returns the
// number of bytes consumed (0 when it is not a reference).
size_t DecodeReference(std::string_view text, size_t i, std::string* out) {
  const size_t n = text.size();
  size_t j = i + 1;
  if (j < n && text[j] == '#') {
    ++j;
    const bool hex = j < n && (text[j] == 'x' || text[j] == 'X');
    if (hex) ++j;
    const size_t digits_start = j;
    uint64_t cp = 0;
    while (j < n) {
      const char c = text[j];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (hex && c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (hex && c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        break;
      }
      if (cp <= 0x10FFFF) cp = cp * (hex ? 16 : 10) + d;
      ++j;
    }
    if (j == digits_start) return 0;
    if (j < n && text[j] == ';') ++j;
    ingest::AppendUtf8(SanitizeCodePoint(cp), out);
    return j - i;
  }
  // Named: letters and digits, then ';' (a few legacy names work without).
  char name[33];
  size_t len = 0;
  while (j < n && len < 32 &&
         (IsAsciiAlpha(text[j]) || (text[j] >= '0' && text[j] <= '9'))) {
    name[len++] = text[j++];
  }
  if (len == 0) return 0;
  name[len] = '\0';
  const bool semicolon = j < n && text[j] == ';';
  const std::string_view sv(name, len);
  uint32_t cp = 0;
  if (sv == "apos") {
    cp = '\'';
  } else if (const htmlEntityDesc* d =
                 htmlEntityLookup(reinterpret_cast<const xmlChar*>(name))) {
    cp = d->value;
  }
  if (cp == 0) return 0;
  if (!semicolon && sv != "amp" && sv != "lt" && sv != "gt" && sv != "quot" &&
      sv != "nbsp" && sv != "copy" && sv != "reg") {
    return 0;
  }
  ingest::AppendUtf8(cp, out);
  return j - i + (semicolon ? 1 : 0);
}

}  // namespace

const char* TagName(Tag tag) {
  const size_t i = static_cast<size_t>(tag);
  return i < static_cast<size_t>(Tag::kCount) ? kTagNames[i] : "#other";
}

Tag LookupTag(std::string_view lower_name) {
  static const auto* const kMap = [] {
    auto* m = new std::unordered_map<std::string_view, Tag>();
    for (size_t i = 3; i < static_cast<size_t>(Tag::kCount); ++i) {
      m->emplace(kTagNames[i], static_cast<Tag>(i));
    }
    return m;
  }();
  const auto it = kMap->find(lower_name);
  return it == kMap->end() ? Tag::kOther : it->second;
}

void AppendDecodedHtml(std::string_view text, std::string* out) {
  size_t i = 0;
  while (i < text.size()) {
    const void* amp = std::memchr(text.data() + i, '&', text.size() - i);
    if (amp == nullptr) {
      out->append(text.substr(i));
      return;
    }
    const size_t a = static_cast<const char*>(amp) - text.data();
    out->append(text.substr(i, a - i));
    const size_t used = DecodeReference(text, a, out);
    if (used == 0) {
      out->push_back('&');
      i = a + 1;
    } else {
      i = a + used;
    }
  }
}

std::string_view HtmlTree::Text(uint32_t i) const {
  const HtmlNode& n = nodes_[i];
  if (n.tag != Tag::kText) return {};
  return std::string_view(chars_).substr(n.begin, n.size);
}

std::string_view HtmlTree::Attr(uint32_t i, std::string_view name) const {
  const HtmlNode& n = nodes_[i];
  if (n.tag == Tag::kText || n.tag == Tag::kDocument) return {};
  const std::string_view chars(chars_);
  for (uint32_t k = n.begin; k < n.begin + n.size; ++k) {
    const HtmlAttr& a = attrs_[k];
    if (chars.substr(a.name_begin, a.name_size) == name) {
      return chars.substr(a.value_begin, a.value_size);
    }
  }
  return {};
}

bool HtmlTree::HasAttr(uint32_t i, std::string_view name) const {
  const HtmlNode& n = nodes_[i];
  if (n.tag == Tag::kText || n.tag == Tag::kDocument) return false;
  const std::string_view chars(chars_);
  for (uint32_t k = n.begin; k < n.begin + n.size; ++k) {
    if (chars.substr(attrs_[k].name_begin, attrs_[k].name_size) == name) {
      return true;
    }
  }
  return false;
}

std::vector<std::pair<std::string_view, std::string_view>> HtmlTree::Attrs(
    uint32_t i) const {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  const HtmlNode& n = nodes_[i];
  if (n.tag == Tag::kText || n.tag == Tag::kDocument) return out;
  const std::string_view chars(chars_);
  for (uint32_t k = n.begin; k < n.begin + n.size; ++k) {
    const HtmlAttr& a = attrs_[k];
    out.emplace_back(chars.substr(a.name_begin, a.name_size),
                     chars.substr(a.value_begin, a.value_size));
  }
  return out;
}

std::string HtmlTree::TextContent(uint32_t i) const {
  std::string out;
  if (nodes_[i].tag == Tag::kText) return std::string(Text(i));
  // Iterative pre-order walk of the subtree.
  uint32_t cur = nodes_[i].first_child;
  while (cur != HtmlNode::kNone) {
    const HtmlNode& n = nodes_[cur];
    if (n.tag == Tag::kText) out.append(Text(cur));
    if (n.first_child != HtmlNode::kNone) {
      cur = n.first_child;
      continue;
    }
    while (cur != i && nodes_[cur].next_sibling == HtmlNode::kNone) {
      cur = nodes_[cur].parent;
    }
    if (cur == i) break;
    cur = nodes_[cur].next_sibling;
  }
  return out;
}

// Builds an HtmlTree node by node; used by both parsers.
class HtmlTreeBuilder {
 public:
  explicit HtmlTreeBuilder(const HtmlParseOptions& options)
      : options_(options) {
    tree_.nodes_.push_back(HtmlNode{.tag = Tag::kDocument});
    stack_.push_back(0);
  }

  HtmlTree Finish() { return std::move(tree_); }

  // --- Low-level construction (the gumbo converter uses these directly).
  uint32_t AppendNode(uint32_t parent, Tag tag) {
    const uint32_t id = static_cast<uint32_t>(tree_.nodes_.size());
    HtmlNode n;
    n.tag = tag;
    n.parent = parent;
    tree_.nodes_.push_back(n);
    HtmlNode& p = tree_.nodes_[parent];
    if (p.last_child == HtmlNode::kNone) {
      p.first_child = id;
    } else {
      tree_.nodes_[p.last_child].next_sibling = id;
    }
    p.last_child = id;
    return id;
  }
  void BeginAttrs(uint32_t node) {
    tree_.nodes_[node].begin = static_cast<uint32_t>(tree_.attrs_.size());
  }
  // Adds an attribute to the node most recently passed to BeginAttrs;
  // `name` must already be lower case; `value` is decoded when `raw`.
  void AddAttr(uint32_t node, std::string_view name, std::string_view value,
               bool raw) {
    HtmlAttr a;
    a.name_begin = static_cast<uint32_t>(tree_.chars_.size());
    tree_.chars_.append(name);
    a.name_size = static_cast<uint32_t>(name.size());
    a.value_begin = static_cast<uint32_t>(tree_.chars_.size());
    if (raw) {
      AppendDecodedHtml(value, &tree_.chars_);
    } else {
      tree_.chars_.append(value);
    }
    a.value_size =
        static_cast<uint32_t>(tree_.chars_.size() - a.value_begin);
    tree_.attrs_.push_back(a);
    tree_.nodes_[node].size++;
  }
  // Appends text to `parent`, merging with a text node just before it.
  void AppendText(uint32_t parent, std::string_view text, bool decode) {
    if (text.empty()) return;
    HtmlNode& p = tree_.nodes_[parent];
    uint32_t id = p.last_child;
    const bool merge = id != HtmlNode::kNone &&
                       tree_.nodes_[id].tag == Tag::kText &&
                       tree_.nodes_[id].begin + tree_.nodes_[id].size ==
                           tree_.chars_.size();
    if (!merge) {
      id = AppendNode(parent, Tag::kText);
      tree_.nodes_[id].begin = static_cast<uint32_t>(tree_.chars_.size());
    }
    const size_t before = tree_.chars_.size();
    if (decode) {
      AppendDecodedHtml(text, &tree_.chars_);
    } else {
      tree_.chars_.append(text);
    }
    tree_.nodes_[id].size +=
        static_cast<uint32_t>(tree_.chars_.size() - before);
  }
  std::string_view PeekAttr(uint32_t node, std::string_view name) const {
    return tree_.Attr(node, name);
  }
  void NoteDepthLimit(int64_t offset) {
    if (tree_.depth_limited_at_ < 0) tree_.depth_limited_at_ = offset;
  }

  // --- The fast parser.
  void Parse(std::string_view html);

 private:
  uint32_t Current() const { return stack_.back(); }
  Tag CurrentTag() const { return tree_.nodes_[stack_.back()].tag; }
  // Index in stack_ of the nearest open `tag` within scope, or 0.
  size_t FindInScope(Tag tag, const TagSet& extra_boundary) const {
    for (size_t k = stack_.size() - 1; k > 0; --k) {
      const Tag t = tree_.nodes_[stack_[k]].tag;
      if (t == tag) return k;
      if (kScopeBoundary(t) || extra_boundary(t)) return 0;
    }
    return 0;
  }
  void PopTo(size_t k) { stack_.resize(k); }
  void CloseIfOpen(Tag tag, const TagSet& boundary) {
    if (const size_t k = FindInScope(tag, boundary)) PopTo(k);
  }
  void StartTag(Tag tag, std::string_view name, size_t offset);
  void EndTag(Tag tag, std::string_view name);
  size_t ParseStartTag(std::string_view html, size_t lt);
  size_t SkipRawText(std::string_view html, size_t from, std::string_view name,
                     uint32_t keep_in);

  HtmlParseOptions options_;
  HtmlTree tree_;
  std::vector<uint32_t> stack_;  // open elements; stack_[0] is the document
  uint32_t html_node_ = HtmlNode::kNone;
  uint32_t body_node_ = HtmlNode::kNone;
  uint32_t last_element_ = HtmlNode::kNone;
  std::string name_buf_;
};

void HtmlTreeBuilder::StartTag(Tag tag, std::string_view name, size_t offset) {
  static constexpr TagSet kNone = {};
  static constexpr TagSet kListScope = {Tag::kOl, Tag::kUl};
  static constexpr TagSet kButtonScope = {Tag::kButton};
  if (kClosesP(tag)) CloseIfOpen(Tag::kP, kButtonScope);
  switch (tag) {
    case Tag::kLi:
      CloseIfOpen(Tag::kLi, kListScope);
      break;
    case Tag::kDd:
    case Tag::kDt:
      CloseIfOpen(Tag::kDd, kNone);
      CloseIfOpen(Tag::kDt, kNone);
      break;
    case Tag::kOption:
      if (CurrentTag() == Tag::kOption) stack_.pop_back();
      break;
    case Tag::kOptgroup:
      if (CurrentTag() == Tag::kOption) stack_.pop_back();
      if (CurrentTag() == Tag::kOptgroup) stack_.pop_back();
      break;
    case Tag::kTd:
    case Tag::kTh:
      CloseIfOpen(Tag::kTd, kNone);
      CloseIfOpen(Tag::kTh, kNone);
      break;
    case Tag::kTr:
      if (const size_t k = FindInScope(Tag::kTr, {Tag::kTbody, Tag::kThead,
                                                  Tag::kTfoot})) {
        PopTo(k);
      }
      break;
    case Tag::kTbody:
    case Tag::kThead:
    case Tag::kTfoot:
      for (Tag t : {Tag::kTbody, Tag::kThead, Tag::kTfoot}) {
        CloseIfOpen(t, kNone);
      }
      break;
    case Tag::kA:
      CloseIfOpen(Tag::kA, kBlock);
      break;
    case Tag::kH1:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kH5:
    case Tag::kH6:
      if (IsHeading(CurrentTag())) stack_.pop_back();
      break;
    case Tag::kHtml:
      if (html_node_ != HtmlNode::kNone) {
        last_element_ = HtmlNode::kNone;  // attributes merged: dropped
        return;
      }
      break;
    case Tag::kBody:
      if (body_node_ != HtmlNode::kNone) {
        last_element_ = HtmlNode::kNone;
        return;
      }
      break;
    default:
      break;
  }
  const uint32_t id = AppendNode(Current(), tag);
  if (tag == Tag::kHtml) html_node_ = id;
  if (tag == Tag::kBody) body_node_ = id;
  last_element_ = id;
  if (tag == Tag::kOther) {
    // Keep unknown names (custom elements) visible as a pseudo-attribute.
    BeginAttrs(id);
    AddAttr(id, "#name", name, false);
  }
  if (kVoid(tag)) return;
  if (stack_.size() > options_.max_depth) {
    NoteDepthLimit(static_cast<int64_t>(offset));
    return;  // attached, but its content goes to the current element
  }
  stack_.push_back(id);
}

void HtmlTreeBuilder::EndTag(Tag tag, std::string_view name) {
  if (tag == Tag::kBr) {
    AppendNode(Current(), Tag::kBr);
    return;
  }
  if (tag == Tag::kHtml || tag == Tag::kBody) return;  // closed at EOF
  if (tag == Tag::kOther) {
    // Custom elements: close the nearest open one with this name, within
    // the current block.
    for (size_t k = stack_.size() - 1; k > 0; --k) {
      const uint32_t id = stack_[k];
      const Tag t = tree_.nodes_[id].tag;
      if (t == Tag::kOther && tree_.Attr(id, "#name") == name) {
        PopTo(k);
        return;
      }
      if (kBlock(t) || kScopeBoundary(t)) return;
    }
    return;
  }
  if (kInline(tag)) {
    for (size_t k = stack_.size() - 1; k > 0; --k) {
      const Tag t = tree_.nodes_[stack_[k]].tag;
      if (t == tag) {
        PopTo(k);
        return;
      }
      if (kBlock(t) || kScopeBoundary(t)) return;
    }
    return;
  }
  if (IsHeading(tag)) {
    // Any open heading closes on any heading end tag.
    for (size_t k = stack_.size() - 1; k > 0; --k) {
      const Tag t = tree_.nodes_[stack_[k]].tag;
      if (IsHeading(t)) {
        PopTo(k);
        return;
      }
      if (kScopeBoundary(t)) return;
    }
    return;
  }
  const bool table_part =
      tag == Tag::kTable || tag == Tag::kTd || tag == Tag::kTh ||
      tag == Tag::kTr || tag == Tag::kTbody || tag == Tag::kThead ||
      tag == Tag::kTfoot || tag == Tag::kCaption;
  for (size_t k = stack_.size() - 1; k > 0; --k) {
    const Tag t = tree_.nodes_[stack_[k]].tag;
    if (t == tag) {
      PopTo(k);
      return;
    }
    if (table_part ? t == Tag::kTable || t == Tag::kHtml || t == Tag::kTemplate
                   : kScopeBoundary(t)) {
      return;
    }
  }
}

size_t HtmlTreeBuilder::SkipRawText(std::string_view html, size_t from,
                                    std::string_view name, uint32_t keep_in) {
  // Finds "</name" followed by space, '/' or '>' (ASCII case-insensitive).
  size_t i = from;
  const size_t n = html.size();
  while (i < n) {
    const void* lt = std::memchr(html.data() + i, '<', n - i);
    if (lt == nullptr) break;
    const size_t p = static_cast<const char*>(lt) - html.data();
    if (p + 2 + name.size() <= n && html[p + 1] == '/') {
      bool match = true;
      for (size_t k = 0; k < name.size(); ++k) {
        if (AsciiLower(html[p + 2 + k]) != name[k]) {
          match = false;
          break;
        }
      }
      const size_t after = p + 2 + name.size();
      if (match && (after == n || IsHtmlSpace(html[after]) || html[after] == '/' ||
                    html[after] == '>')) {
        if (keep_in != HtmlNode::kNone) {
          AppendText(keep_in, html.substr(from, p - from),
                     /*decode=*/false);
        }
        const void* gt = std::memchr(html.data() + after, '>', n - after);
        return gt ? static_cast<const char*>(gt) - html.data() + 1 : n;
      }
    }
    i = p + 1;
  }
  if (keep_in != HtmlNode::kNone) {
    AppendText(keep_in, html.substr(from), /*decode=*/false);
  }
  return n;
}

// Parses a start tag at html[lt] == '<' (followed by a letter). Returns the
// offset after it (and after the element's raw text, when it has one).
size_t HtmlTreeBuilder::ParseStartTag(std::string_view html, size_t lt) {
  const size_t n = html.size();
  size_t i = lt + 1;
  name_buf_.clear();
  while (i < n && !IsHtmlSpace(html[i]) && html[i] != '/' && html[i] != '>') {
    name_buf_.push_back(AsciiLower(html[i]));
    ++i;
  }
  const Tag tag = LookupTag(name_buf_);
  StartTag(tag, name_buf_, lt);
  const uint32_t node = last_element_;
  const bool keep_attrs = node != HtmlNode::kNone;
  if (keep_attrs && tag != Tag::kOther) BeginAttrs(node);  // kOther: begun
  bool self_closing = false;
  std::string attr_name;
  while (i < n) {
    while (i < n && (IsHtmlSpace(html[i]) || html[i] == '/')) {
      if (html[i] == '/') self_closing = true;
      ++i;
    }
    if (i >= n) break;
    if (html[i] == '>') {
      ++i;
      break;
    }
    self_closing = false;
    attr_name.clear();
    // An attribute name may start with '=' (spec), then runs to a delimiter.
    attr_name.push_back(AsciiLower(html[i]));
    ++i;
    while (i < n && !IsHtmlSpace(html[i]) && html[i] != '/' && html[i] != '>' &&
           html[i] != '=') {
      attr_name.push_back(AsciiLower(html[i]));
      ++i;
    }
    while (i < n && IsHtmlSpace(html[i])) ++i;
    std::string_view value;
    if (i < n && html[i] == '=') {
      ++i;
      while (i < n && IsHtmlSpace(html[i])) ++i;
      if (i < n && (html[i] == '"' || html[i] == '\'')) {
        const char q = html[i];
        const void* end = std::memchr(html.data() + i + 1, q, n - i - 1);
        const size_t e =
            end ? static_cast<const char*>(end) - html.data() : n;
        value = html.substr(i + 1, e - i - 1);
        i = e < n ? e + 1 : n;
      } else {
        const size_t s = i;
        while (i < n && !IsHtmlSpace(html[i]) && html[i] != '>') ++i;
        value = html.substr(s, i - s);
      }
    }
    if (keep_attrs) AddAttr(node, attr_name, value, /*raw=*/true);
  }
  if (tag == Tag::kOther && self_closing && node != HtmlNode::kNone &&
      Current() == node) {
    stack_.pop_back();  // <custom/> and foreign <path/> close themselves
  }
  if (kRawText(tag) || kRcData(tag)) {
    if (node != HtmlNode::kNone && Current() == node) stack_.pop_back();
    if (kRcData(tag)) {
      // Text with references: collect up to the end tag, then decode.
      const size_t before = tree_.nodes_.size();
      const size_t end = SkipRawText(html, i, name_buf_, node);
      // SkipRawText appended raw text; decode it in place.
      if (node != HtmlNode::kNone && tree_.nodes_.size() > before) {
        HtmlNode& t = tree_.nodes_.back();
        std::string raw = tree_.chars_.substr(t.begin, t.size);
        tree_.chars_.resize(t.begin);
        AppendDecodedHtml(raw, &tree_.chars_);
        t.size = static_cast<uint32_t>(tree_.chars_.size() - t.begin);
      }
      return end;
    }
    uint32_t keep = HtmlNode::kNone;
    if (tag == Tag::kScript && options_.keep_json_ld &&
        node != HtmlNode::kNone) {
      const std::string_view type = tree_.Attr(node, "type");
      if (type.size() >= 19 &&
          std::equal(type.begin(), type.begin() + 19, "application/ld+json",
                     [](char a, char b) { return AsciiLower(a) == b; })) {
        keep = node;
      }
    }
    return SkipRawText(html, i, name_buf_, keep);
  }
  return i;
}

void HtmlTreeBuilder::Parse(std::string_view html) {
  const size_t n = html.size();
  size_t i = 0;
  while (i < n) {
    const void* lt = std::memchr(html.data() + i, '<', n - i);
    const size_t p = lt ? static_cast<const char*>(lt) - html.data() : n;
    if (p > i) AppendText(Current(), html.substr(i, p - i), /*decode=*/true);
    if (p >= n) break;
    const char c = p + 1 < n ? html[p + 1] : '\0';
    if (IsAsciiAlpha(c)) {
      i = ParseStartTag(html, p);
    } else if (c == '/' && p + 2 < n && IsAsciiAlpha(html[p + 2])) {
      size_t j = p + 2;
      name_buf_.clear();
      while (j < n && !IsHtmlSpace(html[j]) && html[j] != '/' && html[j] != '>') {
        name_buf_.push_back(AsciiLower(html[j]));
        ++j;
      }
      EndTag(LookupTag(name_buf_), name_buf_);
      const void* gt = std::memchr(html.data() + j, '>', n - j);
      i = gt ? static_cast<const char*>(gt) - html.data() + 1 : n;
    } else if (c == '!') {
      if (html.substr(p, 4) == "<!--") {
        const size_t end = html.find("-->", p + 4);
        i = end == std::string_view::npos ? n : end + 3;
      } else if (html.substr(p, 9) == "<![CDATA[") {
        const size_t end = html.find("]]>", p + 9);
        const size_t stop = end == std::string_view::npos ? n : end;
        AppendText(Current(), html.substr(p + 9, stop - p - 9), false);
        i = end == std::string_view::npos ? n : end + 3;
      } else {
        const void* gt = std::memchr(html.data() + p, '>', n - p);
        i = gt ? static_cast<const char*>(gt) - html.data() + 1 : n;
      }
    } else if (c == '?' || c == '/') {
      // Bogus comment ("<?xml ...>", "</ >").
      const void* gt = std::memchr(html.data() + p, '>', n - p);
      i = gt ? static_cast<const char*>(gt) - html.data() + 1 : n;
    } else {
      AppendText(Current(), "<", false);
      i = p + 1;
    }
  }
}

HtmlTree ParseHtml(std::string_view html, const HtmlParseOptions& options) {
  HtmlTreeBuilder builder(options);
  builder.Parse(html);
  return builder.Finish();
}

HtmlTree ParseHtmlWithGumbo(std::string_view html,
                            const HtmlParseOptions& options) {
  // Gumbo has no depth limit and its scope searches are linear in the open
  // elements, so a hostile page would cost quadratic time: such pages go to
  // the bounded parser instead.
  {
    HtmlTree probe = ParseHtml(html, options);
    if (probe.depth_limited_at() >= 0) return probe;
  }
  GumboOptions gopts = kGumboDefaultOptions;
  GumboOutput* out = gumbo_parse_with_options(&gopts, html.data(), html.size());
  HtmlTreeBuilder b(options);
  struct Item {
    const GumboNode* node;
    uint32_t parent;
  };
  std::vector<Item> todo;
  todo.push_back({out->document, HtmlNode::kNone});
  std::string name;
  while (!todo.empty()) {
    const Item it = todo.back();
    todo.pop_back();
    const GumboNode* g = it.node;
    const GumboVector* children = nullptr;
    uint32_t id = 0;
    switch (g->type) {
      case GUMBO_NODE_DOCUMENT:
        children = &g->v.document.children;
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE: {
        const GumboElement& e = g->v.element;
        if (e.tag == GUMBO_TAG_UNKNOWN) {
          GumboStringPiece piece = e.original_tag;
          gumbo_tag_from_original_text(&piece);
          name.assign(piece.data, piece.length);
          for (char& c : name) c = AsciiLower(c);
        } else {
          name = gumbo_normalized_tagname(e.tag);
        }
        Tag tag = LookupTag(name);
        if (g->type == GUMBO_NODE_TEMPLATE) tag = Tag::kTemplate;
        id = b.AppendNode(it.parent, tag);
        b.BeginAttrs(id);
        if (tag == Tag::kOther) b.AddAttr(id, "#name", name, false);
        for (unsigned k = 0; k < e.attributes.length; ++k) {
          const auto* a = static_cast<const GumboAttribute*>(
              e.attributes.data[k]);
          name = a->name;
          for (char& c : name) c = AsciiLower(c);
          b.AddAttr(id, name, a->value, false);
        }
        bool keep_text = !kRawText(tag);
        if (tag == Tag::kScript) {
          std::string type(
              std::string_view(b.PeekAttr(id, "type")).substr(0, 19));
          for (char& c : type) c = AsciiLower(c);
          keep_text = options.keep_json_ld && type == "application/ld+json";
        }
        if (keep_text) children = &e.children;
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        b.AppendText(it.parent, g->v.text.text, /*decode=*/false);
        break;
      case GUMBO_NODE_COMMENT:
        break;
    }
    if (children != nullptr) {
      for (unsigned k = children->length; k-- > 0;) {
        todo.push_back({static_cast<const GumboNode*>(children->data[k]), id});
      }
    }
  }
  gumbo_destroy_output(&gopts, out);
  return b.Finish();
}

}  // namespace concord::extract
