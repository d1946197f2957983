#pragma once
// Means and standard errors of rows of figures added one iteration at a time (the
// stochastic change by driver, runner/driver_run.cpp).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "core/not_a_number.hpp"

namespace pcsim::runner {

// Sums of each row over the iterations, added in iteration order, and the sums of each
// row's deviations from its first iteration's value and of their squares: shifted so that
// the variance of a figure of £ millions that barely varies is not lost to cancellation
// (unshifted, a constant £7.2m had a standard error of 0.04 where it is 0).
struct RowMoments {
  std::vector<double> sum, first, shifted, shifted_squares;
  void add(std::span<const double> x) {
    if (sum.empty()) {
      sum.assign(x.size(), 0.0);
      first.assign(x.begin(), x.end());
      shifted.assign(x.size(), 0.0);
      shifted_squares.assign(x.size(), 0.0);
    }
    for (std::size_t i = 0; i < x.size(); ++i) {
      sum[i] += x[i];
      const double d = x[i] - first[i];
      shifted[i] += d;
      shifted_squares[i] += d * d;
    }
  }
  // Means and standard errors of the means (NaN below two iterations, and where a figure
  // is NaN in any iteration).
  void finish(double n, std::vector<double>& mean, std::vector<double>& se) const {
    mean.resize(sum.size());
    se.resize(sum.size());
    for (std::size_t i = 0; i < sum.size(); ++i) {
      mean[i] = sum[i] / n;
      const double variance = (shifted_squares[i] - shifted[i] * shifted[i] / n) / (n - 1);
      // NaN where a figure is undefined in some iteration (std::max would make it 0).
      se[i] = n > 1 && !std::isnan(variance) ? std::sqrt(std::max(0.0, variance) / n) : kNaN;
    }
  }
};

}  // namespace pcsim::runner
