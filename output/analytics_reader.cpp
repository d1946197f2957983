#include "output/analytics_reader.hpp"
#include "output/analytics_reader_root.hpp"

#include <optional>

#include "core/errors.hpp"
#include "model/metrics.hpp"
#include "output/analytics_layout.hpp"
#include "output/comparison_layout.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/results_layout.hpp"
#include "output/results_open.hpp"
#include "output/summary_reader_root.hpp"

namespace pcsim::output {

namespace {

// A [rows x columns] table; its per_year from its `columns` attribute ("horizon": scalar).
std::vector<double> read_table(hid_t group, const std::string& name, std::size_t rows,
                               std::size_t& columns, bool& per_year) {
  h5::DoubleArray a = h5::read_doubles(group, name);
  if (a.dims.size() != 2 || a.dims[0] != rows) {
    throw OutputError("'" + name + "' is not a table of " + std::to_string(rows) + " rows");
  }
  h5::Dataset d = h5::open_dataset(group, name);
  const auto labels = h5::read_string_array_attribute(d.get(), "columns");
  columns = static_cast<std::size_t>(a.dims[1]);
  per_year = !(labels.size() == 1 && labels.front() == "horizon");
  return std::move(a.values);
}

std::vector<DriverTable> read_decomposition(hid_t drivers, const std::string& kind,
                                            const std::vector<std::string>& outputs,
                                            std::size_t k) {
  std::vector<DriverTable> tables;
  if (!h5::has_link(drivers, kind)) return tables;
  h5::Group main = h5::open_group(drivers, kind);
  h5::Group alone = h5::open_group(drivers, kind + layout::kAloneSuffix);
  const bool se = h5::has_link(drivers, kind + layout::kSeSuffix);
  h5::Group main_se, alone_se;
  if (se) {
    main_se = h5::open_group(drivers, kind + layout::kSeSuffix);
    alone_se = h5::open_group(drivers, kind + layout::kAloneSuffix + layout::kSeSuffix);
  }
  for (const auto& name : outputs) {
    if (!h5::has_link(main.get(), name)) continue;
    DriverTable t;
    t.name = name;
    t.waterfall = read_table(main.get(), name, k + 2, t.columns, t.per_year);
    std::size_t columns = 0;
    bool per_year = false;
    t.alone = read_table(alone.get(), name, k + 1, columns, per_year);
    h5::Dataset d = h5::open_dataset(main.get(), name);
    t.unit = h5::read_string_attribute(d.get(), layout::kUnit);
    if (se) {
      t.waterfall_se = read_table(main_se.get(), name, k + 2, columns, per_year);
      t.alone_se = read_table(alone_se.get(), name, k + 1, columns, per_year);
    }
    tables.push_back(std::move(t));
  }
  return tables;
}

std::optional<DriverResults> read_drivers(hid_t root, const std::vector<std::string>& options) {
  if (!h5::has_link(root, layout::kOptions)) return std::nullopt;
  h5::Group group = h5::open_group(root, layout::kOptions);
  std::optional<DriverResults> r;
  for (const auto& name : options) {
    h5::Group option = h5::open_group(group.get(), name);
    if (!h5::has_link(option.get(), layout::kDrivers)) continue;
    h5::Group drivers = h5::open_group(option.get(), layout::kDrivers);
    if (!r) {
      r.emplace();
      r->drivers = h5::read_string_array_attribute(drivers.get(), "drivers");
      r->labels = h5::read_string_array_attribute(drivers.get(), "labels");
      r->switches = h5::read_string_array_attribute(drivers.get(), "switches");
      r->inactive = h5::read_string_array_attribute(drivers.get(), "inactive_drivers");
      r->evaluation = h5::read_string_attribute(drivers.get(), "evaluation");
      r->iterations = h5::read_int64_attribute(drivers.get(), "iterations");
    }
    const auto outputs = h5::read_string_array_attribute(drivers.get(), "output_order");
    OptionDrivers o;
    o.option = name;
    o.change = read_decomposition(drivers.get(), layout::kDriverChange, outputs, r->drivers.size());
    o.vs_baseline =
        read_decomposition(drivers.get(), layout::kDriverVsBaseline, outputs, r->drivers.size());
    r->options.push_back(std::move(o));
  }
  return r;
}

std::optional<EvppiResults> read_evppi(hid_t root) {
  if (!h5::has_link(root, layout::kComparison)) return std::nullopt;
  h5::Group comparison = h5::open_group(root, layout::kComparison);
  if (!h5::has_link(comparison.get(), layout::kEvppiGroup)) return std::nullopt;
  h5::Group g = h5::open_group(comparison.get(), layout::kEvppiGroup);
  EvppiResults r;
  r.net_benefit = h5::read_string_attribute(g.get(), "net_benefit");
  r.options = h5::read_string_array_attribute(g.get(), "options");
  r.iterations_used = h5::read_int64_attribute(g.get(), "iterations_used");
  r.evpi = h5::read_double_attribute(g.get(), "evpi");
  const auto names = h5::read_string_dataset(g.get(), "groups");
  const auto parameters = h5::read_string_dataset(g.get(), "parameters");
  const auto methods = h5::read_string_dataset(g.get(), "method");
  const auto evppi = h5::read_doubles(g.get(), "evppi").values;
  const auto se = h5::read_doubles(g.get(), "se").values;
  const auto r2 = h5::read_doubles(g.get(), "r_squared").values;
  const auto edf = h5::read_doubles(g.get(), "edf").values;
  const std::size_t others = r.options.empty() ? 0 : r.options.size() - 1;
  if (parameters.size() != names.size() || methods.size() != names.size() ||
      evppi.size() != names.size() || se.size() != names.size() ||
      r2.size() != names.size() * others || edf.size() != r2.size()) {
    throw OutputError("/comparison/evppi: its datasets do not hold one row per group");
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    EvppiGroup group;
    group.name = names[i];
    for (std::size_t start = 0; start <= parameters[i].size();) {
      const std::size_t end = std::min(parameters[i].find("; ", start), parameters[i].size());
      if (end > start) group.parameters.push_back(parameters[i].substr(start, end - start));
      start = end + 2;
    }
    group.method = methods[i];
    group.evppi = evppi[i];
    group.se = se[i];
    group.r_squared.assign(r2.begin() + static_cast<std::ptrdiff_t>(i * others),
                           r2.begin() + static_cast<std::ptrdiff_t>((i + 1) * others));
    group.edf.assign(edf.begin() + static_cast<std::ptrdiff_t>(i * others),
                     edf.begin() + static_cast<std::ptrdiff_t>((i + 1) * others));
    r.groups.push_back(std::move(group));
  }
  return r;
}

std::optional<RunSobol> read_sobol(hid_t root, const std::vector<std::string>& options) {
  if (!h5::has_link(root, "sensitivity")) return std::nullopt;
  h5::Group sensitivity = h5::open_group(root, "sensitivity");
  std::optional<RunSobol> r;
  for (const auto& name : options) {
    if (!h5::has_link(sensitivity.get(), name)) continue;
    h5::Group option = h5::open_group(sensitivity.get(), name);
    if (!h5::has_link(option.get(), layout::kSobolByYear)) continue;
    h5::Group g = h5::open_group(option.get(), layout::kSobolByYear);
    if (!r) {
      r.emplace();
      r->rows = h5::read_int64_attribute(g.get(), "rows");
      r->bootstrap = static_cast<int>(h5::read_int64_attribute(g.get(), "bootstrap"));
    }
    h5::Group variances = h5::open_group(g.get(), layout::kSobolVariance);
    OptionSobol o;
    o.option = name;
    std::vector<std::string> outputs(model::kMetricNames.begin(), model::kMetricNames.end());
    outputs.insert(outputs.end(), model::kScalarMetricNames.begin(),
                   model::kScalarMetricNames.end());
    for (const auto& output : outputs) {
      if (!h5::has_link(g.get(), output)) continue;
      h5::Dataset d = h5::open_dataset(g.get(), output);
      if (o.parameters.empty())
        o.parameters = h5::read_string_array_attribute(d.get(), "parameters");
      SobolByYearTable t;
      t.name = output;
      t.unit = h5::read_string_attribute(d.get(), "output_unit");
      const auto columns = h5::read_string_array_attribute(d.get(), "columns");
      t.per_year = !(columns.size() == 1 && columns.front() == "horizon");
      t.columns = columns.size();
      t.indices = h5::read_doubles(g.get(), output).values;
      t.variance = h5::read_doubles(variances.get(), output).values;
      t.rows_used = h5::read_int64_array_attribute(d.get(), "rows_used");
      if (t.indices.size() != o.parameters.size() * t.columns * 6) {
        throw OutputError("sobol_by_year/" + output + " of '" + name + "' has the wrong shape");
      }
      o.outputs.push_back(std::move(t));
    }
    r->options.push_back(std::move(o));
  }
  return r;
}

}  // namespace

AnalyticsResults read_analytics_parts(hid_t root) {
  std::vector<std::string> options;
  if (h5::has_link(root, layout::kOptions)) {
    h5::Group group = h5::open_group(root, layout::kOptions);
    options = h5::read_string_array_attribute(group.get(), layout::kOptionOrder);
  } else if (h5::has_link(root, "sensitivity")) {
    h5::Group group = h5::open_group(root, "sensitivity");
    options = h5::read_string_array_attribute(group.get(), layout::kOptionOrder);
  }
  AnalyticsResults analytics;
  analytics.drivers = read_drivers(root, options);
  analytics.evppi = read_evppi(root);
  analytics.sobol = read_sobol(root, options);
  return analytics;
}

AnalyticsFile read_analytics(const std::filesystem::path& path) {
  // The file checks, the whole-file checksum and the format first (as summary, report and
  // export): a damaged file is named in one line, never handed to HDF5 to parse.
  OpenedResults opened = open_results(path);
  const hid_t root = opened.file.get();
  AnalyticsFile a;
  read_or_explain(path, [&] {
    // A results file is checked as `pcsim summary`, report and export check it (a metric's
    // per-iteration values missing, say), so that the sections refuse what they refuse.
    if (opened.kind == ResultsKind::Run) read_summary(root);
    a.scenario_file = h5::read_string_attribute(root, "scenario_file");
    a.years = h5::read_string_dataset(root, layout::kYears);
    a.analytics = read_analytics_parts(root);
  });
  return a;
}

}  // namespace pcsim::output
