#include "src/ingest/stream.h"

#include <gtest/gtest.h>

#include <string>

#include "src/ingest/testing.h"

namespace concord::ingest {
namespace {

using testing::Compress;
using testing::Gzip;
using testing::ScratchDir;

// Reads everything in pieces of `piece` bytes.
Result<std::string> Drain(ByteStream* stream, size_t piece) {
  std::string out;
  std::string buf(piece, '\0');
  for (;;) {
    Result<size_t> k = stream->Read(buf.data(), buf.size());
    if (!k.ok()) return k.status();
    if (*k == 0) return out;
    out.append(buf, 0, *k);
  }
}

TEST(ByteStreamTest, PlainFileIsReadAsIs) {
  ScratchDir dir;
  const std::string path = dir.Write("a.warc", "one two three");
  auto stream = ByteStream::Open(Env::Default(), path, /*gzip=*/false);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  Result<std::string> all = Drain(stream->get(), 4);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, "one two three");
  EXPECT_EQ((*stream)->position(), 13u);
  EXPECT_EQ((*stream)->MemberOffsetAt(5), 5u);
}

TEST(ByteStreamTest, MultiMemberGzipIsConcatenatedWithMemberOffsets) {
  ScratchDir dir;
  const std::string first = Gzip("first member. ");
  const std::string second = Gzip(std::string(100000, 'x'));
  const std::string third = Gzip("third.");
  const std::string padding(7, '\0');
  const std::string path =
      dir.Write("a.gz", first + second + third + padding);
  auto stream = ByteStream::Open(Env::Default(), path, /*gzip=*/true);
  ASSERT_TRUE(stream.ok());
  std::string out;
  char buf[1000];
  size_t second_start = 0;
  uint64_t offset_of_second = 0;
  for (;;) {
    Result<size_t> k = (*stream)->Read(buf, sizeof(buf));
    ASSERT_TRUE(k.ok()) << k.status().ToString();
    if (*k == 0) break;
    out.append(buf, *k);
    if (second_start == 0 && out.size() > 14) {
      second_start = 14;
      EXPECT_EQ((*stream)->MemberOffsetAt(0), 0u);
      offset_of_second = (*stream)->MemberOffsetAt(14);
    }
  }
  EXPECT_EQ(out, "first member. " + std::string(100000, 'x') + "third.");
  EXPECT_EQ(offset_of_second, first.size());
  EXPECT_EQ((*stream)->MemberOffsetAt(out.size() - 1),
            first.size() + second.size());
}

TEST(ByteStreamTest, TruncatedGzipNamesTheCompressedOffset) {
  ScratchDir dir;
  const std::string whole = Gzip("alpha ") + Gzip(std::string(5000, 'b'));
  const size_t cut = whole.size() - 10;
  const std::string path = dir.Write("cut.gz", whole.substr(0, cut));
  auto stream = ByteStream::Open(Env::Default(), path, /*gzip=*/true);
  ASSERT_TRUE(stream.ok());
  Result<std::string> all = Drain(stream->get(), 256);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().message(),
            "truncated gzip data: the file ends at compressed byte " +
                std::to_string(cut) + ", inside the member starting at byte " +
                std::to_string(Gzip("alpha ").size()));
  // Sticky.
  char buf[4];
  EXPECT_FALSE((*stream)->Read(buf, 4).ok());
}

TEST(ByteStreamTest, CorruptGzipIsAnError) {
  ScratchDir dir;
  const std::string path = dir.Write("bad.gz", "this is not gzip at all");
  auto stream = ByteStream::Open(Env::Default(), path, /*gzip=*/true);
  ASSERT_TRUE(stream.ok());
  Result<std::string> all = Drain(stream->get(), 64);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().message().rfind(
                "corrupt gzip data at compressed byte ", 0),
            0u)
      << all.status().message();
}

TEST(ByteStreamTest, MissingFileIsNotFound) {
  auto stream = ByteStream::Open(Env::Default(), "/nonexistent/x.gz", true);
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.status().code(), StatusCode::kNotFound);
}

TEST(ReadCappedTest, StopsOneBytePastTheCap) {
  const std::string bomb = Gzip(std::string(10 << 20, 'a'));  // 10 MiB of 'a'
  std::string out;
  bool over = false;
  ASSERT_TRUE(
      InflateCapped(bomb, Compression::kGzipOrZlib, 1 << 20, &out, &over).ok());
  EXPECT_TRUE(over);
  EXPECT_TRUE(out.empty());
  ASSERT_TRUE(
      InflateCapped(bomb, Compression::kGzipOrZlib, 20 << 20, &out, &over).ok());
  EXPECT_FALSE(over);
  EXPECT_EQ(out.size(), 10u << 20);
  EXPECT_EQ(out.find_first_not_of('a'), std::string::npos);
  // Exactly at the cap fits.
  ASSERT_TRUE(
      InflateCapped(bomb, Compression::kGzipOrZlib, 10 << 20, &out, &over).ok());
  EXPECT_FALSE(over);
  EXPECT_EQ(out.size(), 10u << 20);
}

TEST(InflateCappedTest, ZlibAndRawDeflate) {
  std::string out;
  bool over = false;
  ASSERT_TRUE(InflateCapped(Compress("zlib body", 15), Compression::kGzipOrZlib,
                            100, &out, &over)
                  .ok());
  EXPECT_EQ(out, "zlib body");
  ASSERT_TRUE(InflateCapped(Compress("raw body", -15), Compression::kRawDeflate,
                            100, &out, &over)
                  .ok());
  EXPECT_EQ(out, "raw body");
  const std::string z = Compress("cut short, cut short, cut short", 15);
  EXPECT_FALSE(InflateCapped(z.substr(0, z.size() / 2),
                             Compression::kGzipOrZlib, 100, &out, &over)
                   .ok());
}

TEST(HasGzipSuffixTest, Cases) {
  EXPECT_TRUE(HasGzipSuffix("a.warc.gz"));
  EXPECT_TRUE(HasGzipSuffix("A.HTML.GZ"));
  EXPECT_FALSE(HasGzipSuffix("a.gzip"));
  EXPECT_FALSE(HasGzipSuffix("gz"));
}

}  // namespace
}  // namespace concord::ingest
