#include "model/distribution.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "random/philox_events.hpp"

namespace pcsim::model {
namespace {

// Standard normal table values used by the closed forms below (Abramowitz & Stegun 26.1).
constexpr double kPhiOf1 = 0.8413447460685429;       // Phi(1)
constexpr double kPhiOf2 = 0.9772498680518208;       // Phi(2)
constexpr double kPhiOfMinus1 = 0.1586552539314571;  // Phi(-1)
constexpr double kPdfOf1 = 0.24197072451914337;      // phi(1) = phi(-1)
constexpr double kPdfOf2 = 0.05399096651318806;      // phi(2)
constexpr double kZ975 = 1.959963984540054;          // Phi^-1(0.975)
const double kPi = std::acos(-1.0);

// --- Mean and variance against closed forms -------------------------------------------

TEST(DistributionMoments, FixedHasItsValueAndNoSpread) {
  const auto d = Distribution::fixed(3.5);
  EXPECT_EQ(d.mean(), 3.5);
  EXPECT_EQ(d.variance(), 0.0);
  EXPECT_EQ(d.quantile(0.01), 3.5);
  EXPECT_EQ(d.quantile(0.99), 3.5);
}

TEST(DistributionMoments, UniformIsMidpointAndRangeSquaredOverTwelve) {
  // Uniform(2, 5): mean (2 + 5) / 2 = 3.5, variance 3^2 / 12 = 0.75.
  const auto d = Distribution::uniform(2, 5);
  EXPECT_DOUBLE_EQ(d.mean(), 3.5);
  EXPECT_DOUBLE_EQ(d.variance(), 0.75);
}

TEST(DistributionMoments, TriangularMatchesTextbookFormulas) {
  // Triangular(a=1, c=2, b=4): mean (1 + 2 + 4) / 3 = 7/3;
  // variance (1 + 16 + 4 - 4 - 2 - 8) / 18 = 7/18.
  const auto d = Distribution::triangular(1, 2, 4);
  EXPECT_DOUBLE_EQ(d.mean(), 7.0 / 3.0);
  EXPECT_DOUBLE_EQ(d.variance(), 7.0 / 18.0);
}

TEST(DistributionMoments, PertMeanAndVarianceFollowTheBetaForm) {
  // PERT(1, 2, 4, lambda 4): mean (1 + 4*2 + 4) / 6 = 13/6; variance
  // (mean - min)(max - mean) / (lambda + 3) = (7/6)(11/6) / 7 = 77/252.
  const auto d = Distribution::pert(1, 2, 4);
  EXPECT_DOUBLE_EQ(d.mean(), 13.0 / 6.0);
  EXPECT_NEAR(d.variance(), 77.0 / 252.0, 1e-14);
  // lambda = 2: mean (0 + 2*3 + 10) / 4 = 4; variance (4 - 0)(10 - 4) / 5 = 4.8.
  const auto e = Distribution::pert(0, 3, 10, 2);
  EXPECT_DOUBLE_EQ(e.mean(), 4.0);
  EXPECT_NEAR(e.variance(), 4.8, 1e-13);
}

TEST(DistributionMoments, NormalHasItsMeanAndSdSquared) {
  const auto d = Distribution::normal(10, 2);
  EXPECT_DOUBLE_EQ(d.mean(), 10.0);
  EXPECT_DOUBLE_EQ(d.variance(), 4.0);
}

TEST(DistributionMoments, HalfNormalMatchesClosedForm) {
  // N(0, 1) truncated to [0, inf): mean sqrt(2/pi), variance 1 - 2/pi.
  const auto d = Distribution::normal(0, 1, 0);
  EXPECT_NEAR(d.mean(), std::sqrt(2.0 / kPi), 1e-14);
  EXPECT_NEAR(d.variance(), 1.0 - 2.0 / kPi, 1e-14);
}

TEST(DistributionMoments, TwoSidedTruncatedNormalMatchesStandardFormulas) {
  // N(5, 2) on [3, 9]: a = -1, b = 2, Z = Phi(2) - Phi(-1);
  // mean = 5 + 2 (phi(-1) - phi(2)) / Z;
  // var = 4 [1 + (a phi(a) - b phi(b)) / Z - ((phi(a) - phi(b)) / Z)^2].
  const double z = kPhiOf2 - kPhiOfMinus1;
  const double shift = (kPdfOf1 - kPdfOf2) / z;
  const double mean = 5.0 + 2.0 * shift;
  const double var = 4.0 * (1.0 + (-1.0 * kPdfOf1 - 2.0 * kPdfOf2) / z - shift * shift);
  const auto d = Distribution::normal(5, 2, 3, 9);
  EXPECT_NEAR(d.mean(), mean, 1e-13);
  EXPECT_NEAR(d.variance(), var, 1e-13);
}

TEST(DistributionMoments, FarUpperTailTruncationKeepsItsDigits) {
  // N(0, 1) on [8, inf), where 1 - Phi(8) would cancel to nothing: with the inverse Mills
  // ratio L = phi(8) / Q(8), phi(8) = 5.052271083536892e-15 and Q(8) = 6.220960574271784e-16
  // (30-digit evaluation), mean = L = 8.121368112236113 and variance = 1 + 8 L - L^2 =
  // 0.01432488344334091.
  const auto d = Distribution::normal(0, 1, 8);
  EXPECT_NEAR(d.mean(), 8.121368112236113, 1e-12);
  EXPECT_NEAR(d.variance(), 0.01432488344334091, 1e-10);
  // Shifted and scaled: N(2, 3) on [26, inf) is 2 + 3 (the same tail).
  const auto e = Distribution::normal(2, 3, 26);
  EXPECT_NEAR(e.mean(), 2 + 3 * 8.121368112236113, 1e-11);
  EXPECT_NEAR(e.variance(), 9 * 0.01432488344334091, 1e-9);
}

TEST(DistributionMoments, LognormalMatchesClosedForm) {
  // Lognormal(mu 1, sigma 0.5): mean exp(1 + 0.125); variance (e^0.25 - 1) e^(2 + 0.25).
  const auto d = Distribution::lognormal(1, 0.5);
  EXPECT_NEAR(d.mean(), std::exp(1.125), 1e-13);
  EXPECT_NEAR(d.variance(), (std::exp(0.25) - 1.0) * std::exp(2.25), 1e-12);
}

TEST(DistributionMoments, LognormalFromMomentsReproducesThem) {
  // Built from mean 10 and sd 3, the untruncated lognormal has exactly those moments.
  const auto d = Distribution::lognormal_from_moments(10, 3);
  EXPECT_NEAR(d.mean(), 10.0, 1e-12);
  EXPECT_NEAR(d.variance(), 9.0, 1e-11);
}

TEST(DistributionMoments, TruncatedLognormalMatchesClosedForm) {
  // Lognormal(0, 1) on [1, inf): ln X is a half-normal, mass 1/2. E[X^k] =
  // e^(k^2/2) (1 - Phi(-k)) / (1/2) = 2 e^(k^2/2) Phi(k): E[X] = 2 sqrt(e) Phi(1),
  // E[X^2] = 2 e^2 Phi(2).
  const double m1 = 2.0 * std::exp(0.5) * kPhiOf1;
  const double m2 = 2.0 * std::exp(2.0) * kPhiOf2;
  const auto d = Distribution::lognormal(0, 1, 1);
  EXPECT_NEAR(d.mean(), m1, 1e-13);
  EXPECT_NEAR(d.variance(), m2 - m1 * m1, 1e-12);
}

TEST(DistributionMoments, BetaMatchesClosedForm) {
  // Beta(2, 5): mean 2/7; variance 2*5 / (7^2 * 8) = 10/392.
  const auto d = Distribution::beta(2, 5);
  EXPECT_DOUBLE_EQ(d.mean(), 2.0 / 7.0);
  EXPECT_DOUBLE_EQ(d.variance(), 10.0 / 392.0);
}

TEST(DistributionMoments, BetaFromMomentsSolvesForTheShapes) {
  // Mean 0.3, sd 0.1: alpha + beta = 0.3*0.7/0.01 - 1 = 20, so Beta(6, 14), which has
  // mean 6/20 = 0.3 and variance 6*14 / (400 * 21) = 0.01.
  const auto d = Distribution::beta_from_moments(0.3, 0.1);
  EXPECT_NEAR(d.mean(), 0.3, 1e-14);
  EXPECT_NEAR(d.variance(), 0.01, 1e-14);
  EXPECT_NEAR(d.quantile(0.5), Distribution::beta(6, 14).quantile(0.5), 1e-12);
}

TEST(DistributionMoments, DiscreteIsTheWeightedAverage) {
  // Values 3, 1, 2 with weights 1, 2, 1 -> P(1) = 1/2, P(2) = P(3) = 1/4:
  // mean 1/2 + 2/4 + 3/4 = 1.75; E[X^2] = 1/2 + 4/4 + 9/4 = 3.75; variance 3.75 - 3.0625.
  const auto d = Distribution::discrete({3, 1, 2}, {1, 2, 1});
  EXPECT_DOUBLE_EQ(d.mean(), 1.75);
  EXPECT_DOUBLE_EQ(d.variance(), 0.6875);
}

// --- Quantiles against closed forms ----------------------------------------------------

TEST(DistributionQuantile, UniformIsLinear) {
  const auto d = Distribution::uniform(2, 5);
  EXPECT_DOUBLE_EQ(d.quantile(0.25), 2.75);  // 2 + 0.25 * 3
  EXPECT_DOUBLE_EQ(d.quantile(0.5), 3.5);
}

TEST(DistributionQuantile, TriangularInvertsItsCdfOnEachSide) {
  // Triangular(1, 2, 4): F(mode) = (2-1)/(4-1) = 1/3. Below: x = 1 + sqrt(u * 3 * 1);
  // above: x = 4 - sqrt((1-u) * 3 * 2).
  const auto d = Distribution::triangular(1, 2, 4);
  EXPECT_NEAR(d.quantile(0.2), 1.0 + std::sqrt(0.6), 1e-14);
  EXPECT_NEAR(d.quantile(0.75), 4.0 - std::sqrt(1.5), 1e-14);
  EXPECT_NEAR(d.quantile(1.0 / 3.0), 2.0, 1e-14);
}

TEST(DistributionQuantile, PertReducesToKnownBetas) {
  // PERT(2, 6, 6, lambda 1) = 2 + 4 Beta(2, 1); Beta(2, 1) has CDF x^2, so the quantile at
  // 0.25 is 2 + 4 * 0.5 = 4. A symmetric PERT has its median at the mode.
  EXPECT_NEAR(Distribution::pert(2, 6, 6, 1).quantile(0.25), 4.0, 1e-13);
  EXPECT_NEAR(Distribution::pert(0, 5, 10).quantile(0.5), 5.0, 1e-13);
}

TEST(DistributionQuantile, NormalHitsTableValues) {
  const auto d = Distribution::normal(10, 2);
  EXPECT_NEAR(d.quantile(0.975), 10.0 + kZ975 * 2.0, 1e-9);
  EXPECT_NEAR(d.quantile(kPhiOf1), 12.0, 1e-9);
  EXPECT_DOUBLE_EQ(d.quantile(0.5), 10.0);
}

TEST(DistributionQuantile, HalfNormalMedianIsTheUpperQuartileOfTheNormal) {
  // On [0, inf) the quantile at u is Phi^-1((1 + u) / 2): the median is Phi^-1(0.75).
  EXPECT_NEAR(Distribution::normal(0, 1, 0).quantile(0.5), 0.6744897501960817, 1e-12);
}

TEST(DistributionQuantile, LognormalIsExpOfTheNormalQuantile) {
  const auto d = Distribution::lognormal(1, 0.5);
  EXPECT_NEAR(d.quantile(0.5), std::exp(1.0), 1e-12);
  EXPECT_NEAR(d.quantile(0.975), std::exp(1.0 + 0.5 * kZ975), 1e-9);
}

TEST(DistributionQuantile, BetaInvertsSimpleCdfs) {
  // Beta(2, 1): F = x^2 -> sqrt(u). Beta(1, 3): F = 1 - (1-x)^3 -> 1 - (1-u)^(1/3).
  EXPECT_NEAR(Distribution::beta(2, 1).quantile(0.36), 0.6, 1e-13);
  EXPECT_NEAR(Distribution::beta(1, 3).quantile(0.875), 0.5, 1e-13);  // 1 - 0.125^(1/3)
}

// Boost 1.74's ibeta_inv throws for some valid shapes at tiny u (Boost issues 873, 961):
// ibeta_inv(0.5, 2, 2^-53) threw "x outside the range [0,1]". Near 0, I_x(a, b) =
// x^a / (a B(a, b)) (1 + O(x)), so x = (u a B(a, b))^(1/a); B(0.5, 2) = 4/3 gives
// x = (2u/3)^2 for Beta(0.5, 2), and by symmetry 1 - x for Beta(2, 0.5) at 1 - u. At the
// shape bounds, closed forms: Beta(a, 1) is u^(1/a), Beta(1, b) is 1 - (1 - u)^(1/b).
TEST(DistributionQuantile, BetaSurvivesBoostsTinyProbabilityFault) {
  for (const double u : {0x1p-53, 0x1p-40, 1e-12, 1e-9}) {
    const double x = (2 * u / 3) * (2 * u / 3);
    EXPECT_NEAR(Distribution::beta(0.5, 2).quantile(u), x, 1e-6 * x) << u;
    const double pert = -std::expm1(0.5 * std::log1p(-u));  // PERT(0, 0, 1, 1) is Beta(1, 2)
    EXPECT_NEAR(Distribution::pert(0, 0, 1, 1).quantile(u), pert, 1e-9 * pert) << u;
  }
  EXPECT_NEAR(Distribution::beta(2, 0.5).quantile(1 - 0x1p-30), 1 - std::pow(2 * 0x1p-30 / 3, 2),
              1e-15);
  EXPECT_NEAR(Distribution::beta(1e-3, 1).quantile(0.999), std::pow(0.999, 1e3), 1e-12);
  EXPECT_NEAR(Distribution::beta(1, 1e7).quantile(0.5), -std::expm1(std::log(0.5) * 1e-7), 1e-18);
  EXPECT_NEAR(Distribution::beta(1e7, 1).quantile(0.5), std::exp(std::log(0.5) * 1e-7), 1e-15);
}

// Across the allowed shapes, [1e-3, 1e7] squared, and u from 2^-53 to 1 - 2^-53, the beta
// quantile never throws, stays in [0, 1] and never decreases in u.
TEST(DistributionQuantile, BetaIsDefinedEverywhereInsideTheShapeBounds) {
  const double shapes[] = {1e-3, 0.01, 0.5, 1, 2, 30, 1e4, 1e7};
  std::vector<double> us;
  for (int k = 53; k >= 2; --k) us.push_back(std::ldexp(1.0, -k));
  for (int k = 1; k < 20; ++k) us.push_back(k / 20.0);
  for (int k = 2; k <= 53; ++k) us.push_back(1 - std::ldexp(1.0, -k));
  std::sort(us.begin(), us.end());
  for (const double a : shapes) {
    for (const double b : shapes) {
      const auto d = Distribution::beta(a, b);
      double previous = 0;
      for (const double u : us) {
        double x = -1;
        ASSERT_NO_THROW(x = d.quantile(u)) << a << " " << b << " " << u;
        ASSERT_TRUE(x >= previous && x <= 1) << a << " " << b << " " << u << " " << x;
        previous = x;
      }
    }
  }
}

TEST(DistributionQuantile, DiscreteStepsAtTheCumulativeWeights) {
  // Sorted: 1 (cumulative 0.5), 2 (0.75), 3 (1).
  const auto d = Distribution::discrete({3, 1, 2}, {1, 2, 1});
  EXPECT_EQ(d.quantile(0.3), 1.0);
  EXPECT_EQ(d.quantile(0.5), 1.0);
  EXPECT_EQ(d.quantile(0.6), 2.0);
  EXPECT_EQ(d.quantile(0.9), 3.0);
}

TEST(DistributionQuantile, ZeroWeightValuesAreNeverDrawn) {
  // Value 5 has weight 0: it is never returned, and is not the top of the support.
  const auto d = Distribution::discrete({1, 5, 2}, {1, 0, 1});
  for (double u : {1e-9, 0.25, 0.5, 0.5 + 1e-12, 0.75, 1 - 1e-12}) EXPECT_NE(d.quantile(u), 5.0);
  EXPECT_EQ(d.support_max(), 2.0);
}

TEST(DistributionQuantile, QuantileIsNonDecreasing) {
  // Monotone in u for every kind: rank correlation and Latin hypercubes rely on it.
  const std::vector<Distribution> all = {Distribution::uniform(0, 1),
                                         Distribution::triangular(0, 0.2, 1),
                                         Distribution::pert(0, 0.8, 1),
                                         Distribution::normal(0, 1, -1, 2),
                                         Distribution::lognormal(0, 1, 0.5),
                                         Distribution::beta(0.5, 2),
                                         Distribution::discrete({2, 1, 3}, {1, 1, 1})};
  for (const auto& d : all) {
    double previous = d.quantile(1e-6);
    for (int i = 1; i < 1000; ++i) {
      const double x = d.quantile(i / 1000.0);
      EXPECT_GE(x, previous) << d.describe() << " at u=" << i / 1000.0;
      previous = x;
    }
  }
}

TEST(DistributionQuantile, EndsOfTheUnitIntervalGiveTheSupport) {
  const auto d = Distribution::normal(0, 1, -1, 2);
  EXPECT_EQ(d.quantile(0.0), -1.0);
  EXPECT_EQ(d.quantile(1.0), 2.0);
  EXPECT_EQ(Distribution::normal(0, 1).quantile(1.0), Distribution::kInf);
}

// --- Central value and support ---------------------------------------------------------

TEST(DistributionCentral, IsTheModeWhereGivenElseTheMean) {
  EXPECT_EQ(Distribution::triangular(1, 2, 4).central(), 2.0);
  EXPECT_EQ(Distribution::pert(1, 2, 4).central(), 2.0);
  EXPECT_EQ(Distribution::normal(3, 1).central(), 3.0);
  EXPECT_NEAR(Distribution::normal(0, 1, 0).central(), std::sqrt(2.0 / kPi), 1e-14);
  EXPECT_DOUBLE_EQ(Distribution::uniform(2, 5).central(), 3.5);
  EXPECT_DOUBLE_EQ(Distribution::discrete({3, 1, 2}, {1, 2, 1}).central(), 1.75);
  EXPECT_EQ(Distribution().central(), 0.0);  // default: fixed at 0
}

TEST(DistributionSupport, ReportsTheEnds) {
  EXPECT_EQ(Distribution::pert(1, 2, 4).support_min(), 1.0);
  EXPECT_EQ(Distribution::pert(1, 2, 4).support_max(), 4.0);
  EXPECT_EQ(Distribution::normal(0, 1).support_min(), -Distribution::kInf);
  EXPECT_EQ(Distribution::normal(0, 1, -2, 3).support_max(), 3.0);
  EXPECT_EQ(Distribution::lognormal(0, 1).support_min(), 0.0);
  EXPECT_EQ(Distribution::beta(2, 3).support_max(), 1.0);
  EXPECT_EQ(Distribution::discrete({4, 7}, {1, 1}).support_min(), 4.0);
}

// --- Sampling: uniforms through the quantile ------------------------------------------

// 200,000 Philox uniforms through quantile(): the sample mean lies within 4 standard
// errors (sqrt(var / N)) of the exact mean, and the sample variance within 4 standard
// errors of the exact variance, the standard error of a sample variance being
// sqrt((m4 - s^4) / N) with m4 the sample fourth central moment.
void check_sample_moments(const Distribution& d, std::uint32_t stream) {
  constexpr int kN = 200000;
  std::vector<double> xs(kN);
  for (int i = 0; i < kN; ++i)
    xs[i] = d.quantile(random::philox_uniform(20240401, 1, stream, 0, Purpose::Parameter,
                                              static_cast<std::uint32_t>(i)));
  double sum = 0;
  for (double x : xs) sum += x;
  const double mean = sum / kN;
  double m2 = 0, m4 = 0;
  for (double x : xs) {
    const double dev2 = (x - mean) * (x - mean);
    m2 += dev2;
    m4 += dev2 * dev2;
  }
  m2 /= kN;
  m4 /= kN;
  const double se_mean = std::sqrt(d.variance() / kN);
  const double se_var = std::sqrt((m4 - m2 * m2) / kN);
  EXPECT_NEAR(mean, d.mean(), 4 * se_mean + 1e-15) << d.describe();
  EXPECT_NEAR(m2, d.variance(), 4 * se_var + 1e-15) << d.describe();
  const auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
  EXPECT_GE(*lo, d.support_min()) << d.describe();
  EXPECT_LE(*hi, d.support_max()) << d.describe();
}

TEST(DistributionSampling, EveryKindMatchesItsMoments) {
  check_sample_moments(Distribution::uniform(2, 5), 1);
  check_sample_moments(Distribution::triangular(1, 2, 4), 2);
  check_sample_moments(Distribution::pert(1, 2, 4), 3);
  check_sample_moments(Distribution::pert(0, 9, 10, 2), 4);
  check_sample_moments(Distribution::normal(10, 2), 5);
  check_sample_moments(Distribution::normal(5, 2, 3, 9), 6);
  check_sample_moments(Distribution::normal(0.02, 0.01, 0), 7);
  check_sample_moments(Distribution::lognormal(1, 0.5), 8);
  check_sample_moments(Distribution::lognormal(0, 1, 1, 5), 9);
  check_sample_moments(Distribution::lognormal_from_moments(10, 3, 0, 20), 10);
  check_sample_moments(Distribution::beta(2, 5), 11);
  check_sample_moments(Distribution::beta(0.5, 0.5), 12);
  check_sample_moments(Distribution::discrete({3, 1, 2}, {1, 2, 1}), 13);
}

TEST(DistributionSampling, TruncatedSamplesStayInsideTheBounds) {
  // The most extreme uniforms a double can hold, and the far upper tail, never escape.
  const std::vector<Distribution> truncated = {
      Distribution::normal(0, 1, -0.5, 0.5), Distribution::normal(0, 1, 8),
      Distribution::normal(0, 1, -Distribution::kInf, -7), Distribution::lognormal(0, 2, 0.1, 3),
      Distribution::lognormal(0, 1, 30)};
  for (const auto& d : truncated) {
    for (double u : {1e-300, 1e-16, 2.3e-10, 0.5, 1 - 2.3e-10, 1 - 1.2e-16}) {
      const double x = d.quantile(u);
      EXPECT_GE(x, d.support_min()) << d.describe() << " u=" << u;
      EXPECT_LE(x, d.support_max()) << d.describe() << " u=" << u;
    }
  }
}

}  // namespace
}  // namespace pcsim::model
