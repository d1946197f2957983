#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>

#include "model/distribution.hpp"

namespace pcsim::model {
namespace {

const double kNan = std::numeric_limits<double>::quiet_NaN();
const double kInf = Distribution::kInf;

// The factory throws std::invalid_argument and the message contains `expected`, which
// names the offending values.
void expect_rejected(const std::function<void()>& make, const std::string& expected) {
  try {
    make();
    ADD_FAILURE() << "not rejected; expected a message containing: " << expected;
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos)
        << "message: " << e.what() << "\nexpected to contain: " << expected;
  }
}

TEST(DistributionValidation, MinAboveMaxIsRejected) {
  expect_rejected([] { Distribution::uniform(5, 3); }, "min (5) is greater than max (3)");
  expect_rejected([] { Distribution::triangular(5, 4, 3); }, "min (5) is greater than max (3)");
  expect_rejected([] { Distribution::pert(4.5, 4, 3); }, "min (4.5) is greater than max (3)");
}

TEST(DistributionValidation, ModeOutsideTheRangeIsRejected) {
  expect_rejected([] { Distribution::triangular(1, 5, 4); },
                  "mode (5) is outside [min, max] = [1, 4]");
  expect_rejected([] { Distribution::pert(1, 0.5, 4); },
                  "mode (0.5) is outside [min, max] = [1, 4]");
}

TEST(DistributionValidation, NonPositiveScalesAreRejected) {
  expect_rejected([] { Distribution::normal(0, 0); }, "sd (0) must be greater than 0");
  expect_rejected([] { Distribution::normal(0, -1.5); }, "sd (-1.5) must be greater than 0");
  expect_rejected([] { Distribution::lognormal(0, 0); }, "sigma (0) must be greater than 0");
  expect_rejected([] { Distribution::lognormal_from_moments(5, -1); },
                  "sd (-1) must be greater than 0");
  expect_rejected([] { Distribution::pert(1, 2, 4, 0); }, "lambda (0) must be greater than 0");
  expect_rejected([] { Distribution::pert(1, 2, 4, -2); }, "lambda (-2) must be greater than 0");
}

TEST(DistributionValidation, NonPositiveBetaShapesAreRejected) {
  expect_rejected([] { Distribution::beta(0, 1); }, "alpha (0) must be greater than 0");
  expect_rejected([] { Distribution::beta(1, -2); }, "beta (-2) must be greater than 0");
}

// Shapes beyond [1e-3, 1e7] (and PERT's lambda beyond 1e6) are refused, naming the value,
// the bound and what to use instead: Boost 1.74's ibeta_inv hung at 1e20 and more and
// returned NaN at 1e-160 (the bad-input audit, docs/input-audit.md). The bounds are allowed.
TEST(DistributionValidation, BetaShapesOutsideTheirRangeAreRejected) {
  expect_rejected([] { Distribution::beta(1e30, 1e30); }, "alpha (1e+30) is above 1e+07");
  expect_rejected([] { Distribution::beta(2, 1.5e7); }, "beta (1.5e+07) is above 1e+07");
  expect_rejected([] { Distribution::beta(1e-160, 1e-160); }, "alpha (1e-160) is below 0.001");
  expect_rejected([] { Distribution::beta(1, 1e-308); }, "beta (1e-308) is below 0.001");
  expect_rejected([] { Distribution::beta(1e30, 1); }, "use dist = \"fixed\"");
  expect_rejected([] { Distribution::pert(1, 2, 4, 1e50); }, "lambda (1e+50) is above 1e+06");
  EXPECT_NO_THROW(Distribution::beta(1e7, 1e7));
  EXPECT_NO_THROW(Distribution::beta(1e-3, 1e-3));
  EXPECT_NO_THROW(Distribution::pert(1, 2, 4, 1e6));
}

// A mean and sd whose shapes (mean x total, (1 - mean) x total, total = m (1 - m) / sd^2 - 1)
// leave [1e-3, 1e7] are refused with the sd that reaches the bound, worked out here: mean
// 0.75, alpha = 0.75 total <= 1e7 needs sd^2 >= 0.1875 / (1 + 1e7 / 0.75); mean 0.5,
// shapes 0.5 total >= 1e-3 need sd^2 <= 0.25 / (1 + 1e-3 / 0.5). Just inside either is
// allowed, just outside refused.
TEST(DistributionValidation, BetaMomentsBeyondTheShapeRangeAreRejected) {
  expect_rejected([] { Distribution::beta_from_moments(0.75, 1e-14); },
                  "sd (1e-14) is too small for a beta with mean 0.75");
  const double min_sd = std::sqrt(0.1875 / (1 + 1e7 / 0.75));
  EXPECT_NO_THROW(Distribution::beta_from_moments(0.75, min_sd * (1 + 1e-9)));
  expect_rejected([&] { Distribution::beta_from_moments(0.75, min_sd * (1 - 1e-6)); },
                  "must be at most 1e+07; sd must be at least 0.000118");
  const double max_sd = std::sqrt(0.25 / (1 + 1e-3 / 0.5));
  EXPECT_NO_THROW(Distribution::beta_from_moments(0.5, max_sd * (1 - 1e-9)));
  expect_rejected([&] { Distribution::beta_from_moments(0.5, max_sd * (1 + 1e-6)); },
                  "must be at least 0.001; sd must be at most 0.4995");
}

TEST(DistributionValidation, ImpossibleBetaMomentsAreRejected) {
  // A beta on [0, 1] with mean m has sd below sqrt(m (1 - m)) = 0.5 for m = 0.5.
  expect_rejected([] { Distribution::beta_from_moments(0.5, 0.6); },
                  "sd (0.6) is too large for a beta with mean 0.5");
  expect_rejected([] { Distribution::beta_from_moments(0.5, 0.5); },
                  "sd (0.5) is too large for a beta with mean 0.5");
  // The bound to six significant digits: sqrt(0.8 x 0.2) = 0.4, not 0.39999999999999997.
  expect_rejected([] { Distribution::beta_from_moments(0.8, 0.5); },
                  "sd must be below sqrt(mean (1 - mean)) = 0.4");
  try {
    Distribution::beta_from_moments(0.8, 0.5);
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).find("0.3999"), std::string::npos) << e.what();
  }
  expect_rejected([] { Distribution::beta_from_moments(1.2, 0.1); },
                  "mean (1.2) must lie strictly between 0 and 1");
  expect_rejected([] { Distribution::beta_from_moments(0, 0.1); },
                  "mean (0) must lie strictly between 0 and 1");
  expect_rejected([] { Distribution::beta_from_moments(0.3, 0); }, "sd (0) must be greater than 0");
}

