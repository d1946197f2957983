#include "runner/run_engine.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <limits>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "model/errors.hpp"
#include "model/events.hpp"
#include "model/metrics.hpp"
#include "model/simulate.hpp"
#include "model/simulation_output.hpp"
#include "runner/parameter_draws.hpp"
#include "runner/philox_events.hpp"
#include "runner/sampling_plan.hpp"

namespace pcsim::runner {

namespace {

constexpr double kUnwritten = std::numeric_limits<double>::quiet_NaN();

// The per-practice figures of --per-practice, in PracticeTrace's order.
constexpr std::array<std::string_view, 3> kTraceNames = {"closed", "appointments_gap",
                                                         "funding_per_weighted"};
constexpr std::array<std::string_view, 3> kTraceUnits = {"0/1", "appointments",
                                                         "GBP per weighted patient"};

int line_of(const scenarios::OptionSpec& option, std::string_view path) {
  for (const auto& entry : option.parameters) {
    if (entry.path == path) return entry.line;
  }
  return 0;
}

// The result arrays of one option, allocated in full before any iteration runs.
output::OptionResults allocate_option(const scenarios::OptionSpec& option, std::int64_t iterations,
                                      int years, std::size_t practices, bool per_practice) {
  const auto n = static_cast<std::size_t>(iterations);
  const auto h = static_cast<std::size_t>(years);
  output::OptionResults results;
  results.name = option.name;
  for (std::size_t m = 0; m < model::kMetricCount; ++m) {
    results.metric_names.emplace_back(model::kMetricNames[m]);
    results.metric_units.emplace_back(model::kMetricUnits[m]);
  }
  results.by_year.assign(model::kMetricCount, std::vector<double>(n * h, kUnwritten));
  for (std::size_t s = 0; s < model::kScalarMetricCount; ++s) {
    results.scalar_names.emplace_back(model::kScalarMetricNames[s]);
    results.scalar_units.emplace_back(model::kScalarMetricUnits[s]);
  }
  results.scalars.assign(model::kScalarMetricCount, std::vector<double>(n, kUnwritten));
  if (per_practice) {
    for (std::size_t k = 0; k < kTraceNames.size(); ++k) {
      results.practice_trace_names.emplace_back(kTraceNames[k]);
      results.practice_trace_units.emplace_back(kTraceUnits[k]);
    }
    results.practice_traces.assign(kTraceNames.size(),
                                   std::vector<double>(n * practices * h, kUnwritten));
  }
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
    return model::PracticeTrace{years, traces[0], traces[1], traces[2]};
  }

  int years;
  model::ModelParameters params;
  std::vector<double> by_year;
  std::vector<double> scalars;
  std::vector<std::vector<double>> traces;
};

// Copies one iteration's figures from the scratch into that iteration's rows.
void store(const Scratch& scratch, std::int64_t iteration, output::OptionResults& results) {
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
              results.practice_traces[k].begin() + static_cast<std::ptrdiff_t>(i * trace.size()));
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
  if (count <= 0) return;
  // simple_partitioner splits down to the fixed grain whatever the thread count, so the
  // ranges (and any per-range work) are the same at 1 thread and at 64.
  const int concurrency = std::max(1, threads);
  // TBB caps its workers at the core count unless told otherwise: --threads is honoured
  // as given (more threads than cores is slower, but the user asked for it).
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(concurrency));
  tbb::task_arena arena(concurrency);
  arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<std::int64_t>(0, count, kIterationGrain),
        [&](const tbb::blocked_range<std::int64_t>& range) {
          body(range.begin(), range.end());
          progress.advance(range.end() - range.begin());
        },
        tbb::simple_partitioner());
  });
}

output::RunResults run_scenario(const scenarios::Scenario& scenario, const RunSettings& settings,
                                Progress& progress) {
  check_runnable(scenario);
  if (!settings.central && (settings.iterations < 1 || settings.iterations > kMaxIterations)) {
    throw InputError(fmt::format("iterations must be between 1 and {} (found {})",
                                 kMaxIterations, settings.iterations));
  }
  const std::int64_t iterations = settings.central ? 1 : settings.iterations;
  const auto& baseline = scenario.options.front();
  const int years = baseline.central.horizon_years;
  const auto& practices = scenario.practices;
  const std::size_t practice_count = practices.practices.size();

  output::RunResults results;
  results.year_labels = year_labels(baseline.central.start_year, years);
  results.iterations = iterations;
  // Built once, shared by every option (common random numbers); outlives `draws`.
  const SamplingPlan plan = settings.central ? SamplingPlan::plain(settings.seed)
                                             : SamplingPlan(scenario, settings.seed, iterations);
  std::vector<ParameterDraws> draws;
  draws.reserve(scenario.options.size());
  for (const auto& option : scenario.options) {
    draws.emplace_back(option, plan, settings.central, iterations);
    results.options.push_back(
        allocate_option(option, iterations, years, practice_count, settings.per_practice));
  }
  if (settings.per_practice) {
    for (const auto& practice : practices.practices) results.practice_codes.push_back(practice.code);
  }

  progress.start(iterations);
  parallel_iterations(iterations, settings.threads, progress, [&](std::int64_t begin,
                                                                   std::int64_t end) {
    Scratch scratch(years, practice_count, settings.per_practice);
    for (std::int64_t i = begin; i < end; ++i) {
      for (std::size_t o = 0; o < scenario.options.size(); ++o) {
        draws[o].draw(i, scratch.params);
        const model::SimulationOutput out = scratch.output();
        const model::PracticeTrace trace =
            settings.per_practice ? scratch.trace() : model::PracticeTrace{};
        const model::PracticeTrace* trace_ptr = settings.per_practice ? &trace : nullptr;
        if (settings.central) {
          model::simulate(scratch.params, practices,
                          [](std::size_t, int) { return model::ExpectationEvents{}; }, out,
                          trace_ptr);
        } else {
          // The same events for every option of iteration i: common random numbers.
          model::simulate(scratch.params, practices,
                          PhiloxEventsFor(settings.seed, static_cast<std::uint32_t>(i)), out,
                          trace_ptr);
        }
        store(scratch, i, results.options[o]);
      }
    }
  });
  progress.finish();

  // The baseline's entries are the run's parameters; each other option keeps only what it
  // sets itself (what it inherits equals the baseline's column, draw for draw).
  results.parameters = draws.front().release_columns();
  for (std::size_t o = 1; o < scenario.options.size(); ++o) {
    auto columns = draws[o].release_columns();
    const auto& entries = scenario.options[o].parameters;
    for (std::size_t k = 0; k < entries.size(); ++k) {
      if (overrides_baseline(entries[k], baseline)) {
        results.options[o].parameters.push_back(std::move(columns[k]));
      }
    }
  }
  return results;
}

}  // namespace pcsim::runner
