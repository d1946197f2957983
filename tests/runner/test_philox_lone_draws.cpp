// Tests of the draw without the block memo (PhiloxEvents::uniform_uncached) and of the
// engine's lone_uniform that picks it.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>

#include "engine/event_kernels.hpp"
#include "model/events.hpp"
#include "random/philox_events.hpp"

namespace pcsim::runner {
// The keyed random streams (random/philox_events.hpp).
using namespace pcsim::random;
namespace {

using model::Purpose;

// Smallest k with P(Bin(n, p) <= k) >= u, the cdf summed from the closed-form pmf
// C(n, k) p^k (1-p)^(n-k): an inverse cdf computed apart from model/sampling.hpp.
int binomial_quantile_by_pmf(int n, double p, double u) {
  double cdf = 0.0;
  for (int k = 0; k < n; ++k) {
    const double log_choose =
        std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
    cdf += std::exp(log_choose + k * std::log(p) + (n - k) * std::log1p(-p));
    if (cdf >= u) return k;
  }
  return n;
}

// Fact: uniform_uncached is the uniform of lane index & 3 of the Philox block at its counter
// (philox_uniform, one Philox call), the same value uniform() gives through the memo, for
// several purposes, indexes in and across blocks, and practice-years.
TEST(PhiloxLoneDraws, UncachedUniformIsTheDrawAtItsCounter) {
  const std::array<Purpose, 3> purposes = {Purpose::ListNoise, Purpose::Recruitment,
                                           Purpose::QualitySignUp};
  const std::array<std::uint32_t, 6> indexes = {0, 1, 3, 4, 17, 1000003};
  for (std::uint32_t practice : {0u, 9u, 6458u})
    for (std::uint32_t year : {1u, 10u}) {
      const PhiloxEvents events(0x123456789abcull, 3, practice, year);
      for (const Purpose purpose : purposes)
        for (const std::uint32_t index : indexes) {
          const double u = events.uniform_uncached(purpose, index);
          EXPECT_EQ(u, philox_uniform(0x123456789abcull, 3, practice, year, purpose, index));
          EXPECT_EQ(u, events.uniform(purpose, index));
        }
    }
}

// Fact: binomial() is the inverse cdf of Bin(n, p) at the Philox uniform
// (binomial_quantile_by_pmf), with and without a memo, over 400 practices for small and
// larger n and p on both sides of 1/2 (the mirrored case).
TEST(PhiloxLoneDraws, BinomialIsTheInverseCdfAtTheSameUniform) {
  model::BinomialMemo memo;
  for (std::uint32_t practice = 0; practice < 400; ++practice) {
    const PhiloxEvents with_memo(42, 1, practice, 4, &memo);
    const PhiloxEvents without(42, 1, practice, 4);
    const double u = philox_uniform(42, 1, practice, 4, Purpose::Recruitment, 0);
    for (const int n : {1, 2, 3, 4, 7, 70})
      for (const double p : {0.3, 0.8}) {
        const double draw = with_memo.binomial(Purpose::Recruitment, 0, n, p);
        EXPECT_EQ(draw, without.binomial(Purpose::Recruitment, 0, n, p));
        EXPECT_EQ(draw, binomial_quantile_by_pmf(n, p, u)) << n << " " << p << " " << u;
      }
  }
}

// Events with a uniform but no uncached member: a fixed answer to tell them by.
struct PlainEvents {
  double uniform(Purpose, std::uint32_t) const { return 0.25; }
};

// Fact: lone_uniform gives the events' uncached uniform when they have one (PhiloxEvents:
// equal to philox_uniform), else their plain uniform (PlainEvents' 0.25).
TEST(PhiloxLoneDraws, LoneUniformUsesTheUncachedMemberWhenPresent) {
  const PhiloxEvents events(5, 6, 7, 8);
  EXPECT_EQ(engine::lone_uniform(events, Purpose::ListNoise, 2),
            philox_uniform(5, 6, 7, 8, Purpose::ListNoise, 2));
  EXPECT_EQ(engine::lone_uniform(PlainEvents{}, Purpose::ListNoise, 0), 0.25);
}

}  // namespace
}  // namespace pcsim::runner
