#pragma once
// Reads a sensitivity file of `pcsim sensitivity` (docs/output-format.md, "Sensitivity
// files") back into the SensitivityResults it was written from, for `pcsim summary`,
// `pcsim report` and `pcsim export`.
#include <hdf5.h>

#include "output/sensitivity_results.hpp"

namespace pcsim::output {

// From the root of a file classified as a sensitivity file (output/results_kind.hpp).
// The tornado rows, stored largest NPV swing first with their names beside them, come
// back in scenario order with `tornado_order` saying the stored order. Throws OutputError
// when a documented item is missing or of the wrong shape.
SensitivityResults read_sensitivity(hid_t root);

}  // namespace pcsim::output
