#pragma once
// The change by driver (docs/model.md, "Change by driver"): every option is run with every
// subset of the active drivers switched on (2^k runs for k drivers, runner/drivers.hpp),
// and each metric's change from the base year, and each option's difference from the
// baseline, is split between the drivers by exact Shapley values (runner/shapley.hpp).
//
// Central (the default): each subset is the central case, run by the reference with
// events at their expectation. Stochastic (iterations > 0): each subset of iteration i is
// run by the engine with iteration i's parameter draws and events, the very draws of
// iteration i of `pcsim run` (common random numbers), and the splits are averaged over
// the iterations, with their standard errors. Results do not depend on the thread count.
#include <cstdint>

#include <vector>

#include "output/analytics_results.hpp"
#include "runner/communicator.hpp"
#include "runner/drivers.hpp"
#include "runner/progress.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

struct DriverSettings {
  std::uint64_t seed = 1;
  // 0: the central case. N > 0: the first N iterations of the run, drawn as a run of
  // `run_iterations` iterations draws them (its Latin hypercube and rank correlations
  // are laid out over all of them); N <= run_iterations.
  std::int64_t iterations = 0;
  std::int64_t run_iterations = 0;
  int threads = 1;
};

// The number of model runs run_drivers makes: options x 2^k x max(1, iterations).
std::int64_t driver_runs(const scenarios::Scenario& scenario, const DriverSettings& settings);

// Runs every option with every subset of the active drivers and splits every metric and
// scalar. Throws InputError when the settings are out of range; rethrows what the model
// throws. Progress counts model runs.
//
// Processes: the runs (central) or iterations (stochastic) are spread over them
// (runner/distributed_rows.hpp); rank 0 gathers them in order and alone returns the
// splits (the others return the drivers' names). Collective.
output::DriverResults run_drivers(const scenarios::Scenario& scenario,
                                  const DriverSettings& settings, Progress& progress,
                                  const Communicator& processes = one_process());

// The same over the given drivers (at most kMaxShapleyPlayers), active or not: a driver
// that is off in every option gets exactly 0 (what the tests check).
output::DriverResults run_drivers(const scenarios::Scenario& scenario,
                                  const DriverSettings& settings,
                                  const std::vector<const Driver*>& drivers, Progress& progress,
                                  const Communicator& processes = one_process());

}  // namespace pcsim::runner
