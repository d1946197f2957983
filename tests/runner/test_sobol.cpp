// Sobol indices (runner/sobol.hpp): the Saltelli design and Jansen's estimators, checked
// against the closed-form indices of the Ishigami function and of a linear model.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <vector>

#include "runner/sobol.hpp"

namespace pcsim::runner {
namespace {

constexpr double kPi = std::numbers::pi;

// Evaluates `f` (on the uniforms of one point) at every point of the design, in the layout
// sobol_indices expects: values[matrix * rows + row].
std::vector<double> evaluate(const SaltelliDesign& design,
                             const std::function<double(const std::vector<double>&)>& f) {
  std::vector<double> values(design.matrices() * design.rows());
  std::vector<double> u(design.inputs());
  for (std::size_t m = 0; m < design.matrices(); ++m) {
    for (std::size_t j = 0; j < design.rows(); ++j) {
      design.point(m, j, u);
      values[m * design.rows() + j] = f(u);
    }
  }
  return values;
}

// A_B^(i) is A with column i from B, and nothing else (Saltelli 2010, section 2): row j of
// A_B^(1) agrees with A's row j except in input 1, which equals B's. Every uniform lies in
// (0, 1) and the same (seed, row, name) gives the same design.
TEST(SaltelliDesign, MixedMatricesTakeOneColumnFromB) {
  const std::vector<std::string> names = {"x1", "x2", "x3"};
  const SaltelliDesign design(99, 16, names);
  ASSERT_EQ(design.matrices(), 5u);
  std::vector<double> a(3), b(3), mixed(3);
  for (std::size_t j = 0; j < design.rows(); ++j) {
    design.point(kMatrixA, j, a);
    design.point(kMatrixB, j, b);
    design.point(kFirstMixed + 1, j, mixed);
    EXPECT_EQ(mixed[0], a[0]);
    EXPECT_EQ(mixed[1], b[1]);
    EXPECT_EQ(mixed[2], a[2]);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_GT(a[i], 0.0);
      EXPECT_LT(a[i], 1.0);
      EXPECT_NE(a[i], b[i]);  // independent streams (equal with probability 2^-32)
    }
  }
  // Keyed by name: the same input listed in another order keeps its column.
  const SaltelliDesign reordered(99, 16, {"x3", "x1", "x2"});
  std::vector<double> r(3);
  reordered.point(kMatrixA, 7, r);
  design.point(kMatrixA, 7, a);
  EXPECT_EQ(r[1], a[0]);
  EXPECT_EQ(r[0], a[2]);
}

// The Ishigami function f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x ~ U(-pi, pi)^3, a = 7,
// b = 0.1, has known indices (Ishigami and Homma 1990; Saltelli et al. 2010):
//   V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2,  V1 = (1 + b pi^4/5)^2 / 2,  V2 = a^2/8,
//   V3 = 0,  V13 = b^2 pi^8 (1/18 - 1/50);
//   S1 = V1/V ~ 0.3139, S2 = V2/V ~ 0.4424, S3 = 0,
//   ST1 = (V1 + V13)/V ~ 0.5576, ST2 = S2, ST3 = V13/V ~ 0.2437.
// With N = 2^14 rows every estimate lies within 0.03 of its exact value, and the 95 %
// bootstrap interval covers it. (The seed is fixed, so the test is deterministic. For an
// arbitrary seed each interval misses with probability about 5 %, and the estimates'
// standard errors are about 0.01: over 40 other seeds 15 of 240 intervals missed and no
// estimate was off by more than 0.028.)
TEST(SobolIndices, IshigamiMatchesClosedForm) {
  const double a = 7.0, b = 0.1;
  const double pi4 = std::pow(kPi, 4), pi8 = std::pow(kPi, 8);
  const double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
  const double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5);
  const double v2 = a * a / 8;
  const double v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
  const std::vector<double> exact_first = {v1 / v, v2 / v, 0.0};
  const std::vector<double> exact_total = {(v1 + v13) / v, v2 / v, v13 / v};
  // Sanity check of the closed forms against the published rounded values.
  EXPECT_NEAR(exact_first[0], 0.3139, 1e-4);
  EXPECT_NEAR(exact_first[1], 0.4424, 1e-4);
  EXPECT_NEAR(exact_total[0], 0.5576, 1e-4);
  EXPECT_NEAR(exact_total[2], 0.2437, 1e-4);

