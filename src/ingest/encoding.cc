// Decoding in layers, cheapest and most certain first. A byte order mark is a
// declaration, so it wins. NUL bytes settle "binary" for anything that is not
// UTF-16/32, and UTF-16/32 text written without a BOM is recognisable by
// where its zero bytes fall. Valid UTF-8 is almost never produced by accident
// by other encodings (a legacy text would have to pair every high byte in the
// right lead/continuation pattern), so passing the validator is taken as
// proof. Only then do we guess: uchardet (Mozilla's universal charset
// detector) names a charset from byte statistics, and since the uchardet
// shipped with Debian 12 (0.0.7) reports no confidence, the guess has to earn
// trust another way: ICU must convert every byte with a stopping callback
// (no substitution characters), and the result must look like text: no C1
// controls, no private-use characters, and at most one odd symbol (macron,
// not sign, box drawing...) per ten non-ASCII characters, since a wrong
// guess or a few stray bytes decode to exactly such symbols. Bytes that are
// mostly good UTF-8 with a few bad ones are reported as damaged UTF-8 rather
// than reinterpreted as Latin-1 mojibake.
//
// Conversion streams through fixed-size UTF-16 buffers, tracking for each
// code unit the source byte it came from, so every error can name a byte
// offset in the caller's input. Tests: encoding_test.cc.
#include "src/ingest/encoding.h"

#include <uchardet/uchardet.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace concord::ingest {
namespace {

constexpr size_t kSniffBytes = 8192;              // binary / UTF-16 sniffing
constexpr size_t kDetectBytes = size_t{4} << 20;  // fed to uchardet

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Length of the well-formed UTF-8 sequence starting at p[i], or 0 when the
// sequence there is ill-formed. REQUIRES: i < n.
size_t Utf8SequenceLength(const unsigned char* p, size_t i, size_t n) {
  const unsigned char c = p[i];
  if (c < 0x80) return 1;
  size_t len = 0;
  unsigned char lo = 0x80;  // bounds for the second byte (table 3-7)
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;  // continuation byte, C0/C1 (overlong) or F5-FF lead
  }
  if (n - i < len) return 0;
  if (p[i + 1] < lo || p[i + 1] > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if ((p[i + k] & 0xC0) != 0x80) return 0;
  }
  return len;
}

bool IsControl(uint32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' &&
          c != '\r') ||
         c == 0x7F;
}

// 1-based line of byte `offset`; a line break is CRLF, LF or a lone CR.
size_t LineOfOffset(std::string_view bytes, size_t offset) {
  size_t line = 1;
  for (size_t i = 0; i < offset && i < bytes.size(); ++i) {
    if (bytes[i] == '\n') {
      ++line;
    } else if (bytes[i] == '\r' &&
               (i + 1 >= bytes.size() || bytes[i + 1] != '\n')) {
      ++line;
    }
  }
  return line;
}

Status NulError(std::string_view name, size_t offset) {
  return Status::BadInput(std::string(name) +
                          ": binary data (NUL byte at offset " +
                          std::to_string(offset) + ")");
}

Status ControlError(std::string_view name, uint32_t byte, size_t offset,
                    size_t count, size_t total) {
  char hex[8];
  std::snprintf(hex, sizeof(hex), "0x%02X", static_cast<unsigned>(byte));
  return Status::BadInput(std::string(name) + ": binary data (control byte " +
                          hex + " at offset " + std::to_string(offset) + "; " +
                          std::to_string(count) + " of the first " +
                          std::to_string(total) + " bytes are control bytes)");
}

Status InvalidUtf8Error(std::string_view bytes, size_t offset,
                        std::string_view name) {
  return Status::BadInput(std::string(name) + ": invalid UTF-8 at byte " +
                          std::to_string(offset) + " (line " +
                          std::to_string(LineOfOffset(bytes, offset)) + ")");
}

// Counts control characters in the sniffing window; more than 10% is binary.
class ControlCounter {
 public:
  void Add(uint32_t c, size_t offset) {
    if (offset >= kSniffBytes) return;
    ++total_;
    if (!IsControl(c)) return;
    if (count_++ == 0) {
      first_ = c;
      first_offset_ = offset;
    }
  }
  Status Check(std::string_view name) const {
    if (count_ * 10 <= total_) return Status::Ok();
    return ControlError(name, first_, first_offset_, count_, total_);
  }

 private:
  size_t total_ = 0;
  size_t count_ = 0;
  uint32_t first_ = 0;
  size_t first_offset_ = 0;
};

