#include "output/option_writer.hpp"

#include <cmath>
#include <string>
#include <string_view>

#include "model/metrics.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/results_layout.hpp"
#include "output/statistics.hpp"

namespace pcsim::output {

namespace {

std::vector<std::string> statistic_names() {
  return {kStatisticNames.begin(), kStatisticNames.end()};
}

// Writes summary/<name>: float64 [rows x statistics], one row per column of `data`
// (row-major [iterations x rows]), with attributes statistics, n_nan and unit.
void write_summary(hid_t summary_group, const std::string& name, const std::string& unit,
                   const std::vector<double>& data, std::size_t iterations, std::size_t rows) {
  std::vector<double> table;
  table.reserve(rows * kStatisticCount);
  std::vector<std::int64_t> nan_counts;
  nan_counts.reserve(rows);
  for (std::size_t row = 0; row < rows; ++row) {
    const ColumnSummary column = summarise_strided(data, row, rows, iterations);
    table.insert(table.end(), column.values.begin(), column.values.end());
    nan_counts.push_back(column.n_nan);
  }
  h5::Dataset dataset =
      h5::write_plain_doubles(summary_group, name, {rows, kStatisticCount}, table);
  h5::write_string_array_attribute(dataset.get(), layout::kStatistics, statistic_names());
  h5::write_int64_array_attribute(dataset.get(), layout::kNanCount, nan_counts);
  h5::write_string_attribute(dataset.get(), layout::kUnit, unit);
}

// The metric table's line for `name` (model/metrics.hpp), written beside the numbers so a
// report of the file needs nothing else; "" for a name the table does not know.
std::string description_of(std::string_view name) {
  for (const auto& metric : model::kMetrics) {
    if (metric.name == name) return std::string(metric.description);
  }
  for (const auto& scalar : model::kScalarMetrics) {
    if (scalar.name == name) return std::string(scalar.description);
  }
  return "";
}

// summary/payback_year: the percentiles are over the iterations that pay back; the share
// of those iterations is P(payback within the horizon), stored beside them.
void write_payback_probability(hid_t summary_group, const std::vector<double>& values,
                               std::size_t iterations) {
  std::size_t paid_back = 0;
  for (const double value : values) paid_back += std::isnan(value) ? 0 : 1;
  const double share = iterations == 0
                           ? std::nan("")
                           : static_cast<double>(paid_back) / static_cast<double>(iterations);
  h5::Dataset summary = h5::open_dataset(summary_group, layout::kPaybackYear);
  h5::write_double_attribute(summary.get(), layout::kPPaybackWithinHorizon, share);
  h5::write_string_attribute(summary.get(), layout::kPercentilesOver,
                             "the iterations that pay back within the horizon");
}

// central/<metric> [years] and central/<scalar> (scalar datasets), each with its unit.
void write_central(hid_t option_group, const OptionResults& option, std::size_t years) {
  if (option.central_by_year.empty() && option.central_scalars.empty()) return;
  h5::Group central = h5::create_group(option_group, layout::kCentral);
  for (std::size_t m = 0; m < option.metric_names.size(); ++m) {
    h5::Dataset dataset = h5::write_plain_doubles(central.get(), option.metric_names[m], {years},
                                                  option.central_by_year[m]);
    h5::write_string_attribute(dataset.get(), layout::kUnit, option.metric_units[m]);
  }
  for (std::size_t s = 0; s < option.scalar_names.size(); ++s) {
    h5::Dataset dataset = h5::write_plain_doubles(central.get(), option.scalar_names[s], {},
                                                  {&option.central_scalars[s], 1});
    h5::write_string_attribute(dataset.get(), layout::kUnit,
                               option.scalar_units.empty() ? "" : option.scalar_units[s]);
  }
}

void write_metrics(hid_t option_group, hid_t summary_group, const OptionResults& option,
                   std::size_t iterations, std::size_t years) {
  for (std::size_t m = 0; m < option.metric_names.size(); ++m) {
    const std::string& name = option.metric_names[m];
    const std::string& unit = option.metric_units[m];
    // Written straight from the runner's array: no copy of the per-iteration values.
    h5::Dataset dataset =
        h5::write_compressed_doubles(option_group, name, {iterations, years}, option.by_year[m]);
    h5::write_string_attribute(dataset.get(), layout::kUnit, unit);
    h5::write_string_attribute(dataset.get(), layout::kDescription, description_of(name));
    write_summary(summary_group, name, unit, option.by_year[m], iterations, years);
  }
}

void write_scalars(hid_t option_group, hid_t summary_group, const OptionResults& option,
                   std::size_t iterations) {
  for (std::size_t s = 0; s < option.scalar_names.size(); ++s) {
    const std::string& name = option.scalar_names[s];
    const std::string unit = option.scalar_units.empty() ? "" : option.scalar_units[s];
    h5::Dataset dataset =
        h5::write_compressed_doubles(option_group, name, {iterations}, option.scalars[s]);
    h5::write_string_attribute(dataset.get(), layout::kUnit, unit);
    h5::write_string_attribute(dataset.get(), layout::kDescription, description_of(name));
    // One row: a scalar's iterations form a single column.
    write_summary(summary_group, name, unit, option.scalars[s], iterations, 1);
    if (name == layout::kPaybackYear) {
      write_payback_probability(summary_group, option.scalars[s], iterations);
    }
  }
}

// A choice's column as its labels, never as the index the model reads.
h5::Dataset write_choice_labels(hid_t group, const ParameterColumn& column) {
  std::vector<std::string> labels;
  labels.reserve(column.values.size());
  for (const double index : column.values) {
    labels.push_back(column.choices.at(static_cast<std::size_t>(index)));
  }
  h5::Dataset dataset = h5::write_compressed_labels(group, column.name, labels);
  h5::write_string_array_attribute(dataset.get(), layout::kChoices, column.choices);
  return dataset;
}

}  // namespace

void write_parameter_columns(hid_t group, const std::vector<ParameterColumn>& columns) {
  for (const auto& column : columns) {
    h5::Dataset dataset = column.choices.empty()
                              ? h5::write_compressed_doubles(group, column.name,
                                                             {column.values.size()}, column.values)
                              : write_choice_labels(group, column);
    h5::write_string_attribute(dataset.get(), layout::kDistribution, column.distribution);
    h5::write_string_attribute(dataset.get(), layout::kRationale, column.rationale);
    h5::write_string_attribute(dataset.get(), layout::kUnit, column.unit);
  }
}

h5::Group open_or_create_group(hid_t parent, const std::string& name) {
  return h5::has_link(parent, name) ? h5::open_group(parent, name) : h5::create_group(parent, name);
}

void write_option(hid_t options_group, const OptionResults& option, std::size_t iterations,
                  std::size_t years) {
  h5::Group group = open_or_create_group(options_group, option.name);
  h5::write_string_array_attribute(group.get(), layout::kMetricOrder, option.metric_names);
  h5::write_string_array_attribute(group.get(), layout::kScalarOrder, option.scalar_names);

  h5::Group summary = h5::create_group(group.get(), layout::kSummary);
  h5::write_strings(summary.get(), layout::kStatistics, statistic_names());
  write_metrics(group.get(), summary.get(), option, iterations, years);
  write_scalars(group.get(), summary.get(), option, iterations);
  write_central(group.get(), option, years);

  h5::Group parameters = h5::create_group(group.get(), layout::kParameters);
  write_parameter_columns(parameters.get(), option.parameters);
}

}  // namespace pcsim::output
