#pragma once
// Writing an HDF5 file so that only a complete file ever carries its final name: the data
// go to NAME.tmp, which is flushed, closed and synced, then renamed to NAME.
#include <hdf5.h>

#include <filesystem>
#include <functional>

namespace pcsim::output {

// Refuses (OutputError "'NAME' exists; use --force to replace it") when `out` exists in
// any form (a dangling link too) and `force` is false. Otherwise creates `out` + ".tmp"
// (truncating a stale one left by a killed run), calls write(root) with the file's root
// group, flushes, closes and syncs it, and renames it to `out`. On any failure the .tmp
// this call created is removed and the error propagates (OutputError for HDF5 and file
// system failures); an existing `out` is replaced only by a complete new file.
void write_h5_atomically(const std::filesystem::path& out, bool force,
                         const std::function<void(hid_t root)>& write);

}  // namespace pcsim::output
