#pragma once
#include <span>

namespace pcsim::model {

// The q-th percentile (q in 0..100) of `values`, by linear interpolation between order
// statistics (Hyndman and Fan type 7, the default of R and NumPy): sort x_(0) <= ... <=
// x_(n-1), h = (n - 1) q / 100, result = x_(floor h) + (h - floor h)(x_(floor h + 1) -
// x_(floor h)). q = 50 is the median; q = 0 the minimum; q = 100 the maximum.
// Used for the levelling-up target f* (MODEL.md, Funding) and the peer-group referral
// benchmark bench(g) (MODEL.md, Savings), so both use the same definition.
// Throws ModelError when `values` is empty or q is outside [0, 100] or NaN.
double percentile(std::span<const double> values, double q);

// The same of values already in ascending order (no copy, no sort): the one definition,
// which percentile() and the output's summary statistics both use. NaN for no values;
// throws ModelError when q is outside [0, 100] or NaN.
double percentile_of_sorted(std::span<const double> sorted, double q);

}  // namespace pcsim::model
