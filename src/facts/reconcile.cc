// Facts across a story's articles; the contract is in reconcile.h.
//
// Everything here counts sources, not articles: a wire story and its copies
// are one source, so a fact repeated by ten copies is still single-source,
// and a claim is corroborated only when two independent reports state it.
// Tested by reconcile_test.cc (invented stories) and, on the seed articles,
// by tests/analyze_e2e_test.cc.
#include "src/facts/reconcile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <unordered_map>

#include "src/text/segmenter.h"
#include "src/text/stopwords.h"

namespace concord::facts {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) >= 0x80);
}

// Length of a general-punctuation character (U+2000-U+206F: dashes,
// typographic quotes, ellipsis) at text[i], or 0.
size_t PunctuationAt(std::string_view text, size_t i) {
  if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
      (static_cast<unsigned char>(text[i + 1]) == 0x80 ||
       static_cast<unsigned char>(text[i + 1]) == 0x81)) {
    return 3;
  }
  if (i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xC2) {
    return 2;  // NBSP, guillemets, inverted marks...
  }
  return 0;
}

bool IsApostropheAt(std::string_view text, size_t i, size_t* len) {
  if (text[i] == '\'') {
    *len = 1;
    return true;
  }
  if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
      static_cast<unsigned char>(text[i + 1]) == 0x80 &&
      static_cast<unsigned char>(text[i + 2]) == 0x99) {
    *len = 3;  // U+2019
    return true;
  }
  return false;
}

// Words as written (views into `text`), split on anything not a letter or
// digit; an apostrophe inside a word stays ("it's", "We’re", "1000's").
std::vector<std::string_view> WordsOf(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  auto word_at = [&](size_t k) {
    return k < text.size() && IsWordByte(text[k]) && PunctuationAt(text, k) == 0;
  };
  while (i < text.size()) {
    while (i < text.size() && !word_at(i)) ++i;
    size_t e = i;
    while (e < text.size()) {
      if (word_at(e)) {
        e += 1;
        continue;
      }
      size_t alen = 0;
      if (e > i && IsApostropheAt(text, e, &alen) && word_at(e + alen)) {
        e += alen;
        continue;
      }
      break;
    }
    if (e > i) out.push_back(text.substr(i, e - i));
    i = e;
  }
  return out;
}

std::string Folded(std::string_view w) {
  std::string s;
  for (size_t i = 0; i < w.size(); ++i) {
    size_t alen = 0;
    if (IsApostropheAt(w, i, &alen)) {
      s.push_back('\'');
      i += alen - 1;
      continue;
    }
    s.push_back(Lower(w[i]));
  }
  return s;
}

// Folded words with English contractions opened ("we're" -> we are), so
// that a quote and its copy compare word for word.
std::vector<std::string> FoldedWords(std::string_view text) {
  static constexpr std::pair<std::string_view, std::string_view> kEndings[] = {
      {"n't", "not"}, {"'re", "are"}, {"'ve", "have"}, {"'ll", "will"},
      {"'m", "am"},   {"'d", "would"}};
  std::vector<std::string> out;
  for (std::string_view w : WordsOf(text)) {
    std::string f = Folded(w);
    bool split = false;
    for (const auto& [end, full] : kEndings) {
      if (f.size() > end.size() &&
          f.compare(f.size() - end.size(), end.size(), end) == 0) {
        std::string head = f.substr(0, f.size() - end.size());
        if (head == "wo") head = "will";  // won't
        if (head == "ca") head = "can";   // can't
        out.push_back(std::move(head));
        out.emplace_back(full);
        split = true;
        break;
      }
    }
    if (!split) out.push_back(std::move(f));
  }
  return out;
}

std::set<std::string> WordSet(std::string_view text) {
  std::set<std::string> s;
  for (std::string& w : FoldedWords(text)) s.insert(std::move(w));
  return s;
}

// Content words of a sentence, cut to six letters (a cheap stem).
std::set<std::string> ContentSet(std::string_view text,
                                 std::string_view lang) {
  std::set<std::string> s;
  for (std::string_view w : WordsOf(text)) {
    if (w.size() < 4) continue;
    std::string f = Folded(w);
    if (text::IsStopword(f, lang)) continue;
    if (f.size() > 6) f.resize(6);
    s.insert(std::move(f));
  }
  return s;
}

double Dice(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() && b.empty()) return 1;
  size_t common = 0;
  for (const std::string& w : a) common += b.count(w);
  return 2.0 * common / static_cast<double>(a.size() + b.size());
}

std::string FormatValue(double v) {
  char buf[64];
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%g", v);
  }
  return buf;
}

