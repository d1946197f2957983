#pragma once
// The comparison of options (MODEL.md, "Economics and the comparison of options"): each
// option against the baseline, iteration by iteration, and which option is best by NPV.
// Iteration i of every option saw the same parameter draws and event streams (common
// random numbers), so the paired difference option(i) - baseline(i) isolates the option's
// effect. Pure computation over RunResults; comparison_writer.cpp stores it.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/metrics.hpp"
#include "output/run_results.hpp"
#include "output/statistics.hpp"

namespace pcsim::output {

// The direction of a metric or scalar named as in model/metrics.hpp; Neither for a name
// the model does not know.
model::Better better_direction(std::string_view name);
// "higher", "lower" or "neither", as stored in the results file.
std::string_view better_label(model::Better better);

// One metric (or scalar) of one option against the baseline.
struct MetricComparison {
  std::string name;
  std::string unit;
  model::Better better = model::Better::Neither;
  // option - baseline per iteration, row-major [iterations x rows] (rows = years for a
  // metric, 1 for a scalar); NaN where either side is NaN.
  std::vector<double> difference;
  std::vector<ColumnSummary> summary;  // [rows]: statistics.hpp over the iterations
  // [rows]: P(option beats baseline) (see probability_beats); NaN for Better::Neither.
  std::vector<double> p_beats_baseline;
};

struct OptionComparison {
  std::string name;
  std::vector<MetricComparison> metrics;  // the option's metrics the baseline also has
  std::vector<MetricComparison> scalars;  // likewise its scalars (npv, payback_year)
};

// Facts about all options together, in run order (the baseline first).
struct OptionsOverview {
  std::vector<std::string> names;
  // Mean NPV over the iterations with an NPV; NaN when the option has no npv scalar.
  std::vector<double> expected_npv;
  // Share of iterations in which the option has the highest NPV, ties split evenly among
  // the tied options; over the iterations in which every option has an NPV. Sums to 1.
  std::vector<double> p_best_npv;
  // Share of iterations with overspend (> 0) in at least one year; NaN without overspend.
  std::vector<double> p_overspend_any_year;
  // Mean appointments_gap of the last year; NaN without appointments_gap or years.
  std::vector<double> expected_gap_last_year;
  // Expected value of perfect information, £:
  //   EVPI = mean_i max_o NPV_o(i) - max_o mean_i NPV_o(i),
  // over the iterations in which every option has an NPV (NaN when there are none, or an
  // option has no npv). What knowing the outcome before choosing would be worth.
  double evpi = 0;
};

// The paired difference option - baseline, element by element (equal lengths).
std::vector<double> paired_difference(std::span<const double> option,
                                      std::span<const double> baseline);

// P(option beats baseline) from the differences data[first + k * stride], k < count: the
// share of the non-NaN differences that point in the better direction (> 0 for Higher,
// < 0 for Lower), a tie (difference 0) counting one half. NaN for Better::Neither or when
// every difference is NaN.
double probability_beats(std::span<const double> data, std::size_t first, std::size_t stride,
                         std::size_t count, model::Better better);

// `option` against `baseline` (both with `iterations` x `years` values per metric, as
// validate_for_writing checks), metric by metric in the option's order; metrics or scalars
// the baseline lacks are left out.
OptionComparison compare_with_baseline(const OptionResults& option, const OptionResults& baseline,
                                       std::size_t iterations, std::size_t years);

// The overview of every option of `results` (any number of options, at least one).
OptionsOverview overview_of_options(const RunResults& results);

}  // namespace pcsim::output
