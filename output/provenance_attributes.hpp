#pragma once
// The provenance root attributes of a pcsim file (docs/output-format.md, "Root
// attributes"), written by every writer and read back by every reader, under one set of
// names.
#include <hdf5.h>

#include <cstdint>

#include "output/provenance.hpp"

namespace pcsim::output {

// Writes format_version, then every Provenance field under its documented name, with
// `iterations` as the file's iteration count, then Provenance::extra as string attributes.
void write_provenance_attributes(hid_t root, const Provenance& provenance, std::int64_t iterations);

// Reads the Provenance of the root group `root`. pcsim_version, git_commit, scenario_file,
// start_time, seed, iterations, central and wall_seconds must be there (OutputError naming
// the attribute otherwise); the fields a file of an older pcsim may lack are left at their
// defaults. `extra` holds the root's other single-string attributes in name order (neither
// a provenance nor a convergence_* name; attributes of other kinds are not provenance).
Provenance read_provenance_attributes(hid_t root);

}  // namespace pcsim::output
