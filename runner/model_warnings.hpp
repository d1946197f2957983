#pragma once
#include <vector>

#include "core/warnings.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// What the model's own rules do to a run that its user must be told (docs/model.md), at
// each option's central parameters: the practices left out of the levelling target and of
// levelling because their funding per weighted patient cannot be trusted (counted by reason,
// every practice named), and, where levelling up is on but buys nothing
// (funding.clinical_spend_share = 0), that it buys no capacity in this scenario. One
// warning per distinct message, naming the options it applies to.
std::vector<RunWarning> model_warnings(const scenarios::Scenario& scenario);

}  // namespace pcsim::runner
