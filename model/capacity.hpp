#pragma once
#include <algorithm>
#include <cstddef>
#include <span>

#include "core/units.hpp"
#include "model/branch_free.hpp"
#include "model/parameters.hpp"

// Appointment capacity module (MODEL.md, "Appointment capacity"; docs/model.md,
// Appointment capacity): capacity of GPs and other roles, extended access, unmet demand,
// and the urgent-care cost and savings it drives. Pure functions; the caller sums over
// practices. The urgent-care functions are linear in U, U° and EA, so they take run totals.
namespace pcsim::model {

// GP capacity = GP FTE appointments_per_gp_fte (MODEL.md, Capacity).
inline Appointments gp_capacity(const CapacityParameters& capacity, Fte gp_fte) {
  return gp_fte * capacity.appointments_per_gp_fte;
}

// Capacity of one role = FTE appointments_per_fte(role).
inline Appointments role_capacity(const RoleParameters& role, Fte fte) {
  return fte * role.appointments_per_fte;
}

// Other capacity = sum over roles r of FTE(r) appointments_per_fte(r) (MODEL.md, Capacity).
// `role_fte` holds one FTE per entry of `roles`.
inline Appointments other_capacity(std::span<const RoleParameters> roles,
                                   std::span<const Fte> role_fte) {
  Appointments total = 0;
  for (std::size_t r = 0; r < roles.size() && r < role_fte.size(); ++r)
    total += role_capacity(roles[r], role_fte[r]);
  return total;
}

// EA(p,t) = extended_access_per_1000 L(p,t)/1000 from extended_access_start_year on
// (levers act from year 1; MODEL.md, Capacity: Extended access).
inline Appointments extended_access_appointments(const CapacityParameters& capacity, Patients list,
                                                 int t) {
  if (t < 1 || t < capacity.extended_access_start_year) return 0.0;
  return capacity.extended_access_per_1000 * list / 1000.0;
}

// Unmet demand of one practice-year (docs/model.md, Appointment capacity):
//   gp    = U(p,t) = max(0, GP demand - GP capacity - EA)
//   other = max(0, other demand - other capacity)
// (GP capacity and other capacity here include what levelling-up funding buys,
// model/funded_capacity.hpp).
//   gap   = gp + other                         appointments_gap
//   gp_without_levers = U°(p,t), set by practice_capacity (unmet_gp_without_levers)
struct UnmetDemand {
  Appointments gp = 0;
  Appointments other = 0;
  Appointments gp_without_levers = 0;
  Appointments gap() const { return gp + other; }
};

inline UnmetDemand unmet_demand(Appointments gp_demand, Appointments gp_capacity_appointments,
                                Appointments extended_access, Appointments other_demand,
                                Appointments other_capacity_appointments) {
  UnmetDemand unmet;
  unmet.gp = positive_part(gp_demand - gp_capacity_appointments - extended_access);
  unmet.other = positive_part(other_demand - other_capacity_appointments);
  return unmet;
}

// U°(p,t) = max(0, (GP demand + diverted) - GP capacity - additional roles' GP share): the
// practice-year's unmet GP demand had no lever acted this year (no skill-mix diversion, no
// capacity bought with levelling-up money, no extended access), with the same list,
// GPs and additional roles. `gp_demand` and `diverted` are DemandSplit's gp and diverted.
inline Appointments unmet_gp_without_levers(Appointments gp_demand, Appointments diverted,
                                            Appointments gp_capacity_appointments,
                                            Appointments additional_roles_gp) {
  return positive_part((gp_demand + diverted) - (gp_capacity_appointments + additional_roles_gp));
}

// appointments_capacity = GP capacity + other capacity + EA (docs/model.md, Capacity).
constexpr Appointments total_capacity(Appointments gp, Appointments other,
                                      Appointments extended_access) {
  return gp + other + extended_access;
}

// Capacity per 1,000 registered patients (MODEL.md, Capacity: Reported); 0 with no list.
constexpr double appointments_per_1000(Appointments capacity, Patients list) {
  return list > 0 ? capacity / list * 1000.0 : 0.0;
}

// Urgent care (MODEL.md, Appointment capacity and Savings; docs/model.md, Urgent care):
// only unmet GP demand turns up at A&E ("a share unmet_to_ae of it"), and the savings are
// what this year's levers avoid, against the same practice-years without them, so that
// demand growth, retirements and NHS England's additional roles (not paid from the
// investment) are in neither option's savings.

// urgent_care_cost(t) = ae_cost I(t) max(0, unmet_to_ae U(t) - ae_deflection_share EA(t)),
// £: the A&E and urgent-care cost of unmet GP demand U(t) less the attendances extended
// access deflects. The attendances the model knows of are those unmet GP demand sends to
// A&E, so extended access deflects at most all of them: the cost is never negative, and the
// savings never exceed the cost without the levers. `inflation_index` is I(t).
inline Pounds urgent_care_cost(const CapacityParameters& capacity, Appointments unmet_gp,
                               Appointments extended_access, double inflation_index) {
  return capacity.ae_cost * inflation_index *
         positive_part(capacity.unmet_to_ae * unmet_gp -
                       capacity.ae_deflection_share * extended_access);
}

// urgent_care_cost_without_levers(t) = ae_cost I(t) unmet_to_ae U°(t), £: what unmet GP
// demand would cost this year without the levers (baseline_urgent_care_cost).
inline Pounds urgent_care_cost_without_levers(const CapacityParameters& capacity,
                                              Appointments unmet_gp_without_levers,
                                              double inflation_index) {
  // Grouped as urgent_care_cost groups its terms, so that with no lever acting (U = U°, no
  // extended access) the two are equal to the bit and the savings exactly 0.
  return capacity.ae_cost * inflation_index * (capacity.unmet_to_ae * unmet_gp_without_levers);
}

// urgent_care_savings(t) = urgent_care_cost_without_levers(t) - urgent_care_cost(t), £:
// what this year's levers avoid, at most the cost without them; negative only when the
// levers leave more GP demand unmet (a practice levelled down).
inline Pounds urgent_care_savings(const CapacityParameters& capacity, Appointments unmet_gp,
                                  Appointments unmet_gp_without_levers,
                                  Appointments extended_access, double inflation_index) {
  return urgent_care_cost_without_levers(capacity, unmet_gp_without_levers, inflation_index) -
         urgent_care_cost(capacity, unmet_gp, extended_access, inflation_index);
}

}  // namespace pcsim::model
