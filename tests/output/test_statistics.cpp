// Summary statistics against hand calculations (mean, sample sd, standard error, type 7
// percentiles) and the treatment of NaN.
#include "output/statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace pcsim::output {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

double stat(const ColumnSummary& s, std::string_view name) {
  for (std::size_t i = 0; i < kStatisticCount; ++i) {
    if (kStatisticNames[i] == name) return s.values[i];
  }
  ADD_FAILURE() << "no statistic " << name;
  return kMissing;
}

// Fact: for 1..10, mean = 55 / 10 = 5.5; sum of squared deviations = 2 (0.5^2 + 1.5^2 +
// 2.5^2 + 3.5^2 + 4.5^2) = 82.5, sd = sqrt(82.5 / 9) = 3.0276504; se = sd / sqrt(10) =
// 0.9574271. Type 7: h = 9 q / 100; p5: h = 0.45 -> 1.45; p10: h = 0.9 -> 1.9;
// p25: h = 2.25 -> 3 + 0.25 = 3.25; p50: h = 4.5 -> 5.5; p75: h = 6.75 -> 7.75;
// p90: h = 8.1 -> 9.1; p95: h = 8.55 -> 9.55.
TEST(Statistics, OneToTenMatchesHandCalculation) {
  std::vector<double> values;
  for (int i = 1; i <= 10; ++i) values.push_back(i);
  const ColumnSummary s = summarise(values);
  EXPECT_EQ(s.n, 10);
  EXPECT_EQ(s.n_nan, 0);
  EXPECT_DOUBLE_EQ(stat(s, "mean"), 5.5);
  EXPECT_NEAR(stat(s, "sd"), 3.0276504, 1e-7);
  EXPECT_NEAR(stat(s, "se"), 0.9574271, 1e-7);
  EXPECT_NEAR(stat(s, "p5"), 1.45, 1e-12);
  EXPECT_NEAR(stat(s, "p10"), 1.9, 1e-12);
  EXPECT_NEAR(stat(s, "p25"), 3.25, 1e-12);
  EXPECT_NEAR(stat(s, "p50"), 5.5, 1e-12);
  EXPECT_NEAR(stat(s, "p75"), 7.75, 1e-12);
  EXPECT_NEAR(stat(s, "p90"), 9.1, 1e-12);
  EXPECT_NEAR(stat(s, "p95"), 9.55, 1e-12);
}

// Fact: a parameter fixed at 0.035 is stored as one column of equal draws, and the mean of
// n equal values is that value: exactly 0.035 for 2,000 of them (summed directly, as
// before, 2,000 x 0.035 / 2,000 gives 0.03499999999999821, which a workbook showed as
// 0.03), with sd 0 and every percentile 0.035. The same for a large amount and for 0.
TEST(Statistics, ConstantColumnHasExactlyItsValueAsMean) {
  for (const double value : {0.035, 55400000.0, 0.0, -0.01, 6.72}) {
    const std::vector<double> values(2000, value);
    const ColumnSummary s = summarise(values);
    EXPECT_EQ(stat(s, "mean"), value) << value;
    EXPECT_EQ(stat(s, "sd"), 0.0) << value;
    EXPECT_EQ(stat(s, "p10"), value) << value;
    EXPECT_EQ(stat(s, "p90"), value) << value;
  }
  double direct = 0;
  for (int i = 0; i < 2000; ++i) direct += 0.035;
  EXPECT_NE(direct / 2000, 0.035);  // what the test guards against
}

// Fact: the mean by deviations from the first value is still the mean: {3, 1, 2, 10}
// gives 16 / 4 = 4 whichever value comes first.
TEST(Statistics, MeanByDeviationsFromTheFirst) {
  EXPECT_EQ(stat(summarise(std::vector<double>{3, 1, 2, 10}), "mean"), 4.0);
  EXPECT_EQ(stat(summarise(std::vector<double>{10, 3, 1, 2}), "mean"), 4.0);
  EXPECT_EQ(stat(summarise(std::vector<double>{kMissing, 10, 3, 1, 2}), "mean"), 4.0);
}

// Fact: order of the input does not matter, percentiles interpolate between order
// statistics: {4, 1, 3, 2} sorts to 1, 2, 3, 4; p25: h = 3 x 0.25 = 0.75 -> 1.75;
// p90: h = 2.7 -> 3 + 0.7 = 3.7; p50: h = 1.5 -> 2.5.
TEST(Statistics, PercentilesInterpolateBetweenOrderStatistics) {
  const std::vector<double> values = {4, 1, 3, 2};
  const ColumnSummary s = summarise(values);
  EXPECT_NEAR(stat(s, "p25"), 1.75, 1e-12);
  EXPECT_NEAR(stat(s, "p50"), 2.5, 1e-12);
  EXPECT_NEAR(stat(s, "p90"), 3.7, 1e-12);
}

