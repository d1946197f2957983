#pragma once
// Sorting a Monte Carlo column of doubles, for the summaries' percentiles and the Spearman
// ranks: every output series of every year of every option is sorted once or twice when
// a run's results are written, serially on rank 0 while the worker threads wait, so at
// 10,000 iterations the comparison sort was a third of writing the file
// (docs/performance.md, "The end of a run"). A least-significant-digit radix sort on the
// doubles' order keys does the same work in a fixed number of passes over the data.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace pcsim::output {

// The unsigned integer whose order is x's order among doubles: the sign bit flipped for
// x >= +0, every bit flipped for negative x (so -0 sorts just below +0, and -inf and +inf
// at the ends). Not for NaN.
std::uint64_t order_key(double x);

// Sorts `values` ascending (no NaN: std::invalid_argument). The result is the one
// std::sort gives, except that a -0 comes before every +0 rather than among them.
void sort_doubles(std::span<double> values);

// The positions of `values` in ascending order of value, equal values in order of
// position (a stable sort; no NaN: std::invalid_argument).
std::vector<std::size_t> sorted_positions(std::span<const double> values);

}  // namespace pcsim::output
