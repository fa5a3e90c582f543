// WordNet 3.0 reader and word relations.
//
// WordNet (Miller 1995; Fellbaum 1998) groups lemmas into synsets, sets of
// words that share a sense, linked by typed pointers. It ships as plain text:
// per part of speech a data file (one synset per line, addressed by byte
// offset), an index (lemma -> offsets of its synsets) and a list of irregular
// inflections. Relate() reports the strongest one-step link between any sense
// of one word and any sense of the other: same base form, shared synset,
// similar-to, derivational pointer, direct hypernym. Longer paths (dog ->
// canine -> carnivore <- feline <- cat) are not followed: in news text they
// relate nearly everything.
//
// Base forms come from morphy (morphy(7WN), morph.c): the exception list if
// it has the word, else every detachment rule of the part of speech whose
// suffix matches ("ies" -> "y", "ing" -> "e"), a candidate counting only if
// it is a lemma of that part of speech; nouns in "ss" are not detached,
// "-ful" nouns are detached before the suffix, and collocations are also
// tried word by word ("taking_place" -> "take_place").
//
// Layout: lemmas are interned once (no per-word heap strings; most are
// views of the kept index files, the others copied into an arena), each
// with the position of its line in each index file; synsets
// get dense ids, nouns first, each with the position of its data line. The
// index and data files are kept whole, and a lemma's synsets, a synset's
// words and pointers, are read from their lines only when Relate() needs
// them: Load() reads just the first fields of each line, about a third of
// what parsing every line cost, and Relate() reads the lines of the few
// dozen synsets of two words. Each line is parsed once: a lemma's synsets
// and a synset's words and pointers (with their targets' ids) are kept in
// a slot per lemma and per synset (MemoSlots), published lock-free, so
// that a process relating many pairs reads each line once, as eager
// loading did, but only the lines it needs. Relate() follows each pointer from either end
// (the pointers of a's synsets towards b's, then b's towards a's), so no
// reversed or symmetric lists are needed; lexical pointers relate the words
// they name, found among the synsets of each lemma, over every part of
// speech.
//
// The tag counts (cntlist.rev) are read on first use.
//
// Cost: Load() ~99 M instructions for WordNet 3.0: a fast path reads the
// usual fixed-width fields at once (a data line's head at fixed places, an
// index lemma eight bytes at a time) and falls back, line by line, to the
// plain field reader, which also names any error. Relate() is a few dozen
// hash probes for morphy plus binary searches in small sorted synset sets,
// and the parsing of the lines of its lemmas and synsets not parsed yet. Covered by
// wordnet_test.cc: a synthetic dictionary pinning each rule, malformed
// files, and a golden table over the installed WordNet 3.0; and by
// wordnet_reference_test.cc: answers against a plain reading of the files.
#include "src/compare/wordnet.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <span>
#include <unordered_map>
#include <utility>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/base/env.h"
#include "src/base/hash.h"
#include "src/base/short_string.h"

namespace concord::compare {
namespace {

enum Pos : uint8_t { kNoun = 0, kVerb, kAdj, kAdv, kPosCount };
constexpr std::array<const char*, kPosCount> kPosSuffix = {"noun", "verb",
                                                           "adj", "adv"};
constexpr uint32_t kNoId = UINT32_MAX;
// Collocations with more words than this are only looked up whole.
constexpr size_t kMaxCollocationWords = 8;
// Word-by-word morphy of a collocation tries at most this many combinations.
constexpr size_t kMaxCollocationCandidates = 64;

struct Rule {
  std::string_view suffix, ending;
};
constexpr Rule kNounRules[] = {{"s", ""},      {"ses", "s"},   {"xes", "x"},
                               {"zes", "z"},   {"ches", "ch"}, {"shes", "sh"},
                               {"men", "man"}, {"ies", "y"}};
constexpr Rule kVerbRules[] = {{"s", ""},    {"ies", "y"}, {"es", "e"},
                               {"es", ""},   {"ed", "e"},  {"ed", ""},
                               {"ing", "e"}, {"ing", ""}};
constexpr Rule kAdjRules[] = {
    {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};
constexpr std::array<std::span<const Rule>, kPosCount> kRules = {
    kNounRules, kVerbRules, kAdjRules, {}};

bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// "  New   Year " -> "new_year": ASCII lower case, runs of white space and
// underscores folded into one '_', none at either end. Writes into `out`,
// reusing its buffer (the loader folds ~360k words through one string).
void FoldInto(std::string_view in, std::string* out) {
  // Most lemmas are already folded (lower case, no space or '_'): copied
  // as they are.
  bool plain = true;
  for (char c : in) {
    if ((c >= 'A' && c <= 'Z') || c == '_' || IsSpace(c)) {
      plain = false;
      break;
    }
  }
  if (plain) {
    out->assign(in);
    return;
  }
  // Never longer than `in`: written through a pointer, not push_back.
  out->resize(in.size());
  char* const begin = out->data();
  char* o = begin;
  bool gap = false;
  for (char c : in) {
    if (IsSpace(c) || c == '_') {
      gap = true;
      continue;
    }
    if (gap && o != begin) *o++ = '_';
    gap = false;
    *o++ = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  out->resize(static_cast<size_t>(o - begin));
}

std::string Fold(std::string_view in) {
  std::string out;
  FoldInto(in, &out);
  return out;
}

// A word field without its adjective marker ("(a)", "(p)", "(ip)"), each
// tried once in this order.
std::string_view StripMarker(std::string_view field) {
  if (field.empty() || field.back() != ')') return field;
  for (std::string_view marker : {"(a)", "(p)", "(ip)"}) {
    if (field.ends_with(marker)) field.remove_suffix(marker.size());
  }
  return field;
}

// 'n', 'v', 'a' or 's' (adjective satellite), 'r'.
bool PosFromChar(char c, Pos* p) {
  switch (c) {
    case 'n': *p = kNoun; return true;
    case 'v': *p = kVerb; return true;
    case 'a': case 's': *p = kAdj; return true;
    case 'r': *p = kAdv; return true;
    default: return false;
  }
}

// Strings interned once; ids are dense from 0. Open addressing with
// linear probing, at most half full. A string that lives as long as the
// Interner (a lemma in a kept index file) is referred to where it is; others
// are copied into arena chunks: copying the ~150k index lemmas cost a
// library call apiece.
class Interner {
 public:
  uint32_t Find(std::string_view s) const {
    if (slots_.empty()) return kNoId;
    return slots_[Slot(s, HashOf(s))];
  }
  // The id of `s`, interned if new. With `stable`, `s` outlives the
  // Interner and is not copied.
  uint32_t Intern(std::string_view s, bool stable = false) {
    const uint32_t h = HashOf(s);
    size_t slot = 0;
    if (!slots_.empty()) {
      slot = Slot(s, h);
      if (const uint32_t id = slots_[slot]; id != kNoId) return id;
    }
    const auto id = static_cast<uint32_t>(size());
    if (2 * (size() + 1) > slots_.size()) {
      Grow();
      slot = Slot(s, h);  // the empty slot that ends its probe now
    }
    texts_.push_back(stable ? s.data() : Copy(s));
    sizes_.push_back(static_cast<uint32_t>(s.size()));
    hashes_.push_back(h);
    slots_[slot] = id;  // Slot() probed up to this empty slot
    return id;
  }
  // Room for `n` strings without growing.
  void Reserve(size_t n) {
    size_t slots = 1024;
    while (slots < 2 * n) slots *= 2;
    if (slots > slots_.size()) {
      slots_.assign(slots, kNoId);
      for (uint32_t id = 0; id < size(); ++id) Place(id);
    }
    texts_.reserve(n);
    sizes_.reserve(n);
    hashes_.reserve(n);
  }
  std::string_view Get(uint32_t id) const {
    return std::string_view(texts_[id], sizes_[id]);
  }
  size_t size() const { return texts_.size(); }

 private:
  static constexpr size_t kChunk = 16 << 10;
  // HashShortString, inlined: the loader hashes ~370k short strings, for
  // which a library call cost more than the hashing.
  static uint32_t HashOf(std::string_view s) {
    return static_cast<uint32_t>(HashShortString(s));
  }
  // Twice the slots (Reserve() makes this rare). Out of line, as Copy():
  // Intern() is called for every index line.
  [[gnu::noinline]] void Grow() {
    slots_.assign(std::max<size_t>(1024, 2 * slots_.size()), kNoId);
    for (uint32_t i = 0; i < size(); ++i) Place(i);
  }
  // A copy of `s` in the arena, which never moves what it holds.
  [[gnu::noinline]] const char* Copy(std::string_view s) {
    if (s.size() > chunk_left_) {
      const size_t n = std::max(kChunk, s.size());
      chunks_.push_back(std::make_unique<char[]>(n));
      chunk_next_ = chunks_.back().get();
      chunk_left_ = n;
    }
    char* const out = chunk_next_;
    if (!s.empty()) std::memcpy(out, s.data(), s.size());
    chunk_next_ += s.size();
    chunk_left_ -= s.size();
    return out;
  }
  // The slot holding `s` (hash h), or the empty slot that ends its probe.
  size_t Slot(std::string_view s, uint32_t h) const {
    for (size_t i = h & (slots_.size() - 1);;
         i = (i + 1) & (slots_.size() - 1)) {
      const uint32_t id = slots_[i];
      if (id == kNoId) return i;
      if (hashes_[id] == h && sizes_[id] == s.size() &&
          std::memcmp(texts_[id], s.data(), s.size()) == 0) {
        return i;
      }
    }
  }
  void Place(uint32_t id) {
    size_t i = hashes_[id] & (slots_.size() - 1);
    while (slots_[i] != kNoId) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = id;
  }

  std::vector<const char*> texts_;  // id -> its bytes (kept or in chunks_)
  std::vector<uint32_t> sizes_;     // id -> size
  std::vector<uint32_t> hashes_;    // id -> HashOf()
  std::vector<uint32_t> slots_;     // ids, kNoId when empty; a power of two
  std::vector<std::unique_ptr<char[]>> chunks_;  // copies
  char* chunk_next_ = nullptr;
  size_t chunk_left_ = 0;
};

bool Intersects(const std::vector<uint32_t>& a,
                const std::vector<uint32_t>& b) {
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i == *j) return true;
    *i < *j ? ++i : ++j;
  }
  return false;
}
void AddUnique(std::vector<uint32_t>* v, uint32_t x) {
  if (std::find(v->begin(), v->end(), x) == v->end()) v->push_back(x);
}
void SortUnique(std::vector<uint32_t>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}
std::string OffsetText(uint32_t offset) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%08u", offset);
  return buf;
}

// The space-separated fields of one line. The first failure sticks; reads
// after it return empty fields and zeros.
class Fields {
 public:
  explicit Fields(std::string_view line) : rest_(line) {}

