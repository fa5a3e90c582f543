// JSON renderer; the schema is docs/output.md. Field order is fixed so that
// output diffs cleanly between runs.
#include <emmintrin.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "concord/render.h"
#include "src/base/short_string.h"
#include "src/base/u64_set.h"

namespace concord {
namespace {

const char* CodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kIoError:
      return "io_error";
    case StatusCode::kBadInput:
      return "bad_input";
    case StatusCode::kUnsupported:
      return "unsupported";
    case StatusCode::kInternal:
      return "internal";
  }
  return "internal";
}

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x80 * kOnes;

// Whether any of the eight bytes of x is a control character (< 0x20), '"',
// '\\' or a byte >= 0x80 (not escaped, but left to the byte loop). The
// last three tests are the exact "has a byte less than n" and "has a zero
// byte" bit tricks, exact on bytes below 0x80 (others are caught first).
[[gnu::always_inline]] inline bool NeedsEscape8(uint64_t x) {
  const uint64_t low7 = ~x & kHighBits;  // high bit of each byte < 0x80
  auto has_zero = [low7](uint64_t v) { return (v - kOnes) & ~v & low7; };
  return (x & kHighBits) != 0 || ((x - 0x20 * kOnes) & low7) != 0 ||
         has_zero(x ^ ('"' * kOnes)) != 0 || has_zero(x ^ ('\\' * kOnes)) != 0;
}

// The length of s's longest prefix that needs no escaping and no UTF-8
// check: printable ASCII without '"' or '\\'. Sixteen bytes at a time (as
// signed bytes, those >= 0x80 are negative, so one "less than 0x20" test
// catches them with the control characters), the last block overlapping
// the one before; a string under 16 bytes (keys, ids, dates: most calls)
// as one 8-byte word assembled from overlapping loads, with plain filler.
size_t PlainPrefix(std::string_view s) {
  const char* const p = s.data();
  const size_t n = s.size();
  if (n >= 16) {
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    for (size_t i = 0;; i += 16) {
      if (i + 16 > n) i = n - 16;  // bytes before n - 16 were plain
      const __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const __m128i bad = _mm_or_si128(
          _mm_cmplt_epi8(v, space),
          _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
      const int mask = _mm_movemask_epi8(bad);
      if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(mask));
      if (i + 16 == n) return n;
    }
  }
  bool plain;
  if (n >= 8) {
    plain = !NeedsEscape8(LoadU64(p)) && !NeedsEscape8(LoadU64(p + n - 8));
  } else if (n >= 4) {
    plain = !NeedsEscape8(LoadU32(p) | LoadU32(p + n - 4) << 32);
  } else if (n > 0) {
    const uint64_t x = (kOnes * 'a' << 24) |
                       uint64_t{static_cast<unsigned char>(p[0])} |
                       uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
                       uint64_t{static_cast<unsigned char>(p[n - 1])} << 16;
    plain = !NeedsEscape8(x);
  } else {
    return 0;
  }
  if (plain) return n;
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') return i;
  }
  return n;
}

// Bytes of v that need escaping or a UTF-8 check, as 0xFF lanes: a
// control character, '"', '\\' or a byte >= 0x80 (as a signed byte, those
// are negative, so one "less than 0x20" test catches them too).
[[gnu::always_inline]] inline __m128i Special(__m128i v) {
  return _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                   _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
}

// Whether any byte of v needs escaping or a UTF-8 check.
[[gnu::always_inline]] inline bool AnySpecial(__m128i v) {
  return _mm_movemask_epi8(Special(v)) != 0;
}

