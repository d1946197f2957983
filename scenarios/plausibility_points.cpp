#include "scenarios/plausibility_points.hpp"

#include <fmt/format.h>

#include "scenarios/diagnostics.hpp"

namespace pcsim::scenarios {

namespace {

using model::DistributionKind;

// The tails of a distribution without bounds of its own: what it draws 1 time in 100.
constexpr double kLowTail = 0.01;
constexpr double kHighTail = 0.99;

}  // namespace

std::vector<DistributionPoint> plausibility_points(const model::Distribution& d) {
  switch (d.kind()) {
    case DistributionKind::Fixed:
      return {{"", d.central()}};
    case DistributionKind::Uniform:
    case DistributionKind::Discrete:
      return {{"min", d.support_min()}, {"max", d.support_max()}};
    case DistributionKind::Triangular:
    case DistributionKind::Pert:
      return {{"min", d.support_min()}, {"mode", d.central()}, {"max", d.support_max()}};
    case DistributionKind::Normal:
    case DistributionKind::Lognormal:
    case DistributionKind::Beta:
      return {{"1st percentile", d.quantile(kLowTail)},
              {"mean", d.central()},
              {"99th percentile", d.quantile(kHighTail)}};
  }
  return {{"", d.central()}};
}

std::string point_label(const DistributionPoint& point) {
  return point.name.empty() ? format_number(point.value)
                            : fmt::format("{} {}", point.name, format_number(point.value));
}

}  // namespace pcsim::scenarios
