// The pcsim command: parses the command line (CLI11, kept to this file) and hands over to
// runner/commands.hpp. Exit codes: runner/exit_codes.hpp and docs/cli.md.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "core/errors.hpp"
#include "output/hdf5_messages.hpp"
#include "pcsim_version.hpp"
#include "random/philox_blocks.hpp"
#include "runner/analytics_command.hpp"
#include "runner/batch_command.hpp"
#include "runner/cli_validators.hpp"
#include "runner/collective_step.hpp"
#include "runner/commands.hpp"
#include "runner/communicator.hpp"
#include "runner/convergence.hpp"
#include "runner/exit_codes.hpp"
#include "runner/provenance.hpp"
#include "runner/report_commands.hpp"
#include "runner/run_engine.hpp"
#include "runner/sensitivity_command.hpp"
#include "runner/usage_error.hpp"

namespace {

using pcsim::runner::decimal_in_range;
using pcsim::runner::kConvergenceTarget;

constexpr const char* kExamples = R"(Examples:
  pcsim validate scenarios/bolton.toml
  pcsim run scenarios/bolton.toml                      # writes results/bolton.h5
  pcsim run scenarios/bolton.toml -o out/b.h5 --iterations 20000 --seed 7 --threads 8
  pcsim run scenarios/bolton.toml --central --force    # the deterministic central case
  pcsim run scenarios/bolton.toml --until-se npv:0.01 --max-iterations 50000
  pcsim run scenarios/variants/ -o results/variants   # a batch: one file each, index.csv
  mpirun -np 4 pcsim run scenarios/national.toml      # 4 processes, the same results
  pcsim summary results/bolton.h5 --csv > bolton-summary.csv
  pcsim report results/bolton.h5 -o bolton.html --pdf bolton.pdf
  pcsim export results/bolton.h5 --xlsx bolton.xlsx --csv bolton-tables
  pcsim sensitivity scenarios/bolton.toml --sobol 512   # writes results/bolton-sensitivity.h5

Exit codes: 0 success, 2 usage, 3 invalid input, 4 output failure, 5 internal error,
6 the machine cannot hold the run, 130/143 interrupted (SIGINT/SIGTERM).
Documentation: docs/cli.md)";

// Sets `target` only when the flag is given, so that the scenario's value is the default.
template <class T>
CLI::Option* add_optional(CLI::App& app, const std::string& name, std::optional<T>& target,
                          const std::string& help) {
  return app.add_option_function<T>(
      name, [&target](const T& value) { target = value; }, help);
}

// The flags that shape a run, shared by `run` and `validate` (which checks the same plan);
// each adds its scenario and -o itself (run takes a batch too, validate one scenario).
void add_run_plan_options(CLI::App& app, pcsim::runner::RunCommand& args) {
  using pcsim::runner::kMaxIterations;
  auto* iterations = add_optional(app, "--iterations", args.iterations,
                                  "Monte Carlo iterations (default: the scenario's)");
  iterations->transform(decimal_in_range(1, static_cast<std::uint64_t>(kMaxIterations)));
  add_optional(
      app, "--threads", args.threads,
      "Worker threads (default: every CPU this process may run on); results do not depend on "
      "it")
      ->transform(decimal_in_range(1, 4096));
  auto* central =
      app.add_flag("--central", args.central,
                   "One deterministic iteration: parameters central, events at expectation");
  central->excludes(iterations);
  app.add_flag("--per-practice", args.per_practice,
               "Also store per-practice figures of every iteration, streamed to the file");
  auto* until_se = add_optional(app, "--until-se", args.until_se,
                                "METRIC[@YEAR]:REL: add batches of iterations (from --iterations) "
                                "until the baseline's relative standard error of the metric's "
                                "mean is below REL, e.g. npv:0.01 or net_cost@2020/21:0.02");
  until_se->check(kConvergenceTarget)->excludes(central);
  add_optional(app, "--max-iterations", args.max_iterations,
               "Cap of --until-se (default: 100000, or --iterations if larger)")
      ->transform(decimal_in_range(1, static_cast<std::uint64_t>(kMaxIterations)))
      ->needs(until_se);
  app.add_flag("--strict", args.strict,
               "Treat every warning (defaults, skipped practices, ...) as an error (exit 3)");
  app.add_flag("--verbose", args.verbose,
               "List every practice of every warning (the results file keeps them anyway)");
  // Planner analytics (issue 17; runner/analytics.hpp), stored in the same results file.
  auto* drivers = app.add_flag("--drivers", args.analytics.drivers,
                               "Also split each metric's change, and each option's difference "
                               "from the baseline, between its drivers (Shapley values)");
  app.add_option("--driver-iterations", args.analytics.driver_iterations,
                 "Split the run's first N iterations (the engine) instead of the central case")
      ->transform(decimal_in_range(1, static_cast<std::uint64_t>(kMaxIterations)))
      ->needs(drivers);
  auto* sobol = app.add_option("--sobol", args.analytics.sobol_rows,
                               "Also Sobol indices for every year from a Saltelli design of "
                               "N rows (N (P + 2) central runs per option)")
                    ->transform(decimal_in_range(1, static_cast<std::uint64_t>(kMaxIterations)));
  app.add_option("--bootstrap", args.analytics.bootstrap,
                 "Bootstrap resamples for the Sobol intervals (default: 1000)")
      ->transform(decimal_in_range(0, 1000000))
      ->needs(sobol);
}

}  // namespace

