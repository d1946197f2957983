// The oracle test (docs/model.md, "The reference and the engine"): the fast engine must
// compute exactly what the plain reference computes, bit for bit, for every figure — every
// metric of every year, the scalars and the per-practice traces — on the shipped
// scenarios and on random scenarios with every module on or off, drawing the same keyed
// random numbers. The engine claims bit-identity everywhere (it calls the same equation
// functions in the same order and draws the same uniforms), so no tolerance is allowed.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <string>

#include "scenarios/scenario.hpp"
#include "tests/engine/oracle_support.hpp"

namespace pcsim::oracle {
namespace {

namespace fs = std::filesystem;

// Runs `iterations` iterations of the engine (one workspace, reused as the runner reuses
// it) and of the reference, and returns the first difference found, or "".
// A figure the model did not write stays NaN: every metric but the ratios (NaN when the
// investment is 0) must be written, so that equal NaNs cannot hide two silent runs.
std::string unwritten(const Figures& f, int years) {
  const auto h = static_cast<std::size_t>(years);
  for (std::size_t i = 0; i < f.by_year.size(); ++i) {
    const auto metric = static_cast<model::Metric>(i / h);
    if (metric == model::Metric::Roi || metric == model::Metric::CumulativeRoi) continue;
    if (std::isnan(f.by_year[i])) return std::string(model::kMetrics[i / h].name) + " not written";
  }
  return {};
}

std::string compare(const model::ModelParameters& m, const model::PracticeSet& set,
                    std::uint64_t seed, std::uint32_t first, std::uint32_t iterations) {
  engine::Workspace workspace(set);
  for (std::uint32_t i = first; i < first + iterations; ++i) {
    const Figures fast = run_engine(m, workspace, seed, i);
    const Figures plain = run_reference(m, set, seed, i);
    if (const std::string gap = unwritten(plain, m.horizon_years); !gap.empty()) return gap;
    const std::string difference = first_difference(fast, plain, m.horizon_years);
    if (!difference.empty()) return "iteration " + std::to_string(i) + ": " + difference;
    // And without a trace, as plain runs call it: every metric and scalar the same (the
    // traces, which it does not write, taken from the reference's to leave them out).
    Figures untraced = run_engine_untraced(m, workspace, seed, i);
    untraced.traces = plain.traces;
    const std::string untraced_difference = first_difference(untraced, plain, m.horizon_years);
    if (!untraced_difference.empty())
      return "iteration " + std::to_string(i) + " without a trace: " + untraced_difference;
  }
  return {};
}

// Every option of a shipped scenario at its central parameter values, stochastic events.
void check_shipped(const std::string& name, std::uint32_t iterations) {
  const scenarios::Scenario scenario =
      scenarios::load_scenario(fs::path(PCSIM_SOURCE_DIR) / "scenarios" / name);
  for (const auto& option : scenario.options) {
    const std::string difference =
        compare(option.central, scenario.practices, scenario.seed, 0, iterations);
    EXPECT_EQ(difference, "") << name << ", option " << option.name;
  }
}

TEST(ReferenceOracle, SyntheticScenario) { check_shipped("synthetic.toml", 20); }
TEST(ReferenceOracle, BoltonScenario) { check_shipped("bolton.toml", 10); }
TEST(ReferenceOracle, DelegationOptionsScenario) { check_shipped("delegation-options.toml", 5); }
TEST(ReferenceOracle, NationalScenario) { check_shipped("national.toml", 1); }

// 400 random scenario/seed pairs: random parameters (every module on or off), random
// practice sets (tiny to large lists; no GP, single-handed, and practices too large for
// the packed GP form), three iterations each in one engine workspace.
TEST(ReferenceOracle, RandomScenarios) {
  std::mt19937_64 rng(20261204);
  int compared = 0;
  for (int k = 0; k < 400; ++k) {
    const model::ModelParameters m = random_parameters(rng);
    const model::PracticeSet set = random_practices(rng, m.roles.size());
    const std::uint64_t seed = rng();
    const std::string difference = compare(m, set, seed, static_cast<std::uint32_t>(k), 3);
    EXPECT_EQ(difference, "") << "random scenario " << k << " (seed " << seed << ")";
    ++compared;
  }
  EXPECT_EQ(compared, 400);
}

}  // namespace
}  // namespace pcsim::oracle
