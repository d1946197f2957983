#pragma once
// What the oracle tests share: running the reference and the engine on the same
// parameters, practices and keyed draws, and comparing every figure bit for bit; and
// random scenarios (parameters with every module on or off, practice sets of every shape).
#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "engine/simulate.hpp"
#include "model/metrics.hpp"
#include "model/parameters.hpp"
#include "model/practice.hpp"
#include "model/reference/reference_simulation.hpp"
#include "model/simulation_output.hpp"
#include "random/philox_events.hpp"

namespace pcsim::oracle {

// Every figure of one run of one iteration: metrics by year, scalars, per-practice traces.
struct Figures {
  std::vector<double> by_year, scalars;
  std::vector<std::vector<double>> traces;
};

inline Figures empty_figures(int years, std::size_t practices) {
  Figures f;
  f.by_year.assign(model::kMetricCount * static_cast<std::size_t>(years), std::nan(""));
  f.scalars.assign(model::kScalarMetricCount, std::nan(""));
  f.traces.assign(model::kPracticeTraceCount,
                  std::vector<double>(practices * static_cast<std::size_t>(years), std::nan("")));
  return f;
}

inline model::PracticeTrace trace_of(Figures& f, int years) {
  return {years, f.traces[0], f.traces[1], f.traces[2], f.traces[3], f.traces[4]};
}

// The reference with the Philox events of (seed, iteration).
inline Figures run_reference(const model::ModelParameters& m, const model::PracticeSet& set,
                             std::uint64_t seed, std::uint32_t iteration) {
  Figures f = empty_figures(m.horizon_years, set.practices.size());
  const model::PracticeTrace trace = trace_of(f, m.horizon_years);
  model::reference::simulate(m, set, random::PhiloxEventsFor(seed, iteration),
                             model::SimulationOutput{m.horizon_years, f.by_year, f.scalars},
                             &trace);
  return f;
}

// The engine with the same events, in a workspace that may have served other iterations.
inline Figures run_engine(const model::ModelParameters& m, engine::Workspace& workspace,
                          std::uint64_t seed, std::uint32_t iteration) {
  Figures f = empty_figures(m.horizon_years, workspace.practices().practices.size());
  const model::PracticeTrace trace = trace_of(f, m.horizon_years);
  engine::simulate(m, workspace, random::PhiloxEventsFor(seed, iteration),
                   model::SimulationOutput{m.horizon_years, f.by_year, f.scalars}, &trace);
  return f;
}

// The engine as the runner's plain runs call it, with no trace: then the accounts take
// their eight-practices-to-a-register form where the processor has it
// (engine/accounts_avx512.hpp), which a traced run never does. The traces stay NaN.
inline Figures run_engine_untraced(const model::ModelParameters& m, engine::Workspace& workspace,
                                   std::uint64_t seed, std::uint32_t iteration) {
  Figures f = empty_figures(m.horizon_years, workspace.practices().practices.size());
  engine::simulate(m, workspace, random::PhiloxEventsFor(seed, iteration),
                   model::SimulationOutput{m.horizon_years, f.by_year, f.scalars});
  return f;
}

// The first difference between two runs' figures, bit for bit (NaN equals NaN), as
// "metric gp_headcount year 3: 41 vs 42"; empty when identical.
inline std::string first_difference(const Figures& a, const Figures& b, int years) {
  const auto same = [](double x, double y) {
    return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y) ||
           (std::isnan(x) && std::isnan(y));
  };
  const auto h = static_cast<std::size_t>(years);
  for (std::size_t i = 0; i < a.by_year.size(); ++i)
    if (!same(a.by_year[i], b.by_year[i]))
      return "metric " + std::string(model::kMetrics[i / h].name) + " year " +
             std::to_string(i % h + 1) + ": " + std::to_string(a.by_year[i]) + " vs " +
             std::to_string(b.by_year[i]);
  for (std::size_t s = 0; s < a.scalars.size(); ++s)
    if (!same(a.scalars[s], b.scalars[s]))
      return "scalar " + std::string(model::kScalarMetrics[s].name) + ": " +
             std::to_string(a.scalars[s]) + " vs " + std::to_string(b.scalars[s]);
  for (std::size_t k = 0; k < a.traces.size(); ++k)
    for (std::size_t i = 0; i < a.traces[k].size(); ++i)
      if (!same(a.traces[k][i], b.traces[k][i]))
        return "trace " + std::string(model::kPracticeTraceNames[k]) + " practice " +
               std::to_string(i / h) + " year " + std::to_string(i % h + 1) + ": " +
               std::to_string(a.traces[k][i]) + " vs " + std::to_string(b.traces[k][i]);
  return {};
}

