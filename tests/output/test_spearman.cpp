// Spearman's rank correlation (output/spearman.hpp) against hand-computed cases.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "output/spearman.hpp"

namespace pcsim::output {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Ties share the average of the ranks they span: {10, 20, 20, 30} -> 20s span ranks 2 and
// 3, so both get 2.5; {3, 1, 3, 3} -> the 3s span ranks 2..4, so each gets 3.
TEST(AverageRanks, TiesGetTheAverageRank) {
  EXPECT_EQ(average_ranks(std::vector<double>{10, 20, 20, 30}),
            (std::vector<double>{1, 2.5, 2.5, 4}));
  EXPECT_EQ(average_ranks(std::vector<double>{3, 1, 3, 3}), (std::vector<double>{3, 1, 3, 3}));
  EXPECT_EQ(average_ranks(std::vector<double>{-1, 5, 2}), (std::vector<double>{1, 3, 2}));
  EXPECT_TRUE(average_ranks(std::vector<double>{}).empty());
}

// A NaN is refused, not ranked: it equals nothing, so the run of ties it starts never ended
// and the loop spun for ever (a run whose parameter drew NaN hung while writing).
TEST(AverageRanks, NaNIsRefused) {
  EXPECT_THROW(average_ranks(std::vector<double>{1, kNaN, 2}), std::invalid_argument);
  EXPECT_THROW(average_ranks(std::vector<double>{kNaN}), std::invalid_argument);
}

// Without ties rho = 1 - 6 sum d^2 / (n (n^2 - 1)). x = 1..5, y = {2, 1, 4, 3, 5}: the rank
// differences are {-1, 1, -1, 1, 0}, sum d^2 = 4, rho = 1 - 24 / 120 = 0.8.
TEST(Spearman, HandComputedWithoutTies) {
  const std::vector<double> x = {1, 2, 3, 4, 5};
  const std::vector<double> y = {2, 1, 4, 3, 5};
  EXPECT_NEAR(spearman(x, y), 0.8, 1e-15);
  EXPECT_NEAR(spearman(y, x), 0.8, 1e-15);
}

// With ties: x = {10, 20, 20, 30} has ranks {1, 2.5, 2.5, 4}, y = {1, 3, 2, 4} ranks
// {1, 3, 2, 4}; both have mean 2.5, so with deviations dx = {-1.5, 0, 0, 1.5} and
// dy = {-1.5, 0.5, -0.5, 1.5}: sxy = 4.5, sxx = 4.5, syy = 5, rho = 4.5 / sqrt(22.5)
// = sqrt(0.9).
TEST(Spearman, HandComputedWithTies) {
  const std::vector<double> x = {10, 20, 20, 30};
  const std::vector<double> y = {1, 3, 2, 4};
  EXPECT_NEAR(spearman(x, y), std::sqrt(0.9), 1e-15);
}

// Spearman sees only order: any increasing transform gives exactly 1, a decreasing one -1,
// however curved (here exp and 1/x of values spread over four orders of magnitude).
TEST(Spearman, PerfectlyMonotoneIsOne) {
  std::vector<double> x, up, down;
  for (int i = 0; i < 200; ++i) {
    const double v = std::pow(10.0, (i * 37 % 200) / 50.0);  // a permutation of 200 levels
    x.push_back(v);
    up.push_back(std::exp(v / 1000.0) + v * v * v);
    down.push_back(1.0 / v);
  }
  EXPECT_EQ(spearman(x, up), 1.0);
  EXPECT_EQ(spearman(x, down), -1.0);
}

// Pairs with a NaN on either side are left out before ranking: adding (NaN, 100) and
// (6, NaN) to the hand-computed case leaves rho at 0.8.
TEST(Spearman, NaNPairsAreLeftOut) {
  const std::vector<double> x = {1, 2, kNaN, 3, 4, 5, 6};
  const std::vector<double> y = {2, 1, 100, 4, 3, 5, kNaN};
  EXPECT_NEAR(spearman(x, y), 0.8, 1e-15);
}

// A constant series (an output that never varies) or fewer than two pairs has no
// correlation: NaN, not 0 or a division by zero.
TEST(Spearman, UndefinedCasesAreNaN) {
  EXPECT_TRUE(std::isnan(spearman(std::vector<double>{1, 2, 3}, std::vector<double>{7, 7, 7})));
  EXPECT_TRUE(std::isnan(spearman(std::vector<double>{1}, std::vector<double>{2})));
  EXPECT_TRUE(std::isnan(spearman(std::vector<double>{1, kNaN}, std::vector<double>{kNaN, 2})));
}

// Pearson's r on a hand case: x = {1, 2, 3}, y = {1, 3, 2}: deviations {-1, 0, 1} and
// {-1, 1, 0}, sxy = 1, sxx = 2, syy = 2, r = 1/2.
TEST(Pearson, HandComputed) {
  EXPECT_NEAR(pearson(std::vector<double>{1, 2, 3}, std::vector<double>{1, 3, 2}), 0.5, 1e-15);
}

// Centred once (how a run correlates one parameter's ranks with every output series): x =
// {1, 2, 3, 4} has mean 2.5, deviations {-1.5, -0.5, 0.5, 1.5}, squares 5; y = {2, 1, 4, 3}
// the same deviations reordered {-0.5, -1.5, 1.5, 0.5}, so sum dx dy = 0.75 + 0.75 + 0.75 +
// 0.75 = 3 and r = 3 / sqrt(5 * 5) = 3 / 5: every step exact in binary but the last
// division, which rounds to the double nearest 0.6, as the literal does.
TEST(Pearson, CentredSeriesHandComputed) {
  const CentredSeries x = centred(std::vector<double>{1, 2, 3, 4});
  const CentredSeries y = centred(std::vector<double>{2, 1, 4, 3});
  EXPECT_EQ(x.deviations, (std::vector<double>{-1.5, -0.5, 0.5, 1.5}));
  EXPECT_EQ(x.squares, 5.0);
  EXPECT_EQ(pearson(x, y), 0.6);
  EXPECT_TRUE(std::isnan(pearson(x, centred(std::vector<double>{7, 7, 7, 7}))));  // constant
  EXPECT_TRUE(
      std::isnan(pearson(centred(std::vector<double>{1}), centred(std::vector<double>{2}))));
  EXPECT_THROW(pearson(x, centred(std::vector<double>{1, 2})), std::invalid_argument);
}

}  // namespace
}  // namespace pcsim::output
