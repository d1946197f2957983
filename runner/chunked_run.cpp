#include "runner/chunked_run.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "model/metrics.hpp"
#include "model/simulation_output.hpp"
#include "runner/central_case.hpp"
#include "runner/interrupts.hpp"
#include "runner/option_evaluator.hpp"

namespace pcsim::runner {

namespace {

constexpr double kUnwritten = std::numeric_limits<double>::quiet_NaN();

// The per-practice figures of --per-practice, in PracticeTrace's order.
constexpr auto& kTraceNames = model::kPracticeTraceNames;
constexpr auto& kTraceUnits = model::kPracticeTraceUnits;

// Makes room for `iterations` rows; new rows are NaN until their iteration runs. A long
// run's arrays are large (400,000 iterations: about 1 GB, seconds to fill), so SIGINT /
// SIGTERM is heeded between them, as between ranges of iterations.
void grow_option(output::OptionResults& results, std::int64_t iterations, int years) {
  const auto n = static_cast<std::size_t>(iterations);
  const std::size_t values = n * static_cast<std::size_t>(years);
  for (auto& metric : results.by_year) {
    throw_if_interrupted();
    metric.resize(values, kUnwritten);
  }
  for (auto& scalar : results.scalars) {
    throw_if_interrupted();
    scalar.resize(n, kUnwritten);
  }
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

}  // namespace

ChunkedRun::ChunkedRun(const scenarios::Scenario& scenario, const RunSettings& settings,
                       Progress& progress, const PracticeBatchSink& sink,
                       const Communicator& processes)
    : scenario_(scenario),
      settings_(settings),
      progress_(progress),
      sink_(sink),
      processes_(processes),
      root_(processes.root()),
      years_(scenario.options.front().central.horizon_years),
      iterations_(settings.central ? 1 : settings.iterations),
      plan_(settings.central ? SamplingPlan::plain(settings.seed)
                             : SamplingPlan(scenario, settings.seed, iterations_)),
      draws_(scenario, plan_, settings.central, root_ ? iterations_ : 0,
             settings.until_se ? settings.max_iterations : iterations_),
      block_(batch_iterations(settings.per_practice, scenario.practices.practices.size(), years_,
                              scenario.options.size())),
      layout_(scenario),
      trace_width_(settings.per_practice ? layout_.trace_width() : 0),
      work_(processes, settings.threads, kIterationGrain, progress),
      stops_(iterations_, settings.until_se ? settings.max_iterations : iterations_,
             settings.until_se.has_value()),
      reached_(std::nan("")),
      evaluators_(scenario.practices) {
  const auto& baseline = scenario.options.front();
  results_.year_labels = year_labels(baseline.central.start_year, years_);
  results_.warnings = scenario.warnings;
  if (settings.until_se) rule_.emplace(*settings.until_se, results_.year_labels);
  if (root_) {
    const bool keep_traces = settings.per_practice && !sink;
    for (const auto& option : scenario.options) {
      results_.options.push_back(allocate_option(option, iterations_, years_, keep_traces));
    }
    if (settings.per_practice) {
      for (const auto& practice : scenario.practices.practices)
        results_.practice_codes.push_back(practice.code);
    }
  }
  // --until-se: counts towards the cap; the run may stop earlier.
  progress.start(settings.until_se ? settings.max_iterations : iterations_);
}

RowRange ChunkedRun::next_chunk() const {
  return RowRange{done_, stops_.chunk_end(done_, block_ * processes_.size()) - done_};
}

void ChunkedRun::compute(RowRange chunk) {
  mine_ = share_of(chunk, processes_.rank(), processes_.size());
  figures_.assign(static_cast<std::size_t>(mine_.count) * layout_.width(), 0.0);
  traces_.assign(static_cast<std::size_t>(mine_.count) * trace_width_, 0.0);
  const std::size_t options = scenario_.options.size();
  work_.compute(chunk, [&](std::int64_t begin, std::int64_t end) {
    // This thread's evaluator: the model's state vectors, reused (no allocation).
    OptionEvaluator& evaluator = evaluators_.local();
    model::ModelParameters params;
    for (std::int64_t i = begin; i < end; ++i) {
      const auto row = static_cast<std::size_t>(i - mine_.first);
      const auto figure_row =
          std::span<double>(figures_).subspan(row * layout_.width(), layout_.width());
      const auto trace_row = std::span<double>(traces_).subspan(row * trace_width_, trace_width_);
      for (std::size_t o = 0; o < options; ++o) {
        draws_.draw_values(o, i, params, layout_.values(figure_row, o));
        const model::SimulationOutput out = layout_.output(figure_row, o);
        const model::PracticeTrace trace =
            settings_.per_practice ? layout_.trace(trace_row, o) : model::PracticeTrace{};
        const model::PracticeTrace* trace_ptr = settings_.per_practice ? &trace : nullptr;
        if (settings_.central) {
          evaluator.central(params, out, trace_ptr);
        } else {
          evaluator.iteration(params, settings_.seed, i, out, trace_ptr);
        }
      }
    }
  });
}

void ChunkedRun::gather_figures(RowRange chunk) {
  if (root_) {
    for (auto& option : results_.options) grow_option(option, chunk.end(), years_);
    draws_.grow(chunk.end(), done_);
  }
  work_.gather(chunk, layout_.width(), figures_, [&](RowRange share, std::span<const double> rows) {
    for (std::int64_t r = 0; r < share.count; ++r) {
      layout_.unpack(rows.subspan(static_cast<std::size_t>(r) * layout_.width(), layout_.width()),
                     share.first + r, results_, draws_);
    }
  });
}

std::int64_t ChunkedRun::agree_stop(RowRange chunk) {
  std::int64_t stop = -1;
  if (root_) {
    stop = stops_.stop_in(chunk, [&](std::int64_t n) {
      reached_ = rule_->relative_se(results_.options.front(), n);
      return rule_->met(reached_);
    });
  }
  processes_.broadcast(stop);
  stops_.advance_past(chunk.end());  // on every process, so all cut the same chunks
  return stop;
}

void ChunkedRun::write_practices(RowRange chunk, std::int64_t stop) {
  if (!settings_.per_practice) return;
  const std::size_t options = scenario_.options.size();
  const std::int64_t kept_end = stop >= 0 ? stop : chunk.end();
  work_.gather(chunk, trace_width_, traces_, [&](RowRange share, std::span<const double> rows) {
    const std::int64_t count = std::min(share.end(), kept_end) - share.first;
    for (std::size_t o = 0; o < options && count > 0; ++o) {
      std::vector<std::vector<double>> batch = layout_.practice_figures(rows, count, o);
      if (sink_) {
        sink_(output::PracticeBatch{o, share.first, count, batch});
      } else {
        for (std::size_t k = 0; k < batch.size(); ++k) {
          auto& kept = results_.options[o].practice_traces[k];
          kept.insert(kept.end(), batch[k].begin(), batch[k].end());
        }
      }
    }
  });
}

bool ChunkedRun::advance(RowRange chunk, std::int64_t stop) {
  done_ = stop >= 0 ? stop : chunk.end();
  stopped_ = stop >= 0;
  return stopped_;
}

output::RunResults ChunkedRun::finish() {
  if (stopped_)
    progress_.finish_at(done_);
  else
    progress_.finish();
  evaluators_.clear();  // the workspaces are not needed for the summaries and writing
  results_.iterations = done_;
  if (root_) {
    // A chunk may have run past the --until-se stop: its extra rows are dropped.
    for (auto& option : results_.options) shrink_option(option, done_, years_);
    draws_.release_into(results_, done_);
    add_central_case(scenario_, results_);  // stored beside the Monte Carlo results
  }
  if (rule_) {
    results_.convergence = output::ConvergenceRecord{rule_->label(), rule_->target(), reached_,
                                                     rule_->met(reached_), done_};
  }
  return std::move(results_);
}

}  // namespace pcsim::runner
