#pragma once
// The planner analytics from an open file, for the readers inside output/ (the public
// header stays free of HDF5, which only output/ may see).
#include <hdf5.h>

#include "output/analytics_results.hpp"

namespace pcsim::output {

// Whatever of /options/<o>/drivers, /comparison/evppi and /sensitivity/<o>/sobol_by_year
// the file under `root` holds. Throws OutputError (without the file's name) when a part
// present does not have the documented layout.
AnalyticsResults read_analytics_parts(hid_t root);

}  // namespace pcsim::output
