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
// x >= +0, every bit flipped for negative x (-inf and +inf at the ends); -0 has +0's key,
// as the two compare equal. Not for NaN.
std::uint64_t order_key(double x);

// Sorts `values` ascending (no NaN: std::invalid_argument): the values std::sort gives,
// except that every zero comes out as +0 (a percentile of a column holding zeros of both
// signs is never -0 by the order the sort happened to leave them in).
void sort_doubles(std::span<double> values);

// The positions of `values` in ascending order of value, equal values (-0 and +0 among
// them) in order of position: std::stable_sort's answer (no NaN: std::invalid_argument).
std::vector<std::size_t> sorted_positions(std::span<const double> values);

}  // namespace pcsim::output
