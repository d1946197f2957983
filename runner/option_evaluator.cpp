#include "runner/option_evaluator.hpp"

#include "engine/simulate.hpp"
#include "model/events.hpp"
#include "model/reference/reference_simulation.hpp"
#include "random/philox_blocks.hpp"
#include "random/philox_events.hpp"

namespace pcsim::runner {

OptionEvaluator::OptionEvaluator(const model::PracticeSet& practices)
    : practices_(practices), workspace_(practices) {
  workspace_.use_wide_kernels(random::best_philox_kernel() == random::PhiloxKernel::Avx512);
}

void OptionEvaluator::central(const model::ModelParameters& parameters,
                              const model::SimulationOutput& out,
                              const model::PracticeTrace* trace) const {
  model::reference::simulate(
      parameters, practices_, [](std::size_t, int) { return model::ExpectationEvents{}; }, out,
      trace);
}

void OptionEvaluator::iteration(const model::ModelParameters& parameters, std::uint64_t seed,
                                std::int64_t iteration, const model::SimulationOutput& out,
                                const model::PracticeTrace* trace) {
  // Iterations are numbered below 2^32 (kMaxIterations), the width of the Philox key word.
  engine::simulate(parameters, workspace_,
                   random::PhiloxEventsFor(seed, static_cast<std::uint32_t>(iteration)), out,
                   trace);
}

}  // namespace pcsim::runner
