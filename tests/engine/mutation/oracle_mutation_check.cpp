// Built only with PCSIM_KERNEL_MUTATION = 1 or 2 (engine/kernel_mutation.hpp: one kernel
// broken on purpose): shows that the oracle test can fail. The same comparison as
// test_reference_oracle.cpp must now find differences between the engine and the
// reference, on the shipped synthetic scenario and on random scenarios.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "engine/kernel_mutation.hpp"
#include "scenarios/scenario.hpp"
#include "tests/engine/oracle_support.hpp"

namespace pcsim::oracle {
namespace {

static_assert(engine::kKernelMutation != 0, "build this file with PCSIM_KERNEL_MUTATION set");

TEST(OracleCatchesMutation, BrokenKernelDivergesFromTheReference) {
  std::mt19937_64 rng(20261204);
  int diverged = 0;
  for (int k = 0; k < 60; ++k) {
    const model::ModelParameters m = random_parameters(rng);
    const model::PracticeSet set = random_practices(rng, m.roles.size());
    const std::uint64_t seed = rng();
    engine::Workspace workspace(set);
    const Figures fast = run_engine(m, workspace, seed, static_cast<std::uint32_t>(k));
    const Figures plain = run_reference(m, set, seed, static_cast<std::uint32_t>(k));
    diverged += first_difference(fast, plain, m.horizon_years).empty() ? 0 : 1;
  }
  EXPECT_GT(diverged, 10) << "the broken kernel went unnoticed";
}

}  // namespace
}  // namespace pcsim::oracle
