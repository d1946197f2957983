#pragma once
// £ totals judged against the scenario's own practices (docs/scenario-format.md,
// "Plausible against the practices' spend"). funding.allocation = 45 meant as £45m, a
// figure in pence or with three zeros too many lies inside any fixed range that must hold
// both 0 and a national scenario's billions; as a multiple of the practices' baseline spend
// it is a millionth, or a hundred or a thousand times, where a real figure is about one.
#include <optional>
#include <string>

#include "core/units.hpp"
#include "core/warnings.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {

// The warning for the entry's value as written (under `key`) when a point it stands for
// (plausibility_points) is not zero (0 means "the practices' own figure" or "none") and,
// as a multiple of `spend`, lies outside its parameter's band
// (model::ParameterSpec::spend_band). `spend` is the practices' baseline spend,
// model::practices_core_funding(scenario.practices): Σ_p core_funding(p,0), what
// funding.baseline_spend = 0 stands for (docs/model.md, "Budget"). A point outside the
// fixed plausible range is left to that range's warning. Nothing for a parameter without
// a band, or when `spend` is not positive (no practices loaded: nothing to compare with).
// The message names the file and line, the value and each point outside with its
// multiple, the spend compared with and its practices, the band and its basis.
std::optional<RunWarning> spend_warning(const ParameterEntry& entry, std::string key, Pounds spend,
                                        const Scenario& scenario);

}  // namespace pcsim::scenarios
