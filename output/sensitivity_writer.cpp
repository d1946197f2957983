#include "output/sensitivity_writer.hpp"

#include <string>
#include <vector>

#include "core/errors.hpp"
#include "output/atomic_h5_write.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/provenance_attributes.hpp"
#include "output/sobol_by_year_writer.hpp"

namespace pcsim::output {

namespace {

// The label of an output's columns: the years of a metric, "horizon" for a scalar.
std::vector<std::string> column_labels(const SensitivityOutput& out,
                                       const std::vector<std::string>& years) {
  return out.per_year ? years : std::vector<std::string>{"horizon"};
}

template <std::size_t N>
std::vector<std::string> names(const std::array<std::string_view, N>& list) {
  return {list.begin(), list.end()};
}

void check_shapes(const SensitivityResults& r) {
  const std::size_t p = r.parameters.size();
  const auto fail = [](const std::string& what) {
    throw OutputError("sensitivity results are inconsistent: " + what);
  };
  if (r.distributions.size() != p || r.units.size() != p || r.tornado_order.size() != p ||
      (!r.rationales.empty() && r.rationales.size() != p) || r.tornado_inputs.size() != 2 * p) {
    fail("parameter lists of different lengths");
  }
  for (const auto& out : r.outputs) {
    const std::size_t columns = out.per_year ? r.year_labels.size() : 1;
    if (out.central.size() != columns || out.spearman.size() != p * columns ||
        out.tornado.size() != p * columns * 3 ||
        (r.sobol_rows > 0 && out.sobol.size() != p * kSobolColumns.size())) {
      fail("the arrays of '" + out.name + "' do not match their shapes");
    }
  }
}

// Row names, column names and unit beside a dataset's numbers.
void label(hid_t dataset, const std::vector<std::string>& rows,
           const std::vector<std::string>& columns, const std::string& unit) {
  h5::write_string_array_attribute(dataset, "parameters", rows);
  h5::write_string_array_attribute(dataset, "columns", columns);
  h5::write_string_attribute(dataset, "unit", unit);
}

void write_option(hid_t parent, const SensitivityResults& r) {
  const std::size_t p = r.parameters.size();
  h5::Group group = h5::create_group(parent, r.option);
  h5::write_int64_attribute(group.get(), "iterations", r.iterations);
  h5::write_int64_attribute(group.get(), "sobol_rows", r.sobol_rows);
  h5::write_int64_attribute(group.get(), "bootstrap", r.bootstrap);
  std::vector<std::string> output_names;
  for (const auto& out : r.outputs) output_names.push_back(out.name);
  h5::write_string_array_attribute(group.get(), "output_order", output_names);

  h5::write_strings(group.get(), "parameters", r.parameters);
  h5::write_strings(group.get(), "distributions", r.distributions);
  h5::write_strings(group.get(), "units", r.units);
  if (!r.rationales.empty()) h5::write_strings(group.get(), "rationales", r.rationales);
  {
    h5::Dataset inputs =
        h5::write_plain_doubles(group.get(), "tornado_inputs", {p, 2}, r.tornado_inputs);
    label(inputs.get(), r.parameters, {"p10", "p90"}, "");
  }

  std::vector<std::string> tornado_rows;
  for (const std::size_t k : r.tornado_order) tornado_rows.push_back(r.parameters[k]);
  h5::Group central = h5::create_group(group.get(), "central");
  h5::Group spearman = h5::create_group(group.get(), "spearman");
  h5::Group tornado = h5::create_group(group.get(), "tornado");
  h5::Group sobol;
  if (r.sobol_rows > 0) sobol = h5::create_group(group.get(), "sobol");

  for (const auto& out : r.outputs) {
    const std::vector<std::string> columns = column_labels(out, r.year_labels);
    const std::size_t c = columns.size();
    {
      h5::Dataset d = h5::write_plain_doubles(central.get(), out.name, {c}, out.central);
      h5::write_string_array_attribute(d.get(), "columns", columns);
      h5::write_string_attribute(d.get(), "unit", out.unit);
    }
    {
      h5::Dataset d = h5::write_plain_doubles(spearman.get(), out.name, {p, c}, out.spearman);
      label(d.get(), r.parameters, columns, "Spearman rho");
    }
    {
      // Rows in tornado order: largest NPV swing first.
      std::vector<double> rows;
      rows.reserve(out.tornado.size());
      for (const std::size_t k : r.tornado_order) {
        rows.insert(rows.end(), out.tornado.begin() + static_cast<std::ptrdiff_t>(k * c * 3),
                    out.tornado.begin() + static_cast<std::ptrdiff_t>((k + 1) * c * 3));
      }
      h5::Dataset d = h5::write_plain_doubles(tornado.get(), out.name, {p, c, 3}, rows);
      label(d.get(), tornado_rows, columns, out.unit);
      h5::write_string_array_attribute(d.get(), "values", names(kTornadoColumns));
    }
    if (sobol.valid()) {
      h5::Dataset d =
          h5::write_plain_doubles(sobol.get(), out.name, {p, kSobolColumns.size()}, out.sobol);
      label(d.get(), r.parameters, names(kSobolColumns), "share of variance");
      h5::write_string_attribute(d.get(), "year", columns.back());
      h5::write_double_attribute(d.get(), "variance", out.sobol_variance);
      h5::write_int64_attribute(d.get(), "rows_used", out.sobol_rows_used);
    }
  }
  if (!r.sobol_by_year.outputs.empty()) {
    write_sobol_by_year(group.get(), r.sobol_by_year, r.year_labels, r.sobol_rows,
                        static_cast<int>(r.bootstrap));
  }
}

}  // namespace

void write_sensitivity(const std::filesystem::path& out, bool force,
                       const SensitivityResults& results, const Provenance& provenance) {
  check_shapes(results);
  write_h5_atomically(out, force, [&](hid_t root) {
    write_provenance_attributes(root, provenance, results.iterations);
    h5::write_strings(root, "years", results.year_labels);
    h5::Group sensitivity = h5::create_group(root, "sensitivity");
    h5::write_string_array_attribute(sensitivity.get(), "option_order", {results.option});
    write_option(sensitivity.get(), results);
  });
}

}  // namespace pcsim::output
