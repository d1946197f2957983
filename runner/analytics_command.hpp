#pragma once
// The analytics subcommands and summary sections (docs/cli.md): `pcsim schema` and
// `pcsim summary --drivers / --evppi / --sobol / --risk`.
#include <filesystem>
#include <ostream>

namespace pcsim::runner {

// `pcsim schema`: the JSON Schema of the scenario format (scenarios/scenario_schema.hpp).
void schema_command(std::ostream& out);

// Which analytics `pcsim summary` prints instead of its default tables.
struct SummarySections {
  bool drivers = false;  // change by driver
  bool evppi = false;    // value of information
  bool sobol = false;    // Sobol indices by year
  bool risk = false;     // who bears the risk of an overspend
  bool any() const { return drivers || evppi || sobol || risk; }
};

// Prints the sections asked for, in the order above, as tables or (csv) as long CSV
// tables separated by a blank line, all at once: nothing is printed when one fails. With
// csv, a section the file lacks is its header alone, and the note saying how to get it goes
// to `err`. Throws OutputError for a file pcsim cannot read.
void summary_sections_command(const std::filesystem::path& results, const SummarySections& sections,
                              bool csv, std::ostream& out, std::ostream& err);

}  // namespace pcsim::runner
