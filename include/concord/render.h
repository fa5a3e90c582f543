// Renderers of a Report: a readable terminal summary and JSON. The JSON
// schema is documented in docs/output.md. Pure functions; thread-safe.
#ifndef CONCORD_RENDER_H_
#define CONCORD_RENDER_H_

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "concord/engine.h"
#include "concord/export.h"

namespace concord {

struct TextRenderOptions {
  bool color = false;         // ANSI colours (for a terminal)
  size_t max_articles = 12;   // per story; the rest is counted
  bool singletons = true;     // list one-article stories too
};

CONCORD_EXPORT std::string RenderText(const Report& report,
                                      const TextRenderOptions& options = {});

// An article's role as the text report prints it: "duplicate of
// flood-01-wire (family 1)" (ArticleSummary::role, derived_from, and its
// family index, -1 for none, printed from 1).
CONCORD_EXPORT std::string RoleLabel(std::string_view role,
                                     std::string_view derived_from,
                                     int family);

struct JsonRenderOptions {
  int indent = 2;  // -1 for one line
};

CONCORD_EXPORT std::string RenderJson(const Report& report,
                                      const JsonRenderOptions& options = {});

// The same JSON, byte for byte, written story by story as Engine::Run(sink)
// makes them: memory holds one story's document at a time instead of the
// whole report's. `out` must outlive the writer; it is not closed. Render()
// is thread-safe; the rest is called from one thread (ReportSink contract).
class CONCORD_EXPORT JsonReportWriter final : public ReportSink {
 public:
  explicit JsonReportWriter(std::FILE* out, JsonRenderOptions options = {});
  Status Begin(const Report& head, size_t articles, size_t stories) override;
  std::string Render(const Story& story,
                     const std::vector<ArticleSummary>& articles) const override;
  Status Write(const std::string& rendered) override;
  Status End() override;

 private:
  Status Put(std::string_view text);
  std::FILE* out_;
  JsonRenderOptions options_;
  std::string tail_;     // errors, warnings, closing brace
  size_t written_ = 0;   // stories written
};

}  // namespace concord

#endif  // CONCORD_RENDER_H_
