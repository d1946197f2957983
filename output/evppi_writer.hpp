#pragma once
// Writes the EVPPI of a run under /comparison/evppi (docs/output-format.md): one row per
// parameter group with its EVPPI, standard error, regression method and fit.
#include <hdf5.h>

#include "output/analytics_results.hpp"

namespace pcsim::output {

// /comparison must exist (the run compares at least two options).
void write_evppi(hid_t root, const EvppiResults& evppi);

}  // namespace pcsim::output
