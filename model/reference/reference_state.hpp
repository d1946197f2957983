#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "model/additional_roles.hpp"
#include "model/age_bands.hpp"
#include "model/capacity.hpp"
#include "model/funding.hpp"
#include "model/levelling_targets.hpp"
#include "model/parameters.hpp"
#include "model/population.hpp"
#include "model/practice.hpp"
#include "model/practice_changes.hpp"
#include "model/savings.hpp"
#include "model/workforce.hpp"
#include "model/year_accounts.hpp"

// The whole-model reference (docs/model.md, "The reference and the engine"): the state of
// one iteration, one plain vector per quantity indexed by practice, and the baseline year
// t = 0 that starts it. No packing, no pre-drawn tables, no caches: each figure is set by
// the equation function of docs/model.md that defines it, in the order the page gives.
namespace pcsim::model::reference {

struct State {
  std::size_t practices = 0, roles = 0, standards = 0;
  // Stepped each year.
  std::vector<double> open_share;                  // 1 open, 0 gone; the expected share centrally
  std::vector<double> closed_share, merged_share;  // how it left (cumulative)
  std::vector<Patients> list, weighted;            // L(p,t), W(p,t)
  std::vector<BandArray> gps;                      // GP headcount by age band
  std::vector<Headcount> gp_total;                 // total GP headcount after recruitment
  std::vector<double> gps_per_patient;             // establishment ratio
  std::vector<Fte> role_fte;                       // baseline FTE of each role, [p * roles + r]
  std::vector<double> referral_rate;               // r(p,t)
  // Fixed for the run.
  std::vector<int> neighbourhood, area, peer_group;
  std::vector<std::uint8_t> apms;
  std::vector<PoundsPerPatient> funding0, target;  // f(p,0), f*(p) (NaN: not levelled)
  std::vector<Fraction> quality_applies;           // [p * standards + k]
  std::vector<double> referral_rate0;              // r(p,0)
  std::vector<double> peer_benchmark;              // bench(g)
  std::vector<PoundsPerPatient> prescribing0;
  RunBaseline baseline;
};

// Year 0 of an iteration: the practice data, the drawn year-0 figures (quality sign-up,
// referral baselines; events_for(p, 0)), the levelling targets and the baseline accounts.
template <class EventsFor>
State start(const ModelParameters& m, const PracticeSet& set, EventsFor& events_for) {
  const auto& all = set.practices;
  State s;
  s.practices = all.size();
  s.roles = m.roles.size();
  s.standards = m.funding.quality_standards.size();
  s.funding0 = baseline_funding_per_weighted(set);
  s.target.assign(s.practices, std::nan(""));
  if (m.funding.levelling_up && s.practices > 0)
    s.target = levelling_baseline(m.funding, set, s.funding0).target;
  s.area = target_scope_groups(TargetScope::Area, set);
  const std::vector<double> referral_centres = peer_group_referral_rates(m.savings, set);
  for (std::size_t p = 0; p < s.practices; ++p) {
    const PracticeBaseline& practice = all[p];
    const auto events = events_for(p, 0);
    s.open_share.push_back(1.0);
    s.closed_share.push_back(0.0);
    s.merged_share.push_back(0.0);
    s.list.push_back(practice.registered_patients);
    s.weighted.push_back(practice.weighted_patients);
    s.gps.push_back(practice.gp_headcount);
    s.gp_total.push_back(total_headcount(practice.gp_headcount));
    s.gps_per_patient.push_back(
        establishment_ratio(s.gp_total.back(), practice.registered_patients));
    for (std::size_t r = 0; r < s.roles; ++r)
      s.role_fte.push_back(
          baseline_role_fte(m.roles[r], practice.role_fte, r, practice.registered_patients));
    s.neighbourhood.push_back(practice.neighbourhood);
    s.peer_group.push_back(practice.peer_group);
    s.apms.push_back(practice.contract_type == "APMS" ? 1 : 0);
    const std::vector<Fraction> applies = quality_sign_ups(m.funding, events);
    s.quality_applies.insert(s.quality_applies.end(), applies.begin(), applies.end());
    s.referral_rate0.push_back(referral_baseline_rate(
        m.savings, practice.referrals_per_1000_weighted,
        referral_centre(m.savings, referral_centres, practice.peer_group), events));
    s.prescribing0.push_back(prescribing_baseline_per_weighted(m.savings, practice));
  }
  s.referral_rate = s.referral_rate0;
  if (m.savings.benchmarking) s.peer_benchmark = peer_benchmarks(m.savings, set, s.referral_rate0);
  s.baseline.baseline_spend = baseline_spend(m.funding, set);
  return s;
}

// The view of the state that the year-end practice changes read and change.
inline PracticeChangeView change_view(State& s) {
  PracticeChangeView v;
  v.open_share = s.open_share;
  v.list = s.list;
  v.weighted = s.weighted;
  v.gps = s.gps;
  v.gp_total = s.gp_total;
  v.gps_per_patient = s.gps_per_patient;
  v.role_fte = s.role_fte;
  v.roles = s.roles;
  v.neighbourhood = s.neighbourhood;
  v.area = s.area;
  v.closed_share = s.closed_share;
  v.merged_share = s.merged_share;
  return v;
}

}  // namespace pcsim::model::reference