// Fact: percentile_of_sorted at 0 and 100 gives the extremes; an empty list gives NaN.
TEST(Statistics, PercentileEndsAndEmptyList) {
  const std::vector<double> sorted = {-2, 0, 7};
  EXPECT_DOUBLE_EQ(percentile_of_sorted(sorted, 0), -2);
  EXPECT_DOUBLE_EQ(percentile_of_sorted(sorted, 100), 7);
  EXPECT_TRUE(std::isnan(percentile_of_sorted({}, 50)));
}

// Fact: NaNs are left out and counted. {NaN, 2, NaN, 4}: n = 2, n_nan = 2, mean 3,
// sd = sqrt(((2-3)^2 + (4-3)^2) / 1) = sqrt(2), se = sqrt(2) / sqrt(2) = 1, p50 = 3,
// p10: h = 0.1 -> 2.2.
TEST(Statistics, NaNsAreLeftOutAndCounted) {
  const std::vector<double> values = {kMissing, 2, kMissing, 4};
  const ColumnSummary s = summarise(values);
  EXPECT_EQ(s.n, 2);
  EXPECT_EQ(s.n_nan, 2);
  EXPECT_DOUBLE_EQ(stat(s, "mean"), 3);
  EXPECT_NEAR(stat(s, "sd"), std::sqrt(2.0), 1e-12);
  EXPECT_NEAR(stat(s, "se"), 1.0, 1e-12);
  EXPECT_NEAR(stat(s, "p50"), 3.0, 1e-12);
  EXPECT_NEAR(stat(s, "p10"), 2.2, 1e-12);
}

// Fact: with no non-NaN value every statistic is undefined (NaN), and all are counted.
TEST(Statistics, AllNaNGivesNaNEverywhere) {
  const std::vector<double> values = {kMissing, kMissing, kMissing};
  const ColumnSummary s = summarise(values);
  EXPECT_EQ(s.n, 0);
  EXPECT_EQ(s.n_nan, 3);
  for (const double v : s.values) EXPECT_TRUE(std::isnan(v));
}

// Fact: an empty column has n = 0, n_nan = 0 and NaN statistics.
TEST(Statistics, EmptyColumnGivesNaN) {
  const ColumnSummary s = summarise({});
  EXPECT_EQ(s.n, 0);
  EXPECT_EQ(s.n_nan, 0);
  for (const double v : s.values) EXPECT_TRUE(std::isnan(v));
}

// Fact: one value has a mean and percentiles equal to it, but no sample spread (n - 1 = 0).
TEST(Statistics, SingleValueHasNoSpread) {
  const std::vector<double> values = {42};
  const ColumnSummary s = summarise(values);
  EXPECT_DOUBLE_EQ(stat(s, "mean"), 42);
  EXPECT_TRUE(std::isnan(stat(s, "sd")));
  EXPECT_TRUE(std::isnan(stat(s, "se")));
  EXPECT_DOUBLE_EQ(stat(s, "p5"), 42);
  EXPECT_DOUBLE_EQ(stat(s, "p95"), 42);
}

// Fact: the strided form reads one column of a row-major array. In the 3 x 2 array
// {1, 10, 2, 20, 3, 30} the second column is 10, 20, 30: mean 20, sd 10, p50 20.
TEST(Statistics, StridedColumnReadsOneColumn) {
  const std::vector<double> table = {1, 10, 2, 20, 3, 30};
  const ColumnSummary s = summarise_strided(table, 1, 2, 3);
  EXPECT_EQ(s.n, 3);
  EXPECT_DOUBLE_EQ(stat(s, "mean"), 20);
  EXPECT_NEAR(stat(s, "sd"), 10, 1e-12);
  EXPECT_DOUBLE_EQ(stat(s, "p50"), 20);
  EXPECT_THROW(summarise_strided(table, 1, 2, 4), std::out_of_range);
}

// Fact: each "pN" name sits at the column of percentile level N, and the names are unique.
TEST(Statistics, NamesMatchPercentileLevels) {
  for (std::size_t i = 0; i < kPercentileLevels.size(); ++i) {
    std::string expected = "p";
    expected += std::to_string(static_cast<int>(kPercentileLevels[i]));
    EXPECT_EQ(kStatisticNames[kFirstPercentileColumn + i], expected);
  }
  EXPECT_EQ(kFirstPercentileColumn + kPercentileLevels.size(), kStatisticCount);
  EXPECT_EQ(kStatisticNames[0], "mean");
  EXPECT_EQ(kStatisticNames[1], "sd");
  EXPECT_EQ(kStatisticNames[2], "se");
}

}  // namespace
}  // namespace pcsim::output
