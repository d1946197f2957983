#include "output/sensitivity_reader.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"

namespace pcsim::output {

namespace {

std::vector<double> read_shaped(hid_t group, const std::string& name, std::size_t size) {
  h5::DoubleArray array = h5::read_doubles(group, name);
  if (array.values.size() != size) {
    throw OutputError("sensitivity dataset '" + name + "' has " +
                      std::to_string(array.values.size()) + " values; expected " +
                      std::to_string(size));
  }
  return std::move(array.values);
}

std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  const auto found = std::find(names.begin(), names.end(), name);
  if (found == names.end()) throw OutputError("tornado row '" + name + "' is not a parameter");
  return static_cast<std::size_t>(found - names.begin());
}

// The tornado of one output, stored in tornado order, back in scenario order.
std::vector<double> read_tornado(hid_t group, const std::string& name,
                                 const std::vector<std::size_t>& order, std::size_t columns) {
  const std::size_t p = order.size();
  const std::vector<double> stored = read_shaped(group, name, p * columns * 3);
  std::vector<double> tornado(stored.size());
  for (std::size_t row = 0; row < p; ++row) {
    std::copy_n(stored.begin() + static_cast<std::ptrdiff_t>(row * columns * 3), columns * 3,
                tornado.begin() + static_cast<std::ptrdiff_t>(order[row] * columns * 3));
  }
  return tornado;
}

}  // namespace

SensitivityResults read_sensitivity(hid_t root) {
  SensitivityResults r;
  r.year_labels = h5::read_string_dataset(root, "years");
  h5::Group top = h5::open_group(root, "sensitivity");
  const auto options = h5::read_string_array_attribute(top.get(), "option_order");
  if (options.empty()) throw OutputError("/sensitivity names no option");
  r.option = options.front();
  h5::Group group = h5::open_group(top.get(), r.option);
  r.iterations = h5::read_int64_attribute(group.get(), "iterations");
  r.sobol_rows = h5::read_int64_attribute(group.get(), "sobol_rows");
  r.bootstrap = h5::read_int64_attribute(group.get(), "bootstrap");
  r.parameters = h5::read_string_dataset(group.get(), "parameters");
  r.distributions = h5::read_string_dataset(group.get(), "distributions");
  r.units = h5::read_string_dataset(group.get(), "units");
  if (h5::has_link(group.get(), "rationales")) {
    r.rationales = h5::read_string_dataset(group.get(), "rationales");
  }
  const std::size_t p = r.parameters.size();
  r.tornado_inputs = read_shaped(group.get(), "tornado_inputs", p * 2);

  h5::Group central = h5::open_group(group.get(), "central");
  h5::Group spearman = h5::open_group(group.get(), "spearman");
  h5::Group tornado = h5::open_group(group.get(), "tornado");
  const bool has_sobol = r.sobol_rows > 0 && h5::has_link(group.get(), "sobol");
  h5::Group sobol;
  if (has_sobol) sobol = h5::open_group(group.get(), "sobol");
  for (const auto& name : h5::read_string_array_attribute(group.get(), "output_order")) {
    SensitivityOutput out;
    out.name = name;
    h5::Dataset central_dataset = h5::open_dataset(central.get(), name);
    out.unit = h5::read_string_attribute(central_dataset.get(), "unit");
    const auto columns = h5::read_string_array_attribute(central_dataset.get(), "columns");
    out.per_year = !(columns.size() == 1 && columns.front() == "horizon");
    out.central = read_shaped(central.get(), name, columns.size());
    out.spearman = read_shaped(spearman.get(), name, p * columns.size());
    if (r.tornado_order.empty() && p > 0) {
      h5::Dataset rows = h5::open_dataset(tornado.get(), name);
      for (const auto& row : h5::read_string_array_attribute(rows.get(), "parameters")) {
        r.tornado_order.push_back(index_of(r.parameters, row));
      }
    }
    out.tornado = read_tornado(tornado.get(), name, r.tornado_order, columns.size());
    if (has_sobol) {
      out.sobol = read_shaped(sobol.get(), name, p * kSobolColumns.size());
      h5::Dataset d = h5::open_dataset(sobol.get(), name);
      out.sobol_variance = h5::read_double_attribute(d.get(), "variance");
      out.sobol_rows_used = h5::read_int64_attribute(d.get(), "rows_used");
    }
    r.outputs.push_back(std::move(out));
  }
  if (r.tornado_order.size() != p) throw OutputError("the tornado does not list every parameter");
  return r;
}

}  // namespace pcsim::output