  std::string_view Next(const char* what) {
    const char* p = rest_.data();
    const char* const end = p + rest_.size();
    while (p < end && *p == ' ') ++p;
    const void* space = std::memchr(p, ' ', static_cast<size_t>(end - p));
    const char* q = space != nullptr ? static_cast<const char*>(space) : end;
    const std::string_view field(p, static_cast<size_t>(q - p));
    rest_ = std::string_view(q, static_cast<size_t>(end - q));
    if (field.empty()) Fail(std::string("missing ") + what);
    return ok() ? field : std::string_view();
  }
  // A word or lemma, folded, without an adjective marker ("(a)", "(p)",
  // "(ip)"); fails if nothing is left.
  std::string Word(const char* what) {
    std::string word = Fold(StripMarker(Next(what)));
    if (ok() && word.empty()) Fail(std::string("empty ") + what);
    return word;
  }
  // The field Word() would fold, as it is in the line.
  std::string_view WordField(const char* what) {
    const std::string_view field = Next(what);
    if (ok() && Fold(StripMarker(field)).empty()) {
      Fail(std::string("empty ") + what);
    }
    return field;
  }
  uint32_t Number(int base, const char* what) {
    const std::string_view field = Next(what);
    uint32_t value = 0;
    const char* end = field.data() + field.size();
    auto [p, ec] = std::from_chars(field.data(), end, value, base);
    if (ok() && (ec != std::errc() || p != end)) Bad(what, field);
    return ok() ? value : 0;
  }
  // A part of speech; `want` if given.
  Pos PartOfSpeech(const char* what, int want = -1) {
    const std::string_view field = Next(what);
    Pos p = kNoun;
    if (ok() && (field.size() != 1 || !PosFromChar(field[0], &p) ||
                 (want >= 0 && p != want))) {
      Bad(what, field);
    }
    return p;
  }
  bool AtEnd() const {
    return rest_.find_first_not_of(' ') == std::string_view::npos;
  }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  void Fail(std::string error) {
    if (ok()) error_ = std::move(error);
  }
  void Bad(const char* what, std::string_view field) {
    Fail(std::string("bad ") + what + " '" + std::string(field) + "'");
  }

  std::string_view rest_;
  std::string error_;
};

// A whole file in an uninitialised buffer, NUL-terminated. Env::ReadFile
// zero-fills its string before reading into it, which cost as many
// instructions as parsing the index files; its errors are kept: any
// failure here asks it again for the Status.
Result<std::unique_ptr<char[]>> ReadWhole(const std::string& path,
                                          size_t* size) {
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> file(std::fopen(path.c_str(), "rb"));
  long n = -1;
  if (file != nullptr && std::fseek(file.get(), 0, SEEK_END) == 0) {
    n = std::ftell(file.get());
  }
  if (n >= 0 && std::fseek(file.get(), 0, SEEK_SET) == 0) {
    std::unique_ptr<char[]> data(new char[static_cast<size_t>(n) + 1]);
    if (std::fread(data.get(), 1, static_cast<size_t>(n), file.get()) ==
            static_cast<size_t>(n) &&
        std::fgetc(file.get()) == EOF) {
      data[static_cast<size_t>(n)] = '\0';
      *size = static_cast<size_t>(n);
      return data;
    }
  }
  Result<std::string> text = Env::Default()->ReadFile(path);
  if (!text.ok()) return text.status();
  std::unique_ptr<char[]> data(new char[text->size() + 1]);
  std::memcpy(data.get(), text->c_str(), text->size() + 1);
  *size = text->size();
  return data;
}

// A whole file, NUL-terminated, read-only: mapped when the page after its
// end holds the NUL (its size is not a multiple of the page size), which
// spares copying ~28 MB; else read by ReadWhole(). Mapped files must not be
// truncated while the WordNet lives (as with any mapped file, reading a
// truncated page would fault).
class FileText {
 public:
  FileText() = default;
  FileText(const FileText&) = delete;
  FileText& operator=(const FileText&) = delete;
  ~FileText() {
    if (map_ != nullptr) munmap(map_, size_);
  }

  Status Open(const std::string& path) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > 0 &&
        static_cast<size_t>(st.st_size) % static_cast<size_t>(sysconf(
                                              _SC_PAGESIZE)) != 0) {
      void* map = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ,
                       MAP_PRIVATE, fd, 0);
      if (map != MAP_FAILED) {
        close(fd);
        map_ = map;
        size_ = static_cast<size_t>(st.st_size);
        data_ = static_cast<const char*>(map);
        return Status::Ok();
      }
    }
    if (fd >= 0) close(fd);
    Result<std::unique_ptr<char[]>> text = ReadWhole(path, &size_);
    if (!text.ok()) return text.status();
    buffer_ = std::move(text).value();
    data_ = buffer_.get();
    return Status::Ok();
  }
  const char* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  void* map_ = nullptr;
  std::unique_ptr<char[]> buffer_;
  const char* data_ = nullptr;
  size_t size_ = 0;
};

// Calls fn(line, line_number) for every line of `text` except blank ones
// and the licence header (lines starting with two spaces). REQUIRES: the
// byte after `text` is NUL (ReadWhole's buffers), so that the byte after
// each line is '\n', '\r' or NUL, as FastFields requires.
template <typename Fn>
Status ForEachLineOf(std::string_view text, Fn fn) {
  std::string_view rest = text;
  for (size_t line_no = 1; !rest.empty(); ++line_no) {
    std::string_view line = rest.substr(0, rest.find('\n'));
    rest.remove_prefix(std::min(line.size() + 1, rest.size()));
    if (line.ends_with('\r')) line.remove_suffix(1);
    // Both tests need a leading space: one comparison for most lines.
    if (line.empty() ||
        (IsSpace(line[0]) &&
         (line.starts_with("  ") ||
          std::all_of(line.begin(), line.end(), IsSpace)))) {
      continue;
    }
    CONCORD_RETURN_IF_ERROR(fn(line, line_no));
  }
  return Status::Ok();
}

// ForEachLineOf() over the whole file at `path`.
template <typename Fn>
Status ForEachLine(const std::string& path, Fn fn) {
  size_t size = 0;
  Result<std::unique_ptr<char[]>> text = ReadWhole(path, &size);
  if (!text.ok()) return text.status();
  return ForEachLineOf(std::string_view(text->get(), size), fn);
}

Status Malformed(const std::string& path, size_t line, std::string_view what) {
  return Status::BadInput(path + ":" + std::to_string(line) + ": " +
                          std::string(what));
}

// The kinds of pointer Relate() follows.
enum class PtrKind : uint8_t { kHypernym, kHyponym, kSimilar, kRelated };
// True for a lexical pointer: '+', '\\' or '^' naming words.
bool IsLexical(PtrKind kind, uint32_t source_target) {
  return kind == PtrKind::kRelated && (source_target & 0xffff) != 0;
}

// A pointer Relate() follows, as read from its synset's line.
struct SynsetPointer {
  uint32_t offset = 0;  // of the target synset, not looked up
  Pos pos = kNoun;      // of the target synset
  PtrKind kind = PtrKind::kHypernym;
  uint8_t source_word = 0, target_word = 0;  // 1-based; 0: every word
  // The target's synset id, or kNoId if there is none: set only in
  // memoised records (SynsetOf), which look each target up once.
  uint32_t target = kNoId;
};
// A synset's line as Relate() reads it: its word fields as they are in the
// line (not folded, maybe with an adjective marker) and its pointers.
struct SynsetText {
  std::vector<std::string_view> words;
  std::vector<SynsetPointer> pointers;
  // A pointer as the line gives it: `source_target` is the four hex digits
  // of source and target word numbers (both readers use this).
  void AddPointer(uint32_t offset, Pos pos, PtrKind kind,
                  uint32_t source_target) {
    pointers.push_back(
        {.offset = offset,
         .pos = pos,
         .kind = kind,
         .source_word = static_cast<uint8_t>(source_target >> 8),
         .target_word = static_cast<uint8_t>(source_target & 0xff)});
  }
  // Words of the synset: all of them for word number 0, else the n-th.
  std::span<const std::string_view> Words(uint8_t n) const {
    std::span<const std::string_view> all(words);
    return n == 0 || n > all.size() ? all : all.subspan(n - 1, 1);
  }
};

// The pointers Relate() follows; the others (antonym, attribute, meronyms,
// entailment, domains, ...) are skipped.
[[gnu::always_inline]] inline bool KindOf(std::string_view symbol,
                                          PtrKind* kind) {
  // Every data line has a few dozen pointers: a switch, not a table scan.
  if (symbol.size() == 2 && symbol[1] == 'i') {
    if (symbol[0] == '@') *kind = PtrKind::kHypernym;
    else if (symbol[0] == '~') *kind = PtrKind::kHyponym;
    else return false;
    return true;
  }
  if (symbol.size() != 1) return false;
  switch (symbol[0]) {
    case '@': *kind = PtrKind::kHypernym; return true;
    case '~': *kind = PtrKind::kHyponym; return true;
    case '&': *kind = PtrKind::kSimilar; return true;
    case '+': case '\\': case '^': *kind = PtrKind::kRelated; return true;
    default: return false;
  }
}

struct ExceptionEntry {
  uint32_t form;
  Pos pos;
  uint32_t base;
  bool operator<(const ExceptionEntry& o) const {
    return form != o.form ? form < o.form : pos < o.pos;
  }
};

