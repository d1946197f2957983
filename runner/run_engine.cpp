#include "runner/run_engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/errors.hpp"
#include "model/metrics.hpp"
#include "model/simulation_output.hpp"
#include "output/comparison_layout.hpp"
#include "runner/chunked_run.hpp"
#include "runner/collective_step.hpp"
#include "runner/iteration_pool.hpp"
#include "runner/usage_error.hpp"

namespace pcsim::runner {

namespace {

// The per-practice figures of --per-practice, in PracticeTrace's order.
constexpr auto& kTraceNames = model::kPracticeTraceNames;
constexpr auto& kTraceUnits = model::kPracticeTraceUnits;

int line_of(const scenarios::OptionSpec& option, std::string_view path) {
  for (const auto& entry : option.parameters) {
    if (entry.path == path) return entry.line;
  }
  return 0;
}

// --until-se needs a design that does not depend on the final count, and a cap above the
// minimum. Throws UsageError naming what stands in the way.
void check_until_se(const scenarios::Scenario& scenario, const RunSettings& settings) {
  if (!settings.until_se) return;
  if (settings.central) {
    throw UsageError("--until-se cannot be combined with --central (one deterministic iteration)");
  }
  const auto& sampling = scenario.sampling;
  const std::string where = fmt::format("{}:{}", scenario.file.string(), sampling.line);
  if (sampling.method == scenarios::SamplingMethod::LatinHypercube) {
    throw UsageError(fmt::format(
        "--until-se cannot be used with Latin hypercube sampling ({}: [sampling] method = "
        "\"lhs\"): the design depends on the final number of iterations; use method = "
        "\"random\" or a fixed --iterations",
        where));
  }
  if (!sampling.correlations.empty()) {
    throw UsageError(fmt::format(
        "--until-se cannot be used with rank correlations ({}: [[sampling.correlations]]): "
        "they are induced over all iterations at once, so they depend on the final number "
        "of iterations; use a fixed --iterations",
        where));
  }
  if (settings.max_iterations < settings.iterations || settings.max_iterations > kMaxIterations) {
    throw UsageError(
        fmt::format("--max-iterations ({}) must be between the starting "
                    "iterations ({}) and {}",
                    settings.max_iterations, settings.iterations, kMaxIterations));
  }
}

}  // namespace

void check_runnable(const scenarios::Scenario& scenario) {
  const std::string file = scenario.file.string();
  std::vector<Diagnostic> problems;
  if (scenario.options.empty()) {
    problems.push_back({file, 0, 0, "baseline", "no options", "a baseline option", ""});
  }
  if (scenario.practices.practices.empty()) {
    problems.push_back({file, scenario.practice_data.line, 0, "practices", "no practices",
                        "at least one practice in the payments file after selection", ""});
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  const auto& baseline = scenario.options.front().central;
  if (baseline.horizon_years < 1) {
    problems.push_back({file, line_of(scenario.options.front(), "horizon_years"), 0,
                        "horizon_years", std::to_string(baseline.horizon_years), "at least 1 year",
                        ""});
  }
  for (const auto& option : scenario.options) {
    // /comparison holds one group per option beside the run-level datasets: an option may
    // not take one of their names (found before the run, not after it).
    const auto& reserved = output::layout::kComparisonRunItems;
    if (std::find(reserved.begin(), reserved.end(), option.name) != reserved.end()) {
      // At the line of its name (the baseline's: baseline = "..."), as other diagnostics.
      const bool baseline = &option == &scenario.options.front();
      problems.push_back({file, option.name_line, 0,
                          baseline ? std::string("baseline") : "options." + option.name + ".name",
                          "'" + option.name + "'",
                          fmt::format("an option name other than {}: the results file uses "
                                      "those names for the comparison of options",
                                      fmt::join(reserved, ", ")),
                          ""});
    }
    if (option.central.horizon_years != baseline.horizon_years) {
      problems.push_back({file, line_of(option, "horizon_years"), 0,
                          "options." + option.name + ".horizon_years",
                          std::to_string(option.central.horizon_years),
                          fmt::format("the baseline's horizon ({} years): options are "
                                      "compared year by year",
                                      baseline.horizon_years),
                          ""});
    }
    if (option.central.start_year != baseline.start_year) {
      problems.push_back({file, line_of(option, "start_year"), 0,
                          "options." + option.name + ".start_year",
                          std::to_string(option.central.start_year),
                          fmt::format("the baseline's start year ({}): options are compared "
                                      "year by year, over the same years",
                                      baseline.start_year),
                          ""});
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
}

std::size_t uncertain_parameter_count(const scenarios::Scenario& scenario) {
  std::set<std::string> paths;
  for (const auto& option : scenario.options) {
    for (const auto& entry : option.parameters) {
      if (!entry.distribution.is_fixed()) paths.insert(entry.path);
    }
  }
  return paths.size();
}

std::vector<std::string> year_labels(int start_year, int horizon_years) {
  std::vector<std::string> labels;
  for (int t = 1; t <= horizon_years; ++t) {
    const int year = start_year + t - 1;  // year t starts in April of this calendar year
    labels.push_back(fmt::format("{}/{:02}", year, (year + 1) % 100));
  }
  return labels;
}

void parallel_iterations(std::int64_t count, int threads, Progress& progress,
                         const std::function<void(std::int64_t begin, std::int64_t end)>& body) {
  IterationPool(threads, kIterationGrain).run(count, progress, body);
}

output::PracticeLayout practice_layout(const scenarios::Scenario& scenario) {
  output::PracticeLayout layout;
  for (const auto& option : scenario.options) layout.option_names.push_back(option.name);
  for (std::size_t k = 0; k < kTraceNames.size(); ++k) {
    layout.trace_names.emplace_back(kTraceNames[k]);
    layout.trace_units.emplace_back(kTraceUnits[k]);
  }
  for (const auto& practice : scenario.practices.practices) {
    layout.practice_codes.push_back(practice.code);
  }
  layout.years = scenario.options.empty()
                     ? 0
                     : static_cast<std::size_t>(scenario.options.front().central.horizon_years);
  return layout;
}

void check_run_settings(const scenarios::Scenario& scenario, const RunSettings& settings) {
  check_runnable(scenario);
  if (!settings.central && (settings.iterations < 1 || settings.iterations > kMaxIterations)) {
    throw InputError(fmt::format("iterations must be between 1 and {} (found {})", kMaxIterations,
                                 settings.iterations));
  }
  check_until_se(scenario, settings);
  if (settings.until_se) {
    const auto& baseline = scenario.options.front().central;
    ConvergenceRule(*settings.until_se, year_labels(baseline.start_year, baseline.horizon_years));
  }
}

output::RunResults run_scenario(const scenarios::Scenario& scenario, const RunSettings& settings,
                                Progress& progress, const PracticeBatchSink& sink,
                                const Communicator& processes) {
  // Deterministic, so every process would throw alike; agreed, so that only rank 0 says so.
  all_or_none(processes, [&] { check_run_settings(scenario, settings); });
  // The steps are runner/chunked_run.hpp's.
  ChunkedRun run(scenario, settings, progress, sink, processes);
  for (bool stopped = false; !stopped;) {
    const RowRange chunk = run.next_chunk();
    run.compute(chunk);
    run.gather_figures(chunk);
    const std::int64_t stop = run.agree_stop(chunk);
    run.write_practices(chunk, stop);
    stopped = run.advance(chunk, stop);
  }
  return run.finish();
}

}  // namespace pcsim::runner
