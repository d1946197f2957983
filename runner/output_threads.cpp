#include "runner/output_threads.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <memory>

namespace pcsim::runner {

output::ParallelFor output_threads(int threads) {
  const int count = std::max(1, threads);
  if (count == 1) return output::sequential_for;
  // As IterationPool: --threads is honoured as given, beyond the core count too.
  struct Pool {
    explicit Pool(int n)
        : allow(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(n)),
          arena(n) {}
    tbb::global_control allow;
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
