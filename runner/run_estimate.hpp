#pragma once
// What a run will need, estimated before it starts (with what its planner analytics add:
// runner/analytics_estimate.hpp), and whether this machine can give it:
// `pcsim validate` prints the estimate, and `pcsim run` refuses up front, with the figures,
// a run that would run out of memory or whose results could not fit on the disk (instead
// of failing with "std::bad_alloc" or a full disk hours later). One function for both, so
// validate and run never disagree.
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "runner/analytics.hpp"
#include "runner/run_engine.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// The machine cannot hold the run (exit code 6, runner/exit_codes.hpp). Nothing was done.
class ResourceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RunEstimate {
  std::int64_t iterations = 0;             // the count estimated for (the cap of --until-se)
  std::uint64_t memory_bytes = 0;          // peak resident memory
  std::uint64_t output_bytes = 0;          // the results file before compression: at most this
  std::uint64_t output_typical_bytes = 0;  // with the compression usually seen
  std::uint64_t output_min_bytes = 0;      // at ten to one, more than any run compresses
};

// The estimate for running `scenario` with `settings` and the planner analytics
// `analytics` (docs/cli.md, "Estimates"):
//   memory = O N (M Y + S) 8       every option's per-iteration figures
//          + O N E 8               every option's parameter columns (E scenario entries)
//          + N P 8 [x 2 sampling]  stored uniforms (Latin hypercube, rank correlations)
//          + N (P + M Y + S) 8     the writer's ranks and one option's paired differences
//          + batch and chunk buffers of --per-practice, and a fixed part per practice and
//            per thread (the per-iteration arrays x 2 under --until-se, which grows them),
//          + the analytics: the largest of their working sets (they run one after the
//            other; or HDF5's caches while their datasets are written, 20 KB a dataset,
//            at most 32 MiB) and every table they hand to the writer:
//              --drivers      the 2^k runs' figures of every option and their differences
//                             from the baseline's, (O + 1) 2^k C 8 (per thread, with the
//                             chunks of splits and their sums, under --driver-iterations),
//                             and (2k + 3) C 8 a decomposition
//              --sobol N      one option's N (Po + 2) runs, C N (Po + 2) 8, with its
//                             design and each thread's bootstrap (B resamples); the
//                             indices, C (6 Po + 2) 8 per option
//              EVPPI          the npv and parameter columns copied, (O + P) N 8, and the
//                             regressions of the largest parameter group
//            all x 1.1 for the allocator
//   output = what the datasets hold, uncompressed (N rows of every figure and parameter,
//            and of the comparison's differences (O - 1 options), O N Pr Y 3 8 of
//            --per-practice, the summaries); typically half of that (a third for
//            --per-practice figures), never below a tenth; plus a fixed part that does not
//            compress: about 1 KB of HDF5 metadata a dataset (1,100 bytes at most, 700 at
//            least) and the scenario text and the warnings stored whole; plus the analytics'
//            tables, stored uncompressed (the same in every bound) with their metadata and
//            string attributes: --drivers (2k + 3) C 8 for each of the 2 O - 1
//            decompositions (x 2 with the standard errors of --driver-iterations),
//            --sobol C (6 Po + 1) 8 per option, the EVPPI G (2 O) 8
// with O options, N iterations, Y years, M metrics a year, S scalars, C = M Y + S, P
// uncertain parameters (Po of one option), E parameter entries, Pr practices, k active
// drivers, G EVPPI parameter groups. `pcsim validate` and `pcsim run` (and each run of a
// batch) both estimate through check_fit (runner/scenario_run.hpp) with the run's
// analytics flags.
RunEstimate estimate_run(const scenarios::Scenario& scenario, const RunSettings& settings,
                         const AnalyticsOptions& analytics = {});

// What this machine offers a run writing to `output_folder`.
struct MachineLimits {
  std::uint64_t available_memory = UINT64_MAX;  // MemAvailable, cgroup and rlimit limits
  std::uint64_t free_disk = UINT64_MAX;         // in the output's file system
  std::uint64_t file_size_limit = UINT64_MAX;   // RLIMIT_FSIZE (ulimit -f)
};
MachineLimits machine_limits(const std::filesystem::path& output_folder);

// Throws ResourceError naming the figures when the estimated memory exceeds the available
// memory, or when even the results compressed ten to one exceed the free disk space or
// the file-size limit. Returns warnings (one line each) when the results with their usual
// compression would not fit: such a run may still succeed, and if it does not, it fails
// cleanly (exit 4).
std::vector<std::string> check_fits(const RunEstimate& estimate, const MachineLimits& limits,
                                    const std::filesystem::path& output);

// "1.2 GB", "340 MB", "12 KB": decimal units, 2 to 3 significant figures.
std::string format_bytes(std::uint64_t bytes);

// "estimated for 20000 iterations: peak memory about 300 MB; results file about 83 MB (up
// to 166 MB before compression)".
std::string describe(const RunEstimate& estimate);

}  // namespace pcsim::runner
