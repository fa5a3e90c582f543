#include "src/ingest/encoding.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace concord::ingest {
namespace {

using namespace std::string_literals;
constexpr size_t kNpos = std::string_view::npos;

// UTF-16 code units as bytes, little- or big-endian.
std::string Utf16Bytes(std::u16string_view units, bool little_endian) {
  std::string out;
  for (char16_t u : units) {
    const char lo = static_cast<char>(u & 0xFF);
    const char hi = static_cast<char>(u >> 8);
    out += little_endian ? std::string{lo, hi} : std::string{hi, lo};
  }
  return out;
}

std::string Utf32LeBytes(std::u32string_view units) {
  std::string out;
  for (char32_t u : units) {
    for (int shift = 0; shift < 32; shift += 8) {
      out.push_back(static_cast<char>((u >> shift) & 0xFF));
    }
  }
  return out;
}

struct Utf8Case {
  const char* label;
  std::string bytes;
  size_t expected;
};

TEST(FindInvalidUtf8Test, GoldenTable) {
  const Utf8Case cases[] = {
      {"empty", "", kNpos},
      {"ascii", "Markets rallied on Tuesday.", kNpos},
      {"two-byte", "caf\xC3\xA9", kNpos},
      {"three-byte", "\xE2\x82\xAC 5", kNpos},
      {"four-byte emoji", "ok \xF0\x9F\x98\x80", kNpos},
      {"max code point", "\xF4\x8F\xBF\xBF", kNpos},
      {"last before surrogates", "\xED\x9F\xBF", kNpos},
      {"first after surrogates", "\xEE\x80\x80", kNpos},
      {"long ascii then bad", std::string(37, 'a') + "\xFF", 37},
      {"stray continuation", "ab\x80", 2},
      {"overlong C0", "\xC0\xAF", 0},
      {"overlong C1", "x\xC1\xBF", 1},
      {"overlong three-byte", "\xE0\x80\xAF", 0},
      {"overlong four-byte", "\xF0\x8F\xBF\xBF", 0},
      {"surrogate D800", "a\xED\xA0\x80", 1},
      {"surrogate DFFF", "\xED\xBF\xBF", 0},
      {"above U+10FFFF", "\xF4\x90\x80\x80", 0},
      {"F5 lead", "\xF5\x80\x80\x80", 0},
      {"FF byte", "abc\xFF", 3},
      {"truncated two-byte at end", "abc\xC3", 3},
      {"truncated three-byte at end", "\xE2\x82", 0},
      {"truncated four-byte at end", "ok \xF0\x9F\x98", 3},
      {"interrupted by ascii",
       "\xE2\x82"
       "A",
       0},
      {"valid then invalid", "\xC3\xA9\xC3", 2},
  };
  for (const Utf8Case& c : cases) {
    EXPECT_EQ(FindInvalidUtf8(c.bytes), c.expected) << c.label;
  }
}

// The slow reference: decode each sequence by its lead byte's declared
// length, then apply the rules one by one.
size_t ReferenceFindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    uint32_t cp = 0;
    if (lead < 0x80) {
      len = 1;
      cp = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      len = 2;
      cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      len = 3;
      cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      len = 4;
      cp = lead & 0x07;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (c & 0x3F);
    }
    const uint32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[len] || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

TEST(FindInvalidUtf8Test, AgreesWithSlowReferenceOnRandomInput) {
  // Bytes drawn mostly from the interesting ranges, so that valid and
  // nearly-valid sequences are common.
  const unsigned char kPool[] = {'a',  ' ',  0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE,
                                 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF};
  std::mt19937 rng(20251123);
  std::uniform_int_distribution<size_t> pick(0, sizeof(kPool) - 1);
  std::uniform_int_distribution<size_t> length(0, 24);
  for (int trial = 0; trial < 200000; ++trial) {
    std::string s(length(rng), '\0');
    for (char& c : s) c = static_cast<char>(kPool[pick(rng)]);
    ASSERT_EQ(FindInvalidUtf8(s), ReferenceFindInvalidUtf8(s))
        << "trial " << trial;
  }
}

TEST(NormalizeLineEndingsTest, CrLfAndLoneCrBecomeLf) {
  std::string text = "a\r\nb\rc\n\r\nd\r";
  NormalizeLineEndings(&text);
  EXPECT_EQ(text, "a\nb\nc\n\nd\n");
}

TEST(DecodeToUtf8Test, ValidUtf8PassesThroughWithLineEndingsNormalised) {
  Result<std::string> out =
      DecodeToUtf8("Z\xC3\xBCrich\r\nline two\rend", "a.txt");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "Z\xC3\xBCrich\nline two\nend");
}

