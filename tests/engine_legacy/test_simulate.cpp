// Tests of simulate() (model/simulate.hpp): a hand-worked three-practice central case,
// identities between metrics, closures, and determinism.
#include "model/simulate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "runner/philox_events.hpp"

namespace pcsim::model {
namespace {

// Memory for one iteration's results.
struct Results {
  std::vector<double> by_year, scalars;
  SimulationOutput out;
  explicit Results(int horizon)
      : by_year(kMetricCount * horizon, -999.0), scalars(kScalarMetricCount, -999.0) {
    out.horizon_years = horizon;
    out.by_year = by_year;
    out.scalars = scalars;
  }
  double at(Metric m, int t) const { return out.at(m, t); }
};

PracticeBaseline practice(const char* code, Patients list, Patients weighted, Pounds core,
                          int band, double gps, Fte nurses, int neighbourhood = 0) {
  PracticeBaseline p;
  p.code = code;
  p.registered_patients = list;
  p.weighted_patients = weighted;
  p.core_funding = core;
  p.gp_headcount[band] = gps;
  p.role_fte = {nurses};
  p.neighbourhood = neighbourhood;
  return p;
}

// The hand-worked case: three practices, lists growing 10% a year, no retirements, 10% of
// GPs leave a year, half of vacancies filled, one nurse role, levelling up to the median
// over two years, inflation 10%.
struct HandCase {
  ModelParameters m;
  PracticeSet set;
  HandCase() {
    m.horizon_years = 2;
    m.population.list_growth = 0.1;
    m.population.list_noise_sd = 0.05;  // no effect in the central case
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
    set.practices = {practice("A", 1000, 1200, 120000, 3, 2, 0.5),  // 100
                     practice("B", 2000, 2000, 160000, 3, 3, 1.0),  // 80
                     practice("C", 3000, 2400, 300000, 3, 4, 1.5)};  // 125
  }
};

// Fact: the central case by hand, years 1 and 2.
//   Lists: L(t) = L0 1.1^t: year 1 1100 + 2200 + 3300 = 6600; year 2 1210 + 2420 + 3630
//   = 7260. Weighted: 5600 x 1.1 = 6160; 5600 x 1.21 = 6776.
//   GPs (no retirements; ageing keeps them in 5-year bands): after leavers 0.9 h, then
//   recruits 0.5 (E - 0.9 h) with E = h0 L/L0.
//     year 1: 0.9 h0 + 0.5 (1.1 h0 - 0.9 h0) = h0           -> 2, 3, 4; total 9
//     year 2: 0.9 h0 + 0.5 (1.21 h0 - 0.9 h0) = 1.055 h0   -> 2.11, 3.165, 4.22; 9.495
//   GP FTE = 0.8 heads: 7.2 and 7.596. GP capacity = 2000 FTE = 1600 heads:
//     year 1: 3200, 4800, 6400 = 14,400; year 2: 3376, 5064, 6752 = 15,192.
//   Nurse capacity = 4000 FTE: 2000, 4000, 6000 = 12,000 both years.
//   Demand D = 5 L: 33,000 and 36,300; GP demand 0.6 D, other 0.4 D per practice:
//     year 1 GP 3300, 6600, 9900; other 2200, 4400, 6600
//       unmet GP 100, 1800, 3500; other 200, 400, 600; gap 6,600
//     year 2 GP 3630, 7260, 10890; other 2420, 4840, 7260
//       unmet GP 254, 2196, 4138; other 420, 840, 1260; gap 9,108
//   Capacity = 14,400 + 12,000 = 26,400 and 15,192 + 12,000 = 27,192.
//   Levelling up: f* = median(100, 80, 125) = 100; only B is below it.
//     year 1: f = 1.1 (80 + 20 x 1/2) = 99; LU = (99 - 80 x 1.1) x 2200 = 11 x 2200 = 24,200
//     year 2: f = 1.21 x 100 = 121; LU = (121 - 96.8) x 2420 = 24.2 x 2420 = 58,564
//   Urgent care: U(0) = max(0, 0.6 x 5 L0 - 1600 h0) = 0 + 1200 + 2600 = 3800;
//     year-1 savings = 148 x 1.1 x (0 - 0.05 x (5400 - 3800)) = -13,024.
TEST(Simulate, HandWorkedThreePracticeCentralCase) {
  HandCase c;
  Results r(2);
  simulate(c.m, c.set, [](std::size_t, int) { return ExpectationEvents{}; }, r.out);
  EXPECT_NEAR(r.at(Metric::ListSize, 1), 6600, 1e-9);
  EXPECT_NEAR(r.at(Metric::ListSize, 2), 7260, 1e-9);
  EXPECT_NEAR(r.at(Metric::WeightedList, 1), 6160, 1e-9);
  EXPECT_NEAR(r.at(Metric::WeightedList, 2), 6776, 1e-9);
  EXPECT_NEAR(r.at(Metric::GpHeadcount, 1), 9, 1e-9);
  EXPECT_NEAR(r.at(Metric::GpHeadcount, 2), 9.495, 1e-9);
  EXPECT_NEAR(r.at(Metric::GpFte, 1), 7.2, 1e-9);
  EXPECT_NEAR(r.at(Metric::GpFte, 2), 7.596, 1e-9);
  EXPECT_NEAR(r.at(Metric::OtherFte, 1), 3, 1e-12);
  EXPECT_NEAR(r.at(Metric::AppointmentsDemand, 1), 33000, 1e-6);
  EXPECT_NEAR(r.at(Metric::AppointmentsDemand, 2), 36300, 1e-6);
  EXPECT_NEAR(r.at(Metric::AppointmentsCapacity, 1), 26400, 1e-6);
  EXPECT_NEAR(r.at(Metric::AppointmentsCapacity, 2), 27192, 1e-6);
  EXPECT_NEAR(r.at(Metric::AppointmentsGap, 1), 6600, 1e-6);
  EXPECT_NEAR(r.at(Metric::AppointmentsGap, 2), 9108, 1e-6);
  EXPECT_NEAR(r.at(Metric::AppointmentsPer1000, 1), 26400.0 / 6.6, 1e-6);
  EXPECT_NEAR(r.at(Metric::LevellingUpCost, 1), 24200, 1e-6);
  EXPECT_NEAR(r.at(Metric::LevellingUpCost, 2), 58564, 1e-6);
  EXPECT_NEAR(r.at(Metric::Investment, 1), 24200, 1e-6);  // levelling up is the only lever
  EXPECT_NEAR(r.at(Metric::Savings, 1), -13024, 1e-6);
  EXPECT_EQ(r.at(Metric::PracticesOpen, 2), 3);
  EXPECT_EQ(r.at(Metric::Closures, 2), 0);
}

// A richer case with every lever on, for identities that must hold in any run.
HandCase all_levers() {
  HandCase c;
  c.m.horizon_years = 6;
  c.m.commissioning_level = 3;
  c.m.population.diversion_max = 0.3;
  c.m.workforce.retirement_rate = WorkforceParameters{}.retirement_rate;
  c.m.workforce.extra_gp_posts_per_30000 = 2;
  c.m.roles[0].new_posts_per_30000 = 3;
  c.m.roles[0].cost_per_fte = 45000;
  c.m.capacity.extended_access_per_1000 = 200;
  c.m.capacity.extended_access_cost = 35;
  c.m.capacity.ae_deflection_share = 0.05;
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
  for (auto& p : c.set.practices) p.gp_headcount[3] += 6;  // enough GPs that none closes
  return c;
}

void expect_identities(const HandCase& c, const Results& r) {
  const int h = c.m.horizon_years;
  double cum_inv = 0, cum_sav = 0, npv = 0, urgent_base = std::nan("");
  for (int t = 1; t <= h; ++t) {
    const double index = std::pow(1.1, t);
    const double inv = r.at(Metric::Investment, t), sav = r.at(Metric::Savings, t);
    // Investment = LU + quality + EA x cost x I + new roles + running cost. No closures, so
    // sum L(p,t) = list_size and new filled FTE = 3/30,000 x list x 0.8 (fill).
    const double new_roles = 3.0 / 30000 * r.at(Metric::ListSize, t) * 0.8 * 45000 * index;
    EXPECT_NEAR(inv, r.at(Metric::LevellingUpCost, t) + r.at(Metric::QualityContractCost, t) +
                         r.at(Metric::AppointmentsExtendedAccess, t) * 35 * index + new_roles +
                         20000 * index, 1e-6 * inv) << t;
    // Savings = referral + prescribing + urgent care, and urgent care savings = the year-0
    // urgent cost in year-t prices less this year's: (S - R - P + UCC) / I(t) is constant.
    const double urgent = (sav - r.at(Metric::ReferralSavings, t) -
                           r.at(Metric::PrescribingSavings, t) + r.at(Metric::UrgentCareCost, t)) / index;
    if (t == 1) urgent_base = urgent;
    EXPECT_NEAR(urgent, urgent_base, 1e-6 * std::abs(urgent_base) + 1e-6) << t;
    EXPECT_NEAR(r.at(Metric::NetCost, t), inv - sav, 1e-9 * std::abs(inv)) << t;
    // By role: demand and gap split exactly between GPs and the other roles; capacity is
    // GP + other roles + extended access.
    EXPECT_NEAR(r.at(Metric::AppointmentsDemand, t),
                r.at(Metric::AppointmentsDemandGp, t) + r.at(Metric::AppointmentsDemandOther, t),
                1e-9 * r.at(Metric::AppointmentsDemand, t)) << t;
    EXPECT_NEAR(r.at(Metric::AppointmentsGap, t),
                r.at(Metric::AppointmentsGapGp, t) + r.at(Metric::AppointmentsGapOther, t),
                1e-9 * r.at(Metric::AppointmentsDemand, t)) << t;
    EXPECT_NEAR(r.at(Metric::AppointmentsCapacity, t),
                r.at(Metric::AppointmentsCapacityGp, t) +
                    r.at(Metric::AppointmentsCapacityOther, t) +
                    r.at(Metric::AppointmentsExtendedAccess, t),
                1e-9 * r.at(Metric::AppointmentsCapacity, t)) << t;
    EXPECT_NEAR(r.at(Metric::Roi, t), sav / inv, 1e-12) << t;
    EXPECT_EQ(r.at(Metric::Overspend, t), r.at(Metric::BudgetHeadroom, t) < 0 ? 1.0 : 0.0) << t;
    cum_inv += inv;
    cum_sav += sav;
    EXPECT_NEAR(r.at(Metric::CumulativeRoi, t), cum_sav / cum_inv, 1e-12) << t;
    npv += (sav - inv) / std::pow(1.035, t);
    EXPECT_NEAR(r.at(Metric::ReferralsAvoided, t) * 570 * index, r.at(Metric::ReferralSavings, t),
                1e-6 * std::abs(r.at(Metric::ReferralSavings, t)) + 1e-9) << t;
  }
  EXPECT_NEAR(r.out.at(ScalarMetric::Npv), npv, 1e-6 * std::abs(npv));
}

// Fact: the metric identities of MODEL.md hold in the central case.
TEST(Simulate, MetricIdentitiesCentral) {
  const HandCase c = all_levers();
  Results r(c.m.horizon_years);
  simulate(c.m, c.set, [](std::size_t, int) { return ExpectationEvents{}; }, r.out);
  EXPECT_EQ(r.at(Metric::Closures, 6), 0);
  expect_identities(c, r);
}

// Fact: the same identities hold with stochastic (Philox) events.
TEST(Simulate, MetricIdentitiesStochastic) {
  const HandCase c = all_levers();
  for (std::uint32_t i = 0; i < 5; ++i) {
    Results r(c.m.horizon_years);
    simulate(c.m, c.set, runner::PhiloxEventsFor(42, i), r.out);
    expect_identities(c, r);
  }
}

// Fact: a practice whose only GP retires (rate 1, no recruitment) closes at the end of
// year 1: practices open falls from 3 to 2, the list total is unchanged (list growth 0),
// the dispersal cost is 50 x I(1) x 1000 moved patients = 55,000, and the neighbours hold
// the list from then on.
TEST(Simulate, ClosureReducesPracticesOpenAndConservesList) {
  HandCase c;
  c.m.horizon_years = 3;
  c.m.population.list_growth = 0;
  c.m.workforce.leaver_rate = 0;
  c.m.workforce.fill_rate = 0;
  c.m.workforce.retirement_rate[8] = 1.0;
  c.m.workforce.dispersal_cost = 50;
  c.set.practices[0].gp_headcount = BandArray{};
  c.set.practices[0].gp_headcount[8] = 1;  // A: one GP aged 65+
  Results r(3);
  std::vector<double> closed(9, -1), gap(9, -1), funding(9, -1);
  PracticeTrace trace{3, closed, gap, funding};
  simulate(c.m, c.set, [](std::size_t, int) { return ExpectationEvents{}; }, r.out, &trace);
  EXPECT_EQ(r.at(Metric::Closures, 1), 1);
  EXPECT_EQ(r.at(Metric::PracticesOpen, 1), 2);
  EXPECT_EQ(r.at(Metric::PracticesOpen, 3), 2);
  EXPECT_EQ(r.at(Metric::Closures, 2), 0);
  for (int t = 1; t <= 3; ++t) EXPECT_NEAR(r.at(Metric::ListSize, t), 6000, 1e-9) << t;
  EXPECT_NEAR(r.at(Metric::DispersalCost, 1), 55000, 1e-6);
  EXPECT_EQ(r.at(Metric::DispersalCost, 2), 0);
  EXPECT_EQ(closed, (std::vector<double>{1, 1, 1, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(gap[1], 0.0);  // closed practice: no unmet demand of its own
  // Year 1: A had no GP all year: its GP demand 0.6 x 5 x 1000 = 3000 unmet, plus other
  // demand 2000 against 2000 nurse appointments.
  EXPECT_NEAR(gap[0], 3000, 1e-9);
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

// Fact: the central path is deterministic (same figures bit for bit on a second run), and
// a Philox run is a pure function of (seed, iteration).
TEST(Simulate, RunsAreDeterministic) {
  const HandCase c = all_levers();
  Results a(6), b(6), p(6), q(6), other(6);
  simulate(c.m, c.set, [](std::size_t, int) { return ExpectationEvents{}; }, a.out);
  simulate(c.m, c.set, [](std::size_t, int) { return ExpectationEvents{}; }, b.out);
  EXPECT_TRUE(same_bits(a.by_year, b.by_year));
  EXPECT_TRUE(same_bits(a.scalars, b.scalars));
  simulate(c.m, c.set, runner::PhiloxEventsFor(7, 3), p.out);
  simulate(c.m, c.set, runner::PhiloxEventsFor(7, 3), q.out);
  simulate(c.m, c.set, runner::PhiloxEventsFor(7, 4), other.out);
  EXPECT_TRUE(same_bits(p.by_year, q.by_year));
  EXPECT_FALSE(same_bits(p.by_year, other.by_year));
}

// Fact: output memory of the wrong size is refused rather than overrun.
TEST(Simulate, RejectsOutputOfWrongSize) {
  const HandCase c;
  Results r(3);  // the case runs 2 years
  EXPECT_THROW(simulate(c.m, c.set, [](std::size_t, int) { return ExpectationEvents{}; }, r.out),
               ModelError);
}

}  // namespace
}  // namespace pcsim::model