  const SaltelliDesign design(20240601, 1u << 14, {"x1", "x2", "x3"});
  const auto values = evaluate(design, [&](const std::vector<double>& u) {
    const double x1 = -kPi + 2 * kPi * u[0];
    const double x2 = -kPi + 2 * kPi * u[1];
    const double x3 = -kPi + 2 * kPi * u[2];
    return std::sin(x1) + a * std::sin(x2) * std::sin(x2) + b * std::pow(x3, 4) * std::sin(x1);
  });
  const SobolEstimate estimate = sobol_indices(values, design.rows(), 3, 200, 7);
  ASSERT_EQ(estimate.indices.size(), 3u);
  EXPECT_EQ(estimate.rows_used, design.rows());
  EXPECT_NEAR(estimate.variance, v, 0.03 * v);
  for (std::size_t i = 0; i < 3; ++i) {
    const SobolIndex& s = estimate.indices[i];
    EXPECT_NEAR(s.first_order, exact_first[i], 0.03) << "S" << i + 1;
    EXPECT_NEAR(s.total, exact_total[i], 0.03) << "ST" << i + 1;
    EXPECT_LE(s.first_order_low, exact_first[i]) << "S" << i + 1;
    EXPECT_GE(s.first_order_high, exact_first[i]) << "S" << i + 1;
    EXPECT_LE(s.total_low, exact_total[i]) << "ST" << i + 1;
    EXPECT_GE(s.total_high, exact_total[i]) << "ST" << i + 1;
  }
}

// A linear model f = 1 x1 + 2 x2 + 0 x3 of independent U(0, 1) inputs is additive, so
// S_i = ST_i = c_i^2 / sum c^2 = {1/5, 4/5, 0}; x3 does nothing, and Jansen's total index
// of an input that never changes f is exactly 0 (every difference f(A) - f(A_B^(3)) is 0).
// Tolerance: the standard error of S_x1 is about sd(4 d^2) / sqrt(N) / 2V with d the
// difference of two uniforms: sqrt(16 (1/15 - 1/36)) / 128 / (10/12) = 0.0074 at N = 2^14,
// so 0.03 is 4 standard errors.
TEST(SobolIndices, LinearModelSharesVarianceByCoefficientSquared) {
  const SaltelliDesign design(5, 1u << 14, {"x1", "x2", "x3"});
  const auto values =
      evaluate(design, [](const std::vector<double>& u) { return u[0] + 2 * u[1] + 0 * u[2]; });
  const SobolEstimate estimate = sobol_indices(values, design.rows(), 3, 100, 11);
  const std::vector<double> exact = {0.2, 0.8, 0.0};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(estimate.indices[i].first_order, exact[i], 0.03);
    EXPECT_NEAR(estimate.indices[i].total, exact[i], 0.03);
  }
  EXPECT_EQ(estimate.indices[2].total, 0.0);
  // Var(x1 + 2 x2) = (1 + 4) / 12.
  EXPECT_NEAR(estimate.variance, 5.0 / 12.0, 0.03 * 5.0 / 12.0);
}

// An output that never varies has no variance to share: every index and interval is NaN,
// not a division by zero passed off as a number.
TEST(SobolIndices, ConstantOutputGivesNaN) {
  const SaltelliDesign design(5, 64, {"x1", "x2"});
  const auto values = evaluate(design, [](const std::vector<double>&) { return 3.0; });
  const SobolEstimate estimate = sobol_indices(values, design.rows(), 2, 20, 1);
  EXPECT_EQ(estimate.variance, 0.0);
  for (const SobolIndex& s : estimate.indices) {
    EXPECT_TRUE(std::isnan(s.first_order));
    EXPECT_TRUE(std::isnan(s.total));
    EXPECT_TRUE(std::isnan(s.first_order_low));
    EXPECT_TRUE(std::isnan(s.total_high));
  }
}

