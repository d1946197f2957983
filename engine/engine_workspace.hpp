#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "engine/accounts_avx512.hpp"
#include "engine/avx512_kernels.hpp"
#include "engine/engine_state.hpp"
#include "engine/event_kernels.hpp"
#include "engine/gp_kernels.hpp"
#include "engine/gp_step_avx512.hpp"
#include "engine/lane_uniforms.hpp"
#include "engine/noise_uniforms.hpp"
#include "engine/quality_avx512.hpp"
#include "engine/recruitment_avx512.hpp"
#include "engine/year_counts_avx512.hpp"
#include "engine/year_end_avx512.hpp"
#include "model/funding.hpp"
#include "model/levelling_targets.hpp"
#include "model/parameters.hpp"
#include "model/practice.hpp"
#include "model/sampling.hpp"
#include "model/savings.hpp"
#include "model/stream_purpose.hpp"
#include "model/workforce.hpp"

// Memory and run invariants the engine reuses from one iteration to the next, for one
// practice set: the state vectors (so an iteration allocates nothing once the first has
// run), the practice file's figures that no parameter changes, and the levelling targets,
// recomputed only when the funding parameters they depend on change. Year 0 is set as the
// reference's start() sets it (model/reference/reference_state.hpp): the same equation
// functions, the same keyed year-0 draws.
//
// One workspace per thread (it is mutable state); the practice set must outlive it and
// must not change while it is in use. Results are bit-identical to those of a fresh
// workspace: everything cached is a pure function of its recorded inputs.
namespace pcsim::engine {

class Workspace {
 public:
  explicit Workspace(const PracticeSet& practices) : practices_(&practices) {
    use_wide_kernels(true);
  }

  const PracticeSet& practices() const { return *practices_; }

  // Whether the passes take their AVX-512 forms (engine/gp_step_avx512.hpp,
  // engine/recruitment_avx512.hpp, engine/accounts_avx512.hpp, engine/year_end_avx512.hpp,
  // engine/quality_avx512.hpp, engine/year_counts_avx512.hpp) where
  // the processor runs them; by default they do. The runner passes the process's choice
  // (PCSIM_PHILOX_KERNEL, random/philox_blocks.hpp), so a process pinned to AVX2 or the portable
  // kernel runs what such a processor runs. The results are the same either way.
  void use_wide_kernels(bool wide) {
    state_.wide_gp_step = wide && gp_step_avx512_supported();
    state_.wide_recruitment = wide && recruitment_avx512_supported();
    state_.wide_accounts = wide && accounts_avx512_supported();
    state_.wide_year_end = wide && year_end_avx512_supported();
    state_.wide_quality = wide && quality_avx512_supported();
    state_.wide_counts = wide && year_counts_avx512_supported();
    state_.wide_noise = wide && noise_uniforms_avx512_supported();
    avx512_loop_ = wide && simulate_avx512_supported();
  }
  // Whether engine::simulate runs the year loop's AVX-512 clone (engine/simulate_avx512.hpp):
  // with the wide kernels, where the processor runs it.
  bool uses_avx512_loop() const { return avx512_loop_; }

