#include "output/results_kind.hpp"

#include "core/errors.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_file_checksum.hpp"
#include "output/hdf5_probe.hpp"
#include "output/results_layout.hpp"
#include "output/results_open.hpp"

namespace pcsim::output {

namespace {

[[noreturn]] void refuse(const std::filesystem::path& path, const std::string& what) {
  throw OutputError("'" + path.string() + "' " + what);
}

// "'X' is damaged: <what failed>; ...": the one message for a failed checksum.
OutputError damaged(const std::filesystem::path& path, const std::string& detail) {
  return OutputError("'" + path.string() + "' is damaged: " + detail +
                     "; its bytes changed after pcsim wrote them (edited by another program, such "
                     "as h5py, or a faulty disk or copy): restore it from a copy or run again");
}

void check_format(hid_t root, const std::filesystem::path& path) {
  if (!h5::has_attribute(root, "format_version")) {
    refuse(path,
           "is an HDF5 file, but not one pcsim wrote (it has no format_version "
           "attribute; expected a file of pcsim run or pcsim sensitivity)");
  }
  const std::int64_t version = h5::read_int64_attribute(root, "format_version");
  if (version > layout::kFormatVersion) {
    refuse(path, "has results format " + std::to_string(version) +
                     ", newer than this pcsim reads (format " +
                     std::to_string(layout::kFormatVersion) + "); use a newer pcsim");
  }
  if (version < 1) {
    refuse(path, "has an invalid format_version " + std::to_string(version) + " (expected 1 to " +
                     std::to_string(layout::kFormatVersion) + ")");
  }
}

}  // namespace

std::string describe(ResultsKind kind) {
  return kind == ResultsKind::Run ? "results file of pcsim run"
                                  : "sensitivity file of pcsim sensitivity";
}

std::string first_line(const std::string& message) {
  std::string line = message.substr(0, message.find('\n'));
  const std::string stack = "; HDF5 error stack:";
  if (const auto at = line.find(stack); at != std::string::npos) line.erase(at);
  return line;
}

OpenedResults open_results(const std::filesystem::path& path) {
  // Missing, not a file, empty, not HDF5, truncated: one line each. HDF5 reads no more
  // than the superblock here, which its own checksum covers.
  OpenedResults opened;
  opened.file = h5::open_file_read_only(path);
  // The whole-file checksum before HDF5 parses anything more: a damaged string heap would
  // crash HDF5 1.10.8, and damage anywhere is reported, not only in what a reader reads.
  h5::FileChecksum checksum = h5::FileChecksum::absent;
  try {
    checksum = h5::verify_file_checksum(path);
  } catch (const h5::DamagedFileError& error) {
    throw damaged(path, error.what());
  }
  // pcsim writes the record into a user block of its size: the block without the record
  // is a damaged record (a file of an older pcsim has no user block).
  if (checksum == h5::FileChecksum::absent &&
      h5::user_block_bytes(opened.file.get()) == h5::kUserBlockBytes) {
    throw damaged(path, "its checksum record (the first 512 bytes) is missing");
  }
  if (checksum == h5::FileChecksum::absent) {
    // Nothing vouches for an older file's bytes, and HDF5 crashes on some damage: it is
    // read whole in a child process first (output/hdf5_probe.hpp), with the file closed
    // here so that the child opens it afresh.
    opened.file = h5::File();
    const std::string crash = h5::probe_whole_file(path);
    if (!crash.empty()) {
      throw OutputError("'" + path.string() + "' is damaged: " + crash +
                        "; it has no checksum record (a file of an older pcsim, or one whose "
                        "first 512 bytes were removed) to tell where: restore it from a copy "
                        "or run again");
    }
    opened.file = h5::open_file_read_only(path);
  }
  try {
    const hid_t root = opened.file.get();
    check_format(root, path);
    if (h5::has_link(root, layout::kOptions)) {
      opened.kind = ResultsKind::Run;
    } else if (h5::has_link(root, "sensitivity")) {
      opened.kind = ResultsKind::Sensitivity;
    } else {
      refuse(path,
             "is a pcsim file of an unknown kind (it has neither /options nor "
             "/sensitivity)");
    }
  } catch (const h5::DamagedFileError& error) {
    throw damaged(path, first_line(error.what()));
  } catch (const OutputError& e) {
    const std::string message = e.what();
    if (message.rfind("'" + path.string() + "'", 0) == 0) throw;
    refuse(path, "is damaged: " + first_line(message));
  }
  return opened;
}

void read_or_explain(const std::filesystem::path& path, const std::function<void()>& read) {
  try {
    read();
  } catch (const h5::DamagedFileError& error) {
    throw damaged(path, first_line(error.what()));
  } catch (const OutputError& e) {
    refuse(path, "is damaged or lacks part of the pcsim layout: " + first_line(e.what()));
  }
}

}  // namespace pcsim::output
