#pragma once
// read_summary from an open file, for the readers inside output/ (the public header stays
// free of HDF5, which only output/ may see).
#include <hdf5.h>

#include "output/summary_reader.hpp"

namespace pcsim::output {

// From the root group of a file already opened and classified as a results file
// (output/results_kind.hpp). Throws OutputError when a part of the layout is missing.
ResultsSummary read_summary(hid_t root);

}  // namespace pcsim::output
