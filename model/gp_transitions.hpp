#pragma once
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

#include "model/age_bands.hpp"
#include "model/events.hpp"
#include "model/parameters.hpp"
#include "model/sampling.hpp"
#include "model/stream_purpose.hpp"
#include "model/units.hpp"

// GP exits and ageing by age band (MODEL.md, "Workforce"; docs/model.md, Workforce): the
// per-GP outcome probabilities and the step of one practice's GPs in one year. Part of
// the workforce module (model/workforce.hpp includes it).
namespace pcsim::model {

// The four things that can happen to a GP of a band in a year, in the order of the
// probabilities handed to events.split.
enum GpOutcome : std::size_t { kRetire = 0, kLeave = 1, kAgeUp = 2, kStay = 3 };
using GpOutcomeArray = std::array<double, 4>;

// Per-GP probabilities of band b (docs/model.md, Workforce):
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

// The GPs drawn for each band, rounded_count(headcount[b]), and their total. Headcounts
// that are whole numbers (as every stochastic step leaves them) convert exactly without a
// branch per band: adding 2^52 puts a whole number h in [0, 2^20) in the low 20 bits of
// the sum, and reading those bits back gives h again only for such an h (not for a
// fraction, a negative, a larger number or NaN), which is the check. The total is added
// in the same scalar loop: summing the stored counts afterwards let the compiler read
// them back with vector loads, which wait for the scalar stores (a store-forwarding stall).
struct GpMembers {
  std::array<int, kAgeBands> count{};
  int total = 0;
};

inline GpMembers gp_member_counts(const BandArray& headcount) {
  GpMembers members;
  bool whole = true;
  for (int b = 0; b < kAgeBands; ++b) {
    const double h = headcount[b];
    const int n = static_cast<int>(std::bit_cast<std::uint64_t>(h + 0x1p52) & 0xFFFFFu);
    members.count[b] = n;
    members.total += n;
    whole &= static_cast<double>(n) == h;
  }
  if (!whole) {
    members.total = 0;
    for (int b = 0; b < kAgeBands; ++b) {
      members.count[b] = rounded_count(headcount[b]);
      members.total += members.count[b];
    }
  }
  return members;
}

inline std::array<int, kAgeBands> gp_members(const BandArray& headcount) {
  return gp_member_counts(headcount).count;
}

// Retirements, other leavers and ageing of one practice's GPs in one year, all bands moved
// at once so a GP ages at most one band a year (docs/model.md, Workforce). One
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
    const GpMembers counted = gp_member_counts(headcount);
    const std::array<int, kAgeBands>& members = counted.count;
    const int total = counted.total;
    if (total <= kBulkGps && table.ascending) {
      std::array<double, kBulkGps + 8> u;  // whole blocks, then zeros past the last GP
      events.uniforms_in_blocks(Purpose::GpTransitions, static_cast<std::uint32_t>(total),
                                u.data());
      // The bands with GPs, visited in order through a bit mask; each band's GPs two at a
      // time (most bands have one or two), a lane past its last GP masked off. A GP's
      // outcome is the number of its band's thresholds below its uniform (the category
      // categorical_from_uniform finds).
      std::array<int, kAgeBands> start{};
      unsigned occupied = 0;
      for (int b = 0, sum = 0; b < kAgeBands; ++b) {
        start[b] = sum;
        sum += members[b];
        occupied |= static_cast<unsigned>(members[b] > 0) << b;
      }
      for (int i = total; i < total + 4; ++i) u[static_cast<std::size_t>(i)] = 0.0;
      // The new headcounts are added up in place, in doubles holding whole numbers (exact,
      // so the same values as counting in integers), and their total in a register: no
      // array of counts is stored and read back.
      headcount = BandArray{};
      int retired = 0, left = 0, whole_total = 0;
      while (occupied != 0) {
        const int b = std::countr_zero(occupied);
        occupied &= occupied - 1;
        const GpOutcomeArray& c = table.cumulative[b];
        const int n = members[b];
        const double* x = u.data() + start[b];
        int above0 = 0, above1 = 0, above2 = 0, i = 0;
        do {
          for (int lane = 0; lane < 2; ++lane) {
            const int in = i + lane < n;
            above0 += in & (x[i + lane] > c[0]);
            above1 += in & (x[i + lane] > c[1]);
            above2 += in & (x[i + lane] > c[2]);
          }
          i += 2;
        } while (i < n);
        retired += n - above0;
        left += above0 - above1;
        if (b + 1 < kAgeBands) {
          headcount[b + 1] += above1 - above2;
          whole_total += above1 - above2;
        }
        headcount[b] += above2;
        whole_total += above2;
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

}  // namespace pcsim::model
