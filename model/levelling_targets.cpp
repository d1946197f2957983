#include "model/levelling_targets.hpp"

#include <cmath>
#include <map>

#include "core/errors.hpp"
#include "core/not_a_number.hpp"
#include "model/percentile.hpp"

namespace pcsim::model {

namespace {

Patients funding_weighted_list(const PracticeBaseline& practice) {
  return practice.payments_weighted_patients > 0 ? practice.payments_weighted_patients
                                                 : practice.weighted_patients;
}

// The target of one group from its trusted practices' figures.
PoundsPerPatient group_target(const FundingParameters& funding, std::span<const double> f,
                              Pounds core, Patients weighted) {
  if (funding.target == LevellingTarget::Pounds) return funding.target_pounds;
  if (f.empty()) return kNaN;
  switch (funding.target) {
    case LevellingTarget::Mean:
      return core / weighted;
    case LevellingTarget::Median:
      return percentile(f, 50.0);
    case LevellingTarget::Percentile:
      return percentile(f, funding.target_percentile);
    case LevellingTarget::Pounds:
      break;
  }
  return funding.target_pounds;
}
}  // namespace

std::string_view distrust_label(Distrust reason) {
  switch (reason) {
    case Distrust::kTrusted:
      return "trusted";
    case Distrust::kSmallList:
      return "weighted list below funding.trust_min_weighted_list";
    case Distrust::kPartYear:
      return "opened or closed within the base year";
    case Distrust::kNoCoreFunding:
      return "no core funding in the Global Sum, MPIG and Balance of PMS columns (paid outside "
             "them)";
    case Distrust::kRatioOutlier:
      return "funding per weighted patient beyond funding.trust_max_ratio_to_median of the "
             "scope's median";
  }
  return "unknown";
}

PoundsPerPatient baseline_funding_per_weighted(const PracticeBaseline& practice) {
  const Patients weighted = funding_weighted_list(practice);
  if (!(weighted > 0))
    throw ModelError("practice " + practice.code +
                     ": weighted list must be positive to compute core funding per "
                     "weighted patient, found " +
                     std::to_string(weighted));
  return practice.core_funding / weighted;
}

std::vector<PoundsPerPatient> baseline_funding_per_weighted(const PracticeSet& practices) {
  std::vector<PoundsPerPatient> f0;
  f0.reserve(practices.practices.size());
  for (const PracticeBaseline& practice : practices.practices)
    f0.push_back(baseline_funding_per_weighted(practice));
  return f0;
}

std::vector<int> target_scope_groups(TargetScope scope, const PracticeSet& practices) {
  std::vector<int> group;
  group.reserve(practices.practices.size());
  std::map<std::string, int> index;
  for (const PracticeBaseline& practice : practices.practices) {
    std::string key;
    if (scope == TargetScope::Area) key = practice.ccg_code;
    if (scope == TargetScope::Icb) {
      if (practice.icb_code.empty())
        throw ModelError("funding.target_scope = \"icb\": practice " + practice.code +
                         " has no ICB code (give [practices] area_icb_csv)");
      key = practice.icb_code;
    }
    const auto [it, added] = index.emplace(key, static_cast<int>(index.size()));
    group.push_back(it->second);
  }
  return group;
}

LevellingBaseline levelling_baseline(const FundingParameters& funding, const PracticeSet& practices,
                                     std::span<const PoundsPerPatient> f0) {
  const auto& all = practices.practices;
  const std::size_t n = all.size();
  LevellingBaseline out;
  out.f0.assign(f0.begin(), f0.end());
  out.group = target_scope_groups(funding.target_scope, practices);
  out.trust.assign(n, Distrust::kTrusted);
  int groups = 0;
  for (const int g : out.group) groups = std::max(groups, g + 1);

  // Rules 1 to 3, then each group's median over the practices that pass them. A practice
  // with no core funding is never in the median: where most of an area's contracts are
  // paid outside the three columns, a median of £0 would otherwise make the £0 practices
  // the trusted ones and the funded ones the outliers (CCG 04D in 2014/15).
  std::vector<std::vector<double>> passing(static_cast<std::size_t>(groups));
  for (std::size_t p = 0; p < n; ++p) {
    if (funding_weighted_list(all[p]) < funding.trust_min_weighted_list)
      out.trust[p] = Distrust::kSmallList;
    else if (all[p].opened_in_year || all[p].closed_in_year)
      out.trust[p] = Distrust::kPartYear;
    else if (!(all[p].core_funding > 0))
      out.trust[p] = Distrust::kNoCoreFunding;
    else
      passing[static_cast<std::size_t>(out.group[p])].push_back(f0[p]);
  }
  std::vector<double> median(static_cast<std::size_t>(groups), kNaN);
  for (std::size_t g = 0; g < median.size(); ++g)
    if (!passing[g].empty()) median[g] = percentile(passing[g], 50.0);
  const double k = funding.trust_max_ratio_to_median;
  for (std::size_t p = 0; p < n; ++p) {
    if (out.trust[p] != Distrust::kTrusted) continue;
    const double m = median[static_cast<std::size_t>(out.group[p])];
    if (f0[p] > k * m || f0[p] < m / k) out.trust[p] = Distrust::kRatioOutlier;
  }

  // Each group's target over its trusted practices, in practice order.
  std::vector<std::vector<double>> trusted_f(static_cast<std::size_t>(groups));
  std::vector<Pounds> core(static_cast<std::size_t>(groups), 0.0);
  std::vector<Patients> weighted(static_cast<std::size_t>(groups), 0.0);
  for (std::size_t p = 0; p < n; ++p) {
    if (out.trust[p] != Distrust::kTrusted) continue;
    const auto g = static_cast<std::size_t>(out.group[p]);
    trusted_f[g].push_back(f0[p]);
    core[g] += all[p].core_funding;
    weighted[g] += funding_weighted_list(all[p]);
  }
  out.group_target.resize(static_cast<std::size_t>(groups));
  for (std::size_t g = 0; g < out.group_target.size(); ++g)
    out.group_target[g] = group_target(funding, trusted_f[g], core[g], weighted[g]);
  out.target.resize(n);
  for (std::size_t p = 0; p < n; ++p)
    out.target[p] = out.trust[p] == Distrust::kTrusted
                        ? out.group_target[static_cast<std::size_t>(out.group[p])]
                        : kNaN;
  return out;
}

}  // namespace pcsim::model
