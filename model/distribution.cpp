#include "model/distribution.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "model/distribution_detail.hpp"

// A distribution built from its parameters, each rejected with a message naming what is
// wrong, and its description (the arithmetic of each kind: model/distribution_moments.cpp).
namespace pcsim::model {
namespace {

using distribution_detail::number;
using distribution_detail::reject;
using distribution_detail::rounded;

// A truncation keeping less probability than this keeps, in double precision, none at all
// (bounds on the wrong scale, or beyond about 37 sd). Anything above it is sampled
// accurately: far upper tails are handled through survival functions.
constexpr double kMinTruncatedMass = 1e-300;

void require_finite(const char* name, double x) {
  if (!std::isfinite(x)) reject(std::string(name) + " (" + number(x) + ") is not a finite number");
}

void require_positive(const char* name, double x) {
  require_finite(name, x);
  if (!(x > 0.0)) reject(std::string(name) + " (" + number(x) + ") must be greater than 0");
}

void require_min_not_above_max(double min, double max) {
  require_finite("min", min);
  require_finite("max", max);
  if (min > max) reject("min (" + number(min) + ") is greater than max (" + number(max) + ")");
}

void require_mode_inside(double min, double mode, double max) {
  require_finite("mode", mode);
  if (mode < min || mode > max)
    reject("mode (" + number(mode) + ") is outside [min, max] = [" + number(min) + ", " +
           number(max) + "]");
}

void require_ordered_bounds(double lower, double upper) {
  if (std::isnan(lower)) reject("lower (nan) is not a number");
  if (std::isnan(upper)) reject("upper (nan) is not a number");
  if (!(lower < upper))
    reject("lower (" + number(lower) + ") must be less than upper (" + number(upper) + ")");
}

// The truncation, on the standard-normal scale, must keep a usable share of probability.
void require_mass(const StandardTruncatedNormal& standard, double lower, double upper,
                  const std::string& untruncated) {
  if (!(standard.mass() >= kMinTruncatedMass))
    reject("truncation [" + number(lower) + ", " + number(upper) + "] keeps probability " +
           number(standard.mass()) + " of " + untruncated + "; at least " +
           number(kMinTruncatedMass) + " is needed");
}

// A parameter as a scenario writes it, for describe(): a whole number below 10^15 in full
// (100000, 6910000000), anything else in its shortest exact form. The shortest form alone
// showed a running cost's triangular(min=1e+05, ...) and national's allocation as
// fixed(value=6.91e+09) in the report, the workbook and the CSV (the output probe of
// 2026-12-07).
std::string written(double x) {
  if (x == 0) return "0";  // -0 too
  if (std::isfinite(x) && x == std::trunc(x) && std::fabs(x) < 1e15) {
    char buffer[32];
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::fixed, 0);
    return std::string(buffer, result.ptr);
  }
  return number(x);
}

std::string bounds_suffix(double lower, double upper, double no_lower) {
  std::string text;
  if (lower > no_lower) text += ", lower=" + written(lower);
  if (upper < Distribution::kInf) text += ", upper=" + written(upper);
  return text;
}

std::string list(const std::vector<double>& xs) {
  std::string text = "[";
  for (std::size_t i = 0; i < xs.size(); ++i) text += (i ? ", " : "") + written(xs[i]);
  return text + "]";
}

void require_beta_shape(const char* name, double x) {
  require_positive(name, x);
  if (x > Distribution::kMaxBetaShape)
    reject(std::string(name) + " (" + number(x) + ") is above " +
           number(Distribution::kMaxBetaShape) +
           ": a beta this narrow is a fixed value; use dist = \"fixed\"");
  if (x < Distribution::kMinBetaShape)
    reject(std::string(name) + " (" + number(x) + ") is below " +
           number(Distribution::kMinBetaShape) +
           ": a beta this small is all but a coin toss between 0 and 1; use dist = \"discrete\"");
}

// The mean must be a finite number: it is the central value of most kinds (the central
// case runs with it) and every plausibility check reads it. A lognormal whose sigma is
// large for its mu overflows (exp(mu + sigma^2 / 2)), truncated or not; bounds near the
// largest double overflow a uniform's or a triangle's mean.
Distribution with_finite_mean(Distribution d) {
  const double mean = d.mean();
  if (!std::isfinite(mean))
    reject("its mean (" + number(mean) +
           "), the central value, is not a finite number: " + d.describe() +
           " cannot be computed in double precision; use a smaller spread (sigma, sd) or bounds "
           "of a sensible size");
  return d;
}

}  // namespace

