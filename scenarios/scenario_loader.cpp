// load_scenario: read the file, parse and validate it, then load its practices.
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "scenarios/input_files.hpp"
#include "scenarios/omission_warnings.hpp"
#include "scenarios/plausibility_warnings.hpp"
#include "scenarios/practice_loader.hpp"
#include "scenarios/practice_ranges.hpp"
#include "scenarios/scenario.hpp"
#include "scenarios/target_scope_check.hpp"

namespace pcsim::scenarios {

Scenario load_scenario(const std::filesystem::path& file) {
  // A regular file below a stated size, opened without blocking (input_files.hpp).
  Scenario scenario = parse_scenario(read_scenario_file(file), file);
  // The practice files too, before a reader opens them.
  const auto& data = scenario.practice_data;
  check_practice_file(data.payments_csv, file.string(), data.line, "practices.payments_csv");
  if (!data.attributes_csv.empty()) {
    check_practice_file(data.attributes_csv, file.string(), data.line, "practices.attributes_csv");
  }
  // Roles come from the baseline: every option shares its roles (option_merge.hpp).
  const auto& roles = scenario.options[0].central.roles;
  LoadedPractices loaded = load_practices(data, roles);
  std::vector<std::string> role_names;
  for (const auto& role : roles) role_names.push_back(role.name);
  for (auto& warning : check_practice_ranges(loaded.practices, loaded.report, role_names)) {
    scenario.warnings.push_back(std::move(warning));
  }
  scenario.practices = std::move(loaded.practices);
  scenario.load_report = std::move(loaded.report);
  // Levelling up by ICB needs every practice's ICB: refused here, not mid-run.
  check_target_scope(scenario);
  // What the user must know, in order: the scenario's implausible values, its omissions,
  // the sampling section's repairs, then the practice data's findings.
  for (auto&& w : plausibility_warnings(scenario)) scenario.warnings.push_back(std::move(w));
  for (auto&& w : omission_warnings(scenario)) scenario.warnings.push_back(std::move(w));
  for (auto&& w : sampling_warnings(scenario.sampling)) scenario.warnings.push_back(std::move(w));
  for (auto& w : loaded.warnings) scenario.warnings.push_back(std::move(w));
  return scenario;
}

}  // namespace pcsim::scenarios
