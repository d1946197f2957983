#pragma once
// The results file's root attributes as the exports write them (provenance.csv of
// `pcsim export --csv` and the workbook's Provenance sheet): read again from the file with
// their types, so that a float is written whole and a number stays a number, never the
// six-digit "%g" text the report shows (wall_seconds 0.203103 for 0.203102828).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "output/report_data.hpp"

namespace pcsim::output {

struct ExportAttribute {
  std::string name;
  // For a text field: a string as stored (a list joined with ", "), an integer in full, a
  // float as the shortest text that reads back as the same double.
  std::string text;
  // For a spreadsheet cell: the value when a number holds it without loss (number_in_text),
  // else nullopt (the cell holds `text`).
  std::optional<double> number;
};

// Every attribute of data.attributes (every root attribute but scenario_text), in its
// order; floats are read again from data.path. Throws OutputError when the file cannot be
// read.
std::vector<ExportAttribute> export_attributes(const ReportData& data);

// The number `text` writes without loss, or nullopt: an integer of at most 15 digits, no
// leading zero (a spreadsheet shows 15 significant digits, so a longer one, a seed of 20
// digits, stays text), or a decimal without exponent that is the shortest text of its
// double ("37289083.19999999", "0.5"; not "1.50", "007", "1e5" or a hash of digits). Integer
// and float attributes, and the practices_* figures the file stores as text, become numbers.
std::optional<double> number_in_text(std::string_view text);

}  // namespace pcsim::output