// Synset ids by (part of speech, offset). A data file's offsets rise line
// by line (an offset is the byte position of its line), so each part of
// speech keeps its offsets in a sorted array, ids following line order, and
// finds one through a table of buckets over the offset range: about one
// synset per bucket, a probe or two per look-up (a hash map cost a node
// allocation per synset and most of ResolvePointers). A file whose offsets
// do not rise (none in WordNet 3.0) falls back to a hash map.
class SynsetTable {
 public:
  // Room for n offsets of `p` without growing.
  void Reserve(Pos p, size_t n) { pos_[p].offsets.reserve(n); }
  // Adds synset `id` at `offset` of `p`; false if the offset is already
  // there. The ids of one part of speech are consecutive.
  bool Add(Pos p, uint32_t offset, uint32_t id) {
    PerPos& t = pos_[p];
    if (t.offsets.empty() && t.map.empty()) t.first_id = id;
    if (t.map.empty() && (t.offsets.empty() || offset > t.offsets.back())) {
      t.offsets.push_back(offset);
      return true;
    }
    if (t.map.empty()) {  // the first offset out of order: to the map
      for (size_t i = 0; i < t.offsets.size(); ++i) {
        t.map.emplace(t.offsets[i], t.first_id + static_cast<uint32_t>(i));
      }
      t.offsets.clear();
    }
    return t.map.emplace(offset, id).second;
  }
  // Builds the buckets; Find() needs it. The table is read-only after.
  void Finish() {
    for (PerPos& t : pos_) {
      t.buckets.clear();
      if (t.offsets.empty()) continue;
      const uint64_t max = t.offsets.back();
      t.shift = 0;
      while ((max >> t.shift) >= t.offsets.size()) ++t.shift;
      // buckets[b]: index of the first offset whose bucket is >= b.
      const size_t n_buckets = (max >> t.shift) + 1;
      t.buckets.resize(n_buckets + 1);
      size_t i = 0;
      for (size_t b = 0; b <= n_buckets; ++b) {
        while (i < t.offsets.size() && (t.offsets[i] >> t.shift) < b) ++i;
        t.buckets[b] = static_cast<uint32_t>(i);
      }
    }
  }
  uint32_t Find(Pos p, uint32_t offset) const {
    const PerPos& t = pos_[p];
    if (!t.map.empty()) {
      auto it = t.map.find(offset);
      return it == t.map.end() ? kNoId : it->second;
    }
    const uint64_t b = uint64_t{offset} >> t.shift;
    if (b + 1 >= t.buckets.size()) return kNoId;
    for (uint32_t i = t.buckets[b]; i < t.buckets[b + 1]; ++i) {
      if (t.offsets[i] == offset) return t.first_id + i;
    }
    return kNoId;
  }

 private:
  struct PerPos {
    std::vector<uint32_t> offsets;  // rising; id = first_id + index
    uint32_t first_id = 0;
    int shift = 0;
    std::vector<uint32_t> buckets;  // see Finish()
    std::unordered_map<uint32_t, uint32_t> map;  // offset -> id, if unsorted
  };
  std::array<PerPos, kPosCount> pos_;
};

// Byte classes for the fast path's scans. A field ends at a space or at
// the byte after its line, which is always '\n', '\r' (stripped) or the
// NUL that ends the file's buffer; a line holding one of those bytes is
// left to the slow path. kFoldable marks bytes Fold() changes.
// kUnderscore marks '_', which Fold() changes only when doubled or at
// either end.
// kSolid marks the bytes Fold() keeps as they are or lower-cases: a field
// with one of them does not fold to nothing.
enum : uint8_t { kStop = 1, kFoldable = 2, kUnderscore = 4, kSolid = 8 };
constexpr std::array<uint8_t, 256> kByteClass = [] {
  std::array<uint8_t, 256> t{};
  t.fill(kSolid);
  t[' '] = kStop;
  t['\0'] = kStop;
  t['\n'] = t['\r'] = kStop | kFoldable;
  t['\t'] = t['\v'] = t['\f'] = kFoldable;
  t['_'] = kUnderscore;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kFoldable | kSolid;
  return t;
}();
// Hex digit values as std::from_chars reads them; 0xff for other bytes.
constexpr std::array<uint8_t, 256> kHexValue = [] {
  std::array<uint8_t, 256> t{};
  t.fill(0xff);
  for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<uint8_t>(c - '0');
  for (int c = 'a'; c <= 'f'; ++c) t[c] = static_cast<uint8_t>(c - 'a' + 10);
  for (int c = 'A'; c <= 'F'; ++c) t[c] = static_cast<uint8_t>(c - 'A' + 10);
  return t;
}();

// True if the 8 bytes of x (little-endian) are all ASCII digits.
bool EightDigits(uint64_t x) {
  return ((x & 0xF0F0F0F0F0F0F0F0) |
          (((x + 0x0606060606060606) & 0xF0F0F0F0F0F0F0F0) >> 4)) ==
         0x3333333333333333;
}
// The value of 8 ASCII digits (EightDigits(x)), first digit lowest: three
// multiplications instead of eight steps.
uint32_t ParseEightDigits(uint64_t x) {
  x -= 0x3030303030303030;
  x = x * 10 + (x >> 8);  // pairs of digits in the even bytes
  x = ((x & 0x000000FF000000FF) * (100 + (1000000ULL << 32)) +
       ((x >> 16) & 0x000000FF000000FF) * (1 + (10000ULL << 32))) >>
      32;
  return static_cast<uint32_t>(x);
}

// The fast path of the loader. Reads the fields Fields reads, in the same
// way, but accepts only what Fields reads without error and gives up
// (returns false) on anything else; the caller then reads the line again
// with Fields, which gives the same result or names the error. Numbers of
// more than 9 decimal or 7 hex digits are left to Fields (they might
// overflow); so is anything unusual. REQUIRES: the byte after the line is
// '\n', '\r' or NUL (ForEachLine's lines are). Each method works on a
// local copy of the position: a char read may alias a member, which would
// make the compiler reload and store it on every byte.
class FastFields {
 public:
  explicit FastFields(std::string_view line)
      : p_(line.data()), end_(line.data() + line.size()) {}

  // The next field; `classes` gets the kByteClass bits of its bytes or'ed.
  [[gnu::always_inline]] bool Next(std::string_view* field, uint8_t* classes) {
    const char* p = SkipSpaces();
    const char* const start = p;
    uint8_t seen = 0;
    for (uint8_t c; !((c = kByteClass[static_cast<uint8_t>(*p)]) & kStop);
         ++p) {
      seen |= c;
    }
    if (p != end_ && *p != ' ') return false;  // a NUL or CR in the line
    p_ = p;
    *field = std::string_view(start, static_cast<size_t>(p - start));
    *classes = seen;
    return p != start;
  }
  [[gnu::always_inline]] bool Next(std::string_view* field) {
    uint8_t classes;
    return Next(field, &classes);
  }
  [[gnu::always_inline]] bool Skip() {
    // A one-byte field between single spaces (lex ids, most pointer
    // symbols of the index). p[1] is not a stop, so p[2] is in the buffer.
    const char* const p = p_;
    if (p[0] == ' ' && !(kByteClass[static_cast<uint8_t>(p[1])] & kStop) &&
        p[2] == ' ') {
      p_ = p + 2;
      return true;
    }
    std::string_view field;
    return Next(&field);
  }
  // A pointer: symbol, offset, part of speech and source/target. The usual
  // form, one space before each field, a symbol of one or two bytes, eight
  // digits and four hex digits ("@ 00001740 n 0000"), is read at fixed
  // positions; anything else field by field.
  [[gnu::always_inline]] bool Pointer(std::string_view* symbol,
                                      uint32_t* offset, Pos* pos,
                                      uint32_t* source_target) {
    const char* const p = p_;
    if (end_ - p >= 19 && p[0] == ' ' &&
        !(kByteClass[static_cast<uint8_t>(p[1])] & kStop) && p[1] != ' ') {
      const size_t n = p[2] == ' ' ? 1 : 2;
      const char* const q = p + 1 + n;  // the space after the symbol
      uint64_t x;
      std::memcpy(&x, q + 1, 8);
      const uint32_t h0 = kHexValue[static_cast<uint8_t>(q[12])],
                     h1 = kHexValue[static_cast<uint8_t>(q[13])],
                     h2 = kHexValue[static_cast<uint8_t>(q[14])],
                     h3 = kHexValue[static_cast<uint8_t>(q[15])];
      if (*q == ' ' && (n == 1 || !(kByteClass[static_cast<uint8_t>(p[2])] &
                                    kStop)) &&
          EightDigits(x) && q[9] == ' ' && PosFromChar(q[10], pos) &&
          q[11] == ' ' && (h0 | h1 | h2 | h3) < 16 &&  // 0xff if not hex
          (q + 16 == end_ || q[16] == ' ')) {
        *symbol = std::string_view(p + 1, n);
        *offset = ParseEightDigits(x);
        *source_target = h0 << 12 | h1 << 8 | h2 << 4 | h3;
        p_ = q + 16;
        return true;
      }
    }
    return Next(symbol) && Decimal(offset) && PartOfSpeech(pos) &&
           Hex(source_target);
  }
  [[gnu::always_inline]] bool Decimal(uint32_t* value) {
    const char* p = SkipSpaces();
    // Offsets, most of the numbers, are eight digits: read at once.
    if (end_ - p >= 9 && p[8] == ' ') {
      uint64_t x;
      std::memcpy(&x, p, 8);
      if (EightDigits(x)) {
        *value = ParseEightDigits(x);
        p_ = p + 8;
        return true;
      }
    }
    const char* const start = p;
    uint32_t v = 0;
    for (uint32_t d; (d = static_cast<uint8_t>(*p) - uint32_t{'0'}) <= 9;
         ++p) {
      v = v * 10 + d;
    }
    if (p == start || p - start > 9 || (p != end_ && *p != ' ')) return false;
    p_ = p;
    *value = v;
    return true;
  }
  [[gnu::always_inline]] bool Hex(uint32_t* value) {
    const char* p = SkipSpaces();
    const char* const start = p;
    uint32_t v = 0;
    for (uint32_t d; (d = kHexValue[static_cast<uint8_t>(*p)]) != 0xff; ++p) {
      v = v << 4 | d;
    }
    if (p == start || p - start > 7 || (p != end_ && *p != ' ')) return false;
    p_ = p;
    *value = v;
    return true;
  }
  [[gnu::always_inline]] bool PartOfSpeech(Pos* pos) {
    const char* p = SkipSpaces();
    if (p == end_ || (p + 1 != end_ && p[1] != ' ') ||
        !PosFromChar(*p, pos)) {
      return false;
    }
    p_ = p + 1;
    return true;
  }

