#pragma once
#include <string>
#include <string_view>

namespace pcsim::scenarios {

// What a numeric CSV cell held.
enum class CellKind {
  Blank,       // empty or spaces only
  Suppressed,  // a publisher's marker for a suppressed or unavailable figure (see below)
  Number,      // `value` holds it
  Invalid,     // anything else ("12x", "1,23,4", "inf", "nan", "three", a label)
};

struct NumericCell {
  CellKind kind = CellKind::Blank;
  double value = 0;
};

// The markers NHS Digital, the ONS / Government Statistical Service and the Health Equity
// Evidence Centre's series use for a figure they suppress or do not have: "c", "*", "..",
// "x", "z", "[c]", "[x]", "[z]", "-", "N/A", "n/a", "NA". Whether such a cell is an error
// or a warning is the reader's choice: a payments file never suppresses (an error there),
// a workforce file does (a warning, and the practice is treated as lacking the figure).
bool is_suppression_marker(std::string_view trimmed_text);

// Reads a number as NHS Digital and spreadsheets publish it: surrounding and inner spaces,
// a '£' sign, thousands commas in groups of three ("1,234,567.89"), a leading sign, and an
// accounting negative in brackets ("(1,234.50)" = -1234.5). Infinity and NaN are Invalid,
// as is a "£" with no figure (Blank is only a cell with nothing but spaces).
NumericCell parse_published_number(std::string_view text);

// The text with surrounding ASCII spaces and tabs removed.
std::string trim(std::string_view text);

// ASCII upper case (practice, CCG, ICB and PCN codes are compared in upper case).
std::string upper_ascii(std::string text);

}  // namespace pcsim::scenarios
