#pragma once
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

#include "core/units.hpp"
#include "model/age_bands.hpp"
#include "model/events.hpp"
#include "model/parameters.hpp"
#include "model/sampling.hpp"
#include "model/stream_purpose.hpp"

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
// With a practice's own leaver rate (model/funded_capacity.hpp, retained_leaver_rate).
inline GpOutcomeArray gp_outcome_probabilities(const WorkforceParameters& workforce, int band,
                                               RatePerYear leaver_rate) {
  const double r = std::min(1.0, workforce.retirement_rate[band] * workforce.retirement_multiplier);
  const double remaining = (1.0 - r) * (1.0 - leaver_rate);
  const double width = kAgeBandWidthYears[band];
  const double age_up_share = width > 0 ? 1.0 / width : 0.0;
  GpOutcomeArray probs{};
  probs[kRetire] = r;
  probs[kLeave] = (1.0 - r) * leaver_rate;
  probs[kAgeUp] = remaining * age_up_share;
  probs[kStay] = remaining * (1.0 - age_up_share);
  return probs;
}

inline GpOutcomeArray gp_outcome_probabilities(const WorkforceParameters& workforce, int band) {
  return gp_outcome_probabilities(workforce, band, workforce.leaver_rate);
}

// GP exits of one practice-year.
struct GpExits {
  Headcount retirements = 0;
  Headcount leavers = 0;
};

// Retirements, other leavers and ageing of one practice's GPs in one year (docs/model.md,
// Workforce), all bands moved at once so a GP ages at most one band a year: per band b with
// GPs, one events.split(GpTransitions, first_b, n_b, probs_b) into retire / leave / age up
// / stay with gp_outcome_probabilities at `leaver_rate`, where the GPs of a practice-year
// are numbered consecutively across the bands (first_b = the rounded counts of the bands
// before b), so GP j uses uniform j of the GpTransitions stream. `headcount` is updated.
template <class Events>
GpExits step_gp_bands(const WorkforceParameters& workforce, RatePerYear leaver_rate,
                      BandArray& headcount, const Events& events) {
  GpExits exits;
  BandArray next{};
  std::uint32_t first = 0;
  for (int b = 0; b < kAgeBands; ++b) {
    const double n = headcount[b];
    if (n <= 0) continue;
    GpOutcomeArray moved{};
    events.split(Purpose::GpTransitions, first, n,
                 gp_outcome_probabilities(workforce, b, leaver_rate), moved);
    first += static_cast<std::uint32_t>(rounded_count(n));
    exits.retirements += moved[kRetire];
    exits.leavers += moved[kLeave];
    next[b] += moved[kStay];
    if (b + 1 < kAgeBands) next[b + 1] += moved[kAgeUp];
  }
  headcount = next;
  return exits;
}

}  // namespace pcsim::model
