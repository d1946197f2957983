#pragma once
// Writes Sobol indices by year under <option group>/sobol_by_year (docs/output-format.md):
// one [parameters x columns x 6] dataset per metric and scalar. Used by the results file
// (/sensitivity/<o>/sobol_by_year, `pcsim run --sobol`) and the sensitivity file.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

#include "output/analytics_results.hpp"

namespace pcsim::output {

// `option_group` is /sensitivity/<o>. Throws OutputError when a table's arrays do not
// match its parameters and columns.
void write_sobol_by_year(hid_t option_group, const OptionSobol& sobol,
                         const std::vector<std::string>& years, std::int64_t rows, int bootstrap);

// /sensitivity/<o>/sobol_by_year for every option of a run's design (groups created as
// needed beside the run's Spearman correlations).
void write_run_sobol(hid_t root, const RunSobol& sobol, const std::vector<std::string>& years);

}  // namespace pcsim::output
