#include "runner/batch_command.hpp"

#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "output/batch_index.hpp"
#include "runner/collective_step.hpp"
#include "runner/provenance.hpp"
#include "runner/scenario_run.hpp"

namespace pcsim::runner {

namespace fs = std::filesystem;

namespace {

// Several failures reported as one: each distinct message once, in order, then a line
// saying that nothing was run; the exit code of the first.
[[noreturn]] void refuse(const std::vector<ProcessFailure>& failures, std::size_t inputs,
                         const char* what) {
  std::string text;
  std::set<std::string> seen;
  for (const ProcessFailure& failure : failures) {
    if (seen.insert(failure.text).second) text += failure.text;
  }
  text += fmt::format("pcsim: {} of the batch's {} {}; nothing was run\n", failures.size(), inputs,
                      what);
  throw ProcessesFailed(ProcessFailure{failures.front().code, -1, text});
}

}  // namespace

bool is_batch(const std::vector<fs::path>& inputs) {
  std::error_code error;
  return inputs.size() > 1 || (inputs.size() == 1 && fs::is_directory(inputs.front(), error));
}

std::vector<fs::path> batch_scenarios(const std::vector<fs::path>& inputs) {
  std::vector<fs::path> scenarios;
  std::vector<Diagnostic> problems;
  for (const fs::path& input : inputs) {
    std::error_code error;
    if (fs::is_directory(input, error)) {
      std::vector<fs::path> found;
      // The listing's own error apart from each entry's: a link to nothing is named (its
      // status fails), never left out silently nor blamed on the folder.
      for (fs::directory_iterator it(input, error), end; !error && it != end; it.increment(error)) {
        const fs::path path = it->path();
        if (path.extension() != ".toml") continue;
        std::error_code entry_error;
        const fs::file_status status = fs::status(path, entry_error);
        if (fs::is_regular_file(status)) {
          found.push_back(path);
        } else if (!fs::exists(status) && fs::is_symlink(fs::symlink_status(path, entry_error))) {
          std::error_code target_error;
          const fs::path target = fs::read_symlink(path, target_error);
          problems.push_back({path.string(), 0, 0, "",
                              "a link to nothing ('" + target.string() + "' does not exist)",
                              "a scenario file (or remove the link)", ""});
        }
      }
      if (error) {
        problems.push_back({input.string(), 0, 0, "",
                            "a folder that cannot be read (" + error.message() + ")",
                            "a folder of scenario files", ""});
        continue;
      }
      if (found.empty()) {
        problems.push_back({input.string(), 0, 0, "", "a folder without a .toml file",
                            "a folder of scenario files (*.toml)", ""});
      }
      std::sort(found.begin(), found.end());
      scenarios.insert(scenarios.end(), found.begin(), found.end());
    } else if (fs::exists(input, error)) {
      scenarios.push_back(input);
    } else {
      problems.push_back({input.string(), 0, 0, "", "no such file or folder",
                          "a scenario file or a folder of them", ""});
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return scenarios;
}

std::vector<fs::path> batch_outputs(const std::vector<fs::path>& scenarios,
                                    const fs::path& folder) {
  std::vector<fs::path> outputs;
  std::map<fs::path, fs::path> first_of;
  std::vector<Diagnostic> problems;
  for (const fs::path& scenario : scenarios) {
    fs::path output = folder / (scenario.stem().string() + ".h5");
    const auto [at, fresh] = first_of.emplace(output, scenario);
    if (!fresh) {
      problems.push_back(
          {scenario.string(), 0, 0, "",
           "the results file " + output.string() + ", which " + at->second.string() + " writes too",
           "scenario files with different names in one batch", ""});
    }
    outputs.push_back(std::move(output));
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return outputs;
}

fs::path batch_index_path(const fs::path& folder) { return folder / "index.csv"; }

void run_batch_command(const RunCommand& command, const std::vector<fs::path>& inputs,
                       std::ostream& out, const Communicator& processes) {
  const bool root = processes.root();
  const fs::path folder = command.output.value_or(fs::path("results"));
  const fs::path index = batch_index_path(folder);
  std::vector<PreparedRun> runs;
  output::CreatedFolders index_folders;  // rank 0: the index's, removed if the batch fails
  // Every scenario loaded and checked, by every process, before anything runs; rank 0
  // checks every output and every run's estimate. Every problem is reported, not only the
  // first.
  all_or_none(processes, [&] {
    const std::vector<fs::path> scenarios = batch_scenarios(inputs);
    const std::vector<fs::path> outputs = batch_outputs(scenarios, folder);
    std::vector<ProcessFailure> failures;
    for (std::size_t s = 0; s < scenarios.size(); ++s) {
      try {
        runs.push_back(prepare_run(command, scenarios[s], outputs[s], processes));
      } catch (...) {
        failures.push_back(failure_of(std::current_exception()));
      }
    }
    if (!failures.empty()) refuse(failures, scenarios.size(), "scenarios cannot run");
    if (!root) return;
    // Each results file as a single run's: its path, and the estimate of its run against
    // this machine (ResourceError, exit 6), each scenario on its own.
    for (PreparedRun& run : runs) {
      try {
        check_output_and_fit(run, command.force);
      } catch (...) {
        failures.push_back(failure_of(std::current_exception()));
      }
    }
    try {
      std::vector<output::CommandInput> read;  // every scenario's files: the index is none
      for (const PreparedRun& run : runs)
        for (auto& input : scenario_inputs(run.scenario)) read.push_back(std::move(input));
      index_folders = prepare_output(index, command.force, read);
    } catch (...) {
      failures.push_back(failure_of(std::current_exception()));
    }
    if (!failures.empty()) refuse(failures, scenarios.size() + 1, "outputs cannot be written");
  });

  std::vector<output::BatchIndexRow> rows;
  for (std::size_t s = 0; s < runs.size(); ++s) {
    const RunClock clock;
    PreparedRun& run = runs[s];
    if (root && !command.quiet) {
      std::cerr << fmt::format("pcsim: scenario {} of {}: {} -> {}\n", s + 1, runs.size(),
                               run.scenario.file.string(), run.output.string());
    }
    run_prepared(run, command, clock, processes, out, false);
    run.created_folders.keep();
    // Rank 0: the index now lists this scenario too (rewritten whole, atomically).
    all_or_none(processes, [&] {
      if (!root) return;
      const auto added = output::batch_index_rows(run.scenario.name, run.scenario.file.string(),
                                                  run.output, folder);
      rows.insert(rows.end(), added.begin(), added.end());
      output::write_batch_index(index, rows, true);
    });
    run = PreparedRun{};  // its practices and settings are no longer needed
  }
  index_folders.keep();
  if (root && !command.quiet) {
    std::cerr << fmt::format("pcsim: {} results files and their index written to {}\n", runs.size(),
                             index.string());
    output::print_batch_index(rows, out);
  }
}

}  // namespace pcsim::runner
