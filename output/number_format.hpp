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

// A share (a probability: k of n iterations) as a percentage to one decimal, without the
// sign: 0.665 -> "66.5", 0.0025 -> "0.3". Ties round half away from zero on the share's
// decimal value: share * 1000 may land a unit in the last place either side of a tie, so
// fmt's rounding of the binary value reads 0.25% as 0.2 yet 0.35% as 0.4; a nudge of 1e-12
// of the value puts every tie on the same side (far above that error, far below the
// distance 1 / (2n) tenths of any other share from a tie). The report, the summary and the
// workbook's text all print probabilities with it, so the same figure reads the same.
std::string percent_one_decimal(double share);

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

// How a parameter's value reads, chosen from its unit in the parameter registry
// (model/parameter_registry.hpp), so that the report and the workbook show the same:
//   Money   "£..." units: £ with thousands separators, whole pounds ("£55,400,000"), pence
//           below £1,000 when the value has them ("£6.72");
//   Percent "share", "share ..." (of the gap per year, per year, ...), "per year" (a rate),
//           "probability": a percentage to `digits` significant digits, trailing zeros
//           dropped (0.035 -> "3.5%", 0.9266963 -> "92.67%", -0.01218656 -> "-1.219%");
//   Year    "calendar year", "year": the whole number without separators ("2019");
//   Switch  "on/off": "on" or "off";
//   Number  anything else: `digits` significant digits with thousands separators ("4,000",
//           "0.17", "-6.174").
// Four digits read well for statistics of draws; a value fixed in the scenario takes
// kFixedValueDigits, so that what was written (-6.17448, 0.860941) shows whole.
enum class ValueKind { Money, Percent, Year, Switch, Number };
struct ValueReading {
  ValueKind kind = ValueKind::Number;
  int decimals = 0;  // after the point, of the figure as shown (the percentage for Percent)
};
inline constexpr int kStatisticDigits = 4;
inline constexpr int kFixedValueDigits = 6;
ValueReading reading_for_unit(double value, std::string_view unit, int digits = kStatisticDigits);
// `value` as `reading` shows it; "n/a" for NaN.
std::string format_reading(double value, const ValueReading& reading);
// format_reading(value, reading_for_unit(value, unit, digits)).
std::string format_parameter(double value, std::string_view unit, int digits = kStatisticDigits);
// The spreadsheet number format that shows a cell as `reading` does ("£#,##0;-£#,##0",
// "0.0%", "0", "#,##0.00", "\"on\";\"on\";\"off\""): the cell keeps the exact value.
std::string spreadsheet_format(const ValueReading& reading);
// The decimals that show `value` to `digits` significant digits without trailing zeros:
// (0.17, 4) -> 2, (3.5, 4) -> 1, (4000, 4) -> 0, (92.66963, 4) -> 2; 0 for 0, NaN and
// infinities.
int significant_decimals(double value, int digits);

// The number of characters a terminal shows for UTF-8 `text` (code points; "£" is one).
std::size_t display_width(std::string_view text);

// `text` padded with spaces to `width` displayed characters, on the left (right-aligned)
// or on the right (left-aligned). Longer text is returned whole.
std::string align_right(std::string_view text, std::size_t width);
std::string align_left(std::string_view text, std::size_t width);

// A CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, quote or
// line break; otherwise as is. Always UTF-8: a byte that is not (a Latin-1 file name) is
// written visibly as \xE9 (core/utf8_text.hpp, valid_utf8). Text a spreadsheet would take
// for a formula (it begins with = + - @, a tab or a carriage return and is not a number)
// is written after an apostrophe, which spreadsheets show as text: "'=1+2".
std::string csv_field(std::string_view text);
// A number for CSV: the shortest text that reads back as the same double; "" for NaN.
std::string csv_number(double value);
// A count for machine-readable text (the practices_* provenance attributes): a value within
// rounding error of a whole number (|x - round(x)| <= 1e-12 max(1, |x|)) as that whole
// number, "620761" for a sum of moved lists that came to 620760.9999999994; any other value
// as csv_number, exact.
std::string count_number(double value);

}  // namespace pcsim::output
