#include "runner/sensitivity_command.hpp"

#include <iostream>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "output/sensitivity_printer.hpp"
#include "output/sensitivity_writer.hpp"
#include "runner/commands.hpp"
#include "runner/progress.hpp"
#include "runner/provenance.hpp"
#include "runner/run_engine.hpp"
#include "runner/sensitivity_run.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

std::filesystem::path default_sensitivity_path(const std::filesystem::path& scenario) {
  return std::filesystem::path("results") / (scenario.stem().string() + "-sensitivity.h5");
}

void sensitivity_command(const SensitivityCommand& command, std::ostream& out) {
  const RunClock clock;
  const scenarios::Scenario scenario = scenarios::load_scenario(command.scenario);
  check_runnable(scenario);
  const std::size_t option =
      command.option ? option_index(scenario, *command.option) : std::size_t{0};
  const std::filesystem::path output =
      command.output.value_or(default_sensitivity_path(command.scenario));
  prepare_output(output, command.force);

  SensitivitySettings settings;
  settings.seed = command.seed.value_or(scenario.seed);
  settings.iterations = command.iterations.value_or(scenario.iterations);
  settings.sobol_rows = command.sobol_rows;
  settings.bootstrap = command.bootstrap;
  settings.threads = command.threads.value_or(default_threads());

  Progress progress(Progress::style_for_stderr(command.quiet), std::cerr);
  const output::SensitivityResults results =
      run_sensitivity(scenario, option, settings, progress);

  RunSettings run_settings;  // what the provenance records of the run
  run_settings.seed = settings.seed;
  run_settings.iterations = settings.iterations;
  run_settings.threads = settings.threads;
  output::Provenance provenance =
      make_provenance(scenario, run_settings, settings.iterations, clock, command.command_line);
  provenance.extra.emplace_back("sensitivity_option", results.option);
  output::write_sensitivity(output, command.force, results, provenance);
  if (!command.quiet) {
    std::cerr << "pcsim: sensitivity written to " << output.string() << '\n';
    output::print_npv_tornado(results, out);
  }
}

}  // namespace pcsim::runner
