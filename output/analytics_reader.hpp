#pragma once
// Reads back the planner analytics of a results file (or, for Sobol indices by year, of a
// sensitivity file) for `pcsim summary --drivers / --evppi / --sobol` and the report:
// whatever of /options/<o>/drivers, /comparison/evppi and /sensitivity/<o>/sobol_by_year
// the file holds.
#include <filesystem>
#include <string>
#include <vector>

#include "output/analytics_results.hpp"

namespace pcsim::output {

struct AnalyticsFile {
  std::string scenario_file;
  std::vector<std::string> years;
  AnalyticsResults analytics;  // each part present when the file holds it
};

// Throws OutputError when the file is missing, not a pcsim file of a format this build
// reads, or an analytics part present does not have the documented layout.
AnalyticsFile read_analytics(const std::filesystem::path& path);

}  // namespace pcsim::output
