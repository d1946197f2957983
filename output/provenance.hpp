#pragma once
// The provenance of a pcsim file: what the writers store as root attributes and what the
// readers give back (docs/output-format.md, "Root attributes"). One struct for both, so a
// field added here is written, read and shown alike.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pcsim::output {

struct Provenance {
  std::string pcsim_version;
  std::string git_commit;
  std::string scenario_name;  // the scenario's `name`; "" in files of an older pcsim
  std::string scenario_file;
  std::string scenario_text;
  std::string scenario_sha256;
  std::uint64_t seed = 0;
  std::int64_t iterations = 0;
  int threads = 1;
  int processes = 1;
  bool central = false;
  std::string start_time;  // ISO 8601 UTC
  std::string end_time;
  double wall_seconds = 0;
  std::string host;
  std::string command_line;
  // Further string attributes (the practice load report, practices_*), in the order
  // written; read back in name order. Never one of the names above.
  std::vector<std::pair<std::string, std::string>> extra;
};

}  // namespace pcsim::output
