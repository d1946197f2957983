#include "output/provenance_attributes.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "output/hdf5_attributes.hpp"
#include "output/hdf5_handles.hpp"
#include "output/results_layout.hpp"

namespace pcsim::output {

namespace {

bool is_layout_name(std::string_view name) {
  const auto in = [name](const auto& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  return in(layout::kRootAttributes) || in(layout::kConvergenceAttributes);
}

// An int32 field a file of an older pcsim may lack.
int optional_int(hid_t root, const char* name, int absent) {
  return h5::has_attribute(root, name) ? static_cast<int>(h5::read_int64_attribute(root, name))
                                       : absent;
}

}  // namespace

void write_provenance_attributes(hid_t root, const Provenance& p, std::int64_t iterations) {
  h5::write_int32_attribute(root, "format_version", layout::kFormatVersion);
  h5::write_string_attribute(root, "pcsim_version", p.pcsim_version);
  h5::write_string_attribute(root, "git_commit", p.git_commit);
  h5::write_string_attribute(root, "scenario_name", p.scenario_name);
  h5::write_string_attribute(root, "scenario_file", p.scenario_file);
  h5::write_string_attribute(root, "scenario_text", p.scenario_text);
  h5::write_string_attribute(root, "scenario_sha256", p.scenario_sha256);
  h5::write_uint64_attribute(root, "seed", p.seed);
  h5::write_int64_attribute(root, "iterations", iterations);
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

Provenance read_provenance_attributes(hid_t root) {
  Provenance p;
  p.pcsim_version = h5::read_string_attribute(root, "pcsim_version");
  p.git_commit = h5::read_string_attribute(root, "git_commit");
  p.scenario_name = h5::read_optional_string_attribute(root, "scenario_name");
  p.scenario_file = h5::read_string_attribute(root, "scenario_file");
  p.scenario_text = h5::read_optional_string_attribute(root, "scenario_text");
  p.scenario_sha256 = h5::read_optional_string_attribute(root, "scenario_sha256");
  p.seed = h5::read_uint64_attribute(root, "seed");
  p.iterations = h5::read_int64_attribute(root, "iterations");
  p.threads = optional_int(root, "threads", p.threads);
  p.processes = optional_int(root, "processes", p.processes);
  p.central = h5::read_int64_attribute(root, "central") != 0;
  p.start_time = h5::read_string_attribute(root, "start_time");
  p.end_time = h5::read_optional_string_attribute(root, "end_time");
  p.wall_seconds = h5::read_double_attribute(root, "wall_seconds");
  p.host = h5::read_optional_string_attribute(root, "host");
  p.command_line = h5::read_optional_string_attribute(root, "command_line");
  for (const auto& name : h5::attribute_names(root)) {
    if (is_layout_name(name) || h5::attribute_class(root, name) != H5T_STRING) continue;
    std::vector<std::string> values = h5::read_string_array_attribute(root, name);
    if (values.size() == 1) p.extra.emplace_back(name, std::move(values.front()));
  }
  return p;
}

}  // namespace pcsim::output
