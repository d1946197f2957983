#pragma once
// One iteration of a run as rows of doubles: what a process computes for its share of the
// iterations and sends to rank 0 (runner/distributed_rows.hpp), and what rank 0 copies
// into the run's arrays. With one process the same rows are used, so one and several
// processes take the same path.
//
//   figures row, per option: the per-year metrics ([metric * years + year - 1], the
//     layout of model::SimulationOutput), the scalars, then the value each of the
//     option's scenario entries took (ParameterDraws::draw_values, in the option's order);
//   trace row (--per-practice), per option and per-practice figure (model/
//     simulation_output.hpp order): [practice * years + year - 1].
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "model/simulation_output.hpp"
#include "output/practice_batch.hpp"
#include "output/run_results.hpp"
#include "runner/run_draws.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

class IterationRows {
 public:
  explicit IterationRows(const scenarios::Scenario& scenario);

  std::size_t width() const { return width_; }              // figures row
  std::size_t trace_width() const { return trace_width_; }  // trace row

  // Option o's part of a figures row, as the model writes it (every value NaN first, so a
  // figure the model did not write shows as NaN), and its entries' values.
  model::SimulationOutput output(std::span<double> row, std::size_t option) const;
  std::span<double> values(std::span<double> row, std::size_t option) const;
  // Option o's part of a trace row (NaN first).
  model::PracticeTrace trace(std::span<double> row, std::size_t option) const;

  // Rank 0: copies the figures row of `iteration` into results.options (whose arrays must
  // have room for it) and records its entries' values in `draws`.
  void unpack(std::span<const double> row, std::int64_t iteration, output::RunResults& results,
              RunDraws& draws) const;

  // Rank 0: option o's per-practice figures of `count` consecutive trace rows, as the
  // results file takes them: [figure][row * practices * years + cell].
  std::vector<std::vector<double>> practice_figures(std::span<const double> rows,
                                                    std::int64_t count, std::size_t option) const;

 private:
  int years_;
  std::size_t cells_;                 // practices x years
  std::vector<std::size_t> offset_;   // per option: where its part of a figures row starts
  std::vector<std::size_t> entries_;  // per option: its scenario entries
  std::size_t width_ = 0;
  std::size_t trace_width_ = 0;
};

}  // namespace pcsim::runner
