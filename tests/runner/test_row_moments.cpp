// RowMoments (runner/row_moments.hpp), the means and standard errors of the stochastic
// change by driver, against a two-pass calculation: a figure that is the same in every
// iteration has a standard error of exactly 0 (a one-pass sum of squares gave 0.04 on a
// constant £7.2m over 2,000 iterations), and a figure of millions that varies by pence has
// its spread to within 1e-6, where the one-pass sum lost it all; a figure undefined in
// one iteration (NaN) has an undefined mean and standard error, not a standard error of 0.
#include "runner/row_moments.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace pcsim::runner {
namespace {

// mean and sd / sqrt(n), two-pass.
std::pair<double, double> two_pass(const std::vector<double>& x) {
  double mean = 0;
  for (const double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  double squares = 0;
  for (const double v : x) squares += (v - mean) * (v - mean);
  const auto n = static_cast<double>(x.size());
  return {mean, std::sqrt(squares / (n - 1) / n)};
}

std::pair<double, double> by_rows(const std::vector<double>& x) {
  RowMoments m;
  for (const double v : x) m.add(std::span<const double>(&v, 1));
  std::vector<double> mean, se;
  m.finish(static_cast<double>(x.size()), mean, se);
  return {mean[0], se[0]};
}

TEST(RowMoments, AConstantHasNoSpread) {
  const std::vector<double> x(2000, 7'212'345.67);
  const auto [mean, se] = by_rows(x);
  EXPECT_NEAR(mean, 7'212'345.67, 1e-12 * 7'212'345.67);  // sum / n, as before
  EXPECT_EQ(se, 0.0);
}

TEST(RowMoments, MillionsThatVaryByPenceKeepTheirSpread) {
  std::vector<double> x;
  for (int i = 0; i < 2000; ++i) x.push_back(38'000'000.0 + 0.01 * (i % 7));
  const auto [want_mean, want_se] = two_pass(x);
  const auto [mean, se] = by_rows(x);
  EXPECT_NEAR(mean, want_mean, 1e-15 * want_mean);
  EXPECT_NEAR(se, want_se, 1e-6 * want_se);
}

TEST(RowMoments, OrdinaryFiguresAndTooFewIterations) {
  const std::vector<double> x = {1.0, 4.0, -2.5, 10.0, 3.25};
  const auto [want_mean, want_se] = two_pass(x);
  const auto [mean, se] = by_rows(x);
  EXPECT_DOUBLE_EQ(mean, want_mean);
  EXPECT_NEAR(se, want_se, 1e-14);
  EXPECT_TRUE(std::isnan(by_rows({5.0}).second));
  const double nan = std::nan("");
  const auto [nan_mean, nan_se] = by_rows({1.0, nan, 2.0});
  EXPECT_TRUE(std::isnan(nan_mean));
  EXPECT_TRUE(std::isnan(nan_se));
}

}  // namespace
}  // namespace pcsim::runner
