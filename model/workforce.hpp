#pragma once
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <vector>

#include "model/age_bands.hpp"
#include "model/events.hpp"
#include "model/parameters.hpp"
#include "model/sampling.hpp"
#include "model/stream_purpose.hpp"
#include "model/units.hpp"

// Workforce module (MODEL.md, "Workforce"; MODEL-DECISIONS, Workforce): GP headcount by age
// band, establishment and recruitment, GP and other-role FTE, and closures with list
// dispersal (which act on all practices of a year at once).
namespace pcsim::model {

// The four things that can happen to a GP of a band in a year, in the order of the
// probabilities handed to events.split.
enum GpOutcome : std::size_t { kRetire = 0, kLeave = 1, kAgeUp = 2, kStay = 3 };
using GpOutcomeArray = std::array<double, 4>;

// Per-GP probabilities of band b (MODEL-DECISIONS, Workforce):
//   retire = r = min(1, retirement_rate[b] retirement_multiplier)
//   leave  = (1 - r) leaver_rate
//   age_up = (1 - r)(1 - leaver_rate) / width_b   (0 for 65 and over, width 0)
//   stay   = (1 - r)(1 - leaver_rate)(1 - 1/width_b)
// i.e. retirements ~ Bin(n, r), leavers ~ Bin(remaining, leaver_rate), ageing ~
// Bin(rest, 1/width) (MODEL.md, Workforce: "Each year, in order").
inline GpOutcomeArray gp_outcome_probabilities(const WorkforceParameters& workforce, int band) {
  const double r = std::min(1.0, workforce.retirement_rate[band] * workforce.retirement_multiplier);
  const double remaining = (1.0 - r) * (1.0 - workforce.leaver_rate);
  const double width = kAgeBandWidthYears[band];
  const double age_up_share = width > 0 ? 1.0 / width : 0.0;
  GpOutcomeArray probs{};
  probs[kRetire] = r;
  probs[kLeave] = (1.0 - r) * workforce.leaver_rate;
  probs[kAgeUp] = remaining * age_up_share;
  probs[kStay] = remaining * (1.0 - age_up_share);
  return probs;
}

// The outcome probabilities of every band and their running sums (the thresholds a GP's
// uniform is compared with): fixed for a run, so simulate() computes them once per call
// rather than once per practice-year.
struct GpOutcomeTable {
  std::array<GpOutcomeArray, kAgeBands> probs{};
  std::array<GpOutcomeArray, kAgeBands> cumulative{};  // cumulative_probabilities(probs[b])
  // Every band's thresholds are numbers in non-decreasing order (true for valid rates):
  // then a GP's outcome is the number of its band's thresholds below its uniform.
  bool ascending = true;
};

inline GpOutcomeTable gp_outcome_table(const WorkforceParameters& workforce) {
  GpOutcomeTable table;
  for (int b = 0; b < kAgeBands; ++b) {
    table.probs[b] = gp_outcome_probabilities(workforce, b);
    const GpOutcomeArray& c = table.cumulative[b] = cumulative_probabilities(table.probs[b]);
    table.ascending = table.ascending && c[0] <= c[1] && c[1] <= c[2];  // false on NaN
  }
  return table;
}

// Events that hand out the first uniforms of a purpose in whole Philox blocks
// (PhiloxEvents::uniforms_in_blocks).
template <class Events>
concept BulkUniformEvents = requires(const Events& events, double* out) {
  events.uniforms_in_blocks(Purpose::GpTransitions, std::uint32_t{0}, out);
};

// The largest practice whose GPs step_gp_bands draws in one bulk call (larger ones go band
// by band through events.split, with the same draws).
inline constexpr int kBulkGps = 128;

// GP exits of one practice-year.
struct GpExits {
  Headcount retirements = 0;
  Headcount leavers = 0;
  // Set by the bulk path of step_gp_bands, whose headcounts are whole numbers: their total
  // after the step, which any order of summation gives exactly. NaN otherwise.
  Headcount whole_total = std::numeric_limits<double>::quiet_NaN();
};

// The GPs drawn for each band: rounded_count(headcount[b]). Headcounts that are whole
// numbers (as every stochastic step leaves them) convert exactly without a branch per
// band: adding 2^52 puts a whole number below 2^51 in the low bits of the sum.
inline std::array<int, kAgeBands> gp_members(const BandArray& headcount) {
  std::array<int, kAgeBands> members{};
  bool whole = true;
  for (int b = 0; b < kAgeBands; ++b) {
    const double h = headcount[b];
    const double shifted = h + 0x1p52;
    whole &= (shifted - 0x1p52 == h) & (h >= 0.0) & (h < 0x1p20);
    members[b] = static_cast<int>(std::bit_cast<std::uint64_t>(shifted) & 0xFFFFFu);
  }
  if (!whole)
    for (int b = 0; b < kAgeBands; ++b) members[b] = rounded_count(headcount[b]);
  return members;
}

// Retirements, other leavers and ageing of one practice's GPs in one year, all bands moved
// at once so a GP ages at most one band a year (MODEL-DECISIONS, Workforce). One
// events.split(GpTransitions, first_b, n_b, probs_b) per band with GPs, where the GPs of a
// practice are numbered consecutively across the bands in band order: first_b is the
// number of GPs drawn for the bands before b (each band's n rounded, rounded_count in
// model/sampling.hpp), so GP j of the practice-year uses uniform j of the GpTransitions
// stream and the four lanes of every Philox block serve four GPs. `headcount` is updated
// in place. `table` = gp_outcome_table(workforce). Events with bulk uniforms draw every
// GP's uniform in one call and, when the thresholds are ascending, count the outcomes
// without a branch per GP (a GP's outcome is the number of its band's thresholds below
// its uniform, as categorical_from_uniform finds it): the same draws and the same counts
// as one split per band, in whole numbers, with less work per GP.
template <class Events>
GpExits step_gp_bands(const GpOutcomeTable& table, BandArray& headcount,
                      const Events& events) {
  BandArray next{};
  GpExits exits;
  GpOutcomeArray moved{};
  if constexpr (BulkUniformEvents<Events>) {
    const std::array<int, kAgeBands> members = gp_members(headcount);
    int total = 0;
    for (int b = 0; b < kAgeBands; ++b) total += members[b];
    if (total <= kBulkGps && table.ascending) {
      std::array<double, kBulkGps + 8> u;  // whole blocks, then zeros
      events.uniforms_in_blocks(Purpose::GpTransitions, static_cast<std::uint32_t>(total),
                                u.data());
      // The bands with GPs, visited in order through a bit mask; each band's GPs four at a
      // time, lanes past its last GP masked off. A GP's outcome is the number of its
      // band's thresholds below its uniform (the category categorical_from_uniform finds).
      std::array<int, kAgeBands> start{};
      unsigned occupied = 0;
      for (int b = 0, sum = 0; b < kAgeBands; ++b) {
        start[b] = sum;
        sum += members[b];
        occupied |= static_cast<unsigned>(members[b] > 0) << b;
      }
      for (int i = total; i < total + 4; ++i) u[static_cast<std::size_t>(i)] = 0.0;
      std::array<int, kAgeBands> stepped{};
      int retired = 0, left = 0;
      while (occupied != 0) {
        const int b = std::countr_zero(occupied);
        occupied &= occupied - 1;
        const GpOutcomeArray& c = table.cumulative[b];
        const int n = members[b];
        const double* x = u.data() + start[b];
        int above0 = 0, above1 = 0, above2 = 0, i = 0;
        do {
          for (int lane = 0; lane < 4; ++lane) {
            const int in = i + lane < n;
            above0 += in & (x[i + lane] > c[0]);
            above1 += in & (x[i + lane] > c[1]);
            above2 += in & (x[i + lane] > c[2]);
          }
          i += 4;
        } while (i < n);
        retired += n - above0;
        left += above0 - above1;
        if (b + 1 < kAgeBands) stepped[b + 1] += above1 - above2;
        stepped[b] += above2;
      }
      // Whole numbers throughout, so counting in integers gives the same doubles.
      int whole_total = 0;
      for (int b = 0; b < kAgeBands; ++b) {
        headcount[b] = stepped[b];
        whole_total += stepped[b];
      }
      exits.retirements = retired;
      exits.leavers = left;
      exits.whole_total = whole_total;
      return exits;
    }
  }
  std::uint32_t first_index = 0;
  for (int b = 0; b < kAgeBands; ++b) {
    if (headcount[b] <= 0) continue;
    events.split(Purpose::GpTransitions, first_index, headcount[b], table.probs[b], moved);
    first_index += static_cast<std::uint32_t>(rounded_count(headcount[b]));
    exits.retirements += moved[kRetire];
    exits.leavers += moved[kLeave];
    next[b] += moved[kStay];
    if (b + 1 < kAgeBands) next[b + 1] += moved[kAgeUp];
  }
  headcount = next;
  return exits;
}

template <class Events>
GpExits step_gp_bands(const WorkforceParameters& workforce, BandArray& headcount,
                      const Events& events) {
  return step_gp_bands(gp_outcome_table(workforce), headcount, events);
}

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
// except in the central case (MODEL-DECISIONS, Workforce). They join `headcount` at
// entry_band; the number recruited is returned.
template <class Events>
Headcount recruit_gps(const WorkforceParameters& workforce, Headcount establishment_posts,
                      BandArray& headcount, const Events& events,
                      Headcount current_total = std::numeric_limits<double>::quiet_NaN()) {
  // `current_total`, when given, is total_headcount(headcount) already known.
  const Headcount total =
      std::isnan(current_total) ? total_headcount(headcount) : current_total;
  const Headcount vacancies = std::max(0.0, establishment_posts - total);
  const Headcount posts = events.central() ? vacancies : round_non_negative(vacancies);
  if (posts <= 0) return 0.0;
  const Headcount recruits = events.binomial(Purpose::Recruitment, 0, posts, workforce.fill_rate);
  headcount[std::clamp(workforce.entry_band, 0, kAgeBands - 1)] += recruits;
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

// FTE of one role in one practice-year (MODEL-DECISIONS, Workforce: Roles):
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
// MODEL-DECISIONS, Workforce: Closure). An open practice whose headcount after recruitment
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

// `total` holds total_headcount(headcount[p]) of every open practice (simulate() keeps it
// as it steps the practices, so the year-end check reads one number per practice). The
// work is in passes over the practices that do little for practices far from a closure:
// only the neighbourhoods with a closing practice (and the pool of all practices) are
// summed, and every pool is summed and shared out in practice order as the rule says.
inline ClosureYear close_and_disperse(const WorkforceParameters& workforce,
                                      std::span<const int> neighbourhood,
                                      std::span<std::uint8_t> open,
                                      std::span<const Headcount> total,
                                      std::span<BandArray> headcount, std::span<Patients> list,
                                      std::span<Patients> weighted) {
  const std::size_t n = open.size();
  std::vector<std::size_t> closing;
  std::size_t staying_count = 0;
  int last_area = 0;
  for (std::size_t p = 0; p < n; ++p) {
    last_area = std::max(last_area, neighbourhood[p]);
    if (open[p] == 0) continue;
    if (total[p] < workforce.closure_threshold) closing.push_back(p);
    else ++staying_count;
  }
  ClosureYear year;
  if (closing.empty() || staying_count == 0) return year;

  // Pools: one per neighbourhood, plus the pool of all staying practices (index `all`)
  // for lists of neighbourhoods with no practice left open. Allocated only in a year with
  // a closure.
  const auto all = static_cast<std::size_t>(last_area) + 1;
  std::vector<std::uint8_t> is_closing(n, 0), affected(all + 1, 0);
  for (std::size_t p : closing) {
    is_closing[p] = 1;
    affected[static_cast<std::size_t>(neighbourhood[p])] = 1;
  }
  std::vector<double> pool_list(all + 1, 0.0), pool_count(all + 1, 0.0);
  std::vector<double> moving_list(all + 1, 0.0), moving_weighted(all + 1, 0.0);
  std::vector<std::size_t> last_receiver(all + 1, n);
  auto staying = [&](std::size_t p) { return open[p] != 0 && is_closing[p] == 0; };
  for (std::size_t p = 0; p < n; ++p) {
    if (!staying(p)) continue;
    for (std::size_t pool : {static_cast<std::size_t>(neighbourhood[p]), all}) {
      if (affected[pool] == 0 && pool != all) continue;
      pool_list[pool] += list[p];
      pool_count[pool] += 1;
      last_receiver[pool] = p;
    }
  }
  for (std::size_t p : closing) {
    const auto area = static_cast<std::size_t>(neighbourhood[p]);
    const std::size_t pool = pool_count[area] > 0 ? area : all;
    moving_list[pool] += list[p];
    moving_weighted[pool] += weighted[p];
    year.patients_moved += list[p];
    ++year.closures;
  }
  // Shares from the lists before the move; the last receiver of a pool gets the remainder.
  std::vector<double> given_list(all + 1, 0.0), given_weighted(all + 1, 0.0);
  for (std::size_t p = 0; p < n; ++p) {
    if (!staying(p)) continue;
    const double list_before = list[p];
    for (std::size_t pool : {static_cast<std::size_t>(neighbourhood[p]), all}) {
      if (moving_list[pool] == 0 && moving_weighted[pool] == 0) continue;
      double add_list, add_weighted;
      if (p == last_receiver[pool]) {
        add_list = moving_list[pool] - given_list[pool];
        add_weighted = moving_weighted[pool] - given_weighted[pool];
      } else {
        const double share = pool_list[pool] > 0 ? list_before / pool_list[pool]
                                                 : 1.0 / pool_count[pool];
        add_list = moving_list[pool] * share;
        add_weighted = moving_weighted[pool] * share;
      }
      given_list[pool] += add_list;
      given_weighted[pool] += add_weighted;
      list[p] += add_list;
      weighted[p] += add_weighted;
    }
  }
  for (std::size_t p : closing) {
    open[p] = 0;
    list[p] = 0;
    weighted[p] = 0;
    headcount[p] = BandArray{};
  }
  return year;
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
