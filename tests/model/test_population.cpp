// Tests of the population and demand module (model/population.hpp) against closed forms
// and hand-worked cases.
#include "model/population.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pcsim::model {
namespace {

// An events object whose list noise is a fixed value e (all other events central).
struct FixedNoiseEvents : ExpectationEvents {
  double e = 0;
  static constexpr bool central() { return false; }
  double normal(Purpose, std::uint32_t, double) const { return e; }
};

// Fact: in the central case (e = 0) the list follows the closed form L0 (1 + g)^t.
TEST(Population, CentralListGrowsAsClosedForm) {
  PopulationParameters pop;
  pop.list_growth = 0.013;
  Patients list = 8000;
  for (int t = 1; t <= 10; ++t) {
    list = next_list_size(pop, list, ExpectationEvents{});
    EXPECT_NEAR(list, 8000 * std::pow(1.013, t), 1e-9) << t;
  }
}

// Fact: the yearly factor is 1 + g + e with the drawn noise e, and never below 0.
TEST(Population, ListNoiseAddsToGrowthAndFloorsAtZero) {
  PopulationParameters pop;
  pop.list_growth = 0.01;
  FixedNoiseEvents events;
  events.e = 0.02;
  EXPECT_DOUBLE_EQ(next_list_size(pop, 5000, events), 5000 * 1.03);  // 5000 x 1.03 = 5150
  events.e = -1.5;  // 1 + 0.01 - 1.5 < 0: the list empties rather than turning negative
  EXPECT_EQ(next_list_size(pop, 5000, events), 0.0);
}

// Fact: w(p) = W(p,0)/L(p,0) and W = L w.
TEST(Population, WeightedListKeepsBaselineRatio) {
  PracticeBaseline p;
  p.registered_patients = 4000;
  p.weighted_patients = 5000;  // w = 1.25
  EXPECT_DOUBLE_EQ(list_weight(p), 1.25);
  EXPECT_DOUBLE_EQ(weighted_list(6000, list_weight(p)), 7500);
  p.registered_patients = 0;
  EXPECT_EQ(list_weight(p), 1.0);
}

// Fact: D = L c (1 + g)^t. L = 1000, c = 5, g = 2%, t = 2: 1000 x 5 x 1.0404 = 5202.
TEST(Population, DemandGrowsWithConsultationRate) {
  PopulationParameters pop;
  pop.consultations_per_patient = 5;
  pop.consultation_growth = 0.02;
  EXPECT_NEAR(appointment_demand(pop, 1000, 2), 5202.0, 1e-9);
  EXPECT_NEAR(appointment_demand(pop, 1000, 0), 5000.0, 1e-12);
}

// Fact: the demand split by hand. L = 1000, c = 5, g = 2%, t = 2 -> D = 5202.
// gp_share 0.6, diversion_max 0.5 over 4 years -> d(2) = 0.5 x 2/4 = 0.25.
//   GP before diversion = 0.6 x 5202 = 3121.2
//   gp        = 3121.2 x 0.75           = 2340.9
//   diverted  = 3121.2 x 0.25           = 780.3
//   self_care = 780.3 x 0.4             = 312.12
//   other     = 0.4 x 5202 + 780.3 x 0.6 = 2080.8 + 468.18 = 2548.98
//   total     = 2340.9 + 2548.98        = 4889.88 (= D - self_care)
TEST(Population, DemandSplitByHand) {
  PopulationParameters pop;
  pop.consultations_per_patient = 5;
  pop.consultation_growth = 0.02;
  pop.gp_share = 0.6;
  pop.diversion_max = 0.5;
  pop.diversion_ramp_years = 4;
  pop.self_care_share = 0.4;
  const DemandSplit s = split_demand(pop, 1000, 2);
  EXPECT_NEAR(s.gp, 2340.9, 1e-9);
  EXPECT_NEAR(s.diverted, 780.3, 1e-9);
  EXPECT_NEAR(s.self_care, 312.12, 1e-9);
  EXPECT_NEAR(s.other, 2548.98, 1e-9);
  EXPECT_NEAR(s.total(), 4889.88, 1e-9);
}

// Fact: with no skill-mix lever, GP demand is gp_share D and other demand the rest.
TEST(Population, NoDiversionSplitsByGpShare) {
  PopulationParameters pop;  // diversion_max = 0 by default
  pop.consultations_per_patient = 4;
  pop.consultation_growth = 0;
  pop.gp_share = 0.55;
  const DemandSplit s = split_demand(pop, 2000, 3);  // D = 8000
  EXPECT_NEAR(s.gp, 4400, 1e-9);
  EXPECT_NEAR(s.other, 3600, 1e-9);
  EXPECT_EQ(s.diverted, 0);
  EXPECT_EQ(s.self_care, 0);
}

// Fact: d(t) = diversion_max min(1, t/Y), zero in the baseline year, full at once when
// Y <= 0 (docs/model.md, Time).
TEST(Population, DiversionRampsUpFromYearOne) {
  PopulationParameters pop;
  pop.diversion_max = 0.7;
  pop.diversion_ramp_years = 3;
  EXPECT_EQ(diversion_share(pop, 0), 0.0);
  EXPECT_NEAR(diversion_share(pop, 1), 0.7 / 3, 1e-15);
  EXPECT_NEAR(diversion_share(pop, 2), 1.4 / 3, 1e-15);
  EXPECT_NEAR(diversion_share(pop, 3), 0.7, 1e-15);
  EXPECT_NEAR(diversion_share(pop, 9), 0.7, 1e-15);
  pop.diversion_ramp_years = 0;
  EXPECT_EQ(diversion_share(pop, 0), 0.0);
  EXPECT_NEAR(diversion_share(pop, 1), 0.7, 1e-15);
}

}  // namespace
}  // namespace pcsim::model
