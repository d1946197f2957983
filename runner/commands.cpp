#include "runner/commands.hpp"

#include <exception>
#include <iostream>
#include <new>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "output/file_system.hpp"
#include "output/summary_printer.hpp"
#include "output/warnings_text.hpp"
#include "runner/collective_step.hpp"
#include "runner/exit_codes.hpp"
#include "runner/interrupts.hpp"
#include "runner/model_warnings.hpp"
#include "runner/provenance.hpp"
#include "runner/run_engine.hpp"
#include "runner/run_estimate.hpp"
#include "runner/scenario_run.hpp"
#include "runner/usage_error.hpp"
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

void check_output(const std::filesystem::path& out, bool force,
                  const std::vector<output::CommandInput>& inputs) {
  output::check_output_path(out, force);
  output::check_output_is_not_an_input(out, inputs);
}

// Before any work, so that a long run is not wasted on a file it may not write.
output::CreatedFolders prepare_output(const std::filesystem::path& out, bool force,
                                      const std::vector<output::CommandInput>& inputs) {
  check_output(out, force, inputs);
  output::CreatedFolders folders;
  if (const auto folder = out.parent_path(); !folder.empty()) folders.create(folder);
  return folders;
}

std::vector<output::CommandInput> scenario_inputs(const scenarios::Scenario& scenario) {
  std::vector<output::CommandInput> inputs{{scenario.file, "the scenario file"}};
  for (const auto& file : scenario.included_files)
    inputs.push_back({file, "a file the scenario includes"});
  const scenarios::PracticeDataSpec& data = scenario.practice_data;
  inputs.push_back({data.payments_csv, "practices.payments_csv"});
  inputs.push_back({data.attributes_csv, "practices.attributes_csv"});
  inputs.push_back({data.gp_headcount_csv, "practices.gp_headcount_csv"});
  inputs.push_back({data.area_icb_csv, "practices.area_icb_csv"});
  for (const auto& year : data.pcn_payments_csv)
    inputs.push_back({year.file, "a file of practices.pcn_payments_csv"});
  return inputs;
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
    if (processes.root()) check_output_and_fit(run, command.force);
  });
  run_prepared(run, command, clock, processes, out, true);
  run.created_folders.keep();
}

void validate_command(const RunCommand& command, std::ostream& out) {
  const PreparedRun run =
      prepare_run(command, command.scenario,
                  command.output.value_or(default_output_path(command.scenario)), one_process());
  // run's checks of its output (force: that it exists is only a note below)
  check_output(run.output, true, scenario_inputs(run.scenario));
  const FitCheck fit = check_fit(run.scenario, run.settings, run.analytics, run.output);
  const scenarios::Scenario& scenario = run.scenario;
  const auto counted = [](std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  out << fmt::format("OK: {}: {}, {}, {}\n", scenario.name,
                     counted(scenario.practices.practices.size(), "practice"),
                     counted(scenario.options.size(), "option"),
                     counted(uncertain_parameter_count(scenario), "uncertain parameter"));
  out << "pcsim run " << describe(fit.estimate)
      << (run.settings.per_practice ? " (with --per-practice)" : "") << '\n';
  for (const auto& warning : fit.warnings) std::cerr << "warning: " << warning << '\n';
  const char* const replace =
      command.force ? "pcsim run --force will replace" : "pcsim run needs --force to replace";
  if (const auto target = output::dangling_link_target(run.output)) {
    std::cerr << "note: " << run.output.string() << " is a symbolic link to a missing file ("
              << target->string() << "): " << replace << " the link itself (it does not create "
              << target->string() << ")\n";
  } else if (output::exists_in_any_form(run.output)) {
    std::cerr << "note: " << run.output.string() << " exists: " << replace << " it\n";
  }
  std::cerr << practice_report(scenario.load_report) << '\n';
  output::print_warnings(scenario.warnings, std::cerr, command.verbose, echoed_names(scenario));
}

void summary_command(const std::filesystem::path& results, bool csv, bool comparison_csv,
                     bool verbose, std::ostream& out) {
  if (csv && comparison_csv) {
    throw UsageError("--csv and --csv-comparison each write one table: give one of them");
  }
  // Printed once whole: a table that fails half-way (a statistic the file lacks) must leave
  // nothing partial on standard output.
  std::ostringstream text;
  output::print_summary(results, text,
                        csv              ? output::SummaryFormat::StatisticsCsv
                        : comparison_csv ? output::SummaryFormat::ComparisonCsv
                                         : output::SummaryFormat::Text,
                        verbose);
  out << text.str();
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
      for (const auto& diagnostic : e.diagnostics())
        err << "error: " << diagnostic.format() << '\n';
    }
    return kExitInvalidInput;
  } catch (const OutputError& e) {
    err << "error: " << e.what() << '\n';
    return kExitOutputFailure;
  } catch (const ResourceError& e) {
    err << "error: " << e.what() << '\n';
    return kExitResources;
  } catch (const std::bad_alloc&) {
    err << "error: pcsim ran out of memory (see `pcsim validate` for the estimate of a run, "
           "and use fewer iterations)\n";
    return kExitResources;
  } catch (const Interrupted& e) {
    err << "pcsim: " << e.what() << '\n';
    return exit_code_for_signal(e.signal());
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
