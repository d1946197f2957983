#pragma once
#include <optional>
#include <string>

#include <toml++/toml.h>

#include "model/distribution.hpp"
#include "model/parameter_registry.hpp"
#include "scenarios/diagnostics.hpp"

namespace pcsim::scenarios {

// One parameter's value as the scenario gives it.
struct ParsedValue {
  model::Distribution distribution;  // Fixed for integers, booleans and choices
  std::string rationale;             // may be empty
};

// Reads the value of the parameter `spec` from its node: a bare number (Number, Integer),
// boolean (Boolean) or string (Choice); or a table { value = ..., rationale = "..." }; or,
// for Number parameters only, { dist = "<kind>", <kind's keys>, rationale = "..." }.
// Checks the type, and that every value the distribution can take lies within the
// registry's [min_valid, max_valid]. Choices become their index in spec.choices, booleans
// 0 or 1. Returns nullopt after reporting any problem to `out`. `label` is the key's dotted
// path as shown to the user.
std::optional<ParsedValue> read_parameter_value(const toml::node& node,
                                                const model::ParameterSpec& spec,
                                                const std::string& label, DiagnosticCollector& out);

// What the parameter accepts, in words: "a number from 0 to 1 (share)".
std::string describe_expected(const model::ParameterSpec& spec);

}  // namespace pcsim::scenarios
