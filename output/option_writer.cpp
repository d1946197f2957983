#include "output/option_writer.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "model/metrics.hpp"
#include "output/compressed_datasets.hpp"
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

// One per-iteration array's summary: a row of statistics per column (row-major
// [rows x statistics]) and each column's NaN count.
struct SummaryToWrite {
  std::vector<double> table;
  std::vector<std::int64_t> nan_counts;
};

// The summary of `data` (row-major [iterations x rows]), one row per column.
SummaryToWrite summary_table(const std::vector<double>& data, std::size_t iterations,
                             std::size_t rows) {
  SummaryToWrite summary;
  summary.table.reserve(rows * kStatisticCount);
  summary.nan_counts.reserve(rows);
  for (std::size_t row = 0; row < rows; ++row) {
    const ColumnSummary column = summarise_strided(data, row, rows, iterations);
    summary.table.insert(summary.table.end(), column.values.begin(), column.values.end());
    summary.nan_counts.push_back(column.n_nan);
  }
  return summary;
}

// Every metric's summary, then every scalar's, each computed on its own (through
// `parallel`, so on the run's threads), in the option's order.
std::vector<SummaryToWrite> summary_tables(const OptionResults& option, std::size_t iterations,
                                           std::size_t years, const ParallelFor& parallel) {
  const std::size_t metrics = option.metric_names.size();
  std::vector<SummaryToWrite> tables(metrics + option.scalar_names.size());
  parallel(tables.size(), [&](std::size_t k) {
    tables[k] = k < metrics ? summary_table(option.by_year[k], iterations, years)
                            : summary_table(option.scalars[k - metrics], iterations, 1);
  });
  return tables;
}

// Writes summary/<name>: float64 [rows x statistics], with attributes statistics, n_nan
// and unit.
void write_summary(hid_t summary_group, const std::string& name, const std::string& unit,
                   const SummaryToWrite& summary) {
  const std::size_t rows = summary.nan_counts.size();
  h5::Dataset dataset =
      h5::write_plain_doubles(summary_group, name, {rows, kStatisticCount}, summary.table);
  h5::write_string_array_attribute(dataset.get(), layout::kStatistics, statistic_names());
  h5::write_int64_array_attribute(dataset.get(), layout::kNanCount, summary.nan_counts);
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

// Whether the option's investment is 0 in every iteration and year, and in the central case
// when it was run; nullopt when the option has no investment metric to tell.
std::optional<bool> invests_nothing(const OptionResults& option) {
  const auto at = std::find(option.metric_names.begin(), option.metric_names.end(),
                            model::info(model::Metric::Investment).name);
  if (at == option.metric_names.end()) return std::nullopt;
  const auto m = static_cast<std::size_t>(at - option.metric_names.begin());
  const auto zero = [](const std::vector<double>& values) {
    return std::all_of(values.begin(), values.end(), [](double v) { return v == 0; });
  };
  return zero(option.by_year[m]) &&
         (option.central_by_year.empty() || zero(option.central_by_year[m]));
}

// summary/payback_year: the percentiles are over the iterations that pay back; the share
// of those iterations is P(payback within the horizon), stored beside them. An option that
// invests nothing has nothing to pay back: the share is NaN (undefined, as its roi is), not
// 0, which would read as "never pays back", and invests_nothing says why.
void write_payback_probability(hid_t summary_group, const OptionResults& option,
                               const std::vector<double>& values, std::size_t iterations) {
  const std::optional<bool> nothing = invests_nothing(option);
  std::size_t paid_back = 0;
  for (const double value : values) paid_back += std::isnan(value) ? 0 : 1;
  const double share = iterations == 0 || nothing.value_or(false)
                           ? std::nan("")
                           : static_cast<double>(paid_back) / static_cast<double>(iterations);
  h5::Dataset summary = h5::open_dataset(summary_group, layout::kPaybackYear);
  h5::write_double_attribute(summary.get(), layout::kPPaybackWithinHorizon, share);
  if (nothing) {
    h5::write_int32_attribute(summary.get(), layout::kInvestsNothing, *nothing ? 1 : 0);
  }
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

// The per-iteration metrics [iterations x years] and scalars [iterations] with their
// summaries. The datasets' chunks are compressed through `parallel` when all are queued.
void write_metrics_and_scalars(hid_t option_group, hid_t summary_group, const OptionResults& option,
                               std::size_t iterations, std::size_t years,
                               const ParallelFor& parallel) {
  const std::vector<SummaryToWrite> summaries = summary_tables(option, iterations, years, parallel);
  // Written straight from the runner's arrays: no copy of the per-iteration values.
  h5::CompressedDatasets datasets(parallel, h5::DeflateSearch::runs);
  for (std::size_t m = 0; m < option.metric_names.size(); ++m) {
    const std::string& name = option.metric_names[m];
    const std::string& unit = option.metric_units[m];
    const hid_t dataset = datasets.add(option_group, name, {iterations, years}, option.by_year[m]);
    h5::write_string_attribute(dataset, layout::kUnit, unit);
    h5::write_string_attribute(dataset, layout::kDescription, description_of(name));
    write_summary(summary_group, name, unit, summaries[m]);
  }
  for (std::size_t s = 0; s < option.scalar_names.size(); ++s) {
    const std::string& name = option.scalar_names[s];
    const std::string unit = option.scalar_units.empty() ? "" : option.scalar_units[s];
    const hid_t dataset = datasets.add(option_group, name, {iterations}, option.scalars[s]);
    h5::write_string_attribute(dataset, layout::kUnit, unit);
    h5::write_string_attribute(dataset, layout::kDescription, description_of(name));
    // One row: a scalar's iterations form a single column.
    write_summary(summary_group, name, unit, summaries[option.metric_names.size() + s]);
    if (name == layout::kPaybackYear) {
      write_payback_probability(summary_group, option, option.scalars[s], iterations);
    }
  }
  datasets.write_queued();
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
                  std::size_t years, const ParallelFor& parallel) {
  h5::Group group = open_or_create_group(options_group, option.name);
  h5::write_string_array_attribute(group.get(), layout::kMetricOrder, option.metric_names);
  h5::write_string_array_attribute(group.get(), layout::kScalarOrder, option.scalar_names);

  h5::Group summary = h5::create_group(group.get(), layout::kSummary);
  h5::write_strings(summary.get(), layout::kStatistics, statistic_names());
  write_metrics_and_scalars(group.get(), summary.get(), option, iterations, years, parallel);
  write_central(group.get(), option, years);

  h5::Group parameters = h5::create_group(group.get(), layout::kParameters);
  write_parameter_columns(parameters.get(), option.parameters);
}

}  // namespace pcsim::output
