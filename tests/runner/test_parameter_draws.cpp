// Parameter draws of one iteration (runner/parameter_draws.hpp): fixed settings stay as the
// scenario gave them, uncertain ones follow their distribution, and iteration i of every
// option draws the same value (common random numbers).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "model/distribution.hpp"
#include "model/parameter_registry.hpp"
#include "random/philox_events.hpp"
#include "runner/parameter_draws.hpp"

namespace pcsim::runner {
// The keyed random streams (random/philox_events.hpp).
using namespace pcsim::random;
namespace {

scenarios::ParameterEntry entry(const std::string& path, model::Distribution distribution,
                                int line) {
  scenarios::ParameterEntry e;
  e.path = path;
  e.spec = model::find_parameter_spec(path);
  EXPECT_NE(e.spec, nullptr) << path;
  e.distribution = std::move(distribution);
  e.line = line;
  return e;
}

constexpr std::uint64_t kSeed = 20240601;

// A fixed entry keeps the value the option's central parameters hold, in every iteration,
// and a parameter the scenario does not mention keeps its central value too.
TEST(ParameterDraws, FixedEntriesAndUnmentionedParametersAreUnchanged) {
  scenarios::OptionSpec option;
  option.name = "baseline";
  option.central.population.list_growth = 0.0125;
  option.central.population.self_care_share = 0.37;  // not an entry
  option.parameters.push_back(
      entry("population.list_growth", model::Distribution::fixed(0.0125), 10));
  option.parameters.push_back(
      entry("population.gp_share", model::Distribution::uniform(0.4, 0.6), 11));
  ParameterDraws draws(option, kSeed, false, 50);
  model::ModelParameters params;
  for (std::int64_t i = 0; i < 50; ++i) {
    draws.draw(i, params);
    EXPECT_EQ(params.population.list_growth, 0.0125);
    EXPECT_EQ(params.population.self_care_share, 0.37);
    EXPECT_GE(params.population.gp_share, 0.4);
    EXPECT_LE(params.population.gp_share, 0.6);
  }
  // The fixed entry's column records the constant; the uncertain one what was drawn.
  ASSERT_EQ(draws.columns().size(), 2u);
  for (double v : draws.columns()[0].values) EXPECT_EQ(v, 0.0125);
  EXPECT_EQ(draws.columns()[1].name, "population.gp_share");
  EXPECT_EQ(draws.columns()[1].values[49], params.population.gp_share);
}

// The uniform(a, b) quantile is a + u (b - a) (closed form), with u the parameter's own
// Philox uniform: the draw depends only on (seed, iteration, name), so two options that
// differ in every other respect (other parameters, order of entries, option name) see
// the same value of this parameter in the same iteration.
TEST(ParameterDraws, SameIterationSameValueAcrossOptions) {
  const auto growth = [] {
    return entry("population.list_growth", model::Distribution::uniform(0.0, 0.02), 20);
  };
  scenarios::OptionSpec a;
  a.name = "baseline";
  a.parameters.push_back(growth());
  a.parameters.push_back(entry("population.gp_share", model::Distribution::uniform(0.4, 0.6), 21));
  scenarios::OptionSpec b;
  b.name = "invest";
  b.central.population.consultations_per_patient = 6.1;
  b.parameters.push_back(entry("capacity.ae_cost", model::Distribution::pert(100, 148, 200), 40));
  b.parameters.push_back(growth());

  ParameterDraws draws_a(a, kSeed, false, 200);
  ParameterDraws draws_b(b, kSeed, false, 200);
  model::ModelParameters pa, pb;
  int differing_from_previous = 0;
  double previous = -1;
  for (std::int64_t i = 0; i < 200; ++i) {
    draws_a.draw(i, pa);
    draws_b.draw(i, pb);
    EXPECT_EQ(pa.population.list_growth, pb.population.list_growth) << "iteration " << i;
    const double u =
        parameter_uniform(kSeed, static_cast<std::uint32_t>(i), "population.list_growth");
    EXPECT_NEAR(pa.population.list_growth, 0.02 * u, 1e-15);
    if (pa.population.list_growth != previous) ++differing_from_previous;
    previous = pa.population.list_growth;
  }
  // Iterations draw afresh: consecutive values are (almost surely) all different.
  EXPECT_EQ(differing_from_previous, 200);
}

// Central mode sets every uncertain entry to its distribution's central value: the mode
// of a PERT or triangular, the mean of a uniform or normal (MODEL.md, Shape of a run).
TEST(ParameterDraws, CentralModeUsesCentralValues) {
  scenarios::OptionSpec option;
  option.name = "baseline";
  option.parameters.push_back(
      entry("capacity.ae_cost", model::Distribution::pert(100, 148, 200), 1));
  option.parameters.push_back(
      entry("population.gp_share", model::Distribution::uniform(0.4, 0.6), 2));
  option.parameters.push_back(
      entry("population.list_growth", model::Distribution::triangular(0.0, 0.006, 0.012), 3));
  option.parameters.push_back(
      entry("population.consultations_per_patient", model::Distribution::normal(5.2, 0.3), 4));
  ParameterDraws draws(option, kSeed, true, 1);
  model::ModelParameters params;
  draws.draw(0, params);
  EXPECT_DOUBLE_EQ(params.capacity.ae_cost, 148.0);                    // PERT mode
  EXPECT_DOUBLE_EQ(params.population.gp_share, 0.5);                   // (0.4 + 0.6) / 2
  EXPECT_DOUBLE_EQ(params.population.list_growth, 0.006);              // triangular mode
  EXPECT_DOUBLE_EQ(params.population.consultations_per_patient, 5.2);  // normal mean
  EXPECT_DOUBLE_EQ(draws.columns()[0].values[0], 148.0);
}

// Over 20,000 iterations a uniform(0, 1) parameter has mean 1/2 and variance 1/12; the
// sample mean lies within 4 standard errors, SE = sqrt(1/12 / 20000) = 0.00204, and the
// sample variance within 4 of its standard errors, SE = sqrt((1/80 - 1/144) / 20000)
// = 0.000527 (fourth central moment of U(0,1) is 1/80).
TEST(ParameterDraws, ValuesFollowTheDistribution) {
  constexpr std::int64_t n = 20000;
  scenarios::OptionSpec option;
  option.name = "baseline";
  option.parameters.push_back(
      entry("population.gp_share", model::Distribution::uniform(0.0, 1.0), 1));
  ParameterDraws draws(option, kSeed, false, n);
  model::ModelParameters params;
  double sum = 0, sum_sq = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    draws.draw(i, params);
    sum += params.population.gp_share;
    sum_sq += params.population.gp_share * params.population.gp_share;
  }
  const double mean = sum / n;
  const double variance = sum_sq / n - mean * mean;
  EXPECT_NEAR(mean, 0.5, 4 * std::sqrt(1.0 / 12.0 / n));
  EXPECT_NEAR(variance, 1.0 / 12.0, 4 * std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / n));
}

// An option's own setting is one set on a different line (or of a path the baseline does
// not set); an entry copied from the baseline has the same path and line.
TEST(ParameterDraws, OverridesAreTheOptionsOwnSettings) {
  scenarios::OptionSpec baseline;
  baseline.parameters.push_back(
      entry("population.gp_share", model::Distribution::uniform(0.4, 0.6), 12));
  const auto inherited = entry("population.gp_share", model::Distribution::uniform(0.4, 0.6), 12);
  const auto replaced = entry("population.gp_share", model::Distribution::fixed(0.5), 40);
  const auto added = entry("capacity.ae_cost", model::Distribution::fixed(150), 41);
  EXPECT_FALSE(overrides_baseline(inherited, baseline));
  EXPECT_TRUE(overrides_baseline(replaced, baseline));
  EXPECT_TRUE(overrides_baseline(added, baseline));
}

}  // namespace
}  // namespace pcsim::runner
