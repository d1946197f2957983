// One practice-year of each model module with PhiloxEvents, on the practices and central
// parameters of the national scenario (scenarios/national.toml): population step, GP
// workforce step, capacity, funding and the quality contract, savings; the whole
// practice-year through the engine's per-practice kernels, one practice at a time; and an
// engine year (its passes over every practice), per practice-year; and the year-end
// practice changes over every practice, per practice-year. Each benchmark walks
// the practices in order and the years 1..H, so the draws and branches are those of a run.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "engine/simulate.hpp"
#include "random/philox_events.hpp"
#include "scenarios/scenario.hpp"

namespace {

using namespace pcsim;

const scenarios::Scenario& national() {
  static const scenarios::Scenario scenario =
      scenarios::load_scenario(std::filesystem::path(PCSIM_SOURCE_DIR) / "scenarios/national.toml");
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
  random::PhiloxEvents events() const {
    return random::PhiloxEvents(20230401, 0, static_cast<std::uint32_t>(p),
                                static_cast<std::uint32_t>(t));
  }
  std::size_t practices, p = 0;
  int years, t = 1;
};

// The engine state of iteration 0 at t = 0, for the per-practice inputs of each module,
// and the year factors (computed once a year by the engine).
struct Setup {
  Setup() : m(national().options.front().central), workspace(national().practices) {
    state = &workspace.start(m, events_for);
    for (int t = 0; t <= m.horizon_years; ++t) factors.push_back(engine::year_factors(m, t));
  }
  model::ModelParameters m;
  engine::Workspace workspace;
  random::PhiloxEventsFor events_for{20230401, 0};
  engine::EngineState* state = nullptr;
  std::vector<engine::YearFactors> factors;
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
    const engine::YearFactors& f = s.factors[static_cast<std::size_t>(walk.t)];
    const double growth = model::list_growth_factor(s.m.population, walk.events());
    const double list = s.state->list[walk.p] * growth;
    benchmark::DoNotOptimize(
        model::split_demand_at(s.m.population, list, f.consultation_index, f.diversion));
    walk.next();
  }
  bench.SetItemsProcessed(bench.iterations());
}
BENCHMARK(BM_PopulationStep);

// GP exits and ageing by band (the engine's step: packed, from raw bits), establishment
// and recruitment (recruit_gps), from the baseline headcount.
void BM_GpWorkforceStep(benchmark::State& bench) {
  Setup& s = setup();
  PracticeYears walk(s.m);
  for (auto _ : bench) {
    const random::PhiloxEvents events = walk.events();
    model::BandArray headcount = s.state->gps.headcounts(walk.p);
    benchmark::DoNotOptimize(engine::kernel_gp_step(s.state->gp_probs, headcount, events));
    const double posts = model::establishment_for_ratio(
        s.m.workforce, s.state->gps_per_patient[walk.p], s.state->list[walk.p]);
    benchmark::DoNotOptimize(model::recruit_gps(s.m.workforce, posts, headcount, events));
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
    const engine::YearFactors& f = s.factors[static_cast<std::size_t>(walk.t)];
    const double list = s.state->list[walk.p];
    const double gp = model::gp_fte_at(s.state->gps.total(walk.p), f.fte_per_head);
    double other = 0;
    for (std::size_t r = 0; r < s.state->role_count; ++r)
      other += model::role_capacity(
          s.m.roles[r],
          model::role_fte(s.m.roles[r], s.state->roles_of(walk.p)[r], list, walk.t).total);
    const auto demand =
        model::split_demand_at(s.m.population, list, f.consultation_index, f.diversion);
    const double ea = model::extended_access_appointments(s.m.capacity, list, walk.t);
    benchmark::DoNotOptimize(model::unmet_demand(demand.gp, model::gp_capacity(s.m.capacity, gp),
                                                 ea, demand.other, other));
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
    const engine::YearFactors& f = s.factors[static_cast<std::size_t>(walk.t)];
    const double weighted = s.state->weighted[walk.p];
    benchmark::DoNotOptimize(model::levelling_up_cost_at(s.m.funding, s.state->funding0[walk.p],
                                                         s.state->funding_target[walk.p], weighted,
                                                         f.inflation, f.levelling_phase, walk.t));
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
    const engine::YearFactors& f = s.factors[static_cast<std::size_t>(walk.t)];
    const double weighted = s.state->weighted[walk.p];
    const double rate = model::benchmarked_rate(s.m.savings, s.state->referral_rate[walk.p], 0.0);
    benchmark::DoNotOptimize(model::referral_year_at(s.m.savings, s.state->referral_rate0[walk.p],
                                                     rate, weighted, f.inflation, f.eur));
    benchmark::DoNotOptimize(model::prescribing_year_at(s.m.savings, s.state->prescribing0[walk.p],
                                                        weighted, f.prescribing_index,
                                                        f.savings_phase));
    walk.next();
  }
  bench.SetItemsProcessed(bench.iterations());
}
BENCHMARK(BM_Savings);

