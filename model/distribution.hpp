#pragma once
#include <limits>
#include <string>
#include <vector>

#include "model/truncated_normal.hpp"

namespace pcsim::model {

// A parameter's uncertainty (MODEL.md, Shape of a run). Every kind is sampled by its
// inverse CDF from one uniform u in (0, 1), so that Latin hypercube sampling and rank
// correlation act on the uniforms without touching the model.
//
// Construct only through the factories below: they reject impossible parameters by
// throwing std::invalid_argument with a message that names the offending values
// ("min (5) is greater than max (3)"); the scenario reader adds file, line and key.
enum class DistributionKind { Fixed, Uniform, Triangular, Pert, Normal, Lognormal, Beta, Discrete };

class Distribution {
 public:
  static constexpr double kInf = std::numeric_limits<double>::infinity();
  // Beta shapes allowed (a beta's alpha and beta; a PERT's come from lambda). Beyond them a
  // beta is all but fixed (alpha + beta = 1e7 is sd 1.6e-4 at mean 0.5) or all but a coin
  // at 0 and 1, and Boost 1.74's ibeta_inv, which the quantile uses, hangs (shapes 1e20
  // and more) or returns NaN (1e-160).
  static constexpr double kMinBetaShape = 1e-3;
  static constexpr double kMaxBetaShape = 1e7;
  static constexpr double kMaxPertLambda = 1e6;  // PERT's shapes are 1 + lambda x a share

  Distribution() = default;  // fixed at 0
  static Distribution fixed(double value);
  static Distribution uniform(double min, double max);
  static Distribution triangular(double min, double mode, double max);
  static Distribution pert(double min, double mode, double max, double lambda = 4.0);
  // Normal(mean, sd), optionally truncated to [lower, upper].
  static Distribution normal(double mean, double sd, double lower = -kInf, double upper = kInf);
  // Lognormal with log-scale parameters mu and sigma, optionally truncated.
  static Distribution lognormal(double mu, double sigma, double lower = 0.0, double upper = kInf);
  // Lognormal given the mean and sd of the variable itself (not of its log), before any
  // truncation: sigma^2 = ln(1 + sd^2 / mean^2), mu = ln(mean) - sigma^2 / 2.
  static Distribution lognormal_from_moments(double mean, double sd, double lower = 0.0,
                                             double upper = kInf);
  static Distribution beta(double alpha, double beta);
  static Distribution beta_from_moments(double mean, double sd);  // on [0, 1]
  // Values with relative weights (any positive total). Values are kept sorted, so that the
  // quantile is non-decreasing in u, as rank correlation needs.
  static Distribution discrete(std::vector<double> values, std::vector<double> weights);

  // The value at cumulative probability u, 0 < u < 1 (u = 0 and u = 1 give the ends of the
  // support; u outside [0, 1] or NaN throws std::invalid_argument).
  double quantile(double u) const;
  double mean() const;
  double variance() const;
  // The central value of MODEL.md: the mode where the distribution is given by one
  // (triangular, PERT), otherwise the mean.
  double central() const;
  // Smallest and largest values the distribution can take (may be infinite).
  double support_min() const;
  double support_max() const;
  bool is_fixed() const { return kind_ == DistributionKind::Fixed; }
  DistributionKind kind() const { return kind_; }
  // A one-line description stored with results, e.g. "pert(min=1, mode=2, max=4, lambda=4)".
  std::string describe() const;

 private:
  DistributionKind kind_ = DistributionKind::Fixed;
  // The kind's parameters in describe() order: fixed (value), uniform (min, max),
  // triangular (min, mode, max), PERT (min, mode, max, lambda), normal (mean, sd),
  // lognormal (mu, sigma), beta (alpha, beta).
  double p1_ = 0, p2_ = 0, p3_ = 0, p4_ = 0;
  double shape_alpha_ = 1, shape_beta_ = 1;  // Beta shapes of a beta or PERT
  double lower_ = -kInf, upper_ = kInf;      // truncation bounds (normal, lognormal)
  StandardTruncatedNormal standard_;         // the truncation on the standard-normal scale
  std::vector<double> values_, weights_;     // discrete: sorted values, their given weights
  std::vector<double> cumulative_weights_;   // discrete: normalised, last exactly 1
};

}  // namespace pcsim::model
