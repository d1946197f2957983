#include "runner/analytics_command.hpp"

#include <sstream>

#include "output/analytics_printer.hpp"
#include "output/analytics_reader.hpp"
#include "output/risk_printer.hpp"
#include "scenarios/scenario_schema.hpp"

namespace pcsim::runner {

void schema_command(std::ostream& out) { out << scenarios::scenario_json_schema(); }

void summary_sections_command(const std::filesystem::path& results, const SummarySections& sections,
                              bool csv, std::ostream& destination, std::ostream& err) {
  // Every section is read and written here first and printed only when all are: a file
  // that fails in a later section (--risk of a damaged file) must print nothing, not the
  // sections before it followed by an error.
  std::ostringstream out, notes;
  bool first = true;
  const auto separate = [&] {
    if (!first) out << '\n';
    first = false;
  };
  if (sections.drivers || sections.evppi || sections.sobol) {
    const output::AnalyticsFile file = output::read_analytics(results);
    if (sections.drivers) {
      separate();
      output::print_drivers(file, out, csv, notes);
    }
    if (sections.evppi) {
      separate();
      output::print_evppi(file, out, csv, notes);
    }
    if (sections.sobol) {
      separate();
      output::print_sobol_by_year(file, out, csv, notes);
    }
  }
  if (sections.risk) {
    separate();
    output::print_risk(output::read_risk(results), out, csv);
  }
  destination << out.str();
  err << notes.str();
}

}  // namespace pcsim::runner
