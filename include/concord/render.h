// Renderers of a Report: a readable terminal summary and JSON. The JSON
// schema is documented in docs/output.md. Pure functions; thread-safe.
#ifndef CONCORD_RENDER_H_
#define CONCORD_RENDER_H_

#include <string>

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

struct JsonRenderOptions {
  int indent = 2;  // -1 for one line
};

CONCORD_EXPORT std::string RenderJson(const Report& report,
                                      const JsonRenderOptions& options = {});

}  // namespace concord

#endif  // CONCORD_RENDER_H_