 private:
  // The bytes after the line are not spaces: no bound check needed.
  [[gnu::always_inline]] const char* SkipSpaces() const {
    const char* p = p_;
    while (*p == ' ') ++p;
    return p;
  }

  const char* p_;
  const char* end_;
};

// The usual head of a data line of part of speech p, "00001740 03 n 01 "
// (offset, lexicographer file, synset type, word count), read at fixed
// places; false for any other shape, for FastFields to read. Gives what
// FastFields would.
bool FixedDataHead(std::string_view line, Pos p, uint32_t* offset,
                   uint32_t* n_words) {
  if (line.size() < 17) return false;
  const char* const s = line.data();
  uint64_t x;
  std::memcpy(&x, s, 8);
  const uint32_t h0 = kHexValue[static_cast<uint8_t>(s[14])],
                 h1 = kHexValue[static_cast<uint8_t>(s[15])];
  Pos type = kNoun;
  if (!EightDigits(x) || s[8] != ' ' ||
      static_cast<uint8_t>(s[9] - '0') > 9 ||
      static_cast<uint8_t>(s[10] - '0') > 9 || s[11] != ' ' ||
      !PosFromChar(s[12], &type) || type != p || s[13] != ' ' ||
      (h0 | h1) >= 16 || s[16] != ' ') {
    return false;
  }
  *offset = ParseEightDigits(x);
  *n_words = h0 << 4 | h1;
  return true;
}

// True if no '_' of `w` is doubled or at either end.
bool FoldedUnderscores(std::string_view w) {
  if (w.empty() || w.front() == '_' || w.back() == '_') return false;
  for (size_t i = 1; i < w.size(); ++i) {
    if (w[i] == '_' && w[i - 1] == '_') return false;
  }
  return true;
}

// True if the field at `p` is a lemma Fields::Word() keeps as it is:
// bytes above ' ' but for 'A'..'Z', no '_' at either end or doubled, not
// ending in ')' (a marker), and ended by a space, which *end gets. Eight
// bytes at a time while they are plain and `limit` allows (the index files
// hold ~150k lemmas); false for anything else, for the field reader to
// decide. REQUIRES: the byte after the line is '\n', '\r' or NUL.
bool PlainLemma(const char* p, const char* limit, const char** end) {
  static_assert(std::endian::native == std::endian::little);
  constexpr uint64_t kOnes = ~uint64_t{0} / 255, kHigh = kOnes * 128;
  const char* q = p;
  for (;;) {
    if (limit - q >= 8) {
      uint64_t x;
      std::memcpy(&x, q, 8);
      // The high bit of each byte below '!', in 'A'..'Z', or '_': exact
      // for the lowest such byte (a borrow only runs upwards from it).
      const uint64_t low7 = x & (kOnes * 127);
      const uint64_t below_bang = (x - kOnes * 0x21) & ~x & kHigh;
      const uint64_t upper = (kOnes * (127 + 'Z' + 1) - low7) & ~x &
                             (low7 + kOnes * (127 - ('A' - 1))) & kHigh;
      const uint64_t u = x ^ (kOnes * '_');
      const uint64_t underscore = (u - kOnes) & ~u & kHigh;
      const uint64_t stop = below_bang | upper | underscore;
      if (stop == 0) {
        q += 8;
        continue;
      }
      q += std::countr_zero(stop) / 8;  // little-endian: the first byte
    }
    const auto c = static_cast<uint8_t>(*q);
    if (c == ' ') break;
    if (c < 0x21 || static_cast<uint8_t>(c - 'A') < 26 ||
        (c == '_' && (q == p || q[-1] == '_'))) {
      return false;
    }
    ++q;
  }
  if (q == p || q[-1] == '_' || q[-1] == ')') return false;
  *end = q;
  return true;
}

// A word field as Fields::Word() reads it: without its adjective marker,
// folded (into `buffer` if folding changes it). Empty if nothing is left.
std::string_view FoldedWord(std::string_view field, uint8_t classes,
                            std::string* buffer) {
  field = StripMarker(field);
  if (!(classes & kFoldable) &&
      (!(classes & kUnderscore) || FoldedUnderscores(field))) {
    return field;  // "new_year": already folded
  }
  FoldInto(field, buffer);
  return *buffer;
}

// True if a word field folds to nothing once its marker is stripped.
bool FoldsToEmpty(std::string_view field) {
  return Fold(StripMarker(field)).empty();
}

}  // namespace

// A lemma's synsets over the four parts of speech, as its index lines
// list them: those of part of speech p are ids[begin[p], begin[p + 1]).
struct LemmaSynsets {
  std::array<uint32_t, kPosCount + 1> begin{};
  std::vector<uint32_t> ids;
  std::span<const uint32_t> Of(Pos p) const {
    return std::span<const uint32_t>(ids).subspan(begin[p],
                                                  begin[p + 1] - begin[p]);
  }
};

// A slot memoising one parsed record: null until a query first needs it,
// then published once (see Memo()) and never changed until the WordNet is
// destroyed, which frees it.
template <typename T>
class MemoSlots {
 public:
  MemoSlots() = default;
  MemoSlots(const MemoSlots&) = delete;
  MemoSlots& operator=(const MemoSlots&) = delete;
  ~MemoSlots() { Clear(); }
  // Makes n empty slots; before any Get(), by one thread.
  void Init(size_t n) {
    Clear();
    slots_.reset(new std::atomic<const T*>[n]);
    n_ = n;
  }

  // The record of slot i, made by `make()` (returning a T) on first use.
  // Lock-free: the acquire load pairs with the release of the winning
  // compare_exchange, so a reader that sees the pointer sees the record
  // fully built. Threads that race on a cold slot each build a copy; one
  // publishes it, the others free theirs and use the published one (all
  // copies are equal: they read the same immutable file text).
  template <typename Make>
  const T& Get(size_t i, Make make) const {
    std::atomic<const T*>& slot = slots_[i];
    if (const T* record = slot.load(std::memory_order_acquire)) {
      return *record;
    }
    auto built = std::make_unique<T>(make());
    const T* expected = nullptr;
    if (slot.compare_exchange_strong(expected, built.get(),
                                     std::memory_order_release,
                                     std::memory_order_acquire)) {
      return *built.release();
    }
    return *expected;  // another thread's, published first
  }

 private:
  void Clear() {
    // Relaxed: the destructor runs after every query has returned (their
    // completion happens-before it, as for any object's destruction).
    for (size_t i = 0; i < n_; ++i) {
      delete slots_[i].load(std::memory_order_relaxed);
    }
    n_ = 0;
  }
  // C++20 value-initialises each atomic: all null.
  std::unique_ptr<std::atomic<const T*>[]> slots_;
  size_t n_ = 0;
};

// The loaded dictionary; immutable once Load() returns, but for the
// records it memoises (MemoSlots), which queries fill in on first use.
struct WordNet::Impl {
  Status Load(const std::string& dir);
  Status LoadData(Pos p, const std::string& path);
  Status LoadIndex(Pos p);
  // Appends the synsets the index lines of lemma `id` and `p` name.
  Status IndexSynsets(uint32_t id, Pos p, std::vector<uint32_t>* out) const;
  Status IndexLineSynsets(Pos p, uint32_t start,
                          std::vector<uint32_t>* out) const;
  bool FastIndexLine(Pos p, std::string_view line,
                     std::vector<uint32_t>* out) const;
  // IndexSynsets for queries: nothing appended, and the error reported, if
  // a line is malformed.
  void ReadIndexSynsets(uint32_t id, Pos p, std::vector<uint32_t>* out) const;
  // The synsets of lemma `id` over every part of speech, read from its
  // index lines (as ReadIndexSynsets) the first time, memoised after.
  const LemmaSynsets& SynsetsOf(uint32_t id) const;
  Status LoadExceptions(Pos p, const std::string& path);
  bool FastExceptionLine(Pos p, std::string_view line, std::string& folded);
  Status SortExceptions(size_t index_strings);
  // Reads cntlist.rev the first time tag counts are asked for: a malformed
  // file is then reported (late_error()), and counts are all 0.
  void EnsureTagCounts() const;
  Status LoadTagCounts(const std::string& path) const;
  bool FastTagLine(std::string_view line, std::string& folded) const;

  // The line of synset `id` and its part of speech.
  std::string_view LineOf(uint32_t id, Pos* p) const;
  // Reads synset `id`'s words and the pointers Relate() follows; a
  // malformed line is an error naming the data file and line.
  // With `semantic` false, only lexical pointers are read. With
  // `check_targets`, also that each pointer leads to a synset, and each
  // lexical one to a word of it.
  Status ParseSynset(uint32_t id, SynsetText* out, bool semantic,
                     bool check_targets) const;
  bool FastSynset(Pos p, std::string_view line, SynsetText* out,
                  bool semantic) const;
  Status SlowSynset(Pos p, uint32_t id, std::string_view line,
                    SynsetText* out, bool semantic) const;
  Status CheckTargets(Pos p, uint32_t id, const SynsetText& text) const;
  Pos PosOfSynset(uint32_t id) const {
    int q = 0;
    while (id >= pos_begin[q + 1]) ++q;
    return Pos(q);
  }
  Status LineError(Pos p, uint32_t id, std::string_view what) const;
  // ParseSynset for queries: false, and the error reported, if malformed.
  bool ReadSynset(uint32_t id, SynsetText* out, bool semantic) const;
  // Synset `id`'s words and every pointer Relate() follows, read (as
  // ReadSynset, semantic) the first time, memoised after; a malformed line
  // reads as no words and no pointers, reported once.
  const SynsetText& SynsetOf(uint32_t id) const;
  void ReportLate(const Status& error) const;
  Status Verify() const;

