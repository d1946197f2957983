#pragma once
// Spearman's rank correlation, for the sensitivity analysis (docs/output-format.md,
// /sensitivity): how strongly an output rises or falls with one input across the Monte
// Carlo iterations, whatever the shape of the relation as long as it is monotone.
#include <span>
#include <vector>

namespace pcsim::output {

// The rank of each value among `values`, 1-based, ties given the average of the ranks they
// span: {10, 20, 20, 30} -> {1, 2.5, 2.5, 4}. NaN values are not allowed (the caller
// drops them first; std::invalid_argument); the result is in the order of `values`.
std::vector<double> average_ranks(std::span<const double> values);

// Pearson's correlation of two equally long series:
//   r = sum (x - mean x)(y - mean y) / sqrt(sum (x - mean x)^2 sum (y - mean y)^2).
// NaN when there are fewer than two pairs or either series is constant.
double pearson(std::span<const double> x, std::span<const double> y);

// A series less its mean (summed in order, as pearson() sums it) and the sum of its squared
// deviations: what pearson() computes of each series, kept so that a series correlated with
// many others (a parameter's ranks with every output series of a run) is centred once.
struct CentredSeries {
  std::vector<double> deviations;
  double squares = 0;
};
CentredSeries centred(std::span<const double> x);

// pearson() of the two series centred: the same value bit for bit.
double pearson(const CentredSeries& x, const CentredSeries& y);

// Spearman's rho = Pearson's r of the average ranks of x and of y. Pairs in which either
// value is NaN (an undefined output, e.g. a return on zero investment) are left out before
// ranking. NaN when fewer than two pairs remain or either series is constant (an output
// that never varies has no correlation with anything).
double spearman(std::span<const double> x, std::span<const double> y);

}  // namespace pcsim::output
