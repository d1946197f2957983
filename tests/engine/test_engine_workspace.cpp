// Tests of engine::Workspace (engine/engine_workspace.hpp) reused across iterations and
// parameter sets: every figure, bit for bit, as a fresh workspace gives, so its caches
// (the practice file's figures, the levelling targets) never go stale and nothing of one
// call (packed headcounts, closed practices, per-practice GP tables, scratch) leaks into
// the next.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/simulate.hpp"
#include "tests/engine/oracle_support.hpp"

namespace pcsim::engine {
namespace {

// Five practices in two areas and two ICBs, two peer groups; one gives its referral
// rate and one its prescribing cost in the file, one is APMS, one single-handed.
PracticeSet five_practices() {
  PracticeSet set;
  set.peer_groups = 2;
  set.neighbourhoods = 2;
  for (int i = 0; i < 5; ++i) {
    PracticeBaseline p;
    p.code = std::string(1, static_cast<char>('A' + i));
    p.ccg_code = i < 3 ? "C1" : "C2";
    p.icb_code = i < 2 ? "I1" : "I2";
    p.registered_patients = 4000 + 1500 * i;
    p.weighted_patients = p.registered_patients * (0.9 + 0.05 * i);
    p.core_funding = p.weighted_patients * (80 + 7 * i);
    p.peer_group = i % 2;
    p.neighbourhood = i / 3;
    p.gp_headcount[2 + i % 4] = 1 + i;
    p.role_fte = {1.5};
    if (i == 4) p.referrals_per_1000_weighted = 250;
    if (i == 2) p.prescribing_per_weighted = 170;
    if (i == 1) p.contract_type = "APMS";
    set.practices.push_back(p);
  }
  return set;
}

// Parameter sets that exercise every cache and every piece of state a call leaves behind:
// target kind, percentile, scope and trust rules; benchmarking at two percentiles; the
// levelling-funded leaver rate (per-practice GP tables); closures and mergers (practices
// gone, headcounts unpacked); a quality standard with sign-ups; a second role.
std::vector<ModelParameters> parameter_sets() {
  ModelParameters base;
  base.horizon_years = 4;
  base.roles.emplace_back();
  base.roles[0].baseline_fte_per_1000 = 0.3;
  base.funding.levelling_up = true;
  std::vector<ModelParameters> sets(5, base);
  sets[0].funding.target = LevellingTarget::Percentile;
  sets[0].funding.target_percentile = 40;
  sets[0].savings.benchmarking = true;
  sets[0].savings.benchmark_percentile = 25;
  sets[1].funding.target = LevellingTarget::Median;
  sets[1].funding.target_scope = TargetScope::Icb;
  sets[1].workforce.leaver_reduction_per_uplift = 1.0;
  sets[2].funding.target = LevellingTarget::Percentile;
  sets[2].funding.target_percentile = 75;
  sets[2].funding.trust_max_ratio_to_median = 1.1;
  sets[2].savings.benchmarking = true;
  sets[2].savings.benchmark_percentile = 50;
  sets[3].funding.target = LevellingTarget::Mean;
  sets[3].funding.target_scope = TargetScope::File;
  sets[3].practice_changes.closures = true;
  sets[3].practice_changes.mergers = true;
  sets[3].practice_changes.closure.intercept = -1;
  sets[3].practice_changes.merger.intercept = -1;
  sets[3].funding.quality_standards.resize(1);
  sets[3].funding.quality_standards[0].mandatory = false;
  sets[3].funding.quality_standards[0].sign_up_share = 0.5;
  sets[4] = sets[1];
  sets[4].roles.push_back(base.roles[0]);
  sets[4].workforce.closure_threshold = 3;
  return sets;
}

// Fact: one workspace serving the parameter sets in the order A B A C D B E D A gives
// every figure (metrics, scalars, per-practice traces) identical to a fresh workspace's
// run of the same call; some practices close or merge along the way.
TEST(EngineWorkspace, ReuseGivesTheFiguresOfAFreshRun) {
  const PracticeSet set = five_practices();
  const std::vector<ModelParameters> sets = parameter_sets();
  Workspace reused(set);
  const int order[] = {0, 1, 0, 2, 3, 1, 4, 3, 0};
  double changes = 0;
  for (std::uint32_t call = 0; call < std::size(order); ++call) {
    const ModelParameters& m = sets[static_cast<std::size_t>(order[call])];
    Workspace fresh(set);
    const oracle::Figures a = oracle::run_engine(m, reused, 11, call);
    const oracle::Figures b = oracle::run_engine(m, fresh, 11, call);
    EXPECT_EQ(oracle::first_difference(a, b, m.horizon_years), "") << "call " << call;
    for (int t = 1; t <= m.horizon_years; ++t)
      changes += a.by_year[index(Metric::Closures) * 4 + static_cast<std::size_t>(t - 1)] +
                 a.by_year[index(Metric::Mergers) * 4 + static_cast<std::size_t>(t - 1)];
  }
  EXPECT_GT(changes, 0);
}

// Fact: the same over 60 random parameter sets in a row (every module on or off, roles
// and standards coming and going) on one random practice set.
TEST(EngineWorkspace, ReuseAcrossRandomParameterSets) {
  std::mt19937_64 rng(777);
  const PracticeSet set = oracle::random_practices(rng, 2);
  Workspace reused(set);
  for (std::uint32_t k = 0; k < 60; ++k) {
    const ModelParameters m = oracle::random_parameters(rng);
    Workspace fresh(set);
    const oracle::Figures a = oracle::run_engine(m, reused, 5, k);
    const oracle::Figures b = oracle::run_engine(m, fresh, 5, k);
    EXPECT_EQ(oracle::first_difference(a, b, m.horizon_years), "") << "parameter set " << k;
  }
}

}  // namespace
}  // namespace pcsim::engine
