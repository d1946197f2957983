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
#include "model/errors.hpp"
#include "model/funding.hpp"
#include "model/metrics.hpp"
#include "model/parameters.hpp"
#include "model/population.hpp"
#include "model/practice.hpp"
#include "model/predrawn_events.hpp"
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
// docs/performance.md says what each pass's form saves.

// Pass 1 (MODEL.md, Population): L(p,t) = L(p,t-1)(1 + g + e); W steps with L.
template <class Events>
void list_step(const ModelParameters& m, SimulationState& s, std::size_t p,
               const Events& events) {
  const double growth = list_growth_factor(m.population, events);
  s.list[p] *= growth;
  s.weighted[p] *= growth;
}

// For a pass whose draws come a chunk of practices at a time from a factory that
// computes blocks in one call (BlockBitsEventsFor; the quality pass): blocks 0 .. per_practice - 1 of
// `purpose` of every open practice in [first, end), computed into s.chunk_bits (open
// practice i of the chunk, block k at 4 (i per_practice + k)). per_practice * kChunk is
// at most kChunkBlocks.
template <class EventsFor>
void open_practices_blocks(SimulationState& s, std::size_t first, std::size_t end,
                           std::size_t per_practice, int t, Purpose purpose,
                           const EventsFor& events_for) {
  // Every practice's blocks are written and the cursor moves past them only for an open
  // one: no branch, and the writes stay within the chunk's per_practice kChunk blocks.
  BlockRef* const blocks = s.chunk_blocks.data();
  const std::uint8_t* const open = s.open.data();
  std::size_t listed = 0;
  for (std::size_t p = first; p < end; ++p) {
    for (std::size_t k = 0; k < per_practice; ++k)
      blocks[listed + k] = {static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(k)};
    listed += open[p] != 0 ? per_practice : 0;
  }
  events_for.bits_of_blocks(t, purpose, std::span<const BlockRef>(blocks, listed),
                            s.chunk_bits.data());
}

// Pass 1 over the open practices. Events that hand out their uniforms (UniformEvents,
// whose normal draw is normal_from_quantile(normal_quantile(u), sd)) have every
// practice's noise uniform drawn first and the quantiles computed together
// (normal_quantiles): the same noise e, the same growth factor, with the quantiles' long
// chains overlapping. The batch is indexed by practice, a closed one holding u = 1/2 (no
// draw) and keeping its factor 1, so the last loop has no branch and no running index.
template <class EventsFor>
void list_pass(const ModelParameters& m, SimulationState& s, int t, EventsFor& events_for) {
  using Events = decltype(events_for(std::size_t{0}, t));
  if constexpr (UniformEvents<Events>) {
    const std::size_t n = s.practice_count;
    const std::uint8_t* open = s.open.data();
    double* u = s.noise_uniform.data();
    for (std::size_t p = 0; p < n; ++p)
      u[p] = open[p] != 0 ? lone_uniform(events_for(p, t), Purpose::ListNoise, 0) : 0.5;
    normal_quantiles(std::span<const double>(u, n), std::span<double>(s.noise_quantile.data(), n));
    // Local copies: the stores to the lists cannot change them, so they stay in registers.
    const PopulationParameters population = m.population;
    const double* z = s.noise_quantile.data();
    double* list = s.list.data();
    double* weighted = s.weighted.data();
    for (std::size_t p = 0; p < n; ++p) {
      const double noise = normal_from_quantile(z[p], population.list_noise_sd);
      const double growth = list_growth_factor_for_noise(population, noise);
      const double kept = open[p] != 0 ? growth : 1.0;  // x 1 leaves a closed practice's 0
      list[p] *= kept;
      weighted[p] *= kept;
    }
  } else {
    for (std::size_t p = 0; p < s.practice_count; ++p)
      if (s.open[p] != 0) list_step(m, s, p, events_for(p, t));
  }
}

