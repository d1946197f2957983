#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <utility>

#include "model/capacity.hpp"
#include "model/economics.hpp"
#include "core/errors.hpp"
#include "model/funding.hpp"
#include "model/list_and_workforce_passes.hpp"
#include "model/metrics.hpp"
#include "model/parameters.hpp"
#include "model/population.hpp"
#include "model/practice.hpp"
#include "model/quality_pass.hpp"
#include "model/savings.hpp"
#include "model/simulation_output.hpp"
#include "model/simulation_state.hpp"
#include "model/simulation_workspace.hpp"
#include "model/workforce.hpp"
#include "model/year_factors.hpp"

// One iteration of one option: the modules of MODEL.md composed over the practices and the
// years t = 1..H. The order of a year (docs/model.md, "How a year is run"):
//   1. per open practice p, with events = events_for(p, t), in passes over the practices
//      (a practice's year does not depend on the others'): list step (L, W); then GP
//      exits and ageing; then recruitment against the establishment; then GP and role
//      FTE; demand split; capacity, extended access, unmet demand; levelling up and
//      quality payment; referrals (benchmarking, EUR); prescribing;
//   2. at the year end, closures and list dispersal over all practices;
//   3. run totals: investment, urgent care, savings, budget headroom, net cost, ROI.
// After the last year: cumulative ROI, NPV and payback year.
namespace pcsim::model {

// Totals of one year over the practices, before the run-level composition.
struct YearTotals {
  Patients list = 0, weighted = 0;
  Headcount gp_headcount = 0;
  Fte gp_fte = 0, other_fte = 0;
  Appointments demand = 0, capacity = 0, gap = 0, extended_access = 0, unmet_gp = 0;
  Appointments demand_gp = 0, capacity_gp = 0, demand_other = 0, capacity_other = 0,
               unmet_other = 0;
  Pounds levelling_up = 0, quality_contract = 0;
  Referrals referrals = 0, referrals_avoided = 0;
  Pounds referral_savings = 0, prescribing_savings = 0;
};

namespace detail {

inline void check_output(const ModelParameters& parameters, std::size_t practice_count,
                         const SimulationOutput& out, const PracticeTrace* trace) {
  const int h = parameters.horizon_years;
  if (h < 1) throw ModelError("simulate: horizon_years must be at least 1, found " + std::to_string(h));
  const auto years = static_cast<std::size_t>(h);
  if (out.horizon_years != h || out.by_year.size() < kMetricCount * years ||
      out.scalars.size() < kScalarMetricCount)
    throw ModelError("simulate: output holds " + std::to_string(out.horizon_years) +
                     " years and " + std::to_string(out.by_year.size()) +
                     " values; the run needs " + std::to_string(h) + " years and " +
                     std::to_string(kMetricCount * years) + " values");
  if (trace == nullptr) return;
  const std::size_t need = practice_count * years;
  for (std::span<double> s : {trace->closed, trace->appointments_gap, trace->funding_per_weighted})
    if (!s.empty() && (trace->horizon_years != h || s.size() < need))
      throw ModelError("simulate: practice trace needs " + std::to_string(need) + " values");
}

// Writes value at [p * H + t - 1] of a trace span, when the span is requested.
inline void trace_at(std::span<double> s, std::size_t p, int t, int horizon, double value) {
  if (!s.empty()) s[p * static_cast<std::size_t>(horizon) + static_cast<std::size_t>(t - 1)] = value;
}

// Step 1 of a year, for one open practice, in passes over the practices: the list step,
// the GP exits, recruitment, the quality payment, then the accounts. Each pass is a short
// loop whose iterations are independent, so the processor overlaps the long chains
// (Philox rounds, the normal quantile, the binomial) of neighbouring practices; each
// practice's arithmetic is unchanged and the totals are added in practice order.
// Passes 1 to 3 (list, GP exits, recruitment) are in model/list_and_workforce_passes.hpp,
// pass 4 (quality payment) in model/quality_pass.hpp, pass 5 (the accounts) below.
// docs/performance.md says what each pass's form saves.

// Pass 5: FTE, demand, capacity, funding and savings of one practice, added to the totals.
// `f` = year_factors(m, t): what every practice shares in year t.
inline void practice_accounts(const ModelParameters& m, const YearFactors& f,
                              SimulationState& s, std::size_t p, YearTotals& y,
                              const PracticeTrace* trace) {
  const int t = f.t;
  const Patients list = s.list[p], weighted = s.weighted[p];
  const Headcount heads = s.gp_total[p];
  const Fte gp = gp_fte_at(heads, f.fte_per_head);
  Fte other_fte = 0;
  Appointments other_capacity_appointments = 0;
  for (std::size_t r = 0; r < s.role_count; ++r) {
    const RoleYear role = role_fte(m.roles[r], s.role_baseline(p, r), list, t);
    other_fte += role.total;
    other_capacity_appointments += role_capacity(m.roles[r], role.total);
    s.new_role_fte[r] += role.new_filled;
  }

  // Demand and capacity (MODEL.md, Population: demand; Appointment capacity).
  const DemandSplit demand = split_demand_at(m.population, list, f.consultation_index, f.diversion);
  const Appointments gp_appointments = gp_capacity(m.capacity, gp);
  const Appointments ea = extended_access_appointments(m.capacity, list, t);
  const UnmetDemand unmet =
      unmet_demand(demand.gp, gp_appointments, ea, demand.other, other_capacity_appointments);

  // Funding: levelling up and the quality contract (MODEL.md, Funding).
  const Pounds lu = levelling_up_cost_at(m.funding, s.funding0[p], s.funding_target, weighted,
                                         f.inflation, f.levelling_phase, t);
  const Pounds quality = s.quality_payment[p];  // quality_step

  // Savings: referrals and prescribing (MODEL.md, Savings).
  if (m.savings.benchmarking) {
    const int g = s.peer_group[p];
    const double bench = g >= 0 && static_cast<std::size_t>(g) < s.peer_benchmark.size()
                             ? s.peer_benchmark[static_cast<std::size_t>(g)]
                             : std::numeric_limits<double>::quiet_NaN();
    s.referral_rate[p] = benchmarked_rate(m.savings, s.referral_rate[p], bench);
  }
  const ReferralYear referral = referral_year_at(m.savings, s.referral_rate0[p],
                                                 s.referral_rate[p], weighted, f.inflation, f.eur);
  const PrescribingYear prescribing = prescribing_year_at(
      m.savings, s.prescribing0[p], weighted, f.prescribing_index, f.savings_phase);

  y.gp_headcount += heads;
  y.gp_fte += gp;
  y.other_fte += other_fte;
  y.demand += demand.total();
  y.capacity += total_capacity(gp_appointments, other_capacity_appointments, ea);
  y.gap += unmet.gap();
  y.unmet_gp += unmet.gp;
  y.demand_gp += demand.gp;
  y.capacity_gp += gp_appointments;
  y.demand_other += demand.other;
  y.capacity_other += other_capacity_appointments;
  y.unmet_other += unmet.other;
  y.extended_access += ea;
  y.levelling_up += lu;
  y.quality_contract += quality;
  y.referrals += referral.referrals;
  y.referrals_avoided += referral.avoided;
  y.referral_savings += referral.savings;
  y.prescribing_savings += prescribing.savings;

  if (trace != nullptr) {
    const int h = m.horizon_years;
    trace_at(trace->appointments_gap, p, t, h, unmet.gap());
    const double per_weighted =
        levelled_funding_per_weighted_at(m.funding, s.funding0[p], s.funding_target,
                                         f.inflation, f.levelling_phase, t) +
        (weighted > 0 ? quality / weighted : 0.0);
    trace_at(trace->funding_per_weighted, p, t, h, per_weighted);
  }
}

// Steps 2 and 3 of a year: closures, then the run-level figures written to `out`.
inline void finish_year(const ModelParameters& m, SimulationState& s, int t, YearTotals& y,
                        const SimulationOutput& out, const PracticeTrace* trace) {
  // Closures at the year end (MODEL.md, Workforce: Single-handed practices).
  const ClosureYear closed =
      close_and_disperse(m.workforce, s.neighbourhood, s.open, s.gp_total, s.gp_headcount,
                         s.list, s.weighted, s.closure_scratch);
  const double index = inflation_index(m.funding, t);
  const Pounds dispersal = m.workforce.dispersal_cost * index * closed.patients_moved;
  // The open practices counted in an integer (exact, as the double count was), and the
  // sums from local pointers in the same order (the stores of y could alias the vectors).
  std::size_t practices_open = 0;
  const Patients* const list = s.list.data();
  const Patients* const weighted = s.weighted.data();
  const std::uint8_t* const open = s.open.data();
  Patients list_sum = y.list, weighted_sum = y.weighted;
  for (std::size_t p = 0; p < s.practice_count; ++p) {
    list_sum += list[p];
    weighted_sum += weighted[p];
    practices_open += open[p];
  }
  y.list = list_sum;
  y.weighted = weighted_sum;
  if (trace != nullptr)
    for (std::size_t p = 0; p < s.practice_count; ++p)
      trace_at(trace->closed, p, t, m.horizon_years, open[p] ? 0.0 : 1.0);

  // Investment(t) = LU + quality + extended access + new roles + running cost (MODEL.md).
  InvestmentParts parts;
  parts.levelling_up = y.levelling_up;
  parts.quality_contract = y.quality_contract;
  parts.extended_access = extended_access_cost(m, y.extended_access, t);
  for (std::size_t r = 0; r < s.role_count; ++r)
    parts.new_roles += new_role_cost(m.roles[r], m.funding, s.new_role_fte[r], t);
  parts.running_cost = running_cost(m, t);
  const Pounds investment = parts.total();

  // Savings(t) = referral + prescribing + urgent care (MODEL.md, Savings).
  const Pounds urgent_cost = urgent_care_cost(m.capacity, y.unmet_gp, y.extended_access, index);
  const Pounds urgent_savings =
      urgent_care_savings(m.capacity, y.unmet_gp, s.baseline_unmet_gp, y.extended_access, index);
  const Pounds savings = total_savings(y.referral_savings, y.prescribing_savings, urgent_savings);
  const Pounds headroom = budget_headroom(m.funding, s.baseline_spend, investment, dispersal, t);

  out.at(Metric::ListSize, t) = y.list;
  out.at(Metric::WeightedList, t) = y.weighted;
  out.at(Metric::GpHeadcount, t) = y.gp_headcount;
  out.at(Metric::GpFte, t) = y.gp_fte;
  out.at(Metric::OtherFte, t) = y.other_fte;
  out.at(Metric::PracticesOpen, t) = static_cast<double>(practices_open);
  out.at(Metric::Closures, t) = closed.closures;
  out.at(Metric::AppointmentsDemand, t) = y.demand;
  out.at(Metric::AppointmentsCapacity, t) = y.capacity;
  out.at(Metric::AppointmentsGap, t) = y.gap;
  out.at(Metric::AppointmentsDemandGp, t) = y.demand_gp;
  out.at(Metric::AppointmentsCapacityGp, t) = y.capacity_gp;
  out.at(Metric::AppointmentsGapGp, t) = y.unmet_gp;
  out.at(Metric::AppointmentsDemandOther, t) = y.demand_other;
  out.at(Metric::AppointmentsCapacityOther, t) = y.capacity_other;
  out.at(Metric::AppointmentsGapOther, t) = y.unmet_other;
  out.at(Metric::AppointmentsExtendedAccess, t) = y.extended_access;
  out.at(Metric::LevellingUpCost, t) = y.levelling_up;
  out.at(Metric::QualityContractCost, t) = y.quality_contract;
  out.at(Metric::AppointmentsPer1000, t) = appointments_per_1000(y.capacity, y.list);
  out.at(Metric::DispersalCost, t) = dispersal;
  out.at(Metric::Investment, t) = investment;
  out.at(Metric::Referrals, t) = y.referrals;
  out.at(Metric::ReferralsAvoided, t) = y.referrals_avoided;
  out.at(Metric::ReferralSavings, t) = y.referral_savings;
  out.at(Metric::PrescribingSavings, t) = y.prescribing_savings;
  out.at(Metric::UrgentCareCost, t) = urgent_cost;
  out.at(Metric::Savings, t) = savings;
  out.at(Metric::NetCost, t) = net_cost(investment, savings);
  out.at(Metric::Roi, t) = roi(investment, savings);
  out.at(Metric::BudgetHeadroom, t) = headroom;
  out.at(Metric::Overspend, t) = overspend(headroom);
}

inline std::span<double> metric_row(const SimulationOutput& out, Metric m) {
  const auto h = static_cast<std::size_t>(out.horizon_years);
  return out.by_year.subspan(index(m) * h, h);
}

}  // namespace detail

// Runs years 1..H of one iteration of one option and writes every Metric for each year and
// the scalars (npv, payback_year) to `out`, and the per-practice trace when given.
// events_for(practice_index, year) returns the events of that practice-year
// (model/events.hpp): ExpectationEvents for the central case, PhiloxEvents otherwise.
// The workspace (model/simulation_workspace.hpp) holds the state and the practice set; once
// it has served one call, a call allocates nothing (and nothing per draw).
template <class EventsFor>
void simulate(const ModelParameters& parameters, SimulationWorkspace& workspace,
              EventsFor&& events_for, const SimulationOutput& out,
              const PracticeTrace* trace = nullptr) {
  detail::check_output(parameters, workspace.practices().practices.size(), out, trace);
  SimulationState& state = workspace.start(parameters, events_for);
  for (int t = 1; t <= parameters.horizon_years; ++t) {
    const YearFactors factors = year_factors(parameters, t);
    YearTotals year;
    std::fill(state.new_role_fte.begin(), state.new_role_fte.end(), 0.0);
    detail::list_pass(parameters, state, t, events_for);
    detail::gp_exits_pass(state, t, events_for);
    detail::recruitment_pass(parameters, state, t, events_for);
    detail::quality_pass(parameters, factors, state, t, events_for);
    for (std::size_t p = 0; p < state.practice_count; ++p) {
      if (state.open[p] == 0) {
        if (trace != nullptr) {
          detail::trace_at(trace->appointments_gap, p, t, parameters.horizon_years, 0.0);
          detail::trace_at(trace->funding_per_weighted, p, t, parameters.horizon_years, 0.0);
        }
        continue;
      }
      detail::practice_accounts(parameters, factors, state, p, year, trace);
    }
    detail::finish_year(parameters, state, t, year, out, trace);
  }
  // Economics over the whole horizon (MODEL.md, Economics).
  const auto investment = detail::metric_row(out, Metric::Investment);
  const auto savings = detail::metric_row(out, Metric::Savings);
  cumulative_roi(investment, savings, detail::metric_row(out, Metric::CumulativeRoi));
  out.at(ScalarMetric::Npv) = npv(parameters.economics, investment, savings);
  out.at(ScalarMetric::PaybackYear) = payback_year(investment, savings);
}

// The same with a workspace of its own (allocates the state for this call).
template <class EventsFor>
void simulate(const ModelParameters& parameters, const PracticeSet& practices,
              EventsFor&& events_for, const SimulationOutput& out,
              const PracticeTrace* trace = nullptr) {
  SimulationWorkspace workspace(practices);
  simulate(parameters, workspace, std::forward<EventsFor>(events_for), out, trace);
}

}  // namespace pcsim::model
