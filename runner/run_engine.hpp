#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "output/practice_batch.hpp"
#include "output/run_results.hpp"
#include "runner/communicator.hpp"
#include "runner/convergence.hpp"
#include "runner/progress.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// The cap of a --until-se run without --max-iterations (or the starting count if larger).
inline constexpr std::int64_t kDefaultMaxIterations = 100000;

// How to run a scenario (the `pcsim run` flags, after defaults are applied).
struct RunSettings {
  std::uint64_t seed = 1;
  std::int64_t iterations = 1000;
  int threads = 1;            // per process
  int processes = 1;          // of an MPI run (recorded; the results never depend on it)
  bool central = false;       // one iteration, parameters central, events at expectation
  bool per_practice = false;  // also keep per-practice figures of every iteration
  bool quiet = false;
  // --until-se: after `iterations` (the minimum), add batches until the baseline's
  // relative standard error of this metric's mean is below the target, or until
  // max_iterations. Not with central, Latin hypercube sampling or rank correlations.
  std::optional<ConvergenceTarget> until_se;
  std::int64_t max_iterations = kDefaultMaxIterations;
};

// The largest number of iterations a run takes: the iteration is one 32-bit word of the
// Philox counter.
inline constexpr std::int64_t kMaxIterations = 4294967295LL;

// What running needs beyond what the scenario reader checks: at least one option, one
// practice, every option with the baseline's horizon and start year, and a horizon of at
// least one year. Throws InputError listing every problem (file and line of the option).
void check_runnable(const scenarios::Scenario& scenario);

// Every check run_scenario makes before it computes anything: check_runnable, the
// iteration count, and --until-se against the scenario (UsageError: central, Latin
// hypercube, rank correlations, the cap, a year the run does not have). `pcsim validate`
// calls it too, so that validate and run never disagree. Throws InputError or UsageError.
void check_run_settings(const scenarios::Scenario& scenario, const RunSettings& settings);

// Number of distinct parameter paths that are uncertain in at least one option.
std::size_t uncertain_parameter_count(const scenarios::Scenario& scenario);

// "2017/18", "2018/19", ...: the financial years t = 1..horizon_years from start_year.
std::vector<std::string> year_labels(int start_year, int horizon_years);

// Iterations are run in batches [k B, (k + 1) B) of B = kBatchIterations (fewer when one
// batch's --per-practice figures would pass kMaxBatchPracticeBytes: B halves, so batch
// ends still fall on every multiple of kBatchIterations). The batches depend on the
// iteration count and the scenario's shape only, never on the thread count.
inline constexpr std::int64_t kBatchIterations = 256;
inline constexpr std::size_t kMaxBatchPracticeBytes = std::size_t{64} << 20;

// Receives the --per-practice figures of each batch, option by option, in iteration
// order, on the thread that called run_scenario (output::ResultsFile writes them).
using PracticeBatchSink = std::function<void(const output::PracticeBatch&)>;

// What a --per-practice run hands to the sink: the options, the figures ("closed",
// "appointments_gap", "funding_per_weighted") and their units, the practice codes, years.
output::PracticeLayout practice_layout(const scenarios::Scenario& scenario);

// Runs every option of the scenario for settings.iterations iterations (1 in central mode)
// on settings.threads threads and returns every iteration's figures. Iteration i of every
// option sees the same parameter draws and event streams (common random numbers). Each
// iteration writes only its own rows and nothing is summed across iterations here, so the
// results are bit-identical for any thread count; with --until-se they equal a fixed run
// of the final count, since every draw is keyed by its iteration. An exception thrown by
// the model in any iteration is rethrown here, on the calling thread.
//
// --per-practice: with a sink, each batch's per-practice figures go to the sink and are
// then dropped (memory O(batch x practices x years)); without one they are kept in
// OptionResults::practice_traces. --until-se: RunResults::convergence says what was
// reached; throws UsageError when the criterion cannot apply (central, Latin hypercube or
// rank correlations, whose designs depend on the final count; max_iterations below the
// minimum; a year the run does not have).
//
// Processes (runner/communicator.hpp): each chunk of iterations is dealt to the processes
// in contiguous shares (runner/distributed_rows.hpp), each computes its share on its
// threads, and rank 0 receives the figures in iteration order, so its RunResults (and the
// per-practice batches, which only rank 0's sink receives) are identical for any number
// of processes. The other processes return RunResults with iterations and convergence
// only. Collective: every process calls it.
output::RunResults run_scenario(const scenarios::Scenario& scenario, const RunSettings& settings,
                                Progress& progress, const PracticeBatchSink& sink = {},
                                const Communicator& processes = one_process());

// The parallel loop of run_scenario: calls body(begin, end) for consecutive ranges covering
// [0, count), each at most kIterationGrain long, on `threads` threads, and counts each
// finished range in `progress`. Which thread runs a range never matters to the caller as
// long as body writes only the rows of its own iterations. The first exception thrown by
// body is rethrown on the calling thread (the rest of the loop is cancelled).
inline constexpr std::int64_t kIterationGrain = 4;
void parallel_iterations(std::int64_t count, int threads, Progress& progress,
                         const std::function<void(std::int64_t begin, std::int64_t end)>& body);

}  // namespace pcsim::runner
