#pragma once
#include <vector>

#include "core/warnings.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {

// The scenario's values that lie within their parameter's hard limits (the reader refuses
// the others) but outside its plausible range (model::ParameterSpec::plausible_min/max),
// and, for the £ totals that have one, outside their band against the practices' baseline
// spend (spend_plausibility.hpp; judged only once the practices are loaded): one
// RunWarning per value as written and check, in file and line order. A baseline value the
// options inherit is reported once, under its path ("funding.inflation"); an option's own
// value under "options.<option>.<path>". The message names the file and line, the value
// (for a distribution, its description and each point outside), the plausible range with
// its unit, the hard limits and the range's basis; the warning's file and line are set, so
// that --strict's error points there.
std::vector<RunWarning> plausibility_warnings(const Scenario& scenario);

}  // namespace pcsim::scenarios
