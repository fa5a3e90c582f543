// Per-article stage and ordering (see pipeline.h).
#include "src/engine/pipeline.h"

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "concord/web.h"
#include "src/base/bits.h"
#include "src/base/cpu.h"
#include "src/extract/text_chrome.h"
#include "src/ingest/dates.h"
#include "src/text/langid.h"

namespace concord {
namespace {

bool IsWordSpace(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}


}  // namespace

uint32_t CountWordsSlow(std::string_view s) {
  uint32_t n = 0;
  bool in_word = false;
  for (unsigned char c : s) {
    const bool space = IsWordSpace(c);
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

namespace {

// CountWords from s[i] on, the byte before s[i] ending a word run when
// `in_word`, `n` words counted before.
uint32_t CountWordsFrom(std::string_view s, size_t i, bool in_word,
                        uint32_t n) {
#if defined(__SSE2__)
  // 64 bytes at a time: a mask of the space bytes; a word starts at each
  // non-space byte whose predecessor is a space (bit 0's predecessor is the
  // last byte of the block before). The starts are counted by a SWAR
  // popcount (BitsIn64: the build targets baseline x86-64, without POPCNT).
  const __m128i sp = _mm_set1_epi8(' '), nl = _mm_set1_epi8('\n'),
                tab = _mm_set1_epi8('\t'), cr = _mm_set1_epi8('\r');
  const auto space16 = [&](const char* p) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i space = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, sp), _mm_cmpeq_epi8(v, nl)),
        _mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, cr)));
    return static_cast<uint64_t>(
        static_cast<uint32_t>(_mm_movemask_epi8(space)));
  };
  for (; i + 64 <= s.size(); i += 64) {
    const char* p = s.data() + i;
    const uint64_t space_bits = space16(p) | space16(p + 16) << 16 |
                                space16(p + 32) << 32 | space16(p + 48) << 48;
    n += static_cast<uint32_t>(
        BitsIn64(WordStartsIn64(space_bits, in_word ? 0 : 1)));
    in_word = (space_bits >> 63) == 0;
  }
  for (; i + 16 <= s.size(); i += 16) {
    const uint32_t space_bits = static_cast<uint32_t>(space16(s.data() + i));
    n += static_cast<uint32_t>(BitsIn16(
        static_cast<uint32_t>(WordStartsIn64(space_bits, in_word ? 0 : 1))));
    in_word = (space_bits & 0x8000u) == 0;
  }
#endif
  for (; i < s.size(); ++i) {
    const bool space = IsWordSpace(static_cast<unsigned char>(s[i]));
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

#if defined(__x86_64__) && defined(__GNUC__)
// The 64-byte blocks of CountWordsFrom 32 bytes at a time with AVX2 and
// counted by POPCNT, for processors that have both (chosen at run time);
// the rest as CountWordsFrom.
[[gnu::target("avx2,popcnt")]] uint32_t CountWordsAvx2(std::string_view s) {
  const __m256i sp = _mm256_set1_epi8(' '), nl = _mm256_set1_epi8('\n'),
                tab = _mm256_set1_epi8('\t'), cr = _mm256_set1_epi8('\r');
  uint32_t n = 0;
  size_t i = 0;
  bool in_word = false;
  for (; i + 64 <= s.size(); i += 64) {
    uint64_t space_bits = 0;
    for (int half = 0; half < 2; ++half) {
      const __m256i v = _mm256_loadu_si256(
          reinterpret_cast<const __m256i*>(s.data() + i + 32 * half));
      const __m256i space = _mm256_or_si256(
          _mm256_or_si256(_mm256_cmpeq_epi8(v, sp), _mm256_cmpeq_epi8(v, nl)),
          _mm256_or_si256(_mm256_cmpeq_epi8(v, tab),
                          _mm256_cmpeq_epi8(v, cr)));
      space_bits |= static_cast<uint64_t>(static_cast<uint32_t>(
                        _mm256_movemask_epi8(space)))
                    << (32 * half);
    }
    n += static_cast<uint32_t>(
        __builtin_popcountll(WordStartsIn64(space_bits, in_word ? 0 : 1)));
    in_word = (space_bits >> 63) == 0;
  }
  return CountWordsFrom(s, i, in_word, n);
}

#endif

}  // namespace

uint32_t CountWords(std::string_view s) {
#if defined(__x86_64__) && defined(__GNUC__)
  if (cpu::HasAvx2() && cpu::HasPopcnt()) return CountWordsAvx2(s);
#endif
  return CountWordsFrom(s, 0, false, 0);
}

uint32_t CountWordsSse2(std::string_view s) {
  return CountWordsFrom(s, 0, false, 0);
}

