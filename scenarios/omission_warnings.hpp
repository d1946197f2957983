#pragma once
#include <vector>

#include "core/warnings.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {

// What a scenario leaves out that changes the answer, each a RunWarning naming the key and
// the consequence (docs/scenario-format.md, "Warnings"):
//   roles                      no role at all: the model counts no non-GP capacity
//   roles.<name>.attributes_column   a column named while there is no attributes file
//   funding.levelling_up, capacity.extended_access_per_1000, savings.eur,
//   savings.benchmarking, savings.prescribing_kpi, population.diversion_max
//                              a lever that neither the baseline nor any option sets, and
//                              whose default is off: it is off in every option
//   funding.quality_standards  no quality standard in any option: no quality contract
//   additional_roles.fte_per_10000_start  0 while the scheme is on and began by the base
//                              year: the roles start from nothing at year 0
// Warnings about the practice data come from the practice loader (load_warnings.hpp).
std::vector<RunWarning> omission_warnings(const Scenario& scenario);

// The sampling section's warnings (a repaired correlation matrix) as RunWarnings.
std::vector<RunWarning> sampling_warnings(const SamplingSpec& sampling);

}  // namespace pcsim::scenarios
