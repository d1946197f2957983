// The year loop's AVX-512 clone (engine/simulate_avx512.hpp) against the loop as the build
// compiles it: the same figures bit for bit on random scenarios with every module on or off
// and on the shipped scenarios, traced and untraced, with the same kernels chosen; and
// engine::simulate takes the clone exactly where the processor can. (The oracle test, which runs
// engine::simulate, holds the clone to the reference as well wherever it runs.)
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <utility>

#include "engine/avx512_kernels.hpp"
#include "engine/engine_workspace.hpp"
#include "engine/simulate.hpp"
#include "engine/simulate_avx512.hpp"
#include "engine/simulate_years.hpp"
#include "scenarios/scenario.hpp"
#include "tests/engine/oracle_support.hpp"

namespace pcsim::oracle {
namespace {

TEST(SimulateAvx512, WorkspaceTakesTheCloneExactlyWhereTheProcessorCan) {
  std::mt19937_64 rng(7);
  const model::PracticeSet set = random_practices(rng, 1);
  engine::Workspace workspace(set);
  EXPECT_EQ(workspace.uses_avx512_loop(), engine::simulate_avx512_supported());
  workspace.use_wide_kernels(false);
  EXPECT_FALSE(workspace.uses_avx512_loop());
  workspace.use_wide_kernels(true);
  EXPECT_EQ(workspace.uses_avx512_loop(), engine::simulate_avx512_supported());
#if !defined(PCSIM_SIMULATE_AVX512)
  EXPECT_FALSE(engine::simulate_avx512_supported());  // a build without the clone
#endif
}

#if defined(PCSIM_SIMULATE_AVX512)
// One iteration through the clone or the generic loop, traced or not, in `workspace`.
Figures run_year_loop_either_way(bool clone, bool traced, const model::ModelParameters& m,
                                 engine::Workspace& workspace, std::uint64_t seed,
                                 std::uint32_t iteration) {
  Figures f = empty_figures(m.horizon_years, workspace.practices().practices.size());
  const model::PracticeTrace trace = trace_of(f, m.horizon_years);
  random::PhiloxEventsFor events(seed, iteration);
  const model::SimulationOutput out{m.horizon_years, f.by_year, f.scalars};
  if (clone)
    engine::simulate_years_avx512(m, workspace, events, out, traced ? &trace : nullptr);
  else
    engine::detail::simulate_years(m, workspace, events, out, traced ? &trace : nullptr);
  return f;
}

TEST(SimulateAvx512, CloneEqualsTheGenericLoopOnRandomScenarios) {
  if (!engine::simulate_avx512_supported()) GTEST_SKIP() << "this processor has no AVX-512";
  std::mt19937_64 rng(20261207);
  int compared = 0;
  for (int k = 0; k < 200; ++k) {
    const model::ModelParameters m = random_parameters(rng);
    const model::PracticeSet set = random_practices(rng, m.roles.size());
    const std::uint64_t seed = rng();
    // Each way in its own workspace (as two threads would), reused for both iterations.
    engine::Workspace generic_workspace(set), clone_workspace(set);
    for (std::uint32_t i = 0; i < 2; ++i) {
      const bool traced = i == 0;
      const Figures generic =
          run_year_loop_either_way(false, traced, m, generic_workspace, seed, i);
      const Figures clone = run_year_loop_either_way(true, traced, m, clone_workspace, seed, i);
      EXPECT_EQ(first_difference(clone, generic, m.horizon_years), "")
          << "random scenario " << k << " (seed " << seed << "), iteration " << i
          << (traced ? ", traced" : ", untraced");
      ++compared;
    }
  }
  EXPECT_EQ(compared, 400);
}

// Every option of the shipped scenarios at their central values, stochastic events.
TEST(SimulateAvx512, CloneEqualsTheGenericLoopOnShippedScenarios) {
  if (!engine::simulate_avx512_supported()) GTEST_SKIP() << "this processor has no AVX-512";
  const std::pair<const char*, std::uint32_t> runs[] = {
      {"bolton.toml", 6}, {"delegation-options.toml", 3}, {"national.toml", 2}};
  for (const auto& [name, iterations] : runs) {
    const scenarios::Scenario scenario =
        scenarios::load_scenario(std::filesystem::path(PCSIM_SOURCE_DIR) / "scenarios" / name);
    for (const auto& option : scenario.options) {
      const model::ModelParameters& m = option.central;
      engine::Workspace generic_workspace(scenario.practices), clone_workspace(scenario.practices);
      for (std::uint32_t i = 0; i < iterations; ++i) {
        const bool traced = i % 2 == 1;
        const Figures generic =
            run_year_loop_either_way(false, traced, m, generic_workspace, scenario.seed, i);
        const Figures clone =
            run_year_loop_either_way(true, traced, m, clone_workspace, scenario.seed, i);
        EXPECT_EQ(first_difference(clone, generic, m.horizon_years), "")
            << name << ", option " << option.name << ", iteration " << i;
      }
    }
  }
}
#endif

}  // namespace
}  // namespace pcsim::oracle
