// Facts of one article: quantities, dates, named entities and quotations,
// found in one call over the article body.
//
// ExtractFacts() tokenises the body once (a Document) and runs the four
// extractors in dependency order: dates first (their spans are not
// quantities and not names), then quantities, entities, and quotations
// (which use the entities for speakers). Reconciling facts across articles
// is the caller's job; SameEntityName() and the normalised fields (unit,
// key, ISO day ranges) are what it compares.
//
// Thread safety: ExtractFacts is a pure function, safe from any thread.
// Cost: linear in the body; one tokenisation, one sentence split and one
// pass listing where numbers, dates and quote marks may start (the
// Document), shared by the four extractors. A caller that needs the tokens
// too (the aligner) builds the Document itself and passes it. The result
// owns its strings and does not point into `body`.
#ifndef CONCORD_FACTS_FACTS_H_
#define CONCORD_FACTS_FACTS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "src/facts/dates.h"
#include "src/facts/document.h"
#include "src/facts/entities.h"
#include "src/facts/quantities.h"
#include "src/facts/quotes.h"

namespace concord::facts {

struct FactOptions {
  DateOptions dates;
  QuantityOptions quantities;
  EntityOptions entities;
  QuoteOptions quotes;
};

struct Facts {
  std::vector<Quantity> quantities;
  std::vector<DateMention> dates;
  EntityResult entities;
  std::vector<Quote> quotes;
  // The body was longer than kMaxFactsBody bytes and only its first
  // kMaxFactsBody bytes were read.
  bool truncated = false;
};

// Offsets are 32-bit: longer bodies are read up to this many bytes.
inline constexpr size_t kMaxFactsBody = (size_t{1} << 31) - 1;

// All facts of an article body. `published_time` is the publication time in
// seconds since the epoch (UTC), used to resolve relative dates; nullopt if
// unknown. Any byte string is accepted (invalid UTF-8 is read as U+FFFD); a
// body over kMaxFactsBody bytes is cut there and flagged `truncated`.
Facts ExtractFacts(std::string_view body, std::optional<int64_t> published_time,
                   const FactOptions& options = {});
// The same over a Document the caller already built (the answer equals
// ExtractFacts(doc.text(), ...)). REQUIRES: doc.text().size() <=
// kMaxFactsBody (cut longer bodies first and set `truncated` yourself).
Facts ExtractFacts(const Document& doc, std::optional<int64_t> published_time,
                   const FactOptions& options = {});

}  // namespace concord::facts

#endif  // CONCORD_FACTS_FACTS_H_
