#pragma once
// Writes a run's results and provenance to one HDF5 file (layout: docs/output-format.md).
#include <filesystem>

#include "output/parallel_for.hpp"
#include "output/run_results.hpp"

namespace pcsim::output {

// Writes `results` and `provenance` to `out`. Refuses (OutputError "... exists; use
// --force") when `out` already exists and `force` is false. The data go first to
// `out` + ".tmp", which is flushed, closed and synced, then renamed to `out`, so only a
// complete file ever carries the final name; on any failure the .tmp is removed and the
// error (OutputError for HDF5 and file-system failures) propagates. A previous `out` is
// replaced only by a complete new file. A thin wrapper over ResultsFile
// (output/results_file.hpp) for callers that hold everything in memory; per-practice
// figures in OptionResults::practice_traces are written under /options/<o>/practices.
// `parallel` spreads the summaries and the compression over threads (the same file).
void write_results(const std::filesystem::path& out, bool force, const RunResults& results,
                   const Provenance& provenance, const ParallelFor& parallel = sequential_for);

}  // namespace pcsim::output
