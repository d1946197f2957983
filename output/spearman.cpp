#include "output/spearman.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "output/sort_doubles.hpp"

namespace pcsim::output {

std::vector<double> average_ranks(std::span<const double> values) {
  // A NaN equals nothing, not even itself: the run of ties below would never advance.
  if (std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); }))
    throw std::invalid_argument("average_ranks: a NaN value (drop the NaN pairs first)");
  const std::size_t n = values.size();
  // The ranks do not depend on the order among equal values (-0 and +0 are equal).
  const std::vector<std::size_t> order = sorted_positions(values);
  std::vector<double> ranks(n);
  std::size_t first = 0;
  while (first < n) {
    std::size_t last = first;  // one past the run of values equal to values[order[first]]
    while (last < n && values[order[last]] == values[order[first]]) ++last;
    // Positions first..last-1 hold ranks first+1..last; their average is (first+1+last)/2.
    const double rank = 0.5 * static_cast<double>(first + 1 + last);
    for (std::size_t k = first; k < last; ++k) ranks[order[k]] = rank;
    first = last;
  }
  return ranks;
}

CentredSeries centred(std::span<const double> x) {
  CentredSeries c;
  const auto n = static_cast<double>(x.size());
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / n;
  c.deviations.resize(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    c.deviations[i] = x[i] - mean;
    c.squares += c.deviations[i] * c.deviations[i];
  }
  return c;
}

double pearson(const CentredSeries& x, const CentredSeries& y) {
  if (x.deviations.size() != y.deviations.size())
    throw std::invalid_argument("pearson: series of different lengths");
  const std::size_t n = x.deviations.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (n < 2) return nan;
  double sxy = 0;
  for (std::size_t i = 0; i < n; ++i) sxy += x.deviations[i] * y.deviations[i];
  if (x.squares <= 0 || y.squares <= 0) return nan;
  // Rounding can push |r| a hair past 1 for perfectly related series.
  return std::clamp(sxy / std::sqrt(x.squares * y.squares), -1.0, 1.0);
}

double pearson(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size()) throw std::invalid_argument("pearson: series of different lengths");
  if (x.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  return pearson(centred(x), centred(y));
}

double spearman(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size()) throw std::invalid_argument("spearman: series of different lengths");
  std::vector<double> kept_x, kept_y;
  kept_x.reserve(x.size());
  kept_y.reserve(y.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i]) || std::isnan(y[i])) continue;
    kept_x.push_back(x[i]);
    kept_y.push_back(y[i]);
  }
  return pearson(average_ranks(kept_x), average_ranks(kept_y));
}

}  // namespace pcsim::output
