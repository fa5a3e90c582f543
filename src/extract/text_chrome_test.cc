#include "src/extract/text_chrome.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace concord::extract {
namespace {

struct LineCase {
  const char* line;
  bool chrome;
  const char* credit;  // expected CreditOf(), "" for none
  bool heading;
  bool caption;
};

// One row per line: what each classifier must say about it.
const LineCase kLines[] = {
    {"Skip to main content", true, "", false, false},
    {"skip to content", true, "", false, false},
    {"ADVERTISEMENT", true, "", false, false},
    {"Share this article", true, "", false, false},
    {"Sign up for our morning briefing, delivered to your inbox.", true, "",
     false, false},
    {"Get the week\xE2\x80\x99s best stories delivered to your inbox every "
     "Friday.",
     true, "", false, false},
    {"Click here to read the full report", true, "", false, false},
    {"Share this story: Facebook | X | LinkedIn | Email", true, "", false,
     false},
    {"Follow us on social media", true, "", false, false},
    {"\xC2\xA9 2026 Harbor Times. All rights reserved.", true, "", false,
     false},
    {"Credited from: ALJAZEERA", false, "ALJAZEERA", false, false},
    {"Credited from: Riverside Courier", false, "Riverside Courier", false,
     false},
    {"Source: Valley Wire Service", false, "Valley Wire Service", false,
     false},
    {"Courtesy of the Lakeside Gazette", false, "the Lakeside Gazette", false,
     false},
    {"(Reporting by Ana Ruiz; Editing by Tom Hale)", false,
     "Ana Ruiz; Editing by Tom Hale", false, false},
    {"Originally published by the Northern Ledger", false,
     "the Northern Ledger", false, false},
    {"Flood Defences Under Strain", false, "", true, false},
    {"Residents return to damaged homes", false, "", true, false},
    {"The council voted 7-2 to approve the tram line on Tuesday.", false, "",
     false, false},
    {"The mayor said the newsletter would be mailed to residents next week, "
     "along with a map of the new tram stops, the timetable, a fare table "
     "and the names of the contractors who will build the line.",
     false, "", false, false},
    {"Why did the dam fail?", false, "", false, false},
    {"Firefighters on the ridge above Calder Falls (File image)", false, "",
     false, true},
    {"Dockworkers at the east terminal on Monday. Photo: Mara Fenn", false,
     "", false, true},
    {"A crane stands idle (AP Photo/Jon Tasker)", false, "", false, true},
    {"Source of the fire is still unknown, officials said.", false, "", false,
     false},
    {"He said: \"We will rebuild.\"", false, "", false, false},
};

TEST(TextChromeTest, LineClassifiersGoldenTable) {
  for (const LineCase& c : kLines) {
    SCOPED_TRACE(c.line);
    EXPECT_EQ(IsChromeLine(c.line), c.chrome);
    EXPECT_EQ(CreditOf(c.line), c.credit);
    EXPECT_EQ(LooksLikeHeading(c.line), c.heading);
    EXPECT_EQ(LooksLikeCaption(c.line), c.caption);
  }
}

std::vector<BlockKind> Kinds(const ArticleContent& c) {
  std::vector<BlockKind> k;
  for (const Block& b : c.blocks) k.push_back(b.kind);
  return k;
}

TEST(TextChromeTest, ScrapedPageWithChromeCaptionAndHeading) {
  const char* text =
      "Skip to main content\n"
      "\n"
      "Tram line approved after late-night vote\n"
      "\n"
      "Councillors in the chamber on Tuesday (File image)\n"
      "Councillors in the chamber on Tuesday (File image)\n"
      "\n"
      "Brennick city council approved the Eastside tram line by seven votes "
      "to two.\n"
      "\n"
      "Construction starts in March\n"
      "\n"
      "Work on the 9-kilometre line will begin in March, the council said.\n";
  ArticleContent c = ExtractFromText(text);
  EXPECT_EQ(c.headline, "Tram line approved after late-night vote");
  EXPECT_EQ(Kinds(c),
            (std::vector<BlockKind>{BlockKind::kChrome, BlockKind::kHeadline,
                                    BlockKind::kCaption, BlockKind::kChrome,
                                    BlockKind::kParagraph, BlockKind::kHeading,
                                    BlockKind::kParagraph}));
  EXPECT_EQ(c.body,
            "Brennick city council approved the Eastside tram line by seven "
            "votes to two.\n\nWork on the 9-kilometre line will begin in "
            "March, the council said.");
  EXPECT_EQ(c.blocks[4].line, 8u);
}

TEST(TextChromeTest, PromoBlockWithItsHeaderIsDropped) {
  const char* text =
      "Port workers walked out at dawn on Monday, halting traffic.\n"
      "Get daily business news\n"
      "Get the day\xE2\x80\x99s top business headlines, delivered to your "
      "inbox once a day.\n"
      "The union said the strike would last 48 hours.\n";
  ArticleContent c = ExtractFromText(text);
  EXPECT_EQ(c.headline, "");
  EXPECT_EQ(Kinds(c),
            (std::vector<BlockKind>{BlockKind::kParagraph, BlockKind::kChrome,
                                    BlockKind::kChrome,
                                    BlockKind::kParagraph}));
  EXPECT_EQ(c.body.find("inbox"), std::string::npos);
}

TEST(TextChromeTest, CreditLineIsLiftedIntoMetadata) {
  const char* text =
      "Credited from: HARBOR TIMES\n"
      "Dockworkers in Port Selva ended a two-day strike on Wednesday.\n"
      "The union accepted a 6 percent raise.\n";
  ArticleContent c = ExtractFromText(text);
  ASSERT_EQ(c.credits.size(), 1u);
  EXPECT_EQ(c.credits[0], "HARBOR TIMES");
  EXPECT_EQ(c.headline, "");
  EXPECT_EQ(c.body.find("Credited"), std::string::npos);
}

TEST(TextChromeTest, HardWrappedTextIsRejoinedNotTakenForHeadings) {
  const char* text =
      "Wildfire forces evacuation of two hill villages\n"
      "\n"
      "Crews battled a wildfire that crossed the ridge above Calder Falls\n"
      "on Sunday night, forcing about 600 residents of two villages to\n"
      "leave their homes, the regional fire service said.\n"
      "\n"
      "The fire had burned 1,400 hectares by Monday morning and was 10\n"
      "percent contained, officials said at a briefing in the town hall.\n";
  ArticleContent c = ExtractFromText(text);
  EXPECT_EQ(c.headline, "Wildfire forces evacuation of two hill villages");
  ASSERT_EQ(c.blocks.size(), 3u);
  EXPECT_EQ(c.blocks[1].kind, BlockKind::kParagraph);
  EXPECT_EQ(c.blocks[2].kind, BlockKind::kParagraph);
  EXPECT_NE(c.body.find("forcing about 600 residents of two villages to leave"),
            std::string::npos);
}

TEST(TextChromeTest, KnownTitleRepeatedOnFirstLineIsHeadline) {
  TextExtractOptions options;
  options.known_title = "Satellite reaches orbit";
  ArticleContent c = ExtractFromText(
      "Satellite Reaches Orbit\nThe Kestrel-2 satellite reached orbit on "
      "Friday.\nIt will map coastal erosion.\n",
      options);
  EXPECT_EQ(c.blocks[0].kind, BlockKind::kHeadline);
  EXPECT_EQ(c.headline, "Satellite Reaches Orbit");
  EXPECT_EQ(c.body,
            "The Kestrel-2 satellite reached orbit on Friday.\n\nIt will map "
            "coastal erosion.");
}

TEST(TextChromeTest, EmptyAndWhitespaceTextGiveNoBody) {
  EXPECT_TRUE(ExtractFromText("").body.empty());
  EXPECT_TRUE(ExtractFromText("\n\n  \n").blocks.empty());
}

}  // namespace
}  // namespace concord::extract
