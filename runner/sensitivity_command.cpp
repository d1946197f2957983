#include "runner/sensitivity_command.hpp"

#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "output/sensitivity_printer.hpp"
#include "output/sensitivity_writer.hpp"
#include "runner/collective_step.hpp"
#include "runner/commands.hpp"
#include "runner/communicator.hpp"
#include "runner/interrupts.hpp"
#include "runner/progress.hpp"
#include "runner/provenance.hpp"
#include "runner/run_engine.hpp"
#include "runner/sensitivity_run.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

std::filesystem::path default_sensitivity_path(const std::filesystem::path& scenario) {
  return std::filesystem::path("results") / (scenario.stem().string() + "-sensitivity.h5");
}

void sensitivity_command(const SensitivityCommand& command, std::ostream& out,
                         const Communicator& processes) {
  const RunClock clock;
  const bool root = processes.root();
  std::optional<scenarios::Scenario> scenario;
  std::size_t option = 0;
  std::filesystem::path output;
  SensitivitySettings settings;
  output::CreatedFolders folders;  // rank 0: the output's, removed if the command fails
  // Every process loads and checks; rank 0 also refuses an existing output. One message.
  all_or_none(processes, [&] {
    scenario.emplace(scenarios::load_scenario(command.scenario));
    check_runnable(*scenario);
    option = command.option ? option_index(*scenario, *command.option) : std::size_t{0};
    output = command.output.value_or(default_sensitivity_path(command.scenario));
    if (root) folders = prepare_output(output, command.force, scenario_inputs(*scenario));
    settings.seed = command.seed.value_or(scenario->seed);
    settings.iterations = command.iterations.value_or(scenario->iterations);
    settings.sobol_rows = command.sobol_rows;
    settings.bootstrap = command.bootstrap;
    settings.threads = command.threads.value_or(default_threads(processes));
    // As for run: threads beyond the CPUs only spin, slower and never different.
    if (const auto warning = threads_warning(settings.threads); warning && root) {
      std::cerr << "warning: " << *warning << '\n';
    }
  });

  Progress progress(Progress::style_for_stderr(command.quiet || !root), std::cerr);
  const output::SensitivityResults results =
      run_sensitivity(*scenario, option, settings, progress, processes);

  all_or_none(processes, [&] {
    if (!root) return;
    throw_if_interrupted();
    RunSettings run_settings;  // what the provenance records of the run
    run_settings.seed = settings.seed;
    run_settings.iterations = settings.iterations;
    run_settings.threads = settings.threads;
    run_settings.processes = processes.size();
    output::Provenance provenance =
        make_provenance(*scenario, run_settings, settings.iterations, clock, command.command_line);
    provenance.extra.emplace_back("sensitivity_option", results.option);
    output::write_sensitivity(output, command.force, results, provenance);
    folders.keep();
    if (!command.quiet) {
      std::cerr << "pcsim: sensitivity written to " << output.string() << '\n';
      output::print_npv_tornado(results, out);
    }
  });
}

}  // namespace pcsim::runner
