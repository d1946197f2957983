#pragma once
// Writes the results of `pcsim sensitivity` to an HDF5 file (layout: docs/output-format.md,
// "Sensitivity files").
#include <filesystem>

#include "output/run_results.hpp"
#include "output/sensitivity_results.hpp"

namespace pcsim::output {

// Writes the provenance root attributes (iterations = the Monte Carlo iterations behind
// the Spearman correlations), /years and /sensitivity/<option>/... Refuses to replace an
// existing `out` unless `force`; writes `out`.tmp and renames it when complete
// (output/atomic_h5_write.hpp). Throws OutputError on failure.
void write_sensitivity(const std::filesystem::path& out, bool force,
                       const SensitivityResults& results, const Provenance& provenance);

}  // namespace pcsim::output
