#pragma once
#include <map>
#include <string>

#include "scenarios/diagnostics.hpp"
#include "scenarios/layer_reader.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {

// The baseline, or an option laid over the baseline: every parameter, role and quality
// standard it has, each with where it was written.
struct MergedOption {
  std::string name;
  std::string description;
  bool is_option = false;
  std::map<std::string, SetParameter> parameters;  // by path
  std::map<std::string, DeclaredElement> roles;    // by name
  std::map<std::string, DeclaredElement> standards;
};

// Lays `option` over `baseline` key by key: a parameter the option sets replaces the
// baseline's entry of the same path whole (a distribution is never mixed with another);
// everything else is inherited. An option may add quality standards, but not roles (the
// baseline FTE of every role is loaded once, from the baseline's roles), nor change a
// role's attributes_column; both are reported.
MergedOption merge_option(const Layer& baseline, const Layer& option, std::string name,
                          std::string description, DiagnosticCollector& out);

// The baseline as a MergedOption of its own.
MergedOption baseline_option(const Layer& baseline, std::string name);

// Full settings of a merged option: every parameter at its distribution's central value
// (ModelParameters defaults where the scenario is silent), roles and quality standards in
// sorted name order (the element index of their '*' paths), and the entries the scenario
// set, sorted by path.
OptionSpec to_option_spec(const MergedOption& merged);

}  // namespace pcsim::scenarios
