#pragma once
#include <cstdint>

#include "engine/engine_workspace.hpp"
#include "model/parameters.hpp"
#include "model/practice.hpp"
#include "model/simulation_output.hpp"

namespace pcsim::runner {

// One model run of one option for one set of parameters: the one way every command (run,
// the central case, sensitivity, Sobol, the change by driver) runs the model.
//  - central(): the plain reference, every random event at its expectation (docs/model.md,
//    Central case);
//  - iteration(): the fast engine with the keyed events of (seed, iteration i), the same
//    events for every option of iteration i (common random numbers), which the oracle test
//    holds equal to the reference with the same events.
// The evaluator keeps the engine's workspace between runs, so each range of rows makes
// one and no two threads share it. It writes what the model writes into `out` (and
// `trace` when given); a caller that wants unwritten figures to show fills them first.
class OptionEvaluator {
 public:
  explicit OptionEvaluator(const model::PracticeSet& practices);

  void central(const model::ModelParameters& parameters, const model::SimulationOutput& out,
               const model::PracticeTrace* trace = nullptr) const;
  void iteration(const model::ModelParameters& parameters, std::uint64_t seed,
                 std::int64_t iteration, const model::SimulationOutput& out,
                 const model::PracticeTrace* trace = nullptr);

 private:
  const model::PracticeSet& practices_;
  engine::Workspace workspace_;
};

}  // namespace pcsim::runner
