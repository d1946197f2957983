#include "runner/iman_conover.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <stdexcept>

// Eigen is header-only; the CMake targets do not add its include folder, so it is named
// from /usr/include.
#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include "model/sampling.hpp"

namespace pcsim::runner {
namespace {

using Matrix = Eigen::MatrixXd;

// The row order that sorts `values` ascending (ties by row, so the order is deterministic).
std::vector<std::size_t> sorting_order(std::span<const double> values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  return order;
}

// The sample correlation matrix of the columns of m.
Matrix correlation_of(const Matrix& m) {
  const Matrix centred = m.rowwise() - m.colwise().mean();
  const Matrix covariance = centred.transpose() * centred;
  const Eigen::VectorXd inv_sd = covariance.diagonal().cwiseSqrt().cwiseInverse();
  return inv_sd.asDiagonal() * covariance * inv_sd.asDiagonal();
}

// R with R^T R = c: the transposed Cholesky factor when c is positive definite, else the
// symmetric square root with negative rounding-level eigenvalues set to 0.
Matrix right_factor(const Matrix& c) {
  const Eigen::LLT<Matrix> llt(c);
  if (llt.info() == Eigen::Success) return llt.matrixL().transpose();
  const Eigen::SelfAdjointEigenSolver<Matrix> solver(c);
  const Eigen::VectorXd root = solver.eigenvalues().cwiseMax(0.0).cwiseSqrt();
  return solver.eigenvectors() * root.asDiagonal() * solver.eigenvectors().transpose();
}

}  // namespace

std::vector<std::size_t> ranks_of(std::span<const double> values) {
  const std::vector<std::size_t> order = sorting_order(values);
  std::vector<std::size_t> ranks(values.size());
  for (std::size_t r = 0; r < order.size(); ++r) ranks[order[r]] = r + 1;
  return ranks;
}

void impose_rank_correlation(std::span<std::vector<double>* const> columns,
                             std::span<const double> target_rank) {
  const std::size_t k = columns.size();
  if (target_rank.size() != k * k) throw std::invalid_argument("rank correlation: not k x k");
  if (k < 2) return;
  const std::size_t n = columns.front()->size();
  for (const auto* column : columns)
    if (column->size() != n) throw std::invalid_argument("rank correlation: columns differ");
  if (n < 3) return;  // two points have rank correlation +-1 whatever is done

  // The van der Waerden scores, placed by each column's current ranks.
  std::vector<double> scores(n);
  for (std::size_t r = 0; r < n; ++r)
    scores[r] = model::normal_quantile(static_cast<double>(r + 1) / static_cast<double>(n + 1));
  const auto rows = static_cast<Eigen::Index>(n), cols = static_cast<Eigen::Index>(k);
  Matrix s(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j) {
    const auto ranks = ranks_of(*columns[static_cast<std::size_t>(j)]);
    for (Eigen::Index i = 0; i < rows; ++i)
      s(i, j) = scores[ranks[static_cast<std::size_t>(i)] - 1];
  }

  // Target Pearson correlation of the scores: Spearman rho = (6/pi) asin(r/2) for normals.
  Matrix c(cols, cols);
  for (Eigen::Index i = 0; i < cols; ++i)
    for (Eigen::Index j = 0; j < cols; ++j)
      c(i, j) = i == j ? 1.0
                       : 2.0 * std::sin(std::numbers::pi / 6.0 *
                                        target_rank[static_cast<std::size_t>(i * cols + j)]);

  // W = inv(L_E^T) R, so T = S W has sample correlation R^T R = C.
  const Eigen::LLT<Matrix> score_factor(correlation_of(s));
  Matrix w = right_factor(c);
  if (n > k && score_factor.info() == Eigen::Success)
    w = score_factor.matrixU().solve(w);  // matrixU() = L_E^T
  const Matrix t = s * w;

  // Column j takes its own sorted values in the rank order of T's column j.
  for (Eigen::Index j = 0; j < cols; ++j) {
    std::vector<double>& column = *columns[static_cast<std::size_t>(j)];
    std::vector<double> sorted = column;
    std::sort(sorted.begin(), sorted.end());
    const Eigen::VectorXd target_column = t.col(j);
    const auto order = sorting_order({target_column.data(), n});
    for (std::size_t r = 0; r < n; ++r) column[order[r]] = sorted[r];
  }
}

}  // namespace pcsim::runner
