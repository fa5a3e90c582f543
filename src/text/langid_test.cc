#include "src/text/langid.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace concord::text {
namespace {

struct Row {
  std::string_view text;
  std::string_view lang;
};

// One row per case: a sentence written for this test and its language.
constexpr Row kRows[] = {
    {"The harbour authority said on Tuesday that the ferry service would "
     "resume "
     "next week after repairs.",
     "en"},
    {"Les autorit\u00E9s portuaires ont annonc\u00E9 mardi que le service de "
     "ferry "
     "reprendrait la semaine prochaine.",
     "fr"},
    {"Die Hafenbeh\u00F6rde teilte am Dienstag mit, dass der F\u00E4hrbetrieb "
     "n\u00E4chste Woche wieder aufgenommen wird.",
     "de"},
    {"Портова адміністрація заявила у вівторок, що пором знову курсуватиме "
     "наступного тижня.",
     "uk"},
    {"La autoridad portuaria dijo el martes que el servicio de transbordador "
     "se reanudar\u00E1 la pr\u00F3xima semana.",
     "es"},
    {"", ""},
    {"Hello", ""},
    {"Paris", ""},
    {"12345 67890", ""},
    {"!!! ??? ...", ""},
};

TEST(DetectLanguageTest, GoldenTable) {
  for (const Row& row : kRows) {
    EXPECT_EQ(DetectLanguage(row.text), row.lang) << row.text;
  }
}

TEST(DetectLanguageTest, UsesTheValidPrefixOfBrokenUtf8) {
  const std::string text =
      "The harbour authority said on Tuesday that the ferry service would "
      "resume "
      "next week after repairs to the main pier. \xFF\xFE trailing bytes";
  EXPECT_EQ(DetectLanguage(text), "en");
}

}  // namespace
}  // namespace concord::text
