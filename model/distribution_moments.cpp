#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

#include <boost/math/special_functions/beta.hpp>

#include "model/distribution.hpp"
#include "model/distribution_detail.hpp"

// A distribution's quantile function, moments, central value and support: the arithmetic
// of each kind (its construction and checks: model/distribution.cpp).
namespace pcsim::model {
namespace {

using distribution_detail::number;
using distribution_detail::reject;

// Boost's special functions in double precision throughout (no promotion to long double).
using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

// u = I_x(alpha, beta) solved for x. Boost 1.74's ibeta_inv throws a domain error
// (Boost issues 873 and 961, fixed in 1.82) for some valid shapes and tiny u, e.g.
// ibeta_inv(0.5, 2, 2^-53); then, or if it returns anything outside [0, 1], the root is
// found by bisection on the forward function ibeta, which is reliable: over the doubles
// in [0, 1] in the order of their bits, 62 steps to the smallest x with I_x >= u.
double beta_quantile(double alpha, double beta, double u) {
  try {
    const double x = boost::math::ibeta_inv(alpha, beta, u, Policy());
    if (x >= 0.0 && x <= 1.0) return x;
  } catch (const std::exception&) {  // Boost's domain or evaluation error: bisect instead
  }
  std::uint64_t lo = 0;
  std::uint64_t hi = std::bit_cast<std::uint64_t>(1.0);
  while (hi - lo > 1) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    if (boost::math::ibeta(alpha, beta, std::bit_cast<double>(mid), Policy()) < u) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return std::bit_cast<double>(hi);
}

// Variance of Beta(alpha, beta): alpha beta / ((alpha + beta)^2 (alpha + beta + 1)).
double beta_variance(double alpha, double beta) {
  const double s = alpha + beta;
  return alpha * beta / (s * s * (s + 1.0));
}

}  // namespace

double Distribution::quantile(double u) const {
  if (!(u >= 0.0 && u <= 1.0)) reject("quantile: u (" + number(u) + ") is outside [0, 1]");
  if (u == 0.0) return support_min();
  if (u == 1.0) return support_max();
  switch (kind_) {
    case DistributionKind::Fixed:
      return p1_;
    case DistributionKind::Uniform:
      return p1_ + u * (p2_ - p1_);
    case DistributionKind::Triangular: {
      // Inverse of F(x) = (x-a)^2 / ((b-a)(c-a)) below the mode c,
      // 1 - (b-x)^2 / ((b-a)(b-c)) above it.
      const double a = p1_, c = p2_, b = p3_;
      if (b == a) return a;
      const double at_mode = (c - a) / (b - a);
      if (u < at_mode) return a + std::sqrt(u * (b - a) * (c - a));
      return b - std::sqrt((1.0 - u) * (b - a) * (b - c));
    }
    case DistributionKind::Pert:
      if (p3_ == p1_) return p1_;
      return p1_ + (p3_ - p1_) * beta_quantile(shape_alpha_, shape_beta_, u);
    case DistributionKind::Normal:
      return std::clamp(p1_ + p2_ * standard_.quantile(u), lower_, upper_);
    case DistributionKind::Lognormal:
      return std::clamp(std::exp(p1_ + p2_ * standard_.quantile(u)), lower_, upper_);
    case DistributionKind::Beta:
      return beta_quantile(shape_alpha_, shape_beta_, u);
    case DistributionKind::Discrete: {
      // The first value whose cumulative weight reaches u.
      const auto it = std::lower_bound(cumulative_weights_.begin(), cumulative_weights_.end(), u);
      return values_[static_cast<std::size_t>(it - cumulative_weights_.begin())];
    }
  }
  return p1_;
}

double Distribution::mean() const {
  switch (kind_) {
    case DistributionKind::Fixed:
      return p1_;
    case DistributionKind::Uniform:
      return 0.5 * (p1_ + p2_);
    case DistributionKind::Triangular:
      return (p1_ + p2_ + p3_) / 3.0;
    case DistributionKind::Pert:
      return (p1_ + p4_ * p2_ + p3_) / (p4_ + 2.0);  // (min + lambda mode + max) / (lambda + 2)
    case DistributionKind::Normal:
      return p1_ + p2_ * standard_.mean();
    case DistributionKind::Lognormal:
      if (!standard_.is_truncated()) return std::exp(p1_ + 0.5 * p2_ * p2_);
      return std::exp(p1_) * standard_.exp_moment(p2_);
    case DistributionKind::Beta:
      return shape_alpha_ / (shape_alpha_ + shape_beta_);
    case DistributionKind::Discrete: {
      double total = 0.0, sum = 0.0;
      for (std::size_t i = 0; i < values_.size(); ++i) {
        total += weights_[i];
        sum += weights_[i] * values_[i];
      }
      return sum / total;
    }
  }
  return p1_;
}

double Distribution::variance() const {
  switch (kind_) {
    case DistributionKind::Fixed:
      return 0.0;
    case DistributionKind::Uniform:
      return (p2_ - p1_) * (p2_ - p1_) / 12.0;
    case DistributionKind::Triangular: {
      const double a = p1_, c = p2_, b = p3_;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
    }
    case DistributionKind::Pert:
      return (p3_ - p1_) * (p3_ - p1_) * beta_variance(shape_alpha_, shape_beta_);
    case DistributionKind::Normal:
      return p2_ * p2_ * standard_.variance();
    case DistributionKind::Lognormal: {
      const double s2 = p2_ * p2_;
      // Untruncated: (exp(sigma^2) - 1) exp(2 mu + sigma^2), with expm1 for small sigma.
      if (!standard_.is_truncated()) return std::expm1(s2) * std::exp(2.0 * p1_ + s2);
      const double m1 = standard_.exp_moment(p2_);
      const double m2 = standard_.exp_moment(2.0 * p2_);
      return std::exp(2.0 * p1_) * (m2 - m1 * m1);
    }
    case DistributionKind::Beta:
      return beta_variance(shape_alpha_, shape_beta_);
    case DistributionKind::Discrete: {
      const double m = mean();
      double total = 0.0, sum = 0.0;
      for (std::size_t i = 0; i < values_.size(); ++i) {
        total += weights_[i];
        sum += weights_[i] * (values_[i] - m) * (values_[i] - m);
      }
      return sum / total;
    }
  }
  return 0.0;
}

double Distribution::central() const {
  if (kind_ == DistributionKind::Triangular || kind_ == DistributionKind::Pert) return p2_;
  return mean();
}

double Distribution::support_min() const {
  switch (kind_) {
    case DistributionKind::Fixed:
    case DistributionKind::Uniform:
    case DistributionKind::Triangular:
    case DistributionKind::Pert:
      return p1_;
    case DistributionKind::Normal:
    case DistributionKind::Lognormal:
      return lower_;
    case DistributionKind::Beta:
      return 0.0;
    case DistributionKind::Discrete:
      for (std::size_t i = 0; i < values_.size(); ++i)
        if (weights_[i] > 0.0) return values_[i];
      break;
  }
  return p1_;
}

double Distribution::support_max() const {
  switch (kind_) {
    case DistributionKind::Fixed:
      return p1_;
    case DistributionKind::Uniform:
      return p2_;
    case DistributionKind::Triangular:
    case DistributionKind::Pert:
      return p3_;
    case DistributionKind::Normal:
    case DistributionKind::Lognormal:
      return upper_;
    case DistributionKind::Beta:
      return 1.0;
    case DistributionKind::Discrete:
      for (std::size_t i = values_.size(); i-- > 0;)
        if (weights_[i] > 0.0) return values_[i];
      break;
  }
  return p1_;
}

}  // namespace pcsim::model
