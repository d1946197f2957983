#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "model/events.hpp"
#include "model/funding.hpp"
#include "model/parameters.hpp"
#include "model/practice.hpp"
#include "model/sampling.hpp"
#include "model/savings.hpp"
#include "model/simulation_state.hpp"
#include "model/stream_purpose.hpp"
#include "model/workforce.hpp"
#include "model/year_factors.hpp"

// Memory and run invariants that simulate() reuses from one call to the next, for one
// practice set: the state vectors (so an iteration allocates nothing once the first has
// run), the figures of the practice file that no parameter changes (f(p,0), baseline lists
// and headcounts, neighbourhoods, peer groups), and the levelling target f*, which depends
// on drawn parameters only through funding.target, target_percentile and target_pounds and
// so is recomputed only when one of those changes. Peer benchmarks bench(g) depend on the
// year-0 referral rates r(p,0), which are drawn for every practice the file gives no rate
// for: they are computed only when benchmarking is on, and reused only while every rate
// comes from the file and benchmark_percentile is unchanged.
//
// One workspace per thread (it is mutable state); the practice set must outlive it and
// must not change while it is in use. Results are bit-identical to those of a fresh
// workspace: everything cached is a pure function of its recorded inputs.
namespace pcsim::model {

class SimulationWorkspace {
 public:
  explicit SimulationWorkspace(const PracticeSet& practices) : practices_(&practices) {}

  const PracticeSet& practices() const { return *practices_; }

  // Resets the state to t = 0 of a new iteration with these parameters. Year-0 draws
  // (quality sign-up, referral baseline) use events_for(p, 0) (docs/model.md, Events).
  // Throws ModelError when a practice's weighted list is not positive (f(p,0) undefined).
  template <class EventsFor>
  SimulationState& start(const ModelParameters& parameters, EventsFor& events_for) {
    load_practice_figures();
    SimulationState& s = state_;
    const std::size_t n = s.practice_count;
    s.role_count = parameters.roles.size();
    s.standard_count = parameters.funding.quality_standards.size();
    s.open.assign(n, 1);
    s.list.resize(n);
    s.weighted.resize(n);
    s.gp_headcount.resize(n);
    s.gp_packed.assign(n, PackedGps{0, -1});
    s.chunk_blocks.resize(SimulationState::kChunkBlocks + 4);
    s.chunk_bits.resize(4 * SimulationState::kChunkBlocks);
    s.noise_uniform.resize(n);
    s.noise_quantile.resize(n);
    s.gp_total.assign(n, 0.0);
    s.recruiting.resize(n);
    s.quality_payment.resize(n);
    s.baseline_role_fte.resize(n * s.role_count);
    s.quality_applies.resize(n * s.standard_count);
    s.referral_rate0.resize(n);
    s.prescribing0.resize(n);
    // From the practice figures cached in arrays: the PracticeBaseline records are large
    // (names, codes) and reading them every iteration was a twentieth of the run.
    for (std::size_t r = 0; r < s.role_count; ++r) {
      const RoleParameters& role = parameters.roles[r];
      for (std::size_t p = 0; p < n; ++p) {
        // The file's FTE of role r (NaN when not given), as baseline_role_fte reads it.
        const Fte given = r < file_role_count_ ? file_role_fte_[p * file_role_count_ + r]
                                               : kNotGiven;
        const std::span<const Fte> file_fte(&given, 1);
        s.baseline_role_fte[p * s.role_count + r] =
            baseline_role_fte(role, file_fte, 0, s.baseline_list[p]);
      }
    }
    for (std::size_t p = 0; p < n; ++p) {
      s.list[p] = s.baseline_list[p];
      s.weighted[p] = baseline_weighted_[p];
      s.gp_headcount[p] = baseline_bands_[p];
      s.prescribing0[p] =
          prescribing_baseline_per_weighted(parameters.savings, file_prescribing_[p]);
    }
    quality_sign_ups(parameters.funding, events_for);
    referral_baselines(parameters.savings, events_for);
    s.referral_rate.assign(s.referral_rate0.begin(), s.referral_rate0.end());
    update_peer_benchmarks(parameters.savings);
    s.funding_target = parameters.funding.levelling_up && n > 0
                           ? levelling_target_cached(parameters.funding)
                           : 0.0;
    // baseline_spend, with the practice file's sum kept from the first call.
    s.baseline_spend = baseline_spend_of(parameters.funding, file_spend_);
    const YearFactors year0 = year_factors(parameters, 0);
    s.baseline_unmet_gp = 0;
    for (std::size_t p = 0; p < n; ++p)
      s.baseline_unmet_gp += baseline_unmet_gp_demand(parameters, year0, s, p);
    s.new_role_fte.assign(s.role_count, 0.0);
    s.gp_probs = gp_outcome_table(parameters.workforce);
    return s;
  }

