#pragma once
#include <cstddef>
#include <limits>
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
  // Number and Integer parameters: the values a scenario may reasonably give, inside the
  // hard limits. A value between them is accepted with a warning naming the range and its
  // basis (scenarios/plausibility_warnings.hpp): the bounds are generous, there to catch a
  // slip (0.2 for 0.02, -1 for 1), not to judge a defensible choice. `plausible_basis` says
  // where they come from: a figure from the data, or "assumption: <reasoning>". Set by
  // plausible(); unset (every valid value plausible, no basis) for booleans and choices.
  double plausible_min = -std::numeric_limits<double>::infinity();
  double plausible_max = std::numeric_limits<double>::infinity();
  std::string_view plausible_basis;

  // This spec with its plausible range, for the registry tables:
  //   spec("funding.inflation", ...).plausible(-0.02, 0.10, "UK CPI ...")
  constexpr ParameterSpec plausible(double min, double max, std::string_view basis) const {
    ParameterSpec out = *this;
    out.plausible_min = min;
    out.plausible_max = max;
    out.plausible_basis = basis;
    return out;
  }
  bool has_plausible_range() const { return !plausible_basis.empty(); }
  bool is_plausible(double value) const { return value >= plausible_min && value <= plausible_max; }

  // £ totals whose meaning is comparable to the practices' year-0 spend (funding.allocation,
  // funding.baseline_spend, funding.running_cost): no fixed range can catch £45 typed for
  // £45m when a national scenario's spend is 10,000 times a practice's, so a non-zero value
  // is also judged as a multiple of the scenario's own baseline spend, the practices'
  // summed core funding (practices_core_funding, model/funding.hpp). A multiple outside the
  // band is a warning naming it and its basis (scenarios/spend_plausibility.hpp). Set by
  // plausible_against_spend(); unset (no basis) for every other parameter.
  struct SpendBand {
    double min = 0;
    double max = std::numeric_limits<double>::infinity();
    std::string_view basis;
    bool holds(double ratio) const { return ratio >= min && ratio <= max; }
  };
  SpendBand spend_band;

  //   spec("funding.allocation", ...).plausible(...).plausible_against_spend({0.5, 10, "..."})
  constexpr ParameterSpec plausible_against_spend(SpendBand band) const {
    ParameterSpec out = *this;
    out.spend_band = band;
    return out;
  }
  bool has_spend_band() const { return !spend_band.basis.empty(); }

  // Parameters read once, when the practices are loaded (roles.*.baseline_fte_per_1000 fills
  // the practices' missing FTE): one value serves every iteration and every option, so a
  // distribution, or an option's own value, would be stored and never used. The reader
  // refuses both, saying why (`load_time`). Set by read_at_load(); empty for the rest.
  std::string_view load_time;
  constexpr ParameterSpec read_at_load(std::string_view why) const {
    ParameterSpec out = *this;
    out.load_time = why;
    return out;
  }
  bool is_read_at_load() const { return !load_time.empty(); }
};

std::span<const ParameterSpec> parameter_specs();

// The spec for a concrete or pattern path ("roles.nurse.cost_per_fte" and
// "roles.*.cost_per_fte" both find the role spec), or nullptr.
const ParameterSpec* find_parameter_spec(std::string_view path);

// All pattern paths, for "did you mean" suggestions.
std::span<const std::string_view> parameter_paths();

}  // namespace pcsim::model
