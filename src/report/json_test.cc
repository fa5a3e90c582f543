// The JSON report is written directly (no DOM); these tests hold it to the
// bytes nlohmann's dump() gives for the same document: re-parsing the output
// and dumping it again must reproduce it exactly, for both layouts, with
// strings that need escaping or replacement, awkward doubles, and empty and
// optional fields.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "concord/render.h"

namespace concord {
namespace {

const char* const kAwkward[] = {
    "plain",
    "quote \" and backslash \\",
    "controls \b\f\n\r\t \x01 \x1f and delete \x7f",
    "accents é ü, CJK 日本語, emoji 🚀",
    "invalid \xff byte",
    "cut off \xe6\x97",
    "surrogate \xed\xa0\x80 half",
    "overlong \xc0\xaf slash",
    "",
};

Report AwkwardReport() {
  Report r;
  for (int i = 0; i < 3; ++i) {
    ArticleSummary a;
    a.id = std::string("a") + kAwkward[i * 3 % 9];
    a.title = kAwkward[(i + 1) % 9];
    a.source = kAwkward[(i + 4) % 9];
    a.origin = kAwkward[(i + 5) % 9];
    a.words = 4294967295u;
    a.headings = {kAwkward[2], kAwkward[6]};
    if (i == 1) {
      a.role = "spun copy";
      a.family = 0;
      a.swaps = {{kAwkward[1], kAwkward[3]}};
      a.body = kAwkward[7];
    }
    r.articles.push_back(a);
  }
  Story st;
  st.id = 7;
  st.headline = kAwkward[3];
  st.articles = {0, 1, 2};
  st.keywords = {kAwkward[4], "x"};
  st.families.push_back({{0, 1}});
  const double doubles[] = {0.0,   1.0,
                            0.1,   2.0 / 3.0,
                            1e-7,  123456789012345678.0,
                            1e300, std::numeric_limits<double>::quiet_NaN()};
  for (double d : doubles) {
    PairwiseRelation rel;
    rel.a = 0;
    rel.b = 2;
    rel.relation = "rewrite";
    rel.score = d;
    rel.coverage_a = -d;
    rel.coverage_b = d * 3;
    st.relations.push_back(rel);
  }
  st.claims.push_back({"quantity",
                       "ship",
                       "14",
                       {"14", "fourteen"},
                       {0, 2},
                       2,
                       "corroborated",
                       ""});
  st.claims.push_back(
      {"date", "date", "2026-01-01", {}, {1}, 1, "single-source", kAwkward[5]});
  st.conflicts.push_back({"number", "ship", {{"14", {0}}, {"17", {2}}}});
  st.entities.push_back({kAwkward[3], "place", {"a", "b"}, {0, 1}, 2});
  QuoteGroup q;
  q.speaker = kAwkward[1];
  q.sources = 2;
  q.variants.push_back({0, kAwkward[2], "", "", {}});
  q.variants.push_back({1, "y", "on X", "altered", {{"big", "giant"}}});
  st.quotes.push_back(q);
  st.brief.push_back({2, kAwkward[6], {0, 2}, 2});
  r.stories.push_back(st);
  r.stories.push_back(Story());  // empty everything
  r.errors.push_back(Status::BadInput(kAwkward[4]));
  r.warnings.push_back(Status::NotFound(kAwkward[2]));
  return r;
}

TEST(JsonRender, BytesAreNlohmannDumpOfTheSameDocument) {
  const Report r = AwkwardReport();
  for (int indent : {-1, 2, 4}) {
    const std::string out = RenderJson(r, {.indent = indent});
    const auto parsed = nlohmann::ordered_json::parse(out);
    const std::string again =
        parsed.dump(indent, ' ', false,
                    nlohmann::ordered_json::error_handler_t::replace) +
        "\n";
    EXPECT_EQ(out, again) << "indent " << indent;
    // And the content is what was put in.
    const auto& st = parsed["stories"][0];
    EXPECT_EQ(st["headline"], kAwkward[3]);
    EXPECT_EQ(st["articles"][1]["swaps"][0]["to"], kAwkward[3]);
    EXPECT_EQ(st["relations"][3]["score"].get<double>(), 2.0 / 3.0);
    EXPECT_TRUE(st["relations"][7]["score"].is_null());  // NaN
    EXPECT_EQ(st["quotes"][0]["variants"][1]["swaps"][0][1], "giant");
    EXPECT_EQ(st["articles"][0]["words"].get<uint64_t>(), 4294967295u);
    EXPECT_EQ(parsed["stories"][1]["articles"].size(), 0u);
  }
}

// The writer skips 16 or 8 bytes at a time when none needs escaping or
// checking: every special byte at every offset of strings of many lengths
// (inside a block, in the overlapping last block, in a short string's
// assembled word) must still come out as nlohmann escapes it.
TEST(JsonRender, SpecialBytesAtEveryOffsetOfALongString) {
  const std::string specials[] = {"\"", "\\", "\x01", "\x1f", "\n",
                                  "\x7f", "\xc3\xa9", "\xff", "\xe2\x80\x9d",
                                  "\xed\xa0\x80", " "};
  Report r;
  // Short strings (read as one assembled word) and long ones (16-byte
  // blocks, the last overlapping).
  for (const size_t len : {0, 1, 2, 3, 5, 7, 8, 12, 15, 16, 17, 26, 40}) {
    for (const std::string& sp : specials) {
      for (size_t at = 0; at <= len; ++at) {
        ArticleSummary a;
        a.title = std::string(at, 'a') + sp + std::string(len - at, 'b');
        r.articles.push_back(a);
      }
    }
  }
  Story st;
  for (uint32_t i = 0; i < r.articles.size(); ++i) st.articles.push_back(i);
  r.stories.push_back(st);
  const std::string out = RenderJson(r, {.indent = -1});
  const std::string again =
      nlohmann::ordered_json::parse(out).dump(
          -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
      "\n";
  EXPECT_EQ(out, again);
  // Valid text comes back byte for byte; invalid bytes were replaced.
  const auto doc = nlohmann::ordered_json::parse(out);
  const auto& parsed = doc["stories"][0];
  for (size_t i = 0; i < r.articles.size(); ++i) {
    const std::string& title = r.articles[i].title;
    const bool invalid = title.find('\xff') != std::string::npos ||
                         title.find("\xed\xa0") != std::string::npos;
    if (!invalid) {
      EXPECT_EQ(parsed["articles"][i]["title"], title) << i;
    } else {
      EXPECT_NE(parsed["articles"][i]["title"], title) << i;
    }
  }
}

// The text of one report dumped again by nlohmann, for comparison.
std::string Redumped(const std::string& out, int indent) {
  return nlohmann::ordered_json::parse(out).dump(
             indent, ' ', false,
             nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

// Whole numbers from 1 to 2^32 are written without nlohmann's formatter
// (digits and ".0"), and recurring values from a table of recent texts;
// they, their neighbours and other doubles must still come out in its
// bytes. Compared value by value with nlohmann's own
// formatting of each double.
TEST(JsonRender, DoublesAreNlohmannsBytes) {
  std::vector<double> values;
  for (double d = 0; d <= 70000; ++d) values.push_back(d);
  for (int e = 0; e <= 40; ++e) {
    const double p = std::ldexp(1.0, e);
    for (double d :
         {p, p - 1, p + 1, std::nextafter(p, 0.0), std::nextafter(p, 1e300)}) {
      values.push_back(d);
    }
  }
  for (double p = 1; p < 1e17; p *= 10) {
    for (double d : {p, p - 1, p + 1, std::nextafter(p, 0.0),
                     std::nextafter(p, 1e300), p * 0.5, p * 2.5}) {
      values.push_back(d);
    }
  }
  // Recurring values (the writer keeps recent texts by the value's bits):
  // zeros of both signs, which an empty table slot must not answer, and
  // values met again after others took their slots.
  for (int round = 0; round < 3; ++round) {
    for (double d : {0.0, -0.0, 0.1, -0.1, 0.0, 2.0 / 3.0, -0.0, 1e-300, 0.1,
                     5e-324, -2.2250738585072014e-308}) {
      values.push_back(d);
    }
  }
  uint64_t x = 0x9E3779B97F4A7C15ULL;  // xorshift: fixed, reproducible
  auto next = [&x] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  for (int i = 0; i < 200000; ++i) {
    const uint64_t r = next();
    values.push_back(static_cast<double>(r >> 32));  // integral, < 2^32
    values.push_back(static_cast<double>(r >> 32) + 0.5);
    values.push_back(static_cast<double>(r >> 11) / 9007199254740992.0);
    values.push_back(static_cast<double>(r % 1000) / 1000);
    double bits;
    std::memcpy(&bits, &r, 8);  // any pattern, NaN and inf included
    values.push_back(bits);
  }
  Report r;
  r.articles.resize(2);
  Story st;
  for (size_t i = 0; i < values.size(); i += 3) {
    PairwiseRelation rel;
    rel.a = 0;
    rel.b = 1;
    rel.score = values[i];
    rel.coverage_a = i + 1 < values.size() ? values[i + 1] : 0.0;
    rel.coverage_b = i + 2 < values.size() ? values[i + 2] : 0.0;
    st.relations.push_back(rel);
  }
  r.stories.push_back(st);
  const std::string out = RenderJson(r, {.indent = -1});
  const auto doc = nlohmann::ordered_json::parse(out);
  const auto& rels = doc["stories"][0]["relations"];
  ASSERT_EQ(rels.size(), st.relations.size());
  size_t k = 0;
  for (const PairwiseRelation& rel : st.relations) {
    const auto& got = rels[k++];
    for (const auto& [key, v] : {std::pair{"score", rel.score},
                                 std::pair{"coverage_a", rel.coverage_a},
                                 std::pair{"coverage_b", rel.coverage_b}}) {
      const std::string want = nlohmann::ordered_json(v).dump();
      ASSERT_EQ(got[key].dump(), want) << v;
    }
  }
  // And the document as a whole, byte for byte.
  EXPECT_EQ(out, Redumped(out, -1));
}

// Layouts the report does not use by default: no indent but line breaks
// (indent 0), and indents so deep that a line break and indent is longer
// than the writer's one-copy line (written the long way).
TEST(JsonRender, UnusualIndentsAreNlohmannsBytes) {
  const Report r = AwkwardReport();
  for (int indent : {0, 1, 3, 8, 9, 31, 40}) {
    const std::string out = RenderJson(r, {.indent = indent});
    EXPECT_EQ(out, Redumped(out, indent)) << "indent " << indent;
  }
}

// Plain strings of every length up to past two 16-byte blocks are copied
// while checked: each must come back whole, and the bytes around it
// (quotes, separators) intact.
TEST(JsonRender, PlainStringsOfEveryLength) {
  Report r;
  const std::string alphabet =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-:";
  for (size_t len = 0; len <= alphabet.size(); ++len) {
    ArticleSummary a;
    a.id = alphabet.substr(0, len);
    a.title = alphabet.substr(alphabet.size() - len);
    a.headings = {a.id, a.title, a.id};
    r.articles.push_back(a);
  }
  Story st;
  for (uint32_t i = 0; i < r.articles.size(); ++i) st.articles.push_back(i);
  r.stories.push_back(st);
  for (int indent : {-1, 2}) {
    const std::string out = RenderJson(r, {.indent = indent});
    EXPECT_EQ(out, Redumped(out, indent));
    const auto doc = nlohmann::ordered_json::parse(out);
    for (size_t i = 0; i < r.articles.size(); ++i) {
      const auto& a = doc["stories"][0]["articles"][i];
      EXPECT_EQ(a["id"], r.articles[i].id);
      EXPECT_EQ(a["title"], r.articles[i].title);
      EXPECT_EQ(a["headings"][2], r.articles[i].id);
    }
  }
}

}  // namespace
}  // namespace concord
