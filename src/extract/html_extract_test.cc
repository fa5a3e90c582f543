// Behaviour of ExtractWebPage on invented pages, one behaviour per test.
#include <gtest/gtest.h>

#include <string>

#include "concord/web.h"

namespace concord {
namespace {

// An invented news page with the usual furniture around the article.
std::string Page(const std::string& head, const std::string& article,
                 const std::string& around = "") {
  return "<!doctype html><html lang=\"en-GB\"><head>" + head +
         "</head><body><header class=\"site-header\"><a href=/>Ellis "
         "Gazette</a><nav><a href=/news>News</a><a href=/sport>Sport</a>"
         "</nav></header><div class=\"layout\"><main>" +
         article + "</main>" + around +
         "<aside class=\"sidebar\"><h3>Most read</h3><ul><li><a href=/1>Town "
         "hall clock stops again</a></li><li><a href=/2>Ferry fares to "
         "rise in spring</a></li></ul></aside></div><footer>Ellis Gazette "
         "&copy; 2025. All rights reserved.</footer></body></html>";
}

const char kBody[] =
    "<article><h1>Harbour reopens after storm</h1>"
    "<div class=\"share-bar\"><a href=#>Share</a><a href=#>Tweet</a></div>"
    "<p>The harbour at Port Ellis reopened on Tuesday, three days after the "
    "storm that sank two fishing boats and closed the coast road.</p>"
    "<figure><img src=a.jpg><figcaption>Boats return to the harbour. "
    "Photo: Ines Dale</figcaption></figure>"
    "<p>Ferries to the islands resumed at noon, the harbourmaster said, "
    "although the northern pier will stay shut until its lights are "
    "repaired.</p>"
    "<h2>Repairs</h2>"
    "<p>The council has set aside 240,000 euros for repairs, and work on "
    "the sea wall is due to start next month, weather permitting.</p>"
    "<div class=\"related-articles\"><h4>Related</h4><a href=/3>Storm "
    "closes coast road</a></div>"
    "</article>";

TEST(WebExtractTest, BodyIsTheArticleWithoutFurniture) {
  const WebPage p = ExtractWebPage(Page("<title>Harbour reopens after storm | "
                                        "Ellis Gazette</title>",
                                        kBody));
  ASSERT_EQ(p.blocks.size(), 4u) << p.text;
  EXPECT_EQ(p.blocks[0].kind, BlockKind::kParagraph);
  EXPECT_NE(p.blocks[0].text.find("The harbour at Port Ellis"),
            std::string::npos);
  EXPECT_EQ(p.blocks[2].kind, BlockKind::kHeading);
  EXPECT_EQ(p.blocks[2].text, "Repairs");
  for (const char* junk : {"Share", "Tweet", "Photo: Ines Dale", "Related",
                           "Storm closes", "Most read", "All rights",
                           "Sport"}) {
    EXPECT_EQ(p.text.find(junk), std::string::npos) << junk;
  }
  EXPECT_EQ(p.title, "Harbour reopens after storm");  // site suffix cut
  EXPECT_EQ(p.lang, "en");
}

TEST(WebExtractTest, MetadataFromJsonLdAndMetaTags) {
  const std::string head =
      "<meta property=\"og:site_name\" content=\"Ellis Gazette\">"
      "<link rel=\"canonical\" href=\"https://gazette.example/harbour\">"
      "<script type=\"application/ld+json\">{\"@context\":\"https://"
      "schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"EG\"},"
      "{\"@type\":\"NewsArticle\",\"headline\":\"Harbour reopens\","
      "\"datePublished\":\"2025-11-30T08:15:00Z\",\"author\":[{\"@type\":"
      "\"Person\",\"name\":\"Ines Dale\"},{\"name\":\"Tom Orr\"}]}]}"
      "</script>";
  const WebPage p = ExtractWebPage(Page(head, kBody), {.url = "https://x/"});
  EXPECT_EQ(p.title, "Harbour reopens");
  EXPECT_EQ(p.byline, "Ines Dale, Tom Orr");
  EXPECT_EQ(p.published, "2025-11-30T08:15:00Z");
  EXPECT_EQ(p.site_name, "Ellis Gazette");
  EXPECT_EQ(p.url, "https://gazette.example/harbour");
}

TEST(WebExtractTest, MetadataFallsBackToMetaNamesAndTime) {
  const std::string head =
      "<meta name=\"author\" content=\"Ines Dale\">"
      "<meta property=\"og:title\" content=\"Harbour reopens (updated)\">";
  const std::string body =
      std::string("<time datetime=\"2025-11-30\">Sunday</time>") + kBody;
  const WebPage p = ExtractWebPage(Page(head, body), {.url = "https://x/a"});
  EXPECT_EQ(p.byline, "Ines Dale");
  EXPECT_EQ(p.published, "2025-11-30");
  EXPECT_EQ(p.title, "Harbour reopens (updated)");
  EXPECT_EQ(p.url, "https://x/a");  // no canonical: the URL given
}

TEST(WebExtractTest, UnparseableDateIsLeftEmpty) {
  const WebPage p = ExtractWebPage(
      Page("<meta property=\"article:published_time\" content=\"soon\">",
           kBody));
  EXPECT_EQ(p.published, "");
}

TEST(WebExtractTest, HiddenAndCommentsAreNotBody) {
  const std::string body =
      std::string(kBody) +
      "<div style=\"display: none\"><p>A hidden paragraph that is long "
      "enough to count as prose if it were shown to anyone at all.</p></div>"
      "<section id=\"comments\"><p>Reader one wrote a long comment about "
      "the harbour, the storm, the council and the ferries, at length.</p>"
      "</section>";
  const WebPage p = ExtractWebPage(Page("", body));
  EXPECT_EQ(p.text.find("hidden paragraph"), std::string::npos);
  EXPECT_EQ(p.text.find("Reader one"), std::string::npos);
  EXPECT_NE(p.text.find("sea wall"), std::string::npos);
}

TEST(WebExtractTest, ArticleSplitAroundAdsIsKeptWhole) {
  std::string body = "<div class=\"story\">";
  for (int part = 0; part < 4; ++part) {
    body += "<section class=\"story-part\"><div class=\"col\">";
    for (int k = 0; k < 2; ++k) {
      body += "<p>Part " + std::to_string(part) + " paragraph " +
              std::to_string(k) +
              ": the council, the harbourmaster and the ferry company met "
              "again on Wednesday to agree on the repair schedule.</p>";
    }
    body += "</div></section><div class=\"ad-slot\">Advertisement</div>";
  }
  body += "</div>";
  const WebPage p = ExtractWebPage(Page("", body));
  EXPECT_EQ(p.blocks.size(), 8u) << p.text;
  EXPECT_EQ(p.text.find("Advertisement"), std::string::npos);
}

TEST(WebExtractTest, OtherArticlesBeyondTheArticleElementStayOut) {
  const std::string more =
      "<div class=\"more-news\"><article><h2><a href=/9>Bakery wins "
      "prize</a></h2><p>The bakery on Quay Street won the regional prize "
      "for its rye bread, its third award in five years, on Saturday.</p>"
      "</article><article><h2><a href=/8>School roof fixed</a></h2><p>The "
      "primary school's roof, damaged in the spring gales, has been fixed "
      "in time for the new term, the head teacher said.</p></article></div>";
  const WebPage p = ExtractWebPage(Page("", kBody, more));
  EXPECT_EQ(p.text.find("bakery"), std::string::npos) << p.text;
  EXPECT_NE(p.text.find("sea wall"), std::string::npos);
}

TEST(WebExtractTest, TextLaidOutWithLineBreaks) {
  const std::string body =
      "<div class=\"txt\">The harbour reopened on Tuesday, three days after "
      "the storm, the council said.<br><br>Ferries resumed at noon, and the "
      "northern pier will stay shut until its lights are repaired.<br>A "
      "second line of the same paragraph.</div>";
  const WebPage p = ExtractWebPage(Page("", body));
  ASSERT_EQ(p.blocks.size(), 2u) << p.text;
  EXPECT_NE(p.blocks[1].text.find("repaired.\nA second"), std::string::npos);
}

TEST(WebExtractTest, JsonLdArticleBodyWhenTheDomHasNone) {
  const std::string head =
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
      "\"headline\":\"Harbour reopens\",\"articleBody\":\"The harbour "
      "reopened on Tuesday.\\nFerries resumed at noon.\"}</script>";
  const WebPage p =
      ExtractWebPage(Page(head, "<div id=\"app\">Loading...</div>"));
  ASSERT_EQ(p.blocks.size(), 2u) << p.text;
  EXPECT_EQ(p.blocks[0].text, "The harbour reopened on Tuesday.");
}

TEST(WebExtractTest, LanguageDetectedWhenMarkupIsSilent) {
  const std::string body =
      "<article><p>Le port de Port Ellis a rouvert mardi, trois jours après "
      "la tempête qui a coulé deux bateaux de pêche et fermé la route "
      "côtière.</p><p>Les ferries vers les îles ont repris à midi, a "
      "indiqué la capitainerie, mais la jetée nord restera fermée.</p>"
      "</article>";
  const WebPage p =
      ExtractWebPage("<html><body>" + body + "</body></html>");
  EXPECT_EQ(p.lang, "fr");
}

TEST(WebExtractTest, GumboParserGivesTheSameArticle) {
  const std::string page = Page("<title>Harbour reopens</title>", kBody);
  const WebPage fast = ExtractWebPage(page);
  WebExtractOptions options;
  options.parser = WebExtractOptions::Parser::kGumbo;
  const WebPage gumbo = ExtractWebPage(page, options);
  EXPECT_EQ(fast.text, gumbo.text);
  EXPECT_EQ(fast.title, gumbo.title);
}

TEST(WebExtractTest, DeepNestingIsAWarningNotAFailure) {
  std::string page = "<html><body><article><p>The harbour reopened on "
                     "Tuesday, three days after the storm, said the "
                     "council.</p>";
  for (int i = 0; i < 100000; ++i) page += "<div>";
  page += "x";
  const WebPage p = ExtractWebPage(page);
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_NE(p.warnings[0].find("nested deeper than 512"), std::string::npos);
  EXPECT_NE(p.text.find("harbour reopened"), std::string::npos);
}

TEST(WebExtractTest, EmptyAndNonHtmlInputGiveAnEmptyPage) {
  EXPECT_TRUE(ExtractWebPage("").text.empty());
  EXPECT_TRUE(ExtractWebPage("<html></html>").blocks.empty());
  const WebPage p = ExtractWebPage("just some text, no markup at all");
  EXPECT_EQ(p.text, "just some text, no markup at all");
}

}  // namespace
}  // namespace concord
