#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

#include "model/events.hpp"
#include "model/gp_transitions.hpp"
#include "model/packed_gps.hpp"
#include "model/parameters.hpp"
#include "model/population.hpp"
#include "model/sampling.hpp"
#include "model/simulation_state.hpp"
#include "model/stream_purpose.hpp"
#include "model/workforce.hpp"

// Passes 1 to 3 of a simulated year (model/simulate.hpp, which runs them): the list step,
// the GP exits and ageing, and recruitment, each over all practices.
namespace pcsim::model::detail {
// Pass 1 (MODEL.md, Population): L(p,t) = L(p,t-1)(1 + g + e); W steps with L.
template <class Events>
void list_step(const ModelParameters& m, SimulationState& s, std::size_t p,
               const Events& events) {
  const double growth = list_growth_factor(m.population, events);
  s.list[p] *= growth;
  s.weighted[p] *= growth;
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
    if (s.gp_probs.ascending && (gps.total >= 0 || pack_headcounts(s.gp_headcount[p], gps))) {
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

// join_recruits of a whole number of recruits: while the packed total stays within
// kBulkGps, the same packed add as add_packed_recruits without its checks of a double
// (k is a whole number >= 0 by type); else join_recruits itself.
inline void join_whole_recruits(SimulationState& s, std::size_t p, int band, Headcount whole,
                                int k) {
  PackedGps& gps = s.gp_packed[p];
  if (gps.total >= 0 && k <= kBulkGps - gps.total) {  // no overflow: total <= kBulkGps
    gps.bands += static_cast<std::uint64_t>(k) << (kBandBits * band);
    gps.total += k;
    s.gp_total[p] = whole + k;
    return;
  }
  join_recruits(s, p, band, whole, k);
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

// Pass 3 over all practices, in two loops: first every open practice's vacancies
// (recruitment_posts before its rounding), queueing those with posts (has_posts) without a
// branch on the data (whether a practice has a vacancy is as good as random to a predictor);
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
    // The vacancies, rounded to posts (recruitment_posts) only for the queued practices.
    const Headcount vacancies = recruitment_vacancies(posts_target, total);
    recruiting[queued] = {p, vacancies, whole};
    queued += has_posts(vacancies, events_for(p, t).central());
    // No recruits (yet): recruit_gps returns 0 to a practice without posts. total is
    // whole when that is a number, and a sum from 0.0 (never -0) otherwise, so total + 0.0
    // is what recruitment_step stores either way.
    gp_total[p] = total + 0.0;
  }
  const int band = recruit_entry_band(workforce);
  using Events = decltype(events_for(std::size_t{0}, t));
  if constexpr (requires { Events::kBinomialFromUniform; }) {
    // The same draws from the uniforms, with the fill rate's tables fetched once.
    const BinomialDraws draws = binomial_draws(workforce.fill_rate, s.recruit_memo);
    // A local copy of the factory (its key words), which the stores of the loop cannot
    // change, so each Philox key schedule is computed once, not per draw.
    const EventsFor local_for(events_for);
    for (std::size_t i = 0; i < queued; ++i) {
      const SimulationState::Recruiting r = recruiting[i];
      const auto events = local_for(r.practice, t);
      const Headcount posts = posts_for_vacancies(r.vacancies, events.central());
      const double u = lone_uniform(events, Purpose::Recruitment, 0);
      join_whole_recruits(s, r.practice, band, r.whole,
                          binomial_from_draws(draws, rounded_count(posts), u, s.recruit_memo));
    }
    return;
  }
  for (std::size_t i = 0; i < queued; ++i) {
    const SimulationState::Recruiting r = recruiting[i];
    const auto events = events_for(r.practice, t);
    const Headcount posts = posts_for_vacancies(r.vacancies, events.central());
    join_recruits(s, r.practice, band, r.whole, recruits_for_posts(workforce, posts, events));
  }
}

}  // namespace pcsim::model::detail
