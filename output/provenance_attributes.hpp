#pragma once
// The provenance root attributes of a pcsim file (docs/output-format.md, "Root
// attributes"), for writers other than the results writer.
#include <hdf5.h>

#include <cstdint>

#include "output/run_results.hpp"

namespace pcsim::output {

// Writes format_version, then every Provenance field under its documented name, with
// `iterations` as the file's iteration count, then Provenance::extra as string attributes.
void write_provenance_attributes(hid_t root, const Provenance& provenance, std::int64_t iterations);

}  // namespace pcsim::output
