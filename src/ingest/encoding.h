// Character encodings: raw file bytes in, valid UTF-8 out.
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

// Rewrites CRLF and lone CR as \n, in place. O(text.size()).
void NormalizeLineEndings(std::string* text);

}  // namespace concord::ingest

#endif  // CONCORD_INGEST_ENCODING_H_