// Copies the n bytes at src to dst and says whether they are all plain
// (printable ASCII without '"' or '\\'), checking while copying: one pass
// over the bytes, and no memcpy call for the short strings most calls
// write (keys' values: ids, dates, names). Writes only within
// [dst, dst + n): 16-byte blocks, the last overlapping the one before; a
// string under 16 bytes as two overlapping words (or three bytes), checked
// as one block with plain filler. When the answer is false, what was
// written is to be overwritten.
[[gnu::always_inline]] inline bool CopyIfPlain(char* dst, const char* src,
                                               size_t n) {
  if (n >= 16) {
    auto copy = [src, dst](size_t i) {
      const __m128i v =
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), v);
      return v;
    };
    // Two blocks a step, one test for both (long texts: briefs, quotes).
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
      const __m128i a = copy(i);
      const __m128i b = copy(i + 16);
      if (_mm_movemask_epi8(_mm_or_si128(Special(a), Special(b))) != 0) {
        return false;
      }
    }
    if (i + 16 <= n) {
      if (AnySpecial(copy(i))) return false;
      i += 16;
    }
    // The rest as the last block, overlapping bytes already checked.
    return i == n || !AnySpecial(copy(n - 16));
  }
  constexpr int kFill = 0x61616161;  // "aaaa": plain
  __m128i v;
  if (n >= 8) {
    const uint64_t lo = LoadU64(src);
    const uint64_t hi = LoadU64(src + n - 8);
    std::memcpy(dst, &lo, 8);
    std::memcpy(dst + n - 8, &hi, 8);
    v = _mm_set_epi64x(static_cast<int64_t>(hi), static_cast<int64_t>(lo));
  } else if (n >= 4) {
    int32_t lo, hi;
    std::memcpy(&lo, src, 4);
    std::memcpy(&hi, src + n - 4, 4);
    std::memcpy(dst, &lo, 4);
    std::memcpy(dst + n - 4, &hi, 4);
    v = _mm_set_epi32(kFill, kFill, hi, lo);
  } else if (n > 0) {
    const char a = src[0], b = src[n / 2], c = src[n - 1];
    dst[0] = a;
    dst[n / 2] = b;
    dst[n - 1] = c;
    const int word = static_cast<unsigned char>(a) |
                     static_cast<unsigned char>(b) << 8 |
                     static_cast<unsigned char>(c) << 16 | 0x61 << 24;
    v = _mm_set_epi32(kFill, kFill, kFill, word);
  } else {
    return true;
  }
  return !AnySpecial(v);
}

// Writes JSON text directly, in exactly the bytes nlohmann's dump() gives
// for the same document (indent < 0: compact; else `indent` spaces a level,
// ": " after keys; "{}" and "[]" when empty; numbers through nlohmann's own
// shortest round-trip formatting; strings escaped as dump() escapes them with
// ensure_ascii off). Building an ordered_json DOM per story and dumping it
// was 9% of a whole analyze run (callgrind, 1k corpus); writing directly
// skips the DOM's allocations. src/report/json_test.cc holds the two equal.
//
// The text goes into a scratch buffer from its start, through a position:
// a key, a line break with its indent or a short string is a few stores,
// not a string append (a capacity check and a memcpy call each). The
// buffer's size is its room, grown in large steps; a caller that keeps it
// from document to document (one per thread) no longer zero-fills and
// regrows it for every story. Finish() gives the bytes written.
//
// The separator, line break and indent before a key or an element are one
// fixed-size copy out of a prepared ",\n    ..." line (the length to keep,
// line_, follows the nesting as it opens and closes), not a computation
// and a loop per call; the nesting is a fixed array (the schema is
// shallow), so opening a level allocates nothing.
class Writer {
 public:
  // `depth`: the nesting level the document starts at (its lines are
  // indented that much more), so that a story is written already in place
  // in the report's "stories" array. What *scratch held is overwritten.
  Writer(std::string* scratch, int indent, size_t depth = 0)
      : out_(scratch),
        cur_(scratch->data()),
        end_(scratch->data() + scratch->size()),
        step_(indent >= 0 ? static_cast<size_t>(indent) : 0),
        line_(indent >= 0 ? 1 + step_ * depth : 0) {
    sep_[0] = ',';
    sep_[1] = '\n';
    std::memset(sep_ + 2, ' ', sizeof sep_ - 2);
  }

  // The document written. Call once, at the end; valid until the scratch
  // buffer is next written or changed.
  std::string_view Finish() const {
    return {out_->data(), static_cast<size_t>(cur_ - out_->data())};
  }

  void BeginObject() { Open('{', false); }
  void BeginArray() { Open('[', true); }
  void EndObject() { Close('}'); }
  void EndArray() { Close(']'); }

  // A key of the schema: a string literal of printable ASCII with nothing
  // to escape, so its length is a constant (the copy is a few stores, not
  // a memcpy call) and it needs no check.
  template <size_t N>
  void Key(const char (&key)[N]) {
    cur_ = KeyAt(Room(KeyRoom(key)), key);
  }