  bool IsLemma(uint32_t id, Pos p) const {
    return id < pos_mask.size() && (pos_mask[id] >> p & 1);
  }
  void MorphWord(std::string_view w, Pos p, std::vector<uint32_t>* out) const;
  void Morphy(std::string_view w, Pos p, std::vector<uint32_t>* out) const;
  void BaseForms(std::string_view folded,
                 std::vector<std::pair<uint32_t, Pos>>* out) const;
  bool AnyWordIn(std::span<const std::string_view> words,
                 const std::vector<uint32_t>& lemmas,
                 std::string* folded) const;
  void RelateFrom(const std::vector<uint32_t>& lemmas,
                  const std::vector<uint32_t>& synsets,
                  const std::vector<uint32_t>& all,
                  const std::vector<uint32_t>& other_lemmas,
                  const std::vector<uint32_t>& other_synsets,
                  const std::vector<uint32_t>& other_all,
                  WordRelation* best) const;
  WordRelation Relate(std::string_view a, std::string_view b) const;

  Interner strings;               // lemmas and exception forms
  std::vector<uint8_t> pos_mask;  // string id -> bit p: a lemma of POS p
  // Synsets of POS p have ids [pos_begin[p], pos_begin[p + 1]).
  std::array<uint32_t, kPosCount + 1> pos_begin{};
  // The index files, whole and NUL-terminated: (string id, part of
  // speech) -> 1 + byte position of the lemma's line, 0 if none; a second
  // line of the same lemma and part of speech goes to extra_index_lines.
  std::array<std::string, kPosCount> index_path;
  std::array<FileText, kPosCount> index_text;
  std::vector<uint32_t> index_line;  // id * kPosCount + pos -> 1 + start
  std::vector<std::pair<uint32_t, uint32_t>> extra_index_lines;  // sorted
  std::vector<ExceptionEntry> exceptions;  // sorted by (form, pos)
  // String id -> SemCor tag count summed over the lemma's senses
  // (cntlist.rev); empty when the file is absent. Read once, on first use
  // (EnsureTagCounts), under tags_once.
  std::string tags_path;  // empty if there is no cntlist.rev
  mutable std::once_flag tags_once;
  mutable std::vector<uint32_t> tag_counts;
  mutable uint64_t total_tags = 0;  // over every line of cntlist.rev
  mutable Status tags_status;
  mutable std::string last_tag_lemma;  // FastTagLine's last look-up
  mutable uint32_t last_tag_id = kNoId;

  // The data files, whole and NUL-terminated, read by Relate() line by
  // line: synset id -> byte position of its line, and its word count.
  std::array<std::string, kPosCount> data_path;
  std::array<FileText, kPosCount> data_text;
  struct SynsetLine {
    uint32_t start;  // byte position of the line in its data file
    uint32_t words;  // word count
  };
  std::vector<SynsetLine> synset_lines;  // by synset id
  SynsetTable synsets;  // (part of speech, offset) -> synset id

  // Parsed records, by lemma id and by synset id: only those queries have
  // needed (sized by WordNet::Load()).
  MemoSlots<LemmaSynsets> lemma_memo;
  MemoSlots<SynsetText> synset_memo;

  // The first malformation a query met after Load() (see wordnet.h).
  mutable std::mutex late_mutex;
  mutable Status late_error;
};

// synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt
// [ptr_symbol synset_offset pos source/target...] [frames] | gloss
// Load() reads the first four fields of every line (giving the synset its
// id); the rest is read when a query needs it (ParseSynset).
Status WordNet::Impl::LoadData(Pos p, const std::string& path) {
  pos_begin[p] = static_cast<uint32_t>(synset_lines.size());
  // About one synset per 128 bytes (185 in WordNet 3.0).
  synset_lines.reserve(synset_lines.size() + data_text[p].size() / 128);
  synsets.Reserve(p, data_text[p].size() / 128);
  const char* const text = data_text[p].data();
  return ForEachLineOf(
      std::string_view(text, data_text[p].size()),
      [&](std::string_view line, size_t line_no) -> Status {
        uint32_t offset = 0, lex_file = 0, n_words = 0;
        Pos type = kNoun;
        FastFields fast(line);
        if (!FixedDataHead(line, p, &offset, &n_words) &&
            (!fast.Decimal(&offset) || !fast.Decimal(&lex_file) ||
             !fast.PartOfSpeech(&type) || type != p ||
             !fast.Hex(&n_words))) {
          // Unusual or malformed: read again, naming the error if any.
          Fields f(line);
          offset = f.Number(10, "synset offset");
          f.Number(10, "lexicographer file number");
          f.PartOfSpeech("synset type", p);
          n_words = f.Number(16, "word count");
          if (!f.ok()) return Malformed(path, line_no, f.error());
        }
        if (n_words == 0) {
          return Malformed(path, line_no, "synset without words");
        }
        const auto id = static_cast<uint32_t>(synset_lines.size());
        if (!synsets.Add(p, offset, id)) {
          return Malformed(path, line_no, "synset offset appears twice");
        }
        synset_lines.push_back(
            {static_cast<uint32_t>(line.data() - text), n_words});
        return Status::Ok();
      });
}

