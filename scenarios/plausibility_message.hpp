#pragma once
// The wording shared by the scenario's plausibility warnings: the fixed plausible ranges
// (plausibility_warnings.hpp) and the bands against the practices' spend
// (spend_plausibility.hpp). Each names where the value was written and which of its
// points lie outside, the same way.
#include <string>
#include <string_view>
#include <vector>

#include "core/warnings.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {

// The file the entry was written in: an included file's name, else the scenario's.
std::string value_file(const ParameterEntry& entry, const Scenario& scenario);

// What is outside, as the message's subject: "0.2 is" for a fixed value (`outside` holds
// its one point); "triangular(min=0, mode=0.1, max=0.2): its max 0.2 is" or "...: its mode
// 0.15 and max 0.2 are" for a distribution (`outside` holds "max 0.2", ...).
std::string outside_subject(const ParameterEntry& entry, const std::vector<std::string>& outside);

// A warning under `key` located at the entry's file and line (so that --strict's error
// points there), its message "FILE, line N: " followed by `text`.
RunWarning located_warning(const ParameterEntry& entry, std::string key, std::string_view text,
                           const Scenario& scenario);

}  // namespace pcsim::scenarios
