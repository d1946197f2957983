#pragma once
// The ranges of the practice data once loaded: every count and amount of every practice
// must be one the model can represent and run in reasonable time (refused beyond), and
// values past anything a real English practice has are named in a warning. The readers
// check each cell's form (a number, not negative); this checks magnitudes, whatever file
// or default a value came from. docs/scenario-format.md lists the limits.
#include <string>
#include <vector>

#include "core/warnings.hpp"
#include "model/practice.hpp"
#include "scenarios/practice_data_spec.hpp"

namespace pcsim::scenarios {

struct PracticeLimit {
  const char* field;    // as in messages: "registered_patients"
  double warn_above;    // plausible: no English practice has more
  double refuse_above;  // representable: beyond it the model cannot run it
  bool amount = false;  // £ that may be negative (down to -refuse_above); counts may not
};

// registered and weighted patients, core funding (£), GP headcount (all bands), each
// role's FTE, referrals per 1,000 weighted patients, prescribing £ per weighted patient.
inline constexpr PracticeLimit kRegisteredPatients{"registered_patients", 150'000, 100'000'000};
inline constexpr PracticeLimit kWeightedPatients{"weighted_patients", 300'000, 200'000'000};
inline constexpr PracticeLimit kCoreFunding{"core_funding", 50'000'000, 1e12, true};
inline constexpr PracticeLimit kGpHeadcount{"gp_headcount", 500, 1'000'000};
inline constexpr PracticeLimit kRoleFte{"role_fte", 500, 1'000'000};
inline constexpr PracticeLimit kReferrals{"referrals_per_1000_weighted", 2'000, 1'000'000};
inline constexpr PracticeLimit kPrescribing{"prescribing_per_weighted", 1'000, 1'000'000};

// Weighted patients per registered patient: outside these bands one of the two counts is
// more likely a slip (a digit dropped or added, a fraction) than a real list. No practice
// of the payments files 2014/15 to 2022/23 lies outside (every practice with both counts
// above 0: 0.400 to 8.630; with 100 or more registered patients 0.542 to 4.561;
// tests/scenarios/check_weighting_ratio_band.py recomputes both from the files).
struct WeightingRatioBand {
  double at_least_registered;  // the band holds for lists of at least this many patients
  double low, high;
};
inline constexpr WeightingRatioBand kWeightingRatioSmallList{0, 0.35, 10};
inline constexpr WeightingRatioBand kWeightingRatio{100, 0.5, 5};

// Checks every practice of `practices` (roles named by `role_names`, in the order of
// PracticeBaseline::role_fte). Throws InputError listing the values beyond the
// representable (at most 20, then a count of the rest), each naming the file it came
// from, the line of the practice's row there (when found), the field and the practice
// code; an infinite or NaN value, and a negative count, are refused too. Returns one warning
// per field with values beyond the plausible, listing every practice concerned, and one
// (key practices.weighted_patients) for practices whose weighted list per registered
// patient lies outside its WeightingRatioBand.
std::vector<RunWarning> check_practice_ranges(const model::PracticeSet& practices,
                                              const PracticeLoadReport& report,
                                              const std::vector<std::string>& role_names);

}  // namespace pcsim::scenarios
