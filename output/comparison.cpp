#include "output/comparison.hpp"

#include "core/not_a_number.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace pcsim::output {

namespace {

// The position of `name` in `names`, or names.size() when absent.
std::size_t position_of(const std::vector<std::string>& names, std::string_view name) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

// The values of scalar `name` of `option`, or nullptr when it has none.
const std::vector<double>* find_scalar(const OptionResults& option, std::string_view name) {
  const std::size_t s = position_of(option.scalar_names, name);
  return s < option.scalars.size() ? &option.scalars[s] : nullptr;
}

// The [iterations x years] values of metric `name` of `option`, or nullptr.
const std::vector<double>* find_metric(const OptionResults& option, std::string_view name) {
  const std::size_t m = position_of(option.metric_names, name);
  return m < option.by_year.size() ? &option.by_year[m] : nullptr;
}

MetricComparison compare_values(const std::string& name, const std::string& unit,
                                const std::vector<double>& option,
                                const std::vector<double>& baseline, std::size_t iterations,
                                std::size_t rows) {
  MetricComparison result;
  result.name = name;
  result.unit = unit;
  result.better = better_direction(name);
  result.difference = paired_difference(option, baseline);
  if (result.difference.size() != iterations * rows) {
    throw std::invalid_argument("compare_with_baseline: '" + name + "' has " +
                                std::to_string(result.difference.size()) + " values, expected " +
                                std::to_string(iterations * rows));
  }
  for (std::size_t row = 0; row < rows; ++row) {
    result.summary.push_back(summarise_strided(result.difference, row, rows, iterations));
    result.p_beats_baseline.push_back(
        probability_beats(result.difference, row, rows, iterations, result.better));
  }
  return result;
}

// The NPVs of every option, or an empty list when some option has no npv scalar.
std::vector<const std::vector<double>*> npv_columns(const RunResults& results) {
  std::vector<const std::vector<double>*> columns;
  for (const auto& option : results.options) {
    const std::vector<double>* npv = find_scalar(option, "npv");
    if (npv == nullptr) return {};
    columns.push_back(npv);
  }
  return columns;
}

// True when every option has an NPV (not NaN) in iteration i.
bool complete(const std::vector<const std::vector<double>*>& npv, std::size_t i) {
  return std::none_of(npv.begin(), npv.end(), [i](const auto* c) { return std::isnan((*c)[i]); });
}

// P(best by NPV) and EVPI over the iterations in which every option has an NPV.
void best_and_evpi(const std::vector<const std::vector<double>*>& npv, std::size_t iterations,
                   OptionsOverview& overview) {
  const std::size_t options = npv.size();
  std::vector<double> best_share(options, 0.0);  // sum over iterations of 1/ties when best
  std::vector<double> npv_sum(options, 0.0);
  double max_sum = 0;
  std::size_t used = 0;
  for (std::size_t i = 0; i < iterations; ++i) {
    if (!complete(npv, i)) continue;
    ++used;
    double best = -std::numeric_limits<double>::infinity();
    for (std::size_t o = 0; o < options; ++o) {
      best = std::max(best, (*npv[o])[i]);
      npv_sum[o] += (*npv[o])[i];
    }
    max_sum += best;
    const auto ties = static_cast<double>(
        std::count_if(npv.begin(), npv.end(), [&](const auto* c) { return (*c)[i] == best; }));
    for (std::size_t o = 0; o < options; ++o) {
      if ((*npv[o])[i] == best) best_share[o] += 1.0 / ties;
    }
  }
  overview.p_best_npv.assign(options, kNaN);
  overview.evpi = kNaN;
  if (used == 0) return;
  const auto n = static_cast<double>(used);
  for (std::size_t o = 0; o < options; ++o) overview.p_best_npv[o] = best_share[o] / n;
  // EVPI = E[max_o NPV_o] - max_o E[NPV_o] (MODEL.md, the probability each option is best).
  const double best_expected = *std::max_element(npv_sum.begin(), npv_sum.end()) / n;
  overview.evpi = max_sum / n - best_expected;
}

// Share of iterations with overspend in at least one of `years` years.
double overspend_any_year(const std::vector<double>& overspend, std::size_t iterations,
                          std::size_t years) {
  if (iterations == 0) return kNaN;
  std::size_t count = 0;
  for (std::size_t i = 0; i < iterations; ++i) {
    const auto row = overspend.begin() + static_cast<std::ptrdiff_t>(i * years);
    if (std::any_of(row, row + static_cast<std::ptrdiff_t>(years),
                    [](double v) { return v > 0; })) {
      ++count;
    }
  }
  return static_cast<double>(count) / static_cast<double>(iterations);
}

}  // namespace

