#include "scenarios/plausibility_warnings.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "model/funding.hpp"
#include "scenarios/diagnostics.hpp"
#include "scenarios/plausibility_message.hpp"
#include "scenarios/plausibility_points.hpp"
#include "scenarios/spend_plausibility.hpp"

namespace pcsim::scenarios {

namespace {

// The points of the entry's value outside the plausible range: "0.2" (fixed), or "max 0.2".
std::vector<std::string> outside_points(const ParameterEntry& entry) {
  std::vector<std::string> outside;
  for (const DistributionPoint& point : plausibility_points(entry.distribution))
    if (!entry.spec->is_plausible(point.value)) outside.push_back(point_label(point));
  return outside;
}

std::optional<RunWarning> range_warning(const ParameterEntry& entry, std::string key,
                                        const Scenario& scenario) {
  if (!entry.spec->has_plausible_range()) return std::nullopt;
  const std::vector<std::string> outside = outside_points(entry);
  if (outside.empty()) return std::nullopt;
  const model::ParameterSpec& spec = *entry.spec;
  const std::string text = fmt::format(
      "{} outside the plausible range {} ({}), within the hard limits {}: more likely a slip "
      "than a choice. The range: {}",
      outside_subject(entry, outside), describe_range(spec.plausible_min, spec.plausible_max),
      spec.unit, describe_range(spec.min_valid, spec.max_valid), spec.plausible_basis);
  return located_warning(entry, std::move(key), text, scenario);
}

}  // namespace

std::vector<RunWarning> plausibility_warnings(const Scenario& scenario) {
  using Where = std::tuple<std::string, int, std::string>;  // file, line, path
  // What the £ totals are compared with; 0 before the practices are loaded.
  const Pounds spend = model::practices_core_funding(scenario.practices);
  std::vector<std::pair<Where, RunWarning>> found;
  std::set<Where> seen;  // each value as written once: options repeat the baseline's entries
  for (std::size_t o = 0; o < scenario.options.size(); ++o) {
    const OptionSpec& option = scenario.options[o];
    for (const ParameterEntry& entry : option.parameters) {
      if (!entry.spec) continue;
      Where where{value_file(entry, scenario), entry.line, entry.path};
      if (!seen.insert(where).second) continue;
      // options[0] is the baseline; a later option's entry not seen before is its own.
      const std::string key =
          o == 0 ? entry.path : fmt::format("options.{}.{}", option.name, entry.path);
      if (auto warning = range_warning(entry, key, scenario))
        found.emplace_back(where, std::move(*warning));
      if (auto warning = spend_warning(entry, key, spend, scenario))
        found.emplace_back(where, std::move(*warning));
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(a.first), std::get<1>(a.first)) <
           std::tie(std::get<0>(b.first), std::get<1>(b.first));
  });
  std::vector<RunWarning> out;
  for (auto& [where, warning] : found) out.push_back(std::move(warning));
  return out;
}

}  // namespace pcsim::scenarios
