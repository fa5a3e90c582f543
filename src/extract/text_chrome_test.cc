#include "src/extract/text_chrome.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
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

// The slow path the classifiers once took, kept as the reference for their
// one-pass searches: fold the trimmed line, then find() each pattern.
std::string RefFold(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = s[i];
    if (c == 0xE2 && i + 2 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) == 0x80) {
      const unsigned char d = s[i + 2];
      if (d == 0x98 || d == 0x99 || d == 0x9C || d == 0x9D || d == 0x93 ||
          d == 0x94) {
        out.push_back(d <= 0x94 ? '-' : d <= 0x99 ? '\'' : '"');
        i += 2;
        continue;
      }
    }
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  return out;
}

bool RefContainsAny(std::string_view s,
                    std::initializer_list<std::string_view> patterns) {
  for (std::string_view p : patterns) {
    if (s.find(p) != std::string_view::npos) return true;
  }
  return false;
}

// Lines of 5 words or more are never navigation labels: IsChromeLine() is
// then the promo rule alone.
bool RefIsPromo(std::string_view line) {
  int words = 0;
  bool in_word = false;
  for (char c : line) {
    const bool sp = c == ' ' || c == '\t';
    if (!sp && !in_word) ++words;
    in_word = !sp;
  }
  return words <= 30 &&
         RefContainsAny(RefFold(line),
                        {"to your inbox", "sign up for", "sign up to",
                         "subscribe to our", "subscribe for",
                         "our newsletter", "newsletter sign", "click here",
                         "follow us on", "all rights reserved",
                         "download our app", "download the app",
                         "enable javascript", "cookie policy",
                         "accept cookies", "share on facebook",
                         "share on twitter", "share on x", "get our free",
                         "read our privacy", "unsubscribe at any time",
                         "share this story", "share this article:"});
}

bool RefIsCaption(std::string_view trimmed_line) {
  return RefContainsAny(
      RefFold(trimmed_line),
      {"(file image)", "(file photo)", "(file)", "(ap photo", "(reuters",
       "getty images", "photograph:", "photo:", "image:", "image caption",
       "(photo by", "picture:"});
}