std::string_view WordNet::Impl::LineOf(uint32_t id, Pos* p) const {
  int q = 0;
  while (id >= pos_begin[q + 1]) ++q;
  *p = Pos(q);
  const char* const start = data_text[q].data() + synset_lines[id].start;
  const char* const end = data_text[q].data() + data_text[q].size();
  const void* nl = std::memchr(start, '\n', static_cast<size_t>(end - start));
  std::string_view line(start, nl != nullptr
                                   ? static_cast<size_t>(
                                         static_cast<const char*>(nl) - start)
                                   : static_cast<size_t>(end - start));
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

Status WordNet::Impl::LineError(Pos p, uint32_t id,
                                std::string_view what) const {
  const char* const text = data_text[p].data();
  const size_t line_no =
      1 + static_cast<size_t>(std::count(text, text + synset_lines[id].start, '\n'));
  return Malformed(data_path[p], line_no, what);
}

Status WordNet::Impl::ParseSynset(uint32_t id, SynsetText* out,
                                  bool semantic, bool check_targets) const {
  int q = 0;
  while (id >= pos_begin[q + 1]) ++q;
  const Pos p = Pos(q);
  out->words.clear();
  out->pointers.clear();
  // The fast path stops at the first byte it does not expect, a line's end
  // among them: it is given the rest of the file, and the line's end is
  // looked for only if it gives up.
  const char* const start = data_text[p].data() + synset_lines[id].start;
  const char* const end = data_text[p].data() + data_text[p].size();
  if (!FastSynset(p, std::string_view(start, static_cast<size_t>(end - start)),
                  out, semantic)) {
    // Unusual or malformed: read again, naming the error if any.
    out->words.clear();
    out->pointers.clear();
    Pos line_pos = kNoun;
    CONCORD_RETURN_IF_ERROR(
        SlowSynset(p, id, LineOf(id, &line_pos), out, semantic));
  }
  return check_targets ? CheckTargets(p, id, *out) : Status::Ok();
}

// Each pointer must lead to a synset, and a lexical pointer's target word
// must be a word of it.
Status WordNet::Impl::CheckTargets(Pos p, uint32_t id,
                                   const SynsetText& text) const {
  for (const SynsetPointer& ptr : text.pointers) {
    const uint32_t target = synsets.Find(ptr.pos, ptr.offset);
    if (target == kNoId) {
      return LineError(p, id,
                       "pointer to synset " + OffsetText(ptr.offset) +
                           ", which is not in data." + kPosSuffix[ptr.pos]);
    }
    if (ptr.kind == PtrKind::kRelated &&
        (ptr.source_word != 0 || ptr.target_word != 0) &&
        ptr.target_word > synset_lines[target].words) {
      return LineError(p, id, "pointer target word out of range");
    }
  }
  return Status::Ok();
}

// ParseSynset's fast path: true if the line was read, false if it must be
// read again by the slow path.
bool WordNet::Impl::FastSynset(Pos p, std::string_view line,
                               SynsetText* out, bool semantic) const {
  FastFields f(line);
  uint32_t offset = 0, lex_file = 0, n_words = 0, n_pointers = 0;
  Pos type = kNoun;
  if (!f.Decimal(&offset) || !f.Decimal(&lex_file) ||
      !f.PartOfSpeech(&type) || type != p || !f.Hex(&n_words) ||
      n_words == 0) {
    return false;
  }
  for (uint32_t i = 0; i < n_words; ++i) {
    std::string_view field;
    uint8_t classes = 0;
    if (!f.Next(&field, &classes)) return false;
    // Not folded here: a word with a byte Fold() keeps is not empty.
    if (field.back() == ')' ? FoldsToEmpty(field) : !(classes & kSolid)) {
      return false;
    }
    if (!f.Skip()) return false;  // lex_id
    out->words.push_back(field);
  }
  if (!f.Decimal(&n_pointers)) return false;
  for (uint32_t i = 0; i < n_pointers; ++i) {
    std::string_view symbol;
    uint32_t target_offset = 0, source_target = 0;
    Pos target_pos = kNoun;
    if (!f.Pointer(&symbol, &target_offset, &target_pos, &source_target) ||
        static_cast<uint8_t>(source_target >> 8) > n_words) {
      return false;
    }
    PtrKind kind;
    if (!KindOf(symbol, &kind) ||
        (!semantic && !IsLexical(kind, source_target))) {
      continue;
    }
    out->AddPointer(target_offset, target_pos, kind, source_target);
  }
  return true;
}

Status WordNet::Impl::SlowSynset(Pos p, uint32_t id, std::string_view line,
                                 SynsetText* out, bool semantic) const {
  Fields f(line);
  f.Number(10, "synset offset");
  f.Number(10, "lexicographer file number");
  f.PartOfSpeech("synset type", p);
  const uint32_t n_words = f.Number(16, "word count");
  for (uint32_t i = 0; i < n_words && f.ok(); ++i) {
    const std::string_view word = f.WordField("word");
    f.Next("lex_id");
    if (f.ok()) out->words.push_back(word);
  }
  const uint32_t n_pointers = f.Number(10, "pointer count");
  for (uint32_t i = 0; i < n_pointers && f.ok(); ++i) {
    const std::string_view symbol = f.Next("pointer symbol");
    const uint32_t target_offset = f.Number(10, "pointer offset");
    const Pos target_pos = f.PartOfSpeech("pointer part of speech");
    const uint32_t source_target = f.Number(16, "pointer source/target");
    if (f.ok() && static_cast<uint8_t>(source_target >> 8) > n_words) {
      return LineError(p, id, "pointer source word out of range");
    }
    PtrKind kind;
    if (!f.ok() || !KindOf(symbol, &kind) ||
        (!semantic && !IsLexical(kind, source_target))) {
      continue;
    }
    out->AddPointer(target_offset, target_pos, kind, source_target);
  }
  if (!f.ok()) return LineError(p, id, f.error());
  return Status::Ok();
}

bool WordNet::Impl::ReadSynset(uint32_t id, SynsetText* out,
                               bool semantic) const {
  const Status status = ParseSynset(id, out, semantic, false);
  if (status.ok()) return true;
  ReportLate(status);
  out->words.clear();
  out->pointers.clear();
  return false;
}

const SynsetText& WordNet::Impl::SynsetOf(uint32_t id) const {
  return synset_memo.Get(id, [&] {
    SynsetText text;
    ReadSynset(id, &text, true);
    for (SynsetPointer& ptr : text.pointers) {
      ptr.target = synsets.Find(ptr.pos, ptr.offset);
    }
    return text;
  });
}

void WordNet::Impl::ReportLate(const Status& error) const {
  std::lock_guard<std::mutex> lock(late_mutex);
  if (!late_error.ok()) return;
  late_error = error;
  std::fprintf(stderr,
               "concord: WordNet data is malformed, %s; answers go on "
               "without that line\n",
               error.message().c_str());
}

Status WordNet::Impl::Verify() const {
  EnsureTagCounts();
  CONCORD_RETURN_IF_ERROR(tags_status);
  std::vector<uint32_t> found;
  for (uint32_t id = 0; id < pos_mask.size(); ++id) {
    for (int p = 0; p < kPosCount; ++p) {
      found.clear();
      CONCORD_RETURN_IF_ERROR(IndexSynsets(id, Pos(p), &found));
    }
  }
  SynsetText text;
  for (uint32_t id = 0; id < synset_lines.size(); ++id) {
    CONCORD_RETURN_IF_ERROR(ParseSynset(id, &text, true, true));
  }
  return Status::Ok();
}

// lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt
// synset_offset [synset_offset...]
// Load() reads the lemma and part of speech of each line; the rest when a
// query needs the lemma's synsets (IndexSynsets).
Status WordNet::Impl::LoadIndex(Pos p) {
  std::string folded, slow_lemma;
  const char* const text = index_text[p].data();
  const char* const text_end = text + index_text[p].size();
  // Inlined: GCC's choice otherwise flips with unrelated code (~2 M
  // instructions).
  return ForEachLineOf(
      std::string_view(text, index_text[p].size()),
      [&](std::string_view line,
          size_t line_no) __attribute__((always_inline)) -> Status {
        std::string_view lemma;
        Pos pos = kNoun;
        // `in_file`: the lemma is a view of the file, which the WordNet
        // keeps (most are, folded as they are): not copied.
        bool read = false, in_file = false;
        if (const char* lemma_end = nullptr;
            PlainLemma(line.data(), text_end, &lemma_end)) {
          lemma = std::string_view(
              line.data(), static_cast<size_t>(lemma_end - line.data()));
          FastFields fast(std::string_view(
              lemma_end,
              static_cast<size_t>(line.data() + line.size() - lemma_end)));
          read = fast.PartOfSpeech(&pos) && pos == p;
          in_file = true;
        } else {
          FastFields fast(line);
          std::string_view field;
          uint8_t classes = 0;
          read = fast.Next(&field, &classes) &&
                 !(lemma = FoldedWord(field, classes, &folded)).empty() &&
                 fast.PartOfSpeech(&pos) && pos == p;
          in_file = lemma.data() == field.data();  // not folded anew
        }
        if (!read) {
          // Unusual or malformed: read again, naming the error if any.
          Fields f(line);
          slow_lemma = f.Word("lemma");
          f.PartOfSpeech("part of speech", p);
          if (!f.ok()) return Malformed(index_path[p], line_no, f.error());
          lemma = slow_lemma;
          in_file = false;
        }
        const uint32_t id = strings.Intern(lemma, in_file);
        if (pos_mask.size() <= id) {
          pos_mask.resize(std::max<size_t>(id + 1, 2 * pos_mask.size()), 0);
          index_line.resize(pos_mask.size() * kPosCount, 0);
        }
        const auto start = static_cast<uint32_t>(line.data() - text);
        const size_t slot = size_t{id} * kPosCount + p;
        if (IsLemma(id, p)) {
          extra_index_lines.emplace_back(static_cast<uint32_t>(slot), start);
        } else {
          index_line[slot] = start + 1;
        }
        pos_mask[id] |= 1 << p;
        return Status::Ok();
      });
}

Status WordNet::Impl::IndexSynsets(uint32_t id, Pos p,
                                   std::vector<uint32_t>* out) const {
  if (!IsLemma(id, p)) return Status::Ok();
  const size_t slot = size_t{id} * kPosCount + p;
  CONCORD_RETURN_IF_ERROR(IndexLineSynsets(p, index_line[slot] - 1, out));
  if (extra_index_lines.empty()) return Status::Ok();
  auto it = std::lower_bound(
      extra_index_lines.begin(), extra_index_lines.end(),
      std::pair<uint32_t, uint32_t>(static_cast<uint32_t>(slot), 0));
  for (; it != extra_index_lines.end() && it->first == slot; ++it) {
    CONCORD_RETURN_IF_ERROR(IndexLineSynsets(p, it->second, out));
  }
  return Status::Ok();
}

void WordNet::Impl::ReadIndexSynsets(uint32_t id, Pos p,
                                     std::vector<uint32_t>* out) const {
  const size_t before = out->size();
  const Status status = IndexSynsets(id, p, out);
  if (status.ok()) return;
  ReportLate(status);
  out->resize(before);
}

const LemmaSynsets& WordNet::Impl::SynsetsOf(uint32_t id) const {
  return lemma_memo.Get(id, [&] {
    LemmaSynsets out;
    for (int p = 0; p < kPosCount; ++p) {
      ReadIndexSynsets(id, Pos(p), &out.ids);
      out.begin[p + 1] = static_cast<uint32_t>(out.ids.size());
    }
    return out;
  });
}

Status WordNet::Impl::IndexLineSynsets(Pos p, uint32_t start,
                                       std::vector<uint32_t>* out) const {
  const char* const text = index_text[p].data();
  const char* const end = text + index_text[p].size();
  // As in ParseSynset, the fast path is given the rest of the file.
  const size_t before = out->size();
  if (FastIndexLine(p,
                    std::string_view(text + start,
                                     static_cast<size_t>(end - text - start)),
                    out)) {
    return Status::Ok();
  }
  out->resize(before);
  const void* nl = std::memchr(text + start, '\n',
                               static_cast<size_t>(end - text - start));
  std::string_view line(text + start,
                        static_cast<size_t>(
                            (nl != nullptr ? static_cast<const char*>(nl) : end) -
                            (text + start)));
  if (line.ends_with('\r')) line.remove_suffix(1);
  // Unusual or malformed: read again, naming the error if any.
  const auto bad = [&](std::string_view what) {
    const size_t line_no =
        1 + static_cast<size_t>(std::count(text, text + start, '\n'));
    return Malformed(index_path[p], line_no, what);
  };
  Fields f(line);
  f.Word("lemma");
  f.PartOfSpeech("part of speech", p);
  const uint32_t n_synsets = f.Number(10, "synset count");
  const uint32_t n_symbols = f.Number(10, "pointer count");
  for (uint32_t i = 0; i < n_symbols && f.ok(); ++i) f.Next("pointer symbol");
  f.Number(10, "sense count");
  f.Number(10, "tagged sense count");
  if (!f.ok()) return bad(f.error());
  for (uint32_t i = 0; i < n_synsets; ++i) {
    const uint32_t offset = f.Number(10, "synset offset");
    if (!f.ok()) return bad(f.error());
    const uint32_t synset = synsets.Find(p, offset);
    if (synset == kNoId) {
      return bad("synset " + OffsetText(offset) + " is not in data." +
                 kPosSuffix[p]);
    }
    out->push_back(synset);
  }
  return Status::Ok();
}

// IndexLineSynsets' fast path: true if the line was read, false if it must
// be read again by the slow path.
bool WordNet::Impl::FastIndexLine(Pos p, std::string_view line,
                                  std::vector<uint32_t>* out) const {
  FastFields f(line);
  std::string_view field;
  Pos pos = kNoun;
  uint32_t n_synsets = 0, n_symbols = 0, n_senses = 0, n_tagged = 0;
  if (!f.Next(&field) || !f.PartOfSpeech(&pos) || pos != p ||
      !f.Decimal(&n_synsets) || !f.Decimal(&n_symbols)) {
    return false;
  }
  for (uint32_t i = 0; i < n_symbols; ++i) {
    if (!f.Skip()) return false;
  }
  if (!f.Decimal(&n_senses) || !f.Decimal(&n_tagged)) return false;
  for (uint32_t i = 0; i < n_synsets; ++i) {
    uint32_t offset = 0;
    uint32_t synset = kNoId;
    if (!f.Decimal(&offset) || (synset = synsets.Find(p, offset)) == kNoId) {
      return false;
    }
    out->push_back(synset);
  }
  return true;
}

// LoadExceptions' fast path: true if the line was read and added, false
// (with `exceptions` as they were; its strings may be interned, as the slow
// path interns them too, in the same order) if it must be read again.
bool WordNet::Impl::FastExceptionLine(Pos p, std::string_view line,
                                      std::string& folded) {
  FastFields f(line);
  std::string_view field;
  uint8_t classes = 0;
  if (!f.Next(&field, &classes)) return false;
  // Most words need no folding: FoldedWord() copies only those that do.
  std::string_view word = FoldedWord(field, classes, &folded);
  if (word.empty()) return false;
  const uint32_t form = strings.Intern(word);
  const size_t before = exceptions.size();
  while (f.Next(&field, &classes)) {
    word = FoldedWord(field, classes, &folded);
    if (word.empty()) break;
    exceptions.push_back({form, p, strings.Intern(word)});
  }
  if (word.empty() || exceptions.size() == before) {
    exceptions.resize(before);
    return false;
  }
  return true;
}

// inflected_form base_form [base_form...]
Status WordNet::Impl::LoadExceptions(Pos p, const std::string& path) {
  std::string folded;
  return ForEachLine(path, [&](std::string_view line, size_t line_no) {
    if (FastExceptionLine(p, line, folded)) return Status::Ok();
    // Unusual or malformed: read again, naming the error if any.
    Fields f(line);
    const std::string form = f.Word("inflected form");
    std::vector<std::string> bases = {f.Word("base form")};
    while (f.ok() && !f.AtEnd()) bases.push_back(f.Word("base form"));
    if (!f.ok()) return Malformed(path, line_no, f.error());
    const uint32_t form_id = strings.Intern(form);
    for (const std::string& base : bases) {
      exceptions.push_back({form_id, p, strings.Intern(base)});
    }
    return Status::Ok();
  });
}

Status WordNet::Impl::Load(const std::string& dir) {
  for (int p = 0; p < kPosCount; ++p) {
    data_path[p] = dir + "/data." + kPosSuffix[p];
    CONCORD_RETURN_IF_ERROR(data_text[p].Open(data_path[p]));
  }
  for (int p = 0; p < kPosCount; ++p) {
    CONCORD_RETURN_IF_ERROR(LoadData(Pos(p), data_path[p]));
  }
  pos_begin[kPosCount] = static_cast<uint32_t>(synset_lines.size());
  synsets.Finish();
  size_t word_senses = 0;
  for (const SynsetLine& s : synset_lines) word_senses += s.words;
  // About one lemma per word sense, and a few more strings.
  strings.Reserve(word_senses);
  pos_mask.resize(word_senses, 0);
  index_line.resize(word_senses * kPosCount, 0);
  for (int p = 0; p < kPosCount; ++p) {
    index_path[p] = dir + "/index." + kPosSuffix[p];
    CONCORD_RETURN_IF_ERROR(index_text[p].Open(index_path[p]));
    CONCORD_RETURN_IF_ERROR(LoadIndex(Pos(p)));
  }
  std::sort(extra_index_lines.begin(), extra_index_lines.end());
  const size_t index_strings = strings.size();
  pos_mask.resize(index_strings, 0);
  index_line.resize(index_strings * kPosCount, 0);
  for (int p = 0; p < kPosCount; ++p) {
    CONCORD_RETURN_IF_ERROR(
        LoadExceptions(Pos(p), dir + "/" + kPosSuffix[p] + ".exc"));
  }
  CONCORD_RETURN_IF_ERROR(SortExceptions(index_strings));
  pos_mask.resize(strings.size(), 0);
  // Optional: older or trimmed installs may lack it (counts are then 0).
  // Read on first use: few queries need it.
  if (Env::Default()->Exists(dir + "/cntlist.rev")) {
    tags_path = dir + "/cntlist.rev";
  }
  return Status::Ok();
}

// Sorts the exceptions by (form, pos) with std::sort, keeping for the base
// forms of one inflected form the order that loaders before the lazy one
// gave them, which interned every data word first: std::sort may reorder
// equal keys, and how it does depends on the order of all keys. The forms
// are sorted first by that former id order (the first synset holding the
// word, then its place among the synset's words; then lemmas with no
// synset and other strings in id order), with std::sort as before, then
// stably by id for look-ups.
Status WordNet::Impl::SortExceptions(size_t index_strings) {
  constexpr uint64_t kUnranked = UINT64_MAX;
  std::vector<uint64_t> rank(strings.size(), kUnranked);  // by form id
  SynsetText text;
  std::string folded;
  std::vector<uint32_t> row;
  for (const ExceptionEntry& e : exceptions) {
    if (rank[e.form] != kUnranked) continue;
    uint64_t r = (uint64_t{2} << 62) | e.form;  // neither: after both
    // Ids follow the parts of speech: the first synset is among those of
    // the first part of speech the lemma has synsets in.
    row.clear();
    for (int p = 0; p < kPosCount && row.empty(); ++p) {
      CONCORD_RETURN_IF_ERROR(IndexSynsets(e.form, Pos(p), &row));
    }
    if (!row.empty()) {  // a data word: where it first appears
      const uint32_t first = *std::min_element(row.begin(), row.end());
      const std::string_view form = strings.Get(e.form);
      uint32_t place = 0xff;
      if (ParseSynset(first, &text, false, false).ok()) {
        for (uint32_t i = 0; i < text.words.size(); ++i) {
          FoldInto(StripMarker(text.words[i]), &folded);
          if (folded == form) {
            place = i;
            break;
          }
        }
      }
      r = uint64_t{first} << 8 | std::min<uint32_t>(place, 0xff);
    } else if (e.form < index_strings) {  // a lemma with no synset
      r = (uint64_t{1} << 62) | e.form;
    }
    rank[e.form] = r;
  }
  std::vector<std::pair<uint64_t, ExceptionEntry>> ranked;
  ranked.reserve(exceptions.size());
  for (const ExceptionEntry& e : exceptions) ranked.emplace_back(rank[e.form], e);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first
                              : a.second.pos < b.second.pos;
  });
  for (size_t i = 0; i < ranked.size(); ++i) exceptions[i] = ranked[i].second;
  std::stable_sort(exceptions.begin(), exceptions.end());
  return Status::Ok();
}

