#include "runner/central_case.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

#include "core/errors.hpp"
#include "model/metrics.hpp"
#include "model/simulation_output.hpp"
#include "runner/option_evaluator.hpp"
#include "runner/parameter_draws.hpp"

namespace pcsim::runner {

void add_central_case(const scenarios::Scenario& scenario, output::RunResults& results) {
  constexpr double kUnwritten = std::numeric_limits<double>::quiet_NaN();
  if (results.options.size() != scenario.options.size()) {
    throw ModelError("the central case needs one result per option of the scenario");
  }
  const int years = static_cast<int>(results.year_labels.size());
  const auto h = static_cast<std::size_t>(years);
  for (std::size_t o = 0; o < scenario.options.size(); ++o) {
    output::OptionResults& option = results.options[o];
    if (option.metric_names.size() != model::kMetricCount ||
        option.scalar_names.size() != model::kScalarMetricCount) {
      throw ModelError("option '" + option.name + "' does not hold the metric table's figures");
    }
    // The central draw of `pcsim run --central`: no seed is used in central mode.
    ParameterDraws draws(scenario.options[o], 0, true, 1);
    model::ModelParameters parameters;
    draws.draw(0, parameters);
    std::vector<double> by_year(model::kMetricCount * h, kUnwritten);
    std::vector<double> scalars(model::kScalarMetricCount, kUnwritten);
    // The central case is computed by the plain reference (docs/model.md, Central case).
    OptionEvaluator(scenario.practices)
        .central(parameters, model::SimulationOutput{years, by_year, scalars});
    option.central_by_year.assign(model::kMetricCount, std::vector<double>(h));
    for (std::size_t m = 0; m < model::kMetricCount; ++m) {
      std::copy_n(by_year.begin() + static_cast<std::ptrdiff_t>(m * h), h,
                  option.central_by_year[m].begin());
    }
    option.central_scalars = scalars;
  }
}

}  // namespace pcsim::runner
