#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/units.hpp"
#include "model/parameters.hpp"
#include "model/practice.hpp"

// Levelling-up targets (docs/model.md, Funding: Levelling up): which practices' funding per
// weighted patient can be trusted, the scope a target is taken over, and each practice's
// target f*(p). Pure functions of the practice data and the funding parameters, computed
// once per practice set and parameter values (the simulation caches them).
namespace pcsim::model {

// Why a practice's f(p,0) is not trusted (kTrusted when it is).
enum class Distrust : std::uint8_t {
  kTrusted,
  kSmallList,
  kPartYear,
  kNoCoreFunding,
  kRatioOutlier
};
std::string_view distrust_label(Distrust reason);

// f(p,0) = core funding / W(p,0), with W(p,0) the payments file's own weighted list (the
// figure the funding was paid on: practice.payments_weighted_patients when set, else
// weighted_patients). Throws ModelError when that list is not positive.
PoundsPerPatient baseline_funding_per_weighted(const PracticeBaseline& practice);
std::vector<PoundsPerPatient> baseline_funding_per_weighted(const PracticeSet& practices);

// The scope group of every practice: practices with the same area code (Area), ICB code
// (Icb) or all of them (File) share a group; groups are numbered in order of first
// appearance. Throws ModelError for an ICB scope when a practice has no ICB code.
std::vector<int> target_scope_groups(TargetScope scope, const PracticeSet& practices);

// Everything levelling needs from the baseline year, per practice.
struct LevellingBaseline {
  std::vector<PoundsPerPatient> f0;            // f(p,0)
  std::vector<Distrust> trust;                 // kTrusted, or why not
  std::vector<int> group;                      // scope group
  std::vector<PoundsPerPatient> target;        // f*(p) in year-0 prices; NaN: not levelled
  std::vector<PoundsPerPatient> group_target;  // f* of each group (NaN: no trusted practice)
  bool levelled(std::size_t p) const {
    return trust[p] == Distrust::kTrusted && target[p] == target[p];
  }
};

// The trust rule, in order (the first that applies is the reason):
//   kSmallList     W(p,0) < funding.trust_min_weighted_list;
//   kPartYear      opened or closed within the base year;
//   kNoCoreFunding core funding <= 0: the contract is paid outside the three core columns
//                  (many PMS and APMS contracts in some areas and years), so £0 is not
//                  its funding level;
//   kRatioOutlier  f(p,0) > k m or f(p,0) < m / k, with m the median f(p,0) of the
//                  practices of the group passing the first three rules and
//                  k = funding.trust_max_ratio_to_median.
// The target of a group over its trusted practices (`funding.target`):
//   mean        sum core funding / sum W(p,0) (weighted by weighted patients);
//   median      percentile 50 of their f(p,0) (per practice);
//   percentile  percentile target_percentile of their f(p,0) (per practice);
//   pounds      target_pounds for every group.
// A practice's target is its group's; untrusted practices get NaN (they keep f(p,0)).
// `f0` = baseline_funding_per_weighted(practices).
LevellingBaseline levelling_baseline(const FundingParameters& funding, const PracticeSet& practices,
                                     std::span<const PoundsPerPatient> f0);

}  // namespace pcsim::model
