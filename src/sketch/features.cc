// Feature extraction: tokens → stems, names and numbers (see features.h for
// the idea). Sentence starts are tracked from punctuation tokens so that a
// capitalised first word is not taken for a name. Covered by
// features_test.cc.
#include "src/sketch/features.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <type_traits>

#include "src/base/hash.h"
#include "src/base/short_string.h"
#include "src/text/numbers.h"
#include "src/text/stopwords.h"

namespace concord::sketch {
namespace {

constexpr uint64_t kTermSeed = 0x636f6e636f7264ULL;  // "concord"
constexpr size_t kMaxMemo = 1 << 20;  // distinct words remembered per language
constexpr size_t kMaxReported = 1 << 22;  // VocabularyTerms::kUnseen memory

bool EndsSentence(std::string_view punct) {
  return punct == "." || punct == "!" || punct == "?" || punct == ":" ||
         punct == ";" || punct == "..." || punct == "\xE2\x80\xA6";
}

// "ukraine's" → "ukraine", "workers'" → "workers" (folded words use ').
std::string_view StripPossessive(std::string_view w) {
  const size_t n = w.size();
  if (n > 2 && w[n - 1] == 's' && w[n - 2] == '\'') w.remove_suffix(2);
  if (w.size() > 1 && w.back() == '\'') w.remove_suffix(1);
  return w;
}

// "#1200", "#3.5": the canonical text of a number's value.
void NumberKey(double value, std::string* key) {
  char buf[40];
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buf, sizeof buf, "#%lld", static_cast<long long>(value));
  } else {
    std::snprintf(buf, sizeof buf, "#%.6g", value);
  }
  key->assign(buf);
}

}  // namespace

FeatureExtractor::FeatureExtractor(const FeatureOptions& options)
    : options_(options) {}

FeatureExtractor::~FeatureExtractor() = default;

inline FeatureExtractor::Memo::View FeatureExtractor::Memo::Slots() {
  // An empty memo probes one empty slot: no test of its size per look-up.
  static Entry empty{};
  if (slots_.empty()) return View{&empty, 0};
  return View{slots_.data(), slots_.size() - 1};
}

inline FeatureExtractor::Memo::Entry* FeatureExtractor::Memo::Find(
    View v, std::string_view word, uint64_t hash) const {
  const uint32_t length = static_cast<uint32_t>(word.size() + 1);
  for (uint64_t i = hash & v.mask; v.slots[i].length != 0;
       i = (i + 1) & v.mask) {
    Entry& e = v.slots[i];
    if (e.hash == hash && e.length == length &&
        (word.size() < 8 || SameShortString(Word(e), word))) {
      return &e;
    }
  }
  return nullptr;
}

void FeatureExtractor::Memo::Grow() {
  std::vector<Entry> old;
  old.swap(slots_);
  slots_.assign(std::max<size_t>(1024, old.size() * 2), Entry{});
  const uint64_t mask = slots_.size() - 1;
  for (const Entry& e : old) {
    if (e.length == 0) continue;
    uint64_t i = e.hash & mask;
    while (slots_[i].length != 0) i = (i + 1) & mask;
    slots_[i] = e;
  }
}

FeatureExtractor::Memo::Entry& FeatureExtractor::Memo::Insert(
    std::string_view word, uint64_t hash, WordInfo info) {
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  Entry e{};
  e.word_term = info.word_term;
  e.name_term = info.name_term;
  e.number_term = info.number_term;
  e.hash = hash;
  e.length = static_cast<uint32_t>(word.size() + 1);
  e.stop = info.stop;
  const bool long_word = word.size() > kInlineWord;
  if (long_word || !info.number_key.empty()) {
    colds_.push_back({long_word ? std::string(word) : std::string(),
                      std::move(info.number_key)});
    e.cold = static_cast<uint32_t>(colds_.size());
  }
  if (!long_word) std::memcpy(e.word, word.data(), word.size());
  const uint64_t mask = slots_.size() - 1;
  uint64_t i = hash & mask;
  while (slots_[i].length != 0) i = (i + 1) & mask;
  slots_[i] = e;
  ++size_;
  return slots_[i];
}

void FeatureExtractor::Memo::clear() {
  slots_.clear();
  size_ = 0;
  colds_.clear();
}

