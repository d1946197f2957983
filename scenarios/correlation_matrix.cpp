#include "scenarios/correlation_matrix.hpp"

#include <cmath>
#include <stdexcept>

// Eigen is header-only; the CMake targets do not add its include folder, so it is named
// from /usr/include.
#include <Eigen/Eigenvalues>

namespace pcsim::scenarios {
namespace {

using Matrix = Eigen::MatrixXd;

Matrix to_eigen(std::span<const double> values, std::size_t n) {
  if (values.size() != n * n) throw std::invalid_argument("correlation matrix: not n x n values");
  const auto size = static_cast<Eigen::Index>(n);
  Matrix m(size, size);
  for (Eigen::Index r = 0; r < size; ++r)
    for (Eigen::Index c = 0; c < size; ++c)
      m(r, c) = values[static_cast<std::size_t>(r * size + c)];
  return m;
}

std::vector<double> from_eigen(const Matrix& m) {
  std::vector<double> values;
  values.reserve(static_cast<std::size_t>(m.size()));
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) values.push_back(m(r, c));
  return values;
}

// The nearest positive semi-definite matrix to a symmetric one: negative eigenvalues set to 0.
Matrix psd_projection(const Matrix& m) {
  const Eigen::SelfAdjointEigenSolver<Matrix> solver(m);
  const Eigen::VectorXd clipped = solver.eigenvalues().cwiseMax(0.0);
  return solver.eigenvectors() * clipped.asDiagonal() * solver.eigenvectors().transpose();
}

}  // namespace

double smallest_eigenvalue(std::span<const double> matrix, std::size_t n) {
  if (n == 0) return 0.0;
  const Eigen::SelfAdjointEigenSolver<Matrix> solver(to_eigen(matrix, n), Eigen::EigenvaluesOnly);
  return solver.eigenvalues().minCoeff();  // ascending order, but minCoeff says what we mean
}

std::vector<double> nearest_correlation_matrix(std::span<const double> matrix, std::size_t n) {
  const Matrix a = to_eigen(matrix, n);
  Matrix y = a;
  Matrix correction = Matrix::Zero(a.rows(), a.cols());  // Dykstra's: undoes the last PSD step
  for (int iteration = 0; iteration < 10000; ++iteration) {
    const Matrix r = y - correction;
    const Matrix x = psd_projection(r);
    correction = x - r;
    Matrix next = x;
    next.diagonal().setOnes();  // projection onto the unit-diagonal matrices
    const double moved = (next - y).cwiseAbs().maxCoeff();
    y = std::move(next);
    if (moved <= 1e-12) break;
  }
  // y has a unit diagonal; its eigenvalues are >= 0 to within the stopping tolerance.
  return from_eigen(0.5 * (y + y.transpose()));
}

double frobenius_distance(std::span<const double> a, std::span<const double> b) {
  if (a.size() != b.size()) throw std::invalid_argument("frobenius_distance: sizes differ");
  double sum = 0.0;
  for (std::size_t k = 0; k < a.size(); ++k) sum += (a[k] - b[k]) * (a[k] - b[k]);
  return std::sqrt(sum);
}

}  // namespace pcsim::scenarios