TEST(DecodeToUtf8Test, Utf8BomIsDropped) {
  Result<std::string> out = DecodeToUtf8("\xEF\xBB\xBFHello", "a.txt");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "Hello");
}

TEST(DecodeToUtf8Test, Latin1IsDetectedAndConverted) {
  const std::string latin1 =
      "Der B\xFCrgermeister von M\xFCnchen er\xF6"
      "ffnete am Montag die neue "
      "Br\xFC"
      "cke \xFC"
      "ber die Isar. Die Bauarbeiten dauerten drei Jahre.\n";
  Result<std::string> out = DecodeToUtf8(latin1, "muenchen.txt");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out,
            "Der Bürgermeister von München eröffnete am Montag die neue "
            "Brücke über die Isar. Die Bauarbeiten dauerten drei Jahre.\n");
}

TEST(DecodeToUtf8Test, Windows1252IsDetectedAndConverted) {
  // Curly quotes, en dash and apostrophe live in 0x80-0x9F, where
  // windows-1252 differs from Latin-1.
  const std::string cp1252 =
      "Le pr\xE9sident a d\xE9"
      "clar\xE9 \xAB nous ne reculerons pas \xBB \x96 "
      "c\x92"
      "est la fin, a-t-il ajout\xE9.\r\n";
  Result<std::string> out = DecodeToUtf8(cp1252, "paris.txt");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out,
            "Le président a déclaré « nous ne reculerons pas » – "
            "c’est la fin, a-t-il ajouté.\n");
}

TEST(DecodeToUtf8Test, EnglishWindows1252QuotesAreConverted) {
  const std::string cp1252 =
      "The minister said \x93we will not back down\x94 \x96 and the crowd "
      "cheered. It\x92s over, he added\x85\n";
  Result<std::string> out = DecodeToUtf8(cp1252, "speech.txt");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out,
            "The minister said “we will not back down” – and the crowd "
            "cheered. It’s over, he added…\n");
}

TEST(DecodeToUtf8Test, Utf16LeWithBom) {
  const std::u16string text = u"Tokyo \u6771\u4EAC \U0001F5FE\r\nline 2";
  Result<std::string> out =
      DecodeToUtf8("\xFF\xFE"s + Utf16Bytes(text, true), "tokyo.txt");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "Tokyo 東京 🗾\nline 2");
}

TEST(DecodeToUtf8Test, Utf16BeWithBom) {
  Result<std::string> out =
      DecodeToUtf8("\xFE\xFF"s + Utf16Bytes(u"Caf\u00E9", false), "b.txt");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "Café");
}

TEST(DecodeToUtf8Test, Utf32LeWithBom) {
  Result<std::string> out = DecodeToUtf8(
      "\xFF\xFE\x00\x00"s + Utf32LeBytes(U"Oslo \U0001F600"), "c.txt");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "Oslo 😀");
}

TEST(DecodeToUtf8Test, Utf16LeWithoutBomIsRecognised) {
  Result<std::string> out = DecodeToUtf8(
      Utf16Bytes(u"Floods closed the main road on Friday.\n", true), "d.txt");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "Floods closed the main road on Friday.\n");
}

TEST(DecodeToUtf8Test, Utf16WithUnpairedSurrogateNamesTheByte) {
  // BOM, 'a', then a lone high surrogate at byte 4, then 'b'.
  Result<std::string> out =
      DecodeToUtf8("\xFF\xFE"s + Utf16Bytes(u"a", true) + "\x00\xD8"s +
                       Utf16Bytes(u"b", true),
                   "e.txt");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kBadInput);
  EXPECT_EQ(out.status().message(), "e.txt: invalid UTF-16LE at byte 4");
}

TEST(DecodeToUtf8Test, LongInputsCrossConversionChunks) {
  // Thousands of surrogate pairs, so some straddle ICU's buffer boundary.
  std::u16string utf16;
  std::string expected;
  for (int i = 0; i < 9000; ++i) {
    utf16 += u"a\U0001F600";
    expected += "a😀";
  }
  Result<std::string> out =
      DecodeToUtf8("\xFF\xFE"s + Utf16Bytes(utf16, true), "long16.txt");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, expected);

  std::string latin1;
  std::string latin1_expected;
  for (int i = 0; i < 4000; ++i) {
    latin1 +=
        "Les \xE9l\xE8ves du lyc\xE9"
        "e ont manifest\xE9 devant la mairie. ";
    latin1_expected += "Les élèves du lycée ont manifesté devant la mairie. ";
  }
  out = DecodeToUtf8(latin1, "long-latin1.txt");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, latin1_expected);
}

