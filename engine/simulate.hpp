#pragma once
#include <utility>

#include "engine/engine_workspace.hpp"
#include "engine/simulate_avx512.hpp"
#include "engine/simulate_years.hpp"
#include "model/parameters.hpp"
#include "model/practice.hpp"
#include "model/simulation_output.hpp"

// The fast engine's entry point (the year loop itself: engine/simulate_years.hpp).
namespace pcsim::engine {

// Runs years 1..H of one stochastic iteration of one option and writes every Metric for
// each year and the scalars to `out`, and the per-practice trace when given. events_for
// is random::PhiloxEventsFor (or events with the same capabilities: named draws,
// uniform and bits_in_blocks). Once the workspace has served one call, a call allocates
// nothing in the practice passes. The loop runs as compiled for AVX-512
// (engine/simulate_avx512.hpp) when the workspace takes the wide kernels and the processor
// has them (Workspace::use_wide_kernels), else as the build compiled it: the same figures.
template <class EventsFor>
void simulate(const ModelParameters& m, Workspace& workspace, EventsFor&& events_for,
              const SimulationOutput& out, const PracticeTrace* trace = nullptr) {
#if defined(PCSIM_SIMULATE_AVX512)
  if (workspace.uses_avx512_loop()) {
    simulate_years_avx512(m, workspace, events_for, out, trace);
    return;
  }
#endif
  detail::simulate_years(m, workspace, events_for, out, trace);
}

// The same with a workspace of its own (allocates the state for this call).
template <class EventsFor>
void simulate(const ModelParameters& m, const PracticeSet& practices, EventsFor&& events_for,
              const SimulationOutput& out, const PracticeTrace* trace = nullptr) {
  Workspace workspace(practices);
  simulate(m, workspace, std::forward<EventsFor>(events_for), out, trace);
}

}  // namespace pcsim::engine
