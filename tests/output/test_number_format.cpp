// Number formatting for the summary table and CSV, against hand-written expectations.
#include "output/number_format.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace pcsim::output {
namespace {

// Fact: separators every three digits from the right after rounding to the requested
// decimals; a value that rounds to zero shows no "-".
TEST(NumberFormat, GroupsThousands) {
  EXPECT_EQ(group_thousands(0, 0), "0");
  EXPECT_EQ(group_thousands(999, 0), "999");
  EXPECT_EQ(group_thousands(1000, 0), "1,000");
  EXPECT_EQ(group_thousands(1234567.8, 0), "1,234,568");
  EXPECT_EQ(group_thousands(-1234.5, 1), "-1,234.5");
  EXPECT_EQ(group_thousands(-0.004, 2), "0.00");
  EXPECT_EQ(group_thousands(123456789012.0, 0), "123,456,789,012");
}

// Fact: each unit has its own reading: pounds whole with the sign before £, 0/1 as a
// percentage, ratios to two places, other counts by size; NaN as "n/a".
TEST(NumberFormat, FormatsByUnit) {
  EXPECT_EQ(format_for_unit(2500000.4, "GBP"), "£2,500,000");
  EXPECT_EQ(format_for_unit(-600, "GBP"), "-£600");
  EXPECT_EQ(format_for_unit(0.125, "0/1"), "12.5%");
  EXPECT_EQ(format_for_unit(1.2345, "ratio"), "1.23");
  EXPECT_EQ(format_for_unit(345678.9, "patients"), "345,679");
  EXPECT_EQ(format_for_unit(471.8, "appointments"), "472");
  EXPECT_EQ(format_for_unit(45.64, "GPs"), "45.6");
  EXPECT_EQ(format_for_unit(3.456, "FTE"), "3.46");
  EXPECT_EQ(format_for_unit(std::nan(""), "GBP"), "n/a");
}

// Fact: a parameter reads by its registry unit: £ amounts in whole pounds with separators
// (the audit's allocation, shown as 5.54e+07, and a running cost's mean, 5.089e+04), pence
// below £1,000 when there are any; rates and shares as percentages to four significant
// digits (the 3.5% discount rate, shown as 0.03; a 5% share, shown as 0.05); calendar years
// without a separator; switches as on/off; anything else to four significant digits.
TEST(NumberFormat, ParametersReadByTheirUnit) {
  EXPECT_EQ(format_parameter(55400000, "£ per year"), "£55,400,000");
  EXPECT_EQ(format_parameter(50890.37, "£ per year"), "£50,890");
  EXPECT_EQ(format_parameter(6.72, "£ per weighted patient per year"), "£6.72");
  EXPECT_EQ(format_parameter(148, "£ per attendance"), "£148");
  EXPECT_EQ(format_parameter(-1500, "£ per year"), "-£1,500");
  EXPECT_EQ(format_parameter(0.035, "per year"), "3.5%");
  EXPECT_EQ(format_parameter(0.02, "per year"), "2%");
  EXPECT_EQ(format_parameter(-0.01218656, "per year"), "-1.219%");
  EXPECT_EQ(format_parameter(0.05, "share"), "5%");
  EXPECT_EQ(format_parameter(0.9266963, "share"), "92.67%");
  EXPECT_EQ(format_parameter(0.3, "share of the gap per year"), "30%");
  EXPECT_EQ(format_parameter(0, "share"), "0%");
  EXPECT_EQ(format_parameter(2019, "calendar year"), "2019");
  EXPECT_EQ(format_parameter(1, "on/off"), "on");
  EXPECT_EQ(format_parameter(0, "on/off"), "off");
  EXPECT_EQ(format_parameter(4000, "appointments per FTE per year"), "4,000");
  EXPECT_EQ(format_parameter(0.17, "FTE per 1,000 patients"), "0.17");
  EXPECT_EQ(format_parameter(-6.17448, "log-odds"), "-6.174");
  EXPECT_EQ(format_parameter(10, "years"), "10");
  EXPECT_EQ(format_parameter(std::nan(""), "share"), "n/a");
  // A value fixed in the scenario shows to six digits: what was written, whole.
  EXPECT_EQ(format_parameter(-6.17448, "log-odds", kFixedValueDigits), "-6.17448");
  EXPECT_EQ(format_parameter(0.860941, "log-odds", kFixedValueDigits), "0.860941");
  EXPECT_EQ(format_parameter(0.035, "per year", kFixedValueDigits), "3.5%");
  EXPECT_EQ(format_parameter(0.0123456, "share", kFixedValueDigits), "1.23456%");
}

// Fact: the spreadsheet formats show the cell as format_parameter does: £ whole or with
// pence, a percentage with the decimals it needs, a year with no separator, a switch as
// on/off, a number with separators and its decimals.
TEST(NumberFormat, SpreadsheetFormatsMatchTheText) {
  EXPECT_EQ(spreadsheet_format(reading_for_unit(55400000, "£ per year")), "£#,##0;-£#,##0");
  EXPECT_EQ(spreadsheet_format(reading_for_unit(6.72, "£ per appointment")),
            "£#,##0.00;-£#,##0.00");
  EXPECT_EQ(spreadsheet_format(reading_for_unit(0.035, "per year")), "0.0%");
  EXPECT_EQ(spreadsheet_format(reading_for_unit(0.05, "share")), "0%");
  EXPECT_EQ(spreadsheet_format(reading_for_unit(0.9266963, "share")), "0.00%");
  EXPECT_EQ(spreadsheet_format(reading_for_unit(2019, "calendar year")), "0");
  EXPECT_EQ(spreadsheet_format(reading_for_unit(1, "on/off")), "\"on\";\"on\";\"off\"");
  EXPECT_EQ(spreadsheet_format(reading_for_unit(4000, "weighted patients")), "#,##0");
  EXPECT_EQ(spreadsheet_format(reading_for_unit(0.17, "FTE per 1,000 patients")), "#,##0.00");
}

// Fact: four significant digits, trailing zeros dropped: 0.17 -> 0.1700 -> 2 decimals;
// 3.5 -> 1; 4000 -> 0; 92.66963 -> 92.67 -> 2; 9.99996 rounds to 10.000 -> 0; 0 -> 0.
TEST(NumberFormat, SignificantDecimals) {
  EXPECT_EQ(significant_decimals(0.17, 4), 2);
  EXPECT_EQ(significant_decimals(3.5, 4), 1);
  EXPECT_EQ(significant_decimals(4000, 4), 0);
  EXPECT_EQ(significant_decimals(92.66963, 4), 2);
  EXPECT_EQ(significant_decimals(-1.218656, 4), 3);
  EXPECT_EQ(significant_decimals(9.99996, 4), 0);
  EXPECT_EQ(significant_decimals(0, 4), 0);
  EXPECT_EQ(significant_decimals(std::nan(""), 4), 0);
}

// Fact: a count within rounding error of a whole number is written whole (the audit's
// registered patients, 620760.9999999994, are 620,761 people); another value keeps its
// exact text; NaN is empty.
TEST(NumberFormat, CountsWholeWhenWhole) {
  EXPECT_EQ(count_number(620760.9999999994), "620761");
  EXPECT_EQ(count_number(62134645.00000001), "62134645");
  EXPECT_EQ(count_number(272), "272");
  EXPECT_EQ(count_number(-0.0), "0");
  EXPECT_EQ(count_number(654321.25), "654321.25");
  EXPECT_EQ(std::stod(count_number(48281234.567)), 48281234.567);
  EXPECT_EQ(count_number(std::nan("")), "");
}

// Fact: width counts code points, so "£1" is two characters wide though three bytes long,
// and alignment pads by what is shown.
TEST(NumberFormat, AlignsByDisplayedWidth) {
  EXPECT_EQ(display_width("£1"), 2u);
  EXPECT_EQ(align_right("£1", 4), "  £1");
  EXPECT_EQ(align_left("ab", 4), "ab  ");
  EXPECT_EQ(align_right("toolong", 3), "toolong");
}

// Fact: CSV fields are quoted only when needed, with inner quotes doubled (RFC 4180);
// numbers round-trip and NaN is an empty cell.
TEST(NumberFormat, WritesCsvFieldsAndNumbers) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(std::stod(csv_number(0.1)), 0.1);
  EXPECT_EQ(std::stod(csv_number(1.0 / 3.0)), 1.0 / 3.0);
  EXPECT_EQ(csv_number(std::numeric_limits<double>::quiet_NaN()), "");
}

