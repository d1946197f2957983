#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/units.hpp"
#include "engine/event_kernels.hpp"
#include "engine/gp_kernels.hpp"
#include "engine/gp_workforce.hpp"
#include "engine/hazard_screen.hpp"
#include "engine/packed_gps.hpp"
#include "model/age_bands.hpp"
#include "model/binomial_sampling.hpp"
#include "model/practice_changes.hpp"
#include "model/year_accounts.hpp"

// The state the engine carries from year to year for every practice of one stochastic
// iteration, as a structure of arrays (one vector per quantity, indexed by practice) so a
// pass reads memory in order; reset for every iteration by engine::Workspace, which keeps
// the vectors so an iteration allocates nothing. The same quantities as the reference's
// state (model/reference/reference_state.hpp), plus the engine's scratch.
namespace pcsim::engine {

struct EngineState {
  std::size_t practice_count = 0;
  std::size_t role_count = 0;
  std::size_t standard_count = 0;

  // Stepped each year.
  std::vector<std::uint8_t> open;  // 1 open, 0 gone (closed or merged)
  std::vector<double> open_share;  // the same as a number (practice changes)
  std::vector<double> closed_share, merged_share;
  std::vector<Patients> list;      // L(p,t)
  std::vector<Patients> weighted;  // W(p,t)
  // Every practice's GPs by band and their total (engine/gp_workforce.hpp: one type keeps
  // the packed and band-array forms consistent).
  GpWorkforce gps;
  std::vector<double> gps_per_patient;  // establishment ratio
  std::vector<Fte> role_fte;            // baseline FTE of each role, [p * role_count + r]

  // Fixed for the run.
  std::vector<int> neighbourhood, area, peer_group;
  std::vector<std::uint8_t> apms;
  std::vector<PoundsPerPatient> funding0;        // f(p,0)
  std::vector<PoundsPerPatient> funding_target;  // f*(p), year-0 prices; NaN: not levelled
  std::vector<Fraction> quality_applies;         // [p * standard_count + k], drawn in year 0
  RunBaseline baseline;

  // Savings.
  std::vector<double> referral_rate0;          // r(p,0) per 1,000 weighted
  std::vector<double> referral_rate;           // r(p,t), stepped by benchmarking
  std::vector<double> peer_benchmark;          // bench(g), per peer group
  std::vector<PoundsPerPatient> prescribing0;  // pres(p,0)

  // Scratch, reused every year.
  std::vector<Fte> new_role_fte;                      // filled new-role FTE per role, summed
  std::vector<double> noise_uniform, noise_quantile;  // the list pass's batch
  // Every practice's PracticeYear block this year ([4 p + lane], model/stream_purpose.hpp),
  // computed by the list pass (keep_practice_year_bits) and kept for recruitment and the
  // year end, whose single draws are lanes of the same block.
  std::vector<std::uint32_t> year_bits;
  int year_bits_year = 0;  // the year whose blocks year_bits holds (0: none yet)
  // The GP and quality passes compute a chunk of kChunk practices' Philox blocks in one
  // call: the blocks (at most kChunkBlocks, plus the 4 the GP pass lists for a practice
  // whatever its count) and their bits, 4 a block.
  static constexpr std::size_t kChunk = 64;
  static constexpr std::size_t kChunkBlocks = kChunk * (kBulkGps + 1) / 4;
  std::vector<BlockRef> chunk_blocks;
  std::vector<std::uint32_t> chunk_bits;
  // The GP pass's outcome table of each practice: the shared table, or (when funding
  // changes the leaver rate) the practice's own in practice_tables.
  GpOutcomeTable gp_probs{};
  std::vector<GpOutcomeTable> practice_tables;
  std::vector<const GpOutcomeTable*> table_of;
  bool tables_shared = false;  // every table_of is &gp_probs (set by gp_tables)
  // Which passes take their AVX-512 forms: the GP step (engine/gp_step_avx512.hpp), the
  // recruitment (engine/recruitment_avx512.hpp), the accounts (engine/accounts_avx512.hpp),
  // the year end's decisions (engine/year_end_avx512.hpp), the quality payments
  // (engine/quality_avx512.hpp), the year's practice counts (engine/year_counts_avx512.hpp)
  // and the list noise's uniforms (engine/noise_uniforms.hpp). Workspace::use_wide_kernels
  // sets them (each where the processor can); the same results either way (tests set them
  // to compare).
  bool wide_gp_step = false, wide_recruitment = false, wide_accounts = false, wide_year_end = false,
       wide_quality = false, wide_counts = false, wide_noise = false;
  // Exits counted by the GP pass this year.
  Headcount retirements = 0, leavers = 0;
  // The recruitment pass's queue (the open practices with vacancies, in practice order), an
  // array a field so that the vector pass writes and reads eight entries at a time, and its
  // binomial memo.
  struct Recruiting {
    std::size_t practice = 0;
    Headcount vacancies = 0;  // max(0, E - total after exits)
    Headcount whole = 0;      // gp_total after exits (NaN when not whole)
  };
  struct RecruitingQueue {
    std::vector<std::uint32_t> practice;
    std::vector<Headcount> vacancies, whole;
    void resize(std::size_t n) {
      practice.resize(n);
      vacancies.resize(n);
      whole.resize(n);
    }
    void set(std::size_t i, std::size_t p, Headcount v, Headcount w) {
      practice[i] = static_cast<std::uint32_t>(p);
      vacancies[i] = v;
      whole[i] = w;
    }
    Recruiting at(std::size_t i) const { return {practice[i], vacancies[i], whole[i]}; }
  };
  RecruitingQueue recruiting;
  BinomialMemo recruit_memo;
  Headcount recruits = 0;
  std::vector<Pounds> quality_payment;      // each open practice's quality payment
  std::vector<ChangeShares> change_shares;  // the year-end changes
  std::vector<std::uint32_t> change_queue;  // the practices that draw for them, or the list noise
  std::vector<std::uint32_t> rule_queue;    // the practices the threshold rule closes
  std::vector<double> change_bound;         // the screen's bound of each drawing practice
  std::vector<std::uint32_t> below_bound;   // the draws below their bounds (queue positions)
  // The practices with a share this year, ascending: closed by the threshold rule, drawn
  // to change, and both (apply_practice_changes' candidates).
  std::vector<std::size_t> rule_changing, drawn_changing, changing;
  HazardScreen hazard_screen;
  PracticeGroups practice_groups;        // neighbourhoods' and areas' members (fixed)
  PracticeChangeScratch change_scratch;  // apply_practice_changes' working memory

  std::span<const Fraction> applies(std::size_t p) const {
    return std::span<const Fraction>(quality_applies).subspan(p * standard_count, standard_count);
  }
  std::span<const Fte> roles_of(std::size_t p) const {
    return std::span<const Fte>(role_fte).subspan(p * role_count, role_count);
  }

  PracticeChangeView change_view() {
    PracticeChangeView v;
    v.open_share = open_share;
    v.list = list;
    v.weighted = weighted;
    // The step touches few practices: each is unpacked when first touched.
    v.gps = gps.band_arrays();
    v.prepare = [this](std::size_t p) { gps.unpack(p); };
    v.gp_total = gps.totals_span();
    v.gps_per_patient = gps_per_patient;
    v.role_fte = role_fte;
    v.roles = role_count;
    v.neighbourhood = neighbourhood;
    v.area = area;
    v.closed_share = closed_share;
    v.merged_share = merged_share;
    return v;
  }
};

}  // namespace pcsim::engine
