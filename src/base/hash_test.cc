// Hash64 (XXH3 inlined, with xxHash's AVX2 accumulator for long inputs
// where the processor has it) gives exactly the shared library's
// XXH3_64bits_withSeed, across the length classes XXH3 dispatches on
// (0, 1-3, 4-8, 9-16, 17-128, 129-240, longer) and for several seeds.
#include "src/base/hash.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <random>
#include <string>

#include "src/base/cpu.h"

namespace concord {
namespace {

TEST(HashTest, Hash64IsTheLibrarysXxh3) {
  std::mt19937_64 rng(11);
  std::string bytes(5000, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  for (const uint64_t seed : {uint64_t{0}, uint64_t{1}, rng(), rng()}) {
    for (size_t n = 0; n <= bytes.size(); n += n < 300 ? 1 : 97) {
      ASSERT_EQ(Hash64(std::string_view(bytes).substr(0, n), seed),
                XXH3_64bits_withSeed(bytes.data(), n, seed))
          << "length " << n << ", seed " << seed
          << (cpu::HasAvx2() ? " (AVX2 path for long inputs)" : "");
    }
  }
}

}  // namespace
}  // namespace concord