// LoadTagCounts' fast path: true if the line was read and counted, false
// (counting nothing) if it must be read again by the slow path.
bool WordNet::Impl::FastTagLine(std::string_view line,
                                std::string& folded) const {
  FastFields f(line);
  std::string_view field;
  uint8_t classes = 0;
  uint32_t sense = 0, count = 0;
  if (!f.Next(&field, &classes) || !f.Decimal(&sense) ||
      !f.Decimal(&count)) {
    return false;
  }
  const std::string_view key = FoldedWord(field, classes, &folded);
  const size_t percent = key.find('%');
  if (percent == std::string_view::npos) return false;  // also when empty
  total_tags += count;
  // The file is sorted by sense key: a lemma's senses follow each other,
  // so the previous line's look-up usually serves.
  const std::string_view lemma = key.substr(0, percent);
  if (lemma != last_tag_lemma) {
    last_tag_lemma.assign(lemma);
    last_tag_id = strings.Find(lemma);
  }
  if (last_tag_id != kNoId) tag_counts[last_tag_id] += count;
  return true;
}

// cntlist.rev: "sense_key sense_number tag_cnt" per line, the sense key
// opening with the lemma ("state%1:03:00:: 1 182"). Lemmas not in the index
// count towards the total only.
void WordNet::Impl::EnsureTagCounts() const {
  std::call_once(tags_once, [this] {
    if (tags_path.empty()) return;
    tags_status = LoadTagCounts(tags_path);
    if (tags_status.ok()) return;
    tag_counts.clear();
    total_tags = 0;
    ReportLate(tags_status);
  });
}

Status WordNet::Impl::LoadTagCounts(const std::string& path) const {
  tag_counts.assign(strings.size(), 0);
  std::string folded;
  last_tag_lemma.clear();
  last_tag_id = kNoId;
  return ForEachLine(path, [&](std::string_view line, size_t line_no) {
    if (FastTagLine(line, folded)) return Status::Ok();
    // Unusual or malformed: read again, naming the error if any.
    Fields f(line);
    const std::string key = f.Word("sense key");
    f.Number(10, "sense number");
    const uint32_t count = f.Number(10, "tag count");
    const size_t percent = key.find('%');
    if (f.ok() && percent == std::string::npos) {
      return Malformed(path, line_no, "sense key without '%'");
    }
    if (!f.ok()) return Malformed(path, line_no, f.error());
    total_tags += count;
    const uint32_t id = strings.Find(std::string_view(key).substr(0, percent));
    if (id != kNoId) tag_counts[id] += count;
    return Status::Ok();
  });
}

// Morphy of one string for one POS, not splitting collocations: the string
// if it is a lemma; then its exceptions that are lemmas if it has any, else
// every detachment that yields a lemma.
void WordNet::Impl::MorphWord(std::string_view w, Pos p,
                              std::vector<uint32_t>* out) const {
  const uint32_t id = strings.Find(w);
  if (IsLemma(id, p)) AddUnique(out, id);
  if (id != kNoId) {
    auto [lo, hi] = std::equal_range(exceptions.begin(), exceptions.end(),
                                     ExceptionEntry{id, p, 0});
    for (auto it = lo; it != hi; ++it) {
      if (IsLemma(it->base, p)) AddUnique(out, it->base);
    }
    if (lo != hi) return;
  }
  std::string_view stem = w, tail;
  if (p == kNoun && w.ends_with("ful")) {
    stem.remove_suffix(3);
    tail = "ful";
  } else if (p == kNoun && (w.ends_with("ss") || w.size() <= 2)) {
    return;
  }
  std::string candidate;
  for (const Rule& rule : kRules[p]) {
    if (!stem.ends_with(rule.suffix) || stem.size() == rule.suffix.size()) {
      continue;
    }
    candidate.assign(stem.substr(0, stem.size() - rule.suffix.size()));
    candidate.append(rule.ending).append(tail);
    const uint32_t base = strings.Find(candidate);
    if (IsLemma(base, p)) AddUnique(out, base);
  }
}

