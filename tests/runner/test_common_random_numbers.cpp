// Common random numbers across options (issue: compare options like a planner). Iteration i
// of every option sees the same parameter draws and event streams, so (1) the difference of
// two close options varies far less than it would between independent runs, and (2) adding
// an option to a scenario leaves the existing options' results untouched, bit for bit.
// Uses scenarios/delegation-options.toml (53 real Bedfordshire practices, 4 options).
#include <gtest/gtest.h>

#include <cstring>
#include <numeric>
#include <sstream>

#include "model/metrics.hpp"
#include "runner/run_engine.hpp"
#include "shipped_scenarios.hpp"

namespace pcsim::runner {
namespace {

const scenarios::Scenario& options_scenario() {
  return fixtures::shipped_scenario("delegation-options.toml");
}

output::RunResults run(const scenarios::Scenario& scenario, std::int64_t iterations,
                       std::uint64_t seed) {
  RunSettings settings;
  settings.seed = seed;
  settings.iterations = iterations;
  settings.threads = 2;
  std::ostringstream sink;
  Progress progress(ProgressStyle::Silent, sink);
  return run_scenario(scenario, settings, progress);
}

double variance(const std::vector<double>& x) {
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
  double sum = 0;
  for (double v : x) sum += (v - mean) * (v - mean);
  return sum / static_cast<double>(x.size() - 1);
}

const std::vector<double>& npv(const output::RunResults& results, const std::string& option) {
  for (const auto& o : results.options)
    if (o.name == option) return o.scalars.at(model::index(model::ScalarMetric::Npv));
  throw std::runtime_error("no option " + option);
}

// The two closest options differ only by funding neighbourhood pharmacists. Unpaired (two
// independent runs) the variance of the difference of NPVs is Var(A) + Var(B); paired by
// iteration it is Var(A - B), which shares every draw and so cancels the common noise.
// Measured on this scenario the ratio is about 0.013; we assert below 0.05 over 400
// iterations (the sample variances of 400 draws are within about ±15%, so the assertion
// has a wide margin while still saying "much smaller": a factor of 20).
TEST(CommonRandomNumbers, PairedDifferenceOfCloseOptionsHasMuchSmallerVariance) {
  const auto results = run(options_scenario(), 400, 20170601);
  const auto& a = npv(results, "delegate and level up");
  const auto& b = npv(results, "delegate, level up and fund neighbourhood pharmacists");
  std::vector<double> paired(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) paired[i] = a[i] - b[i];
  const double unpaired_variance = variance(a) + variance(b);
  const double ratio = variance(paired) / unpaired_variance;
  EXPECT_LT(ratio, 0.05) << "paired variance " << variance(paired) << ", unpaired "
                         << unpaired_variance;
  EXPECT_GT(variance(paired), 0.0);  // the options do differ
}

// Dropping the last option (equivalently: adding it) changes nothing in the others: every
// metric, scalar and parameter column of the remaining options is byte-identical.
TEST(CommonRandomNumbers, AddingAnOptionDoesNotChangeTheExistingOptions) {
  const scenarios::Scenario all = options_scenario();
  scenarios::Scenario fewer = all;
  fewer.options.pop_back();
  const auto with = run(all, 64, 99);
  const auto without = run(fewer, 64, 99);
  ASSERT_EQ(without.options.size() + 1, with.options.size());
  auto same = [](const std::vector<double>& x, const std::vector<double>& y) {
    return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0;
  };
  for (std::size_t o = 0; o < without.options.size(); ++o) {
    const auto& a = without.options[o];
    const auto& b = with.options[o];
    ASSERT_EQ(a.name, b.name);
    for (std::size_t m = 0; m < a.by_year.size(); ++m)
      EXPECT_TRUE(same(a.by_year[m], b.by_year[m])) << a.name << " " << a.metric_names[m];
    for (std::size_t s = 0; s < a.scalars.size(); ++s)
      EXPECT_TRUE(same(a.scalars[s], b.scalars[s])) << a.name << " " << a.scalar_names[s];
    for (std::size_t k = 0; k < a.parameters.size(); ++k)
      EXPECT_TRUE(same(a.parameters[k].values, b.parameters[k].values)) << a.parameters[k].name;
  }
  for (std::size_t k = 0; k < without.parameters.size(); ++k)
    EXPECT_TRUE(same(without.parameters[k].values, with.parameters[k].values));
}

}  // namespace
}  // namespace pcsim::runner
