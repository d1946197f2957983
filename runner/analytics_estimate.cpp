#include "runner/analytics_estimate.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "model/metrics.hpp"
#include "runner/drivers.hpp"
#include "runner/evppi.hpp"
#include "runner/penalised_regression.hpp"
#include "runner/sampling_plan.hpp"
#include "runner/sensitivity_run.hpp"

namespace pcsim::runner {

namespace {

// The planner analytics (runner/analytics.hpp). Their tables are written uncompressed
// (output/hdf5_datasets.hpp, write_plain_doubles), so their values count the same in every
// bound of the file. Their datasets are small: measured on the shipped scenarios, each
// takes 450 to 600 bytes of HDF5 metadata beside its values and its string attributes
// (counted at 700 at most, 550 typically, 450 at least), and each string, in an attribute
// or a string dataset, 32 bytes beside its characters rounded up to 8 (its reference and
// its object in the global heap): a decomposition by driver of delegation-options.toml at
// 120 iterations (10 drivers, 854 datasets) added 2,032,071 bytes, 765,912 of them values.
constexpr double kDouble = sizeof(double);
constexpr double kAnalyticsBytesPerDataset = 700;
constexpr double kAnalyticsTypicalBytesPerDataset = 550;
constexpr double kAnalyticsLeastBytesPerDataset = 450;
// Writing them, HDF5's metadata cache and free lists grow, after the analytics' working
// sets are freed: measured at 10 to 18 KB a dataset written (delegation-options.toml at
// 120 iterations: +8.6 MB for the 854 datasets of --drivers, +9 MB for the 488 of
// --sobol 1), counted at 20 KB, up to 32 MiB (the metadata cache's largest size).
constexpr double kAnalyticsMemoryPerDataset = 20.0 * 1024;
constexpr double kAnalyticsMemoryOfDatasets = 32.0 * (1 << 20);
// The drivers' stochastic splits are gathered in chunks of 32 iterations a process
// (runner/driver_run.cpp, kBatch), the Sobol design in chunks of 16 rows
// (runner/sobol_by_year.cpp, kSobolRowsPerProcess).
constexpr double kDriverChunkIterations = 32;
constexpr double kSobolChunkRows = 16;

// The file bytes of one string of `characters` characters (above).
double string_bytes(double characters) { return 32 + 8 * std::ceil(characters / 8); }
double string_bytes(std::string_view text) {
  return string_bytes(static_cast<double>(text.size()));
}

// The bytes of one regression of the EVPPI (runner/penalised_regression.cpp) on `g`
// inputs and `n` pairs: the design (sparse, about 12 bytes a cell), the fitted values and
// the posterior factor it keeps; and, while it is fitted, the ranks of its inputs, the
// design's cells (16 bytes each), its penalties and the normal equations of a trial (four
// more matrices of its coefficients).
struct FitBytes {
  double kept = 0, fitting = 0;
};
FitBytes evppi_fit_bytes(double n, double g) {
  double cells = 0, coefficients = 0, penalties = 0;
  if (n < static_cast<double>(kMinSplinePairs)) {
    cells = g + 1;
    coefficients = g + 1;
  } else if (g == 1) {
    cells = 4;
    coefficients = std::clamp(std::floor(n / 50), 3.0, 20.0) + 3;
    penalties = 1;
  } else if (g == 2) {
    cells = 16;
    const double m = std::clamp(std::floor(std::sqrt(n / 50)), 3.0, 7.0) + 3;
    coefficients = m * m;
    penalties = 2;
  } else {
    cells = 4 * g;
    coefficients = (std::clamp(std::floor(n / (50 * g)), 3.0, 6.0) + 3) * g;
    penalties = g;
  }
  const double square = coefficients * coefficients * kDouble;
  FitBytes bytes;
  bytes.kept = n * cells * 12 + n * 4 + n * kDouble + square;
  bytes.fitting = 2 * g * n * kDouble + n * cells * 16 + (penalties + 4) * square;
  return bytes;
}

}  // namespace

AnalyticsEstimate estimate_analytics(const scenarios::Scenario& scenario,
                                     const RunSettings& settings, const AnalyticsOptions& options,
                                     double n, double threads, bool stored_uniforms) {
  AnalyticsEstimate a;
  const double option_count = static_cast<double>(scenario.options.size());
  const double compared = option_count > 1 ? option_count - 1 : 0;
  const double years = scenario.options.empty()
                           ? 0.0
                           : static_cast<double>(scenario.options.front().central.horizon_years);
  // C: every column of every output (the years of each metric, one of each scalar).
  const double columns = static_cast<double>(model::kMetricCount) * years +
                         static_cast<double>(model::kScalarMetricCount);
  const double outputs = static_cast<double>(model::kOutputCount);
  // Each dataset's attribute `columns`: a year label ("2024/25") or "horizon" a column.
  const double column_names = columns * string_bytes(7);
  const double unit = string_bytes(16);  // an output's unit ("appointments", "GBP")
  double working = 0;

  if (options.drivers) {
    // Every option with every subset of the k active drivers switched on, split into a
    // waterfall (k + 2 rows) and the drivers alone (k + 1 rows) of every column, for each
    // option's change and each option's difference from the baseline: 2 O - 1
    // decompositions of 2 datasets an output (and their standard errors, stochastic).
    const bool stochastic = options.driver_iterations > 0;
    const auto active = active_drivers(scenario, stochastic);
    const double k = static_cast<double>(active.size());
    const double subsets = std::ldexp(1.0, static_cast<int>(active.size()));
    const double split = (2 * k + 3) * columns;  // one decomposition's values
    const double decompositions = option_count + compared;
    const double tables = stochastic ? 2 : 1;
    a.values += decompositions * tables * split * kDouble;
    a.held += decompositions * tables * split * kDouble;
    // The groups: drivers of each option, and change, change_alone, ... of each.
    a.datasets += decompositions * tables * (2 * outputs + 2) + option_count;
    double rows = 0, labels = 0;
    for (const Driver* d : active) {
      rows += string_bytes(d->name);
      labels += string_bytes(d->label) + string_bytes(switches_text(*d));
    }
    // Each dataset names its rows (start, the drivers, end; the drivers, interaction), its
    // columns and its unit; each option's drivers group its drivers, their labels and
    // switches, the drivers left out and the outputs in order.
    const double waterfall_names = rows + 2 * string_bytes(5) + unit;
    const double alone_names = rows + string_bytes(11) + unit;
    a.names +=
        decompositions * tables * (outputs * (waterfall_names + alone_names) + 2 * column_names);
    const double catalogue = static_cast<double>(driver_catalogue().size());
    a.names += option_count * (rows + labels + (catalogue - k) * string_bytes(24) +
                               outputs * string_bytes(24) + 3 * string_bytes(64));
    double driver_work = 2 * option_count * split * kDouble;  // the means ([o][kind])
    if (stochastic) {
      // Per thread: one iteration's runs of every option and their differences; the chunk
      // of splits being gathered (32 iterations of 2 O decompositions); the sums of the
      // splits (four rows each) and their standard errors; the run's stored uniforms,
      // drawn again.
      driver_work += threads * (option_count + 1) * subsets * columns * kDouble;
      driver_work +=
          std::min(kDriverChunkIterations, static_cast<double>(options.driver_iterations)) * 2 *
          option_count * split * kDouble;
      driver_work += 5 * decompositions * split * kDouble;
      if (stored_uniforms) {
        driver_work += 2 * n * static_cast<double>(uncertain_parameter_count(scenario)) * kDouble;
      }
    } else {
      // The central runs of every option and subset (rank 0), and their differences from
      // the baseline's.
      driver_work += (option_count + 1) * subsets * columns * kDouble;
    }
    working = std::max(working, driver_work);
  }

  if (options.sobol_rows > 0) {
    // Each option with Po uncertain parameters, one after the other: the design's
    // N (Po + 2) runs of every column (rank 0), the design itself, the chunk being
    // gathered and, per thread, one column's estimates: its rows' terms (grown, so up to
    // twice their size) and the bootstrap's resampled indices (B resamples).
    const double rows = static_cast<double>(options.sobol_rows);
    const double bootstrap = static_cast<double>(std::max(0, options.bootstrap));
    for (const auto& option : scenario.options) {
      const auto entries = uncertain_entries(option);
      const double p = static_cast<double>(entries.size());
      if (entries.empty()) continue;
      const double sobol_work =
          kDouble * (columns * rows * (p + 2) + 2 * rows * p + kSobolChunkRows * (p + 2) * columns +
                     threads * (6 * rows + 4 * rows * p + 2 * bootstrap * p + 3 * bootstrap));
      working = std::max(working, sobol_work);
      // Per output: the indices [Po x columns x 6] and the variance [columns] (rows_used,
      // a number a column, an attribute).
      a.values += columns * (6 * p + 1) * kDouble;
      a.held += columns * (6 * p + 2) * kDouble;
      a.datasets += 2 * outputs + 3;  // and the groups sensitivity/<o>, sobol_by_year, variance
      // The indices name the parameters, the columns, the six values, their unit and the
      // output's; the variance its columns and unit.
      double parameters = 0;
      for (const auto* entry : entries) parameters += string_bytes(entry->path);
      a.names += outputs * (parameters + 6 * string_bytes(5) + 3 * unit) + 2 * column_names +
                 columns * kDouble + 2 * string_bytes(100);
    }
  }

  // The EVPPI, whenever the run compares options over enough iterations
  // (runner/analytics.cpp, runner/evppi.hpp): no flag asks for it. One row a parameter
  // group: three string datasets and four of numbers (two of one column an option after
  // the baseline).
  const auto paths = uncertain_paths(scenario);
  if (!settings.central && option_count >= 2 && n >= static_cast<double>(kMinEvppiIterations) &&
      !paths.empty()) {
    const auto groups = parameter_groups(paths);
    const double g = static_cast<double>(groups.size());
    a.values += g * (2 + 2 * compared) * kDouble;
    a.datasets += 8;
    a.names += option_count * 3 * string_bytes(40) + 2 * string_bytes(256);
    double fits = 0;
    for (const auto& group : groups) {
      double joined = 0;
      for (const auto& parameter : group.parameters)
        joined += static_cast<double>(parameter.size()) + 2;
      a.names += string_bytes(group.name) + string_bytes(joined) + string_bytes(80);
      // The group's draws, each option's fit kept while the next is fitted, the fitted
      // values and one posterior draw of them.
      const double inputs = static_cast<double>(group.parameters.size());
      const FitBytes fit = evppi_fit_bytes(n, inputs);
      fits = std::max(fits, inputs * n * kDouble + compared * fit.kept + fit.fitting +
                                2 * compared * n * kDouble);
    }
    // The npv of every option and every parameter's draws, copied; the usable iterations
    // and each option's gain over the baseline.
    const double evppi_work =
        kDouble * (option_count + static_cast<double>(paths.size()) + 1 + compared) * n + fits;
    working = std::max(working, evppi_work);
  }
  // Their working sets are freed before the file is written, when HDF5's caches grow.
  a.working = std::max(
      working, std::min(kAnalyticsMemoryOfDatasets, a.datasets * kAnalyticsMemoryPerDataset));
  return a;
}

double AnalyticsEstimate::file_bytes_most() const {
  return values + names + datasets * kAnalyticsBytesPerDataset;
}
double AnalyticsEstimate::file_bytes_typical() const {
  return values + names + datasets * kAnalyticsTypicalBytesPerDataset;
}
double AnalyticsEstimate::file_bytes_least() const {
  return values + names + datasets * kAnalyticsLeastBytesPerDataset;
}

}  // namespace pcsim::runner
