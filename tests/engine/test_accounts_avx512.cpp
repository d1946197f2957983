// Tests of the accounts pass eight practices to a register (engine/accounts_avx512.hpp)
// against the scalar pass (accounts_pass, engine/accounts_pass.hpp, which calls the model's
// equation functions practice by practice): on random parameters (every lever on and off,
// levelling down, costs of 0, roles starting late) and random practices (NaN targets,
// funding at the target, negative and zero levelling money, -0, unknown peer groups,
// closed practices, counts not a multiple of 8 or 64), every total of the year, every
// role's filled posts and every practice's stepped referral rate must be the same bit for
// bit. Skipped (and said) where the processor has no AVX-512.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/accounts_avx512.hpp"
#include "engine/accounts_pass.hpp"
#include "engine/engine_workspace.hpp"
#include "engine/simulate.hpp"
#include "random/philox_events.hpp"
#include "tests/engine/engine_test_support.hpp"
#include "tests/engine/wide_kernel_runs.hpp"

namespace pcsim::engine {
namespace {

using engine_tests::Lcg;
using engine_tests::same_bits;

// The totals' fields, in YearTotals' order, for comparing two totals field by field.
std::vector<double> fields(const YearTotals& y) {
  return {y.list,
          y.weighted,
          y.practices_open,
          y.single_handed,
          y.without_gp,
          y.gp_headcount,
          y.gp_fte,
          y.other_fte,
          y.additional_roles_fte,
          y.demand,
          y.capacity,
          y.gap,
          y.extended_access,
          y.demand_gp,
          y.capacity_gp,
          y.unmet_gp,
          y.unmet_gp_without_levers,
          y.demand_other,
          y.capacity_other,
          y.unmet_other,
          y.self_care,
          y.funded_gp,
          y.funded_other,
          y.additional_roles_appointments,
          y.retirements,
          y.leavers,
          y.recruits,
          y.extra_gp_posts_filled,
          y.levelling_up,
          y.quality_contract,
          y.referrals,
          y.referrals_avoided,
          y.referral_savings,
          y.baseline_referral_cost,
          y.prescribing_savings,
          y.baseline_prescribing_cost};
}

static_assert(sizeof(YearTotals) == 36 * sizeof(double), "fields() lists every total");

ModelParameters random_parameters(Lcg& rng, int roles) {
  ModelParameters m;
  FundingParameters& funding = m.funding;
  funding.levelling_up = rng.chance(0.8);
  funding.level_down = rng.chance(0.5);
  funding.max_reduction_per_year = rng.between(0, 0.1);
  funding.clinical_spend_share = rng.chance(0.25) ? 0.0 : rng.between(0, 1);
  funding.gp_time_share = rng.between(0, 1);
  CapacityParameters& capacity = m.capacity;
  capacity.appointments_per_gp_fte = rng.between(5000, 9000);
  capacity.extended_access_per_1000 = rng.chance(0.3) ? 0.0 : rng.between(0, 80);
  capacity.extended_access_start_year = static_cast<int>(rng.next() % 4);
  capacity.gp_appointment_cost = rng.chance(0.2) ? 0.0 : rng.between(20, 60);
  capacity.other_appointment_cost = rng.chance(0.2) ? 0.0 : rng.between(10, 40);
  PopulationParameters& population = m.population;
  population.consultations_per_patient = rng.between(3, 7);
  population.gp_share = rng.between(0.3, 0.7);
  population.self_care_share = rng.between(0, 0.5);
  m.additional_roles.appointments_per_fte = rng.between(3000, 7000);
  m.additional_roles.gp_demand_share = rng.between(0, 1);
  SavingsParameters& savings = m.savings;
  savings.benchmarking = rng.chance(0.6);
  savings.convergence = rng.between(0, 0.5);
  savings.cost_per_referral = rng.between(100, 300);
  savings.prescribing_kpi = rng.chance(0.5);
  savings.prescribing_reduction = rng.between(0, 0.1);
  for (int r = 0; r < roles; ++r) {
    RoleParameters role;
    role.name = "role";
    role.appointments_per_fte = rng.between(2000, 8000);
    role.new_posts_per_30000 = rng.chance(0.3) ? 0.0 : rng.between(0, 3);
    role.role_fill_rate = rng.between(0.5, 1);
    role.start_year = 1 + static_cast<int>(rng.next() % 3);
    m.roles.push_back(role);
  }
  return m;
}

YearFactors random_factors(Lcg& rng, int t) {
  YearFactors f;
  f.t = t;
  f.fte_per_head = rng.between(0.6, 0.9);
  f.consultation_index = rng.between(1, 1.2);
  f.diversion = rng.chance(0.3) ? 0.0 : rng.between(0, 0.2);
  f.inflation = rng.between(1, 1.3);
  f.levelling_phase = rng.chance(0.3) ? 1.0 : rng.uniform();
  f.eur = rng.between(0, 0.1);
  f.prescribing_index = rng.between(1, 1.2);
  f.savings_phase = rng.uniform();
  f.additional_roles_density = rng.between(0, 5);
  return f;
}

// Every practice's state drawn again, with the awkward values among them.
void randomise_practices(Lcg& rng, EngineState& s) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  s.peer_benchmark.assign(3, 0.0);
  for (double& b : s.peer_benchmark) b = rng.between(200, 400);
  for (std::size_t p = 0; p < s.practice_count; ++p) {
    s.open[p] = rng.chance(0.9) ? 1 : 0;
    s.list[p] = rng.chance(0.02) ? 0.0 : rng.between(500, 30000);
    s.weighted[p] = s.list[p] * rng.between(0.8, 1.2);
    s.funding0[p] = rng.chance(0.03) ? nan : rng.between(60, 140);
    const double pick = rng.uniform();
    s.funding_target[p] = pick < 0.15   ? nan
                          : pick < 0.3  ? s.funding0[p]  // at the target: no levelling money
                          : pick < 0.35 ? -0.0
                                        : rng.between(60, 140);
    s.gps.totals()[p] = rng.chance(0.05) ? 0.0 : static_cast<double>(rng.next() % 20);
    for (std::size_t r = 0; r < s.role_count; ++r)
      s.role_fte[p * s.role_count + r] = rng.chance(0.05) ? -0.0 : rng.between(0, 5);
    s.quality_payment[p] = rng.chance(0.5) ? 0.0 : rng.between(0, 50000);
    s.referral_rate[p] = rng.between(150, 450);
    s.referral_rate0[p] = rng.between(150, 450);
    s.prescribing0[p] = rng.between(100, 200);
    const std::uint32_t g = rng.next() % 6;
    s.peer_group[p] = g == 5 ? -1 : static_cast<int>(g);  // 3 and 4: no such group
  }
}

// Fact: on 300 random years (parameters, factors and practices drawn afresh, 1 to 150
// practices, 0 to 5 roles (the most a row holds), sometimes 6 or 7) the wide pass leaves the year's
// totals, the roles' filled posts and the practices' referral rates exactly as the scalar pass.
TEST(AccountsAvx512, MatchesTheScalarPassOnRandomYears) {
  if (!accounts_avx512_supported())
    GTEST_SKIP() << "this processor (or build) has no AVX-512 F: the scalar pass runs";
  Lcg rng{4122026};
  int levelled = 0, funded = 0, benchmarked = 0, closed = 0;
  for (int round = 0; round < 300; ++round) {
    // 0 to 5 roles (one to three register pairs of role values), and now and then more
    // than a row of the wide pass holds (its scalar fallback).
    const int roles =
        round % 25 == 0 ? 6 + static_cast<int>(rng.next() % 2) : static_cast<int>(rng.next() % 6);
    ModelParameters m = random_parameters(rng, roles);
    const int n = round % 3 == 0 ? 1 + static_cast<int>(rng.next() % 150) : 150;
    const PracticeSet set = engine_tests::patterned_practices(n);
    Workspace workspace(set);
    random::PhiloxEventsFor events(7, 0);
    EngineState& s = workspace.start(m, events);
    ASSERT_EQ(s.role_count, static_cast<std::size_t>(roles));
    s.role_fte.resize(s.practice_count * s.role_count);
    s.peer_group.resize(s.practice_count);
    randomise_practices(rng, s);
    const YearFactors f = random_factors(rng, 1 + static_cast<int>(rng.next() % 4));

    EngineState scalar = s;
    YearTotals y_scalar;
    y_scalar.gp_fte = 12.5;  // totals added to, not overwritten
    YearTotals y_wide = y_scalar;
    std::fill(scalar.new_role_fte.begin(), scalar.new_role_fte.end(), 1.0);
    std::fill(s.new_role_fte.begin(), s.new_role_fte.end(), 1.0);
    accounts_pass(m, f, scalar, y_scalar, nullptr);
    accounts_pass_avx512(m, f, s, y_wide);

    const std::vector<double> a = fields(y_scalar), b = fields(y_wide);
    for (std::size_t k = 0; k < a.size(); ++k)
      ASSERT_TRUE(same_bits(a[k], b[k]))
          << "round " << round << " total " << k << ": " << a[k] << " scalar, " << b[k] << " wide";
    ASSERT_TRUE(same_bits(scalar.new_role_fte, s.new_role_fte)) << round;
    ASSERT_TRUE(same_bits(scalar.referral_rate, s.referral_rate)) << round;
    levelled += y_scalar.levelling_up != 0;
    funded += y_scalar.funded_gp != 0 || y_scalar.funded_other != 0;
    benchmarked += m.savings.benchmarking;
    for (std::size_t p = 0; p < s.practice_count; ++p) closed += s.open[p] == 0;
  }
  // The draws reached the cases they are for.
  EXPECT_GT(levelled, 100);
  EXPECT_GT(funded, 50);
  EXPECT_GT(benchmarked, 100);
  EXPECT_GT(closed, 1000);
}

// Fact: the engine uses the wide pass where it can, and a whole run with it gives the
// scalar pass's results: simulate on national-like practices, both ways, every figure.
TEST(AccountsAvx512, WholeRunsAgree) {
  if (!accounts_avx512_supported()) GTEST_SKIP() << "no AVX-512 F here";
  Lcg rng{99};
  for (int round = 0; round < 20; ++round) {
    ModelParameters m = random_parameters(rng, static_cast<int>(rng.next() % 3));
    m.horizon_years = 5;
    const PracticeSet set = engine_tests::patterned_practices(70);
    engine_tests::Results wide(m.horizon_years), scalar(m.horizon_years);
    engine_tests::run_both_ways(m, set, &EngineState::wide_accounts, 5,
                                static_cast<std::uint32_t>(round), wide, scalar);
    ASSERT_TRUE(same_bits(wide.by_year, scalar.by_year)) << round;
    ASSERT_TRUE(same_bits(wide.scalars, scalar.scalars)) << round;
    // Runs with figures in them, not NaN throughout.
    EXPECT_GT(wide.at(Metric::AppointmentsDemand, m.horizon_years), 1e5) << round;
    EXPECT_TRUE(std::isfinite(wide.at(Metric::AppointmentsGap, m.horizon_years))) << round;
  }
}

// Fact: a workspace told not to use the wide kernels (a process pinned to AVX2 or the
// portable Philox kernel) runs the scalar GP step and accounts, and told to, runs each
// wide kernel the processor has; a start keeps the choice.
TEST(AccountsAvx512, WorkspaceKeepsItsChoiceOfKernels) {
  const PracticeSet set = engine_tests::patterned_practices(10);
  Workspace workspace(set);
  random::PhiloxEventsFor events(1, 0);
  const ModelParameters m;
  workspace.use_wide_kernels(false);
  EngineState& s = workspace.start(m, events);
  EXPECT_FALSE(s.wide_gp_step);
  EXPECT_FALSE(s.wide_accounts);
  workspace.use_wide_kernels(true);
  workspace.start(m, events);
  EXPECT_EQ(s.wide_gp_step, gp_step_avx512_supported());
  EXPECT_EQ(s.wide_accounts, accounts_avx512_supported());
}

}  // namespace
}  // namespace pcsim::engine
