#pragma once
#include <cstddef>

#include "core/units.hpp"
#include "model/workforce.hpp"
#include "model/year_accounts.hpp"

// The year's practice counts after the year-end changes (docs/model.md, "How a year is
// run", step 3): every practice's list and weighted list, its open share, and that share
// again when its GPs per open share round to one GP or none (model::count_practice), summed
// in practice order. The plain loop here is the definition the engine's AVX-512 form
// (engine/year_counts_avx512.hpp) must match bit for bit.
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
// branches: a practice that adds nothing adds +0.0, which leaves a sum of positive shares
// (never -0) as it was. The sums are kept in a local, whose fields stay in registers.
inline model::YearTotals count_practices(const PracticeCountInput& in) {
  model::YearTotals counted;
  for (std::size_t p = 0; p < in.practice_count; ++p) {
    const double share = in.open_share[p];
    counted.list += in.list[p];
    counted.weighted += in.weighted[p];
    counted.practices_open += share;
    const model::RoundedGps heads =
        model::rounded_gps(in.gp_total[p] / share);  // used only when share > 0
    const bool counts = share > 0;
    counted.single_handed += counts && heads == model::RoundedGps::One ? share : 0.0;
    counted.without_gp += counts && heads == model::RoundedGps::None ? share : 0.0;
  }
  return counted;
}

}  // namespace pcsim::engine