// NUL anywhere, or too many control bytes near the start.
Status CheckBinary(std::string_view bytes, size_t base, std::string_view name) {
  if (const void* nul = std::memchr(bytes.data(), 0, bytes.size())) {
    return NulError(name,
                    base + (static_cast<const char*>(nul) - bytes.data()));
  }
  ControlCounter counter;
  const size_t n = std::min(bytes.size(), kSniffBytes);
  for (size_t i = 0; i < n; ++i) counter.Add(Bytes(bytes)[i], i);
  return counter.Check(name);
}

struct Bom {
  const char* charset;  // ICU converter name; nullptr for UTF-8
  size_t size;
};

std::optional<Bom> DetectBom(std::string_view b) {
  auto starts = [b](std::string_view prefix) { return b.starts_with(prefix); };
  using namespace std::string_view_literals;
  if (starts("\xEF\xBB\xBF"sv)) return Bom{nullptr, 3};
  if (starts("\xFF\xFE\x00\x00"sv)) return Bom{"UTF-32LE", 4};
  if (starts("\x00\x00\xFE\xFF"sv)) return Bom{"UTF-32BE", 4};
  if (starts("\xFF\xFE"sv)) return Bom{"UTF-16LE", 2};
  if (starts("\xFE\xFF"sv)) return Bom{"UTF-16BE", 2};
  return std::nullopt;
}

