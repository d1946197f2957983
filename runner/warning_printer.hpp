#pragma once
// What `pcsim run` and `pcsim validate` tell about a scenario before the run: the load
// report of its practice files, and --strict's refusal of its warnings (their lines are
// output/warnings_text.hpp's, shared with `pcsim summary`).
#include <string>
#include <vector>

#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// What the practice files gave, in one or two lines for standard error: practices loaded,
// the base year, registered patients and GP headcount at year 0 with where the headcounts
// came from, and the closed practices whose lists moved. The details (every practice) are
// in the warnings and the results file.
std::string practice_report(const scenarios::PracticeLoadReport& report);

// The names a scenario's warnings may echo (every option's, role's and quality standard's),
// for output::print_warnings to cut the long ones.
std::vector<std::string> echoed_names(const scenarios::Scenario& scenario);

// --strict: every warning is an error. Throws InputError with one diagnostic per warning
// (the warning's file and line where it has them, else the scenario file; its key, its
// message) when there is any.
void refuse_warnings(const scenarios::Scenario& scenario);

}  // namespace pcsim::runner
