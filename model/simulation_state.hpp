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
#include "core/units.hpp"
#include "model/workforce.hpp"
#include "model/year_factors.hpp"

// The state simulate() carries from year to year for every practice of one iteration, laid
// out as a structure of arrays (one vector per quantity, indexed by practice) so the year
// loop reads memory in order. Reset for every call of simulate() from the baseline year
// t = 0 (docs/model.md, Time) by SimulationWorkspace (model/simulation_workspace.hpp),
// which keeps the vectors from call to call so an iteration allocates nothing.
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
  // Stochastic runs keep a practice's headcounts as packed whole numbers once they fit
  // (model/gp_transitions.hpp, PackedGps); total -1 when gp_headcount holds them instead.
  std::vector<PackedGps> gp_packed;
  std::vector<Headcount> gp_total;           // total headcount after recruitment, this year
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
  // Scratch of the batched list step: the open practices' noise uniforms and quantiles.
  std::vector<double> noise_uniform, noise_quantile;

  // Scratch of the passes that compute a chunk of kChunk practices' Philox blocks in one
  // call (simulate.hpp: the GP and quality passes): the blocks, at most kChunkBlocks (a
  // GP pass of practices of kBulkGps GPs), plus 4 (the GP pass lists a practice's first
  // four blocks whatever its count), and their bits, 4 a block.
  static constexpr std::size_t kChunk = 64;
  static constexpr std::size_t kChunkBlocks = kChunk * (kBulkGps + 1) / 4;
  std::vector<BlockRef> chunk_blocks;
  std::vector<std::uint32_t> chunk_bits;

  // Scratch of the recruitment pass, reused every year: the practices with posts to fill.
  struct Recruiting {
    std::size_t practice = 0;
    Headcount vacancies = 0;  // max(0, E - total), rounded to posts when drawn
    Headcount whole = 0;  // gp_total after exits (NaN when not whole numbers)
  };
  std::vector<Recruiting> recruiting;
  // The recruitment pass's own binomial memo (binomial_draws), kept from year to year.
  BinomialMemo recruit_memo;

  // Scratch, reused every year: each open practice's quality payment of the year.
  std::vector<Pounds> quality_payment;

  // Scratch of the closures at the year end, indexed by neighbourhood once per practice set.
  ClosureScratch closure_scratch;

  // GP outcome probabilities by band, fixed for the call (gp_outcome_table).
  GpOutcomeTable gp_probs{};

  std::span<const Fraction> applies(std::size_t p) const {
    return std::span<const Fraction>(quality_applies).subspan(p * standard_count, standard_count);
  }
  Fte role_baseline(std::size_t p, std::size_t r) const {
    return baseline_role_fte[p * role_count + r];
  }
};

// U(p,0): unmet GP demand of a practice in the baseline year with no levers
// (docs/model.md, Appointment capacity: "U(0): computed the same way for t = 0").
// `year0` = year_factors(parameters, 0).
inline Appointments baseline_unmet_gp_demand(const ModelParameters& parameters,
                                             const YearFactors& year0,
                                             const SimulationState& state, std::size_t p) {
  const DemandSplit demand = split_demand_at(parameters.population, state.baseline_list[p],
                                             year0.consultation_index, year0.diversion);
  const Fte fte = gp_fte_at(state.baseline_headcount[p], year0.fte_per_head);
  return unmet_demand(demand.gp, gp_capacity(parameters.capacity, fte), 0.0, 0.0, 0.0).gp;
}

inline Appointments baseline_unmet_gp_demand(const ModelParameters& parameters,
                                             const SimulationState& state, std::size_t p) {
  return baseline_unmet_gp_demand(parameters, year_factors(parameters, 0), state, p);
}

}  // namespace pcsim::model
