#pragma once
#include <limits>

namespace pcsim::model {

// Standard normal CDF Phi(x) and survival function Q(x) = 1 - Phi(x), each accurate in its
// own tail (erfc keeps relative accuracy where 1 - Phi would cancel).
double standard_normal_cdf(double x);
double standard_normal_survival(double x);
double standard_normal_pdf(double x);

// Phi(b) - Phi(a) for a <= b, computed without cancellation in either tail.
double standard_normal_mass(double a, double b);

// A standard normal Z restricted to [a, b] (either end may be infinite). Used by the normal
// and lognormal distributions: X = mean + sd Z, or X = exp(mu + sigma Z). Sampling follows
// u -> Phi(a) + u (Phi(b) - Phi(a)) -> Phi^-1; when the interval lies in the upper tail the
// same map is applied to survival functions so that far-tail truncations keep their digits.
class StandardTruncatedNormal {
 public:
  static constexpr double kInf = std::numeric_limits<double>::infinity();

  StandardTruncatedNormal() = default;          // untruncated
  StandardTruncatedNormal(double a, double b);  // requires a < b (checked by the caller)

  double lower() const { return a_; }
  double upper() const { return b_; }
  double mass() const { return mass_; }  // Phi(b) - Phi(a)
  bool is_truncated() const { return a_ > -kInf || b_ < kInf; }

  // z in [a, b] at cumulative probability u of the truncated law, 0 < u < 1.
  double quantile(double u) const;
  // E[Z] = (phi(a) - phi(b)) / mass.
  double mean() const;
  // Var[Z] = 1 + (a phi(a) - b phi(b)) / mass - E[Z]^2.
  double variance() const;
  // E[exp(t Z)] = exp(t^2 / 2) (Phi(b - t) - Phi(a - t)) / mass: the lognormal moments.
  double exp_moment(double t) const;

 private:
  double a_ = -kInf, b_ = kInf;
  bool upper_side_ = false;  // true when a > 0: edges hold Q(a), Q(b) instead of Phi(a), Phi(b)
  double edge_a_ = 0.0, edge_b_ = 1.0;
  double mass_ = 1.0;
};

}  // namespace pcsim::model
