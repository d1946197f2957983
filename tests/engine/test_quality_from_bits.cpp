// Tests of the quality payment from raw bits, which the engine's quality pass uses
// (model/funding.hpp, quality_payment_from_bits; engine/predrawn_events.hpp), and of its
// threshold (model/sampling.hpp, bits_below): the achievement draw decided in integers
// must be the draw of the uniform, and the payment that of quality_payment_at.
#include <gtest/gtest.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/predrawn_events.hpp"
#include "model/funding.hpp"
#include "model/sampling.hpp"

namespace pcsim::engine {
namespace {

constexpr std::uint64_t kAll = std::uint64_t{1} << 32;

// The definition of bits_below(p) = T: every x < T has uniform_from_bits(x) < p, and x = T
// (when there is one) does not.
void expect_threshold(double p) {
  const std::uint64_t t = bits_below(p);
  ASSERT_LE(t, kAll) << p;
  if (t > 0) {
    EXPECT_LT(uniform_from_bits(static_cast<std::uint32_t>(t - 1)), p) << p;
  }
  if (t < kAll) {
    EXPECT_FALSE(uniform_from_bits(static_cast<std::uint32_t>(t)) < p) << p;
  }
}

// Fact: the threshold is the count of bits whose uniform is below p, for p on a grid, at
// and next to the uniforms' own values (x + 1/2) 2^-32, and at the ends.
TEST(BitsBelow, CountsTheBitsWhoseUniformIsBelowP) {
  for (int i = 0; i <= 1000; ++i) expect_threshold(i / 1000.0);
  for (std::uint32_t x : {0u, 1u, 12345u, 0x80000000u, 0xFFFFFFFEu, 0xFFFFFFFFu}) {
    const double u = uniform_from_bits(x);
    for (double p : {u, std::nextafter(u, 0.0), std::nextafter(u, 2.0)}) expect_threshold(p);
  }
  for (double p : {1e-300, 0x1.0p-33, 0x1.0p-32, 1.0 - 0x1.0p-53}) expect_threshold(p);
}

// Fact: hand-worked values. p = 1/2: x + 1/2 < 2^31 for x < 2^31. p = 2^-33: c = 1/2,
// and x + 1/2 < 1/2 for no x. p = 1: x + 1/2 < 2^32 for every x. p <= 0 or NaN: none
// (u < p is false); p > 1: all.
TEST(BitsBelow, HandWorkedValues) {
  EXPECT_EQ(bits_below(0.5), std::uint64_t{1} << 31);
  EXPECT_EQ(bits_below(0x1.0p-33), 0u);
  EXPECT_EQ(bits_below(1.0), kAll);
  EXPECT_EQ(bits_below(0.0), 0u);
  EXPECT_EQ(bits_below(-1.0), 0u);
  EXPECT_EQ(bits_below(std::numeric_limits<double>::quiet_NaN()), 0u);
  EXPECT_EQ(bits_below(2.0), kAll);
}

// Fact: a hand-worked payment. Standards paying 3 and 2 per weighted patient, both
// achieved with probability 0.9 (bits_below = ceil(0.9 2^32 - 1/2)); applies {1, 0.5};
// bits {0, 2^32 - 1}: the first is achieved, the second not. Payment = 1 x 1 x 3 x 1.02 x
// 1000 + 0.5 x 0 x 2 x 1.02 x 1000 = 3060 (to rounding: 3 x 1.02 is not exact).
TEST(QualityPaymentFromBits, HandWorkedPayment) {
  const std::array<QualityDraw, 2> draws = {QualityDraw{bits_below(0.9), 3.0},
                                            QualityDraw{bits_below(0.9), 2.0}};
  const double applies[] = {1.0, 0.5};
  const std::uint32_t bits[] = {0u, 0xFFFFFFFFu};
  EXPECT_NEAR(quality_payment_from_bits(draws, applies, bits, 1000.0, 1.02), 3060.0, 1e-9);
}

// Fact: the payment is quality_payment_at's with PredrawnBernoulliEvents over the same
// bits, bit for bit, for three standards (one optional) over many practices: sign-ups 0,
// 1 and fractions, bits spread over the whole range and at the thresholds themselves,
// rates 0, 1 and in between.
TEST(QualityPaymentFromBits, IsQualityPaymentAtOfTheSameBits) {
  FundingParameters funding;
  for (double rate : {0.85, 0.0, 1.0}) {
    QualityStandard q;
    q.payment_per_weighted_patient = 1.97 + rate;
    q.achievement_rate = rate;
    funding.quality_standards.push_back(q);
  }
  std::array<QualityDraw, 3> draws;
  for (std::size_t k = 0; k < 3; ++k) draws[k] = quality_draw(funding.quality_standards[k]);
  std::uint64_t state = 99;
  const auto next = [&state] {  // a 64-bit LCG: any spread of bits will do
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 32);
  };
  const double sign_ups[] = {0.0, 1.0, 0.4};
  const std::uint32_t at_threshold = static_cast<std::uint32_t>(draws[0].achieved_below);
  int achieved = 0;
  for (int i = 0; i < 3000; ++i) {
    const double applies[] = {1.0, sign_ups[i % 3], sign_ups[(i / 3) % 3]};
    std::uint32_t bits[] = {next(), next(), next()};
    if (i % 7 == 0) bits[0] = at_threshold - (i % 2);  // either side of the threshold
    const double weighted = 1000.0 + i;
    const double expected =
        quality_payment_at(funding, applies, PredrawnBernoulliEvents(bits), weighted, 1.02);
    const double got = quality_payment_from_bits(draws, applies, bits, weighted, 1.02);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(got), std::bit_cast<std::uint64_t>(expected)) << i;
    achieved += bits[0] < at_threshold;
  }
  EXPECT_GT(achieved, 2000);  // both outcomes of the first standard occur
  EXPECT_LT(achieved, 2900);
}

}  // namespace
}  // namespace pcsim::engine
