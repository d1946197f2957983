#include "runner/scenario_run.hpp"
#include "runner/output_threads.hpp"

#include <iostream>
#include <optional>
#include <system_error>

#include <fmt/format.h>

#include "output/file_system.hpp"
#include "output/results_file.hpp"
#include "output/summary_printer.hpp"
#include "output/warnings_text.hpp"
#include "runner/analytics.hpp"
#include "runner/collective_step.hpp"
#include "runner/interrupts.hpp"
#include "runner/progress.hpp"
#include "runner/usage_error.hpp"
#include "runner/warning_printer.hpp"

namespace pcsim::runner {

namespace {

// "pcsim: --until-se npv: relative SE 0.0087 < 0.01 after 1280 iterations".
std::string convergence_line(const output::ConvergenceRecord& c) {
  if (c.met) {
    return fmt::format("pcsim: --until-se {}: relative SE {:.3g} < {:.3g} after {} iterations",
                       c.metric, c.reached_rel_se, c.target_rel_se, c.iterations);
  }
  return fmt::format(
      "pcsim: --until-se {}: relative SE {:.3g} not below {:.3g}; stopped at "
      "--max-iterations ({} iterations)",
      c.metric, c.reached_rel_se, c.target_rel_se, c.iterations);
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

// What an interrupted run leaves, for its message: "'OUT' is unchanged (...)".
std::string what_is_left(const std::filesystem::path& out, bool existed) {
  return fmt::format(
      "{} (the incomplete temporary file was removed)",
      existed ? fmt::format("'{}' is unchanged", out.string())
              : fmt::format("no results file was written ('{}' does not exist)", out.string()));
}

// Rank 0 opens the results file: its unique temporary, with the temporaries of killed runs
// removed and named.
output::ResultsFile open_results(const PreparedRun& run, bool force) {
  output::ResultsFile file = output::ResultsFile::open_temporary(run.output, force);
  for (const auto& stale : file.stale_temporaries_removed()) {
    std::cerr << "pcsim: removed " << stale.path.string()
              << ", the incomplete file of an earlier run that was stopped"
              << (stale.pid > 0 ? fmt::format(" (process {})", stale.pid) : std::string()) << '\n';
  }
  return file;
}

}  // namespace

RunSettings run_settings_of(const RunCommand& command, const scenarios::Scenario& scenario,
                            const Communicator& processes) {
  RunSettings settings;
  settings.seed = command.seed.value_or(scenario.seed);
  settings.iterations = command.iterations.value_or(scenario.iterations);
  settings.threads = command.threads.value_or(default_threads(processes));
  settings.processes = processes.size();
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

PreparedRun prepare_run(const RunCommand& command, const std::filesystem::path& scenario_file,
                        std::filesystem::path output, const Communicator& processes) {
  PreparedRun run{load_runnable(scenario_file, command.strict), {}, {}, std::move(output), {}, {}};
  run.analytics = command.analytics;
  run.settings = run_settings_of(command, run.scenario, processes);
  check_run_settings(run.scenario, run.settings);
  check_analytics(command.analytics, run.settings);
  return run;
}

FitCheck check_fit(const scenarios::Scenario& scenario, const RunSettings& settings,
                   const AnalyticsOptions& analytics, const std::filesystem::path& output) {
  FitCheck check{estimate_run(scenario, settings, analytics), {}};
  check.warnings = check_fits(check.estimate, machine_limits(existing_folder_of(output)), output);
  if (auto threads = threads_warning(settings.threads)) check.warnings.push_back(*threads);
  return check;
}

void check_output_and_fit(PreparedRun& run, bool force) {
  run.created_folders = prepare_output(run.output, force, scenario_inputs(run.scenario));
  run.fit_warnings = check_fit(run.scenario, run.settings, run.analytics, run.output).warnings;
}

std::int64_t run_prepared(const PreparedRun& run, const RunCommand& command, const RunClock& clock,
                          const Communicator& processes, std::ostream& out, bool print_summary) {
  const bool root = processes.root();
  const scenarios::Scenario& scenario = run.scenario;
  // Rank 0 alone writes: the file is open from the start, so that --per-practice figures
  // stream into it batch by batch.
  std::optional<output::ResultsFile> file;
  std::optional<TemporaryOnInterrupt> removed_on_interrupt;
  PracticeBatchSink sink;
  all_or_none(processes, [&] {
    if (!root) return;
    for (const auto& warning : run.fit_warnings) std::cerr << "warning: " << warning << '\n';
    if (!command.quiet) std::cerr << practice_report(scenario.load_report) << '\n';
    output::print_warnings(scenario.warnings, std::cerr, command.verbose, echoed_names(scenario));
    const bool existed = output::exists_in_any_form(run.output);
    file.emplace(open_results(run, command.force));
    removed_on_interrupt.emplace(file->temporary_path(), what_is_left(run.output, existed));
    if (run.settings.per_practice) {
      file->start_practices(practice_layout(scenario));
      sink = [&file](const output::PracticeBatch& batch) { file->append_practice_batch(batch); };
    }
  });
  Progress progress(Progress::style_for_stderr(command.quiet || !root), std::cerr);
  output::RunResults results = run_scenario(scenario, run.settings, progress, sink, processes);
  add_analytics(scenario, run.settings, command.analytics, results, std::cerr, processes);
  all_or_none(processes, [&] {
    if (!root) return;
    throw_if_interrupted();
    const output::Provenance provenance =
        make_provenance(scenario, run.settings, results.iterations, clock, command.command_line);
    // checks once more just before the rename
    file->finish(results, provenance, output_threads(run.settings.threads));
    removed_on_interrupt.reset();  // OUT is final: no longer "unchanged"
    if (command.quiet) return;
    if (results.convergence) std::cerr << convergence_line(*results.convergence) << '\n';
    std::cerr << "pcsim: results written to " << run.output.string() << '\n';
    if (print_summary)
      output::print_summary(run.output, out, output::SummaryFormat::Text, command.verbose);
  });
  return results.iterations;
}

}  // namespace pcsim::runner
