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
#include "src/base/ascii.h"
#include "src/ingest/encoding.h"

#include <uchardet/uchardet.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>

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

struct Detected {
  std::string charset;  // as uchardet names it, upper case
  std::string text;     // converted, line endings normalised
};

// Step 6 of the header: a confident guess, or nullopt.
std::optional<Detected> DecodeDetected(std::string_view bytes) {
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
      return Detected{candidate, std::move(out)};
    }
  }
  return std::nullopt;
}

}  // namespace

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
    if (std::optional<Detected> detected = DecodeDetected(bytes)) {
      return std::move(detected->text);
    }
  }
  return InvalidUtf8Error(bytes, bad, name);
}

// ---- HTML pages -------------------------------------------------------------
//
// DecodeHtmlToUtf8 follows the sniffing order of the HTML standard ("determining
// the character encoding", section 13.2.3.2) with one change: when nothing is
// declared, bytes that are valid UTF-8 are taken as UTF-8, and only then is
// uchardet asked, before the browsers' windows-1252 default. Labels are looked
// up in a table taken from the WHATWG Encoding Standard's label list (the
// encodings news sites use), so "latin1", "iso-8859-1" and "us-ascii" all mean
// windows-1252 and "gb2312" means GBK, as in a browser. Conversion never
// fails: ill-formed input becomes U+FFFD, one per maximal ill-formed subpart
// (Unicode 15, section 3.9), through an ICU callback of our own so that no
// converter can substitute its own SUB character.

