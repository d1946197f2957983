#pragma once
#include <algorithm>

#include "core/units.hpp"
#include "model/parameters.hpp"

// What the money buys (docs/model.md, Funding: what additional funding buys): the capacity
// that levelling up's additional core funding pays for, and its effect on GP retention.
// Pure functions of one practice-year.
namespace pcsim::model {

// Relative funding uplift u(p,t) = (f(p,t) - f(p,0) I(t)) / (f(p,0) I(t)): 0.1 is a 10%
// rise in core funding per weighted patient; negative for a practice levelled down; 0
// when f(p,0) <= 0 (no baseline to compare with).
inline double funding_uplift(PoundsPerPatient levelled_cash, PoundsPerPatient f0,
                             double inflation_index) {
  const double baseline_cash = f0 * inflation_index;
  return baseline_cash > 0 ? (levelled_cash - baseline_cash) / baseline_cash : 0.0;
}

// The leaver rate of a practice with uplift u:
//   l(p,t) = min(1, leaver_rate max(0, 1 - leaver_reduction_per_uplift u))
// (with the default 0 the rate is leaver_rate for every practice). The cap at 1: a practice
// levelled down far enough with a large effect would otherwise lose more GPs than it has
// (negative stay probabilities; docs/model-audit.md, item 8).
inline RatePerYear retained_leaver_rate(const WorkforceParameters& workforce, double uplift) {
  if (workforce.leaver_reduction_per_uplift == 0) return workforce.leaver_rate;
  return std::min(1.0, workforce.leaver_rate *
                           std::max(0.0, 1.0 - workforce.leaver_reduction_per_uplift * uplift));
}

// Appointments bought with one practice's additional core funding LU(p,t) (£, year-t
// cash; negative when levelled down):
//   GP    = LU clinical_spend_share gp_time_share       / (gp_appointment_cost I(t))
//   other = LU clinical_spend_share (1 - gp_time_share) / (other_appointment_cost I(t))
// An appointment cost of 0 buys nothing (rather than infinitely many).
struct FundedAppointments {
  Appointments gp = 0;
  Appointments other = 0;
};

inline FundedAppointments funded_appointments(const FundingParameters& funding,
                                              const CapacityParameters& capacity,
                                              Pounds levelling_up, double inflation_index) {
  FundedAppointments out;
  if (funding.clinical_spend_share == 0 || levelling_up == 0) return out;
  const Pounds clinical = levelling_up * funding.clinical_spend_share;
  const double gp_cost = capacity.gp_appointment_cost * inflation_index;
  const double other_cost = capacity.other_appointment_cost * inflation_index;
  if (gp_cost > 0) out.gp = clinical * funding.gp_time_share / gp_cost;
  if (other_cost > 0) out.other = clinical * (1.0 - funding.gp_time_share) / other_cost;
  return out;
}

}  // namespace pcsim::model