// A random practice set: n practices in a few areas and neighbourhoods, lists from tiny to
// large, GP headcounts by band from none to more than the packed form holds (127), some
// APMS and part-year practices, some with file referral and prescribing rates and role FTE.
inline model::PracticeSet random_practices(std::mt19937_64& rng, std::size_t roles) {
  std::uniform_real_distribution<double> u(0, 1);
  model::PracticeSet set;
  const auto n = static_cast<std::size_t>(2 + u(rng) * 40);
  const int areas = 1 + static_cast<int>(u(rng) * 3);
  const int neighbourhoods = 1 + static_cast<int>(u(rng) * 5);
  set.neighbourhoods = neighbourhoods;
  set.peer_groups = 3;
  // A prefix then a number, appended: "R" + std::to_string(p) inlines a string insert that
  // GCC 12 warns of with a false -Wrestrict (GCC bug 105329).
  const auto named = [](char prefix, auto number) {
    std::string name(1, prefix);
    name += std::to_string(number);
    return name;
  };
  for (std::size_t p = 0; p < n; ++p) {
    model::PracticeBaseline b;
    b.code = named('R', p);
    const int area = static_cast<int>(u(rng) * areas);
    b.ccg_code = named('A', area);
    b.icb_code = named('I', area / 2);
    b.contract_type = u(rng) < 0.15 ? "APMS" : "GMS";
    b.registered_patients = std::floor(u(rng) < 0.05 ? 300 + u(rng) * 700 : 1500 + u(rng) * 25000);
    b.weighted_patients = std::floor(b.registered_patients * (0.8 + 0.4 * u(rng)));
    b.core_funding = b.weighted_patients * (u(rng) < 0.05 ? 400 : 70 + 40 * u(rng));
    b.opened_in_year = u(rng) < 0.03;
    b.peer_group = static_cast<int>(u(rng) * 3);
    b.neighbourhood = static_cast<int>(u(rng) * neighbourhoods);
    const double size = u(rng);
    const double gps = size < 0.05   ? 0
                       : size < 0.1  ? 1
                       : size < 0.12 ? 150
                                     : std::floor(2 + u(rng) * 14);
    double left = gps;
    for (int band = 0; band < model::kAgeBands && left > 0; ++band) {
      const double here = band == model::kAgeBands - 1 ? left : std::floor(left * u(rng) * 0.5);
      b.gp_headcount[band] = here;
      left -= here;
    }
    b.gp_headcount_from_data = true;
    for (std::size_t r = 0; r < roles; ++r)
      b.role_fte.push_back(u(rng) < 0.5 ? std::floor(u(rng) * 40) / 10 : model::kNotGiven);
    if (u(rng) < 0.3) b.referrals_per_1000_weighted = 150 + 200 * u(rng);
    if (u(rng) < 0.3) b.prescribing_per_weighted = 120 + 60 * u(rng);
    set.practices.push_back(b);
  }
  return set;
}

