// http(s) URLs, parsed and normalised by libcurl's URL API (RFC 3986 as
// browsers read it): scheme and host lower-cased, default port dropped,
// "." and ".." segments resolved, the fragment removed.
//
// Thread safety: reentrant. Cost: one curl_url parse per call.
#ifndef CONCORD_FETCH_URL_H_
#define CONCORD_FETCH_URL_H_

#include <string>
#include <string_view>

#include "concord/status.h"

namespace concord::fetch {

struct Url {
  std::string text;            // the normalised URL, without fragment
  std::string scheme;          // "http" or "https"
  std::string host;            // lower-case; IPv6 in brackets
  int port = 0;                // explicit or the scheme's default
  std::string path_and_query;  // "/p/a?q=1" (at least "/")
  // scheme://host:port, the unit robots.txt applies to.
  std::string Origin() const;
};

// Parses an absolute http:// or https:// URL. Errors (BadInput):
//   "<text>: not a URL: <curl's reason>"
//   "<text>: unsupported scheme \"ftp\" (only http and https)"
Result<Url> ParseHttpUrl(std::string_view text);

// Resolves `reference` (absolute or relative) against `base`, then parses
// the result as above.
Result<Url> ResolveHttpUrl(const Url& base, std::string_view reference);

}  // namespace concord::fetch

#endif  // CONCORD_FETCH_URL_H_
