#pragma once
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "model/parameters.hpp"

namespace pcsim::model {

// The registry of every scenario parameter: its dotted path in the scenario file, its type,
// unit, valid range, what it means and where its default comes from. It is the single
// place that links a name in a scenario file (and in the output's /parameters group) to a
// field of ModelParameters. docs/model.md carries the same table for readers.
//
// Paths of list elements use '*' for the element name:
//   "roles.*.appointments_per_fte"                      -> ModelParameters::roles[i]
//   "funding.quality_standards.*.achievement_rate"      -> funding.quality_standards[i]
// Age-band parameters are listed once per band: "workforce.retirement_rate.60_64".
enum class ParameterType {
  Number,   // real; may be fixed or a distribution
  Integer,  // fixed integer
  Boolean,  // fixed true/false
  Choice,   // fixed string from `choices`
};

struct ParameterSpec {
  std::string_view path;
  ParameterType type;
  std::string_view unit;         // "per year", "£ per weighted patient", "FTE", "share" ...
  double min_valid;              // every value (and a distribution's support) must lie in
  double max_valid;              //   [min_valid, max_valid]
  std::string_view description;  // one line, in MODEL.md's words
  std::string_view source;       // citation for the default, or "assumption: <reasoning>"
  std::span<const std::string_view> choices;  // Choice only: allowed strings, in index order
  // Read / write the value; element indexes roles or quality standards ('*' paths), else 0.
  // Booleans are 0/1; choices are the index into `choices`.
  double (*get)(const ModelParameters&, std::size_t element);
  void (*set)(ModelParameters&, std::size_t element, double value);
};

std::span<const ParameterSpec> parameter_specs();

// The spec for a concrete or pattern path ("roles.nurse.cost_per_fte" and
// "roles.*.cost_per_fte" both find the role spec), or nullptr.
const ParameterSpec* find_parameter_spec(std::string_view path);

// All pattern paths, for "did you mean" suggestions.
std::span<const std::string_view> parameter_paths();

}  // namespace pcsim::model
