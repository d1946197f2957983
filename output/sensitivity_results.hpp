#pragma once
// What `pcsim sensitivity` hands to its writer and printer: plain data, no model internals
// beyond names (layout: docs/output-format.md, "/sensitivity").
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "output/analytics_results.hpp"

namespace pcsim::output {

// The columns of a tornado dataset's last axis, and of a Sobol dataset.
inline constexpr std::array<std::string_view, 3> kTornadoColumns = {"low", "high", "swing"};
inline constexpr std::array<std::string_view, 6> kSobolColumns = {"S1", "S1_lo", "S1_hi",
                                                                  "ST", "ST_lo", "ST_hi"};

// One output of the model: a per-year metric (one column per year) or a scalar such as
// npv (a single column, the whole horizon).
struct SensitivityOutput {
  std::string name;
  std::string unit;
  bool per_year = true;
  std::vector<double> central;   // [columns]: the central case
  std::vector<double> spearman;  // [parameters x columns], parameters in scenario order
  // [parameters x columns x 3], parameters in scenario order: the output with the parameter
  // alone at its 10th percentile (low), at its 90th (high), and |high - low| (swing).
  std::vector<double> tornado;
  // Sobol indices of the last column (the last year, or the scalar): [parameters x 6] in
  // kSobolColumns order; empty when Sobol indices were not asked for.
  std::vector<double> sobol;
  double sobol_variance = 0;         // the output's variance over the Saltelli design
  std::int64_t sobol_rows_used = 0;  // design rows with no NaN value of this output
};

struct SensitivityResults {
  std::string option;                    // the option analysed
  std::vector<std::string> year_labels;  // "2017/18", ...
  // The option's uncertain parameters (fixed ones never appear), in scenario order, with
  // their distributions and units.
  std::vector<std::string> parameters;
  std::vector<std::string> distributions;
  std::vector<std::string> units;
  std::vector<std::string> rationales;  // as written in the scenario; may be empty
  std::vector<double> tornado_inputs;   // [parameters x 2]: the P10 and P90 values
  // The tornado's rows, largest NPV swing first (ties and NaN swings in scenario order,
  // NaN last): indexes into `parameters`. The tornado datasets are written in this order.
  std::vector<std::size_t> tornado_order;
  std::int64_t iterations = 0;             // Monte Carlo iterations behind Spearman
  std::int64_t sobol_rows = 0;             // N of the Saltelli design; 0 = not run
  std::int64_t bootstrap = 0;              // bootstrap resamples of the Sobol intervals
  std::vector<SensitivityOutput> outputs;  // metrics, then scalars
  // With Sobol indices: every column's (every year of every metric), written under
  // sobol_by_year/; `SensitivityOutput::sobol` holds the last column's.
  OptionSobol sobol_by_year;
};

}  // namespace pcsim::output
