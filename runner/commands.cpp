#include "runner/commands.hpp"

#include <algorithm>
#include <exception>
#include <iostream>
#include <new>
#include <optional>
#include <system_error>
#include <thread>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "output/file_system.hpp"
#include "output/results_file.hpp"
#include "output/summary_printer.hpp"
#include "output/summary_reader.hpp"
#include "runner/exit_codes.hpp"
#include "runner/interrupts.hpp"
#include "runner/progress.hpp"
#include "runner/provenance.hpp"
#include "runner/run_engine.hpp"
#include "runner/run_estimate.hpp"
#include "runner/usage_error.hpp"
#include "runner/model_warnings.hpp"
#include "runner/warning_printer.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

namespace {

// Loads the scenario and makes every check a run makes before it starts; under --strict a
// warning is an error.
scenarios::Scenario load_runnable(const std::filesystem::path& file, bool strict) {
  scenarios::Scenario scenario = scenarios::load_scenario(file);
  check_runnable(scenario);
  for (RunWarning& w : model_warnings(scenario)) scenario.warnings.push_back(std::move(w));
  if (strict) refuse_warnings(scenario);
  return scenario;
}

// The run's settings: the flags, else the scenario's values and the defaults.
RunSettings settings_of(const RunCommand& command, const scenarios::Scenario& scenario) {
  RunSettings settings;
  settings.seed = command.seed.value_or(scenario.seed);
  settings.iterations = command.iterations.value_or(scenario.iterations);
  settings.threads = command.threads.value_or(default_threads());
  settings.central = command.central;
  settings.per_practice = command.per_practice;
  settings.quiet = command.quiet;
  if (command.until_se) {
    settings.until_se = parse_convergence_target(*command.until_se);
    settings.max_iterations =
        command.max_iterations.value_or(std::max(kDefaultMaxIterations, settings.iterations));
  } else if (command.max_iterations) {
    throw UsageError("--max-iterations requires --until-se");
  }
  return settings;
}

// The folder whose free space counts: the output's, or its nearest existing ancestor.
std::filesystem::path existing_folder_of(const std::filesystem::path& out) {
  std::filesystem::path folder = out.parent_path();
  std::error_code error;
  while (!folder.empty() && !std::filesystem::is_directory(folder, error)) {
    folder = folder.parent_path();
  }
  return folder.empty() ? std::filesystem::path(".") : folder;
}

// Every check of a run's plan before any work: its settings, then whether this machine
// can hold it. Returns the estimate and the warnings of check_fits.
std::pair<RunEstimate, std::vector<std::string>> check_plan(const scenarios::Scenario& scenario,
                                                            const RunSettings& settings,
                                                            const std::filesystem::path& out) {
  check_run_settings(scenario, settings);
  const RunEstimate estimate = estimate_run(scenario, settings);
  auto warnings = check_fits(estimate, machine_limits(existing_folder_of(out)), out);
  return {estimate, std::move(warnings)};
}

// "'OUT' is unchanged" or "no results file was written", for the interrupt message.
std::string what_is_left(const std::filesystem::path& out, bool existed) {
  return existed ? fmt::format("'{}' is unchanged", out.string())
                 : fmt::format("no results file was written ('{}' does not exist)", out.string());
}

// "pcsim: --until-se npv: relative SE 0.0087 < 0.01 after 1280 iterations".
std::string convergence_line(const output::ConvergenceRecord& c) {
  if (c.met) {
    return fmt::format("pcsim: --until-se {}: relative SE {:.3g} < {:.3g} after {} iterations",
                       c.metric, c.reached_rel_se, c.target_rel_se, c.iterations);
  }
  return fmt::format("pcsim: --until-se {}: relative SE {:.3g} not below {:.3g}; stopped at "
                     "--max-iterations ({} iterations)",
                     c.metric, c.reached_rel_se, c.target_rel_se, c.iterations);
}

}  // namespace

