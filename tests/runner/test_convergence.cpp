// The --until-se criterion (runner/convergence.hpp): parsing METRIC[@YEAR]:REL, resolving
// the year against a run's labels, and the relative standard error of a mean.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "runner/convergence.hpp"
#include "runner/usage_error.hpp"

namespace pcsim::runner {
namespace {

const std::vector<std::string> kYears = {"2017/18", "2018/19", "2019/20"};

// Fact: the three documented forms parse into metric, year and REL.
TEST(ConvergenceTarget, ParsesScalarsAndYears) {
  const auto npv = parse_convergence_target("npv:0.01");
  EXPECT_EQ(npv.metric, "npv");
  EXPECT_EQ(npv.year, "");
  EXPECT_DOUBLE_EQ(npv.rel_se, 0.01);
  const auto cost = parse_convergence_target("net_cost@2020/21:0.02");
  EXPECT_EQ(cost.metric, "net_cost");
  EXPECT_EQ(cost.year, "2020/21");
  EXPECT_DOUBLE_EQ(cost.rel_se, 0.02);
  EXPECT_DOUBLE_EQ(parse_convergence_target("roi:1e-3").rel_se, 0.001);
}

// Fact: every malformed criterion is a usage error, not a silent default.
TEST(ConvergenceTarget, RejectsMalformedCriteria) {
  for (const char* bad :
       {"npv", "npv:", "npv:0", "npv:-0.1", "npv:abc", "npv:0.1x", "npv:inf", "npv:nan",
        "no_such_metric:0.1", "npv@2019/20:0.1", "net_cost@:0.1", ":0.1"}) {
    EXPECT_THROW(parse_convergence_target(bad), UsageError) << bad;
  }
}

// Fact: a per-year metric defaults to the last year and names it; a scalar has no year;
// a year the run lacks is a usage error.
TEST(ConvergenceRule, ResolvesTheYear) {
  EXPECT_EQ(ConvergenceRule(parse_convergence_target("net_cost:0.1"), kYears).label(),
            "net_cost@2019/20");
  EXPECT_EQ(ConvergenceRule(parse_convergence_target("net_cost@2018/19:0.1"), kYears).label(),
            "net_cost@2018/19");
  EXPECT_EQ(ConvergenceRule(parse_convergence_target("npv:0.1"), kYears).label(), "npv");
  EXPECT_THROW(ConvergenceRule(parse_convergence_target("net_cost@2031/32:0.1"), kYears),
               UsageError);
}

// Fact (hand arithmetic): x = 1, 2, 3, 4: mean 2.5, sum of squares 2.25 + 0.25 + 0.25 +
// 2.25 = 5, sd = sqrt(5/3) = 1.2909944, se = sd / 2 = 0.6454972, rel = se / 2.5 = 0.2581989.
// A NaN is left out, as in the summaries.
TEST(RelativeStandardError, HandComputedCase) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> x = {1, 2, nan, 3, 4};
  EXPECT_NEAR(relative_standard_error(x, 0, 1, x.size()), std::sqrt(5.0 / 3.0) / 2 / 2.5, 1e-15);
  // Strided: column 1 of a 4 x 2 row-major array [[9, 1], [9, 2], [9, 3], [9, 4]].
  const std::vector<double> rows = {9, 1, 9, 2, 9, 3, 9, 4};
  EXPECT_NEAR(relative_standard_error(rows, 1, 2, 4), 0.2581988897471611, 1e-15);
  // A negative mean uses |mean|: -1, -2, -3, -4 gives the same 0.2581989.
  const std::vector<double> negative = {-1, -2, -3, -4};
  EXPECT_NEAR(relative_standard_error(negative, 0, 1, 4), 0.2581988897471611, 1e-15);
}

// Fact: undefined cases are never "below the target": one value (no sd) and mean 0 with
// sd 0 give NaN; mean 0 with spread gives +infinity.
TEST(RelativeStandardError, UndefinedCasesNeverMeetATarget) {
  const std::vector<double> one = {5};
  const std::vector<double> zeros = {0, 0, 0};
  const std::vector<double> balanced = {-1, 1};
  EXPECT_TRUE(std::isnan(relative_standard_error(one, 0, 1, 1)));
  EXPECT_TRUE(std::isnan(relative_standard_error(zeros, 0, 1, 3)));
  EXPECT_TRUE(std::isinf(relative_standard_error(balanced, 0, 1, 2)));
  const ConvergenceRule rule(parse_convergence_target("npv:0.5"), kYears);
  EXPECT_FALSE(rule.met(std::nan("")));
  EXPECT_FALSE(rule.met(std::numeric_limits<double>::infinity()));
  EXPECT_TRUE(rule.met(0.49));
  EXPECT_FALSE(rule.met(0.5));  // strictly below
}

}  // namespace
}  // namespace pcsim::runner
