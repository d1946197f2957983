#pragma once
// How HDF5 failures read (output/hdf5_handles.cpp), set from the command line without
// including HDF5's headers.

namespace pcsim::output::h5 {

// Whether error messages carry HDF5's whole error stack (`pcsim --debug`) or only the
// reason HDF5 gave where the failure started (the default, one line). Process-wide.
void set_error_stack_in_messages(bool on);

}  // namespace pcsim::output::h5