TEST(TextChromeTest, OnePassSearchesMatchFindOnGeneratedLines) {
  const std::vector<std::string> pieces = {
      "the", "Port", "said", "on", "Tuesday", "to your", "inbox", "INBOX",
      "sign", "up", "for", "Sign Up To", "subscribe", "our", "newsletter",
      "click", "here", "follow us", "all rights", "reserved", "download",
      "app", "cookie", "policy", "accept cookies", "share", "on x", "x",
      "facebook", "twitter", "get our", "free", "read our", "privacy",
      "unsubscribe at any", "time", "story", "article:", "(File", "image)",
      "photo)", "(file)", "(AP", "Photo", "(Reuters", "Getty", "Images",
      "GETTY IMAGES", "image", "caption", "Image Caption", "photograph:",
      "Photo:", "Picture:", "(photo by", "\xE2\x80\x99s", "\xE2\x80\x94",
      "\xE2\x80\x9C" "quoted\xE2\x80\x9D", "\xC2\xA0", ",", ".", "(", ":",
      "imag", "ima ge", "images", "\xE2\x80\x98x\xE2\x80\x99", "sh",
      "share\xE2\x80\x99", "get", "Getty\tImages", "getty  images"};
  uint64_t state = 12345;
  auto next = [&state](uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  int promos = 0, captions = 0;
  for (int round = 0; round < 20000; ++round) {
    const int words = 4 + static_cast<int>(next(32));
    std::string line = "Word";
    for (int w = 1; w < words; ++w) {
      const uint64_t sep = next(10);
      line += sep == 0 ? "" : sep == 1 ? "\t" : " ";
      line += pieces[next(pieces.size())];
    }
    line += " end";  // Trim() leaves the line alone
    SCOPED_TRACE(line);
    const bool promo = RefIsPromo(line);
    const bool caption = RefIsCaption(line);
    promos += promo;
    captions += caption;
    ASSERT_EQ(IsChromeLine(line), promo);
    ASSERT_EQ(LooksLikeCaption(line), caption);
  }
  // The generator reaches both answers often.
  EXPECT_GT(promos, 1000);
  EXPECT_GT(captions, 1000);
  EXPECT_LT(promos, 19000);
  EXPECT_LT(captions, 19000);
}

// Caption markers at the very start or end of a line, where the search
// around "(" and ":" bytes has the least room (the generated lines above
// start and end with a plain word).
TEST(TextChromeTest, CaptionMarkersAtLineEnds) {
  const std::pair<const char*, bool> cases[] = {
      {"Photo: Mara Fenn", true},
      {"PICTURE: AP", true},
      {"Photograph: Jon Tasker", true},
      {"Image: Getty", true},
      {"(Reuters) - Dockworkers returned", true},
      {"(FILE) The port at dawn", true},
      {"(photo by Jon Tasker)", true},
      {"(ap photo", true},
      {"The port at dawn. Photo:", true},
      {"Getty Images", true},
      {"image caption", true},
      {"The port at dawn (file)", true},
      {"  Photo: Mara Fenn  ", true},
      {"photo:", true},
      {"Photos: many", false},
      {"Photo : Mara Fenn", false},
      {"(Reuter", false},
      {"Photo", false},
      {"(", false},
      {":", false},
      {"photo (", false},
      {"Getty, Images", false},
      {"imagecaption: none", false},
  };
  for (const auto& [line, want] : cases) {
    SCOPED_TRACE(line);
    EXPECT_EQ(LooksLikeCaption(line), want);
    EXPECT_EQ(RefIsCaption(line), want);
  }
}

// Promo phrases at the very start or end of a line, and next to the line's
// first or last space, where the search around spaces has the least room.
TEST(TextChromeTest, PromoPhrasesAtLineEnds) {
  const std::pair<const char*, bool> cases[] = {
      {"Sign up for", true},
      {"SIGN UP TO", true},
      {"click here", true},
      {"Share on X", true},
      {"x share on x", true},
      {"Follow us on", true},
      {"All rights reserved", true},
      {"all rights reserved.", true},
      {"to your inbox", true},
      {"Delivered to your inbox", true},
      {"Share this article:", true},
      {"signup for", false},
      {"sign  up for", false},
      {"sign\tup for", false},
      {"share on", false},
      {"share on\xE2\x80\x99x", false},
      {"to your inbo", false},
      {"o your inbox", false},
      {"click", false},
      {" ", false},
      {"", false},
  };
  for (const auto& [line, want] : cases) {
    SCOPED_TRACE(line);
    EXPECT_EQ(IsChromeLine(line), want);
    EXPECT_EQ(RefIsPromo(line), want);
  }
}

// ExtractFromText trims each line once and shares word counts and folds
// between its rules; a line that Trim() changes again (white space after a
// leading no-break space) is judged like CreditOf() and LooksLikeHeading()
// judge the trimmed line.
TEST(TextChromeTest, LineTrimmedTwiceIsJudgedLikeTheClassifiers) {
  const std::string credit = "\xC2\xA0 \x0BSource: Valley Wire Service";
  const std::string heading = "\xC2\xA0\x0B Flood Defences Under Strain";
  ArticleContent c = ExtractFromText(
      "The council met on Tuesday to vote on the tram line.\n\n" + credit +
      "\n\n" + heading + "\n\nThe vote was seven to two.\n");
  ASSERT_EQ(c.credits.size(), 1u);
  EXPECT_EQ(c.credits[0], "Valley Wire Service");  // CreditOf(unit)
  ASSERT_EQ(c.blocks.size(), 4u);
  EXPECT_EQ(c.blocks[2].kind, LooksLikeHeading(c.blocks[2].text)
                                  ? BlockKind::kHeading
                                  : BlockKind::kParagraph);
}

// LineSignature() from its contract, a byte at a time.
std::string RefSignature(std::string_view s) {
  std::string out;
  bool pending = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = s[i];
    const bool typographic = c == 0xE2 && i + 2 < s.size() &&
                             static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                             static_cast<unsigned char>(s[i + 2]) <= 0x9F;
    const bool kept = !typographic && ((c >= '0' && c <= '9') ||
                                       (c >= 'a' && c <= 'z') ||
                                       (c >= 'A' && c <= 'Z') || c >= 0x80);
    if (!kept) {
      pending = true;
      if (typographic) i += 2;
      continue;
    }
    if (pending && !out.empty()) out.push_back(' ');
    pending = false;
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  return out;
}

// LineSignature() and LooksLikeCaption() against the references on
// generated lines, by whichever SIMD path SignatureInto() takes.
void ExpectSignaturesMatchReference() {
  const std::vector<std::string> pieces = {
      "a", "Word", "UPPER", "9", " ", "  ", "\t", ",", ".", "-", "(", "'",
      "\xE2\x80\x99", "\xE2\x80\x94", "\xE2\x80\x9C", "\xE2\x80\xA6",
      "\xE2\x80", "\xE2", "\xE2\x82\xAC", "\xC2\xA0", "\xC3\xA9t\xC3\xA9",
      "\x80", "z", "Q1",
      // The bytes next to the letter and digit ranges, and those that OR
      // 0x20 takes next to them ("@" -> "`", "[" -> "{").
      "@", "[", "`", "{", "/", ":", "^_", "~\x7F", "\xFF", "\xC0\xDA"};
  uint64_t state = 7;
  for (int round = 0; round < 20000; ++round) {
    std::string line;
    const int n = static_cast<int>(round % 40);
    for (int k = 0; k < n; ++k) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      line += pieces[(state >> 33) % pieces.size()];
    }
    ASSERT_EQ(LineSignature(line), RefSignature(line)) << line;
  }
  // Long lines, where runs of kept bytes and of separators cross the
  // 64-byte blocks the signature is made in, and "image" (the caption
  // test's trigger) lies across them.
  const std::vector<std::string> long_pieces = {"word",
                                                "Image",
                                                "IMAGE",
                                                "image",
                                                "imag",
                                                "e",
                                                " ",
                                                "  ",
                                                ", ",
                                                ". ",
                                                "---",
                                                "(",
                                                ":",
                                                "\t",
                                                "\xC3\xA9",
                                                "\xFF",
                                                std::string(70, 'x'),
                                                std::string(63, ' '),
                                                std::string(65, ','),
                                                "i",
                                                "g"};
  for (int round = 0; round < 5000; ++round) {
    std::string line;
    const int n = 10 + static_cast<int>(round % 120);
    for (int k = 0; k < n; ++k) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      line += long_pieces[(state >> 33) % long_pieces.size()];
    }
    ASSERT_EQ(LineSignature(line), RefSignature(line)) << line;
    ASSERT_EQ(LooksLikeCaption(line), RefIsCaption(line)) << line;
  }
}

