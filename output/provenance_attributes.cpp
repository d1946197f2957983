#include "output/provenance_attributes.hpp"

#include "output/hdf5_attributes.hpp"
#include "output/results_layout.hpp"

namespace pcsim::output {

void write_provenance_attributes(hid_t root, const Provenance& p, std::int64_t iterations) {
  h5::write_int32_attribute(root, "format_version", layout::kFormatVersion);
  h5::write_string_attribute(root, "pcsim_version", p.pcsim_version);
  h5::write_string_attribute(root, "git_commit", p.git_commit);
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

}  // namespace pcsim::output