 private:
  // The figures of the practice file that no parameter changes; computed on first use.
  void load_practice_figures() {
    if (practice_figures_loaded_) return;
    SimulationState& s = state_;
    const std::vector<PracticeBaseline>& all = practices_->practices;
    s.practice_count = all.size();
    s.funding0 = baseline_funding_per_weighted(*practices_);  // throws on W(p,0) <= 0
    s.neighbourhood.clear();
    s.peer_group.clear();
    s.baseline_list.clear();
    s.baseline_headcount.clear();
    baseline_weighted_.clear();
    baseline_bands_.clear();
    file_prescribing_.clear();
    file_referrals_.clear();
    file_role_count_ = 0;
    for (const PracticeBaseline& practice : all)
      file_role_count_ = std::max(file_role_count_, practice.role_fte.size());
    file_role_fte_.assign(all.size() * file_role_count_, kNotGiven);
    rates_from_file_ = true;
    for (std::size_t p = 0; p < all.size(); ++p) {
      const PracticeBaseline& practice = all[p];
      s.neighbourhood.push_back(practice.neighbourhood);
      s.peer_group.push_back(practice.peer_group);
      s.baseline_list.push_back(practice.registered_patients);
      s.baseline_headcount.push_back(total_headcount(practice.gp_headcount));
      baseline_weighted_.push_back(practice.weighted_patients);
      baseline_bands_.push_back(practice.gp_headcount);
      file_prescribing_.push_back(practice.prescribing_per_weighted);
      file_referrals_.push_back(practice.referrals_per_1000_weighted);
      for (std::size_t r = 0; r < practice.role_fte.size(); ++r)
        file_role_fte_[p * file_role_count_ + r] = practice.role_fte[r];
      rates_from_file_ = rates_from_file_ && !std::isnan(practice.referrals_per_1000_weighted);
    }
    s.closure_scratch.index(s.neighbourhood);
    file_spend_ = practices_core_funding(*practices_);
    practice_figures_loaded_ = true;
  }

  // The year-0 quality sign-ups (quality_sign_ups_into per practice). When every standard
  // is mandatory no draw is made, and every entry is 1: no events are made.
  template <class EventsFor>
  void quality_sign_ups(const FundingParameters& funding, EventsFor& events_for) {
    SimulationState& s = state_;
    const bool all_mandatory =
        std::all_of(funding.quality_standards.begin(), funding.quality_standards.end(),
                    [](const QualityStandard& standard) { return standard.mandatory; });
    if (all_mandatory) {
      std::fill(s.quality_applies.begin(), s.quality_applies.end(), 1.0);
      return;
    }
    for (std::size_t p = 0; p < s.practice_count; ++p)
      quality_sign_ups_into(funding, events_for(p, 0),
                            std::span<Fraction>(s.quality_applies)
                                .subspan(p * s.standard_count, s.standard_count));
  }

