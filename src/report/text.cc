// Terminal renderer: one block per story, largest first.
//
//   ■ Story 3 · 5 articles · 2025-11-22 → 2025-11-23
//     Ukraine seeking exchange of 1,200 prisoners with Russia
//     keywords: umerov, 1200, istanbul, …
//       • 002_6b05…  BBC  612 words  "Ukraine seeking exchange …"
#include <algorithm>
#include <cstdio>
#include <string>

#include "concord/render.h"

namespace concord {
namespace {

struct Style {
  bool on;
  const char* Bold() const { return on ? "\033[1m" : ""; }
  const char* Dim() const { return on ? "\033[2m" : ""; }
  const char* Cyan() const { return on ? "\033[36m" : ""; }
  const char* Red() const { return on ? "\033[31m" : ""; }
  const char* Reset() const { return on ? "\033[0m" : ""; }
};

// At most `max` characters of UTF-8 text, cut on a character boundary.
std::string Clip(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "\xE2\x80\xA6";
}

std::string Short(const Report& report, uint32_t article) {
  return Clip(report.articles[article].id, 24);
}

std::string ArticleList(const Report& report,
                        const std::vector<uint32_t>& articles) {
  std::string out;
  for (size_t k = 0; k < articles.size() && k < 6; ++k) {
    if (k) out += ", ";
    out += Short(report, articles[k]);
  }
  if (articles.size() > 6) out += ", \xE2\x80\xA6";
  return out;
}

// The brief, then what deserves a look: single-source dates, conflicts,
// altered or paraphrased quotations, names spelled differently.
void RenderFacts(const Report& report, const Story& st, const Style& c,
                 std::string* out) {
  if (!st.brief.empty()) {
    *out += std::string("    ") + c.Bold() + "brief" + c.Reset() + "\n";
    for (const BriefSentence& b : st.brief) {
      *out += "      " + Clip(b.text, 220) + "\n";
      *out += std::string("        ") + c.Dim() + std::to_string(b.sources) +
              (b.sources == 1 ? " source: " : " sources: ") +
              ArticleList(report, b.supported_by) + c.Reset() + "\n";
    }
  }
  std::vector<std::string> flags;
  for (const FactClaim& f : st.claims) {
    if (f.flag.empty()) continue;
    flags.push_back(f.kind + " \"" + f.texts.front() + "\" (" +
                    ArticleList(report, f.articles) + "): " + f.flag);
  }
  for (const FactConflict& f : st.conflicts) {
    std::string line = "conflict over " + f.slot + ": ";
    for (size_t k = 0; k < f.sides.size(); ++k) {
      if (k) line += " vs ";
      line += "\"" + f.sides[k].value + "\" (" +
              ArticleList(report, f.sides[k].articles) + ")";
    }
    flags.push_back(line);
  }
  for (const QuoteGroup& q : st.quotes) {
    for (const QuoteVariant& v : q.variants) {
      if (v.flag.empty()) continue;
      std::string line = v.flag + " quotation" +
                         (q.speaker.empty() ? "" : " of " + q.speaker) +
                         " in " + Short(report, v.article) + ": \"" +
                         Clip(v.text, 80) + "\"";
      for (size_t k = 0; k < v.swaps.size() && k < 5; ++k) {
        line += (k ? ", " : "  (") + v.swaps[k].first + " \xE2\x86\x92 " +
                v.swaps[k].second;
      }
      if (!v.swaps.empty()) line += ")";
      flags.push_back(line);
    }
  }
  for (const EntityGroup& e : st.entities) {
    // Spellings, not short forms: "Zelensky" inside "Volodymyr Zelensky"
    // is the same spelling.
    std::vector<std::string> spellings;
    for (const std::string& v : e.variants) {
      bool inside = false;
      for (const std::string& w : e.variants) {
        inside |= w.size() > v.size() && w.find(v) != std::string::npos;
      }
      for (const std::string& w : spellings) {
        inside |= w.size() == v.size() &&
                  std::equal(w.begin(), w.end(), v.begin(), [](char x, char y) {
                    return (x | 0x20) == (y | 0x20);
                  });
      }
      if (!inside) spellings.push_back(v);
    }
    if (spellings.size() < 2) continue;
    std::string line = "one " + e.type + ": ";
    for (size_t k = 0; k < spellings.size() && k < 4; ++k) {
      line += (k ? " = " : "") + spellings[k];
    }
    flags.push_back(line);
  }
  if (!flags.empty()) {
    *out += std::string("    ") + c.Bold() + "flags" + c.Reset() + "\n";
    for (const std::string& f : flags) *out += "      " + f + "\n";
  }
  size_t single = 0;
  for (const FactClaim& f : st.claims) single += f.sources == 1;
  if (single > 0) {
    *out += std::string("    ") + c.Dim() + std::to_string(single) +
            " single-source facts (see --format json)" + c.Reset() + "\n";
  }
}

}  // namespace

std::string RoleLabel(std::string_view role, std::string_view derived_from,
                      int family) {
  std::string out(role);
  if (!derived_from.empty()) out.append(" of ").append(derived_from);
  if (family >= 0) out += " (family " + std::to_string(family + 1) + ")";
  return out;
}

std::string RenderText(const Report& report, const TextRenderOptions& options) {
  const Style c{options.color};
  std::string out;
  size_t singletons = 0;
  for (const Story& st : report.stories) {
    if (st.articles.size() == 1 && !options.singletons) {
      ++singletons;
      continue;
    }
    out += c.Bold();
    out += "\xE2\x96\xA0 Story " + std::to_string(st.id) + " \xC2\xB7 " +
           std::to_string(st.articles.size()) +
           (st.articles.size() == 1 ? " article" : " articles");
    if (!st.first_published.empty()) {
      out += " \xC2\xB7 " + st.first_published.substr(0, 10);
      if (st.last_published.substr(0, 10) != st.first_published.substr(0, 10)) {
        out += " \xE2\x86\x92 " + st.last_published.substr(0, 10);
      }
    }
    out += c.Reset();
    out += "\n  " + (st.headline.empty() ? std::string("(no headline)")
                                         : Clip(st.headline, 100)) +
           "\n";
    if (!st.keywords.empty()) {
      out += std::string("  ") + c.Dim() + "keywords: ";
      for (size_t k = 0; k < st.keywords.size(); ++k) {
        if (k) out += ", ";
        out += st.keywords[k];
      }
      out += std::string(c.Reset()) + "\n";
    }
    size_t shown = 0;
    for (uint32_t i : st.articles) {
      if (shown++ == options.max_articles) {
        out += "    \xE2\x80\xA6 and " +
               std::to_string(st.articles.size() - options.max_articles) +
               " more\n";
        break;
      }
      const ArticleSummary& a = report.articles[i];
      out += std::string("    \xE2\x80\xA2 ") + c.Cyan() + a.id + c.Reset();
      if (!a.source.empty()) out += "  " + a.source;
      if (!a.published.empty()) out += "  " + a.published.substr(0, 10);
      out += "  " + std::to_string(a.words) + " words";
      if (!a.credits.empty()) out += "  credit: " + a.credits.front();
      if (!a.role.empty()) {
        out += std::string("  ") + c.Bold() +
               RoleLabel(a.role, a.derived_from, a.family) + c.Reset();
      }
      if (!a.title.empty() && a.title != st.headline) {
        out += std::string("  ") + c.Dim() + "\"" + Clip(a.title, 60) + "\"" +
               c.Reset();
      }
      if (!a.dropped.empty()) {
        out += std::string("  ") + c.Dim() + "(" +
               std::to_string(a.dropped.size()) +
               (a.dropped.size() == 1 ? " chrome line" : " chrome lines") +
               " dropped)" + c.Reset();
      }
      out += "\n";
      if (!a.swaps.empty()) {
        out += std::string("        ") + c.Dim() + "swaps: ";
        for (size_t k = 0; k < a.swaps.size() && k < 8; ++k) {
          if (k) out += ", ";
          out += a.swaps[k].first + " \xE2\x86\x92 " + a.swaps[k].second;
        }
        if (a.swaps.size() > 8) out += ", \xE2\x80\xA6";
        out += std::string(c.Reset()) + "\n";
      }
    }
    RenderFacts(report, st, c, &out);
    out += "\n";
  }
  if (singletons > 0) {
    out += std::to_string(singletons) + " single-article stories not shown\n";
  }
  out += std::to_string(report.articles.size()) +
         (report.articles.size() == 1 ? " article, " : " articles, ") +
         std::to_string(report.stories.size()) +
         (report.stories.size() == 1 ? " story" : " stories");
  if (!report.errors.empty()) {
    out += std::string(", ") + c.Red() + std::to_string(report.errors.size()) +
           " inputs failed" + c.Reset();
  }
  out += "\n";
  return out;
}

}  // namespace concord
