#pragma once
#include <filesystem>

#include <toml++/toml.h>

#include "scenarios/diagnostics.hpp"
#include "scenarios/practice_data_spec.hpp"

namespace pcsim::scenarios {

// Reads [practices]: which files hold the practice data (resolved against `folder`, the
// scenario file's folder, and checked to exist) and the defaults for what they lack.
// `section` is null when the scenario has no [practices]; `root` locates that error.
// Reports every problem to `out`; fields with problems keep their defaults.
PracticeDataSpec read_practices_section(const toml::node* section, const toml::table& root,
                                        const std::filesystem::path& folder,
                                        DiagnosticCollector& out);

}  // namespace pcsim::scenarios
