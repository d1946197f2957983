#include "runner/iteration_pool.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>

#include <algorithm>

#include "runner/interrupts.hpp"

namespace pcsim::runner {

IterationPool::IterationPool(int threads, std::int64_t grain)
    : grain_(std::max<std::int64_t>(1, grain)),
      allow_(tbb::global_control::max_allowed_parallelism,
             static_cast<std::size_t>(std::max(1, threads))),
      arena_(std::max(1, threads)) {}

void IterationPool::run(std::int64_t count, Progress& progress,
                        const std::function<void(std::int64_t begin, std::int64_t end)>& body) {
  if (count <= 0) return;
  throw_if_interrupted();
  // simple_partitioner splits down to the fixed grain whatever the thread count, so the
  // ranges (and any per-range work) are the same at 1 thread and at 64.
  arena_.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<std::int64_t>(0, count, static_cast<std::size_t>(grain_)),
        [&](const tbb::blocked_range<std::int64_t>& range) {
          // SIGINT / SIGTERM (runner/interrupts.hpp): the exception cancels the loop's
          // remaining ranges and reaches the caller, like any exception of the body.
          throw_if_interrupted();
          body(range.begin(), range.end());
          progress.advance(range.end() - range.begin());
        },
        tbb::simple_partitioner());
  });
}

}  // namespace pcsim::runner