TEST(DecodeToUtf8Test, NeverThrowsOrCrashesOnRandomBytes) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<size_t> length(1, 300);
  for (int trial = 0; trial < 3000; ++trial) {
    std::string s(length(rng), '\0');
    for (char& c : s) c = static_cast<char>(byte(rng));
    if (trial % 3 == 0) s = "\xFF\xFE" + s;  // exercise the UTF-16 path
    Result<std::string> out = DecodeToUtf8(s, "random.bin");
    if (out.ok()) {
      EXPECT_EQ(FindInvalidUtf8(*out), std::string_view::npos);
      EXPECT_EQ(out->find('\r'), std::string::npos);
    } else {
      EXPECT_EQ(out.status().code(), StatusCode::kBadInput);
    }
  }
}

TEST(DecodeToUtf8Test, EmptyFile) {
  Result<std::string> out = DecodeToUtf8("", "empty.txt");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kBadInput);
  EXPECT_EQ(out.status().message(), "empty.txt: empty file");
  EXPECT_EQ(DecodeToUtf8("\xEF\xBB\xBF", "bom.txt").status().message(),
            "bom.txt: empty file");
}

TEST(DecodeToUtf8Test, NulByteMeansBinary) {
  Result<std::string> out =
      DecodeToUtf8("\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR"s, "photo.txt");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kBadInput);
  EXPECT_EQ(out.status().message(),
            "photo.txt: binary data (NUL byte at offset 8)");
}

TEST(DecodeToUtf8Test, NulFarIntoTheFileIsStillBinary) {
  const std::string bytes = std::string(10000, 'a') + '\0' + "tail";
  EXPECT_EQ(DecodeToUtf8(bytes, "f.txt").status().message(),
            "f.txt: binary data (NUL byte at offset 10000)");
}

TEST(DecodeToUtf8Test, ManyControlBytesMeanBinary) {
  Result<std::string> out = DecodeToUtf8(
      "ab\x01\x02\x03\x04"
      "cdef",
      "g.bin");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(),
            "g.bin: binary data (control byte 0x01 at offset 2; 4 of the "
            "first 10 bytes are control bytes)");
}

TEST(DecodeToUtf8Test, AFewControlBytesAreTolerated) {
  const std::string text = "Breaking\x1B[0m: storms " + std::string(60, '.');
  EXPECT_TRUE(DecodeToUtf8(text, "h.txt").ok());
}

TEST(DecodeToUtf8Test, DamagedUtf8IsReportedNotReinterpreted) {
  // Two good multi-byte characters, then a broken one at byte 17 (line 3):
  // this is UTF-8 with an error, not Latin-1.
  const std::string bytes =
      "caf\xC3\xA9\n"          // bytes 0-5
      "na\xC3\xAFve\n"         // bytes 6-12
      "bad \xC3(sequence)\n";  // line 3 starts at 13; 0xC3 at 17
  Result<std::string> out = DecodeToUtf8(bytes, "notes.txt");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kBadInput);
  EXPECT_EQ(out.status().message(),
            "notes.txt: invalid UTF-8 at byte 17 (line 3)");
}

TEST(DecodeToUtf8Test, StrayHighBytesAreNotAConfidentGuess) {
  // uchardet calls this windows-1252, which would give "strike€" and "À¯":
  // the macron is not a character of prose, so the guess is refused.
  const std::string bytes =
      "Port strike\x80 ends\nDock workers \xC0\xAF returned.\n";
  Result<std::string> out = DecodeToUtf8(bytes, "bad.txt");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(),
            "bad.txt: invalid UTF-8 at byte 11 (line 1)");
}

TEST(DecodeToUtf8Test, DetectionOffReportsInvalidUtf8WithLine) {
  // CRLF and a lone CR each end one line.
  const std::string bytes = "one\r\ntwo\rthree caf\xE9\n";
  Result<std::string> out =
      DecodeToUtf8(bytes, "latin.txt", {.allow_detection = false});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(),
            "latin.txt: invalid UTF-8 at byte 18 (line 3)");
}

TEST(DecodeToUtf8Test, InvalidUtf8AfterUtf8BomIsNotGuessed) {
  Result<std::string> out = DecodeToUtf8(
      "\xEF\xBB\xBF"
      "caf\xE9",
      "i.txt");
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(), "i.txt: invalid UTF-8 at byte 6 (line 1)");
}

