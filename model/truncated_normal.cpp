#include "model/truncated_normal.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/normal.hpp>

namespace pcsim::model {
namespace {

// Double arithmetic throughout (no promotion to long double: faster, and the inputs carry
// only double precision anyway); an overflow at the very edge returns infinity, which the
// caller clamps to the support, rather than throwing.
using Policy = boost::math::policies::policy<
    boost::math::policies::promote_double<false>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>>;
const boost::math::normal_distribution<double, Policy> kStandardNormal(0.0, 1.0);

constexpr double kInvSqrt2 = 0.70710678118654752440;
constexpr double kInvSqrt2Pi = 0.39894228040143267794;
// Largest double below 1: a probability that Boost's quantile can still invert.
constexpr double kBelowOne = 1.0 - 0x1.0p-53;

// x phi(x), taken as 0 at +-infinity (its limit) instead of inf * 0 = NaN.
double x_pdf(double x) { return std::isfinite(x) ? x * standard_normal_pdf(x) : 0.0; }

}  // namespace

double standard_normal_cdf(double x) { return 0.5 * std::erfc(-x * kInvSqrt2); }
double standard_normal_survival(double x) { return 0.5 * std::erfc(x * kInvSqrt2); }
double standard_normal_pdf(double x) { return kInvSqrt2Pi * std::exp(-0.5 * x * x); }

double standard_normal_mass(double a, double b) {
  if (a >= 0.0) return standard_normal_survival(a) - standard_normal_survival(b);
  if (b <= 0.0) return standard_normal_cdf(b) - standard_normal_cdf(a);
  // a < 0 < b: both excluded tails are small, so subtract them from 1.
  return 1.0 - standard_normal_cdf(a) - standard_normal_survival(b);
}

StandardTruncatedNormal::StandardTruncatedNormal(double a, double b)
    : a_(a), b_(b), upper_side_(a > 0.0) {
  if (upper_side_) {
    edge_a_ = standard_normal_survival(a);
    edge_b_ = standard_normal_survival(b);
  } else {
    edge_a_ = standard_normal_cdf(a);
    edge_b_ = standard_normal_cdf(b);
  }
  mass_ = standard_normal_mass(a, b);
}

double StandardTruncatedNormal::quantile(double u) const {
  double z;
  if (upper_side_) {
    // Mirror image of the lower-side map: p runs from Q(a) down to Q(b).
    const double p = std::clamp(edge_a_ - u * (edge_a_ - edge_b_), edge_b_, kBelowOne);
    z = boost::math::quantile(boost::math::complement(kStandardNormal, p));
  } else {
    const double p = std::min(edge_a_ + u * (edge_b_ - edge_a_), kBelowOne);
    z = boost::math::quantile(kStandardNormal, p);
  }
  // Rounding in Phi and its inverse can step a hair outside the interval.
  return std::clamp(z, a_, b_);
}

double StandardTruncatedNormal::mean() const {
  return (standard_normal_pdf(a_) - standard_normal_pdf(b_)) / mass_;
}

double StandardTruncatedNormal::variance() const {
  const double m = mean();
  return 1.0 + (x_pdf(a_) - x_pdf(b_)) / mass_ - m * m;
}

double StandardTruncatedNormal::exp_moment(double t) const {
  return std::exp(0.5 * t * t) * standard_normal_mass(a_ - t, b_ - t) / mass_;
}

}  // namespace pcsim::model
