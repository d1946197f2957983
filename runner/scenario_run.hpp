#pragma once
// One scenario through `pcsim run`, on every process of the run (docs/cli.md): the steps
// that `pcsim run SCENARIO` and a batch (`pcsim run A.toml B.toml DIR`) share.
#include <filesystem>
#include <ostream>

#include "runner/commands.hpp"
#include "runner/communicator.hpp"
#include "runner/provenance.hpp"
#include "runner/run_engine.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// A scenario loaded and checked, with the settings of the run and its results file.
struct PreparedRun {
  scenarios::Scenario scenario;
  RunSettings settings;
  std::filesystem::path output;
};

// What every process does before a run: loads `scenario_file` and makes every check the
// run makes before any work (the practice files, --strict, the flags against the
// scenario: --until-se, the analytics). Throws InputError or UsageError. Not collective.
PreparedRun prepare_run(const RunCommand& command, const std::filesystem::path& scenario_file,
                        std::filesystem::path output, const Communicator& processes);

// The settings of `command` for `scenario` (flags left empty take the scenario's values,
// --threads every CPU of this process).
RunSettings run_settings_of(const RunCommand& command, const scenarios::Scenario& scenario,
                            const Communicator& processes);

// Runs a prepared scenario (collective). Rank 0 prints the load report and warnings,
// opens run.output's temporary file (removed at once by a stop signal, and on any
// failure), receives the figures, adds the analytics, writes and renames the file, and
// unless quiet prints the --until-se outcome and "results written" to stderr and, when
// `print_summary`, the summary table to `out`. A failure on any process fails every
// process (runner/collective_step.hpp). Returns the run's iterations.
std::int64_t run_prepared(const PreparedRun& run, const RunCommand& command, const RunClock& clock,
                          const Communicator& processes, std::ostream& out, bool print_summary);

}  // namespace pcsim::runner
