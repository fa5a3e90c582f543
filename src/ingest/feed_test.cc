#include "src/ingest/feed.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace concord::ingest {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(ParseFeedTest, Rss2ItemsWithEveryField) {
  const std::string rss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Harbour Gazette</title>
    <atom:link href="https://gazette.example/feed.rss" rel="self"/>
    <link>https://gazette.example/news/</link>
    <item>
      <title>Ferry service resumes</title>
      <link>https://gazette.example/news/ferry</link>
      <description>&lt;p&gt;Ferries run again &amp;amp; on time.&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>The ferry <b>resumed</b> on Monday.</p>]]></content:encoded>
      <pubDate>Sun, 30 Nov 2025 10:15:00 +0200</pubDate>
      <guid isPermaLink="false">gazette-1001</guid>
      <dc:creator>Ana Lima</dc:creator>
    </item>
    <item>
      <title>Relative link</title>
      <link>/news/relative</link>
      <description>Plain summary.</description>
      <pubDate>not a date</pubDate>
      <author>desk@gazette.example (Desk)</author>
    </item>
    <item>
      <guid>https://gazette.example/news/permalink</guid>
      <description>Permalink guid.</description>
      <dc:date>2025-11-29T07:00:00Z</dc:date>
    </item>
  </channel>
</rss>)";
  Result<Feed> feed = ParseFeed(rss, "g.rss");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->kind, "rss");
  EXPECT_EQ(feed->title, "Harbour Gazette");
  EXPECT_EQ(feed->link, "https://gazette.example/news/");
  ASSERT_EQ(feed->items.size(), 3u);
  const FeedItem& a = feed->items[0];
  EXPECT_EQ(a.title, "Ferry service resumes");
  EXPECT_EQ(a.link, "https://gazette.example/news/ferry");
  EXPECT_EQ(a.summary_html, "<p>Ferries run again &amp; on time.</p>");
  EXPECT_EQ(a.content_html, "<p>The ferry <b>resumed</b> on Monday.</p>");
  EXPECT_EQ(a.published, "2025-11-30T10:15:00+02:00");
  EXPECT_EQ(a.guid, "gazette-1001");
  EXPECT_EQ(a.author, "Ana Lima");
  const FeedItem& b = feed->items[1];
  EXPECT_EQ(b.link, "https://gazette.example/news/relative");
  EXPECT_EQ(b.published, "");
  EXPECT_EQ(b.author, "desk@gazette.example (Desk)");
  EXPECT_EQ(b.content_html, "");
  EXPECT_EQ(b.guid, "");
  const FeedItem& c = feed->items[2];
  EXPECT_EQ(c.link, "https://gazette.example/news/permalink");
  EXPECT_EQ(c.published, "2025-11-29T07:00:00Z");
}

TEST(ParseFeedTest, BaseUrlWinsOverTheChannelLink) {
  const std::string rss =
      "<rss><channel><link>https://a.example/</link><item><link>x/1</link>"
      "</item></channel></rss>";
  Result<Feed> feed = ParseFeed(rss, "u", "https://b.example/dir/feed");
  ASSERT_TRUE(feed.ok());
  EXPECT_EQ(feed->items[0].link, "https://b.example/dir/x/1");
}

TEST(ParseFeedTest, Rss1Rdf) {
  const std::string rdf = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://valley.example/">
    <title>Valley Times</title>
    <link>https://valley.example/</link>
  </channel>
  <item rdf:about="https://valley.example/bridge">
    <title>Bridge opens</title>
    <link>https://valley.example/bridge</link>
    <description>The new bridge opened.</description>
    <dc:date>2025-11-28</dc:date>
    <dc:creator>Valley Desk</dc:creator>
  </item>
</rdf:RDF>)";
  Result<Feed> feed = ParseFeed(rdf, "v.rdf");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->kind, "rdf");
  EXPECT_EQ(feed->title, "Valley Times");
  ASSERT_EQ(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].guid, "https://valley.example/bridge");
  EXPECT_EQ(feed->items[0].title, "Bridge opens");
  EXPECT_EQ(feed->items[0].summary_html, "The new bridge opened.");
  EXPECT_EQ(feed->items[0].published, "2025-11-28");
  EXPECT_EQ(feed->items[0].author, "Valley Desk");
}

