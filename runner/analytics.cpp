#include "runner/analytics.hpp"

#include <fmt/format.h>

#include "runner/collective_step.hpp"
#include "runner/driver_run.hpp"
#include "runner/drivers.hpp"
#include "runner/evppi.hpp"
#include "runner/progress.hpp"
#include "runner/sobol_by_year.hpp"
#include "runner/usage_error.hpp"

namespace pcsim::runner {

void check_analytics(const AnalyticsOptions& options, const RunSettings& settings) {
  if (options.driver_iterations != 0 && !options.drivers) {
    throw UsageError("--driver-iterations requires --drivers");
  }
  if (options.driver_iterations < 0) {
    throw UsageError("--driver-iterations must not be negative");
  }
  if (options.driver_iterations > 0 && settings.central) {
    throw UsageError(
        "--driver-iterations cannot be combined with --central (the central "
        "case is one deterministic iteration; --drivers alone splits it)");
  }
  // With --until-se, --iterations is the minimum, where the run may stop: refused here,
  // before any work, rather than after the iterations (exit 3, the run's work lost).
  if (options.driver_iterations > 0 && options.driver_iterations > settings.iterations) {
    throw UsageError(fmt::format(
        "--driver-iterations ({}) cannot exceed --iterations ({}){}", options.driver_iterations,
        settings.iterations,
        settings.until_se ? ", the fewest iterations an --until-se run can stop at: raise "
                            "--iterations or lower --driver-iterations"
                          : ""));
  }
  if (options.sobol_rows < 0) throw UsageError("--sobol must be at least 1");
  if (options.bootstrap < 0) throw UsageError("--bootstrap must not be negative");
}

void add_analytics(const scenarios::Scenario& scenario, const RunSettings& settings,
                   const AnalyticsOptions& options, output::RunResults& results, std::ostream& err,
                   const Communicator& processes) {
  // Only rank 0 speaks.
  const bool root = processes.root();
  const ProgressStyle style = Progress::style_for_stderr(settings.quiet || !root);
  if (options.drivers) {
    DriverSettings d;
    d.seed = settings.seed;
    d.iterations = options.driver_iterations;
    d.run_iterations = results.iterations;
    d.threads = settings.threads;
    if (!settings.quiet && root) {
      const auto k = active_drivers(scenario, d.iterations > 0).size();
      err << fmt::format("pcsim: change by driver: {} active drivers, {} option{}, {} {} runs\n", k,
                         scenario.options.size(), scenario.options.size() == 1 ? "" : "s",
                         driver_runs(scenario, d), d.iterations > 0 ? "stochastic" : "central");
    }
    Progress progress(style, err);
    results.analytics.drivers = run_drivers(scenario, d, progress, processes);
  }
  if (options.sobol_rows > 0) {
    SobolByYearSettings s;
    s.seed = settings.seed;
    s.rows = options.sobol_rows;
    s.bootstrap = options.bootstrap;
    s.threads = settings.threads;
    if (!settings.quiet && root) {
      std::int64_t runs = 0;
      for (const auto& option : scenario.options) runs += sobol_runs(option, s.rows);
      err << fmt::format(
          "pcsim: Sobol indices by year: a Saltelli design of {} rows, {} central "
          "runs\n",
          s.rows, runs);
    }
    Progress progress(style, err);
    results.analytics.sobol = run_sobol(scenario, s, progress, processes);
  }
  all_or_none(processes, [&] {
    if (root && !settings.central)
      results.analytics.evppi = run_evppi(scenario, results, settings.seed);
  });
}

}  // namespace pcsim::runner
