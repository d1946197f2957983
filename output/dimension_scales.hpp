#pragma once
// Dimension scales (the HDF5 high-level H5DS API) on a results file's per-iteration data,
// so xarray, netCDF tools and h5py see named dimensions instead of phony_dim_0
// (docs/output-format.md, "Dimensions"). Called once everything else is written.
#include <hdf5.h>

#include "output/run_results.hpp"

namespace pcsim::output {

// Under `root`: creates /iteration (int64 0..n-1) and, when the file holds --per-practice
// figures, /practices (the practice codes), marks them and /years as dimension scales, and
// attaches them, with the labels iteration / practice / year, to every dimension of every
// [iterations x years], [iterations], [iterations x practices x years] and
// [practices x years] dataset under /options, /parameters and /comparison, and to the
// [years] datasets of /options/<o>/central. Throws OutputError on an HDF5 failure.
void attach_dimension_scales(hid_t root, const RunResults& results);

}  // namespace pcsim::output
