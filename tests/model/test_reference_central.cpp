// The central case (every event at its expectation) of the whole-model reference
// (model/reference/reference_simulation.hpp), which the runner computes with it, against
// a three-practice case worked by hand: lists, GPs and their flows, capacity, unmet demand,
// levelling up, investment and savings for two years.
#include <gtest/gtest.h>

#include <vector>

#include "model/events.hpp"
#include "model/reference/reference_simulation.hpp"

namespace pcsim::model {
namespace {

PracticeBaseline practice(const char* code, Patients list, Patients weighted, Pounds core,
                          double gps, Fte nurses) {
  PracticeBaseline p;
  p.code = code;
  p.registered_patients = list;
  p.weighted_patients = weighted;
  p.core_funding = core;
  p.gp_headcount[3] = gps;
  p.role_fte = {nurses};
  return p;
}

// Fact: the central case by hand, years 1 and 2. Three practices, lists growing 10% a
// year, no retirements, 10% of GPs leave a year, half of vacancies filled, one nurse role
// (4,000 appointments an FTE), 2,000 appointments a GP FTE, 0.8 FTE a GP, 5 appointments a
// patient (60% with a GP), levelling up to the median over two years, inflation 10%; no
// other lever.
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
//   Urgent care: gap(0) = GP 0 + 1200 + 2600 (0.6 x 5 L0 - 1600 h0), other 0 = 3,800;
//     cost(t) = 148 I(t) 0.05 gap(t): year 1 162.8 x 0.05 x 6600 = 53,724, baseline
//     162.8 x 0.05 x 3800 = 30,932; savings = baseline - cost = -22,792 (the only saving).
TEST(ReferenceCentral, HandWorkedThreePracticeCase) {
  ModelParameters m;
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
  PracticeSet set;
  set.practices = {practice("A", 1000, 1200, 120000, 2, 0.5),
                   practice("B", 2000, 2000, 160000, 3, 1.0),
                   practice("C", 3000, 2400, 300000, 4, 1.5)};
  std::vector<double> by_year(kMetricCount * 2, -999.0), scalars(kScalarMetricCount, -999.0);
  const SimulationOutput out{2, by_year, scalars};
  reference::simulate(m, set, [](std::size_t, int) { return ExpectationEvents{}; }, out);
  const auto at = [&](Metric metric, int t) { return out.at(metric, t); };
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
  EXPECT_NEAR(at(Metric::UrgentCareCost, 1), 53724, 1e-6);
  EXPECT_NEAR(at(Metric::BaselineUrgentCareCost, 1), 30932, 1e-6);
  EXPECT_NEAR(at(Metric::Savings, 1), -22792, 1e-6);
  EXPECT_EQ(at(Metric::PracticesOpen, 2), 3);
  EXPECT_EQ(at(Metric::Closures, 2), 0);
  EXPECT_EQ(at(Metric::Mergers, 2), 0);
}

}  // namespace
}  // namespace pcsim::model