  // A key and its value in one call, with one check for room: no array
  // check (a key is in an object), one call where a story makes ~100k.
  template <size_t N>
  void KeyString(const char (&key)[N], std::string_view s) {
    cur_ = QuotedAt(KeyAt(Room(KeyRoom(key) + s.size() + 2), key), s);
  }
  template <size_t N>
  void KeyUnsigned(const char (&key)[N], uint64_t v) {
    cur_ = DigitsAt(KeyAt(Room(KeyRoom(key) + kDigits), key), v);
  }

  void String(std::string_view s) {
    cur_ = QuotedAt(ElementAt(Room(ElementRoom() + s.size() + 2)), s);
  }
  void Unsigned(uint64_t v) {
    cur_ = DigitsAt(ElementAt(Room(ElementRoom() + kDigits)), v);
  }
  void Signed(int64_t v) {
    Element();
    char* p = Room(24);
    cur_ = std::to_chars(p, p + 24, v).ptr;
  }
  void Double(double v) {
    Element();
    if (!std::isfinite(v)) {
      Put("null");
      return;
    }
    char* p = Room(64);
    // A whole number from 1 to 2^32 (1.0 is over a quarter of the doubles
    // a 1k run writes): its digits and ".0", as nlohmann writes every integral
    // value below 10^15 (its shortest digits are the integer's own, the
    // rounding interval being far narrower than 1 here); json_test.cc checks
    // the range against nlohmann. Skips a Grisu2 run of ~500 instructions.
    if (v >= 1.0 && v < 4294967296.0) {
      const auto u = static_cast<uint32_t>(v);
      if (static_cast<double>(u) == v) {
        p = std::to_chars(p, p + 24, u).ptr;
        std::memcpy(p, ".0", 2);
        cur_ = p + 2;
        return;
      }
    }
    cur_ = Formatted(p, v);
  }
  void Strings(const std::vector<std::string>& v) {
    BeginArray();
    for (const std::string& s : v) String(s);
    EndArray();
  }

 private:
  struct Frame {
    bool array;
    size_t count;
  };
  // Deeper than the schema nests (7 levels below a story: a quote
  // variant's swap pairs).
  static constexpr size_t kMaxDepth = 16;
  // Bytes Break() copies at once; a line (break and indent) shorter than
  // this is one copy.
  static constexpr size_t kBreakCopy = 32;

  // nlohmann's text of a finite double at p (up to 24 bytes; p has
  // room for 64); past it. Its Grisu2 run is ~500 instructions and the
  // same value often recurs (a pair's score is one of its coverages; one
  // ratio in many pairs): a small per-thread table of the last texts made,
  // indexed by the value's bits, answers those with a copy. The text is a
  // function of the bits alone, so a hit gives the very same bytes.
  static char* Formatted(char* p, double v) {
    struct Entry {
      uint64_t bits = 0;  // 0 (+0.0, never looked up): empty
      uint8_t len = 0;
      char text[24];
    };
    thread_local Entry table[256];
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    // +0.0 (the empty entries' bits) is quick for nlohmann too.
    if (bits == 0) return nlohmann::detail::to_chars(p, p + 64, v);
    Entry& e = table[FibonacciSlot(bits, 56)];
    if (e.bits != bits) {
      char* const end = nlohmann::detail::to_chars(p, p + 64, v);
      const auto len = static_cast<size_t>(end - p);
      if (len > sizeof e.text) return end;  // cannot happen; never cached
      e.bits = bits;
      e.len = static_cast<uint8_t>(len);
      std::memcpy(e.text, p, len);
      return end;
    }
    std::memcpy(p, e.text, sizeof e.text);  // whole entry: room for 64
    return p + e.len;
  }

  // Most bytes a 64-bit integer takes.
  static constexpr size_t kDigits = 20;
  // The room ElementAt() needs.
  size_t ElementRoom() const { return line_ + kBreakCopy; }

