#include "runner/sensitivity_run.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iostream>
#include <span>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/not_a_number.hpp"
#include "model/metrics.hpp"
#include "model/simulation_output.hpp"
#include "output/spearman.hpp"
#include "runner/collective_step.hpp"
#include "runner/distributed_rows.hpp"
#include "runner/iteration_pool.hpp"
#include "runner/option_evaluator.hpp"
#include "runner/parameter_draws.hpp"
#include "runner/progress.hpp"
#include "runner/run_engine.hpp"
#include "runner/sampling_plan.hpp"
#include "runner/sobol_by_year.hpp"
#include "runner/thread_evaluators.hpp"

namespace pcsim::runner {

namespace {

using model::kOutputCount;
constexpr std::size_t kNpvOutput = model::kMetricCount + model::index(model::ScalarMetric::Npv);
// Tornado runs per process in each chunk of work.
constexpr std::int64_t kTornadoRunsPerProcess = 16;

// One model evaluation's figures: every metric for every year, then the scalars. Each
// range of rows makes its own, on its thread's OptionEvaluator (no two threads share one).
class Evaluator {
 public:
  Evaluator(OptionEvaluator& model, int years)
      : model_(model),
        years_(years),
        by_year_(model::kMetricCount * static_cast<std::size_t>(years)),
        scalars_(model::kScalarMetricCount) {}

  // NaN first, so a figure the model did not write shows as NaN (runner/option_evaluator.hpp
  // runs the model).
  void central(const model::ModelParameters& parameters) { model_.central(parameters, reset()); }
  void iteration(const model::ModelParameters& parameters, std::uint64_t seed, std::int64_t i) {
    model_.iteration(parameters, seed, i, reset());
  }

  // Output q (a metric, or kMetricCount + a scalar) in column c (a year, or 0).
  double figure(std::size_t q, std::size_t c) const {
    if (q < model::kMetricCount) return by_year_[q * static_cast<std::size_t>(years_) + c];
    return scalars_[q - model::kMetricCount];
  }

 private:
  model::SimulationOutput reset() {
    std::fill(by_year_.begin(), by_year_.end(), kNaN);
    std::fill(scalars_.begin(), scalars_.end(), kNaN);
    return model::SimulationOutput{years_, by_year_, scalars_};
  }

