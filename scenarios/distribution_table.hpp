#pragma once
#include <optional>
#include <string>

#include <toml++/toml.h>

#include "model/distribution.hpp"
#include "scenarios/diagnostics.hpp"

namespace pcsim::scenarios {

// The distribution kinds a scenario may name in `dist = "<kind>"`, in the order the
// documentation lists them.
inline constexpr std::string_view kDistributionKinds[] = {
    "fixed", "uniform", "triangular", "pert", "normal", "lognormal", "beta", "discrete"};

// Builds the distribution of a table { dist = "<kind>", <kind's keys>, rationale = "..." }
// with the model::Distribution factories. Reports (and returns nullopt for) an unknown
// kind, missing, unknown or non-numeric keys, and parameters the factory rejects.
// `label` is the parameter's dotted path as shown to the user.
std::optional<model::Distribution> read_distribution_table(const toml::table& table,
                                                           const std::string& label,
                                                           DiagnosticCollector& out);

}  // namespace pcsim::scenarios
