#pragma once
// What the planner analytics (runner/analytics.hpp: --drivers, --sobol, the EVPPI) add to a
// run's estimate (runner/run_estimate.hpp): their tables in the results file and their
// working sets in memory (docs/cli.md, "Estimates").
#include "runner/analytics.hpp"
#include "runner/run_engine.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// What the analytics add: to the file (`values` bytes of doubles, `names` bytes of strings
// and of other attributes, `datasets` datasets and groups with their fixed metadata) and
// to memory (`working`: the largest of the phases' working sets, which run one after the
// other, or HDF5's caches while their tables are written; `held`: the tables each hands to
// the writer, held until the file is written).
struct AnalyticsEstimate {
  double values = 0, names = 0, datasets = 0;
  double working = 0, held = 0;
  // The file's bytes, tables and metadata: at most, typically, at least (the tables are
  // not compressed, so only the metadata's bound differs).
  double file_bytes_most() const;
  double file_bytes_typical() const;
  double file_bytes_least() const;
};

// The analytics `options` ask for, with the EVPPI when the run allows it, of a run of `n`
// iterations on `threads` threads (`stored_uniforms`: Latin hypercube or rank correlations,
// whose uniforms the stochastic drivers draw again).
AnalyticsEstimate estimate_analytics(const scenarios::Scenario& scenario,
                                     const RunSettings& settings, const AnalyticsOptions& options,
                                     double n, double threads, bool stored_uniforms);

}  // namespace pcsim::runner
