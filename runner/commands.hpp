#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "output/created_folders.hpp"
#include "output/file_system.hpp"
#include "runner/analytics.hpp"
#include "runner/communicator.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// The `pcsim` subcommands, free of any command-line library: main.cpp parses the flags
// into these and maps the outcome to an exit code (runner/exit_codes.hpp, docs/cli.md).

// `pcsim run`: flags left empty take the scenario's value (iterations, seed), the default
// file results/<scenario stem>.h5 (output), or every CPU of the process (threads:
// default_threads, runner/communicator.hpp).
struct RunCommand {
  std::filesystem::path scenario;
  std::optional<std::filesystem::path> output;
  std::optional<std::int64_t> iterations;
  std::optional<std::uint64_t> seed;
  std::optional<int> threads;
  bool central = false;
  bool force = false;
  bool quiet = false;
  bool per_practice = false;
  bool strict = false;   // --strict: a warning is an error (exit 3), before any work
  bool verbose = false;  // --verbose: every item of every warning on the terminal
  // --until-se METRIC[@YEAR]:REL and its cap (default: kDefaultMaxIterations, or the
  // starting iterations if larger); see runner/convergence.hpp.
  std::optional<std::string> until_se;
  std::optional<std::int64_t> max_iterations;
  std::string command_line;    // stored with the results
  AnalyticsOptions analytics;  // --drivers, --driver-iterations, --sobol, --bootstrap
};

// Loads and checks the scenario and the plan of the run (runner/scenario_run.hpp), refuses
// an existing output without --force and a run the machine cannot hold before any work is
// done, opens the run's temporary file, runs (streaming --per-practice figures into the
// file batch by batch), finishes the file and renames it to OUT and, unless quiet, prints
// the summary table to `out`. Progress (and the --until-se outcome) goes to stderr. Throws
// on failure; UsageError for a --until-se that cannot apply to the scenario;
// ResourceError (runner/run_estimate.hpp) for a run the machine cannot hold; Interrupted
// (runner/interrupts.hpp) after SIGINT or SIGTERM.
//
// Processes (runner/communicator.hpp): every process loads and checks the scenario and
// takes its share of the work; rank 0 alone checks the output and the estimate, writes the
// file and prints. A failure on any process fails every process with one message
// (runner/collective_step.hpp). Collective.
void run_command(const RunCommand& command, std::ostream& out,
                 const Communicator& processes = one_process());

// Loads the scenario and makes every check a run makes before it starts (the practice
// files, the model's warnings added); under `strict` a warning is an error (InputError).
scenarios::Scenario load_runnable(const std::filesystem::path& file, bool strict);

// `pcsim validate`: every check `run` makes before computing (the scenario, its practice
// files, the run's settings and analytics, the output path, memory and disk: the estimate
// of one process, which is rank 0's under MPI), for one scenario, with the run flags given
// (`command.force` and `quiet` aside; an existing output is mentioned, not refused). Prints "OK:
// <name>: N practices, K options, P uncertain parameters" and the estimate, then the load report
// and the warnings on stderr (every item with `command.verbose`); `command.strict` makes warnings
// errors.
void validate_command(const RunCommand& command, std::ostream& out);

// `pcsim summary`: the summary of a results file (or a sensitivity file), as tables followed
// by the run's warnings (every item with `verbose`), or one CSV table: the statistics (--csv)
// or the comparison of options (--csv-comparison).
void summary_command(const std::filesystem::path& results, bool csv, bool comparison_csv,
                     bool verbose, std::ostream& out);

// Refuses an existing `out` unless `force`, and an existing non-regular `out` (directory,
// device, FIFO), a name ending in '/', a name too long for its temporary, a path through
// a regular file, or one of the files the command reads (`inputs`, even with `force`)
// always. Throws OutputError. `run -o` and `validate -o` both check with it (validate
// with `force`: that OUT exists is only a note), so that validate passes exactly the
// outputs run takes.
void check_output(const std::filesystem::path& out, bool force,
                  const std::vector<output::CommandInput>& inputs);

// check_output before any work is done (so a long run is not wasted on a file it may not
// write), then creates the folder. Throws OutputError. The folders it created go again
// when the returned guard is destroyed, unless the command calls its keep() on success.
[[nodiscard]] output::CreatedFolders prepare_output(
    const std::filesystem::path& out, bool force, const std::vector<output::CommandInput>& inputs);

// Every file a run of `scenario` reads: the scenario, the files it includes and its
// practice data files, each named as the scenario names it.
std::vector<output::CommandInput> scenario_inputs(const scenarios::Scenario& scenario);

// results/<scenario stem>.h5, relative to the working directory.
std::filesystem::path default_output_path(const std::filesystem::path& scenario);

// Runs `command` and turns what it throws into an exit code, with a message on `err`:
// UsageError 2 ("error: ..." and a pointer to --help), InputError 3 (each diagnostic on its
// own line, "error: ..."), OutputError 4, ResourceError and std::bad_alloc 6, Interrupted
// 128 + its signal ("pcsim: interrupted ..."), ModelError and anything else 5 ("internal
// error: ..."). Returns 0 when nothing was thrown.
int exit_code_of(const std::function<void()>& command, std::ostream& err);

}  // namespace pcsim::runner