int64_t DaysOfIso(std::string_view iso) {
  // "YYYY-MM-DD"
  if (iso.size() < 10) return INT64_MIN;
  const int y = std::atoi(std::string(iso.substr(0, 4)).c_str());
  const int m = std::atoi(std::string(iso.substr(5, 2)).c_str());
  const int d = std::atoi(std::string(iso.substr(8, 2)).c_str());
  if (m < 1 || m > 12 || d < 1 || d > 31) return INT64_MIN;
  return DaysFromCivil(y, m, d);
}

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Sentence spans of every member, and the sentence holding an offset.
struct Sentences {
  std::vector<std::vector<text::Span>> spans;
  int Of(uint32_t member, uint32_t offset) const {
    const auto& v = spans[member];
    auto it = std::upper_bound(
        v.begin(), v.end(), offset,
        [](uint32_t off, const text::Span& s) { return off < s.begin; });
    if (it == v.begin()) return -1;
    --it;
    return offset < it->end ? static_cast<int>(it - v.begin()) : -1;
  }
};

uint32_t CountSources(const std::vector<StoryMember>& members,
                      const std::vector<uint32_t>& ids) {
  std::set<int> s;
  for (uint32_t m : ids) s.insert(members[m].source);
  return static_cast<uint32_t>(s.size());
}

void AddUnique(std::vector<uint32_t>* v, uint32_t x) {
  if (std::find(v->begin(), v->end(), x) == v->end()) v->push_back(x);
}
void AddUnique(std::vector<std::string>* v, const std::string& x) {
  if (std::find(v->begin(), v->end(), x) == v->end()) v->push_back(x);
}

// --- Claims -----------------------------------------------------------------

void QuantityClaims(const std::vector<StoryMember>& members,
                    const ReconcileOptions& options,
                    std::vector<Claim>* claims) {
  struct Mention {
    uint32_t member;
    const Quantity* q;
  };
  std::map<std::string, std::vector<Mention>> by_unit;
  for (uint32_t m = 0; m < members.size(); ++m) {
    for (const Quantity& q : members[m].facts->quantities) {
      if (q.unit.empty() || q.vague) continue;
      by_unit[q.unit].push_back({m, &q});
    }
  }
  for (auto& [unit, mentions] : by_unit) {
    std::sort(mentions.begin(), mentions.end(),
              [](const Mention& a, const Mention& b) {
                return a.q->value < b.q->value;
              });
    Claim* cur = nullptr;
    double cur_value = 0;
    bool cur_hedged = false;
    for (const Mention& mn : mentions) {
      const double v = mn.q->value;
      const bool hedged = mn.q->approximation != Approximation::kExact;
      const double tol = (hedged || cur_hedged) ? 0.05 : 0.02;
      const bool same =
          cur != nullptr &&
          std::fabs(v - cur_value) <= tol * std::max(std::fabs(v), std::fabs(cur_value));
      if (!same) {
        claims->push_back(Claim{});
        cur = &claims->back();
        cur->kind = "quantity";
        cur->slot = unit;
        cur->value = FormatValue(v);
        cur_value = v;
        cur_hedged = false;
      }
      cur_hedged = cur_hedged || hedged;
      AddUnique(&cur->texts, mn.q->text);
      if (!mn.q->modifier.empty()) AddUnique(&cur->modifiers, Folded(mn.q->modifier));
      AddUnique(&cur->members, mn.member);
      cur->spans.push_back({mn.member, {mn.q->begin, mn.q->end}});
    }
  }
  // "1,200 Ukrainians" and "1,200 Ukrainian prisoners": one claim when the
  // values are equal and one unit is the other's modifier.
  for (size_t i = 0; i < claims->size(); ++i) {
    for (size_t j = 0; j < claims->size(); ++j) {
      Claim& a = (*claims)[i];
      Claim& b = (*claims)[j];
      if (i == j || a.members.empty() || b.members.empty() ||
          a.value != b.value || a.slot == b.slot) {
        continue;
      }
      const bool b_modifies_a =
          std::find(a.modifiers.begin(), a.modifiers.end(), b.slot) !=
              a.modifiers.end() ||
          std::find(a.modifiers.begin(), a.modifiers.end(), b.slot + "s") !=
              a.modifiers.end() ||
          (b.slot.size() > 3 &&
           std::any_of(a.modifiers.begin(), a.modifiers.end(),
                       [&](const std::string& mod) {
                         return mod.compare(0, b.slot.size() - 1, b.slot, 0,
                                            b.slot.size() - 1) == 0;
                       }));
      const bool linked =
          b_modifies_a || (options.same_unit && a.slot < b.slot &&
                           options.same_unit(a.slot, b.slot));
      if (!linked) continue;
      for (const std::string& t : b.texts) AddUnique(&a.texts, t);
      for (uint32_t m : b.members) AddUnique(&a.members, m);
      a.spans.insert(a.spans.end(), b.spans.begin(), b.spans.end());
      b.members.clear();
    }
  }
  claims->erase(std::remove_if(claims->begin(), claims->end(),
                               [](const Claim& c) { return c.members.empty(); }),
                claims->end());
}

