#include "output/driver_writer.hpp"

#include "core/errors.hpp"
#include "output/analytics_layout.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"

namespace pcsim::output {

namespace {

void check(const DriverTable& t, std::size_t k, std::size_t years) {
  const std::size_t columns = t.per_year ? years : 1;
  const bool se = !t.waterfall_se.empty();
  if (t.columns != columns || t.waterfall.size() != (k + 2) * columns ||
      t.alone.size() != (k + 1) * columns ||
      (se &&
       (t.waterfall_se.size() != t.waterfall.size() || t.alone_se.size() != t.alone.size()))) {
    throw OutputError("driver decomposition of '" + t.name + "' does not match " +
                      std::to_string(k) + " drivers and " + std::to_string(columns) + " columns");
  }
}

void write_table(hid_t group, const std::string& name, std::size_t rows, std::size_t columns,
                 const std::vector<double>& values, const std::vector<std::string>& row_names,
                 const std::vector<std::string>& column_names, const std::string& unit) {
  h5::Dataset data = h5::write_plain_doubles(group, name, {rows, columns}, values);
  h5::write_string_array_attribute(data.get(), "rows", row_names);
  h5::write_string_array_attribute(data.get(), "columns", column_names);
  h5::write_string_attribute(data.get(), "unit", unit);
}

// One decomposition: groups <kind>, <kind>_alone and, when stochastic, their _se twins.
void write_decomposition(hid_t parent, const std::string& kind,
                         const std::vector<DriverTable>& tables, const DriverResults& r,
                         const std::vector<std::string>& years) {
  const std::size_t k = r.drivers.size();
  std::vector<std::string> waterfall_rows{layout::kStartRow};
  waterfall_rows.insert(waterfall_rows.end(), r.drivers.begin(), r.drivers.end());
  waterfall_rows.emplace_back(layout::kEndRow);
  std::vector<std::string> alone_rows = r.drivers;
  alone_rows.emplace_back(layout::kInteractionRow);
  const bool se = !tables.empty() && !tables.front().waterfall_se.empty();
  const std::string alone = kind + layout::kAloneSuffix;
  h5::Group main = h5::create_group(parent, kind);
  h5::Group alone_group = h5::create_group(parent, alone);
  h5::Group main_se, alone_se;
  if (se) {
    main_se = h5::create_group(parent, kind + layout::kSeSuffix);
    alone_se = h5::create_group(parent, alone + layout::kSeSuffix);
  }
  for (const DriverTable& t : tables) {
    check(t, k, years.size());
    const std::vector<std::string> columns =
        t.per_year ? years : std::vector<std::string>{"horizon"};
    write_table(main.get(), t.name, k + 2, t.columns, t.waterfall, waterfall_rows, columns, t.unit);
    write_table(alone_group.get(), t.name, k + 1, t.columns, t.alone, alone_rows, columns, t.unit);
    if (se) {
      write_table(main_se.get(), t.name, k + 2, t.columns, t.waterfall_se, waterfall_rows, columns,
                  t.unit);
      write_table(alone_se.get(), t.name, k + 1, t.columns, t.alone_se, alone_rows, columns,
                  t.unit);
    }
  }
}

}  // namespace

void write_drivers(hid_t options_group, const DriverResults& r,
                   const std::vector<std::string>& years) {
  if (r.labels.size() != r.drivers.size() || r.switches.size() != r.drivers.size()) {
    throw OutputError("driver results: names, labels and switches of different lengths");
  }
  for (const OptionDrivers& option : r.options) {
    h5::Group group = h5::open_group(options_group, option.option);
    h5::Group drivers = h5::create_group(group.get(), layout::kDrivers);
    h5::write_string_attribute(drivers.get(), "method",
                               "exact Shapley values over every subset of the active drivers");
    h5::write_string_attribute(drivers.get(), "evaluation", r.evaluation);
    h5::write_int64_attribute(drivers.get(), "iterations", r.iterations);
    h5::write_string_array_attribute(drivers.get(), "drivers", r.drivers);
    h5::write_string_array_attribute(drivers.get(), "labels", r.labels);
    h5::write_string_array_attribute(drivers.get(), "switches", r.switches);
    h5::write_string_array_attribute(drivers.get(), "inactive_drivers", r.inactive);
    std::vector<std::string> outputs;
    for (const DriverTable& t : option.change) outputs.push_back(t.name);
    h5::write_string_array_attribute(drivers.get(), "output_order", outputs);
    write_decomposition(drivers.get(), layout::kDriverChange, option.change, r, years);
    if (!option.vs_baseline.empty()) {
      write_decomposition(drivers.get(), layout::kDriverVsBaseline, option.vs_baseline, r, years);
    }
  }
}

}  // namespace pcsim::output