TEST(DistributionValidation, LognormalMomentsNeedAPositiveMean) {
  expect_rejected([] { Distribution::lognormal_from_moments(-1, 1); },
                  "mean (-1) must be greater than 0");
}

TEST(DistributionValidation, TruncationBoundsMustBeOrdered) {
  expect_rejected([] { Distribution::normal(0, 1, 2, 1); },
                  "lower (2) must be less than upper (1)");
  expect_rejected([] { Distribution::normal(0, 1, 1, 1); },
                  "lower (1) must be less than upper (1)");
  expect_rejected([] { Distribution::lognormal(0, 1, 3, 2); },
                  "lower (3) must be less than upper (2)");
  expect_rejected([] { Distribution::normal(0, 1, kNan, 1); }, "lower (nan) is not a number");
  expect_rejected([] { Distribution::lognormal(0, 1, -1); }, "lower (-1) is negative");
}

TEST(DistributionValidation, TruncationWithoutProbabilityIsRejected) {
  // N(0, 1) beyond 40 sd: probability about 4e-350, zero in double precision.
  expect_rejected([] { Distribution::normal(0, 1, 40); },
                  "truncation [40, inf] keeps probability 0 of normal(mean=0, sd=1)");
  // [38, 39] sd: about 2.9e-316, below the 1e-300 needed.
  expect_rejected([] { Distribution::normal(0, 1, 38, 39); }, "truncation [38, 39] keeps");
  // Through the mean and sd: [0.5, 0.6] is 48 to 58 sd above a mean of 0.02.
  expect_rejected([] { Distribution::normal(0.02, 0.01, 0.5, 0.6); },
                  "truncation [0.5, 0.6] keeps probability 0 of normal(mean=0.02, sd=0.01)");
  // ln(1e30) = 69 sigma above mu for lognormal(0, 1).
  expect_rejected([] { Distribution::lognormal(0, 1, 1e30); },
                  "truncation [1e+30, inf] keeps probability 0 of lognormal(mu=0, sigma=1)");
}

