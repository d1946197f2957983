#pragma once
// Reading and writing arrays of strings, shared by attributes and datasets. pcsim writes
// variable-length UTF-8; reading also accepts fixed-length strings so that files edited
// by other tools still load.
#include <hdf5.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace pcsim::output::h5 {

// Reads `count` strings stored with `stored_type` (an attribute's or dataset's type).
// `read` performs the actual H5Aread/H5Dread into the buffer with the given memory type.
std::vector<std::string> read_strings(hid_t stored_type, std::size_t count,
                                      const std::function<herr_t(hid_t, void*)>& read,
                                      const std::string& what);

// The C pointers HDF5 needs to write variable-length strings; valid while `values` lives.
std::vector<const char*> c_strings(const std::vector<std::string>& values);

}  // namespace pcsim::output::h5
