#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/warnings.hpp"
#include "output/analytics_results.hpp"
#include "output/provenance.hpp"

namespace pcsim::output {

// Everything a run hands to the writer: plain data, no model internals beyond names.

// The values one parameter took in each iteration, with what produced them.
struct ParameterColumn {
  std::string name;          // "population.list_growth"
  std::string distribution;  // "pert(min=..., mode=..., max=..., lambda=4)"
  std::string rationale;
  std::string unit;
  std::vector<double> values;  // [iterations]
  // A choice (a categorical parameter such as funding.target): its labels in index order;
  // `values` then hold indexes into them and the column is written as the labels, never as
  // numbers. Empty for a numeric parameter.
  std::vector<std::string> choices;
};

struct OptionResults {
  std::string name;
  // metric names in storage order, and per metric a row-major [iterations x years] array
  std::vector<std::string> metric_names;
  std::vector<std::string> metric_units;
  std::vector<std::vector<double>> by_year;  // [metric][iteration * years + year]
  std::vector<std::string> scalar_names;     // "npv", "payback_year"
  std::vector<std::vector<double>> scalars;  // [scalar][iteration]
  std::vector<ParameterColumn> parameters;   // only the entries this option overrides
  // [scalar] units of the scalars ("GBP", "year"), written as their `unit` attribute; may be
  // left empty (then the attribute is ""), otherwise one per scalar.
  std::vector<std::string> scalar_units;
  // --per-practice kept in memory (otherwise empty; `pcsim run` streams them to the file
  // batch by batch instead, output/results_file.hpp): per-practice figures of every
  // iteration, one array per name ("closed", "appointments_gap", "funding_per_weighted"),
  // each row-major [iteration][practice][year] (index (iteration * practices + practice) *
  // years + year); practices in RunResults::practice_codes order. write_results() writes
  // them under /options/<option>/practices.
  std::vector<std::string> practice_trace_names;
  std::vector<std::string> practice_trace_units;
  std::vector<std::vector<double>> practice_traces;
  // The central case (every parameter at its central value, every random event at its
  // expectation, as `pcsim run --central`), run beside the Monte Carlo iterations: one value
  // per metric and year ([metric][year], metrics in metric_names order) and one per scalar.
  // Both empty when the run did not compute it; otherwise written under
  // /options/<option>/central.
  std::vector<std::vector<double>> central_by_year;
  std::vector<double> central_scalars;
};

// What a `pcsim run --until-se` reached, written as the root attributes convergence_*
// (docs/output-format.md).
struct ConvergenceRecord {
  std::string metric;           // "npv", "net_cost@2021/22": the metric and year checked
  double target_rel_se = 0;     // the REL asked for
  double reached_rel_se = 0;    // at the last check (NaN when undefined, e.g. a mean of 0)
  bool met = false;             // reached_rel_se < target_rel_se
  std::int64_t iterations = 0;  // the iterations run when the run stopped
};

struct RunResults {
  std::vector<std::string> year_labels;  // "2017/18", ...
  std::int64_t iterations = 0;
  std::vector<OptionResults> options;            // [0] is the baseline
  std::vector<ParameterColumn> parameters;       // baseline's parameters
  std::vector<std::string> practice_codes;       // --per-practice only: in stream order
  std::vector<RunWarning> warnings;              // the scenario's and the run's, in order
  std::optional<ConvergenceRecord> convergence;  // --until-se only
  AnalyticsResults analytics;                    // --drivers, --sobol, EVPPI (when computed)
};

}  // namespace pcsim::output