  // The room KeyAt() needs.
  template <size_t N>
  size_t KeyRoom(const char (&)[N]) const {
    return line_ + kBreakCopy + (N - 1) + 4;
  }
  // Writes a key of the schema (a string literal of printable ASCII with
  // nothing to escape, so its length is a constant: the copy is a few
  // stores, not a memcpy call, and it needs no check) at p, which has
  // KeyRoom(key) bytes: the separator, line break, indent, quoted key and
  // colon (and the space after it when indenting: the byte is written
  // anyway and kept or not). Returns where the value goes.
  template <size_t N>
  [[gnu::always_inline]] char* KeyAt(char* p, const char (&key)[N]) {
    constexpr size_t kLen = N - 1;
    Frame& f = stack_[top_ - 1];
    p = Break(p, f.count++ > 0);
    *p = '"';
    std::memcpy(p + 1, key, kLen);
    std::memcpy(p + 1 + kLen, "\": ", 3);
    return p + kLen + 3 + (line_ != 0);
  }
  // v's digits at p, which has kDigits bytes; past them.
  static char* DigitsAt(char* p, uint64_t v) {
    return std::to_chars(p, p + kDigits, v).ptr;
  }

  // Room for n more bytes: where the next byte goes.
  [[gnu::always_inline]] char* Room(size_t n) {
    if (static_cast<size_t>(end_ - cur_) < n) Grow(n);
    return cur_;
  }
  [[gnu::noinline]] void Grow(size_t n) {
    const auto pos = static_cast<size_t>(cur_ - out_->data());
    out_->resize(std::max(out_->size() * 2, pos + n + 4096));
    cur_ = out_->data() + pos;
    end_ = out_->data() + out_->size();
  }
  void Put(char c) {
    *Room(1) = c;
    ++cur_;
  }
  void Put(std::string_view s) {
    char* p = Room(s.size());
    std::memcpy(p, s.data(), s.size());
    cur_ += s.size();
  }
  // Writes at p the separator (when `comma`) and, when indenting, the line
  // break and indent; where the next byte goes. Writes up to kBreakCopy +
  // line_ bytes (the room the caller makes), those past the returned
  // position to be overwritten or trimmed.
  [[gnu::always_inline]] char* Break(char* p, bool comma) {
    if (line_ < kBreakCopy) {
      std::memcpy(p, sep_ + !comma, kBreakCopy);
    } else {
      *p = ',';
      p[comma] = '\n';
      std::memset(p + comma + 1, ' ', line_ - 1);
    }
    return p + comma + line_;
  }

