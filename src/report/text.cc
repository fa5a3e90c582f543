// Terminal renderer: one block per story, largest first.
//
//   ■ Story 3 · 5 articles · 2025-11-22 → 2025-11-23
//     Ukraine seeking exchange of 1,200 prisoners with Russia
//     keywords: umerov, 1200, istanbul, …
//       • 002_6b05…  BBC  612 words  "Ukraine seeking exchange …"
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

}  // namespace

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
        std::string role = a.role;
        if (a.family >= 0) role += " (family " + std::to_string(a.family + 1) + ")";
        out += std::string("  ") + c.Bold() + role + c.Reset();
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
