#pragma once
#include <cstddef>
#include <vector>

#include "core/errors.hpp"
#include "model/metrics.hpp"
#include "model/parameters.hpp"
#include "model/practice.hpp"
#include "model/reference/reference_state.hpp"
#include "model/reference/reference_year.hpp"
#include "model/simulation_output.hpp"
#include "model/year_accounts.hpp"

// The whole-model reference: one iteration of one option, the plain way (docs/model.md,
// "How a year is run"). For each year t = 1..H: every open practice's year in practice
// order (reference_year.hpp), the year-end practice changes, then the run's accounts
// (model/year_accounts.hpp). The fast engine (engine/) must give the same figures: the
// oracle test (tests/model/test_reference_oracle.cpp) holds it to that.
//
// events_for(p, t) gives the events of practice p in year t: model::ExpectationEvents for
// the central case (which the runner computes with this function), the runner's
// PhiloxEvents otherwise.
namespace pcsim::model::reference {

template <class EventsFor>
void simulate(const ModelParameters& m, const PracticeSet& set, EventsFor&& events_for,
              const SimulationOutput& out, const PracticeTrace* trace = nullptr) {
  const int h = m.horizon_years;
  if (h < 1 || out.horizon_years != h ||
      out.by_year.size() < kMetricCount * static_cast<std::size_t>(h) ||
      out.scalars.size() < kScalarMetricCount)
    throw ModelError("reference simulate: the output does not hold " + std::to_string(h) +
                     " years of every metric");
  State s = start(m, set, events_for);
  const auto cell = [h](std::size_t p, int t) {
    return p * static_cast<std::size_t>(h) + static_cast<std::size_t>(t - 1);
  };
  const auto record = [&](std::span<double> span, std::size_t p, int t, double value) {
    if (trace != nullptr && !span.empty()) span[cell(p, t)] = value;
  };
  for (int t = 1; t <= h; ++t) {
    YearTotals y;
    std::vector<Fte> new_role_fte(s.roles, 0.0);
    for (std::size_t p = 0; p < s.practices; ++p) {
      if (!(s.open_share[p] > 0)) {
        if (trace != nullptr) {
          record(trace->appointments_gap, p, t, 0.0);
          record(trace->funding_per_weighted, p, t, 0.0);
          record(trace->additional_roles_fte, p, t, 0.0);
        }
        continue;
      }
      const PracticeYear py = practice_year(m, s, p, t, events_for(p, t));
      const YearTotals& x = py.totals;
      y.gp_headcount += x.gp_headcount;
      y.gp_fte += x.gp_fte;
      y.other_fte += x.other_fte;
      y.additional_roles_fte += x.additional_roles_fte;
      y.demand += x.demand;
      y.capacity += x.capacity;
      y.gap += x.gap;
      y.extended_access += x.extended_access;
      y.demand_gp += x.demand_gp;
      y.capacity_gp += x.capacity_gp;
      y.unmet_gp += x.unmet_gp;
      y.unmet_gp_without_levers += x.unmet_gp_without_levers;
      y.demand_other += x.demand_other;
      y.capacity_other += x.capacity_other;
      y.unmet_other += x.unmet_other;
      y.self_care += x.self_care;
      y.funded_gp += x.funded_gp;
      y.funded_other += x.funded_other;
      y.additional_roles_appointments += x.additional_roles_appointments;
      y.retirements += x.retirements;
      y.leavers += x.leavers;
      y.recruits += x.recruits;
      y.extra_gp_posts_filled += x.extra_gp_posts_filled;
      y.levelling_up += x.levelling_up;
      y.quality_contract += x.quality_contract;
      y.referrals += x.referrals;
      y.referrals_avoided += x.referrals_avoided;
      y.referral_savings += x.referral_savings;
      y.baseline_referral_cost += x.baseline_referral_cost;
      y.prescribing_savings += x.prescribing_savings;
      y.baseline_prescribing_cost += x.baseline_prescribing_cost;
      for (std::size_t r = 0; r < s.roles; ++r) new_role_fte[r] += py.new_role_fte[r];
      record(trace ? trace->appointments_gap : std::span<double>{}, p, t, py.gap);
      record(trace ? trace->funding_per_weighted : std::span<double>{}, p, t,
             py.funding_per_weighted);
      record(trace ? trace->additional_roles_fte : std::span<double>{}, p, t,
             py.additional_roles_fte);
    }
    const PracticeChangeYear changes = year_end_changes(m, s, t, events_for);
    const YearTotals counted = year_counts(s.list, s.weighted, s.open_share, s.gp_total);
    take_counts(y, counted);
    if (trace != nullptr)
      for (std::size_t p = 0; p < s.practices; ++p) {
        record(trace->closed, p, t, s.closed_share[p]);
        record(trace->merged, p, t, s.merged_share[p]);
      }
    write_year_metrics(m, t, y, new_role_fte, changes, s.baseline, out);
  }
  write_run_economics(m, out);
}

}  // namespace pcsim::model::reference
