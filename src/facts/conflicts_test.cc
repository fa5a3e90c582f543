#include "src/facts/conflicts.h"

#include <gtest/gtest.h>

namespace concord::facts {
namespace {

TEST(ConflictsTest, Placeholder) {
  EXPECT_EQ(ConflictKindName(ConflictKind::kCause), "cause");
}

}  // namespace
}  // namespace concord::facts
