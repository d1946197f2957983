#include "output/analytics_writer.hpp"

#include "output/driver_writer.hpp"
#include "output/evppi_writer.hpp"
#include "output/hdf5_handles.hpp"
#include "output/results_layout.hpp"
#include "output/sobol_by_year_writer.hpp"

namespace pcsim::output {

void write_analytics(hid_t root, const RunResults& results) {
  const AnalyticsResults& a = results.analytics;
  if (a.drivers) {
    h5::Group options = h5::open_group(root, layout::kOptions);
    write_drivers(options.get(), *a.drivers, results.year_labels);
  }
  if (a.evppi) write_evppi(root, *a.evppi);
  if (a.sobol) write_run_sobol(root, *a.sobol, results.year_labels);
}

}  // namespace pcsim::output
