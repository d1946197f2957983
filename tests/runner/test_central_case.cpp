// The central case stored beside every Monte Carlo run (runner/central_case.hpp) equals
// the single iteration of `pcsim run --central`, which reaches it by another path (the
// run's own draws in central mode); and choices are handed to the writer as labels.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <sstream>

#include "runner/run_engine.hpp"
#include "shipped_scenarios.hpp"

namespace pcsim::runner {
namespace {

using fixtures::synthetic;

output::RunResults run(bool central, std::int64_t iterations) {
  RunSettings settings;
  settings.seed = 99;
  settings.iterations = iterations;
  settings.threads = 2;
  settings.central = central;
  std::ostringstream sink;
  Progress progress(ProgressStyle::Silent, sink);
  return run_scenario(synthetic(), settings, progress);
}

bool same_value(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

// Fact: in a Monte Carlo run of 50 iterations every option carries the central case, and
// it is, to the bit, what a --central run computes as its only iteration (every metric,
// year and scalar); it does not depend on the seed or the iterations.
TEST(CentralCase, EqualsTheCentralRun) {
  const output::RunResults monte_carlo = run(false, 50);
  const output::RunResults central = run(true, 1);
  ASSERT_EQ(monte_carlo.options.size(), central.options.size());
  const std::size_t years = central.year_labels.size();
  for (std::size_t o = 0; o < central.options.size(); ++o) {
    const auto& stored = monte_carlo.options[o];
    const auto& reference = central.options[o];
    ASSERT_EQ(stored.central_by_year.size(), reference.metric_names.size()) << stored.name;
    for (std::size_t m = 0; m < reference.metric_names.size(); ++m) {
      for (std::size_t y = 0; y < years; ++y) {
        EXPECT_TRUE(same_value(stored.central_by_year[m][y], reference.by_year[m][y]))
            << stored.name << " " << reference.metric_names[m] << " year " << y;
      }
    }
    ASSERT_EQ(stored.central_scalars.size(), reference.scalars.size());
    for (std::size_t s = 0; s < reference.scalars.size(); ++s) {
      EXPECT_TRUE(same_value(stored.central_scalars[s], reference.scalars[s][0]))
          << stored.name << " " << reference.scalar_names[s];
    }
  }
}

// Fact: the synthetic scenario's workforce.entry_band = "30_34" reaches the writer with its
// labels (the age bands, "30_34" the second), every iteration's value indexing "30_34",
// and a distribution that names the label rather than its index.
TEST(CentralCase, ChoicesCarryTheirLabels) {
  const output::RunResults results = run(false, 5);
  const output::ParameterColumn* band = nullptr;
  for (const auto& column : results.parameters) {
    if (column.name == "workforce.entry_band") band = &column;
  }
  ASSERT_NE(band, nullptr);
  ASSERT_GE(band->choices.size(), 2u);
  EXPECT_EQ(band->choices[1], "30_34");
  for (const double value : band->values)
    EXPECT_EQ(band->choices.at(static_cast<std::size_t>(value)), "30_34");
  EXPECT_EQ(band->distribution, "fixed(value=\"30_34\")");
}

}  // namespace
}  // namespace pcsim::runner
