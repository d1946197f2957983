#pragma once
#include <string>
#include <string_view>

namespace pcsim::scenarios {

// What a numeric CSV cell held.
enum class CellKind {
  Blank,    // empty, spaces only, or a not-available marker: "-", "N/A", "NA", "n/a"
  Number,   // `value` holds it
  Invalid,  // anything else ("12x", "1,23,4", "*", a label)
};

struct NumericCell {
  CellKind kind = CellKind::Blank;
  double value = 0;
};

// Reads a number as NHS Digital and spreadsheets publish it: surrounding and inner spaces,
// a '£' sign, thousands commas in groups of three ("1,234,567.89"), a leading sign, and an
// accounting negative in brackets ("(1,234.50)" = -1234.5). Infinity and NaN are Invalid.
NumericCell parse_published_number(std::string_view text);

// The text with surrounding ASCII spaces and tabs removed.
std::string trim(std::string_view text);

}  // namespace pcsim::scenarios