namespace {

struct LabelEntry {
  const char* label;     // lower case, as in the Encoding Standard
  const char* encoding;  // the Encoding Standard's name, which ICU opens
};

constexpr LabelEntry kLabels[] = {
    {"utf-8", "UTF-8"},
    {"utf8", "UTF-8"},
    {"unicode-1-1-utf-8", "UTF-8"},
    {"unicode11utf8", "UTF-8"},
    {"unicode20utf8", "UTF-8"},
    {"x-unicode20utf8", "UTF-8"},
    {"windows-1252", "windows-1252"},
    {"cp1252", "windows-1252"},
    {"x-cp1252", "windows-1252"},
    {"iso-8859-1", "windows-1252"},
    {"iso8859-1", "windows-1252"},
    {"iso88591", "windows-1252"},
    {"iso_8859-1", "windows-1252"},
    {"iso_8859-1:1987", "windows-1252"},
    {"iso-ir-100", "windows-1252"},
    {"latin1", "windows-1252"},
    {"l1", "windows-1252"},
    {"csisolatin1", "windows-1252"},
    {"cp819", "windows-1252"},
    {"ibm819", "windows-1252"},
    {"us-ascii", "windows-1252"},
    {"ascii", "windows-1252"},
    {"ansi_x3.4-1968", "windows-1252"},
    {"windows-1250", "windows-1250"},
    {"cp1250", "windows-1250"},
    {"x-cp1250", "windows-1250"},
    {"windows-1251", "windows-1251"},
    {"cp1251", "windows-1251"},
    {"x-cp1251", "windows-1251"},
    {"windows-1253", "windows-1253"},
    {"cp1253", "windows-1253"},
    {"x-cp1253", "windows-1253"},
    {"windows-1254", "windows-1254"},
    {"cp1254", "windows-1254"},
    {"x-cp1254", "windows-1254"},
    {"iso-8859-9", "windows-1254"},
    {"iso8859-9", "windows-1254"},
    {"iso_8859-9", "windows-1254"},
    {"latin5", "windows-1254"},
    {"l5", "windows-1254"},
    {"windows-1255", "windows-1255"},
    {"cp1255", "windows-1255"},
    {"windows-1256", "windows-1256"},
    {"cp1256", "windows-1256"},
    {"windows-1257", "windows-1257"},
    {"cp1257", "windows-1257"},
    {"windows-1258", "windows-1258"},
    {"cp1258", "windows-1258"},
    {"windows-874", "windows-874"},
    {"tis-620", "windows-874"},
    {"iso-8859-11", "windows-874"},
    {"dos-874", "windows-874"},
    {"iso-8859-2", "ISO-8859-2"},
    {"iso8859-2", "ISO-8859-2"},
    {"iso_8859-2", "ISO-8859-2"},
    {"latin2", "ISO-8859-2"},
    {"l2", "ISO-8859-2"},
    {"iso-8859-3", "ISO-8859-3"},
    {"iso-8859-4", "ISO-8859-4"},
    {"iso-8859-5", "ISO-8859-5"},
    {"iso8859-5", "ISO-8859-5"},
    {"iso_8859-5", "ISO-8859-5"},
    {"cyrillic", "ISO-8859-5"},
    {"iso-8859-6", "ISO-8859-6"},
    {"arabic", "ISO-8859-6"},
    {"iso-8859-7", "ISO-8859-7"},
    {"iso8859-7", "ISO-8859-7"},
    {"iso_8859-7", "ISO-8859-7"},
    {"greek", "ISO-8859-7"},
    {"iso-8859-8", "ISO-8859-8"},
    {"hebrew", "ISO-8859-8"},
    {"iso-8859-8-i", "ISO-8859-8-I"},
    {"iso-8859-10", "ISO-8859-10"},
    {"iso-8859-13", "ISO-8859-13"},
    {"iso-8859-14", "ISO-8859-14"},
    {"iso-8859-15", "ISO-8859-15"},
    {"iso8859-15", "ISO-8859-15"},
    {"iso_8859-15", "ISO-8859-15"},
    {"latin9", "ISO-8859-15"},
    {"l9", "ISO-8859-15"},
    {"koi8-r", "KOI8-R"},
    {"koi8_r", "KOI8-R"},
    {"koi8", "KOI8-R"},
    {"koi", "KOI8-R"},
    {"cskoi8r", "KOI8-R"},
    {"koi8-u", "KOI8-U"},
    {"koi8-ru", "KOI8-U"},
    {"ibm866", "IBM866"},
    {"cp866", "IBM866"},
    {"866", "IBM866"},
    {"macintosh", "macintosh"},
    {"mac", "macintosh"},
    {"x-mac-roman", "macintosh"},
    {"gbk", "GBK"},
    {"gb2312", "GBK"},
    {"gb_2312", "GBK"},
    {"gb_2312-80", "GBK"},
    {"chinese", "GBK"},
    {"csgb2312", "GBK"},
    {"x-gbk", "GBK"},
    {"cp936", "GBK"},
    {"ms936", "GBK"},
    {"windows-936", "GBK"},
    {"gb18030", "GB18030"},
    {"big5", "Big5"},
    {"big5-hkscs", "Big5"},
    {"cn-big5", "Big5"},
    {"csbig5", "Big5"},
    {"x-x-big5", "Big5"},
    {"euc-jp", "EUC-JP"},
    {"x-euc-jp", "EUC-JP"},
    {"iso-2022-jp", "ISO-2022-JP"},
    {"csiso2022jp", "ISO-2022-JP"},
    {"shift_jis", "Shift_JIS"},
    {"shift-jis", "Shift_JIS"},
    {"sjis", "Shift_JIS"},
    {"x-sjis", "Shift_JIS"},
    {"ms_kanji", "Shift_JIS"},
    {"ms932", "Shift_JIS"},
    {"windows-31j", "Shift_JIS"},
    {"csshiftjis", "Shift_JIS"},
    {"euc-kr", "EUC-KR"},
    {"cseuckr", "EUC-KR"},
    {"korean", "EUC-KR"},
    {"ks_c_5601-1987", "EUC-KR"},
    {"ksc5601", "EUC-KR"},
    {"ksc_5601", "EUC-KR"},
    {"windows-949", "EUC-KR"},
    {"utf-16", "UTF-16LE"},
    {"utf-16le", "UTF-16LE"},
    {"ucs-2", "UTF-16LE"},
    {"unicode", "UTF-16LE"},
    {"csunicode", "UTF-16LE"},
    {"iso-10646-ucs-2", "UTF-16LE"},
    {"unicodefeff", "UTF-16LE"},
    {"utf-16be", "UTF-16BE"},
    {"unicodefffe", "UTF-16BE"},
};

constexpr size_t kPrescanBytes = 4096;

bool StartsWithNoCaseAt(std::string_view s, size_t pos, std::string_view prefix) {
  if (s.size() - pos < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[pos + i]) != prefix[i]) return false;
  }
  return true;
}

bool IsUtf16(std::string_view encoding) {
  return encoding == "UTF-16LE" || encoding == "UTF-16BE";
}