// Text a spreadsheet would evaluate (OWASP's list: = + - @, tab, carriage return first) is
// shown as text after an apostrophe; numbers, and text that merely contains the signs, are
// written as they are.
TEST(NumberFormat, CsvTextThatReadsAsAFormulaIsWrittenAsText) {
  EXPECT_EQ(csv_field("=1+2"), "'=1+2");
  EXPECT_EQ(csv_field("+2 GPs"), "'+2 GPs");
  EXPECT_EQ(csv_field("-10% referrals"), "'-10% referrals");
  EXPECT_EQ(csv_field("@SUM(A1:A9)"), "'@SUM(A1:A9)");
  EXPECT_EQ(csv_field("\tx"), "'\tx");
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(csv_field("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(csv_field("-"), "'-");
  // Numbers stay numbers: a spreadsheet reads them as values, not formulas.
  EXPECT_EQ(csv_field("-0.5"), "-0.5");
  EXPECT_EQ(csv_field("+3"), "+3");
  EXPECT_EQ(csv_field("-1e-05"), "-1e-05");
  EXPECT_EQ(csv_field("-inf"), "'-inf");
  // Signs inside the text are harmless.
  EXPECT_EQ(csv_field("levels up = 2"), "levels up = 2");
  EXPECT_EQ(csv_field("a-b"), "a-b");
}

}  // namespace
}  // namespace pcsim::output

