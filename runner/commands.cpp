#include "runner/commands.hpp"

#include <algorithm>
#include <exception>
#include <iostream>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "output/results_file.hpp"
#include "output/summary_printer.hpp"
#include "runner/collective_step.hpp"
#include "runner/exit_codes.hpp"
#include "runner/progress.hpp"
#include "runner/provenance.hpp"
#include "runner/run_engine.hpp"
#include "runner/scenario_run.hpp"
#include "runner/usage_error.hpp"
#include "runner/model_warnings.hpp"
#include "runner/warning_printer.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// Loads the scenario and makes every check a run makes before it starts; under --strict a
// warning is an error.
scenarios::Scenario load_runnable(const std::filesystem::path& file, bool strict) {
  scenarios::Scenario scenario = scenarios::load_scenario(file);
  check_runnable(scenario);
  for (RunWarning& w : model_warnings(scenario)) scenario.warnings.push_back(std::move(w));
  if (strict) refuse_warnings(scenario);
  return scenario;
}

// Creates the output's folder; refuses to go on when the output exists and force is off,
// so that a long run is not wasted on a file it may not write.
void prepare_output(const std::filesystem::path& out, bool force) {
  std::error_code error;
  // symlink_status: a dangling link also counts as an existing output.
  if (std::filesystem::exists(std::filesystem::symlink_status(out, error)) && !force) {
    throw OutputError(fmt::format("{} exists; use --force to replace it", out.string()));
  }
  const auto folder = out.parent_path();
  if (!folder.empty()) {
    std::filesystem::create_directories(folder, error);
    if (error) {
      throw OutputError(fmt::format("cannot create the folder {} for the results: {}",
                                    folder.string(), error.message()));
    }
  }
}

int default_threads() {
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware == 0 ? 1 : static_cast<int>(hardware);
}

std::filesystem::path default_output_path(const std::filesystem::path& scenario) {
  return std::filesystem::path("results") / (scenario.stem().string() + ".h5");
}

void run_command(const RunCommand& command, std::ostream& out, const Communicator& processes) {
  const RunClock clock;
  PreparedRun run;
  all_or_none(processes, [&] {
    run = prepare_run(command, command.scenario,
                      command.output.value_or(default_output_path(command.scenario)), processes);
    if (processes.root()) prepare_output(run.output, command.force);
  });
  run_prepared(run, command, clock, processes, out, true);
}

void validate_command(const std::filesystem::path& file, std::ostream& out, bool strict,
                      bool verbose) {
  const scenarios::Scenario scenario = load_runnable(file, strict);
  out << fmt::format("OK: {}: {} practices, {} options, {} uncertain parameters\n", scenario.name,
                     scenario.practices.practices.size(), scenario.options.size(),
                     uncertain_parameter_count(scenario));
  std::cerr << practice_report(scenario.load_report) << '\n';
  print_warnings(scenario.warnings, std::cerr, verbose);
}

void summary_command(const std::filesystem::path& results, bool csv, bool comparison_csv,
                     std::ostream& out) {
  if (csv && comparison_csv) {
    throw UsageError("--csv and --csv-comparison each write one table: give one of them");
  }
  output::print_summary(results, out,
                        csv              ? output::SummaryFormat::StatisticsCsv
                        : comparison_csv ? output::SummaryFormat::ComparisonCsv
                                         : output::SummaryFormat::Text);
}

int exit_code_of(const std::function<void()>& command, std::ostream& err) {
  try {
    command();
    return kExitSuccess;
  } catch (const UsageError& e) {
    err << "error: " << e.what() << "\nRun with --help for more information.\n";
    return kExitUsage;
  } catch (const InputError& e) {
    if (e.diagnostics().empty()) {
      err << "error: " << e.what() << '\n';
    } else {
      for (const auto& diagnostic : e.diagnostics()) err << "error: " << diagnostic.format() << '\n';
    }
    return kExitInvalidInput;
  } catch (const OutputError& e) {
    err << "error: " << e.what() << '\n';
    return kExitOutputFailure;
  } catch (const ModelError& e) {
    err << "internal error: the model failed: " << e.what() << '\n';
    return kExitInternalError;
  } catch (const std::exception& e) {
    err << "internal error: " << e.what() << '\n';
    return kExitInternalError;
  } catch (...) {
    err << "internal error: an unknown exception\n";
    return kExitInternalError;
  }
}

}  // namespace pcsim::runner
