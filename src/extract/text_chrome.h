// Text-level article extraction: from a plain text as scraped (one paragraph
// a line, or paragraphs separated by blank lines), tell the headline,
// sub-headings, body paragraphs, captions and credits apart, and drop page
// chrome (navigation, newsletter promos, share bars) that scrapers leave in.
//
// The rules are general, not keyed to any site: see text_chrome.cc for them
// and text_chrome_test.cc for the golden table they are held to.
//
// Thread safety: pure functions; the pattern tables are immutable statics,
// and ExtractFromText's scratch buffers are per thread.
// Cost: linear in the text: one SIMD pass over each line (its signature,
// word count and caption hints), a hash set of the lines' signatures, and
// the copies of its blocks and body.
#ifndef CONCORD_EXTRACT_TEXT_CHROME_H_
#define CONCORD_EXTRACT_TEXT_CHROME_H_

#include <string>
#include <string_view>

#include "concord/article.h"

namespace concord::extract {

struct TextExtractOptions {
  // Title known from the input's metadata (a JSON Lines `title`); when the
  // text repeats it on its first line, that line is marked as the headline.
  std::string_view known_title;
  // Look for a headline on the first content line when no title is known.
  bool detect_headline = true;
};

ArticleContent ExtractFromText(std::string_view text,
                               const TextExtractOptions& options = {});

// "Headline | Site" → "Headline" when the part after the last separator
// (" | ", " - ", " — ", " – ", " :: ", " · ") is the article's own source
// or site name, compared by LineSignature, and at least two words are
// left; else the title as it is. Input metadata titles often carry the
// site's name as web pages' <title> do: it is no part of the headline.
std::string_view TitleWithoutSite(std::string_view title,
                                  std::string_view site);
// The separators of "Headline | Site" (also a web page's <title>).
inline constexpr std::string_view kTitleSeparators[] = {
    " | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ", " \xC2\xB7 "};

// Line classifiers, public for tests. `line` is one trimmed line.
bool IsChromeLine(std::string_view line);
// "Credited from: ALJAZEERA" → "ALJAZEERA"; empty when not a credit line.
std::string CreditOf(std::string_view line);
bool LooksLikeHeading(std::string_view line);
bool LooksLikeCaption(std::string_view line);
// What lines are compared on (repeats, navigation labels, the known title):
// ASCII letters lower-cased and digits; other non-ASCII bytes as they are,
// except U+2010..U+201F; everything else separates, and each run of
// separators between two kept bytes becomes one space. Public for tests.
std::string LineSignature(std::string_view line);

namespace internal {
// Lets tests run signatures through the SSE2 path on a processor with
// AVX2 (SignatureInto takes the AVX2 one there). Not thread-safe: call
// before any extraction.
void UseAvx2InSignaturesForTest(bool use);
}  // namespace internal

}  // namespace concord::extract

#endif  // CONCORD_EXTRACT_TEXT_CHROME_H_