// ---- HTML pages ------------------------------------------------------------

struct HtmlRow {
  const char* name;
  std::string bytes;
  const char* http_content_type;
  const char* charset;  // expected HtmlCharset::name
  const char* source;   // expected CharsetSourceName
  std::string text;     // expected output
};

TEST(DecodeHtmlToUtf8Test, GoldenTable) {
  const std::string kFarPadding(5000, ' ');
  const HtmlRow kRows[] = {
      {"plain ascii", "<p>Harbour opens</p>", "", "UTF-8", "utf-8",
       "<p>Harbour opens</p>"},
      {"valid utf-8 without declaration", "<p>Z\xC3\xBCrich</p>", "", "UTF-8",
       "utf-8", "<p>Zürich</p>"},
      {"utf-8 bom beats meta",
       "\xEF\xBB\xBF<meta charset=windows-1252><p>caf\xC3\xA9", "", "UTF-8",
       "bom", "<meta charset=windows-1252><p>café"},
      {"utf-16le bom", "\xFF\xFE" + Utf16Bytes(u"<p>\u00E9t\u00E9</p>", true),
       "text/html; charset=iso-8859-1", "UTF-16LE", "bom", "<p>été</p>"},
      {"http charset beats meta", "<meta charset=koi8-r><p>caf\xC3\xA9",
       "text/html; charset=UTF-8", "UTF-8", "http",
       "<meta charset=koi8-r><p>café"},
      {"iso-8859-1 label means windows-1252", "<p>\x93" "caf\xE9\x94</p>",
       "text/html; charset=ISO-8859-1", "windows-1252", "http",
       "<p>“café”</p>"},
      {"quoted us-ascii label means windows-1252", "<p>it\x92s</p>",
       "text/html;charset=\"us-ascii\"", "windows-1252", "http",
       "<p>it’s</p>"},
      {"unknown http label falls through to meta",
       "<meta charset=\"windows-1252\"><p>caf\xE9", "text/html; charset=bogus",
       "windows-1252", "meta", "<meta charset=\"windows-1252\"><p>café"},
      {"meta charset", "<head><meta charset=windows-1252><p>na\xEFve", "",
       "windows-1252", "meta", "<head><meta charset=windows-1252><p>naïve"},
      {"meta http-equiv content-type",
       "<meta http-equiv=\"Content-Type\" content=\"text/html; "
       "charset=iso-8859-2\"><p>\xB9koda",
       "", "ISO-8859-2", "meta",
       "<meta http-equiv=\"Content-Type\" content=\"text/html; "
       "charset=iso-8859-2\"><p>škoda"},
      {"content without http-equiv is ignored",
       "<meta content=\"text/html; charset=koi8-r\"><p>ok", "", "UTF-8",
       "utf-8", "<meta content=\"text/html; charset=koi8-r\"><p>ok"},
      {"upper-case meta and label", "<META CHARSET='KOI8-R'><p>\xF0\xD2\xC9\xD7\xC5\xD4",
       "", "KOI8-R", "meta", "<META CHARSET='KOI8-R'><p>Привет"},
      {"meta in a comment is ignored",
       "<!-- <meta charset=koi8-r> --><p>plain", "", "UTF-8", "utf-8",
       "<!-- <meta charset=koi8-r> --><p>plain"},
      {"meta inside another tag's attribute is ignored",
       "<div title='<meta charset=koi8-r>'>x</div>", "", "UTF-8", "utf-8",
       "<div title='<meta charset=koi8-r>'>x</div>"},
      {"utf-16 in meta means utf-8", "<meta charset=utf-16><p>ok", "", "UTF-8",
       "meta", "<meta charset=utf-16><p>ok"},
      {"gb2312 label means GBK", "<meta charset=gb2312><p>\xD6\xD0\xCE\xC4",
       "", "GBK", "meta", "<meta charset=gb2312><p>中文"},
      {"shift_jis", "<p>\x93\xFA\x96\x7B</p>", "text/html; charset=Shift_JIS",
       "Shift_JIS", "http", "<p>日本</p>"},
      {"meta after 4 KiB is not seen", kFarPadding + "<meta charset=koi8-r>ok",
       "", "UTF-8", "utf-8", kFarPadding + "<meta charset=koi8-r>ok"},
      {"declared utf-8 with a bad byte", "<p>caf\xE9 ok</p>",
       "text/html; charset=utf-8", "UTF-8", "http", "<p>caf\uFFFD ok</p>"},
      {"truncated sequence is one replacement", "<p>\xE2\x82</p>",
       "text/html; charset=utf-8", "UTF-8", "http", "<p>\uFFFD</p>"},
      {"overlong lead is one replacement per byte", "<p>\xF0\x80\x80</p>",
       "text/html; charset=utf-8", "UTF-8", "http",
       "<p>\uFFFD\uFFFD\uFFFD</p>"},
      {"windows-1252 0x81 is U+0081, as in the Encoding Standard",
       "<p>a\x81z</p>", "text/html; charset=windows-1252", "windows-1252",
       "http", "<p>a\u0081z</p>"},
      {"ill-formed shift_jis pair", "<p>\x81\x20z</p>",
       "text/html; charset=shift_jis", "Shift_JIS", "http", "<p>\uFFFD z</p>"},
      {"nul becomes a replacement", "<p>a"s + '\0' + "b</p>", "", "UTF-8",
       "utf-8", "<p>a\uFFFDb</p>"},
      {"xml declaration for xhtml",
       "<?xml version=\"1.0\" encoding='ISO-8859-1'?><html><p>\xE9t\xE9",
       "", "windows-1252", "xml",
       "<?xml version=\"1.0\" encoding='ISO-8859-1'?><html><p>été"},
      {"meta beats the xml declaration",
       "<?xml version=\"1.0\" encoding=\"koi8-r\"?><meta charset=utf-8><p>ok",
       "", "UTF-8", "meta",
       "<?xml version=\"1.0\" encoding=\"koi8-r\"?><meta charset=utf-8><p>ok"},
      {"line endings normalised", "<p>a\r\nb\rc</p>", "", "UTF-8", "utf-8",
       "<p>a\nb\nc</p>"},
      {"http label wins even when wrong", "<p>caf\xC3\xA9</p>",
       "text/html; charset=latin1", "windows-1252", "http", "<p>cafÃ©</p>"},
  };
  for (const HtmlRow& row : kRows) {
    HtmlCharset used;
    const std::string out =
        DecodeHtmlToUtf8(row.bytes, row.http_content_type, &used);
    EXPECT_EQ(out, row.text) << row.name;
    EXPECT_EQ(used.name, row.charset) << row.name;
    EXPECT_STREQ(CharsetSourceName(used.source), row.source) << row.name;
    EXPECT_EQ(FindInvalidUtf8(out), kNpos) << row.name;
  }
}

