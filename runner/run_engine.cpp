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
#include "model/events.hpp"
#include "model/metrics.hpp"
#include "engine/simulate.hpp"
#include "model/reference/reference_simulation.hpp"
#include "model/simulation_output.hpp"
#include "output/comparison_layout.hpp"
#include "runner/central_case.hpp"
#include "runner/iteration_pool.hpp"
#include "runner/parameter_draws.hpp"
#include "random/philox_events.hpp"
#include "runner/run_draws.hpp"
#include "runner/sampling_plan.hpp"
#include "runner/usage_error.hpp"

namespace pcsim::runner {
// The keyed random streams (random/philox_events.hpp).
using namespace pcsim::random;

namespace {

constexpr double kUnwritten = std::numeric_limits<double>::quiet_NaN();

// The per-practice figures of --per-practice, in PracticeTrace's order.
constexpr auto& kTraceNames = model::kPracticeTraceNames;
constexpr auto& kTraceUnits = model::kPracticeTraceUnits;

int line_of(const scenarios::OptionSpec& option, std::string_view path) {
  for (const auto& entry : option.parameters) {
    if (entry.path == path) return entry.line;
  }
  return 0;
}

// Makes room for `iterations` rows; new rows are NaN until their iteration runs.
void grow_option(output::OptionResults& results, std::int64_t iterations, int years) {
  const auto n = static_cast<std::size_t>(iterations);
  const std::size_t values = n * static_cast<std::size_t>(years);
  for (auto& metric : results.by_year) metric.resize(values, kUnwritten);
  for (auto& scalar : results.scalars) scalar.resize(n, kUnwritten);
}

// The result arrays of one option, with room for `iterations` rows; per-practice names
// and units when they are kept in memory (`keep_traces`).
output::OptionResults allocate_option(const scenarios::OptionSpec& option, std::int64_t iterations,
                                      int years, bool keep_traces) {
  output::OptionResults results;
  results.name = option.name;
  for (std::size_t m = 0; m < model::kMetricCount; ++m) {
    results.metric_names.emplace_back(model::kMetricNames[m]);
    results.metric_units.emplace_back(model::kMetricUnits[m]);
  }
  results.by_year.resize(model::kMetricCount);
  for (std::size_t s = 0; s < model::kScalarMetricCount; ++s) {
    results.scalar_names.emplace_back(model::kScalarMetricNames[s]);
    results.scalar_units.emplace_back(model::kScalarMetricUnits[s]);
  }
  results.scalars.resize(model::kScalarMetricCount);
  if (keep_traces) {
    for (std::size_t k = 0; k < kTraceNames.size(); ++k) {
      results.practice_trace_names.emplace_back(kTraceNames[k]);
      results.practice_trace_units.emplace_back(kTraceUnits[k]);
    }
    results.practice_traces.resize(kTraceNames.size());
  }
  grow_option(results, iterations, years);
  return results;
}

// Where one iteration of one option is simulated; reused for every iteration of a range
// (one per range, so no two threads ever share one).
struct Scratch {
  Scratch(int years, std::size_t practices, bool per_practice)
      : years(years),
        by_year(model::kMetricCount * static_cast<std::size_t>(years)),
        scalars(model::kScalarMetricCount),
        traces(per_practice ? kTraceNames.size() : 0,
               std::vector<double>(practices * static_cast<std::size_t>(years))) {}

  // Fresh views with every value NaN, so a figure the model forgot to write shows as NaN.
  model::SimulationOutput output() {
    std::fill(by_year.begin(), by_year.end(), kUnwritten);
    std::fill(scalars.begin(), scalars.end(), kUnwritten);
    return model::SimulationOutput{years, by_year, scalars};
  }
  model::PracticeTrace trace() {
    for (auto& t : traces) std::fill(t.begin(), t.end(), kUnwritten);
    return model::PracticeTrace{years, traces[0], traces[1], traces[2], traces[3], traces[4]};
  }

