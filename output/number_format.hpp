#pragma once
// Turning numbers into text for people (grouped thousands, £, %) and for spreadsheets
// (CSV fields that round-trip exactly).
#include <cstddef>
#include <span>
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

// A scale for money in tables and charts, as finance papers use: the unit goes in the
// header ("£m") and the cells hold the scaled figure ("-2.41").
struct MoneyScale {
  double divisor = 1;     // 1, 1e3, 1e6 or 1e9
  std::string_view unit;  // "£", "£k", "£m", "£bn"
  std::string_view word;  // "", "thousand", "million", "billion" (for axis titles)
  int decimals = 0;       // 0 for £, 1 for £k, 2 for £m and £bn
};
// The scale for a set of amounts, from the largest finite |value|: £ below £10,000, £k
// below £1m, £m below £1bn, else £bn. Decimals: 0 for £, 1 for £k, 2 for £m and £bn. NaN
// and infinite values are ignored; an empty set gives £.
MoneyScale money_scale_for(std::span<const double> values);
// `value` / scale.divisor with the scale's decimals and thousands separators, no symbol
// ("-2.41"); "n/a" for NaN.
std::string format_scaled(double value, const MoneyScale& scale);
// One amount in its own scale, sign before the symbol: "-£2.41m", "£305.7k", "£9,999",
// "£54.9bn"; "n/a" for NaN.
std::string format_money(double value);

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