Distribution Distribution::fixed(double value) {
  require_finite("value", value);
  Distribution d;
  d.kind_ = DistributionKind::Fixed;
  d.p1_ = value;
  return d;
}

Distribution Distribution::uniform(double min, double max) {
  require_min_not_above_max(min, max);
  Distribution d;
  d.kind_ = DistributionKind::Uniform;
  d.p1_ = min;
  d.p2_ = max;
  return with_finite_mean(std::move(d));
}

Distribution Distribution::triangular(double min, double mode, double max) {
  require_min_not_above_max(min, max);
  require_mode_inside(min, mode, max);
  Distribution d;
  d.kind_ = DistributionKind::Triangular;
  d.p1_ = min;
  d.p2_ = mode;
  d.p3_ = max;
  return with_finite_mean(std::move(d));
}

Distribution Distribution::pert(double min, double mode, double max, double lambda) {
  require_min_not_above_max(min, max);
  require_mode_inside(min, mode, max);
  require_positive("lambda", lambda);
  if (lambda > kMaxPertLambda)
    reject("lambda (" + number(lambda) + ") is above " + number(kMaxPertLambda) +
           ": a PERT this narrow is a fixed value at its mode; use dist = \"fixed\"");
  Distribution d;
  d.kind_ = DistributionKind::Pert;
  d.p1_ = min;
  d.p2_ = mode;
  d.p3_ = max;
  d.p4_ = lambda;
  // PERT = min + (max - min) Beta(1 + lambda (mode-min)/(max-min), 1 + lambda
  // (max-mode)/(max-min)).
  const double range = max - min;
  d.shape_alpha_ = range > 0.0 ? 1.0 + lambda * (mode - min) / range : 1.0;
  d.shape_beta_ = range > 0.0 ? 1.0 + lambda * (max - mode) / range : 1.0;
  return with_finite_mean(std::move(d));
}

Distribution Distribution::normal(double mean, double sd, double lower, double upper) {
  require_finite("mean", mean);
  require_positive("sd", sd);
  require_ordered_bounds(lower, upper);
  Distribution d;
  d.kind_ = DistributionKind::Normal;
  d.p1_ = mean;
  d.p2_ = sd;
  d.lower_ = lower;
  d.upper_ = upper;
  d.standard_ = StandardTruncatedNormal((lower - mean) / sd, (upper - mean) / sd);
  require_mass(d.standard_, lower, upper,
               "normal(mean=" + number(mean) + ", sd=" + number(sd) + ")");
  return with_finite_mean(std::move(d));
}

Distribution Distribution::lognormal(double mu, double sigma, double lower, double upper) {
  require_finite("mu", mu);
  require_positive("sigma", sigma);
  require_ordered_bounds(lower, upper);
  if (lower < 0.0)
    reject("lower (" + number(lower) + ") is negative; a lognormal takes only positive values");
  Distribution d;
  d.kind_ = DistributionKind::Lognormal;
  d.p1_ = mu;
  d.p2_ = sigma;
  d.lower_ = lower;
  d.upper_ = upper;
  // ln(0) = -inf and ln(inf) = inf give the untruncated ends.
  d.standard_ =
      StandardTruncatedNormal((std::log(lower) - mu) / sigma, (std::log(upper) - mu) / sigma);
  require_mass(d.standard_, lower, upper,
               "lognormal(mu=" + number(mu) + ", sigma=" + number(sigma) + ")");
  return with_finite_mean(std::move(d));
}

Distribution Distribution::lognormal_from_moments(double mean, double sd, double lower,
                                                  double upper) {
  require_positive("mean", mean);
  require_positive("sd", sd);
  const double ratio = sd / mean;
  const double sigma2 = std::log1p(ratio * ratio);  // ln(1 + sd^2 / mean^2)
  return lognormal(std::log(mean) - 0.5 * sigma2, std::sqrt(sigma2), lower, upper);
}

Distribution Distribution::beta(double alpha, double beta) {
  require_beta_shape("alpha", alpha);
  require_beta_shape("beta", beta);
  Distribution d;
  d.kind_ = DistributionKind::Beta;
  d.p1_ = d.shape_alpha_ = alpha;
  d.p2_ = d.shape_beta_ = beta;
  return d;
}