TEST(DistributionValidation, BadDiscreteWeightsAreRejected) {
  expect_rejected([] { Distribution::discrete({1, 2}, {1, -0.5}); }, "weight 2 (-0.5) is negative");
  expect_rejected(
      [] {
        Distribution::discrete({1, 2}, {0, 0});
      },
      "weights sum to 0; they must sum to a positive number");
  expect_rejected(
      [] {
        Distribution::discrete({1, 2, 3}, {1, 1});
      },
      "values has 3 entries but weights has 2");
  expect_rejected([] { Distribution::discrete({}, {}); }, "values is empty");
  expect_rejected(
      [] {
        Distribution::discrete({1, kNan}, {1, 1});
      },
      "value 2 (nan) is not a finite number");
  expect_rejected(
      [] {
        Distribution::discrete({1, 2}, {kInf, 1});
      },
      "weight 1 (inf) is not a finite number");
}

TEST(DistributionValidation, NonFiniteParametersAreRejected) {
  expect_rejected([] { Distribution::fixed(kNan); }, "value (nan) is not a finite number");
  expect_rejected([] { Distribution::uniform(kNan, 1); }, "min (nan) is not a finite number");
  expect_rejected([] { Distribution::uniform(0, kInf); }, "max (inf) is not a finite number");
  expect_rejected([] { Distribution::triangular(0, kNan, 1); },
                  "mode (nan) is not a finite number");
  expect_rejected([] { Distribution::normal(kInf, 1); }, "mean (inf) is not a finite number");
  expect_rejected([] { Distribution::normal(0, kInf); }, "sd (inf) is not a finite number");
  expect_rejected([] { Distribution::lognormal(-kInf, 1); }, "mu (-inf) is not a finite number");
  expect_rejected([] { Distribution::pert(0, 1, 2, kNan); }, "lambda (nan) is not a finite number");
  expect_rejected([] { Distribution::beta(kInf, 1); }, "alpha (inf) is not a finite number");
}

// The input audit B: lognormal(mu=3, sigma=50, upper=1000) was accepted with a mean of NaN
// (exp(3 + 50^2 / 2) overflows), and the central case ran with it. A mean, the central
// value of most kinds, that is not a finite number is refused, naming the distribution.
TEST(DistributionValidation, AMeanThatIsNotFiniteIsRejected) {
  expect_rejected([] { Distribution::lognormal(3, 50, 0, 1000); },
                  "the central value, is not a finite number: lognormal(mu=3, sigma=50, "
                  "upper=1000)");
  expect_rejected([] { Distribution::lognormal(3, 40); },  // exp(3 + 800) = inf
                  "its mean (inf), the central value, is not a finite number");
  expect_rejected([] { Distribution::uniform(1e308, 1.7e308); },  // (a + b) / 2 overflows
                  "its mean (inf), the central value, is not a finite number");
  expect_rejected([] { Distribution::triangular(1e308, 1.5e308, 1.7e308); },
                  "its mean (inf), the central value, is not a finite number");
  // A large but representable mean is fine: exp(3 + 10^2 / 2) = exp(53).
  EXPECT_NEAR(std::log(Distribution::lognormal(3, 10).mean()), 53.0, 1e-9);
}

TEST(DistributionValidation, QuantileOutsideTheUnitIntervalIsRejected) {
  expect_rejected([] { Distribution::uniform(0, 1).quantile(1.5); }, "u (1.5) is outside [0, 1]");
  expect_rejected([] { Distribution::uniform(0, 1).quantile(kNan); }, "u (nan) is outside [0, 1]");
}