// UTF-16/32 without a BOM: in text that is mostly ASCII-range, the high
// bytes of each code unit are zero and the low ones are not. Looks at the
// first 8 KiB; returns an ICU converter name or nullptr. Inputs shorter than
// 16 bytes are never guessed: a few NULs there say nothing.
const char* GuessUtfWithoutBom(std::string_view bytes) {
  constexpr size_t kMinBytes = 16;
  if (bytes.size() < kMinBytes || bytes.size() % 2 != 0) return nullptr;
  const std::string_view head = bytes.substr(0, kSniffBytes);
  const unsigned char* p = Bytes(head);
  if (bytes.size() % 4 == 0) {
    size_t zeros[4] = {0, 0, 0, 0};
    const size_t n = head.size() / 4 * 4;
    for (size_t i = 0; i < n; ++i) zeros[i % 4] += p[i] == 0;
    const size_t units = n / 4;
    if (zeros[2] == units && zeros[3] == units && zeros[0] * 10 < units) {
      return "UTF-32LE";
    }
    if (zeros[0] == units && zeros[1] == units && zeros[3] * 10 < units) {
      return "UTF-32BE";
    }
  }
  size_t even = 0;
  size_t odd = 0;
  for (size_t i = 0; i + 1 < head.size(); i += 2) {
    even += p[i] == 0;
    odd += p[i + 1] == 0;
  }
  const size_t units = head.size() / 2;
  // The zero side: at least 4 zeros and 10% of the units; the other side:
  // next to none.
  auto pattern = [units](size_t zero_side, size_t other_side) {
    return zero_side >= 4 && zero_side * 10 >= units &&
           other_side * 20 <= zero_side;
  };
  if (pattern(odd, even)) return "UTF-16LE";
  if (pattern(even, odd)) return "UTF-16BE";
  return nullptr;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// What went wrong in a conversion; offsets are into the converted bytes.
struct ConvertProblem {
  enum Kind { kNoConverter, kIllegal, kNul, kImplausible } kind;
  size_t offset = 0;
};

struct ConvertOptions {
  // Reject C1 controls and private-use characters (for guessed charsets).
  bool require_plausible_text = false;
  // Also reject when more than 10% of the non-ASCII characters are neither
  // letters, marks, digits nor punctuation common in prose (for uchardet's
  // guesses: wrong guesses and stray bytes decode to odd symbols).
  bool require_plausible_symbols = false;
};

// Non-ASCII characters a real text in that script plausibly holds: letters,
// marks and digits of any script, and the punctuation and symbols of prose.
// Not: rarely used Latin-1 symbols (currency sign, broken bar, diaeresis,
// not sign, macron, cedilla), box drawing, maths, and the like, which are
// what mis-decoded bytes tend to become.
bool IsPlausibleNonAscii(uint32_t cp) {
  const auto c = static_cast<UChar32>(cp);
  if (u_isalpha(c) || u_isdigit(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0) {
    return true;
  }
  if (cp >= 0xA0 && cp <= 0xBF) {
    return cp != 0xA4 && cp != 0xA6 && cp != 0xA8 && cp != 0xAC && cp != 0xAF &&
           cp != 0xB8;
  }
  return cp == 0xD7 || cp == 0xF7 ||        // multiplication, division
         (cp >= 0x2000 && cp <= 0x206F) ||  // general punctuation
         (cp >= 0x20A0 && cp <= 0x20CF) ||  // currency
         (cp >= 0x2100 && cp <= 0x214F) ||  // letterlike: (TM), No.
         (cp >= 0x3000 && cp <= 0x303F) ||  // CJK punctuation
         (cp >= 0xFF00 && cp <= 0xFFEF);    // full-width forms
}

// Converts `bytes` from `charset` to UTF-8, appending to `out` and feeding
// every code point to `controls` (offsets shifted by `base`). Offsets in the
// returned problem are into `bytes`, not shifted.
std::optional<ConvertProblem> ConvertWithIcu(
    std::string_view bytes, const char* charset, const ConvertOptions& options,
    size_t base, ControlCounter* controls, std::string* out) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> cnv(
      ucnv_open(charset, &err), &ucnv_close);
  if (U_FAILURE(err) || cnv == nullptr) {
    return ConvertProblem{ConvertProblem::kNoConverter};
  }
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr,
                      nullptr, &err);
  if (U_FAILURE(err)) return ConvertProblem{ConvertProblem::kNoConverter};

  out->reserve(out->size() + bytes.size());
  constexpr size_t kChunk = 8192;
  auto units = std::make_unique<UChar[]>(kChunk);
  auto offsets = std::make_unique<int32_t[]>(kChunk);
  const char* src = bytes.data();
  const char* const limit = bytes.data() + bytes.size();
  uint32_t high = 0;  // pending high surrogate
  size_t high_offset = 0;
  size_t last_offset = 0;  // for units whose source offset ICU lost
  size_t non_ascii = 0;
  size_t odd_symbols = 0;
  size_t first_odd_offset = 0;
  for (;;) {
    const size_t call_base = static_cast<size_t>(src - bytes.data());
    UChar* target = units.get();
    err = U_ZERO_ERROR;
    ucnv_toUnicode(cnv.get(), &target, units.get() + kChunk, &src, limit,
                   offsets.get(), /*flush=*/true, &err);
    const size_t produced = static_cast<size_t>(target - units.get());
    for (size_t i = 0; i < produced; ++i) {
      if (offsets[i] >= 0) last_offset = call_base + offsets[i];
      uint32_t cp = units[i];
      size_t offset = last_offset;
      if (high != 0) {
        if (cp < 0xDC00 || cp > 0xDFFF) {
          return ConvertProblem{ConvertProblem::kIllegal, high_offset};
        }
        cp = 0x10000 + ((high - 0xD800) << 10) + (cp - 0xDC00);
        offset = high_offset;
        high = 0;
      } else if (cp >= 0xD800 && cp <= 0xDBFF) {
        high = cp;
        high_offset = offset;
        continue;
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return ConvertProblem{ConvertProblem::kIllegal, offset};
      }
      if (cp == 0) return ConvertProblem{ConvertProblem::kNul, offset};
      if (options.require_plausible_text &&
          ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0xE000 && cp <= 0xF8FF))) {
        return ConvertProblem{ConvertProblem::kImplausible, offset};
      }
      if (cp >= 0x80) {
        ++non_ascii;
        if (!IsPlausibleNonAscii(cp) && odd_symbols++ == 0) {
          first_odd_offset = offset;
        }
      }
      controls->Add(cp, base + offset);
      AppendUtf8(cp, out);
    }
    if (err == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(err)) {
      char invalid[32];
      int8_t invalid_len = sizeof(invalid);
      UErrorCode ignored = U_ZERO_ERROR;
      ucnv_getInvalidChars(cnv.get(), invalid, &invalid_len, &ignored);
      const size_t consumed = static_cast<size_t>(src - bytes.data());
      const size_t len = U_FAILURE(ignored) ? 0 : invalid_len;
      return ConvertProblem{ConvertProblem::kIllegal,
                            consumed >= len ? consumed - len : 0};
    }
    break;
  }
  if (high != 0) return ConvertProblem{ConvertProblem::kIllegal, high_offset};
  if (options.require_plausible_symbols && odd_symbols * 10 > non_ascii) {
    return ConvertProblem{ConvertProblem::kImplausible, first_odd_offset};
  }
  return std::nullopt;
}

// Decodes bytes whose encoding is known (a BOM, or the UTF-16/32 layout).
Result<std::string> DecodeKnown(std::string_view bytes, size_t base,
                                const char* charset,
                                const ConvertOptions& options,
                                std::string_view name) {
  std::string out;
  ControlCounter controls;
  if (auto problem =
          ConvertWithIcu(bytes, charset, options, base, &controls, &out)) {
    if (problem->kind == ConvertProblem::kNul) {
      return NulError(name, base + problem->offset);
    }
    return Status::BadInput(std::string(name) + ": invalid " + charset +
                            " at byte " +
                            std::to_string(base + problem->offset));
  }
  CONCORD_RETURN_IF_ERROR(controls.Check(name));
  NormalizeLineEndings(&out);
  return out;
}

