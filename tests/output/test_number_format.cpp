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

}  // namespace
}  // namespace pcsim::output
