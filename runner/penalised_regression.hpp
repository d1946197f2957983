#pragma once
// Non-parametric regression for the expected value of partial perfect information
// (runner/evppi.hpp): E[y | x] estimated from n pairs by penalised regression splines
// (P-splines, Eilers & Marx 1996) with the smoothing chosen by generalised cross-validation
// (Craven & Wahba 1979), the generalised additive model approach of Strong, Oakley &
// Brennan (2014). Pure statistics on Eigen; nothing here knows the model.
//
// Each input is first replaced by its rank scaled to (0, 1), (rank - 1/2) / n with ties
// at their average rank, so knots at equal steps are knots at the inputs' quantiles and
// the fit does not depend on the input's units or skew.
//   1 input:   a cubic B-spline basis of K segments (K + 3 functions) with a second-order
//              difference penalty lambda |D2 beta|^2;
//   2 inputs:  their tensor product, with one penalty per direction (lambda_1, lambda_2);
//   3 or more: an additive model, a sum of one such spline per input, each with its own
//              lambda (interactions between inputs are not fitted: the EVPPI of a large
//              group is then a lower bound);
//   fewer than kMinSplinePairs pairs: ordinary least squares on the ranks (linear).
// The lambdas minimise GCV(lambda) = n RSS / (n - edf)^2 over a grid of powers of ten
// (a coordinate search for several lambdas); edf = tr(H), H the hat matrix.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <Eigen/SparseCore>

namespace pcsim::runner {

// Below this many pairs the spline is not fitted and a linear regression is used.
inline constexpr std::size_t kMinSplinePairs = 50;

// The values at x in [0, 1] of the four cubic B-splines that are non-zero there, on
// `segments` equal segments (segments + 3 functions in all), and the index of the first.
struct BasisRow {
  std::size_t first = 0;
  double values[4] = {0, 0, 0, 0};
};
BasisRow cubic_bspline_row(double x, std::size_t segments);

// D'D for the second differences of m coefficients (m x m).
Eigen::MatrixXd second_difference_penalty(std::size_t m);

// (rank - 1/2) / n of each value, ties at their average rank.
std::vector<double> rank_scale(std::span<const double> values);

// A fitted regression: the fitted values and what is needed to draw from the posterior
// of the coefficients (Wood 2006: beta ~ N(beta_hat, sigma^2 (X'X + S)^-1)).
class SmoothFit {
 public:
  // x[j] are the n values of input j (any scale: they are rank-scaled here); y the n
  // responses. Throws std::invalid_argument for no inputs or lengths that differ.
  SmoothFit(const std::vector<std::vector<double>>& x, std::span<const double> y);

  const std::vector<double>& fitted() const { return fitted_; }
  double edf() const { return edf_; }              // effective degrees of freedom
  double r_squared() const { return r_squared_; }  // 1 - RSS / TSS
  const std::string& method() const { return method_; }
  const std::vector<double>& lambdas() const { return lambdas_; }

  // Fitted values with the coefficients drawn from their posterior, z being standard
  // normal draws (one per coefficient: coefficients() of them).
  std::vector<double> fitted_with(std::span<const double> z) const;
  std::size_t coefficients() const { return static_cast<std::size_t>(beta_.size()); }

 private:
  Eigen::SparseMatrix<double, Eigen::RowMajor> design_;
  Eigen::VectorXd beta_;
  Eigen::MatrixXd posterior_factor_;  // L with L L' = sigma^2 (X'X + S)^-1
  std::vector<double> fitted_;
  std::vector<double> lambdas_;
  double edf_ = 0, r_squared_ = 0, intercept_ = 0;
  std::string method_;
};

}  // namespace pcsim::runner