// Passes 2 and 3 (MODEL.md, Workforce): exits and ageing (leaving in gp_total the
// whole-number total when the step gives one, else NaN), then recruitment to the
// establishment (leaving the headcount after recruitment in gp_total), as
// step_gp_workforce does for one practice. Events with raw bits (BulkBitsEvents) keep a
// practice's headcounts packed (s.gp_packed) from its first step on, while they fit:
// the same counts as the band array, without converting them every year. Recruitment
// is recruitment_posts, then recruits_for_posts when there are posts (recruit_gps).
template <class Events>
void gp_exits_step(SimulationState& s, std::size_t p, const Events& events) {
  if constexpr (BulkBitsEvents<Events>) {
    PackedGps& gps = s.gp_packed[p];
    if (s.gp_probs.ascending &&
        (gps.total >= 0 || pack_gps(gp_member_counts(s.gp_headcount[p]), gps))) {
      step_gp_packed_headcounts(s.gp_probs, gps, events);
      s.gp_total[p] = gps.total;
      return;
    }
  }
  s.gp_total[p] = step_gp_bands(s.gp_probs, s.gp_headcount[p], events).whole_total;
}

// Pass 2 over the open practices. Events with raw bits go in chunks of kChunk practices:
// first the bits of every packed practice of the chunk, whose Philox blocks do not depend
// on each other and so overlap as in the RNG-bound reference, then each practice's step
// from its bits (a practice's step waited for its own blocks); the same bits, steps and
// gp_total as gp_exits_step practice by practice. Practices that do not pack take
// step_gp_bands.
template <class EventsFor>
void gp_exits_pass(SimulationState& s, int t, EventsFor& events_for) {
  using Events = decltype(events_for(std::size_t{0}, t));
  if constexpr (BulkBitsEvents<Events>) {
    if (s.gp_probs.ascending) {
      // Local pointers: the listing's vector stores may alias anything, so s's would be
      // read again for every practice.
      const std::uint8_t* const open = s.open.data();
      PackedGps* const packed = s.gp_packed.data();
      double* const gp_total = s.gp_total.data();
      for (std::size_t first = 0; first < s.practice_count; first += SimulationState::kChunk) {
        const std::size_t end = std::min(first + SimulationState::kChunk, s.practice_count);
        std::uint32_t* const bits = s.chunk_bits.data();
        if constexpr (BlockBitsEventsFor<EventsFor>) {
          // The chunk's blocks listed (GpBlockLister: a practice's first four whatever its
          // count, the cursor moving by the count), then computed in one call.
          BlockRef* const blocks = s.chunk_blocks.data();
          BlockRef* listed = blocks;
          GpBlockLister lister(static_cast<std::uint32_t>(first));
          for (std::size_t p = first; p < end; ++p, lister.next_practice()) {
            PackedGps& gps = packed[p];
            if (open[p] == 0 || (gps.total < 0 && !pack_headcounts(s.gp_headcount[p], gps)))
              continue;
            const std::uint32_t count = gp_bits_in_blocks(gps.total) / 4;
            lister.list(listed, count);
            listed += count;
          }
          events_for.bits_of_blocks(
              t, Purpose::GpTransitions,
              std::span<const BlockRef>(blocks, static_cast<std::size_t>(listed - blocks)), bits);
        } else {
          std::uint32_t used = 0;
          for (std::size_t p = first; p < end; ++p) {
            PackedGps& gps = packed[p];
            if (open[p] == 0 || (gps.total < 0 && !pack_headcounts(s.gp_headcount[p], gps)))
              continue;
            const auto total = static_cast<std::uint32_t>(gps.total);
            events_for(p, t).bits_in_blocks(Purpose::GpTransitions, total, bits + used);
            used += gp_bits_in_blocks(gps.total);
          }
        }
        const std::uint32_t* own = bits;  // the next packed practice's bits
        for (std::size_t p = first; p < end; ++p) {
          if (open[p] == 0) continue;
          PackedGps& gps = packed[p];
          if (gps.total < 0) {
            gp_total[p] = step_gp_bands(s.gp_probs, s.gp_headcount[p], events_for(p, t)).whole_total;
            continue;
          }
          step_gp_packed_from_bits<false>(s.gp_probs, gps, own);  // moves own on
          gp_total[p] = gps.total;
        }
      }
      return;
    }
  }
  for (std::size_t p = 0; p < s.practice_count; ++p)
    if (s.open[p] != 0) gp_exits_step(s, p, events_for(p, t));
}

