#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

#include "model/additional_roles.hpp"
#include "model/capacity.hpp"
#include "model/funded_capacity.hpp"
#include "model/funding.hpp"
#include "model/gp_transitions.hpp"
#include "model/population.hpp"
#include "model/practice_capacity.hpp"
#include "model/practice_changes.hpp"
#include "model/ramp.hpp"
#include "model/reference/reference_state.hpp"
#include "model/savings.hpp"
#include "model/stream_purpose.hpp"
#include "model/workforce.hpp"

// One practice's year in the reference simulation (docs/model.md, "How a year is run",
// step 1), one function per step, each calling the equations of its module with the
// practice's events of the year. Nothing here is shared between practices but the
// parameters, so the practices' years can be read one at a time.
namespace pcsim::model::reference {

// Step 1.1, list: L and W grow by the same factor 1 + g + e(p,t) (floored at 0).
template <class Events>
void list_step(const ModelParameters& m, State& s, std::size_t p, const Events& events) {
  const double growth = list_growth_factor(m.population, events);
  s.list[p] *= growth;
  s.weighted[p] *= growth;
}

// f(p,t), the practice's core funding per weighted patient this year (cash).
inline PoundsPerPatient funding_per_weighted(const ModelParameters& m, const State& s,
                                             std::size_t p, int t) {
  return levelled_funding_per_weighted(m.funding, s.funding0[p], s.target[p], t);
}

// Step 1.3: GP exits and ageing at the practice's leaver rate (step_gp_bands), then
// recruitment against the establishment E(p,t) = establishment_for_ratio (recruit_gps).
template <class Events>
GpExits gp_exits(const ModelParameters& m, State& s, std::size_t p, RatePerYear leaver_rate,
                 const Events& events) {
  const GpExits exits = step_gp_bands(m.workforce, leaver_rate, s.gps[p], events);
  s.gp_total[p] = total_headcount(s.gps[p]);
  return exits;
}

template <class Events>
Headcount recruitment(const ModelParameters& m, State& s, std::size_t p, const Events& events) {
  const Headcount target = establishment_for_ratio(m.workforce, s.gps_per_patient[p], s.list[p]);
  const Headcount recruits = recruit_gps(m.workforce, target, s.gps[p], events);
  s.gp_total[p] = total_headcount(s.gps[p]);
  return recruits;
}

// Everything one practice adds to the year's totals, and its trace figures.
struct PracticeYear {
  YearTotals totals;  // this practice's terms (list and weighted are set at the year end)
  std::vector<Fte> new_role_fte;  // filled new posts of each role
  Appointments gap = 0;
  PoundsPerPatient funding_per_weighted = 0;  // f(p,t) + quality payment per weighted patient
  Fte additional_roles_fte = 0;
};

// Steps 1.1 to 1.7 of one open practice in year t (docs/model.md, How a year is run).
template <class Events>
PracticeYear practice_year(const ModelParameters& m, State& s, std::size_t p, int t,
                           const Events& events) {
  PracticeYear out;
  YearTotals& y = out.totals;
  const double index = inflation_index(m.funding, t);

  list_step(m, s, p, events);
  const Patients list = s.list[p], weighted = s.weighted[p];

  // Funding first: its uplift sets the leaver rate of the GP step (what the money buys).
  const PoundsPerPatient f = funding_per_weighted(m, s, p, t);
  const double uplift = funding_uplift(f, s.funding0[p], index);
  y.levelling_up = levelling_up_cost(m.funding, s.funding0[p], s.target[p], weighted, t);

  const GpExits exits = gp_exits(m, s, p, retained_leaver_rate(m.workforce, uplift), events);
  y.retirements = exits.retirements;
  y.leavers = exits.leavers;
  y.recruits = recruitment(m, s, p, events);
  y.gp_headcount = s.gp_total[p];
  y.extra_gp_posts_filled =
      filled_extra_gp_posts(m.workforce, s.gps_per_patient[p], list, s.gp_total[p]);

  // FTE: GPs, other roles (baseline + filled new posts), additional roles.
  y.gp_fte = gp_fte(m.workforce, s.gp_total[p], t);
  Appointments roles_appointments = 0;
  out.new_role_fte.assign(s.roles, 0.0);
  for (std::size_t r = 0; r < s.roles; ++r) {
    const RoleYear role = role_fte(m.roles[r], s.role_fte[p * s.roles + r], list, t);
    y.other_fte += role.total;
    roles_appointments += role_capacity(m.roles[r], role.total);
    out.new_role_fte[r] = role.new_filled;
  }
  const double density = additional_roles_density(m.additional_roles, m.start_year, t);
  out.additional_roles_fte = additional_roles_fte(density, weighted);
  y.additional_roles_fte = out.additional_roles_fte;

  // Demand and capacity, with what the levelling-up money buys.
  const DemandSplit demand = split_demand(m.population, list, t);
  const PracticeCapacity c =
      practice_capacity(m, demand, y.gp_fte, roles_appointments, out.additional_roles_fte,
                        y.levelling_up, index, extended_access_appointments(m.capacity, list, t));
  y.demand = demand.total();
  y.demand_gp = demand.gp;
  y.demand_other = demand.other;
  y.self_care = demand.self_care;
  y.capacity_gp = c.gp;
  y.capacity_other = c.other;
  y.funded_gp = c.funded.gp;
  y.funded_other = c.funded.other;
  y.additional_roles_appointments = c.additional_roles;
  y.extended_access = c.extended_access;
  y.capacity = c.total();
  y.unmet_gp = c.unmet.gp;
  y.unmet_gp_without_levers = c.unmet.gp_without_levers;
  y.unmet_other = c.unmet.other;
  y.gap = c.unmet.gap();
  out.gap = c.unmet.gap();

  // Quality contract.
  const std::span<const Fraction> applies(s.quality_applies.data() + p * s.standards, s.standards);
  y.quality_contract = quality_payment(m.funding, applies, events, weighted, t);
  out.funding_per_weighted = f + (weighted > 0 ? y.quality_contract / weighted : 0.0);

  // Referrals (peer benchmarking, EUR) and prescribing.
  if (m.savings.benchmarking) {
    const int g = s.peer_group[p];
    const double bench = g >= 0 && static_cast<std::size_t>(g) < s.peer_benchmark.size()
                             ? s.peer_benchmark[static_cast<std::size_t>(g)]
                             : std::nan("");
    s.referral_rate[p] = benchmarked_rate(m.savings, s.referral_rate[p], bench);
  }
  const ReferralYear referral =
      referral_year(m.savings, s.referral_rate0[p], s.referral_rate[p], weighted, index, t);
  y.referrals = referral.referrals;
  y.referrals_avoided = referral.avoided;
  y.referral_savings = referral.savings;
  y.baseline_referral_cost = referral.baseline * m.savings.cost_per_referral * index;
  const PrescribingYear prescribing = prescribing_year(m.savings, s.prescribing0[p], weighted, t);
  y.prescribing_savings = prescribing.savings;
  y.baseline_prescribing_cost = prescribing.cost;
  return out;
}

// The covariates of a practice for the year-end hazards: its list and GP headcount as an
// open practice (divided by its open share: in the central case the state holds expected
// totals), and its contract.
inline HazardCovariates hazard_covariates(const State& s, std::size_t p) {
  const double share = s.open_share[p];
  return {s.list[p] / share, s.gp_total[p] / share, s.apms[p] != 0};
}

// Step 2, the year-end practice changes: the closure threshold rule (a practice whose GP
// headcount is below workforce.closure_threshold closes), else the hazards; then every
// change applied at once (apply_practice_changes).
template <class EventsFor>
PracticeChangeYear year_end_changes(const ModelParameters& m, State& s, int t,
                                    EventsFor& events_for) {
  std::vector<ChangeShares> shares(s.practices);
  const HazardYearShift shift = hazard_year_shift(m.practice_changes, events_for(0, t));
  for (std::size_t p = 0; p < s.practices; ++p) {
    if (!(s.open_share[p] > 0)) continue;
    if (s.gp_total[p] / s.open_share[p] < m.workforce.closure_threshold) {
      shares[p] = {1.0, 0.0};
      continue;
    }
    const ChangeProbabilities probabilities =
        change_probabilities(m.practice_changes, hazard_covariates(s, p), shift);
    shares[p] = change_shares(probabilities, events_for(p, t));
  }
  return apply_practice_changes(change_view(s), shares);
}

}  // namespace pcsim::model::reference