  // Resets the state to t = 0 of a new iteration with these parameters. Year-0 draws
  // (quality sign-up, referral baseline) use events_for(p, 0). Throws ModelError when a
  // practice's weighted list is not positive (f(p,0) undefined).
  template <class EventsFor>
  EngineState& start(const ModelParameters& m, EventsFor& events_for) {
    load_practice_figures();
    EngineState& s = state_;
    const std::size_t n = s.practice_count;
    s.role_count = m.roles.size();
    s.standard_count = m.funding.quality_standards.size();
    s.open.assign(n, 1);
    s.open_share.assign(n, 1.0);
    s.closed_share.assign(n, 0.0);
    s.merged_share.assign(n, 0.0);
    s.list.assign(baseline_list_.begin(), baseline_list_.end());
    s.weighted.assign(baseline_weighted_.begin(), baseline_weighted_.end());
    // Every practice packed from the start when the GP pass would pack it in year 1 (each
    // table ascending: one shared table here); else packed by that pass, as before.
    s.gp_probs = gp_outcome_table(m.workforce);
    const bool shared_table = m.workforce.leaver_reduction_per_uplift == 0;
    if (shared_table && s.gp_probs.ascending)
      s.gps.reset(baseline_bands_, baseline_total_, baseline_packed_);
    else
      s.gps.reset(baseline_bands_, baseline_total_);
    // Year 0's establishment ratios depend on the practice file alone: computed at load.
    s.gps_per_patient.assign(baseline_ratio_.begin(), baseline_ratio_.end());
    s.chunk_blocks.resize(EngineState::kChunkBlocks + 4);
    s.chunk_bits.resize(4 * EngineState::kChunkBlocks);
    s.noise_uniform.resize(n);
    s.noise_quantile.resize(n);
    s.year_bits.resize(4 * n);
    s.year_bits_year = 0;
    s.recruiting.resize(n);
    s.quality_payment.resize(n);
    s.change_shares.assign(n, ChangeShares{});  // the year end keeps them so between years
    s.change_queue.resize(n);
    s.rule_queue.resize(n);
    s.change_bound.resize(n);
    s.below_bound.resize(n);
    s.table_of.resize(n);
    // From the practice file's figures kept in arrays (load_practice_figures): reading the
    // large PracticeBaseline records every iteration cost more than the loops' arithmetic.
    s.role_fte.resize(n * s.role_count);
    for (std::size_t p = 0; p < n; ++p)
      for (std::size_t r = 0; r < s.role_count; ++r)
        s.role_fte[p * s.role_count + r] =
            baseline_role_fte(m.roles[r], file_roles_of(p), r, baseline_list_[p]);
    s.prescribing0.resize(n);
    for (std::size_t p = 0; p < n; ++p)
      s.prescribing0[p] = prescribing_baseline_per_weighted(m.savings, file_prescribing_[p]);
    quality_sign_ups(m.funding, events_for);
    referral_baselines(m.savings, events_for);
    s.referral_rate.assign(s.referral_rate0.begin(), s.referral_rate0.end());
    s.peer_benchmark.clear();
    if (m.savings.benchmarking)
      s.peer_benchmark = peer_benchmarks(m.savings, *practices_, s.referral_rate0);
    targets(m.funding);
    s.baseline.baseline_spend = baseline_spend_of(m.funding, file_spend_);
    s.new_role_fte.assign(s.role_count, 0.0);
    return s;
  }

 private:
  // The figures of the practice file that no parameter changes; computed on first use.
  void load_practice_figures() {
    if (loaded_) return;
    EngineState& s = state_;
    const std::vector<PracticeBaseline>& all = practices_->practices;
    s.practice_count = all.size();
    s.funding0 = baseline_funding_per_weighted(*practices_);  // throws on W(p,0) <= 0
    s.area = target_scope_groups(TargetScope::Area, *practices_);
    for (const PracticeBaseline& practice : all)
      file_role_count_ = std::max(file_role_count_, practice.role_fte.size());
    for (const PracticeBaseline& practice : all) {
      file_prescribing_.push_back(practice.prescribing_per_weighted);
      for (std::size_t r = 0; r < file_role_count_; ++r)
        file_role_fte_.push_back(r < practice.role_fte.size() ? practice.role_fte[r] : kNotGiven);
      s.neighbourhood.push_back(practice.neighbourhood);
      s.peer_group.push_back(practice.peer_group);
      s.apms.push_back(practice.contract_type == "APMS" ? 1 : 0);
      baseline_list_.push_back(practice.registered_patients);
      baseline_weighted_.push_back(practice.weighted_patients);
      baseline_bands_.push_back(practice.gp_headcount);
      baseline_total_.push_back(total_headcount(practice.gp_headcount));
      baseline_ratio_.push_back(
          establishment_ratio(baseline_total_.back(), practice.registered_patients));
      PackedGps packed{0, -1};  // left so when the practice does not pack
      pack_headcounts(practice.gp_headcount, packed);
      baseline_packed_.push_back(packed);
      file_referrals_.push_back(practice.referrals_per_1000_weighted);
    }
    referral_sums_ = peer_group_referral_sums(*practices_);
    file_spend_ = practices_core_funding(*practices_);
    s.practice_groups = model::practice_groups(s.neighbourhood, s.area);
    loaded_ = true;
  }

  // The practice file's role FTE of practice p (kNotGiven where the file has none), as
  // baseline_role_fte reads PracticeBaseline::role_fte.
  std::span<const Fte> file_roles_of(std::size_t p) const {
    return std::span<const Fte>(file_role_fte_).subspan(p * file_role_count_, file_role_count_);
  }

  // The year-0 quality sign-ups. When every standard is mandatory no draw is made.
  template <class EventsFor>
  void quality_sign_ups(const FundingParameters& funding, EventsFor& events_for) {
    EngineState& s = state_;
    s.quality_applies.resize(s.practice_count * s.standard_count);
    const bool all_mandatory =
        std::all_of(funding.quality_standards.begin(), funding.quality_standards.end(),
                    [](const QualityStandard& standard) { return standard.mandatory; });
    if (all_mandatory) {
      std::fill(s.quality_applies.begin(), s.quality_applies.end(), 1.0);
      return;
    }
    for (std::size_t p = 0; p < s.practice_count; ++p)
      quality_sign_ups_into(
          funding, events_for(p, 0),
          std::span<Fraction>(s.quality_applies).subspan(p * s.standard_count, s.standard_count));
  }

