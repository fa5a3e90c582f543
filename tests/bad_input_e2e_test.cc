// End to end: bad input gives a clear error naming the file and position,
// the rest of the batch is still analysed, and the exit code says so.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/test_util.h"

namespace concord {
namespace {

using nlohmann::json;
using testing::MakeTempDir;
using testing::RunConcord;
using testing::WriteFile;

const char kGood[] =
    "Tram line approved in Brennick\n\n"
    "Brennick city council approved the Eastside tram line on Tuesday by "
    "seven votes to two, ending a four-year dispute over its route.\n";

struct Batch {
  std::string dir;
  std::string bad;
};

// A folder with one good text file and one bad file.
Batch MakeBatch(const std::string& name, const std::string& bad_name,
                const std::string& bad_bytes) {
  Batch b;
  b.dir = MakeTempDir(name);
  WriteFile(b.dir + "/good.txt", kGood);
  b.bad = b.dir + "/" + bad_name;
  WriteFile(b.bad, bad_bytes);
  return b;
}

// Runs analyze on the batch; checks that the good article survived and
// returns stderr.
std::string AnalyzeBatch(const Batch& b) {
  auto r = RunConcord("analyze " + b.dir + " --format json");
  EXPECT_EQ(r.exit_code, 1) << "some inputs failed: exit code 1\n" << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["summary"]["articles"], 1);
  EXPECT_EQ(j["summary"]["errors"], 1);
  EXPECT_EQ(j["stories"][0]["articles"][0]["id"], "good");
  return r.err;
}

TEST(BadInputTest, InvalidUtf8NamesFileAndByteOffset) {
  // "Port strike" then a lone continuation byte at offset 11, then an
  // overlong encoding; neither UTF-8 nor a confident legacy encoding.
  std::string bytes = "Port strike\x80 ends\n";
  bytes += "Dock workers \xC0\xAF returned.\n";
  Batch b = MakeBatch("utf8", "bad.txt", bytes);
  const std::string err = AnalyzeBatch(b);
  EXPECT_NE(err.find(b.bad), std::string::npos) << err;
  EXPECT_NE(err.find("invalid UTF-8 at byte 11"), std::string::npos) << err;
}

TEST(BadInputTest, EmptyFileIsReported) {
  Batch b = MakeBatch("empty", "empty.txt", "");
  const std::string err = AnalyzeBatch(b);
  EXPECT_NE(err.find(b.bad + ": empty file"), std::string::npos) << err;
}

TEST(BadInputTest, BinaryFileIsReported) {
  static const char kPng[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
  const std::string bytes(kPng, sizeof kPng - 1);
  Batch b = MakeBatch("binary", "image.txt", bytes);
  const std::string err = AnalyzeBatch(b);
  EXPECT_NE(err.find(b.bad), std::string::npos) << err;
  EXPECT_NE(err.find("binary"), std::string::npos) << err;
}

TEST(BadInputTest, MalformedJsonLineNamesLineAndOffsetAndKeepsTheRest) {
  const std::string dir = MakeTempDir("jsonl");
  const std::string path = dir + "/batch.jsonl";
  const std::string line1 =
      R"({"id":"a1","title":"Dam holds after record rain","text":"The Orlen dam held overnight after record rain, engineers said on Sunday."})";
  const std::string line2 = R"({"id":"a2","text":"Unterminated string})";
  const std::string line3 =
      R"({"id":"a3","text":"Engineers at the Orlen dam lowered the reservoir by two metres on Monday."})";
  WriteFile(path, line1 + "\n" + line2 + "\n" + line3 + "\n");
  auto r = RunConcord("analyze " + path + " --format json");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(path + ":2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("malformed JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("byte"), std::string::npos) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["summary"]["articles"], 2);
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["code"], "bad_input");
}

TEST(BadInputTest, MissingTextFieldNamesTheLine) {
  const std::string dir = MakeTempDir("notext");
  const std::string path = dir + "/batch.jsonl";
  WriteFile(path,
            R"({"id":"x","title":"No body here"})"
            "\n"
            R"({"id":"y","text":"A ferry ran aground near Port Selva on Friday."})"
            "\n");
  auto r = RunConcord("analyze " + path + " --format json");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(path + ":1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("text"), std::string::npos) << r.err;
}

TEST(BadInputTest, NothingReadableExitsTwo) {
  const std::string dir = MakeTempDir("allbad");
  WriteFile(dir + "/empty.txt", "");
  auto r = RunConcord("analyze " + dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("empty file"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace concord
