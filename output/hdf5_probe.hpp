#pragma once
// A results file without pcsim's checksum record (a file of an older pcsim, or one whose
// user block was stripped) has nothing to vouch for its bytes, and HDF5 1.10.8 crashes
// (a segmentation fault in H5HG_read) on some damaged files instead of reporting them. Such
// a file is first read whole - every attribute and dataset, variable-length strings too -
// in a child process, so that a crash there becomes a one-line message rather than the
// command's own crash.
#include <filesystem>
#include <string>

namespace pcsim::output::h5 {

// Reads every attribute and dataset of `path` in a forked child. Returns "" when the child
// finished (whether or not HDF5 reported errors: those the reader then reports itself), or
// what went wrong: "HDF5 crashed reading it (signal 11, Segmentation fault)", "HDF5 did not
// finish reading it within 120 s". When no child can be started, "" (the file is read as
// before). Call with no HDF5 identifier of `path` open (the child opens it afresh).
std::string probe_whole_file(const std::filesystem::path& path);

}  // namespace pcsim::output::h5
