#include "scenarios/option_merge.hpp"

#include <fmt/format.h>

#include "scenarios/suggest.hpp"

namespace pcsim::scenarios {
namespace {

// Index of `name` among the keys of a name-ordered map: the element index of '*' paths.
template <class Map>
std::size_t index_of(const Map& elements, const std::string& name) {
  std::size_t i = 0;
  for (const auto& [key, value] : elements) {
    if (key == name) return i;
    ++i;
  }
  return i;
}

// "roles.nurse.cost_per_fte" -> "nurse" when the path is under `prefix` ("roles.").
std::string element_name(const std::string& path, std::string_view prefix) {
  if (!path.starts_with(prefix)) return {};
  const std::string rest = path.substr(prefix.size());
  return rest.substr(0, rest.find('.'));
}

}  // namespace

MergedOption baseline_option(const Layer& baseline, std::string name) {
  return MergedOption{std::move(name),   {}, false, baseline.parameters, baseline.roles,
                      baseline.standards};
}

MergedOption merge_option(const Layer& baseline, const Layer& option, std::string name,
                          std::string description, DiagnosticCollector& out) {
  MergedOption merged = baseline_option(baseline, std::move(name));
  merged.description = std::move(description);
  merged.is_option = true;
  for (const auto& [path, entry] : option.parameters) {
    if (entry.spec->is_read_at_load()) {
      // One value for every option: an option's own would be stored and never used.
      out.add(entry.where, entry.label, fmt::format("{} set in option '{}'", path, merged.name),
              fmt::format("{} only in the baseline: it is read once ({})", path,
                          entry.spec->load_time));
      continue;
    }
    merged.parameters[path] = entry;
  }

  std::vector<std::string> baseline_roles;
  for (const auto& [role, element] : baseline.roles) baseline_roles.push_back(role);
  for (const auto& [role, element] : option.roles) {
    if (!baseline.roles.contains(role)) {
      const auto near = nearest_key(role, baseline_roles);
      out.add(element.where, element.label,
              fmt::format("a new role '{}' declared in option '{}'", role, merged.name),
              fmt::format("only roles of the baseline: roles come from the baseline, whose "
                          "FTE is loaded once from the practice files; declare [roles.{}] at "
                          "the top level and set its levers (e.g. new_posts_per_30000) in the "
                          "option",
                          role),
              near ? fmt::format("did you mean '{}'?", *near) : std::string{});
      // Keep the option's entries for this role out of the merged parameters.
      // (role is a structured binding: clang before 16 cannot capture one, so by name.)
      std::erase_if(merged.parameters, [&name = role](const auto& item) {
        return element_name(item.first, "roles.") == name;
      });
      continue;
    }
    if (element.attributes_column)
      out.add(element.attributes_where, element.label + ".attributes_column",
              fmt::format("attributes_column set in option '{}'", merged.name),
              "attributes_column only in the baseline's [roles.<name>]: the practices' "
              "baseline FTE is read once, for every option");
  }
  for (const auto& [standard, element] : option.standards)
    if (!merged.standards.contains(standard)) merged.standards[standard] = element;
  return merged;
}

OptionSpec to_option_spec(const MergedOption& merged) {
  OptionSpec option;
  option.name = merged.name;
  option.description = merged.description;
  auto& central = option.central;
  for (const auto& [name, element] : merged.roles) {
    model::RoleParameters role;
    role.name = name;
    role.attributes_column = element.attributes_column.value_or("");
    central.roles.push_back(std::move(role));
  }
  for (const auto& [name, element] : merged.standards) {
    model::QualityStandard standard;
    standard.name = name;
    central.funding.quality_standards.push_back(std::move(standard));
  }
  for (const auto& [path, entry] : merged.parameters) {
    std::size_t element = 0;
    if (const auto role = element_name(path, "roles."); !role.empty())
      element = index_of(merged.roles, role);
    else if (const auto standard = element_name(path, "funding.quality_standards.");
             !standard.empty())
      element = index_of(merged.standards, standard);
    entry.spec->set(central, element, entry.distribution.central());
    option.parameters.push_back(ParameterEntry{path, entry.spec, element, entry.distribution,
                                               entry.rationale, entry.where.line,
                                               entry.where.file});
  }
  return option;
}

}  // namespace pcsim::scenarios
