#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "model/distribution.hpp"
#include "model/parameter_registry.hpp"
#include "scenarios/diagnostics.hpp"

namespace pcsim::scenarios {

// One parameter a table of the scenario sets (the top level, or one [[options]] entry).
struct SetParameter {
  std::string path;  // concrete: "roles.nurse.cost_per_fte"
  const model::ParameterSpec* spec = nullptr;
  model::Distribution distribution;
  std::string rationale;
  Position where;     // the value, in the scenario file
  std::string label;  // the key as shown in messages: "options.delegate.funding.x"
  bool from_option = false;
};

// A named element a table declares: a role ([roles.nurse]) or a quality standard
// ([funding.quality_standards.access]).
struct DeclaredElement {
  std::string name;
  Position where;
  std::string label;
  bool from_option = false;
  std::optional<std::string> attributes_column;  // roles only
  Position attributes_where;
};

// Everything one table sets, before options are laid over the baseline.
struct Layer {
  std::map<std::string, SetParameter> parameters;  // by path
  std::map<std::string, DeclaredElement> roles;    // by name
  std::map<std::string, DeclaredElement> standards;
};

struct LayerContext {
  std::string label_prefix;  // put before key paths in messages ("options.x.")
  bool is_option = false;
  std::vector<std::string> skip;         // top-level keys the caller reads itself
  std::vector<std::string> not_allowed;  // top-level keys never suggested here
};

// Reads every model parameter, role and quality standard of `root` (all keys of the
// registry, at any depth), reporting unknown keys, wrong types and invalid values.
Layer read_layer(const toml::table& root, const LayerContext& context, DiagnosticCollector& out);

// A role or standard name: letters, digits, '_' and '-' (it becomes part of key paths in
// the results file).
bool is_valid_element_name(std::string_view name);

}  // namespace pcsim::scenarios
