#include "src/fetch/url.h"

#include <curl/curl.h>

#include <cstdlib>
#include <memory>

namespace concord::fetch {
namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

struct CurlString {
  char* p = nullptr;
  ~CurlString() { curl_free(p); }
};

bool GetPart(CURLU* u, CURLUPart part, unsigned flags, std::string* out) {
  CurlString s;
  if (curl_url_get(u, part, &s.p, flags) != CURLUE_OK || s.p == nullptr) {
    return false;
  }
  *out = s.p;
  return true;
}

Result<Url> FromHandle(CURLU* u, std::string_view original) {
  Url url;
  GetPart(u, CURLUPART_SCHEME, 0, &url.scheme);
  if (url.scheme != "http" && url.scheme != "https") {
    return Status::BadInput(std::string(original) + ": unsupported scheme \"" +
                            url.scheme + "\" (only http and https)");
  }
  // Drop the fragment: it is never sent and never part of the identity.
  curl_url_set(u, CURLUPART_FRAGMENT, nullptr, 0);
  if (!GetPart(u, CURLUPART_HOST, 0, &url.host) || url.host.empty()) {
    return Status::BadInput(std::string(original) + ": not a URL: no host");
  }
  for (char& c : url.host) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  curl_url_set(u, CURLUPART_HOST, url.host.c_str(), 0);
  std::string port;
  GetPart(u, CURLUPART_PORT, CURLU_DEFAULT_PORT, &port);
  url.port = port.empty() ? 0 : std::atoi(port.c_str());
  std::string path, query;
  GetPart(u, CURLUPART_PATH, 0, &path);
  if (path.empty()) path = "/";
  url.path_and_query = path;
  if (GetPart(u, CURLUPART_QUERY, 0, &query)) url.path_and_query += "?" + query;
  if (!GetPart(u, CURLUPART_URL, 0, &url.text)) {
    return Status::BadInput(std::string(original) + ": not a URL");
  }
  return url;
}

}  // namespace

std::string Url::Origin() const {
  return scheme + "://" + host + ":" + std::to_string(port);
}

Result<Url> ParseHttpUrl(std::string_view text) {
  UrlHandle u(curl_url());
  if (!u) return Status::Internal("curl_url: out of memory");
  const std::string copy(text);
  if (copy.find('\0') != std::string::npos) {
    return Status::BadInput(copy.substr(0, copy.find('\0')) +
                            ": not a URL: NUL byte");
  }
  const CURLUcode rc = curl_url_set(u.get(), CURLUPART_URL, copy.c_str(),
                                    CURLU_NON_SUPPORT_SCHEME);
  if (rc != CURLUE_OK) {
    return Status::BadInput(copy + ": not a URL: " + curl_url_strerror(rc));
  }
  return FromHandle(u.get(), text);
}

Result<Url> ResolveHttpUrl(const Url& base, std::string_view reference) {
  UrlHandle u(curl_url());
  if (!u) return Status::Internal("curl_url: out of memory");
  const std::string ref(reference);
  if (ref.find('\0') != std::string::npos) {
    return Status::BadInput(base.text + ": bad reference: NUL byte");
  }
  curl_url_set(u.get(), CURLUPART_URL, base.text.c_str(), 0);
  const CURLUcode rc = curl_url_set(u.get(), CURLUPART_URL, ref.c_str(),
                                    CURLU_NON_SUPPORT_SCHEME);
  if (rc != CURLUE_OK) {
    return Status::BadInput(ref + ": not a URL: " + curl_url_strerror(rc));
  }
  return FromHandle(u.get(), reference);
}

}  // namespace concord::fetch