// Refuses an output that cannot take a results file (or exists, without force), then
// creates its folder: before any work, so that a long run is not wasted on a file it may
// not write.
void prepare_output(const std::filesystem::path& out, bool force) {
  output::check_output_path(out, force);
  const auto folder = out.parent_path();
  if (!folder.empty()) {
    std::error_code error;
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

void run_command(const RunCommand& command, std::ostream& out) {
  const RunClock clock;
  const scenarios::Scenario scenario = load_runnable(command.scenario, command.strict);
  const std::filesystem::path output = command.output.value_or(default_output_path(command.scenario));
  const RunSettings settings = settings_of(command, scenario);
  prepare_output(output, command.force);
  check_analytics(command.analytics, settings);
  const auto [estimate, fit_warnings] = check_plan(scenario, settings, output);
  for (const auto& warning : fit_warnings) std::cerr << "warning: " << warning << '\n';
  if (!command.quiet) std::cerr << practice_report(scenario.load_report) << '\n';
  print_warnings(scenario.warnings, std::cerr, command.verbose);

  const bool existed = output::exists_in_any_form(output);
  std::optional<output::ConvergenceRecord> convergence;
  try {
    // Open from the start: --per-practice figures are streamed in batch by batch.
    output::ResultsFile file = output::ResultsFile::open_temporary(output, command.force);
    for (const auto& stale : file.stale_temporaries_removed()) {
      std::cerr << "pcsim: removed " << stale.path.string()
                << ", the incomplete file of an earlier run that was stopped"
                << (stale.pid > 0 ? fmt::format(" (process {})", stale.pid) : std::string())
                << '\n';
    }
    PracticeBatchSink sink;
    if (settings.per_practice) {
      file.start_practices(practice_layout(scenario));
      sink = [&file](const output::PracticeBatch& batch) { file.append_practice_batch(batch); };
    }
    Progress progress(Progress::style_for_stderr(command.quiet), std::cerr);
    output::RunResults results = run_scenario(scenario, settings, progress, sink);
    add_analytics(scenario, settings, command.analytics, results, std::cerr);
    const output::Provenance provenance =
        make_provenance(scenario, settings, results.iterations, clock, command.command_line);
    throw_if_interrupted();
    file.finish(results, provenance);  // checks once more just before the rename
    convergence = results.convergence;
  } catch (const Interrupted& interrupted) {
    // The temporary file is gone (ResultsFile's destructor) by the time this runs.
    throw Interrupted(interrupted.signal(),
                      fmt::format("interrupted by {}: the run stopped before its results were "
                                  "complete; {} (the incomplete temporary file was removed)",
                                  signal_name(interrupted.signal()), what_is_left(output, existed)));
  }
  if (!command.quiet) {
    if (convergence) std::cerr << convergence_line(*convergence) << '\n';
    std::cerr << "pcsim: results written to " << output.string() << '\n';
    output::print_summary(output, out, output::SummaryFormat::Text);
  }
}

void validate_command(const RunCommand& command, std::ostream& out) {
  const scenarios::Scenario scenario = load_runnable(command.scenario, command.strict);
  const std::filesystem::path output = command.output.value_or(default_output_path(command.scenario));
  const RunSettings settings = settings_of(command, scenario);
  check_analytics(command.analytics, settings);
  output::check_output_path(output, true);  // its kind; that it exists is run's concern
  const auto [estimate, fit_warnings] = check_plan(scenario, settings, output);
  out << fmt::format("OK: {}: {} practices, {} options, {} uncertain parameters\n", scenario.name,
                     scenario.practices.practices.size(), scenario.options.size(),
                     uncertain_parameter_count(scenario));
  out << "pcsim run " << describe(estimate)
      << (settings.per_practice ? " (with --per-practice)" : "") << '\n';
  for (const auto& warning : fit_warnings) std::cerr << "warning: " << warning << '\n';
  if (output::exists_in_any_form(output)) {
    std::cerr << "note: " << output.string() << " exists: pcsim run needs --force to replace it\n";
  }
  std::cerr << practice_report(scenario.load_report) << '\n';
  print_warnings(scenario.warnings, std::cerr, command.verbose);
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
