#pragma once
// Turning numbers into text for people (grouped thousands, £, %) and for spreadsheets
// (CSV fields that round-trip exactly).
#include <cstddef>
#include <string>
#include <string_view>

namespace pcsim::output {

// `value` rounded to `decimals` places with thousands separators: 1234567.8 -> "1,234,568"
// (decimals 0), -1234.5 -> "-1,234.5" (decimals 1). A value that rounds to zero never
// carries a minus sign.
std::string group_thousands(double value, int decimals);

// `value` as a person reads it in `unit`: "GBP" -> "£1,234,567" (whole pounds);
// "0/1" -> a percentage with one decimal ("12.5%"); "ratio" -> two decimals; anything
// else -> grouped, with 0 decimals from 100 up, 1 from 10 up, else 2. NaN -> "n/a".
std::string format_for_unit(double value, std::string_view unit);

// The number of characters a terminal shows for UTF-8 `text` (code points; "£" is one).
std::size_t display_width(std::string_view text);

// `text` padded with spaces to `width` displayed characters, on the left (right-aligned)
// or on the right (left-aligned). Longer text is returned whole.
std::string align_right(std::string_view text, std::size_t width);
std::string align_left(std::string_view text, std::size_t width);

// A CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, quote or
// line break; otherwise as is.
std::string csv_field(std::string_view text);
// A number for CSV: the shortest text that reads back as the same double; "" for NaN.
std::string csv_number(double value);

}  // namespace pcsim::output
