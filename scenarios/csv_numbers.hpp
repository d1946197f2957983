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

// What a numeric column holds: only an amount of money may carry a '£'.
enum class NumberUnit {
  Plain,   // counts, headcounts, FTE
  Pounds,  // money: '£' allowed in the sign position
};

// Reads a number as NHS Digital and spreadsheets publish it, and nothing looser, so that no
// malformed cell is misread: surrounding spaces and tabs; a leading sign; for `Pounds` a '£'
// before the figure ("£1,234.50", "-£50", "£-50", "£ 3,120.00"); thousands grouped by
// commas ("1,234,567.89") or by single spaces ("1 234 567"), one kind in a cell, the first
// group of 1 to 3 digits and every other of 3; a decimal part and an exponent; and an
// accounting negative in brackets around an unsigned figure ("(1,234.50)" = -1234.5,
// "(£50)" for `Pounds`). Invalid: anything else, among it spaces or tabs inside the figure
// ("1 0", "3<TAB>6", "3.6 1"), a '£' elsewhere or in a `Plain` column ("12£480", "£2" as
// a headcount), a sign inside brackets ("(-3.6)"), infinities, NaN and a "£" with no figure
// (Blank is only a cell with nothing but spaces).
NumericCell parse_published_number(std::string_view text, NumberUnit unit = NumberUnit::Plain);

// The text with surrounding ASCII spaces and tabs removed.
std::string trim(std::string_view text);

// ASCII upper case (practice, CCG, ICB and PCN codes are compared in upper case).
std::string upper_ascii(std::string text);

}  // namespace pcsim::scenarios
