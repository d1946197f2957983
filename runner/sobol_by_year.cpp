#include "runner/sobol_by_year.hpp"

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
#include "runner/iteration_pool.hpp"
#include "runner/option_evaluator.hpp"
#include "runner/run_engine.hpp"
#include "runner/sensitivity_run.hpp"
#include "runner/sobol.hpp"

namespace pcsim::runner {

namespace {

// Design rows per process in each chunk of work (each row is P + 2 model runs).
constexpr std::int64_t kSobolRowsPerProcess = 16;

void check(const SobolByYearSettings& s) {
  if (s.rows < 1 || s.rows > kMaxIterations) {
    throw InputError(
        fmt::format("--sobol must be between 1 and {} (found {})", kMaxIterations, s.rows));
  }
  if (s.bootstrap < 0) {
    throw InputError(fmt::format("--bootstrap must not be negative (found {})", s.bootstrap));
  }
}

}  // namespace

std::int64_t sobol_runs(const scenarios::OptionSpec& option, std::int64_t rows) {
  const auto p = static_cast<std::int64_t>(uncertain_entries(option).size());
  return p == 0 ? 0 : rows * (p + 2);
}

output::OptionSobol sobol_by_year(const scenarios::Scenario& scenario, std::size_t option,
                                  const SobolByYearSettings& settings, Progress& progress,
                                  const Communicator& processes) {
  all_or_none(processes, [&] { check(settings); });
  const scenarios::OptionSpec& spec = scenario.options.at(option);
  const auto entries = uncertain_entries(spec);
  const model::ModelParameters central = central_parameters(spec);
  const int years = spec.central.horizon_years;
  const auto h = static_cast<std::size_t>(years);
  const std::size_t p_count = entries.size();
  const auto rows = static_cast<std::size_t>(settings.rows);
  output::OptionSobol result;
  result.option = spec.name;
  for (const auto* entry : entries) result.parameters.push_back(entry->path);
  if (p_count == 0) return result;

  const SaltelliDesign design(settings.seed, rows, result.parameters);
  const std::size_t metric_columns = model::kMetricCount * h;
  const std::size_t columns = metric_columns + model::kScalarMetricCount;
  const std::size_t matrices = design.matrices();
  // Design row j's runs, one per matrix, as one row of matrices x columns figures, spread
  // over the processes (runner/distributed_rows.hpp); progress counts model runs.
  const std::size_t width = matrices * columns;
  // Rank 0: values[c][m * rows + j], column c of the run at row j of matrix m.
  std::vector<std::vector<double>> values;
  if (processes.root()) values.assign(columns, std::vector<double>(matrices * rows, kNaN));
  DistributedRows work(processes, settings.threads, 1, progress,
                       static_cast<std::int64_t>(matrices));
  work.run(
      settings.rows, kSobolRowsPerProcess, width,
      [&](std::int64_t begin, std::int64_t end, std::span<double> out) {
        std::vector<double> u(p_count);
        const OptionEvaluator model(scenario.practices);
        for (auto j = static_cast<std::size_t>(begin); j < static_cast<std::size_t>(end); ++j) {
          const auto row = out.subspan((j - static_cast<std::size_t>(begin)) * width, width);
          for (std::size_t m = 0; m < matrices; ++m) {
            design.point(m, j, u);
            model::ModelParameters params = central;
            for (std::size_t k = 0; k < p_count; ++k) {
              entries[k]->spec->set(params, entries[k]->element,
                                    entries[k]->distribution.quantile(u[k]));
            }
            const auto run = row.subspan(m * columns, columns);
            std::fill(run.begin(), run.end(), kNaN);
            model.central(params, model::SimulationOutput{years, run.subspan(0, metric_columns),
                                                          run.subspan(metric_columns)});
          }
        }
      },
      [&](RowRange share, std::span<const double> received) {
        for (std::int64_t r = 0; r < share.count; ++r) {
          const auto j = static_cast<std::size_t>(share.first + r);
          const double* row = received.data() + static_cast<std::size_t>(r) * width;
          for (std::size_t m = 0; m < matrices; ++m) {
            for (std::size_t c = 0; c < columns; ++c)
              values[c][m * rows + j] = row[m * columns + c];
          }
        }
      });
  // Rank 0 estimates the indices of every column, in parallel over the columns (each
  // writes its own), in a step of its own: a signal stops the estimates (runner/
  // interrupts.hpp) and every process agrees on it.
  std::vector<SobolEstimate> estimates;
  all_or_none(processes, [&] {
    if (!processes.root()) return;
    estimates.resize(columns);
    Progress quiet(ProgressStyle::Silent, std::cerr);
    IterationPool(settings.threads, 1)
        .run(static_cast<std::int64_t>(columns), quiet, [&](std::int64_t begin, std::int64_t end) {
          for (auto c = static_cast<std::size_t>(begin); c < static_cast<std::size_t>(end); ++c) {
            estimates[c] =
                sobol_indices(values[c], rows, p_count, settings.bootstrap, settings.seed);
          }
        });
  });
  if (!processes.root()) return result;

  for (std::size_t q = 0; q < model::kOutputCount; ++q) {
    output::SobolByYearTable t;
    t.per_year = q < model::kMetricCount;
    t.name = model::output_info(q).name;
    t.unit = model::output_info(q).unit;
    t.columns = t.per_year ? h : 1;
    const std::size_t first = t.per_year ? q * h : metric_columns + (q - model::kMetricCount);
    t.indices.assign(p_count * t.columns * 6, kNaN);
    for (std::size_t c = 0; c < t.columns; ++c) {
      const SobolEstimate& e = estimates[first + c];
      t.variance.push_back(e.variance);
      t.rows_used.push_back(static_cast<std::int64_t>(e.rows_used));
      for (std::size_t k = 0; k < p_count; ++k) {
        const SobolIndex& s = e.indices[k];
        double* cell = &t.indices[(k * t.columns + c) * 6];
        cell[0] = s.first_order;
        cell[1] = s.first_order_low;
        cell[2] = s.first_order_high;
        cell[3] = s.total;
        cell[4] = s.total_low;
        cell[5] = s.total_high;
      }
    }
    result.outputs.push_back(std::move(t));
  }
  return result;
}

output::RunSobol run_sobol(const scenarios::Scenario& scenario, const SobolByYearSettings& settings,
                           Progress& progress, const Communicator& processes) {
  all_or_none(processes, [&] { check(settings); });
  output::RunSobol result;
  result.rows = settings.rows;
  result.bootstrap = settings.bootstrap;
  std::int64_t runs = 0;
  for (const auto& option : scenario.options) runs += sobol_runs(option, settings.rows);
  progress.start(runs);
  for (std::size_t o = 0; o < scenario.options.size(); ++o) {
    if (sobol_runs(scenario.options[o], settings.rows) == 0) continue;
    result.options.push_back(sobol_by_year(scenario, o, settings, progress, processes));
  }
  progress.finish();
  return result;
}

}  // namespace pcsim::runner
