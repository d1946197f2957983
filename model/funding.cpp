#include "model/funding.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "core/errors.hpp"
#include "model/percentile.hpp"
#include "model/ramp.hpp"
#include "model/workforce.hpp"

namespace pcsim::model {

double inflation_index(const FundingParameters& funding, int t) {
  return std::pow(1.0 + funding.inflation, t);
}

PoundsPerPatient levelled_funding_per_weighted(const FundingParameters& funding,
                                               PoundsPerPatient f0, PoundsPerPatient f_star,
                                               int t) {
  return levelled_funding_per_weighted_at(funding, f0, f_star, inflation_index(funding, t),
                                          ramp(t, funding.levelling_years), t);
}

Pounds levelling_up_cost(const FundingParameters& funding, PoundsPerPatient f0,
                         PoundsPerPatient f_star, Patients weighted_list, int t) {
  return levelling_up_cost_at(funding, f0, f_star, weighted_list, inflation_index(funding, t),
                              ramp(t, funding.levelling_years), t);
}

void throw_sign_up_mismatch(std::size_t sign_ups, std::size_t standards) {
  throw ModelError("quality_payment: sign-ups for " + std::to_string(sign_ups) +
                   " standards, contract has " + std::to_string(standards));
}

Pounds running_cost(const ModelParameters& parameters, int t) {
  if (parameters.commissioning_level != 3) return 0.0;
  return parameters.funding.running_cost * inflation_index(parameters.funding, t);
}

Pounds extended_access_cost(const ModelParameters& parameters,
                            Appointments extended_access_appointments, int t) {
  return extended_access_appointments * parameters.capacity.extended_access_cost *
         inflation_index(parameters.funding, t);
}

Pounds new_role_cost(const RoleParameters& role, const FundingParameters& funding,
                     Fte filled_new_fte, int t) {
  return filled_new_fte * role.cost_per_fte * inflation_index(funding, t);
}

Pounds extra_gp_posts_cost(const ModelParameters& parameters, Headcount filled_posts, int t) {
  if (filled_posts == 0) return 0.0;
  return filled_posts * fte_per_head(parameters.workforce, t) *
         parameters.capacity.appointments_per_gp_fte * parameters.capacity.gp_appointment_cost *
         inflation_index(parameters.funding, t);
}

Pounds practices_core_funding(const PracticeSet& practices) {
  Pounds total = 0;
  for (const PracticeBaseline& practice : practices.practices) total += practice.core_funding;
  return total;
}

Pounds baseline_spend_of(const FundingParameters& funding, Pounds practices_core_funding) {
  return funding.baseline_spend != 0 ? funding.baseline_spend : practices_core_funding;
}

Pounds baseline_spend(const FundingParameters& funding, const PracticeSet& practices) {
  return baseline_spend_of(funding, practices_core_funding(practices));
}

Pounds budget_allocation(const FundingParameters& funding, Pounds baseline_spend, int t) {
  const Pounds b0 = funding.allocation != 0 ? funding.allocation : baseline_spend;
  return b0 * std::pow(1.0 + funding.allocation_growth, t);
}

Pounds budget_headroom(const FundingParameters& funding, Pounds baseline_spend, Pounds investment,
                       Pounds dispersal_cost, int t) {
  const Pounds committed =
      baseline_spend * inflation_index(funding, t) + investment + dispersal_cost;
  return budget_allocation(funding, baseline_spend, t) - committed;
}

double overspend(Pounds headroom) { return headroom < 0 ? 1.0 : 0.0; }

OverspendBorne overspend_borne(const ModelParameters& parameters, Pounds headroom) {
  OverspendBorne borne;
  borne.total = headroom < 0 ? -headroom : 0.0;
  const FundingParameters& f = parameters.funding;
  const Fraction share = parameters.commissioning_level == 3
                             ? f.commissioner_overspend_share_delegated
                             : f.commissioner_overspend_share_joint;
  borne.commissioner = borne.total * share;
  borne.nhs_england = borne.total - borne.commissioner;
  return borne;
}

}  // namespace pcsim::model
