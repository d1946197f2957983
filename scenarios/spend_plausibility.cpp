#include "scenarios/spend_plausibility.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "scenarios/diagnostics.hpp"
#include "scenarios/load_text.hpp"
#include "scenarios/plausibility_message.hpp"
#include "scenarios/plausibility_points.hpp"

namespace pcsim::scenarios {

namespace {

// A multiple to three significant figures, in the notation values are written in: "1.15",
// "0.001", "1150", "1.15e-06".
std::string multiple_text(double ratio) {
  return format_number(std::stod(fmt::format("{:.3g}", ratio)));
}

}  // namespace

std::optional<RunWarning> spend_warning(const ParameterEntry& entry, std::string key, Pounds spend,
                                        const Scenario& scenario) {
  if (!entry.spec || !entry.spec->has_spend_band() || !(spend > 0)) return std::nullopt;
  const model::ParameterSpec& spec = *entry.spec;
  std::vector<std::string> outside;
  for (const DistributionPoint& point : plausibility_points(entry.distribution)) {
    if (point.value == 0 || !spec.is_plausible(point.value)) continue;
    const double ratio = point.value / spend;
    if (!spec.spend_band.holds(ratio))
      outside.push_back(fmt::format("{} ({} times)", point_label(point), multiple_text(ratio)));
  }
  if (outside.empty()) return std::nullopt;
  const std::string text = fmt::format(
      "{} outside the plausible band {} times the practices' baseline spend of £{} a year (the "
      "year-0 core funding of the scenario's {} practices): more likely a slip (£k or £m for £, "
      "pence, extra zeros) than a choice. The band: {}",
      outside_subject(entry, outside), describe_range(spec.spend_band.min, spec.spend_band.max),
      format_patients(std::round(spend)), scenario.practices.practices.size(),
      spec.spend_band.basis);
  return located_warning(entry, std::move(key), text, scenario);
}

}  // namespace pcsim::scenarios
