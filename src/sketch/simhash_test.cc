// SimHash: one-word edits stay within Manku et al.'s 3 bits, unrelated texts
// land ~32 bits apart, and the fast bit counting equals the weighted sum.
#include "src/sketch/simhash.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "src/sketch/shingles.h"

namespace concord::sketch {
namespace {

// Random text of `n` words drawn uniformly from a 50,000-word vocabulary:
// two such texts share ~2 words (cosine ~0.006).
std::vector<std::string> RandomWords(std::mt19937& rng, int n) {
  std::vector<std::string> words;
  for (int i = 0; i < n; ++i) {
    words.push_back("w" + std::to_string(rng() % 50000));
  }
  return words;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

uint64_t WordSimHash(std::string_view text) {
  Shingler words({.words = 1});
  Shingles s;
  words.Shingle(text, &s);
  return SimHash(s.hashes);
}

std::string ReadExample(const std::string& name) {
  std::ifstream in(std::string(CONCORD_SOURCE_DIR) + "/examples/articles/" +
                   name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Manku et al.'s rule: near-duplicates within 3 bits. A one-word
// substitution in a 300-word text moves each bit with probability ~2%, so
// ≥ 90% of trials must stay within 3 bits (expected ~97%).
TEST(SimHashTest, OneWordEditStaysWithinThreeBits) {
  std::mt19937 rng(11);
  int within = 0;
  constexpr int kTrials = 100;
  for (int t = 0; t < kTrials; ++t) {
    std::vector<std::string> words = RandomWords(rng, 300);
    const uint64_t before = WordSimHash(Join(words));
    words[rng() % words.size()] = "edited";
    within += HammingDistance(before, WordSimHash(Join(words))) <= 3;
  }
  EXPECT_GE(within, kTrials * 90 / 100);
}

// Unrelated texts: the distance is Binomial(64, 1/2); P(< 16) ≈ 3e-5.
TEST(SimHashTest, UnrelatedTextsAreFarApart) {
  std::mt19937 rng(12);
  std::vector<uint64_t> prints;
  for (int i = 0; i < 40; ++i) {
    prints.push_back(WordSimHash(Join(RandomWords(rng, 300))));
  }
  double sum = 0;
  int pairs = 0;
  for (size_t i = 0; i < prints.size(); ++i) {
    for (size_t j = i + 1; j < prints.size(); ++j) {
      const int d = HammingDistance(prints[i], prints[j]);
      EXPECT_GE(d, 16) << i << " " << j;
      sum += d;
      ++pairs;
    }
  }
  EXPECT_NEAR(sum / pairs, 32.0, 2.0);
}

TEST(SimHashTest, ExampleArticleWithTypoFixedIsNearDuplicate) {
  const std::string wire = ReadExample("flood-01-wire.txt");
  ASSERT_GT(wire.size(), 1000u);
  std::string edited = wire;
  const size_t at = edited.find("residents");
  ASSERT_NE(at, std::string::npos);
  edited.replace(at, 9, "inhabitants");
  edited += "\n(Editing by A. Desk)\n";
  const uint64_t a = WordSimHash(wire), b = WordSimHash(edited);
  EXPECT_LE(HammingDistance(a, b), 3);
  // Case, punctuation and spacing do not count at all.
  std::string shouted = wire;
  for (char& c : shouted) c = static_cast<char>(std::toupper(c));
  EXPECT_EQ(WordSimHash(shouted), a);
  // A report of another event is further away than any edit.
  const uint64_t other = WordSimHash(ReadExample("tram-01-wire.txt"));
  EXPECT_GE(HammingDistance(a, other), 8);
}

TEST(SimHashTest, HeavyFeatureDominates) {
  const std::vector<WeightedFeature> features = {{.hash = 1, .weight = 1},
                                                 {.hash = 2, .weight = 1},
                                                 {.hash = 3, .weight = 100}};
  const std::vector<uint64_t> heavy = {3};
  EXPECT_EQ(SimHash(features), SimHash(heavy));
  EXPECT_EQ(SimHash(std::vector<uint64_t>{}), 0u);
}

TEST(SimHashTest, WeightsEqualRepeats) {
  const std::vector<uint64_t> repeated = {5, 5, 5, 7, 9};
  const std::vector<WeightedFeature> weighted = {{.hash = 5, .weight = 3},
                                                 {.hash = 7, .weight = 1},
                                                 {.hash = 9, .weight = 1}};
  EXPECT_EQ(SimHash(repeated), SimHash(weighted));
}

// The unweighted path counts bits eight at a time and flushes its byte
// counters every 255 features: it must agree with the plain weighted sum.
TEST(SimHashTest, BitCountingAgreesWithWeightedSum) {
  std::mt19937_64 rng(13);
  for (const size_t n : {1u, 2u, 254u, 255u, 256u, 511u, 3000u}) {
    std::vector<uint64_t> hashes;
    std::vector<WeightedFeature> weighted;
    for (size_t i = 0; i < n; ++i) {
      // Few distinct values, so that many bits are close to a tie.
      hashes.push_back(rng() % 7);
      weighted.push_back({.hash = hashes.back(), .weight = 1});
    }
    EXPECT_EQ(SimHash(hashes), SimHash(weighted)) << n;
  }
}

TEST(SimHashTest, HammingDistanceCountsDifferingBits) {
  EXPECT_EQ(HammingDistance(0, 0), 0);
  EXPECT_EQ(HammingDistance(0b1011, 0b0010), 2);
  EXPECT_EQ(HammingDistance(0, ~uint64_t{0}), 64);
}

}  // namespace
}  // namespace concord::sketch
