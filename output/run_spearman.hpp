#pragma once
// Spearman rank correlations of every uncertain parameter with every metric and year,
// computed from the iterations of an ordinary `pcsim run` and stored beside its results
// (/sensitivity/<option>/spearman/<metric>; docs/output-format.md). They tell a planner
// which assumptions drive each figure, from the same run that gives the figures.
#include <string>
#include <vector>

#include "output/parallel_for.hpp"
#include "output/run_results.hpp"

namespace pcsim::output {

// One option's correlations: per metric (in the option's metric order, then its scalars),
// a row-major [parameters x columns] array, columns = years (or 1 for a scalar).
struct OptionSpearman {
  std::string option;
  std::vector<std::string> parameters;   // uncertain parameter paths, baseline first
  std::vector<std::string> outputs;      // metric names, then scalar names
  std::vector<std::size_t> columns;      // years, or 1 for a scalar
  std::vector<std::vector<double>> rho;  // [output][parameter * columns + column]
};

// The parameters an option's iterations varied: the baseline's columns that are not
// constant, with the option's own overrides in place of the baseline's column of the same
// name. Options with no varying parameter get an empty list.
std::vector<const ParameterColumn*> varying_parameters(const RunResults& results,
                                                       const OptionResults& option);

// Spearman's rho of each varying parameter with each metric-year and scalar of `option`.
// Ranks of each series are computed once (so the cost is one sort per series); pairs with
// a NaN output are left out, and a constant output gives NaN (output/spearman.hpp). Each
// series is one index of `parallel` (the same figures whatever runs them).
OptionSpearman run_spearman(const RunResults& results, const OptionResults& option,
                            const ParallelFor& parallel = sequential_for);

}  // namespace pcsim::output
