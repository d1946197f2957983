#pragma once
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "model/parameters.hpp"
#include "model/practice_changes.hpp"
#include "model/workforce.hpp"

// A screen in front of the year-end hazards (model/practice_changes.hpp): an upper bound of
// a practice's P(closure) + P(merger) read from a small table, so that the engine computes
// the hazards' log and exp only for the few practices whose uniform falls below the bound.
// A practice with u >= bound has u >= P(closure) + P(merger) and so no change, exactly as
// change_shares would decide; the others go through change_probabilities and
// change_shares_at. The screen changes no result (the oracle holds the engine to the
// reference bit for bit); it saves about 95% of the hazards' exp and log nationally, where
// both hazards are a few per cent a year.
//
// The table's cells: the list's octave split in four (the double's exponent and two leading
// mantissa bits), the headcount class of the hazards (rounded headcount 0 or less, 1, more)
// and the APMS flag. A cell's bound is each hazard's logistic at the largest linear
// predictor over the cell (the list term at whichever end of the quarter-octave is larger),
// plus margins far above floating-point error. Cells are filled when first read in a year.
namespace pcsim::engine {

class HazardScreen {
 public:
  // Lists outside [1, 2^24) are not screened (bound 1: every uniform computes exactly).
  static constexpr double kLowestList = 1.0;
  static constexpr double kListLimit = 16777216.0;  // 2^24

  void start_year(const model::PracticeChangeParameters& changes,
                  const model::HazardYearShift& shift) {
    changes_ = &changes;
    shift_ = shift;
    // NaN: not yet filled this year (a cell computed as NaN, from NaN coefficients, is
    // computed again at each reading, to the same NaN).
    bounds_.assign(kCells, std::numeric_limits<double>::quiet_NaN());
  }

  // An upper bound of change_probabilities(changes, x, shift).closure + .merger.
  double bound(const model::HazardCovariates& x) {
    if (!(x.list >= kLowestList && x.list < kListLimit)) return 1.0;
    const std::uint64_t key = std::bit_cast<std::uint64_t>(x.list) >> kKeyShift;
    // The hazards' classes of the rounded headcount (model::rounded_gps): 0 none, 1, 2 more.
    const auto heads_class = static_cast<int>(model::rounded_gps(x.gps));
    return cell(cell_index(key, heads_class, x.apms));
  }

  // The table as the vector screen (engine/year_end_avx512.hpp) reads it: a list in range
  // has the key bits >> kKeyShift; cell cell_index(key, heads class, APMS) holds this
  // year's bound, or NaN until it is first read (cell()).
  static constexpr int kKeyShift = 50;  // keeps the exponent and two mantissa bits
  static constexpr std::uint64_t kFirstKey = std::bit_cast<std::uint64_t>(kLowestList) >> kKeyShift;
  static constexpr std::size_t cell_index(std::uint64_t key, int heads_class, bool apms) {
    return ((static_cast<std::size_t>(key - kFirstKey) * 3 +
             static_cast<std::size_t>(heads_class)) *
            2) +
           (apms ? 1 : 0);
  }
  const double* bounds() const { return bounds_.data(); }
  // Cell `index`'s bound this year, filled when first read.
  double cell(std::size_t index) {
    const double bound = bounds_[index];
    return std::isnan(bound) ? fill(index) : bound;
  }

 private:
  // Never inlined: so the plain screen and the vector one (whose AVX-512 function would
  // otherwise compile it with fused multiply-adds) fill a cell with the same instructions.
  [[gnu::noinline]] double fill(std::size_t index) {
    const std::uint64_t key = index / 6 + kFirstKey;
    const auto heads_class = static_cast<int>(index / 2 % 3);
    return bounds_[index] = cell_bound(key, heads_class, index % 2 == 1);
  }

  static constexpr std::uint64_t kEndKey = std::bit_cast<std::uint64_t>(kListLimit) >> kKeyShift;
  static constexpr std::size_t kCells = (kEndKey - kFirstKey) * 3 * 2;

  double cell_bound(std::uint64_t key, int heads_class, bool apms) const {
    const double low = std::bit_cast<double>(key << kKeyShift);
    const double high = std::bit_cast<double>((key + 1) << kKeyShift);
    const double log_low = std::log(low / 10000.0), log_high = std::log(high / 10000.0);
    double sum = 0;
    if (changes_->closures)
      sum +=
          logistic_bound(changes_->closure, shift_.closure, log_low, log_high, heads_class, apms);
    if (changes_->mergers)
      sum += logistic_bound(changes_->merger, shift_.merger, log_low, log_high, heads_class, apms);
    // The exact probabilities carry a few ulps of rounding; 1e-12 relative is far above it.
    return sum * (1.0 + 1e-12);
  }

  static double logistic_bound(const model::HazardCoefficients& c, double shift, double log_low,
                               double log_high, int heads_class, bool apms) {
    const double list_term = std::max(c.per_log_list * log_low, c.per_log_list * log_high);
    const double single = heads_class == 1 ? c.single_handed : 0.0;
    const double no_gp = heads_class == 0 ? c.no_gp : 0.0;
    const double contract = apms ? c.apms : 0.0;
    const double z = c.intercept + shift + list_term + single + no_gp + contract;
    // The exact predictor is the same sum at a list inside the cell: it differs from this
    // one by rounding of order 1e-16 of the terms' sizes, far below the margin of 1e-9.
    const double size = std::fabs(c.intercept) + std::fabs(shift) + std::fabs(list_term) +
                        std::fabs(single) + std::fabs(no_gp) + std::fabs(contract);
    return 1.0 / (1.0 + std::exp(-(z + 1e-9 * (1.0 + size))));
  }

  const model::PracticeChangeParameters* changes_ = nullptr;
  model::HazardYearShift shift_;
  std::vector<double> bounds_;
};

}  // namespace pcsim::engine
