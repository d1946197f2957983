#pragma once
// Writes the comparison of options (output/comparison.hpp) under /comparison of a results
// file (the layout of docs/output-format.md). Used by the results writer's final write.
#include <hdf5.h>

#include "output/run_results.hpp"

namespace pcsim::output {

// When `results` has at least 2 options, creates /comparison under `root` with, per
// non-baseline option, the paired differences against the baseline, their summaries and
// P(beats baseline), and for all options P(best by NPV), expected NPV, P(overspend in any
// year), the expected last-year appointments gap and the EVPI. With one option there is
// nothing to compare and nothing is written. `results` must have passed
// validate_for_writing. Throws OutputError when an option's name would collide with a
// run-level item of /comparison (layout::kComparisonRunItems), before writing anything.
void write_comparison(hid_t root, const RunResults& results);

}  // namespace pcsim::output
