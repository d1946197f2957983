#pragma once
// The expected value of partial perfect information (docs/model.md, "Value of
// information") for the choice between the options, by the regression method of Strong,
// Oakley & Brennan (2014), on the draws the run already made.
//
// Net benefit: an option's NPV (£; savings less investment, discounted). The incremental
// net benefit of option d, INB_d(i) = NPV_d(i) - NPV_baseline(i), is regressed on the
// group's parameter draws (runner/penalised_regression.hpp); its fitted value g_d(i)
// estimates E[INB_d | the group's values of iteration i]. Then
//   EVPPI = mean_i max(0, max_d g_d(i)) - max(0, max_d mean_i g_d(i)),
// what knowing the group's true values before choosing would be worth. The standard
// error comes from 200 draws of each regression's coefficients from their posterior
// (Strong et al. 2014, section 4.4). The EVPI of the run (/comparison/evpi) counts the
// year-to-year randomness of events as if it could be known too; EVPPI of the group
// "all" (every uncertain parameter) is the value of knowing every parameter.
#include <cstdint>
#include <string>
#include <vector>

#include "output/analytics_results.hpp"
#include "output/run_results.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// Runs with fewer usable iterations get no EVPPI: a regression on fewer draws says little.
inline constexpr std::int64_t kMinEvppiIterations = 100;
// Posterior draws of the regression coefficients behind each standard error.
inline constexpr int kEvppiSeDraws = 200;

struct ParameterGroup {
  std::string name;  // "population.list_growth", "workforce", "all"
  std::vector<std::string> parameters;
};

// Each parameter alone, each scenario section ("population", "workforce", ...) with two
// or more of them, and "all" when there are two or more and no section holds them all.
std::vector<ParameterGroup> parameter_groups(const std::vector<std::string>& parameters);

// The EVPPI of each group from the draws: npv[d][i] the NPV of option d (d = 0 the
// baseline) in iteration i, columns[p][i] the value of parameters[p]. Iterations with a
// NaN NPV in any option are left out. `seed` keys the posterior draws of the SEs.
output::EvppiResults evppi_from_draws(const std::vector<std::string>& options,
                                      const std::vector<std::vector<double>>& npv,
                                      const std::vector<std::string>& parameters,
                                      const std::vector<std::vector<double>>& columns,
                                      const std::vector<ParameterGroup>& groups,
                                      std::uint64_t seed);

// The EVPPI of a run: its options' npv, the draws of every parameter uncertain in some
// option (the baseline's column, or the first option's that draws it), grouped by
// parameter_groups. nullopt when the run has one option, no uncertain parameter, no npv
// or fewer than kMinEvppiIterations usable iterations.
std::optional<output::EvppiResults> run_evppi(const scenarios::Scenario& scenario,
                                              const output::RunResults& results,
                                              std::uint64_t seed);

}  // namespace pcsim::runner
