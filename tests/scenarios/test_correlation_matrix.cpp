// The positive semi-definite check and the nearest-correlation-matrix repair
// (scenarios/correlation_matrix.hpp), against closed forms.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "scenarios/correlation_matrix.hpp"

namespace pcsim::scenarios {
namespace {

// The triangle of rank correlations 0.9, 0.9, -0.9 over three parameters.
const std::vector<double> kTriangle = {1.0, 0.9,  0.9,   //
                                       0.9, 1.0,  -0.9,  //
                                       0.9, -0.9, 1.0};

// Smallest eigenvalues in closed form: [[1, r], [r, 1]] has eigenvalues 1 +- r; the
// triangle is I + 0.9 B with B = [[0,1,1],[1,0,-1],[1,-1,0]], whose characteristic
// polynomial is -(l - 1)^2 (l + 2), so its eigenvalues are 1.9, 1.9 and 1 - 1.8 = -0.8.
TEST(CorrelationMatrix, SmallestEigenvalueMatchesClosedForms) {
  EXPECT_NEAR(smallest_eigenvalue(std::vector<double>{1.0, 0.3, 0.3, 1.0}, 2), 0.7, 1e-14);
  EXPECT_NEAR(smallest_eigenvalue(std::vector<double>{1.0, -0.6, -0.6, 1.0}, 2), 0.4, 1e-14);
  EXPECT_NEAR(smallest_eigenvalue(kTriangle, 3), -0.8, 1e-14);
  EXPECT_NEAR(smallest_eigenvalue(std::vector<double>{1.0}, 1), 1.0, 1e-15);
}

// The nearest correlation matrix to the triangle, in closed form. Swapping parameters 2
// and 3 leaves the triangle unchanged, and the nearest point of a convex set is unique, so
// the answer has the same symmetry: X = [[1, x, x], [x, 1, -y], [x, -y, 1]]. Its
// determinant is (1 + y)(1 - y - 2x^2); the nearest point lies on the boundary y = 1 - 2x^2
// (where X is PSD: eigenvalues 2 - 2x^2, 1 + 2x^2 and 0). The squared distance
// 4 (x - 0.9)^2 + 2 (0.9 - y)^2 is then least where 4x^3 + (2a - 1) x - a = 0 with a = 0.9,
// i.e. 4x^3 + 0.8x - 0.9 = 0, whose only real root is x = 0.5 (0.5 + 0.4 - 0.9 = 0; the
// cubic is increasing). So X has 0.5, 0.5, -0.5 off the diagonal and the Frobenius
// distance is sqrt(4 * 0.4^2 + 2 * 0.4^2) = sqrt(0.96) = 0.9798.
TEST(CorrelationMatrix, NearestCorrelationMatrixOfTheImpossibleTriangle) {
  const std::vector<double> repaired = nearest_correlation_matrix(kTriangle, 3);
  const std::vector<double> expected = {1.0, 0.5,  0.5,   //
                                        0.5, 1.0,  -0.5,  //
                                        0.5, -0.5, 1.0};
  ASSERT_EQ(repaired.size(), 9u);
  for (std::size_t k = 0; k < 9; ++k) EXPECT_NEAR(repaired[k], expected[k], 1e-6) << k;
  for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(repaired[4 * k], 1.0);  // exact unit diagonal
  EXPECT_GE(smallest_eigenvalue(repaired, 3), -kPsdTolerance);
  EXPECT_NEAR(frobenius_distance(kTriangle, repaired), std::sqrt(0.96), 1e-6);
}

// A matrix that is already a valid correlation matrix is its own nearest one.
TEST(CorrelationMatrix, ValidMatrixIsLeftAsItIs) {
  const std::vector<double> valid = {1.0,  0.4, -0.3,  //
                                     0.4,  1.0, 0.5,   //
                                     -0.3, 0.5, 1.0};  // det = 0.38 > 0, minors 0.84, 0.91
  const std::vector<double> repaired = nearest_correlation_matrix(valid, 3);
  for (std::size_t k = 0; k < 9; ++k) EXPECT_NEAR(repaired[k], valid[k], 1e-12) << k;
  EXPECT_EQ(frobenius_distance(valid, valid), 0.0);
}

}  // namespace
}  // namespace pcsim::scenarios
