#include "output/summary_reader.hpp"

#include <algorithm>
#include <cmath>

#include "core/errors.hpp"
#include "output/comparison_layout.hpp"
#include "output/comparison_reader.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/provenance_attributes.hpp"
#include "output/results_layout.hpp"
#include "output/results_open.hpp"
#include "output/summary_reader_root.hpp"
#include "output/warnings_reader.hpp"

namespace pcsim::output {

namespace {

SummaryTable read_table(hid_t summary_group, const std::string& name, bool per_year) {
  SummaryTable table;
  table.name = name;
  table.per_year = per_year;
  h5::DoubleArray array = h5::read_doubles(summary_group, name);
  h5::Dataset dataset = h5::open_dataset(summary_group, name);
  table.statistics = h5::read_string_array_attribute(dataset.get(), layout::kStatistics);
  table.n_nan = h5::read_int64_array_attribute(dataset.get(), layout::kNanCount);
  table.unit = h5::read_string_attribute(dataset.get(), layout::kUnit);
  if (array.dims.size() != 2 || array.dims[0] != table.n_nan.size() ||
      array.dims[1] != table.statistics.size()) {
    throw OutputError("summary '" + name + "' does not match its statistics and n_nan");
  }
  table.values = std::move(array.values);
  return table;
}

// central/<name>: [years] for a metric, a scalar dataset for a scalar.
void read_central(hid_t central_group, SummaryTable& table) {
  if (!h5::has_link(central_group, table.name)) return;
  h5::DoubleArray array = h5::read_doubles(central_group, table.name);
  if (array.values.size() != table.rows()) {
    throw OutputError("central '" + table.name + "' has " + std::to_string(array.values.size()) +
                      " values for " + std::to_string(table.rows()) + " rows");
  }
  table.central = std::move(array.values);
}

void read_description(hid_t group, SummaryTable& table) {
  if (!h5::has_link(group, table.name)) return;
  h5::Dataset dataset = h5::open_dataset(group, table.name);
  if (h5::has_attribute(dataset.get(), layout::kDescription)) {
    table.description = h5::read_string_attribute(dataset.get(), layout::kDescription);
  }
}

// The summaries of one group laid out as /options/<o> (or /comparison/<o>).
OptionSummary read_option(hid_t parent, const std::string& name, std::size_t years) {
  OptionSummary option;
  option.name = name;
  h5::Group group = h5::open_group(parent, name);
  h5::Group summary = h5::open_group(group.get(), layout::kSummary);
  for (const auto& metric : h5::read_string_array_attribute(group.get(), layout::kMetricOrder)) {
    option.metrics.push_back(read_table(summary.get(), metric, true));
    if (option.metrics.back().rows() != years) {
      throw OutputError("summary '" + metric + "' of '" + name + "' has " +
                        std::to_string(option.metrics.back().rows()) + " rows for " +
                        std::to_string(years) + " years");
    }
  }
  for (const auto& scalar : h5::read_string_array_attribute(group.get(), layout::kScalarOrder)) {
    option.scalars.push_back(read_table(summary.get(), scalar, false));
    if (scalar != layout::kPaybackYear) continue;
    h5::Dataset payback = h5::open_dataset(summary.get(), scalar);
    if (h5::has_attribute(payback.get(), layout::kPPaybackWithinHorizon)) {
      option.p_payback_within_horizon =
          h5::read_double_attribute(payback.get(), layout::kPPaybackWithinHorizon);
    }
    if (h5::has_attribute(payback.get(), layout::kInvestsNothing)) {
      option.invests_nothing =
          h5::read_int64_attribute(payback.get(), layout::kInvestsNothing) != 0;
    }
  }
  const bool central = h5::has_link(group.get(), layout::kCentral);
  h5::Group central_group;
  if (central) central_group = h5::open_group(group.get(), layout::kCentral);
  for (auto* list : {&option.metrics, &option.scalars}) {
    for (auto& table : *list) {
      if (central) read_central(central_group.get(), table);
      read_description(group.get(), table);
    }
  }
  return option;
}

// P(option beats the baseline) of the NPV, from p_beats_baseline_scalars.
double p_npv_beats_baseline(hid_t comparison_option) {
  if (!h5::has_link(comparison_option, layout::kPBeatsBaselineScalars)) return std::nan("");
  h5::Dataset dataset = h5::open_dataset(comparison_option, layout::kPBeatsBaselineScalars);
  const auto names = h5::read_string_array_attribute(dataset.get(), layout::kScalarNames);
  const auto values = h5::read_doubles(comparison_option, layout::kPBeatsBaselineScalars).values;
  for (std::size_t k = 0; k < names.size() && k < values.size(); ++k) {
    if (names[k] == "npv") return values[k];
  }
  return std::nan("");
}

// The rate `name` of the parameter group `group` (/parameters or /options/<o>/parameters),
// or `otherwise` when the group does not hold it.
RateInRun rate_of(hid_t group, std::string_view name, const RateInRun& otherwise) {
  const std::string link(name);
  if (!h5::has_link(group, link)) return otherwise;
  return rate_in_run(h5::read_doubles(group, link).values);
}

bool same_rate(const RateInRun& a, const RateInRun& b) {
  return a.varies == b.varies &&
         (a.value == b.value || (std::isnan(a.value) && std::isnan(b.value)));
}

void read_price_bases(hid_t root, ResultsSummary& summary) {
  if (h5::has_link(root, layout::kParameters)) {
    h5::Group parameters = h5::open_group(root, layout::kParameters);
    summary.price_basis.inflation = rate_of(parameters.get(), kInflationParameter, {});
    summary.price_basis.discount_rate = rate_of(parameters.get(), kDiscountRateParameter, {});
  }
  h5::Group options = h5::open_group(root, layout::kOptions);
  for (const auto& option : summary.options) {
    h5::Group group = h5::open_group(options.get(), option.name);
    if (!h5::has_link(group.get(), layout::kParameters)) continue;
    h5::Group own = h5::open_group(group.get(), layout::kParameters);
    const PriceBasis& base = summary.price_basis;
    const PriceBasis basis{rate_of(own.get(), kInflationParameter, base.inflation),
                           rate_of(own.get(), kDiscountRateParameter, base.discount_rate)};
    if (!same_rate(basis.inflation, base.inflation) ||
        !same_rate(basis.discount_rate, base.discount_rate)) {
      summary.option_price_bases.emplace_back(option.name, basis);
    }
  }
}

void read_differences(hid_t root, ComparisonSummary& comparison, std::size_t years) {
  h5::Group group = h5::open_group(root, layout::kComparison);
  for (std::size_t o = 1; o < comparison.options.size(); ++o) {
    comparison.differences.push_back(read_option(group.get(), comparison.options[o], years));
    h5::Group option = h5::open_group(group.get(), comparison.options[o]);
    comparison.p_npv_beats_baseline.push_back(p_npv_beats_baseline(option.get()));
  }
}

std::string shape(const std::vector<hsize_t>& dims) {
  std::string text = "[";
  for (std::size_t k = 0; k < dims.size(); ++k) {
    text += (k ? " x " : "") + std::to_string(dims[k]);
  }
  return text + "]";
}

// The root attribute `iterations` against the datasets it describes, before anything is
// read by it (export --csv writes one row per iteration it says): every option's metrics
// [iterations x years] and scalars [iterations], each present and floating point, and the
// parameter draws [iterations]. A
// file of an older pcsim has no checksum record to vouch for it, and a wrong count would
// write without end or reshape the figures silently.
void check_iteration_shapes(hid_t root, const ResultsSummary& summary) {
  constexpr std::int64_t kMaxIterations = 4294967295LL;
  const std::int64_t iterations = summary.provenance.iterations;
  if (iterations < 1 || iterations > kMaxIterations) {
    throw OutputError("the root attribute 'iterations' is " + std::to_string(iterations) +
                      "; expected 1 to 4294967295");
  }
  const auto n = static_cast<hsize_t>(iterations);
  const hsize_t years = summary.years.size();
  // `figures`: an option's metric or scalar, listed by its metric_order or scalar_order,
  // whose per-iteration values the summary was made from and export writes: it must be
  // there and hold floating-point numbers (export failed on it, "cannot open dataset
  // 'npv'", while summary and report read the file without a word).
  const auto expect = [&](hid_t group, const std::string& path, const std::string& name,
                          const std::vector<hsize_t>& wanted, const char* what, bool figures) {
    const auto expected = [&] {
      return std::string("expected ") + what + " = " + shape(wanted) +
             " of floating-point numbers (root attribute iterations = " +
             std::to_string(iterations) + ", " + std::to_string(years) + " years)";
    };
    if (!h5::has_link(group, name)) {
      if (!figures) return;
      throw OutputError("dataset '" + path + name + "' is missing; " + expected());
    }
    h5::Dataset dataset = h5::open_dataset(group, name);
    if (figures) {
      h5::Datatype type(H5Dget_type(dataset.get()), "cannot read dataset '" + path + name + "'");
      if (const H5T_class_t kind = H5Tget_class(type.get()); kind != H5T_FLOAT) {
        const char* held = kind == H5T_INTEGER  ? "integers"
                           : kind == H5T_STRING ? "text"
                                                : "values of another type";
        throw OutputError("dataset '" + path + name + "' holds " + held +
                          ", not floating-point numbers; " + expected());
      }
    }
    const std::vector<hsize_t> dims = h5::dataset_dims(dataset.get());
    if (dims != wanted) {
      throw OutputError("dataset '" + path + name + "' is " + shape(dims) + ", expected " + what +
                        " = " + shape(wanted) + " (root attribute iterations = " +
                        std::to_string(iterations) + ", " + std::to_string(years) + " years)");
    }
  };
  h5::Group options = h5::open_group(root, layout::kOptions);
  for (const auto& option : summary.options) {
    h5::Group group = h5::open_group(options.get(), option.name);
    const std::string path =
        std::string("/").append(layout::kOptions).append("/").append(option.name).append("/");
    for (const auto& table : option.metrics) {
      expect(group.get(), path, table.name, {n, years}, "[iterations x years]", true);
    }
    for (const auto& table : option.scalars) {
      expect(group.get(), path, table.name, {n}, "[iterations]", true);
    }
    if (h5::has_link(group.get(), layout::kParameters)) {
      h5::Group own = h5::open_group(group.get(), layout::kParameters);
      for (const auto& name : h5::link_names(own.get())) {
        expect(own.get(), path + layout::kParameters + "/", name, {n}, "[iterations]", false);
      }
    }
  }
  if (h5::has_link(root, layout::kParameters)) {
    h5::Group parameters = h5::open_group(root, layout::kParameters);
    for (const auto& name : h5::link_names(parameters.get())) {
      expect(parameters.get(), std::string("/").append(layout::kParameters).append("/"), name, {n},
             "[iterations]", false);
    }
  }
}

}  // namespace

double SummaryTable::at(std::size_t row, std::string_view statistic) const {
  const auto found = std::find(statistics.begin(), statistics.end(), statistic);
  if (found == statistics.end()) {
    throw OutputError("summary '" + name + "' has no statistic '" + std::string(statistic) + "'");
  }
  if (row >= rows()) throw OutputError("summary '" + name + "' has no row " + std::to_string(row));
  return values[row * statistics.size() + static_cast<std::size_t>(found - statistics.begin())];
}

const SummaryTable* OptionSummary::find(std::string_view wanted) const {
  for (const auto* list : {&metrics, &scalars}) {
    for (const auto& table : *list) {
      if (table.name == wanted) return &table;
    }
  }
  return nullptr;
}

ResultsSummary read_summary(hid_t root) {
  ResultsSummary summary;
  summary.format_version = h5::read_int64_attribute(root, "format_version");
  summary.provenance = read_provenance_attributes(root);
  summary.years = h5::read_string_dataset(root, layout::kYears);
  h5::Group options = h5::open_group(root, layout::kOptions);
  for (const auto& name : h5::read_string_array_attribute(options.get(), layout::kOptionOrder)) {
    summary.options.push_back(read_option(options.get(), name, summary.years.size()));
  }
  summary.comparison = read_comparison(root);
  if (summary.comparison) read_differences(root, *summary.comparison, summary.years.size());
  summary.warnings = read_stored_warnings(root);
  read_price_bases(root, summary);
  check_iteration_shapes(root, summary);
  return summary;
}

ResultsSummary read_summary(const std::filesystem::path& path) {
  OpenedResults opened = open_results(path);
  if (opened.kind != ResultsKind::Run) {
    throw OutputError("'" + path.string() + "' is a " + describe(opened.kind) +
                      ", not a results file of pcsim run");
  }
  ResultsSummary summary;
  read_or_explain(path, [&] { summary = read_summary(opened.file.get()); });
  return summary;
}

}  // namespace pcsim::output
