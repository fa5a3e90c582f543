// Normalisation: from what a reporter typed to what a matcher compares.
//
// The idea. Two articles quoting the same sentence rarely agree byte for
// byte: one wire service sends “curly” quotes and an en dash, another sends
// "straight" ones and a hyphen; a PDF extractor leaves "ﬁ" ligatures and
// full-width digits behind; a German source writes "Straße", an English one
// "STRASSE". A match key removes those differences and nothing else.
//
// The recipe is Unicode's own (UAX #15 normalisation forms, and the
// NFKC_Casefold mapping of UAX #44, which ICU ships precomputed as the
// "nfkc_cf" Normalizer2 instance) plus one step of our own in front of it:
// typographic punctuation is unified first. The order matters: NFKC turns
// U+2033 DOUBLE PRIME into two single primes, which would then come out as
// two apostrophes instead of one double quote. A second unification pass
// after NFKC catches the few characters NFKC itself produces (U+2011 becomes
// U+2010, presentation-form dashes become em dashes); it is skipped when the
// NFKC output has none of the UTF-8 lead bytes those characters start with,
// which for news text is nearly always.
//
// Cost. The unification pass is a byte scan that decodes only non-ASCII
// sequences. NormalizeUTF8 works UTF-8 to UTF-8 with no UTF-16 copy. FoldWord
// takes a fast path for ASCII words (lower-casing in place), which is what
// the tokenizer hits for most tokens of English text.
//
// Tests: normalizer_test.cc holds the golden table (typographic quotes and
// dashes, ligatures, full-width digits, ß, Turkish İ, NBSP, soft hyphen).
#include "src/text/normalizer.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace concord::text {
namespace {

// What a code point becomes under unification, or nullptr to keep it.
// `for_match` adds the mappings that only make sense in a match key.
const char* UnifiedForm(UChar32 c, bool for_match) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x2039:
    case 0x203A:
    case 0xFF07:
      return "'";
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
    case 0x2033:
    case 0xFF02:
      return "\"";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D:
    case 0xFE31:
    case 0xFE32:
      return "-";
    case 0x2026:
      return "...";
    case 0x00A0:
    case 0x1680:
    case 0x2000:
    case 0x2001:
    case 0x2002:
    case 0x2003:
    case 0x2004:
    case 0x2005:
    case 0x2006:
    case 0x2007:
    case 0x2008:
    case 0x2009:
    case 0x200A:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return " ";
    case 0x0130:
      return for_match ? "i" : nullptr;
    default:
      return nullptr;
  }
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Appends `in` to *out with typographic punctuation unified.
void AppendUnified(std::string_view in, bool for_match, std::string* out) {
  const auto* p = reinterpret_cast<const uint8_t*>(in.data());
  const int32_t n = static_cast<int32_t>(in.size());
  int32_t i = 0;
  while (i < n) {
    // Copy the ASCII run in one go.
    int32_t run = i;
    while (run < n && p[run] < 0x80) ++run;
    if (run > i) {
      out->append(in.data() + i, run - i);
      i = run;
      if (i >= n) break;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    const char* repl = c >= 0      ? UnifiedForm(c, for_match)
                       : for_match ? "\uFFFD"  // keep match keys valid UTF-8
                                   : nullptr;
    if (repl != nullptr) {
      out->append(repl);
    } else {
      out->append(in.data() + start, i - start);
    }
  }
}

void AsciiLower(std::string_view in, std::string* out) {
  out->resize(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    (*out)[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
  }
}

const icu::Normalizer2* NfkcCasefold() {
  static const icu::Normalizer2* const kInstance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n =
        icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return kInstance;
}

// Whether `s` may hold a character that unification changes: all of them
// (U+00A0..U+00BB, U+1680, U+2000..U+2212, U+3000, U+FExx, U+FFxx) have
// one of these lead bytes. Cyrillic, Greek, Arabic, CJK text has none.
bool MayNeedUnification(std::string_view s) {
  for (unsigned char c : s) {
    if (c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF)
      return true;
  }
  return false;
}

void MatchKey(std::string_view in, std::string* out) {
  out->clear();
  if (IsAscii(in)) {
    AsciiLower(in, out);
    return;
  }
  thread_local std::string unified;  // reused: FoldWord runs once per token
  unified.clear();
  AppendUnified(in, /*for_match=*/true, &unified);

  const icu::Normalizer2* norm = NfkcCasefold();
  UErrorCode status = U_ZERO_ERROR;
  if (norm != nullptr) {
    out->reserve(unified.size());
    icu::StringByteSink<std::string> sink(out);
    norm->normalizeUTF8(
        0,
        icu::StringPiece(unified.data(), static_cast<int32_t>(unified.size())),
        sink, nullptr, status);
  }
  if (norm == nullptr || U_FAILURE(status)) {
    // ICU data missing or out of memory: fall back to the unified text,
    // lower-cased where it is ASCII, rather than losing the input.
    out->clear();
    for (char c : unified) {
      out->push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
    }
    return;
  }
  if (MayNeedUnification(*out)) {
    unified.clear();
    AppendUnified(*out, /*for_match=*/true, &unified);
    out->assign(unified);
  }
}

}  // namespace

std::string NormalizeForMatch(std::string_view utf8) {
  std::string out;
  MatchKey(utf8, &out);
  return out;
}

std::string UnifyPunctuation(std::string_view utf8) {
  std::string out;
  if (IsAscii(utf8)) {
    out.assign(utf8);
    return out;
  }
  out.reserve(utf8.size());
  AppendUnified(utf8, /*for_match=*/false, &out);
  return out;
}

void FoldWord(std::string_view utf8_word, std::string* out) {
  MatchKey(utf8_word, out);
}

}  // namespace concord::text
