#pragma once
#include <filesystem>

#include <toml++/toml.h>

#include "scenarios/diagnostics.hpp"
#include "scenarios/practice_data_spec.hpp"

namespace pcsim::scenarios {

// The ranges of [practices]' numeric defaults (docs/scenario-format.md). patients_per_gp
// from 100 keeps the default headcount of the largest list allowed (1e8) within the GP
// headcount limit (1e6, practice_ranges.hpp); peer groups beyond 1,000 would be groups of
// a few practices each in England's 6,500.
struct PracticesKeyRange {
  double lowest;  // allowed (for peer_groups, a whole number)
  bool lowest_excluded;
  double highest;
};
inline constexpr PracticesKeyRange kPeerGroupsRange{1, false, 1'000};
inline constexpr PracticesKeyRange kNeighbourhoodSizeRange{0, true, 100'000'000};
inline constexpr PracticesKeyRange kPatientsPerGpRange{100, false, 100'000};

// Reads [practices]: which files hold the practice data (resolved against `folder`, the
// scenario file's folder, and checked to exist) and the defaults for what they lack.
// `section` is null when the scenario has no [practices]; `root` locates that error.
// Reports every problem to `out`; fields with problems keep their defaults.
PracticeDataSpec read_practices_section(const toml::node* section, const toml::table& root,
                                        const std::filesystem::path& folder,
                                        DiagnosticCollector& out);

}  // namespace pcsim::scenarios