void DateClaims(const std::vector<StoryMember>& members, int far_days,
                std::vector<Claim>* claims) {
  std::map<std::string, Claim> by_day;
  for (uint32_t m = 0; m < members.size(); ++m) {
    for (const DateMention& d : members[m].facts->dates) {
      if (d.kind != DateKind::kAbsolute ||
          d.granularity != DateGranularity::kDay || d.first.empty()) {
        continue;
      }
      Claim& c = by_day[d.first];
      c.kind = "date";
      c.slot = "date";
      c.value = d.first;
      AddUnique(&c.texts, d.text);
      AddUnique(&c.members, m);
      c.spans.push_back({m, {d.begin, d.end}});
    }
  }
  std::vector<int64_t> pub_days;
  for (const StoryMember& m : members) {
    if (m.published_time) {
      pub_days.push_back(FloorDiv(*m.published_time, kSecondsPerDay));
    }
  }
  std::set<int> all_sources;
  for (const StoryMember& m : members) all_sources.insert(m.source);
  for (auto& [day, c] : by_day) {
    c.sources = CountSources(members, c.members);
    const int64_t d = DaysOfIso(day);
    if (c.sources == 1 && all_sources.size() >= 2) {
      // A date is a key fact: one source alone giving it is worth a look
      // when nothing else places the story in time, or when it is far from
      // when the story was published.
      if (d != INT64_MIN && !pub_days.empty()) {
        int64_t nearest = INT64_MAX;
        for (int64_t p : pub_days) {
          nearest = std::min<int64_t>(nearest, p > d ? p - d : d - p);
        }
        if (nearest > far_days) {
          c.flag = "no other source gives this date, " +
                   std::to_string(nearest) +
                   " days from the story's publication dates";
        }
      } else {
        c.flag = "no other source gives this date";
      }
    }
    claims->push_back(std::move(c));
  }
}

// Quantity claims of one unit that read as the same slot with different
// values, each stated by a source that does not state the other.
void FindConflicts(const std::vector<StoryMember>& members,
                   const Sentences& sentences,
                   const std::vector<Claim>& claims,
                   std::vector<StoryConflict>* conflicts) {
  // The content words around each quantity claim: the union of its
  // sentences' content sets. Made only for claims that reach the Dice test
  // below, and each sentence's set only once (claims share sentences).
  std::map<std::pair<uint32_t, int>, std::set<std::string>> sentence_words;
  std::vector<std::unique_ptr<std::set<std::string>>> context(claims.size());
  auto context_of = [&](size_t i) -> const std::set<std::string>& {
    if (context[i] != nullptr) return *context[i];
    context[i] = std::make_unique<std::set<std::string>>();
    for (const auto& [m, span] : claims[i].spans) {
      const int s = sentences.Of(m, span.first);
      if (s < 0) continue;
      auto [it, fresh] = sentence_words.try_emplace({m, s});
      if (fresh) {
        const text::Span& sp = sentences.spans[m][s];
        // The sentence without the number itself.
        std::string sentence(
            members[m].body.substr(sp.begin, sp.end - sp.begin));
        it->second = ContentSet(sentence, members[m].lang);
      }
      context[i]->insert(it->second.begin(), it->second.end());
    }
    return *context[i];
  };
  for (size_t i = 0; i < claims.size(); ++i) {
    for (size_t j = i + 1; j < claims.size(); ++j) {
      const Claim& a = claims[i];
      const Claim& b = claims[j];
      if (a.kind != "quantity" || b.kind != "quantity" || a.slot != b.slot) {
        continue;
      }
      std::set<int> sa, sb;
      for (uint32_t m : a.members) sa.insert(members[m].source);
      for (uint32_t m : b.members) sb.insert(members[m].source);
      bool a_only = false, b_only = false;
      for (int s : sa) a_only |= sb.count(s) == 0;
      for (int s : sb) b_only |= sa.count(s) == 0;
      if (!a_only || !b_only) continue;
      if (Dice(context_of(i), context_of(j)) < 0.5) continue;
      StoryConflict c;
      c.kind = "number";
      c.slot = a.slot;
      c.sides.push_back({a.texts.front(), a.members});
      c.sides.push_back({b.texts.front(), b.members});
      conflicts->push_back(std::move(c));
    }
  }
}

// --- Entities ---------------------------------------------------------------

struct EntityItem {
  uint32_t member;
  uint32_t index;  // into that member's entities
};

