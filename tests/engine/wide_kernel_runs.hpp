#pragma once
// Whole runs of the engine both ways, for the AVX-512 kernels' tests: with every wide
// kernel the processor has (as the workspace chooses), and with one of them turned off.
#include <gtest/gtest.h>

#include <cstdint>

#include "engine/engine_workspace.hpp"
#include "engine/simulate.hpp"
#include "random/philox_events.hpp"
#include "tests/engine/engine_test_support.hpp"

namespace pcsim::engine_tests {

// One iteration of `m` on `set` under (seed, iteration): into `wide` by a workspace with
// every wide kernel (expecting the state's `flag` on), into `plain` by one whose state has
// `flag` turned off after its start (simulate's own start keeps the choice).
inline void run_both_ways(const model::ModelParameters& m, const model::PracticeSet& set,
                          bool engine::EngineState::*flag, std::uint64_t seed,
                          std::uint32_t iteration, Results& wide, Results& plain) {
  engine::Workspace wide_workspace(set), plain_workspace(set);
  random::PhiloxEventsFor setup(1, 0);
  EXPECT_TRUE(wide_workspace.start(m, setup).*flag);
  plain_workspace.start(m, setup).*flag = false;
  engine::simulate(m, wide_workspace, random::PhiloxEventsFor(seed, iteration), wide.out);
  engine::simulate(m, plain_workspace, random::PhiloxEventsFor(seed, iteration), plain.out);
}

// `rounds` iterations of runs in which practices close and merge (closures on, mergers
// every other round, the closure threshold every third), 5 years of `practices` patterned
// practices under `seed`, both ways (run_both_ways): every figure the same bit for bit.
inline void expect_closing_runs_agree(bool engine::EngineState::*flag, int practices,
                                      std::uint64_t seed, int rounds) {
  for (int round = 0; round < rounds; ++round) {
    model::ModelParameters m;
    m.horizon_years = 5;
    m.practice_changes.closures = true;
    m.practice_changes.mergers = round % 2 == 0;
    m.workforce.closure_threshold = round % 3 == 0 ? 1.0 : 0.0;
    const model::PracticeSet set = patterned_practices(practices);
    Results wide(m.horizon_years), plain(m.horizon_years);
    run_both_ways(m, set, flag, seed, static_cast<std::uint32_t>(round), wide, plain);
    ASSERT_TRUE(same_bits(wide.by_year, plain.by_year)) << round;
    ASSERT_TRUE(same_bits(wide.scalars, plain.scalars)) << round;
  }
}

}  // namespace pcsim::engine_tests
