// Tests of what levelling-up money buys (model/funded_capacity.hpp) against hand
// calculations: the uplift, the leaver rate it sets, and the appointments it pays for.
#include "model/funded_capacity.hpp"

#include "model/practice_capacity.hpp"

#include <gtest/gtest.h>

namespace pcsim::model {
namespace {

// Fact: f0 = 80, I = 1.02, f(p,t) = 91.8: baseline cash 81.6, uplift 10.2 / 81.6 = 0.125;
// no baseline funding gives no uplift.
TEST(FundedCapacity, UpliftIsRelativeToBaselineCash) {
  EXPECT_NEAR(funding_uplift(91.8, 80, 1.02), 0.125, 1e-15);
  EXPECT_EQ(funding_uplift(50, 0, 1.02), 0.0);
}

// Fact: leaver rate 0.03 and reduction 2 per unit of uplift: at u = 0.125 it is 0.03 x
// (1 - 0.25) = 0.0225; at u = 0.6 the factor is floored at 0; a practice levelled down
// (u = -0.1) loses more GPs: 0.03 x 1.2 = 0.036; with no effect the rate is unchanged.
TEST(FundedCapacity, LeaverRateFallsWithUplift) {
  WorkforceParameters w;
  w.leaver_rate = 0.03;
  w.leaver_reduction_per_uplift = 2;
  EXPECT_NEAR(retained_leaver_rate(w, 0.125), 0.0225, 1e-15);
  EXPECT_EQ(retained_leaver_rate(w, 0.6), 0.0);
  EXPECT_NEAR(retained_leaver_rate(w, -0.1), 0.036, 1e-15);
  // Levelled down by half with reduction 100: 0.03 x 51 = 1.53, capped at 1 (every GP
  // leaves, none more).
  w.leaver_reduction_per_uplift = 100;
  EXPECT_EQ(retained_leaver_rate(w, -0.5), 1.0);
  w.leaver_reduction_per_uplift = 2;
  w.leaver_reduction_per_uplift = 0;
  EXPECT_EQ(retained_leaver_rate(w, 0.125), 0.03);
}

// Fact: £102,000 of levelling up in a year with I = 1.02, 60% spent on clinical time, 40%
// of it GP time: GP 102,000 x 0.6 x 0.4 / (39 x 1.02) = 24,480 / 39.78 = 615.38...; other
// 102,000 x 0.6 x 0.6 / (13 x 1.02) = 36,720 / 13.26 = 2,769.23...; nothing with a share
// of 0 or no money; a negative uplift (levelled down) loses appointments.
TEST(FundedCapacity, AppointmentsBoughtByHand) {
  FundingParameters f;
  f.clinical_spend_share = 0.6;
  f.gp_time_share = 0.4;
  CapacityParameters c;
  c.gp_appointment_cost = 39;
  c.other_appointment_cost = 13;
  const FundedAppointments a = funded_appointments(f, c, 102000, 1.02);
  EXPECT_NEAR(a.gp, 24480.0 / 39.78, 1e-9);
  EXPECT_NEAR(a.other, 36720.0 / 13.26, 1e-9);
  EXPECT_LT(funded_appointments(f, c, -102000, 1.02).gp, 0.0);
  f.clinical_spend_share = 0;
  EXPECT_EQ(funded_appointments(f, c, 102000, 1.02).gp, 0.0);
  f.clinical_spend_share = 0.6;
  c.gp_appointment_cost = 0;  // no price: buys nothing rather than infinitely many
  EXPECT_EQ(funded_appointments(f, c, 102000, 1.02).gp, 0.0);
}

// Fact: one practice-year with every capacity lever acting (practice_capacity). GP demand
// 2,100 after 900 diverted; 1 GP FTE x 2,000; additional roles 0.1 FTE x 1,000 x half for
// GP demand = 50; £10,000 levelling up x 0.5 clinical x 0.5 GP time / £25 = 100 funded GP
// appointments; extended access 200. U = max(0, 2,100 - 2,000 - 100 - 50 - 200) = 0; had
// no lever acted, U° = max(0, 2,100 + 900 - 2,000 - 50) = 950.
TEST(FundedCapacity, UnmetGpDemandWithAndWithoutLeversByHand) {
  ModelParameters m;
  m.capacity.appointments_per_gp_fte = 2000;
  m.capacity.gp_appointment_cost = 25;
  m.capacity.other_appointment_cost = 20;
  m.funding.clinical_spend_share = 0.5;
  m.funding.gp_time_share = 0.5;
  m.additional_roles.appointments_per_fte = 1000;
  m.additional_roles.gp_demand_share = 0.5;
  DemandSplit demand;
  demand.gp = 2100;
  demand.diverted = 900;
  demand.other = 1500;
  const PracticeCapacity c = practice_capacity(m, demand, 1.0, 1000, 0.1, 10000, 1.0, 200);
  EXPECT_NEAR(c.funded.gp, 100, 1e-9);
  EXPECT_NEAR(c.additional_roles_gp, 50, 1e-9);
  EXPECT_EQ(c.unmet.gp, 0.0);
  EXPECT_NEAR(c.unmet.gp_without_levers, 950, 1e-9);
}

}  // namespace
}  // namespace pcsim::model