FeatureExtractor::LangState* FeatureExtractor::StateFor(std::string_view lang) {
  auto it = langs_.find(lang);
  if (it == langs_.end()) {
    it = langs_.emplace(std::string(lang), LangState{}).first;
    it->second.stemmer = std::make_unique<text::Stemmer>(lang);
  }
  return &it->second;
}

FeatureExtractor::Memo::Entry& FeatureExtractor::LookupMiss(
    LangState* state, std::string_view word, std::string_view lang,
    uint64_t hash) {
  // Bounded memory on endless streams: start over when the memo is large.
  if (state->words.size() >= kMaxMemo) state->words.clear();
  WordInfo info;
  info.stop = text::IsStopword(word, lang);
  if (auto value = text::ParseNumber(word); value && *value >= 2) {
    NumberKey(*value, &info.number_key);
    info.number_term = Hash64(info.number_key, kTermSeed);
  }
  // Terms are counted under 1 for 0 (0 marks an empty slot of the term
  // table): mapped here once rather than at every Add().
  info.word_term =
      std::max<uint64_t>(Hash64(state->stemmer->Stem(word), kTermSeed), 1);
  key_.assign("n:");
  key_.append(word);
  info.name_term = std::max<uint64_t>(Hash64(key_, kTermSeed), 1);
  return state->words.Insert(word, hash, std::move(info));
}

inline bool FeatureExtractor::FirstReport(uint64_t term) {
  // Bounded: past kMaxReported terms, start over (terms may then be
  // reported again, which the contract allows).
  if (reported_.size() >= kMaxReported) [[unlikely]] reported_.Clear();
  return reported_.Insert(term);
}

// Inline in AddText: the common case is a probe or two and an add; growing
// the table and reporting a new term to the vocabulary are out of line.
// The table's state is in `t`, AddText's locals: members would be reloaded
// after every store into the table (a TermCount's term may alias them).
inline void FeatureExtractor::Add(Table& t, uint64_t term, TermKind kind,
                                  float count, Memo::Entry* e,
                                  std::string_view prefix,
                                  std::string_view shown,
                                  Vocabulary* vocabulary) {
  if (t.terms >= t.limit) [[unlikely]] {
    terms_ = t.terms;
    GrowSlots();
    t = LoadTable();
  }
  size_t i = term >> t.shift;
  TermCount* tc = t.slots + i;
  while (tc->term != 0 && tc->term != term) ++tc;
  if (tc->term == 0) {
    i = static_cast<size_t>(tc - t.slots);
    tc->term = term;
    tc->kind = kind;
    ++t.terms;
    t.used[i >> 6] |= uint64_t{1} << (i & 63);
    // Most terms new to the article were reported for an earlier one, and
    // nearly always through the same memo entry, whose flag then saves the
    // look-up in reported_ (a cache miss in a large table). The look-up is
    // inline, the insert into the vocabulary not.
    if (vocabulary != nullptr) {
      const uint8_t bit = static_cast<uint8_t>(1u << static_cast<int>(kind));
      if (!unseen_only_) {
        Report(term, prefix, shown, vocabulary);
      } else if ((e->reported & bit) == 0) {
        e->reported |= bit;
        if (FirstReport(term)) Report(term, prefix, shown, vocabulary);
      }
    }
  }
  tc->count += count;
}

inline FeatureExtractor::Table FeatureExtractor::LoadTable() {
  // (terms + 1) * 2 > capacity, for an even capacity: terms >= capacity / 2.
  return Table{slots_.data(), used_.data(), shift_, terms_, capacity_ / 2};
}

void FeatureExtractor::Report(uint64_t term, std::string_view prefix,
                              std::string_view shown,
                              Vocabulary* vocabulary) {
  if (prefix.empty()) {
    vocabulary->try_emplace(term, shown);
    return;
  }
  key_.assign(prefix);
  key_.append(shown);
  vocabulary->try_emplace(term, key_);
}

void FeatureExtractor::StartSlots(size_t bytes) {
  // About one distinct term per 12 bytes of news text: a capacity of one
  // slot per 6 bytes is mostly under half full without growing, and small
  // enough that SortedTerms() scans little empty table.
  size_t capacity = 64;
  int bits = 6;
  while (capacity * 6 < bytes) capacity *= 2, ++bits;
  capacity_ = capacity;
  shift_ = 64 - bits;
  if (slots_.size() < capacity + capacity / 2) {
    slots_.resize(capacity + capacity / 2);
    used_.resize(slots_.size() / 64 + 1);
  }
}

