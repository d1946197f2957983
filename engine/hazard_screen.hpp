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
// plus margins far above floating-point error. Cells are filled when first read in a year:
// the lists' logs are computed once for every run, and each hazard's exp is split into a
// factor of the cell, kept while the coefficients stand (an iteration's years), and one of
// the year's shift, so a year's fill is a product and a division a hazard (logistic_bound).
namespace pcsim::engine {

class HazardScreen {
 public:
  // Lists outside [1, 2^24) are not screened (bound 1: every uniform computes exactly).
  static constexpr double kLowestList = 1.0;
  static constexpr double kListLimit = 16777216.0;  // 2^24

  void start_year(const model::PracticeChangeParameters& changes,
                  const model::HazardYearShift& shift) {
    changes_ = &changes;
    // The cells' year-free factors stand while the hazards' coefficients do (an iteration's
    // years): kept unless they changed.
    if (!same_hazards(changes)) {
      hazards_ = changes;
      year_free_.assign(2 * kCells, std::numeric_limits<double>::quiet_NaN());
    }
    shift_ = shift;
    closure_year_ = year_factor(shift.closure);
    merger_year_ = year_factor(shift.merger);
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
    return bounds_[index] = cell_bound(index, key, heads_class, index % 2 == 1);
  }

  static constexpr std::uint64_t kEndKey = std::bit_cast<std::uint64_t>(kListLimit) >> kKeyShift;
  static constexpr std::size_t kCells = (kEndKey - kFirstKey) * 3 * 2;

  // ln(L / 10,000) at the low end of each key's quarter-octave (and at kEndKey's): the same
  // for every run, so computed once rather than twice a cell each year.
  static double log_list_at(std::uint64_t key) {
    static const std::vector<double> logs = [] {
      std::vector<double> out;
      for (std::uint64_t k = kFirstKey; k <= kEndKey; ++k)
        out.push_back(std::log(std::bit_cast<double>(k << kKeyShift) / 10000.0));
      return out;
    }();
    return logs[key - kFirstKey];
  }

  bool same_hazards(const model::PracticeChangeParameters& c) const {
    const auto same = [](const model::HazardCoefficients& a, const model::HazardCoefficients& b) {
      return a.intercept == b.intercept && a.per_log_list == b.per_log_list &&
             a.single_handed == b.single_handed && a.no_gp == b.no_gp && a.apms == b.apms;
    };
    return !year_free_.empty() && c.closures == hazards_.closures &&
           c.mergers == hazards_.mergers && same(c.closure, hazards_.closure) &&
           same(c.merger, hazards_.merger);
  }

  // A hazard's bound is 1 / (1 + a b), with a = exp(-(z0 + m0)) from the cell and the
  // coefficients (z0 the largest linear predictor over the cell less the year's shift s, m0
  // its margin), kept while the coefficients stand, and b = exp(-(s + 1e-9 |s|)) from the
  // year's shift: exp(-(z0 + s + margin)) as one exp would give it, to an ulp or two, far
  // inside the margin. When a or b is not a normal double the product could be far from
  // that, and the bound takes the one exp instead.
  static double year_factor(double shift) { return std::exp(-(shift + 1e-9 * std::fabs(shift))); }
  static bool normal(double x) {
    return x >= std::numeric_limits<double>::min() && x <= std::numeric_limits<double>::max();
  }

  struct Cell {
    std::uint64_t key;
    int heads_class;
    bool apms;
  };

  double cell_bound(std::size_t index, std::uint64_t key, int heads_class, bool apms) {
    const Cell cell{key, heads_class, apms};
    double sum = 0;
    if (changes_->closures)
      sum += logistic_bound(changes_->closure, cell, year_free_[2 * index], closure_year_,
                            shift_.closure);
    if (changes_->mergers)
      sum += logistic_bound(changes_->merger, cell, year_free_[2 * index + 1], merger_year_,
                            shift_.merger);
    // The exact probabilities carry a few ulps of rounding; 1e-12 relative is far above it.
    return sum * (1.0 + 1e-12);
  }

  // One hazard's bound over a cell; `year_free` is the cell's a, computed when NaN. Once it
  // is known, a year's bound needs only the product.
  static double logistic_bound(const model::HazardCoefficients& c, const Cell& cell,
                               double& year_free, double year, double shift) {
    if (std::isnan(year_free)) year_free = std::exp(-predictor_with_margin(c, cell));
    if (normal(year_free) && normal(year)) return 1.0 / (1.0 + year_free * year);
    return 1.0 /
           (1.0 + std::exp(-(predictor_with_margin(c, cell) + shift + 1e-9 * std::fabs(shift))));
  }

  // z0 + m0: the largest linear predictor over the cell without the year's shift, plus its
  // margin. The exact predictor is z0 + s at a list inside the cell, summed in another
  // order: it differs by rounding of order 1e-16 of the terms' sizes, far below the margin
  // of 1e-9 of them.
  static double predictor_with_margin(const model::HazardCoefficients& c, const Cell& cell) {
    const double log_low = log_list_at(cell.key), log_high = log_list_at(cell.key + 1);
    const double list_term = std::max(c.per_log_list * log_low, c.per_log_list * log_high);
    const double single = cell.heads_class == 1 ? c.single_handed : 0.0;
    const double no_gp = cell.heads_class == 0 ? c.no_gp : 0.0;
    const double contract = cell.apms ? c.apms : 0.0;
    const double z0 = c.intercept + list_term + single + no_gp + contract;
    const double size = std::fabs(c.intercept) + std::fabs(list_term) + std::fabs(single) +
                        std::fabs(no_gp) + std::fabs(contract);
    return z0 + 1e-9 * (1.0 + size);
  }

  const model::PracticeChangeParameters* changes_ = nullptr;
  model::PracticeChangeParameters hazards_;  // the coefficients of year_free_
  model::HazardYearShift shift_;
  double closure_year_ = 1, merger_year_ = 1;  // this year's b of each hazard
  std::vector<double> year_free_;              // each cell's a of each hazard, or NaN
  std::vector<double> bounds_;
};

}  // namespace pcsim::engine
