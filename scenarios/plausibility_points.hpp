#pragma once
// The values a scenario's entry stands for when it is judged plausible or not: the same
// points for the fixed plausible ranges (plausibility_warnings.hpp) and for the bands
// against the practices' spend (spend_plausibility.hpp).
#include <string>
#include <vector>

#include "model/distribution.hpp"

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

// The point as a message names it: "0.2" (fixed) or "max 0.2".
std::string point_label(const DistributionPoint& point);

}  // namespace pcsim::scenarios