// The "get an attribute" step of the prescan. On return *pos is past the
// attribute, or at '>' / the end when there is none (returns false).
bool GetAttribute(std::string_view s, size_t* pos, std::string* name,
                  std::string* value) {
  name->clear();
  value->clear();
  size_t p = *pos;
  while (p < s.size() && (IsHtmlSpace(s[p]) || s[p] == '/')) ++p;
  *pos = p;
  if (p >= s.size() || s[p] == '>') return false;
  // Name. An '=' as the first byte belongs to the name.
  bool have_value = false;
  for (;; ++p) {
    if (p >= s.size()) {
      *pos = p;
      return false;
    }
    const char c = s[p];
    if (c == '=' && !name->empty()) {
      ++p;
      have_value = true;
      break;
    }
    if (IsHtmlSpace(c)) break;
    if (c == '/' || c == '>') {
      *pos = p;
      return true;
    }
    name->push_back(AsciiLower(c));
  }
  if (!have_value) {  // spaces, then maybe '='
    while (p < s.size() && IsHtmlSpace(s[p])) ++p;
    if (p >= s.size() || s[p] != '=') {
      *pos = p;
      return true;
    }
    ++p;
  }
  while (p < s.size() && IsHtmlSpace(s[p])) ++p;
  if (p >= s.size()) {
    *pos = p;
    return false;
  }
  if (s[p] == '"' || s[p] == '\'') {
    const char quote = s[p++];
    while (p < s.size() && s[p] != quote) value->push_back(AsciiLower(s[p++]));
    if (p >= s.size()) {
      *pos = p;
      return false;
    }
    *pos = p + 1;
    return true;
  }
  while (p < s.size() && !IsHtmlSpace(s[p]) && s[p] != '>') {
    value->push_back(AsciiLower(s[p++]));
  }
  *pos = p;
  return true;
}

// Encoding named by a <meta> tag's attributes, or nullptr.
const char* MetaEncoding(std::string_view s, size_t* pos) {
  std::string name;
  std::string value;
  std::vector<std::string> seen;
  bool got_pragma = false;
  int need_pragma = -1;  // -1 unknown, 0 no, 1 yes
  const char* charset = nullptr;
  while (GetAttribute(s, pos, &name, &value)) {
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
    seen.push_back(name);
    if (name == "http-equiv") {
      if (value == "content-type") got_pragma = true;
    } else if (name == "content") {
      if (charset == nullptr) {
        const std::string_view label = CharsetFromContentType(value);
        if (!label.empty() && (charset = EncodingForLabel(label)) != nullptr) {
          need_pragma = 1;
        }
      }
    } else if (name == "charset") {
      charset = EncodingForLabel(value);
      need_pragma = 0;
    }
  }
  if (need_pragma == -1 || (need_pragma == 1 && !got_pragma)) return nullptr;
  if (charset != nullptr && IsUtf16(charset)) return "UTF-8";
  return charset;
}

void AppendReplacement(std::string* out) { out->append("\xEF\xBF\xBD"); }

// Length of the maximal subpart of an ill-formed sequence at p[i]: the
// longest prefix of a well-formed sequence, at least 1. REQUIRES: the
// sequence at p[i] is ill-formed.
size_t MaximalSubpart(const unsigned char* p, size_t i, size_t n) {
  const unsigned char c = p[i];
  size_t len = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 1;
  }
  size_t k = 1;
  if (i + 1 < n && p[i + 1] >= lo && p[i + 1] <= hi) {
    k = 2;
    while (k < len && i + k < n && (p[i + k] & 0xC0) == 0x80) ++k;
  }
  return std::min(k, len - 1);
}

void ReplacementCallback(const void* /*context*/,
                         UConverterToUnicodeArgs* args,
                         const char* /*code_units*/, int32_t /*length*/,
                         UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone
  *err = U_ZERO_ERROR;
  static const UChar kReplacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

// Converts with ICU, ill-formed input as U+FFFD. False when ICU has no
// converter for `encoding`.
bool ConvertLenient(std::string_view bytes, const char* encoding,
                    std::string* out) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> cnv(
      ucnv_open(encoding, &err), &ucnv_close);
  if (U_FAILURE(err) || cnv == nullptr) return false;
  ucnv_setToUCallBack(cnv.get(), ReplacementCallback, nullptr, nullptr,
                      nullptr, &err);
  if (U_FAILURE(err)) return false;
  out->reserve(out->size() + bytes.size() + bytes.size() / 4);
  constexpr size_t kChunk = 8192;
  auto units = std::make_unique<UChar[]>(kChunk);
  const char* src = bytes.data();
  const char* const limit = bytes.data() + bytes.size();
  uint32_t high = 0;  // pending high surrogate
  for (;;) {
    UChar* target = units.get();
    err = U_ZERO_ERROR;
    ucnv_toUnicode(cnv.get(), &target, units.get() + kChunk, &src, limit,
                   nullptr, /*flush=*/true, &err);
    for (const UChar* u = units.get(); u < target; ++u) {
      uint32_t cp = *u;
      if (high != 0) {
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
          AppendUtf8(0x10000 + ((high - 0xD800) << 10) + (cp - 0xDC00), out);
          high = 0;
          continue;
        }
        AppendReplacement(out);
        high = 0;
      }
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        high = cp;
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        AppendReplacement(out);
      } else {
        AppendUtf8(cp, out);
      }
    }
    if (err == U_BUFFER_OVERFLOW_ERROR) continue;
    break;  // any other failure: what was converted is kept
  }
  if (high != 0) AppendReplacement(out);
  return true;
}

}  // namespace

