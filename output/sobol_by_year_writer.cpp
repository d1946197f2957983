#include "output/sobol_by_year_writer.hpp"

#include "core/errors.hpp"
#include "output/analytics_layout.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/option_writer.hpp"

namespace pcsim::output {

void write_sobol_by_year(hid_t option_group, const OptionSobol& sobol,
                         const std::vector<std::string>& years, std::int64_t rows, int bootstrap) {
  const std::size_t p = sobol.parameters.size();
  h5::Group group = h5::create_group(option_group, layout::kSobolByYear);
  h5::write_int64_attribute(group.get(), "rows", rows);
  h5::write_int64_attribute(group.get(), "bootstrap", bootstrap);
  h5::write_string_attribute(group.get(), "events", "expectation");
  h5::write_string_attribute(group.get(), "method",
                             "Jansen's estimators over a Saltelli design of `rows` rows; "
                             "2.5th and 97.5th percentiles of `bootstrap` resamples");
  const std::vector<std::string> values(layout::kSobolValues.begin(), layout::kSobolValues.end());
  // The output's variance over the design, per column, beside the indices it shares out.
  h5::Group variances = h5::create_group(group.get(), layout::kSobolVariance);
  for (const SobolByYearTable& t : sobol.outputs) {
    const std::vector<std::string> columns =
        t.per_year ? years : std::vector<std::string>{"horizon"};
    if (t.columns != columns.size() || t.indices.size() != p * t.columns * 6 ||
        t.variance.size() != t.columns || t.rows_used.size() != t.columns) {
      throw OutputError("Sobol indices of '" + t.name + "' do not match " + std::to_string(p) +
                        " parameters and " + std::to_string(columns.size()) + " columns");
    }
    h5::Dataset d = h5::write_plain_doubles(group.get(), t.name, {p, t.columns, 6}, t.indices);
    h5::write_string_array_attribute(d.get(), "parameters", sobol.parameters);
    h5::write_string_array_attribute(d.get(), "columns", columns);
    h5::write_string_array_attribute(d.get(), "values", values);
    h5::write_string_attribute(d.get(), "unit", "share of variance");
    h5::write_string_attribute(d.get(), "output_unit", t.unit);
    h5::Dataset variance =
        h5::write_plain_doubles(variances.get(), t.name, {t.columns}, t.variance);
    h5::write_string_array_attribute(variance.get(), "columns", columns);
    h5::write_string_attribute(variance.get(), "unit", "(" + t.unit + ")^2");
    h5::write_int64_array_attribute(d.get(), "rows_used", t.rows_used);
  }
}

void write_run_sobol(hid_t root, const RunSobol& sobol, const std::vector<std::string>& years) {
  if (sobol.options.empty()) return;
  h5::Group sensitivity = open_or_create_group(root, "sensitivity");
  for (const OptionSobol& option : sobol.options) {
    h5::Group group = open_or_create_group(sensitivity.get(), option.option);
    write_sobol_by_year(group.get(), option, years, sobol.rows, sobol.bootstrap);
  }
}

}  // namespace pcsim::output
