#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "output/run_results.hpp"
#include "runner/communicator.hpp"
#include "runner/convergence.hpp"
#include "runner/distributed_rows.hpp"
#include "runner/iteration_rows.hpp"
#include "runner/progress.hpp"
#include "runner/run_draws.hpp"
#include "runner/run_engine.hpp"
#include "runner/sampling_plan.hpp"
#include "runner/thread_evaluators.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

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

// The steps of one run_scenario (runner/run_engine.hpp), which calls them in a loop over
// chunks of iterations until the run stops:
//   next_chunk      the next rows: a chunk of kBatchIterations per process (fewer with
//                   --per-practice), cut at the --until-se check points;
//   compute         every process its share of the chunk, on its threads, every option
//                   through the one OptionEvaluator (runner/option_evaluator.hpp);
//   gather_figures  rank 0 receives the shares in rank order: the figures and the
//                   parameter draws in iteration order;
//   agree_stop      rank 0 checks --until-se within the chunk; every process learns where
//                   the run stops (-1: not in this chunk);
//   write_practices --per-practice: each process's share handed to the sink (or kept) as
//                   it arrives, rows past the stop dropped;
//   advance         past the chunk; true when the run has stopped;
//   finish          rank 0 trims rows past the stop, stores the draws and adds the central
//                   case; the convergence record.
// Rank 0 holds the run's arrays; the other processes only their share of each chunk.
class ChunkedRun {
 public:
  ChunkedRun(const scenarios::Scenario& scenario, const RunSettings& settings, Progress& progress,
             const PracticeBatchSink& sink, const Communicator& processes);

  RowRange next_chunk() const;
  void compute(RowRange chunk);
  void gather_figures(RowRange chunk);
  std::int64_t agree_stop(RowRange chunk);
  void write_practices(RowRange chunk, std::int64_t stop);
  bool advance(RowRange chunk, std::int64_t stop);
  output::RunResults finish();

 private:
  const scenarios::Scenario& scenario_;
  const RunSettings& settings_;
  Progress& progress_;
  const PracticeBatchSink& sink_;
  const Communicator& processes_;
  bool root_;
  int years_;
  std::int64_t iterations_;  // the minimum (the only count without --until-se)
  output::RunResults results_;
  std::optional<ConvergenceRule> rule_;
  // Built once, shared by every option (common random numbers); outlives draws_.
  SamplingPlan plan_;
  RunDraws draws_;
  std::int64_t block_;  // iterations per process in a chunk
  IterationRows layout_;
  std::size_t trace_width_;
  DistributedRows work_;
  StoppingPoints stops_;
  std::int64_t done_ = 0;
  bool stopped_ = false;  // --until-se stopped the run at done_
  double reached_;        // the relative standard error at the last --until-se check
  RowRange mine_{};
  std::vector<double> figures_, traces_;  // this process's share of the chunk
  ThreadEvaluators evaluators_;           // one a worker thread, for the whole run
};

}  // namespace pcsim::runner
