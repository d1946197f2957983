// Tests of the appointment capacity module (model/capacity.hpp) against hand-worked cases.
#include "model/capacity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace pcsim::model {
namespace {

// Fact: GP capacity = FTE x appointments per FTE: 3.2 x 7500 = 24,000.
TEST(Capacity, GpCapacityIsFteTimesRate) {
  CapacityParameters c;
  c.appointments_per_gp_fte = 7500;
  EXPECT_NEAR(gp_capacity(c, 3.2), 24000, 1e-9);
}

// Fact: other capacity sums roles: nurses 2.5 x 6000 + pharmacist 1 x 4000 = 19,000.
TEST(Capacity, OtherCapacitySumsRoles) {
  std::vector<RoleParameters> roles(2);
  roles[0].appointments_per_fte = 6000;
  roles[1].appointments_per_fte = 4000;
  const std::vector<Fte> fte = {2.5, 1.0};
  EXPECT_NEAR(other_capacity(roles, fte), 19000, 1e-9);
  EXPECT_EQ(other_capacity({}, {}), 0.0);
}

// Fact: EA = 200 per 1,000 x 12,000 / 1,000 = 2,400 from the start year; none before, and
// none in the baseline year.
TEST(Capacity, ExtendedAccessFromStartYear) {
  CapacityParameters c;
  c.extended_access_per_1000 = 200;
  c.extended_access_start_year = 2;
  EXPECT_EQ(extended_access_appointments(c, 12000, 1), 0.0);
  EXPECT_NEAR(extended_access_appointments(c, 12000, 2), 2400, 1e-9);
  EXPECT_NEAR(extended_access_appointments(c, 12000, 7), 2400, 1e-9);
  c.extended_access_start_year = 0;
  EXPECT_EQ(extended_access_appointments(c, 12000, 0), 0.0);
}

// Fact: U = max(0, 30,000 - 24,000 - 2,400) = 3,600; other unmet max(0, 18,000 - 19,000)
// = 0; gap 3,600. With demand below capacity U is 0, never negative.
TEST(Capacity, UnmetDemandByHand) {
  const UnmetDemand u = unmet_demand(30000, 24000, 2400, 18000, 19000);
  EXPECT_NEAR(u.gp, 3600, 1e-9);
  EXPECT_EQ(u.other, 0.0);
  EXPECT_NEAR(u.gap(), 3600, 1e-9);
  const UnmetDemand v = unmet_demand(20000, 24000, 0, 21000, 19000);
  EXPECT_EQ(v.gp, 0.0);
  EXPECT_NEAR(v.other, 2000, 1e-9);
  EXPECT_NEAR(total_capacity(24000, 19000, 2400), 45400, 1e-9);
}

// Fact: capacity per 1,000 patients: 45,400 / 12,000 x 1,000 = 3,783.33...
TEST(Capacity, AppointmentsPer1000) {
  EXPECT_NEAR(appointments_per_1000(45400, 12000), 45400.0 / 12.0, 1e-9);
  EXPECT_EQ(appointments_per_1000(45400, 0), 0.0);
}

// Fact: urgent care cost = ae_cost I max(0, unmet_to_ae U - deflection EA):
// 148 x 1.0404 x (0.05 x 3600 - 0.1 x 1000) = 148 x 1.0404 x (180 - 100) = 12,318.336;
// with 2,400 extended-access appointments the deflections (240) exceed the 180 attendances
// unmet GP demand sends to A&E, and the cost is 0, not the -9,238.752 of 180 - 240.
TEST(Capacity, UrgentCareCostByHand) {
  CapacityParameters c;
  c.ae_cost = 148;
  c.unmet_to_ae = 0.05;
  c.ae_deflection_share = 0.1;
  EXPECT_NEAR(urgent_care_cost(c, 3600, 1000, 1.0404), 12318.336, 1e-6);
  EXPECT_EQ(urgent_care_cost(c, 3600, 2400, 1.0404), 0.0);
  EXPECT_FALSE(std::signbit(urgent_care_cost(c, 3600, 2400, 1.0404)));
}

// Fact: U° = max(0, (GP demand + diverted) - GP capacity - additional roles' GP share):
// (27,000 + 3,000) - (24,000 + 1,000) = 5,000; never negative: (20,000 + 0) - 25,000 -> 0.
TEST(Capacity, UnmetGpWithoutLeversByHand) {
  EXPECT_NEAR(unmet_gp_without_levers(27000, 3000, 24000, 1000), 5000, 1e-9);
  EXPECT_EQ(unmet_gp_without_levers(20000, 0, 24000, 1000), 0.0);
}

// Fact: urgent care savings = the cost without levers less this year's cost. U = 3,600,
// U° = 5,000, EA = 1,000: 148 x 1.0404 x (0.05 x 5,000) = 38,494.8 without the levers,
// 12,318.336 with them (above), saving 26,176.464 = 148 x 1.0404 x (100 + 0.05 x 1,400).
// With EA = 2,400 the deflections would be 240 of the 180 attendances left: the saving is
// the whole cost without the levers, 38,494.8, not the 47,733.552 of 240 + 70 attendances.
TEST(Capacity, UrgentCareSavingsByHandAndAsCostDifference) {
  CapacityParameters c;
  c.ae_cost = 148;
  c.unmet_to_ae = 0.05;
  c.ae_deflection_share = 0.1;
  EXPECT_NEAR(urgent_care_cost_without_levers(c, 5000, 1.0404), 38494.8, 1e-6);
  EXPECT_NEAR(urgent_care_savings(c, 3600, 5000, 1000, 1.0404), 26176.464, 1e-6);
  EXPECT_NEAR(urgent_care_savings(c, 3600, 5000, 2400, 1.0404), 38494.8, 1e-6);
  // Levers that leave more GP demand unmet (levelled down, no extended access): a negative
  // saving, 148 x 0.05 x 400.
  EXPECT_NEAR(urgent_care_savings(c, 3400, 3000, 0, 1.0), -2960, 1e-9);
}

}  // namespace
}  // namespace pcsim::model
