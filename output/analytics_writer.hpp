#pragma once
// Writes whatever planner analytics a run computed (output/analytics_results.hpp) into its
// results file: the change by driver, EVPPI and Sobol indices by year.
#include <hdf5.h>

#include "output/run_results.hpp"

namespace pcsim::output {

// Called by the results writer once the options and the comparison are written.
void write_analytics(hid_t root, const RunResults& results);

}  // namespace pcsim::output
