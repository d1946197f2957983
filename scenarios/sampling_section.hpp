#pragma once
#include <toml++/toml.h>

#include "scenarios/diagnostics.hpp"
#include "scenarios/sampling_spec.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {

// Reads [sampling] (docs/scenario-format.md): the method ("random" or "lhs"),
// repair_correlation, and [[sampling.correlations]] entries, each a target rank correlation
// between two parameters that are uncertain in `baseline`. Checks every entry (known path,
// uncertain in the baseline, a != b, |rank_correlation| <= 1, each pair once), then that the
// assembled matrix is positive semi-definite: an error, unless repair_correlation = true,
// in which case the nearest correlation matrix replaces it and a warning is recorded.
// `section` is null when the scenario has no [sampling]. Reports every problem to `out`.
SamplingSpec read_sampling_section(const toml::node* section, const OptionSpec& baseline,
                                   DiagnosticCollector& out);

}  // namespace pcsim::scenarios
