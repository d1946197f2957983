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

#include "model/age_bands.hpp"
#include "model/branch_free.hpp"
#include "core/errors.hpp"
#include "model/events.hpp"
#include "model/gp_transitions.hpp"
#include "model/parameters.hpp"
#include "model/sampling.hpp"
#include "model/stream_purpose.hpp"
#include "core/units.hpp"

// Workforce module (MODEL.md, "Workforce"; docs/model.md, Workforce): GP headcount by age
// band, establishment and recruitment, GP and other-role FTE, and closures with list
// dispersal (which act on all practices of a year at once).
namespace pcsim::model {

inline Headcount total_headcount(const BandArray& headcount) {
  return std::accumulate(headcount.begin(), headcount.end(), 0.0);
}

// Establishment E(p,t) = H(p,0) L(p,t)/L(p,0) + extra_gp_posts_per_30000 L(p,t)/30000: the
// baseline patients per GP kept as the list grows, plus the posts the lever adds
// (MODEL.md, Workforce: recruitment). A practice with no baseline list has only the lever.
inline Headcount establishment(const WorkforceParameters& workforce,
                               Headcount baseline_headcount, Patients list,
                               Patients baseline_list) {
  const double keep_ratio =
      baseline_list > 0 ? baseline_headcount * list / baseline_list : 0.0;
  return keep_ratio + workforce.extra_gp_posts_per_30000 * list / 30000.0;
}

// Recruits of one practice-year: vacancies = max(0, E - headcount after exits); recruits =
// events.binomial(Recruitment, 0, vacancies, fill_rate), vacancies rounded to whole posts
// except in the central case (docs/model.md, Workforce). They join `headcount` at
// entry_band; the number recruited is returned. recruit_gps is the composition of
// recruitment_posts and recruits_for_posts, which simulate() calls in separate passes
// (and, for packed headcounts, adds the recruits itself).

// The posts a practice recruits to: the vacancies max(0, E - total headcount after
// exits), rounded to whole posts unless `central`. Recruitment draws nothing when this is
// not positive. In two steps, so that a pass can round only the vacancies that will
// recruit (has_posts).
inline Headcount recruitment_vacancies(Headcount establishment_posts, Headcount total) {
  return positive_part(establishment_posts - total);
}

inline Headcount posts_for_vacancies(Headcount vacancies, bool central) {
  return central ? vacancies : round_non_negative(vacancies);
}

inline Headcount recruitment_posts(Headcount establishment_posts, Headcount total, bool central) {
  return posts_for_vacancies(recruitment_vacancies(establishment_posts, total), central);
}

// Whether recruitment_posts(E, total, central) is positive, from vacancies = max(0, E -
// total) without rounding it: a rounded v >= 0 is positive exactly when v >= 1/2. Lets a
// pass round only the vacancies of the practices that recruit.
inline bool has_posts(Headcount vacancies, bool central) {
  return central ? vacancies > 0.0 : vacancies >= 0.5;
}

// The recruits to `posts` (> 0) posts: Bin(posts, fill_rate), the purpose's one draw
// (lone_binomial).
template <class Events>
Headcount recruits_for_posts(const WorkforceParameters& workforce, Headcount posts,
                             const Events& events) {
  return lone_binomial(events, Purpose::Recruitment, 0, posts, workforce.fill_rate);
}

// The band recruits join (workforce.entry_band, kept to a band).
inline int recruit_entry_band(const WorkforceParameters& workforce) {
  return std::clamp(workforce.entry_band, 0, kAgeBands - 1);
}

template <class Events>
Headcount recruit_gps(const WorkforceParameters& workforce, Headcount establishment_posts,
                      BandArray& headcount, const Events& events,
                      Headcount current_total = std::numeric_limits<double>::quiet_NaN()) {
  // `current_total`, when given, is total_headcount(headcount) already known.
  const Headcount total =
      std::isnan(current_total) ? total_headcount(headcount) : current_total;
  const Headcount posts = recruitment_posts(establishment_posts, total, events.central());
  if (posts <= 0) return 0.0;
  const Headcount recruits = recruits_for_posts(workforce, posts, events);
  headcount[recruit_entry_band(workforce)] += recruits;
  return recruits;
}

// One practice's GP year: exits and ageing, then recruitment against the establishment.
struct GpYear {
  GpExits exits;
  Headcount recruits = 0;
  Headcount headcount = 0;  // total_headcount after recruitment
};

// `probs` = gp_outcome_table(workforce), computed once per run by simulate(). When the
// bulk path leaves whole numbers, the totals are added up directly (exact, so equal to
// total_headcount's band-by-band sum).
template <class Events>
GpYear step_gp_workforce(const WorkforceParameters& workforce, const GpOutcomeTable& probs,
                         BandArray& headcount, Headcount establishment_posts,
                         const Events& events) {
  GpYear year;
  year.exits = step_gp_bands(probs, headcount, events);
  const Headcount whole = year.exits.whole_total;
  year.recruits = recruit_gps(workforce, establishment_posts, headcount, events, whole);
  year.headcount = std::isnan(whole) ? total_headcount(headcount) : whole + year.recruits;
  return year;
}

template <class Events>
GpYear step_gp_workforce(const WorkforceParameters& workforce, BandArray& headcount,
                         Headcount establishment_posts, const Events& events) {
  return step_gp_workforce(workforce, gp_outcome_table(workforce), headcount,
                           establishment_posts, events);
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

// Closures at the end of one year (MODEL.md, Workforce: Single-handed practices;
// docs/model.md, Workforce: Closure). An open practice whose headcount after recruitment
// is below closure_threshold closes; its list and weighted list move to the practices of
// its neighbourhood that stay open, in proportion to their (registered) lists before the
// move; a neighbourhood with no practice left open sends its lists to all open practices,
// in the same proportions. Where the receivers all have empty lists, they share equally.
// The last receiver of each pool takes what remains, so the moved patients add up exactly.
// A closed practice keeps L = W = 0 and headcount 0 (its remaining GPs leave with it).
// If no practice at all would stay open, none closes: the commissioner must keep a
// provider for the patients, and no list can be moved.
struct ClosureYear {
  int closures = 0;
  Patients patients_moved = 0;  // registered patients moved (for dispersal_cost)
};

// Memory close_and_disperse reuses from year to year (one per state, so per thread): the
// practices of each neighbourhood in practice order, fixed for a practice set, and the
// pools' scratch, which is all zero between calls. With it a year allocates nothing and
// visits, beyond one scan of all practices, only the members of neighbourhoods with a
// closing practice, and all practices only when a neighbourhood has nobody left open.
struct ClosureScratch {
  struct Pool {
    double list = 0, count = 0;  // lists and number of the practices staying open
    double moving_list = 0, moving_weighted = 0, given_list = 0, given_weighted = 0;
    std::size_t last_receiver = 0;
  };
  std::size_t practice_count = 0;
  std::vector<std::size_t> member_start;  // area a: members[member_start[a] .. [a + 1])
  std::vector<std::size_t> members;       // practice indexes, in practice order per area
  std::vector<std::size_t> closing;       // room for every practice
  std::vector<std::uint8_t> is_closing;   // per practice
  std::vector<std::uint8_t> affected;     // per area: has a closing practice
  std::vector<std::size_t> areas;         // the affected areas, in the order met
  std::vector<Pool> pools;                // per area, then the pool of all practices

  // Groups the practices by neighbourhood (the areas are 0 .. the largest). Throws
  // ModelError on a negative neighbourhood.
  void index(std::span<const int> neighbourhood) {
    const std::size_t n = neighbourhood.size();
    int last_area = 0;
    for (const int a : neighbourhood) {
      if (a < 0)
        throw ModelError("close_and_disperse: negative neighbourhood " + std::to_string(a));
      last_area = std::max(last_area, a);
    }
    const auto area_count = static_cast<std::size_t>(last_area) + 1;
    member_start.assign(area_count + 1, 0);
    for (const int a : neighbourhood) ++member_start[static_cast<std::size_t>(a) + 1];
    for (std::size_t a = 0; a < area_count; ++a) member_start[a + 1] += member_start[a];
    members.resize(n);
    std::vector<std::size_t> next(member_start.begin(), member_start.end() - 1);
    for (std::size_t p = 0; p < n; ++p)
      members[next[static_cast<std::size_t>(neighbourhood[p])]++] = p;
    closing.resize(n);
    is_closing.assign(n, 0);
    affected.assign(area_count, 0);
    areas.clear();
    areas.reserve(area_count);
    pools.assign(area_count + 1, Pool{});
    practice_count = n;
  }
};

// `total` holds total_headcount(headcount[p]) of every open practice (simulate() keeps it
// as it steps the practices, so the year-end check reads one number per practice).
// `scratch` is indexed for `neighbourhood` (it is indexed here when its size differs).
// Every pool is summed and shared out in practice order, as the rule says.
inline ClosureYear close_and_disperse(const WorkforceParameters& workforce,
                                      std::span<const int> neighbourhood,
                                      std::span<std::uint8_t> open,
                                      std::span<const Headcount> total,
                                      std::span<BandArray> headcount, std::span<Patients> list,
                                      std::span<Patients> weighted, ClosureScratch& scratch) {
  const std::size_t n = open.size();
  if (scratch.practice_count != n) scratch.index(neighbourhood);
  // The closing practices, queued without a branch per practice.
  std::size_t closing_count = 0, staying_count = 0;
  for (std::size_t p = 0; p < n; ++p) {
    const bool is_open = open[p] != 0;
    const bool closes = is_open & (total[p] < workforce.closure_threshold);
    scratch.closing[closing_count] = p;
    closing_count += closes;
    staying_count += is_open & !closes;
  }
  ClosureYear year;
  if (closing_count == 0 || staying_count == 0) return year;

  const std::span<const std::size_t> closing(scratch.closing.data(), closing_count);
  using Pool = ClosureScratch::Pool;
  const std::size_t all = scratch.pools.size() - 1;
  for (const std::size_t p : closing) {
    scratch.is_closing[p] = 1;
    const auto area = static_cast<std::size_t>(neighbourhood[p]);
    if (scratch.affected[area] == 0) scratch.areas.push_back(area);
    scratch.affected[area] = 1;
  }
  auto staying = [&](std::size_t p) { return open[p] != 0 && scratch.is_closing[p] == 0; };
  auto add_receiver = [&](Pool& pool, std::size_t p) {
    pool.list += list[p];
    pool.count += 1;
    pool.last_receiver = p;
  };
  auto area_members = [&](std::size_t area) {
    return std::span<const std::size_t>(scratch.members)
        .subspan(scratch.member_start[area],
                 scratch.member_start[area + 1] - scratch.member_start[area]);
  };
  for (const std::size_t area : scratch.areas)
    for (const std::size_t p : area_members(area))
      if (staying(p)) add_receiver(scratch.pools[area], p);
  bool to_all = false;  // a neighbourhood has nobody left open
  for (const std::size_t p : closing) {
    const auto area = static_cast<std::size_t>(neighbourhood[p]);
    Pool& pool = scratch.pools[scratch.pools[area].count > 0 ? area : all];
    to_all = to_all || &pool == &scratch.pools[all];
    pool.moving_list += list[p];
    pool.moving_weighted += weighted[p];
    year.patients_moved += list[p];
    ++year.closures;
  }
  if (to_all)
    for (std::size_t p = 0; p < n; ++p)
      if (staying(p)) add_receiver(scratch.pools[all], p);

  // Shares from the lists before the move; the last receiver of a pool gets the remainder.
  auto receive = [&](Pool& pool, std::size_t p, double list_before) {
    if (pool.moving_list == 0 && pool.moving_weighted == 0) return;
    double add_list, add_weighted;
    if (p == pool.last_receiver) {
      add_list = pool.moving_list - pool.given_list;
      add_weighted = pool.moving_weighted - pool.given_weighted;
    } else {
      const double share = pool.list > 0 ? list_before / pool.list : 1.0 / pool.count;
      add_list = pool.moving_list * share;
      add_weighted = pool.moving_weighted * share;
    }
    pool.given_list += add_list;
    pool.given_weighted += add_weighted;
    list[p] += add_list;
    weighted[p] += add_weighted;
  };
  if (!to_all) {
    // A practice receives from its neighbourhood's pool only.
    for (const std::size_t area : scratch.areas)
      for (const std::size_t p : area_members(area))
        if (staying(p)) receive(scratch.pools[area], p, list[p]);
  } else {
    // A practice receives from its neighbourhood's pool, then from the pool of all.
    for (std::size_t p = 0; p < n; ++p) {
      if (!staying(p)) continue;
      const double list_before = list[p];
      receive(scratch.pools[static_cast<std::size_t>(neighbourhood[p])], p, list_before);
      receive(scratch.pools[all], p, list_before);
    }
  }
  for (const std::size_t p : closing) {
    open[p] = 0;
    list[p] = 0;
    weighted[p] = 0;
    headcount[p] = BandArray{};
    scratch.is_closing[p] = 0;
  }
  for (const std::size_t area : scratch.areas) {
    scratch.affected[area] = 0;
    scratch.pools[area] = Pool{};
  }
  scratch.pools[all] = Pool{};
  scratch.areas.clear();
  return year;
}

// The same with scratch of its own (allocates).
inline ClosureYear close_and_disperse(const WorkforceParameters& workforce,
                                      std::span<const int> neighbourhood,
                                      std::span<std::uint8_t> open,
                                      std::span<const Headcount> total,
                                      std::span<BandArray> headcount, std::span<Patients> list,
                                      std::span<Patients> weighted) {
  ClosureScratch scratch;
  return close_and_disperse(workforce, neighbourhood, open, total, headcount, list, weighted,
                            scratch);
}

inline ClosureYear close_and_disperse(const WorkforceParameters& workforce,
                                      std::span<const int> neighbourhood,
                                      std::span<std::uint8_t> open, std::span<BandArray> headcount,
                                      std::span<Patients> list, std::span<Patients> weighted) {
  std::vector<Headcount> total(headcount.size());
  for (std::size_t p = 0; p < headcount.size(); ++p) total[p] = total_headcount(headcount[p]);
  return close_and_disperse(workforce, neighbourhood, open, total, headcount, list, weighted);
}

}  // namespace pcsim::model
