#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "core/units.hpp"
#include "model/age_bands.hpp"
#include "model/branch_free.hpp"
#include "model/events.hpp"
#include "model/gp_transitions.hpp"
#include "model/parameters.hpp"
#include "model/sampling.hpp"
#include "model/stream_purpose.hpp"

// Workforce module (MODEL.md, "Workforce"; docs/model.md, Workforce): GP headcount by age
// band, establishment and recruitment, GP and other-role FTE. (GP exits and ageing:
// model/gp_transitions.hpp; closures and mergers: model/practice_changes.hpp.)
namespace pcsim::model {

inline Headcount total_headcount(const BandArray& headcount) {
  return std::accumulate(headcount.begin(), headcount.end(), 0.0);
}

// A headcount rounded to whole GPs (half away from zero, as std::round) and classed: no GP
// (round(H) <= 0, which is H < 0.5), single-handed (round(H) == 1, which is
// 0.5 <= H < 1.5) or more (NaN included). Written as comparisons: std::round is a library
// call on x86-64 without SSE4.1, and the year's totals ask it of every practice.
enum class RoundedGps { None = 0, One = 1, More = 2 };
constexpr RoundedGps rounded_gps(Headcount h) {
  if (h < 0.5) return RoundedGps::None;
  return h < 1.5 ? RoundedGps::One : RoundedGps::More;
}

// vacancies = max(0, E - total headcount after exits).
inline Headcount recruitment_vacancies(Headcount establishment_posts, Headcount total) {
  return positive_part(establishment_posts - total);
}

// The band recruits join (workforce.entry_band, kept to a band).
inline int recruit_entry_band(const WorkforceParameters& workforce) {
  return std::clamp(workforce.entry_band, 0, kAgeBands - 1);
}

// GPs per patient that the establishment keeps: H(p,0)/L(p,0) at baseline (0 without a
// list). A merger makes the receiver's ratio the list-weighted mean of the two practices'
// (model/practice_changes.hpp).
inline double establishment_ratio(Headcount baseline_headcount, Patients baseline_list) {
  return baseline_list > 0 ? baseline_headcount / baseline_list : 0.0;
}

// E(p,t) = ratio L(p,t) + extra_gp_posts_per_30000 L(p,t)/30000 (docs/model.md,
// Recruitment): the practice's GPs per patient kept as its list grows, plus the lever.
inline Headcount establishment_for_ratio(const WorkforceParameters& workforce, double ratio,
                                         Patients list) {
  return ratio * list + workforce.extra_gp_posts_per_30000 * list / 30000.0;
}

// The lever's extra GP posts that are filled, F(p,t) = X min(1, H / E), with
// X = extra_gp_posts_per_30000 L(p,t)/30000, E = E(p,t) and H the headcount after
// recruitment (docs/model.md, Recruitment): every post of a practice counts as filled alike,
// in the proportion its establishment is. 0 without the lever. What investment pays for
// (extra_gp_posts_cost, model/funding.hpp).
inline Headcount filled_extra_gp_posts(const WorkforceParameters& workforce, double ratio,
                                       Patients list, Headcount heads) {
  const Headcount extra = workforce.extra_gp_posts_per_30000 * list / 30000.0;
  if (!(extra > 0)) return 0.0;
  return extra * std::min(1.0, heads / establishment_for_ratio(workforce, ratio, list));
}

// The posts recruited to, from vacancies v = max(0, E - headcount after exits), without
// rounding bias: the whole part of v, plus one post with probability v - floor(v)
// (events.bernoulli(PracticeYear, kPostsDraw, fraction), drawn only when there is a fraction), so
// E[posts] = v. The central case takes v itself.
template <class Events>
Headcount unbiased_posts(Headcount vacancies, const Events& events) {
  if constexpr (Events::central()) {
    return vacancies;
  } else {
    const double whole = std::floor(vacancies);
    const double fraction = vacancies - whole;
    if (!(fraction > 0)) return whole;
    return whole + events.bernoulli(Purpose::PracticeYear, kPostsDraw, fraction);
  }
}

// Recruits to `posts` posts: Bin(posts, fill_rate) from events.binomial(PracticeYear,
// kRecruitsDraw, ...); none without posts (and no draw).
template <class Events>
Headcount recruits_to_posts(const WorkforceParameters& workforce, Headcount posts,
                            const Events& events) {
  if (!(posts > 0)) return 0.0;
  return events.binomial(Purpose::PracticeYear, kRecruitsDraw, posts, workforce.fill_rate);
}

// Recruitment of one practice-year (docs/model.md, Recruitment): vacancies v = max(0, E -
// headcount after exits), posts without rounding bias (unbiased_posts), recruits ~
// Bin(posts, fill_rate) entering at the entry band. Returns the recruits.
template <class Events>
Headcount recruit_gps(const WorkforceParameters& workforce, Headcount establishment_posts,
                      BandArray& headcount, const Events& events) {
  const Headcount vacancies =
      recruitment_vacancies(establishment_posts, total_headcount(headcount));
  const Headcount recruits =
      recruits_to_posts(workforce, unbiased_posts(vacancies, events), events);
  headcount[recruit_entry_band(workforce)] += recruits;
  return recruits;
}

// fte_per_head(t) = fte_per_head (1 + fte_trend)^t (MODEL.md, Workforce: part-time drift).
inline double fte_per_head(const WorkforceParameters& workforce, int t) {
  return workforce.fte_per_head * std::pow(1.0 + workforce.fte_trend, t);
}

// GP FTE = headcount fte_per_head(t) (MODEL.md, Workforce); gp_fte_at takes fte_per_head(t),
// which simulate() computes once a year.
constexpr Fte gp_fte_at(Headcount headcount, double fte_per_head_t) {
  return headcount * fte_per_head_t;
}

inline Fte gp_fte(const WorkforceParameters& workforce, Headcount headcount, int t) {
  return gp_fte_at(headcount, fte_per_head(workforce, t));
}

// Baseline FTE of role r in a practice: the practice file's figure, or, where the file
// lacks it, baseline_fte_per_1000 L(p,0)/1000 (model/parameters.hpp, RoleParameters).
inline Fte baseline_role_fte(const RoleParameters& role, std::span<const Fte> practice_role_fte,
                             std::size_t r, Patients baseline_list) {
  if (r < practice_role_fte.size() && !std::isnan(practice_role_fte[r]))
    return practice_role_fte[r];
  return role.baseline_fte_per_1000 * baseline_list / 1000.0;
}

// FTE of one role in one practice-year (docs/model.md, Workforce: Roles):
//   new posts  = new_posts_per_30000 L(p,t)/30000 from start_year (and year 1) on
//   new filled = new posts role_fill_rate
//   total      = baseline FTE + new filled
struct RoleYear {
  Fte new_filled = 0;
  Fte total = 0;
};

inline RoleYear role_fte(const RoleParameters& role, Fte baseline_fte, Patients list, int t) {
  RoleYear year;
  if (t >= 1 && t >= role.start_year)
    year.new_filled = role.new_posts_per_30000 * list / 30000.0 * role.role_fill_rate;
  year.total = baseline_fte + year.new_filled;
  return year;
}

}  // namespace pcsim::model