const char* CharsetSourceName(CharsetSource source) {
  switch (source) {
    case CharsetSource::kBom:
      return "bom";
    case CharsetSource::kHttp:
      return "http";
    case CharsetSource::kMeta:
      return "meta";
    case CharsetSource::kXmlDeclaration:
      return "xml";
    case CharsetSource::kUtf8:
      return "utf-8";
    case CharsetSource::kDetected:
      return "detected";
    case CharsetSource::kDefault:
      return "default";
  }
  return "?";
}

const char* EncodingForLabel(std::string_view label) {
  while (!label.empty() && IsHtmlSpace(label.front())) label.remove_prefix(1);
  while (!label.empty() && IsHtmlSpace(label.back())) label.remove_suffix(1);
  if (label.empty() || label.size() > 32) return nullptr;
  for (const LabelEntry& entry : kLabels) {
    const std::string_view candidate(entry.label);
    if (candidate.size() != label.size()) continue;
    bool same = true;
    for (size_t i = 0; i < label.size() && same; ++i) {
      same = AsciiLower(label[i]) == candidate[i];
    }
    if (same) return entry.encoding;
  }
  return nullptr;
}

std::string_view CharsetFromContentType(std::string_view content_type) {
  const std::string_view s = content_type;
  size_t pos = 0;
  for (;;) {
    size_t found = std::string_view::npos;
    for (size_t i = pos; i + 7 <= s.size(); ++i) {
      if (StartsWithNoCaseAt(s, i, "charset")) {
        found = i;
        break;
      }
    }
    if (found == std::string_view::npos) return {};
    pos = found + 7;
    while (pos < s.size() && IsHtmlSpace(s[pos])) ++pos;
    if (pos >= s.size() || s[pos] != '=') continue;
    ++pos;
    while (pos < s.size() && IsHtmlSpace(s[pos])) ++pos;
    if (pos >= s.size()) return {};
    if (s[pos] == '"' || s[pos] == '\'') {
      const size_t close = s.find(s[pos], pos + 1);
      if (close == std::string_view::npos) return {};
      return s.substr(pos + 1, close - pos - 1);
    }
    size_t end = pos;
    while (end < s.size() && !IsHtmlSpace(s[end]) && s[end] != ';') ++end;
    return s.substr(pos, end - pos);
  }
}

const char* PrescanMetaCharset(std::string_view bytes) {
  const std::string_view s = bytes.substr(0, kPrescanBytes);
  size_t pos = 0;
  while (pos < s.size()) {
    if (s.compare(pos, 4, "<!--") == 0) {
      const size_t end = s.find("-->", pos + 2);
      if (end == std::string_view::npos) return nullptr;
      pos = end + 3;
    } else if (StartsWithNoCaseAt(s, pos, "<meta") && pos + 5 < s.size() &&
               (IsHtmlSpace(s[pos + 5]) || s[pos + 5] == '/')) {
      pos += 6;
      if (const char* encoding = MetaEncoding(s, &pos)) return encoding;
    } else if (s[pos] == '<' && pos + 1 < s.size() &&
               (std::isalpha(static_cast<unsigned char>(s[pos + 1])) ||
                (s[pos + 1] == '/' && pos + 2 < s.size() &&
                 std::isalpha(static_cast<unsigned char>(s[pos + 2]))))) {
      while (pos < s.size() && !IsHtmlSpace(s[pos]) && s[pos] != '>') ++pos;
      std::string name;
      std::string value;
      while (GetAttribute(s, &pos, &name, &value)) {
      }
    } else if (s[pos] == '<' && pos + 1 < s.size() &&
               (s[pos + 1] == '!' || s[pos + 1] == '/' || s[pos + 1] == '?')) {
      const size_t end = s.find('>', pos + 2);
      if (end == std::string_view::npos) return nullptr;
      pos = end + 1;
    } else {
      ++pos;
    }
  }
  return nullptr;
}

