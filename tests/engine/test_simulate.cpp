// Tests of whole runs (engine/simulate.hpp; the central case on the reference,
// model/reference/reference_simulation.hpp, which the engine no longer runs): a
// three-practice central case worked by hand, identities between metrics that hold in any
// run (every lever on; the engine's stochastic runs and the reference's central case), the
// closure threshold rule against a hand calculation, determinism, and output memory of
// the wrong size.
#include "engine/simulate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "model/reference/reference_simulation.hpp"
#include "random/philox_events.hpp"
#include "tests/engine/engine_test_support.hpp"

namespace pcsim::engine {
namespace {

using engine_tests::Results;
using engine_tests::same_bits;

PracticeBaseline practice(const char* code, Patients list, Patients weighted, Pounds core, int band,
                          double gps, Fte nurses) {
  PracticeBaseline p;
  p.code = code;
  p.registered_patients = list;
  p.weighted_patients = weighted;
  p.core_funding = core;
  p.gp_headcount[band] = gps;
  p.role_fte = {nurses};
  return p;
}

// Three practices, lists growing 10% a year, no retirements, 10% of GPs leave a year, half
// of vacancies filled, one nurse role, levelling up to the median over two years,
// inflation 10%.
struct HandCase {
  ModelParameters m;
  PracticeSet set;
  HandCase() {
    m.horizon_years = 2;
    m.population.list_growth = 0.1;
    m.population.list_noise_sd = 0.05;
    m.population.consultations_per_patient = 5;
    m.population.consultation_growth = 0;
    m.population.gp_share = 0.6;
    m.workforce.retirement_rate = BandArray{};
    m.workforce.leaver_rate = 0.1;
    m.workforce.fill_rate = 0.5;
    m.workforce.fte_per_head = 0.8;
    m.workforce.fte_trend = 0;
    m.roles.emplace_back();
    m.roles[0].name = "nurse";
    m.roles[0].appointments_per_fte = 4000;
    m.capacity.appointments_per_gp_fte = 2000;
    m.funding.levelling_up = true;
    m.funding.levelling_years = 2;
    m.funding.inflation = 0.1;
    //                L0    W0    core     band  GPs  nurse FTE     f0 = core / W0
    set.practices = {practice("A", 1000, 1200, 120000, 3, 2, 0.5),   // 100
                     practice("B", 2000, 2000, 160000, 3, 3, 1.0),   // 80
                     practice("C", 3000, 2400, 300000, 3, 4, 1.5)};  // 125
  }
};

// Fact: the hand case's central case, years 1 and 2, on the reference (which the runner
// computes it with; the engine runs only stochastic iterations): 4,000 appointments a nurse
// FTE, 2,000 a GP FTE, 0.8 FTE a GP, 5 appointments a patient (60% with a GP); no lever
// but levelling up.
//   Lists: L(t) = L0 1.1^t: year 1 1100 + 2200 + 3300 = 6600; year 2 1210 + 2420 + 3630
//   = 7260. Weighted: 5600 x 1.1 = 6160; 5600 x 1.21 = 6776.
//   GPs (in band 45-49: no retirements; ageing keeps them in 5-year bands): leavers 0.1 h,
//   recruits 0.5 (E - 0.9 h) with E = h0 L/L0 (the establishment keeps GPs per patient):
//     year 1: leavers 0.9, recruits 0.5 x 0.2 x 9 = 0.9: h0 -> 2, 3, 4; total 9
//     year 2: leavers 0.9, recruits 0.5 (1.21 - 0.9) 9 = 1.395: total 9.495
//   GP FTE = 0.8 heads: 7.2 and 7.596. GP capacity = 2000 FTE = 1600 heads:
//     year 1: 3200, 4800, 6400 = 14,400; year 2: 3376, 5064, 6752 = 15,192.
//   Nurse capacity = 4000 FTE: 2000, 4000, 6000 = 12,000 both years.
//   Demand D = 5 L: 33,000 and 36,300; GP demand 0.6 D, other 0.4 D per practice:
//     year 1 GP 3300, 6600, 9900; other 2200, 4400, 6600
//       unmet GP 100, 1800, 3500 = 5,400; other 200, 400, 600 = 1,200; gap 6,600
//     year 2 GP 3630, 7260, 10890; other 2420, 4840, 7260
//       unmet GP 254, 2196, 4138 = 6,588; other 420, 840, 1260 = 2,520; gap 9,108
//   Capacity = 14,400 + 12,000 = 26,400 and 15,192 + 12,000 = 27,192.
//   Levelling up: f0 = core / W0 = 100, 80, 125, all trusted (W0 >= 1,000, within twice
//     the median); f* = median = 100; only B is below it.
//     year 1: f = 1.1 (80 + 20 x 1/2) = 99; LU = (99 - 80 x 1.1) x 2200 = 11 x 2200 = 24,200
//     year 2: f = 1.21 x 100 = 121; LU = (121 - 96.8) x 2420 = 24.2 x 2420 = 58,564
//   Investment = LU (the only lever). Baseline spend 580,000 I(t).
//   Urgent care (unmet GP demand only): cost(t) = 148 I(t) 0.05 U(t): year 1 162.8 x 0.05
//     x 5400 = 43,956. Levelling up buys no capacity (clinical_spend_share 0) and no other
//     lever acts, so U°(1) = U(1): the cost without levers is the same 43,956 and the
//     urgent-care savings, the only savings, are 0 (demand growth is no lever's doing).
TEST(Simulate, HandWorkedCentralCaseOnTheReference) {
  const HandCase c;
  Results r(2);
  model::reference::simulate(
      c.m, c.set, [](std::size_t, int) { return ExpectationEvents{}; }, r.out);
  const auto at = [&](Metric metric, int t) { return r.at(metric, t); };
  EXPECT_NEAR(at(Metric::ListSize, 1), 6600, 1e-9);
  EXPECT_NEAR(at(Metric::ListSize, 2), 7260, 1e-9);
  EXPECT_NEAR(at(Metric::WeightedList, 1), 6160, 1e-9);
  EXPECT_NEAR(at(Metric::WeightedList, 2), 6776, 1e-9);
  EXPECT_NEAR(at(Metric::GpLeavers, 1), 0.9, 1e-12);
  EXPECT_NEAR(at(Metric::GpRecruits, 1), 0.9, 1e-12);
  EXPECT_EQ(at(Metric::GpRetirements, 1), 0);
  EXPECT_NEAR(at(Metric::GpHeadcount, 1), 9, 1e-9);
  EXPECT_NEAR(at(Metric::GpLeavers, 2), 0.9, 1e-12);
  EXPECT_NEAR(at(Metric::GpRecruits, 2), 1.395, 1e-12);
  EXPECT_NEAR(at(Metric::GpHeadcount, 2), 9.495, 1e-9);
  EXPECT_NEAR(at(Metric::GpFte, 1), 7.2, 1e-9);
  EXPECT_NEAR(at(Metric::GpFte, 2), 7.596, 1e-9);
  EXPECT_NEAR(at(Metric::OtherFte, 1), 3, 1e-12);
  EXPECT_NEAR(at(Metric::AppointmentsDemand, 1), 33000, 1e-6);
  EXPECT_NEAR(at(Metric::AppointmentsDemand, 2), 36300, 1e-6);
  EXPECT_NEAR(at(Metric::AppointmentsCapacity, 1), 26400, 1e-6);
  EXPECT_NEAR(at(Metric::AppointmentsCapacity, 2), 27192, 1e-6);
  EXPECT_NEAR(at(Metric::AppointmentsGapGp, 1), 5400, 1e-6);
  EXPECT_NEAR(at(Metric::AppointmentsGapOther, 1), 1200, 1e-6);
  EXPECT_NEAR(at(Metric::AppointmentsGap, 1), 6600, 1e-6);
  EXPECT_NEAR(at(Metric::AppointmentsGapGp, 2), 6588, 1e-6);
  EXPECT_NEAR(at(Metric::AppointmentsGapOther, 2), 2520, 1e-6);
  EXPECT_NEAR(at(Metric::AppointmentsGap, 2), 9108, 1e-6);
  EXPECT_NEAR(at(Metric::AppointmentsPer1000, 1), 26400.0 / 6.6, 1e-6);
  EXPECT_NEAR(at(Metric::LevellingUpCost, 1), 24200, 1e-6);
  EXPECT_NEAR(at(Metric::LevellingUpCost, 2), 58564, 1e-6);
  EXPECT_NEAR(at(Metric::Investment, 1), 24200, 1e-6);
  EXPECT_NEAR(at(Metric::BaselineSpend, 1), 638000, 1e-6);
  EXPECT_NEAR(at(Metric::UrgentCareCost, 1), 43956, 1e-6);
  EXPECT_NEAR(at(Metric::BaselineUrgentCareCost, 1), 43956, 1e-6);
  EXPECT_NEAR(at(Metric::Savings, 1), 0, 1e-6);
  EXPECT_NEAR(at(Metric::UrgentCareCost, 2), 148 * 1.21 * 0.05 * 6588, 1e-6);
  EXPECT_NEAR(at(Metric::Savings, 2), 0, 1e-6);
  EXPECT_EQ(at(Metric::PracticesOpen, 2), 3);
  EXPECT_EQ(at(Metric::Closures, 2), 0);
  EXPECT_EQ(at(Metric::Mergers, 2), 0);
}

// Fact: the extra GP posts' cost by hand, practice A of the hand case alone with 2 extra
// posts per 30,000 (the reference's central case, year 1): leavers 0.1 x 2 = 0.2; E = 0.002
// x 1,100 + 2 x 1,100 / 30,000 = 2.2 + 0.073333 = 2.273333; recruits 0.5 (E - 1.8) =
// 0.236667, so H = 2.036667; filled extra posts 0.073333 x H / E = 0.0656989; cost 0.0656989
// x 0.8 FTE x 2,000 appointments x £39 x 1.1 = 4,509.57, the whole new-roles cost.
TEST(Simulate, ExtraGpPostsCostByHand) {
  HandCase c;
  c.set.practices.resize(1);
  c.m.workforce.extra_gp_posts_per_30000 = 2;
  Results r(c.m.horizon_years);
  model::reference::simulate(
      c.m, c.set, [](std::size_t, int) { return ExpectationEvents{}; }, r.out);
  const double e = 0.002 * 1100 + 2 * 1100 / 30000.0;
  const double h = 1.8 + 0.5 * (e - 1.8);
  EXPECT_NEAR(r.at(Metric::GpHeadcount, 1), h, 1e-12);
  const double filled = 2 * 1100 / 30000.0 * h / e;
  EXPECT_NEAR(filled, 0.0656989, 1e-7);
  EXPECT_NEAR(r.at(Metric::NewRolesCost, 1), filled * 0.8 * 2000 * 39 * 1.1, 1e-9);
  EXPECT_NEAR(r.at(Metric::NewRolesCost, 1), 4509.57, 0.01);
}

// The hand case with every lever on, for identities that must hold in any run.
HandCase all_levers() {
  HandCase c;
  c.m.horizon_years = 6;
  c.m.start_year = 2023;
  c.m.commissioning_level = 3;
  c.m.population.diversion_max = 0.3;
  c.m.workforce.retirement_rate = WorkforceParameters{}.retirement_rate;
  c.m.workforce.extra_gp_posts_per_30000 = 2;
  c.m.roles[0].new_posts_per_30000 = 3;
  c.m.roles[0].cost_per_fte = 45000;
  c.m.capacity.extended_access_per_1000 = 200;
  c.m.capacity.extended_access_cost = 35;
  c.m.capacity.ae_deflection_share = 0.05;
  c.m.funding.clinical_spend_share = 0.5;  // gp_time_share 0.5
  c.m.funding.quality_standards.resize(2);
  c.m.funding.quality_standards[0].payment_per_weighted_patient = 3;
  c.m.funding.quality_standards[0].achievement_rate = 0.7;
  c.m.funding.quality_standards[1].payment_per_weighted_patient = 2;
  c.m.funding.quality_standards[1].mandatory = false;
  c.m.funding.quality_standards[1].sign_up_share = 0.5;
  c.m.funding.running_cost = 20000;
  c.m.savings.benchmarking = true;
  c.m.savings.eur = true;
  c.m.savings.prescribing_kpi = true;
  c.m.savings.prescribing_reduction = 0.04;
  c.m.additional_roles.fte_per_10000_start = 1;
  c.m.additional_roles.fte_per_10000_ceiling = 4;
  c.m.additional_roles.growth_share = 0.3;
  for (auto& p : c.set.practices) p.gp_headcount[3] += 6;  // enough GPs that none closes
  return c;
}

// a == b to a relative tolerance (and an absolute one near 0).
void expect_close(double a, double b, double rel, const char* what, int t) {
  EXPECT_NEAR(a, b, rel * std::max(std::abs(a), std::abs(b)) + 1e-9) << what << ", year " << t;
}

// The identities of docs/model.md for the all-levers case (no closures or mergers).
void expect_identities(const HandCase& c, const Results& r) {
  const int h = c.m.horizon_years;
  double cum_inv = 0, cum_sav = 0, npv = 0;
  double heads = 0;
  for (const PracticeBaseline& p : c.set.practices) heads += total_headcount(p.gp_headcount);
  for (int t = 1; t <= h; ++t) {
    const double index = std::pow(1.1, t);
    const double inv = r.at(Metric::Investment, t), sav = r.at(Metric::Savings, t);
    const double lu = r.at(Metric::LevellingUpCost, t);
    // Investment = LU + quality + EA x cost x I + new roles + running cost, each part its
    // metric; new roles = 3/30,000 x list x 0.8 (role fill) x 45,000 x I (no closures, so
    // the practices' lists sum to list_size); running cost 20,000 I at level 3.
    expect_close(r.at(Metric::ExtendedAccessCost, t),
                 r.at(Metric::AppointmentsExtendedAccess, t) * 35 * index, 1e-12, "EA cost", t);
    // New posts: the nurses' 3/30,000 x list x 0.8 (role fill) x 45,000 x I, plus the extra
    // GP posts' (2/30,000 x list at most, x 0.8 FTE x 2,000 appointments x £39 x I).
    const double nurses = 3.0 / 30000 * r.at(Metric::ListSize, t) * 0.8 * 45000 * index;
    const double extra_gps = r.at(Metric::NewRolesCost, t) - nurses;
    EXPECT_GT(extra_gps, 0.0) << t;
    EXPECT_LE(extra_gps,
              2.0 / 30000 * r.at(Metric::ListSize, t) * 0.8 * 2000 * 39 * index * (1 + 1e-12))
        << t;
    expect_close(r.at(Metric::RunningCost, t), 20000 * index, 1e-12, "running", t);
    expect_close(inv,
                 lu + r.at(Metric::QualityContractCost, t) + r.at(Metric::ExtendedAccessCost, t) +
                     r.at(Metric::NewRolesCost, t) + r.at(Metric::RunningCost, t),
                 1e-12, "investment", t);
    // Savings = referral + prescribing + urgent care; urgent care savings = the urgent cost
    // without this year's levers less this year's, and the levers (extended access,
    // diversion, funded capacity) can only lower unmet GP demand here; referral savings = (baseline
    // referrals - referrals) 570 I; prescribing savings = 4% of the cost before the KPI (ramp 1
    // from year 1).
    expect_close(sav,
                 r.at(Metric::ReferralSavings, t) + r.at(Metric::PrescribingSavings, t) +
                     r.at(Metric::UrgentCareSavings, t),
                 1e-12, "savings", t);
    expect_close(r.at(Metric::UrgentCareSavings, t),
                 r.at(Metric::BaselineUrgentCareCost, t) - r.at(Metric::UrgentCareCost, t), 1e-9,
                 "urgent", t);
    const double deflected = r.at(Metric::AppointmentsExtendedAccess, t) * c.m.capacity.ae_cost *
                             index * c.m.capacity.ae_deflection_share;
    const double unmet_cost = r.at(Metric::AppointmentsGapGp, t) * c.m.capacity.ae_cost * index *
                              c.m.capacity.unmet_to_ae;
    // U° >= U: the cost without levers is at least what this year's unmet GP demand costs.
    EXPECT_GE(r.at(Metric::BaselineUrgentCareCost, t) * (1 + 1e-12) + 1e-6, unmet_cost) << t;
    // The cost: that, less the deflections, never below 0.
    EXPECT_GE(r.at(Metric::UrgentCareCost, t), 0.0) << t;
    EXPECT_NEAR(r.at(Metric::UrgentCareCost, t), std::max(0.0, unmet_cost - deflected),
                1e-9 * std::max(1.0, unmet_cost))
        << t;
    expect_close(r.at(Metric::ReferralSavings, t),
                 r.at(Metric::BaselineReferralCost, t) - r.at(Metric::Referrals, t) * 570 * index,
                 1e-9, "referral savings", t);
    expect_close(r.at(Metric::ReferralsAvoided, t) * 570 * index, r.at(Metric::ReferralSavings, t),
                 1e-9, "referrals avoided", t);
    expect_close(r.at(Metric::PrescribingSavings, t),
                 0.04 * r.at(Metric::BaselinePrescribingCost, t), 1e-12, "prescribing", t);
    expect_close(r.at(Metric::NetCost, t), inv - sav, 1e-12, "net cost", t);
    expect_close(r.at(Metric::BaselineSpend, t), 580000 * index, 1e-12, "baseline spend", t);
    // By role: demand and gap split exactly between GPs and the other roles; capacity is
    // GP + other roles (with the additional roles) + extended access + what levelling up
    // buys: LU x 0.5 clinical x 0.5 GP time / (39 I) GP and the rest / (13 I) other.
    const double demand = r.at(Metric::AppointmentsDemand, t);
    expect_close(demand,
                 r.at(Metric::AppointmentsDemandGp, t) + r.at(Metric::AppointmentsDemandOther, t),
                 1e-12, "demand", t);
    expect_close(r.at(Metric::AppointmentsGap, t),
                 r.at(Metric::AppointmentsGapGp, t) + r.at(Metric::AppointmentsGapOther, t), 1e-12,
                 "gap", t);
    expect_close(r.at(Metric::AppointmentsFundedGp, t), lu * 0.25 / (39 * index), 1e-12,
                 "funded GP", t);
    expect_close(r.at(Metric::AppointmentsFundedOther, t), lu * 0.25 / (13 * index), 1e-12,
                 "funded other", t);
    expect_close(
        r.at(Metric::AppointmentsCapacity, t),
        r.at(Metric::AppointmentsCapacityGp, t) + r.at(Metric::AppointmentsCapacityOther, t) +
            r.at(Metric::AppointmentsExtendedAccess, t) + r.at(Metric::AppointmentsFundedGp, t) +
            r.at(Metric::AppointmentsFundedOther, t) +
            0.5 * r.at(Metric::AdditionalRolesAppointments, t),
        1e-12, "capacity", t);
    // Additional roles: d(t) = 4 - 3 x 0.7^t FTE per 10,000 weighted patients (year 0,
    // 2022, in the scheme), 4,000 appointments and 45,000 I(t) a year each; the other
    // roles' capacity is the nurses' FTE x 4,000 plus the half of theirs that does not meet
    // GP demand (additional_roles.gp_demand_share 0.5; the other half is in capacity above).
    const double arrs = (4.0 - 3.0 * std::pow(0.7, t)) * r.at(Metric::WeightedList, t) / 10000;
    expect_close(r.at(Metric::AdditionalRolesFte, t), arrs, 1e-12, "ARRS FTE", t);
    expect_close(r.at(Metric::AdditionalRolesAppointments, t), arrs * 4000, 1e-12, "ARRS appts", t);
    expect_close(r.at(Metric::AdditionalRolesCost, t), arrs * 45000 * index, 1e-12, "ARRS cost", t);
    expect_close(
        r.at(Metric::AppointmentsCapacityOther, t),
        r.at(Metric::OtherFte, t) * 4000 + 0.5 * r.at(Metric::AdditionalRolesAppointments, t),
        1e-12, "other capacity", t);
    // GPs: this year's headcount is last year's less retirements and leavers plus recruits.
    heads += r.at(Metric::GpRecruits, t) - r.at(Metric::GpRetirements, t) -
             r.at(Metric::GpLeavers, t) - r.at(Metric::GpClosureLosses, t);
    expect_close(r.at(Metric::GpHeadcount, t), heads, 1e-12, "GP flows", t);
    EXPECT_GT(r.at(Metric::AppointmentsFundedGp, t), 0) << t;  // each lever acts
    EXPECT_GT(r.at(Metric::AdditionalRolesFte, t), 0) << t;
    EXPECT_GT(r.at(Metric::ExtendedAccessCost, t), 0) << t;
    EXPECT_GT(r.at(Metric::QualityContractCost, t), 0) << t;
    EXPECT_GT(r.at(Metric::ReferralsAvoided, t), 0) << t;
    EXPECT_GT(r.at(Metric::PrescribingSavings, t), 0) << t;
    EXPECT_EQ(r.at(Metric::PracticesOpen, t), 3) << t;
    EXPECT_EQ(r.at(Metric::Closures, t) + r.at(Metric::Mergers, t), 0) << t;
    expect_close(r.at(Metric::Roi, t), sav / inv, 1e-12, "ROI", t);
    EXPECT_EQ(r.at(Metric::Overspend, t), r.at(Metric::BudgetHeadroom, t) < 0 ? 1.0 : 0.0) << t;
    cum_inv += inv;
    cum_sav += sav;
    expect_close(r.at(Metric::CumulativeRoi, t), cum_sav / cum_inv, 1e-12, "cumulative ROI", t);
    // The NPV deflates each year's cash to year-0 prices by I(t), then discounts at 3.5%.
    npv += (sav - inv) / index / std::pow(1.035, t);  // index = I(t) = 1.1^t
  }
  EXPECT_NEAR(r.out.at(ScalarMetric::Npv), npv, 1e-6 * std::abs(npv));
}

// Fact: the identities hold in the reference's central case.
TEST(Simulate, MetricIdentitiesCentralReference) {
  const HandCase c = all_levers();
  Results r(c.m.horizon_years);
  model::reference::simulate(
      c.m, c.set, [](std::size_t, int) { return ExpectationEvents{}; }, r.out);
  expect_identities(c, r);
}

// Fact: the same identities hold in the engine's stochastic runs, whose GP flows are
// whole numbers (and some GPs retire, leave and are recruited).
TEST(Simulate, MetricIdentitiesStochasticEngine) {
  const HandCase c = all_levers();
  double exits = 0, recruits = 0;
  for (std::uint32_t i = 0; i < 5; ++i) {
    Results r(c.m.horizon_years);
    simulate(c.m, c.set, random::PhiloxEventsFor(42, i), r.out);
    expect_identities(c, r);
    for (int t = 1; t <= c.m.horizon_years; ++t) {
      for (Metric flow : {Metric::GpRetirements, Metric::GpLeavers, Metric::GpRecruits})
        EXPECT_EQ(r.at(flow, t), std::round(r.at(flow, t))) << t;
      exits += r.at(Metric::GpRetirements, t) + r.at(Metric::GpLeavers, t);
      recruits += r.at(Metric::GpRecruits, t);
    }
  }
  EXPECT_GT(exits, 5);
  EXPECT_GT(recruits, 5);
}

// The closure case: lists flat (no noise: the stochastic run is then certain too), no
// leavers or recruits, A's only GP aged 65+ with retirement rate 1, closure threshold 0.5.
HandCase closure_case() {
  HandCase c;
  c.m.horizon_years = 3;
  c.m.population.list_growth = 0;
  c.m.population.list_noise_sd = 0;
  c.m.workforce.leaver_rate = 0;
  c.m.workforce.fill_rate = 0;
  c.m.workforce.retirement_rate[8] = 1.0;
  c.m.workforce.closure_threshold = 0.5;
  c.m.workforce.dispersal_cost = 50;
  c.set.practices[0].gp_headcount = BandArray{};
  c.set.practices[0].gp_headcount[8] = 1;
  return c;
}

// Fact: A's GP retires in year 1 (1 retirement), leaving it below the threshold, so it
// closes at the end of year 1: practices open fall from 3 to 2; its 1,000 patients move
// to B and C in proportion to their lists (400 and 600), so the list total stays 6,000 and
// the weighted total 5,600; the dispersal cost is 50 x I(1) x 1,000 = 55,000; A lost no
// GPs at closure (it had none). Year 1: A has no GP all year, so its GP demand 0.6 x 5 x
// 1,000 = 3,000 is unmet (its other demand 2,000 meets 0.5 x 4,000 nurse appointments);
// closed, it has no gap of its own after. The same in the engine (the draws are certain)
// and in the reference's central case.
void expect_closure(const Results& r, const std::vector<double>& closed,
                    const std::vector<double>& gap) {
  EXPECT_EQ(r.at(Metric::GpRetirements, 1), 1);
  EXPECT_EQ(r.at(Metric::Closures, 1), 1);
  EXPECT_EQ(r.at(Metric::PatientsDispersed, 1), 1000);
  EXPECT_EQ(r.at(Metric::GpClosureLosses, 1), 0);
  EXPECT_EQ(r.at(Metric::PracticesOpen, 1), 2);
  EXPECT_EQ(r.at(Metric::PracticesOpen, 3), 2);
  EXPECT_EQ(r.at(Metric::Closures, 2), 0);
  for (int t = 1; t <= 3; ++t) {
    EXPECT_NEAR(r.at(Metric::ListSize, t), 6000, 1e-9) << t;
    EXPECT_NEAR(r.at(Metric::WeightedList, t), 5600, 1e-9) << t;
  }
  EXPECT_NEAR(r.at(Metric::DispersalCost, 1), 55000, 1e-6);
  EXPECT_EQ(r.at(Metric::DispersalCost, 2), 0);
  EXPECT_EQ(closed, (std::vector<double>{1, 1, 1, 0, 0, 0, 0, 0, 0}));
  EXPECT_NEAR(gap[0], 3000, 1e-9);
  EXPECT_EQ(gap[1], 0.0);
  EXPECT_EQ(gap[2], 0.0);
}

TEST(Simulate, ClosureThresholdClosesAPracticeWithoutGps) {
  const HandCase c = closure_case();
  for (const bool engine : {true, false}) {
    Results r(3);
    std::vector<double> closed(9, -1), merged(9, -1), gap(9, -1);
    const PracticeTrace trace{3, closed, merged, gap, {}, {}};
    if (engine) {
      simulate(c.m, c.set, random::PhiloxEventsFor(5, 0), r.out, &trace);
    } else {
      model::reference::simulate(
          c.m, c.set, [](std::size_t, int) { return ExpectationEvents{}; }, r.out, &trace);
    }
    SCOPED_TRACE(engine ? "engine" : "reference, central");
    expect_closure(r, closed, gap);
    EXPECT_EQ(merged, std::vector<double>(9, 0.0));
  }
}

// Fact: a run is a pure function of (seed, iteration): the same twice, bit for bit, and a
// different iteration gives different figures.
TEST(Simulate, RunsAreDeterministic) {
  const HandCase c = all_levers();
  Results p(6), q(6), other(6);
  simulate(c.m, c.set, random::PhiloxEventsFor(7, 3), p.out);
  simulate(c.m, c.set, random::PhiloxEventsFor(7, 3), q.out);
  simulate(c.m, c.set, random::PhiloxEventsFor(7, 4), other.out);
  EXPECT_TRUE(same_bits(p.by_year, q.by_year));
  EXPECT_TRUE(same_bits(p.scalars, q.scalars));
  EXPECT_FALSE(same_bits(p.by_year, other.by_year));
}

// Fact: output or trace memory of the wrong size is refused rather than overrun.
TEST(Simulate, RejectsOutputOfWrongSize) {
  const HandCase c;
  Results three(3);  // the case runs 2 years
  EXPECT_THROW(simulate(c.m, c.set, random::PhiloxEventsFor(1, 0), three.out), ModelError);
  Results two(2);
  std::vector<double> short_trace(5);  // 3 practices x 2 years need 6
  const PracticeTrace trace{2, short_trace, {}, {}, {}, {}};
  EXPECT_THROW(simulate(c.m, c.set, random::PhiloxEventsFor(1, 0), two.out, &trace), ModelError);
  ModelParameters no_years = c.m;
  no_years.horizon_years = 0;
  EXPECT_THROW(simulate(no_years, c.set, random::PhiloxEventsFor(1, 0), two.out), ModelError);
}

}  // namespace
}  // namespace pcsim::engine
