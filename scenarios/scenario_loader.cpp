// load_scenario: read the file, parse and validate it, then load its practices.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "scenarios/omission_warnings.hpp"
#include "scenarios/practice_loader.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {

Scenario load_scenario(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    Diagnostic d;
    d.file = file.string();
    d.found = std::string("a file that cannot be read (") + std::strerror(errno) + ")";
    d.expected = "a readable scenario file (TOML, docs/scenario-format.md)";
    throw InputError(std::vector<Diagnostic>{d});
  }
  std::ostringstream text;
  text << in.rdbuf();
  Scenario scenario = parse_scenario(text.str(), file);
  // Roles come from the baseline: every option shares its roles (option_merge.hpp).
  LoadedPractices loaded = load_practices(scenario.practice_data, scenario.options[0].central.roles);
  scenario.practices = std::move(loaded.practices);
  scenario.load_report = std::move(loaded.report);
  // What the user must know, in order: the scenario's omissions, the sampling section's
  // repairs, then the practice data's findings.
  for (auto&& w : omission_warnings(scenario)) scenario.warnings.push_back(std::move(w));
  for (auto&& w : sampling_warnings(scenario.sampling)) scenario.warnings.push_back(std::move(w));
  for (auto& w : loaded.warnings) scenario.warnings.push_back(std::move(w));
  return scenario;
}

}  // namespace pcsim::scenarios
