#include "runner/penalised_regression.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "output/spearman.hpp"

namespace pcsim::runner {

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;
using Design = Eigen::SparseMatrix<double, Eigen::RowMajor>;

constexpr double kInf = std::numeric_limits<double>::infinity();

// Segments of each input's spline: finer with more pairs, as many as the data can carry
// (about 50 pairs a coefficient), fewer per input when several share the fit.
std::size_t segments_for(std::size_t n, std::size_t inputs) {
  const std::size_t most = inputs == 1 ? 20 : inputs == 2 ? 7 : 6;
  const std::size_t by_data =
      inputs == 2 ? static_cast<std::size_t>(std::sqrt(n / 50.0)) : n / (50 * inputs);
  return std::clamp<std::size_t>(by_data, 3, most);
}

// The normal equations of a design: A = X'X, b = X'(y - mean y), yy = |y - mean y|^2.
struct Normal {
  MatrixXd a;
  VectorXd b;
  double yy = 0;
};

Normal normal_equations(const Design& x, std::span<const double> centred) {
  Normal eq;
  const Eigen::Map<const VectorXd> y(centred.data(), static_cast<Eigen::Index>(centred.size()));
  eq.a = MatrixXd(x.transpose() * x);
  eq.b = x.transpose() * y;
  eq.yy = y.squaredNorm();
  return eq;
}

// One fit at given smoothing: M = A + sum lambda_j P_j + ridge I.
struct Trial {
  double gcv = kInf;
  double edf = 0;
  VectorXd beta;
  Eigen::LLT<MatrixXd> factor;
};

Trial trial(const Normal& eq, const std::vector<MatrixXd>& penalties,
            const std::vector<double>& lambdas, double ridge, std::size_t n) {
  MatrixXd m = eq.a;
  for (std::size_t j = 0; j < penalties.size(); ++j) m += lambdas[j] * penalties[j];
  m.diagonal().array() += ridge;
  Trial t;
  t.factor.compute(m);
  if (t.factor.info() != Eigen::Success) return t;
  t.beta = t.factor.solve(eq.b);
  t.edf = t.factor.solve(eq.a).trace();
  const double rss = std::max(0.0, eq.yy - 2 * t.beta.dot(eq.b) + t.beta.dot(eq.a * t.beta));
  const double dn = static_cast<double>(n);
  if (t.edf < dn - 1) t.gcv = dn * rss / ((dn - t.edf) * (dn - t.edf));
  return t;
}

// Powers of ten from `low` to `high` in steps of `step` (relative to each penalty's scale).
std::vector<double> grid(double low, double high, double step) {
  std::vector<double> g;
  for (double e = low; e <= high + 1e-9; e += step) g.push_back(std::pow(10.0, e));
  return g;
}

}  // namespace

BasisRow cubic_bspline_row(double x, std::size_t segments) {
  if (segments == 0) throw std::invalid_argument("cubic_bspline_row: no segments");
  const double h = 1.0 / static_cast<double>(segments);
  const double clamped = std::clamp(x, 0.0, 1.0);
  const std::size_t s = std::min(segments - 1, static_cast<std::size_t>(std::floor(clamped / h)));
  const double t = clamped / h - static_cast<double>(s);
  BasisRow row;
  row.first = s;
  const double u = 1 - t;
  row.values[0] = u * u * u / 6;
  row.values[1] = (3 * t * t * t - 6 * t * t + 4) / 6;
  row.values[2] = (-3 * t * t * t + 3 * t * t + 3 * t + 1) / 6;
  row.values[3] = t * t * t / 6;
  return row;
}

Eigen::MatrixXd second_difference_penalty(std::size_t m) {
  if (m < 3) return MatrixXd::Zero(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(m));
  MatrixXd d = MatrixXd::Zero(static_cast<Eigen::Index>(m - 2), static_cast<Eigen::Index>(m));
  for (Eigen::Index i = 0; i < d.rows(); ++i) {
    d(i, i) = 1;
    d(i, i + 1) = -2;
    d(i, i + 2) = 1;
  }
  return d.transpose() * d;
}

