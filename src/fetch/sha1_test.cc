#include "src/fetch/sha1.h"

#include <gtest/gtest.h>

#include <string>

namespace concord::fetch {
namespace {

TEST(Sha1Test, Fips180Examples) {
  EXPECT_EQ(Sha1Hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(Sha1Hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(Sha1Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(Sha1Hex(std::string(1000000, 'a')),
            "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST(Sha1Test, IncrementalEqualsOneShot) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += static_cast<char>('a' + i % 26);
  for (size_t split = 0; split <= text.size(); split += 7) {
    Sha1 s;
    s.Update(std::string_view(text).substr(0, split));
    s.Update(std::string_view(text).substr(split));
    const auto d = s.Finish();
    EXPECT_EQ(Base32(d.data(), d.size()), WarcSha1(text).substr(5))
        << "split at " << split;
  }
}

TEST(Sha1Test, Base32Rfc4648) {
  const auto b32 = [](std::string_view s) {
    return Base32(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  };
  EXPECT_EQ(b32(""), "");
  EXPECT_EQ(b32("f"), "MY======");
  EXPECT_EQ(b32("fo"), "MZXQ====");
  EXPECT_EQ(b32("foo"), "MZXW6===");
  EXPECT_EQ(b32("foob"), "MZXW6YQ=");
  EXPECT_EQ(b32("fooba"), "MZXW6YTB");
  EXPECT_EQ(b32("foobar"), "MZXW6YTBOI======");
  EXPECT_EQ(WarcSha1("abc"), "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
}

}  // namespace
}  // namespace concord::fetch
