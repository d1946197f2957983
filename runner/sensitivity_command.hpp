#pragma once
// `pcsim sensitivity` (docs/cli.md): Spearman correlations, a tornado and optionally Sobol
// indices for one option of a scenario, written to an HDF5 file.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "runner/communicator.hpp"

namespace pcsim::runner {

// Flags left empty take the scenario's value (iterations, seed), the baseline (option),
// results/<scenario stem>-sensitivity.h5 (output) or every hardware thread (threads).
struct SensitivityCommand {
  std::filesystem::path scenario;
  std::optional<std::filesystem::path> output;
  std::optional<std::string> option;
  std::optional<std::int64_t> iterations;
  std::int64_t sobol_rows = 0;  // --sobol N; 0: no Sobol indices
  int bootstrap = 1000;
  std::optional<std::uint64_t> seed;
  std::optional<int> threads;
  bool force = false;
  bool quiet = false;
  std::string command_line;  // stored with the results
};

// results/<scenario stem>-sensitivity.h5, relative to the working directory.
std::filesystem::path default_sensitivity_path(const std::filesystem::path& scenario);

// Loads and checks the scenario, refuses an existing output without --force before any
// work is done, runs the analysis (runner/sensitivity_run.hpp), writes the file (a .tmp
// renamed when complete) and, unless quiet, prints the NPV tornado to `out`. Progress goes
// to stderr. Throws InputError, OutputError or ModelError on failure.
// Processes (runner/communicator.hpp): the model runs are spread over them, rank 0 writes
// and prints; a failure anywhere fails every process with one message. Collective.
void sensitivity_command(const SensitivityCommand& command, std::ostream& out,
                         const Communicator& processes = one_process());

}  // namespace pcsim::runner
