#include "output/comparison_writer.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "output/comparison.hpp"
#include "output/comparison_layout.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/results_layout.hpp"
#include "output/statistics.hpp"

namespace pcsim::output {

namespace {

std::vector<std::string> names_of(const std::vector<MetricComparison>& metrics) {
  std::vector<std::string> names;
  for (const auto& metric : metrics) names.push_back(metric.name);
  return names;
}

std::vector<std::string> directions_of(const std::vector<MetricComparison>& metrics) {
  std::vector<std::string> labels;
  for (const auto& metric : metrics) labels.emplace_back(better_label(metric.better));
  return labels;
}

// summary/<name>: float64 [rows x statistics] with attributes statistics, n_nan and unit,
// as under /options/<option>/summary.
void write_summary(hid_t summary_group, const MetricComparison& metric) {
  std::vector<double> table;
  std::vector<std::int64_t> nan_counts;
  for (const ColumnSummary& row : metric.summary) {
    table.insert(table.end(), row.values.begin(), row.values.end());
    nan_counts.push_back(row.n_nan);
  }
  h5::Dataset dataset = h5::write_plain_doubles(summary_group, metric.name,
                                                {metric.summary.size(), kStatisticCount}, table);
  h5::write_string_array_attribute(dataset.get(), layout::kStatistics,
                                   {kStatisticNames.begin(), kStatisticNames.end()});
  h5::write_int64_array_attribute(dataset.get(), layout::kNanCount, nan_counts);
  h5::write_string_attribute(dataset.get(), layout::kUnit, metric.unit);
}

// <name>: the paired differences, [iterations x years] or [iterations], and its summary.
void write_differences(hid_t group, hid_t summary_group,
                       const std::vector<MetricComparison>& metrics,
                       const std::vector<hsize_t>& dims) {
  for (const auto& metric : metrics) {
    h5::Dataset dataset = h5::write_compressed_doubles(group, metric.name, dims, metric.difference);
    h5::write_string_attribute(dataset.get(), layout::kUnit, metric.unit);
    h5::write_string_attribute(dataset.get(), layout::kBetter,
                               std::string(better_label(metric.better)));
    write_summary(summary_group, metric);
  }
}

// P(beats baseline): [names x rows], with the names and directions beside it.
void write_probabilities(hid_t group, const char* dataset_name, const char* names_attribute,
                         const std::vector<MetricComparison>& metrics,
                         const std::vector<hsize_t>& dims) {
  std::vector<double> values;
  for (const auto& metric : metrics) {
    values.insert(values.end(), metric.p_beats_baseline.begin(), metric.p_beats_baseline.end());
  }
  h5::Dataset dataset = h5::write_plain_doubles(group, dataset_name, dims, values);
  h5::write_string_array_attribute(dataset.get(), names_attribute, names_of(metrics));
  h5::write_string_array_attribute(dataset.get(), layout::kBetter, directions_of(metrics));
  h5::write_string_attribute(dataset.get(), layout::kUnit, "probability");
}

void write_option_comparison(hid_t comparison_group, const OptionComparison& option,
                             std::size_t iterations, std::size_t years) {
  h5::Group group = h5::create_group(comparison_group, option.name);
  h5::write_string_array_attribute(group.get(), layout::kMetricOrder, names_of(option.metrics));
  h5::write_string_array_attribute(group.get(), layout::kScalarOrder, names_of(option.scalars));
  h5::Group summary = h5::create_group(group.get(), layout::kSummary);
  h5::write_strings(summary.get(), layout::kStatistics,
                    {kStatisticNames.begin(), kStatisticNames.end()});
  write_differences(group.get(), summary.get(), option.metrics, {iterations, years});
  write_differences(group.get(), summary.get(), option.scalars, {iterations});
  write_probabilities(group.get(), layout::kPBeatsBaseline, layout::kMetricNames, option.metrics,
                      {option.metrics.size(), years});
  write_probabilities(group.get(), layout::kPBeatsBaselineScalars, layout::kScalarNames,
                      option.scalars, {option.scalars.size()});
}

// One value per option, with the option names beside them.
void write_per_option(hid_t group, const char* name, const std::vector<double>& values,
                      const std::vector<std::string>& options, const std::string& unit) {
  h5::Dataset dataset = h5::write_plain_doubles(group, name, {values.size()}, values);
  h5::write_string_array_attribute(dataset.get(), layout::kOptionNames, options);
  h5::write_string_attribute(dataset.get(), layout::kUnit, unit);
}

void write_overview(hid_t group, const OptionsOverview& overview) {
  const auto& names = overview.names;
  write_per_option(group, layout::kPBestNpv, overview.p_best_npv, names, "probability");
  write_per_option(group, layout::kExpectedNpv, overview.expected_npv, names, "GBP");
  write_per_option(group, layout::kPOverspendAnyYear, overview.p_overspend_any_year, names,
                   "probability");
  write_per_option(group, layout::kExpectedGapLastYear, overview.expected_gap_last_year, names,
                   "appointments");
  h5::Dataset evpi = h5::write_plain_doubles(group, layout::kEvpi, {}, {&overview.evpi, 1});
  h5::write_string_attribute(evpi.get(), layout::kUnit, "GBP");
}

// Refuses option names that would collide with /comparison's own datasets.
void check_option_names(const RunResults& results) {
  for (const auto& option : results.options) {
    const auto& items = layout::kComparisonRunItems;
    if (std::find(items.begin(), items.end(), option.name) != items.end()) {
      throw OutputError("cannot write the comparison of options: an option may not be named '" +
                        option.name + "' (a name /comparison uses for its own results)");
    }
  }
}

}  // namespace

void write_comparison(hid_t root, const RunResults& results) {
  if (results.options.size() < 2) return;
  check_option_names(results);
  const auto iterations = static_cast<std::size_t>(results.iterations);
  const std::size_t years = results.year_labels.size();
  const OptionResults& baseline = results.options.front();

  h5::Group group = h5::create_group(root, layout::kComparison);
  h5::write_string_attribute(group.get(), layout::kBaseline, baseline.name);
  std::vector<std::string> order;
  for (const auto& option : results.options) order.push_back(option.name);
  h5::write_string_array_attribute(group.get(), layout::kOptionOrder, order);
  write_overview(group.get(), overview_of_options(results));
  // One option at a time, so at most one option's differences are held in memory.
  for (std::size_t o = 1; o < results.options.size(); ++o) {
    write_option_comparison(group.get(),
                            compare_with_baseline(results.options[o], baseline, iterations, years),
                            iterations, years);
  }
}

}  // namespace pcsim::output
