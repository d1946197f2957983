#include "output/statistics.hpp"

#include "core/not_a_number.hpp"
#include "model/percentile.hpp"
#include "output/sort_doubles.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace pcsim::output {

namespace {

// Summarises the non-NaN values already gathered (in iteration order) in `kept`.
ColumnSummary summarise_kept(std::vector<double>& kept, std::int64_t n_nan) {
  ColumnSummary summary;
  summary.values.fill(kNaN);
  summary.n = static_cast<std::int64_t>(kept.size());
  summary.n_nan = n_nan;
  if (kept.empty()) return summary;

  // Two passes (mean, then squared deviations), summed in iteration order so the result
  // does not depend on anything but the data. The mean sums deviations from the first
  // value: a column of one fixed value then has exactly that value as its mean (2,000
  // draws of 0.035 summed directly average 0.03499999999999821), and large, close values
  // lose fewer digits.
  const double n = static_cast<double>(kept.size());
  const double first = kept.front();
  double deviations = 0;
  for (const double x : kept) deviations += x - first;
  const double mean = first + deviations / n;
  summary.values[0] = mean;
  if (kept.size() > 1) {
    double squares = 0;
    for (const double x : kept) squares += (x - mean) * (x - mean);
    const double sd = std::sqrt(squares / (n - 1));
    summary.values[1] = sd;
    summary.values[2] = sd / std::sqrt(n);
  }

  sort_doubles(kept);
  for (std::size_t i = 0; i < kPercentileLevels.size(); ++i) {
    summary.values[kFirstPercentileColumn + i] = percentile_of_sorted(kept, kPercentileLevels[i]);
  }
  return summary;
}

}  // namespace

double percentile_of_sorted(std::span<const double> sorted, double q) {
  return model::percentile_of_sorted(sorted, q);
}

ColumnSummary summarise(std::span<const double> column) {
  return summarise_strided(column, 0, 1, column.size());
}

ColumnSummary summarise_strided(std::span<const double> data, std::size_t first, std::size_t stride,
                                std::size_t count) {
  if (count > 0 && (stride == 0 || first + (count - 1) * stride >= data.size())) {
    throw std::out_of_range("summarise_strided: column runs past the end of the data");
  }
  std::vector<double> kept;
  kept.reserve(count);
  std::int64_t n_nan = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const double x = data[first + i * stride];
    if (std::isnan(x)) {
      ++n_nan;
    } else {
      kept.push_back(x);
    }
  }
  return summarise_kept(kept, n_nan);
}

}  // namespace pcsim::output
