// Tests of SimulationWorkspace (model/simulation_workspace.hpp): a workspace reused across
// iterations and parameter sets gives the same figures, bit for bit, as a fresh one, so
// its caches (levelling target, peer benchmarks, practice-file arrays) never go stale.
#include "model/simulation_workspace.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "model/simulate.hpp"
#include "runner/philox_events.hpp"

namespace pcsim::model {
namespace {

PracticeSet five_practices() {
  PracticeSet set;
  set.peer_groups = 2;
  set.neighbourhoods = 2;
  for (int i = 0; i < 5; ++i) {
    PracticeBaseline p;
    p.code = std::string(1, static_cast<char>('A' + i));  // codes A..E
    p.registered_patients = 4000 + 1500 * i;
    p.weighted_patients = p.registered_patients * (0.9 + 0.05 * i);
    p.core_funding = p.weighted_patients * (80 + 7 * i);
    p.peer_group = i % 2;
    p.neighbourhood = i / 3;
    p.gp_headcount[2 + i % 4] = 1 + i;
    p.role_fte = {1.5};
    if (i == 4) p.referrals_per_1000_weighted = 250;  // one rate from the file
    set.practices.push_back(p);
  }
  return set;
}

// Three parameter sets that exercise every cache: target kind and percentile,
// benchmarking on and off with different percentiles.
std::vector<ModelParameters> parameter_sets() {
  ModelParameters base;
  base.horizon_years = 4;
  base.roles.emplace_back();
  base.roles[0].baseline_fte_per_1000 = 0.3;
  base.funding.levelling_up = true;
  std::vector<ModelParameters> sets(3, base);
  sets[0].funding.target = LevellingTarget::Percentile;
  sets[0].funding.target_percentile = 40;
  sets[0].savings.benchmarking = true;
  sets[0].savings.benchmark_percentile = 25;
  sets[1].funding.target = LevellingTarget::Median;
  sets[2].funding.target = LevellingTarget::Percentile;
  sets[2].funding.target_percentile = 75;
  sets[2].savings.benchmarking = true;
  sets[2].savings.benchmark_percentile = 50;
  return sets;
}

struct Figures {
  std::vector<double> by_year, scalars;
  explicit Figures(int h) : by_year(kMetricCount * h), scalars(kScalarMetricCount) {}
  SimulationOutput out(int h) { return SimulationOutput{h, by_year, scalars}; }
  bool operator==(const Figures& o) const {
    return std::memcmp(by_year.data(), o.by_year.data(), by_year.size() * 8) == 0 &&
           std::memcmp(scalars.data(), o.scalars.data(), scalars.size() * 8) == 0;
  }
};

// Fact: one workspace serving the parameter sets in the order A B A C B, stochastic and
// central, gives every figure identical to a fresh simulate() of the same call.
TEST(SimulationWorkspace, ReuseGivesTheFiguresOfAFreshRun) {
  const PracticeSet set = five_practices();
  const std::vector<ModelParameters> sets = parameter_sets();
  SimulationWorkspace workspace(set);
  const int order[] = {0, 1, 0, 2, 1};
  for (std::uint32_t call = 0; call < 5; ++call) {
    const ModelParameters& m = sets[static_cast<std::size_t>(order[call])];
    Figures reused(m.horizon_years), fresh(m.horizon_years);
    simulate(m, workspace, runner::PhiloxEventsFor(11, call), reused.out(m.horizon_years));
    simulate(m, set, runner::PhiloxEventsFor(11, call), fresh.out(m.horizon_years));
    EXPECT_TRUE(reused == fresh) << "call " << call;
    Figures reused_central(m.horizon_years), fresh_central(m.horizon_years);
    const auto central = [](std::size_t, int) { return ExpectationEvents{}; };
    simulate(m, workspace, central, reused_central.out(m.horizon_years));
    simulate(m, set, central, fresh_central.out(m.horizon_years));
    EXPECT_TRUE(reused_central == fresh_central) << "central call " << call;
  }
}

}  // namespace
}  // namespace pcsim::model