  int years;
  model::ModelParameters params;
  std::vector<double> by_year;
  std::vector<double> scalars;
  std::vector<std::vector<double>> traces;
};

// Copies one iteration's figures from the scratch into that iteration's rows, and its
// per-practice figures into row `batch_row` of the batch's arrays.
void store(const Scratch& scratch, std::int64_t iteration, output::OptionResults& results,
           std::int64_t batch_row, std::vector<std::vector<double>>& batch_traces) {
  const auto h = static_cast<std::size_t>(scratch.years);
  const auto i = static_cast<std::size_t>(iteration);
  for (std::size_t m = 0; m < model::kMetricCount; ++m) {
    std::copy_n(scratch.by_year.begin() + static_cast<std::ptrdiff_t>(m * h), h,
                results.by_year[m].begin() + static_cast<std::ptrdiff_t>(i * h));
  }
  for (std::size_t s = 0; s < model::kScalarMetricCount; ++s) {
    results.scalars[s][i] = scratch.scalars[s];
  }
  for (std::size_t k = 0; k < scratch.traces.size(); ++k) {
    const auto& trace = scratch.traces[k];
    std::copy(trace.begin(), trace.end(),
              batch_traces[k].begin() + static_cast<std::ptrdiff_t>(
                                            static_cast<std::size_t>(batch_row) * trace.size()));
  }
}

// Iterations per batch (run_engine.hpp): kBatchIterations, halved while one batch's
// per-practice figures of every option would pass kMaxBatchPracticeBytes.
std::int64_t batch_iterations(bool per_practice, std::size_t practices, int years,
                              std::size_t options) {
  std::int64_t batch = kBatchIterations;
  if (!per_practice) return batch;
  const std::size_t row_bytes = practices * static_cast<std::size_t>(years) *
                                kTraceNames.size() * options * sizeof(double);
  while (batch > 1 && static_cast<std::size_t>(batch) * row_bytes > kMaxBatchPracticeBytes) {
    batch /= 2;
  }
  return batch;
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
    throw UsageError(fmt::format("--max-iterations ({}) must be between the starting "
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
                        "horizon_years", std::to_string(baseline.horizon_years),
                        "at least 1 year", ""});
  }
  for (const auto& option : scenario.options) {
    // /comparison holds one group per option beside the run-level datasets: an option may
    // not take one of their names (found before the run, not after it).
    const auto& reserved = output::layout::kComparisonRunItems;
    if (std::find(reserved.begin(), reserved.end(), option.name) != reserved.end()) {
      problems.push_back({file, 0, 0, "options." + option.name + ".name",
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
                          fmt::format("the baseline's start year ({})", baseline.start_year),
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
    throw InputError(fmt::format("iterations must be between 1 and {} (found {})",
                                 kMaxIterations, settings.iterations));
  }
  check_until_se(scenario, settings);
  if (settings.until_se) {
    const auto& baseline = scenario.options.front().central;
    ConvergenceRule(*settings.until_se, year_labels(baseline.start_year, baseline.horizon_years));
  }
}

output::RunResults run_scenario(const scenarios::Scenario& scenario, const RunSettings& settings,
                                Progress& progress, const PracticeBatchSink& sink) {
  check_run_settings(scenario, settings);
  const std::int64_t iterations = settings.central ? 1 : settings.iterations;  // the minimum
  const std::int64_t limit = settings.until_se ? settings.max_iterations : iterations;
  const auto& baseline = scenario.options.front();
  const int years = baseline.central.horizon_years;
  const auto& practices = scenario.practices;
  const std::size_t practice_count = practices.practices.size();
  const std::size_t options = scenario.options.size();
  const bool keep_traces = settings.per_practice && !sink;

  output::RunResults results;
  results.year_labels = year_labels(baseline.central.start_year, years);
  results.warnings = scenario.warnings;
  std::optional<ConvergenceRule> rule;
  if (settings.until_se) rule.emplace(*settings.until_se, results.year_labels);
  // Built once, shared by every option (common random numbers); outlives `draws`.
  const SamplingPlan plan = settings.central ? SamplingPlan::plain(settings.seed)
                                             : SamplingPlan(scenario, settings.seed, iterations);
  RunDraws draws(scenario, plan, settings.central, iterations, limit);
  for (const auto& option : scenario.options) {
    results.options.push_back(allocate_option(option, iterations, years, keep_traces));
  }
  if (settings.per_practice) {
    for (const auto& practice : practices.practices) results.practice_codes.push_back(practice.code);
  }

  // One batch's per-practice figures: [option][figure] row-major [row][practice][year].
  const std::int64_t batch =
      batch_iterations(settings.per_practice, practice_count, years, options);
  const std::size_t cells = practice_count * static_cast<std::size_t>(years);
  std::vector<std::vector<std::vector<double>>> batch_traces(
      settings.per_practice ? options : 0, std::vector<std::vector<double>>(kTraceNames.size()));

  IterationPool pool(settings.threads, kIterationGrain);
  progress.start(limit);  // --until-se: counts towards the cap; the run may stop earlier
  std::int64_t done = 0;
  std::int64_t target = iterations;
  double reached = std::nan("");
  while (done < target) {
    const std::int64_t first = done;
    const std::int64_t count = std::min(target, (done / batch + 1) * batch) - first;
    for (auto& option_traces : batch_traces) {
      for (auto& trace : option_traces) trace.resize(static_cast<std::size_t>(count) * cells);
    }
    pool.run(count, progress, [&](std::int64_t begin, std::int64_t end) {
      Scratch scratch(years, practice_count, settings.per_practice);
      // The model's state vectors, reused by every iteration of the range (no allocation).
      engine::Workspace workspace(practices);
      std::vector<std::vector<double>> no_traces;
      for (std::int64_t row = begin; row < end; ++row) {
        const std::int64_t i = first + row;
        for (std::size_t o = 0; o < options; ++o) {
          draws.draw(o, i, scratch.params);
          const model::SimulationOutput out = scratch.output();
          const model::PracticeTrace trace =
              settings.per_practice ? scratch.trace() : model::PracticeTrace{};
          const model::PracticeTrace* trace_ptr = settings.per_practice ? &trace : nullptr;
          if (settings.central) {
            // The central case: the plain reference, events at their expectation.
            model::reference::simulate(
                scratch.params, practices,
                [](std::size_t, int) { return model::ExpectationEvents{}; }, out, trace_ptr);
          } else {
            // The same events for every option of iteration i: common random numbers.
            engine::simulate(scratch.params, workspace,
                             PhiloxEventsFor(settings.seed, static_cast<std::uint32_t>(i)), out,
                             trace_ptr);
          }
          store(scratch, i, results.options[o], row,
                settings.per_practice ? batch_traces[o] : no_traces);
        }
      }
    });
    for (std::size_t o = 0; o < batch_traces.size(); ++o) {
      if (sink) {
        sink(output::PracticeBatch{o, first, count, batch_traces[o]});
      } else {
        for (std::size_t k = 0; k < kTraceNames.size(); ++k) {
          auto& kept = results.options[o].practice_traces[k];
          kept.insert(kept.end(), batch_traces[o][k].begin(), batch_traces[o][k].end());
        }
      }
    }
    done = first + count;
    if (rule && done == target) {
      reached = rule->relative_se(results.options.front(), done);
      if (!rule->met(reached) && done < limit) {
        // One more batch, up to the next multiple of kBatchIterations (or the cap).
        target = std::min(limit, (done / kBatchIterations + 1) * kBatchIterations);
        for (auto& option : results.options) grow_option(option, target, years);
        draws.grow(target, done);
      }
    }
  }
  progress.finish();

  results.iterations = done;
  draws.release_into(results, done);
  add_central_case(scenario, results);  // stored beside the Monte Carlo results
  if (rule) {
    results.convergence =
        output::ConvergenceRecord{rule->label(), rule->target(), reached, rule->met(reached), done};
  }
  return results;
}

}  // namespace pcsim::runner