// Adds a practice's recruits at the entry band (recruit_entry_band), to its packed
// headcounts while they fit (else to the band array), and leaves the headcount after
// recruitment in gp_total. `whole` is gp_total after the exits (a packed practice's total).
inline void join_recruits(SimulationState& s, std::size_t p, int band, Headcount whole,
                          Headcount recruits) {
  PackedGps& gps = s.gp_packed[p];
  if (gps.total >= 0) {
    if (add_packed_recruits(gps, band, recruits)) {
      s.gp_total[p] = whole + recruits;
      return;
    }
    unpack_gps(gps, s.gp_headcount[p]);  // too many to pack: back to the band array
    gps.total = -1;
  }
  BandArray& headcount = s.gp_headcount[p];
  headcount[band] += recruits;
  s.gp_total[p] = std::isnan(whole) ? total_headcount(headcount) : whole + recruits;
}

// Pass 3 for one practice (the benchmark of one practice-year runs the passes this way).
template <class Events>
void recruitment_step(const ModelParameters& m, SimulationState& s, std::size_t p,
                      const Events& events) {
  const Headcount posts_target =
      establishment(m.workforce, s.baseline_headcount[p], s.list[p], s.baseline_list[p]);
  const Headcount whole = s.gp_total[p];
  const Headcount total = std::isnan(whole) ? total_headcount(s.gp_headcount[p]) : whole;
  const Headcount posts = recruitment_posts(posts_target, total, events.central());
  if (posts <= 0) {
    s.gp_total[p] = std::isnan(whole) ? total : whole + 0.0;  // no recruits
    return;
  }
  join_recruits(s, p, recruit_entry_band(m.workforce), whole,
                recruits_for_posts(m.workforce, posts, events));
}

// Pass 3 over all practices, in two loops: first every open practice's posts
// (recruitment_posts), queueing the practices with posts to fill without a branch on the
// data (whether a practice has a vacancy is as good as random to a branch predictor);
// then the draws of the queued ones. gp_total is left as recruitment_step on one practice
// would leave it. The first loop reads the parameters from a local copy and the state
// through local pointers, which its stores cannot change, so they stay in registers.
template <class EventsFor>
void recruitment_pass(const ModelParameters& m, SimulationState& s, int t,
                      EventsFor& events_for) {
  const WorkforceParameters workforce = m.workforce;
  const std::uint8_t* open = s.open.data();
  const Headcount* baseline_headcount = s.baseline_headcount.data();
  const Patients* list = s.list.data();
  const Patients* baseline_list = s.baseline_list.data();
  Headcount* gp_total = s.gp_total.data();
  SimulationState::Recruiting* recruiting = s.recruiting.data();
  std::size_t queued = 0;
  for (std::size_t p = 0; p < s.practice_count; ++p) {
    if (open[p] == 0) continue;
    const Headcount posts_target =
        establishment(workforce, baseline_headcount[p], list[p], baseline_list[p]);
    const Headcount whole = gp_total[p];
    const Headcount total = std::isnan(whole) ? total_headcount(s.gp_headcount[p]) : whole;
    const Headcount posts =
        recruitment_posts(posts_target, total, events_for(p, t).central());
    recruiting[queued] = {p, posts, whole};
    queued += posts > 0;
    // No recruits (yet): recruit_gps returns 0 to a practice without posts.
    gp_total[p] = std::isnan(whole) ? total : whole + 0.0;
  }
  const int band = recruit_entry_band(workforce);
  for (std::size_t i = 0; i < queued; ++i) {
    const SimulationState::Recruiting r = recruiting[i];
    join_recruits(s, r.practice, band, r.whole,
                  recruits_for_posts(workforce, r.posts, events_for(r.practice, t)));
  }
}

