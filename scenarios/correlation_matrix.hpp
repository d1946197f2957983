#pragma once
#include <cstddef>
#include <span>
#include <vector>

namespace pcsim::scenarios {

// Checks and repairs of a correlation matrix given as n x n doubles, row-major, symmetric.

// The smallest eigenvalue (Eigen's SelfAdjointEigenSolver). A correlation matrix is valid
// (the pairwise correlations can hold together) when this is >= 0.
double smallest_eigenvalue(std::span<const double> matrix, std::size_t n);

// Eigenvalues at or above -kPsdTolerance count as 0: the rounding of an eigensolver on a
// matrix of numbers in [-1, 1], far below anything a scenario writes.
inline constexpr double kPsdTolerance = 1e-10;

// The nearest correlation matrix to `matrix` in the Frobenius norm (unit diagonal, positive
// semi-definite): Higham (2002), "Computing the nearest correlation matrix", IMA Journal of
// Numerical Analysis 22, alternating projections onto the positive semi-definite cone and
// the unit-diagonal matrices, with Dykstra's correction so the limit is the nearest point
// rather than any point of the intersection. Stops when an iteration moves no entry by more
// than 1e-12, or after 10,000 iterations.
std::vector<double> nearest_correlation_matrix(std::span<const double> matrix, std::size_t n);

// sqrt(sum of (a - b)^2) over all entries.
double frobenius_distance(std::span<const double> a, std::span<const double> b);

}  // namespace pcsim::scenarios
