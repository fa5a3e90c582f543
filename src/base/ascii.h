// ASCII helpers for protocol and markup text (HTTP and WARC headers,
// robots.txt, HTML tag and attribute names, charset labels): case folding
// and white space exactly as those formats define them, never
// locale-dependent. Text in natural language goes through src/text (ICU).
#ifndef CONCORD_BASE_ASCII_H_
#define CONCORD_BASE_ASCII_H_

#include <string>
#include <string_view>

namespace concord {

inline char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string AsciiLowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

inline bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

inline bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         EqualsNoCase(s.substr(0, prefix.size()), prefix);
}

// The HTML Standard's ASCII white space: space, tab, LF, FF, CR.
inline bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// A header line's value: spaces and tabs off the front, and spaces, tabs
// and line ends off the back (RFC 9110 optional white space, CRLF).
inline std::string_view TrimHeaderSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' ||
                        s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace concord

#endif  // CONCORD_BASE_ASCII_H_
