// One practice-year of each model module with PhiloxEvents, on the practices and central
// parameters of the national scenario (scenarios/national.toml): population step, GP
// workforce step, capacity, funding and the quality contract, savings, and the whole
// practice-year as simulate() runs it. Each benchmark walks the practices in order and
// the years 1..H, so the draws and branches are those of a real run.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "model/simulate.hpp"
#include "runner/philox_events.hpp"
#include "scenarios/scenario.hpp"

namespace {

using namespace pcsim;

const scenarios::Scenario& national() {
  static const scenarios::Scenario scenario = scenarios::load_scenario(
      std::filesystem::path(PCSIM_SOURCE_DIR) / "scenarios/national.toml");
  return scenario;
}

// The walk over (practice, year) shared by the benchmarks.
struct PracticeYears {
  explicit PracticeYears(const model::ModelParameters& m)
      : practices(national().practices.practices.size()), years(m.horizon_years) {}
  void next() {
    if (++p == practices) {
      p = 0;
      t = t == years ? 1 : t + 1;
    }
  }
  runner::PhiloxEvents events() const {
    return runner::PhiloxEvents(20230401, 0, static_cast<std::uint32_t>(p),
                                static_cast<std::uint32_t>(t));
  }
  std::size_t practices, p = 0;
  int years, t = 1;
};

// The state of iteration 0 at t = 0, for the per-practice inputs of each module, and the
// year factors (computed once a year by simulate()).
struct Setup {
  Setup() : m(national().options.front().central), workspace(national().practices) {
    state = &workspace.start(m, events_for);
    for (int t = 0; t <= m.horizon_years; ++t) factors.push_back(model::year_factors(m, t));
  }
  model::ModelParameters m;
  model::SimulationWorkspace workspace;
  runner::PhiloxEventsFor events_for{20230401, 0};
  model::SimulationState* state = nullptr;
  std::vector<model::YearFactors> factors;
};

Setup& setup() {
  static Setup s;
  return s;
}

// List step L(t) = L(t-1)(1 + g + e) and the demand split.
void BM_PopulationStep(benchmark::State& bench) {
  Setup& s = setup();
  PracticeYears walk(s.m);
  for (auto _ : bench) {
    const model::YearFactors& f = s.factors[static_cast<std::size_t>(walk.t)];
    const double growth = model::list_growth_factor(s.m.population, walk.events());
    const double list = s.state->list[walk.p] * growth;
    benchmark::DoNotOptimize(
        model::split_demand_at(s.m.population, list, f.consultation_index, f.diversion));
    walk.next();
  }
  bench.SetItemsProcessed(bench.iterations());
}
BENCHMARK(BM_PopulationStep);

// Establishment, GP exits and ageing by band, recruitment (from the baseline headcount).
void BM_GpWorkforceStep(benchmark::State& bench) {
  Setup& s = setup();
  PracticeYears walk(s.m);
  for (auto _ : bench) {
    model::BandArray headcount = s.state->gp_headcount[walk.p];
    const double posts =
        model::establishment(s.m.workforce, s.state->baseline_headcount[walk.p],
                             s.state->list[walk.p], s.state->baseline_list[walk.p]);
    benchmark::DoNotOptimize(model::step_gp_workforce(s.m.workforce, s.state->gp_probs, headcount,
                                                      posts, walk.events()));
    benchmark::DoNotOptimize(headcount);
    walk.next();
  }
  bench.SetItemsProcessed(bench.iterations());
}
BENCHMARK(BM_GpWorkforceStep);

// GP and role FTE and capacity, extended access and unmet demand (no draws).
void BM_Capacity(benchmark::State& bench) {
  Setup& s = setup();
  PracticeYears walk(s.m);
  for (auto _ : bench) {
    const model::YearFactors& f = s.factors[static_cast<std::size_t>(walk.t)];
    const double list = s.state->list[walk.p];
    const double gp = model::gp_fte_at(model::total_headcount(s.state->gp_headcount[walk.p]),
                                       f.fte_per_head);
    double other = 0;
    for (std::size_t r = 0; r < s.state->role_count; ++r)
      other += model::role_capacity(
          s.m.roles[r], model::role_fte(s.m.roles[r], s.state->role_baseline(walk.p, r), list,
                                        walk.t).total);
    const auto demand =
        model::split_demand_at(s.m.population, list, f.consultation_index, f.diversion);
    const double ea = model::extended_access_appointments(s.m.capacity, list, walk.t);
    benchmark::DoNotOptimize(model::unmet_demand(
        demand.gp, model::gp_capacity(s.m.capacity, gp), ea, demand.other, other));
    walk.next();
  }
  bench.SetItemsProcessed(bench.iterations());
}
BENCHMARK(BM_Capacity);

// Levelling-up cost and the quality payment (one Bernoulli draw per standard).
void BM_FundingQuality(benchmark::State& bench) {
  Setup& s = setup();
  PracticeYears walk(s.m);
  for (auto _ : bench) {
    const model::YearFactors& f = s.factors[static_cast<std::size_t>(walk.t)];
    const double weighted = s.state->weighted[walk.p];
    benchmark::DoNotOptimize(model::levelling_up_cost_at(
        s.m.funding, s.state->funding0[walk.p], s.state->funding_target, weighted, f.inflation,
        f.levelling_phase, walk.t));
    benchmark::DoNotOptimize(model::quality_payment_at(s.m.funding, s.state->applies(walk.p),
                                                       walk.events(), weighted, f.inflation));
    walk.next();
  }
  bench.SetItemsProcessed(bench.iterations());
}
BENCHMARK(BM_FundingQuality);

// Peer benchmarking, referrals under EUR and prescribing (no draws after year 0).
void BM_Savings(benchmark::State& bench) {
  Setup& s = setup();
  PracticeYears walk(s.m);
  for (auto _ : bench) {
    const model::YearFactors& f = s.factors[static_cast<std::size_t>(walk.t)];
    const double weighted = s.state->weighted[walk.p];
    const double rate = model::benchmarked_rate(s.m.savings, s.state->referral_rate[walk.p], 0.0);
    benchmark::DoNotOptimize(model::referral_year_at(
        s.m.savings, s.state->referral_rate0[walk.p], rate, weighted, f.inflation, f.eur));
    benchmark::DoNotOptimize(model::prescribing_year_at(
        s.m.savings, s.state->prescribing0[walk.p], weighted, f.prescribing_index,
        f.savings_phase));
    walk.next();
  }
  bench.SetItemsProcessed(bench.iterations());
}
BENCHMARK(BM_Savings);

// The whole practice-year of simulate() (its passes for one practice, the year
// totals), on a copy of the year-0 state that the walk steps on; the copy is reset each
// time the walk starts again at year 1, so the state stays that of a 10-year run.
void BM_PracticeYear(benchmark::State& bench) {
  Setup& s = setup();
  model::SimulationState state = *s.state;
  PracticeYears walk(s.m);
  model::YearTotals totals;
  for (auto _ : bench) {
    if (walk.p == 0 && walk.t == 1) {
      bench.PauseTiming();
      state = *s.state;
      bench.ResumeTiming();
    }
    const model::YearFactors& f = s.factors[static_cast<std::size_t>(walk.t)];
    model::detail::list_step(s.m, state, walk.p, walk.events());
    model::detail::gp_exits_step(state, walk.p, walk.events());
    model::detail::recruitment_step(s.m, state, walk.p, walk.events());
    model::detail::quality_step(s.m, f, state, walk.p, walk.events());
    model::detail::practice_accounts(s.m, f, state, walk.p, totals, nullptr);
    walk.next();
  }
  benchmark::DoNotOptimize(totals);
  bench.SetItemsProcessed(bench.iterations());
}
BENCHMARK(BM_PracticeYear);

}  // namespace
