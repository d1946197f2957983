#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "output/run_results.hpp"
#include "runner/progress.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// How to run a scenario (the `pcsim run` flags, after defaults are applied).
struct RunSettings {
  std::uint64_t seed = 1;
  std::int64_t iterations = 1000;
  int threads = 1;
  bool central = false;       // one iteration, parameters central, events at expectation
  bool per_practice = false;  // also keep per-practice figures of every iteration
  bool quiet = false;
};

// The largest number of iterations a run takes: the iteration is one 32-bit word of the
// Philox counter.
inline constexpr std::int64_t kMaxIterations = 4294967295LL;

// What running needs beyond what the scenario reader checks: at least one option, one
// practice, every option with the baseline's horizon and start year, and a horizon of at
// least one year. Throws InputError listing every problem (file and line of the option).
void check_runnable(const scenarios::Scenario& scenario);

// Number of distinct parameter paths that are uncertain in at least one option.
std::size_t uncertain_parameter_count(const scenarios::Scenario& scenario);

// "2017/18", "2018/19", ...: the financial years t = 1..horizon_years from start_year.
std::vector<std::string> year_labels(int start_year, int horizon_years);

// Runs every option of the scenario for settings.iterations iterations (1 in central mode)
// on settings.threads threads and returns every iteration's figures. Iteration i of every
// option sees the same parameter draws and event streams (common random numbers). Each
// iteration writes only its own rows of preallocated arrays and nothing is summed across
// iterations, so the results are bit-identical for any thread count. An exception thrown
// by the model in any iteration is rethrown here, on the calling thread.
output::RunResults run_scenario(const scenarios::Scenario& scenario, const RunSettings& settings,
                                Progress& progress);

// The parallel loop of run_scenario: calls body(begin, end) for consecutive ranges covering
// [0, count), each at most kIterationGrain long, on `threads` threads, and counts each
// finished range in `progress`. Which thread runs a range never matters to the caller as
// long as body writes only the rows of its own iterations. The first exception thrown by
// body is rethrown on the calling thread (the rest of the loop is cancelled).
inline constexpr std::int64_t kIterationGrain = 4;
void parallel_iterations(std::int64_t count, int threads, Progress& progress,
                         const std::function<void(std::int64_t begin, std::int64_t end)>& body);

}  // namespace pcsim::runner