int Find(std::vector<int>& parent, int x) {
  while (parent[x] != x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

// Clusters entities across members; returns, per (member, entity), its
// cluster id in `clusters` (or -1).
std::vector<std::vector<int>> MergeEntities(
    const std::vector<StoryMember>& members,
    std::vector<EntityCluster>* clusters) {
  std::vector<EntityItem> items;
  std::vector<std::vector<int>> item_of(members.size());
  for (uint32_t m = 0; m < members.size(); ++m) {
    const auto& ents = members[m].facts->entities.entities;
    item_of[m].assign(ents.size(), -1);
    for (uint32_t e = 0; e < ents.size(); ++e) {
      if (items.size() >= kMaxEntities) break;
      item_of[m][e] = static_cast<int>(items.size());
      items.push_back({m, e});
    }
  }
  std::vector<int> parent(items.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto entity = [&](const EntityItem& it) -> const Entity& {
    return members[it.member].facts->entities.entities[it.index];
  };
  std::unordered_map<std::string, int> first_with_key;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string& key = entity(items[i]).key;
    auto [it, fresh] = first_with_key.emplace(key, static_cast<int>(i));
    if (!fresh) parent[Find(parent, static_cast<int>(i))] = Find(parent, it->second);
  }
  // Names with different keys: compare only plausible pairs, found through
  // buckets: a word's first four letters ("rivn" for Rivnopillia and
  // Rivnopollia; a surname and the full name share it) and initials ("uae"
  // for UAE and for United Arab Emirates). Linear-ish instead of all pairs.
  std::vector<std::pair<std::string, int>> keys(first_with_key.begin(),
                                                first_with_key.end());
  std::sort(keys.begin(), keys.end());
  std::unordered_map<std::string, std::vector<int>> buckets;
  for (size_t k = 0; k < keys.size(); ++k) {
    const std::string& key = keys[k].first;
    std::string initials;
    size_t words = 0;
    size_t p = 0;
    while (p < key.size()) {
      while (p < key.size() && (key[p] == ' ' || key[p] == '|')) ++p;
      size_t e = p;
      while (e < key.size() && key[e] != ' ' && key[e] != '|') ++e;
      if (e > p) {
        buckets["w:" + key.substr(p, std::min<size_t>(4, e - p))].push_back(
            static_cast<int>(k));
        initials.push_back(key[p]);
        ++words;
      }
      p = e;
    }
    if (words >= 2) buckets["i:" + initials].push_back(static_cast<int>(k));
    if (words == 1 && key.size() <= 5) {
      buckets["i:" + key].push_back(static_cast<int>(k));
    }
  }
  std::set<std::pair<int, int>> tried;
  for (const auto& [bucket, ks] : buckets) {
    for (size_t x = 0; x < ks.size(); ++x) {
      for (size_t y = x + 1; y < ks.size(); ++y) {
        const int a = std::min(ks[x], ks[y]), b = std::max(ks[x], ks[y]);
        if (!tried.insert({a, b}).second) continue;
        const Entity& ea = entity(items[keys[a].second]);
        const Entity& eb = entity(items[keys[b].second]);
        if (SameEntityName(ea.name, eb.name)) {
          parent[Find(parent, keys[a].second)] = Find(parent, keys[b].second);
        }
      }
    }
  }
  std::unordered_map<int, int> cluster_of_root;
  std::vector<std::vector<int>> cluster_of(members.size());
  std::vector<std::map<std::string, int>> type_votes;
  for (uint32_t m = 0; m < members.size(); ++m) {
    cluster_of[m].assign(item_of[m].size(), -1);
    for (size_t e = 0; e < item_of[m].size(); ++e) {
      const int item = item_of[m][e];
      if (item < 0) continue;
      const int root = Find(parent, item);
      auto [it, fresh] =
          cluster_of_root.emplace(root, static_cast<int>(clusters->size()));
      if (fresh) {
        clusters->push_back(EntityCluster{});
        type_votes.emplace_back();
      }
      const int c = it->second;
      cluster_of[m][e] = c;
      EntityCluster& cl = (*clusters)[c];
      const Entity& en = entity(items[item]);
      if (en.name.size() > cl.name.size()) cl.name = en.name;
      for (const std::string& v : en.variants) AddUnique(&cl.variants, v);
      AddUnique(&cl.members, m);
      type_votes[c][std::string(EntityTypeName(en.type))] += 1;
    }
  }
  for (size_t c = 0; c < clusters->size(); ++c) {
    EntityCluster& cl = (*clusters)[c];
    cl.sources = CountSources(members, cl.members);
    int best = -1;
    for (const auto& [t, n] : type_votes[c]) {
      if (n > best || (n == best && t != "other")) {
        cl.type = t;
        best = n;
      }
    }
  }
  return cluster_of;
}

// --- Quotes -----------------------------------------------------------------

struct QuoteItem {
  uint32_t member;
  const Quote* quote;
  int speaker;  // entity cluster, or -1
  std::string speaker_name;
  std::set<std::string> words;
  // The same words as ids interned over the story's quotes, sorted: set
  // comparisons by integer merge instead of string compares.
  std::vector<uint32_t> ids;
};

size_t CommonIds(const std::vector<uint32_t>& a,
                 const std::vector<uint32_t>& b) {
  size_t common = 0;
  for (size_t x = 0, y = 0; x < a.size() && y < b.size();) {
    if (a[x] < b[y]) {
      ++x;
    } else if (b[y] < a[x]) {
      ++y;
    } else {
      ++common;
      ++x;
      ++y;
    }
  }
  return common;
}

// Dice() of two items' word sets, by ids.
double Dice(const QuoteItem& a, const QuoteItem& b) {
  if (a.ids.empty() && b.ids.empty()) return 1;
  return 2.0 * CommonIds(a.ids, b.ids) /
         static_cast<double>(a.ids.size() + b.ids.size());
}

// Share of the smaller word set found in the larger.
double Overlap(const QuoteItem& a, const QuoteItem& b) {
  if (a.ids.empty() || b.ids.empty()) return 0;
  return static_cast<double>(CommonIds(a.ids, b.ids)) /
         std::min(a.ids.size(), b.ids.size());
}

// Whether `v` quotes words that its relative `u` has as narration just
// outside its own quote marks ("Umerov said he hoped returning Ukrainians
// could 'celebrate ...'" copied as "'We hope that returning Ukrainians could
// celebrate ...'"): at least three such words, all within 300 bytes before
// or after u's quote.
// The four-letter prefixes NarrationQuoted compares for one item u: of the
// narration around u's quote, and of u's quoted words. Built once per item.
struct NarrationPrefixes {
  std::set<std::string> around, quoted;
};

NarrationPrefixes PrefixesOf(const std::vector<StoryMember>& members,
                             const QuoteItem& u) {
  NarrationPrefixes out;
  const std::string_view ubody = members[u.member].body;
  const uint32_t from = u.quote->begin > 300 ? u.quote->begin - 300 : 0;
  const uint32_t to = std::min<uint32_t>(
      static_cast<uint32_t>(ubody.size()), u.quote->end + 300);
  // The narration around u's quote: the window minus every quotation.
  std::string narration(ubody.substr(from, to - from));
  for (const Quote& q : members[u.member].facts->quotes) {
    const uint32_t b = std::max(q.begin, from), e = std::min(q.end, to);
    for (uint32_t k = b; k < e; ++k) narration[k - from] = ' ';
  }
  auto prefix = [](const std::string& w) { return w.substr(0, 4); };
  for (const std::string& w : FoldedWords(narration)) {
    if (w.size() >= 4) out.around.insert(prefix(w));
  }
  for (const std::string& w : u.words) out.quoted.insert(prefix(w));
  return out;
}

bool NarrationQuoted(const NarrationPrefixes& u, const QuoteItem& v) {
  size_t moved = 0;
  for (const std::string& w : v.words) {
    if (w.size() < 4) continue;
    const std::string p = w.substr(0, 4);
    if (u.quoted.count(p) == 0 && u.around.count(p) > 0) ++moved;
  }
  return moved >= 3;
}

void GroupQuotes(const std::vector<StoryMember>& members,
                 const std::vector<std::vector<int>>& cluster_of,
                 const std::vector<EntityCluster>& entities,
                 std::vector<QuoteCluster>* out) {
  std::vector<QuoteItem> items;
  for (uint32_t m = 0; m < members.size(); ++m) {
    for (const Quote& q : members[m].facts->quotes) {
      QuoteItem it;
      it.member = m;
      it.quote = &q;
      it.speaker = q.speaker_entity >= 0 &&
                           static_cast<size_t>(q.speaker_entity) <
                               cluster_of[m].size()
                       ? cluster_of[m][q.speaker_entity]
                       : -1;
      it.speaker_name = it.speaker >= 0 ? entities[it.speaker].name
                                        : q.speaker_name;
      it.words = WordSet(q.text);
      if (it.words.size() < 3) continue;
      items.push_back(std::move(it));
    }
  }
  // Word ids, and for each word the items holding it (in item order).
  std::unordered_map<std::string_view, uint32_t> word_id;
  std::vector<std::vector<uint32_t>> holders;
  for (uint32_t i = 0; i < items.size(); ++i) {
    for (const std::string& w : items[i].words) {
      const auto [it, added] =
          word_id.emplace(w, static_cast<uint32_t>(holders.size()));
      if (added) holders.emplace_back();
      holders[it->second].push_back(i);
      items[i].ids.push_back(it->second);
    }
    std::sort(items[i].ids.begin(), items[i].ids.end());
  }
  // Greedy grouping: same (or unknown) speaker and shared wording. Each
  // item is scored against the grouped items in group order, then order
  // within the group, the last best (>=) winning. An item sharing no word
  // scores Dice 0 (items have three words or more), below the 0.3 floor, so
  // only the items sharing a word (found through `holders`) are scored:
  // the same choice as scoring all, without the all-pairs loop.
  std::vector<std::vector<size_t>> groups;
  std::vector<int> group_speaker;
  std::vector<uint32_t> group_of(items.size(), 0),
      rank_in_group(items.size(), 0);
  std::vector<uint32_t> shares(items.size(), 0);
  std::vector<uint32_t> candidates;
  for (size_t i = 0; i < items.size(); ++i) {
    candidates.clear();
    for (uint32_t id : items[i].ids) {
      for (uint32_t k : holders[id]) {
        if (k >= i) break;  // holders are in item order; only grouped ones
        if (shares[k]++ == 0) candidates.push_back(k);
      }
    }
    std::sort(candidates.begin(), candidates.end(),
              [&](uint32_t x, uint32_t y) {
                if (group_of[x] != group_of[y])
                  return group_of[x] < group_of[y];
                return rank_in_group[x] < rank_in_group[y];
              });
    int best = -1;
    double best_score = 0.3;
    for (uint32_t k : candidates) {
      shares[k] = 0;
      const size_t g = group_of[k];
      const int sp = group_speaker[g];
      if (sp >= 0 && items[i].speaker >= 0 && sp != items[i].speaker) continue;
      const double d = Dice(items[i], items[k]);
      if (d >= best_score) {
        best_score = d;
        best = static_cast<int>(g);
      }
    }
    if (best < 0) {
      group_of[i] = static_cast<uint32_t>(groups.size());
      groups.push_back({i});
      group_speaker.push_back(items[i].speaker);
    } else {
      group_of[i] = static_cast<uint32_t>(best);
      rank_in_group[i] = static_cast<uint32_t>(groups[best].size());
      groups[best].push_back(i);
      if (group_speaker[best] < 0) group_speaker[best] = items[i].speaker;
    }
  }
  // NarrationQuoted's prefix sets per item, made when first asked for.
  std::vector<std::unique_ptr<NarrationPrefixes>> prefixes(items.size());
  auto prefixes_of = [&](size_t u) -> const NarrationPrefixes& {
    if (prefixes[u] == nullptr) {
      prefixes[u] =
          std::make_unique<NarrationPrefixes>(PrefixesOf(members, items[u]));
    }
    return *prefixes[u];
  };
  for (size_t g = 0; g < groups.size(); ++g) {
    const std::vector<size_t>& members_of = groups[g];
    std::set<uint32_t> arts;
    for (size_t k : members_of) arts.insert(items[k].member);
    if (arts.size() < 2) continue;  // quoted by one article only
    QuoteCluster qc;
    for (size_t k : members_of) {
      if (!items[k].speaker_name.empty()) {
        qc.speaker = items[k].speaker_name;
        break;
      }
    }
    std::vector<uint32_t> ms(arts.begin(), arts.end());
    qc.sources = CountSources(members, ms);
    for (size_t k : members_of) {
      const QuoteItem& v = items[k];
      QuoteVariantResult r;
      r.member = v.member;
      r.begin = v.quote->begin;
      r.text = v.quote->text;
      r.venue = v.quote->venue;
      // Relatives: variants of the same source in other articles, the
      // closest by containment (a cut or extended quote is still the same
      // wording).
      double best = -1;
      size_t best_k = 0;
      for (size_t u : members_of) {
        if (items[u].member == v.member ||
            members[items[u].member].source != members[v.member].source) {
          continue;
        }
        const double d = Overlap(v, items[u]);
        if (d > best) {
          best = d;
          best_k = u;
        }
      }
      if (best >= 0 && Dice(v, items[best_k]) < 0.95) {
        const QuoteItem& u = items[best_k];
        if (best >= 0.5) {
          // Swapped words; this variant is the altered one when its words
          // are said by no other article while its relative's are.
          // A swap is confirmed against this variant when a third article
          // has the relative's words and none has this one's; unconfirmed
          // swaps (no third article quotes that part) count once some are
          // confirmed. With no third article at all, the later of the two
          // is taken as the altered one when their times say so.
          std::vector<std::pair<std::string, std::string>> confirmed,
              unconfirmed;
          for (auto& [from, to] : QuoteSwaps(u.quote->text, v.quote->text)) {
            if (from.empty() || to.empty()) continue;
            const std::set<std::string> to_words = WordSet(to);
            const std::set<std::string> from_words = WordSet(from);
            bool to_elsewhere = false, from_elsewhere = false;
            for (size_t w : members_of) {
              if (w == k) continue;
              bool all_to = true;
              for (const std::string& x : to_words) all_to &= items[w].words.count(x) > 0;
              to_elsewhere |= all_to;
              if (w == best_k) continue;
              bool all_from = true;
              for (const std::string& x : from_words) all_from &= items[w].words.count(x) > 0;
              from_elsewhere |= all_from;
            }
            if (to_elsewhere) continue;
            (from_elsewhere ? confirmed : unconfirmed).emplace_back(from, to);
          }
          bool take_unconfirmed = !confirmed.empty();
          if (confirmed.empty() && !unconfirmed.empty() &&
              arts.size() == 2) {
            const auto& tv = members[v.member].published_time;
            const auto& tu = members[u.member].published_time;
            take_unconfirmed = !tv || !tu || *tv >= *tu;
          }
          for (auto& [from, to] : QuoteSwaps(u.quote->text, v.quote->text)) {
            const std::pair<std::string, std::string> p(from, to);
            const bool is_confirmed =
                std::find(confirmed.begin(), confirmed.end(), p) != confirmed.end();
            const bool is_unconfirmed =
                std::find(unconfirmed.begin(), unconfirmed.end(), p) !=
                unconfirmed.end();
            if (is_confirmed || (is_unconfirmed && take_unconfirmed)) {
              r.swaps.push_back(p);
            }
          }
          if (!r.swaps.empty()) {
            r.flag = "altered";
          } else {
            for (size_t w : members_of) {
              const QuoteItem& rel = items[w];
              if (rel.member == v.member ||
                  members[rel.member].source != members[v.member].source ||
                  Overlap(v, rel) < 0.5) {
                continue;
              }
              // Quote marks put around narration, or taken off a quote:
              // the same words either way; the earlier article is taken
              // as the one that had it right.
              const auto& tv = members[v.member].published_time;
              const auto& tr = members[rel.member].published_time;
              if (tv && tr && *tv < *tr) continue;
              if (NarrationQuoted(prefixes_of(w), v)) {
                r.flag = "paraphrased";
                break;
              }
            }
          }
        } else if (best >= 0.15) {
          // Reworded inside the marks: flagged when its relatives agree
          // more with each other than with it.
          bool others_agree = false;
          for (size_t a2 : members_of) {
            if (a2 == k) continue;
            for (size_t b2 : members_of) {
              if (b2 <= a2 || b2 == k || items[a2].member == items[b2].member) {
                continue;
              }
              others_agree |= Overlap(items[a2], items[b2]) > best;
            }
          }
          if (others_agree) r.flag = "paraphrased";
        }
      }
      qc.variants.push_back(std::move(r));
    }
    out->push_back(std::move(qc));
  }
  std::stable_sort(out->begin(), out->end(),
                   [](const QuoteCluster& a, const QuoteCluster& b) {
                     return a.variants.size() > b.variants.size();
                   });
}

// --- Brief ------------------------------------------------------------------

// A fact the brief can cover: a corroborated claim, or a quotation given by
// two or more sources; where each is stated.
struct BriefFact {
  std::vector<uint32_t> members;
  std::vector<std::pair<uint32_t, uint32_t>> at;  // (member, offset)
};

void BuildBrief(const std::vector<StoryMember>& members,
                const Sentences& sentences, const std::vector<BriefFact>& facts,
                const std::vector<std::vector<std::pair<uint32_t, int>>>&
                    entity_mentions,
                size_t max_sentences, std::vector<BriefLine>* brief) {
  std::map<std::pair<uint32_t, int>, std::set<size_t>> facts_in;
  for (size_t f = 0; f < facts.size(); ++f) {
    for (const auto& [m, off] : facts[f].at) {
      const int s = sentences.Of(m, off);
      if (s >= 0) facts_in[{m, s}].insert(f);
    }
  }
  // Corroborated names in a sentence break ties between sentences.
  std::map<std::pair<uint32_t, int>, int> names_in;
  for (const auto& mentions : entity_mentions) {
    for (const auto& key : mentions) names_in[key] += 1;
  }
  struct Candidate {
    uint32_t member;
    int sentence;
    const std::set<size_t>* facts;
    int names;
  };
  std::vector<Candidate> candidates;
  for (const auto& [key, fs] : facts_in) {
    const text::Span& sp = sentences.spans[key.first][key.second];
    const size_t len = sp.end - sp.begin;
    if (len < 30 || len > 600) continue;
    const auto it = names_in.find(key);
    candidates.push_back(
        {key.first, key.second, &fs, it == names_in.end() ? 0 : it->second});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     if (a.facts->size() != b.facts->size()) {
                       return a.facts->size() > b.facts->size();
                     }
                     if (a.names != b.names) return a.names > b.names;
                     return a.sentence < b.sentence;
                   });
  std::set<size_t> covered;
  std::vector<std::set<std::string>> chosen_words;
  for (const Candidate& c : candidates) {
    if (brief->size() >= max_sentences) break;
    bool adds = false;
    for (size_t f : *c.facts) adds |= covered.count(f) == 0;
    if (!adds) continue;
    const text::Span& sp = sentences.spans[c.member][c.sentence];
    std::string text(members[c.member].body.substr(sp.begin, sp.end - sp.begin));
    for (char& ch : text) {
      if (ch == '\n') ch = ' ';
    }
    const std::set<std::string> words = WordSet(text);
    bool repeats = false;
    for (const auto& w : chosen_words) repeats |= Dice(words, w) >= 0.5;
    if (repeats) continue;
    BriefLine line;
    line.member = c.member;
    line.text = std::move(text);
    for (size_t f : *c.facts) {
      covered.insert(f);
      for (uint32_t m : facts[f].members) AddUnique(&line.supported_by, m);
    }
    std::sort(line.supported_by.begin(), line.supported_by.end());
    line.sources = CountSources(members, line.supported_by);
    chosen_words.push_back(words);
    brief->push_back(std::move(line));
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> QuoteSwaps(
    std::string_view a, std::string_view b) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::vector<std::string> fa = FoldedWords(a), fb = FoldedWords(b);
  constexpr size_t kMax = 300;
  if (fa.size() > kMax || fb.size() > kMax) return out;
  // Display forms: the words as written when contractions did not change
  // the count, else the folded words.
  std::vector<std::string> da, db;
  auto display = [](std::string_view t, const std::vector<std::string>& f) {
    std::vector<std::string> d;
    const std::vector<std::string_view> w = WordsOf(t);
    if (w.size() == f.size()) {
      for (std::string_view x : w) d.emplace_back(x);
    } else {
      d = f;
    }
    return d;
  };
  da = display(a, fa);
  db = display(b, fb);
  const size_t n = fa.size(), m = fb.size();
  // LCS table, (n+1) x (m+1).
  std::vector<uint16_t> dp((n + 1) * (m + 1), 0);
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      dp[i * (m + 1) + j] =
          fa[i] == fb[j]
              ? static_cast<uint16_t>(dp[(i + 1) * (m + 1) + j + 1] + 1)
              : std::max(dp[(i + 1) * (m + 1) + j], dp[i * (m + 1) + j + 1]);
    }
  }
  size_t i = 0, j = 0;
  size_t gap_a = 0, gap_b = 0;
  auto flush = [&](size_t ia, size_t jb) {
    if (ia > gap_a && jb > gap_b && ia - gap_a <= 4 && jb - gap_b <= 4) {
      std::string from, to;
      for (size_t k = gap_a; k < ia; ++k) from += (from.empty() ? "" : " ") + da[k];
      for (size_t k = gap_b; k < jb; ++k) to += (to.empty() ? "" : " ") + db[k];
      out.emplace_back(std::move(from), std::move(to));
    }
  };
  while (i < n && j < m) {
    if (fa[i] == fb[j]) {
      flush(i, j);
      ++i;
      ++j;
      gap_a = i;
      gap_b = j;
    } else if (dp[(i + 1) * (m + 1) + j] >= dp[i * (m + 1) + j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  // A trailing difference on both sides is a swap; on one side, a cut.
  flush(n, m);
  return out;
}

Reconciliation ReconcileStory(const std::vector<StoryMember>& members,
                              const ReconcileOptions& options) {
  Reconciliation r;
  Sentences sentences;
  sentences.spans.reserve(members.size());
  for (const StoryMember& m : members) {
    sentences.spans.push_back(m.sentences != nullptr
                                  ? *m.sentences
                                  : text::SplitSentences(m.body, m.lang));
  }
  QuantityClaims(members, options, &r.claims);
  for (Claim& c : r.claims) c.sources = CountSources(members, c.members);
  DateClaims(members, options.far_date_days, &r.claims);
  FindConflicts(members, sentences, r.claims, &r.conflicts);
  std::vector<EntityCluster> entities;
  const auto cluster_of = MergeEntities(members, &entities);
  GroupQuotes(members, cluster_of, entities, &r.quotes);
  // What the brief may cover: corroborated claims and quotations.
  std::vector<BriefFact> brief_facts;
  for (const Claim& c : r.claims) {
    if (c.sources < 2) continue;
    BriefFact f;
    f.members = c.members;
    for (const auto& [m, span] : c.spans) f.at.push_back({m, span.first});
    brief_facts.push_back(std::move(f));
  }
  for (const QuoteCluster& q : r.quotes) {
    if (q.sources < 2) continue;
    BriefFact f;
    for (const QuoteVariantResult& v : q.variants) {
      AddUnique(&f.members, v.member);
      if (v.flag.empty()) f.at.push_back({v.member, v.begin});
    }
    brief_facts.push_back(std::move(f));
  }
  std::vector<std::vector<std::pair<uint32_t, int>>> entity_mentions;
  for (uint32_t m = 0; m < members.size(); ++m) {
    for (const EntityMention& em : members[m].facts->entities.mentions) {
      if (em.entity < 0 ||
          static_cast<size_t>(em.entity) >= cluster_of[m].size()) {
        continue;
      }
      const int c = cluster_of[m][em.entity];
      if (c < 0 || entities[c].sources < 2) continue;
      entity_mentions.emplace_back();
      entity_mentions.back().push_back({m, sentences.Of(m, em.begin)});
    }
  }
  BuildBrief(members, sentences, brief_facts, entity_mentions,
             options.brief_sentences, &r.brief);
  for (EntityCluster& e : entities) {
    if (e.type != "other") {
      r.entities.push_back(std::move(e));
    }
  }
  std::stable_sort(r.entities.begin(), r.entities.end(),
                   [](const EntityCluster& a, const EntityCluster& b) {
                     if (a.sources != b.sources) return a.sources > b.sources;
                     return a.members.size() > b.members.size();
                   });
  std::stable_sort(r.claims.begin(), r.claims.end(),
                   [](const Claim& a, const Claim& b) {
                     return a.sources > b.sources;
                   });
  return r;
}

}  // namespace concord::facts
