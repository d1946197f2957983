#include "scenarios/plausibility_warnings.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "scenarios/diagnostics.hpp"

namespace pcsim::scenarios {

namespace {

using model::DistributionKind;

// The tails of a distribution without bounds of its own: what it draws 1 time in 100.
constexpr double kLowTail = 0.01;
constexpr double kHighTail = 0.99;

std::string place_of(const ParameterEntry& entry, const Scenario& scenario) {
  return entry.file.empty() ? scenario.file.string() : entry.file;
}

// The points of the entry's value outside the plausible range: "0.2" (fixed), or "max 0.2".
std::vector<std::string> outside_points(const ParameterEntry& entry) {
  std::vector<std::string> outside;
  for (const DistributionPoint& point : plausibility_points(entry.distribution))
    if (!entry.spec->is_plausible(point.value))
      outside.push_back(point.name.empty()
                            ? format_number(point.value)
                            : fmt::format("{} {}", point.name, format_number(point.value)));
  return outside;
}

// "0.2 is" for a fixed value; "triangular(min=0, mode=0.1, max=0.2): its max 0.2 is" or
// "...: its mode 0.15 and max 0.2 are" for a distribution.
std::string subject(const ParameterEntry& entry, const std::vector<std::string>& outside) {
  if (entry.distribution.is_fixed()) return outside.front() + " is";
  std::string list;
  for (std::size_t i = 0; i < outside.size(); ++i)
    list += (i == 0 ? "" : i + 1 == outside.size() ? " and " : ", ") + outside[i];
  return fmt::format("{}: its {} {}", entry.distribution.describe(), list,
                     outside.size() == 1 ? "is" : "are");
}

RunWarning warning_for(const ParameterEntry& entry, std::string key,
                       const std::vector<std::string>& outside, const Scenario& scenario) {
  const model::ParameterSpec& spec = *entry.spec;
  std::string file = place_of(entry, scenario);
  std::string message = fmt::format(
      "{}, line {}: {} outside the plausible range {} ({}), within the hard limits {}: more "
      "likely a slip than a choice. The range: {}",
      file, entry.line, subject(entry, outside),
      describe_range(spec.plausible_min, spec.plausible_max), spec.unit,
      describe_range(spec.min_valid, spec.max_valid), spec.plausible_basis);
  return RunWarning{std::move(key), std::move(message), {}, std::move(file), entry.line};
}

}  // namespace

std::vector<DistributionPoint> plausibility_points(const model::Distribution& d) {
  switch (d.kind()) {
    case DistributionKind::Fixed:
      return {{"", d.central()}};
    case DistributionKind::Uniform:
    case DistributionKind::Discrete:
      return {{"min", d.support_min()}, {"max", d.support_max()}};
    case DistributionKind::Triangular:
    case DistributionKind::Pert:
      return {{"min", d.support_min()}, {"mode", d.central()}, {"max", d.support_max()}};
    case DistributionKind::Normal:
    case DistributionKind::Lognormal:
    case DistributionKind::Beta:
      return {{"1st percentile", d.quantile(kLowTail)},
              {"mean", d.central()},
              {"99th percentile", d.quantile(kHighTail)}};
  }
  return {{"", d.central()}};
}

std::vector<RunWarning> plausibility_warnings(const Scenario& scenario) {
  using Where = std::tuple<std::string, int, std::string>;  // file, line, path
  std::vector<std::pair<Where, RunWarning>> found;
  std::set<Where> seen;  // each value as written once: options repeat the baseline's entries
  for (std::size_t o = 0; o < scenario.options.size(); ++o) {
    const OptionSpec& option = scenario.options[o];
    for (const ParameterEntry& entry : option.parameters) {
      if (!entry.spec || !entry.spec->has_plausible_range()) continue;
      Where where{place_of(entry, scenario), entry.line, entry.path};
      if (!seen.insert(where).second) continue;
      const std::vector<std::string> outside = outside_points(entry);
      if (outside.empty()) continue;
      // options[0] is the baseline; a later option's entry not seen before is its own.
      std::string key = o == 0 ? entry.path : fmt::format("options.{}.{}", option.name, entry.path);
      found.emplace_back(where, warning_for(entry, std::move(key), outside, scenario));
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
