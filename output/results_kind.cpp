#include "output/results_kind.hpp"

#include <system_error>

#include "core/errors.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/results_layout.hpp"
#include "output/results_open.hpp"

namespace pcsim::output {

namespace {

[[noreturn]] void refuse(const std::filesystem::path& path, const std::string& what) {
  throw OutputError("'" + path.string() + "' " + what);
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
  h5::silence_automatic_error_printing();
  std::error_code error;
  if (!std::filesystem::exists(path, error)) refuse(path, "does not exist");
  if (!std::filesystem::is_regular_file(path, error)) refuse(path, "is not a file");
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  H5Eclear2(H5E_DEFAULT);
  if (is_hdf5 <= 0) {
    refuse(path,
           "is not an HDF5 file (expected a results file of pcsim run or a sensitivity "
           "file of pcsim sensitivity)");
  }
  OpenedResults opened;
  try {
    opened.file = h5::open_file_read_only(path);
  } catch (const OutputError&) {
    refuse(path,
           "is damaged or incomplete: HDF5 cannot open it (a run that was stopped "
           "leaves NAME.tmp, never a file under the final name)");
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
  } catch (const OutputError& e) {
    refuse(path, "is damaged or lacks part of the pcsim layout: " + first_line(e.what()));
  }
}

}  // namespace pcsim::output
