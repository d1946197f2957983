#pragma once
// Writes the change by driver under /options/<o>/drivers (docs/output-format.md, "Change
// by driver"): per option one waterfall per metric and scalar (start, each driver's
// Shapley value, end), the drivers alone with the interaction, and against the baseline.
#include <hdf5.h>

#include <string>
#include <vector>

#include "output/analytics_results.hpp"

namespace pcsim::output {

// `options_group` is /options (each /options/<o> must exist); `years` the year labels.
// Throws OutputError when the tables do not match the driver list or the years.
void write_drivers(hid_t options_group, const DriverResults& drivers,
                   const std::vector<std::string>& years);

}  // namespace pcsim::output