// The command line, run by main() below, which turns anything that escapes it into exit
// code 5 rather than std::terminate.
int pcsim_main(int argc, char** argv) {
  using namespace pcsim::runner;
  // A file-size limit (ulimit -f) must give a write error (EFBIG) that pcsim reports, not
  // a signal that kills it mid-write.
  std::signal(SIGXFSZ, SIG_IGN);

  // MPI when started by mpirun, srun or another launcher (runner/communicator.hpp); one
  // process otherwise. Only rank 0 prints, writes and reports.
  std::optional<ProcessGroup> group;
  try {
    group.emplace(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << '\n';
    return kExitInternalError;
  }
  const Communicator& processes = group->communicator();

  CLI::App app{"pcsim: Monte Carlo simulation of primary-care commissioning options"};
  app.set_version_flag(
      "--version", std::string("pcsim ") + pcsim::kVersion + " (git " + pcsim::kGitCommit + ")");
  app.require_subcommand(1);
  app.footer(kExamples);
  bool debug = false;
  app.add_flag("--debug", debug, "Add HDF5's own error stack to messages about results files")
      ->configurable(false);

  RunCommand run_args;
  std::vector<std::filesystem::path> run_inputs;
  CLI::App* run =
      app.add_subcommand("run", "Run a scenario (or a batch) and write its results (HDF5)");
  run->add_option("scenario", run_inputs,
                  "Scenario file (TOML); several files or folders of them run as a batch")
      ->required();
  run->add_option("-o,--output", run_args.output,
                  "Results file (default: results/<scenario stem>.h5; the folder is created); "
                  "for a batch, the folder of the results files and index.csv (default: results)")
      ->check(kNotAFlag);
  add_run_plan_options(*run, run_args);
  add_optional(*run, "--seed", run_args.seed, "Random seed (default: the scenario's)")
      ->transform(decimal_in_range(0, UINT64_MAX));
  run->add_flag("--force", run_args.force, "Replace an existing results file");
  run->add_flag("--quiet", run_args.quiet, "No progress and no summary");

  RunCommand validate_args;
  CLI::App* validate = app.add_subcommand(
      "validate",
      "Check a scenario, its practice files and the plan of a run (with run's flags) without "
      "running; print the run's estimated memory and file size");
  validate->add_option("scenario", validate_args.scenario, "Scenario file (TOML); one scenario")
      ->required();
  validate
      ->add_option("-o,--output", validate_args.output,
                   "Results file of the run (default: results/<scenario stem>.h5)")
      ->check(kNotAFlag);
  add_run_plan_options(*validate, validate_args);
  // run's other flags too, so that a run's command line checks with `run` changed to
  // `validate` (the audit): the seed is checked as run checks it, --force changes the note
  // on an existing output, --quiet changes nothing (validate prints its check whatever).
  add_optional(*validate, "--seed", validate_args.seed, "Random seed of the run (as for run)")
      ->transform(decimal_in_range(0, UINT64_MAX));
  validate->add_flag("--force", validate_args.force,
                     "The run replaces an existing results file (as for run)");
  validate->add_flag("--quiet", validate_args.quiet, "Accepted as run takes it; changes nothing");

  std::filesystem::path summary_path;
  bool summary_csv = false;
  CLI::App* summary =
      app.add_subcommand("summary", "Print the summary of a results file or a sensitivity file");
  summary->add_option("results", summary_path, "Results file (HDF5) written by pcsim run")
      ->required();
  bool summary_comparison_csv = false;
  CLI::Option* csv_flag =
      summary->add_flag("--csv", summary_csv,
                        "One CSV table instead: every statistic (and the central case) of every "
                        "option, metric and year");
  CLI::Option* comparison_csv_flag =
      summary->add_flag("--csv-comparison", summary_comparison_csv,
                        "One CSV table instead: the comparison of options, one row per option");
  SummarySections summary_sections;
  CLI::Option* section_flags[] = {
      summary->add_flag("--drivers", summary_sections.drivers,
                        "The change by driver (written by pcsim run --drivers)"),
      summary->add_flag("--evppi", summary_sections.evppi,
                        "The expected value of partial perfect information by parameter group"),
      summary->add_flag("--sobol", summary_sections.sobol,
                        "Sobol indices by year (pcsim run --sobol, or a pcsim sensitivity file)"),
      summary->add_flag("--risk", summary_sections.risk,
                        "Who bears the risk of an overspend, by option and year")};
  // The warnings follow the tables of the text summary only: with a CSV table or a section
  // there are none to list.
  bool summary_verbose = false;
  CLI::Option* summary_verbose_flag = summary->add_flag(
      "--verbose", summary_verbose,
      "List every practice of every warning of the run after the tables (default: the first "
      "five of each)");
  summary_verbose_flag->excludes(csv_flag)->excludes(comparison_csv_flag);
  for (CLI::Option* section : section_flags) {
    summary_verbose_flag->excludes(section);
    // --csv-comparison is the comparison table alone; a section's CSV is --csv's.
    comparison_csv_flag->excludes(section);
  }

  CLI::App* schema = app.add_subcommand(
      "schema",
      "Print the JSON Schema of the scenario format (for editors: taplo, Even Better TOML)");
  ReportCommand report_args;
  CLI::App* report = app.add_subcommand(
      "report", "Write a self-contained HTML report (and a PDF) of a results or sensitivity file");
  report
      ->add_option("results", report_args.results,
                   "Results file (HDF5) of pcsim run or "
                   "pcsim sensitivity")
      ->required();
  add_optional(*report, "-o,--output", report_args.output,
               "HTML file (default: the results file with .html)")
      ->check(kNotAFlag);
  add_optional(*report, "--pdf", report_args.pdf,
               "Also print the report to this PDF through headless Chromium")
      ->check(kNotAFlag);
  add_optional(*report, "--chartjs", report_args.chartjs,
               "Chart.js to inline (default: $PCSIM_CHARTJS, else Debian's "
               "/usr/share/javascript/chart.js/chart.min.js)")
      ->check(kNotAFlagToRead);
  report->add_flag("--force", report_args.force, "Replace existing output files");

  ExportCommand export_args;
  CLI::App* export_app = app.add_subcommand(
      "export", "Export a results or sensitivity file as an Excel workbook and/or CSV tables");
  export_app->add_option("results", export_args.results, "Results file (HDF5)")->required();
  add_optional(*export_app, "--xlsx", export_args.xlsx,
               "Excel workbook: Summary, a sheet per metric, charts, Assumptions, Provenance")
      ->check(kNotAFlag);
  add_optional(*export_app, "--csv", export_args.csv,
               "Folder for the tidy CSV tables, one table per file (created if missing)")
      ->check(kNotAFlag);
  export_app->add_flag("--force", export_args.force, "Replace existing output files");

  SensitivityCommand sensitivity_args;
  CLI::App* sensitivity = app.add_subcommand(
      "sensitivity", "Spearman correlations, tornado and Sobol indices of one option (HDF5)");
  sensitivity->add_option("scenario", sensitivity_args.scenario, "Scenario file (TOML)")
      ->required();
  sensitivity
      ->add_option("-o,--output", sensitivity_args.output,
                   "Output file (default: results/<scenario stem>-sensitivity.h5)")
      ->check(kNotAFlag);
  add_optional(*sensitivity, "--option", sensitivity_args.option,
               "The option to analyse (default: the baseline)");
  add_optional(*sensitivity, "--iterations", sensitivity_args.iterations,
               "Monte Carlo iterations for the Spearman correlations (default: the scenario's)")
      ->transform(decimal_in_range(1, static_cast<std::uint64_t>(kMaxIterations)));
  auto* sensitivity_sobol =
      sensitivity
          ->add_option("--sobol", sensitivity_args.sobol_rows,
                       "Also Sobol indices from a Saltelli design of N rows (N (P + 2) model runs)")
          ->transform(decimal_in_range(1, static_cast<std::uint64_t>(kMaxIterations)));
  // As for run: resamples of nothing would be silently ignored (the audit).
  sensitivity
      ->add_option("--bootstrap", sensitivity_args.bootstrap,
                   "Bootstrap resamples for the Sobol confidence intervals (default: 1000)")
      ->transform(decimal_in_range(0, 1000000))
      ->needs(sensitivity_sobol);
  add_optional(*sensitivity, "--seed", sensitivity_args.seed,
               "Random seed (default: the scenario's)")
      ->transform(decimal_in_range(0, UINT64_MAX));
  add_optional(
      *sensitivity, "--threads", sensitivity_args.threads,
      "Worker threads (default: every CPU this process may run on); results do not depend on "
      "it")
      ->transform(decimal_in_range(1, 4096));
  sensitivity->add_flag("--force", sensitivity_args.force, "Replace an existing output file");
  sensitivity->add_flag("--quiet", sensitivity_args.quiet, "No progress and no tornado table");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // A first word that is no command: named, with the commands (CLI11 says only "A
    // subcommand is required" or that the words were not expected).
    if (e.get_exit_code() != 0) {
      for (int k = 1; k < argc; ++k) {
        const std::string word = argv[k];
        if (word.empty() || word[0] == '-') continue;  // the global flags
        std::vector<std::string> names;
        for (const CLI::App* command : app.get_subcommands({}))
          names.push_back(command->get_name());
        if (std::find(names.begin(), names.end(), word) != names.end()) break;
        if (processes.root()) {
          std::string list;
          for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
          std::cerr << "error: '" << pcsim::printable_text(word, 200)
                    << "' is not a pcsim command; expected one of " << list
                    << "\nRun with --help for more information.\n";
        }
        return kExitUsage;
      }
    }
    // --help and --version end here too, with CLI11's exit code 0. Rank 0 alone prints.
    std::ostringstream quiet;
    const int code = processes.root() ? app.exit(e) : app.exit(e, quiet, quiet);
    return code == 0 ? kExitSuccess : kExitUsage;
  }
  pcsim::output::h5::set_error_stack_in_messages(debug);
  // The Philox kernel of the process (random/philox_blocks.hpp): a PCSIM_PHILOX_KERNEL
  // that names no kernel this machine runs is refused here, once the command is known and
  // before any work, by the commands that run the model; --version, schema, summary, report
  // and export draw nothing and do not ask (the audit: a bad value made even --version exit
  // 2).
  if (run->parsed() || sensitivity->parsed() || validate->parsed()) {
    try {
      pcsim::random::best_philox_kernel();
    } catch (const std::exception& e) {
      if (processes.root())
        std::cerr << "error: " << e.what() << "\nRun with --help for more information.\n";
      return kExitUsage;
    }
  }

  if (run->parsed()) {
    run_args.command_line = join_command_line(std::span<const char* const>(argv, argc));
    return exit_code_together(
        processes,
        [&] {
          if (is_batch(run_inputs)) {
            run_batch_command(run_args, run_inputs, std::cout, processes);
          } else {
            run_args.scenario = run_inputs.front();
            run_command(run_args, std::cout, processes);
          }
        },
        std::cerr);
  }
  if (sensitivity->parsed()) {
    sensitivity_args.command_line = join_command_line(std::span<const char* const>(argv, argc));
    return exit_code_together(
        processes, [&] { sensitivity_command(sensitivity_args, std::cout, processes); }, std::cerr);
  }
  // The other commands read or write one file: rank 0 does them, the others have nothing to do.
  if (!processes.root()) return kExitSuccess;
  if (validate->parsed()) {
    return exit_code_of([&] { validate_command(validate_args, std::cout); }, std::cerr);
  }
  if (summary->parsed() && summary_sections.any()) {
    return exit_code_of(
        [&] {
          summary_sections_command(summary_path, summary_sections, summary_csv, std::cout,
                                   std::cerr);
        },
        std::cerr);
  }
  if (summary->parsed()) {
    return exit_code_of(
        [&] {
          summary_command(summary_path, summary_csv, summary_comparison_csv, summary_verbose,
                          std::cout);
        },
        std::cerr);
  }
  if (schema->parsed()) return exit_code_of([&] { schema_command(std::cout); }, std::cerr);
  if (report->parsed()) {
    return exit_code_of([&] { report_command(report_args, std::cout); }, std::cerr);
  }
  if (export_app->parsed()) {
    return exit_code_of([&] { export_command(export_args, std::cout); }, std::cerr);
  }
  return kExitUsage;  // unreachable: a subcommand is required
}

int main(int argc, char** argv) {
  try {
    return pcsim_main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "internal error: an unknown exception\n");
  }
  return pcsim::runner::kExitInternalError;
}
