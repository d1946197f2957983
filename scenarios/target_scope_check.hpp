#pragma once
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {

// Levelling up to each ICB's target (funding.target_scope = "icb") needs the ICB of every
// practice modelled: without one the model would fail mid-run ("internal error", exit 5).
// Checked once the practices are loaded, for the baseline and every option that levels
// up with target_scope = "icb" (an option may set either key): throws InputError at the
// line that sets target_scope (in the scenario or the file it includes), once per such
// line, naming the options concerned, [practices] area_icb_csv and its line when given,
// and the areas of modelled practices that the map lacks with their practice counts.
void check_target_scope(const Scenario& scenario);

}  // namespace pcsim::scenarios
