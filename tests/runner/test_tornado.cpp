// `pcsim sensitivity`'s engine (runner/sensitivity_run.hpp) on the synthetic scenario
// (scenarios/synthetic.toml): the tornado's central case is the run engine's central case,
// each tornado bar is the central run of a scenario with that one parameter fixed at its
// percentile, fixed parameters never appear, the Spearman correlations are those of the
// `pcsim run` draws, and the results do not depend on the thread count.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>
#include <sstream>

#include "model/metrics.hpp"
#include "output/spearman.hpp"
#include "runner/run_engine.hpp"
#include "runner/sensitivity_run.hpp"
#include "shipped_scenarios.hpp"

namespace pcsim::runner {
namespace {

using fixtures::synthetic;

constexpr std::size_t kNpv = model::kMetricCount + model::index(model::ScalarMetric::Npv);

output::SensitivityResults analyse(const scenarios::Scenario& scenario, int threads,
                                   std::int64_t sobol_rows = 0) {
  SensitivitySettings settings;
  settings.seed = 77;
  settings.iterations = 41;  // not a multiple of the grain
  settings.sobol_rows = sobol_rows;
  settings.bootstrap = 20;
  settings.threads = threads;
  std::ostringstream sink;
  Progress progress(ProgressStyle::Silent, sink);
  return run_sensitivity(scenario, 0, settings, progress);
}

output::RunResults central_run(const scenarios::Scenario& scenario) {
  RunSettings settings;
  settings.central = true;
  std::ostringstream sink;
  Progress progress(ProgressStyle::Silent, sink);
  return run_scenario(scenario, settings, progress);
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// The tornado's central case is the run engine's central case (run_scenario with
// --central): every metric in every year, and both scalars.
TEST(Tornado, CentralEqualsRunEngineCentralCase) {
  const auto results = analyse(synthetic(), 2);
  const auto run = central_run(synthetic());
  const auto& option = run.options.front();
  const std::size_t years = run.year_labels.size();
  ASSERT_EQ(results.year_labels, run.year_labels);
  for (std::size_t m = 0; m < model::kMetricCount; ++m) {
    ASSERT_EQ(results.outputs[m].central.size(), years);
    for (std::size_t t = 0; t < years; ++t) {
      EXPECT_TRUE(same(results.outputs[m].central[t], option.by_year[m][t]))
          << model::kMetricNames[m] << " year " << t;
    }
  }
  for (std::size_t s = 0; s < model::kScalarMetricCount; ++s) {
    EXPECT_TRUE(same(results.outputs[model::kMetricCount + s].central[0], option.scalars[s][0]))
        << model::kScalarMetricNames[s];
  }
}

// Only parameters with a distribution appear: the synthetic scenario gives distributions
// to exactly these six (read off scenarios/synthetic.toml); fixed settings such as
// population.diversion_max (a value with a rationale) and population.list_noise_sd do not.
TEST(Tornado, FixedParametersNeverAppear) {
  const auto results = analyse(synthetic(), 1);
  const std::set<std::string> expected = {"population.list_growth",
                                          "population.consultations_per_patient",
                                          "workforce.retirement_multiplier",
                                          "workforce.fill_rate",
                                          "funding.running_cost",
                                          "funding.quality_standards.access.achievement_rate"};
  const std::set<std::string> found(results.parameters.begin(), results.parameters.end());
  EXPECT_EQ(found, expected);
  EXPECT_EQ(found.count("population.diversion_max"), 0u);
  const std::size_t p = expected.size();
  EXPECT_EQ(results.tornado_order.size(), p);
  for (const auto& out : results.outputs) {
    const std::size_t columns = out.per_year ? results.year_labels.size() : 1;
    EXPECT_EQ(out.spearman.size(), p * columns) << out.name;
    EXPECT_EQ(out.tornado.size(), p * columns * 3) << out.name;
  }
}

// A tornado bar is the central case with one parameter moved: the scenario with
// funding.running_cost fixed at its P10 (then at its P90), run through the run engine's
// central case, gives the bar's low (high) NPV and net cost in every year.
TEST(Tornado, BarEqualsCentralRunWithThatParameterFixed) {
  const auto results = analyse(synthetic(), 2);
  const auto k = static_cast<std::size_t>(
      std::find(results.parameters.begin(), results.parameters.end(), "funding.running_cost") -
      results.parameters.begin());
  ASSERT_LT(k, results.parameters.size());
  const std::size_t net_cost = model::index(model::Metric::NetCost);
  const std::size_t years = results.year_labels.size();
  for (const int side : {0, 1}) {  // 0: low (P10), 1: high (P90)
    scenarios::Scenario moved = synthetic();
    auto& option = moved.options.front();
    for (auto& entry : option.parameters) {
      if (entry.path != "funding.running_cost") continue;
      const double value = entry.distribution.quantile(side == 0 ? 0.1 : 0.9);
      EXPECT_EQ(value, results.tornado_inputs[2 * k + static_cast<std::size_t>(side)]);
      entry.distribution = model::Distribution::fixed(value);
      entry.spec->set(option.central, entry.element, value);
    }
    const auto run = central_run(moved);
    const auto& figures = run.options.front();
    EXPECT_TRUE(same(results.outputs[kNpv].tornado[k * 3 + static_cast<std::size_t>(side)],
                     figures.scalars[model::index(model::ScalarMetric::Npv)][0]));
    for (std::size_t t = 0; t < years; ++t) {
      EXPECT_TRUE(same(
          results.outputs[net_cost].tornado[(k * years + t) * 3 + static_cast<std::size_t>(side)],
          figures.by_year[net_cost][t]))
          << "year " << t;
    }
  }
  // A higher running cost is a higher cost: the NPV at P90 is below the NPV at P10.
  EXPECT_LT(results.outputs[kNpv].tornado[k * 3 + 1], results.outputs[kNpv].tornado[k * 3]);
}

// swing = |high - low| in every cell, and the tornado order puts the largest NPV swing
// first.
TEST(Tornado, SwingIsTheGapAndOrderFollowsNpvSwing) {
  const auto results = analyse(synthetic(), 1);
  for (const auto& out : results.outputs) {
    for (std::size_t cell = 0; cell < out.tornado.size(); cell += 3) {
      EXPECT_TRUE(same(out.tornado[cell + 2], std::abs(out.tornado[cell + 1] - out.tornado[cell])));
    }
  }
  const auto& npv = results.outputs[kNpv].tornado;
  for (std::size_t r = 1; r < results.tornado_order.size(); ++r) {
    EXPECT_GE(npv[results.tornado_order[r - 1] * 3 + 2], npv[results.tornado_order[r] * 3 + 2]);
  }
}

// The Spearman correlations come from the same draws and events as `pcsim run`: rho
// computed here from run_scenario's parameter columns and NPV equals the engine's.
TEST(Tornado, SpearmanUsesTheRunDraws) {
  const auto results = analyse(synthetic(), 2);
  RunSettings settings;
  settings.seed = 77;
  settings.iterations = 41;
  settings.threads = 1;
  std::ostringstream sink;
  Progress progress(ProgressStyle::Silent, sink);
  const auto run = run_scenario(synthetic(), settings, progress);
  const auto& npv = run.options.front().scalars[model::index(model::ScalarMetric::Npv)];
  for (std::size_t k = 0; k < results.parameters.size(); ++k) {
    const auto column =
        std::find_if(run.parameters.begin(), run.parameters.end(),
                     [&](const auto& c) { return c.name == results.parameters[k]; });
    ASSERT_NE(column, run.parameters.end());
    EXPECT_DOUBLE_EQ(results.outputs[kNpv].spearman[k], output::spearman(column->values, npv))
        << results.parameters[k];
  }
}

// Every array is the same at 1 and 3 threads, byte for byte (Sobol indices included).
TEST(Tornado, ThreadCountDoesNotChangeAnyByte) {
  const auto one = analyse(synthetic(), 1, 9);
  const auto three = analyse(synthetic(), 3, 9);
  const auto bytes = [](const std::vector<double>& a, const std::vector<double>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
  };
  ASSERT_EQ(one.outputs.size(), three.outputs.size());
  for (std::size_t q = 0; q < one.outputs.size(); ++q) {
    EXPECT_TRUE(bytes(one.outputs[q].spearman, three.outputs[q].spearman)) << one.outputs[q].name;
    EXPECT_TRUE(bytes(one.outputs[q].tornado, three.outputs[q].tornado)) << one.outputs[q].name;
    EXPECT_TRUE(bytes(one.outputs[q].sobol, three.outputs[q].sobol)) << one.outputs[q].name;
    EXPECT_FALSE(one.outputs[q].sobol.empty());
  }
}

}  // namespace
}  // namespace pcsim::runner