namespace pcsim::output {
namespace {

// Fact: money is scaled from the largest figure: £ below £10,000 (whole pounds), £k to one
// decimal below £1m, £m and £bn to two decimals; NaN and infinities are ignored.
TEST(MoneyScale, ChosenFromTheLargestFigure) {
  const std::vector<double> small = {9999, -12, std::nan("")};
  EXPECT_EQ(money_scale_for(small).unit, "£");
  const std::vector<double> thousands = {10000, 305701};
  EXPECT_EQ(money_scale_for(thousands).unit, "£k");
  const std::vector<double> millions = {38868, -15.8e6, INFINITY};
  const MoneyScale m = money_scale_for(millions);
  EXPECT_EQ(m.unit, "£m");
  EXPECT_EQ(format_scaled(38868, m), "0.04");  // a small NPV beside a large one still shows
  EXPECT_EQ(format_scaled(-15.8e6, m), "-15.80");
  const std::vector<double> billions = {-54894397578.0};
  EXPECT_EQ(format_scaled(-54894397578.0, money_scale_for(billions)), "-54.89");
  EXPECT_EQ(money_scale_for({}).unit, "£");
}

// Fact: one amount in its own scale, the sign before the symbol.
TEST(MoneyScale, OneAmount) {
  EXPECT_EQ(format_money(-2.41e6), "-£2.41m");
  EXPECT_EQ(format_money(305701), "£305.7k");
  EXPECT_EQ(format_money(9999), "£9,999");
  EXPECT_EQ(format_money(-54894397578.0), "-£54.89bn");
  EXPECT_EQ(format_money(std::nan("")), "n/a");
}

// A probability's percentage to one decimal, ties half away from zero on the decimal value
// whatever the binary one: k of n iterations by hand (1/400 = 0.25% -> 0.3; 7/2,000 = 0.35%
// -> 0.4; 1,333/2,000 = 66.65% -> 66.7; 133/200 = 66.5%; 2/3 = 66.666...% -> 66.7), and
// the "0/1" unit the summary's comparison prints with it.
TEST(NumberFormat, PercentOneDecimalRoundsTiesAwayFromZero) {
  EXPECT_EQ(percent_one_decimal(1.0 / 400), "0.3");
  EXPECT_EQ(percent_one_decimal(7.0 / 2000), "0.4");
  EXPECT_EQ(percent_one_decimal(1333.0 / 2000), "66.7");
  EXPECT_EQ(percent_one_decimal(133.0 / 200), "66.5");
  EXPECT_EQ(percent_one_decimal(2.0 / 3), "66.7");
  EXPECT_EQ(percent_one_decimal(0), "0.0");
  EXPECT_EQ(percent_one_decimal(1), "100.0");
  EXPECT_EQ(format_for_unit(11.0 / 2000, "0/1"), "0.6%");
  // Every tie of 400 and 2,000 iterations rounds up, as whole-number arithmetic says.
  for (const int n : {400, 2000}) {
    for (int k = 0; k <= n; ++k) {
      const long long twice_tenths = 2000LL * k / n;               // exact when 2000 k / n is whole
      if (2000LL * k % n != 0 || twice_tenths % 2 == 0) continue;  // not a tie
      const long long up = (twice_tenths + 1) / 2;
      EXPECT_EQ(percent_one_decimal(static_cast<double>(k) / n),
                group_thousands(static_cast<double>(up) / 10, 1))
          << k << " of " << n;
    }
  }
}

}  // namespace
}  // namespace pcsim::output