// The whole practice-year, one practice at a time, through the engine's per-practice
// kernels: the list step the list pass batches, the packed GP step from the practice's
// own bits (kept packed, as the GP pass keeps it), its recruitment (the rule the
// recruitment pass batches, the recruits joining the packed headcounts), the quality
// payment (quality_step) and the accounts (practice_accounts), on a copy of the year-0
// state that the walk steps on; the copy is reset each time the walk starts again at
// year 1, so the state stays that of a 10-year run.
void BM_PracticeYear(benchmark::State& bench) {
  Setup& s = setup();
  engine::EngineState state = *s.state;
  PracticeYears walk(s.m);
  model::YearTotals totals;
  const int band = model::recruit_entry_band(s.m.workforce);
  for (auto _ : bench) {
    if (walk.p == 0 && walk.t == 1) {
      bench.PauseTiming();
      state = *s.state;
      bench.ResumeTiming();
    }
    const std::size_t p = walk.p;
    const random::PhiloxEvents events = walk.events();
    const engine::YearFactors& f = s.factors[static_cast<std::size_t>(walk.t)];
    const double growth = model::list_growth_factor(s.m.population, events);
    state.list[p] *= growth;
    state.weighted[p] *= growth;
    engine::PackedGps& gps = state.gps.packed(p);
    if (gps.total >= 0 || engine::pack_headcounts(state.gps.bands(p), gps)) {
      benchmark::DoNotOptimize(engine::step_gp_packed(s.state->gp_probs, gps, events));
      state.gps.set_total(p, gps.total);
    } else {
      benchmark::DoNotOptimize(
          engine::kernel_gp_step(s.state->gp_probs, state.gps.bands(p), events));
      state.gps.set_total(p, model::total_headcount(state.gps.bands(p)));
    }
    const double vacancies = model::recruitment_vacancies(
        model::establishment_for_ratio(s.m.workforce, state.gps_per_patient[p], state.list[p]),
        state.gps.total(p));
    const double recruits =
        model::recruits_to_posts(s.m.workforce, model::unbiased_posts(vacancies, events), events);
    state.gps.add_recruits(p, band, state.gps.total(p), static_cast<int>(recruits));
    engine::quality_step(s.m, f, state, p, events);
    engine::practice_accounts(s.m, f, state, p, totals, nullptr);
    walk.next();
  }
  benchmark::DoNotOptimize(totals);
  bench.SetItemsProcessed(bench.iterations());
}
BENCHMARK(BM_PracticeYear);

// One engine year as engine::simulate runs it (list, GP tables, GP exits and ageing,
// recruitment, quality passes, then each practice's accounts) over every practice of
// national, on a copy of the year-0 state stepped through years 1..H and reset after the
// last; items are practice-years. The year-end practice changes and the run's accounts
// (once a year, not per practice) are left out.
void BM_EngineYear(benchmark::State& bench) {
  Setup& s = setup();
  engine::EngineState state = *s.state;
  int t = 1;
  model::YearTotals totals;
  for (auto _ : bench) {
    if (t == 1) {
      bench.PauseTiming();
      state = *s.state;
      bench.ResumeTiming();
    }
    const engine::YearFactors& f = s.factors[static_cast<std::size_t>(t)];
    engine::list_pass(s.m, state, t, s.events_for);
    engine::gp_tables(s.m, f, state);
    engine::gp_exits_pass(state, t, s.events_for);
    engine::recruitment_pass(s.m, state, t, s.events_for);
    engine::quality_pass(s.m, f, state, t, s.events_for);
    engine::accounts_pass(s.m, f, state, totals, nullptr);
    t = t == s.m.horizon_years ? 1 : t + 1;
  }
  benchmark::DoNotOptimize(totals);
  bench.SetItemsProcessed(bench.iterations() * static_cast<std::int64_t>(s.state->practice_count));
}
BENCHMARK(BM_EngineYear)->Unit(benchmark::kMillisecond);

// The year-end practice changes as engine::simulate runs them after an engine year: the
// merger and closure hazards of every open practice (national.toml switches both on),
// their draws, and the moves of the closing and merging practices' lists and GPs. Each
// benchmark iteration starts from a fresh copy of the year-0 state (the copy untimed),
// so closures do not accumulate across iterations; items are practice-years.
void BM_YearEndChanges(benchmark::State& bench) {
  Setup& s = setup();
  engine::EngineState state = *s.state;
  int t = 1;
  double moved = 0;
  for (auto _ : bench) {
    bench.PauseTiming();
    state = *s.state;
    bench.ResumeTiming();
    const model::PracticeChangeYear year =
        engine::detail::year_end_changes(s.m, state, t, s.events_for);
    moved += year.closures + year.mergers;
    t = t == s.m.horizon_years ? 1 : t + 1;
  }
  benchmark::DoNotOptimize(moved);
  bench.SetItemsProcessed(bench.iterations() * static_cast<std::int64_t>(s.state->practice_count));
}
BENCHMARK(BM_YearEndChanges)->Unit(benchmark::kMillisecond);

}  // namespace
