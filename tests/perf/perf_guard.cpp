// The performance guard (docs/performance.md, "CI guard"): a short run of the national
// scenario that fails on a performance regression, judged only by ratios measured in this
// same run, so a slower or busier machine does not fail it:
//   (a) engine time / RNG-bound time of national iterations at 1 thread, at most the
//       ceiling recorded in benchmarks/perf_ceiling.txt for the process's Philox kernel
//       (random/philox_blocks.hpp; PCSIM_PHILOX_KERNEL picks another);
//   (b) 2-thread speed-up of the engine at least 1.6 (skipped on a machine with fewer
//       than 2 cores, or when the other core is busy: see below);
//   (c) peak memory (RSS) of a run with per-practice output off does not grow with the
//       iterations beyond the results themselves: RSS(4N) - RSS(N) at most twice the
//       bytes of the 3N extra iterations' results, plus 8 MiB.
// Usage: pcsim_perf_guard [path to perf_ceiling.txt]. Exit 0 pass, 1 fail, 2 error.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "benchmarks/counting_events.hpp"
#include "model/metrics.hpp"
#include "random/philox_blocks.hpp"
#include "runner/progress.hpp"
#include "runner/run_engine.hpp"
#include "scenarios/scenario.hpp"

namespace {

using namespace pcsim;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kRatioIterations = 100;    // (a): about a second per round
constexpr std::int64_t kScalingIterations = 200;  // (b)
constexpr std::int64_t kMemoryIterations = 100;   // (c): N (and 4N)
constexpr int kRounds = 5;                        // minimum of five, interleaved
constexpr double kMinSpeedup = 1.6;
// (b) is judged only when a perfectly parallel kernel (Philox blocks) gets at least this
// speed-up from 2 threads in the same round: otherwise the second core is not free.
constexpr double kFreeCoreSpeedup = 1.8;

// Where the blocks' bits go, so the compiler cannot drop their computation.
volatile std::uint32_t g_observed = 0;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double time_run(const scenarios::Scenario& s, std::int64_t iterations, int threads) {
  runner::RunSettings settings;
  settings.seed = s.seed;
  settings.iterations = iterations;
  settings.threads = threads;
  settings.quiet = true;
  std::ostringstream sink;
  runner::Progress progress(runner::ProgressStyle::Silent, sink);
  const auto start = Clock::now();
  const output::RunResults results = runner::run_scenario(s, settings, progress);
  const double elapsed = seconds_since(start);
  if (results.iterations != iterations) throw std::runtime_error("run stopped early");
  return elapsed;
}

// The RNG-bound time: the Philox blocks of `iterations` iterations on `threads` threads.
double time_blocks(const scenarios::Scenario& s, const bench::DrawCounts& counts,
                   std::uint32_t iterations, int threads) {
  std::uint32_t mix[2] = {0, 0};
  const auto start = Clock::now();
  if (threads == 1) {
    mix[0] = bench::generate_blocks(s.seed, counts.counters, 0, iterations);
  } else {
    const std::uint32_t half = iterations / 2;
    std::thread other([&] { mix[1] = bench::generate_blocks(s.seed, counts.counters, 0, half); });
    mix[0] = bench::generate_blocks(s.seed, counts.counters, half, iterations - half);
    other.join();
  }
  const double elapsed = seconds_since(start);
  g_observed = mix[0] ^ mix[1];
  return elapsed;
}

// Peak RSS (KiB) of a child process that runs `iterations` iterations on 2 threads.
long peak_rss_kib(const scenarios::Scenario& s, std::int64_t iterations) {
  std::fflush(stdout);
  const pid_t child = fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    try {
      time_run(s, iterations, 2);
    } catch (...) {
      _exit(3);
    }
    _exit(0);
  }
  int status = 0;
  rusage usage{};
  if (wait4(child, &status, 0, &usage) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("memory run failed");
  return usage.ru_maxrss;  // KiB on Linux
}

// The ceiling for `kernel`: the line "ratio_ceiling KERNEL VALUE" of the file. Each
// kernel has its own, since the reference (the blocks alone) is cheaper the wider the
// kernel while the engine's other work is not.
double read_ceiling(const std::filesystem::path& file, random::PhiloxKernel kernel) {
  std::ifstream in(file);
  std::string line;
  const std::string_view name = random::philox_kernel_name(kernel);
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string key, kernel_name;
    double value = 0;
    if (words >> key >> kernel_name >> value && key == "ratio_ceiling" && kernel_name == name)
      return value;
  }
  throw std::runtime_error("no 'ratio_ceiling " + std::string(name) + " <value>' line in " +
                           file.string());
}

}  // namespace

