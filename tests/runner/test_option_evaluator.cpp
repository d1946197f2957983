// The one evaluator every command runs the model through (runner/option_evaluator.hpp).
// Its central() is the plain reference with every event at its expectation and its
// iteration() the engine with iteration i's keyed events; what it adds is a workspace
// kept between runs, so the facts here are that keeping it changes nothing: a run gives
// the same figures, bit for bit, whatever the evaluator ran before, and the same as an
// evaluator made for it alone.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <vector>

#include "model/metrics.hpp"
#include "runner/option_evaluator.hpp"
#include "runner/parameter_draws.hpp"
#include "scenarios/scenario.hpp"
#include "shipped_scenarios.hpp"

namespace pcsim::runner {
namespace {

using fixtures::synthetic;

struct Figures {
  explicit Figures(int years)
      : years(years),
        by_year(model::kMetricCount * static_cast<std::size_t>(years)),
        scalars(model::kScalarMetricCount) {}
  model::SimulationOutput out() { return {years, by_year, scalars}; }
  bool operator==(const Figures& o) const {
    return by_year.size() == o.by_year.size() &&
           std::memcmp(by_year.data(), o.by_year.data(), by_year.size() * sizeof(double)) == 0 &&
           std::memcmp(scalars.data(), o.scalars.data(), scalars.size() * sizeof(double)) == 0;
  }
  int years;
  std::vector<double> by_year, scalars;
};

model::ModelParameters drawn(std::int64_t iteration) {
  ParameterDraws draws(synthetic().options.front(), 17, false, iteration + 1);
  model::ModelParameters params;
  draws.draw(iteration, params);
  return params;
}

// Fact: iteration 3 run after iterations 9 and 5 on one evaluator (its workspace holding
// their state) equals iteration 3 on a fresh evaluator; and two different iterations
// differ (so the comparison can fail).
TEST(OptionEvaluator, AKeptWorkspaceChangesNoFigure) {
  const auto& practices = synthetic().practices;
  const int years = synthetic().options.front().central.horizon_years;
  OptionEvaluator reused(practices);
  Figures scratch(years);
  reused.iteration(drawn(9), 17, 9, scratch.out());
  reused.iteration(drawn(5), 17, 5, scratch.out());
  Figures after(years);
  reused.iteration(drawn(3), 17, 3, after.out());

  OptionEvaluator fresh(practices);
  Figures alone(years);
  fresh.iteration(drawn(3), 17, 3, alone.out());
  EXPECT_TRUE(after == alone);
  EXPECT_FALSE(scratch == alone);
}

// Fact: the central run is the same before and after stochastic runs on one evaluator,
// and differs from a stochastic iteration of the same parameters.
TEST(OptionEvaluator, TheCentralRunIsIndependentOfEarlierIterations) {
  const auto& practices = synthetic().practices;
  const int years = synthetic().options.front().central.horizon_years;
  const model::ModelParameters central = synthetic().options.front().central;
  OptionEvaluator model(practices);
  Figures first(years), later(years), stochastic(years);
  model.central(central, first.out());
  model.iteration(central, 17, 0, stochastic.out());
  model.central(central, later.out());
  EXPECT_TRUE(first == later);
  EXPECT_FALSE(first == stochastic);
}

}  // namespace
}  // namespace pcsim::runner