TEST(DistributionValidation, DegenerateRangesAreAllowedAndFixed) {
  // min == max is a legitimate (if pointless) uncertain parameter: every draw is min.
  EXPECT_EQ(Distribution::uniform(2, 2).quantile(0.3), 2.0);
  EXPECT_EQ(Distribution::triangular(2, 2, 2).quantile(0.7), 2.0);
  EXPECT_EQ(Distribution::pert(2, 2, 2).quantile(0.7), 2.0);
  EXPECT_EQ(Distribution::pert(2, 2, 2).variance(), 0.0);
}

// --- describe(): the one-line text stored with results ---------------------------------

TEST(DistributionDescribe, NamesKindAndParameters) {
  EXPECT_EQ(Distribution::pert(1, 2, 4).describe(), "pert(min=1, mode=2, max=4, lambda=4)");
  EXPECT_EQ(Distribution::fixed(0.1).describe(), "fixed(value=0.1)");
  EXPECT_EQ(Distribution::uniform(-1, 2.5).describe(), "uniform(min=-1, max=2.5)");
  EXPECT_EQ(Distribution::triangular(1, 2, 4).describe(), "triangular(min=1, mode=2, max=4)");
  EXPECT_EQ(Distribution::normal(0.02, 0.01).describe(), "normal(mean=0.02, sd=0.01)");
  EXPECT_EQ(Distribution::normal(0.02, 0.01, 0).describe(), "normal(mean=0.02, sd=0.01, lower=0)");
  EXPECT_EQ(Distribution::normal(0, 1, -1, 2).describe(),
            "normal(mean=0, sd=1, lower=-1, upper=2)");
  EXPECT_EQ(Distribution::lognormal(1, 0.5).describe(), "lognormal(mu=1, sigma=0.5)");
  EXPECT_EQ(Distribution::lognormal(1, 0.5, 0, 9).describe(),
            "lognormal(mu=1, sigma=0.5, upper=9)");
  EXPECT_EQ(Distribution::beta(2, 5).describe(), "beta(alpha=2, beta=5)");
  EXPECT_EQ(Distribution::discrete({3, 1}, {1, 2}).describe(),
            "discrete(values=[1, 3], weights=[2, 1])");
  EXPECT_EQ(Distribution().describe(), "fixed(value=0)");
}

// Whole numbers as a scenario writes them, not in the shortest exact form (1e+05): the
// report's, workbook's and CSV's assumptions showed triangular(min=1e+05, ...) and
// national's allocation as fixed(value=6.91e+09). Fractions and numbers of 10^15 and more
// keep the shortest exact form; -0 is 0.
TEST(DistributionDescribe, WholeNumbersAreWrittenInFull) {
  EXPECT_EQ(Distribution::triangular(100000, 200000, 350000).describe(),
            "triangular(min=100000, mode=200000, max=350000)");
  EXPECT_EQ(Distribution::fixed(6910000000).describe(), "fixed(value=6910000000)");
  EXPECT_EQ(Distribution::discrete({0, 100000}, {1, 1}).describe(),
            "discrete(values=[0, 100000], weights=[1, 1])");
  EXPECT_EQ(Distribution::normal(5e5, 1.25e4, 1e5).describe(),
            "normal(mean=500000, sd=12500, lower=100000)");
  EXPECT_EQ(Distribution::fixed(0.035).describe(), "fixed(value=0.035)");
  EXPECT_EQ(Distribution::fixed(123456.5).describe(), "fixed(value=123456.5)");
  EXPECT_EQ(Distribution::fixed(1e20).describe(), "fixed(value=1e+20)");
  EXPECT_EQ(Distribution::fixed(-0.0).describe(), "fixed(value=0)");
  EXPECT_EQ(Distribution::fixed(-250000).describe(), "fixed(value=-250000)");
}

TEST(DistributionDescribe, KindAndFixedFlag) {
  EXPECT_TRUE(Distribution::fixed(2).is_fixed());
  EXPECT_FALSE(Distribution::uniform(1, 2).is_fixed());
  EXPECT_EQ(Distribution::beta(1, 2).kind(), DistributionKind::Beta);
  EXPECT_EQ(Distribution::lognormal_from_moments(3, 1).kind(), DistributionKind::Lognormal);
}

}  // namespace
}  // namespace pcsim::model
