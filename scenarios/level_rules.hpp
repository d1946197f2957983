#pragma once
#include "model/parameters.hpp"
#include "scenarios/diagnostics.hpp"
#include "scenarios/option_merge.hpp"

namespace pcsim::scenarios {

// Rules that tie several keys together, checked on the baseline and on each option after
// merging (MODEL.md, Commissioning level; docs/scenario-format.md):
// - at commissioning level 1 (greater involvement) no contract lever: funding.levelling_up,
//   a quality standard, or savings.prescribing_kpi is reported at the line that sets it;
// - target = "percentile" needs target_percentile strictly between 0 and 100;
// - target = "pounds" with levelling up needs target_pounds > 0;
// - population.list_growth at the top of its range compounds over horizon_years to at
//   most a 100-fold list (beyond, the GPs to simulate grow without bound).
// For an option, a problem is reported only when the option itself writes one of the keys
// involved: one inherited whole from the baseline has been reported for the baseline.
void check_cross_field_rules(const MergedOption& merged, const model::ModelParameters& central,
                             DiagnosticCollector& out);

}  // namespace pcsim::scenarios