TEST(TextChromeTest, LineSignatureMatchesItsContractOnGeneratedLines) {
  ExpectSignaturesMatchReference();
  EXPECT_EQ(LineSignature("  Skip to Main-Content! "), "skip to main content");
  EXPECT_EQ(LineSignature("\xE2\x80\x9CYes\xE2\x80\x9D \xE2\x80\x94 no"),
            "yes no");
}

// The SSE2 path, on a processor where SignatureInto() would take AVX2 (on
// one without, this repeats the test above).
TEST(TextChromeTest, LineSignatureWithoutAvx2MatchesItsContract) {
  internal::UseAvx2InSignaturesForTest(false);
  ExpectSignaturesMatchReference();
  internal::UseAvx2InSignaturesForTest(true);
}

// ExtractFromText counts a unit's words in the signature's SIMD pass (or,
// for a line with typographic punctuation, as WordCount does): promo lines
// of about kPromoMaxWords words and navigation labels, spaced with tabs
// and runs of blanks, long enough to cross 64-byte blocks, are chrome
// exactly when IsChromeLine() says so.
void ExpectUnitWordCountsAgreeWithIsChromeLine() {
  const std::vector<std::string> seps = {" ", "\t", "  ", " \t ", "\t\t"};
  const std::vector<std::string> words = {
      "word", "newsletters", "x",  "\xE2\x80\x99s", "share",
      "this", "skip",        "to", "main",          "content"};
  uint64_t state = 99;
  auto next = [&state](uint64_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % n;
  };
  int chrome = 0, long_promo = 0;
  for (int round = 0; round < 3000; ++round) {
    // Navigation-sized lines, or lines of 27..33 words with a promo phrase
    // (three of the words) in half of them.
    const bool nav = round % 3 == 0;
    const int n =
        nav ? 1 + static_cast<int>(next(4)) : 27 + static_cast<int>(next(7));
    const int promo_at =
        !nav && next(2) == 0 ? static_cast<int>(next(n - 2)) : -1;
    std::string line;
    for (int w = 0; w < n; ++w) {
      if (w > 0) line += seps[next(seps.size())];
      if (w == promo_at) {
        line += "Sign" + seps[0] + "up" + seps[0] + "for";
        w += 2;
      } else {
        line += words[next(words.size())];
      }
    }
    SCOPED_TRACE(line);
    const ArticleContent c =
        ExtractFromText("Opening paragraph of the story.\n\n" + line +
                        "\n\nClosing paragraph of the story.\n");
    ASSERT_EQ(c.blocks.size(), 3u);
    const bool is_chrome = c.blocks[1].kind == BlockKind::kChrome;
    chrome += is_chrome;
    // A promo phrase in a line too long for a promo.
    long_promo += !is_chrome && promo_at >= 0;
    ASSERT_EQ(is_chrome, IsChromeLine(line));
  }
  EXPECT_GT(chrome, 300);
  EXPECT_GT(long_promo, 100);
}

