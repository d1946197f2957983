#pragma once
#include <cmath>

#include "core/units.hpp"
#include "model/parameters.hpp"

// Additional roles funded through primary care networks (the Additional Roles
// Reimbursement Scheme, from 2019/20; docs/model.md, Additional roles). The scheme's FTE
// per 10,000 weighted patients is the same in every network (NHS England allocates each
// network's entitlement by weighted population), so a practice's share is its weighted
// list's: a network's FTE summed over its practices is the network's entitlement.
namespace pcsim::model {

// The number of scheme years up to and including year t: years whose calendar start
// (start_year + t - 1) is at or after first_calendar_year.
inline int additional_roles_years(const AdditionalRolesParameters& roles, int start_year, int t) {
  const int first_t = roles.first_calendar_year - start_year + 1;  // first scheme year's t
  if (t < first_t) return 0;
  return t - std::max(first_t, 1) + 1;
}

// d(t), FTE per 10,000 weighted patients in year t:
//   d(t) = C - (C - d0) (1 - g)^k
// with C = fte_per_10000_ceiling, g = growth_share, k = additional_roles_years(t) and d0
// the year-0 level (fte_per_10000_start when year 0 is a scheme year, else 0).
inline double additional_roles_density(const AdditionalRolesParameters& roles, int start_year,
                                       int t) {
  const bool year0_in_scheme = start_year - 1 >= roles.first_calendar_year;
  const double d0 = year0_in_scheme ? roles.fte_per_10000_start : 0.0;
  const int k = additional_roles_years(roles, start_year, t);
  const double ceiling = roles.fte_per_10000_ceiling;
  return ceiling - (ceiling - d0) * std::pow(1.0 - roles.growth_share, k);
}

// A practice's FTE: d(t) W(p,t) / 10,000.
constexpr Fte additional_roles_fte(double density, Patients weighted_list) {
  return density * weighted_list / 10000.0;
}

// Reimbursement of a year, £ in year-t cash: FTE reimbursement_per_fte I(t).
constexpr Pounds additional_roles_cost(const AdditionalRolesParameters& roles, Fte fte,
                                       double inflation_index) {
  return fte * roles.reimbursement_per_fte * inflation_index;
}

}  // namespace pcsim::model
