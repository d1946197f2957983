#pragma once
// Rows of work spread over the processes of a run and, in each, over its threads, with
// rank 0 receiving every row in order (docs/cli.md, "Running on several processes").
//
// Work comes in chunks of consecutive rows (iterations, design rows, model runs). Each
// chunk is dealt to the processes in contiguous shares, in rank order (share_of); each
// process computes its share on its thread pool (ranges of a fixed grain, as in one
// process), the processes agree that every share succeeded (runner/collective_step.hpp),
// and rank 0 receives the shares in rank order, so it sees the rows in row order. A row's
// values depend only on its index, never on which process or thread computed it, and
// nothing is summed across rows here: rank 0 ends up with exactly the rows one process
// would have computed, whatever the number of processes and threads.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

#include "runner/communicator.hpp"
#include "runner/iteration_pool.hpp"
#include "runner/progress.hpp"

namespace pcsim::runner {

// Rows [first, first + count).
struct RowRange {
  std::int64_t first = 0;
  std::int64_t count = 0;
  std::int64_t end() const { return first + count; }
};

// Process `rank`'s share of `chunk` split between `size` processes: contiguous, in rank
// order, covering the chunk, sizes differing by at most one (the first count % size
// processes take one more).
RowRange share_of(RowRange chunk, int rank, int size);

class DistributedRows {
 public:
  // Calls body(begin, end) for global rows [begin, end); any thread.
  using RangeBody = std::function<void(std::int64_t begin, std::int64_t end)>;
  // Rank 0: the rows of one process's share, `values` holding share.count x width doubles.
  using RowReceiver = std::function<void(RowRange share, std::span<const double> values)>;
  // Fills the rows [begin, end) into `out` ((end - begin) x width doubles); any thread.
  using RowBody = std::function<void(std::int64_t begin, std::int64_t end, std::span<double> out)>;

  // `threads` workers splitting each share into ranges of at most `grain` rows. `progress`
  // counts units_per_row per row: as ranges finish with one process, as chunks reach
  // rank 0 with several (the other processes show none).
  DistributedRows(const Communicator& processes, int threads, std::int64_t grain,
                  Progress& progress, std::int64_t units_per_row = 1);

  const Communicator& processes() const { return processes_; }

  // Computes this process's share of `chunk` (a signal, runner/interrupts.hpp, or an
  // exception in body cancels it) and agrees that every process's succeeded: throws on
  // every process otherwise (one process: body's exception, or Interrupted, unchanged). Collective.
  // Returns the share.
  RowRange compute(RowRange chunk, const RangeBody& body);

  // Rank 0 receives each process's share of `chunk` in rank order (its own from `mine`,
  // share.count x width doubles); agreed like compute, so a receive that throws on rank 0
  // fails every process. Collective.
  void gather(RowRange chunk, std::size_t width, std::span<const double> mine,
              const RowReceiver& receive);

  // Rows [0, count) in chunks of rows_per_process rows per process: compute, then gather.
  void run(std::int64_t count, std::int64_t rows_per_process, std::size_t width,
           const RowBody& body, const RowReceiver& receive);

 private:
  const Communicator& processes_;
  IterationPool pool_;
  Progress& progress_;
  Progress uncounted_;
  std::int64_t units_per_row_;
};

}  // namespace pcsim::runner
