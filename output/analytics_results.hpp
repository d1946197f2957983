#pragma once
// What the planner analytics of a run hand to the writer (docs/output-format.md):
// the change by driver (/options/<o>/drivers), the expected value of partial perfect
// information (/comparison/evppi) and Sobol indices by year (/sensitivity/<o>/sobol_by_year).
// Plain data, filled by runner/ (driver_run, evppi, run_sobol), each part optional.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pcsim::output {

// One output (a metric, or a scalar such as npv) of one decomposition by driver, for
// k drivers and `columns` columns (the years, or 1 for a scalar). Row-major arrays.
struct DriverTable {
  std::string name;
  std::string unit;
  bool per_year = true;
  std::size_t columns = 0;
  // [(k + 2) x columns], a waterfall: row 0 the start (every driver off), rows 1..k each
  // driver's Shapley value, row k + 1 the end (the option as run). start + the k values
  // = end.
  std::vector<double> waterfall;
  // [(k + 1) x columns]: rows 0..k-1 each driver switched on alone (the others off) less
  // the start; row k the interaction, (end - start) - the sum of those.
  std::vector<double> alone;
  // Stochastic evaluation only (else empty): standard errors of the means above over the
  // iterations, same shapes.
  std::vector<double> waterfall_se;
  std::vector<double> alone_se;
};

struct OptionDrivers {
  std::string option;
  // The option's change: start = every driver off (the base year held still), end = the
  // option. One table per metric (model/metrics.hpp order), then one per scalar.
  std::vector<DriverTable> change;
  // The option against the baseline (empty for the baseline itself): each row the
  // option's less the baseline's, so start = the difference with every driver off (what
  // the options differ in besides the drivers, e.g. a running cost) and end = option -
  // baseline.
  std::vector<DriverTable> vs_baseline;
};

struct DriverResults {
  std::vector<std::string> drivers;    // the active drivers' names, in reporting order
  std::vector<std::string> labels;     // for people
  std::vector<std::string> switches;   // what switching each off sets
  std::vector<std::string> inactive;   // catalogue drivers on in no option: 0 by definition
  std::string evaluation;              // "central" or "stochastic"
  std::int64_t iterations = 0;         // stochastic: iterations averaged; central: 1
  std::vector<OptionDrivers> options;  // in run order, the baseline first
};

// One parameter group's expected value of partial perfect information.
struct EvppiGroup {
  std::string name;                     // "population.list_growth", "population", "all"
  std::vector<std::string> parameters;  // the parameters of the group
  std::string method;                   // the regression used
  double evppi = 0;                     // £
  double se = 0;                        // £, standard error from the fitted regressions
  std::vector<double> r_squared;        // [options - 1]: each option's incremental NPV fit
  std::vector<double> edf;              // [options - 1]: effective degrees of freedom
};

struct EvppiResults {
  std::string net_benefit = "npv";   // net benefit of an option: its NPV, £
  std::vector<std::string> options;  // run order, the baseline first
  std::int64_t iterations_used = 0;  // iterations with every option's NPV defined
  double evpi = 0;                   // £, the run's EVPI (as /comparison/evpi)
  std::vector<EvppiGroup> groups;
};

// Sobol indices of one output for every column (year), one option.
struct SobolByYearTable {
  std::string name;
  std::string unit;
  bool per_year = true;
  std::size_t columns = 0;
  std::vector<double> indices;   // [parameters x columns x 6]: S1, S1_lo, S1_hi, ST, ST_lo, ST_hi
  std::vector<double> variance;  // [columns]
  std::vector<std::int64_t> rows_used;  // [columns]
};

struct OptionSobol {
  std::string option;
  std::vector<std::string> parameters;    // the option's uncertain parameters, scenario order
  std::vector<SobolByYearTable> outputs;  // every metric, then every scalar
};

struct RunSobol {
  std::int64_t rows = 0;  // N of the Saltelli design
  int bootstrap = 0;
  std::vector<OptionSobol> options;
};

struct AnalyticsResults {
  std::optional<DriverResults> drivers;
  std::optional<EvppiResults> evppi;
  std::optional<RunSobol> sobol;
};

}  // namespace pcsim::output
