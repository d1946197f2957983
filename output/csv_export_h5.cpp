// The CSV tables read from the HDF5 file itself (csv_export.hpp): per-iteration values and
// the run's Spearman correlations.
#include <ostream>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "output/csv_export.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/number_format.hpp"
#include "output/results_layout.hpp"

namespace pcsim::output::csv_detail {

void write_iterations(const ReportData& data, std::ostream& out) {
  out << "option,iteration,year,metric,value\n";
  h5::File h5 = h5::open_file_read_only(data.path);
  h5::Group options = h5::open_group(h5.get(), layout::kOptions);
  const std::size_t years = data.years.size();
  std::string line;
  for (const auto& option : data.summary.options) {
    h5::Group group = h5::open_group(options.get(), option.name);
    const std::string name = csv_field(option.name);
    for (const auto& metric : option.metrics) {
      const std::vector<double> values = h5::read_doubles(group.get(), metric.name).values;
      const std::string metric_name = csv_field(metric.name);
      for (std::size_t k = 0; k < values.size(); ++k) {
        line = name + ',' + std::to_string(k / years) + ',' + csv_field(data.years[k % years]) +
               ',' + metric_name + ',' + csv_number(values[k]) + '\n';
        out << line;
      }
    }
    for (const auto& scalar : option.scalars) {
      const std::vector<double> values = h5::read_doubles(group.get(), scalar.name).values;
      for (std::size_t i = 0; i < values.size(); ++i) {
        out << name << ',' << i << ",," << csv_field(scalar.name) << ',' << csv_number(values[i])
            << '\n';
      }
    }
  }
}

void write_run_spearman(const ReportData& data, std::ostream& out) {
  out << "option,parameter,metric,year,spearman\n";
  h5::File h5 = h5::open_file_read_only(data.path);
  if (h5::has_link(h5.get(), "sensitivity")) {
    h5::Group top = h5::open_group(h5.get(), "sensitivity");
    for (const auto& option : data.in_option_order(h5::link_names(top.get()))) {
      h5::Group spearman = h5::open_group(top.get(), option + "/spearman");
      for (const auto& metric : h5::link_names(spearman.get())) {
        h5::Dataset dataset = h5::open_dataset(spearman.get(), metric);
        const auto parameters = h5::read_string_array_attribute(dataset.get(), "parameters");
        const auto columns = h5::read_string_array_attribute(dataset.get(), "columns");
        const auto values = h5::read_doubles(spearman.get(), metric).values;
        if (values.size() != parameters.size() * columns.size()) {
          throw OutputError("spearman/" + metric + " of '" + option + "' has the wrong shape");
        }
        for (std::size_t p = 0; p < parameters.size(); ++p) {
          for (std::size_t c = 0; c < columns.size(); ++c) {
            const bool per_year = !(columns.size() == 1 && columns[0] == "horizon");
            out << csv_field(option) << ',' << csv_field(parameters[p]) << ',' << csv_field(metric)
                << ',' << (per_year ? csv_field(columns[c]) : "") << ','
                << csv_number(values[p * columns.size() + c]) << '\n';
          }
        }
      }
    }
  }
}

}  // namespace pcsim::output::csv_detail
