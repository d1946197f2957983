#include "runner/driver_run.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <vector>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/not_a_number.hpp"
#include "model/metrics.hpp"
#include "runner/collective_step.hpp"
#include "runner/distributed_rows.hpp"
#include "runner/drivers.hpp"
#include "runner/option_evaluator.hpp"
#include "runner/parameter_draws.hpp"
#include "runner/row_moments.hpp"
#include "runner/run_engine.hpp"
#include "runner/sampling_plan.hpp"
#include "runner/sensitivity_run.hpp"
#include "runner/shapley.hpp"
#include "runner/thread_evaluators.hpp"

namespace pcsim::runner {

namespace {

// Iterations per process whose splits are held at once before rank 0 adds them up in
// iteration order.
constexpr std::int64_t kBatch = 32;
// Central runs per process in each chunk of work.
constexpr std::int64_t kCentralRunsPerProcess = 16;

// Every figure of one run in one row: the metrics year by year, then the scalars.
std::size_t columns_of_run(int years) {
  return model::kMetricCount * static_cast<std::size_t>(years) + model::kScalarMetricCount;
}

// Runs `params` and writes its figures into `row` (NaN first, so a figure the model did
// not write shows as NaN).
template <class Run>
void evaluate(int years, std::span<double> row, Run&& run) {
  std::fill(row.begin(), row.end(), kNaN);
  const std::size_t metrics = model::kMetricCount * static_cast<std::size_t>(years);
  const model::SimulationOutput out{years, row.subspan(0, metrics), row.subspan(metrics)};
  run(out);
}

// The rows of one decomposition of one column (a waterfall, then the drivers alone and
// the interaction): 2k + 3 values, in the order of output::DriverTable.
void split_rows(const ShapleySplit& split, std::span<double> rows) {
  const std::size_t k = split.contribution.size();
  rows[0] = split.start;
  for (std::size_t j = 0; j < k; ++j) rows[1 + j] = split.contribution[j];
  rows[k + 1] = split.end;
  for (std::size_t j = 0; j < k; ++j) rows[k + 2 + j] = split.alone[j];
  rows[2 * k + 2] = split.interaction;
}

// values[mask * columns + c] for one option (or the option - baseline differences):
// rows[c * R + r], R = 2k + 3.
void split_all(std::span<const double> values, std::size_t drivers, std::size_t columns,
               std::span<double> rows) {
  const std::size_t subsets = std::size_t{1} << drivers;
  const std::size_t r_count = 2 * drivers + 3;
  std::vector<double> game(subsets);
  for (std::size_t c = 0; c < columns; ++c) {
    for (std::size_t m = 0; m < subsets; ++m) game[m] = values[m * columns + c];
    split_rows(shapley_split(game, drivers), rows.subspan(c * r_count, r_count));
  }
}

// The tables of one decomposition from its rows ([c * R + r]) and, when stochastic, the
// standard errors of the same layout.
std::vector<output::DriverTable> tables_from_rows(std::span<const double> rows,
                                                  std::span<const double> se, std::size_t drivers,
                                                  int years) {
  const std::size_t r_count = 2 * drivers + 3;
  const auto h = static_cast<std::size_t>(years);
  std::vector<output::DriverTable> tables;
  for (std::size_t q = 0; q < model::kOutputCount; ++q) {
    output::DriverTable t;
    t.per_year = q < model::kMetricCount;
    t.name = model::output_info(q).name;
    t.unit = model::output_info(q).unit;
    t.columns = t.per_year ? h : 1;
    const std::size_t first =
        t.per_year ? q * h : model::kMetricCount * h + (q - model::kMetricCount);
    t.waterfall.assign((drivers + 2) * t.columns, kNaN);
    t.alone.assign((drivers + 1) * t.columns, kNaN);
    if (!se.empty()) {
      t.waterfall_se.assign(t.waterfall.size(), kNaN);
      t.alone_se.assign(t.alone.size(), kNaN);
    }
    for (std::size_t c = 0; c < t.columns; ++c) {
      const std::size_t base = (first + c) * r_count;
      for (std::size_t r = 0; r < drivers + 2; ++r) {
        t.waterfall[r * t.columns + c] = rows[base + r];
        if (!se.empty()) t.waterfall_se[r * t.columns + c] = se[base + r];
      }
      for (std::size_t r = 0; r < drivers + 1; ++r) {
        t.alone[r * t.columns + c] = rows[base + drivers + 2 + r];
        if (!se.empty()) t.alone_se[r * t.columns + c] = se[base + drivers + 2 + r];
      }
    }
    tables.push_back(std::move(t));
  }
  return tables;
}

void check_settings(const DriverSettings& s) {
  if (s.iterations < 0 || s.iterations > kMaxIterations) {
    throw InputError(fmt::format("--driver-iterations must be between 0 and {} (found {})",
                                 kMaxIterations, s.iterations));
  }
  if (s.iterations > 0 && s.iterations > s.run_iterations) {
    throw InputError(fmt::format("--driver-iterations ({}) cannot exceed the run's iterations ({})",
                                 s.iterations, s.run_iterations));
  }
}

}  // namespace

std::int64_t driver_runs(const scenarios::Scenario& scenario, const DriverSettings& settings) {
  const std::size_t k = active_drivers(scenario, settings.iterations > 0).size();
  return static_cast<std::int64_t>(scenario.options.size()) * (std::int64_t{1} << k) *
         std::max<std::int64_t>(1, settings.iterations);
}

output::DriverResults run_drivers(const scenarios::Scenario& scenario,
                                  const DriverSettings& settings, Progress& progress,
                                  const Communicator& processes) {
  return run_drivers(scenario, settings, active_drivers(scenario, settings.iterations > 0),
                     progress, processes);
}

output::DriverResults run_drivers(const scenarios::Scenario& scenario,
                                  const DriverSettings& settings,
                                  const std::vector<const Driver*>& drivers, Progress& progress,
                                  const Communicator& processes) {
  const std::size_t k = drivers.size();
  all_or_none(processes, [&] {
    check_runnable(scenario);
    check_settings(settings);
    if (k > kMaxShapleyPlayers) {
      throw InputError(fmt::format("{} drivers: at most {}", k, kMaxShapleyPlayers));
    }
  });
  const bool stochastic = settings.iterations > 0;
  const std::size_t subsets = std::size_t{1} << k;
  const std::size_t options = scenario.options.size();
  const int years = scenario.options.front().central.horizon_years;
  const std::size_t columns = columns_of_run(years);
  const std::size_t r_count = 2 * k + 3;
  const auto& practices = scenario.practices;

  output::DriverResults results;
  for (const Driver* d : drivers) {
    results.drivers.emplace_back(d->name);
    results.labels.emplace_back(d->label);
    results.switches.push_back(switches_text(*d));
  }
  for (const Driver& d : driver_catalogue()) {
    if (std::find(drivers.begin(), drivers.end(), &d) == drivers.end()) {
      results.inactive.emplace_back(d.name);
    }
  }
  results.evaluation = stochastic ? "stochastic" : "central";
  results.iterations = stochastic ? settings.iterations : 1;

  const std::int64_t runs_per_iteration = static_cast<std::int64_t>(options * subsets);
  progress.start(runs_per_iteration * std::max<std::int64_t>(1, settings.iterations));
  const bool root = processes.root();
  // rows[o][kind]: kind 0 the option's change, 1 option - baseline; [c * R + r].
  std::vector<std::vector<std::vector<double>>> rows(
      options, std::vector<std::vector<double>>(2, std::vector<double>(columns * r_count, kNaN)));
  std::vector<std::vector<std::vector<double>>> errors(options,
                                                       std::vector<std::vector<double>>(2));

  if (!stochastic) {
    // One row per (option, subset) central run, spread over the processes; rank 0 splits.
    std::vector<std::vector<double>> values(root ? options : 0,
                                            std::vector<double>(subsets * columns));
    std::vector<model::ModelParameters> central;
    for (const auto& option : scenario.options) central.push_back(central_parameters(option));
    DistributedRows work(processes, settings.threads, 1, progress);
    work.run(
        runs_per_iteration, kCentralRunsPerProcess, columns,
        [&](std::int64_t begin, std::int64_t end, std::span<double> out) {
          const OptionEvaluator model(practices);
          for (std::int64_t task = begin; task < end; ++task) {
            const auto o = static_cast<std::size_t>(task) / subsets;
            const auto m = static_cast<std::size_t>(task) % subsets;
            const model::ModelParameters params = with_drivers(central[o], drivers, m);
            evaluate(years, out.subspan(static_cast<std::size_t>(task - begin) * columns, columns),
                     [&](const model::SimulationOutput& out) { model.central(params, out); });
          }
        },
        [&](RowRange share, std::span<const double> received) {
          for (std::int64_t r = 0; r < share.count; ++r) {
            const auto task = static_cast<std::size_t>(share.first + r);
            std::copy_n(received.data() + static_cast<std::size_t>(r) * columns, columns,
                        values[task / subsets].begin() +
                            static_cast<std::ptrdiff_t>((task % subsets) * columns));
          }
        });
    std::vector<double> difference(subsets * columns);
    for (std::size_t o = 0; o < values.size(); ++o) {
      split_all(values[o], k, columns, rows[o][0]);
      if (o == 0) continue;
      for (std::size_t i = 0; i < difference.size(); ++i)
        difference[i] = values[o][i] - values[0][i];
      split_all(difference, k, columns, rows[o][1]);
    }
  } else {
    const SamplingPlan plan(scenario, settings.seed, settings.run_iterations);
    std::vector<ParameterDraws> draws;  // drawn, not recorded (draw_values)
    for (const auto& option : scenario.options) draws.emplace_back(option, plan, false, 0);
    std::vector<std::vector<RowMoments>> moments(options, std::vector<RowMoments>(2));
    // One iteration's splits as one row: [o][kind][c * R + r]. The processes compute their
    // shares of each chunk; rank 0 adds the rows in iteration order, so the sums are the
    // same for any number of processes and threads.
    const std::size_t kind_size = columns * r_count;
    const std::size_t per_iteration = options * 2 * kind_size;
    DistributedRows work(processes, settings.threads, 1, progress, runs_per_iteration);
    ThreadEvaluators evaluators(practices);
    work.run(
        settings.iterations, kBatch, per_iteration,
        [&](std::int64_t begin, std::int64_t end, std::span<double> out) {
          OptionEvaluator& model = evaluators.local();
          std::vector<double> values(options * subsets * columns);
          std::vector<double> difference(subsets * columns);
          model::ModelParameters drawn;
          std::vector<std::vector<double>> entry_values;
          for (const auto& option : scenario.options)
            entry_values.emplace_back(option.parameters.size());
          for (std::int64_t i = begin; i < end; ++i) {
            for (std::size_t o = 0; o < options; ++o) {
              draws[o].draw_values(i, drawn, entry_values[o]);
              for (std::size_t m = 0; m < subsets; ++m) {
                const model::ModelParameters params = with_drivers(drawn, drivers, m);
                evaluate(years,
                         std::span<double>(values).subspan((o * subsets + m) * columns, columns),
                         [&](const model::SimulationOutput& out) {
                           model.iteration(params, settings.seed, i, out);
                         });
              }
            }
            const auto mine =
                out.subspan(static_cast<std::size_t>(i - begin) * per_iteration, per_iteration);
            std::fill(mine.begin(), mine.end(), kNaN);
            const std::span<const double> all(values);
            for (std::size_t o = 0; o < options; ++o) {
              const auto option_values = all.subspan(o * subsets * columns, subsets * columns);
              split_all(option_values, k, columns, mine.subspan((o * 2) * kind_size, kind_size));
              if (o == 0) continue;
              for (std::size_t v = 0; v < difference.size(); ++v)
                difference[v] = option_values[v] - all[v];
              split_all(difference, k, columns, mine.subspan((o * 2 + 1) * kind_size, kind_size));
            }
          }
        },
        [&](RowRange share, std::span<const double> received) {
          // Added in iteration order: the same sums for any number of processes and threads.
          for (std::int64_t row = 0; row < share.count; ++row) {
            const double* mine = received.data() + static_cast<std::size_t>(row) * per_iteration;
            for (std::size_t o = 0; o < options; ++o) {
              for (std::size_t kind = 0; kind < (o == 0 ? 1u : 2u); ++kind) {
                moments[o][kind].add(
                    std::span<const double>(mine + (o * 2 + kind) * kind_size, kind_size));
              }
            }
          }
        });
    if (root) {
      const auto n = static_cast<double>(settings.iterations);
      for (std::size_t o = 0; o < options; ++o) {
        for (std::size_t kind = 0; kind < (o == 0 ? 1u : 2u); ++kind) {
          moments[o][kind].finish(n, rows[o][kind], errors[o][kind]);
        }
      }
    }
  }
  progress.finish();
  if (!root) return results;

  for (std::size_t o = 0; o < options; ++o) {
    output::OptionDrivers option;
    option.option = scenario.options[o].name;
    option.change = tables_from_rows(rows[o][0], errors[o][0], k, years);
    if (o > 0) option.vs_baseline = tables_from_rows(rows[o][1], errors[o][1], k, years);
    results.options.push_back(std::move(option));
  }
  return results;
}

}  // namespace pcsim::runner
