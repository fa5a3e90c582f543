// The ASCII byte classes of the tokenizer's word rules as two 16-entry
// tables, one indexed by a byte's low nibble and one by its high nibble:
// a byte's classes are the AND of its two entries, so one vpshufb per
// table classifies 32 bytes at once. Shared by the tokenizer
// (src/text/tokenizer.cc) and the shingler (src/sketch/shingles.cc), which
// read word boundaries with the same rules; one copy, checked below
// against the plain definitions at compile time.
//
// Each bit stands for a set of low nibbles times a set of high nibbles,
// and every class is a union of such bits. Bytes >= 0x80 have high
// nibbles 8-15, whose rows are 0: a byte's high nibble taken as
// (byte >> 4) & 0x0F gives such a byte no class.
#ifndef CONCORD_TEXT_ASCII_CLASSES_H_
#define CONCORD_TEXT_ASCII_CLASSES_H_

#include <array>
#include <cstdint>

namespace concord::text::ascii {

enum : uint8_t {
  kNibLetterA = 1,     // 0x41-0x4F, 0x61-0x6F
  kNibLetterB = 2,     // 0x50-0x5A, 0x70-0x7A
  kNibDigit = 4,       // 0x30-0x39
  kNibCoreExtra = 8,   // 0x40 "@", 0x4F, 0x50, 0x5F "_" (the two letters
                       // are core anyway)
  kNibMidPunct = 16,   // 0x27 "'", 0x2C ",", 0x2E "."
  kNibMidSemi = 32,    // 0x3B ";"
  kNibSpaceCtl = 64,   // 0x09-0x0D
  kNibSpace = 128,     // 0x20
  kNibLetter = kNibLetterA | kNibLetterB,
  kNibCore = kNibLetter | kNibDigit | kNibCoreExtra,
  kNibMid = kNibMidPunct | kNibMidSemi,
  kNibWhite = kNibSpaceCtl | kNibSpace,
};

constexpr std::array<uint8_t, 16> MakeLowNibbleClasses() {
  std::array<uint8_t, 16> t{};
  for (int lo = 1; lo <= 15; ++lo) t[lo] |= kNibLetterA;
  for (int lo = 0; lo <= 10; ++lo) t[lo] |= kNibLetterB;
  for (int lo = 0; lo <= 9; ++lo) t[lo] |= kNibDigit;
  t[0x0] |= kNibCoreExtra;
  t[0xF] |= kNibCoreExtra;
  t[0x7] |= kNibMidPunct;
  t[0xC] |= kNibMidPunct;
  t[0xE] |= kNibMidPunct;
  t[0xB] |= kNibMidSemi;
  for (int lo = 0x9; lo <= 0xD; ++lo) t[lo] |= kNibSpaceCtl;
  t[0x0] |= kNibSpace;
  return t;
}

constexpr std::array<uint8_t, 16> MakeHighNibbleClasses() {
  std::array<uint8_t, 16> t{};
  t[0x0] = kNibSpaceCtl;
  t[0x2] = kNibMidPunct | kNibSpace;
  t[0x3] = kNibDigit | kNibMidSemi;
  t[0x4] = kNibLetterA | kNibCoreExtra;
  t[0x5] = kNibLetterB | kNibCoreExtra;
  t[0x6] = kNibLetterA;
  t[0x7] = kNibLetterB;
  return t;
}

constexpr std::array<uint8_t, 16> kLowNibbleClasses = MakeLowNibbleClasses();
constexpr std::array<uint8_t, 16> kHighNibbleClasses = MakeHighNibbleClasses();

// The tables give, for every byte, exactly the tokenizer's classes (those
// Classify16 in tokenizer.cc computes with compares).
constexpr bool NibbleTablesAgree() {
  for (int b = 0; b < 256; ++b) {
    const uint8_t c = b < 0x80 ? kLowNibbleClasses[b & 15] &
                                     kHighNibbleClasses[b >> 4]
                               : 0;
    const bool letter = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    const bool core =
        letter || (b >= '0' && b <= '9') || b == '_' || b == '@';
    const bool mid = b == '.' || b == ',' || b == ';' || b == '\'';
    const bool space = (b >= '\t' && b <= '\r') || b == ' ';
    if (((c & kNibLetter) != 0) != letter || ((c & kNibCore) != 0) != core ||
        ((c & kNibMid) != 0) != mid || ((c & kNibWhite) != 0) != space) {
      return false;
    }
  }
  return true;
}
static_assert(NibbleTablesAgree());

}  // namespace concord::text::ascii

#endif  // CONCORD_TEXT_ASCII_CLASSES_H_