// Step 6 of the header: a confident guess, or nullopt.
std::optional<std::string> DecodeDetected(std::string_view bytes) {
  // Damaged UTF-8 rather than another encoding?
  size_t valid_multibyte = 0;
  size_t invalid = 0;
  for (size_t i = 0; i < bytes.size();) {
    const size_t len = Utf8SequenceLength(Bytes(bytes), i, bytes.size());
    if (len == 0) {
      ++invalid;
      ++i;
    } else {
      valid_multibyte += len > 1;
      i += len;
    }
  }
  if (valid_multibyte >= invalid) return std::nullopt;

  std::unique_ptr<uchardet, decltype(&uchardet_delete)> detector(
      uchardet_new(), &uchardet_delete);
  if (detector == nullptr) return std::nullopt;
  const std::string_view sample = bytes.substr(0, kDetectBytes);
  if (uchardet_handle_data(detector.get(), sample.data(), sample.size()) != 0) {
    return std::nullopt;
  }
  uchardet_data_end(detector.get());
  std::string charset = uchardet_get_charset(detector.get());
  for (char& c : charset) c = static_cast<char>(std::toupper(c));
  if (charset.empty() || charset == "ASCII" || charset.starts_with("UTF-")) {
    return std::nullopt;
  }
  std::vector<std::string> candidates = {charset};
  if (charset == "ISO-8859-1") candidates = {"WINDOWS-1252", charset};
  for (const std::string& candidate : candidates) {
    std::string out;
    ControlCounter controls;
    if (!ConvertWithIcu(
            bytes, candidate.c_str(),
            {.require_plausible_text = true, .require_plausible_symbols = true},
            0, &controls, &out)) {
      NormalizeLineEndings(&out);
      return out;
    }
  }
  return std::nullopt;
}

}  // namespace

size_t FindInvalidUtf8(std::string_view bytes) {
  const unsigned char* p = Bytes(bytes);
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    while (n - i >= 8) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i == n) break;
    const size_t len = Utf8SequenceLength(p, i, n);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

void NormalizeLineEndings(std::string* text) {
  if (text->find('\r') == std::string::npos) return;
  size_t w = 0;
  const size_t n = text->size();
  for (size_t r = 0; r < n; ++r) {
    const char c = (*text)[r];
    if (c == '\r') {
      (*text)[w++] = '\n';
      if (r + 1 < n && (*text)[r + 1] == '\n') ++r;
    } else {
      (*text)[w++] = c;
    }
  }
  text->resize(w);
}

Result<std::string> DecodeToUtf8(std::string_view bytes, std::string_view name,
                                 const DecodeOptions& options) {
  if (bytes.empty()) {
    return Status::BadInput(std::string(name) + ": empty file");
  }

  if (const std::optional<Bom> bom = DetectBom(bytes)) {
    const std::string_view rest = bytes.substr(bom->size);
    if (rest.empty()) {
      return Status::BadInput(std::string(name) + ": empty file");
    }
    if (bom->charset != nullptr) {
      return DecodeKnown(rest, bom->size, bom->charset, {}, name);
    }
    CONCORD_RETURN_IF_ERROR(CheckBinary(rest, bom->size, name));
    if (const size_t bad = FindInvalidUtf8(rest);
        bad != std::string_view::npos) {
      return InvalidUtf8Error(bytes, bom->size + bad, name);
    }
    std::string out(rest);
    NormalizeLineEndings(&out);
    return out;
  }

  const std::string_view head = bytes.substr(0, kSniffBytes);
  if (std::memchr(head.data(), 0, head.size()) != nullptr) {
    if (const char* charset = GuessUtfWithoutBom(bytes)) {
      Result<std::string> decoded = DecodeKnown(
          bytes, 0, charset, {.require_plausible_text = true}, name);
      if (decoded.ok()) return decoded;
    }
  }
  CONCORD_RETURN_IF_ERROR(CheckBinary(bytes, 0, name));

  const size_t bad = FindInvalidUtf8(bytes);
  if (bad == std::string_view::npos) {
    std::string out(bytes);
    NormalizeLineEndings(&out);
    return out;
  }
  if (options.allow_detection) {
    if (std::optional<std::string> out = DecodeDetected(bytes)) {
      return std::move(*out);
    }
  }
  return InvalidUtf8Error(bytes, bad, name);
}

}  // namespace concord::ingest
