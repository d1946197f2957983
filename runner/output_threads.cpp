#include "runner/output_threads.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <memory>
#include <optional>

namespace pcsim::runner {

output::ParallelFor output_threads(int threads) {
  const int count = std::max(1, threads);
  if (count == 1) return output::sequential_for;
  // Beyond the core count TBB needs leave (as IterationPool asks for it); within it none
  // is made: a global_control made just after the run's own was destroyed keeps the
  // worker thread out of the next parallel loop (in a small oneTBB program on this
  // machine the first loop of the new arena ran on the calling thread alone).
  struct Pool {
    explicit Pool(int n) : arena(n) {
      if (n > tbb::info::default_concurrency())
        allow.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(n));
    }
    std::optional<tbb::global_control> allow;
    tbb::task_arena arena;
  };
  auto pool = std::make_shared<Pool>(count);
  return {static_cast<std::size_t>(count),
          [pool](std::size_t n, const output::ParallelFor::Body& body) {
            pool->arena.execute([&] {
              tbb::parallel_for(
                  tbb::blocked_range<std::size_t>(0, n, 1),
                  [&](const tbb::blocked_range<std::size_t>& range) {
                    for (std::size_t i = range.begin(); i != range.end(); ++i) body(i);
                  },
                  tbb::simple_partitioner());
            });
          }};
}

}  // namespace pcsim::runner
