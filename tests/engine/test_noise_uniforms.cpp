// Tests of the list pass's uniforms (engine/noise_uniforms.hpp): the plain loop against
// uniform_from_bits' closed form worked by hand, the AVX-512 form against the plain loop on
// 0 to 40 practices (every remainder of 8) with words at the edges and practices open and
// closed, bit for bit and writing nothing past the last practice; then whole runs both
// ways. The AVX-512 checks are skipped (and said) where the processor has none.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/noise_uniforms.hpp"
#include "tests/engine/engine_test_support.hpp"
#include "tests/engine/wide_kernel_runs.hpp"

namespace pcsim::engine {
namespace {

using engine_tests::Lcg;
using engine_tests::same_bits;

// Fact (by hand, (x + 1/2) 2^-32): x = 0 gives 2^-33; x = 2^32 - 1 gives 1 - 2^-33; x = 2^31
// gives 1/2 + 2^-33; a closed practice gives 1/2 whatever its word. Only every fourth word
// is read: the three between hold words that would give other values.
TEST(NoiseUniforms, PlainLoopByHand) {
  const std::vector<std::uint32_t> words = {0u,          7u, 7u, 7u,   // practice 0
                                            0xFFFFFFFFu, 7u, 7u, 7u,   // 1
                                            0x80000000u, 7u, 7u, 7u,   // 2
                                            0u,          7u, 7u, 7u};  // 3, closed
  const std::vector<std::uint8_t> open = {1, 1, 1, 0};
  std::vector<double> u(5, -1.0);
  noise_uniforms(words.data(), open.data(), u.data(), 4);
  EXPECT_EQ(u[0], 0x1.0p-33);
  EXPECT_EQ(u[1], 1.0 - 0x1.0p-33);
  EXPECT_EQ(u[2], 0.5 + 0x1.0p-33);
  EXPECT_EQ(u[3], 0.5);
  EXPECT_EQ(u[4], -1.0);  // past the last practice: untouched
}

// A word at an edge of the conversion (0, 1, 2^31 - 1, 2^31, 2^32 - 1) or at random.
std::uint32_t edge_word(Lcg& rng) {
  constexpr std::uint32_t kEdges[] = {0u, 1u, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu};
  return rng.chance(0.3) ? kEdges[rng.below(5)] : rng.next();
}

// Fact: on 400 random sets of 0 to 40 practices (every remainder of 8), the AVX-512 form
// writes the plain loop's uniforms bit for bit and nothing past the last practice; an open
// flag is any nonzero byte, as the plain loop reads it.
TEST(NoiseUniforms, Avx512MatchesThePlainLoop) {
  if (!noise_uniforms_avx512_supported())
    GTEST_SKIP() << "this processor (or build) has no AVX-512 F: the plain loop runs";
  Lcg rng{7122026};
  int closed = 0;
  for (int round = 0; round < 400; ++round) {
    const std::size_t n = rng.below(41);
    std::vector<std::uint32_t> words(4 * n);
    for (std::uint32_t& w : words) w = edge_word(rng);
    std::vector<std::uint8_t> open(n);
    for (std::uint8_t& o : open)
      o = rng.chance(0.2) ? 0 : static_cast<std::uint8_t>(1 + rng.below(255));
    std::vector<double> plain(n + 8, -1.0), wide(n + 8, -1.0);
    noise_uniforms(words.data(), open.data(), plain.data(), n);
    noise_uniforms_avx512(words.data(), open.data(), wide.data(), n);
    ASSERT_TRUE(same_bits(plain, wide)) << round;  // the eight past n too: still -1
    for (std::size_t p = 0; p < n; ++p) closed += open[p] == 0;
  }
  EXPECT_GT(closed, 500);  // closed practices were drawn
}

// Fact: whole runs with the wide uniforms give the plain loop's results, every figure.
TEST(NoiseUniforms, WholeRunsAgree) {
  if (!noise_uniforms_avx512_supported()) GTEST_SKIP() << "no AVX-512 F here";
  engine_tests::expect_closing_runs_agree(&EngineState::wide_noise, 61, 13, 4);
}

}  // namespace
}  // namespace pcsim::engine
