#include "output/evppi_writer.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "output/comparison_layout.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"

namespace pcsim::output {

void write_evppi(hid_t root, const EvppiResults& r) {
  const std::size_t g = r.groups.size();
  const std::size_t others = r.options.empty() ? 0 : r.options.size() - 1;
  std::vector<std::string> names, parameters, methods;
  std::vector<double> evppi, se, r_squared, edf;
  for (const EvppiGroup& group : r.groups) {
    if ((group.r_squared.size() != others || group.edf.size() != others) &&
        !(group.r_squared.empty() && group.edf.empty())) {
      throw OutputError("EVPPI of '" + group.name +
                        "': one fit per option other than the baseline expected");
    }
    names.push_back(group.name);
    std::string joined;
    for (const auto& p : group.parameters) joined += (joined.empty() ? "" : "; ") + p;
    parameters.push_back(joined);
    methods.push_back(group.method);
    evppi.push_back(group.evppi);
    se.push_back(group.se);
    for (std::size_t d = 0; d < others; ++d) {
      r_squared.push_back(group.r_squared.empty() ? std::nan("") : group.r_squared[d]);
      edf.push_back(group.edf.empty() ? std::nan("") : group.edf[d]);
    }
  }
  h5::Group comparison = h5::open_group(root, layout::kComparison);
  h5::Group group = h5::create_group(comparison.get(), layout::kEvppiGroup);
  h5::write_string_attribute(group.get(), "net_benefit", r.net_benefit);
  h5::write_string_attribute(group.get(), "unit", "GBP");
  h5::write_string_attribute(group.get(), "method",
                             "Strong, Oakley & Brennan (2014): each option's NPV less the "
                             "baseline's regressed on the group's draws (penalised regression "
                             "splines, GCV); EVPPI = mean max(0, fitted) - max(0, mean fitted)");
  h5::write_int64_attribute(group.get(), "iterations_used", r.iterations_used);
  h5::write_double_attribute(group.get(), "evpi", r.evpi);
  h5::write_string_array_attribute(group.get(), "options", r.options);
  h5::write_strings(group.get(), "groups", names);
  h5::write_strings(group.get(), "parameters", parameters);
  h5::write_strings(group.get(), "method", methods);
  {
    h5::Dataset d = h5::write_plain_doubles(group.get(), "evppi", {g}, evppi);
    h5::write_string_attribute(d.get(), "unit", "GBP");
  }
  {
    h5::Dataset d = h5::write_plain_doubles(group.get(), "se", {g}, se);
    h5::write_string_attribute(d.get(), "unit", "GBP");
  }
  const std::vector<std::string> fitted_options(r.options.begin() + (r.options.empty() ? 0 : 1),
                                                r.options.end());
  {
    h5::Dataset d = h5::write_plain_doubles(group.get(), "r_squared", {g, others}, r_squared);
    h5::write_string_array_attribute(d.get(), "columns", fitted_options);
    h5::write_string_attribute(d.get(), "unit", "share of variance");
  }
  {
    h5::Dataset d = h5::write_plain_doubles(group.get(), "edf", {g, others}, edf);
    h5::write_string_array_attribute(d.get(), "columns", fitted_options);
    h5::write_string_attribute(d.get(), "unit", "degrees of freedom");
  }
}

}  // namespace pcsim::output
