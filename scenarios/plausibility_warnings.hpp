#pragma once
#include <string>
#include <vector>

#include "core/warnings.hpp"
#include "model/distribution.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {

// A value a distribution stands for, checked against the plausible range: its own bounds
// where it has them (uniform, triangular, PERT, discrete: min and max), its mode or mean
// (the central value), and for the kinds whose ends lie where they are truncated, if at
// all (normal, lognormal, beta), its 1st and 99th percentiles: bounds written only to keep
// a normal inside the hard limits say nothing of the values drawn. A fixed value is one
// point with an empty name.
struct DistributionPoint {
  std::string name;  // "min", "mode", "max", "mean", "1st percentile", ... ("" when fixed)
  double value = 0;
};
std::vector<DistributionPoint> plausibility_points(const model::Distribution& distribution);

// The scenario's values that lie within their parameter's hard limits (the reader refuses
// the others) but outside its plausible range (model::ParameterSpec::plausible_min/max):
// one RunWarning per value as written, in file and line order. A baseline value the
// options inherit is reported once, under its path ("funding.inflation"); an option's own
// value under "options.<option>.<path>". The message names the file and line, the value
// (for a distribution, its description and each point outside), the plausible range with
// its unit, the hard limits and the range's basis; the warning's file and line are set, so
// that --strict's error points there.
std::vector<RunWarning> plausibility_warnings(const Scenario& scenario);

}  // namespace pcsim::scenarios
