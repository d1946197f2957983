#pragma once
// Writes the run's Spearman correlations (output/run_spearman.hpp) under
// /sensitivity/<option>/spearman/<metric> of a results file. Used by the final write.
#include <hdf5.h>

#include "output/parallel_for.hpp"
#include "output/run_results.hpp"

namespace pcsim::output {

// For every option with at least one varying parameter and at least 3 iterations: a
// float64 dataset [parameters x years] per metric ([parameters x 1] per scalar) with
// attributes `parameters` (row names), `columns` (years, or "horizon") and `method`. The
// correlations are computed through `parallel`.
void write_run_spearman(hid_t root, const RunResults& results, const ParallelFor& parallel);

}  // namespace pcsim::output