// MorphWord, and for a collocation ("taking_place") also every combination
// of its words' base forms (or the words themselves) that is a lemma.
void WordNet::Impl::Morphy(std::string_view w, Pos p,
                           std::vector<uint32_t>* out) const {
  MorphWord(w, p, out);
  if (w.find('_') == std::string_view::npos) return;
  std::vector<std::vector<std::string_view>> choices;
  std::vector<uint32_t> bases;
  size_t combinations = 1;
  for (size_t start = 0; start <= w.size();) {
    const std::string_view token = w.substr(start, w.find('_', start) - start);
    start += token.size() + 1;
    if (choices.size() == kMaxCollocationWords) return;
    auto& c = choices.emplace_back(1, token);
    bases.clear();
    MorphWord(token, p, &bases);
    for (uint32_t b : bases) {
      if (strings.Get(b) != token) c.push_back(strings.Get(b));
    }
    combinations *= c.size();
  }
  if (combinations <= 1 || combinations > kMaxCollocationCandidates) return;
  std::string candidate;
  for (size_t n = 0; n < combinations; ++n) {
    candidate.clear();
    for (size_t i = 0, rest = n; i < choices.size(); ++i) {
      if (i > 0) candidate.push_back('_');
      candidate.append(choices[i][rest % choices[i].size()]);
      rest /= choices[i].size();
    }
    const uint32_t id = strings.Find(candidate);
    if (IsLemma(id, p)) AddUnique(out, id);
  }
}

void WordNet::Impl::BaseForms(
    std::string_view folded, std::vector<std::pair<uint32_t, Pos>>* out) const {
  std::vector<uint32_t> ids;
  for (int p = 0; p < kPosCount; ++p) {
    ids.clear();
    Morphy(folded, Pos(p), &ids);
    for (uint32_t id : ids) out->emplace_back(id, Pos(p));
  }
  // Extension to morphy: a possessive, or a plural with an apostrophe
  // ("1000's", "bush's", "jones'"), which no rule takes apart.
  if (out->empty()) {
    std::string_view stem = folded;
    if (stem.ends_with("'s")) {
      stem.remove_suffix(2);
    } else if (stem.ends_with('\'')) {
      stem.remove_suffix(1);
    }
    if (stem.size() != folded.size() && !stem.empty()) BaseForms(stem, out);
  }
}

WordRelation WordNet::Impl::Relate(std::string_view a,
                                   std::string_view b) const {
  const std::string fa = Fold(a), fb = Fold(b);
  if (fa.empty() || fb.empty()) return WordRelation::kNone;
  if (fa == fb) return WordRelation::kSame;
  std::vector<std::pair<uint32_t, Pos>> bases_a, bases_b;
  BaseForms(fa, &bases_a);
  if (bases_a.empty()) return WordRelation::kNone;
  BaseForms(fb, &bases_b);
  if (bases_b.empty()) return WordRelation::kNone;

  // Lemmas and synsets (of the POS each lemma was reached through), sorted.
  std::vector<uint32_t> lemmas_a, lemmas_b, synsets_a, synsets_b;
  const auto gather = [&](const auto& bases, std::vector<uint32_t>* lemmas,
                          std::vector<uint32_t>* synsets) {
    for (auto [id, p] : bases) {
      lemmas->push_back(id);
      const std::span<const uint32_t> of = SynsetsOf(id).Of(p);
      synsets->insert(synsets->end(), of.begin(), of.end());
    }
    SortUnique(lemmas);
    SortUnique(synsets);
  };
  gather(bases_a, &lemmas_a, &synsets_a);
  gather(bases_b, &lemmas_b, &synsets_b);

  if (Intersects(lemmas_a, lemmas_b)) return WordRelation::kSame;
  if (Intersects(synsets_a, synsets_b)) return WordRelation::kSynonym;
  // The synsets of their lemmas over every part of speech, which lexical
  // pointers may join.
  const auto gather_all = [&](const std::vector<uint32_t>& lemmas) {
    std::vector<uint32_t> all;
    for (uint32_t x : lemmas) {
      const std::vector<uint32_t>& ids = SynsetsOf(x).ids;
      all.insert(all.end(), ids.begin(), ids.end());
    }
    SortUnique(&all);
    return all;
  };
  const std::vector<uint32_t> all_a = gather_all(lemmas_a);
  const std::vector<uint32_t> all_b = gather_all(lemmas_b);
  // Every pointer counts in either direction: the pointers of a's synsets
  // towards b's, then those of b's towards a's.
  WordRelation best = WordRelation::kNone;
  RelateFrom(lemmas_a, synsets_a, all_a, lemmas_b, synsets_b, all_b, &best);
  if (best != WordRelation::kSimilarTo) {
    RelateFrom(lemmas_b, synsets_b, all_b, lemmas_a, synsets_a, all_a, &best);
  }
  return best;
}

// True if a word of `words`, folded, is one of `lemmas`.
bool WordNet::Impl::AnyWordIn(std::span<const std::string_view> words,
                              const std::vector<uint32_t>& lemmas,
                              std::string* folded) const {
  for (std::string_view w : words) {
    FoldInto(StripMarker(w), folded);
    for (uint32_t id : lemmas) {
      if (strings.Get(id) == *folded) return true;
    }
  }
  return false;
}

// The strongest relation that the pointers of the synsets of `lemmas` give
// towards the other word, raising *best. Semantic pointers count from the
// synsets the word was reached through (`synsets`) to `other_synsets`;
// lexical ones from any synset of `lemmas`, any part of speech, whose named
// source word is one of `lemmas` to a target word in `other_lemmas`. The
// synsets holding a lemma are those its index lines list: `all` and
// `other_all` are those of `lemmas` and `other_lemmas`, sorted.
void WordNet::Impl::RelateFrom(const std::vector<uint32_t>& lemmas,
                               const std::vector<uint32_t>& synsets,
                               const std::vector<uint32_t>& all,
                               const std::vector<uint32_t>& other_lemmas,
                               const std::vector<uint32_t>& other_synsets,
                               const std::vector<uint32_t>& other_all,
                               WordRelation* best) const {
  std::string folded;
  for (uint32_t s : all) {
    // Semantic pointers count only from the synsets the word was reached
    // through.
    const bool reached = std::binary_search(synsets.begin(), synsets.end(), s);
    const SynsetText& text = SynsetOf(s);
    for (const SynsetPointer& ptr : text.pointers) {
      if (ptr.kind != PtrKind::kRelated ||
          (ptr.source_word == 0 && ptr.target_word == 0)) {
        if (!reached || !std::binary_search(other_synsets.begin(),
                                            other_synsets.end(),
                                            ptr.target)) {
          continue;
        }
        const WordRelation r = ptr.kind == PtrKind::kSimilar
                                   ? WordRelation::kSimilarTo
                               : ptr.kind == PtrKind::kRelated
                                   ? WordRelation::kDerived
                                   : WordRelation::kHypernym;
        *best = std::max(*best, r);
        if (*best == WordRelation::kSimilarTo) return;
        continue;
      }
      // A target word of the other word's lemmas is in one of their
      // synsets: other targets need not be read.
      if (*best >= WordRelation::kDerived ||
          !std::binary_search(other_all.begin(), other_all.end(),
                              ptr.target) ||
          !AnyWordIn(text.Words(ptr.source_word), lemmas, &folded)) {
        continue;
      }
      // A synset of the other word's lemmas.
      const uint32_t t = ptr.target;
      if (ptr.target_word > synset_lines[t].words) {
        ReportLate(LineError(PosOfSynset(s), s,
                             "pointer target word out of range"));
        continue;
      }
      if (AnyWordIn(SynsetOf(t).Words(ptr.target_word), other_lemmas,
                    &folded)) {
        *best = WordRelation::kDerived;
      }
    }
  }
}

const char* WordRelationName(WordRelation r) {
  static constexpr const char* kNames[] = {"none",       "hypernym", "derived",
                                           "similar_to", "synonym",  "same"};
  const auto i = static_cast<size_t>(r);
  return i < std::size(kNames) ? kNames[i] : "none";
}

Result<std::unique_ptr<WordNet>> WordNet::Load(const std::string& dir) {
  auto impl = std::make_unique<Impl>();
  CONCORD_RETURN_IF_ERROR(impl->Load(dir));
  // Here, not in Impl::Load: there it made GCC inline less of the loaders.
  impl->lemma_memo.Init(impl->pos_mask.size());
  impl->synset_memo.Init(impl->synset_lines.size());
  return std::unique_ptr<WordNet>(new WordNet(std::move(impl)));
}

std::string WordNet::FindDefaultDir() {
  const std::string dir = "/usr/share/wordnet";
  for (const char* name : {"/data.noun", "/index.noun", "/noun.exc"}) {
    if (!Env::Default()->Exists(dir + name)) return "";
  }
  return dir;
}

WordNet::WordNet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WordNet::~WordNet() = default;

WordRelation WordNet::Relate(std::string_view a, std::string_view b) const {
  return impl_->Relate(a, b);
}

std::vector<std::string> WordNet::BaseForms(std::string_view word) const {
  std::vector<std::pair<uint32_t, Pos>> bases;
  const std::string folded = Fold(word);
  if (!folded.empty()) impl_->BaseForms(folded, &bases);
  std::vector<std::string> out;
  for (auto [id, p] : bases) {
    std::string text(impl_->strings.Get(id));
    if (std::find(out.begin(), out.end(), text) == out.end()) {
      out.push_back(std::move(text));
    }
  }
  return out;
}

uint32_t WordNet::TagCount(std::string_view word) const {
  impl_->EnsureTagCounts();
  if (impl_->tag_counts.empty()) return 0;
  std::vector<std::pair<uint32_t, Pos>> bases;
  const std::string folded = Fold(word);
  if (!folded.empty()) impl_->BaseForms(folded, &bases);
  uint32_t best = 0;
  for (auto [id, p] : bases) {
    if (id < impl_->tag_counts.size()) {
      best = std::max(best, impl_->tag_counts[id]);
    }
  }
  return best;
}

uint64_t WordNet::total_tag_count() const {
  impl_->EnsureTagCounts();
  return impl_->total_tags;
}

bool WordNet::Contains(std::string_view word) const {
  return !BaseForms(word).empty();
}

size_t WordNet::synset_count() const { return impl_->pos_begin[kPosCount]; }

Status WordNet::Verify() const { return impl_->Verify(); }

Status WordNet::late_error() const {
  std::lock_guard<std::mutex> lock(impl_->late_mutex);
  return impl_->late_error;
}

}  // namespace concord::compare
