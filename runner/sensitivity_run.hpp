#pragma once
// The engine of `pcsim sensitivity` (docs/cli.md): for one option of a scenario,
//   (a) Spearman rank correlations of every uncertain parameter with every output, from a
//       Monte Carlo run drawn exactly as `pcsim run` draws it (the scenario's sampling plan
//       for the parameters, Philox events);
//   (b) a tornado: the central case, then each uncertain parameter alone at its 10th and
//       90th percentiles, the others central, events at their expectation;
//   (c) optionally, first-order and total Sobol indices (runner/sobol.hpp) with events at
//       their expectation, so the indices share out the variance due to PARAMETER
//       uncertainty only. The design treats the parameters as independent: rank
//       correlations of the scenario's [sampling] section are not applied to it.
// Every model evaluation writes only its own slot, so the results are bit-identical for
// any number of threads and processes.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/parameters.hpp"
#include "output/sensitivity_results.hpp"
#include "runner/communicator.hpp"
#include "runner/progress.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// The tornado's percentiles (as probabilities).
inline constexpr double kTornadoLow = 0.1;
inline constexpr double kTornadoHigh = 0.9;

struct SensitivitySettings {
  std::uint64_t seed = 1;
  std::int64_t iterations = 1000;  // Monte Carlo iterations for the Spearman correlations
  std::int64_t sobol_rows = 0;     // N of the Saltelli design; 0: no Sobol indices
  int bootstrap = 1000;            // resamples for the Sobol confidence intervals
  int threads = 1;
};

// The entries of `option` that have a distribution (fixed entries are left out), in the
// option's order.
std::vector<const scenarios::ParameterEntry*> uncertain_entries(
    const scenarios::OptionSpec& option);

// The central case's parameters (MODEL.md, Shape of a run): the option's settings with
// every uncertain entry at its distribution's central value (the mode, or the mean).
model::ModelParameters central_parameters(const scenarios::OptionSpec& option);

// The index of the option named `name` (throws InputError listing the options if none).
std::size_t option_index(const scenarios::Scenario& scenario, const std::string& name);

// Runs (a), (b) and, when settings.sobol_rows > 0, (c) for scenario.options[option].
// Progress counts model evaluations: iterations + 2 P + 1 + N (P + 2).
// Throws InputError for settings out of range; rethrows what the model throws.
//
// Processes: the model runs of (a), (b) and (c) are spread over them (runner/
// distributed_rows.hpp); rank 0 receives them in order and alone returns the complete
// results (the others return the labels only). Collective.
output::SensitivityResults run_sensitivity(const scenarios::Scenario& scenario, std::size_t option,
                                           const SensitivitySettings& settings, Progress& progress,
                                           const Communicator& processes = one_process());

}  // namespace pcsim::runner
