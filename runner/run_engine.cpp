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
#include "runner/central_case.hpp"
#include "runner/collective_step.hpp"
#include "runner/distributed_rows.hpp"
#include "runner/iteration_pool.hpp"
#include "runner/iteration_rows.hpp"
#include "runner/option_evaluator.hpp"
#include "runner/parameter_draws.hpp"
#include "runner/run_draws.hpp"
#include "runner/sampling_plan.hpp"
#include "runner/usage_error.hpp"

namespace pcsim::runner {

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

// Drops the rows from `iterations` on (a chunk that ran past an --until-se stop).
void shrink_option(output::OptionResults& results, std::int64_t iterations, int years) {
  const auto n = static_cast<std::size_t>(iterations);
  for (auto& metric : results.by_year) metric.resize(n * static_cast<std::size_t>(years));
  for (auto& scalar : results.scalars) scalar.resize(n);
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

// Where a run may stop, and so where its chunks end. A fixed run stops at its iterations.
// Under --until-se the criterion is checked at the minimum and then at every multiple of
// kBatchIterations up to the cap (run_engine.hpp), whatever the number of processes, so
// the run stops at the same count as with one process.
class StoppingPoints {
 public:
  StoppingPoints(std::int64_t minimum, std::int64_t limit, bool until_se)
      : minimum_(minimum), limit_(limit), until_se_(until_se), next_(minimum) {}

  // Where the chunk from `done` ends: at most `reach` rows on, never past the minimum;
  // after it, at the last check point within reach (so one process runs exactly the
  // batches it always ran, and several processes rarely compute rows past the stop).
  std::int64_t chunk_end(std::int64_t done, std::int64_t reach) const {
    const std::int64_t furthest = std::min(until_se_ ? limit_ : minimum_, done + reach);
    if (!until_se_ || done < minimum_) return std::min(minimum_, furthest);
    std::int64_t last = -1;
    for (std::int64_t c = next_; c <= furthest; c = after(c)) {
      last = c;
      if (c == limit_) break;
    }
    return last > done ? last : furthest;
  }

  // Rank 0: the count the run stops at within `chunk` (-1: none): the first check point
  // that meets the criterion (met(n) over the first n rows), or the cap. Checks in order.
  template <class Met>
  std::int64_t stop_in(RowRange chunk, Met&& met) const {
    if (!until_se_) return chunk.end() >= minimum_ ? minimum_ : -1;
    for (std::int64_t c = next_; c <= chunk.end(); c = after(c)) {
      if (met(c) || c >= limit_) return c;
    }
    return -1;
  }

  // Every process, once the chunk is decided: the check points up to `end` are behind.
  void advance_past(std::int64_t end) {
    while (next_ <= end && next_ < limit_) next_ = after(next_);
  }

 private:
  std::int64_t after(std::int64_t c) const {
    return std::min(limit_, (c / kBatchIterations + 1) * kBatchIterations);
  }
  std::int64_t minimum_, limit_;
  bool until_se_;
  std::int64_t next_;  // the next check point
};

// Iterations per batch (run_engine.hpp): kBatchIterations, halved while one batch's
// per-practice figures of every option would pass kMaxBatchPracticeBytes.
std::int64_t batch_iterations(bool per_practice, std::size_t practices, int years,
                              std::size_t options) {
  std::int64_t batch = kBatchIterations;
  if (!per_practice) return batch;
  const std::size_t row_bytes =
      practices * static_cast<std::size_t>(years) * kTraceNames.size() * options * sizeof(double);
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
      problems.push_back({file, 0, 0, "options." + option.name + ".name", "'" + option.name + "'",
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
                          fmt::format("the baseline's start year ({})", baseline.start_year), ""});
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
  const std::int64_t iterations = settings.central ? 1 : settings.iterations;  // the minimum
  const std::int64_t limit = settings.until_se ? settings.max_iterations : iterations;
  const auto& baseline = scenario.options.front();
  const int years = baseline.central.horizon_years;
  const auto& practices = scenario.practices;
  const std::size_t practice_count = practices.practices.size();
  const std::size_t options = scenario.options.size();
  const bool keep_traces = settings.per_practice && !sink;
  // Rank 0 holds the run's arrays; the other processes only their share of each chunk.
  const bool root = processes.root();

  output::RunResults results;
  results.year_labels = year_labels(baseline.central.start_year, years);
  results.warnings = scenario.warnings;
  std::optional<ConvergenceRule> rule;
  if (settings.until_se) rule.emplace(*settings.until_se, results.year_labels);
  // Built once, shared by every option (common random numbers); outlives `draws`.
  const SamplingPlan plan = settings.central ? SamplingPlan::plain(settings.seed)
                                             : SamplingPlan(scenario, settings.seed, iterations);
  RunDraws draws(scenario, plan, settings.central, root ? iterations : 0, limit);
  if (root) {
    for (const auto& option : scenario.options) {
      results.options.push_back(allocate_option(option, iterations, years, keep_traces));
    }
    if (settings.per_practice) {
      for (const auto& practice : practices.practices)
        results.practice_codes.push_back(practice.code);
    }
  }

  // Chunks of `block` iterations per process (fewer with --per-practice, so that one
  // process's per-practice figures stay within kMaxBatchPracticeBytes).
  const std::int64_t block =
      batch_iterations(settings.per_practice, practice_count, years, options);
  const IterationRows layout(scenario);
  const std::size_t trace_width = settings.per_practice ? layout.trace_width() : 0;
  DistributedRows work(processes, settings.threads, kIterationGrain, progress);
  StoppingPoints stops(iterations, limit, rule.has_value());
  progress.start(limit);  // --until-se: counts towards the cap; the run may stop earlier
  std::int64_t done = 0;
  double reached = std::nan("");
  std::vector<double> figures, traces;
  for (bool finished = false; !finished;) {
    const RowRange chunk{done, stops.chunk_end(done, block * processes.size()) - done};
    const RowRange mine = share_of(chunk, processes.rank(), processes.size());
    figures.assign(static_cast<std::size_t>(mine.count) * layout.width(), 0.0);
    traces.assign(static_cast<std::size_t>(mine.count) * trace_width, 0.0);
    work.compute(chunk, [&](std::int64_t begin, std::int64_t end) {
      // The model's state vectors, reused by every iteration of the range (no allocation).
      OptionEvaluator evaluator(practices);
      model::ModelParameters params;
      for (std::int64_t i = begin; i < end; ++i) {
        const auto row = static_cast<std::size_t>(i - mine.first);
        const auto figure_row =
            std::span<double>(figures).subspan(row * layout.width(), layout.width());
        const auto trace_row = std::span<double>(traces).subspan(row * trace_width, trace_width);
        for (std::size_t o = 0; o < options; ++o) {
          draws.draw_values(o, i, params, layout.values(figure_row, o));
          const model::SimulationOutput out = layout.output(figure_row, o);
          const model::PracticeTrace trace =
              settings.per_practice ? layout.trace(trace_row, o) : model::PracticeTrace{};
          const model::PracticeTrace* trace_ptr = settings.per_practice ? &trace : nullptr;
          if (settings.central) {
            evaluator.central(params, out, trace_ptr);
          } else {
            evaluator.iteration(params, settings.seed, i, out, trace_ptr);
          }
        }
      }
    });
    // Rank 0: the chunk's figures in iteration order, then the --until-se checks that fall
    // in it; every process learns where the run stops (-1: not in this chunk).
    if (root) {
      for (auto& option : results.options) grow_option(option, chunk.end(), years);
      draws.grow(chunk.end(), done);
    }
    work.gather(chunk, layout.width(), figures, [&](RowRange share, std::span<const double> rows) {
      for (std::int64_t r = 0; r < share.count; ++r) {
        layout.unpack(rows.subspan(static_cast<std::size_t>(r) * layout.width(), layout.width()),
                      share.first + r, results, draws);
      }
    });
    std::int64_t stop = -1;
    if (root) {
      stop = stops.stop_in(chunk, [&](std::int64_t n) {
        reached = rule->relative_se(results.options.front(), n);
        return rule->met(reached);
      });
    }
    processes.broadcast(stop);
    stops.advance_past(chunk.end());  // on every process, so all cut the same chunks
    if (settings.per_practice) {
      // Rank 0 writes each process's share as it arrives (rows past the stop are dropped),
      // so no process holds more than one share of per-practice figures.
      const std::int64_t kept_end = stop >= 0 ? stop : chunk.end();
      work.gather(chunk, trace_width, traces, [&](RowRange share, std::span<const double> rows) {
        const std::int64_t count = std::min(share.end(), kept_end) - share.first;
        for (std::size_t o = 0; o < options && count > 0; ++o) {
          std::vector<std::vector<double>> batch = layout.practice_figures(rows, count, o);
          if (sink) {
            sink(output::PracticeBatch{o, share.first, count, batch});
          } else {
            for (std::size_t k = 0; k < batch.size(); ++k) {
              auto& kept = results.options[o].practice_traces[k];
              kept.insert(kept.end(), batch[k].begin(), batch[k].end());
            }
          }
        }
      });
    }
    done = stop >= 0 ? stop : chunk.end();
    finished = stop >= 0;
  }
  progress.finish();

  results.iterations = done;
  if (root) {
    // A chunk may have run past the --until-se stop: its extra rows are dropped.
    for (auto& option : results.options) shrink_option(option, done, years);
    draws.release_into(results, done);
    add_central_case(scenario, results);  // stored beside the Monte Carlo results
  }
  if (rule) {
    results.convergence =
        output::ConvergenceRecord{rule->label(), rule->target(), reached, rule->met(reached), done};
  }
  return results;
}

}  // namespace pcsim::runner
