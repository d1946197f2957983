#pragma once
// Everything of a results file except the per-practice datasets: provenance attributes,
// /years, /parameters, /options/<option>/... (docs/output-format.md). Implemented in
// results_writer.cpp; called by ResultsFile::finish (output/results_file.cpp).
#include <hdf5.h>

#include "output/parallel_for.hpp"
#include "output/run_results.hpp"

namespace pcsim::output {

// Writes `results` and `provenance` under `root`. /options and the option groups may
// already exist (holding practices/); everything else must not. `results` must have
// passed validate_for_writing. The summaries, correlations and compression of the
// per-iteration datasets run through `parallel`; HDF5 is called on this thread only.
void write_contents(hid_t root, const RunResults& results, const Provenance& provenance,
                    const ParallelFor& parallel);

}  // namespace pcsim::output
