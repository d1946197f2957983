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

// Reads `count` strings stored with `stored_type` (an attribute's or dataset's type), each
// made valid UTF-8 as utf8_strings makes them.
// `read` performs the actual H5Aread/H5Dread into the buffer with the given memory type.
std::vector<std::string> read_strings(hid_t stored_type, std::size_t count,
                                      const std::function<herr_t(hid_t, void*)>& read,
                                      const std::string& what);

// The C pointers HDF5 needs to write variable-length strings; valid while `values` lives.
std::vector<const char*> c_strings(const std::vector<std::string>& values);

// `values` as pcsim writes them: the string type says UTF-8 (h5py decodes them so), but a
// path is bytes on Linux and a scenario's file name may be Latin-1, so each byte that is
// not UTF-8 is written visibly as \xE9 (core/utf8_text.hpp, valid_utf8). read_strings does
// the same to what a file holds, for files written before or by other tools, so that the
// report, the workbook and the CSV tables made from a file are UTF-8 whatever it holds.
std::vector<std::string> utf8_strings(const std::vector<std::string>& values);

}  // namespace pcsim::output::h5