TEST(ParseFeedTest, AtomEntriesAndContentTypes) {
  const std::string atom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Mountain Post</title>
  <link rel="self" href="https://post.example/atom.xml"/>
  <link href="https://post.example/"/>
  <entry>
    <title>Snow closes pass</title>
    <link rel="enclosure" href="https://post.example/snow.jpg"/>
    <link rel="alternate" type="text/html" href="/2025/snow"/>
    <id>tag:post.example,2025:snow</id>
    <published>2025-11-30T06:00:00-05:00</published>
    <updated>2025-11-30T09:00:00Z</updated>
    <author><name>R. Okafor</name></author>
    <summary type="text">Pass closed &lt;for now&gt; &amp; roads icy</summary>
    <content type="html">&lt;p&gt;Snow &lt;em&gt;closed&lt;/em&gt; the pass.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Updated only</title>
    <link href="https://post.example/2025/thaw"/>
    <id>tag:post.example,2025:thaw</id>
    <updated>2025-12-01T09:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Thaw <b>began</b>.</p></div></content>
  </entry>
  <entry>
    <title>Out of line</title>
    <id>urn:x:3</id>
    <content src="https://post.example/3.html" type="text/html"/>
    <summary>Only a summary.</summary>
  </entry>
</feed>)";
  Result<Feed> feed = ParseFeed(atom, "m.atom");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->kind, "atom");
  EXPECT_EQ(feed->title, "Mountain Post");
  EXPECT_EQ(feed->link, "https://post.example/");
  ASSERT_EQ(feed->items.size(), 3u);
  const FeedItem& a = feed->items[0];
  EXPECT_EQ(a.link, "https://post.example/2025/snow");
  EXPECT_EQ(a.guid, "tag:post.example,2025:snow");
  EXPECT_EQ(a.published, "2025-11-30T06:00:00-05:00");
  EXPECT_EQ(a.author, "R. Okafor");
  EXPECT_EQ(a.summary_html, "Pass closed &lt;for now&gt; &amp; roads icy");
  EXPECT_EQ(a.content_html, "<p>Snow <em>closed</em> the pass.</p>");
  const FeedItem& b = feed->items[1];
  EXPECT_EQ(b.published, "2025-12-01T09:00:00Z");
  EXPECT_EQ(b.content_html, "<p>Thaw <b>began</b>.</p>");
  const FeedItem& c = feed->items[2];
  EXPECT_EQ(c.content_html, "");
  EXPECT_EQ(c.summary_html, "Only a summary.");
  EXPECT_EQ(c.link, "");
}

TEST(ParseFeedTest, NotXmlNamesLineAndColumnAndPrintsNothing) {
  ::testing::internal::CaptureStderr();
  Result<Feed> feed = ParseFeed("this is plain text, not a feed", "a.rss");
  Result<Feed> broken = ParseFeed(
      "<rss>\n<channel>\n<item><title>x</item>\n</channel></rss>", "b.rss");
  const std::string printed = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(printed, "");
  ASSERT_FALSE(feed.ok());
  EXPECT_EQ(feed.status().code(), StatusCode::kBadInput);
  EXPECT_THAT(feed.status().message(),
              StartsWith("a.rss: not a feed: XML error at line 1, column 1: "));
  ASSERT_FALSE(broken.ok());
  EXPECT_THAT(broken.status().message(),
              StartsWith("b.rss: not a feed: XML error at line 3, column "));
  EXPECT_THAT(broken.status().message(), HasSubstr("mismatch"));
}

TEST(ParseFeedTest, XmlThatIsNotAFeed) {
  Result<Feed> feed =
      ParseFeed("<?xml version=\"1.0\"?><html><body/></html>", "page.xml");
  ASSERT_FALSE(feed.ok());
  EXPECT_EQ(feed.status().message(), "page.xml: not a feed: root element <html>");
  Result<Feed> svg = ParseFeed(
      "<s:svg xmlns:s=\"http://www.w3.org/2000/svg\"/>", "pic.xml");
  EXPECT_EQ(svg.status().message(), "pic.xml: not a feed: root element <s:svg>");
  EXPECT_EQ(ParseFeed("  \n", "e.xml").status().message(),
            "e.xml: not a feed: empty document");
}

TEST(ParseFeedTest, ExternalEntitiesAreNotLoaded) {
  const std::string rss =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE rss [<!ENTITY secret SYSTEM \"file:///etc/hostname\">]>\n"
      "<rss><channel><title>t</title><item><title>a&secret;b</title>"
      "<description>d</description></item></channel></rss>";
  ::testing::internal::CaptureStderr();
  Result<Feed> feed = ParseFeed(rss, "x.rss");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  if (feed.ok()) {
    ASSERT_EQ(feed->items.size(), 1u);
    EXPECT_EQ(feed->items[0].title, "ab");
  }
}

TEST(ParseFeedTest, EntityExpansionBombIsStoppedQuickly) {
  std::string dtd = "<!DOCTYPE rss [<!ENTITY a0 \"xxxxxxxxxxxxxxxx\">";
  for (int i = 1; i < 12; ++i) {
    const std::string prev = "&a" + std::to_string(i - 1) + ";";
    std::string value;
    for (int k = 0; k < 10; ++k) value += prev;
    dtd += "<!ENTITY a" + std::to_string(i) + " \"" + value + "\">";
  }
  dtd += "]>";
  const std::string rss = "<?xml version=\"1.0\"?>" + dtd +
                          "<rss><channel><item><description>&a11;"
                          "</description></item></channel></rss>";
  // Expanded in full this would be 1.6 TB: the parser must refuse it or
  // cap it (a hang is caught by the test's ctest timeout, not timed here).
  Result<Feed> feed = ParseFeed(rss, "bomb.rss");
  if (feed.ok()) {
    ASSERT_EQ(feed->items.size(), 1u);
    EXPECT_LT(feed->items[0].summary_html.size(), size_t{100} << 20);
  } else {
    EXPECT_THAT(feed.status().message(), StartsWith("bomb.rss: not a feed: "));
  }
}

TEST(ParseFeedTest, DeclaredLegacyEncodingIsDecoded) {
  const std::string rss =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
      "<rss><channel><title>Caf\xE9</title><item><title>cr\xE8me</title>"
      "<description>x</description></item></channel></rss>";
  Result<Feed> feed = ParseFeed(rss, "l.rss");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "Café");
  EXPECT_EQ(feed->items[0].title, "crème");
}

}  // namespace
}  // namespace concord::ingest
