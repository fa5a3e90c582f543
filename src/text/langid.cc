// Language identification: a thin, careful wrapper over CLD2.
//
// The idea. CLD2 (Dick Sites, Google, 2013) splits the text into runs of one
// script. A script used by a single language (Greek, Hebrew, Thai...)
// decides on its own; otherwise CLD2 looks up character quadgrams (Latin,
// Cyrillic...) or bigrams (CJK) in compact tables of per-language scores,
// sums them over chunks of the text and reports the top three languages with
// a reliability flag, which it clears when the winner does not clearly beat
// the runner-up for the amount of text seen. We trust that flag and add one
// guard of our own, a minimum of kMinLetterBytes bytes of letters, so that
// two-word snippets never get a language.
//
// Only the first kMaxBytes are read: a news article's language is settled
// long before that, and the cost stays bounded for huge inputs. When the text
// has invalid UTF-8 past a valid prefix, the prefix is used.
//
// The tables. Debian's libcld2 carries the code and the small tables (about
// 80 languages); libcld2_full carries only the large tables (160+
// languages), whose symbols take precedence when both are loaded. The build
// links both (see CMakeLists.txt). Tests: langid_test.cc.
#include "src/text/langid.h"

#include <cld2/public/compact_lang_det.h>

#include <cstdint>
#include <cstdio>  // compact_lang_det.h uses FILE without including it

namespace concord::text {
namespace {

constexpr size_t kMaxBytes = 256 * 1024;
constexpr int kMinLetterBytes = 12;

// Length of the longest prefix of s no longer than `limit` that does not
// end inside a UTF-8 sequence.
size_t CharBoundaryPrefix(std::string_view s, size_t limit) {
  if (s.size() <= limit) return s.size();
  size_t n = limit;
  while (n > 0 && (static_cast<uint8_t>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

std::string ToIso(CLD2::Language lang) {
  if (lang == CLD2::UNKNOWN_LANGUAGE) return "";
  std::string code = CLD2::LanguageCode(lang);
  if (code.empty() || code == "un" || code.rfind("xx", 0) == 0) return "";
  const size_t dash = code.find('-');
  if (dash != std::string::npos) code.resize(dash);  // zh-Hant, sr-ME
  if (code == "iw") return "he";
  if (code == "jw") return "jv";
  if (code == "in") return "id";
  if (code == "ji") return "yi";
  if (code == "mo") return "ro";
  return code;
}

}  // namespace

std::string DetectLanguage(std::string_view utf8) {
  if (utf8.empty()) return "";
  int length = static_cast<int>(CharBoundaryPrefix(utf8, kMaxBytes));
  for (int attempt = 0; attempt < 2; ++attempt) {
    CLD2::Language top3[3];
    int percent3[3];
    double score3[3];
    int letter_bytes = 0;
    bool reliable = false;
    int valid_prefix = 0;
    const CLD2::Language lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
        utf8.data(), length, /*is_plain_text=*/true, /*cld_hints=*/nullptr,
        /*flags=*/0, top3, percent3, score3, /*resultchunkvector=*/nullptr,
        &letter_bytes, &reliable, &valid_prefix);
    if (valid_prefix < length) {
      // Invalid UTF-8 at valid_prefix: retry once on the valid part.
      length = valid_prefix;
      if (length == 0) return "";
      continue;
    }
    if (!reliable || letter_bytes < kMinLetterBytes) return "";
    return ToIso(lang);
  }
  return "";
}

}  // namespace concord::text