std::vector<double> rank_scale(std::span<const double> values) {
  std::vector<double> ranks = output::average_ranks(values);
  const auto n = static_cast<double>(values.size());
  for (double& r : ranks) r = (r - 0.5) / n;
  return ranks;
}

SmoothFit::SmoothFit(const std::vector<std::vector<double>>& x, std::span<const double> y) {
  const std::size_t n = y.size();
  const std::size_t g = x.size();
  if (g == 0) throw std::invalid_argument("SmoothFit: no inputs");
  for (const auto& column : x) {
    if (column.size() != n)
      throw std::invalid_argument("SmoothFit: inputs and responses differ in length");
  }
  if (n < 3) throw std::invalid_argument("SmoothFit: fewer than 3 pairs");
  std::vector<std::vector<double>> u;
  for (const auto& column : x) u.push_back(rank_scale(column));

  // The design, row by row, and one penalty per smoothing parameter.
  std::vector<Eigen::Triplet<double>> cells;
  std::vector<MatrixXd> penalties;
  std::size_t columns = 0;
  if (n < kMinSplinePairs) {
    columns = g + 1;
    for (std::size_t i = 0; i < n; ++i) {
      cells.emplace_back(static_cast<int>(i), 0, 1.0);
      for (std::size_t j = 0; j < g; ++j)
        cells.emplace_back(static_cast<int>(i), static_cast<int>(j + 1), u[j][i]);
    }
    method_ = "linear regression on the ranks";
  } else if (g == 1) {
    const std::size_t k = segments_for(n, 1);
    columns = k + 3;
    for (std::size_t i = 0; i < n; ++i) {
      const BasisRow r = cubic_bspline_row(u[0][i], k);
      for (int c = 0; c < 4; ++c)
        cells.emplace_back(static_cast<int>(i), static_cast<int>(r.first) + c, r.values[c]);
    }
    penalties.push_back(second_difference_penalty(columns));
    method_ = fmt::format("P-spline: cubic B-splines, {} segments, GCV", k);
  } else if (g == 2) {
    const std::size_t k = segments_for(n, 2);
    const std::size_t m = k + 3;
    columns = m * m;
    for (std::size_t i = 0; i < n; ++i) {
      const BasisRow r1 = cubic_bspline_row(u[0][i], k), r2 = cubic_bspline_row(u[1][i], k);
      for (int a = 0; a < 4; ++a)
        for (int b = 0; b < 4; ++b)
          cells.emplace_back(static_cast<int>(i),
                             static_cast<int>((r1.first + a) * m + r2.first + b),
                             r1.values[a] * r2.values[b]);
    }
    const MatrixXd d = second_difference_penalty(m);
    const MatrixXd identity =
        MatrixXd::Identity(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(m));
    MatrixXd p1 =
        MatrixXd::Zero(static_cast<Eigen::Index>(columns), static_cast<Eigen::Index>(columns));
    MatrixXd p2 = p1;
    for (Eigen::Index a = 0; a < d.rows(); ++a)
      for (Eigen::Index b = 0; b < d.cols(); ++b) {
        const auto mm = static_cast<Eigen::Index>(m);
        p1.block(a * mm, b * mm, mm, mm) = d(a, b) * identity;  // D'D (x) I: along input 1
        p2.block(a * mm, b * mm, mm, mm) = identity(a, b) * d;  // I (x) D'D: along input 2
      }
    penalties = {p1, p2};
    method_ = fmt::format("tensor-product P-spline: {} x {} cubic B-splines, GCV", m, m);
  } else {
    const std::size_t k = segments_for(n, g);
    const std::size_t m = k + 3;
    columns = m * g;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < g; ++j) {
        const BasisRow r = cubic_bspline_row(u[j][i], k);
        for (int c = 0; c < 4; ++c)
          cells.emplace_back(static_cast<int>(i), static_cast<int>(j * m + r.first) + c,
                             r.values[c]);
      }
    const MatrixXd d = second_difference_penalty(m);
    for (std::size_t j = 0; j < g; ++j) {
      MatrixXd p =
          MatrixXd::Zero(static_cast<Eigen::Index>(columns), static_cast<Eigen::Index>(columns));
      p.block(static_cast<Eigen::Index>(j * m), static_cast<Eigen::Index>(j * m), d.rows(),
              d.cols()) = d;
      penalties.push_back(p);
    }
    method_ = fmt::format("additive P-spline model: {} cubic B-splines per input, GCV", m);
  }
  design_.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(columns));
  design_.setFromTriplets(cells.begin(), cells.end());

  double mean = 0;
  for (const double v : y) mean += v;
  mean /= static_cast<double>(n);
  std::vector<double> centred(y.begin(), y.end());
  for (double& v : centred) v -= mean;
  const Normal eq = normal_equations(design_, centred);
  // A ridge far below the data's scale: the splines of an additive model each hold the
  // constant, so X'X alone is singular; the ridge picks one of the equal fits.
  const double ridge = 1e-9 * std::max(1e-300, eq.a.trace() / static_cast<double>(columns));
  // Each lambda relative to its penalty's scale against the data's.
  std::vector<double> scale;
  for (const auto& p : penalties) scale.push_back(eq.a.trace() / std::max(1e-300, p.trace()));
  const auto absolute = [&](const std::vector<double>& relative) {
    std::vector<double> l(relative.size());
    for (std::size_t j = 0; j < l.size(); ++j) l[j] = relative[j] * scale[j];
    return l;
  };

  std::vector<double> best(penalties.size(), 1.0);
  Trial chosen = trial(eq, penalties, absolute(best), ridge, n);
  if (penalties.size() == 1) {
    for (const double l : grid(-6, 4, 0.5)) {
      Trial t = trial(eq, penalties, absolute({l}), ridge, n);
      if (t.gcv < chosen.gcv) {
        chosen = std::move(t);
        best = {l};
      }
    }
  } else if (penalties.size() > 1) {
    // Coordinate search: each lambda in turn over the grid, the others held, twice round.
    const std::vector<double> g_values = grid(-5, 3, 1);
    for (int sweep = 0; sweep < 2; ++sweep) {
      for (std::size_t j = 0; j < penalties.size(); ++j) {
        for (const double l : g_values) {
          std::vector<double> candidate = best;
          candidate[j] = l;
          Trial t = trial(eq, penalties, absolute(candidate), ridge, n);
          if (t.gcv < chosen.gcv) {
            chosen = std::move(t);
            best = candidate;
          }
        }
      }
    }
  }
  if (chosen.factor.info() != Eigen::Success || chosen.beta.size() == 0) {
    throw std::runtime_error("SmoothFit: the penalised normal equations could not be solved");
  }
  lambdas_ = absolute(best);
  beta_ = chosen.beta;
  edf_ = chosen.edf;

  const VectorXd fitted = design_ * beta_;
  fitted_.resize(n);
  double rss = 0;
  for (std::size_t i = 0; i < n; ++i) {
    fitted_[i] = fitted(static_cast<Eigen::Index>(i)) + mean;
    rss += (y[i] - fitted_[i]) * (y[i] - fitted_[i]);
  }
  r_squared_ = eq.yy > 0 ? 1 - rss / eq.yy : std::nan("");
  const double sigma2 = static_cast<double>(n) > edf_ ? rss / (static_cast<double>(n) - edf_) : 0.0;
  // sigma^2 M^-1 = (sigma L^-T)(sigma L^-T)' with M = L L'.
  const MatrixXd lower = chosen.factor.matrixL();
  posterior_factor_ = std::sqrt(sigma2) * lower.transpose().triangularView<Eigen::Upper>().solve(
                                              MatrixXd::Identity(lower.rows(), lower.cols()));
  intercept_ = mean;
}

std::vector<double> SmoothFit::fitted_with(std::span<const double> z) const {
  if (z.size() != coefficients())
    throw std::invalid_argument("SmoothFit::fitted_with: one draw per coefficient");
  const Eigen::Map<const VectorXd> draw(z.data(), static_cast<Eigen::Index>(z.size()));
  const VectorXd beta = beta_ + posterior_factor_ * draw;
  const VectorXd f = design_ * beta;
  std::vector<double> out(static_cast<std::size_t>(f.size()));
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = f(static_cast<Eigen::Index>(i)) + intercept_;
  return out;
}

}  // namespace pcsim::runner
