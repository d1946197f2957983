#include "scenarios/level_rules.hpp"

#include <cmath>

#include <fmt/format.h>

namespace pcsim::scenarios {
namespace {

const SetParameter* find(const MergedOption& merged, const std::string& path) {
  const auto it = merged.parameters.find(path);
  return it == merged.parameters.end() ? nullptr : &it->second;
}

bool from_option(const SetParameter* entry) { return entry && entry->from_option; }

// " in option 'x'" for options, nothing for the baseline.
std::string in_option(const MergedOption& merged) {
  return merged.is_option ? fmt::format(" in option '{}'", merged.name) : std::string{};
}

// " (commissioning_level = 1 at line 12)" when the level is written somewhere; the file is
// named when it is not the scenario itself but a file it includes.
std::string where_set(const SetParameter* entry, std::string_view what,
                      const DiagnosticCollector& out) {
  if (!entry) return {};
  if (!entry->where.file.empty() && entry->where.file != out.file())
    return fmt::format(" ({} at {} line {})", what, entry->where.file, entry->where.line);
  return fmt::format(" ({} at line {})", what, entry->where.line);
}

constexpr std::string_view kLevelOneRule =
    "not allowed at commissioning level 1 (greater involvement): contract levers need level "
    "2 or 3";

void check_level_one(const MergedOption& merged, const model::ModelParameters& central,
                     DiagnosticCollector& out) {
  if (central.commissioning_level != 1) return;
  const SetParameter* level = find(merged, "commissioning_level");
  // "..., not allowed at commissioning level 1 (...): ... (commissioning_level = 1 at line 3)"
  const std::string rule = fmt::format("{}, {}{}", in_option(merged), kLevelOneRule,
                                       where_set(level, "commissioning_level = 1", out));
  auto lever = [&](const std::string& path, bool on) {
    const SetParameter* entry = find(merged, path);
    if (!on || !entry) return;
    if (merged.is_option && !from_option(entry) && !from_option(level)) return;
    const std::string key = path.substr(path.find('.') + 1);
    out.add(entry->where, entry->label, fmt::format("{} = true{}", key, rule),
            fmt::format("{} = false, or commissioning_level = 2 or 3", key));
  };
  lever("funding.levelling_up", central.funding.levelling_up);
  lever("savings.prescribing_kpi", central.savings.prescribing_kpi);
  for (const auto& [name, standard] : merged.standards) {
    if (merged.is_option && !standard.from_option && !from_option(level)) continue;
    out.add(standard.where, standard.label,
            fmt::format("quality standard '{}' (a local quality contract){}", name, rule),
            "no [funding.quality_standards] at level 1, or commissioning_level = 2 or 3");
  }
}

void check_target(const MergedOption& merged, const model::ModelParameters& central,
                  DiagnosticCollector& out) {
  const SetParameter* target = find(merged, "funding.target");
  if (!target) return;  // the default target, the median, needs nothing more
  const auto& funding = central.funding;
  if (funding.target == model::LevellingTarget::Percentile) {
    const SetParameter* pct = find(merged, "funding.target_percentile");
    if (merged.is_option && !from_option(target) && !from_option(pct)) return;
    if (!pct) return;  // the default percentile, 50, is valid
    const double lo = pct->distribution.support_min(), hi = pct->distribution.support_max();
    if (lo > 0 && hi < 100) return;
    out.add(pct->where, pct->label,
            fmt::format("target_percentile {}{}",
                        pct->distribution.is_fixed()
                            ? "= " + format_number(lo)
                            : fmt::format("taking values from {} to {}", format_number(lo),
                                          format_number(hi)),
                        in_option(merged)),
            "with target = \"percentile\", a percentile strictly between 0 and 100 (use "
            "target = \"median\" for 50)");
  } else if (funding.target == model::LevellingTarget::Pounds && funding.levelling_up) {
    const SetParameter* pounds = find(merged, "funding.target_pounds");
    const SetParameter* levelling = find(merged, "funding.levelling_up");
    if (merged.is_option && !from_option(target) && !from_option(pounds) && !from_option(levelling))
      return;
    if (pounds && pounds->distribution.support_min() > 0) return;
    const SetParameter* at = pounds ? pounds : target;
    out.add(at->where, pounds ? pounds->label : target->label,
            pounds
                ? fmt::format("target_pounds that can be {}{}",
                              format_number(pounds->distribution.support_min()), in_option(merged))
                : fmt::format("target = \"pounds\" without target_pounds{}", in_option(merged)),
            "with target = \"pounds\" and levelling_up, funding.target_pounds > 0: the target "
            "core funding in £ per weighted patient (year-0 prices)");
  }
}

// Lists compound: L(t) = L(0) (1 + list_growth + e)^t, and the GP establishment, the
// posts recruited to and the binomial draws of exits and recruits grow with them, so a
// list that doubles every year for 50 years never finishes (the bad-input audit:
// list_growth = 1 took 6.6 s an iteration at 25 years). The central growth at the top of
// list_growth's range may compound to at most kMaxListGrowthFactor over the horizon.
constexpr double kMaxListGrowthFactor = 100;

void check_list_growth(const MergedOption& merged, const model::ModelParameters& central,
                       DiagnosticCollector& out) {
  const SetParameter* growth = find(merged, "population.list_growth");
  const SetParameter* horizon = find(merged, "horizon_years");
  if (!growth) return;  // the default, 0.6% a year, stays far inside for any horizon
  if (merged.is_option && !from_option(growth) && !from_option(horizon)) return;
  const double top = growth->distribution.support_max();
  const int years = central.horizon_years;
  const double factor = std::pow(1.0 + top, years);
  if (factor <= kMaxListGrowthFactor) return;
  out.add(
      growth->where, growth->label,
      fmt::format("list_growth {} over horizon_years = {}{}: lists that grow {}-fold{}",
                  growth->distribution.is_fixed() ? "= " + format_number(top)
                                                  : "up to " + format_number(top),
                  years, where_set(horizon, "horizon_years", out), fmt::format("{:.3g}", factor),
                  in_option(merged)),
      fmt::format("lists growing at most {}-fold over the horizon: list_growth at most {} "
                  "for {} years ((1 + list_growth)^horizon_years <= {}; the GPs to "
                  "simulate grow with the lists)",
                  format_number(kMaxListGrowthFactor),
                  // rounded down to 4 decimals, so that the figure given is allowed
                  format_number(
                      std::floor(1e4 * (std::pow(kMaxListGrowthFactor, 1.0 / years) - 1.0)) / 1e4),
                  years, format_number(kMaxListGrowthFactor)));
}

}  // namespace

void check_cross_field_rules(const MergedOption& merged, const model::ModelParameters& central,
                             DiagnosticCollector& out) {
  check_level_one(merged, central, out);
  check_target(merged, central, out);
  check_list_growth(merged, central, out);
}

}  // namespace pcsim::scenarios