void FeatureExtractor::GrowSlots() {
  // Double the capacity, re-inserting what is there in slot order (which
  // keeps each term's probe as short as a fresh insert's).
  std::vector<TermCount> old;
  old.reserve(terms_);
  for (size_t w = 0; w < used_.size(); ++w) {
    for (uint64_t bits = used_[w]; bits != 0; bits &= bits - 1) {
      const size_t i = w * 64 + static_cast<size_t>(__builtin_ctzll(bits));
      old.push_back(slots_[i]);
      slots_[i] = TermCount{};
    }
    used_[w] = 0;
  }
  capacity_ *= 2;
  --shift_;
  if (slots_.size() < capacity_ + capacity_ / 2) {
    slots_.resize(capacity_ + capacity_ / 2);
    used_.resize(slots_.size() / 64 + 1);
  }
  for (const TermCount& tc : old) {
    size_t i = tc.term >> shift_;
    while (slots_[i].term != 0) ++i;
    slots_[i] = tc;
    used_[i >> 6] |= uint64_t{1} << (i & 63);
  }
}

TermBag FeatureExtractor::Extract(std::string_view headline,
                                  std::string_view body, std::string_view lang,
                                  Vocabulary* vocabulary,
                                  VocabularyTerms which) {
  if (lang.empty()) lang = "en";
  unseen_only_ = which == VocabularyTerms::kUnseen;
  StartSlots(headline.size() + body.size());
  words_ = 0;
  // Headlines and bodies have a TokenList each: Tokenize() cuts a list to
  // its tokens, and a body tokenized into the list a headline just cut
  // short would regrow (and zero) it a mask word at a time.
  AddText(headline, lang, static_cast<float>(options_.headline_repeat),
          &headline_tokens_, vocabulary);
  AddText(body, lang, 1.0f, &tokens_, vocabulary);
  TermBag bag;
  bag.words = words_;
  SortedTerms(&bag.terms);
  return bag;
}

// The terms of the table sorted by term: in slot order they are sorted by
// their top bits except within a cluster (a term probed past its home may
// stand after a larger one), so an insertion sort has little to do. Terms
// are unique, so the order is the one std::sort gives.
void FeatureExtractor::SortedTerms(std::vector<TermCount>* terms) {
  terms->resize(terms_);
  TermCount* const out = terms->data();
  size_t n = 0;
  const size_t words = (capacity_ + capacity_ / 2 + 63) / 64;
  // TermCounts are moved as 16 raw bytes (padding included): one load and
  // one store each, where a copy field by field takes several.
  static_assert(sizeof(TermCount) == 16 &&
                std::is_trivially_copyable_v<TermCount>);
  static constexpr char kZero[sizeof(TermCount)] = {};
  TermCount* const slots = slots_.data();
  for (size_t w = 0; w < words; ++w) {
    for (uint64_t bits = used_[w]; bits != 0; bits &= bits - 1) {
      const size_t i = w * 64 + static_cast<size_t>(__builtin_ctzll(bits));
      TermCount t;
      std::memcpy(&t, &slots[i], sizeof t);
      std::memcpy(&slots[i], kZero, sizeof t);
      size_t j = n++;
      for (; j > 0 && out[j - 1].term > t.term; --j) {
        std::memcpy(&out[j], &out[j - 1], sizeof t);
      }
      std::memcpy(&out[j], &t, sizeof t);
    }
    used_[w] = 0;
  }
  terms_ = 0;
}

