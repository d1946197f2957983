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
#include "runner/exit_codes.hpp"
#include "runner/progress.hpp"
#include "runner/provenance.hpp"
#include "runner/run_engine.hpp"
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

void run_command(const RunCommand& command, std::ostream& out) {
  const RunClock clock;
  const scenarios::Scenario scenario = load_runnable(command.scenario, command.strict);
  const std::filesystem::path output = command.output.value_or(default_output_path(command.scenario));
  prepare_output(output, command.force);
  if (!command.quiet) std::cerr << practice_report(scenario.load_report) << '\n';
  print_warnings(scenario.warnings, std::cerr, command.verbose);

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
  check_analytics(command.analytics, settings);

  // Open from the start: --per-practice figures are streamed in batch by batch.
  output::ResultsFile file = output::ResultsFile::open_temporary(output, command.force);
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
  file.finish(results, provenance);
  if (!command.quiet) {
    if (results.convergence) std::cerr << convergence_line(*results.convergence) << '\n';
    std::cerr << "pcsim: results written to " << output.string() << '\n';
    output::print_summary(output, out, output::SummaryFormat::Text);
  }
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
