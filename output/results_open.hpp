#pragma once
// Which kind of pcsim file a path holds, found before anything is read from it, so every
// reader (summary, report, export) says in one line what a foreign, damaged or newer file
// is instead of showing HDF5's error stack.
#include <filesystem>
#include <functional>
#include <string>

#include "output/hdf5_handles.hpp"
#include "output/results_kind.hpp"

namespace pcsim::output {

struct OpenedResults {
  h5::File file;
  ResultsKind kind = ResultsKind::Run;
};

// Opens `path` read-only, checks the whole-file checksum (output/hdf5_file_checksum.hpp)
// before HDF5 parses more than the superblock, and classifies it. Throws OutputError with
// one line naming the file when it is missing, not a regular file, empty, not HDF5,
// truncated, damaged (a checksum fails, or HDF5 cannot open it), HDF5 but not written by
// pcsim (no format_version), of a newer format than this build reads, or a pcsim file of
// neither kind.
OpenedResults open_results(const std::filesystem::path& path);

// Runs `read` on an opened file; an OutputError it throws (a missing item, a wrong shape,
// an HDF5 read failure) becomes one line: "'PATH' is damaged or lacks part of the pcsim
// layout: <first line of the error>", or "'PATH' is damaged: ..." for a failed checksum.
void read_or_explain(const std::filesystem::path& path, const std::function<void()>& read);

// The first line of an error message (HDF5 stacks follow on further lines).
std::string first_line(const std::string& message);

}  // namespace pcsim::output