TEST(TextChromeTest, UnitWordCountsAgreeWithIsChromeLine) {
  ExpectUnitWordCountsAgreeWithIsChromeLine();
  internal::UseAvx2InSignaturesForTest(false);
  ExpectUnitWordCountsAgreeWithIsChromeLine();
  internal::UseAvx2InSignaturesForTest(true);
}

std::vector<BlockKind> Kinds(const ArticleContent& c) {
  std::vector<BlockKind> k;
  for (const Block& b : c.blocks) k.push_back(b.kind);
  return k;
}

// Repeats are found on hashes of the signatures, which take xxHash's AVX2
// accumulator past 240 bytes where the processor has it: a long paragraph
// printed twice in a row, or again later, is found either way, and one
// differing only in case and spacing counts as the same.
TEST(TextChromeTest, LongRepeatedParagraphsAreFoundOnBothPaths) {
  std::string para = "The harbour board met on Tuesday";
  while (para.size() < 600) para += ", and the board met again on Wednesday";
  para += ".";
  std::string shouted = para;
  for (char& ch : shouted) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
    if (ch == ',') ch = ';';
  }
  const std::string text = "Opening paragraph of the story.\n\n" + para + "\n" +
                           para + "\n\nA middle paragraph.\n\n" + shouted +
                           "\n\nClosing paragraph.\n";
  for (bool avx2 : {true, false}) {
    SCOPED_TRACE(avx2 ? "AVX2 allowed" : "SSE2 only");
    internal::UseAvx2InSignaturesForTest(avx2);
    const ArticleContent c = ExtractFromText(text);
    EXPECT_EQ(Kinds(c), (std::vector<BlockKind>{
                            BlockKind::kParagraph, BlockKind::kCaption,
                            BlockKind::kChrome, BlockKind::kParagraph,
                            BlockKind::kChrome, BlockKind::kParagraph}));
  }
  internal::UseAvx2InSignaturesForTest(true);
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

// A very long article grows the per-thread scratch past what is kept; the
// articles after it are read as before.
TEST(TextChromeTest, ArticleAfterAVeryLongOneIsReadAlike) {
  const char* small =
      "Skip to main content\n"
      "Dockworkers in Port Selva ended a two-day strike on Wednesday.\n"
      "The union accepted a 6 percent raise.\n";
  const ArticleContent before = ExtractFromText(small);
  std::string para;
  while (para.size() < (size_t{3} << 20)) para += "The tide rose again. ";
  std::string lines;
  for (int i = 0; i < 70000; ++i) lines += "Line " + std::to_string(i) + ".\n";
  const ArticleContent huge =
      ExtractFromText(para + "\n\n" + lines + "\n" + para + "\n");
  ASSERT_EQ(huge.blocks.size(), 70002u);
  EXPECT_EQ(huge.blocks.front().kind, BlockKind::kParagraph);
  EXPECT_EQ(huge.blocks.back().kind, BlockKind::kChrome);  // a repeat
  const ArticleContent after = ExtractFromText(small);
  EXPECT_EQ(Kinds(after), Kinds(before));
  EXPECT_EQ(after.body, before.body);
}

TEST(TextChromeTest, EmptyAndWhitespaceTextGiveNoBody) {
  EXPECT_TRUE(ExtractFromText("").body.empty());
  EXPECT_TRUE(ExtractFromText("\n\n  \n").blocks.empty());
}

TEST(TitleWithoutSiteTest, CutsTheArticlesOwnSiteNameOnly) {
  struct Case {
    const char* title;
    const char* site;
    const char* want;
  };
  const Case cases[] = {
      {"Harbour reopens after storm | Ellis Gazette", "Ellis Gazette",
       "Harbour reopens after storm"},
      {"Harbour reopens after storm - ELLIS GAZETTE", "Ellis Gazette",
       "Harbour reopens after storm"},  // compared by signature
      {"Harbour reopens after storm \u2014 Ellis Gazette", "Ellis Gazette",
       "Harbour reopens after storm"},
      {"Strike - day two | Ellis Gazette", "Ellis Gazette", "Strike - day two"},
      {"Harbour reopens after storm | Coastal Wire", "Ellis Gazette",
       "Harbour reopens after storm | Coastal Wire"},  // another name
      {"Reuters - Reuters", "Reuters", "Reuters - Reuters"},  // one word left
      {"Harbour reopens after storm", "Ellis Gazette", "Harbour reopens after storm"},
      {"Harbour reopens | Ellis Gazette", "", "Harbour reopens | Ellis Gazette"},
      {"", "Ellis Gazette", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(TitleWithoutSite(c.title, c.site), c.want) << c.title;
  }
}

}  // namespace
}  // namespace concord::extract
