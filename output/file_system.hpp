#pragma once
// Small file-system steps shared by the writers that write OUT.tmp and rename it.
#include <filesystem>

namespace pcsim::output {

// True when anything (a file, a directory, even a dangling link) occupies `path`.
bool exists_in_any_form(const std::filesystem::path& path);

// HDF5 does not sync: makes the file's bytes durable before a rename makes its name final.
// Throws OutputError naming the file and the reason.
void sync_to_disk(const std::filesystem::path& path);

}  // namespace pcsim::output