// Random parameters: every module switched on or off at random, values across their
// ranges, a horizon of 1 to 8 years.
inline model::ModelParameters random_parameters(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  const auto coin = [&](double p) { return u(rng) < p; };
  model::ModelParameters m;
  m.horizon_years = 1 + static_cast<int>(u(rng) * 8);
  m.start_year = coin(0.5) ? 2017 : 2023;
  m.commissioning_level = 1 + static_cast<int>(u(rng) * 3);
  auto& pop = m.population;
  pop.list_growth = -0.01 + 0.04 * u(rng);
  pop.list_noise_sd = coin(0.8) ? 0.03 * u(rng) : 0;
  pop.consultation_growth = 0.03 * u(rng);
  pop.diversion_max = coin(0.5) ? 0.5 * u(rng) : 0;
  pop.diversion_ramp_years = 4 * u(rng);
  auto& w = m.workforce;
  w.retirement_multiplier = 0.5 + 2 * u(rng);
  w.leaver_rate = 0.1 * u(rng);
  w.fill_rate = u(rng);
  w.entry_band = static_cast<int>(u(rng) * 4);
  w.extra_gp_posts_per_30000 = coin(0.3) ? 3 * u(rng) : 0;
  w.closure_threshold = coin(0.3) ? 0.5 : 0;
  w.leaver_reduction_per_uplift = coin(0.3) ? 2 * u(rng) : 0;
  const std::size_t roles = static_cast<std::size_t>(u(rng) * 3);
  for (std::size_t r = 0; r < roles; ++r) {
    model::RoleParameters role;
    role.name = "role" + std::to_string(r);
    role.baseline_fte_per_1000 = 0.5 * u(rng);
    role.appointments_per_fte = 3000 + 5000 * u(rng);
    role.new_posts_per_30000 = coin(0.5) ? 3 * u(rng) : 0;
    role.start_year = 1 + static_cast<int>(u(rng) * 3);
    m.roles.push_back(role);
  }
  auto& c = m.capacity;
  c.extended_access_per_1000 = coin(0.5) ? 300 * u(rng) : 0;
  c.extended_access_start_year = 1 + static_cast<int>(u(rng) * 2);
  c.extended_access_cost = 40 * u(rng);
  c.ae_deflection_share = coin(0.5) ? 0.1 * u(rng) : 0;
  auto& f = m.funding;
  f.levelling_up = coin(0.6);
  f.target = static_cast<model::LevellingTarget>(static_cast<int>(u(rng) * 4));
  f.target_percentile = 100 * u(rng);
  f.target_pounds = 60 + 60 * u(rng);
  f.target_scope = static_cast<model::TargetScope>(static_cast<int>(u(rng) * 3));
  f.trust_min_weighted_list = coin(0.5) ? 1000 : 0;
  f.trust_max_ratio_to_median = 1.2 + 3 * u(rng);
  f.levelling_years = 3 * u(rng);
  f.level_down = coin(0.3);
  f.clinical_spend_share = coin(0.5) ? u(rng) : 0;
  f.gp_time_share = u(rng);
  f.running_cost = 1e5 * u(rng);
  const std::size_t standards = static_cast<std::size_t>(u(rng) * 6);  // 0 to 5
  for (std::size_t k = 0; k < standards; ++k) {
    model::QualityStandard q;
    q.name = std::string("q").append(std::to_string(k));
    q.payment_per_weighted_patient = 5 * u(rng);
    q.achievement_rate = u(rng);
    q.mandatory = coin(0.6);
    q.sign_up_share = u(rng);
    f.quality_standards.push_back(q);
  }
  auto& s = m.savings;
  s.benchmarking = coin(0.5);
  s.benchmark_percentile = 100 * u(rng);
  s.eur = coin(0.5);
  s.prescribing_kpi = coin(0.5);
  s.prescribing_reduction = 0.1 * u(rng);
  auto& ch = m.practice_changes;
  ch.mergers = coin(0.5);
  ch.closures = coin(0.5);
  for (model::HazardCoefficients* h : {&ch.merger, &ch.closure}) {
    h->intercept = -4 + 3 * u(rng);
    h->per_log_list = -1 + u(rng);
    h->single_handed = u(rng);
    h->no_gp = 2 * u(rng);
    h->apms = u(rng);
    h->year_sd = coin(0.5) ? u(rng) : 0;
  }
  auto& a = m.additional_roles;
  a.fte_per_10000_start = coin(0.5) ? 3 * u(rng) : 0;
  a.fte_per_10000_ceiling = coin(0.5) ? 6 * u(rng) : 0;
  a.growth_share = u(rng);
  return m;
}

}  // namespace pcsim::oracle
