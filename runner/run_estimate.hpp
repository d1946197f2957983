#pragma once
// What a run will need, estimated before it starts, and whether this machine can give it:
// `pcsim validate` prints the estimate, and `pcsim run` refuses up front, with the figures,
// a run that would run out of memory or whose results could not fit on the disk (instead
// of failing with "std::bad_alloc" or a full disk hours later). One function for both, so
// validate and run never disagree.
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

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

// The estimate for running `scenario` with `settings` (docs/cli.md, "Estimates"):
//   memory = O N (M Y + S) 8       every option's per-iteration figures
//          + O N E 8               every option's parameter columns (E scenario entries)
//          + N P 8 [x 2 sampling]  stored uniforms (Latin hypercube, rank correlations)
//          + N (P + M Y + S) 8     the writer's ranks and one option's paired differences
//          + batch and chunk buffers of --per-practice, and a fixed part per practice and
//            per thread (the per-iteration arrays x 2 under --until-se, which grows them),
//            all x 1.1 for the allocator
//   output = what the datasets hold, uncompressed (N rows of every figure and parameter,
//            and of the comparison's differences (O - 1 options), O N Pr Y 3 8 of
//            --per-practice, the summaries); typically half of that (a third for
//            --per-practice figures), never below a tenth; plus a fixed part that does not
//            compress: about 1 KB of HDF5 metadata a dataset (1,100 bytes at most, 700 at
//            least) and the scenario text and the warnings stored whole
// with O options, N iterations, Y years, M metrics a year, S scalars, P uncertain
// parameters, E parameter entries, Pr practices.
RunEstimate estimate_run(const scenarios::Scenario& scenario, const RunSettings& settings);

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
