#pragma once
// `pcsim run A.toml B.toml DIR ...`: a batch of scenarios (docs/cli.md, "Batches of
// scenarios"). Every scenario is loaded and checked before any runs, and every results
// file and every run's estimate (runner/run_estimate.hpp) are checked too, so a mistake in
// the tenth scenario is found before the first has spent an hour. Then each runs in turn on every
// process of the run (an MPI run spreads each scenario's iterations over all processes,
// runner/distributed_rows.hpp), writing FOLDER/<scenario stem>.h5, and FOLDER/index.csv
// (output/batch_index.hpp) is rewritten after each, listing the scenarios whose results are
// complete.
#include <filesystem>
#include <ostream>
#include <vector>

#include "runner/commands.hpp"
#include "runner/communicator.hpp"

namespace pcsim::runner {

// A batch: more than one input, or a folder.
bool is_batch(const std::vector<std::filesystem::path>& inputs);

// The scenario files of a batch in order: each file as given, each folder's *.toml files
// (not its subfolders'), sorted by name. Throws InputError naming every input that does
// not exist, and every folder without a .toml file.
std::vector<std::filesystem::path> batch_scenarios(
    const std::vector<std::filesystem::path>& inputs);

// FOLDER/<stem>.h5 for each scenario. Throws InputError when two scenarios would write
// the same file (the same stem), naming both.
std::vector<std::filesystem::path> batch_outputs(
    const std::vector<std::filesystem::path>& scenarios, const std::filesystem::path& folder);

// The index beside the results: FOLDER/index.csv.
std::filesystem::path batch_index_path(const std::filesystem::path& folder);

// Runs the batch; command.output, when given, is the folder (default: results). Flags
// apply to every scenario. Prints, unless quiet, each scenario's progress and at the end
// the index as a table on `out`. Collective.
void run_batch_command(const RunCommand& command, const std::vector<std::filesystem::path>& inputs,
                       std::ostream& out, const Communicator& processes = one_process());

}  // namespace pcsim::runner
