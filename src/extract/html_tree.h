// HtmlTree: a web page parsed into a compact element tree, for extraction.
//
// Two parsers build the same tree:
//
//   * ParseHtml (the default) is Concord's own single-pass tokenizer and tree
//     builder. It follows the HTML Standard where extraction can tell the
//     difference (void elements, raw-text and RCDATA elements, comments,
//     character references including the windows-1252 remapping of &#128;-
//     &#159;, the implied end tags of p, li, dt/dd, table parts, option and
//     headings, end tags that only close what is in scope) and skips what
//     it cannot (foster parenting of text misplaced in tables, the adoption
//     agency's re-opening of misnested formatting elements). It is ~10x
//     faster than a conforming parser because it never copies script or
//     style contents and keeps only attribute offsets.
//   * ParseHtmlWithGumbo runs Google's gumbo (a conforming HTML5 parser) and
//     converts its output. It is the reference: html_tree_test.cc checks
//     that both trees give the same visible text on hand-written pages, and
//     bench/extract_bench compares their extraction quality and speed.
//
// Nesting is bounded (options.max_depth): deeper elements are attached flat
// to the element at the limit and `depth_limited` reports the first byte
// where that happened, so a hostile page costs linear time and memory.
//
// Ownership: the tree owns copies of every string it holds (decoded text and
// attribute values live in one character arena); it does not refer to the
// input after parsing. Nodes are addressed by index; index 0 is the document.
//
// Thread safety: a tree is immutable after parsing; parse calls are
// reentrant. Cost: O(input) time; memory about the input's visible text plus
// 32 bytes per node and 16 per attribute.
#ifndef CONCORD_EXTRACT_HTML_TREE_H_
#define CONCORD_EXTRACT_HTML_TREE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "concord/status.h"

namespace concord::extract {

// Elements extraction cares about; everything else is kOther (its name is
// kept as an attribute-like string only for debugging).
enum class Tag : uint8_t {
  kDocument,
  kText,
  kOther,
  kA, kAbbr, kAddress, kArea, kArticle, kAside, kAudio, kB, kBase, kBdi,
  kBlockquote, kBody, kBr, kButton, kCanvas, kCaption, kCenter, kCite, kCode,
  kCol, kColgroup, kDd, kDel, kDetails, kDfn, kDialog, kDiv, kDl, kDt, kEm,
  kEmbed, kFieldset, kFigcaption, kFigure, kFont, kFooter, kForm, kH1, kH2,
  kH3, kH4, kH5, kH6, kHead, kHeader, kHgroup, kHr, kHtml, kI, kIframe,
  kImg, kInput, kIns, kKbd, kLabel, kLegend, kLi, kLink, kMain, kMark,
  kMarquee, kMath, kMenu, kMeta, kNav, kNoembed, kNoframes, kNoscript,
  kObject, kOl, kOptgroup, kOption, kP, kParam, kPicture, kPre, kQ, kS,
  kSamp, kScript, kSection, kSelect, kSmall, kSource, kSpan, kStrike,
  kStrong, kStyle, kSub, kSummary, kSup, kSvg, kTable, kTbody, kTd,
  kTemplate, kTextarea, kTfoot, kTh, kThead, kTime, kTitle, kTr, kTrack,
  kTt, kU, kUl, kVar, kVideo, kWbr, kXmp,
  kCount,
};

const char* TagName(Tag tag);
// Lower-case ASCII name to tag (kOther when unknown).
Tag LookupTag(std::string_view lower_name);

inline bool IsHeading(Tag t) { return t >= Tag::kH1 && t <= Tag::kH6; }

struct HtmlNode {
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  Tag tag = Tag::kOther;
  uint32_t parent = kNone;
  uint32_t first_child = kNone;
  uint32_t last_child = kNone;
  uint32_t next_sibling = kNone;
  // Text nodes: the decoded text, chars()[begin, begin + size).
  // Elements: their attributes, attrs()[begin, begin + size).
  uint32_t begin = 0;
  uint32_t size = 0;
};

struct HtmlAttr {
  uint32_t name_begin, name_size;    // lower-case name, in chars()
  uint32_t value_begin, value_size;  // decoded value, in chars()
};

class HtmlTree {
 public:
  const std::vector<HtmlNode>& nodes() const { return nodes_; }
  const HtmlNode& node(uint32_t i) const { return nodes_[i]; }
  size_t size() const { return nodes_.size(); }

  // Text of a text node (empty for elements). Valid while the tree lives.
  std::string_view Text(uint32_t i) const;
  // Value of attribute `name` (lower-case) of element i; empty when absent.
  std::string_view Attr(uint32_t i, std::string_view name) const;
  bool HasAttr(uint32_t i, std::string_view name) const;
  // All attributes of element i as (name, value) views.
  std::vector<std::pair<std::string_view, std::string_view>> Attrs(
      uint32_t i) const;

  // Concatenated text of the subtree, whitespace as in the source; scripts
  // and styles hold no text in the tree, so they contribute nothing.
  std::string TextContent(uint32_t i) const;

  // Byte offset in the input where nesting first exceeded max_depth, or -1.
  int64_t depth_limited_at() const { return depth_limited_at_; }

 private:
  friend class HtmlTreeBuilder;
  std::vector<HtmlNode> nodes_;
  std::vector<HtmlAttr> attrs_;
  std::string chars_;
  int64_t depth_limited_at_ = -1;
};

struct HtmlParseOptions {
  // Elements deeper than this are attached flat (see the file comment).
  uint32_t max_depth = 512;
  // Keep the text of <script type="application/ld+json"> (JSON-LD metadata)
  // as a text child; other scripts never hold text.
  bool keep_json_ld = true;
};

// Parses UTF-8 markup. Never fails: any byte sequence gives a tree.
HtmlTree ParseHtml(std::string_view html, const HtmlParseOptions& options = {});

// The same tree built by gumbo (slower; the conformance reference).
HtmlTree ParseHtmlWithGumbo(std::string_view html,
                            const HtmlParseOptions& options = {});

// Appends `text` to `out` with character references decoded (named ones
// from the HTML 4 set plus &apos;, numeric ones with the windows-1252
// remapping; an unknown reference stays as written).
void AppendDecodedHtml(std::string_view text, std::string* out);

}  // namespace concord::extract

#endif  // CONCORD_EXTRACT_HTML_TREE_H_
