#pragma once
#include <chrono>
#include <span>
#include <string>
#include <string_view>

#include "output/run_results.hpp"
#include "runner/run_engine.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// When a run started and ended: wall-clock times for the record, a steady clock for the
// duration (immune to clock changes during the run).
struct RunClock {
  std::chrono::system_clock::time_point start_wall = std::chrono::system_clock::now();
  std::chrono::steady_clock::time_point start_steady = std::chrono::steady_clock::now();
};

// Everything stored with the results to say what produced them (ARCHITECTURE.md,
// Patterns: provenance attributes on the root): engine version and commit, the scenario's
// text and SHA-256, seed, iterations, threads, times, host and command line, and the
// practice load report. Call it when the run has finished: the end time is now.
output::Provenance make_provenance(const scenarios::Scenario& scenario, const RunSettings& settings,
                                   std::int64_t iterations_run, const RunClock& clock,
                                   std::string command_line);

// The practice load report as string attributes, "practices_" + each field of
// scenarios::PracticeLoadReport (docs/cli.md, Provenance): files, base year, rows read,
// selected and loaded, "practices_skipped" (one per line, closed practices whose lists
// moved included), lists moved, registered patients and GP headcount at year 0,
// "practices_gp_headcount_sources" and "practices_defaults_used" ("name: count" per line).
std::vector<std::pair<std::string, std::string>> load_report_attributes(
    const scenarios::PracticeLoadReport& report);

// "2017-04-01T09:30:00Z": ISO 8601 in UTC, to the second.
std::string iso8601_utc(std::chrono::system_clock::time_point time);

// The name of this machine (gethostname), or "unknown".
std::string host_name();

// The command line as one string a POSIX shell would split back into the same arguments:
// arguments with anything but [A-Za-z0-9_@%+=:,./-] are single-quoted.
std::string shell_quote(std::string_view argument);
std::string join_command_line(std::span<const char* const> argv);

}  // namespace pcsim::runner
