// Tests of the additional roles (model/additional_roles.hpp) against closed forms.
#include "model/additional_roles.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace pcsim::model {
namespace {

// Fact: a 2018/19 base (start_year 2019): the scheme starts in year 1 from 0, so with
// ceiling 8 and growth 0.25, d(1) = 8 (1 - 0.75) = 2, d(2) = 8 (1 - 0.75^2) = 3.5, d(4) =
// 8 (1 - 0.75^4) = 5.46875; d(0) = 0.
TEST(AdditionalRoles, SchemeStartingInYearOne) {
  AdditionalRolesParameters a;
  a.fte_per_10000_ceiling = 8;
  a.growth_share = 0.25;
  a.fte_per_10000_start = 3;  // ignored: year 0 (2018/19) is before the scheme
  EXPECT_EQ(additional_roles_density(a, 2019, 0), 0.0);
  EXPECT_NEAR(additional_roles_density(a, 2019, 1), 2.0, 1e-15);
  EXPECT_NEAR(additional_roles_density(a, 2019, 2), 3.5, 1e-15);
  EXPECT_NEAR(additional_roles_density(a, 2019, 4), 5.46875, 1e-15);
}

// Fact: a 2016/17 base (start_year 2017): years 1 and 2 (2017/18, 2018/19) have no roles,
// year 3 (2019/20) is the first scheme year: d(3) = 2.
TEST(AdditionalRoles, SchemeStartingLater) {
  AdditionalRolesParameters a;
  a.fte_per_10000_ceiling = 8;
  a.growth_share = 0.25;
  EXPECT_EQ(additional_roles_density(a, 2017, 2), 0.0);
  EXPECT_NEAR(additional_roles_density(a, 2017, 3), 2.0, 1e-15);
  EXPECT_EQ(additional_roles_years(a, 2017, 5), 3);
}

// Fact: a 2022/23 base (start_year 2023) with 4 FTE per 10,000 in post: d(t) = 8 - 4 x
// 0.75^t: d(0) = 4, d(1) = 5, d(2) = 5.75. A practice of 6,000 weighted patients in year 1
// has 3 FTE, reimbursed at £45,000 x I = 1.02: £137,700.
TEST(AdditionalRoles, SchemeAlreadyRunningAtBaseAndItsCost) {
  AdditionalRolesParameters a;
  a.fte_per_10000_ceiling = 8;
  a.fte_per_10000_start = 4;
  a.growth_share = 0.25;
  a.reimbursement_per_fte = 45000;
  EXPECT_NEAR(additional_roles_density(a, 2023, 0), 4.0, 1e-15);
  EXPECT_NEAR(additional_roles_density(a, 2023, 1), 5.0, 1e-15);
  EXPECT_NEAR(additional_roles_density(a, 2023, 2), 5.75, 1e-15);
  const double fte = additional_roles_fte(additional_roles_density(a, 2023, 1), 6000);
  EXPECT_NEAR(fte, 3.0, 1e-12);
  EXPECT_NEAR(additional_roles_cost(a, fte, 1.02), 137700.0, 1e-6);
}

}  // namespace
}  // namespace pcsim::model