namespace {

// The encoding named by an XML declaration at the start of `bytes`, or
// nullptr. A UTF-16 label there cannot be right for bytes we can read as
// ASCII, so it is ignored.
const char* XmlDeclarationEncoding(std::string_view bytes) {
  if (!bytes.starts_with("<?xml")) return nullptr;
  const std::string_view decl = bytes.substr(0, bytes.find("?>", 5));
  if (decl.size() > 1024) return nullptr;
  size_t pos = decl.find("encoding", 5);
  if (pos == std::string_view::npos) return nullptr;
  pos += 8;
  while (pos < decl.size() && IsHtmlSpace(decl[pos])) ++pos;
  if (pos >= decl.size() || decl[pos] != '=') return nullptr;
  ++pos;
  while (pos < decl.size() && IsHtmlSpace(decl[pos])) ++pos;
  if (pos >= decl.size() || (decl[pos] != '"' && decl[pos] != '\'')) {
    return nullptr;
  }
  const size_t close = decl.find(decl[pos], pos + 1);
  if (close == std::string_view::npos) return nullptr;
  const char* encoding =
      EncodingForLabel(decl.substr(pos + 1, close - pos - 1));
  return encoding != nullptr && IsUtf16(encoding) ? nullptr : encoding;
}

}  // namespace

std::string ReplaceInvalidUtf8(std::string_view bytes) {
  std::string out;
  const size_t first = FindInvalidUtf8(bytes);
  if (first == std::string_view::npos) return std::string(bytes);
  out.reserve(bytes.size() + 16);
  out.append(bytes.substr(0, first));
  const unsigned char* p = Bytes(bytes);
  const size_t n = bytes.size();
  for (size_t i = first; i < n;) {
    const size_t len = Utf8SequenceLength(p, i, n);
    if (len == 0) {
      AppendReplacement(&out);
      i += MaximalSubpart(p, i, n);
    } else {
      out.append(bytes.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string DecodeHtmlToUtf8(std::string_view bytes,
                             std::string_view http_content_type,
                             HtmlCharset* used) {
  HtmlCharset charset;
  std::string out;
  std::string_view body = bytes;
  bool decoded = false;
  auto convert = [&](const char* encoding, CharsetSource source) {
    if (std::string_view(encoding) == "UTF-8") {
      out = ReplaceInvalidUtf8(body);
    } else if (!ConvertLenient(body, encoding, &out)) {
      out.clear();
      return false;
    }
    charset = {encoding, source};
    decoded = true;
    return true;
  };
  // The HTML standard knows three byte order marks (no UTF-32).
  const char* bom = bytes.starts_with("\xEF\xBB\xBF") ? "UTF-8"
                    : bytes.starts_with("\xFE\xFF")   ? "UTF-16BE"
                    : bytes.starts_with("\xFF\xFE")   ? "UTF-16LE"
                                                      : nullptr;
  if (bom != nullptr) {
    body.remove_prefix(std::string_view(bom) == "UTF-8" ? 3 : 2);
    convert(bom, CharsetSource::kBom);
  }
  if (!decoded && !http_content_type.empty()) {
    if (const char* e = EncodingForLabel(CharsetFromContentType(http_content_type))) {
      convert(e, CharsetSource::kHttp);
    }
  }
  if (!decoded) {
    if (const char* e = PrescanMetaCharset(bytes)) convert(e, CharsetSource::kMeta);
  }
  if (!decoded) {
    if (const char* e = XmlDeclarationEncoding(bytes)) {
      convert(e, CharsetSource::kXmlDeclaration);
    }
  }
  if (!decoded && FindInvalidUtf8(bytes) == std::string_view::npos) {
    out.assign(bytes);
    charset = {"UTF-8", CharsetSource::kUtf8};
    decoded = true;
  }
  if (!decoded) {
    if (std::optional<Detected> detected = DecodeDetected(bytes)) {
      out = std::move(detected->text);
      charset = {detected->charset, CharsetSource::kDetected};
      decoded = true;
    }
  }
  if (!decoded) convert("windows-1252", CharsetSource::kDefault);
  if (std::memchr(out.data(), 0, out.size()) != nullptr) {
    std::string clean;
    clean.reserve(out.size() + 16);
    for (const char c : out) {
      if (c == '\0') {
        AppendReplacement(&clean);
      } else {
        clean.push_back(c);
      }
    }
    out = std::move(clean);
  }
  NormalizeLineEndings(&out);
  if (used != nullptr) *used = std::move(charset);
  return out;
}

}  // namespace concord::ingest
