#pragma once
#include "core/units.hpp"
#include "model/additional_roles.hpp"
#include "model/capacity.hpp"
#include "model/funded_capacity.hpp"
#include "model/parameters.hpp"
#include "model/population.hpp"

// The appointments one practice offers in a year against its demand (docs/model.md,
// Appointment capacity), from its GP FTE, its roles' appointments, its additional roles'
// FTE, its levelling-up money and extended access: the one composition the reference and
// the engine both call.
namespace pcsim::model {

struct PracticeCapacity {
  Appointments gp = 0;                   // GP FTE x appointments per GP FTE
  Appointments other = 0;                // roles + additional roles' other-demand share
  FundedAppointments funded;             // bought with levelling-up money
  Appointments additional_roles = 0;     // every additional-roles appointment
  Appointments additional_roles_gp = 0;  // the share meeting GP demand
  Appointments extended_access = 0;
  UnmetDemand unmet;
  Appointments total() const {
    return total_capacity(gp + funded.gp + additional_roles_gp, other + funded.other,
                          extended_access);
  }
};

// `roles_appointments` = sum over roles of role_capacity; `levelling_up` = LU(p,t) (£,
// cash); `index` = I(t).
inline PracticeCapacity practice_capacity(const ModelParameters& m, const DemandSplit& demand,
                                          Fte gp_fte, Appointments roles_appointments,
                                          Fte additional_roles_fte, Pounds levelling_up,
                                          double index, Appointments extended_access) {
  PracticeCapacity c;
  c.gp = gp_capacity(m.capacity, gp_fte);
  c.additional_roles = additional_roles_fte * m.additional_roles.appointments_per_fte;
  c.additional_roles_gp = c.additional_roles * m.additional_roles.gp_demand_share;
  c.other = roles_appointments + (c.additional_roles - c.additional_roles_gp);
  c.funded = funded_appointments(m.funding, m.capacity, levelling_up, index);
  c.extended_access = extended_access;
  c.unmet = unmet_demand(demand.gp, c.gp + c.funded.gp + c.additional_roles_gp, extended_access,
                         demand.other, c.other + c.funded.other);
  c.unmet.gp_without_levers =
      unmet_gp_without_levers(demand.gp, demand.diverted, c.gp, c.additional_roles_gp);
  return c;
}

}  // namespace pcsim::model
