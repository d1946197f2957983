#pragma once
#include <cmath>
#include <span>
#include <vector>

#include "core/units.hpp"
#include "model/events.hpp"
#include "model/parameters.hpp"
#include "model/practice.hpp"
#include "model/stream_purpose.hpp"

// Savings module (MODEL.md, "Savings: referrals, prescribing, urgent care", and
// docs/model.md, Savings): pure functions of one practice-year. Urgent care savings
// belong to the capacity module; total_savings adds them in.
namespace pcsim::model {

// s = sqrt(ln(1 + referral_rate_cv^2)): the log-scale sd of a lognormal whose coefficient
// of variation is referral_rate_cv.
double referral_log_sd(const SavingsParameters& savings);

// The peer group's rate r̄(g) that a practice without a file rate is drawn around (MODEL.md,
// Savings: "drawn around its peer group's rate"), for g = 0 .. practices.peer_groups-1:
//   r̄(g) = sum W(p,0) r(p,0) / sum W(p,0) over the practices of g whose file gives r(p,0)
// (the group's referrals per 1,000 weighted patients), or referrals_per_1000_weighted for a
// group where no practice's file gives one.
std::vector<double> peer_group_referral_rates(const SavingsParameters& savings,
                                              const PracticeSet& practices);

// The two sums of r̄(g), per group: sum W(p,0) r(p,0) and sum W(p,0) over the practices of g
// whose file gives r(p,0). They depend on the practice file alone, so a caller running
// many iterations computes them once (the engine's workspace).
struct PeerGroupReferralSums {
  std::vector<double> referrals;  // sum of W(p,0) r(p,0)
  std::vector<double> weighted;   // sum of W(p,0)
};
PeerGroupReferralSums peer_group_referral_sums(const PracticeSet& practices);

// r̄(g) from the sums into `rates` (resized): referrals / weighted, or
// referrals_per_1000_weighted where weighted is 0. peer_group_referral_rates composes the two.
void peer_group_referral_rates(const SavingsParameters& savings, const PeerGroupReferralSums& sums,
                               std::vector<double>& rates);

// The centre of a practice's draw: r̄(group), or referrals_per_1000_weighted for a practice
// in no group of `group_rates`.
inline double referral_centre(const SavingsParameters& savings, std::span<const double> group_rates,
                              int group) {
  return group >= 0 && static_cast<std::size_t>(group) < group_rates.size()
             ? group_rates[static_cast<std::size_t>(group)]
             : savings.referrals_per_1000_weighted;
}

// r(p,0) from a standard normal z: the practice file value when given, else
// centre exp(s z - s^2 / 2) (a lognormal with mean `centre`, the practice's
// referral_centre, and cv referral_rate_cv). Referrals per 1,000 weighted patients per year.
double referral_baseline_rate(const SavingsParameters& savings, const PracticeBaseline& practice,
                              double centre, double z);

// The drawn rate alone: centre exp(s z - s^2 / 2).
double drawn_referral_rate(const SavingsParameters& savings, double centre, double z);

// The same given log_sd = referral_log_sd(savings), computed once for many practices
// (drawn_referral_rate computes it per call: a log1p and a sqrt). The same expression, so
// the same bits.
inline double drawn_referral_rate_at(double centre, double log_sd, double z) {
  // Mean-preserving lognormal: E[exp(s z - s^2/2)] = 1 for z ~ N(0, 1).
  return centre * std::exp(log_sd * z - 0.5 * log_sd * log_sd);
}

// r(p,0) with z = year0_events.normal(ReferralBaseline, 0, 1), year0_events =
// events_for(p, 0). Central case (z = 0): centre exp(-s^2/2) would be the median, so the
// central case takes the mean, `centre` itself. No draw is made when the practice file
// gives the rate. `file_rate` is the practice file's r(p,0), NaN when not given; `centre`
// its referral_centre.
template <class Events>
double referral_baseline_rate(const SavingsParameters& savings, double file_rate, double centre,
                              const Events& year0_events) {
  if (!std::isnan(file_rate)) return file_rate;
  if (year0_events.central()) return centre;
  return drawn_referral_rate(savings, centre,
                             year0_events.normal(Purpose::ReferralBaseline, 0, 1.0));
}

template <class Events>
double referral_baseline_rate(const SavingsParameters& savings, const PracticeBaseline& practice,
                              double centre, const Events& year0_events) {
  return referral_baseline_rate(savings, practice.referrals_per_1000_weighted, centre,
                                year0_events);
}

// bench(g) for g = 0 .. practices.peer_groups-1: the benchmark_percentile-th percentile
// (model/percentile.hpp) of r(p,0) over the practices of peer group g. NaN for a group
// with no practices (never used). `baseline_rates` holds r(p,0) in practice order.
std::vector<double> peer_benchmarks(const SavingsParameters& savings, const PracticeSet& practices,
                                    std::span<const double> baseline_rates);

// One year of peer benchmarking: r(p,t) = r(p,t-1) - convergence max(0, r(p,t-1) -
// bench(g)) when benchmarking is on; r(p,t-1) (which stays r(p,0)) when off.
// Inline: it runs once per practice-year.
inline double benchmarked_rate(const SavingsParameters& savings, double previous_rate,
                               double benchmark) {
  if (!savings.benchmarking) return previous_rate;
  // Practices already at or below the benchmark keep their rate.
  const double gap = previous_rate > benchmark ? previous_rate - benchmark : 0.0;
  return previous_rate - savings.convergence * gap;
}

// EUR effect e(t) = limited_value_share eur_reduction ramp(t, ramp_years) when eur is on,
// else 0: the share of referrals the policy removes in year t.
Fraction eur_effect(const SavingsParameters& savings, int t);

// Referral figures of one practice-year.
struct ReferralYear {
  Referrals referrals = 0;  // r(p,t) W(p,t)/1000 (1 - e(t))
  Referrals baseline = 0;   // r(p,0) W(p,t)/1000
  Referrals avoided = 0;    // baseline - referrals
  Pounds savings = 0;       // avoided cost_per_referral I(t)
};

// Referrals, avoided referrals and referral savings of one practice in year t, given
// r(p,0), r(p,t) (benchmarked_rate), W(p,t) and I(t) = inflation_index(funding, t).
ReferralYear referral_year(const SavingsParameters& savings, double baseline_rate, double rate,
                           Patients weighted_list, double inflation_index, int t);

// The same given the year's eur = eur_effect(savings, t), computed once a year by simulate().
inline ReferralYear referral_year_at(const SavingsParameters& savings, double baseline_rate,
                                     double rate, Patients weighted_list, double inflation_index,
                                     Fraction eur) {
  ReferralYear year;
  year.referrals = rate * weighted_list / 1000.0 * (1.0 - eur);
  year.baseline = baseline_rate * weighted_list / 1000.0;
  year.avoided = year.baseline - year.referrals;
  year.savings = year.avoided * savings.cost_per_referral * inflation_index;
  return year;
}

// pres(p,0), £ per weighted patient in year 0: the practice file value, else
// prescribing_per_weighted.
PoundsPerPatient prescribing_baseline_per_weighted(const SavingsParameters& savings,
                                                   const PracticeBaseline& practice);

// The same from the file's value alone (NaN when not given).
inline PoundsPerPatient prescribing_baseline_per_weighted(const SavingsParameters& savings,
                                                          PoundsPerPatient file_value) {
  return std::isnan(file_value) ? savings.prescribing_per_weighted : file_value;
}

// Prescribing figures of one practice-year, £.
struct PrescribingYear {
  Pounds cost = 0;     // pres(p,0) W(p,t) (1 + prescribing_growth)^t, before the KPI
  Pounds savings = 0;  // cost prescribing_reduction ramp(t, ramp_years); 0 when KPI off
};

PrescribingYear prescribing_year(const SavingsParameters& savings,
                                 PoundsPerPatient baseline_per_weighted, Patients weighted_list,
                                 int t);

// (1 + prescribing_growth)^t, the same for every practice of year t.
inline double prescribing_growth_index(const SavingsParameters& savings, int t) {
  return std::pow(1.0 + savings.prescribing_growth, t);
}

// The same given growth_index = prescribing_growth_index(savings, t) and
// phase = ramp(t, ramp_years), computed once a year by simulate().
inline PrescribingYear prescribing_year_at(const SavingsParameters& savings,
                                           PoundsPerPatient baseline_per_weighted,
                                           Patients weighted_list, double growth_index,
                                           double phase) {
  PrescribingYear year;
  year.cost = baseline_per_weighted * weighted_list * growth_index;
  if (savings.prescribing_kpi) year.savings = year.cost * savings.prescribing_reduction * phase;
  return year;
}

// Savings(t) = referral + prescribing + urgent care savings, £ (urgent care may be < 0).
constexpr Pounds total_savings(Pounds referral_savings, Pounds prescribing_savings,
                               Pounds urgent_care_savings) {
  return referral_savings + prescribing_savings + urgent_care_savings;
}

}  // namespace pcsim::model
