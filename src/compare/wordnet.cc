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
// Layout: lemmas are interned once into one arena (no per-word heap
// strings); synsets get dense ids, nouns first; relations are compressed
// sparse rows of uint32 ids: lemma -> synsets, synset -> direct hypernyms
// (hyponym pointers folded in reversed, so one short list serves both
// directions), synset -> similar-to and -> semantic derivational links (made
// symmetric), and lemma -> lemma for lexical pointers, whose word numbers
// name two words rather than two synsets.
//
// Cost: Load() parses ~28 MB of text once (~0.5 s at -O2, ~33 MB peak).
// Relate() is a few dozen hash probes for morphy plus binary searches of
// short lists in two small sorted synset sets: ~4 us. Covered by
// wordnet_test.cc: a synthetic dictionary pinning each rule, malformed
// files, and a golden table over the installed WordNet 3.0.
#include "src/compare/wordnet.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <span>
#include <unordered_map>
#include <utility>

#include "src/base/env.h"
#include "src/base/hash.h"

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
// underscores folded into one '_', none at either end.
std::string Fold(std::string_view in) {
  // Most lemmas are already folded (lower case, no space or '_'): copied
  // as they are.
  bool plain = true;
  for (char c : in) {
    if ((c >= 'A' && c <= 'Z') || c == '_' || IsSpace(c)) {
      plain = false;
      break;
    }
  }
  if (plain) return std::string(in);
  std::string out;
  out.reserve(in.size());
  bool gap = false;
  for (char c : in) {
    if (IsSpace(c) || c == '_') {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out.push_back('_');
    gap = false;
    out.push_back(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

// 'n', 'v', 'a' or 's' (adjective satellite), 'r'.
bool PosFromChar(char c, Pos* p) {
  const size_t i = std::string_view("nvasr").find(c);
  if (i == std::string_view::npos) return false;
  *p = std::array{kNoun, kVerb, kAdj, kAdj, kAdv}[i];
  return true;
}

// Strings interned into one arena; ids are dense from 0. Open addressing
// with linear probing, at most half full.
class Interner {
 public:
  uint32_t Find(std::string_view s) const {
    if (slots_.empty()) return kNoId;
    const uint32_t h = static_cast<uint32_t>(Hash64(s));
    for (size_t i = h & (slots_.size() - 1);;
         i = (i + 1) & (slots_.size() - 1)) {
      const uint32_t id = slots_[i];
      if (id == kNoId || (hashes_[id] == h && Get(id) == s)) return id;
    }
  }
  uint32_t Intern(std::string_view s) {
    if (const uint32_t id = Find(s); id != kNoId) return id;
    if (2 * (size() + 1) > slots_.size()) {
      slots_.assign(std::max<size_t>(1024, 2 * slots_.size()), kNoId);
      for (uint32_t id = 0; id < size(); ++id) Place(id);
    }
    const uint32_t id = static_cast<uint32_t>(size());
    arena_.append(s);
    starts_.push_back(static_cast<uint32_t>(arena_.size()));
    hashes_.push_back(static_cast<uint32_t>(Hash64(s)));
    Place(id);
    return id;
  }
  std::string_view Get(uint32_t id) const {
    return std::string_view(arena_).substr(starts_[id],
                                           starts_[id + 1] - starts_[id]);
  }
  size_t size() const { return starts_.size() - 1; }

 private:
  void Place(uint32_t id) {
    size_t i = hashes_[id] & (slots_.size() - 1);
    while (slots_[i] != kNoId) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = id;
  }

  std::string arena_;
  std::vector<uint32_t> starts_{0};  // id -> start in arena_; one past the end
  std::vector<uint32_t> hashes_;     // id -> low 32 bits of Hash64
  std::vector<uint32_t> slots_;      // ids, kNoId when empty; a power of two
};

// Compressed sparse rows: row i is items[begin[i], begin[i + 1]), sorted.
struct Csr {
  std::vector<uint32_t> begin{0};
  std::vector<uint32_t> items;

  std::span<const uint32_t> Row(uint32_t i) const {
    if (i + 1 >= begin.size()) return {};
    return {items.data() + begin[i], begin[i + 1] - begin[i]};
  }
  // `rows` rows from edges (from << 32 | to), deduplicated; frees `edges`.
  // Rows are filled by a counting sort on `from` (one pass to count, one
  // to place), then each row, a handful of ids, is sorted and deduplicated:
  // a fifth of the cost of sorting all edges, which was a fifth of Load.
  static Csr Build(size_t rows, std::vector<uint64_t>& edges) {
    std::vector<uint32_t> fill(rows + 1, 0);
    for (uint64_t e : edges) ++fill[(e >> 32) + 1];
    for (size_t i = 0; i < rows; ++i) fill[i + 1] += fill[i];
    std::vector<uint32_t> placed(edges.size());
    {
      std::vector<uint32_t> next(fill.begin(), fill.end() - 1);
      for (uint64_t e : edges) {
        placed[next[e >> 32]++] = static_cast<uint32_t>(e);
      }
    }
    std::vector<uint64_t>().swap(edges);
    Csr csr;
    csr.begin.assign(rows + 1, 0);
    csr.items.reserve(placed.size());
    for (size_t r = 0; r < rows; ++r) {
      const auto first = placed.begin() + fill[r];
      const auto last = placed.begin() + fill[r + 1];
      std::sort(first, last);
      csr.items.insert(csr.items.end(), first, std::unique(first, last));
      csr.begin[r + 1] = static_cast<uint32_t>(csr.items.size());
    }
    return csr;
  }
};

uint64_t Edge(uint32_t from, uint32_t to) {
  return static_cast<uint64_t>(from) << 32 | to;
}
bool AnyIn(std::span<const uint32_t> items,
           const std::vector<uint32_t>& sorted) {
  return std::any_of(items.begin(), items.end(), [&](uint32_t x) {
    return std::binary_search(sorted.begin(), sorted.end(), x);
  });
}
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
    std::string_view field = Next(what);
    for (std::string_view marker : {"(a)", "(p)", "(ip)"}) {
      if (field.ends_with(marker)) field.remove_suffix(marker.size());
    }
    std::string word = Fold(field);
    if (ok() && word.empty()) Fail(std::string("empty ") + what);
    return word;
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

// Calls fn(line, line_number) for every line of the file except blank ones
// and the licence header (lines starting with two spaces).
template <typename Fn>
Status ForEachLine(const std::string& path, Fn fn) {
  Result<std::string> text = Env::Default()->ReadFile(path);
  if (!text.ok()) return text.status();
  std::string_view rest = *text;
  for (size_t line_no = 1; !rest.empty(); ++line_no) {
    std::string_view line = rest.substr(0, rest.find('\n'));
    rest.remove_prefix(std::min(line.size() + 1, rest.size()));
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.starts_with("  ") ||
        std::all_of(line.begin(), line.end(), IsSpace)) {
      continue;
    }
    CONCORD_RETURN_IF_ERROR(fn(line, line_no));
  }
  return Status::Ok();
}

Status Malformed(const std::string& path, size_t line, std::string_view what) {
  return Status::BadInput(path + ":" + std::to_string(line) + ": " +
                          std::string(what));
}

// A pointer as read, before its target synset is known.
enum class PtrKind : uint8_t { kHypernym, kHyponym, kSimilar, kRelated };
struct RawPointer {
  uint32_t source = 0;  // synset id
  uint32_t target_offset = 0;
  uint32_t line = 0;
  Pos source_pos = kNoun, target_pos = kNoun;
  PtrKind kind = PtrKind::kHypernym;
  uint8_t source_word = 0, target_word = 0;  // 1-based; 0: semantic pointer
};

// The pointers Relate() follows; the others (antonym, attribute, meronyms,
// entailment, domains, ...) are skipped.
bool KindOf(std::string_view symbol, PtrKind* kind) {
  static constexpr std::pair<std::string_view, PtrKind> kKinds[] = {
      {"@", PtrKind::kHypernym}, {"@i", PtrKind::kHypernym},
      {"~", PtrKind::kHyponym},  {"~i", PtrKind::kHyponym},
      {"&", PtrKind::kSimilar},  {"+", PtrKind::kRelated},
      {"\\", PtrKind::kRelated}, {"^", PtrKind::kRelated}};
  for (const auto& [sym, k] : kKinds) {
    if (sym == symbol) {
      *kind = k;
      return true;
    }
  }
  return false;
}

struct ExceptionEntry {
  uint32_t form;
  Pos pos;
  uint32_t base;
  bool operator<(const ExceptionEntry& o) const {
    return form != o.form ? form < o.form : pos < o.pos;
  }
};

// Temporaries of loading.
struct Scratch {
  std::unordered_map<uint64_t, uint32_t> synsets;  // Key(pos, offset) -> id
  std::vector<uint32_t> words_begin{0};            // synset id -> its words
  std::vector<uint32_t> words;                     // string ids
  std::vector<RawPointer> pointers;

  static uint64_t Key(Pos p, uint32_t offset) { return Edge(p, offset); }
  uint32_t Find(Pos p, uint32_t offset) const {
    auto it = synsets.find(Key(p, offset));
    return it == synsets.end() ? kNoId : it->second;
  }
  // Words of a synset: all of them for word number 0, else the n-th.
  std::span<const uint32_t> Words(uint32_t synset, uint8_t n) const {
    std::span<const uint32_t> all(
        words.data() + words_begin[synset],
        words_begin[synset + 1] - words_begin[synset]);
    return n == 0 || n > all.size() ? all : all.subspan(n - 1, 1);
  }
};

}  // namespace

// The loaded dictionary; immutable once Load() returns.
struct WordNet::Impl {
  Status Load(const std::string& dir);
  Status LoadData(Pos p, const std::string& path, Scratch& s);
  Status ResolvePointers(const std::string& dir, const Scratch& s);
  Status LoadIndex(Pos p, const std::string& path, const Scratch& s,
                   std::vector<uint64_t>& lemma_synsets);
  Status LoadExceptions(Pos p, const std::string& path);
  Status LoadTagCounts(const std::string& path);

  bool IsLemma(uint32_t id, Pos p) const {
    return id < pos_mask.size() && (pos_mask[id] >> p & 1);
  }
  void MorphWord(std::string_view w, Pos p, std::vector<uint32_t>* out) const;
  void Morphy(std::string_view w, Pos p, std::vector<uint32_t>* out) const;
  void BaseForms(std::string_view folded,
                 std::vector<std::pair<uint32_t, Pos>>* out) const;
  WordRelation Relate(std::string_view a, std::string_view b) const;

  Interner strings;               // lemmas and exception forms
  std::vector<uint8_t> pos_mask;  // string id -> bit p: a lemma of POS p
  // Synsets of POS p have ids [pos_begin[p], pos_begin[p + 1]).
  std::array<uint32_t, kPosCount + 1> pos_begin{};
  Csr lemma_synsets;  // string id -> synset ids
  Csr lemma_related;  // string id -> string ids: lexical + \ ^, symmetric
  Csr hypernyms;      // synset -> direct hypernyms: @ @i, and ~ ~i reversed
  Csr similar;        // synset -> synsets: &, symmetric
  Csr related;        // synset -> synsets: semantic + \ ^, symmetric
  std::vector<ExceptionEntry> exceptions;  // sorted by (form, pos)
  // String id -> SemCor tag count summed over the lemma's senses
  // (cntlist.rev); empty when the file is absent.
  std::vector<uint32_t> tag_counts;
  uint64_t total_tags = 0;  // over every line of cntlist.rev
};

// synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt
// [ptr_symbol synset_offset pos source/target...] [frames] | gloss
Status WordNet::Impl::LoadData(Pos p, const std::string& path, Scratch& s) {
  pos_begin[p] = static_cast<uint32_t>(s.words_begin.size() - 1);
  return ForEachLine(
      path, [&](std::string_view line, size_t line_no) -> Status {
        Fields f(line);
        const uint32_t offset = f.Number(10, "synset offset");
        f.Number(10, "lexicographer file number");
        f.PartOfSpeech("synset type", p);
        const uint32_t n_words = f.Number(16, "word count");
        const uint32_t synset = static_cast<uint32_t>(s.words_begin.size() - 1);
        for (uint32_t i = 0; i < n_words && f.ok(); ++i) {
          const std::string word = f.Word("word");
          f.Next("lex_id");
          if (f.ok()) s.words.push_back(strings.Intern(word));
        }
        const uint32_t n_pointers = f.Number(10, "pointer count");
        for (uint32_t i = 0; i < n_pointers && f.ok(); ++i) {
          RawPointer ptr{.source = synset,
                         .line = static_cast<uint32_t>(line_no),
                         .source_pos = p};
          const std::string_view symbol = f.Next("pointer symbol");
          ptr.target_offset = f.Number(10, "pointer offset");
          ptr.target_pos = f.PartOfSpeech("pointer part of speech");
          const uint32_t source_target = f.Number(16, "pointer source/target");
          ptr.source_word = static_cast<uint8_t>(source_target >> 8);
          ptr.target_word = static_cast<uint8_t>(source_target & 0xff);
          if (f.ok() && ptr.source_word > n_words) {
            return Malformed(path, line_no, "pointer source word out of range");
          }
          if (f.ok() && KindOf(symbol, &ptr.kind)) s.pointers.push_back(ptr);
        }
        if (!f.ok()) return Malformed(path, line_no, f.error());
        if (n_words == 0)
          return Malformed(path, line_no, "synset without words");
        if (!s.synsets.emplace(Scratch::Key(p, offset), synset).second) {
          return Malformed(path, line_no, "synset offset appears twice");
        }
        s.words_begin.push_back(static_cast<uint32_t>(s.words.size()));
        return Status::Ok();
      });
}

Status WordNet::Impl::ResolvePointers(const std::string& dir,
                                      const Scratch& s) {
  std::vector<uint64_t> hyper, sim, rel, lemma_rel;
  for (const RawPointer& ptr : s.pointers) {
    const uint32_t source = ptr.source;
    const uint32_t target = s.Find(ptr.target_pos, ptr.target_offset);
    const auto bad = [&](const std::string& what) {
      return Malformed(dir + "/data." + kPosSuffix[ptr.source_pos], ptr.line,
                       what);
    };
    if (target == kNoId) {
      return bad("pointer to synset " + OffsetText(ptr.target_offset) +
                 ", which is not in data." + kPosSuffix[ptr.target_pos]);
    }
    switch (ptr.kind) {
      case PtrKind::kHypernym:
        hyper.push_back(Edge(source, target));
        break;
      case PtrKind::kHyponym:
        hyper.push_back(Edge(target, source));
        break;
      case PtrKind::kSimilar:
        sim.push_back(Edge(source, target));
        sim.push_back(Edge(target, source));
        break;
      case PtrKind::kRelated:
        if (ptr.source_word == 0 && ptr.target_word == 0) {  // semantic
          rel.push_back(Edge(source, target));
          rel.push_back(Edge(target, source));
          break;
        }
        if (ptr.target_word > s.Words(target, 0).size()) {
          return bad("pointer target word out of range");
        }
        for (uint32_t x : s.Words(source, ptr.source_word)) {
          for (uint32_t y : s.Words(target, ptr.target_word)) {
            lemma_rel.push_back(Edge(x, y));
            lemma_rel.push_back(Edge(y, x));
          }
        }
        break;
    }
  }
  const size_t synsets = s.words_begin.size() - 1;
  hypernyms = Csr::Build(synsets, hyper);
  similar = Csr::Build(synsets, sim);
  related = Csr::Build(synsets, rel);
  lemma_related = Csr::Build(strings.size(), lemma_rel);
  return Status::Ok();
}

// lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt
// synset_offset [synset_offset...]
Status WordNet::Impl::LoadIndex(Pos p, const std::string& path,
                                const Scratch& s,
                                std::vector<uint64_t>& lemma_synsets) {
  return ForEachLine(path, [&](std::string_view line, size_t line_no) {
    Fields f(line);
    const std::string lemma = f.Word("lemma");
    f.PartOfSpeech("part of speech", p);
    const uint32_t n_synsets = f.Number(10, "synset count");
    const uint32_t n_symbols = f.Number(10, "pointer count");
    for (uint32_t i = 0; i < n_symbols && f.ok(); ++i) f.Next("pointer symbol");
    f.Number(10, "sense count");
    f.Number(10, "tagged sense count");
    if (!f.ok()) return Malformed(path, line_no, f.error());
    const uint32_t id = strings.Intern(lemma);
    if (pos_mask.size() <= id) pos_mask.resize(id + 1, 0);
    pos_mask[id] |= 1 << p;
    for (uint32_t i = 0; i < n_synsets; ++i) {
      const uint32_t offset = f.Number(10, "synset offset");
      if (!f.ok()) return Malformed(path, line_no, f.error());
      const uint32_t synset = s.Find(p, offset);
      if (synset == kNoId) {
        return Malformed(path, line_no,
                         "synset " + OffsetText(offset) + " is not in data." +
                             kPosSuffix[p]);
      }
      lemma_synsets.push_back(Edge(id, synset));
    }
    return Status::Ok();
  });
}

// inflected_form base_form [base_form...]
Status WordNet::Impl::LoadExceptions(Pos p, const std::string& path) {
  return ForEachLine(path, [&](std::string_view line, size_t line_no) {
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
  Scratch s;
  for (int p = 0; p < kPosCount; ++p) {
    CONCORD_RETURN_IF_ERROR(
        LoadData(Pos(p), dir + "/data." + kPosSuffix[p], s));
  }
  pos_begin[kPosCount] = static_cast<uint32_t>(s.words_begin.size() - 1);
  CONCORD_RETURN_IF_ERROR(ResolvePointers(dir, s));
  std::vector<uint64_t> edges;
  for (int p = 0; p < kPosCount; ++p) {
    CONCORD_RETURN_IF_ERROR(
        LoadIndex(Pos(p), dir + "/index." + kPosSuffix[p], s, edges));
  }
  lemma_synsets = Csr::Build(strings.size(), edges);
  for (int p = 0; p < kPosCount; ++p) {
    CONCORD_RETURN_IF_ERROR(
        LoadExceptions(Pos(p), dir + "/" + kPosSuffix[p] + ".exc"));
  }
  std::sort(exceptions.begin(), exceptions.end());
  pos_mask.resize(strings.size(), 0);
  // Optional: older or trimmed installs may lack it (counts are then 0).
  if (Env::Default()->Exists(dir + "/cntlist.rev")) {
    CONCORD_RETURN_IF_ERROR(LoadTagCounts(dir + "/cntlist.rev"));
  }
  return Status::Ok();
}

// cntlist.rev: "sense_key sense_number tag_cnt" per line, the sense key
// opening with the lemma ("state%1:03:00:: 1 182"). Lemmas not in the index
// count towards the total only.
Status WordNet::Impl::LoadTagCounts(const std::string& path) {
  tag_counts.assign(strings.size(), 0);
  return ForEachLine(path, [&](std::string_view line, size_t line_no) {
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
      for (uint32_t s : lemma_synsets.Row(id)) {
        if (s >= pos_begin[p] && s < pos_begin[p + 1]) synsets->push_back(s);
      }
    }
    SortUnique(lemmas);
    SortUnique(synsets);
  };
  gather(bases_a, &lemmas_a, &synsets_a);
  gather(bases_b, &lemmas_b, &synsets_b);

  if (Intersects(lemmas_a, lemmas_b)) return WordRelation::kSame;
  if (Intersects(synsets_a, synsets_b)) return WordRelation::kSynonym;
  // similar, lemma_related and related are symmetric: one direction will do.
  for (uint32_t s : synsets_a) {
    if (AnyIn(similar.Row(s), synsets_b)) return WordRelation::kSimilarTo;
  }
  for (uint32_t l : lemmas_a) {
    if (AnyIn(lemma_related.Row(l), lemmas_b)) return WordRelation::kDerived;
  }
  for (uint32_t s : synsets_a) {
    if (AnyIn(related.Row(s), synsets_b)) return WordRelation::kDerived;
  }
  for (uint32_t s : synsets_a) {
    if (AnyIn(hypernyms.Row(s), synsets_b)) return WordRelation::kHypernym;
  }
  for (uint32_t s : synsets_b) {
    if (AnyIn(hypernyms.Row(s), synsets_a)) return WordRelation::kHypernym;
  }
  return WordRelation::kNone;
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

uint64_t WordNet::total_tag_count() const { return impl_->total_tags; }

bool WordNet::Contains(std::string_view word) const {
  return !BaseForms(word).empty();
}

size_t WordNet::synset_count() const { return impl_->pos_begin[kPosCount]; }

}  // namespace concord::compare
