#pragma once
// `pcsim run --until-se METRIC[@YEAR]:REL`: add batches of iterations until the relative
// standard error of the baseline's mean of one metric falls below REL (docs/cli.md).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "output/run_results.hpp"

namespace pcsim::runner {

// The criterion as written: "npv:0.01", "net_cost@2020/21:0.02".
struct ConvergenceTarget {
  std::string metric;  // a per-year metric or a scalar of model/metrics.hpp
  std::string year;    // a year label such as "2020/21"; empty: the last year
  double rel_se = 0;   // stop when sd / sqrt(n) / |mean| < rel_se
};

// Parses METRIC[@YEAR]:REL. Throws UsageError naming the problem: no ':', an unknown
// metric, a year given for a scalar, or REL not a number above 0.
ConvergenceTarget parse_convergence_target(std::string_view text);

// The relative standard error of the mean of the non-NaN values among data[first],
// data[first + stride], ..., `count` of them:
//   mean = sum x / n,  sd = sqrt(sum (x - mean)^2 / (n - 1)),  rel = sd / sqrt(n) / |mean|.
// NaN with fewer than 2 values, or when mean and sd are both 0; infinite when only the
// mean is 0. A NaN is never below a target, so such a run goes on to its cap.
double relative_standard_error(std::span<const double> data, std::size_t first, std::size_t stride,
                               std::size_t count);

// A target resolved against a run's years: which array and column it reads.
class ConvergenceRule {
 public:
  // Throws UsageError when the year is not one of `year_labels`.
  ConvergenceRule(const ConvergenceTarget& target, const std::vector<std::string>& year_labels);

  // "npv" or "net_cost@2021/22" (the year spelt out even when it was the default).
  const std::string& label() const { return label_; }
  double target() const { return target_; }

  // The relative standard error over the first `iterations` rows of `option` (arrays laid
  // out as output::OptionResults, metrics in model/metrics.hpp order).
  double relative_se(const output::OptionResults& option, std::int64_t iterations) const;
  bool met(double relative_se) const { return relative_se < target_; }

 private:
  bool scalar_ = false;
  std::size_t index_ = 0;  // into by_year or scalars
  std::size_t year_ = 0;   // column of a per-year metric
  std::size_t years_ = 0;
  std::string label_;
  double target_ = 0;
};

}  // namespace pcsim::runner