Status ReadWebPage(Article* article, std::vector<Status>* warnings) {
  if (article->html.empty()) return Status::Ok();
  WebExtractOptions wo;
  wo.url = article->url;
  WebPage page = ExtractWebPage(article->html, wo);
  article->html.clear();
  article->html.shrink_to_fit();
  for (const std::string& w : page.warnings) {
    warnings->push_back(Status::BadInput(article->origin + ": " + w));
  }
  if (page.text.empty()) {
    return Status::BadInput(article->origin +
                            ": no article text found in the page");
  }
  article->text = std::move(page.text);
  if (article->title.empty()) article->title = std::move(page.title);
  if (article->url.empty()) article->url = std::move(page.url);
  if (article->source.empty()) article->source = std::move(page.site_name);
  if (article->lang.empty()) article->lang = std::move(page.lang);
  if (article->published.empty() && !page.published.empty()) {
    article->published = std::move(page.published);
    article->published_time = ingest::ParseIsoDateTime(article->published);
  }
  return Status::Ok();
}

PreparedArticle PrepareArticle(const Article& a, const AnalyzeOptions& options,
                               sketch::FeatureExtractor* features,
                               sketch::Vocabulary* vocabulary) {
  PreparedArticle out;
  out.input_bytes = a.text.size();
  extract::TextExtractOptions xo;
  // "Headline | Site" in the metadata: the headline alone.
  const std::string_view title = extract::TitleWithoutSite(a.title, a.source);
  xo.known_title = title;
  ArticleContent content = extract::ExtractFromText(a.text, xo);
  ArticleSummary& s = out.summary;
  s.id = a.id;
  s.title = title.empty() ? content.headline : std::string(title);
  s.source = a.source;
  s.url = a.url;
  s.published = a.published;
  s.origin = a.origin;
  s.lang = a.lang.empty() ? text::DetectLanguage(content.body) : a.lang;
  s.credits = content.credits;
  for (const Block& b : content.blocks) {
    if (b.kind == BlockKind::kHeading) s.headings.push_back(b.text);
    if (b.kind == BlockKind::kCaption) s.captions.push_back(b.text);
    if (b.kind == BlockKind::kChrome) s.dropped.push_back(b.text);
  }
  s.words = CountWords(content.body);
  s.bytes = static_cast<uint32_t>(content.body.size());
  // Headings belong to the article's topic: they are weighed with the body
  // (a copy of the body is made only to append them).
  std::string with_headings;
  std::string_view topical = content.body;
  if (!s.headings.empty()) {
    with_headings = content.body;
    for (const std::string& h : s.headings) {
      with_headings += "\n\n";
      with_headings += h;
    }
    topical = with_headings;
  }
  // Weighed with the title as given: without its site name the generated
  // corpora's stories, whose template headlines differ by little more,
  // cluster a little worse (B3 F1 0.9943 -> 0.9936 at 10k, 0.9632 -> 0.9626
  // at 100k).
  out.bag = features->Extract(
      a.title.empty() ? std::string_view(s.title) : std::string_view(a.title),
      topical, s.lang, vocabulary,
      sketch::FeatureExtractor::VocabularyTerms::kUnseen);
  if (options.keep_text) s.body = content.body;
  out.body = std::move(content.body);
  return out;
}

std::vector<std::optional<int64_t>> OrderTimes(
    const std::vector<Article>& articles) {
  std::vector<std::optional<int64_t>> out(articles.size());
  std::optional<int64_t> last;
  for (size_t i = 0; i < articles.size(); ++i) {
    if (articles[i].published_time) last = articles[i].published_time;
    out[i] = articles[i].published_time ? articles[i].published_time : last;
  }
  return out;
}

std::vector<std::optional<int64_t>> OrderTimes(
    const std::vector<std::optional<int64_t>>& published) {
  std::vector<std::optional<int64_t>> out(published.size());
  std::optional<int64_t> last;
  for (size_t i = 0; i < published.size(); ++i) {
    if (published[i]) last = published[i];
    out[i] = published[i] ? published[i] : last;
  }
  return out;
}

std::vector<uint32_t> PublicationOrder(
    const std::vector<std::optional<int64_t>>& times) {
  std::vector<uint32_t> order(times.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const int64_t ta = times[a].value_or(std::numeric_limits<int64_t>::min());
    const int64_t tb = times[b].value_or(std::numeric_limits<int64_t>::min());
    return ta < tb;
  });
  return order;
}

std::vector<std::string> Keywords(const sketch::SparseVector& sum,
                                  const sketch::Vocabulary& vocab, size_t k) {
  std::vector<std::string> out;
  for (uint32_t idx : sketch::TopEntries(sum, k * 3)) {
    auto it = vocab.find(sum.entries[idx].term);
    if (it == vocab.end()) continue;
    std::string word = it->second;
    if (word.rfind("n:", 0) == 0) word = word.substr(2);
    if (word.rfind("#", 0) == 0) word = word.substr(1);
    // A name is also a word term: show it once.
    if (std::find(out.begin(), out.end(), word) != out.end()) continue;
    out.push_back(std::move(word));
    if (out.size() == k) break;
  }
  return out;
}

}  // namespace concord
