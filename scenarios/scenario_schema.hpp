#pragma once
// The JSON Schema (draft 2020-12) of the scenario format (docs/scenario-format.md), for
// editors: with it Even Better TOML / taplo complete and check a scenario's keys as it is
// typed. Generated from the tables the loader reads with, so the two cannot drift: the
// keys of every table from KeySchema (scenarios/key_schema.hpp), each parameter's type,
// unit, valid range, default, description and source from the parameter registry
// (model/parameter_registry.hpp), with its plausible range and band against the
// practices' spend as x-pcsim-plausible-* annotations, the distribution kinds from
// distribution_table.hpp (their tables: distribution_schema.hpp).
// What a JSON Schema cannot say (min <= mode <= max, a profile summing to 1, files that
// exist, the commissioning-level rules) is left to `pcsim validate`.
#include <string>

namespace pcsim::scenarios {

// The schema as indented JSON text (`pcsim schema`). Throws std::logic_error when a key
// the loader accepts has no description here (a new reader-owned key: describe it in
// scenario_schema.cpp).
std::string scenario_json_schema();

}  // namespace pcsim::scenarios
