#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

#include "engine/engine_state.hpp"
#include "engine/event_kernels.hpp"
#include "engine/gp_kernels.hpp"
#include "engine/gp_step_avx512.hpp"
#include "engine/gp_workforce.hpp"
#include "engine/kernel_mutation.hpp"
#include "engine/lane_uniforms.hpp"
#include "engine/noise_uniforms.hpp"
#include "engine/packed_gps.hpp"
#include "engine/recruitment_avx512.hpp"
#include "engine/year_factors.hpp"
#include "model/binomial_sampling.hpp"
#include "model/funded_capacity.hpp"
#include "model/funding.hpp"
#include "model/parameters.hpp"
#include "model/population.hpp"
#include "model/sampling.hpp"
#include "model/stream_purpose.hpp"
#include "model/workforce.hpp"

// Passes 1 to 3 of an engine year (engine/simulate.hpp runs them): the list step, the GP
// exits and ageing, and recruitment, each over all practices, computing what the
// reference's list_step, gp_exits and recruitment compute (model/reference/reference_year.hpp)
// with the draws taken in batches from raw bits.
namespace pcsim::engine {

// Year t's PracticeYear blocks of every practice in s.year_bits ([4 p + lane]), once a year:
// by the list pass, or by recruitment or the year end when it has not run this year (a
// pass run on its own, as tests do). A closed practice's block is computed and never read:
// cheaper than a list of the open practices and a copy of each block to its place.
template <class EventsFor>
void keep_practice_year_bits(EngineState& s, int t, const EventsFor& events_for) {
  if (s.year_bits_year == t) return;
  std::uint32_t* const kept = s.year_bits.data();
  if constexpr (BlockBitsEventsFor<EventsFor>) {
    const std::size_t chunk = std::min(s.chunk_blocks.size(), s.chunk_bits.size() / 4);
    for (std::size_t first = 0; first < s.practice_count; first += chunk) {
      const std::size_t count = std::min(chunk, s.practice_count - first);
      for (std::size_t i = 0; i < count; ++i)
        s.chunk_blocks[i] = {static_cast<std::uint32_t>(first + i), 0};
      events_for.bits_of_blocks(t, Purpose::PracticeYear,
                                std::span<const BlockRef>(s.chunk_blocks.data(), count),
                                kept + 4 * first);
    }
  } else {
    for (std::size_t p = 0; p < s.practice_count; ++p)
      events_for(p, t).bits_in_blocks(Purpose::PracticeYear, 4, kept + 4 * p);
  }
  s.year_bits_year = t;
}

// Pass 1 (list): L(p,t) = L(p,t-1)(1 + g + e), W steps with L. Every practice's PracticeYear
// block is computed first (keep_practice_year_bits: lane kListNoiseDraw the noise's uniform,
// the others kept for recruitment and the year end) and the quantiles computed together
// (normal_quantiles): the same e as events.normal(PracticeYear, kListNoiseDraw, sd) gives,
// with the quantiles' long chains overlapping.
// A closed practice holds u = 1/2 and keeps its factor 1 (x 1 leaves its 0).
template <class EventsFor>
void list_pass(const ModelParameters& m, EngineState& s, int t, EventsFor& events_for) {
  const std::size_t n = s.practice_count;
  const std::uint8_t* open = s.open.data();
  double* u = s.noise_uniform.data();
  keep_practice_year_bits(s, t, events_for);
  const std::uint32_t* const kept = s.year_bits.data();
  if (s.wide_noise)
    noise_uniforms_avx512(kept + kListNoiseDraw, open, u, n);
  else
    noise_uniforms(kept + kListNoiseDraw, open, u, n);
  normal_quantiles(std::span<const double>(u, n), std::span<double>(s.noise_quantile.data(), n));
  const PopulationParameters population = m.population;  // stays in registers
  const double* z = s.noise_quantile.data();
  double* list = s.list.data();
  double* weighted = s.weighted.data();
  for (std::size_t p = 0; p < n; ++p) {
    const double noise = normal_from_quantile(z[p], population.list_noise_sd);
    const double growth = list_growth_factor_for_noise(population, noise);
    const double kept = open[p] != 0 ? growth : 1.0;
    list[p] *= kept;
    weighted[p] *= kept;
  }
}

// list_pass out of line, as the generic year loop calls it (one call a year): small since
// the PracticeYear blocks, the pass would otherwise be folded into the loop and lose its
// name in profiles and in scripts/instructions.py's counts. The AVX-512 clone inlines
// list_pass itself (engine/simulate_avx512.hpp), as it inlines every pass.
template <class EventsFor>
[[gnu::noinline]] void list_pass_out_of_line(const ModelParameters& m, EngineState& s, int t,
                                             EventsFor& events_for) {
  list_pass(m, s, t, events_for);
}

// The GP outcome table of every practice this year: the shared one, or, when funding
// changes the leaver rate (workforce.leaver_reduction_per_uplift != 0), the table at the
// practice's retained_leaver_rate of its funding uplift u(p,t) (model/funded_capacity.hpp).
inline void gp_tables(const ModelParameters& m, const YearFactors& f, EngineState& s) {
  const std::size_t n = s.practice_count;
  s.tables_shared = m.workforce.leaver_reduction_per_uplift == 0;
  if (s.tables_shared) {
    std::fill(s.table_of.begin(), s.table_of.end(), &s.gp_probs);
    return;
  }
  s.practice_tables.resize(n);
  for (std::size_t p = 0; p < n; ++p) {
    const PoundsPerPatient cash = levelled_funding_per_weighted_at(
        m.funding, s.funding0[p], s.funding_target[p], f.inflation, f.levelling_phase, f.t);
    const double uplift = funding_uplift(cash, s.funding0[p], f.inflation);
    const RatePerYear leaver = retained_leaver_rate(m.workforce, uplift);
    if (leaver == m.workforce.leaver_rate) {
      s.table_of[p] = &s.gp_probs;
    } else {
      s.practice_tables[p] = gp_outcome_table(m.workforce, leaver);
      s.table_of[p] = &s.practice_tables[p];
    }
  }
}

// Pass 2 (GP exits and ageing): practices in chunks of kChunk; first the Philox blocks of
// every packed practice of the chunk (computed in one call when the factory can:
// BlockBitsEventsFor), then each practice's step from its bits (step_gp_packed_from_bits,
// which counts the exits; with s.wide_gp_step, step_packed_chunk_avx512 steps the chunk's
// packed practices eight GPs to a register, the same counts). Practices that do not pack (over
// kBulkGps GPs, or a table whose thresholds are not ascending) take kernel_gp_step's split per
// band, after the chunk's packed ones. Leaves in gp_total the whole-number total after
// exits (NaN when not whole) and the exits in s.retirements and s.leavers.
template <class EventsFor>
void gp_exits_pass(EngineState& s, int t, EventsFor& events_for) {
  const std::uint8_t* const open = s.open.data();
  GpWorkforce& gps = s.gps;
  std::uint64_t exits = 0;              // retirements, and leavers << 32, of the packed practices
  double retirements = 0, leavers = 0;  // of the others
  // Whether practice p's table is ascending: the shared table's, read once, when every
  // practice has it (gp_tables says so).
  const bool shared = s.tables_shared, shared_ascending = s.gp_probs.ascending;
  auto packs = [&](std::size_t p) {
    return (shared ? shared_ascending : s.table_of[p]->ascending) && gps.pack(p);
  };
  // A practice that does not pack: kernel_gp_step's split per band, from its own events.
  auto step_unpacked = [&](std::size_t p) {
    const GpExitsStep step = kernel_gp_step(*s.table_of[p], gps.bands(p), events_for(p, t));
    retirements += step.retirements;
    leavers += step.leavers;
    gps.set_total(p,
                  std::isnan(step.whole_total) ? total_headcount(gps.bands(p)) : step.whole_total);
  };
  // The chunk's open practices that do not pack, ascending, noted as the blocks are listed
  // and stepped after the packed ones.
  std::array<std::uint32_t, EngineState::kChunk> unpacked{};
  std::size_t unpacked_count = 0;
  // Whether practice p's bits are drawn for the packed step (open, and packed now).
  auto steps_packed = [&](std::size_t p) {
    if (open[p] == 0) return false;
    if (packs(p)) return true;
    unpacked[unpacked_count++] = static_cast<std::uint32_t>(p);
    return false;
  };
#if defined(PCSIM_GP_STEP_AVX512)
  GpTableCache table_lanes;  // this year's tables: the lanes loaded last
#endif
  for (std::size_t first = 0; first < s.practice_count; first += EngineState::kChunk) {
    const std::size_t end = std::min(first + EngineState::kChunk, s.practice_count);
    std::uint32_t* const bits = s.chunk_bits.data();
    unpacked_count = 0;
    if constexpr (BlockBitsEventsFor<EventsFor>) {
      BlockRef* const blocks = s.chunk_blocks.data();
      BlockRef* listed = blocks;
      GpBlockLister lister(static_cast<std::uint32_t>(first));
      for (std::size_t p = first; p < end; ++p, lister.next_practice()) {
        if (!steps_packed(p)) continue;
        const std::uint32_t count = gp_bits_in_blocks(gps.packed(p).total) / 4;
        lister.list(listed, count);
        listed += count;
      }
      events_for.bits_of_blocks(
          t, Purpose::GpTransitions,
          std::span<const BlockRef>(blocks, static_cast<std::size_t>(listed - blocks)), bits);
    } else {
      std::uint32_t used = 0;
      for (std::size_t p = first; p < end; ++p) {
        if (!steps_packed(p)) continue;
        events_for(p, t).bits_in_blocks(
            Purpose::GpTransitions, static_cast<std::uint32_t>(gps.packed(p).total), bits + used);
        used += gp_bits_in_blocks(gps.packed(p).total);
      }
    }
    // The packed practices (eight GPs at a time with s.wide_gp_step), then the others.
#if defined(PCSIM_GP_STEP_AVX512)
    if (s.wide_gp_step) {
      exits += step_packed_chunk_avx512(s.table_of.data(), gps.packed_data(), gps.totals(), open,
                                        first, end, bits, table_lanes);
    } else
#endif
    {
      const std::uint32_t* own = bits;  // the next packed practice's bits
      for (std::size_t p = first; p < end; ++p) {
        if (open[p] == 0 || !gps.is_packed(p)) continue;
        exits +=
            step_gp_packed_from_bits<true>(*s.table_of[p], gps.packed(p), own);  // moves own on
        gps.set_total_from_packed(p);
      }
    }
    for (std::size_t i = 0; i < unpacked_count; ++i) step_unpacked(unpacked[i]);
  }
  s.retirements = static_cast<double>(exits & 0xFFFFFFFFu) + retirements;
  s.leavers = static_cast<double>(exits >> 32) + leavers;
}

// The two recruitment draws of queued practices [first, end) of s.recruiting into
// s.chunk_bits, 4 words a practice: word 0 the recruits' bits (the PracticeYear block's
// kRecruitsDraw), word 1 the post's (kPostsDraw); words 2 and 3 unused. From the blocks the
// list pass kept (s.year_bits). end - first is at most kChunkBlocks.
inline void recruitment_blocks(EngineState& s, std::size_t first, std::size_t end) {
  const std::uint32_t* const practice = s.recruiting.practice.data();
  std::uint32_t* const bits = s.chunk_bits.data();
  const std::uint32_t* const kept = s.year_bits.data();
  for (std::size_t i = first; i < end; ++i) {
    const std::size_t p = practice[i];
    bits[4 * (i - first)] = kept[4 * p + kRecruitsDraw];
    bits[4 * (i - first) + 1] = kept[4 * p + kPostsDraw];
  }
}

// Pass 3 (recruitment), as the reference's recruitment(): vacancies v = max(0, E - total
// after exits) with E = establishment_for_ratio; posts = floor(v) + [u1 < v - floor(v)];
// recruits = Bin(posts, fill_rate) from u0, where u0 and u1 are the practice's PracticeYear
// uniforms kRecruitsDraw and kPostsDraw (its one block of the year, kept by the list pass).
// First every open practice's vacancies, queueing
// those with any (v > 0), then the queued practices' blocks (recruitment_blocks), then
// their draws, with the fill rate's binomial tables fetched once (binomial_draws: the same
// draws as binomial_from_uniform). With s.wide_recruitment the vacancies and the draws are
// computed eight practices to a register (engine/recruitment_avx512.hpp), the same numbers.
template <class EventsFor>
void recruitment_pass(const ModelParameters& m, EngineState& s, int t, EventsFor& events_for) {
  const WorkforceParameters workforce = m.workforce;
  const std::uint8_t* open = s.open.data();
  const Patients* list = s.list.data();
  const double* ratio = s.gps_per_patient.data();
  const Headcount* gp_total = s.gps.totals();
  std::size_t queued = 0;
#if defined(PCSIM_RECRUITMENT_AVX512)
  if (s.wide_recruitment) queued = queue_vacancies_avx512(workforce, s);
#endif
  if (!s.wide_recruitment) {
    for (std::size_t p = 0; p < s.practice_count; ++p) {
      if (open[p] == 0) continue;
      const Headcount posts_target = establishment_for_ratio(workforce, ratio[p], list[p]);
      const Headcount vacancies = recruitment_vacancies(posts_target, gp_total[p]);
      s.recruiting.set(queued, p, vacancies, gp_total[p]);
      queued += vacancies > 0;
    }
  }
  const int band = recruit_entry_band(workforce);
  if (queued > 0) keep_practice_year_bits(s, t, events_for);
  const BinomialDraws draws = binomial_draws(workforce.fill_rate, s.recruit_memo);
  double recruits = 0;
  for (std::size_t first = 0; first < queued; first += EngineState::kChunkBlocks) {
    const std::size_t end = std::min(first + EngineState::kChunkBlocks, queued);
    recruitment_blocks(s, first, end);
#if defined(PCSIM_RECRUITMENT_AVX512)
    if (s.wide_recruitment) {  // eight queued practices to a register, the same draws
      recruits += recruit_chunk_avx512(draws, s.recruit_memo, s, first, end, band);
      continue;
    }
#endif
    for (std::size_t i = first; i < end; ++i) {
      const EngineState::Recruiting r = s.recruiting.at(i);
      const std::uint32_t* const bits = s.chunk_bits.data() + 4 * (i - first);
      const double whole = std::floor(r.vacancies);
      const double fraction = r.vacancies - whole;
      constexpr int kPostLane = kKernelMutation == 1 ? 0 : 1, kRecruitLane = 1 - kPostLane;
      const double posts = fraction > 0 ? whole + bernoulli_from_uniform(
                                                      uniform_from_bits(bits[kPostLane]), fraction)
                                        : whole;
      // No branch on posts > 0 (random when v < 1): no posts draws k = 0 (row 0 of the
      // tables), and 0 recruits join as nothing (the same headcounts and total). posts is a
      // whole number >= 0, so its count is rounded_count(posts) without that function's
      // branch on posts >= 1/2 (capped as it caps, at INT_MAX).
      const int n = static_cast<int>(std::min(posts, 2147483647.0));
      const int k =
          binomial_from_draws(draws, n, uniform_from_bits(bits[kRecruitLane]), s.recruit_memo);
      recruits += k;
      s.gps.add_recruits(r.practice, band, r.whole, k);
    }
  }
  s.recruits = recruits;
}

}  // namespace pcsim::engine
