#include "output/run_spearman_writer.hpp"

#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/option_writer.hpp"
#include "output/run_spearman.hpp"

namespace pcsim::output {

void write_run_spearman(hid_t root, const RunResults& results, const ParallelFor& parallel) {
  if (results.iterations < 3) return;  // a rank correlation of fewer than 3 pairs says nothing
  h5::Group sensitivity;
  for (const auto& option : results.options) {
    const OptionSpearman table = run_spearman(results, option, parallel);
    if (table.parameters.empty()) continue;
    if (!sensitivity.valid()) sensitivity = open_or_create_group(root, "sensitivity");
    h5::Group group = open_or_create_group(sensitivity.get(), option.name);
    h5::Group spearman = h5::create_group(group.get(), "spearman");
    h5::write_string_attribute(spearman.get(), "method",
                               "Spearman rank correlation over the run's iterations "
                               "(average ranks for ties; NaN outputs left out)");
    for (std::size_t k = 0; k < table.outputs.size(); ++k) {
      const std::size_t columns = table.columns[k];
      h5::Dataset data = h5::write_plain_doubles(
          spearman.get(), table.outputs[k],
          {static_cast<hsize_t>(table.parameters.size()), static_cast<hsize_t>(columns)},
          table.rho[k]);
      h5::write_string_array_attribute(data.get(), "parameters", table.parameters);
      h5::write_string_array_attribute(
          data.get(), "columns",
          columns == 1 ? std::vector<std::string>{"horizon"} : results.year_labels);
    }
  }
}

}  // namespace pcsim::output