model::Better better_direction(std::string_view name) {
  for (std::size_t m = 0; m < model::kMetricCount; ++m) {
    if (model::kMetricNames[m] == name) return model::kMetricBetter[m];
  }
  for (std::size_t s = 0; s < model::kScalarMetricCount; ++s) {
    if (model::kScalarMetricNames[s] == name) return model::kScalarMetricBetter[s];
  }
  return model::Better::Neither;
}

std::string_view better_label(model::Better better) {
  switch (better) {
    case model::Better::Higher:
      return "higher";
    case model::Better::Lower:
      return "lower";
    case model::Better::Neither:
      return "neither";
  }
  return "neither";
}

std::vector<double> paired_difference(std::span<const double> option,
                                      std::span<const double> baseline) {
  if (option.size() != baseline.size()) {
    throw std::invalid_argument("paired_difference: the option and the baseline differ in length");
  }
  std::vector<double> difference(option.size());
  for (std::size_t k = 0; k < option.size(); ++k) difference[k] = option[k] - baseline[k];
  return difference;
}

double probability_beats(std::span<const double> data, std::size_t first, std::size_t stride,
                         std::size_t count, model::Better better) {
  if (better == model::Better::Neither) return kNaN;
  if (count > 0 && (stride == 0 || first + (count - 1) * stride >= data.size())) {
    throw std::out_of_range("probability_beats: column runs past the end of the data");
  }
  const double sign = better == model::Better::Higher ? 1.0 : -1.0;
  double wins = 0;  // a tie adds one half
  std::size_t defined = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const double d = data[first + k * stride];
    if (std::isnan(d)) continue;
    ++defined;
    if (sign * d > 0) {
      wins += 1.0;
    } else if (d == 0) {
      wins += 0.5;
    }
  }
  return defined == 0 ? kNaN : wins / static_cast<double>(defined);
}

OptionComparison compare_with_baseline(const OptionResults& option, const OptionResults& baseline,
                                       std::size_t iterations, std::size_t years) {
  OptionComparison result;
  result.name = option.name;
  for (std::size_t m = 0; m < option.metric_names.size(); ++m) {
    const std::string& name = option.metric_names[m];
    const std::vector<double>* base = find_metric(baseline, name);
    if (base == nullptr) continue;
    result.metrics.push_back(
        compare_values(name, option.metric_units[m], option.by_year[m], *base, iterations, years));
  }
  for (std::size_t s = 0; s < option.scalar_names.size(); ++s) {
    const std::string& name = option.scalar_names[s];
    const std::vector<double>* base = find_scalar(baseline, name);
    if (base == nullptr) continue;
    const std::string unit = option.scalar_units.empty() ? "" : option.scalar_units[s];
    result.scalars.push_back(compare_values(name, unit, option.scalars[s], *base, iterations, 1));
  }
  return result;
}

OptionsOverview overview_of_options(const RunResults& results) {
  const auto iterations = static_cast<std::size_t>(results.iterations);
  const std::size_t years = results.year_labels.size();
  OptionsOverview overview;
  for (const auto& option : results.options) {
    overview.names.push_back(option.name);
    const std::vector<double>* npv = find_scalar(option, "npv");
    overview.expected_npv.push_back(npv == nullptr ? kNaN : summarise(*npv).values[0]);
    const std::vector<double>* overspend = find_metric(option, "overspend");
    overview.p_overspend_any_year.push_back(
        overspend == nullptr ? kNaN : overspend_any_year(*overspend, iterations, years));
    const std::vector<double>* gap = find_metric(option, "appointments_gap");
    overview.expected_gap_last_year.push_back(
        gap == nullptr || years == 0
            ? kNaN
            : summarise_strided(*gap, years - 1, years, iterations).values[0]);
  }
  const auto npv = npv_columns(results);
  if (npv.empty()) {
    overview.p_best_npv.assign(results.options.size(), kNaN);
    overview.evpi = kNaN;
  } else {
    best_and_evpi(npv, iterations, overview);
  }
  return overview;
}

}  // namespace pcsim::output