TEST(DecodeHtmlToUtf8Test, UndeclaredWindows1252IsDetectedOrDefaulted) {
  const std::string page =
      "<html><body><p>Le pr\xE9sident a d\xE9" "clar\xE9 \xAB nous ne "
      "reculerons pas \xBB \x96 c\x92" "est la fin, a-t-il ajout\xE9.</p>"
      "</body></html>";
  HtmlCharset used;
  const std::string out = DecodeHtmlToUtf8(page, "", &used);
  EXPECT_EQ(out,
            "<html><body><p>Le président a déclaré « nous ne reculerons pas » "
            "– c’est la fin, a-t-il ajouté.</p></body></html>");
  EXPECT_TRUE(used.source == CharsetSource::kDetected ||
              used.source == CharsetSource::kDefault);
}

TEST(DecodeHtmlToUtf8Test, RandomBytesAlwaysGiveValidUtf8) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255);
  const char* const kTypes[] = {"", "text/html; charset=utf-8",
                                "text/html; charset=shift_jis",
                                "text/html; charset=utf-16be",
                                "text/html; charset=gb18030"};
  for (int trial = 0; trial < 2000; ++trial) {
    std::string bytes(static_cast<size_t>(byte(rng) % 64), '\0');
    for (char& c : bytes) c = static_cast<char>(byte(rng));
    const std::string out = DecodeHtmlToUtf8(bytes, kTypes[trial % 5]);
    ASSERT_EQ(FindInvalidUtf8(out), kNpos) << "trial " << trial;
    ASSERT_EQ(out.find('\0'), std::string::npos) << "trial " << trial;
  }
}

TEST(CharsetFromContentTypeTest, FindsTheParameter) {
  EXPECT_EQ(CharsetFromContentType("text/html; charset=UTF-8"), "UTF-8");
  EXPECT_EQ(CharsetFromContentType("text/html;charset = 'koi8-r' ;x=y"),
            "koi8-r");
  EXPECT_EQ(CharsetFromContentType("text/html"), "");
  EXPECT_EQ(CharsetFromContentType("text/html; charset=\"unclosed"), "");
  EXPECT_EQ(CharsetFromContentType("text/html; charsetx; charset=gbk"), "gbk");
}

}  // namespace
}  // namespace concord::ingest
