// ExtractFacts: the four extractors over one shared Document.
#include "src/facts/facts.h"

#include "src/facts/document.h"

namespace concord::facts {

Facts ExtractFacts(std::string_view body, std::optional<int64_t> published_time,
                   const FactOptions& options) {
  Facts facts;
  if (body.size() > kMaxFactsBody) {
    body = body.substr(0, kMaxFactsBody);
    facts.truncated = true;
  }
  const Document doc(body);
  const bool truncated = facts.truncated;
  facts = ExtractFacts(doc, published_time, options);
  facts.truncated = truncated;
  return facts;
}

Facts ExtractFacts(const Document& doc, std::optional<int64_t> published_time,
                   const FactOptions& options) {
  Facts facts;
  facts.dates = FindDates(doc, published_time, options.dates);
  facts.quantities = FindQuantities(doc, facts.dates, options.quantities);
  facts.entities = FindEntities(doc, facts.dates, options.entities);
  facts.quotes = FindQuotes(doc, facts.entities, options.quotes);
  return facts;
}

}  // namespace concord::facts