Distribution Distribution::beta_from_moments(double mean, double sd) {
  require_finite("mean", mean);
  require_positive("sd", sd);
  if (!(mean > 0.0 && mean < 1.0))
    reject("mean (" + number(mean) + ") must lie strictly between 0 and 1 for a beta");
  // A beta on [0, 1] has variance below mean (1 - mean); then
  // alpha + beta = mean (1 - mean) / variance - 1.
  const double limit = mean * (1.0 - mean);
  const double variance = sd * sd;
  if (!(variance < limit))
    reject("sd (" + number(sd) + ") is too large for a beta with mean " + number(mean) +
           ": sd must be below sqrt(mean (1 - mean)) = " + rounded(std::sqrt(limit)));
  // The shapes, mean x total and (1 - mean) x total, must be within the beta's range:
  // total at most kMaxBetaShape / max(mean, 1 - mean), at least kMinBetaShape / min(...);
  // the message gives the sd that reaches each bound.
  const double total = limit / variance - 1.0;
  const double larger = std::max(mean, 1.0 - mean);
  const double smaller = std::min(mean, 1.0 - mean);
  if (larger * total > kMaxBetaShape)
    reject("sd (" + number(sd) + ") is too small for a beta with mean " + number(mean) +
           ": its shapes alpha = " + number(mean * total) +
           " and beta = " + number((1.0 - mean) * total) + " must be at most " +
           number(kMaxBetaShape) + "; sd must be at least " +
           number(std::sqrt(limit / (1.0 + kMaxBetaShape / larger))) + ", or use dist = \"fixed\"");
  if (smaller * total < kMinBetaShape)
    reject("sd (" + number(sd) + ") is too large for a beta with mean " + number(mean) +
           ": its shapes alpha = " + number(mean * total) + " and beta = " +
           number((1.0 - mean) * total) + " must be at least " + number(kMinBetaShape) +
           "; sd must be at most " + number(std::sqrt(limit / (1.0 + kMinBetaShape / smaller))));
  return Distribution::beta(mean * total, (1.0 - mean) * total);
}

Distribution Distribution::discrete(std::vector<double> values, std::vector<double> weights) {
  if (values.empty()) reject("values is empty; a discrete distribution needs at least one value");
  if (values.size() != weights.size())
    reject("values has " + std::to_string(values.size()) + " entries but weights has " +
           std::to_string(weights.size()) + "; they must match one to one");
  double total = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i]))
      reject("value " + std::to_string(i + 1) + " (" + number(values[i]) +
             ") is not a finite number");
    if (!std::isfinite(weights[i]))
      reject("weight " + std::to_string(i + 1) + " (" + number(weights[i]) +
             ") is not a finite number");
    if (weights[i] < 0.0)
      reject("weight " + std::to_string(i + 1) + " (" + number(weights[i]) + ") is negative");
    total += weights[i];
  }
  if (!(total > 0.0) || !std::isfinite(total))
    reject("weights sum to " + number(total) + "; they must sum to a positive number");

  // Sort by value (stable, so equal values keep their order) to make the quantile monotone.
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t i, std::size_t j) { return values[i] < values[j]; });
  Distribution d;
  d.kind_ = DistributionKind::Discrete;
  double running = 0.0;
  for (std::size_t i : order) {
    d.values_.push_back(values[i]);
    d.weights_.push_back(weights[i]);
    running += weights[i];
    d.cumulative_weights_.push_back(running / total);
  }
  d.cumulative_weights_.back() = 1.0;  // rounding must not leave a gap below u -> 1
  return with_finite_mean(std::move(d));
}

std::string Distribution::describe() const {
  switch (kind_) {
    case DistributionKind::Fixed:
      return "fixed(value=" + written(p1_) + ")";
    case DistributionKind::Uniform:
      return "uniform(min=" + written(p1_) + ", max=" + written(p2_) + ")";
    case DistributionKind::Triangular:
      return "triangular(min=" + written(p1_) + ", mode=" + written(p2_) + ", max=" + written(p3_) +
             ")";
    case DistributionKind::Pert:
      return "pert(min=" + written(p1_) + ", mode=" + written(p2_) + ", max=" + written(p3_) +
             ", lambda=" + written(p4_) + ")";
    case DistributionKind::Normal:
      return "normal(mean=" + written(p1_) + ", sd=" + written(p2_) +
             bounds_suffix(lower_, upper_, -kInf) + ")";
    case DistributionKind::Lognormal:
      return "lognormal(mu=" + written(p1_) + ", sigma=" + written(p2_) +
             bounds_suffix(lower_, upper_, 0.0) + ")";
    case DistributionKind::Beta:
      return "beta(alpha=" + written(p1_) + ", beta=" + written(p2_) + ")";
    case DistributionKind::Discrete:
      return "discrete(values=" + list(values_) + ", weights=" + list(weights_) + ")";
  }
  return "fixed(value=" + written(p1_) + ")";
}

}  // namespace pcsim::model