// Pass 4: the quality payment of one practice (MODEL.md, Funding), kept for pass 5. In a
// pass of its own, a short loop, the Philox block behind the achievement draws of one
// practice overlaps the next practice's rather than holding up the accounts.
template <class Events>
void quality_step(const ModelParameters& m, const YearFactors& f, SimulationState& s,
                  std::size_t p, const Events& events) {
  s.quality_payment[p] =
      quality_payment_at(m.funding, s.applies(p), events, s.weighted[p], f.inflation);
}

// Pass 4 from blocks computed a chunk at a time (BlockBitsEventsFor): each practice's
// payment from its bits, by quality_payment_from_bits for K = 1 to 4 standards (one block
// a practice; the caller has checked the sign-up lists' length), by quality_payment_at
// with PredrawnBernoulliEvents (the same draws) for K = 0, any count. The state is read
// through local pointers, which the stores cannot change, so they stay in registers.
template <std::size_t K, class EventsFor>
void quality_chunks(const ModelParameters& m, const YearFactors& f, SimulationState& s, int t,
                    const EventsFor& events_for) {
  const std::size_t per_practice = K > 0 ? 1 : (s.standard_count + 3) / 4;  // blocks
  std::array<QualityDraw, K> draws;
  for (std::size_t k = 0; k < K; ++k) draws[k] = quality_draw(m.funding.quality_standards[k]);
  const double index = f.inflation;
  const std::uint8_t* const open = s.open.data();
  const Patients* const weighted = s.weighted.data();
  const Fraction* const applies = s.quality_applies.data();
  const std::uint32_t* const bits = s.chunk_bits.data();
  Pounds* const payment = s.quality_payment.data();
  for (std::size_t first = 0; first < s.practice_count; first += SimulationState::kChunk) {
    const std::size_t end = std::min(first + SimulationState::kChunk, s.practice_count);
    open_practices_blocks(s, first, end, per_practice, t, Purpose::QualityAchievement,
                          events_for);
    const std::uint32_t* at = bits;
    for (std::size_t p = first; p < end; ++p) {
      if (open[p] == 0) continue;
      if constexpr (K > 0)
        payment[p] = quality_payment_from_bits(draws, applies + p * K, at, weighted[p], index);
      else
        payment[p] = quality_payment_at(m.funding, s.applies(p), PredrawnBernoulliEvents(at),
                                        weighted[p], index);
      at += 4 * per_practice;
    }
  }
}

// Pass 4 over the open practices: by quality_chunks when the factory computes blocks in
// one call, the chunk's achievement blocks then computed back to back; otherwise
// quality_step practice by practice.
template <class EventsFor>
void quality_pass(const ModelParameters& m, const YearFactors& f, SimulationState& s, int t,
                  EventsFor& events_for) {
  if constexpr (BlockBitsEventsFor<EventsFor>) {
    if (s.standard_count == m.funding.quality_standards.size()) {  // else quality_payment_at throws
      switch (s.standard_count) {
        case 1: return quality_chunks<1>(m, f, s, t, events_for);
        case 2: return quality_chunks<2>(m, f, s, t, events_for);
        case 3: return quality_chunks<3>(m, f, s, t, events_for);
        case 4: return quality_chunks<4>(m, f, s, t, events_for);
        default: break;
      }
    }
    const std::size_t per_practice = (s.standard_count + 3) / 4;  // blocks
    if (per_practice > 0 && per_practice * SimulationState::kChunk <= SimulationState::kChunkBlocks)
      return quality_chunks<0>(m, f, s, t, events_for);
  }
  for (std::size_t p = 0; p < s.practice_count; ++p)
    if (s.open[p] != 0) quality_step(m, f, s, p, events_for(p, t));
}

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
  double practices_open = 0;
  for (std::size_t p = 0; p < s.practice_count; ++p) {
    y.list += s.list[p];
    y.weighted += s.weighted[p];
    practices_open += s.open[p];
    if (trace != nullptr) trace_at(trace->closed, p, t, m.horizon_years, s.open[p] ? 0.0 : 1.0);
  }

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
  out.at(Metric::PracticesOpen, t) = practices_open;
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
