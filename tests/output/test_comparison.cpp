// The comparison of options (output/comparison.hpp) against hand-worked examples
// (comparison_example.hpp) and the closed form of the EVPI of a normal outcome.
#include "output/comparison.hpp"

#include <gtest/gtest.h>

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <numbers>

#include "comparison_example.hpp"

namespace pcsim::output {
namespace {

using namespace testing;
using model::Better;

const MetricComparison& metric_named(const std::vector<MetricComparison>& metrics,
                                     const std::string& name) {
  for (const auto& metric : metrics) {
    if (metric.name == name) return metric;
  }
  ADD_FAILURE() << "no comparison of " << name;
  static const MetricComparison none;
  return none;
}

OptionComparison invest_against_baseline() {
  const RunResults run = example_run();
  return compare_with_baseline(run.options[1], run.options[0], kExampleIterations, kExampleYears);
}

// Fact: the directions the issue states: NPV and capacity higher is better, overspend and
// the appointments gap lower; spending (investment) neither; an unknown name neither.
TEST(Comparison, DirectionsOfTheIssue) {
  EXPECT_EQ(better_direction("npv"), Better::Higher);
  EXPECT_EQ(better_direction("appointments_capacity"), Better::Higher);
  EXPECT_EQ(better_direction("overspend"), Better::Lower);
  EXPECT_EQ(better_direction("appointments_gap"), Better::Lower);
  EXPECT_EQ(better_direction("payback_year"), Better::Lower);
  EXPECT_EQ(better_direction("investment"), Better::Neither);
  EXPECT_EQ(better_direction("extra_only"), Better::Neither);
  EXPECT_EQ(better_label(Better::Lower), "lower");
}

// Fact: the paired difference is option - baseline in the same iteration and year:
// net_cost (90-100, 120-100), (200-200, 150-200), (310-300, 250-300), (350-400, 380-400).
// A metric the baseline lacks (extra_only) is left out; the order is the option's.
TEST(Comparison, PairedDifferenceIsOptionMinusBaselinePerIteration) {
  const OptionComparison invest = invest_against_baseline();
  ASSERT_EQ(invest.metrics.size(), 5u);
  EXPECT_EQ(invest.metrics[0].name, "net_cost");
  EXPECT_EQ(invest.metrics[4].name, "appointments_gap");
  EXPECT_EQ(invest.metrics[0].difference,
            (std::vector<double>{-10, 20, 0, -50, 10, -50, -50, -20}));
  EXPECT_EQ(metric_named(invest.scalars, "npv").difference, (std::vector<double>{0, -2e6, 5e6, 0}));
  EXPECT_EQ(invest.metrics[0].unit, "GBP");
}

// Fact: the summary of a difference column is statistics.hpp's. net_cost year 0:
// differences -10, 0, 10, -50: mean -50/4 = -12.5; deviations 2.5, 12.5, 22.5, -37.5,
// squares 6.25 + 156.25 + 506.25 + 1406.25 = 2075, sd = sqrt(2075 / 3); p50 of the sorted
// -50, -10, 0, 10 at h = 1.5: -10 + 0.5 (0 - -10) = -5.
TEST(Comparison, DifferenceSummaryByHand) {
  const OptionComparison invest = invest_against_baseline();
  const MetricComparison& net_cost = invest.metrics[0];
  ASSERT_EQ(net_cost.summary.size(), 2u);
  EXPECT_DOUBLE_EQ(net_cost.summary[0].values[0], -12.5);
  EXPECT_NEAR(net_cost.summary[0].values[1], std::sqrt(2075.0 / 3.0), 1e-9);
  EXPECT_DOUBLE_EQ(net_cost.summary[0].values[6], -5.0);
  // Year 1: 20, -50, -50, -20: mean -100/4 = -25.
  EXPECT_DOUBLE_EQ(net_cost.summary[1].values[0], -25.0);
}

// Fact: P(beats baseline) per year, direction respected, ties counting one half:
// net_cost (lower better) year 0: -10 win, 0 half, +10 loss, -50 win -> 2.5/4 = 0.625;
//   year 1: +20 loss, -50, -50, -20 wins -> 3/4;
// appointments_capacity (higher better): +100 win, 0 half, -100 loss, +200 win -> 0.625;
// overspend (lower better) year 0: 0 half, -1 win, -1 win, +1 loss -> 2.5/4;
//   year 1: 0 half, 0 half, -1 win, 0 half -> 2.5/4;
// appointments_gap (lower better): -40 everywhere -> 1; investment (neither) -> NaN.
TEST(Comparison, ProbabilityBeatsBaselineByHand) {
  const OptionComparison invest = invest_against_baseline();
  EXPECT_EQ(metric_named(invest.metrics, "net_cost").p_beats_baseline,
            (std::vector<double>{0.625, 0.75}));
  EXPECT_EQ(metric_named(invest.metrics, "appointments_capacity").p_beats_baseline,
            (std::vector<double>{0.625, 0.625}));
  EXPECT_EQ(metric_named(invest.metrics, "overspend").p_beats_baseline,
            (std::vector<double>{0.625, 0.625}));
  EXPECT_EQ(metric_named(invest.metrics, "appointments_gap").p_beats_baseline,
            (std::vector<double>{1.0, 1.0}));
  const auto& investment = metric_named(invest.metrics, "investment").p_beats_baseline;
  ASSERT_EQ(investment.size(), 2u);
  EXPECT_TRUE(std::isnan(investment[0]) && std::isnan(investment[1]));
  // npv (higher better): 0 half, -2 loss, +5 win, 0 half -> 2/4.
  EXPECT_EQ(metric_named(invest.scalars, "npv").p_beats_baseline, (std::vector<double>{0.5}));
}

// Fact: the same differences give complementary answers in the two directions, ties
// half in both: {-1, -1, 0, +1} lower-better (1 + 1 + 0.5 + 0)/4 = 0.625, higher-better
// (0 + 0 + 0.5 + 1)/4 = 0.375; neither gives no probability.
TEST(Comparison, DirectionDecidesWhichSideWins) {
  const std::vector<double> d = {-1, -1, 0, 1};
  EXPECT_DOUBLE_EQ(probability_beats(d, 0, 1, 4, Better::Lower), 0.625);
  EXPECT_DOUBLE_EQ(probability_beats(d, 0, 1, 4, Better::Higher), 0.375);
  EXPECT_TRUE(std::isnan(probability_beats(d, 0, 1, 4, Better::Neither)));
  // Strided: column 1 of [[5, -1], [5, 2]] is {-1, 2}: lower-better wins once -> 1/2.
  EXPECT_DOUBLE_EQ(probability_beats(std::vector<double>{5, -1, 5, 2}, 1, 2, 2, Better::Lower),
                   0.5);
}

// Fact: iterations where either side is NaN are left out of P(beats) and counted in the
// summary's n_nan: payback_year differences NaN, 4-5 = -1, 6-5 = +1, NaN (lower better)
// -> 1 win of 2 defined = 0.5, n_nan 2, mean 0. All NaN gives NaN.
TEST(Comparison, NanDifferencesAreLeftOut) {
  const OptionComparison invest = invest_against_baseline();
  const MetricComparison& payback = metric_named(invest.scalars, "payback_year");
  EXPECT_EQ(payback.p_beats_baseline, (std::vector<double>{0.5}));
  ASSERT_EQ(payback.summary.size(), 1u);
  EXPECT_EQ(payback.summary[0].n_nan, 2);
  EXPECT_DOUBLE_EQ(payback.summary[0].values[0], 0.0);
  const std::vector<double> none = {kExampleNaN, kExampleNaN};
  EXPECT_TRUE(std::isnan(probability_beats(none, 0, 1, 2, Better::Higher)));
}

// Fact: an option identical to the baseline (defer's metrics) ties everywhere, so it
// beats the baseline with probability one half on every directed metric.
TEST(Comparison, IdenticalOptionTiesEverywhere) {
  const RunResults run = example_run();
  const OptionComparison defer =
      compare_with_baseline(run.options[2], run.options[0], kExampleIterations, kExampleYears);
  EXPECT_EQ(metric_named(defer.metrics, "net_cost").p_beats_baseline,
            (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(metric_named(defer.metrics, "overspend").difference, std::vector<double>(8, 0.0));
}

// Fact: the overview of the 3-option example. NPVs £m per iteration (baseline, invest,
// defer): i0 (1, 1, 0) best baseline and invest, 1/2 each; i1 (5, 3, 5) baseline and defer,
// 1/2 each; i2 (2, 7, 1) invest; i3 (0, 0, 0) a three-way tie, 1/3 each. P(best) =
// baseline (1/2 + 1/2 + 1/3)/4 = 1/3, invest (1/2 + 1 + 1/3)/4 = 11/24, defer
// (1/2 + 1/3)/4 = 5/24, summing to 1. E[NPV] = 8/4 = 2, 11/4 = 2.75, 6/4 = 1.5 (£m).
// EVPI = mean of the maxima (1 + 5 + 7 + 0)/4 = 3.25 less the best mean 2.75 = £0.5m.
// Overspend in any year: baseline iterations 1 and 2 of 4 = 0.5; invest iteration 3 only
// = 0.25; defer as the baseline. Last-year gap means: (50+60+70+80)/4 = 65, 25, 65.
TEST(Comparison, OverviewByHand) {
  const OptionsOverview overview = overview_of_options(example_run());
  EXPECT_EQ(overview.names, (std::vector<std::string>{"baseline", "invest", "defer"}));
  ASSERT_EQ(overview.p_best_npv.size(), 3u);
  EXPECT_NEAR(overview.p_best_npv[0], 1.0 / 3.0, 1e-15);
  EXPECT_NEAR(overview.p_best_npv[1], 11.0 / 24.0, 1e-15);
  EXPECT_NEAR(overview.p_best_npv[2], 5.0 / 24.0, 1e-15);
  EXPECT_NEAR(overview.p_best_npv[0] + overview.p_best_npv[1] + overview.p_best_npv[2], 1.0, 1e-15);
  EXPECT_EQ(overview.expected_npv, (std::vector<double>{2e6, 2.75e6, 1.5e6}));
  EXPECT_DOUBLE_EQ(overview.evpi, 0.5e6);
  EXPECT_EQ(overview.p_overspend_any_year, (std::vector<double>{0.5, 0.25, 0.5}));
  EXPECT_EQ(overview.expected_gap_last_year, (std::vector<double>{65, 25, 65}));
}

// A run of two options holding only NPVs.
RunResults npv_run(std::vector<double> a, std::vector<double> b) {
  RunResults run;
  run.iterations = static_cast<std::int64_t>(a.size());
  run.options.resize(2);
  run.options[0].name = "A";
  run.options[1].name = "B";
  run.options[0].scalars = {std::move(a)};
  run.options[1].scalars = {std::move(b)};
  for (auto& option : run.options) option.scalar_names = {"npv"};
  return run;
}

// Fact: the discrete case of the issue: iterations {A 10, B 0} and {A 0, B 20}. Knowing the
// outcome, one picks A then B: E[max] = (10 + 20)/2 = 15; choosing now, the best mean is
// B's 10 (A's is 5): EVPI = 15 - 10 = 5. Each option is best once: P(best) 1/2 each.
TEST(Comparison, EvpiDiscreteCaseByHand) {
  const OptionsOverview overview = overview_of_options(npv_run({10, 0}, {0, 20}));
  EXPECT_DOUBLE_EQ(overview.evpi, 5.0);
  EXPECT_EQ(overview.p_best_npv, (std::vector<double>{0.5, 0.5}));
  EXPECT_EQ(overview.expected_npv, (std::vector<double>{5, 10}));
}

// NPV of B on a stratified grid: mu + sigma z_k, z_k = Phi^-1((k + 0.5)/n), k < n, a
// deterministic sample whose moments match Normal(mu, sigma) up to the quadrature error of
// the grid (from the two tail cells: E[max(0, X)] comes out 7e-7 sigma low at n = 100,000).
std::vector<double> normal_grid(double mu, double sigma, std::size_t n) {
  const boost::math::normal standard;
  std::vector<double> values(n);
  for (std::size_t k = 0; k < n; ++k) {
    values[k] = mu + sigma * boost::math::quantile(
                                 standard, (static_cast<double>(k) + 0.5) / static_cast<double>(n));
  }
  return values;
}

constexpr std::size_t kGridSize = 100'000;
constexpr double kSigma = 1e6;  // £1m
// 1e-4 sigma: over 100 times the grid's quadrature error, far below the effects checked.
constexpr double kGridTolerance = 1e-4 * kSigma;

// Fact: NPV_A = 0 and NPV_B ~ Normal(0, sigma): E[NPV] is 0 for both, so
// EVPI = E[max(0, X)] - 0 = sigma / sqrt(2 pi) (the mean of a half-normal's positive
// half); each option is best half the time (no grid point is exactly 0).
TEST(Comparison, EvpiClosedFormNormalAgainstZero) {
  const OptionsOverview overview = overview_of_options(
      npv_run(std::vector<double>(kGridSize, 0.0), normal_grid(0, kSigma, kGridSize)));
  const double expected = kSigma / std::sqrt(2.0 * std::numbers::pi);  // £398,942
  EXPECT_NEAR(overview.evpi, expected, kGridTolerance);
  EXPECT_DOUBLE_EQ(overview.p_best_npv[0], 0.5);
  EXPECT_DOUBLE_EQ(overview.p_best_npv[1], 0.5);
}

// Fact: with NPV_B ~ Normal(mu, sigma), mu = sigma / 2 > 0, B is chosen without more
// information (E = mu > 0), and E[max(0, X)] = mu Phi(d) + sigma phi(d), d = mu / sigma, so
// EVPI = sigma phi(d) - mu (1 - Phi(d)) = sigma (0.35207 - 0.5 x 0.30854) = 0.19780 sigma:
// the max over the options' means is subtracted, not the mean of either one. P(B best) =
// P(X > 0) = Phi(d) = 0.69146, within one grid cell (1/n).
TEST(Comparison, EvpiClosedFormShiftedNormal) {
  const double mu = 0.5 * kSigma;
  const OptionsOverview overview = overview_of_options(
      npv_run(std::vector<double>(kGridSize, 0.0), normal_grid(mu, kSigma, kGridSize)));
  const boost::math::normal standard;
  const double d = mu / kSigma;
  const double expected =
      kSigma * boost::math::pdf(standard, d) - mu * boost::math::cdf(standard, -d);
  EXPECT_NEAR(overview.evpi, expected, kGridTolerance);
  EXPECT_NEAR(overview.p_best_npv[1], boost::math::cdf(standard, d), 2.0 / kGridSize);
  EXPECT_NEAR(overview.expected_npv[1], mu, kGridTolerance);
}

// Fact: P(best) and the EVPI use only the iterations in which every option has an NPV:
// A {1, NaN}, B {0, 5} -> only iteration 0 counts: A best, EVPI = 1 - 1 = 0; E[NPV] of
// each option is over its own defined values (A 1, B 2.5). An option without npv, or
// without overspend or appointments_gap, gives NaN there.
TEST(Comparison, MissingValuesAndMetrics) {
  const OptionsOverview partial = overview_of_options(npv_run({1, kExampleNaN}, {0, 5}));
  EXPECT_EQ(partial.p_best_npv, (std::vector<double>{1.0, 0.0}));
  EXPECT_DOUBLE_EQ(partial.evpi, 0.0);
  EXPECT_EQ(partial.expected_npv, (std::vector<double>{1.0, 2.5}));
  EXPECT_TRUE(std::isnan(partial.p_overspend_any_year[0]));
  EXPECT_TRUE(std::isnan(partial.expected_gap_last_year[1]));

  RunResults no_npv = npv_run({1, 2}, {3, 4});
  no_npv.options[1].scalar_names = {"payback_year"};
  const OptionsOverview missing = overview_of_options(no_npv);
  EXPECT_TRUE(std::isnan(missing.evpi));
  EXPECT_TRUE(std::isnan(missing.p_best_npv[0]) && std::isnan(missing.p_best_npv[1]));
  EXPECT_DOUBLE_EQ(missing.expected_npv[0], 1.5);
  EXPECT_TRUE(std::isnan(missing.expected_npv[1]));
}

}  // namespace
}  // namespace pcsim::output