// An output whose spread is only rounding (a constant of 127.36 moved in its last bits,
// as a model output no uncertain parameter reaches yet) has no variance to share either:
// its indices are NaN, not S1 = 1 of the noise. A real spread of a millionth is kept.
TEST(SobolIndices, RoundingNoiseIsNoVariance) {
  const SaltelliDesign design(5, 64, {"x1", "x2"});
  const auto noisy = evaluate(design, [](const std::vector<double>& x) {
    return 127.36 + 1e-13 * x[0];  // a spread of about 3e-14: 2e-16 of the value
  });
  const SobolEstimate noise = sobol_indices(noisy, design.rows(), 2, 20, 1);
  EXPECT_GT(noise.variance, 0.0);
  for (const SobolIndex& s : noise.indices) {
    EXPECT_TRUE(std::isnan(s.first_order));
    EXPECT_TRUE(std::isnan(s.total));
  }
  // The same spread without the offset gives the same indices (to the digits the offset
  // costs): the threshold leaves a real spread alone.
  const auto small =
      evaluate(design, [](const std::vector<double>& x) { return 127.36 + 1e-4 * x[0]; });
  const auto bare = evaluate(design, [](const std::vector<double>& x) { return 1e-4 * x[0]; });
  const SobolEstimate real = sobol_indices(small, design.rows(), 2, 20, 1);
  const SobolEstimate alone = sobol_indices(bare, design.rows(), 2, 20, 1);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_NEAR(real.indices[i].first_order, alone.indices[i].first_order, 1e-6);
    EXPECT_NEAR(real.indices[i].total, alone.indices[i].total, 1e-6);
  }
  EXPECT_FALSE(std::isnan(real.indices[0].total));
}

// A row with any undefined value is left out whole; the rest are used as they are. Here
// f = x1 is NaN when x2 > 0.75 (in some matrix of that row); on the rows kept f = x1, so
// S_x1 = 1 exactly (f(B) = f(A_B^(x1)) in every row), ST_x1 ~ 1 and ST_x2 = 0 exactly.
TEST(SobolIndices, RowsWithUndefinedValuesAreLeftOut) {
  const SaltelliDesign design(3, 8192, {"x1", "x2"});
  const auto values = evaluate(design, [](const std::vector<double>& u) {
    return u[1] > 0.75 ? std::numeric_limits<double>::quiet_NaN() : u[0];
  });
  const SobolEstimate estimate = sobol_indices(values, design.rows(), 2, 0, 1);
  // A row survives when x2 <= 0.75 in A and in B (A_B^(i) take x2 from one of them):
  // probability 0.75^2 = 0.5625, so about 4608 of 8192, sd sqrt(8192 0.5625 0.4375) = 45;
  // 4 standard errors is 180.
  EXPECT_NEAR(static_cast<double>(estimate.rows_used), 0.5625 * 8192, 180.0);
  EXPECT_DOUBLE_EQ(estimate.indices[0].first_order, 1.0);
  // ST_x1 = mean (a - b)^2 / 2V: its relative error is that of a sample covariance of
  // independent uniforms, about 1 / sqrt(4608) = 0.015; 4 standard errors is 0.06.
  EXPECT_NEAR(estimate.indices[0].total, 1.0, 0.06);
  EXPECT_EQ(estimate.indices[1].total, 0.0);
  // No bootstrap asked for: the intervals are NaN.
  EXPECT_TRUE(std::isnan(estimate.indices[0].first_order_low));
}

// The bootstrap is keyed by its seed: the same seed gives the same intervals bit for bit,
// another seed other intervals.
TEST(SobolIndices, BootstrapIsReproducible) {
  const SaltelliDesign design(8, 256, {"x1", "x2"});
  const auto values =
      evaluate(design, [](const std::vector<double>& u) { return u[0] * u[0] + u[1]; });
  const SobolEstimate one = sobol_indices(values, design.rows(), 2, 50, 4);
  const SobolEstimate two = sobol_indices(values, design.rows(), 2, 50, 4);
  const SobolEstimate other = sobol_indices(values, design.rows(), 2, 50, 5);
  EXPECT_EQ(one.indices[0].first_order_low, two.indices[0].first_order_low);
  EXPECT_EQ(one.indices[1].total_high, two.indices[1].total_high);
  EXPECT_NE(one.indices[0].first_order_low, other.indices[0].first_order_low);
  EXPECT_LE(one.indices[0].first_order_low, one.indices[0].first_order_high);
}

}  // namespace
}  // namespace pcsim::runner