  // r(p,0) of every practice (referral_baseline_rate). Events that hand out their
  // uniforms (UniformEvents, whose normal draw is normal_from_quantile(normal_quantile(u),
  // sd)) have the uniforms of the drawn rates taken first and their quantiles computed
  // together (normal_quantiles), as the list pass does: the same z, the same rate, with
  // s = referral_log_sd computed once. A practice with a file rate, or central events,
  // holds u = 1/2 (no draw) and takes referral_baseline_rate's value. The uniform is
  // taken through the memo, as normal() did: a call of uniform_uncached here made the
  // compiler stop inlining it into the recruitment pass (1 M instructions an iteration).
  template <class EventsFor>
  void referral_baselines(const SavingsParameters& savings, EventsFor& events_for) {
    SimulationState& s = state_;
    const std::size_t n = s.practice_count;
    using Events = decltype(events_for(std::size_t{0}, 0));
    if constexpr (UniformEvents<Events>) {
      if (!rates_from_file_) {
        double* u = s.noise_uniform.data();
        for (std::size_t p = 0; p < n; ++p) {
          const auto year0 = events_for(p, 0);
          u[p] = std::isnan(file_referrals_[p]) && !year0.central()
                     ? year0.uniform(Purpose::ReferralBaseline, 0)
                     : 0.5;
        }
        normal_quantiles(std::span<const double>(u, n),
                         std::span<double>(s.noise_quantile.data(), n));
        const double log_sd = referral_log_sd(savings);
        for (std::size_t p = 0; p < n; ++p) {
          const double z = normal_from_quantile(s.noise_quantile[p], 1.0);
          s.referral_rate0[p] = std::isnan(file_referrals_[p]) && !events_for(p, 0).central()
                                    ? drawn_referral_rate_at(savings, log_sd, z)
                                    : referral_baseline_rate(savings, file_referrals_[p],
                                                             events_for(p, 0));
        }
        return;
      }
    }
    for (std::size_t p = 0; p < n; ++p)
      s.referral_rate0[p] = referral_baseline_rate(savings, file_referrals_[p], events_for(p, 0));
  }

  // f* of these funding parameters; recomputed only when its inputs change.
  PoundsPerPatient levelling_target_cached(const FundingParameters& funding) {
    const bool same = target_cached_ && funding.target == target_kind_ &&
                      same_value(funding.target_percentile, target_percentile_) &&
                      same_value(funding.target_pounds, target_pounds_);
    if (!same) {
      target_value_ = levelling_target(funding, state_.funding0);
      target_kind_ = funding.target;
      target_percentile_ = funding.target_percentile;
      target_pounds_ = funding.target_pounds;
      target_cached_ = true;
    }
    return target_value_;
  }

  // bench(g) when benchmarking is on (unused, and left empty, when it is off).
  void update_peer_benchmarks(const SavingsParameters& savings) {
    SimulationState& s = state_;
    if (!savings.benchmarking) {
      s.peer_benchmark.clear();
      benchmarks_cached_ = false;
      return;
    }
    if (benchmarks_cached_ && rates_from_file_ &&
        same_value(savings.benchmark_percentile, benchmark_percentile_))
      return;
    s.peer_benchmark = peer_benchmarks(savings, *practices_, s.referral_rate0);
    benchmark_percentile_ = savings.benchmark_percentile;
    benchmarks_cached_ = true;
  }

  // Equal as cache keys: the same number, or both NaN.
  static bool same_value(double a, double b) {
    return a == b || (std::isnan(a) && std::isnan(b));
  }

  const PracticeSet* practices_;
  SimulationState state_;
  // Practice-file figures as arrays (W(p,0), headcount by band; referral rate,
  // prescribing and role FTE where the file gives them, else NaN).
  std::vector<Patients> baseline_weighted_;
  std::vector<BandArray> baseline_bands_;
  std::vector<PoundsPerPatient> file_prescribing_;
  std::vector<double> file_referrals_;  // r(p,0) per 1,000 weighted
  std::vector<Fte> file_role_fte_;  // [p * file_role_count_ + r]
  std::size_t file_role_count_ = 0;
  Pounds file_spend_ = 0;  // the practices' core funding summed (baseline_spend)
  bool practice_figures_loaded_ = false;
  bool rates_from_file_ = false;
  bool target_cached_ = false;
  LevellingTarget target_kind_ = LevellingTarget::Median;
  double target_percentile_ = 0, target_pounds_ = 0;
  PoundsPerPatient target_value_ = 0;
  bool benchmarks_cached_ = false;
  double benchmark_percentile_ = 0;
};

// The state at t = 0 in a state of its own (simulate() reuses a workspace instead).
template <class EventsFor>
SimulationState initial_state(const ModelParameters& parameters, const PracticeSet& set,
                              EventsFor& events_for) {
  SimulationWorkspace workspace(set);
  return workspace.start(parameters, events_for);
}

}  // namespace pcsim::model
