#include "scenarios/omission_warnings.hpp"

#include <set>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "model/parameter_registry.hpp"

namespace pcsim::scenarios {

namespace {

// Levers that are off unless a scenario switches them on, and what each does.
struct Lever {
  std::string_view path;
  std::string_view what;
};
constexpr Lever kLevers[] = {
    {"funding.levelling_up", "levelling up of core funding"},
    {"capacity.extended_access_per_1000", "extended access (extra appointments)"},
    {"savings.eur", "the Effective Use of Resources referral policy"},
    {"savings.benchmarking", "referral benchmarking"},
    {"savings.prescribing_kpi", "the prescribing KPI"},
    {"population.diversion_max", "diversion of GP demand to other roles and self-care"},
};

bool set_anywhere(const Scenario& scenario, std::string_view path) {
  for (const auto& option : scenario.options)
    for (const auto& entry : option.parameters)
      if (entry.path == path) return true;
  return false;
}

// Levers an option switches on but whose first year lies beyond its horizon: they never
// act in the run, which a user who phased them in would not expect to be silent. Years
// are the model's: t = 1..horizon_years, year t starting in calendar start_year + t - 1.
// Keys as the plausibility warnings name them: the path for the baseline, options.<name>.
// before it for another option. An option that keeps the baseline's late lever as it is
// (the same path and start) is not warned again: `baseline_found` holds the baseline's.
void levers_after_horizon(const OptionSpec& option, bool is_baseline,
                          std::set<std::string>& baseline_found, std::vector<RunWarning>& out) {
  const model::ModelParameters& m = option.central;
  const int horizon = m.horizon_years;
  const auto never = [&](const std::string& path, const std::string& what) {
    const std::string found = path + ": " + what;
    if (is_baseline) {
      baseline_found.insert(found);
    } else if (baseline_found.contains(found)) {
      return;
    }
    out.push_back({is_baseline ? path : "options." + option.name + "." + path,
                   fmt::format("{} in option '{}', after its last projected year (horizon_years "
                               "= {}): it never acts in this run",
                               what, option.name, horizon),
                   {}});
  };
  if (m.capacity.extended_access_per_1000 > 0 && m.capacity.extended_access_start_year > horizon)
    never("capacity.extended_access_start_year",
          fmt::format("extended access starts in year {}", m.capacity.extended_access_start_year));
  for (const auto& role : m.roles)
    if (role.new_posts_per_30000 > 0 && role.start_year > horizon)
      never("roles." + role.name + ".start_year",
            fmt::format("the {} posts start in year {}", role.name, role.start_year));
  const model::AdditionalRolesParameters& arrs = m.additional_roles;
  const int last_calendar_year = m.start_year + horizon - 1;
  if (arrs.fte_per_10000_ceiling > 0 && arrs.first_calendar_year > last_calendar_year)
    never("additional_roles.first_calendar_year",
          fmt::format("the additional roles scheme starts in {}/{:02d} (the last year is "
                      "{}/{:02d})",
                      arrs.first_calendar_year, (arrs.first_calendar_year + 1) % 100,
                      last_calendar_year, (last_calendar_year + 1) % 100));
}

}  // namespace

std::vector<RunWarning> omission_warnings(const Scenario& scenario) {
  std::vector<RunWarning> out;
  if (scenario.options.empty()) return out;
  const model::ModelParameters& baseline = scenario.options.front().central;
  if (baseline.roles.empty())
    out.push_back({"roles",
                   "no [roles.<name>] in the scenario: the model counts no non-GP capacity "
                   "(nurses, pharmacists, ...), so all demand falls on GPs and diversion has "
                   "nowhere to go",
                   {}});
  if (scenario.practice_data.attributes_csv.empty())
    for (const auto& role : baseline.roles)
      if (!role.attributes_column.empty())
        out.push_back(
            {"roles." + role.name + ".attributes_column",
             fmt::format("\"{}\" is not read: there is no practices.attributes_csv, so "
                         "every practice's {} FTE is baseline_fte_per_1000 x list / 1,000",
                         role.attributes_column, role.name),
             {}});
  const model::ModelParameters defaults{};
  for (const Lever& lever : kLevers) {
    const model::ParameterSpec* spec = model::find_parameter_spec(lever.path);
    if (!spec || spec->get(defaults, 0) != 0 || set_anywhere(scenario, lever.path)) continue;
    out.push_back(
        {std::string(lever.path),
         fmt::format("not set in the baseline or any option: {} is off (default {}) "
                     "in every option",
                     lever.what, spec->type == model::ParameterType::Boolean ? "false" : "0"),
         {}});
  }
  // The additional roles of a base year inside the scheme (docs/model.md, Additional roles:
  // d0 is fte_per_10000_start when year 0 is a scheme year): left at 0, every practice's
  // roles start from nothing and the gap they fill looks larger in the first years.
  for (const auto& option : scenario.options) {
    const model::AdditionalRolesParameters& arrs = option.central.additional_roles;
    const int base_calendar_year = option.central.start_year - 1;  // year 0 starts in April
    if (arrs.fte_per_10000_ceiling > 0 && base_calendar_year >= arrs.first_calendar_year &&
        arrs.fte_per_10000_start == 0) {
      out.push_back(
          {"additional_roles.fte_per_10000_start",
           fmt::format("0 in option '{}', but the scheme began in {}/{:02d}, by the base year "
                       "{}/{:02d}: its roles start from no FTE at year 0 and grow towards the "
                       "ceiling, so the first years' GP gap is larger than the base year's was "
                       "(national.toml gives 4.33 per 10,000 weighted patients for 2022/23)",
                       option.name, arrs.first_calendar_year, (arrs.first_calendar_year + 1) % 100,
                       base_calendar_year, (base_calendar_year + 1) % 100),
           {}});
      break;  // one warning: the options share the base year
    }
  }
  std::set<std::string> late_in_baseline;
  for (std::size_t o = 0; o < scenario.options.size(); ++o)
    levers_after_horizon(scenario.options[o], o == 0, late_in_baseline, out);
  bool any_standard = false;
  for (const auto& option : scenario.options)
    any_standard = any_standard || !option.central.funding.quality_standards.empty();
  if (!any_standard)
    out.push_back({"funding.quality_standards",
                   "no [funding.quality_standards.<name>] in the baseline or any option: no "
                   "quality contract is modelled",
                   {}});
  return out;
}

std::vector<RunWarning> sampling_warnings(const SamplingSpec& sampling) {
  std::vector<RunWarning> out;
  for (const auto& d : sampling.warnings)
    out.push_back({d.key, fmt::format("line {}: {} ({})", d.line, d.found, d.suggestion), {}});
  return out;
}

}  // namespace pcsim::scenarios