int main(int argc, char** argv) try {
  const std::filesystem::path root(PCSIM_SOURCE_DIR);
  const random::PhiloxKernel kernel = random::best_philox_kernel();
  const double ceiling = read_ceiling(
      argc > 1 ? std::filesystem::path(argv[1]) : root / "benchmarks/perf_ceiling.txt", kernel);
  const scenarios::Scenario s = scenarios::load_scenario(root / "scenarios/national.toml");
  const std::size_t practices = s.practices.practices.size();
  const int years = s.options.front().central.horizon_years;
  std::printf("perf guard: national.toml, %zu practices x %d years\n", practices, years);
  bool pass = true;

  // (c) first, in child processes, before this process starts any worker thread.
  const long rss_n = peak_rss_kib(s, kMemoryIterations);
  const long rss_4n = peak_rss_kib(s, 4 * kMemoryIterations);
  // Results of one iteration: every metric by year, the scalars, one value per parameter.
  const double result_kib =
      (model::kMetricCount * years + model::kScalarMetricCount + 64) * 8.0 / 1024.0;
  const double allowed_kib = 2.0 * result_kib * 3 * kMemoryIterations + 8 * 1024.0;
  const bool memory_ok = static_cast<double>(rss_4n - rss_n) <= allowed_kib;
  std::printf(
      "(c) peak RSS: %ld KiB at %lld iterations, %ld KiB at %lld: growth %ld KiB, "
      "allowed %.0f KiB: %s\n",
      rss_n, static_cast<long long>(kMemoryIterations), rss_4n,
      static_cast<long long>(4 * kMemoryIterations), rss_4n - rss_n, allowed_kib,
      memory_ok ? "pass" : "FAIL");
  pass = pass && memory_ok;

  // (a) engine / RNG-bound, 1 thread, minimum of interleaved rounds.
  const bench::DrawCounts counts =
      bench::count_iteration_draws(s.options.front().central, s.practices, s.seed, 0);
  double engine = 1e300, rng = 1e300;
  for (int round = 0; round < kRounds; ++round) {
    engine = std::min(engine, time_run(s, kRatioIterations, 1));
    rng = std::min(rng, time_blocks(s, counts, kRatioIterations, 1));
  }
  const double ratio = engine / rng;
  std::printf(
      "(a) %lld iterations, 1 thread: engine %.3f s, RNG-bound %.3f s (%llu Philox "
      "blocks an iteration, %s kernel): ratio %.2f, ceiling %.2f: %s\n",
      static_cast<long long>(kRatioIterations), engine, rng,
      static_cast<unsigned long long>(counts.total_blocks()),
      std::string(random::philox_kernel_name(kernel)).c_str(), ratio, ceiling,
      ratio <= ceiling ? "pass" : "FAIL");
  pass = pass && ratio <= ceiling;

  // (b) 2-thread speed-up, judged in a round where the second core was free.
  if (std::thread::hardware_concurrency() < 2) {
    std::printf("(b) skipped: this machine has fewer than 2 cores\n");
  } else {
    bool judged = false, scaled = false;
    for (int round = 0; round < kRounds && !scaled; ++round) {
      const double free_core = time_blocks(s, counts, kScalingIterations, 1) /
                               time_blocks(s, counts, kScalingIterations, 2);
      const double speedup =
          time_run(s, kScalingIterations, 1) / time_run(s, kScalingIterations, 2);
      std::printf("(b) round %d: engine speed-up %.2f at 2 threads (Philox kernel %.2f)\n",
                  round + 1, speedup, free_core);
      scaled = speedup >= kMinSpeedup;
      judged = judged || free_core >= kFreeCoreSpeedup;
    }
    if (scaled) {
      std::printf("(b) 2-thread speed-up at least %.1f: pass\n", kMinSpeedup);
    } else if (judged) {
      std::printf("(b) 2-thread speed-up below %.1f with a free second core: FAIL\n", kMinSpeedup);
      pass = false;
    } else {
      std::printf(
          "(b) skipped: the second core was busy in every round (a perfectly "
          "parallel kernel got less than %.1f)\n",
          kFreeCoreSpeedup);
    }
  }
  std::printf("perf guard: %s\n", pass ? "PASS" : "FAIL");
  return pass ? 0 : 1;
} catch (const std::exception& e) {
  std::fprintf(stderr, "perf guard: error: %s\n", e.what());
  return 2;
}
