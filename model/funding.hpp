#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "core/errors.hpp"
#include "core/units.hpp"
#include "model/branch_free.hpp"
#include "model/events.hpp"
#include "model/levelling_targets.hpp"
#include "model/parameters.hpp"
#include "model/practice.hpp"
#include "model/sampling.hpp"
#include "model/stream_purpose.hpp"

// Funding module (MODEL.md, "Funding: levelling up and the quality contract", and
// docs/model.md, Funding): pure functions of one practice-year or one run-year. The
// caller (model/reference/reference_simulation.hpp, and engine/simulate.hpp) owns the state and
// sums over practices.
namespace pcsim::model {

// I(t) = (1 + funding.inflation)^t: turns year-0 prices into cash terms of year t.
double inflation_index(const FundingParameters& funding, int t);

// f(p,0) and the levelling target f*(p) of each practice: model/levelling_targets.hpp.

// f(p,t), £ per weighted patient in year-t cash:
//   levelling_up off, f* NaN (a practice not levelled: levelling_targets.hpp), or f0 == f*:
//                                       f0 I(t)
//   f0 < f* (levelled up):              I(t) [f0 + (f* - f0) ramp(t, Y)]
//   f0 > f*, level_down off:            f0 I(t)
//   f0 > f*, level_down on:             I(t) max(f0 + (f* - f0) ramp(t, Y),
//                                                 f0 (1 - max_reduction_per_year t))
// with Y = levelling_years and ramp(t, Y) = min(1, t/Y) (1 when Y <= 0).
PoundsPerPatient levelled_funding_per_weighted(const FundingParameters& funding,
                                               PoundsPerPatient f0, PoundsPerPatient f_star, int t);

// The same f(p,t) given the year's index = I(t) and phase = ramp(t, levelling_years), which
// simulate() computes once a year rather than once per practice (engine/year_factors.hpp).
inline PoundsPerPatient levelled_funding_per_weighted_at(const FundingParameters& funding,
                                                         PoundsPerPatient f0,
                                                         PoundsPerPatient f_star, double index,
                                                         double phase, int t) {
  if (!funding.levelling_up || std::isnan(f_star)) return f0 * index;
  // The phased path towards the target, year-0 prices.
  const double phased = f0 + (f_star - f0) * phase;
  if (!funding.level_down) return choose(f0 < f_star, index * phased, f0 * index);
  if (f0 == f_star) return f0 * index;
  if (f0 < f_star) return index * phased;
  // Levelling down loses at most max_reduction_per_year of f0 a year.
  const double floor_by_cap = f0 * (1.0 - funding.max_reduction_per_year * t);
  return index * std::max(phased, floor_by_cap);
}

// One practice's share of LU(t) = (f(p,t) - f0 I(t)) W(p,t); 0 when levelling_up is off.
// Negative for a practice levelled down.
Pounds levelling_up_cost(const FundingParameters& funding, PoundsPerPatient f0,
                         PoundsPerPatient f_star, Patients weighted_list, int t);

// LU(p,t) given index = I(t) and phase = ramp(t, levelling_years).
inline Pounds levelling_up_cost_at(const FundingParameters& funding, PoundsPerPatient f0,
                                   PoundsPerPatient f_star, Patients weighted_list, double index,
                                   double phase, int t) {
  if (!funding.levelling_up) return 0.0;
  const double uplift =
      levelled_funding_per_weighted_at(funding, f0, f_star, index, phase, t) - f0 * index;
  return uplift * weighted_list;
}

// Quality contract, drawn once per practice per iteration: for each standard k of
// funding.quality_standards, the weight with which it applies to the practice — 1 for a
// mandatory standard, else year0_events.bernoulli(QualitySignUp, k, sign_up_share) (0/1
// in a stochastic run, sign_up_share in the central case). `year0_events` must be
// events_for(p, 0).
// The same, written into `applies` (one entry per standard) without allocating.
template <class Events>
void quality_sign_ups_into(const FundingParameters& funding, const Events& year0_events,
                           std::span<Fraction> applies) {
  for (std::size_t k = 0; k < applies.size() && k < funding.quality_standards.size(); ++k) {
    const QualityStandard& standard = funding.quality_standards[k];
    applies[k] = standard.mandatory
                     ? 1.0
                     : year0_events.bernoulli(Purpose::QualitySignUp, static_cast<std::uint32_t>(k),
                                              standard.sign_up_share);
  }
}

template <class Events>
std::vector<Fraction> quality_sign_ups(const FundingParameters& funding,
                                       const Events& year0_events) {
  std::vector<Fraction> applies(funding.quality_standards.size(), 0.0);
  quality_sign_ups_into(funding, year0_events, std::span<Fraction>(applies));
  return applies;
}

// Quality contract payment of one practice-year, £:
//   sum over k of applies[k] * achieved(k) * payment_per_weighted_patient(k) * I(t) * W(p,t),
// the one definition of the sum, over `standards` standards (a count, or a
// std::integral_constant when the caller knows it): achieved(k) is standard k's
// achievement (0 or 1 drawn; its probability in the central case), rate(k) its payment
// per weighted patient. Standards that do not apply are skipped, and so not drawn (draws
// are indexed: skipping one shifts no other stream).
template <class Count, class Achieved, class Rate>
Pounds quality_payment_sum(Count standards, const Fraction* applies, const Achieved& achieved,
                           const Rate& rate, Patients weighted_list, double index) {
  Pounds payment = 0;
  for (std::size_t k = 0; k < standards; ++k) {
    if (applies[k] <= 0) continue;
    payment += applies[k] * achieved(k) * rate(k) * index * weighted_list;
  }
  return payment;
}

// The ModelError of a sign-up list of the wrong length (out of line: the check sits in
// the hot loop, its message does not).
[[noreturn]] void throw_sign_up_mismatch(std::size_t sign_ups, std::size_t standards);

// The quality payment with achieved(k) = events.bernoulli(QualityAchievement, k,
// achievement_rate(k)), `events` = events_for(p, t), and index = I(t) (computed once a
// year by simulate()). `applies` comes from quality_sign_ups (one entry per standard).
// Throws ModelError when `applies` has the wrong length.
template <class Events>
Pounds quality_payment_at(const FundingParameters& funding, std::span<const Fraction> applies,
                          const Events& events, Patients weighted_list, double index) {
  const std::vector<QualityStandard>& standards = funding.quality_standards;
  if (applies.size() != standards.size()) throw_sign_up_mismatch(applies.size(), standards.size());
  return quality_payment_sum(
      applies.size(), applies.data(),
      [&](std::size_t k) {
        return events.bernoulli(Purpose::QualityAchievement, static_cast<std::uint32_t>(k),
                                standards[k].achievement_rate);
      },
      [&](std::size_t k) { return standards[k].payment_per_weighted_patient; }, weighted_list,
      index);
}

// What quality_payment_from_bits needs of one standard, fixed for a run: the achievement
// draw's threshold in bits (achieved exactly when the draw's bits are below it,
// bits_below(achievement_rate)) and the payment rate.
struct QualityDraw {
  std::uint64_t achieved_below = 0;
  PoundsPerPatient payment_per_weighted_patient = 0;
};

inline QualityDraw quality_draw(const QualityStandard& standard) {
  return {bits_below(standard.achievement_rate), standard.payment_per_weighted_patient};
}

// quality_payment_at(funding, applies, PredrawnBernoulliEvents(bits), weighted_list,
// index) bit for bit, with draws[k] = quality_draw(standard k) and applies[0..K-1] of the
// right length (checked once by the caller): the achievement decided in integers
// (bernoulli_from_bits), the rates read from a small array, K known to the compiler.
template <std::size_t K>
Pounds quality_payment_from_bits(const std::array<QualityDraw, K>& draws, const Fraction* applies,
                                 const std::uint32_t* bits, Patients weighted_list, double index) {
  return quality_payment_sum(
      std::integral_constant<std::size_t, K>{}, applies,
      [&](std::size_t k) { return bernoulli_from_bits(bits[k], draws[k].achieved_below); },
      [&](std::size_t k) { return draws[k].payment_per_weighted_patient; }, weighted_list, index);
}

template <class Events>
Pounds quality_payment(const FundingParameters& funding, std::span<const Fraction> applies,
                       const Events& events, Patients weighted_list, int t) {
  return quality_payment_at(funding, applies, events, weighted_list, inflation_index(funding, t));
}

// Running cost of delegated functions: running_cost I(t) at commissioning level 3, else 0.
Pounds running_cost(const ModelParameters& parameters, int t);

// Extended access cost of a year, £: EA(t) extended_access_cost I(t).
Pounds extended_access_cost(const ModelParameters& parameters,
                            Appointments extended_access_appointments, int t);

// New-role cost of one role in a year, £: filled new FTE cost_per_fte I(t).
Pounds new_role_cost(const RoleParameters& role, const FundingParameters& funding,
                     Fte filled_new_fte, int t);

// Extra GP posts' cost of a year, £: F(t) fte_per_head(t) appointments_per_gp_fte
// gp_appointment_cost I(t), with F(t) the filled posts summed over practices
// (filled_extra_gp_posts): the appointments their FTE supply, at the model's price of a GP
// appointment (the price levelling-up money buys GP appointments at). Part of the new
// roles' cost in investment (MODEL.md: "new roles (FTE · salary with on-costs)").
Pounds extra_gp_posts_cost(const ModelParameters& parameters, Headcount filled_posts, int t);

// The parts of Investment(t) (MODEL.md, Funding), £ in year-t cash.
struct InvestmentParts {
  Pounds levelling_up = 0;
  Pounds quality_contract = 0;
  Pounds extended_access = 0;
  Pounds new_roles = 0;
  Pounds running_cost = 0;
  // Investment(t) = LU + quality + extended access + new roles + running cost.
  Pounds total() const {
    return levelling_up + quality_contract + extended_access + new_roles + running_cost;
  }
};

// Baseline spend, £ in year-0 prices: funding.baseline_spend, or (when 0) the sum of the
// practices' core_funding(p,0).
Pounds baseline_spend(const FundingParameters& funding, const PracticeSet& practices);
// The same from the practices' core funding summed (practices_core_funding), for a caller
// that keeps the sum.
Pounds practices_core_funding(const PracticeSet& practices);
Pounds baseline_spend_of(const FundingParameters& funding, Pounds practices_core_funding);

// Delegated allocation B(t) = B0 (1 + allocation_growth)^t, B0 = funding.allocation or
// (when 0) `baseline_spend`.
Pounds budget_allocation(const FundingParameters& funding, Pounds baseline_spend, int t);

// headroom(t) = B(t) - (baseline_spend I(t) + investment + dispersal cost), £.
Pounds budget_headroom(const FundingParameters& funding, Pounds baseline_spend, Pounds investment,
                       Pounds dispersal_cost, int t);

// Overspend indicator: 1 when headroom < 0, else 0 (its mean over iterations is the
// probability of overspend).
double overspend(Pounds headroom);

// Who bears an overspend (docs/model.md, Budget: risk sharing): the overspend max(0,
// -headroom), £, split between the commissioner (CCG/ICB) and NHS England by the
// commissioner's share at the scenario's commissioning level (level 3: delegated share;
// levels 1 and 2: joint share).
struct OverspendBorne {
  Pounds total = 0;
  Pounds commissioner = 0;
  Pounds nhs_england = 0;
};
OverspendBorne overspend_borne(const ModelParameters& parameters, Pounds headroom);

}  // namespace pcsim::model
