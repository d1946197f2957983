#pragma once
#include <cstdint>
#include <functional>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include "runner/progress.hpp"

namespace pcsim::runner {

// The worker threads of one run, set up once and used for every batch of iterations.
// run() calls body(begin, end) for consecutive ranges covering [0, count), each at most
// `grain` long and split the same way whatever the thread count, and counts each finished
// range in `progress`. The first exception thrown by body is rethrown on the calling
// thread (the rest of the batch is cancelled). Before each range it checks for SIGINT /
// SIGTERM (runner/interrupts.hpp) and stops the same way, throwing Interrupted.
class IterationPool {
 public:
  IterationPool(int threads, std::int64_t grain);
  IterationPool(const IterationPool&) = delete;
  IterationPool& operator=(const IterationPool&) = delete;

  void run(std::int64_t count, Progress& progress,
           const std::function<void(std::int64_t begin, std::int64_t end)>& body);

 private:
  std::int64_t grain_;
  // TBB caps its workers at the core count unless told otherwise: --threads is honoured
  // as given (more threads than cores is slower, but the user asked for it).
  tbb::global_control allow_;
  tbb::task_arena arena_;
};

}  // namespace pcsim::runner
