#include "src/extract/html_tree.h"

#include <gtest/gtest.h>

#include <string>

namespace concord::extract {
namespace {

// Visible text of the document with white space collapsed, and the tags
// in document order ("p>a>#" style is overkill: a flat list is enough to see
// where text landed).
std::string Visible(const HtmlTree& t) {
  std::string raw = t.TextContent(0);
  std::string out;
  bool space = false;
  for (char c : raw) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Path of tag names from the document to the text node holding `needle`.
std::string PathTo(const HtmlTree& t, std::string_view needle) {
  for (uint32_t i = 0; i < t.size(); ++i) {
    if (t.node(i).tag != Tag::kText ||
        t.Text(i).find(needle) == std::string_view::npos) {
      continue;
    }
    std::string path;
    for (uint32_t a = t.node(i).parent; a != 0; a = t.node(a).parent) {
      path = std::string(TagName(t.node(a).tag)) + (path.empty() ? "" : ">") +
             path;
    }
    return path;
  }
  return "(not found)";
}

TEST(HtmlTreeTest, DecodesCharacterReferences) {
  struct Row {
    const char* in;
    const char* out;
  } rows[] = {
      {"a &amp; b", "a & b"},
      {"&lt;p&gt;", "<p>"},
      {"caf&eacute;", "caf\xC3\xA9"},
      {"&#233;t&#xE9;", "\xC3\xA9t\xC3\xA9"},
      {"it&#146;s", "it\xE2\x80\x99s"},          // windows-1252 remap
      {"&ldquo;Yes&rdquo;", "\xE2\x80\x9CYes\xE2\x80\x9D"},
      {"&nbsp;", "\xC2\xA0"},
      {"&apos;", "'"},
      {"AT&T", "AT&T"},                          // not a reference
      {"&unknown;", "&unknown;"},
      {"&#0;", "\xEF\xBF\xBD"},                   // NUL -> U+FFFD
      {"&#xD800;", "\xEF\xBF\xBD"},               // surrogate
      {"&#99999999999;", "\xEF\xBF\xBD"},         // out of range
      {"&amp", "&"},                             // legacy, no semicolon
      {"&copy 2025", "\xC2\xA9 2025"},
      {"&euro;5", "\xE2\x82\xAC" "5"},
      {"a&", "a&"},
      {"&#", "&#"},
  };
  for (const Row& r : rows) {
    std::string out;
    AppendDecodedHtml(r.in, &out);
    EXPECT_EQ(out, r.out) << r.in;
  }
}

TEST(HtmlTreeTest, ImpliedEndTagsPutTextWhereBrowsersDo) {
  const HtmlTree t = ParseHtml(
      "<body><p>one<p>two<div>three</div><ul><li>four<li>five</ul>"
      "<table><tr><td>six<td>seven<tr><td>eight</table>"
      "<h2>nine<h3>ten</h3>");
  EXPECT_EQ(PathTo(t, "one"), "body>p");
  EXPECT_EQ(PathTo(t, "two"), "body>p");
  EXPECT_EQ(PathTo(t, "three"), "body>div");  // div closed the second p
  EXPECT_EQ(PathTo(t, "five"), "body>ul>li");
  EXPECT_EQ(PathTo(t, "seven"), "body>table>tr>td");
  EXPECT_EQ(PathTo(t, "eight"), "body>table>tr>td");
  EXPECT_EQ(PathTo(t, "ten"), "body>h3");
}

TEST(HtmlTreeTest, InlineEndTagDoesNotCloseABlock) {
  const HtmlTree t = ParseHtml("<div><b>bold<p>para</b> still</p>after</div>");
  EXPECT_EQ(PathTo(t, "still"), "div>b>p");
  EXPECT_EQ(PathTo(t, "after"), "div>b");
  const HtmlTree u = ParseHtml("<div><p>x</span>y</p>z</div>");
  EXPECT_EQ(PathTo(u, "y"), "div>p");  // stray </span> ignored
  EXPECT_EQ(PathTo(u, "z"), "div");
}

TEST(HtmlTreeTest, RawTextElementsHideTheirContent) {
  const HtmlTree t = ParseHtml(
      "<p>a<script>if (x < 1) document.write('</div><p>no');</script>b"
      "<style>p{}</style><noscript><p>fallback</p></noscript>"
      "<title>T &amp; U</title><textarea>x&lt;y</textarea>c</p>");
  EXPECT_EQ(Visible(t), "abT & Ux<yc");
  EXPECT_EQ(PathTo(t, "b"), "p");
}

TEST(HtmlTreeTest, KeepsJsonLdScriptText) {
  const HtmlTree t = ParseHtml(
      "<script type=\"application/ld+json\">{\"headline\":\"A &amp; B\"}"
      "</script><script>var x;</script>");
  ASSERT_GE(t.size(), 3u);
  EXPECT_EQ(t.TextContent(1), "{\"headline\":\"A &amp; B\"}");  // raw
  EXPECT_EQ(t.TextContent(3), "");
}

TEST(HtmlTreeTest, ParsesAttributesInAllForms) {
  const HtmlTree t = ParseHtml(
      "<DIV Class=\"a b\" id='x' data-n=3 hidden title=\"&quot;q&quot;\" "
      "empty=\"\"/>text");
  const uint32_t div = 1;
  ASSERT_EQ(t.node(div).tag, Tag::kDiv);
  EXPECT_EQ(t.Attr(div, "class"), "a b");
  EXPECT_EQ(t.Attr(div, "id"), "x");
  EXPECT_EQ(t.Attr(div, "data-n"), "3");
  EXPECT_TRUE(t.HasAttr(div, "hidden"));
  EXPECT_EQ(t.Attr(div, "title"), "\"q\"");
  EXPECT_TRUE(t.HasAttr(div, "empty"));
  EXPECT_FALSE(t.HasAttr(div, "missing"));
  // "<div/>" is not self-closing in HTML: the text is inside.
  EXPECT_EQ(PathTo(t, "text"), "div");
}

TEST(HtmlTreeTest, CommentsAndOddMarkupAreNotText) {
  const HtmlTree t = ParseHtml(
      "<!DOCTYPE html><?xml version=\"1.0\"?><!-- <p>hidden</p> -->"
      "<p>a < b</p><![CDATA[c]]><p>unterminated <!-- comment");
  EXPECT_EQ(Visible(t), "a < bcunterminated");
}

TEST(HtmlTreeTest, CustomElementsCloseByName) {
  const HtmlTree t =
      ParseHtml("<div><x-card><p>in</p></x-card><p>out</p></div>");
  EXPECT_EQ(PathTo(t, "in"), "div>#other>p");
  EXPECT_EQ(PathTo(t, "out"), "div>p");
}

TEST(HtmlTreeTest, SecondBodyMergesIntoTheFirst) {
  const HtmlTree t = ParseHtml("<html><body><p>a</p><body><p>b</p></html>");
  EXPECT_EQ(PathTo(t, "b"), "html>body>p");
}

TEST(HtmlTreeTest, DeepNestingIsBoundedAndLinear) {
  // 100,000 nested divs: the parser flattens past max_depth and reports
  // where. Every scope search is then bounded by max_depth, so the cost is
  // linear in the input (no timing is asserted here: unit tests are not
  // benchmarks; bench/extract_bench times a hostile 50 MB page).
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "deep";
  for (int i = 0; i < 100000; ++i) html += "</div>";
  html += "<p>after</p>";
  const HtmlTree t = ParseHtml(html);
  EXPECT_GE(t.depth_limited_at(), 0);
  EXPECT_EQ(t.depth_limited_at(), 512 * 5);  // the 513th <div>
  EXPECT_NE(PathTo(t, "deep"), "(not found)");
  EXPECT_NE(PathTo(t, "after"), "(not found)");
  // The gumbo path hands such pages to the bounded parser.
  const HtmlTree g = ParseHtmlWithGumbo(html);
  EXPECT_GE(g.depth_limited_at(), 0);
}

// The fast parser and gumbo agree on the visible text of ordinary pages.
TEST(HtmlTreeTest, VisibleTextMatchesGumbo) {
  const char* pages[] = {
      "<!doctype html><html lang=en><head><title>Harbour reopens</title>"
      "<meta charset=utf-8><style>body{}</style></head><body>"
      "<nav><a href=/>Home</a> | <a href=/news>News</a></nav>"
      "<article><h1>Harbour reopens after storm</h1>"
      "<p>The harbour at Port Ellis reopened on Tuesday, three days after "
      "the storm.<p>Ferries resumed at noon, said harbourmaster Ines Dale."
      "<ul><li>Route A<li>Route B</ul><table><tr><td>Mon<td>09:00</table>"
      "</article><footer>&copy; 2025 Ellis Gazette</footer></body></html>",
      "<div class=wrap><p>Café owners &amp; bakers met on "
      "<b>Friday</b> &mdash; again.</p><img src=a.png alt=x><br>"
      "<span>Tail text</span></div>",
      "<p>One<p>Two<blockquote>Three</blockquote><pre>  four\n five</pre>",
  };
  for (const char* p : pages) {
    EXPECT_EQ(Visible(ParseHtml(p)), Visible(ParseHtmlWithGumbo(p))) << p;
  }
}

TEST(HtmlTreeTest, AnyBytesGiveATree) {
  // Truncated tags, lone brackets, invalid UTF-8: never a crash.
  const char* inputs[] = {"<", "</", "<a", "<a href=\"x", "<!--", "<!", "&#x",
                          "<p\xFF\xFE>", "<script>", "<title>x", "</p></p>",
                          "<table><td>", "\0\0<p>"};
  for (const char* in : inputs) {
    const HtmlTree t = ParseHtml(in);
    EXPECT_GE(t.size(), 1u) << in;
  }
}

}  // namespace
}  // namespace concord::extract