  [[gnu::always_inline]] void Open(char c, bool array) {
    char* p = ElementAt(Room(ElementRoom() + 1));
    *p = c;
    cur_ = p + 1;
    assert(top_ < kMaxDepth);
    stack_[top_++] = {array, 0};
    in_array_ = array;
    if (line_ != 0) line_ += step_;
  }
  void Close(char c) {
    const size_t count = stack_[--top_].count;
    in_array_ = top_ > 0 && stack_[top_ - 1].array;
    if (line_ != 0) line_ -= step_;
    char* p = Room(line_ + kBreakCopy + 1);
    if (count > 0) p = Break(p, false);
    *p = c;
    cur_ = p + 1;
  }
  // Before a value, at p (where the next byte goes, with ElementRoom()
  // bytes): inside an array, the separator and the line break (an object's
  // key already wrote them); where the value goes.
  [[gnu::always_inline]] char* ElementAt(char* p) {
    if (!in_array_) return p;
    Frame& f = stack_[top_ - 1];
    return Break(p, f.count++ > 0);
  }
  void Element() { cur_ = ElementAt(Room(ElementRoom())); }
  // s quoted and escaped at p, which has s.size() + 2 bytes of room (all a
  // plain string takes); past it.
  [[gnu::always_inline]] char* QuotedAt(char* p, std::string_view s) {
    // Plain ASCII (ids, dates, most names and numbers): the quotes and the
    // bytes in one go, no UTF-8 check, no escape loop.
    if (CopyIfPlain(p + 1, s.data(), s.size())) {
      p[0] = '"';
      p[s.size() + 1] = '"';
      return p + s.size() + 2;
    }
    cur_ = p;
    Escaped(s);
    return cur_;
  }
  // A string with bytes to escape or check, out of line: the plain case
  // above then needs no stack frame for this one's state.
  [[gnu::noinline]] void Escaped(std::string_view s) {
    if (!ValidUtf8(s)) {
      // As nlohmann replaces invalid bytes (ingest validates, so rare).
      Put(nlohmann::ordered_json(std::string(s))
              .dump(-1, ' ', false,
                    nlohmann::ordered_json::error_handler_t::replace));
      return;
    }
    Put('"');
    size_t run = 0;  // start of the bytes not yet copied
    for (size_t i = 0; i < s.size(); ++i) {
      // Plain stretches at once (most of any text).
      i += PlainPrefix(s.substr(i));
      if (i >= s.size()) break;
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      Put(s.substr(run, i - run));
      run = i + 1;
      switch (c) {
        case '"':
          Put("\\\"");
          break;
        case '\\':
          Put("\\\\");
          break;
        case '\b':
          Put("\\b");
          break;
        case '\t':
          Put("\\t");
          break;
        case '\n':
          Put("\\n");
          break;
        case '\f':
          Put("\\f");
          break;
        case '\r':
          Put("\\r");
          break;
        default: {
          static const char kHex[] = "0123456789abcdef";
          const char esc[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          Put(std::string_view(esc, sizeof esc));
        }
      }
    }
    Put(s.substr(run));
    Put('"');
  }
  // Well-formed UTF-8 (no overlong forms, surrogates or code points past
  // U+10FFFF): what nlohmann's decoder accepts.
  static bool ValidUtf8(std::string_view s) {
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
      // ASCII eight bytes at a time.
      while (i + 8 <= n && (LoadU64(s.data() + i) & kHighBits) == 0) i += 8;
      if (i >= n) break;
      const auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x80) {
        ++i;
        continue;
      }
      auto cont = [&](size_t k) {
        return i + k < n &&
               (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
      };
      const auto c1 = i + 1 < n ? static_cast<unsigned char>(s[i + 1]) : 0;
      if (c >= 0xC2 && c <= 0xDF) {
        if (!cont(1)) return false;
        i += 2;
      } else if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2)) return false;
        if (c == 0xE0 && c1 < 0xA0) return false;  // overlong
        if (c == 0xED && c1 > 0x9F) return false;  // surrogate
        i += 3;
      } else if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3)) return false;
        if (c == 0xF0 && c1 < 0x90) return false;  // overlong
        if (c == 0xF4 && c1 > 0x8F) return false;  // past U+10FFFF
        i += 4;
      } else {
        return false;
      }
    }
    return true;
  }

  std::string* out_;
  // Where the next byte goes, and the end of the room (out_'s size: the
  // text is [out_->data(), cur_)).
  char* cur_;
  char* end_;
  size_t step_;     // spaces a level (0: one line)
  // The line break and indent at the current level: 1 + their spaces, or
  // 0 on one line.
  size_t line_;
  Frame stack_[kMaxDepth];
  size_t top_ = 0;         // levels open
  bool in_array_ = false;  // the innermost open level is an array
  // ",\n" and spaces, from which Break() copies.
  char sep_[kBreakCopy + 2];
};

void WriteArticle(Writer& w, const ArticleSummary& a) {
  w.BeginObject();
  w.KeyString("id", a.id);
  w.KeyString("title", a.title);
  w.KeyString("source", a.source);
  w.KeyString("url", a.url);
  w.KeyString("published", a.published);
  w.KeyString("lang", a.lang);
  w.KeyString("origin", a.origin);
  w.KeyUnsigned("words", a.words);
  w.KeyUnsigned("bytes", a.bytes);
  w.Key("headings");
  w.Strings(a.headings);
  w.Key("captions");
  w.Strings(a.captions);
  w.Key("credits");
  w.Strings(a.credits);
  w.Key("dropped");
  w.Strings(a.dropped);
  if (!a.role.empty()) {
    w.KeyString("role", a.role);
  }
  if (a.family >= 0) {
    w.Key("family");
    w.Signed(a.family);
  }
  if (!a.derived_from.empty()) {
    w.KeyString("derived_from", a.derived_from);
  }
  if (!a.swaps.empty()) {
    w.Key("swaps");
    w.BeginArray();
    for (const auto& [from, to] : a.swaps) {
      w.BeginObject();
      w.KeyString("from", from);
      w.KeyString("to", to);
      w.EndObject();
    }
    w.EndArray();
  }
  if (!a.body.empty()) {
    w.KeyString("body", a.body);
  }
  w.EndObject();
}

// Depth of the elements of the report's "stories" array.
constexpr size_t kStoryDepth = 2;

