#include "runner/scenario_run.hpp"

#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "output/results_file.hpp"
#include "output/summary_printer.hpp"
#include "runner/analytics.hpp"
#include "runner/collective_step.hpp"
#include "runner/progress.hpp"
#include "runner/stop_signals.hpp"
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
  return fmt::format("pcsim: --until-se {}: relative SE {:.3g} not below {:.3g}; stopped at "
                     "--max-iterations ({} iterations)",
                     c.metric, c.reached_rel_se, c.target_rel_se, c.iterations);
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
  PreparedRun run{load_runnable(scenario_file, command.strict), {}, std::move(output)};
  run.settings = run_settings_of(command, run.scenario, processes);
  check_run_settings(run.scenario, run.settings);
  check_analytics(command.analytics, run.settings);
  return run;
}

std::int64_t run_prepared(const PreparedRun& run, const RunCommand& command, const RunClock& clock,
                          const Communicator& processes, std::ostream& out, bool print_summary) {
  const bool root = processes.root();
  const scenarios::Scenario& scenario = run.scenario;
  // Rank 0 alone writes: the file is open from the start, so that --per-practice figures
  // stream into it batch by batch.
  std::optional<output::ResultsFile> file;
  std::optional<RemoveOnStop> remove_on_stop;
  PracticeBatchSink sink;
  all_or_none(processes, [&] {
    if (!root) return;
    if (!command.quiet) std::cerr << practice_report(scenario.load_report) << '\n';
    print_warnings(scenario.warnings, std::cerr, command.verbose);
    file.emplace(output::ResultsFile::open_temporary(run.output, command.force));
    remove_on_stop.emplace(file->temporary_path());
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
    throw_if_stopped();
    const output::Provenance provenance =
        make_provenance(scenario, run.settings, results.iterations, clock, command.command_line);
    try {
      file->finish(results, provenance);
    } catch (const OutputError&) {
      throw_if_stopped();  // the signal removed the temporary file under the writer
      throw;
    }
    if (command.quiet) return;
    if (results.convergence) std::cerr << convergence_line(*results.convergence) << '\n';
    std::cerr << "pcsim: results written to " << run.output.string() << '\n';
    if (print_summary) output::print_summary(run.output, out, output::SummaryFormat::Text);
  });
  return results.iterations;
}

}  // namespace pcsim::runner
