// The cost of the planner analytics (issue 17) on the national scenario
// (docs/performance.md, "Planner analytics"):
//   BM_DriversNationalCentral      the change by driver: 2^k central runs (k = 9: 512)
//   BM_DriversNationalStochastic/2 the same from 2 iterations by the engine (1,024 runs)
//   BM_EvppiNational               EVPPI of every parameter group from a 1,000-iteration run
//                                  of national with a second option (the levers off); the
//                                  run itself is outside the timing
//   BM_SobolByYearNational/8       Sobol indices by year from a Saltelli design of 8 rows
//                                  (8 x (11 + 2) central runs), 1,000 bootstrap resamples
//   BM_ScenarioSchema              generating the JSON Schema of the scenario format
// Each whole-analysis benchmark is timed once (wall clock) on 2 threads.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <sstream>

#include "runner/driver_run.hpp"
#include "runner/drivers.hpp"
#include "runner/evppi.hpp"
#include "runner/progress.hpp"
#include "runner/run_engine.hpp"
#include "runner/sobol_by_year.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/scenario_schema.hpp"

namespace {

using namespace pcsim;

const scenarios::Scenario& national() {
  static const scenarios::Scenario s =
      scenarios::load_scenario(std::filesystem::path(PCSIM_SOURCE_DIR) / "scenarios/national.toml");
  return s;
}

// National with a second option: every lever of the scenario switched off (its parameter
// entries of the levers dropped and lines moved, as an option's own settings would be).
const scenarios::Scenario& national_two_options() {
  static const scenarios::Scenario s = [] {
    scenarios::Scenario copy = national();
    scenarios::OptionSpec option = copy.options.front();
    option.name = "no levers";
    for (const runner::Driver& d : runner::driver_catalogue()) {
      const std::string_view name = d.name;
      if (name == "population_growth" || name == "consultation_rate" || name == "gp_workforce" ||
          name == "practice_changes") {
        continue;
      }
      runner::switch_off(d, option.central);
      std::erase_if(option.parameters, [&](const scenarios::ParameterEntry& e) {
        return runner::driver_covers(d, e.path);
      });
    }
    copy.options.push_back(option);
    return copy;
  }();
  return s;
}

void BM_DriversNationalCentral(benchmark::State& bench) {
  runner::DriverSettings settings;
  settings.threads = 2;
  std::ostringstream sink;
  for (auto _ : bench) {
    runner::Progress progress(runner::ProgressStyle::Silent, sink);
    benchmark::DoNotOptimize(runner::run_drivers(national(), settings, progress));
  }
  bench.counters["runs"] = static_cast<double>(runner::driver_runs(national(), settings));
}
BENCHMARK(BM_DriversNationalCentral)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

void BM_DriversNationalStochastic(benchmark::State& bench) {
  runner::DriverSettings settings;
  settings.threads = 2;
  settings.seed = national().seed;
  settings.iterations = bench.range(0);
  settings.run_iterations = national().iterations;
  std::ostringstream sink;
  for (auto _ : bench) {
    runner::Progress progress(runner::ProgressStyle::Silent, sink);
    benchmark::DoNotOptimize(runner::run_drivers(national(), settings, progress));
  }
  bench.counters["runs"] = static_cast<double>(runner::driver_runs(national(), settings));
}
BENCHMARK(BM_DriversNationalStochastic)
    ->Arg(2)
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

void BM_EvppiNational(benchmark::State& bench) {
  const scenarios::Scenario& s = national_two_options();
  runner::RunSettings settings;
  settings.seed = s.seed;
  settings.iterations = 1000;
  settings.threads = 2;
  settings.quiet = true;
  std::ostringstream sink;
  runner::Progress progress(runner::ProgressStyle::Silent, sink);
  const output::RunResults results = runner::run_scenario(s, settings, progress);
  std::size_t groups = 0;
  for (auto _ : bench) {
    const auto evppi = runner::run_evppi(s, results, settings.seed);
    groups = evppi ? evppi->groups.size() : 0;
    benchmark::DoNotOptimize(evppi);
  }
  bench.counters["groups"] = static_cast<double>(groups);
}
BENCHMARK(BM_EvppiNational)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

void BM_SobolByYearNational(benchmark::State& bench) {
  runner::SobolByYearSettings settings;
  settings.seed = national().seed;
  settings.rows = bench.range(0);
  settings.bootstrap = 1000;
  settings.threads = 2;
  std::ostringstream sink;
  for (auto _ : bench) {
    runner::Progress progress(runner::ProgressStyle::Silent, sink);
    benchmark::DoNotOptimize(runner::run_sobol(national(), settings, progress));
  }
  bench.counters["runs"] =
      static_cast<double>(runner::sobol_runs(national().options.front(), settings.rows));
}
BENCHMARK(BM_SobolByYearNational)->Arg(8)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

void BM_ScenarioSchema(benchmark::State& bench) {
  for (auto _ : bench) benchmark::DoNotOptimize(scenarios::scenario_json_schema());
}
BENCHMARK(BM_ScenarioSchema)->Unit(benchmark::kMillisecond);

}  // namespace
