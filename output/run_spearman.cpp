#include "output/run_spearman.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "output/spearman.hpp"

namespace pcsim::output {

namespace {

bool constant(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(), [&](double v) { return v == values.front(); });
}

bool any_nan(std::span<const double> values) {
  return std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); });
}

// Spearman's rho of a parameter (ranks precomputed and centred) with one output series.
// With no NaN in either, rho is Pearson's r of the two rank series; otherwise (ranks left
// empty) the pairs are filtered first, which spearman() does itself.
double rho(const ParameterColumn& parameter, const CentredSeries& parameter_ranks,
           std::span<const double> output, const CentredSeries& output_ranks) {
  if (output_ranks.deviations.empty() || parameter_ranks.deviations.empty())
    return spearman(parameter.values, output);
  return pearson(parameter_ranks, output_ranks);
}

// The centred average ranks of a series without NaN; empty for a series with one.
CentredSeries centred_ranks(std::span<const double> values) {
  return any_nan(values) ? CentredSeries{} : centred(average_ranks(values));
}

}  // namespace

std::vector<const ParameterColumn*> varying_parameters(const RunResults& results,
                                                       const OptionResults& option) {
  std::vector<const ParameterColumn*> list;
  for (const auto& column : results.parameters) {
    const auto own = std::find_if(option.parameters.begin(), option.parameters.end(),
                                  [&](const ParameterColumn& c) { return c.name == column.name; });
    const ParameterColumn* chosen = own != option.parameters.end() ? &*own : &column;
    if (!chosen->values.empty() && !constant(chosen->values)) list.push_back(chosen);
  }
  for (const auto& column : option.parameters) {
    const bool in_baseline =
        std::any_of(results.parameters.begin(), results.parameters.end(),
                    [&](const ParameterColumn& c) { return c.name == column.name; });
    if (!in_baseline && !column.values.empty() && !constant(column.values)) list.push_back(&column);
  }
  return list;
}

OptionSpearman run_spearman(const RunResults& results, const OptionResults& option,
                            const ParallelFor& parallel) {
  OptionSpearman out;
  out.option = option.name;
  const auto parameters = varying_parameters(results, option);
  for (const auto* p : parameters) out.parameters.push_back(p->name);
  std::vector<CentredSeries> parameter_ranks(parameters.size());
  parallel(parameters.size(),
           [&](std::size_t k) { parameter_ranks[k] = centred_ranks(parameters[k]->values); });

  const auto n = static_cast<std::size_t>(results.iterations);
  const std::size_t years = results.year_labels.size();
  const std::size_t metrics = option.metric_names.size();
  for (std::size_t m = 0; m < metrics; ++m) {
    out.outputs.push_back(option.metric_names[m]);
    out.columns.push_back(years);
    out.rho.emplace_back(parameters.size() * years);
  }
  for (std::size_t s = 0; s < option.scalar_names.size(); ++s) {
    out.outputs.push_back(option.scalar_names[s]);
    out.columns.push_back(1);
    out.rho.emplace_back(parameters.size());
  }
  // One output series (a metric's year, or a scalar) per index: its rho with every
  // parameter into its own cells of the row-major [parameter][column] table.
  parallel(metrics * years + option.scalar_names.size(), [&](std::size_t index) {
    std::vector<double> gathered;
    std::span<const double> series;
    std::size_t output = 0, column = 0;
    if (index < metrics * years) {
      output = index / years;
      column = index % years;
      gathered.resize(n);
      for (std::size_t i = 0; i < n; ++i) gathered[i] = option.by_year[output][i * years + column];
      series = gathered;
    } else {
      output = metrics + (index - metrics * years);
      series = option.scalars[output - metrics];
    }
    const CentredSeries ranks = centred_ranks(series);
    const std::size_t columns = out.columns[output];
    for (std::size_t k = 0; k < parameters.size(); ++k)
      out.rho[output][k * columns + column] =
          rho(*parameters[k], parameter_ranks[k], series, ranks);
  });
  return out;
}

}  // namespace pcsim::output
