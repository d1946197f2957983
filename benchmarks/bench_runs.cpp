// Whole runs through runner::run_scenario with a silent Progress, and the RNG-bound
// reference of the national run (docs/performance.md):
//   BM_RunNational/1000/{1,2}     national.toml, 1,000 iterations, 1 and 2 threads
//   BM_RunBolton/100000/2         bolton.toml, 100,000 iterations (filter it out when short
//                                 of time: --benchmark_filter=-BM_RunBolton)
//   BM_RngBoundNational/1000      only the Philox blocks 1,000 national iterations consume
//   BM_RunNational/10000/2        with --pcsim_long only (about a minute)
// Each run benchmark is timed once (wall clock); practice_years/s counts practice-years
// simulated per second of wall time.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "benchmarks/bench_registry.hpp"
#include "benchmarks/counting_events.hpp"
#include "runner/progress.hpp"
#include "runner/run_engine.hpp"
#include "scenarios/scenario.hpp"

namespace {

using namespace pcsim;

const scenarios::Scenario& scenario(const std::string& file) {
  static std::map<std::string, scenarios::Scenario> loaded;
  auto found = loaded.find(file);
  if (found == loaded.end()) {
    found = loaded
                .emplace(file, scenarios::load_scenario(std::filesystem::path(PCSIM_SOURCE_DIR) /
                                                        "scenarios" / file))
                .first;
  }
  return found->second;
}

// One run of `file` with the given iterations and threads, timed by the caller's loop.
void run_benchmark(benchmark::State& bench, const std::string& file) {
  const scenarios::Scenario& s = scenario(file);
  runner::RunSettings settings;
  settings.seed = s.seed;
  settings.iterations = bench.range(0);
  settings.threads = static_cast<int>(bench.range(1));
  settings.quiet = true;
  std::ostringstream sink;
  for (auto _ : bench) {
    runner::Progress progress(runner::ProgressStyle::Silent, sink);
    benchmark::DoNotOptimize(runner::run_scenario(s, settings, progress));
  }
  const double practice_years =
      static_cast<double>(settings.iterations) * static_cast<double>(s.practices.practices.size()) *
      s.options.front().central.horizon_years * static_cast<double>(s.options.size());
  bench.counters["practice_years/s"] = benchmark::Counter(
      practice_years * static_cast<double>(bench.iterations()), benchmark::Counter::kIsRate);
}

void BM_RunNational(benchmark::State& bench) { run_benchmark(bench, "national.toml"); }
BENCHMARK(BM_RunNational)
    ->Args({1000, 1})
    ->Args({1000, 2})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

void BM_RunBolton(benchmark::State& bench) { run_benchmark(bench, "bolton.toml"); }
BENCHMARK(BM_RunBolton)->Args({100000, 2})->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

// Generating only the Philox blocks that range(0) national iterations consume: the
// blocks of iteration 0 (counted by CountingEvents at the baseline's central parameters)
// with the counter's iteration word set to each iteration in turn.
void BM_RngBoundNational(benchmark::State& bench) {
  const scenarios::Scenario& s = scenario("national.toml");
  const bench::DrawCounts counts =
      bench::count_iteration_draws(s.options.front().central, s.practices, s.seed, 0);
  const auto iterations = static_cast<std::uint32_t>(bench.range(0));
  for (auto _ : bench)
    benchmark::DoNotOptimize(bench::generate_blocks(s.seed, counts.counters, 0, iterations));
  bench.counters["blocks/iteration"] = static_cast<double>(counts.total_blocks());
  bench.counters["uniforms/iteration"] = static_cast<double>(counts.total_uniforms());
  // Where the blocks go, by purpose (docs/performance.md, "Sampling per band").
  for (const auto& [purpose, name] : model::kPurposeNames) {
    const std::uint64_t blocks = counts.blocks[static_cast<std::size_t>(purpose)];
    if (blocks > 0) bench.counters["blocks/" + std::string(name)] = static_cast<double>(blocks);
  }
}
BENCHMARK(BM_RngBoundNational)->Arg(1000)->Iterations(3)->UseRealTime()->Unit(benchmark::kSecond);

}  // namespace

namespace pcsim::bench {

void register_long_run_benchmarks() {
  benchmark::RegisterBenchmark("BM_RunNational", BM_RunNational)
      ->Args({10000, 2})
      ->Iterations(1)
      ->UseRealTime()
      ->Unit(benchmark::kSecond);
}

}  // namespace pcsim::bench
