#pragma once
// The run's threads lent to the output for the end of a run (the summaries, correlations
// and compression of output::ResultsFile::finish): the runner owns the threads, the output
// only receives a ParallelFor.
#include "output/parallel_for.hpp"

namespace pcsim::runner {

// A ParallelFor on `threads` threads (oneTBB; at least 1): each index is one task, so
// the small and large items of an end of a run balance over the threads.
output::ParallelFor output_threads(int threads);

}  // namespace pcsim::runner
