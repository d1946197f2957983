#pragma once
// How the output code spreads independent work over the run's threads without owning
// any: the runner passes a ParallelFor (runner/output_threads.hpp makes one on its thread
// count), and sequential_for is the one-thread form. Each body(i) must write only what
// index i owns, so the result does not depend on which thread ran it or when.
#include <cstddef>
#include <functional>

namespace pcsim::output {

struct ParallelFor {
  using Body = std::function<void(std::size_t)>;
  // How many bodies may run at once (the threads): what a caller sizes its batches by.
  std::size_t width = 1;
  // Calls body(i) once for every i in [0, count), in any order, on any of `width` threads,
  // and returns when all have; the first exception a body throws is rethrown here.
  std::function<void(std::size_t count, const Body& body)> run;

  void operator()(std::size_t count, const Body& body) const { run(count, body); }
};

// body(0), body(1), ... on the calling thread.
void run_sequentially(std::size_t count, const ParallelFor::Body& body);
inline const ParallelFor sequential_for{1, run_sequentially};

}  // namespace pcsim::output
