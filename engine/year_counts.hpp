#pragma once
#include <cstddef>

#include "core/units.hpp"
#include "model/workforce.hpp"
#include "model/year_accounts.hpp"

// The year's practice counts after the year-end changes (docs/model.md, "How a year is
// run", step 3): every practice's list and weighted list, its open share, and that share
// again when its GPs per open share round to one GP or none (model::count_practice), summed
// in model::year_counts' eight partial sums (practice p to partial p mod 8). The plain loop
// here is the form the engine's AVX-512 form (engine/year_counts_avx512.hpp) must match bit
// for bit; tests/engine/test_year_counts_avx512.cpp holds both to model::year_counts.
namespace pcsim::engine {

// The arrays the counts read, one value per practice.
struct PracticeCountInput {
  const Patients* list;
  const Patients* weighted;
  const double* open_share;
  const Headcount* gp_total;
  std::size_t practice_count;
};

// The counts, into a YearTotals whose other fields stay 0. count_practice without its
// branches: a practice that adds nothing adds +0.0, which leaves a partial sum of positive
// shares (never -0) as it was. Eight practices at a time, practice p + k to partial k, so
// that each partial's index is a constant of the unrolled loop (an index p mod 8 kept them
// in memory: 12 instructions a practice-year more under callgrind).
inline model::YearTotals count_practices(const PracticeCountInput& in) {
  constexpr std::size_t kPartials = model::kCountPartials;
  double list[kPartials] = {}, weighted[kPartials] = {}, open[kPartials] = {};
  double single[kPartials] = {}, none[kPartials] = {};
  const auto add = [&](std::size_t k, std::size_t p) {
    const double share = in.open_share[p];
    list[k] += in.list[p];
    weighted[k] += in.weighted[p];
    open[k] += share;
    const model::RoundedGps heads =
        model::rounded_gps(in.gp_total[p] / share);  // used only when share > 0
    const bool counts = share > 0;
    single[k] += counts && heads == model::RoundedGps::One ? share : 0.0;
    none[k] += counts && heads == model::RoundedGps::None ? share : 0.0;
  };
  std::size_t p = 0;
  for (; p + kPartials <= in.practice_count; p += kPartials)
    for (std::size_t k = 0; k < kPartials; ++k) add(k, p + k);
  for (std::size_t k = 0; p + k < in.practice_count; ++k) add(k, p + k);
  model::YearTotals counted;
  for (std::size_t k = 0; k < kPartials; ++k) {
    counted.list += list[k];
    counted.weighted += weighted[k];
    counted.practices_open += open[k];
    counted.single_handed += single[k];
    counted.without_gp += none[k];
  }
  return counted;
}

}  // namespace pcsim::engine
