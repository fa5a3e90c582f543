// Character encodings: raw file bytes in, valid UTF-8 out. Text files go
// through DecodeToUtf8 (strict: doubtful bytes are an error); web pages go
// through DecodeHtmlToUtf8 (lenient: the page's own declarations decide, and
// bad bytes become U+FFFD), described further down.
//
// DecodeToUtf8 decides what the bytes are, in this order:
//   1. empty                   -> error "<name>: empty file"
//   2. a byte order mark       -> UTF-8, UTF-16LE/BE or UTF-32LE/BE; the BOM
//                                 is dropped and the rest must be valid in
//                                 that encoding (no guessing after a BOM)
//   3. NUL bytes in the first 8 KiB laid out like BOM-less UTF-16/32 text
//      (ASCII-range text gives a zero every second or fourth byte)
//                              -> decoded as such, when it converts cleanly
//   4. binary                  -> error "<name>: binary data (NUL byte at
//                                 offset N)" for a NUL anywhere in the file, or
//                                 "<name>: binary data (control byte 0xHH at
//                                 offset N; K of the first M bytes are control
//                                 bytes)" when more than 10% of the first
//                                 8 KiB are C0 controls other than \t \n \v \f
//                                 \r, or DEL
//   5. valid UTF-8             -> taken as is
//   6. uchardet's guess (when options.allow_detection) converted with ICU,
//      accepted only when the guess is "confident": uchardet names a non-UTF
//      charset, ICU converts every byte (no unmapped or illegal sequences),
//      the result holds no C1 controls or private-use characters, at least
//      90% of its non-ASCII characters are letters, marks, digits or common
//      prose punctuation (quotes, dashes, guillemets, NBSP, euro...) rather
//      than odd symbols (macron, not sign, box drawing...), and the bytes do
//      not look like damaged UTF-8 (as many valid multi-byte UTF-8 sequences
//      as invalid ones). ISO-8859-1 is read as its superset windows-1252, as
//      browsers do.
//   7. otherwise               -> error "<name>: invalid UTF-8 at byte N
//                                 (line L)", N the first invalid byte
//                                 (0-based, counting any BOM), L 1-based.
// Line endings in the result are normalised to \n (CRLF and lone CR).
// Errors are Status::BadInput; offsets are into the `bytes` given.
//
// Thread safety: all functions are reentrant; each call opens its own ICU
// converter and uchardet detector. Cost: O(bytes.size()); detection feeds at
// most the first 4 MiB to uchardet; conversion streams through a fixed
// buffer, so memory is the output plus O(1).
#ifndef CONCORD_INGEST_ENCODING_H_
#define CONCORD_INGEST_ENCODING_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "concord/status.h"

namespace concord::ingest {

struct DecodeOptions {
  // Step 6 above. false: anything that is not UTF-8 (or announced by a BOM)
  // is an error.
  bool allow_detection = true;
};

// `name` is only used in error messages (usually the file path).
Result<std::string> DecodeToUtf8(std::string_view bytes, std::string_view name,
                                 const DecodeOptions& options = {});

// Offset of the first byte of the first ill-formed UTF-8 sequence in `bytes`,
// or std::string_view::npos when all of it is valid UTF-8. Ill-formed per
// Unicode 15 table 3-7: stray continuation bytes, C0/C1/F5-FF leads,
// overlong forms, surrogates (U+D800-DFFF), code points above U+10FFFF, and
// sequences cut short by a non-continuation byte or by the end of `bytes`.
size_t FindInvalidUtf8(std::string_view bytes);

// Appends code point `cp` as UTF-8. REQUIRES: cp is a Unicode scalar value
// (not a surrogate, at most U+10FFFF).
void AppendUtf8(uint32_t cp, std::string* out);

// Rewrites CRLF and lone CR as \n, in place. O(text.size()).
void NormalizeLineEndings(std::string* text);

// ---- HTML pages ---------------------------------------------------------
//
// DecodeHtmlToUtf8 decodes a web page the way a browser would, in this order
// (the HTML standard's encoding sniffing, section 13.2.3):
//   1. a byte order mark: UTF-8, UTF-16BE or UTF-16LE (dropped);
//   2. the charset parameter of `http_content_type` (the HTTP Content-Type
//      header, e.g. from a WARC response record), when it names an encoding;
//   3. a prescan of the first 4 KiB for <meta charset=...> or <meta
//      http-equiv="Content-Type" content="...; charset=...">, skipping
//      comments and other tags' attributes (a UTF-16 label found there means
//      UTF-8, as the standard says);
//   4. the encoding of an XML declaration at the very start
//      (<?xml version="1.0" encoding="..."?>), for XHTML;
//   5. bytes that are valid UTF-8 are UTF-8;
//   6. uchardet's guess, accepted under the same conditions as step 6 of
//      DecodeToUtf8;
//   7. windows-1252, the browsers' default.
// Labels are compared ignoring ASCII case and surrounding spaces and mapped
// as the WHATWG Encoding Standard maps them: "iso-8859-1", "latin1",
// "us-ascii" and "ascii" mean windows-1252, "iso-8859-9" windows-1254,
// "gb2312" GBK, "tis-620" windows-874, "utf-16" UTF-16LE. Unknown labels are
// ignored (the next step decides).
// Decoding never fails: ill-formed bytes become U+FFFD (one per maximal
// ill-formed subpart), NUL becomes U+FFFD, line endings become \n, and the
// result is always valid UTF-8. Cost: O(bytes.size()); ICU converters only
// for encodings other than UTF-8.

enum class CharsetSource {
  kBom,
  kHttp,
  kMeta,
  kXmlDeclaration,
  kUtf8,
  kDetected,
  kDefault
};

// "bom", "http", "meta", "xml", "utf-8", "detected", "default".
const char* CharsetSourceName(CharsetSource source);

// What DecodeHtmlToUtf8 used.
struct HtmlCharset {
  std::string name;  // "UTF-8", "windows-1252", ... (uchardet's upper-case
                     // name for kDetected)
  CharsetSource source = CharsetSource::kDefault;
};

// Decodes an HTML page to UTF-8 (see above). `used`, when non-null, receives
// the encoding chosen and why.
std::string DecodeHtmlToUtf8(std::string_view bytes,
                             std::string_view http_content_type = {},
                             HtmlCharset* used = nullptr);

// The encoding a label names (an ICU converter name such as "windows-1252"),
// or nullptr when the label is not in the table.
const char* EncodingForLabel(std::string_view label);

// The value of the charset parameter in a Content-Type value or a meta
// content attribute ("text/html; charset=\"utf-8\"" -> utf-8), quotes
// removed; empty when there is none. A view into `content_type`.
std::string_view CharsetFromContentType(std::string_view content_type);

// The encoding declared by a <meta> element in the first 4 KiB of `bytes`,
// or nullptr (step 3 above).
const char* PrescanMetaCharset(std::string_view bytes);

// `bytes` with every maximal ill-formed UTF-8 subpart replaced by U+FFFD.
std::string ReplaceInvalidUtf8(std::string_view bytes);

}  // namespace concord::ingest

#endif  // CONCORD_INGEST_ENCODING_H_
