#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "model/age_bands.hpp"
#include "model/capacity.hpp"
#include "model/funding.hpp"
#include "model/parameters.hpp"
#include "model/population.hpp"
#include "model/practice.hpp"
#include "model/savings.hpp"
#include "model/units.hpp"
#include "model/workforce.hpp"

// The state simulate() carries from year to year for every practice of one iteration, laid
// out as a structure of arrays (one vector per quantity, indexed by practice) so the year
// loop reads memory in order and can later be vectorised or pooled. Built once per call of
// simulate() from the baseline year t = 0 (MODEL-DECISIONS, Time).
namespace pcsim::model {

struct SimulationState {
  std::size_t practice_count = 0;
  std::size_t role_count = 0;
  std::size_t standard_count = 0;

  // Population and workforce, stepped each year.
  std::vector<std::uint8_t> open;            // 1 open, 0 closed
  std::vector<Patients> list;                // L(p,t)
  std::vector<Patients> weighted;            // W(p,t)
  std::vector<BandArray> gp_headcount;       // by age band
  // Baseline figures, fixed for the run.
  std::vector<int> neighbourhood;
  std::vector<int> peer_group;
  std::vector<Patients> baseline_list;       // L(p,0)
  std::vector<Headcount> baseline_headcount; // H(p,0), for the establishment
  std::vector<Fte> baseline_role_fte;        // [p * role_count + r]

  // Funding.
  std::vector<PoundsPerPatient> funding0;    // f(p,0)
  PoundsPerPatient funding_target = 0;       // f*, year-0 prices (0 when levelling is off)
  std::vector<Fraction> quality_applies;     // [p * standard_count + k], drawn in year 0
  Pounds baseline_spend = 0;                 // year-0 prices

  // Savings.
  std::vector<double> referral_rate0;        // r(p,0) per 1,000 weighted
  std::vector<double> referral_rate;         // r(p,t), stepped by benchmarking
  std::vector<double> peer_benchmark;        // bench(g), per peer group
  std::vector<PoundsPerPatient> prescribing0;  // pres(p,0)

  // Capacity: unmet GP demand of the baseline year, U(0), summed over practices.
  Appointments baseline_unmet_gp = 0;

  // Scratch, reused every year: filled new-role FTE per role, summed over practices.
  std::vector<Fte> new_role_fte;

  std::span<const Fraction> applies(std::size_t p) const {
    return std::span<const Fraction>(quality_applies).subspan(p * standard_count, standard_count);
  }
  Fte role_baseline(std::size_t p, std::size_t r) const {
    return baseline_role_fte[p * role_count + r];
  }
};

// U(p,0): unmet GP demand of a practice in the baseline year with no levers
// (MODEL-DECISIONS, Appointment capacity: "U(0): computed the same way for t = 0").
inline Appointments baseline_unmet_gp_demand(const ModelParameters& parameters,
                                             const SimulationState& state, std::size_t p) {
  const DemandSplit demand = split_demand(parameters.population, state.baseline_list[p], 0);
  const Fte fte = gp_fte(parameters.workforce, state.baseline_headcount[p], 0);
  return unmet_demand(demand.gp, gp_capacity(parameters.capacity, fte), 0.0, 0.0, 0.0).gp;
}

// The state at t = 0. Year-0 draws (quality sign-up, referral baseline) use
// events_for(p, 0) (MODEL-DECISIONS, Events).
template <class EventsFor>
SimulationState initial_state(const ModelParameters& parameters, const PracticeSet& set,
                              EventsFor& events_for) {
  SimulationState s;
  const std::size_t n = set.practices.size();
  s.practice_count = n;
  s.role_count = parameters.roles.size();
  s.standard_count = parameters.funding.quality_standards.size();
  s.open.assign(n, 1);
  s.quality_applies.reserve(n * s.standard_count);
  s.baseline_role_fte.reserve(n * s.role_count);
  for (std::size_t p = 0; p < n; ++p) {
    const PracticeBaseline& practice = set.practices[p];
    s.list.push_back(practice.registered_patients);
    s.weighted.push_back(practice.weighted_patients);
    s.baseline_list.push_back(practice.registered_patients);
    s.gp_headcount.push_back(practice.gp_headcount);
    s.baseline_headcount.push_back(total_headcount(practice.gp_headcount));
    s.neighbourhood.push_back(practice.neighbourhood);
    s.peer_group.push_back(practice.peer_group);
    for (std::size_t r = 0; r < s.role_count; ++r)
      s.baseline_role_fte.push_back(baseline_role_fte(parameters.roles[r], practice.role_fte, r,
                                                      practice.registered_patients));
    const auto year0 = events_for(p, 0);
    const std::vector<Fraction> applies = quality_sign_ups(parameters.funding, year0);
    s.quality_applies.insert(s.quality_applies.end(), applies.begin(), applies.end());
    s.referral_rate0.push_back(referral_baseline_rate(parameters.savings, practice, year0));
    s.prescribing0.push_back(prescribing_baseline_per_weighted(parameters.savings, practice));
  }
  s.referral_rate = s.referral_rate0;
  s.peer_benchmark = peer_benchmarks(parameters.savings, set, s.referral_rate0);
  s.funding0 = baseline_funding_per_weighted(set);
  if (parameters.funding.levelling_up && n > 0)
    s.funding_target = levelling_target(parameters.funding, s.funding0);
  s.baseline_spend = baseline_spend(parameters.funding, set);
  for (std::size_t p = 0; p < n; ++p) s.baseline_unmet_gp += baseline_unmet_gp_demand(parameters, s, p);
  s.new_role_fte.assign(s.role_count, 0.0);
  return s;
}

}  // namespace pcsim::model
