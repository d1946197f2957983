#pragma once
// The distribution tables of the scenario's JSON Schema ({ dist = "<kind>", ... }): each
// kind's keys as the loader reads them (distribution_table.cpp), and what a kind must
// satisfy for every value it can take to lie in a parameter's valid range. The tables'
// keys and the parameters are scenario_schema.cpp's.
#include "scenarios/json_value.hpp"

namespace pcsim::scenarios {

// Adds to `defs` (the schema's $defs) one entry per distribution kind, dist_<kind>: its
// keys and the constraints on them that do not depend on the parameter. Throws
// std::logic_error for a kind of kDistributionKinds this file does not describe.
void add_distribution_kind_defs(JsonValue& defs);

// The distribution-table form of a number parameter valid in [lo, hi]: `dist` one of the
// kinds, then that kind's dist_<kind> entry and its range constraints.
JsonValue distribution_table_schema(double lo, double hi);

}  // namespace pcsim::scenarios
