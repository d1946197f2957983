#pragma once
// The short text report of `pcsim sensitivity`: the tornado of the NPV.
#include <ostream>

#include "output/sensitivity_results.hpp"

namespace pcsim::output {

// Prints the central NPV, then one line per uncertain parameter, largest NPV swing first:
// the parameter, its P10 and P90 values, the NPV with the parameter alone at each, the
// swing, and (when they were computed) the NPV's first-order and total Sobol indices.
// At most `max_rows` parameters are listed; a last line says how many were left out.
void print_npv_tornado(const SensitivityResults& results, std::ostream& out,
                       std::size_t max_rows = 15);

}  // namespace pcsim::output