  // r(p,0) of every practice: the uniforms of the drawn rates taken first, together
  // (lane_uniforms), and their quantiles computed together
  // (normal_quantiles): the same z and the same rate as referral_baseline_rate. A
  // practice with a file rate holds u = 1/2.
  template <class EventsFor>
  void referral_baselines(const SavingsParameters& savings, EventsFor& events_for) {
    EngineState& s = state_;
    const std::size_t n = s.practice_count;
    s.referral_rate0.resize(n);
    double* u = s.noise_uniform.data();
    std::uint32_t* const drawing = s.change_queue.data();
    std::size_t drawn = 0;
    for (std::size_t p = 0; p < n; ++p) {
      drawing[drawn] = static_cast<std::uint32_t>(p);
      drawn += std::isnan(file_referrals_[p]) ? 1 : 0;
    }
    double* const uniforms = s.noise_quantile.data();  // scratch until the quantiles
    lane_uniforms(events_for, 0, Purpose::ReferralBaseline, 0,
                  std::span<const std::uint32_t>(drawing, drawn), uniforms,
                  std::span<BlockRef>(s.chunk_blocks), std::span<std::uint32_t>(s.chunk_bits));
    std::fill(u, u + n, 0.5);
    for (std::size_t i = 0; i < drawn; ++i) u[drawing[i]] = uniforms[i];
    normal_quantiles(std::span<const double>(u, n), std::span<double>(s.noise_quantile.data(), n));
    const double log_sd = referral_log_sd(savings);
    // The peer groups' rates, from the file's rates summed once at load (and, for a group
    // with none, the default): one division a group. Each practice's group from the state's
    // copy: reading it from the large PracticeBaseline records missed the cache every
    // practice (about 1 % of a national run).
    peer_group_referral_rates(savings, referral_sums_, referral_centres_);
    for (std::size_t p = 0; p < n; ++p) {
      const double z = normal_from_quantile(s.noise_quantile[p], 1.0);
      s.referral_rate0[p] =
          std::isnan(file_referrals_[p])
              ? drawn_referral_rate_at(referral_centre(savings, referral_centres_, s.peer_group[p]),
                                       log_sd, z)
              : file_referrals_[p];
    }
  }

  // f*(p) of every practice (levelling_baseline), recomputed only when its inputs change.
  void targets(const FundingParameters& funding) {
    EngineState& s = state_;
    if (!funding.levelling_up) {
      s.funding_target.assign(s.practice_count, std::nan(""));
      return;
    }
    const bool same =
        targets_cached_ && funding.target == cached_.target &&
        funding.target_scope == cached_.target_scope &&
        same_value(funding.target_percentile, cached_.target_percentile) &&
        same_value(funding.target_pounds, cached_.target_pounds) &&
        same_value(funding.trust_min_weighted_list, cached_.trust_min_weighted_list) &&
        same_value(funding.trust_max_ratio_to_median, cached_.trust_max_ratio_to_median);
    if (!same) {
      target_values_ = levelling_baseline(funding, *practices_, s.funding0).target;
      cached_ = funding;
      targets_cached_ = true;
    }
    s.funding_target = target_values_;
  }

  // Equal as cache keys: the same number, or both NaN.
  static bool same_value(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

  const PracticeSet* practices_;
  EngineState state_;
  std::vector<Patients> baseline_list_, baseline_weighted_;
  std::vector<BandArray> baseline_bands_;
  std::vector<Headcount> baseline_total_;
  std::vector<double> baseline_ratio_;      // establishment_ratio of each at year 0
  std::vector<PackedGps> baseline_packed_;  // pack_headcounts of each, {0, -1} if it does not pack
  std::vector<double> file_referrals_;      // r(p,0) per 1,000 weighted, NaN when not given
  PeerGroupReferralSums referral_sums_;     // r̄(g)'s sums over the file's rates
  std::vector<double> referral_centres_;    // r̄(g) of this iteration (scratch)
  std::vector<PoundsPerPatient> file_prescribing_;  // pres(p,0) where given, else NaN
  std::vector<Fte> file_role_fte_;  // [p * file_role_count_ + r], kNotGiven where not given
  std::size_t file_role_count_ = 0;
  Pounds file_spend_ = 0;
  bool loaded_ = false;
  bool avx512_loop_ = false;  // use_wide_kernels' choice of the year loop
  bool targets_cached_ = false;
  FundingParameters cached_;
  std::vector<PoundsPerPatient> target_values_;
};

}  // namespace pcsim::engine
