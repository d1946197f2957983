#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "core/warnings.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// How many items of a warning the terminal shows before "... and N more".
inline constexpr std::size_t kItemsShown = 5;

// What the practice files gave, in one or two lines for standard error: practices loaded,
// the base year, registered patients and GP headcount at year 0 with where the headcounts
// came from, and the closed practices whose lists moved. The details (every practice) are
// in the warnings and the results file.
std::string practice_report(const scenarios::PracticeLoadReport& report);

// The warnings, one line each on `err`: "warning: KEY: MESSAGE [N: A, B, C, D, E and
// N-5 more]"; with `verbose` every item follows on its own line. A closing line says where
// the full lists are when some were shortened.
void print_warnings(const std::vector<RunWarning>& warnings, std::ostream& err, bool verbose);

// --strict: every warning is an error. Throws InputError with one diagnostic per warning
// (the scenario file, the warning's key, its message) when there is any.
void refuse_warnings(const scenarios::Scenario& scenario);

}  // namespace pcsim::runner
