#include "concord/article.h"

namespace concord {

const char* BlockKindName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kHeadline:
      return "headline";
    case BlockKind::kHeading:
      return "heading";
    case BlockKind::kParagraph:
      return "paragraph";
    case BlockKind::kCaption:
      return "caption";
    case BlockKind::kCredit:
      return "credit";
    case BlockKind::kChrome:
      return "chrome";
  }
  return "paragraph";
}

}  // namespace concord
