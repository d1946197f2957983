#pragma once
// The planner analytics of `pcsim run` (docs/cli.md): the change by driver (--drivers,
// --driver-iterations), Sobol indices by year from a Saltelli design (--sobol,
// --bootstrap) and, whenever the run compares options over enough iterations, the EVPPI.
// Computed after the run's iterations and stored in the same results file.
#include <cstdint>
#include <ostream>

#include "output/run_results.hpp"
#include "runner/communicator.hpp"
#include "runner/run_engine.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

struct AnalyticsOptions {
  bool drivers = false;                // --drivers: the change by driver
  std::int64_t driver_iterations = 0;  // --driver-iterations N: stochastic, the run's first N
  std::int64_t sobol_rows = 0;         // --sobol N: a Saltelli design of N rows; 0 none
  int bootstrap = 1000;                // --bootstrap B: resamples for the Sobol intervals
};

// What can be refused before the run starts (UsageError): --driver-iterations without
// --drivers or above the run's iterations, --driver-iterations with --central.
void check_analytics(const AnalyticsOptions& options, const RunSettings& settings);

// Computes the analytics asked for, and the EVPPI when the run allows it, into
// results.analytics. Each phase says what it runs on `err` and shows its progress there
// (nothing when `quiet`). Rethrows what the model throws.
//
// Processes: the change by driver and the Sobol design are spread over them (collective;
// every process calls this); the EVPPI, a regression on the run's draws without model
// runs, is computed by rank 0 alone, which alone holds the results and prints.
void add_analytics(const scenarios::Scenario& scenario, const RunSettings& settings,
                   const AnalyticsOptions& options, output::RunResults& results, std::ostream& err,
                   const Communicator& processes = one_process());

}  // namespace pcsim::runner