  OptionEvaluator& model_;
  int years_;
  std::vector<double> by_year_, scalars_;
};

std::size_t columns_of(std::size_t q, std::size_t years) {
  return q < model::kMetricCount ? years : 1;
}

// Sets one entry to the value at cumulative probability u of its distribution.
void set_quantile(const scenarios::ParameterEntry& entry, double u, model::ModelParameters& p) {
  entry.spec->set(p, entry.element, entry.distribution.quantile(u));
}

void check_settings(const SensitivitySettings& s) {
  if (s.iterations < 1 || s.iterations > kMaxIterations) {
    throw InputError(fmt::format("iterations must be between 1 and {} (found {})", kMaxIterations,
                                 s.iterations));
  }
  if (s.sobol_rows < 0 || s.sobol_rows > kMaxIterations) {
    throw InputError(
        fmt::format("--sobol must be between 0 and {} (found {})", kMaxIterations, s.sobol_rows));
  }
  if (s.bootstrap < 0) {
    throw InputError(fmt::format("--bootstrap must not be negative (found {})", s.bootstrap));
  }
}

// What the phases share.
struct Context {
  const scenarios::Scenario& scenario;
  const scenarios::OptionSpec& option;
  const SensitivitySettings& settings;
  Progress& progress;
  const Communicator& processes;
  std::vector<const scenarios::ParameterEntry*> entries;
  model::ModelParameters central;
  std::size_t years = 0;
};

// The Spearman correlation of every uncertain parameter with every output column, from
// the plain Monte Carlo's draws and figures ([q][iteration x columns]).
void spearman_correlations(const Context& ctx, const ParameterDraws& draws,
                           const std::vector<std::vector<double>>& figures,
                           output::SensitivityResults& results) {
  const auto n = static_cast<std::size_t>(ctx.settings.iterations);
  // Each parameter's ranks once; each output column's ranks once when it has no NaN.
  const std::size_t p_count = ctx.entries.size();
  std::vector<std::span<const double>> values(p_count);
  std::vector<std::vector<double>> ranks(p_count);
  for (std::size_t k = 0; k < p_count; ++k) {
    const auto slot = static_cast<std::size_t>(ctx.entries[k] - ctx.option.parameters.data());
    values[k] = draws.columns().at(slot).values;
    ranks[k] = output::average_ranks(values[k]);
  }
  // The run's own worker threads (runner/iteration_pool.hpp), one output column a range.
  Progress quiet(ProgressStyle::Silent, std::cerr);
  IterationPool(ctx.settings.threads, 1)
      .run(static_cast<std::int64_t>(kOutputCount), quiet,
           [&](std::int64_t begin, std::int64_t end) {
             std::vector<double> column(n);
             for (auto q = static_cast<std::size_t>(begin); q < static_cast<std::size_t>(end);
                  ++q) {
               const std::size_t columns = columns_of(q, ctx.years);
               auto& rho = results.outputs[q].spearman;
               rho.assign(p_count * columns, kNaN);
               for (std::size_t c = 0; c < columns; ++c) {
                 for (std::size_t i = 0; i < n; ++i) column[i] = figures[q][i * columns + c];
                 const bool has_nan = std::any_of(column.begin(), column.end(),
                                                  [](double x) { return std::isnan(x); });
                 const std::vector<double> column_ranks =
                     has_nan ? std::vector<double>() : output::average_ranks(column);
                 for (std::size_t k = 0; k < p_count; ++k) {
                   rho[k * columns + c] = has_nan ? output::spearman(values[k], column)
                                                  : output::pearson(ranks[k], column_ranks);
                 }
               }
             }
           });
}

// (a) The plain Monte Carlo, drawn as `pcsim run` draws it, and the Spearman correlations.
void spearman_phase(const Context& ctx, output::SensitivityResults& results) {
  const auto n = static_cast<std::size_t>(ctx.settings.iterations);
  // The run's sampling plan ([sampling]: Latin hypercube, rank correlations), so iteration
  // i draws what iteration i of `pcsim run` with this seed draws.
  const SamplingPlan plan(ctx.scenario, ctx.settings.seed, ctx.settings.iterations);
  const bool root = ctx.processes.root();
  // Rank 0 records every iteration's draws (sent by the processes that drew them).
  ParameterDraws draws(ctx.option, plan, false, root ? ctx.settings.iterations : 0);
  std::vector<std::vector<double>> figures(root ? kOutputCount : 0);  // [q][iteration x columns]
  for (std::size_t q = 0; q < figures.size(); ++q) {
    figures[q].assign(n * columns_of(q, ctx.years), kNaN);
  }
  // One iteration as one row: every output's columns, then the option's entries' values.
  const std::size_t outputs_width = model::kMetricCount * ctx.years + model::kScalarMetricCount;
  const std::size_t entries = ctx.option.parameters.size();
  const std::size_t width = outputs_width + entries;
  DistributedRows work(ctx.processes, ctx.settings.threads, 4, ctx.progress);
  ThreadEvaluators evaluators(ctx.scenario.practices);
  work.run(
      ctx.settings.iterations, kBatchIterations, width,
      [&](std::int64_t begin, std::int64_t end, std::span<double> out) {
        Evaluator evaluator(evaluators.local(), static_cast<int>(ctx.years));
        model::ModelParameters params;
        for (std::int64_t i = begin; i < end; ++i) {
          const auto row = out.subspan(static_cast<std::size_t>(i - begin) * width, width);
          draws.draw_values(i, params, row.subspan(outputs_width, entries));
          evaluator.iteration(params, ctx.settings.seed, i);
          std::size_t at = 0;
          for (std::size_t q = 0; q < kOutputCount; ++q) {
            for (std::size_t c = 0; c < columns_of(q, ctx.years); ++c)
              row[at++] = evaluator.figure(q, c);
          }
        }
      },
      [&](RowRange share, std::span<const double> received) {
        for (std::int64_t r = 0; r < share.count; ++r) {
          const auto i = static_cast<std::size_t>(share.first + r);
          const auto row = received.subspan(static_cast<std::size_t>(r) * width, width);
          std::size_t at = 0;
          for (std::size_t q = 0; q < kOutputCount; ++q) {
            const std::size_t columns = columns_of(q, ctx.years);
            for (std::size_t c = 0; c < columns; ++c) figures[q][i * columns + c] = row[at++];
          }
          draws.record(share.first + r, row.subspan(outputs_width, entries));
        }
      });
  // Rank 0 computes the correlations, in a step of its own: a signal stops them (at the
  // next output) and every process agrees on it.
  all_or_none(ctx.processes, [&] {
    if (root) spearman_correlations(ctx, draws, figures, results);
  });
}

// (b) The central case and each parameter alone at P10 and P90.
void tornado_phase(const Context& ctx, output::SensitivityResults& results) {
  const std::size_t p_count = ctx.entries.size();
  const std::size_t evaluations = 2 * p_count + 1;  // central, then (low, high) per parameter
  std::vector<std::vector<double>> figures(kOutputCount);  // [q][evaluation x columns]
  for (std::size_t q = 0; q < kOutputCount; ++q) {
    figures[q].assign(evaluations * columns_of(q, ctx.years), kNaN);
  }
  const std::size_t width = model::kMetricCount * ctx.years + model::kScalarMetricCount;
  DistributedRows work(ctx.processes, ctx.settings.threads, 1, ctx.progress);
  work.run(
      static_cast<std::int64_t>(evaluations), kTornadoRunsPerProcess, width,
      [&](std::int64_t begin, std::int64_t end, std::span<double> out) {
        OptionEvaluator model(ctx.scenario.practices);  // the central case: no workspace used
        Evaluator evaluator(model, static_cast<int>(ctx.years));
        for (auto e = static_cast<std::size_t>(begin); e < static_cast<std::size_t>(end); ++e) {
          model::ModelParameters params = ctx.central;
          if (e > 0) {
            const std::size_t k = (e - 1) / 2;
            set_quantile(*ctx.entries[k], (e - 1) % 2 == 0 ? kTornadoLow : kTornadoHigh, params);
          }
          evaluator.central(params);
          std::size_t at = (e - static_cast<std::size_t>(begin)) * width;
          for (std::size_t q = 0; q < kOutputCount; ++q) {
            for (std::size_t c = 0; c < columns_of(q, ctx.years); ++c)
              out[at++] = evaluator.figure(q, c);
          }
        }
      },
      [&](RowRange share, std::span<const double> received) {
        for (std::int64_t r = 0; r < share.count; ++r) {
          const auto e = static_cast<std::size_t>(share.first + r);
          std::size_t at = static_cast<std::size_t>(r) * width;
          for (std::size_t q = 0; q < kOutputCount; ++q) {
            const std::size_t columns = columns_of(q, ctx.years);
            for (std::size_t c = 0; c < columns; ++c) figures[q][e * columns + c] = received[at++];
          }
        }
      });
  if (!ctx.processes.root()) return;

  for (std::size_t q = 0; q < kOutputCount; ++q) {
    const std::size_t columns = columns_of(q, ctx.years);
    auto& out = results.outputs[q];
    out.central.assign(figures[q].begin(),
                       figures[q].begin() + static_cast<std::ptrdiff_t>(columns));
    out.tornado.assign(p_count * columns * 3, kNaN);
    for (std::size_t k = 0; k < p_count; ++k) {
      for (std::size_t c = 0; c < columns; ++c) {
        const double low = figures[q][(1 + 2 * k) * columns + c];
        const double high = figures[q][(2 + 2 * k) * columns + c];
        double* cell = &out.tornado[(k * columns + c) * 3];
        cell[0] = low;
        cell[1] = high;
        cell[2] = std::abs(high - low);
      }
    }
  }
  results.tornado_inputs.clear();
  for (const auto* entry : ctx.entries) {
    results.tornado_inputs.push_back(entry->distribution.quantile(kTornadoLow));
    results.tornado_inputs.push_back(entry->distribution.quantile(kTornadoHigh));
  }
  // Largest NPV swing first; NaN swings last; ties keep the scenario's order.
  const auto& npv = results.outputs[kNpvOutput].tornado;
  results.tornado_order.resize(p_count);
  for (std::size_t k = 0; k < p_count; ++k) results.tornado_order[k] = k;
  std::stable_sort(results.tornado_order.begin(), results.tornado_order.end(),
                   [&](std::size_t a, std::size_t b) {
                     const double sa = npv[a * 3 + 2], sb = npv[b * 3 + 2];
                     if (std::isnan(sb)) return !std::isnan(sa);
                     return sa > sb;
                   });
}

// (c) Sobol indices of every output in every column over the Saltelli design, events at
// their expectation (runner/sobol_by_year.hpp); `sobol` keeps the last column's.
void sobol_phase(const Context& ctx, std::size_t option, output::SensitivityResults& results) {
  SobolByYearSettings settings;
  settings.seed = ctx.settings.seed;
  settings.rows = ctx.settings.sobol_rows;
  settings.bootstrap = ctx.settings.bootstrap;
  settings.threads = ctx.settings.threads;
  results.sobol_by_year =
      sobol_by_year(ctx.scenario, option, settings, ctx.progress, ctx.processes);
  if (results.sobol_by_year.outputs.empty()) return;  // no uncertain parameter
  for (std::size_t q = 0; q < kOutputCount; ++q) {
    const output::SobolByYearTable& table = results.sobol_by_year.outputs[q];
    const std::size_t last = table.columns - 1;
    auto& out = results.outputs[q];
    out.sobol_variance = table.variance[last];
    out.sobol_rows_used = table.rows_used[last];
    out.sobol.clear();
    for (std::size_t k = 0; k < ctx.entries.size(); ++k) {
      const double* cell = &table.indices[(k * table.columns + last) * 6];
      out.sobol.insert(out.sobol.end(), cell, cell + 6);
    }
  }
}

}  // namespace

std::vector<const scenarios::ParameterEntry*> uncertain_entries(
    const scenarios::OptionSpec& option) {
  std::vector<const scenarios::ParameterEntry*> entries;
  for (const auto& entry : option.parameters) {
    if (entry.distribution.is_fixed()) continue;
    if (entry.spec == nullptr) {
      throw ModelError("parameter '" + entry.path + "' of option '" + option.name +
                       "' has no registry entry");
    }
    entries.push_back(&entry);
  }
  return entries;
}

model::ModelParameters central_parameters(const scenarios::OptionSpec& option) {
  model::ModelParameters params = option.central;
  for (const auto* entry : uncertain_entries(option)) {
    entry->spec->set(params, entry->element, entry->distribution.central());
  }
  return params;
}

std::size_t option_index(const scenarios::Scenario& scenario, const std::string& name) {
  std::string known;
  for (std::size_t o = 0; o < scenario.options.size(); ++o) {
    if (scenario.options[o].name == name) return o;
    known += (o == 0 ? "" : ", ") + scenario.options[o].name;
  }
  throw InputError(fmt::format("{}: no option named '{}' (the options are: {})",
                               scenario.file.string(), name, known));
}

output::SensitivityResults run_sensitivity(const scenarios::Scenario& scenario, std::size_t option,
                                           const SensitivitySettings& settings, Progress& progress,
                                           const Communicator& processes) {
  all_or_none(processes, [&] {
    check_runnable(scenario);
    check_settings(settings);
  });
  const scenarios::OptionSpec& spec = scenario.options.at(option);
  Context ctx{scenario,
              spec,
              settings,
              progress,
              processes,
              uncertain_entries(spec),
              central_parameters(spec),
              static_cast<std::size_t>(spec.central.horizon_years)};

  output::SensitivityResults results;
  results.option = spec.name;
  results.year_labels = year_labels(spec.central.start_year, spec.central.horizon_years);
  for (const auto* entry : ctx.entries) {
    results.parameters.push_back(entry->path);
    results.distributions.push_back(entry->distribution.describe());
    results.units.emplace_back(entry->spec->unit);
    results.rationales.push_back(entry->rationale);
  }
  results.iterations = settings.iterations;
  results.sobol_rows = settings.sobol_rows;
  results.bootstrap = settings.sobol_rows > 0 ? settings.bootstrap : 0;
  results.outputs.resize(kOutputCount);
  for (std::size_t q = 0; q < kOutputCount; ++q) {
    auto& out = results.outputs[q];
    out.per_year = q < model::kMetricCount;
    out.name = model::output_info(q).name;
    out.unit = model::output_info(q).unit;
  }

  const auto p_count = static_cast<std::int64_t>(ctx.entries.size());
  progress.start(settings.iterations + 2 * p_count + 1 + settings.sobol_rows * (p_count + 2));
  spearman_phase(ctx, results);
  tornado_phase(ctx, results);
  if (settings.sobol_rows > 0) sobol_phase(ctx, option, results);
  progress.finish();
  return results;
}

}  // namespace pcsim::runner
