#pragma once
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <utility>

#include "core/errors.hpp"
#include "engine/accounts_avx512.hpp"
#include "engine/accounts_pass.hpp"
#include "engine/change_queues.hpp"
#include "engine/engine_state.hpp"
#include "engine/engine_workspace.hpp"
#include "engine/lane_uniforms.hpp"
#include "engine/list_and_workforce_passes.hpp"
#include "engine/quality_pass.hpp"
#include "engine/year_counts.hpp"
#include "engine/year_counts_avx512.hpp"
#include "engine/year_end_avx512.hpp"
#include "engine/year_factors.hpp"
#include "model/metrics.hpp"
#include "model/parameters.hpp"
#include "model/practice_changes.hpp"
#include "model/simulation_output.hpp"
#include "model/year_accounts.hpp"

// The fast engine's year loop: one stochastic iteration of one option, in passes over the
// practices (docs/performance.md), computing exactly what the reference computes
// (model/reference/reference_simulation.hpp; the oracle test holds it to that). Callers use
// engine::simulate (engine/simulate.hpp), which runs this loop, or its AVX-512 clone
// (engine/simulate_avx512.hpp) where the processor can. A year:
//   1. list pass; GP tables (funding and retention); GP exits and ageing; recruitment;
//      quality payments; then each open practice's accounts (FTE, demand, capacity,
//      funding, savings), added to the year's totals in practice order;
//   2. the year-end practice changes (threshold closures, closure and merger hazards);
//   3. the run's accounts (model/year_accounts.hpp).
// The central case is not run here: the runner computes it with the reference.
namespace pcsim::engine {

namespace detail {

inline void check_output(const ModelParameters& parameters, std::size_t practice_count,
                         const SimulationOutput& out, const PracticeTrace* trace) {
  const int h = parameters.horizon_years;
  if (h < 1)
    throw ModelError("simulate: horizon_years must be at least 1, found " + std::to_string(h));
  const auto years = static_cast<std::size_t>(h);
  if (out.horizon_years != h || out.by_year.size() < kMetricCount * years ||
      out.scalars.size() < kScalarMetricCount)
    throw ModelError("simulate: output holds " + std::to_string(out.horizon_years) + " years and " +
                     std::to_string(out.by_year.size()) + " values; the run needs " +
                     std::to_string(h) + " years and " + std::to_string(kMetricCount * years) +
                     " values");
  if (trace == nullptr) return;
  const std::size_t need = practice_count * years;
  for (std::span<double> s : trace_spans(*trace))
    if (!s.empty() && (trace->horizon_years != h || s.size() < need))
      throw ModelError("simulate: practice trace needs " + std::to_string(need) + " values");
}

// The plain screen: the positions i of the drawing queue whose uniform (noise_uniform[i])
// is not at or above the screen's bound of practice queue[i], ascending, into
// s.below_bound; returns how many.
inline std::size_t screen_below(EngineState& s, std::size_t drawing) {
  std::size_t below = 0;
  for (std::size_t i = 0; i < drawing; ++i) {
    const std::size_t p = s.change_queue[i];
    const HazardCovariates x{s.list[p], s.gps.total(p), s.apms[p] != 0};
    if (s.noise_uniform[i] >= s.hazard_screen.bound(x)) continue;
    s.below_bound[below++] = static_cast<std::uint32_t>(i);
  }
  return below;
}

// Step 2: the year-end practice changes, as the reference's year_end_changes. The threshold
// rule first; then the uniforms of every practice the hazards can move (open, list > 0),
// lanes of the blocks the list pass kept (s.year_bits); a practice whose uniform is at or
// above the screen's bound (engine/hazard_screen.hpp) does not change, the others are decided
// exactly (change_probabilities, change_shares_at). A practice touched by a change is
// unpacked when first touched (PracticeChangeView::prepare) and the GP pass packs it again
// next year.
template <class EventsFor>
PracticeChangeYear year_end_changes(const ModelParameters& m, EngineState& s, int t,
                                    EventsFor& events_for) {
  // Nothing can change (and nothing is drawn) when both hazards are off and the threshold
  // rule cannot fire (a headcount is never below a threshold of 0 or less): the loop below
  // would leave every share 0, as in most scenarios, for 6,000 practices a year.
  const PracticeChangeParameters& changes = m.practice_changes;
  const bool hazards = changes.closures || changes.mergers;
  if (!hazards && !(m.workforce.closure_threshold > 0)) return {};
  // Every share is {0, 0} here (from the start, or reset after last year's changes).
  s.rule_changing.clear();
  s.drawn_changing.clear();
  const ChangeQueueInput input{s.open.data(), s.gps.totals(),   s.list.data(),
                               s.apms.data(), s.practice_count, m.workforce.closure_threshold,
                               hazards};
  std::uint32_t* const queue = s.change_queue.data();
  // The year's shift and screen first when the hazards are on (a keyed draw, the same
  // whenever it is taken), so the vector form can read each drawing practice's bound with
  // its queue.
  HazardYearShift shift;
  if (hazards) {
    shift = hazard_year_shift(changes, events_for(0, t));
    s.hazard_screen.start_year(changes, shift);
  }
  ChangeQueues queues;
  std::size_t below = 0;  // s.below_bound[0, below): the queue positions decided exactly
#if defined(PCSIM_YEAR_END_AVX512)
  if (s.wide_year_end)
    queues = queue_changes_avx512(input, hazards ? &s.hazard_screen : nullptr, queue,
                                  s.rule_queue.data(), s.change_bound.data());
  else
#endif
    queues = queue_changes(input, queue, s.rule_queue.data());
  for (std::size_t k = 0; k < queues.by_rule; ++k) {
    const std::size_t p = s.rule_queue[k];
    s.change_shares[p] = {1.0, 0.0};
    s.rule_changing.push_back(p);
  }
  const std::size_t drawing = queues.drawing;
  double* const u = s.noise_uniform.data();
  if (drawing > 0) {
    keep_practice_year_bits(s, t, events_for);
    // Each drawing practice's uniform: lane kChangeDraw of its PracticeYear block.
    const std::uint32_t* const kept = s.year_bits.data();
    for (std::size_t i = 0; i < drawing; ++i)
      u[i] = uniform_from_bits(kept[4 * static_cast<std::size_t>(queue[i]) + kChangeDraw]);
#if defined(PCSIM_YEAR_END_AVX512)
    if (s.wide_year_end)
      below = below_bound_avx512(u, s.change_bound.data(), drawing, s.below_bound.data());
    else
#endif
      below = screen_below(s, drawing);
  }
  for (std::size_t k = 0; k < below; ++k) {
    const std::size_t i = s.below_bound[k];
    const std::size_t p = queue[i];
    const HazardCovariates x{s.list[p], s.gps.total(p), s.apms[p] != 0};
    const ChangeShares shares =
        change_shares_at(change_probabilities(changes, x, shift), u[i], events_for(p, t));
    if (shares.closing > 0 || shares.merging > 0) {
      s.change_shares[p] = shares;
      s.drawn_changing.push_back(p);
    }
  }
  if (s.rule_changing.empty() && s.drawn_changing.empty()) return {};
  // Both lists ascend and are disjoint: merged, the ascending candidates of the step (into
  // a vector kept from year to year, so no allocation once warm).
  s.changing.clear();
  std::merge(s.rule_changing.begin(), s.rule_changing.end(), s.drawn_changing.begin(),
             s.drawn_changing.end(), std::back_inserter(s.changing));
  const PracticeChangeYear year = apply_practice_changes(
      s.change_view(), s.change_shares, &s.practice_groups, &s.change_scratch, &s.changing);
  // Only a leaver's open share changes (a receiver's stays as it was).
  for (const std::size_t p : s.change_scratch.leavers) s.open[p] = s.open_share[p] > 0 ? 1 : 0;
  for (const std::size_t p : s.changing) s.change_shares[p] = {};
  return year;
}

// Years 1..H of one iteration (engine::simulate's contract, engine/simulate.hpp), compiled
// for the build's target. Inline, so that the AVX-512 clone can take all of it in; kClone
// (the clone's instance) only inlines the list pass too (list_pass_out_of_line).
template <class EventsFor, bool kClone = false>
inline void simulate_years(const ModelParameters& m, Workspace& workspace, EventsFor& events_for,
                           const SimulationOutput& out, const PracticeTrace* trace) {
  check_output(m, workspace.practices().practices.size(), out, trace);
  EngineState& s = workspace.start(m, events_for);
  const int h = m.horizon_years;
  for (int t = 1; t <= h; ++t) {
    const YearFactors f = year_factors(m, t);
    YearTotals y;
    std::fill(s.new_role_fte.begin(), s.new_role_fte.end(), 0.0);
    if constexpr (kClone)
      list_pass(m, s, t, events_for);
    else
      list_pass_out_of_line(m, s, t, events_for);
    gp_tables(m, f, s);
    gp_exits_pass(s, t, events_for);
    recruitment_pass(m, s, t, events_for);
    quality_pass(m, f, s, t, events_for);
    if (trace == nullptr && s.wide_accounts)
      accounts_pass_avx512(m, f, s, y);
    else
      accounts_pass(m, f, s, y, trace);
    y.retirements = s.retirements;
    y.leavers = s.leavers;
    y.recruits = s.recruits;
    // The extra GP posts' filled share (filled_extra_gp_posts), in practice order as the
    // reference adds it; only with the lever on (0 otherwise, as every term would be).
    if (m.workforce.extra_gp_posts_per_30000 != 0)
      for (std::size_t p = 0; p < s.practice_count; ++p)
        if (s.open[p] != 0)
          y.extra_gp_posts_filled +=
              filled_extra_gp_posts(m.workforce, s.gps_per_patient[p], s.list[p], s.gps.total(p));
    const PracticeChangeYear changes = detail::year_end_changes(m, s, t, events_for);
    // The lists and practice counts (engine/year_counts.hpp); y's are still 0 here.
    const PracticeCountInput count_input{s.list.data(), s.weighted.data(), s.open_share.data(),
                                         s.gps.totals(), s.practice_count};
    const YearTotals counted =
        s.wide_counts ? count_practices_avx512(count_input) : count_practices(count_input);
    take_counts(y, counted);
    if (trace != nullptr)
      for (std::size_t p = 0; p < s.practice_count; ++p) {
        trace_at(trace->closed, p, t, h, s.closed_share[p]);
        trace_at(trace->merged, p, t, h, s.merged_share[p]);
      }
    write_year_metrics(m, t, y, s.new_role_fte, changes, s.baseline, out);
  }
  write_run_economics(m, out);
}

}  // namespace detail
}  // namespace pcsim::engine