void FeatureExtractor::AddText(std::string_view text, std::string_view lang,
                               float repeat, text::TokenList* token_list,
                               Vocabulary* vocabulary) {
  if (text.empty()) return;
  LangState* state = StateFor(lang);
  text::TokenList& tokens = *token_list;
  text::Tokenize(text, &tokens, {.keep_punct = true});
  // Two passes. The first walks the tokens (sentence starts, name flags,
  // possessives), hashes each word and number and prefetches its memo
  // slot; the second looks them up and counts their terms. A memo slot is
  // often a cache miss (the memo outgrows the caches), and one pass that
  // looked each word up as it went would wait on them one by one; after
  // the first pass they are loaded, or on their way, side by side.
  if (pending_.size() < tokens.tokens.size()) {
    pending_.resize(tokens.tokens.size());
  }
  Pending* const pending = pending_.data();
  size_t count = 0;
  // Tokens' norms and texts without substr()'s range checks (Tokenize's
  // offsets are in range).
  const char* const norms = tokens.norms.data();
  const auto norm = [norms](const text::TokenRef& t) {
    return std::string_view(norms + t.norm_begin, t.norm_end - t.norm_begin);
  };
  // The memos do not change in this pass: their slots are read once.
  const Memo::View word_slots = state->words.Slots();
  const Memo::View number_slots = numbers_.Slots();
  StopWord* const stops = state->stops.data();
  uint32_t words = 0;  // words_, counted in a register
  bool sentence_start = true;
  for (const text::TokenRef& tok : tokens.tokens) {
    // Words first: most tokens are words.
    if (tok.kind == text::TokenKind::kWord) [[likely]] {
      ++words;
      // A name: all capitals, or capitalised inside a sentence.
      const unsigned name = tok.all_caps | (tok.capitalized & !sentence_start);
      const uint8_t flags = static_cast<uint8_t>(
          name * kPendingName | tok.all_caps * kPendingAllCaps);
      sentence_start = false;
      const std::string_view word = StripPossessive(norm(tok));
      if (word.size() < 2) continue;
      const uint64_t hash = HashShortString(word);
      // A known stop word adds no term (the second pass would drop it).
      if (const StopWord& s = stops[hash & (kStopSlots - 1)];
          s.hash == hash && s.length == word.size() && !tok.all_caps) {
        continue;
      }
      __builtin_prefetch(&word_slots.slots[hash & word_slots.mask]);
      pending[count++] = {hash, word.data(), static_cast<uint32_t>(word.size()),
                          flags};
    } else if (tok.kind == text::TokenKind::kNumber) {
      ++words;
      sentence_start = false;
      const std::string_view raw(text.data() + tok.begin, tok.end - tok.begin);
      const uint64_t hash = HashShortString(raw);
      __builtin_prefetch(&number_slots.slots[hash & number_slots.mask]);
      pending[count++] = {hash, raw.data(), static_cast<uint32_t>(raw.size()),
                          kPendingNumber};
    } else if (EndsSentence(norm(tok))) {
      sentence_start = true;
    }
  }
  words_ += words;
  Table t = LoadTable();
  // The word memo's slots, read again after a miss (which may grow it).
  Memo::View memo = word_slots;
  for (size_t k = 0; k < count; ++k) {
    const Pending& p = pending[k];
    const std::string_view word(p.word, p.length);
    if (p.flags & kPendingNumber) [[unlikely]] {
      Memo::Entry* number = numbers_.Find(numbers_.Slots(), word, p.hash);
      if (number == nullptr) {
        if (numbers_.size() >= kMaxMemo) numbers_.clear();
        WordInfo info;
        auto value = text::ParseNumber(word);
        if (value && *value >= 2) {
          NumberKey(*value, &info.number_key);
          info.number_term = Hash64(info.number_key, kTermSeed);
        }
        number = &numbers_.Insert(word, p.hash, std::move(info));
      }
      if (number->number_term != 0) {
        Add(t, number->number_term, TermKind::kNumber, repeat, number, {},
            numbers_.NumberKey(*number), vocabulary);
      }
      continue;
    }
    Memo::Entry* found = state->words.Find(memo, word, p.hash);
    if (found == nullptr) [[unlikely]] {
      found = &LookupMiss(state, word, lang, p.hash);
      memo = state->words.Slots();
    }
    Memo::Entry& info = *found;
    if (info.stop) [[unlikely]] {
      // Let the first pass drop it next time (words under 8 bytes are told
      // apart by hash and length).
      if (p.length < 8) stops[p.hash & (kStopSlots - 1)] = {p.hash, p.length};
      if (!(p.flags & kPendingAllCaps)) continue;
    }
    // A number word ("twelve") counts as its value as well.
    if (info.number_term != 0) {
      Add(t, info.number_term, TermKind::kNumber, repeat, &info, {},
          state->words.NumberKey(info), vocabulary);
    }
    Add(t, info.word_term, TermKind::kWord, repeat, &info, {}, word,
        vocabulary);
    if (p.flags & kPendingName) {
      Add(t, info.name_term, TermKind::kName, repeat, &info, "n:", word,
          vocabulary);
    }
  }
  terms_ = t.terms;
}

}  // namespace concord::sketch
