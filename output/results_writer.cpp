#include "output/results_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "model/errors.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/option_writer.hpp"
#include "output/results_layout.hpp"
#include "output/results_validation.hpp"

namespace pcsim::output {

namespace fs = std::filesystem;

namespace {

void write_provenance(hid_t root, const RunResults& results, const Provenance& p) {
  h5::write_int32_attribute(root, "format_version", layout::kFormatVersion);
  h5::write_string_attribute(root, "pcsim_version", p.pcsim_version);
  h5::write_string_attribute(root, "git_commit", p.git_commit);
  h5::write_string_attribute(root, "scenario_file", p.scenario_file);
  h5::write_string_attribute(root, "scenario_text", p.scenario_text);
  h5::write_string_attribute(root, "scenario_sha256", p.scenario_sha256);
  h5::write_uint64_attribute(root, "seed", p.seed);
  // The results' own count: the number of rows of every per-iteration dataset.
  h5::write_int64_attribute(root, "iterations", results.iterations);
  h5::write_int32_attribute(root, "threads", p.threads);
  h5::write_int32_attribute(root, "processes", p.processes);
  h5::write_int32_attribute(root, "central", p.central ? 1 : 0);
  h5::write_string_attribute(root, "start_time", p.start_time);
  h5::write_string_attribute(root, "end_time", p.end_time);
  h5::write_double_attribute(root, "wall_seconds", p.wall_seconds);
  h5::write_string_attribute(root, "host", p.host);
  h5::write_string_attribute(root, "command_line", p.command_line);
  for (const auto& [key, value] : p.extra) h5::write_string_attribute(root, key, value);
}

void write_contents(hid_t root, const RunResults& results, const Provenance& provenance) {
  const auto iterations = static_cast<std::size_t>(results.iterations);
  const std::size_t years = results.year_labels.size();
  write_provenance(root, results, provenance);
  h5::write_strings(root, layout::kYears, results.year_labels);

  h5::Group parameters = h5::create_group(root, layout::kParameters);
  write_parameter_columns(parameters.get(), results.parameters);

  h5::Group options = h5::create_group(root, layout::kOptions);
  std::vector<std::string> order;
  for (const auto& option : results.options) order.push_back(option.name);
  h5::write_string_array_attribute(options.get(), layout::kOptionOrder, order);
  for (const auto& option : results.options) {
    write_option(options.get(), option, iterations, years);
  }
}

// HDF5 does not sync: make the bytes durable before the rename makes the name final.
void sync_to_disk(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    const std::string reason = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    throw OutputError("cannot sync '" + path.string() + "' to disk: " + reason);
  }
  ::close(fd);
}

// Sets `created` once the file exists, so the caller knows it is its own to remove.
void write_file(const fs::path& path, const RunResults& results, const Provenance& provenance,
                bool& created) {
  h5::File file = h5::create_file(path);  // truncates a stale .tmp left by a killed run
  created = true;
  write_contents(file.get(), results, provenance);
  h5::check_status(H5Fflush(file.get(), H5F_SCOPE_GLOBAL),
                   "cannot flush '" + path.string() + "'");
  file.close("cannot close '" + path.string() + "'");
  sync_to_disk(path);
}

bool exists_in_any_form(const fs::path& path) {
  std::error_code error;
  // symlink_status: a dangling link still occupies the name.
  return fs::exists(fs::symlink_status(path, error));
}

}  // namespace

void write_results(const fs::path& out, bool force, const RunResults& results,
                   const Provenance& provenance) {
  validate_for_writing(results, provenance);
  if (!force && exists_in_any_form(out)) {
    throw OutputError("'" + out.string() + "' exists; use --force to replace it");
  }
  fs::path temporary = out;
  temporary += ".tmp";

  // Only remove what this call created: an existing directory named like the .tmp, say,
  // must survive a failed H5Fcreate.
  bool created = false;
  try {
    write_file(temporary, results, provenance, created);
    std::error_code error;
    fs::rename(temporary, out, error);
    if (error) {
      throw OutputError("cannot rename '" + temporary.string() + "' to '" + out.string() +
                        "': " + error.message());
    }
  } catch (...) {
    if (created) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
    }
    throw;
  }
}

}  // namespace pcsim::output