// One story as its element of the report's "stories" array, indented for
// that place (its first line's indent is the array's to write).
std::string StoryText(const Story& st,
                      const std::vector<ArticleSummary>& articles, int indent) {
  // Stories are rendered on the engine's worker threads: one scratch buffer
  // each, kept at its largest story's size, then one exact-size copy out.
  thread_local std::string scratch;
  Writer w(&scratch, indent, kStoryDepth);
  auto ids = [&](const std::vector<uint32_t>& v) {
    w.BeginArray();
    for (uint32_t i : v) w.String(articles[i].id);
    w.EndArray();
  };
  w.BeginObject();
  w.KeyUnsigned("id", st.id);
  w.KeyString("headline", st.headline);
  w.KeyUnsigned("size", st.articles.size());
  w.KeyString("first_published", st.first_published);
  w.KeyString("last_published", st.last_published);
  w.Key("keywords");
  w.Strings(st.keywords);
  w.Key("articles");
  w.BeginArray();
  for (uint32_t i : st.articles) WriteArticle(w, articles[i]);
  w.EndArray();
  w.Key("families");
  w.BeginArray();
  for (const Family& f : st.families) {
    w.BeginObject();
    w.KeyString("origin", articles[f.articles.front()].id);
    w.Key("articles");
    ids(f.articles);
    w.EndObject();
  }
  w.EndArray();
  w.Key("relations");
  w.BeginArray();
  for (const PairwiseRelation& r : st.relations) {
    w.BeginObject();
    w.KeyString("a", articles[r.a].id);
    w.KeyString("b", articles[r.b].id);
    w.KeyString("relation", r.relation);
    w.Key("score");
    w.Double(r.score);
    w.Key("coverage_a");
    w.Double(r.coverage_a);
    w.Key("coverage_b");
    w.Double(r.coverage_b);
    w.KeyUnsigned("longest_passage", r.longest_passage);
    w.KeyUnsigned("swaps", r.swaps);
    w.EndObject();
  }
  w.EndArray();
  w.Key("facts");
  w.BeginArray();
  for (const FactClaim& c : st.claims) {
    w.BeginObject();
    w.KeyString("kind", c.kind);
    w.KeyString("slot", c.slot);
    w.KeyString("value", c.value);
    w.Key("texts");
    w.Strings(c.texts);
    w.Key("articles");
    ids(c.articles);
    w.KeyUnsigned("sources", c.sources);
    w.KeyString("status", c.status);
    if (!c.flag.empty()) {
      w.KeyString("flag", c.flag);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("conflicts");
  w.BeginArray();
  for (const FactConflict& c : st.conflicts) {
    w.BeginObject();
    w.KeyString("kind", c.kind);
    w.KeyString("slot", c.slot);
    w.Key("sides");
    w.BeginArray();
    for (const FactConflictSide& side : c.sides) {
      w.BeginObject();
      w.KeyString("value", side.value);
      w.Key("articles");
      ids(side.articles);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("entities");
  w.BeginArray();
  for (const EntityGroup& e : st.entities) {
    w.BeginObject();
    w.KeyString("name", e.name);
    w.KeyString("type", e.type);
    w.Key("variants");
    w.Strings(e.variants);
    w.Key("articles");
    ids(e.articles);
    w.KeyUnsigned("sources", e.sources);
    w.EndObject();
  }
  w.EndArray();
  w.Key("quotes");
  w.BeginArray();
  for (const QuoteGroup& q : st.quotes) {
    w.BeginObject();
    w.KeyString("speaker", q.speaker);
    w.KeyUnsigned("sources", q.sources);
    w.Key("variants");
    w.BeginArray();
    for (const QuoteVariant& v : q.variants) {
      w.BeginObject();
      w.KeyString("article", articles[v.article].id);
      w.KeyString("text", v.text);
      if (!v.venue.empty()) {
        w.KeyString("venue", v.venue);
      }
      if (!v.flag.empty()) {
        w.KeyString("flag", v.flag);
      }
      if (!v.swaps.empty()) {
        w.Key("swaps");
        w.BeginArray();
        for (const auto& [from, to] : v.swaps) {
          w.BeginArray();
          w.String(from);
          w.String(to);
          w.EndArray();
        }
        w.EndArray();
      }
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("brief");
  w.BeginArray();
  for (const BriefSentence& b : st.brief) {
    w.BeginObject();
    w.KeyString("article", articles[b.article].id);
    w.KeyString("text", b.text);
    w.Key("supported_by");
    ids(b.supported_by);
    w.KeyUnsigned("sources", b.sources);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(w.Finish());
}

std::string Dump(const nlohmann::ordered_json& j, int indent) {
  // Invalid UTF-8 cannot reach here (ingest validates), but never throw.
  return j.dump(indent, ' ', false,
                nlohmann::ordered_json::error_handler_t::replace);
}

// Stands for the stories array in the dumped head, to be cut out: the first
// string value of the document (the schema name aside), so its first
// occurrence is the placeholder itself.
constexpr char kStoriesMark[] = "\x01concord-stories\x01";

// The document without its stories, cut where the stories array goes.
std::pair<std::string, std::string> HeadAndTail(
    size_t articles, size_t stories, const std::vector<Status>& errors,
    const std::vector<Status>& warnings, int indent) {
  nlohmann::ordered_json root;
  root["schema"] = "concord.report/1";
  nlohmann::ordered_json summary;
  summary["articles"] = articles;
  summary["stories"] = stories;
  summary["errors"] = errors.size();
  summary["warnings"] = warnings.size();
  root["summary"] = summary;
  root["stories"] = kStoriesMark;
  nlohmann::ordered_json errs = nlohmann::ordered_json::array();
  for (const Status& e : errors) {
    errs.push_back({{"code", CodeName(e.code())}, {"message", e.message()}});
  }
  root["errors"] = std::move(errs);
  nlohmann::ordered_json warns = nlohmann::ordered_json::array();
  for (const Status& w : warnings) warns.push_back(w.message());
  root["warnings"] = std::move(warns);
  const std::string doc = Dump(root, indent) + "\n";
  const std::string mark = Dump(nlohmann::ordered_json(kStoriesMark), indent);
  const size_t at = doc.find(mark);
  return {doc.substr(0, at), doc.substr(at + mark.size())};
}

// The layout nlohmann gives an array of objects two levels deep: each
// element on its own line, indented twice, its own lines shifted as much.
class StoriesArray {
 public:
  explicit StoriesArray(int indent) : indent_(indent) {}
  // Text before the story number `index` (0-based), whose StoryText
  // follows as it is.
  std::string Before(size_t index) const {
    if (indent_ < 0) return index == 0 ? "[" : ",";
    std::string out = index == 0 ? "[\n" : ",\n";
    out.append(static_cast<size_t>(indent_) * kStoryDepth, ' ');
    return out;
  }
  // Text after `count` stories.
  std::string Close(size_t count) const {
    if (count == 0) return "[]";
    if (indent_ < 0) return "]";
    return "\n" + std::string(static_cast<size_t>(indent_), ' ') + "]";
  }

 private:
  int indent_;
};

}  // namespace

std::string RenderJson(const Report& report, const JsonRenderOptions& options) {
  auto [head, tail] =
      HeadAndTail(report.articles.size(), report.stories.size(), report.errors,
                  report.warnings, options.indent);
  const StoriesArray array(options.indent);
  std::string out = std::move(head);
  for (size_t k = 0; k < report.stories.size(); ++k) {
    out += array.Before(k);
    out += StoryText(report.stories[k], report.articles, options.indent);
  }
  out += array.Close(report.stories.size());
  out += tail;
  return out;
}

JsonReportWriter::JsonReportWriter(std::FILE* out, JsonRenderOptions options)
    : out_(out), options_(options) {}

Status JsonReportWriter::Put(std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), out_) != text.size()) {
    return Status::IoError("cannot write the JSON report");
  }
  return Status::Ok();
}

Status JsonReportWriter::Begin(const Report& head, size_t articles,
                               size_t stories) {
  auto [before, after] = HeadAndTail(articles, stories, head.errors,
                                     head.warnings, options_.indent);
  tail_ = std::move(after);
  written_ = 0;
  return Put(before);
}

std::string JsonReportWriter::Render(
    const Story& story, const std::vector<ArticleSummary>& articles) const {
  return StoryText(story, articles, options_.indent);
}

Status JsonReportWriter::Write(const std::string& rendered) {
  if (Status s = Put(StoriesArray(options_.indent).Before(written_++));
      !s.ok()) {
    return s;
  }
  return Put(rendered);
}

Status JsonReportWriter::End() {
  Status s = Put(StoriesArray(options_.indent).Close(written_) + tail_);
  if (s.ok() && std::fflush(out_) != 0) {
    s = Status::IoError("cannot write the JSON report");
  }
  return s;
}

}  // namespace concord
