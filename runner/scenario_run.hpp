#pragma once
// One scenario through `pcsim run`, on every process of the run (docs/cli.md): the steps
// that `pcsim run SCENARIO` and a batch (`pcsim run A.toml B.toml DIR`) share, and the
// checks that `pcsim validate` makes too.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "runner/commands.hpp"
#include "runner/communicator.hpp"
#include "runner/provenance.hpp"
#include "runner/run_engine.hpp"
#include "runner/run_estimate.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// A scenario loaded and checked, with the settings of the run and its results file.
struct PreparedRun {
  scenarios::Scenario scenario;
  RunSettings settings;
  // --drivers, --driver-iterations, --sobol, --bootstrap: estimated with the run.
  AnalyticsOptions analytics;
  std::filesystem::path output;
  // Rank 0: that the results may not fit the disk (check_fit), printed when the run starts.
  std::vector<std::string> fit_warnings;
  // Rank 0: the folders prepare_output made for the output, removed if the run fails.
  output::CreatedFolders created_folders;
};

// What every process does before a run: loads `scenario_file` and makes every check the
// run makes before any work (the practice files, --strict, the flags against the
// scenario: the iterations, --until-se, the analytics). Throws InputError or UsageError.
// Not collective.
PreparedRun prepare_run(const RunCommand& command, const std::filesystem::path& scenario_file,
                        std::filesystem::path output, const Communicator& processes);

// The settings of `command` for `scenario` (flags left empty take the scenario's values,
// --threads every CPU of this process).
RunSettings run_settings_of(const RunCommand& command, const scenarios::Scenario& scenario,
                            const Communicator& processes);

// The estimate of the run with its analytics (runner/run_estimate.hpp) and whether this
// machine can hold it, writing to `output`: throws ResourceError (exit 6) when it cannot;
// returns the estimate and check_fits's warnings. It is the one-process estimate: under MPI
// rank 0 holds every iteration's figures, so that is what rank 0, the process that writes,
// needs.
struct FitCheck {
  RunEstimate estimate;
  std::vector<std::string> warnings;
};
FitCheck check_fit(const scenarios::Scenario& scenario, const RunSettings& settings,
                   const AnalyticsOptions& analytics, const std::filesystem::path& output);

// Rank 0 before any work: refuses an output it may not write (prepare_output, OutputError)
// and a run this machine cannot hold (check_fit, ResourceError), and keeps the warnings.
void check_output_and_fit(PreparedRun& run, bool force);

// Runs a prepared scenario (collective). Rank 0 prints the warnings and the load report,
// opens run.output's unique temporary file (output/results_file.hpp; the temporaries of
// killed runs are removed and named; a signal removes this one at once,
// runner/interrupts.hpp, and any failure on unwinding), receives the figures, adds the
// analytics, writes and renames the file, and unless quiet prints the --until-se outcome
// and "results written" to stderr and, when `print_summary`, the summary table to `out`.
// A failure on any process fails every process (runner/collective_step.hpp); a signal
// throws Interrupted saying whether OUT is unchanged or was never written. Returns the
// run's iterations.
std::int64_t run_prepared(const PreparedRun& run, const RunCommand& command, const RunClock& clock,
                          const Communicator& processes, std::ostream& out, bool print_summary);

}  // namespace pcsim::runner
