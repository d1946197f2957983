#pragma once
#include <cstddef>
#include <span>

#include "core/units.hpp"
#include "model/additional_roles.hpp"
#include "model/capacity.hpp"
#include "model/parameters.hpp"
#include "model/population.hpp"
#include "model/practice_capacity.hpp"
#include "model/workforce.hpp"

namespace pcsim::model {

// gap(p,0): the unmet demand (GP + other roles) of one practice in year 0 with no levers
// (docs/model.md, Appointment capacity): its baseline list, GP headcount and role FTE
// (`role_fte`, one per role of `m.roles`), the additional roles already in post in year 0,
// no diversion, extended access or funding. Summed over practices it is gap(0), from which
// urgent care savings are counted.
inline Appointments baseline_practice_gap(const ModelParameters& m, Patients list,
                                          Patients weighted, Headcount gps,
                                          std::span<const Fte> role_fte) {
  const DemandSplit demand = split_demand(m.population, list, 0);
  Appointments roles = 0;
  for (std::size_t r = 0; r < m.roles.size() && r < role_fte.size(); ++r)
    roles += role_capacity(m.roles[r], role_fte[r]);
  const double density = additional_roles_density(m.additional_roles, m.start_year, 0);
  return practice_capacity(m, demand, gp_fte(m.workforce, gps, 0), roles,
                           additional_roles_fte(density, weighted), 0.0, 1.0, 0.0)
      .unmet.gap();
}

}  // namespace pcsim::model
