#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

#include "engine/engine_state.hpp"
#include "engine/year_factors.hpp"
#include "model/additional_roles.hpp"
#include "model/capacity.hpp"
#include "model/funded_capacity.hpp"
#include "model/funding.hpp"
#include "model/population.hpp"
#include "model/practice_capacity.hpp"
#include "model/savings.hpp"
#include "model/simulation_output.hpp"
#include "model/workforce.hpp"
#include "model/year_accounts.hpp"

// Pass 5 of an engine year (engine/simulate.hpp runs it): each open practice's FTE, demand,
// capacity, funding and savings, added to the year's totals. The same equation functions,
// in the same order, as the reference's practice_year (model/reference/reference_year.hpp),
// with the year's factors computed once a year (engine/year_factors.hpp: each is the
// module function the reference calls, so every figure is bit for bit the same).
namespace pcsim::engine {

// Writes value at [p * H + t - 1] of a trace span, when the span is requested.
inline void trace_at(std::span<double> s, std::size_t p, int t, int horizon, double value) {
  if (!s.empty())
    s[p * static_cast<std::size_t>(horizon) + static_cast<std::size_t>(t - 1)] = value;
}

// One open practice's accounts, added to y. Always inlined: accounts_pass calls it in its
// loop, where the year's factors and parameters are loaded once rather than per call.
[[gnu::always_inline]] inline void practice_accounts(const ModelParameters& m, const YearFactors& f,
                                                     EngineState& s, std::size_t p, YearTotals& y,
                                                     const PracticeTrace* trace) {
  const int t = f.t;
  const Patients list = s.list[p], weighted = s.weighted[p];
  const Pounds lu = levelling_up_cost_at(m.funding, s.funding0[p], s.funding_target[p], weighted,
                                         f.inflation, f.levelling_phase, t);
  const Headcount heads = s.gps.total(p);
  const Fte gp = gp_fte_at(heads, f.fte_per_head);
  Fte other_fte = 0;
  Appointments roles_appointments = 0;
  for (std::size_t r = 0; r < s.role_count; ++r) {
    const RoleYear role = role_fte(m.roles[r], s.role_fte[p * s.role_count + r], list, t);
    other_fte += role.total;
    roles_appointments += role_capacity(m.roles[r], role.total);
    s.new_role_fte[r] += role.new_filled;
  }
  const Fte arrs = additional_roles_fte(f.additional_roles_density, weighted);
  const DemandSplit demand = split_demand_at(m.population, list, f.consultation_index, f.diversion);
  const PracticeCapacity c =
      practice_capacity(m, demand, gp, roles_appointments, arrs, lu, f.inflation,
                        extended_access_appointments(m.capacity, list, t));
  const Pounds quality = s.quality_payment[p];

  if (m.savings.benchmarking) {
    const int g = s.peer_group[p];
    const double bench = g >= 0 && static_cast<std::size_t>(g) < s.peer_benchmark.size()
                             ? s.peer_benchmark[static_cast<std::size_t>(g)]
                             : std::nan("");
    s.referral_rate[p] = benchmarked_rate(m.savings, s.referral_rate[p], bench);
  }
  const ReferralYear referral = referral_year_at(m.savings, s.referral_rate0[p], s.referral_rate[p],
                                                 weighted, f.inflation, f.eur);
  const PrescribingYear prescribing = prescribing_year_at(m.savings, s.prescribing0[p], weighted,
                                                          f.prescribing_index, f.savings_phase);

  y.gp_headcount += heads;
  y.gp_fte += gp;
  y.other_fte += other_fte;
  y.additional_roles_fte += arrs;
  y.demand += demand.total();
  y.capacity += c.total();
  y.gap += c.unmet.gap();
  y.extended_access += c.extended_access;
  y.demand_gp += demand.gp;
  y.capacity_gp += c.gp;
  y.unmet_gp += c.unmet.gp;
  y.unmet_gp_without_levers += c.unmet.gp_without_levers;
  y.demand_other += demand.other;
  y.capacity_other += c.other;
  y.unmet_other += c.unmet.other;
  y.self_care += demand.self_care;
  y.funded_gp += c.funded.gp;
  y.funded_other += c.funded.other;
  y.additional_roles_appointments += c.additional_roles;
  y.levelling_up += lu;
  y.quality_contract += quality;
  y.referrals += referral.referrals;
  y.referrals_avoided += referral.avoided;
  y.referral_savings += referral.savings;
  y.baseline_referral_cost += referral.baseline * m.savings.cost_per_referral * f.inflation;
  y.prescribing_savings += prescribing.savings;
  y.baseline_prescribing_cost += prescribing.cost;

  if (trace != nullptr) {
    const int h = m.horizon_years;
    trace_at(trace->appointments_gap, p, t, h, c.unmet.gap());
    const double per_weighted =
        levelled_funding_per_weighted_at(m.funding, s.funding0[p], s.funding_target[p], f.inflation,
                                         f.levelling_phase, t) +
        (weighted > 0 ? quality / weighted : 0.0);
    trace_at(trace->funding_per_weighted, p, t, h, per_weighted);
    trace_at(trace->additional_roles_fte, p, t, h, arrs);
  }
}

// The accounts of every practice of year f.t, in practice order, added to y; a closed
// practice adds nothing (and writes 0 to the trace). One call a year rather than one a
// practice: no call, and no reloading of the year's factors, per practice. (A local copy
// of y for the loop was tried: the compiler then packs the sums in pairs with shuffles,
// 25 instructions a practice-year more.)
inline void accounts_pass(const ModelParameters& m, const YearFactors& f, EngineState& s,
                          YearTotals& y, const PracticeTrace* trace) {
  const std::uint8_t* const open = s.open.data();
  for (std::size_t p = 0; p < s.practice_count; ++p) {
    if (open[p] != 0) {
      practice_accounts(m, f, s, p, y, trace);
    } else if (trace != nullptr) {
      const int h = m.horizon_years;
      trace_at(trace->appointments_gap, p, f.t, h, 0.0);
      trace_at(trace->funding_per_weighted, p, f.t, h, 0.0);
      trace_at(trace->additional_roles_fte, p, f.t, h, 0.0);
    }
  }
}

}  // namespace pcsim::engine
