#pragma once

// A switch that breaks one kernel on purpose, for the test build that shows the oracle
// test can fail (tests/engine/mutation/oracle_mutation_check.cpp builds the engine with
// PCSIM_KERNEL_MUTATION = 1 or 2). Always 0 in the engine pcsim runs.
//   1: the recruitment pass takes the binomial's uniform and the extra post's uniform
//      from each other's lanes;
//   2: the GP pass compares a GP's bits with the next band's thresholds.
#ifndef PCSIM_KERNEL_MUTATION
#define PCSIM_KERNEL_MUTATION 0
#endif

namespace pcsim::engine {
inline constexpr int kKernelMutation = PCSIM_KERNEL_MUTATION;
}  // namespace pcsim::engine
