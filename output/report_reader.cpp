#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "output/analytics_reader_root.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/provenance_attributes.hpp"
#include "output/report_data.hpp"
#include "output/results_layout.hpp"
#include "output/results_open.hpp"
#include "output/sensitivity_reader.hpp"
#include "output/summary_reader_root.hpp"
#include "output/warnings_reader.hpp"

namespace pcsim::output {

namespace {

// The root attributes: the standard ones in layout order, then the rest by name.
std::vector<std::string> attribute_names(hid_t object) {
  const std::vector<std::string> names = h5::attribute_names(object);
  std::vector<std::string> ordered;
  for (const auto list : {std::span<const std::string_view>(layout::kRootAttributes),
                          std::span<const std::string_view>(layout::kConvergenceAttributes)}) {
    for (const auto name : list) {
      if (std::find(names.begin(), names.end(), name) != names.end()) ordered.emplace_back(name);
    }
  }
  for (const auto& name : names) {
    if (std::find(ordered.begin(), ordered.end(), name) == ordered.end()) ordered.push_back(name);
  }
  return ordered;
}

// An attribute as text: strings as they are, integers in full, floats as %g.
std::string attribute_text(hid_t object, const std::string& name) {
  h5::Attribute attribute = h5::open_attribute(object, name);
  h5::Datatype type(H5Aget_type(attribute.get()), "cannot read attribute '" + name + "'");
  switch (H5Tget_class(type.get())) {
    case H5T_STRING: {
      h5::Dataspace space(H5Aget_space(attribute.get()), "cannot read attribute '" + name + "'");
      if (H5Sget_simple_extent_npoints(space.get()) == 1) {
        return h5::read_string_attribute(object, name);
      }
      std::string joined;
      for (const auto& value : h5::read_string_array_attribute(object, name)) {
        joined += (joined.empty() ? "" : ", ") + value;
      }
      return joined;
    }
    case H5T_INTEGER:
      if (H5Tget_sign(type.get()) == H5T_SGN_NONE) {
        return std::to_string(h5::read_uint64_attribute(object, name));
      }
      return std::to_string(h5::read_int64_attribute(object, name));
    case H5T_FLOAT:
      return fmt::format("{:g}", h5::read_double_attribute(object, name));
    default:
      return "(not shown)";
  }
}

bool is_string_dataset(hid_t parent, const std::string& name) {
  h5::Dataset dataset = h5::open_dataset(parent, name);
  h5::Datatype type(H5Dget_type(dataset.get()), "cannot read dataset '" + name + "'");
  return H5Tget_class(type.get()) == H5T_STRING;
}

void read_parameter_group(hid_t group, const std::string& option,
                          std::vector<ParameterRecord>& out) {
  for (const auto& name : h5::link_names(group)) {
    ParameterRecord record;
    record.name = name;
    record.option = option;
    if (is_string_dataset(group, name)) {
      record.labels = h5::read_string_dataset(group, name);
    } else {
      record.values = h5::read_doubles(group, name).values;
    }
    h5::Dataset dataset = h5::open_dataset(group, name);
    record.distribution = h5::read_optional_string_attribute(dataset.get(), layout::kDistribution);
    record.rationale = h5::read_optional_string_attribute(dataset.get(), layout::kRationale);
    record.unit = h5::read_optional_string_attribute(dataset.get(), layout::kUnit);
    out.push_back(std::move(record));
  }
}

PracticeFigures read_practices(hid_t practices, const std::string& option, std::size_t years) {
  PracticeFigures figures;
  figures.option = option;
  figures.codes = h5::read_string_dataset(practices, layout::kPracticeCodes);
  h5::Group summary = h5::open_group(practices, layout::kSummary);
  for (const auto& name : h5::link_names(summary.get())) {
    h5::DoubleArray means = h5::read_doubles(summary.get(), name);
    if (means.values.size() != figures.codes.size() * years) {
      throw OutputError("practices/summary/" + name + " is not [practices x years]");
    }
    h5::Dataset dataset = h5::open_dataset(summary.get(), name);
    figures.figures.push_back(name);
    figures.units.push_back(h5::read_optional_string_attribute(dataset.get(), layout::kUnit));
    figures.means.push_back(std::move(means.values));
  }
  return figures;
}

// /sensitivity/<option>/spearman/npv of a results file: [parameters x 1], the options in
// the run's order (HDF5 lists its groups in byte order, which put the baseline last in
// the drivers' charts and sheet: the output probe of 2026-12-07).
void read_correlations(hid_t root, ReportData& data) {
  if (!h5::has_link(root, "sensitivity")) return;
  h5::Group group = h5::open_group(root, "sensitivity");
  for (const auto& option : data.in_option_order(h5::link_names(group.get()))) {
    h5::Group spearman = h5::open_group(group.get(), option + "/spearman");
    if (!h5::has_link(spearman.get(), "npv")) continue;
    h5::Dataset dataset = h5::open_dataset(spearman.get(), "npv");
    NpvCorrelations correlations{option,
                                 h5::read_string_array_attribute(dataset.get(), "parameters"),
                                 h5::read_doubles(spearman.get(), "npv").values};
    if (correlations.rho.size() != correlations.parameters.size()) {
      throw OutputError("spearman/npv of '" + option + "' is not one value per parameter");
    }
    data.correlations.push_back(std::move(correlations));
  }
}

// Share of iterations in which the indicator `name` [iterations x years] is above 0 in at
// least one year; NaN when the option does not hold it or has no iteration.
double p_any_year(hid_t option, const std::string& name, std::size_t years) {
  if (!h5::has_link(option, name) || years == 0) return std::nan("");
  const std::vector<double> values = h5::read_doubles(option, name).values;
  const std::size_t iterations = values.size() / years;
  if (iterations == 0) return std::nan("");
  std::size_t hits = 0;
  for (std::size_t i = 0; i < iterations; ++i) {
    hits += std::any_of(values.begin() + static_cast<std::ptrdiff_t>(i * years),
                        values.begin() + static_cast<std::ptrdiff_t>((i + 1) * years),
                        [](double v) { return v > 0; });
  }
  return static_cast<double>(hits) / static_cast<double>(iterations);
}

// True when `name` [iterations x years] (and central/<name> when stored) is 0 everywhere.
bool all_zero(hid_t option, const std::string& name) {
  if (!h5::has_link(option, name)) return false;
  const auto zero = [](const std::vector<double>& values) {
    return std::all_of(values.begin(), values.end(), [](double v) { return v == 0; });
  };
  if (!zero(h5::read_doubles(option, name).values)) return false;
  const std::string central = std::string(layout::kCentral) + "/" + name;
  return !h5::has_link(option, layout::kCentral) || !h5::has_link(option, central) ||
         zero(h5::read_doubles(option, central).values);
}

void read_run(hid_t root, ReportData& data) {
  data.summary = read_summary(root);
  const std::size_t years = data.years.size();
  h5::Group options = h5::open_group(root, layout::kOptions);
  h5::Group parameters = h5::open_group(root, layout::kParameters);
  read_parameter_group(parameters.get(), "", data.parameters);
  for (const auto& option : data.summary.options) {
    h5::Group group = h5::open_group(options.get(), option.name);
    data.npv.push_back(h5::has_link(group.get(), "npv")
                           ? h5::read_doubles(group.get(), "npv").values
                           : std::vector<double>{});
    data.p_overspend_any_year.push_back(p_any_year(group.get(), "overspend", years));
    data.no_investment.push_back(all_zero(group.get(), "investment") ? 1 : 0);
    if (h5::has_link(group.get(), layout::kParameters)) {
      h5::Group own = h5::open_group(group.get(), layout::kParameters);
      read_parameter_group(own.get(), option.name, data.parameters);
    }
    if (h5::has_link(group.get(), layout::kPractices)) {
      h5::Group practices = h5::open_group(group.get(), layout::kPractices);
      data.practices.push_back(read_practices(practices.get(), option.name, years));
    }
  }
  data.warnings = read_stored_warnings(root).value_or(std::vector<RunWarning>{});
  read_correlations(root, data);  // after the summary, whose options give the order
  data.analytics = read_analytics_parts(root);
}

}  // namespace

std::string ReportData::attribute(const std::string& name) const {
  for (const auto& [key, value] : attributes) {
    if (key == name) return value;
  }
  return "";
}

std::vector<std::string> ReportData::in_option_order(std::vector<std::string> names) const {
  const auto position = [&](const std::string& name) {
    std::size_t at = 0;
    while (at < summary.options.size() && summary.options[at].name != name) ++at;
    return at;  // summary.options.size() for a name the run does not know
  };
  std::stable_sort(names.begin(), names.end(),
                   [&](const auto& a, const auto& b) { return position(a) < position(b); });
  return names;
}

ReportData read_report_data(const std::filesystem::path& path) {
  OpenedResults opened = open_results(path);
  ReportData data;
  data.path = path;
  data.kind = opened.kind;
  read_or_explain(path, [&] {
    const hid_t root = opened.file.get();
    data.provenance = read_provenance_attributes(root);
    for (const auto& name : attribute_names(root)) {
      if (name != "scenario_text") data.attributes.emplace_back(name, attribute_text(root, name));
    }
    data.years = h5::read_string_dataset(root, layout::kYears);
    if (opened.kind == ResultsKind::Run) {
      read_run(root, data);
    } else {
      data.sensitivity = read_sensitivity(root);
    }
  });
  return data;
}

}  // namespace pcsim::output
