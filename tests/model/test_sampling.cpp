#include "model/sampling.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/normal.hpp>

#include "random/philox_events.hpp"

namespace pcsim::model {
namespace {

// --- normal_quantile (AS 241) -------------------------------------------------------------

// Relative difference, with 0 against 0 counted as equal.
double relative_difference(double a, double b) {
  const double scale = std::max(std::fabs(a), std::fabs(b));
  return scale == 0.0 ? 0.0 : std::fabs(a - b) / scale;
}

TEST(NormalQuantile, MatchesBoostToTwelveDigitsIncludingTails) {
  // Boost.Math's normal quantile (an independent erfc-inverse implementation) over a
  // linear grid and log-spaced grids into both tails down to 1e-300.
  const boost::math::normal_distribution<double> standard;
  std::vector<double> us;
  for (int i = 1; i < 2000; ++i) us.push_back(i / 2000.0);
  for (double e = -300.0; e <= -0.31; e += 0.25) {
    us.push_back(std::pow(10.0, e));
    us.push_back(1.0 - std::pow(10.0, e));  // rounds to a double near 1; 1 itself skipped
  }
  us.push_back(1e-12);
  us.push_back(1.0 - 1e-12);
  us.push_back(0.075);  // the region boundaries |u - 0.5| = 0.425
  us.push_back(0.925);
  for (double u : us) {
    if (!(u > 0.0 && u < 1.0)) continue;
    const double expected = boost::math::quantile(standard, u);
    EXPECT_LE(relative_difference(normal_quantile(u), expected), 1e-12) << "u=" << u;
  }
}

TEST(NormalQuantile, HitsTableValuesAndIsAntisymmetric) {
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(normal_quantile(0.8413447460685429), 1.0, 1e-14);  // Phi(1)
  EXPECT_EQ(normal_quantile(0.5), 0.0);
  // Dyadic u, so that 1 - u is exact: Phi^-1(u) = -Phi^-1(1 - u) to the last bit.
  for (double u : {0x1.0p-30, 0.0078125, 0.125, 0.375, 0.4375})
    EXPECT_EQ(normal_quantile(u), -normal_quantile(1 - u)) << "u=" << u;
}

// --- binomial_from_uniform ---------------------------------------------------------------

// The draw is a non-decreasing step function of u, so the probability of k is the length
// of the u-interval mapped to k: t(k+1) - t(k), with t(k) = inf{u : draw(u) >= k} found by
// bisection to about 1e-16. This is the exact pmf the sampler realises.
double step_point(int n, double p, int k) {
  if (k <= 0) return 0.0;
  if (k > n) return 1.0;
  double lo = 0.0, hi = 1.0;  // draw(lo) < k <= draw(hi), draw(1) taken as n
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (binomial_from_uniform(n, p, mid) >= k)
      hi = mid;
    else
      lo = mid;
  }
  return hi;
}

TEST(BinomialFromUniform, RealisedPmfEqualsBoostBinomialPmf) {
  for (int n : {0, 1, 3, 7, 20}) {
    // 0.7 and 0.95 also exercise the mirror n - Bin(n, 1 - p) used for p > 1/2.
    for (double p : {0.0, 0.05, 0.3, 0.5, 0.7, 0.95, 1.0}) {
      const boost::math::binomial_distribution<double> law(n, p);
      for (int k = 0; k <= n; ++k) {
        const double realised = step_point(n, p, k + 1) - step_point(n, p, k);
        EXPECT_NEAR(realised, boost::math::pdf(law, k), 1e-9)
            << "n=" << n << " p=" << p << " k=" << k;
      }
    }
  }
}

TEST(BinomialFromUniform, IsMonotoneInUAndStaysWithinZeroToN) {
  // On a fine grid of u, plus the smallest and largest Philox uniforms, every draw lies in
  // [0, n] and never decreases as u grows.
  std::vector<double> us = {random::uniform_from_bits(0)};
  for (int i = 0; i < 100000; ++i) us.push_back((i + 0.5) / 100000.0);
  us.push_back(random::uniform_from_bits(0xffffffffu));
  for (int n : {0, 1, 3, 7, 20, 60}) {
    for (double p : {0.0, 0.05, 0.3, 0.5, 0.7, 0.999, 1.0}) {
      int previous = 0;
      for (double u : us) {
        const int k = binomial_from_uniform(n, p, u);
        ASSERT_GE(k, 0);
        ASSERT_LE(k, n);
        ASSERT_GE(k, previous) << "n=" << n << " p=" << p << " u=" << u;
        previous = k;
      }
    }
  }
}

TEST(BinomialFromUniform, EdgeCases) {
  EXPECT_EQ(binomial_from_uniform(0, 0.5, 0.9), 0);
  EXPECT_EQ(binomial_from_uniform(-3, 0.5, 0.9), 0);
  EXPECT_EQ(binomial_from_uniform(10, 0.0, 0.999), 0);
  EXPECT_EQ(binomial_from_uniform(10, 1.0, 1e-9), 10);
  // Bin(1, p) is 1 exactly when u > 1 - p: here p = 0.25, so u = 0.8 gives 1, 0.7 gives 0.
  EXPECT_EQ(binomial_from_uniform(1, 0.25, 0.8), 1);
  EXPECT_EQ(binomial_from_uniform(1, 0.25, 0.7), 0);
  // Bin(2, 1/2): F(0) = 1/4, F(1) = 3/4.
  EXPECT_EQ(binomial_from_uniform(2, 0.5, 0.2), 0);
  EXPECT_EQ(binomial_from_uniform(2, 0.5, 0.5), 1);
  EXPECT_EQ(binomial_from_uniform(2, 0.5, 0.8), 2);
}

TEST(BinomialFromUniform, LargeCountsDoNotUnderflow) {
  // n = 5000, p = 1/2: (1/2)^5000 underflows, yet the median draw must be 2500 and the
  // quartiles near 2500 -/+ 0.674 * sqrt(1250) = 2476.2 / 2523.8.
  EXPECT_EQ(binomial_from_uniform(5000, 0.5, 0.5), 2500);
  EXPECT_NEAR(binomial_from_uniform(5000, 0.5, 0.25), 2476.2, 1.5);
  EXPECT_NEAR(binomial_from_uniform(5000, 0.5, 0.75), 2523.8, 1.5);
}

TEST(BinomialFromUniform, PhiloxDrawsPassAChiSquareTest) {
  // 200,000 draws of Bin(20, 0.3) from Philox uniforms. Cells k = 0..14 and k >= 15 (the
  // pooled tail, expected about 9.6) all expect more than 5; 16 cells give 15 degrees of
  // freedom, whose chi-square 0.999 quantile is 37.697 (tables).
  constexpr int kDraws = 200000;
  const boost::math::binomial_distribution<double> law(20, 0.3);
  std::array<double, 16> observed{};
  for (int i = 0; i < kDraws; ++i) {
    const double u =
        random::philox_uniform(99, 3, 7, 2, Purpose::Recruitment, static_cast<std::uint32_t>(i));
    observed[std::min(binomial_from_uniform(20, 0.3, u), 15)] += 1;
  }
  double chi2 = 0.0;
  for (int k = 0; k < 16; ++k) {
    const double p = k < 15 ? boost::math::pdf(law, k) : boost::math::cdf(complement(law, 14));
    const double expected = kDraws * p;
    ASSERT_GT(expected, 5.0) << "cell " << k;
    chi2 += (observed[k] - expected) * (observed[k] - expected) / expected;
  }
  EXPECT_LT(chi2, 37.697);
}

// --- categorical_from_uniform -------------------------------------------------------------

TEST(CategoricalFromUniform, StepsAtTheCumulativeProbabilities) {
  // probs 0.1, 0.2, 0.7: cumulative 0.1, 0.3, 1.
  const std::array<double, 3> probs = {0.1, 0.2, 0.7};
  EXPECT_EQ(categorical_from_uniform(probs, 0.05), 0u);
  EXPECT_EQ(categorical_from_uniform(probs, 0.1), 0u);
  EXPECT_EQ(categorical_from_uniform(probs, 0.15), 1u);
  EXPECT_EQ(categorical_from_uniform(probs, 0.31), 2u);
  EXPECT_EQ(categorical_from_uniform(probs, 0.999999), 2u);
}

TEST(CategoricalFromUniform, ZeroProbabilityCategoriesAreSkippedAndShortfallGoesLast) {
  // Category 0 has probability 0 and is never chosen for u > 0; probabilities summing to
  // 0.6 leave u in (0.6, 1) to the last category.
  const std::array<double, 3> probs = {0.0, 0.5, 0.1};
  EXPECT_EQ(categorical_from_uniform(probs, 1e-12), 1u);
  EXPECT_EQ(categorical_from_uniform(probs, 0.55), 2u);
  EXPECT_EQ(categorical_from_uniform(probs, 0.9), 2u);
  const std::vector<double> one = {1.0};
  EXPECT_EQ(categorical_from_uniform(one, 0.5), 0u);
}

}  // namespace
}  // namespace pcsim::model
