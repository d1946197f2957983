#pragma once
#include <array>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "core/units.hpp"
#include "model/parameters.hpp"
#include "model/practice_changes.hpp"
#include "model/simulation_output.hpp"
#include "model/workforce.hpp"

// The run-level figures of one year (docs/model.md, "How a year is run", step 3): the
// practices' figures summed, then investment, savings, urgent care, budget and economics,
// written to the output. One function, used by the reference simulation and the fast
// engine alike, so the run-level equations exist once.
namespace pcsim::model {

// Totals of one year over the practices, in practice order.
struct YearTotals {
  Patients list = 0, weighted = 0;           // after the year-end moves
  double practices_open = 0;                 // sum of open shares after the year-end changes
  double single_handed = 0, without_gp = 0;  // open practices (shares) with 1 and 0 GPs
  Headcount gp_headcount = 0;                // after recruitment, before closures
  Fte gp_fte = 0, other_fte = 0, additional_roles_fte = 0;
  Appointments demand = 0, capacity = 0, gap = 0, extended_access = 0;
  Appointments demand_gp = 0, capacity_gp = 0, unmet_gp = 0, unmet_gp_without_levers = 0;
  Appointments demand_other = 0, capacity_other = 0, unmet_other = 0;
  Appointments self_care = 0, funded_gp = 0, funded_other = 0, additional_roles_appointments = 0;
  Headcount retirements = 0, leavers = 0, recruits = 0;
  Headcount extra_gp_posts_filled = 0;  // filled_extra_gp_posts summed over practices
  Pounds levelling_up = 0, quality_contract = 0;
  Referrals referrals = 0, referrals_avoided = 0;
  Pounds referral_savings = 0, baseline_referral_cost = 0;
  Pounds prescribing_savings = 0, baseline_prescribing_cost = 0;
};

// What the run keeps from year 0 for the accounts.
struct RunBaseline {
  Pounds baseline_spend = 0;  // year-0 prices (funding.baseline_spend or the file's sum)
};

// Adds one practice's year-end state to the practice counts: its open share, and that
// share again when its GPs (per open share, rounded to whole GPs) number one or none.
inline void count_practice(YearTotals& y, double open_share, Headcount gps) {
  y.practices_open += open_share;
  if (!(open_share > 0)) return;
  const RoundedGps heads = rounded_gps(gps / open_share);
  if (heads == RoundedGps::One) y.single_handed += open_share;
  if (heads == RoundedGps::None) y.without_gp += open_share;
}

// The year's lists and practice counts after the year-end changes (docs/model.md, "How a
// year is run", step 3), summed in kCountPartials partial sums: practice p's figures
// (list, weighted list, and count_practice's) go to partial p mod 8, each partial in
// practice order, and each total is 0 + partial 0 + partial 1 + ... + partial 7, left to
// right. Eight partials are eight chains of additions that a processor runs side by side
// (the engine adds eight practices in one vector instruction), where a single chain in
// practice order waits on each addition in turn; they also bound each total's rounding by
// about n / 8 additions rather than n. The fields other than these five stay 0.
inline constexpr std::size_t kCountPartials = 8;

inline YearTotals year_counts(std::span<const Patients> list, std::span<const Patients> weighted,
                              std::span<const double> open_share, std::span<const Headcount> gps) {
  std::array<YearTotals, kCountPartials> partial{};
  for (std::size_t p = 0; p < list.size(); ++p) {
    YearTotals& y = partial[p % kCountPartials];
    y.list += list[p];
    y.weighted += weighted[p];
    count_practice(y, open_share[p], gps[p]);
  }
  YearTotals total;
  for (const YearTotals& y : partial) {
    total.list += y.list;
    total.weighted += y.weighted;
    total.practices_open += y.practices_open;
    total.single_handed += y.single_handed;
    total.without_gp += y.without_gp;
  }
  return total;
}

// Sets y's five fields that year_counts sums from `counted` (the others stay as they are).
inline void take_counts(YearTotals& y, const YearTotals& counted) {
  y.list = counted.list;
  y.weighted = counted.weighted;
  y.practices_open = counted.practices_open;
  y.single_handed = counted.single_handed;
  y.without_gp = counted.without_gp;
}

// Writes every per-year Metric of year t from the year's totals, the filled new posts of
// each role (summed over practices, in the order of parameters.roles) and the year-end
// practice changes.
void write_year_metrics(const ModelParameters& parameters, int t, const YearTotals& y,
                        std::span<const Fte> new_role_fte, const PracticeChangeYear& changes,
                        const RunBaseline& baseline, const SimulationOutput& out);

// After the last year: cumulative ROI, NPV and payback year from the investment and
// savings rows already written.
void write_run_economics(const ModelParameters& parameters, const SimulationOutput& out);

}  // namespace pcsim::model
