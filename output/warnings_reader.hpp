#pragma once
// Reads /warnings, the run's warnings as results_writer.cpp stores them (results_layout.hpp:
// key[w], message[w], item[i], item_warning[i]), back into the RunWarnings the run printed.
// For the readers inside output/ (HDF5 stays out of the public headers).
#include <hdf5.h>

#include <optional>
#include <vector>

#include "core/warnings.hpp"

namespace pcsim::output {

// The warnings in the order the run gave them, each with every item in order; nullopt when
// the file has no /warnings group. Throws OutputError when the datasets disagree (counts that
// do not match, an item that belongs to no warning).
std::optional<std::vector<RunWarning>> read_stored_warnings(hid_t root);

}  // namespace pcsim::output
