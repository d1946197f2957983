#pragma once
// The scenarios shipped in scenarios/, loaded once per test program and shared by the
// runner tests (a test that changes one takes a copy).
#include <filesystem>
#include <string_view>

#include "scenarios/scenario.hpp"

namespace pcsim::runner::fixtures {

// scenarios/<name> in the source tree, e.g. shipped_scenario_path("synthetic.toml").
std::filesystem::path shipped_scenario_path(std::string_view name);

// scenarios/<name>, loaded (with its practices) the first time it is asked for and kept for
// the rest of the program; safe to call from several threads.
const scenarios::Scenario& shipped_scenario(std::string_view name);

// scenarios/synthetic.toml: 12 invented practices, every module on; most runner tests run it.
const scenarios::Scenario& synthetic();

}  // namespace pcsim::runner::fixtures
