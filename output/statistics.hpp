#pragma once
// Summary statistics of one column of Monte Carlo results (one metric, one year, all
// iterations). NaN marks "no value" (e.g. a return on zero investment): it is left out of
// every statistic and counted.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace pcsim::output {

// The statistics, in the order they are stored (the columns of every summary dataset).
inline constexpr std::array<std::string_view, 10> kStatisticNames = {
    "mean", "sd", "se", "p5", "p10", "p25", "p50", "p75", "p90", "p95"};
inline constexpr std::size_t kStatisticCount = kStatisticNames.size();

// The percentile levels (in %) of the p-columns, in the same order as in kStatisticNames.
inline constexpr std::array<double, 7> kPercentileLevels = {5, 10, 25, 50, 75, 90, 95};
inline constexpr std::size_t kFirstPercentileColumn = 3;  // "p5"

struct ColumnSummary {
  std::array<double, kStatisticCount> values{};  // in kStatisticNames order; NaN if undefined
  std::int64_t n = 0;                            // values that are not NaN
  std::int64_t n_nan = 0;                        // values that are NaN
};

// Statistics of the non-NaN values of `column`:
//   mean = x_1 + sum (x - x_1) / n (= sum x / n; exactly x_1 when every value is x_1);  sd =
//   sqrt(sum (x - mean)^2 / (n - 1));  se = sd / sqrt(n); percentiles by linear interpolation
//   between order statistics (Hyndman and Fan type 7, the default of R and NumPy;
//   model/percentile.hpp uses the same definition).
// With n = 0 every statistic is NaN; with n = 1 sd and se are NaN.
ColumnSummary summarise(std::span<const double> column);

// The same for a column that is strided in a row-major array: the elements
// data[first], data[first + stride], ..., `count` of them (e.g. one year's column of an
// [iterations x years] array).
ColumnSummary summarise_strided(std::span<const double> data, std::size_t first, std::size_t stride,
                                std::size_t count);

// The q-th percentile (0 <= q <= 100) of ascending `sorted` values by type 7 interpolation:
// h = (n - 1) q / 100, x_(floor h) + (h - floor h)(x_(floor h + 1) - x_(floor h)).
// NaN when `sorted` is empty.
double percentile_of_sorted(std::span<const double> sorted, double q);

}  // namespace pcsim::output
