#pragma once
// Sobol indices for every year of every metric (docs/model.md, "Sobol indices by year"):
// one Saltelli design (runner/sobol.hpp) for an option's uncertain parameters, the model
// run at each of its N (P + 2) points with events at their expectation (the central case
// by the reference), and Jansen's first-order and total indices with bootstrap intervals
// estimated for each column (each year of each metric, and each scalar) from the same
// runs. `pcsim sensitivity --sobol` and `pcsim run --sobol` both use it.
#include <cstdint>

#include "output/analytics_results.hpp"
#include "runner/communicator.hpp"
#include "runner/progress.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

struct SobolByYearSettings {
  std::uint64_t seed = 1;  // the design's and the bootstrap's
  std::int64_t rows = 0;   // N of the design, at least 1
  int bootstrap = 1000;    // resamples for the intervals (0: NaN intervals)
  int threads = 1;
};

// The model runs of one option's design: N (P + 2).
std::int64_t sobol_runs(const scenarios::OptionSpec& option, std::int64_t rows);

// The indices of scenarios.options[option], every metric (model/metrics.hpp order) and
// scalar, every column. Progress advances by one per model run. An option without an
// uncertain parameter gives empty tables (no variance to share out).
//
// Processes: the design's rows are spread over them (runner/distributed_rows.hpp) and
// rank 0 estimates the indices from every row; the other processes return the parameter
// names only. Collective.
output::OptionSobol sobol_by_year(const scenarios::Scenario& scenario, std::size_t option,
                                  const SobolByYearSettings& settings, Progress& progress,
                                  const Communicator& processes = one_process());

// sobol_by_year for every option with an uncertain parameter (`pcsim run --sobol N`).
output::RunSobol run_sobol(const scenarios::Scenario& scenario, const SobolByYearSettings& settings,
                           Progress& progress, const Communicator& processes = one_process());

}  // namespace pcsim::runner
