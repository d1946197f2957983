#pragma once
// The central case of a run (MODEL.md, Shape of a run): every parameter at its central
// value (the mode, or the mean), every random event at its expectation — exactly what
// `pcsim run --central` computes — run once per option beside the Monte Carlo iterations,
// so the results file and the summary show it next to the mean and the percentiles
// (issue 11: the two can differ a lot, and a reader must see both).
#include "output/run_results.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// Fills central_by_year and central_scalars of every option of `results` (which must hold
// the scenario's options in order, each with the metric and scalar names of model/metrics.hpp
// in table order, as run_scenario allocates them). Deterministic: no random draw is made.
void add_central_case(const scenarios::Scenario& scenario, output::RunResults& results);

}  // namespace pcsim::runner
